// Benchmark driver, not a test: the mediasoup-demo web app (built by build-app.mjs) in headless Chromium
// pages (fake camera and microphone, each publishing) joining one room one after another, against one or
// more protoo servers, alternating between them every round (a fresh room per round). The app connects to
// wss://<page's hostname>:4443, so each server is told apart by its loopback address; the page itself is
// served from APP_DIR by this script at http://<that address>:4480/ (127.0.0.0/8 is a secure context, so
// getUserMedia works over plain http).
//
// Every timestamp is taken inside the page (performance.now(), 0 = the page's navigation start) by hooks
// installed before the app runs: WebSocket (open, protoo requests and responses both ways) and
// RTCPeerConnection (connectionState 'connected' = ICE + DTLS done; getStats polled every 20 ms for the
// first inbound video RTP packet and the first decoded frame).
// Each page is opened once the previous one publishes video (its 'produce' of kind video answered).
//
// Prints {"event":"round",…,"at":"start"|"end"} around each round, one line per page {"event":"page",…}
// and at the end {"event":"done","results":{…}} with the
// medians per server and phase. Usage: node join.mjs CONFIG_JSON
//   CONFIG_JSON = {"appDir":…,"servers":[{"name":…,"host":"127.0.0.1"},…],"rounds":5,"warmup":1,"pages":3}
import { chromium } from 'playwright-core';
import { readFile } from 'node:fs/promises';
import http from 'node:http';
import path from 'node:path';

const config = JSON.parse(process.argv[2]);
const PAGE_PORT = 4480;
const TIMEOUT_MS = 60000;
const FLAGS = [
	'--use-fake-ui-for-media-stream', '--use-fake-device-for-media-stream', '--allow-loopback-in-peer-connection',
	'--no-sandbox', '--headless', '--disable-gpu', '--no-first-run', '--disable-background-networking',
	'--disable-component-update', '--disable-sync', '--autoplay-policy=no-user-gesture-required',
	'--ignore-certificate-errors'
];
const TYPES = { '.html': 'text/html', '.js': 'application/javascript', '.css': 'text/css', '.json': 'application/json' };

// Runs in the page before its scripts.
function hooks()
{
	const marks = {};
	const pcs = [];
	const requests = new Map();
	// The server's requests (newConsumer) by id, to time this page's answers.
	const served = new Map();
	const mark = (name) =>
	{
		if (!(name in marks))
			marks[name] = performance.now();
	};
	const label = (method, data) => (method === 'produce' && data ? `produce.${data.kind}` : method);

	window.__join = { marks, pcs };

	const NativeWebSocket = window.WebSocket;

	window.WebSocket = class extends NativeWebSocket
	{
		constructor(...args)
		{
			super(...args);
			mark('wsCreated');
			this.addEventListener('open', () => mark('wsOpen'));
			this.addEventListener('message', (event) =>
			{
				let message;

				try { message = JSON.parse(event.data); }
				catch (error) { return; }
				if (message.response && requests.has(message.id))
				{
					mark(`${requests.get(message.id)}.answered`);
					if (requests.get(message.id) === 'createWebRtcTransport' && message.ok && !window.__join.candidates)
					{
						window.__join.candidates = (message.data.iceCandidates || [])
							.map((c) => `${c.protocol}/${c.tcpType || ''}/${c.priority}`);
					}
				}
				else if (message.request)
				{
					mark(`${label(message.method, message.data)}.received`);
					if (message.method === 'newConsumer')
					{
						mark(`newConsumer.${message.data.kind}.received`);
						served.set(message.id, `newConsumer.${message.data.kind}`);
					}
				}
			});
		}

		send(data)
		{
			try
			{
				const message = JSON.parse(data);

				if (message.request)
				{
					requests.set(message.id, label(message.method, message.data));
					mark(`${label(message.method, message.data)}.sent`);
				}
				else if (message.response && served.has(message.id))
					mark(`${served.get(message.id)}.answered`);
			}
			catch (error) { /* not protoo */ }
			super.send(data);
		}
	};

	const NativePeerConnection = window.RTCPeerConnection;

	window.RTCPeerConnection = class extends NativePeerConnection
	{
		constructor(...args)
		{
			super(...args);
			const entry = { createdAt: performance.now(), connectedAt: null };

			pcs.push(entry);
			this.addEventListener('connectionstatechange', () =>
			{
				if (this.connectionState === 'connected' && entry.connectedAt === null)
					entry.connectedAt = performance.now();
			});
			const poll = setInterval(async () =>
			{
				if (this.connectionState === 'closed')
				{
					clearInterval(poll);

					return;
				}
				let stats;

				try { stats = await this.getStats(); }
				catch (error) { return; }
				for (const report of stats.values())
				{
					if (report.type !== 'inbound-rtp' || report.kind !== 'video')
						continue;
					entry.receives = true;
					if (report.packetsReceived > 0)
						mark('remoteVideo.firstRtp');
					if (report.framesDecoded > 0 && !('remoteVideo.firstFrame' in marks))
					{
						mark('remoteVideo.firstFrame');
						marks.pliCountAtFirstFrame = report.pliCount || 0;
						marks.firCountAtFirstFrame = report.firCount || 0;
						marks.nackCountAtFirstFrame = report.nackCount || 0;
						clearInterval(poll);
					}
				}
			}, 20);
		}
	};
}

async function until(what, check)
{
	const end = Date.now() + TIMEOUT_MS;

	while (Date.now() < end)
	{
		const value = await check();

		if (value)
			return value;
		await new Promise((resolve) => setTimeout(resolve, 20));
	}
	throw new Error(`timed out (${TIMEOUT_MS / 1000} s) waiting for ${what}`);
}

async function openPage(browser, server, roomId, index)
{
	const context = await browser.newContext({ ignoreHTTPSErrors: true });

	await context.addInitScript(hooks);
	const page = await context.newPage();

	page.on('pageerror', (error) => console.error(`[${server.name} page${index}] ${error.message}`));
	page.on('console', (message) =>
	{
		if (message.type() === 'error')
			console.error(`[${server.name} page${index}] ${message.text().replace(/%c/g, '').slice(0, 300)}`);
	});
	await page.goto(`http://${server.host}:${PAGE_PORT}/?roomId=${roomId}&displayName=bench${index}&info=false&datachannel=false`);

	return { context, page };
}

const marksOf = (page) => page.evaluate(() => ({ ...window.__join.marks, pcs: window.__join.pcs }));
const candidatesOf = (page) => page.evaluate(() => window.__join.candidates);

async function round(browser, server, roomId, countIt)
{
	const opened = [];
	const lines = [];

	try
	{
		for (let i = 0; i < config.pages; i++)
		{
			const entry = await openPage(browser, server, roomId, i);

			opened.push(entry);
			try
			{
				await until(`page ${i} publishing video on ${server.name}`,
					async () => (await marksOf(entry.page))['produce.video.answered'] !== undefined);
			}
			catch (error)
			{
				throw new Error(`${error.message}; its marks: ${JSON.stringify(await marksOf(entry.page).catch(() => null))}`);
			}
		}
		for (let i = 0; i < opened.length; i++)
		{
			const marks = await until(`page ${i}'s first remote frame on ${server.name}`, async () =>
			{
				const m = await marksOf(opened[i].page);

				return m['remoteVideo.firstFrame'] !== undefined ? m : null;
			});
			const receiving = marks.pcs.filter((pc) => pc.receives);
			const connected = marks.pcs.map((pc) => pc.connectedAt).filter((at) => at !== null);
			const line = {
				event  : 'page', server : server.name, roomId, page : i, counted : countIt,
				marks  : Object.fromEntries(Object.entries(marks).filter(([ k ]) => k !== 'pcs')
					.map(([ k, v ]) => [ k, Math.round(v) ])),
				// mediasoup-client's Device.load() opens throwaway peer connections that never connect.
				transportsConnected : connected.length >= 2 ? Math.round(Math.max(...connected)) : null,
				recvTransportConnected : receiving.length && receiving[0].connectedAt !== null
					? Math.round(receiving[0].connectedAt) : null,
				peerConnections : marks.pcs.length,
				iceCandidates   : await candidatesOf(opened[i].page)
			};

			console.log(JSON.stringify(line));
			lines.push(line);
		}
	}
	finally
	{
		for (const { context } of opened)
			await context.close().catch(() => {});
	}

	return lines;
}

// The figures reported per phase, in ms from the page's load (but the last).
const PHASES = {
	wsOpen                  : (l) => l.marks.wsOpen,
	joinAnswered            : (l) => l.marks['join.answered'],
	transportsConnected     : (l) => l.transportsConnected,
	recvTransportConnected  : (l) => l.recvTransportConnected,
	firstNewConsumer        : (l) => l.marks['newConsumer.received'],
	firstVideoNewConsumer   : (l) => l.marks['newConsumer.video.received'],
	firstRemoteVideoRtp     : (l) => l.marks['remoteVideo.firstRtp'],
	firstRemoteFrame        : (l) => l.marks['remoteVideo.firstFrame'],
	// The same without the page's own loading (the app's script, identical for every server).
	wsOpenToFirstFrame      : (l) => l.marks['remoteVideo.firstFrame'] - l.marks.wsOpen,
	publishingVideo         : (l) => l.marks['produce.video.answered']
};

function median(values)
{
	const sorted = values.filter((v) => typeof v === 'number').sort((a, b) => a - b);

	if (!sorted.length)
		return null;
	const mid = Math.floor(sorted.length / 2);

	return sorted.length % 2 ? sorted[mid] : Math.round((sorted[mid - 1] + sorted[mid]) / 2);
}

// Where the joining pages waited on the server: each request's answer (as the page saw it, first of its
// kind), the offer of the first consumer after the join, and the first video RTP after the page answered
// the video newConsumer (the server resumes the consumer and asks the sender's browser for a key frame).
const WAITS = {
	getRouterRtpCapabilities : [ 'getRouterRtpCapabilities.sent', 'getRouterRtpCapabilities.answered' ],
	createWebRtcTransport    : [ 'createWebRtcTransport.sent', 'createWebRtcTransport.answered' ],
	join                     : [ 'join.sent', 'join.answered' ],
	connectWebRtcTransport   : [ 'connectWebRtcTransport.sent', 'connectWebRtcTransport.answered' ],
	produceAudio             : [ 'produce.audio.sent', 'produce.audio.answered' ],
	produceVideo             : [ 'produce.video.sent', 'produce.video.answered' ],
	joinToNewConsumer        : [ 'join.answered', 'newConsumer.received' ],
	videoNewConsumerAnswer   : [ 'newConsumer.video.received', 'newConsumer.video.answered' ],
	answerToFirstVideoRtp    : [ 'newConsumer.video.answered', 'remoteVideo.firstRtp' ],
	firstRtpToFirstFrame     : [ 'remoteVideo.firstRtp', 'remoteVideo.firstFrame' ]
};

function summary(lines)
{
	const of = (subset) => Object.fromEntries(Object.entries(PHASES).map(([ name, get ]) => [ name, median(subset.map(get)) ]));
	const waits = (subset) => Object.fromEntries(Object.entries(WAITS).map(([ name, [ from, to ] ]) =>
		[ name, median(subset.map((l) => (from in l.marks && to in l.marks ? l.marks[to] - l.marks[from] : null))) ]));
	// The first page waits for the second one to publish; the others join a room with publishers in it.
	const joiners = lines.filter((l) => l.page > 0);

	return {
		pages                  : lines.length,
		allPagesFirstFrameMs   : median(lines.map(PHASES.firstRemoteFrame)),
		joinersMs              : of(joiners),
		firstPageMs            : of(lines.filter((l) => l.page === 0)),
		joinersWaitsMs         : waits(joiners),
		joinersPliAtFirstFrame : median(joiners.map((l) => l.marks.pliCountAtFirstFrame))
	};
}

// The same files for every server, from memory once read.
const files = new Map();
const httpServers = await Promise.all(config.servers.map((server) => new Promise((resolve, reject) =>
{
	const httpServer = http.createServer(async (request, response) =>
	{
		const { pathname } = new URL(request.url, 'http://x');

		try
		{
			const file = path.resolve(config.appDir, `.${pathname === '/' ? '/index.html' : decodeURIComponent(pathname)}`);

			if (!file.startsWith(path.resolve(config.appDir) + path.sep))
				throw new Error('outside the app');
			if (!files.has(file))
				files.set(file, await readFile(file));
			response.writeHead(200, { 'content-type': TYPES[path.extname(file)] || 'application/octet-stream' });
			response.end(files.get(file));
		}
		catch (error)
		{
			response.writeHead(404);
			response.end();
		}
	});

	httpServer.once('error', reject);
	httpServer.listen(PAGE_PORT, server.host, () => resolve(httpServer));
})));
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: FLAGS, headless: true });
const all = [];

try
{
	for (let r = 0; r < config.warmup + config.rounds; r++)
	{
		const order = r % 2 ? [ ...config.servers ].reverse() : config.servers;

		for (const server of order)
		{
			// The caller reads each process's CPU time at these lines.
			console.log(JSON.stringify({ event: 'round', server: server.name, counted: r >= config.warmup, at: 'start' }));
			const lines = await round(browser, server, `bench${Date.now().toString(36)}${r}`, r >= config.warmup);

			console.log(JSON.stringify({ event: 'round', server: server.name, counted: r >= config.warmup, at: 'end' }));

			if (r >= config.warmup)
				all.push(...lines);
			await new Promise((resolve) => setTimeout(resolve, 500));
		}
	}
	const results = Object.fromEntries(config.servers.map((s) => [ s.name, summary(all.filter((l) => l.server === s.name)) ]));

	console.log(JSON.stringify({ event: 'done', results }));
}
catch (error)
{
	console.log(JSON.stringify({ event: 'failed', error: String(error && error.stack || error) }));
	process.exitCode = 1;
}
finally
{
	await browser.close().catch(() => {});
	for (const httpServer of httpServers)
		httpServer.close();
}
