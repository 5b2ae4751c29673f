// WORKER_DUMP round trips through the official Node layer with a bounded window in flight: the
// baseline that `mscluster bench channel --compare-node` prints beside the Java figures.
// The worker binary is ours: MEDIASOUP_WORKER_BIN must point at it.
import * as mediasoup from 'mediasoup';

const requests = Number(process.argv[2] ?? 200000);
const inFlight = Number(process.argv[3] ?? 64);
const warmup = Number(process.argv[4] ?? 20000);

async function run(worker, count, latencies) {
  let sent = 0;
  async function lane() {
    while (sent < count) {
      sent++;
      const start = process.hrtime.bigint();
      await worker.dump();
      if (latencies) latencies.push(Number(process.hrtime.bigint() - start));
    }
  }
  await Promise.all(Array.from({ length: inFlight }, lane));
}

function percentile(sorted, p) {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))];
}

const us = (ns) => Math.round(ns / 100) / 10;

const worker = await mediasoup.createWorker({ logLevel: 'warn' });
await run(worker, warmup, null);
const latencies = [];
const start = process.hrtime.bigint();
await run(worker, requests, latencies);
const elapsed = Number(process.hrtime.bigint() - start);
latencies.sort((a, b) => a - b);
console.log(JSON.stringify({
  benchmark: 'channel', host: 'node', mode: 'process', request: 'WORKER_DUMP', requests, inFlight,
  seconds: Math.round(elapsed / 1e6) / 1e3,
  requestsPerSecond: Math.round(requests / (elapsed / 1e9)),
  p50Us: us(percentile(latencies, 0.5)), p99Us: us(percentile(latencies, 0.99)),
  maxUs: us(latencies[latencies.length - 1] ?? 0),
}));
worker.close();
