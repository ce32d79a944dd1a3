#!/usr/bin/env bash
# Runs libFuzzer harnesses built by `make fuzz-build`, FUZZ_JOBS at a time, and prints a summary
# line per harness (executions, corpus size, findings). Usage:
#   scripts/fuzz.sh BIN_DIR SECONDS JOBS CORPUS_DIR harness...
set -euo pipefail
bin=$1 seconds=$2 jobs=$3 corpus=$4
shift 4
root=$(cd "$(dirname "$0")/.." && pwd)
seeds_for() {
  case $1 in
    rtsp) echo "$corpus/rtsp_text $root/Samples/fuzz-regressions/rtsp" ;;
    sdp) echo "$corpus/sdp $corpus/rtsp_text $root/Samples/sdp $root/Samples/fuzz-regressions/sdp" ;;
    h264) echo "$corpus/hikvision $root/Samples/h264 $root/Samples/fuzz-regressions/h264" ;;
    h265) echo "$root/Samples/h265 $root/Samples/fuzz-regressions/h265" ;;
  esac
}
run_one() {
  local name=$1 work="$root/Fuzz/corpus-$1" artifacts="$root/Fuzz/artifacts/$1"
  mkdir -p "$work" "$artifacts"
  local seeds=()
  for dir in $(seeds_for "$name"); do [ -d "$dir" ] && seeds+=("$dir"); done
  # Swift's own backtracer crashes under ASan and hides the finding; libFuzzer reports instead.
  SWIFT_BACKTRACE=enable=no "$bin/fuzz-$name" "$work" "${seeds[@]}" -max_total_time="$seconds" -rss_limit_mb=2048 -timeout=10 \
    -max_len=65536 -artifact_prefix="$artifacts/" -print_final_stats=1 > "$root/Fuzz/artifacts/$name.log" 2>&1
  local status=$?
  local execs
  execs=$(grep -E '^stat::number_of_executed_units' "$root/Fuzz/artifacts/$name.log" | awk '{print $2}')
  local findings
  findings=$(find "$artifacts" -type f | wc -l)
  printf '%-6s exit=%s executions=%s corpus=%s findings=%s\n' "$name" "$status" "${execs:-?}" \
    "$(ls "$work" | wc -l)" "$findings"
  return 0
}
export -f run_one seeds_for
export bin seconds corpus root
printf '%s\n' "$@" | xargs -P "$jobs" -I{} bash -c 'run_one {}'
if find "$root/Fuzz/artifacts" -mindepth 2 -type f | grep -q .; then
  echo "fuzz: findings in Fuzz/artifacts/ — minimise and add them to Samples/fuzz-regressions/" >&2
  exit 1
fi
