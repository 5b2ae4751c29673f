// WHIP and WHEP with a plain RTCPeerConnection and fetch (no library), in one headless Chromium:
// a web-client page joins the room; a second page publishes its fake camera and microphone with
// WHIP (RFC 9725); the web client must decode the WHIP video and receive its audio. A third page
// plays the web-client peer's tracks with WHEP (?peer=). A fourth page plays the room's active
// speaker (WHEP without ?peer=): with the WHIP page's microphone disabled it must decode the web
// client's 16:9 camera; then the WHIP microphone comes back and the web client pauses its own, and
// the page must go on decoding, now the WHIP page's 4:3 camera and audio, and back again to the web
// client when the microphones change back. Then the resources are DELETEd
// and the web client must see the WHIP peer leave.
// With the mode "gstreamer", an outside WHIP client publishes instead of the pages: gst-whip.py
// (GStreamer 1.22's webrtcbin from Debian) sends a VP8 test pattern and an Opus tone, the web client
// must decode and receive them, and the client's end (SIGINT: it DELETEs its resource) must make the
// peer leave.
// Usage: node whip-e2e.mjs http://127.0.0.1:PORT/ [roomId] [browser|gstreamer]
// Prints one JSON line; exits non-zero on failure.
import { spawn } from 'node:child_process';
import { chromium } from 'playwright-core';

const [ baseUrl, roomId = `whip-${Date.now()}`, mode = 'browser' ] = process.argv.slice(2);
const FLAGS = [
	'--use-fake-ui-for-media-stream', '--use-fake-device-for-media-stream', '--allow-loopback-in-peer-connection',
	'--no-sandbox', '--headless', '--disable-gpu', '--no-first-run', '--disable-background-networking',
	'--disable-component-update', '--disable-sync', '--autoplay-policy=no-user-gesture-required'
];

async function until(what, seconds, check) {
	const end = Date.now() + seconds * 1000;

	while (Date.now() < end) {
		const last = await check();

		if (last)
			return last;
		await new Promise((r) => setTimeout(r, 250));
	}
	throw new Error(`timed out (${seconds} s) waiting for ${what}`);
}

// Runs in the page: RFC 9725 with nothing but the browser's API.
async function whip(endpoint) {
	// 4:3, where the web client's camera is 16:9: the active-speaker viewer tells them apart.
	const stream = await navigator.mediaDevices.getUserMedia({ audio: true, video: { width: 320, height: 240 } });
	const pc = new RTCPeerConnection();

	for (const track of stream.getTracks())
		pc.addTransceiver(track, { direction: 'sendonly' });
	await pc.setLocalDescription(await pc.createOffer());
	const response = await fetch(endpoint, { method: 'POST', headers: { 'Content-Type': 'application/sdp' }, body: pc.localDescription.sdp });

	if (response.status !== 201)
		throw new Error(`WHIP POST: ${response.status} ${await response.text()}`);
	const location = new URL(response.headers.get('Location'), response.url).toString();

	await pc.setRemoteDescription({ type: 'answer', sdp: await response.text() });
	window.whip = { pc, location };
	return location;
}

// Runs in the page: a WHEP viewer, receive-only audio and video.
async function whep(endpoint) {
	const pc = new RTCPeerConnection();

	pc.addTransceiver('audio', { direction: 'recvonly' });
	pc.addTransceiver('video', { direction: 'recvonly' });
	const video = document.createElement('video');

	video.autoplay = true;
	video.muted = true;
	document.body.appendChild(video);
	pc.ontrack = (event) => {
		video.srcObject = event.streams[0] || new MediaStream([ event.track ]);
	};
	await pc.setLocalDescription(await pc.createOffer());
	const response = await fetch(endpoint, { method: 'POST', headers: { 'Content-Type': 'application/sdp' }, body: pc.localDescription.sdp });

	if (response.status !== 201)
		throw new Error(`WHEP POST: ${response.status} ${await response.text()}`);
	const location = new URL(response.headers.get('Location'), response.url).toString();

	await pc.setRemoteDescription({ type: 'answer', sdp: await response.text() });
	window.whep = { pc, location, video, answer: pc.remoteDescription.sdp };
	return location;
}

// The web client's view of peer `peerId`: video decoded and audio received, or false.
async function received(client, peerId) {
	const s = await client.evaluate(async (id) => (await window.mscluster.client.receiveStats())[id], peerId);

	return s && s.video && s.video.framesDecoded > 0 && s.audio && s.audio.packetsReceived > 0 && s;
}

// What a WHEP page shows now: the picture's size, frames decoded over all its video streams (a
// new one per speaker switch), their SSRCs, and packets received by audio SSRC.
async function shown(page) {
	return page.evaluate(async () => {
		const r = { width: window.whep.video.videoWidth, height: window.whep.video.videoHeight, framesDecoded: 0, ssrcs: [],
			audio: {} };

		(await window.whep.pc.getStats()).forEach((x) => {
			if (x.type === 'inbound-rtp' && x.kind === 'video') {
				r.framesDecoded += x.framesDecoded || 0;
				r.ssrcs.push(x.ssrc);
			} else if (x.type === 'inbound-rtp' && x.kind === 'audio') {
				r.audio[x.ssrc] = x.packetsReceived;
			}
		});
		return r;
	});
}

// The WHIP page's microphone on or off (off: Chromium sends silence, the active speaker observer hears none).
async function whipMic(page, enabled) {
	await page.evaluate((on) => {
		window.whip.pc.getSenders().find((s) => s.track && s.track.kind === 'audio').track.enabled = on;
	}, enabled);
}

// WHEP without ?peer=: the active speaker, switching from the web client to the WHIP page.
async function activeSpeaker(context, client, publisher, result) {
	await whipMic(publisher, false);
	const page = await context.newPage();

	await page.goto(new URL('health', baseUrl).toString());
	result.speakerLocation = await page.evaluate(whep, new URL(`whep/default/${roomId}`, baseUrl).toString());
	result.speakerAnswerSsrcLines = await page.evaluate(() => (window.whep.answer.match(/a=ssrc:/g) || []).length);
	result.speakerFirst = await until('the speaker page decoding the web client\'s 16:9 camera', 45, async () => {
		const s = await shown(page);

		return s.framesDecoded > 0 && s.height > 0 && Math.abs(s.width / s.height - 16 / 9) < 0.01 && s;
	});
	await whipMic(publisher, true);
	await client.evaluate(() => window.mscluster.client.pauseProducer('mic'));
	const switched = await until('the speaker page showing the WHIP page\'s 4:3 camera', 60, async () => {
		const s = await shown(page);

		return s.height > 0 && Math.abs(s.width / s.height - 4 / 3) < 0.01 && s;
	});

	result.speakerSwitched = switched;
	// Decoding goes on after the switch: 30 more frames (1 s at 30 fps).
	result.speakerAfter = await until('the speaker page decoding after the switch', 30, async () => {
		const s = await shown(page);

		return s.framesDecoded >= switched.framesDecoded + 30 && s.width === switched.width && s;
	});
	// The audio follows: a stream under another SSRC than the web client's.
	result.speakerAudioAfter = await until('the speaker page receiving the WHIP page\'s audio', 30, async () => {
		const s = await shown(page);
		const fresh = Object.entries(s.audio).filter(([ ssrc, packets ]) => !(ssrc in result.speakerFirst.audio) && packets > 0);

		return fresh.length > 0 && { first: result.speakerFirst.audio, now: s.audio };
	});
	// And back: the web client speaks again, the WHIP page is silent.
	await whipMic(publisher, false);
	await client.evaluate(() => window.mscluster.client.resumeProducer('mic'));
	const back = await until('the speaker page showing the web client\'s 16:9 camera again', 60, async () => {
		const s = await shown(page);

		return s.height > 0 && Math.abs(s.width / s.height - 16 / 9) < 0.01 && s;
	});

	result.speakerBack = await until('the speaker page decoding after switching back', 30, async () => {
		const s = await shown(page);

		return s.framesDecoded >= back.framesDecoded + 30 && s;
	});
	result.speakerDelete = await page.evaluate(async () => {
		const r = await fetch(window.whep.location, { method: 'DELETE' });

		window.whep.pc.close();
		return r.status;
	});
	await page.close();
}

async function peerLeft(client, peerId, seconds) {
	await until(`the web client seeing ${peerId} leave`, seconds, () => client.evaluate((id) => window.mscluster.client.log
		.some((e) => e.type === 'peerclosed' && e.detail.peerId === id), peerId));
}

// gst-whip.py: GStreamer's webrtcbin publishing a test pattern, the WHIP exchange done by the script.
async function gstreamer(client, result) {
	const url = new URL(`whip/default/${roomId}?peerId=gst&displayName=GStreamer`, baseUrl).toString();
	const script = new URL('gst-whip.py', import.meta.url).pathname;
	const child = spawn('/usr/bin/python3', [ script, url ], { stdio: [ 'ignore', 'pipe', 'pipe' ] });
	let log = '';

	child.stdout.on('data', (d) => { log += d; });
	child.stderr.on('data', (d) => { log += d; });
	const exited = new Promise((resolve) => child.on('exit', (code, signal) => resolve(code === null ? signal : code)));

	try {
		const stats = await until('the GStreamer video decoded and its audio received by the web client', 60, async () => {
			if (child.exitCode !== null)
				throw new Error(`gst-whip.py exited (${child.exitCode}): ${log.slice(-2000)}`);
			return received(client, 'gst');
		});

		result.webClientFromGstreamer = { framesDecoded: stats.video.framesDecoded, videoBytes: stats.video.bytesReceived,
			audioPackets: stats.audio.packetsReceived, audioBytes: stats.audio.bytesReceived };
		child.kill('SIGINT');
		result.gstreamerExit = await Promise.race([ exited, new Promise((r) => setTimeout(() => r('still running'), 10000)) ]);
		result.gstreamerDelete = (log.match(/"event": "deleted", "status": (\d+)/) || [])[1];
		await peerLeft(client, 'gst', 20);
		result.gstreamerPeerLeft = true;
	} catch (error) {
		result.whipClientLog = log.slice(-6000);
		result.webClientStats = await client.evaluate(async () => await window.mscluster.client.receiveStats()).catch(String);
		throw error;
	} finally {
		if (child.exitCode === null)
			child.kill('SIGKILL');
	}
}

let browser;
const result = { roomId, mode };

try {
	browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: FLAGS, headless: true });
	const context = await browser.newContext();
	const client = await context.newPage();

	client.on('pageerror', (error) => console.error(`[web client] ${error.message}`));
	const url = new URL(baseUrl);

	url.search = new URLSearchParams({ roomId, peerId: 'viewer', displayName: 'Web client', autojoin: '1' }).toString();
	await client.goto(url.toString());
	await until('the web client joined', 30, () => client.evaluate(() => Boolean(window.mscluster.client
		&& window.mscluster.client.producers && window.mscluster.client.producers.size >= 2)));

	if (mode === 'gstreamer') {
		await gstreamer(client, result);
		console.log(JSON.stringify({ ok: true, ...result }));
		process.exit(0);
	}
	const publisher = await context.newPage();

	await publisher.goto(new URL('health', baseUrl).toString());
	const whipUrl = new URL(`whip/default/${roomId}?peerId=whip1&displayName=WHIP%20camera`, baseUrl).toString();

	result.whipLocation = await publisher.evaluate(whip, whipUrl);
	const stats = await until('the WHIP video decoded and its audio received by the web client', 60, async () => {
		const s = await client.evaluate(async () => (await window.mscluster.client.receiveStats()).whip1);

		return s && s.video && s.video.framesDecoded > 0 && s.audio && s.audio.packetsReceived > 0 && s;
	});

	result.webClientFromWhip = { framesDecoded: stats.video.framesDecoded, audioPackets: stats.audio.packetsReceived };

	const viewer = await context.newPage();

	await viewer.goto(new URL('health', baseUrl).toString());
	const whepUrl = new URL(`whep/default/${roomId}?peer=viewer`, baseUrl).toString();

	result.whepLocation = await viewer.evaluate(whep, whepUrl);
	result.whepPlayed = await until('the WHEP page decoding the web client\'s video', 45, async () => {
		const s = await viewer.evaluate(() => (async (pc) => {
			const r = {};

			(await pc.getStats()).forEach((x) => {
				if (x.type === 'inbound-rtp')
					r[x.kind] = { packetsReceived: x.packetsReceived, framesDecoded: x.framesDecoded };
			});
			return r;
		})(window.whep.pc));

		return s.video && s.video.framesDecoded > 0 && s;
	});
	result.whepAnswerSends = await viewer.evaluate(() => (window.whep.answer.match(/a=sendonly/g) || []).length);
	await activeSpeaker(context, client, publisher, result);

	for (const [ page, name ] of [ [ publisher, 'whip' ], [ viewer, 'whep' ] ]) {
		result[`${name}Delete`] = await page.evaluate(async (n) => {
			const r = await fetch(window[n].location, { method: 'DELETE' });

			window[n].pc.close();
			return r.status;
		}, name);
	}
	await until('the web client seeing the WHIP peer leave', 20, () => client.evaluate(() => window.mscluster.client.log
		.some((e) => e.type === 'peerclosed' && e.detail.peerId === 'whip1')));
	result.whipPeerLeft = true;
	console.log(JSON.stringify({ ok: true, ...result }));
} catch (error) {
	console.log(JSON.stringify({ ok: false, error: String(error && error.stack || error), ...result }));
	process.exitCode = 1;
} finally {
	if (browser)
		await browser.close().catch(() => {});
}
