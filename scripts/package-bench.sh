#!/usr/bin/env bash
# Static vs dynamic Swift runtime: size, start time and peak RSS of two camprint builds (the figures of
# the README's Benchmarks and docs/packaging.md).
#
#   scripts/package-bench.sh DYNAMIC_CAMPRINT STATIC_CAMPRINT [RUNS]
#
# e.g. the release build of `swift build -c release` (dynamic) against the binary of `make deb`
# (dist/work/camprint/usr/bin/camprint, stripped) or the unstripped one in the release folder.
# For each: file size; `camprint --version` and `camprint probe --no-media` of an emulated Hikvision
# camera (camprint-testcam on 127.0.3.1:18831, a debug build from SCRATCH; TESTCAM= overrides) timed
# by hyperfine (RUNS runs, default 30, after 3 warm-ups: mean ± σ, median); peak RSS
# (/usr/bin/time -v, median of RUNS runs). The shipped rules are found through
# CAMPRINT_SIGNATURES_DIR. Loopback only.
set -euo pipefail
cd "$(dirname "$0")/.."
dynamic=${1:?usage: package-bench.sh DYNAMIC_CAMPRINT STATIC_CAMPRINT [RUNS]}
static=${2:?usage: package-bench.sh DYNAMIC_CAMPRINT STATIC_CAMPRINT [RUNS]}
runs=${3:-30}
SCRATCH=${SCRATCH:-.build}
SWIFT=${SWIFT:-swift}
export PATH="/opt/swift/usr/bin:$PATH"
export CAMPRINT_SIGNATURES_DIR="$PWD/Sources/CamprintSignatures/Rules"
command -v hyperfine >/dev/null || DEBIAN_FRONTEND=noninteractive apt-get install -y -qq hyperfine >/dev/null

work=$(mktemp -d /tmp/camprint-package-bench.XXXXXX)
testcam_pid=""
cleanup() {
    [ -n "$testcam_pid" ] && kill "$testcam_pid" 2>/dev/null && wait "$testcam_pid" 2>/dev/null
    rm -rf "$work"
}
trap cleanup EXIT

if [ -z "${TESTCAM:-}" ]; then
    "$SWIFT" build --scratch-path "$SCRATCH" --product camprint-testcam >/dev/null
    TESTCAM="$("$SWIFT" build --scratch-path "$SCRATCH" --show-bin-path)/camprint-testcam"
fi
ffmpeg -v error -f lavfi -i testsrc2=size=640x360:rate=25 -t 2 -c:v libx264 -g 25 -bf 0 -pix_fmt yuv420p \
    "$work/clip.h264"
"$TESTCAM" --persona hikvision-ipc --media "$work/clip.h264" --no-auth --listen 127.0.3.1:18831 \
    >"$work/testcam.out" 2>"$work/testcam.err" &
testcam_pid=$!
for _ in $(seq 1 100); do grep -q '^READY' "$work/testcam.out" 2>/dev/null && break; sleep 0.1; done
url=rtsp://127.0.3.1:18831/Streaming/Channels/101

median_rss() { # command...: median of the peak RSS in kB over $runs runs
    for _ in $(seq 1 "$runs"); do
        /usr/bin/time -f '%M' "$@" 2>&1 >/dev/null | tail -n 1
    done | sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'
}

echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
for build in dynamic static; do
    binary=${!build}
    echo "== $build: $binary"
    echo "size: $(stat -c %s "$binary") bytes; needs: $(readelf -d "$binary" | sed -n 's/.*(NEEDED).*\[\(.*\)\]/\1/p' | tr '\n' ' ')"
    hyperfine -N --warmup 3 --runs "$runs" --export-json "$work/$build-version.json" "$binary --version" |
        grep -E 'Time|Range'
    hyperfine -N --warmup 3 --runs "$runs" --export-json "$work/$build-probe.json" \
        "$binary probe --no-media --no-http --no-onvif $url" | grep -E 'Time|Range'
    for kind in version probe; do
        python3 -c 'import json,statistics,sys; r=json.load(open(sys.argv[1]))["results"][0]["times"]; print(f"  {sys.argv[2]} median {statistics.median(r)*1000:.1f} ms")' \
            "$work/$build-$kind.json" "$kind"
    done
    echo "  peak RSS --version: $(median_rss "$binary" --version) kB"
    echo "  peak RSS probe --no-media: $(median_rss "$binary" probe --no-media --no-http --no-onvif "$url") kB"
done
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
