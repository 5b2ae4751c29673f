// The fan-out of `mscluster bench media --compare-node` through the official Node layer, on our
// worker binary (MEDIASOUP_WORKER_BIN). Same topology as the Java side (cli's JavaFanout): a router
// with opus and VP8, a PlainTransport (comedia, rtcpMux) with an opus and a VP8 producer of the
// clip's SSRCs and payload types, and on request more PlainTransports connected to the benchmark's
// receiver, each consuming both. Talks JSON lines: first {"producerPort","workerPid"}, then for each
// {"op":"add","count":N,"port":P} on stdin the new consumers; the benchmark reads the worker's CPU
// from /proc itself. Arguments: audioSsrc videoSsrc audioPt videoPt.
import * as mediasoup from 'mediasoup';
import readline from 'node:readline';

const [audioSsrc, videoSsrc, audioPt, videoPt] = process.argv.slice(2).map(Number);
const listenInfo = { protocol: 'udp', ip: '127.0.0.1' };
const rtcp = { cname: 'bench-media', reducedSize: true };

const worker = await mediasoup.createWorker({ logLevel: 'warn' });
const router = await worker.createRouter({
  mediaCodecs: [
    { kind: 'audio', mimeType: 'audio/opus', clockRate: 48000, channels: 2 },
    { kind: 'video', mimeType: 'video/VP8', clockRate: 90000 },
  ],
});
const producing = await router.createPlainTransport({ listenInfo, rtcpMux: true, comedia: true });
const audio = await producing.produce({
  kind: 'audio',
  rtpParameters: {
    codecs: [{ mimeType: 'audio/opus', payloadType: audioPt, clockRate: 48000, channels: 2 }],
    encodings: [{ ssrc: audioSsrc }], rtcp,
  },
});
const video = await producing.produce({
  kind: 'video',
  rtpParameters: {
    codecs: [{ mimeType: 'video/VP8', payloadType: videoPt, clockRate: 90000 }],
    encodings: [{ ssrc: videoSsrc }], rtcp,
  },
});

// The router's capabilities without transport-cc, REMB and their header extensions: the receiver sends
// no feedback, and a consumer estimating bandwidth without any would send probation padding. The Java
// side (JavaFanout.withoutBandwidthEstimation) asks for the same.
const receiver = {
  codecs: router.rtpCapabilities.codecs.map((codec) => ({
    ...codec,
    rtcpFeedback: (codec.rtcpFeedback ?? []).filter((fb) => fb.type !== 'transport-cc' && fb.type !== 'goog-remb'),
  })),
  headerExtensions: [],
};

async function addTransport(port) {
  const transport = await router.createPlainTransport({ listenInfo, rtcpMux: true, comedia: false });
  await transport.connect({ ip: '127.0.0.1', port });
  const videoConsumer = await transport.consume({ producerId: video.id, rtpCapabilities: receiver });
  const audioConsumer = await transport.consume({ producerId: audio.id, rtpCapabilities: receiver });
  return [videoConsumer, audioConsumer].map((c) => ({ ssrc: c.rtpParameters.encodings[0].ssrc, video: c.kind === 'video' }));
}

const print = (value) => process.stdout.write(JSON.stringify(value) + '\n');
print({ producerPort: producing.tuple.localPort, workerPid: worker.pid });

for await (const line of readline.createInterface({ input: process.stdin })) {
  const request = JSON.parse(line);
  if (request.op === 'add') {
    const added = await Promise.all(Array.from({ length: request.count }, () => addTransport(request.port)));
    print({ consumers: added.flat() });
  }
}
worker.close();
