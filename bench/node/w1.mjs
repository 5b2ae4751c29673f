// Workload W1 through the official Node layer: the baseline that `mscluster bench api --compare-node`
// prints beside the Java figures. One iteration, on a router with opus and VP8: two PlainTransports
// (127.0.0.1, rtcpMux, no comedia), an opus producer on the first (one encoding, fixed SSRC), a
// consumer of it on the second (the router's capabilities), the consumer's getStats(), both
// transports closed. Iterations run one after the other.
// The worker binary is ours: MEDIASOUP_WORKER_BIN must point at it.
import * as mediasoup from 'mediasoup';

const iterations = Number(process.argv[2] ?? 10000);
const warmup = Number(process.argv[3] ?? 2000);

const mediaCodecs = [
  { kind: 'audio', mimeType: 'audio/opus', clockRate: 48000, channels: 2 },
  { kind: 'video', mimeType: 'video/VP8', clockRate: 90000 },
];
const transportOptions = { listenInfo: { protocol: 'udp', ip: '127.0.0.1' }, rtcpMux: true, comedia: false };
const producerOptions = {
  kind: 'audio',
  rtpParameters: {
    codecs: [{ mimeType: 'audio/opus', payloadType: 100, clockRate: 48000, channels: 2 }],
    encodings: [{ ssrc: 11111111 }],
    rtcp: { cname: 'w1', reducedSize: true },
  },
};

async function iteration(router) {
  const sendTransport = await router.createPlainTransport(transportOptions);
  const recvTransport = await router.createPlainTransport(transportOptions);
  try {
    const producer = await sendTransport.produce(producerOptions);
    const consumer = await recvTransport.consume({ producerId: producer.id, rtpCapabilities: router.rtpCapabilities });
    await consumer.getStats();
  } finally {
    sendTransport.close();
    recvTransport.close();
  }
}

async function run(router, count, latencies) {
  for (let i = 0; i < count; i++) {
    const start = process.hrtime.bigint();
    await iteration(router);
    if (latencies) latencies.push(Number(process.hrtime.bigint() - start));
  }
}

function percentile(sorted, p) {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))];
}

const us = (ns) => Math.round(ns / 100) / 10;

const worker = await mediasoup.createWorker({ logLevel: 'warn' });
const router = await worker.createRouter({ mediaCodecs });
await run(router, warmup, null);
const latencies = [];
const start = process.hrtime.bigint();
await run(router, iterations, latencies);
const elapsed = Number(process.hrtime.bigint() - start);
latencies.sort((a, b) => a - b);
console.log(JSON.stringify({
  benchmark: 'api', workload: 'W1', host: 'node', mode: 'process', iterations,
  seconds: Math.round(elapsed / 1e6) / 1e3,
  iterationsPerSecond: Math.round(iterations / (elapsed / 1e9)),
  p50Us: us(percentile(latencies, 0.5)), p99Us: us(percentile(latencies, 0.99)),
  maxUs: us(latencies[latencies.length - 1] ?? 0),
}));
worker.close();
