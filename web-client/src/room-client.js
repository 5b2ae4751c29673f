// The mediasoup side of the client: one protoo connection, one send and one receive transport, the
// demo protocol of PROTOCOL.md. It knows nothing of the DOM: the UI listens to its events.
import * as mediasoupClient from 'mediasoup-client';
import * as protooClient from 'protoo-client';

const CHAT_LABEL = 'chat';

export class RoomClient extends EventTarget {
	constructor({ roomId, peerId, displayName, url }) {
		super();
		this.roomId = roomId;
		this.peerId = peerId;
		this.displayName = displayName;
		this.url = url;
		// Where this client entered the service (a dispatcher, or a node): it comes back here whenever it
		// loses the node it was sent to, and is sent anew to wherever its room lives now.
		this.entryUrl = url;
		this._entryAttempts = 0;
		this.closed = false;
		this.peers = new Map(); // peerId -> { id, displayName, device }
		this.consumers = new Map(); // consumerId -> mediasoup Consumer
		this.dataConsumers = new Map();
		this.producers = new Map(); // 'mic' | 'webcam' -> Producer
		this.chatProducer = null;
		// Kept for tests and debugging (window.mscluster).
		this.log = [];
		// audioLevels come several times a second: counted and the last kept here, not in the log.
		this.audioLevels = { count: 0, at: null, levels: [] };
	}

	emit(type, detail) {
		if (type === 'audiolevels')
			this.audioLevels = { count: this.audioLevels.count + 1, at: Date.now(), levels: detail.levels };
		else
			this.log.push({ type, detail, at: Date.now() });
		if (this.log.length > 500)
			this.log.shift();
		this.dispatchEvent(new CustomEvent(type, { detail }));
	}

	// Connects and joins; resolves once joined. Follows `redirect` notifications by reconnecting.
	async join() {
		return new Promise((resolve, reject) => {
			this._joined = { resolve, reject };
			this._connect(this.url);
		});
	}

	_connect(url) {
		this.emit('status', { state: 'connecting', text: 'Connecting…' });
		// The entry point is retried in place; a node we were sent to is not: losing it means going back to
		// the entry point, which knows whether the room moved (the node died, drained, or the room was split).
		const atEntry = url === this.entryUrl;
		const transport = new protooClient.WebSocketTransport(url, {
			retry : atEntry ? { retries: 3, factor: 2, minTimeout: 1000, maxTimeout: 4000 } : { retries: 0 }
		});
		const protoo = new protooClient.Peer(transport);

		this.protoo = protoo;
		this.url = url;
		protoo.on('open', () => this._onOpen(protoo).catch((error) => {
			// A request cut short by a redirect is not a failure to join.
			if (protoo === this.protoo)
				this._fail(error);
		}));
		protoo.on('failed', () => {
			if (protoo !== this.protoo)
				return;
			if (!atEntry)
				this._backToEntry(protoo, 'Cannot reach the media node');
			else
				this.emit('status', { state: 'error', text: 'Cannot reach the server, retrying…' });
		});
		protoo.on('disconnected', () => {
			if (protoo !== this.protoo)
				return;
			this.emit('status', { state: 'error', text: 'Disconnected' });
			// The server forgets a peer whose socket dropped: start over from a clean state on reconnection.
			this._closeMedia();
			if (!atEntry)
				this._backToEntry(protoo, 'Lost the media node');
		});
		protoo.on('close', () => {
			if (protoo === this.protoo && !this.closed && !this._redirecting)
				this.close('The server closed the room');
		});
		protoo.on('request', (request, accept, reject) => this._onRequest(request, accept, reject)
			.catch((error) => { console.error(error); reject(500, String(error)); }));
		protoo.on('notification', (notification) => this._onNotification(notification));
	}

	async _onOpen(protoo) {
		this._redirecting = false;
		this.emit('open', { url: this.url });
		this.emit('status', { state: 'connecting', text: 'Joining…' });
		this.device = new mediasoupClient.Device();
		const routerRtpCapabilities = await protoo.request('getRouterRtpCapabilities');

		await this.device.load({ routerRtpCapabilities });
		this.sendTransport = await this._createTransport(protoo, { producing: true, consuming: false });
		this.recvTransport = await this._createTransport(protoo, { producing: false, consuming: true });

		const { peers } = await protoo.request('join', {
			displayName      : this.displayName,
			device           : { flag: 'mscluster', name: browserName(), version: navigator.userAgent },
			rtpCapabilities  : this.device.rtpCapabilities,
			sctpCapabilities : this.device.sctpCapabilities,
			// Every audible peer's volume, for the meters on the tiles (mscluster's extension).
			audioLevels      : true
		});

		this._entryAttempts = 0;
		for (const peer of peers)
			this._addPeer(peer);
		this.emit('status', { state: 'connected', text: 'Connected' });
		this.emit('joined', { peers });
		this.chatProducer = await this.sendTransport.produceData({ ordered: true, label: CHAT_LABEL, priority: 'medium', appData: { info: 'chat' } });
		if (this._joined) {
			this._joined.resolve();
			this._joined = null;
		}
	}

	async _createTransport(protoo, { producing, consuming }) {
		const info = await protoo.request('createWebRtcTransport', {
			forceTcp : false,
			producing,
			consuming,
			sctpCapabilities : this.device.sctpCapabilities
		});
		const options = {
			id             : info.id,
			iceParameters  : info.iceParameters,
			iceCandidates  : info.iceCandidates,
			dtlsParameters : info.dtlsParameters,
			sctpParameters : info.sctpParameters,
			iceServers     : []
		};
		const transport = producing ? this.device.createSendTransport(options) : this.device.createRecvTransport(options);

		transport.on('connect', ({ dtlsParameters }, callback, errback) => {
			protoo.request('connectWebRtcTransport', { transportId: transport.id, dtlsParameters }).then(callback).catch(errback);
		});
		transport.on('connectionstatechange', (state) => this.emit('transportstate', { direction: producing ? 'send' : 'recv', state }));
		if (producing) {
			transport.on('produce', ({ kind, rtpParameters, appData }, callback, errback) => {
				protoo.request('produce', { transportId: transport.id, kind, rtpParameters, appData })
					.then(({ id }) => callback({ id })).catch(errback);
			});
			transport.on('producedata', ({ sctpStreamParameters, label, protocol, appData }, callback, errback) => {
				protoo.request('produceData', { transportId: transport.id, sctpStreamParameters, label, protocol, appData })
					.then(({ id }) => callback({ id })).catch(errback);
			});
		}
		return transport;
	}

	async _onRequest(request, accept, reject) {
		switch (request.method) {
			case 'newConsumer': {
				const { peerId, producerId, id, kind, rtpParameters, appData } = request.data;
				const consumer = await this.recvTransport.consume({
					id, producerId, kind, rtpParameters,
					// One stream per peer keeps its audio and video in sync.
					streamId : `${peerId}-mic-webcam`,
					appData  : { ...appData, peerId }
				});

				this.consumers.set(consumer.id, consumer);
				consumer.on('transportclose', () => this.consumers.delete(consumer.id));
				accept();
				this.emit('consumer', { consumer, peerId });
				break;
			}
			case 'newDataConsumer': {
				const { peerId, dataProducerId, id, sctpStreamParameters, label, protocol, appData } = request.data;
				const dataConsumer = await this.recvTransport.consumeData({
					id, dataProducerId, sctpStreamParameters, label, protocol, appData: { ...appData, peerId }
				});

				this.dataConsumers.set(dataConsumer.id, dataConsumer);
				dataConsumer.on('transportclose', () => this.dataConsumers.delete(dataConsumer.id));
				dataConsumer.on('message', (message) => {
					if (dataConsumer.label !== CHAT_LABEL)
						return;
					const text = typeof message === 'string' ? message : new TextDecoder().decode(message);
					const peer = this.peers.get(peerId);

					this.emit('chat', { peerId, displayName: peer ? peer.displayName : peerId, text, mine: false });
				});
				accept();
				break;
			}
			default:
				reject(404, `unknown method ${request.method}`);
		}
	}

	_onNotification({ method, data }) {
		switch (method) {
			case 'newPeer':
				this._addPeer(data);
				break;
			case 'peerClosed': {
				this.peers.delete(data.peerId);
				this.emit('peerclosed', data);
				break;
			}
			case 'peerDisplayNameChanged': {
				const peer = this.peers.get(data.peerId);

				if (peer)
					peer.displayName = data.displayName;
				this.emit('peerchanged', data);
				break;
			}
			case 'consumerClosed': {
				const consumer = this.consumers.get(data.consumerId);

				if (consumer) {
					consumer.close();
					this.consumers.delete(data.consumerId);
					this.emit('consumerclosed', { consumerId: data.consumerId, peerId: consumer.appData.peerId, kind: consumer.kind });
				}
				break;
			}
			case 'consumerPaused':
			case 'consumerResumed':
			case 'consumerScore':
			case 'producerScore':
			case 'consumerLayersChanged':
			case 'downlinkBwe':
			case 'mediasoup-version':
				this.emit(method, data);
				break;
			case 'dataConsumerClosed': {
				const dataConsumer = this.dataConsumers.get(data.dataConsumerId);

				if (dataConsumer) {
					dataConsumer.close();
					this.dataConsumers.delete(data.dataConsumerId);
				}
				break;
			}
			case 'activeSpeaker':
				this.emit('activespeaker', data);
				break;
			case 'audioLevels':
				this.emit('audiolevels', data);
				break;
			case 'redirect':
				this._redirect(data);
				break;
			default:
				this.emit('unknownnotification', { method, data });
		}
	}

	// The server that took the socket does not host the room: go where it says, as the same peer.
	_redirect({ url, reason }) {
		this.emit('status', { state: 'connecting', text: `Redirected${reason ? ` (${reason})` : ''}…` });
		this._redirecting = true;
		const old = this.protoo;

		this._closeMedia();
		this.protoo = null;
		old.close();
		this._connect(url);
	}

	// The node we were sent to is gone or unreachable: back to the entry point, after a short pause that
	// grows with each attempt (a dead node stays in the registry for a few seconds).
	_backToEntry(old, why) {
		this._redirecting = true;
		this.protoo = null;
		old.close();
		this._closeMedia();
		const attempt = this._entryAttempts++;

		if (attempt >= 10) {
			this.close(`${why}; giving up`);
			return;
		}
		const delay = Math.min(500 * 2 ** attempt, 4000);

		this.emit('status', { state: 'connecting', text: `${why}, going back to the entry point…` });
		this.emit('reentry', { url: this.entryUrl, attempt, delay });
		setTimeout(() => {
			if (!this.closed)
				this._connect(this.entryUrl);
		}, delay);
	}

	_addPeer(peer) {
		this.peers.set(peer.id, peer);
		this.emit('newpeer', peer);
	}

	async enableMic(deviceId) {
		const stream = await navigator.mediaDevices.getUserMedia({ audio: deviceId ? { deviceId: { exact: deviceId } } : true });
		const track = stream.getAudioTracks()[0];

		await this._replaceOrProduce('mic', track, { opusStereo: false, opusDtx: true });
		return track;
	}

	async enableWebcam(deviceId) {
		const stream = await navigator.mediaDevices.getUserMedia({
			video : { ...(deviceId ? { deviceId: { exact: deviceId } } : {}), width: { ideal: 1280 }, height: { ideal: 720 }, frameRate: { ideal: 30 } }
		});
		const track = stream.getVideoTracks()[0];

		await this._replaceOrProduce('webcam', track);
		return track;
	}

	async _replaceOrProduce(source, track, codecOptions) {
		const existing = this.producers.get(source);

		if (existing && !existing.closed) {
			existing.track && existing.track.stop();
			await existing.replaceTrack({ track });
			if (existing.paused)
				await this.resumeProducer(source);
			return;
		}
		const producer = await this.sendTransport.produce({ track, codecOptions, appData: { source }, stopTracks: true });

		this.producers.set(source, producer);
	}

	async pauseProducer(source) {
		const producer = this.producers.get(source);

		if (!producer || producer.paused)
			return;
		producer.pause();
		await this.protoo.request('pauseProducer', { producerId: producer.id });
	}

	async resumeProducer(source) {
		const producer = this.producers.get(source);

		if (!producer || !producer.paused)
			return;
		producer.resume();
		await this.protoo.request('resumeProducer', { producerId: producer.id });
	}

	sendChat(text) {
		if (!this.chatProducer || this.chatProducer.readyState !== 'open')
			throw new Error('chat not ready yet');
		this.chatProducer.send(text);
		this.emit('chat', { peerId: this.peerId, displayName: this.displayName, text, mine: true });
	}

	// Every consumer's receive statistics, summed per peer and kind (for the UI and the tests).
	async receiveStats() {
		const result = {};

		for (const consumer of this.consumers.values()) {
			const stats = await consumer.getStats();
			const peerId = consumer.appData.peerId;

			stats.forEach((report) => {
				if (report.type !== 'inbound-rtp')
					return;
				const entry = (result[peerId] ||= {});
				const kind = (entry[consumer.kind] ||= { packetsReceived: 0, framesDecoded: 0, bytesReceived: 0 });

				kind.packetsReceived += report.packetsReceived || 0;
				kind.framesDecoded += report.framesDecoded || 0;
				kind.bytesReceived += report.bytesReceived || 0;
			});
		}
		return result;
	}

	_closeMedia() {
		for (const transport of [ this.sendTransport, this.recvTransport ]) {
			if (transport && !transport.closed)
				transport.close();
		}
		this.sendTransport = this.recvTransport = null;
		this.producers.clear();
		this.consumers.clear();
		this.dataConsumers.clear();
		this.chatProducer = null;
		for (const peerId of [ ...this.peers.keys() ]) {
			this.peers.delete(peerId);
			this.emit('peerclosed', { peerId });
		}
	}

	_fail(error) {
		console.error(error);
		if (this._joined) {
			this._joined.reject(error);
			this._joined = null;
		}
		this.close(`Could not join: ${error.message || error}`);
	}

	close(reason) {
		if (this.closed)
			return;
		this.closed = true;
		this._closeMedia();
		if (this.protoo)
			this.protoo.close();
		this.emit('closed', { reason });
	}
}

function browserName() {
	const ua = navigator.userAgent;

	if (/Edg\//.test(ua))
		return 'Edge';
	if (/Chrom(e|ium)\//.test(ua))
		return 'Chromium';
	if (/Firefox\//.test(ua))
		return 'Firefox';
	if (/Safari\//.test(ua))
		return 'Safari';
	return 'Browser';
}
