#!/usr/bin/env bash
# Builds (if needed) the native outputs and the bridge test host, then runs it.
# Extra arguments go to the test host, e.g. --workers=2 --seconds=3 --min-rate=500000
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd -P)"
NATIVE_DIR="$(cd "$HERE/../.." && pwd -P)"
CACHE_DIR="${MSCLUSTER_CACHE:-$HOME/.cache/mscluster}"

OUT="$("$NATIVE_DIR/build.sh" | tail -n1)"
SRC="$("$NATIVE_DIR/source.sh" | tail -n1)"
BUILD="$CACHE_DIR/native/bridge-test-$(basename "$OUT")"

cmake -S "$HERE" -B "$BUILD" -G Ninja -DMSB_OUT="$OUT" -DMS_WORKER_DIR="$SRC/worker" >&2
ninja -C "$BUILD" >&2
exec "$BUILD/bridge_test" "$@"
