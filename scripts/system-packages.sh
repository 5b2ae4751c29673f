#!/usr/bin/env bash
# Installs the Debian packages mscluster needs to run and to be tested, only when some are missing,
# so a second run costs a dpkg query. The native build's own packages are native/build.sh's business.
set -euo pipefail

packages=(
  default-jdk-headless maven        # build and run
  redis-server                      # cluster tests start their own
  chromium                          # browser tests (driven by playwright-core from npm)
  ffmpeg nginx libnginx-mod-rtmp    # egress tests
  # WHIP from outside (web-client/test/gst-whip.py): GStreamer's webrtcbin with VP8, Opus and libnice, from Python
  gstreamer1.0-plugins-base gstreamer1.0-plugins-good gstreamer1.0-plugins-bad gstreamer1.0-nice
  python3-gst-1.0 gir1.2-gst-plugins-base-1.0 gir1.2-gst-plugins-bad-1.0
  prometheus                        # promtool checks /metrics
  procps util-linux                 # kill, setsid (process-mode workers)
)
# Node.js: the machine's own is newer than Debian's; install Debian's only where there is none.
command -v node >/dev/null || packages+=(nodejs npm)
command -v java >/dev/null && packages=("${packages[@]/default-jdk-headless}")
command -v mvn >/dev/null && packages=("${packages[@]/maven}")

missing=()
for p in "${packages[@]}"; do
  [ -n "$p" ] || continue
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0

sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
echo "[setup] installing ${missing[*]}" >&2
$sudo apt-get update -qq >&2
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2
