#!/usr/bin/env bash
# `make bench`, probe part: control-plane throughput of `camprint probe --no-media` against 200
# local RTSP endpoints (scripts/rtsp-bench-endpoints.py); `camprint probe` vs
# `ffprobe -rtsp_transport tcp -show_streams` on the same GStreamer stream (scripts/rtsp-test-server.py
# serving a generated clip, which starts on a keyframe), medians and ratio; peak RSS of one probe.
# Numbers are printed, not asserted. Usage: scripts/bench-probe.sh SCRATCH [RUNS]
set -euo pipefail
scratch=${1:-.build}
runs=${2:-10}
bench_dir=${3:-bench-data}
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
echo "==> building camprint (release)"
swift build --scratch-path "$scratch" -c release --product camprint >/dev/null
camprint="$scratch/release/camprint"

fifo=$(mktemp -u)
mkfifo "$fifo"
python3 scripts/rtsp-bench-endpoints.py --count 200 >"$fifo" &
server=$!
gst=
trap 'kill $server $gst 2>/dev/null || true; rm -f "$fifo"' EXIT
read -r ready ports <"$fifo"
[ "$ready" = READY ] || { echo "endpoint server did not start" >&2; exit 1; }
urls=()
for port in $ports; do urls+=("rtsp://127.0.0.1:$port/Streaming/Channels/101"); done

echo "==> control plane: camprint probe --no-media, ${#urls[@]} endpoints, $runs runs"
times=()
for _ in $(seq "$runs"); do
  start=$(date +%s.%N)
  "$camprint" probe --no-media --no-operator-rules --format jsonl "${urls[@]}" >/tmp/camprint-bench-probe.jsonl
  end=$(date +%s.%N)
  ok=$(grep -c '"status":"ok"' /tmp/camprint-bench-probe.jsonl || true)
  [ "$ok" -eq "${#urls[@]}" ] || echo "   warning: only $ok of ${#urls[@]} probes ok" >&2
  times+=("$(echo "$end - $start" | bc -l)")
done
median() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
median=$(median "${times[@]}")
printf '   median %.3f s for %d probes: %.0f probes/s\n' "$median" "${#urls[@]}" "$(echo "${#urls[@]} / $median" | bc -l)"

echo "==> one probe (--no-media): wall time and peak RSS"
/usr/bin/time -v "$camprint" probe --no-media --no-operator-rules --format jsonl "${urls[0]}" >/dev/null 2>/tmp/camprint-bench-time.txt
grep -E 'Elapsed \(wall|Maximum resident' /tmp/camprint-bench-time.txt | sed 's/^\s*/   /'

# Media plane: needs Debian's python3 with GStreamer's RTSP server (scripts/install-deps.sh).
if ! /usr/bin/python3 -c "import gi; gi.require_version('GstRtspServer', '1.0')" 2>/dev/null; then
  echo "==> skipping camprint vs ffprobe: GStreamer RTSP server not available"
  exit 0
fi
mkdir -p "$bench_dir"
clip="$bench_dir/probe-bench-h264.mp4"
[ -s "$clip" ] || ffmpeg -loglevel error -y -f lavfi -i testsrc2=size=1280x720:rate=25 -t 20 \
  -c:v libx264 -preset veryfast -g 50 -pix_fmt yuv420p "$clip"
gst_fifo=$(mktemp -u)
mkfifo "$gst_fifo"
/usr/bin/python3 scripts/rtsp-test-server.py "$clip" >"$gst_fifo" 2>/dev/null &
gst=$!
read -r gst_ready gst_port <"$gst_fifo"
rm -f "$gst_fifo"
[ "$gst_ready" = READY ] || { echo "GStreamer server did not start" >&2; exit 1; }
stream="rtsp://127.0.0.1:$gst_port/probe-bench-h264"
echo "==> camprint probe vs ffprobe -rtsp_transport tcp -show_streams on $stream, $runs runs each"
camprint_times=()
ffprobe_times=()
for _ in $(seq "$runs"); do
  start=$(date +%s.%N)
  "$camprint" probe --no-operator-rules --format jsonl "$stream" >/tmp/camprint-bench-media.jsonl
  end=$(date +%s.%N)
  grep -q '"status":"ok"' /tmp/camprint-bench-media.jsonl || echo "   warning: camprint probe not ok" >&2
  camprint_times+=("$(echo "$end - $start" | bc -l)")
  start=$(date +%s.%N)
  ffprobe -v error -rtsp_transport tcp -show_streams "$stream" >/dev/null
  end=$(date +%s.%N)
  ffprobe_times+=("$(echo "$end - $start" | bc -l)")
done
camprint_median=$(median "${camprint_times[@]}")
ffprobe_median=$(median "${ffprobe_times[@]}")
printf '   camprint probe median %.3f s, ffprobe median %.3f s, ratio %.2f (target <= 0.25)\n' \
  "$camprint_median" "$ffprobe_median" "$(echo "$camprint_median / $ffprobe_median" | bc -l)"
echo "==> one probe with media: peak RSS"
/usr/bin/time -v "$camprint" probe --no-operator-rules --format jsonl "$stream" >/dev/null 2>/tmp/camprint-bench-time.txt
grep -E 'Elapsed \(wall|Maximum resident' /tmp/camprint-bench-time.txt | sed 's/^\s*/   /'
echo "==> ffprobe on the same stream: peak RSS (the cost of FFmpeg's libraries alone, for comparison)"
/usr/bin/time -v ffprobe -v error -rtsp_transport tcp -show_streams "$stream" >/dev/null 2>/tmp/camprint-bench-time.txt
grep -E 'Maximum resident' /tmp/camprint-bench-time.txt | sed 's/^\s*/   /'
