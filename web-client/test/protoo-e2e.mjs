// End-to-end check of the signaling with the official protoo-client (npm), as the issue asks:
// connect, getRouterRtpCapabilities, create and connect transports, join, then see a second
// client's newPeer and peerClosed. Usage: node protoo-e2e.mjs ws://127.0.0.1:PORT [roomId]
// Prints one JSON line with what happened; exits non-zero on any failure.
import protooClient from 'protoo-client';

const [ base, roomId = `protoo-e2e-${Date.now()}` ] = process.argv.slice(2);
const TIMEOUT_MS = 15000;

function connect(peerId) {
	const url = `${base.replace(/\/$/, '')}/?roomId=${encodeURIComponent(roomId)}&peerId=${peerId}`;
	const transport = new protooClient.WebSocketTransport(url, { retry: { retries: 0 } });
	const peer = new protooClient.Peer(transport);
	const notifications = [];

	peer.on('notification', (n) => notifications.push(n));
	peer.on('request', (request, accept) => accept());
	return new Promise((resolve, reject) => {
		peer.on('open', () => resolve({ peer, notifications }));
		peer.on('failed', () => reject(new Error(`${peerId}: connection failed`)));
	});
}

function waitFor(notifications, predicate, what) {
	return new Promise((resolve, reject) => {
		const started = Date.now();
		const timer = setInterval(() => {
			const found = notifications.find(predicate);

			if (found) {
				clearInterval(timer);
				resolve(found);
			} else if (Date.now() - started > TIMEOUT_MS) {
				clearInterval(timer);
				reject(new Error(`timed out waiting for ${what}`));
			}
		}, 20);
	});
}

// A DTLS fingerprint of the right shape: the transport accepts it; no DTLS handshake follows here.
const fakeDtls = { role: 'client', fingerprints: [ { algorithm: 'sha-256', value: Array(32).fill('AB').join(':') } ] };

async function setUp(peer, displayName) {
	const rtpCapabilities = await peer.request('getRouterRtpCapabilities');
	const send = await peer.request('createWebRtcTransport', { forceTcp: false, producing: true, consuming: false });
	const recv = await peer.request('createWebRtcTransport', { forceTcp: false, producing: false, consuming: true });

	await peer.request('connectWebRtcTransport', { transportId: send.id, dtlsParameters: fakeDtls });
	await peer.request('connectWebRtcTransport', { transportId: recv.id, dtlsParameters: fakeDtls });
	const joined = await peer.request('join', { displayName, device: { name: 'node' }, rtpCapabilities });

	return { rtpCapabilities, send, recv, joined };
}

const result = {};

try {
	const alice = await connect('alice');

	result.mediasoupVersion = (await waitFor(alice.notifications, (n) => n.method === 'mediasoup-version', 'mediasoup-version')).data.version;
	const a = await setUp(alice.peer, 'Alice');

	result.codecs = a.rtpCapabilities.codecs.map((c) => c.mimeType);
	result.iceCandidates = a.send.iceCandidates.map((c) => `${c.protocol}:${c.address || c.ip}:${c.port}`);
	result.sctp = Boolean(a.send.sctpParameters);
	result.alicePeersAtJoin = a.joined.peers.length;

	const bob = await connect('bob');
	const b = await setUp(bob.peer, 'Bob');

	result.bobPeersAtJoin = b.joined.peers.map((p) => p.id);
	result.newPeer = (await waitFor(alice.notifications, (n) => n.method === 'newPeer', 'newPeer')).data;

	// Wrong ids are answered with errors, and the socket stays.
	result.foreignTransport = await bob.peer.request('connectWebRtcTransport', { transportId: a.send.id, dtlsParameters: fakeDtls })
		.then(() => 'accepted', (error) => String(error.message || error));
	result.unknownMethod = await bob.peer.request('noSuchMethod', {}).then(() => 'accepted', (error) => String(error.message || error));

	bob.peer.close();
	result.peerClosed = (await waitFor(alice.notifications, (n) => n.method === 'peerClosed', 'peerClosed')).data;
	alice.peer.close();
	console.log(JSON.stringify({ ok: true, ...result }));
	process.exit(0);
} catch (error) {
	console.log(JSON.stringify({ ok: false, error: String(error && error.stack || error), ...result }));
	process.exit(1);
}
