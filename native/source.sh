#!/usr/bin/env bash
# Makes sure the pristine mediasoup npm package is extracted in the cache and
# prints its directory as the last line of stdout. Progress goes to stderr so
# callers can use "$(native/source.sh | tail -n1)".
set -euo pipefail

MS_VERSION=3.27.1
# Pinned so that a compromised or republished registry tarball is refused;
# equals `npm view mediasoup@3.27.1 dist.integrity`.
MS_INTEGRITY='sha512-unjG0ihJFZmCXxtS5ay6iPp+ov1Rg/BhJuP1gGfw4ElX/K5Z0it3PCC7rKecWMK2FgbQ52kKmDgZBPm/ewYO6A=='

CACHE_DIR="${MSCLUSTER_CACHE:-$HOME/.cache/mscluster}"
SRC_ROOT="$CACHE_DIR/src"
DEST="$SRC_ROOT/mediasoup-$MS_VERSION"
# The marker carries the integrity so a directory left by another pinned
# tarball (or a half-finished copy) is never taken for ours.
MARKER="$DEST/.mscluster-source-ok"

log() { printf '[native] %s\n' "$*" >&2; }

if [[ -f "$MARKER" && "$(cat "$MARKER")" == "$MS_INTEGRITY" ]]; then
	printf '%s\n' "$DEST"
	exit 0
fi

for tool in npm node tar flock; do
	command -v "$tool" >/dev/null || { log "missing tool: $tool"; exit 1; }
done

mkdir -p "$SRC_ROOT"
# Serialise concurrent callers; the loser finds the marker and returns at once.
exec 9>"$SRC_ROOT/.lock"
flock 9
if [[ -f "$MARKER" && "$(cat "$MARKER")" == "$MS_INTEGRITY" ]]; then
	printf '%s\n' "$DEST"
	exit 0
fi

TMP="$(mktemp -d "$SRC_ROOT/.fetch.XXXXXX")"
trap 'rm -rf "$TMP"' EXIT

if [[ -n "${MSCLUSTER_MEDIASOUP_TARBALL:-}" ]]; then
	# A machine without the registry: the package fetched elsewhere (its integrity is checked all the same).
	[[ -f "$MSCLUSTER_MEDIASOUP_TARBALL" ]] || { log "MSCLUSTER_MEDIASOUP_TARBALL=$MSCLUSTER_MEDIASOUP_TARBALL is not a file"; exit 1; }
	TARBALL_NAME="$(basename "$MSCLUSTER_MEDIASOUP_TARBALL")"
	cp "$MSCLUSTER_MEDIASOUP_TARBALL" "$TMP/$TARBALL_NAME"
else
	log "downloading mediasoup@$MS_VERSION with npm pack"
	# --ignore-scripts: packing must never run package code; stdout is the file name. Not inside a command
	# substitution: there a failure of npm would end this script without a word under set -e.
	if ! (cd "$TMP" && npm pack --ignore-scripts "mediasoup@$MS_VERSION" >"$TMP/pack.out" 2>"$TMP/pack.err"); then
		log "cannot download mediasoup@$MS_VERSION from the npm registry $(npm config get registry 2>/dev/null || true):"
		grep -v '^\s*$' "$TMP/pack.err" | tail -n 12 | sed 's/^/[native]   /' >&2 || true
		log "check the network and the registry (npm config get registry, HTTPS_PROXY; behind a TLS-inspecting proxy:"
		log "npm config set cafile /path/to/ca.pem), or fetch the package elsewhere with"
		log "  npm pack mediasoup@$MS_VERSION"
		log "and run again with MSCLUSTER_MEDIASOUP_TARBALL=/path/to/mediasoup-$MS_VERSION.tgz"
		exit 1
	fi
	TARBALL_NAME="$(tail -n1 "$TMP/pack.out")"
fi
TARBALL="$TMP/$TARBALL_NAME"
[[ -n "$TARBALL_NAME" && -f "$TARBALL" ]] || { log "npm pack produced no tarball"; exit 1; }

# npm implies node, so node does the SRI encoding (no xxd/openssl CLI needed).
ACTUAL="$(node -e '
const crypto = require("crypto"), fs = require("fs");
process.stdout.write("sha512-" + crypto.createHash("sha512").update(fs.readFileSync(process.argv[1])).digest("base64"));
' "$TARBALL")"
if [[ "$ACTUAL" != "$MS_INTEGRITY" ]]; then
	log "integrity mismatch for $TARBALL_NAME"
	log "  expected $MS_INTEGRITY"
	log "  got      $ACTUAL"
	exit 1
fi
log "integrity verified ($TARBALL_NAME)"

mkdir "$TMP/x"
tar -xzf "$TARBALL" -C "$TMP/x" --no-same-owner
[[ -d "$TMP/x/package/worker" && -d "$TMP/x/package/node" && -f "$TMP/x/package/package.json" ]] \
	|| { log "unexpected tarball layout"; exit 1; }
printf '%s' "$MS_INTEGRITY" >"$TMP/x/package/.mscluster-source-ok"

# A stale or partial directory (no valid marker) is moved aside rather than
# merged into, so the final mv stays a single atomic rename.
if [[ -e "$DEST" ]]; then
	mv "$DEST" "$TMP/old"
fi
mv "$TMP/x/package" "$DEST"
log "extracted to $DEST"
printf '%s\n' "$DEST"
