#!/usr/bin/env bash
# Smoke check of a native build (default: whatever build.sh gives):
#  1. exported symbols of the two libraries;
#  2. the executable rejects bad settings with exit 42;
#  3. the official mediasoup Node layer (installed into a temp dir with
#     --ignore-scripts, never into the repo) on our executable: worker,
#     router, WebRtcTransport, then real RTP through a PlainTransport, an
#     SRTP (AES-GCM) pipe between two routers and out of another
#     PlainTransport, which exercises the srtp.h compat mapping;
#     worker.dump() is printed.
# Usage: native/smoke.sh [output-dir]
set -euo pipefail
NATIVE_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd -P)"
OUT="${1:-$("$NATIVE_DIR/build.sh" | tail -n1)}"
log() { printf '[smoke] %s\n' "$*" >&2; }
fail() { log "FAIL: $*"; exit 1; }

log "checking exported symbols"
nm -D --defined-only "$OUT/libmediasoup-worker.so" | grep -qw mediasoup_worker_run \
	|| fail "mediasoup_worker_run not exported"
nm -D --undefined-only "$OUT/libmediasoup-worker.so" | grep -qw uv_async_send \
	|| fail "libmediasoup-worker.so does not bind uv_async_send"
readelf -d "$OUT/libmediasoup-worker.so" | grep -q 'NEEDED.*libuv\.so' \
	|| fail "libmediasoup-worker.so does not link libuv.so"
for s in msb_worker_new msb_worker_run msb_worker_send msb_worker_send_last msb_worker_send_batch \
	msb_worker_receive msb_worker_interrupt msb_worker_free; do
	nm -D --defined-only "$OUT/libmscluster-bridge.so" | grep -qw "$s" || fail "$s not exported"
done
readelf -d "$OUT/libmscluster-bridge.so" | grep -q 'R\(UN\)\?PATH.*\$ORIGIN' \
	|| fail "libmscluster-bridge.so has no \$ORIGIN rpath"
(cd / && ldd "$OUT/libmscluster-bridge.so") | grep -q "libmediasoup-worker.so => $OUT/" \
	|| fail "libmscluster-bridge.so does not resolve libmediasoup-worker.so next to itself"

log "checking bad settings exit code"
set +e
MEDIASOUP_VERSION=3.27.1 "$OUT/mediasoup-worker" --logLevel=bogus 3</dev/null 4>/dev/null 2>/tmp/smoke-42.$$
rc=$?
set -e
grep -q 'settings error' /tmp/smoke-42.$$ || { cat /tmp/smoke-42.$$ >&2; rm -f /tmp/smoke-42.$$; fail "no settings error printed"; }
rm -f /tmp/smoke-42.$$
[[ $rc == 42 ]] || fail "exit code $rc, expected 42"

TMP="$(mktemp -d)"
trap 'rm -rf "$TMP"' EXIT
log "installing mediasoup@3.27.1 (node layer only) into $TMP"
(cd "$TMP" && npm init -y >/dev/null && npm install --silent --ignore-scripts --no-audit --no-fund mediasoup@3.27.1) >&2

cat >"$TMP/smoke.js" <<'JS'
const mediasoup = require('mediasoup');
const dgram = require('dgram');

const mediaCodecs = [
  { kind: 'audio', mimeType: 'audio/opus', clockRate: 48000, channels: 2 },
  { kind: 'video', mimeType: 'video/VP8', clockRate: 90000 },
];

function rtp(seq, ssrc, pt) {
  const b = Buffer.alloc(12 + 100, 0xab);
  b[0] = 0x80; b[1] = pt;
  b.writeUInt16BE(seq & 0xffff, 2);
  b.writeUInt32BE(seq * 960, 4);
  b.writeUInt32BE(ssrc, 8);
  return b;
}

(async () => {
  const worker = await mediasoup.createWorker({ logLevel: 'warn' });
  const router = await worker.createRouter({ mediaCodecs });
  const router2 = await worker.createRouter({ mediaCodecs });

  const webRtc = await router.createWebRtcTransport({
    listenInfos: [{ protocol: 'udp', ip: '127.0.0.1' }, { protocol: 'tcp', ip: '127.0.0.1' }],
  });
  if (!webRtc.dtlsParameters.fingerprints.length) throw new Error('no DTLS fingerprints');

  // RTP in: a comedia PlainTransport fed from a local UDP socket.
  const inTransport = await router.createPlainTransport({
    listenInfo: { protocol: 'udp', ip: '127.0.0.1' }, rtcpMux: true, comedia: true,
  });
  const producer = await inTransport.produce({
    kind: 'audio',
    rtpParameters: {
      codecs: [{ mimeType: 'audio/opus', payloadType: 101, clockRate: 48000, channels: 2 }],
      encodings: [{ ssrc: 11111111 }],
    },
  });
  // A consumer on the WebRtcTransport builds libwebrtc's congestion controller
  // (transport-cc), i.e. reads the field trials.
  await webRtc.consume({ producerId: producer.id, rtpCapabilities: router.rtpCapabilities });

  // Router to router over SRTP (AES-256-GCM) pipe transports.
  // keepId: false because both routers live in the same worker.
  const { pipeProducer } = await router.pipeToRouter({
    producerId: producer.id, router: router2, enableSrtp: true, keepId: false,
  });

  // RTP out: a PlainTransport on router2 sending to a local UDP socket.
  const sink = dgram.createSocket('udp4');
  await new Promise((r) => sink.bind(0, '127.0.0.1', r));
  let received = 0;
  sink.on('message', (b) => {
    // RTCP (packet types 192..223) also arrives here; count intact RTP only:
    // the payload must survive the SRTP round trip byte for byte.
    if (b[1] >= 192 && b[1] <= 223) return;
    if (b.length >= 112 && b.subarray(b.length - 100).every((x) => x === 0xab)) received++;
  });
  const outTransport = await router2.createPlainTransport({
    listenInfo: { protocol: 'udp', ip: '127.0.0.1' }, rtcpMux: true, comedia: false,
  });
  await outTransport.connect({ ip: '127.0.0.1', port: sink.address().port });
  const consumer = await outTransport.consume({
    producerId: pipeProducer.id, rtpCapabilities: router2.rtpCapabilities,
  });

  const src = dgram.createSocket('udp4');
  for (let i = 0; i < 50; i++) {
    await new Promise((r) => src.send(rtp(1000 + i, 11111111, 101), inTransport.tuple.localPort, '127.0.0.1', r));
    await new Promise((r) => setTimeout(r, 5));
  }
  await new Promise((r) => setTimeout(r, 300));
  src.close(); sink.close();

  const pipeTransportDump = (await router.dump()).transportIds.length;
  console.log(JSON.stringify(await worker.dump(), null, 2));
  console.log(`transports on router1=${pipeTransportDump} rtp_in=50 rtp_out=${received} consumer=${consumer.id}`);
  worker.close();
  if (received < 45) throw new Error(`only ${received}/50 RTP packets came out through the SRTP pipe`);
  console.log('SMOKE OK');
})().catch((err) => { console.error(err); process.exit(1); });
JS

log "running the mediasoup Node layer on $OUT/mediasoup-worker"
(cd "$TMP" && MEDIASOUP_WORKER_BIN="$OUT/mediasoup-worker" node smoke.js)
log "OK"
