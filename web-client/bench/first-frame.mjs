// Benchmark driver, not a test: one publisher page (fake camera and microphone) joins a room through a
// dispatcher, then receive-only subscriber pages join one after the other, each from its own region.
// For each subscriber it prints how long from opening the page, and from its join, to the first decoded
// video frame of the publisher: {"event":"subscriber",…}. Then {"event":"ready"} and the pages stay, with
// media flowing, until a line arrives on stdin (at most 120 s), so the caller can read the nodes' figures.
// Usage: node first-frame.mjs BASE_URL ROOM_ID PUBLISHER_REGION SUBSCRIBER_REGION[,SUBSCRIBER_REGION…]
import { chromium } from 'playwright-core';

const [ baseUrl, roomId, publisherRegion, subscriberRegions ] = process.argv.slice(2);
const FLAGS = [
	'--use-fake-ui-for-media-stream', '--use-fake-device-for-media-stream', '--allow-loopback-in-peer-connection',
	'--no-sandbox', '--headless', '--disable-gpu', '--no-first-run', '--disable-background-networking',
	'--disable-component-update', '--disable-sync', '--autoplay-policy=no-user-gesture-required'
];

function pageUrl(peerId, region, publish) {
	const url = new URL(baseUrl);

	url.search = new URLSearchParams({ roomId, peerId, displayName: peerId, autojoin: '1', region,
		...(publish ? {} : { mic: '0', cam: '0' }) }).toString();
	return url.toString();
}

async function until(what, seconds, check) {
	const end = Date.now() + seconds * 1000;

	while (Date.now() < end) {
		const value = await check();

		if (value)
			return value;
		await new Promise((r) => setTimeout(r, 20));
	}
	throw new Error(`timed out (${seconds} s) waiting for ${what}`);
}

const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: FLAGS, headless: true });

try {
	const publisher = await (await browser.newContext()).newPage();

	publisher.on('pageerror', (error) => console.error(`[publisher] ${error.message}`));
	await publisher.goto(pageUrl('publisher', publisherRegion, true));
	await until('the publisher producing', 60, () => publisher.evaluate(() => {
		const c = window.mscluster && window.mscluster.client;

		return Boolean(c && c.producers.has('webcam') && c.producers.has('mic'));
	}));
	console.log(JSON.stringify({ event: 'publisher', url: await publisher.evaluate(() => window.mscluster.client.url) }));

	let index = 0;

	for (const region of subscriberRegions.split(',')) {
		const peerId = `subscriber${index++}`;
		const page = await (await browser.newContext()).newPage();

		page.on('pageerror', (error) => console.error(`[${peerId}] ${error.message}`));
		const opened = Date.now();

		await page.goto(pageUrl(peerId, region, false));
		const first = await until(`${peerId}'s first frame`, 60, () => page.evaluate(async () => {
			const c = window.mscluster && window.mscluster.client;

			if (!c)
				return null;
			const stats = await c.receiveStats();
			const video = stats.publisher && stats.publisher.video;

			if (!video || video.framesDecoded === 0)
				return null;
			const joined = c.log.find((e) => e.type === 'joined');

			return { at: Date.now(), joinedAt: joined ? joined.at : null, url: c.url };
		}));

		console.log(JSON.stringify({ event: 'subscriber', peerId, region, url: first.url,
			loadToFirstFrameMs: first.at - opened, joinToFirstFrameMs: first.joinedAt ? first.at - first.joinedAt : null }));
	}
	console.log(JSON.stringify({ event: 'ready' }));
	await new Promise((resolve) => {
		setTimeout(resolve, 120000).unref();
		process.stdin.once('data', resolve);
		process.stdin.once('end', resolve);
	});
	process.stdin.pause();
} catch (error) {
	console.log(JSON.stringify({ event: 'failed', error: String(error && error.stack || error) }));
	process.exitCode = 1;
} finally {
	await browser.close().catch(() => {});
}
