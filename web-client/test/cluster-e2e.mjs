// Browsers entering a cluster through a dispatcher: N headless Chromium instances open the web client
// served by the dispatcher and join one room; the dispatcher redirects their sockets to the room's
// node. Once media flows both ways the script prints {"event":"media",…} and waits for the room's
// node to go away (the Java test closes it): the clients must go back to their entry point, be sent to
// another node, and get media again ({"event":"recovered",…}). Meanwhile it prints a {"event":"tick",…}
// line every second (video frames decoded so far per page, each page's server and re-entries), so the
// test can check that media goes on through a Redis restart. With --hold the pages stay in the room after
// "recovered" until a line arrives on stdin (at most 30 s), so the test can look at the room while they
// are in it. With --reenter the clients recover on the same node (its worker died, e.g. with its media
// host): "recovered" then means every page re-entered (or reconnected, when the node is its entry point)
// and gets media again. Exits non-zero on failure.
// Usage: node cluster-e2e.mjs http://127.0.0.1:DISPATCHER_PORT/ [browsers=2] [roomId] [--no-failover] [--hold] [--reenter]
import { chromium } from 'playwright-core';

const args = process.argv.slice(2).filter((a) => !a.startsWith('--'));
const failover = !process.argv.includes('--no-failover');
const hold = process.argv.includes('--hold');
const reenter = process.argv.includes('--reenter');
const [ baseUrl, count = '2', roomId = `cluster-${Date.now()}` ] = args;
const N = Number(count);
const FLAGS = [
	'--use-fake-ui-for-media-stream', '--use-fake-device-for-media-stream', '--allow-loopback-in-peer-connection',
	'--no-sandbox', '--headless', '--disable-gpu', '--no-first-run', '--disable-background-networking',
	'--disable-component-update', '--disable-sync', '--autoplay-policy=no-user-gesture-required'
];

async function until(what, seconds, check) {
	const end = Date.now() + seconds * 1000;

	while (Date.now() < end) {
		const value = await check();

		if (value)
			return value;
		await new Promise((r) => setTimeout(r, 250));
	}
	throw new Error(`timed out (${seconds} s) waiting for ${what}`);
}

const browsers = [];
const pages = [];

const state = (page) => page.evaluate(async () => {
	const c = window.mscluster.client;

	if (!c)
		return null;
	return {
		peerId   : c.peerId,
		entryUrl : c.entryUrl,
		url      : c.url,
		peers    : c.peers.size,
		stats    : await c.receiveStats(),
		redirects : c.log.filter((e) => e.type === 'status' && /Redirected/.test(e.detail.text)).length,
		reentries : c.log.filter((e) => e.type === 'reentry').length,
		// A page whose entry point is the node itself reconnects there (protoo's retry), without a re-entry.
		opens     : c.log.filter((e) => e.type === 'open').length
	};
});

// Every page receives video frames and audio from every other page; returns the states.
const mediaEverywhere = async (fromUrl) => {
	const states = await Promise.all(pages.map(state));

	return states.every((s) => s && s.peers === N - 1 && (!fromUrl || s.url !== fromUrl) && [ ...Array(N).keys() ]
		.filter((j) => `peer${j}` !== s.peerId)
		.every((j) => {
			const st = s.stats[`peer${j}`];

			return st && st.video && st.video.framesDecoded > 0 && st.audio && st.audio.packetsReceived > 0;
		})) && states;
};

try {
	for (let i = 0; i < N; i++) {
		const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: FLAGS, headless: true });

		browsers.push(browser);
		const page = await browser.newPage();

		page.on('pageerror', (error) => console.error(`[page ${i}] ${error.message}`));
		const url = new URL(baseUrl);

		url.search = new URLSearchParams({ roomId, peerId: `peer${i}`, displayName: `Browser ${i + 1}`, autojoin: '1' }).toString();
		await page.goto(url.toString());
		pages.push(page);
	}
	const first = await until('media from every other peer on every page', 90, () => mediaEverywhere(null));

	console.log(JSON.stringify({ event: 'media', roomId, urls: first.map((s) => s.url), entryUrls: first.map((s) => s.entryUrl),
		redirects: first.map((s) => s.redirects) }));
	const ticker = setInterval(async () => {
		const states = await Promise.all(pages.map((p) => state(p).catch(() => null)));

		if (states.every(Boolean)) {
			console.log(JSON.stringify({ event: 'tick', urls: states.map((s) => s.url), reentries: states.map((s) => s.reentries),
				framesDecoded: states.map((s) => Object.values(s.stats).reduce((sum, st) => sum + ((st.video || {}).framesDecoded || 0), 0)) }));
		}
	}, 1000);

	if (failover) {
		const nodeUrl = first[0].url;
		const before = first.map((s) => s.reentries + s.opens);
		const again = await until('media again after the node went away', 90, async () => {
			const states = await mediaEverywhere(reenter ? null : nodeUrl);

			return states && (!reenter || states.every((s, i) => s.reentries + s.opens > before[i])) && states;
		});

		console.log(JSON.stringify({ event: 'recovered', roomId, urls: again.map((s) => s.url), reentries: again.map((s) => s.reentries) }));
		if (hold) {
			await new Promise((resolve) => {
				// unref: neither the timer nor stdin keeps the script alive once the pages are closed.
				setTimeout(resolve, 30000).unref();
				process.stdin.once('data', resolve);
				process.stdin.once('end', resolve);
			});
			process.stdin.pause();
			process.stdin.unref?.();
		}
	}
	clearInterval(ticker);
} catch (error) {
	const states = await Promise.all(pages.map((p) => state(p).catch((e) => String(e))));

	console.log(JSON.stringify({ event: 'failed', error: String(error && error.stack || error), states }));
	process.exitCode = 1;
} finally {
	await Promise.all(browsers.map((b) => b.close().catch(() => {})));
}
