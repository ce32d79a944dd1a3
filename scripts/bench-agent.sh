#!/usr/bin/env bash
# `make bench`, agent part (README, Benchmarks): one long-running `camprint agent` monitoring N emulated cameras
# (default 500, each on its own loopback address 127.0.1.1 + i, so "one connection per host" does not
# serialise them) with a 1-minute interval, control plane only and then with media. Prints, per mode:
# CPU share of one core (utime+stime from /proc/PID/stat over the window), peak RSS (VmHWM), probes
# per second (from the agent's own metrics endpoint); and `--once` passes (time to probe every camera).
# Then `camprint-agent-bench` prints spool write and upload throughput. Numbers are printed, not
# asserted. Usage: scripts/bench-agent.sh [SCRATCH] [CAMERAS=500] [WINDOW_SECONDS=150]
# Environment: BENCH_AGENT_MEDIA="false true" (the modes to run), BENCH_AGENT_PERF=DIR (record a
# `perf record -g` profile of each long-running window into DIR/agent-MEDIA.perf).
set -euo pipefail
scratch=${1:-.build}
cameras=${2:-500}
window=${3:-150}
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
export PATH="/opt/swift/usr/bin:$PATH"

echo "==> building camprint, camprint-testcam, camprint-collector, camprint-agent-bench (release)"
for product in camprint camprint-testcam camprint-collector camprint-agent-bench; do
  swift build --scratch-path "$scratch" -c release --product "$product" >/dev/null
done
bin="$scratch/release"
[ -f Samples/media/h264_640x360_gop2.h264 ] || ./scripts/make-sample-media.sh >/dev/null

work=$(mktemp -d /tmp/camprint-bench-agent.XXXXXX)
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  rm -rf "$work"
}
trap cleanup EXIT

# The fleet: half Hikvision IPCs with Digest, a quarter Dahua, a quarter Axis; no HTTP sides.
hik=$((cameras / 2)); dahua=$((cameras / 4)); axis=$((cameras - hik - dahua))
mkdir -p "$work/credentials"
printf 'bench-secret-%s\n' "$RANDOM$RANDOM" >"$work/camera-password"
printf 'admin:%s\n' "$(cat "$work/camera-password")" >"$work/credentials/hik"
chmod 600 "$work/camera-password" "$work/credentials/hik"
cat >"$work/fleet.yaml" <<YAML
hosts: 127.0.1.1
base_port: 8554
personas: $root/Samples/personas
cameras:
  - {persona: hikvision-ipc, media: $root/Samples/media/h264_640x360_gop2.h264, user: admin, password_file: $work/camera-password, count: $hik}
  - {persona: dahua-ipc, media: $root/Samples/media/h264_640x360_gop2.h264, count: $dahua}
  - {persona: axis, media: $root/Samples/media/h264_640x360_gop2.h264, count: $axis}
YAML
"$bin/camprint-testcam" --fleet "$work/fleet.yaml" >"$work/fleet.out" 2>"$work/fleet.err" &
pids+=($!)
for _ in $(seq 1 300); do
  [ "$(grep -c '^READY' "$work/fleet.out" 2>/dev/null || true)" -ge "$cameras" ] && break
  kill -0 "${pids[0]}" 2>/dev/null || { cat "$work/fleet.err" >&2; exit 1; }
  sleep 0.1
done
echo "==> fleet: $(grep -c '^READY' "$work/fleet.out") cameras on 127.0.1.1 and up, port 8554"

# The camera paths, in fleet order (the READY lines carry them).
mapfile -t urls < <(awk '/^READY/ {print "rtsp://" $2 $4}' "$work/fleet.out")

db="sqlite://$work/collector.db"
"$bin/camprint-collector" token create --database "$db" --site bench --label bench 2>/dev/null | head -n 1 >"$work/token"
chmod 600 "$work/token"
collector_port=18480
"$bin/camprint-collector" serve --database "$db" --listen "127.0.0.1:$collector_port" >"$work/collector.log" 2>&1 &
pids+=($!)
sleep 1

write_config() { # media metrics_port
  {
    echo "site: bench"
    echo "collector: {url: http://127.0.0.1:$collector_port, token_file: $work/token}"
    echo "interval: 1m"
    echo "jitter: 10s"
    echo "concurrency: 8"
    echo "timeout: 5s"
    echo "media: $1"
    echo "http: false"
    echo "credentials_dir: $work/credentials"
    echo "spool: {path: $work/spool-$1.sqlite}"
    echo "metrics_listen: 127.0.0.1:$2"
    echo "log_level: info"
    echo "targets:"
    local index=0
    for url in "${urls[@]}"; do
      if [ "$index" -lt "$hik" ]; then echo "  - {url: '$url', credentials: hik}"; else echo "  - {url: '$url'}"; fi
      index=$((index + 1))
    done
  } >"$work/agent-$1.yaml"
}

# Prints "TOTAL status=count ..." from the agent's metrics endpoint.
probes_total() { # metrics_port
  python3 - "$1" <<'PY' 2>/dev/null || echo 0
import re, sys, urllib.request
text = urllib.request.urlopen(f"http://127.0.0.1:{sys.argv[1]}/metrics", timeout=5).read().decode()
counts = {}
for line in text.splitlines():
    match = re.match(r'camprint_agent_probes_total\{status="([^"]+)"\} (\S+)', line)
    if match and float(match.group(2)) > 0:
        counts[match.group(1)] = int(float(match.group(2)))
print(sum(counts.values()), " ".join(f"{k}={v}" for k, v in sorted(counts.items())))
PY
}

ticks=$(getconf CLK_TCK)
metrics_port=18490
for media in ${BENCH_AGENT_MEDIA:-false true}; do
  metrics_port=$((metrics_port + 1))
  write_config "$media" "$metrics_port"
  echo "==> media: $media — camprint agent --once over $cameras cameras"
  /usr/bin/time -f '%e %M' -o "$work/once.time" "$bin/camprint" agent --once --config "$work/agent-$media.yaml" \
    2>"$work/once-$media.log" || echo "   warning: agent --once exited $?"
  read -r elapsed rss_kb <"$work/once.time"
  echo "   statuses: $(grep -oE '^agent: rtsp://[^ ]+ [a-z_]+' "$work/once-$media.log" | awk '{print $3}' | sort | uniq -c | awk '{printf "%s=%s ", $2, $1}')"
  printf '   %s s for %d probes: %.1f probes/s, peak RSS %.1f MB\n' "$elapsed" "$cameras" \
    "$(echo "$cameras / $elapsed" | bc -l)" "$(echo "$rss_kb / 1024" | bc -l)"

  echo "==> media: $media — long-running agent, interval 1m, ${window} s window"
  "$bin/camprint" agent --config "$work/agent-$media.yaml" 2>"$work/agent-$media.log" &
  agent=$!
  pids+=("$agent")
  start=$(date +%s.%N)
  if [ -n "${BENCH_AGENT_PERF:-}" ]; then
    mkdir -p "$BENCH_AGENT_PERF"
    perf record -q -g -F 499 -p "$agent" -o "$BENCH_AGENT_PERF/agent-$media.perf" -- sleep "$window" 2>/dev/null
  else
    sleep "$window"
  fi
  read -r probes statuses < <(probes_total "$metrics_port")
  read -r utime stime < <(awk '{print $14, $15}' "/proc/$agent/stat")
  end=$(date +%s.%N)
  hwm=$(awk '/VmHWM/ {print $2}' "/proc/$agent/status")
  kill -TERM "$agent"; wait "$agent" || true
  wall=$(echo "$end - $start" | bc -l)
  printf '   CPU %.2f%% of one core, peak RSS %.1f MB, %d probes in %.0f s (%.2f probes/s; %s)\n' \
    "$(echo "100 * ($utime + $stime) / $ticks / $wall" | bc -l)" "$(echo "$hwm / 1024" | bc -l)" \
    "$probes" "$wall" "$(echo "$probes / $wall" | bc -l)" "$statuses"
done

echo "==> spool write and upload throughput (camprint-agent-bench)"
"$bin/camprint-agent-bench" 2000
