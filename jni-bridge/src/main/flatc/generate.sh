#!/usr/bin/env bash
# Generates the FlatBuffers Java classes of the worker channel from the pinned mediasoup
# package's worker/fbs schemas. Called by Maven (generate-sources); the output is never committed.
#
# Why a copy of the schemas: rtpParameters.fbs declares `table String` in FBS.RtpParameters, and
# generated Java in that package would then mean the table wherever it meant java.lang.String.
# Renaming the table (and its member of `union Value`) changes nothing on the wire: union members
# are identified by position and tables by their fields.
set -euo pipefail
out=${1:?usage: generate.sh OUTPUT_DIR}
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../../../.." && pwd)

src=$("$repo/native/source.sh" | tail -n 1)
command -v flatc >/dev/null || { echo "generate.sh: flatc missing: run native/build.sh (it installs the build packages)" >&2; exit 1; }
want="flatc version 2.0.8"
have=$(flatc --version)
[ "$have" = "$want" ] || { echo "generate.sh: need $want (flatbuffers-java is pinned to it), found: $have" >&2; exit 1; }

stamp="$out/.schemas.sha256"
sum=$(cat "$src"/worker/fbs/*.fbs "$0" | sha256sum | cut -c1-64)
if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$sum" ]; then
  exit 0
fi

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cp "$src"/worker/fbs/*.fbs "$tmp/"
sed -i -E 's/^table String \{/table StringValue {/; s/^( +)String,$/\1StringValue,/' "$tmp/rtpParameters.fbs"
grep -q 'table StringValue' "$tmp/rtpParameters.fbs" || { echo "generate.sh: rename of table String failed" >&2; exit 1; }

rm -rf "$out"
mkdir -p "$out"
flatc --java -o "$out" -I "$tmp" "$tmp"/*.fbs
echo "$sum" > "$stamp"
echo "[jni-bridge] generated $(find "$out" -name '*.java' | wc -l) FlatBuffers classes from $src/worker/fbs" >&2
