#!/bin/sh
# Installs the Debian 12 packages camprint needs to build and test, when missing:
# FFmpeg headers, libraries and tools (media plane), pkg-config, GStreamer's RTSP
# server with Python bindings (scripts/rtsp-test-server.py), openssl (the rtsps tests make their
# certificates with it) and the sqlite3 shell (the agent's kill -9 test checks the spool's
# integrity with it). Idempotent and quiet; runs as
# root, or through sudo when not root and sudo exists.
set -eu

PACKAGES="pkg-config ffmpeg libavformat-dev libavcodec-dev libavutil-dev
python3 python3-gi gir1.2-gst-rtsp-server-1.0 gstreamer1.0-tools
gstreamer1.0-plugins-good gstreamer1.0-plugins-bad gstreamer1.0-plugins-ugly gstreamer1.0-libav
openssl sqlite3"

missing=""
for package in $PACKAGES; do
    if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed"; then
        missing="$missing $package"
    fi
done
[ -z "$missing" ] && exit 0

if [ "$(id -u)" -eq 0 ]; then
    run=""
elif command -v sudo >/dev/null 2>&1; then
    run="sudo"
else
    echo "install-deps: missing packages:$missing (run as root or install sudo)" >&2
    exit 1
fi

echo "install-deps: installing$missing" >&2
export DEBIAN_FRONTEND=noninteractive
# Refresh the package lists only when they are absent (fresh containers).
if [ -z "$(ls -A /var/lib/apt/lists 2>/dev/null | grep -v -e '^lock$' -e '^partial$' || true)" ]; then
    $run apt-get update -qq
fi
# shellcheck disable=SC2086
if ! $run apt-get install -y -qq --no-install-recommends $missing >/dev/null; then
    $run apt-get update -qq
    # shellcheck disable=SC2086
    $run apt-get install -y -qq --no-install-recommends $missing >/dev/null
fi
