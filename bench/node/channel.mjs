// WORKER_DUMP round trips through the official Node layer with a bounded window in flight: the
// baseline that `mscluster bench channel --compare-node` prints beside the Java figures.
// The worker binary is ours: MEDIASOUP_WORKER_BIN must point at it.
import * as mediasoup from 'mediasoup';

const requests = Number(process.argv[2] ?? 200000);
const inFlight = Number(process.argv[3] ?? 64);
const warmup = Number(process.argv[4] ?? 20000);
// Workers measured at once, each with inFlight requests and its share of the requests (as the Java side).
const workerCount = Number(process.argv[5] ?? 1);

async function runAll(workers, total, latencies) {
  await Promise.all(workers.map((worker, i) =>
    run(worker, Math.floor(total / workers.length) + (i < total % workers.length ? 1 : 0), latencies)));
}

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

const workers = [];
for (let i = 0; i < workerCount; i++) workers.push(await mediasoup.createWorker({ logLevel: 'warn' }));
await runAll(workers, warmup, null);
const latencies = [];
const start = process.hrtime.bigint();
await runAll(workers, requests, latencies);
const elapsed = Number(process.hrtime.bigint() - start);
latencies.sort((a, b) => a - b);
console.log(JSON.stringify({
  benchmark: 'channel', host: 'node', mode: 'process', request: 'WORKER_DUMP', requests, inFlight, workers: workerCount,
  seconds: Math.round(elapsed / 1e6) / 1e3,
  requestsPerSecond: Math.round(requests / (elapsed / 1e9)),
  p50Us: us(percentile(latencies, 0.5)), p99Us: us(percentile(latencies, 0.99)),
  maxUs: us(latencies[latencies.length - 1] ?? 0),
}));
for (const worker of workers) worker.close();
