// Real browsers against a running node: N headless Chromium instances open the web client and join
// one room; checks media both ways (getStats), chat over the data channel, activeSpeaker, audioLevels
// (every peer's level, the meters, nothing once every microphone is muted), and that a leaving peer's
// consumers close at the others. Saves a screenshot.
// Usage: node browsers-e2e.mjs http://127.0.0.1:PORT/ ARTIFACT_DIR [browsers=3] [roomId] [otherPeers=0]
// (otherPeers: peers not from this script already in the room, e.g. a test's protoo client)
// Prints one JSON line (including the open → first remote frame times); exits non-zero on failure.
import { chromium } from 'playwright-core';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';

const [ baseUrl, artifacts = 'target/artifacts', count = '3', roomId = `e2e-${Date.now()}`, otherPeers = '0' ]
	= process.argv.slice(2);
const N = Number(count);
const OTHERS = Number(otherPeers);
const FLAGS = [
	'--use-fake-ui-for-media-stream', '--use-fake-device-for-media-stream', '--allow-loopback-in-peer-connection',
	'--no-sandbox', '--headless', '--disable-gpu', '--no-first-run', '--disable-background-networking',
	'--disable-component-update', '--disable-sync', '--autoplay-policy=no-user-gesture-required'
];
const deadline = (seconds) => Date.now() + seconds * 1000;

async function until(what, seconds, check) {
	const end = deadline(seconds);
	let last;

	while (Date.now() < end) {
		last = await check();
		if (last)
			return last;
		await new Promise((r) => setTimeout(r, 250));
	}
	throw new Error(`timed out (${seconds} s) waiting for ${what}`);
}

const browsers = [];
let pagesSeen = [];
const result = { roomId, browsers: N };

try {
	mkdirSync(artifacts, { recursive: true });
	const pages = await Promise.all([ ...Array(N).keys() ].map(async (i) => {
		const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: FLAGS, headless: true });

		browsers.push(browser);
		const page = await browser.newPage({ viewport: { width: 1280, height: 760 } });

		page.on('pageerror', (error) => console.error(`[page ${i}] ${error.message}`));
		const url = new URL(baseUrl);

		url.search = new URLSearchParams({ roomId, peerId: `peer${i}`, displayName: `Browser ${i + 1}`, autojoin: '1' }).toString();
		pagesSeen.push(page);
		await page.goto(url.toString());
		return page;
	}));

	const state = (page) => page.evaluate(async () => {
		const c = window.mscluster.client;

		if (!c)
			return null;
		return {
			peerId   : c.peerId,
			peers    : [ ...c.peers.keys() ],
			consumers : [ ...c.consumers.values() ].map((x) => ({ peerId: x.appData.peerId, kind: x.kind, closed: x.closed })),
			stats    : await c.receiveStats(),
			chats    : c.log.filter((e) => e.type === 'chat' && !e.detail.mine).map((e) => e.detail.text),
			speakers : c.log.filter((e) => e.type === 'activespeaker' && e.detail.peerId).length,
			peerClosed : c.log.filter((e) => e.type === 'peerclosed').map((e) => e.detail.peerId),
			openAt   : (c.log.find((e) => e.type === 'open') || {}).at,
			firstFrames : c.log.filter((e) => e.type === 'firstframe').map((e) => ({ peerId: e.detail.peerId, at: e.at })),
			chatReady : Boolean(c.chatProducer && c.chatProducer.readyState === 'open'),
			audioLevels : c.audioLevels,
			meters   : [ ...document.querySelectorAll('.tile .level-fill') ].filter((e) => parseFloat(e.style.width) > 0).length
		};
	});

	// Media from both others: video frames decoded and audio packets received, on every page.
	await until('media from every other peer on every page', 60 + 20 * N, async () => {
		const states = await Promise.all(pages.map(state));

		return states.every((s) => s && s.peers.length === N - 1 + OTHERS && [ ...Array(N).keys() ]
			.filter((j) => `peer${j}` !== s.peerId)
			.every((j) => {
				const st = s.stats[`peer${j}`];

				return st && st.video && st.video.framesDecoded > 0 && st.audio && st.audio.packetsReceived > 0;
			})) && states;
	});
	const states = await Promise.all(pages.map(state));

	result.framesDecoded = states.map((s) => Object.fromEntries(Object.entries(s.stats).map(([ p, st ]) => [ p, st.video.framesDecoded ])));
	result.audioPackets = states.map((s) => Object.fromEntries(Object.entries(s.stats).map(([ p, st ]) => [ p, st.audio.packetsReceived ])));
	// Per page: WebSocket open → first remote video frame painted, and → the last of the others' first frames.
	result.openToFirstFrameMs = states.map((s) => s.firstFrames.length ? Math.min(...s.firstFrames.map((f) => f.at)) - s.openAt : null);
	result.openToAllFramesMs = states.map((s) => s.firstFrames.length ? Math.max(...s.firstFrames.map((f) => f.at)) - s.openAt : null);

	// Chat over the data channel, from the first page to all the others.
	await until('chat channel open', 20, async () => (await state(pages[0])).chatReady);
	await pages[0].fill('#chat-input', 'hello from browser 1');
	await pages[0].click('#chat-form button[type=submit]');
	await until('the chat message on every other page', 20, async () => (await Promise.all(pages.slice(1).map(state)))
		.every((s) => s.chats.includes('hello from browser 1')));
	result.chatDelivered = N - 1;

	// The fake microphone beeps: the audio level observer must report a speaker.
	await until('an activeSpeaker notification', 20, async () => (await state(pages[0])).speakers > 0);
	result.activeSpeaker = true;

	// audioLevels (the web client asks for them): every peer's beep is heard, and the meters move.
	const heard = new Set();

	await until('audioLevels from every peer, and a meter moving', 20, async () => {
		const s = await state(pages[0]);

		s.audioLevels.levels.forEach((l) => heard.add(l.peerId));
		return heard.size === N && s.meters > 0;
	});
	result.audioLevelsFrom = [ ...heard ].sort();

	await pages[0].waitForTimeout(1500);
	await pages[0].screenshot({ path: join(artifacts, `browsers-${N}.png`) });

	// Every microphone muted (its producer paused): silence, so no more audioLevels. Counted after one
	// interval for the notifications already on their way.
	await Promise.all(pages.map((p) => p.click('#mic-button')));
	await until('every microphone paused', 10, async () => (await Promise.all(pages.map((p) => p.evaluate(() =>
		window.mscluster.client.producers.get('mic').paused)))).every(Boolean));
	await pages[0].waitForTimeout(1000);
	const before = (await state(pages[0])).audioLevels.count;

	await pages[0].waitForTimeout(2000);
	result.audioLevelsInSilence = (await state(pages[0])).audioLevels.count - before;

	// The last one leaves: the others get peerClosed and its consumers close.
	const leaving = `peer${N - 1}`;

	await pages[N - 1].click('#leave-button');
	await until('peerClosed and consumers closed at the others', 20, async () => (await Promise.all(pages.slice(0, -1).map(state)))
		.every((s) => s.peerClosed.includes(leaving) && !s.consumers.some((c) => c.peerId === leaving && !c.closed)));
	result.leaveObserved = true;
	console.log(JSON.stringify({ ok: true, ...result }));
} catch (error) {
	// What each page had reached, to tell a slow machine from a broken room.
	result.lastStates = await Promise.all((pagesSeen || []).map((p) => p.evaluate(async () => {
		const c = window.mscluster.client;

		return c && { peerId: c.peerId, peers: c.peers.size, consumers: c.consumers.size, producers: [ ...c.producers.keys() ],
			send: c.sendTransport && c.sendTransport.connectionState, recv: c.recvTransport && c.recvTransport.connectionState,
			events: c.log.slice(-12).map((e) => e.type), stats: await c.receiveStats() };
	}).catch((e) => String(e))));
	console.log(JSON.stringify({ ok: false, error: String(error && error.stack || error), ...result }));
	process.exitCode = 1;
} finally {
	await Promise.all(browsers.map((b) => b.close().catch(() => {})));
}
