// Records the exact channel messages the official mediasoup Node layer sends
// for a realistic session (routers, WebRTC/Plain/Pipe transports with SRTP,
// a consumer with transport-cc, dumps, stats, WORKER_CLOSE), so bridge_test
// can replay them into an in-process worker. Each socket write of the Node
// channel is one size-prefixed message, i.e. the file is already in
// msb_worker_send_batch format.
//
//   MEDIASOUP_WORKER_BIN=... node record-requests.js out.bin   (cwd: where mediasoup is installed)
'use strict';

const fs = require('fs');
const net = require('net');
const path = require('path');

const out = process.argv[2];
const recorded = [];
const origWrite = net.Socket.prototype.write;

net.Socket.prototype.write = function (chunk, ...rest) {
  if (chunk instanceof Uint8Array) recorded.push(Buffer.from(chunk));
  return origWrite.call(this, chunk, ...rest);
};

const mediasoup = require(path.join(process.cwd(), 'node_modules', 'mediasoup'));

const mediaCodecs = [
  { kind: 'audio', mimeType: 'audio/opus', clockRate: 48000, channels: 2 },
  { kind: 'video', mimeType: 'video/VP8', clockRate: 90000 },
];

(async () => {
  const worker = await mediasoup.createWorker({ logLevel: 'warn' });
  const router = await worker.createRouter({ mediaCodecs });
  const router2 = await worker.createRouter({ mediaCodecs });
  const listenInfos = [{ protocol: 'udp', ip: '127.0.0.1' }];

  const sendT = await router.createWebRtcTransport({ listenInfos });
  const recvT = await router.createWebRtcTransport({ listenInfos });
  const producer = await sendT.produce({
    kind: 'video',
    rtpParameters: {
      mid: '0',
      codecs: [{
        mimeType: 'video/VP8', payloadType: 96, clockRate: 90000,
        rtcpFeedback: [{ type: 'nack' }, { type: 'transport-cc' }],
      }],
      headerExtensions: [{
        uri: 'http://www.ietf.org/id/draft-holmer-rmcat-transport-wide-cc-extensions-01', id: 5,
      }],
      encodings: [{ ssrc: 22222222 }],
    },
  });
  // transport-cc on a consumer makes the transport build libwebrtc's
  // congestion controller, which reads the field trials.
  await recvT.consume({ producerId: producer.id, rtpCapabilities: router.rtpCapabilities });

  const plain = await router.createPlainTransport({
    listenInfo: { protocol: 'udp', ip: '127.0.0.1' }, rtcpMux: true, comedia: false,
    enableSrtp: true, srtpCryptoSuite: 'AES_CM_128_HMAC_SHA1_80',
  });
  await plain.connect({
    ip: '127.0.0.1', port: 9,
    srtpParameters: {
      cryptoSuite: 'AES_CM_128_HMAC_SHA1_80',
      keyBase64: Buffer.alloc(30, 7).toString('base64'),
    },
  });
  await plain.consume({ producerId: producer.id, rtpCapabilities: router.rtpCapabilities });
  await router.pipeToRouter({ producerId: producer.id, router: router2, enableSrtp: true, keepId: false });

  await worker.dump();
  await router.dump();
  await sendT.getStats();
  await recvT.dump();
  worker.close();

  fs.writeFileSync(out, Buffer.concat(recorded));
  console.log(`recorded ${recorded.length} messages, ${fs.statSync(out).size} bytes`);
})().catch((err) => { console.error(err); process.exit(1); });
