#!/usr/bin/env bash
# `make bench`: builds camprint-bench in release mode, generates a ≥ 50 MB H.264 Annex B stream
# with ffmpeg + libx264 (kept in BENCH_DIR for reruns), and prints parser throughput.
# Usage: scripts/bench.sh BENCH_DIR SCRATCH
set -euo pipefail
bench_dir=${1:-bench-data}
scratch=${2:-.build}
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
mkdir -p "$bench_dir"
stream="$bench_dir/testsrc2-1080p-qp12.h264"
if [ ! -s "$stream" ] || [ "$(stat -c %s "$stream")" -lt 52428800 ]; then
  echo "==> generating $stream (ffmpeg testsrc2, libx264, 1080p25, 20 s, user-data SEI on every keyframe)"
  ffmpeg -loglevel error -y -f lavfi -i testsrc2=size=1920x1080:rate=25 -t 20 \
    -c:v libx264 -preset ultrafast -qp 12 -g 50 \
    -bsf:v h264_metadata=sei_user_data=dc45e9bd-e6d9-48b7-962c-d820d923eeef+camprint-bench \
    -f h264 "$stream"
fi
echo "==> building camprint-bench (release)"
swift build --scratch-path "$scratch" -c release --product camprint-bench >/dev/null
"$scratch/release/camprint-bench" --stream "$stream" --corpus "$root/../shared/corpus/real"

# Probe: control-plane throughput against 200 local endpoints and peak RSS (scripts/bench-probe.sh).
"$root/scripts/bench-probe.sh" "$scratch" 10 "$bench_dir"

# Probe on a live source joined mid-GOP, vs ffprobe and vs the PLAY-to-first-SPS floor (scripts/bench-live.sh).
"$root/scripts/bench-live.sh" "$scratch" 10

# Discovery: a /24 of ~200 emulated devices, camprint discover vs nmap -sV (scripts/bench-discover.sh).
"$root/scripts/bench-discover.sh" "$scratch" 5

# Agent: 500 emulated cameras at a 1-minute interval (CPU share, RSS, probes/s), spool and upload
# throughput (scripts/bench-agent.sh; about 6 minutes).
"$root/scripts/bench-agent.sh" "$scratch" 500 150
