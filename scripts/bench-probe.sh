#!/usr/bin/env bash
# `make bench`, probe part: control-plane throughput of `camprint probe --no-media` against 200
# local RTSP endpoints (scripts/rtsp-bench-endpoints.py), and the peak RSS of one probe.
# Numbers are printed, not asserted. Usage: scripts/bench-probe.sh SCRATCH [RUNS]
set -euo pipefail
scratch=${1:-.build}
runs=${2:-10}
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
echo "==> building camprint (release)"
swift build --scratch-path "$scratch" -c release --product camprint >/dev/null
camprint="$scratch/release/camprint"

fifo=$(mktemp -u)
mkfifo "$fifo"
python3 scripts/rtsp-bench-endpoints.py --count 200 >"$fifo" &
server=$!
trap 'kill $server 2>/dev/null || true; rm -f "$fifo"' EXIT
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
median=$(printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}')
printf '   median %.3f s for %d probes: %.0f probes/s\n' "$median" "${#urls[@]}" "$(echo "${#urls[@]} / $median" | bc -l)"

echo "==> one probe (--no-media): wall time and peak RSS"
/usr/bin/time -v "$camprint" probe --no-media --no-operator-rules --format jsonl "${urls[0]}" >/dev/null 2>/tmp/camprint-bench-time.txt
grep -E 'Elapsed \(wall|Maximum resident' /tmp/camprint-bench-time.txt | sed 's/^\s*/   /'
