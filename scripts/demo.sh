#!/usr/bin/env bash
# The camprint demo (`make demo`): an emulated site of mixed cameras, a collector on SQLite, one
# agent pass and the inventory as a table; then the removal lifecycle (docs/collector.md, "Removal
# lifecycle"): an operator schedules one Hikvision-made device for removal and marks two removed, the
# camera of one of them is really stopped, two follow-up agent rounds make that one verified gone and
# the other (still on the network) reappeared; a table of every device's coverage and state, and
# a second site found from its subnet alone (`camprint discover`, then the agent's `discovery:`
# section reporting to the same collector); the URL of the compliance page.
#
#   scripts/demo.sh                 keeps the collector page up until Ctrl-C
#   DEMO_WAIT=0 scripts/demo.sh     exits right after printing (scripts, CI)
#
# Environment: SCRATCH (build folder, default .build), DEMO_COLLECTOR_PORT (default 18080),
# DEMO_DIR (working folder, default a fresh /tmp/camprint-demo.*; removed on exit unless given).
# Everything listens on 127.0.0.1 only; the fleet is Samples/fleets/demo.yaml (cameras on
# 127.0.0.1:18601-18613, HTTP sides on 18701-18713), the agent's config Samples/agent/agent.yaml.
# The camera that gets removed (REMOVED_PORT) runs in a process of its own, so that it can be stopped.
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

# Lifecycle cast (ports of Samples/fleets/demo.yaml): the LTS-branded Hikvision OEM camera is scheduled
# for removal, the Hikvision NVR is removed for real (its camera stopped), the first Hikvision IPC is
# marked removed but stays on the network.
SCHEDULED_PORT=18604
REMOVED_PORT=18603
REAPPEARS_PORT=18601

step "starting the emulated fleet (Samples/fleets/demo.yaml; 127.0.0.1:$REMOVED_PORT in a process of its own)"
# Two fleet files from the sample: every camera but the one to be removed, and that one alone. Each
# camera keeps its port (written out, as the sample's base_port + index would give it) and its paths
# are made absolute (a fleet file in another folder resolves relative paths against its own folder).
python3 - Samples/fleets/demo.yaml "$PWD" "$REMOVED_PORT" "$work/fleet-site.yaml" "$work/fleet-removed.yaml" <<'EOF'
import re, sys
source, root, removed, site_out, removed_out = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4], sys.argv[5]
header, cameras = [], []
for line in open(source, encoding="utf-8"):
    line = line.replace(": Samples/", f": {root}/Samples/")
    if line.startswith("  - persona:"):
        cameras.append([line])
    elif cameras and line.startswith("    "):
        cameras[-1].append(line)
    elif not cameras:
        header.append(line)
text = "".join(header)
base = int(re.search(r"^base_port: *(\d+)", text, re.M).group(1))
http_base = int(re.search(r"^http_base_port: *(\d+)", text, re.M).group(1))
site, alone = [], []
for index, lines in enumerate(cameras):
    entry = lines[:1] + [f"    port: {base + index}\n", f"    http_port: {http_base + index}\n"] + lines[1:]
    (alone if base + index == removed else site).extend(entry)
if not alone:
    sys.exit(f"demo: no camera on port {removed} in {source}")
open(site_out, "w", encoding="utf-8").write(text + "".join(site))
open(removed_out, "w", encoding="utf-8").write(text + "".join(alone))
EOF
"$bin/camprint-testcam" --fleet "$work/fleet-site.yaml" >"$work/fleet.out" 2>"$work/fleet.err" &
fleet_pid=$!; pids+=($fleet_pid)
"$bin/camprint-testcam" --fleet "$work/fleet-removed.yaml" >"$work/fleet-removed.out" 2>"$work/fleet-removed.err" &
removed_pid=$!; pids+=($removed_pid)
expected=$(grep -c '^  - persona:' Samples/fleets/demo.yaml)
ready() { cat "$work/fleet.out" "$work/fleet-removed.out" 2>/dev/null | grep -c '^READY' || true; }
for _ in $(seq 1 100); do
    [ "$(ready)" -ge "$expected" ] && break
    kill -0 "$fleet_pid" 2>/dev/null || { cat "$work/fleet.err" >&2; fail "camprint-testcam exited"; }
    kill -0 "$removed_pid" 2>/dev/null || { cat "$work/fleet-removed.err" >&2; fail "camprint-testcam exited"; }
    sleep 0.1
done
[ "$(ready)" -ge "$expected" ] || fail "the fleet did not come up"
cat "$work/fleet.out" "$work/fleet-removed.out" | sort -t: -k2 -n | sed 's/^READY /  camera /'
echo "  (127.0.0.1:18699 is left dead on purpose)"

step "starting the collector on SQLite ($work/collector.db) at http://127.0.0.1:$PORT/"
db="sqlite://$work/collector.db"
"$bin/camprint-collector" token create --database "$db" --site demo-site --label demo-agent \
    2>/dev/null | head -n 1 >"$work/token"
[ -s "$work/token" ] || fail "could not create an agent token"
chmod 600 "$work/token"
# The operator's token (lifecycle changes; agents' tokens cannot make them), written 0600 by the collector.
"$bin/camprint-collector" token create --database "$db" --operator --label demo-operator \
    --output "$work/operator.token" 2>/dev/null
"$bin/camprint-collector" serve --database "$db" --listen "127.0.0.1:$PORT" >"$work/collector.log" 2>&1 &
collector_pid=$!; pids+=($collector_pid)
for _ in $(seq 1 100); do
    python3 - "$PORT" <<'EOF' 2>/dev/null && break
import sys, urllib.request
urllib.request.urlopen(f"http://127.0.0.1:{sys.argv[1]}/readyz", timeout=1)
EOF
    kill -0 "$collector_pid" 2>/dev/null || { cat "$work/collector.log" >&2; fail "the collector exited"; }
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
    behind = d.get("behind")
    rows.append((
        f'{d["host"]}:{d.get("port") or ""}' + (f' ch{behind.get("channel")}' if behind else ""), d["status"], d["verdict"], d.get("vendor") or "-",
        d.get("brand") or "-", d.get("model") or "-", d.get("firmware") or "-",
        (d.get("topEvidence") or "-")[:60],
    ))
widths = [max(len(str(r[i])) for r in rows) for i in range(len(rows[0]))]
for r in rows:
    print("  " + "  ".join(str(v).ljust(w) for v, w in zip(r, widths)).rstrip())
hik = sum(1 for d in devices if d["verdict"] in ("hikvision", "hikvision-oem"))
print(f"\n  {len(devices)} devices, {hik} Hikvision-made (hikvision or hikvision-oem)")
EOF


step "removal lifecycle: an operator schedules 127.0.0.1:$SCHEDULED_PORT, marks 127.0.0.1:$REMOVED_PORT and 127.0.0.1:$REAPPEARS_PORT removed (POST /api/v1/devices/{id}/lifecycle, operator token)"
# The token goes from its 0600 file into the request header, never onto a command line.
python3 - "$PORT" "$work" "$SCHEDULED_PORT" "$REMOVED_PORT" "$REAPPEARS_PORT" <<'EOF'
import datetime, json, sys, urllib.error, urllib.request
port, work = sys.argv[1], sys.argv[2]
scheduled, removed, reappears = (int(p) for p in sys.argv[3:6])
base = f"http://127.0.0.1:{port}/api/v1"
token = open(f"{work}/operator.token").readline().strip()
# Cameras behind the NVR share its address (they are reached through it): the plan names the devices themselves.
devices = {d.get("port"): d for d in json.loads(urllib.request.urlopen(f"{base}/devices?limit=500", timeout=10).read())["devices"]
           if not d.get("behind")}
now = datetime.datetime.now(datetime.timezone.utc).replace(microsecond=0)
stamp = lambda t: t.strftime("%Y-%m-%dT%H:%M:%SZ")
plan = [
    (scheduled, {"state": "scheduled", "date": stamp(now + datetime.timedelta(days=14)),
                 "note": "demo: replace with a camera not on the covered list"}),
    (removed, {"state": "removed", "date": stamp(now), "goneAfterRounds": 2,
               "note": "demo: NVR taken down; its emulated camera is stopped next"}),
    (reappears, {"state": "removed", "date": stamp(now), "goneAfterRounds": 2,
                 "note": "demo: reported removed, but the camera stays on the network"}),
]
for device_port, body in plan:
    device = devices.get(device_port)
    if device is None or device["verdict"] not in ("hikvision", "hikvision-oem"):
        sys.exit(f"demo: 127.0.0.1:{device_port} is not a Hikvision-made device in the collector")
    request = urllib.request.Request(
        f"{base}/devices/{device['id']}/lifecycle", data=json.dumps(body).encode(), method="POST",
        headers={"Authorization": f"Bearer {token}", "Content-Type": "application/json"})
    try:
        answer = json.loads(urllib.request.urlopen(request, timeout=10).read())
    except urllib.error.HTTPError as error:
        sys.exit(f"demo: lifecycle change of device {device['id']} refused: {error.code} {error.read()[:300]!r}")
    when = answer.get("removalDate") or answer.get("removedAt")
    extra = (f"; {answer['goneAfterRounds']} failed probes after that verify it gone, one successful probe means it reappeared"
             if answer["lifecycle"] == "removed" else "")
    print(f"  device {answer['id']} 127.0.0.1:{device_port} ({answer['verdict']} {answer.get('brand') or answer.get('vendor') or ''} "
          f"{answer.get('model') or ''}): {answer['lifecycle']} {when}{extra}")
EOF

step "stopping the emulated camera at 127.0.0.1:$REMOVED_PORT (the NVR is gone: nothing answers there any more)"
kill "$removed_pid" 2>/dev/null || true
wait "$removed_pid" 2>/dev/null || true
python3 - "$REMOVED_PORT" <<'EOF' || fail "127.0.0.1:$REMOVED_PORT still accepts connections"
import socket, sys
try:
    socket.create_connection(("127.0.0.1", int(sys.argv[1])), timeout=2).close()
except OSError as error:
    print(f"  127.0.0.1:{sys.argv[1]}: {error.strerror or error}")
    sys.exit(0)
sys.exit(1)
EOF

step "two follow-up agent rounds on the devices under removal watch (127.0.0.1:$REMOVED_PORT and 127.0.0.1:$REAPPEARS_PORT)"
# The same agent configuration with only their two targets: the rest of the site was probed above, and
# the camera with the wrong password is not tried again.
python3 - "$work/agent.yaml" "$work/agent-watch.yaml" "$REMOVED_PORT" "$REAPPEARS_PORT" <<'EOF'
import sys
source, out, ports = sys.argv[1], sys.argv[2], sys.argv[3:]
head, targets, current = [], [], None
for line in open(source, encoding="utf-8"):
    if not targets and current is None and not line.startswith("  - url:"):
        head.append(line)
        continue
    if line.startswith("  - url:"):
        current = any(f"//127.0.0.1:{p}/" in line for p in ports)
        targets.append((current, [line]))
    elif targets:
        targets[-1][1].append(line)
kept = [lines for watched, lines in targets if watched]
if len(kept) != len(ports):
    sys.exit(f"demo: {source} has {len(kept)} of the targets on ports {ports}")
open(out, "w", encoding="utf-8").write("".join(head) + "".join(l for lines in kept for l in lines))
EOF
for round in 1 2; do
    set +e
    "$bin/camprint" agent --once --config "$work/agent-watch.yaml" 2> >(tee -a "$work/agent-watch.log" >&2)
    agent_status=$?
    set -e
    [ "$agent_status" = 0 ] || fail "follow-up round $round could not deliver its reports (exit $agent_status); see $work/agent-watch.log"
done

step "coverage and removal state of every device (GET /api/v1/devices)"
python3 - "$PORT" "$work" <<'EOF'
import json, sys, urllib.request
port, work = sys.argv[1], sys.argv[2]
base = f"http://127.0.0.1:{port}/api/v1"
body = urllib.request.urlopen(f"{base}/devices?limit=500", timeout=10).read()
open(f"{work}/devices-lifecycle.json", "wb").write(body)
devices = sorted(json.loads(body)["devices"], key=lambda d: (d["host"], d.get("port") or 0))
def coverage(d):
    entries = d.get("coverage") or []
    covered = [c["policy"] for c in entries if c["status"] == "covered"]
    if covered: return "covered: " + ", ".join(covered)
    if any(c["status"] == "undetermined" for c in entries): return "undetermined"
    return "not covered"
def state(d):
    s = d["lifecycle"]
    if s == "scheduled": return f"scheduled for {d.get('removalDate') or '?'}"
    if s == "removed": return f"removed {d.get('removedAt')}, {d['missedRounds']}/{d['goneAfterRounds']} failed probes"
    if s == "verified-gone": return f"verified-gone: {d['missedRounds']} failed probes since removal ({d['status']})"
    if s == "reappeared": return f"REAPPEARED: seen again after its removal ({d['status']})"
    return s
rows = [("DEVICE", "VERDICT", "COVERAGE", "STATE")]
for d in devices:
    behind = f' ch{d["behind"].get("channel")} (behind the recorder)' if d.get("behind") else ""
    name = f'{d["id"]} {d["host"]}:{d.get("port") or ""}{behind} {d.get("brand") or d.get("vendor") or ""} {d.get("model") or ""}'
    rows.append((name.strip(), d["verdict"], coverage(d), state(d)))
widths = [max(len(str(r[i])) for r in rows) for i in range(len(rows[0]))]
for r in rows:
    print("  " + "  ".join(str(v).ljust(w) for v, w in zip(r, widths)).rstrip())
# Who moved them, when, and why: each device's lifecycle history.
histories = {}
for d in devices:
    if d["lifecycle"] == "found": continue
    detail = json.loads(urllib.request.urlopen(f"{base}/devices/{d['id']}", timeout=10).read())
    histories[d["id"]] = detail.get("lifecycleHistory") or []
    print(f"\n  device {d['id']} ({d['host']}:{d.get('port') or ''}):")
    for e in histories[d["id"]]:
        print(f"    {e['at']}  {e['from']} -> {e['to']}  by {e['actor']}" + (f": {e['note']}" if e.get("note") else ""))
json.dump(histories, open(f"{work}/lifecycle-history.json", "w"))
counts = {}
for d in devices: counts[d["lifecycle"]] = counts.get(d["lifecycle"], 0) + 1
print("\n  " + ", ".join(f"{n} {s}" for s, n in sorted(counts.items())))
EOF
step "finding what nobody listed: a second site on 127.0.1.1-13 (Samples/fleets/discovery.yaml), known only by its subnet"
# Each device on its own loopback address with RTSP on 10554 and HTTP on 10080; some answer only
# Hikvision SADP or only WS-Discovery, 127.0.1.12 is silent. Discovery answers go unicast to the sweeper.
"$bin/camprint-testcam" --fleet Samples/fleets/discovery.yaml >"$work/discovery-fleet.out" 2>"$work/discovery-fleet.err" &
discovery_pid=$!; pids+=($discovery_pid)
discovery_expected=$(grep -c '^  - persona:' Samples/fleets/discovery.yaml)
for _ in $(seq 1 100); do
    [ "$(grep -c '^READY' "$work/discovery-fleet.out" || true)" -ge "$discovery_expected" ] && break
    kill -0 "$discovery_pid" 2>/dev/null || { cat "$work/discovery-fleet.err" >&2; fail "camprint-testcam (discovery fleet) exited"; }
    sleep 0.1
done
echo "  \$ camprint discover --credentials nvr --ports 10554/rtsp,10080/http 127.0.1.0/28"
# The NVR (127.0.1.2) asks for the demo's NVR password; it then lists the cameras behind it.
set +e
"$bin/camprint" discover --credentials "$work/credentials/nvr" --ports 10554/rtsp,10080/http 127.0.1.0/28 2>&1 \
    | sed 's/^/  /'
set -e
# The same sweep from the agent: its `discovery:` section, no `targets:`; found devices go to the
# collector with `discovery.found: discovered`.
cat >"$work/agent-discovery.yaml" <<YAML
site: demo-site
collector:
  url: http://127.0.0.1:$PORT
  token_file: $work/agent.token
timeout: 10s
media: true
credentials_dir: $work/credentials
spool:
  path: $work/agent-discovery-spool.sqlite
discovery:
  targets: [127.0.1.0/28]
  ports: [10554/rtsp, 10080/http]
  credentials:
    - vendor: Hikvision     # only after the unauthenticated probe identified Hikvision
      credentials: nvr
YAML
set +e
"$bin/camprint" agent --once --config "$work/agent-discovery.yaml" 2> >(tee "$work/agent-discovery.log" >&2) >/dev/null
agent_status=$?
set -e
[ "$agent_status" = 0 ] || fail "the discovery agent could not deliver its reports (exit $agent_status); see $work/agent-discovery.log"
python3 - "$PORT" "$work" <<'EOF'
import json, sys, urllib.request
port, work = sys.argv[1], sys.argv[2]
body = urllib.request.urlopen(f"http://127.0.0.1:{port}/api/v1/devices?found=discovered&limit=500", timeout=10).read()
open(f"{work}/devices-discovered.json", "wb").write(body)
devices = sorted(json.loads(body)["devices"], key=lambda d: tuple(int(x) for x in d["host"].split(".")))
rows = [("ADDRESS", "FOUND BY", "VERDICT", "VENDOR", "MODEL")]
for d in devices:
    behind = d.get("behind")
    found = f'behind {behind.get("recorder")} ch{behind.get("channel")}' if behind else f'{d["foundBy"]} ({",".join(d.get("discoveryChannels") or [])})'
    rows.append((d["host"], found, d["verdict"],
                 d.get("brand") or d.get("vendor") or "-", d.get("model") or "-"))
widths = [max(len(str(r[i])) for r in rows) for i in range(len(rows[0]))]
print("\n  in the collector, found by the agent's sweep:")
for r in rows:
    print("  " + "  ".join(str(v).ljust(w) for v, w in zip(r, widths)).rstrip())
EOF

echo
echo "Compliance page: http://127.0.0.1:$PORT/   (API: /api/v1/devices, /api/v1/summary; CSV: /api/v1/devices?format=csv)"
if [ "$DEMO_WAIT" != 0 ]; then
    echo "Press Ctrl-C to stop the fleet and the collector."
    while kill -0 "$collector_pid" 2>/dev/null; do sleep 1; done
fi
