// The page: lobby form, video grid, controls, chat. All media and signaling lives in RoomClient.
import { RoomClient } from './room-client.js';

const $ = (id) => document.getElementById(id);
const params = new URLSearchParams(location.search);
const tiles = new Map(); // peerId -> { root, video, audio, videoStream, audioStream }
let client = null;
let levelTimer = null;
let speakerTimer = null;

// Exposed for the end-to-end tests and for debugging from the console.
window.mscluster = { get client() { return client; } };

function randomId() {
	return Math.random().toString(36).slice(2, 10);
}

function signalingUrl(roomId, peerId) {
	const url = new URL('/', location.href);

	url.protocol = location.protocol === 'https:' ? 'wss:' : 'ws:';
	// region: where the user is (e.g. eu/de/berlin), for a cluster that places peers near their region.
	url.search = new URLSearchParams({ roomId, peerId, namespace: params.get('namespace') || 'default',
		...(params.get('token') ? { token: params.get('token') } : {}),
		...(params.get('region') ? { region: params.get('region') } : {}) }).toString();
	return url.toString();
}

function setStatus({ state, text }) {
	$('status').dataset.state = state;
	$('status').textContent = text;
}

function initials(name) {
	return (name || '?').split(/\s+/).filter(Boolean).slice(0, 2).map((w) => w[0].toUpperCase()).join('');
}

function tileFor(peerId, displayName, local = false) {
	let tile = tiles.get(peerId);

	if (!tile) {
		const root = $('tile-template').content.firstElementChild.cloneNode(true);

		tile = { root, video: root.querySelector('video'), audio: root.querySelector('audio'), videoStream: null };
		root.dataset.peerId = peerId;
		root.classList.toggle('local', local);
		if (local)
			tile.audio.remove();
		tiles.set(peerId, tile);
		$('grid').append(root);
	}
	if (displayName !== undefined) {
		tile.root.querySelector('.name').textContent = displayName + (local ? ' (you)' : '');
		tile.root.querySelector('.avatar').textContent = initials(displayName);
	}
	return tile;
}

function removeTile(peerId) {
	const tile = tiles.get(peerId);

	if (tile) {
		tile.root.remove();
		tiles.delete(peerId);
	}
}

function showVideo(tile, track) {
	tile.video.srcObject = track ? new MediaStream([ track ]) : null;
	tile.root.classList.toggle('has-video', Boolean(track));
	if (track)
		tile.video.play().catch(() => {});
}

// Volumes are dBov from the AudioLevelObserver: -80 (its threshold) is silence, 0 is loudest.
function levelPercent(volume) {
	return typeof volume === 'number' ? Math.max(0, Math.min(100, ((volume + 80) / 80) * 100)) : 0;
}

// audioLevels: every audible peer's volume, a few times a second; a peer not listed is silent.
function setLevels(levels) {
	const byPeer = new Map();

	for (const { peerId, volume } of levels)
		byPeer.set(peerId, Math.max(byPeer.get(peerId) ?? -127, volume));
	for (const [ id, tile ] of tiles)
		tile.root.querySelector('.level-fill').style.width = `${levelPercent(byPeer.get(id))}%`;
	// Nothing comes while everyone is silent: let the meters fall.
	clearTimeout(levelTimer);
	levelTimer = setTimeout(() => setLevels([]), 1000);
}

// activeSpeaker: the loudest peer's tile is highlighted.
function setSpeaker(peerId) {
	for (const [ id, tile ] of tiles)
		tile.root.classList.toggle('speaking', id === peerId);
	clearTimeout(speakerTimer);
	speakerTimer = setTimeout(() => setSpeaker(null), 1500);
}

function addChat({ displayName, text, mine, system }) {
	const item = document.createElement('li');

	if (system) {
		item.className = 'system';
		item.textContent = text;
	} else {
		item.className = mine ? 'mine' : '';
		const from = document.createElement('span');

		from.className = 'from';
		from.textContent = mine ? 'You' : displayName;
		item.append(from, document.createTextNode(text));
	}
	$('chat-log').append(item);
	$('chat-log').scrollTop = $('chat-log').scrollHeight;
}

async function fillDevicePickers() {
	const devices = await navigator.mediaDevices.enumerateDevices();

	for (const [ select, kind ] of [ [ $('mic-select'), 'audioinput' ], [ $('cam-select'), 'videoinput' ] ]) {
		const current = select.value;

		select.replaceChildren(...devices.filter((d) => d.kind === kind).map((d, i) => {
			const option = document.createElement('option');

			option.value = d.deviceId;
			option.textContent = d.label || `${kind === 'audioinput' ? 'Microphone' : 'Camera'} ${i + 1}`;
			return option;
		}));
		if (current)
			select.value = current;
		select.disabled = select.options.length === 0;
	}
}

async function join(roomId, displayName) {
	const peerId = params.get('peerId') || randomId();

	localStorage.setItem('mscluster.displayName', displayName);
	history.replaceState(null, '', `?${new URLSearchParams({ ...Object.fromEntries(params), roomId })}`);
	$('room-title').textContent = `Room · ${roomId}`;
	$('lobby').hidden = true;
	$('room').hidden = false;
	$('chat-log').replaceChildren();

	client = new RoomClient({ roomId, peerId, displayName, url: signalingUrl(roomId, peerId) });
	client.addEventListener('status', (e) => setStatus(e.detail));
	client.addEventListener('newpeer', (e) => {
		tileFor(e.detail.id, e.detail.displayName);
		addChat({ system: true, text: `${e.detail.displayName} joined` });
	});
	client.addEventListener('peerclosed', (e) => {
		const tile = tiles.get(e.detail.peerId);

		if (tile)
			addChat({ system: true, text: `${tile.root.querySelector('.name').textContent} left` });
		removeTile(e.detail.peerId);
	});
	client.addEventListener('peerchanged', (e) => tileFor(e.detail.peerId, e.detail.displayName));
	client.addEventListener('consumer', (e) => {
		const { consumer, peerId } = e.detail;
		const tile = tileFor(peerId);

		if (consumer.kind === 'video') {
			showVideo(tile, consumer.track);
			// For the join-to-first-frame figure of the benchmark: the first frame actually painted.
			if (tile.video.requestVideoFrameCallback)
				tile.video.requestVideoFrameCallback(() => client && client.emit('firstframe', { peerId }));
		} else {
			tile.audio.srcObject = new MediaStream([ consumer.track ]);
			tile.audio.play().catch(() => {});
		}
	});
	client.addEventListener('consumerclosed', (e) => {
		const tile = tiles.get(e.detail.peerId);

		if (tile && e.detail.kind === 'video')
			showVideo(tile, null);
	});
	client.addEventListener('activespeaker', (e) => setSpeaker(e.detail.peerId));
	client.addEventListener('audiolevels', (e) => setLevels(e.detail.levels || []));
	client.addEventListener('chat', (e) => addChat(e.detail));
	client.addEventListener('closed', (e) => leave(e.detail.reason));

	tileFor(peerId, displayName, true);
	$('mic-button').dataset.on = String($('mic-check').checked);
	$('cam-button').dataset.on = String($('cam-check').checked);
	// After every join, the first and any after a reconnection (the server forgets a dropped peer's
	// producers), send what the toggles say.
	client.addEventListener('joined', () => startMedia(client));
	await client.join().catch(() => {});
}

async function startMedia(current) {
	if ($('mic-button').dataset.on === 'true') {
		await current.enableMic($('mic-select').value || undefined)
			.catch((error) => addChat({ system: true, text: `Microphone unavailable: ${error.message}` }));
	}
	if ($('cam-button').dataset.on === 'true') {
		await current.enableWebcam($('cam-select').value || undefined)
			.then((track) => current === client && showVideo(tiles.get(current.peerId), track))
			.catch((error) => addChat({ system: true, text: `Camera unavailable: ${error.message}` }));
	}
	await fillDevicePickers().catch(() => {});
}

function leave(reason) {
	if (client && !client.closed)
		client.close();
	client = null;
	for (const peerId of [ ...tiles.keys() ])
		removeTile(peerId);
	$('room').hidden = true;
	$('lobby').hidden = false;
	$('room-title').textContent = '';
	setStatus({ state: 'idle', text: 'Not connected' });
	$('join-error').hidden = !reason;
	$('join-error').textContent = reason || '';
	$('join-button').disabled = false;
}

$('join-form').addEventListener('submit', (e) => {
	e.preventDefault();
	$('join-button').disabled = true;
	$('join-error').hidden = true;
	join($('room-input').value.trim(), $('name-input').value.trim());
});

$('mic-button').addEventListener('click', async () => {
	const on = $('mic-button').dataset.on !== 'true';

	$('mic-button').dataset.on = String(on);
	if (!client)
		return;
	if (on && !client.producers.has('mic'))
		await client.enableMic($('mic-select').value || undefined);
	else if (on)
		await client.resumeProducer('mic');
	else
		await client.pauseProducer('mic');
});

$('cam-button').addEventListener('click', async () => {
	const on = $('cam-button').dataset.on !== 'true';

	$('cam-button').dataset.on = String(on);
	if (!client)
		return;
	const local = tiles.get(client.peerId);

	if (on && !client.producers.has('webcam')) {
		showVideo(local, await client.enableWebcam($('cam-select').value || undefined));
	} else if (on) {
		await client.resumeProducer('webcam');
		showVideo(local, client.producers.get('webcam').track);
	} else {
		await client.pauseProducer('webcam');
		showVideo(local, null);
	}
});

$('mic-select').addEventListener('change', () => client && client.enableMic($('mic-select').value));
$('cam-select').addEventListener('change', async () => {
	if (client)
		showVideo(tiles.get(client.peerId), await client.enableWebcam($('cam-select').value));
});
$('chat-button').addEventListener('click', () => $('chat').classList.toggle('collapsed'));
$('leave-button').addEventListener('click', () => leave());
$('chat-form').addEventListener('submit', (e) => {
	e.preventDefault();
	const text = $('chat-input').value.trim();

	if (!text || !client)
		return;
	try {
		client.sendChat(text);
		$('chat-input').value = '';
	} catch (error) {
		addChat({ system: true, text: error.message });
	}
});

$('room-input').value = params.get('roomId') || '';
$('name-input').value = params.get('displayName') || localStorage.getItem('mscluster.displayName') || '';
if (params.get('mic') === '0')
	$('mic-check').checked = false;
if (params.get('cam') === '0')
	$('cam-check').checked = false;
if (params.get('autojoin') === '1' && $('room-input').value && $('name-input').value)
	$('join-form').requestSubmit();
