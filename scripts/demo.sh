#!/usr/bin/env bash
# The camprint demo (`make demo`): an emulated site of mixed cameras, a collector on SQLite, one
# agent pass, the inventory as a table and the URL of the compliance page.
#
#   scripts/demo.sh                 keeps the collector page up until Ctrl-C
#   DEMO_WAIT=0 scripts/demo.sh     exits right after printing (scripts, CI)
#
# Environment: SCRATCH (build folder, default .build), DEMO_COLLECTOR_PORT (default 18080),
# DEMO_DIR (working folder, default a fresh /tmp/camprint-demo.*; removed on exit unless given).
# Everything listens on 127.0.0.1 only; the fleet is Samples/fleets/demo.yaml (cameras on
# 127.0.0.1:18601-18613, HTTP sides on 18701-18713), the agent's config Samples/agent/agent.yaml.
set -euo pipefail
cd "$(dirname "$0")/.."

SCRATCH="${SCRATCH:-.build}"
DEMO_WAIT="${DEMO_WAIT:-1}"
PORT="${DEMO_COLLECTOR_PORT:-18080}"
SWIFT="${SWIFT:-swift}"
export PATH="/opt/swift/usr/bin:$PATH"

step() { printf '\n==> %s\n' "$*"; }
fail() { printf 'demo: %s\n' "$*" >&2; exit 1; }

if [ -n "${DEMO_DIR:-}" ]; then
    work="$DEMO_DIR"; keep=1; mkdir -p "$work"
else
    work="$(mktemp -d /tmp/camprint-demo.XXXXXX)"; keep=0
fi
pids=()
cleanup() {
    local status=$?
    for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
    for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
    [ "$keep" = 1 ] || rm -rf "$work"
    exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

step "checking Debian packages (ffmpeg, libav*-dev, pkg-config, python3)"
./scripts/install-deps.sh

step "building camprint, camprint-collector and camprint-testcam (first build ~15 min on 2 cores)"
"$SWIFT" build --scratch-path "$SCRATCH" --product camprint
"$SWIFT" build --scratch-path "$SCRATCH" --product camprint-collector
"$SWIFT" build --scratch-path "$SCRATCH" --product camprint-testcam
bin="$("$SWIFT" build --scratch-path "$SCRATCH" --show-bin-path)"

if [ ! -f Samples/media/h265_640x360_gop2.h265 ]; then
    step "generating the emulator's media clips (ffmpeg testsrc2)"
    ./scripts/make-sample-media.sh
fi

step "starting the emulated fleet (Samples/fleets/demo.yaml)"
"$bin/camprint-testcam" --fleet Samples/fleets/demo.yaml >"$work/fleet.out" 2>"$work/fleet.err" &
pids+=($!)
expected=$(grep -c '^  - persona:' Samples/fleets/demo.yaml)
for _ in $(seq 1 100); do
    [ "$(grep -c '^READY' "$work/fleet.out" 2>/dev/null || true)" -ge "$expected" ] && break
    kill -0 "${pids[0]}" 2>/dev/null || { cat "$work/fleet.err" >&2; fail "camprint-testcam exited"; }
    sleep 0.1
done
[ "$(grep -c '^READY' "$work/fleet.out")" -ge "$expected" ] || fail "the fleet did not come up"
sed 's/^READY /  camera /' "$work/fleet.out"
echo "  (127.0.0.1:18699 is left dead on purpose)"

step "starting the collector on SQLite ($work/collector.db) at http://127.0.0.1:$PORT/"
db="sqlite://$work/collector.db"
"$bin/camprint-collector" token create --database "$db" --site demo-site --label demo-agent \
    2>/dev/null | head -n 1 >"$work/token"
[ -s "$work/token" ] || fail "could not create an agent token"
chmod 600 "$work/token"
"$bin/camprint-collector" serve --database "$db" --listen "127.0.0.1:$PORT" >"$work/collector.log" 2>&1 &
pids+=($!)
for _ in $(seq 1 100); do
    python3 - "$PORT" <<'EOF' 2>/dev/null && break
import sys, urllib.request
urllib.request.urlopen(f"http://127.0.0.1:{sys.argv[1]}/readyz", timeout=1)
EOF
    kill -0 "${pids[1]}" 2>/dev/null || { cat "$work/collector.log" >&2; fail "the collector exited"; }
    sleep 0.1
done

step "one agent pass: camprint agent --once (Samples/agent/agent.yaml, collector and spool moved to $work)"
# The sample config points at 127.0.0.1:8080 and /tmp/camprint-demo; the demo's copy points at
# this run's collector and folder.
# Credentials files must be private to their owner (chmod 600); a checkout makes them 0644.
mkdir -p "$work/credentials" && chmod 700 "$work/credentials"
cp Samples/agent/credentials/* "$work/credentials/" && chmod 600 "$work/credentials"/*
sed -e "s#/tmp/camprint-demo#$work#g" -e "s#http://127.0.0.1:8080#http://127.0.0.1:$PORT#" \
    -e "s#^credentials_dir: Samples/agent/credentials#credentials_dir: $work/credentials#" \
    Samples/agent/agent.yaml >"$work/agent.yaml"
cp "$work/token" "$work/agent.token"
set +e
"$bin/camprint" agent --once --config "$work/agent.yaml" 2> >(tee "$work/agent.log" >&2)
agent_status=$?
set -e
echo "  agent exit status: $agent_status (0: every report delivered; 3: collector unreachable, reports kept in the spool)"
[ "$agent_status" = 0 ] || fail "the agent could not deliver its reports (exit $agent_status); see $work/agent.log"

step "inventory in the collector (GET /api/v1/devices)"
python3 - "$PORT" "$work/devices.json" <<'EOF'
import json, sys, urllib.request
port, saved = sys.argv[1], sys.argv[2]
body = urllib.request.urlopen(f"http://127.0.0.1:{port}/api/v1/devices?limit=500", timeout=10).read()
open(saved, "wb").write(body)
devices = json.loads(body)["devices"]
devices.sort(key=lambda d: (d["host"], d.get("port") or 0))
rows = [("ADDRESS", "STATUS", "VERDICT", "VENDOR", "BRAND", "MODEL", "FIRMWARE", "EVIDENCE")]
for d in devices:
    rows.append((
        f'{d["host"]}:{d.get("port") or ""}', d["status"], d["verdict"], d.get("vendor") or "-",
        d.get("brand") or "-", d.get("model") or "-", d.get("firmware") or "-",
        (d.get("topEvidence") or "-")[:60],
    ))
widths = [max(len(str(r[i])) for r in rows) for i in range(len(rows[0]))]
for r in rows:
    print("  " + "  ".join(str(v).ljust(w) for v, w in zip(r, widths)).rstrip())
hik = sum(1 for d in devices if d["verdict"] in ("hikvision", "hikvision-oem"))
print(f"\n  {len(devices)} devices, {hik} Hikvision-made (hikvision or hikvision-oem)")
EOF

echo
echo "Compliance page: http://127.0.0.1:$PORT/   (API: /api/v1/devices, /api/v1/summary; CSV: /api/v1/devices?format=csv)"
if [ "$DEMO_WAIT" != 0 ]; then
    echo "Press Ctrl-C to stop the fleet and the collector."
    while kill -0 "${pids[1]}" 2>/dev/null; do sleep 1; done
fi
