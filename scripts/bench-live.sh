#!/usr/bin/env bash
# `make bench`, mid-GOP part (README, Benchmarks): a live source joined at a random point of the GOP
# (camprint-testcam --live, persona gstreamer-generic, GOP 1 s and 4 s). With parameter sets in the
# SDP: `camprint probe` vs `ffprobe -rtsp_transport tcp -show_streams`, medians and ratio (target
# camprint <= 0.25 x ffprobe). Without them (fault no-sdp-parameter-sets, so the SPS comes only in
# band): camprint vs the floor, the time from PLAY to the first in-band SPS on the wire measured by
# scripts/rtsp-first-sps.py (target camprint <= 1.2 x floor + 50 ms; camprint's time includes its
# process start and control plane, the floor does not). Numbers are printed, not asserted.
# Usage: scripts/bench-live.sh [SCRATCH] [RUNS=10]
set -euo pipefail
scratch=${1:-.build}
runs=${2:-10}
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
export PATH="/opt/swift/usr/bin:$PATH"
echo "==> building camprint and camprint-testcam (release)"
swift build --scratch-path "$scratch" -c release --product camprint >/dev/null
swift build --scratch-path "$scratch" -c release --product camprint-testcam >/dev/null
bin="$scratch/release"
[ -f Samples/media/h264_640x360_gop4.h264 ] || ./scripts/make-sample-media.sh >/dev/null

median() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
seconds() { local start=$(date +%s.%N); "$@" >/dev/null 2>&1 || true; echo "$(date +%s.%N) - $start" | bc -l; }

camera=
trap 'kill $camera 2>/dev/null || true' EXIT
port=18950
for gop in 1 4; do
  for sdp in with without; do
    port=$((port + 1))
    fault=()
    [ "$sdp" = without ] && fault=(--fault no-sdp-parameter-sets)
    "$bin/camprint-testcam" --persona gstreamer-generic --media "Samples/media/h264_640x360_gop$gop.h264" \
      --listen "127.0.0.1:$port" --path /live --no-auth --live "${fault[@]}" >/tmp/camprint-bench-live.out 2>&1 &
    camera=$!
    for _ in $(seq 1 50); do grep -q '^READY' /tmp/camprint-bench-live.out && break; sleep 0.1; done
    url="rtsp://127.0.0.1:$port/live"
    sleep 0.3
    camprint_times=(); other_times=()
    for _ in $(seq "$runs"); do
      sleep "0.$((RANDOM % 10))"  # a different point of the GOP each run
      camprint_times+=("$(seconds "$bin/camprint" probe --no-operator-rules --format jsonl "$url")")
      sleep "0.$((RANDOM % 10))"
      if [ "$sdp" = with ]; then
        other_times+=("$(seconds ffprobe -v error -rtsp_transport tcp -show_streams "$url")")
      else
        other_times+=("$(python3 scripts/rtsp-first-sps.py "$url" 10)")
      fi
    done
    "$bin/camprint" probe --no-operator-rules --format json "$url" >/tmp/camprint-bench-live.json || true
    grep -q '"status" : "ok"\|"status":"ok"' /tmp/camprint-bench-live.json || echo "   warning: camprint probe not ok" >&2
    c=$(median "${camprint_times[@]}"); o=$(median "${other_times[@]}")
    if [ "$sdp" = with ]; then
      printf '   GOP %d s, parameter sets in the SDP: camprint median %.3f s, ffprobe median %.3f s, ratio %.2f (target <= 0.25)\n' \
        "$gop" "$c" "$o" "$(echo "$c / $o" | bc -l)"
    else
      printf '   GOP %d s, SPS in band only: camprint median %.3f s, floor (PLAY to first SPS) median %.3f s, target %.3f s (1.2 x floor + 50 ms)\n' \
        "$gop" "$c" "$o" "$(echo "1.2 * $o + 0.05" | bc -l)"
    fi
    kill "$camera" 2>/dev/null || true; wait "$camera" 2>/dev/null || true
  done
done
