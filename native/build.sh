#!/usr/bin/env bash
# Builds mediasoup-worker, libmediasoup-worker.so and libmscluster-bridge.so
# into a content-addressed cache directory and prints that directory as the
# last line of stdout ("[native] ..." progress and compiler output go to
# stderr). A second run with unchanged inputs only recomputes the key.
#
#   native/build.sh            build if needed, print the output dir
#   MSCLUSTER_CACHE=/x native/build.sh
#   MSCLUSTER_NATIVE_JOBS=4 native/build.sh
set -euo pipefail

MS_VERSION=3.27.1
NATIVE_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd -P)"
CACHE_DIR="${MSCLUSTER_CACHE:-$HOME/.cache/mscluster}"
OUT_ROOT="$CACHE_DIR/native"
OUTPUTS=(mediasoup-worker libmediasoup-worker.so libmscluster-bridge.so)
APT_PACKAGES=(cmake ninja-build ccache pkg-config g++ patch libuv1-dev libssl-dev libsrtp2-dev
	libabsl-dev libflatbuffers-dev flatbuffers-compiler)

START_NS="$(date +%s%N)"
log() { printf '[native] %s\n' "$*" >&2; }
elapsed() { echo "$(( ($(date +%s%N) - START_NS) / 1000000 )) ms"; }

# --- build packages ------------------------------------------------------------
missing_packages() {
	local pkg status
	for pkg in "${APT_PACKAGES[@]}"; do
		status="$(dpkg-query -W -f='${db:Status-Status}' "$pkg" 2>/dev/null || true)"
		[[ "$status" == installed ]] || printf '%s\n' "$pkg"
	done
	# source.sh needs npm; Debian's own is enough when Node is not otherwise installed.
	command -v npm >/dev/null || printf 'npm\n'
}

ensure_packages() {
	if ! command -v dpkg-query >/dev/null; then
		log "not a Debian system: skipping the package check (see APT_PACKAGES for what is needed)"
		return 0
	fi
	local missing
	mapfile -t missing < <(missing_packages)
	((${#missing[@]} == 0)) && return 0
	local sudo=()
	if ((EUID != 0)); then
		if command -v sudo >/dev/null; then
			sudo=(sudo)
		else
			log "missing packages: ${missing[*]} (run as root or install sudo)"
			exit 1
		fi
	fi
	log "installing build packages: ${missing[*]}"
	"${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -q >&2
	"${sudo[@]}" env DEBIAN_FRONTEND=noninteractive \
		apt-get install -y -q --no-install-recommends "${missing[@]}" >&2
}

# --- cache key -----------------------------------------------------------------
# Everything under native/ that can change the binaries: build files, compat
# headers, patches, bridge sources, these scripts. Documentation, the smoke
# check, the opt-in test host, dotfiles and editor leftovers are left out. Paths are relative
# so the key does not depend on where the repository is checked out.
cache_key() {
	(
		cd "$NATIVE_DIR"
		find . \( -name '.*' ! -name . -o -path ./bridge/test \) -prune -o \
			-type f ! -name 'README*' ! -path ./smoke.sh ! -name '*~' ! -name '*.swp' -print0 |
			LC_ALL=C sort -z | xargs -0 sha256sum
	) | { printf '%s\n' "mediasoup-$MS_VERSION"; cat; } | sha256sum | cut -c1-12
}

KEY="$(cache_key)"
OUT_NAME="$MS_VERSION-$KEY"
OUT="$OUT_ROOT/$OUT_NAME"
MARKER="$OUT/.complete"

update_current() {
	# Relative target keeps the cache relocatable; rename is atomic for readers.
	local tmp="$OUT_ROOT/.current.$$"
	ln -sfn "$OUT_NAME" "$tmp"
	mv -T "$tmp" "$OUT_ROOT/current"
}

log "step 1/6: build packages"
ensure_packages

if [[ -f "$MARKER" ]]; then
	update_current
	log "up to date: $OUT ($(elapsed))"
	printf '%s\n' "$OUT"
	exit 0
fi

mkdir -p "$OUT_ROOT"
exec 9>"$OUT_ROOT/.build.lock"
if ! flock -n 9; then
	log "another build holds $OUT_ROOT/.build.lock, waiting"
	flock 9
fi
# The build we waited for may have produced exactly this output.
if [[ -f "$MARKER" ]]; then
	update_current
	log "up to date (built concurrently): $OUT ($(elapsed))"
	printf '%s\n' "$OUT"
	exit 0
fi

log "step 2/6: mediasoup $MS_VERSION sources"
SRC="$("$NATIVE_DIR/source.sh" | tail -n1)"
[[ -d "$SRC/worker" ]] || { log "source.sh gave no worker dir"; exit 1; }

# One persistent work area per checkout path: ninja then recompiles only what
# changed between keys (e.g. only the bridge), instead of ~7 minutes each time.
WORK="$OUT_ROOT/work-$(printf '%s' "$NATIVE_DIR" | sha256sum | cut -c1-8)"
WORKER_DIR="$WORK/worker"
BUILD_DIR="$WORK/build"
mkdir -p "$WORK"

log "step 3/6: patched worker tree"
shopt -s nullglob
PATCHES=("$NATIVE_DIR"/patches/*.patch)
shopt -u nullglob
PATCH_STAMP="$( { printf '%s\n' "$SRC" "$MS_VERSION"; cat ${PATCHES[@]+"${PATCHES[@]}"}; } | sha256sum | cut -c1-64)"
STAMP_FILE="$WORKER_DIR/.mscluster-patched"

if [[ -f "$STAMP_FILE" && "$(head -n1 "$STAMP_FILE")" == "$PATCH_STAMP" ]]; then
	log "patched tree unchanged"
else
	rm -rf "$WORKER_DIR.tmp"
	# -a keeps the package's timestamps, so unpatched files look unchanged to
	# ninja and are not recompiled when only the patch set changes.
	cp -a "$SRC/worker" "$WORKER_DIR.tmp"
	for p in ${PATCHES[@]+"${PATCHES[@]}"}; do
		log "applying $(basename "$p")"
		if ! patch -p1 --fuzz=0 --forward --batch --no-backup-if-mismatch -s -d "$WORKER_DIR.tmp" -i "$p" >&2; then
			log "patch $(basename "$p") does not apply to mediasoup $MS_VERSION"
			exit 1
		fi
	done
	# Files patched now or by the previous patch set get a fresh mtime: a file
	# whose patch was dropped returns to its old package mtime, which ninja
	# would otherwise consider older than its object and skip.
	touched=()
	[[ -f "$STAMP_FILE" ]] && mapfile -t touched < <(tail -n +2 "$STAMP_FILE")
	for p in ${PATCHES[@]+"${PATCHES[@]}"}; do
		mapfile -t -O "${#touched[@]}" touched < <(sed -n 's#^+++ [^/]*/\([^[:space:]]*\).*#\1#p' "$p")
	done
	for f in ${touched[@]+"${touched[@]}"}; do
		[[ -e "$WORKER_DIR.tmp/$f" ]] && touch "$WORKER_DIR.tmp/$f"
	done
	{
		printf '%s\n' "$PATCH_STAMP"
		for p in ${PATCHES[@]+"${PATCHES[@]}"}; do
			sed -n 's#^+++ [^/]*/\([^[:space:]]*\).*#\1#p' "$p"
		done
	} >"$WORKER_DIR.tmp/.mscluster-patched"
	rm -rf "$WORKER_DIR"
	mv "$WORKER_DIR.tmp" "$WORKER_DIR"
fi

log "step 4/6: configure (CMake + Ninja)"
# CMake's chatter goes to a log and is shown only when configuring fails.
# Our build files are copied into the work area too (timestamps kept, so nothing looks changed):
# then every path a compiler sees is inside it, and ccache (installed with the other build
# packages) can hash paths relative to it. Its objects serve every checkout and every key on this
# machine: a build after a change of our build files, or in a fresh clone, reuses what did not change.
rm -rf "$WORK/native.tmp"
cp -a "$NATIVE_DIR" "$WORK/native.tmp"
rm -rf "$WORK/native"
mv "$WORK/native.tmp" "$WORK/native"
# A build area configured from elsewhere (before this layout) cannot be reconfigured in place.
if [[ -f "$BUILD_DIR/CMakeCache.txt" ]] && ! grep -qx "CMAKE_HOME_DIRECTORY:INTERNAL=$WORK/native" "$BUILD_DIR/CMakeCache.txt"; then
	rm -rf "$BUILD_DIR"
fi
LAUNCHER=()
if command -v ccache >/dev/null 2>&1; then
	LAUNCHER=(-DCMAKE_C_COMPILER_LAUNCHER=ccache -DCMAKE_CXX_COMPILER_LAUNCHER=ccache)
	export CCACHE_BASEDIR="$WORK" CCACHE_NOHASHDIR=true CCACHE_SLOPPINESS="${CCACHE_SLOPPINESS:-include_file_mtime,include_file_ctime,time_macros,pch_defines}"
fi
if ! cmake -S "$WORK/native" -B "$BUILD_DIR" -G Ninja \
	-DCMAKE_BUILD_TYPE=Release ${LAUNCHER[@]+"${LAUNCHER[@]}"} \
	-DMS_WORKER_DIR="$WORKER_DIR" >"$WORK/configure.log" 2>&1; then
	cat "$WORK/configure.log" >&2
	log "configure failed"
	exit 1
fi
log "$(grep -m1 'mediasoup sources:' "$WORK/configure.log" | sed 's/^-- //')"

JOBS="${MSCLUSTER_NATIVE_JOBS:-$(nproc)}"
log "step 5/6: compile with $JOBS jobs"
ninja -C "$BUILD_DIR" -j "$JOBS" mediasoup-worker mediasoup-worker-lib mscluster-bridge >&2

log "step 6/6: publish $OUT"
STAGE="$(mktemp -d "$OUT_ROOT/.stage.XXXXXX")"
chmod 755 "$STAGE"
trap 'rm -rf "$STAGE"' EXIT
for f in "${OUTPUTS[@]}"; do
	cp "$BUILD_DIR/$f" "$STAGE/$f"
done
cp "$NATIVE_DIR/bridge/mscluster_bridge.h" "$STAGE/"
{
	printf 'mediasoup %s\nkey %s\nnative %s\nbuilt %s\n' "$MS_VERSION" "$KEY" "$NATIVE_DIR" "$(date -u +%FT%TZ)"
	printf 'compiler %s\n' "$(c++ --version | head -n1)"
} >"$STAGE/BUILDINFO"
touch "$STAGE/.complete"
rm -rf "$OUT"
mv -T "$STAGE" "$OUT"
update_current
log "built $OUT in $(elapsed)"
printf '%s\n' "$OUT"
