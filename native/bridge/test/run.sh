#!/usr/bin/env bash
# Builds (if needed) the native outputs and the bridge test host, records a
# realistic request sequence with the official Node layer (installed into the
# cache, never into the repo) and runs the test host with it.
#   native/bridge/test/run.sh [bridge_test args, e.g. --seconds=3 --min-rate=500000]
#   MSB_VALGRIND=1 native/bridge/test/run.sh --seconds=1   # memory errors fail the run
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd -P)"
NATIVE_DIR="$(cd "$HERE/../.." && pwd -P)"
CACHE_DIR="${MSCLUSTER_CACHE:-$HOME/.cache/mscluster}"
log() { printf '[bridge-test] %s\n' "$*" >&2; }

OUT="${MSB_OUT:-$("$NATIVE_DIR/build.sh" | tail -n1)}"
SRC="$("$NATIVE_DIR/source.sh" | tail -n1)"
BUILD="$CACHE_DIR/native/bridge-test"

log "building the test host against $OUT"
cmake -S "$HERE" -B "$BUILD" -G Ninja -DMSB_OUT="$OUT" -DMS_WORKER_DIR="$SRC/worker" >&2
ninja -C "$BUILD" >&2

NODE_DIR="$CACHE_DIR/native/node-mediasoup-3.27.1"
if [[ ! -f "$NODE_DIR/node_modules/mediasoup/package.json" ]]; then
	log "installing the mediasoup Node layer into $NODE_DIR"
	mkdir -p "$NODE_DIR"
	(cd "$NODE_DIR" && { [[ -f package.json ]] || npm init -y >/dev/null; } &&
		npm install --silent --ignore-scripts --no-audit --no-fund mediasoup@3.27.1) >&2
fi
log "recording Node-layer requests"
(cd "$NODE_DIR" && MEDIASOUP_WORKER_BIN="$OUT/mediasoup-worker" node "$HERE/record-requests.js" "$BUILD/replay.bin") >&2

RUN=()
if [[ "${MSB_VALGRIND:-0}" == 1 ]]; then
	RUN=(valgrind --quiet --error-exitcode=99 --num-callers=30)
fi
exec ${RUN[@]+"${RUN[@]}"} "$BUILD/bridge_test" --replay="$BUILD/replay.bin" "$@"
