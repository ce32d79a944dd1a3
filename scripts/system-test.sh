#!/usr/bin/env bash
# System test (run by `make test`): the demo flow without the pause — emulated fleet, collector on
# SQLite, `camprint agent --once` — then assertions on what landed in the collector:
#   - every emulated camera (and the dead port) is a device with the verdict/status of its persona,
#     and the cameras the emulated NVR lists are devices of their own (behind it, with their makers);
#   - the camera given a wrong password is `auth_failed` and the emulator saw exactly one failed
#     login for it (lockout safety: one attempt across RTSP, ISAPI and ONVIF together);
#   - the dead port is `unreachable`, the hanging camera `timeout`;
#   - the demo's removal lifecycle: the scheduled device has a future removal date, the removed NVR
#     whose camera was stopped is `verified-gone` (unreachable, its missed rounds counted, moved by the
#     collector), the removed camera still on the network `reappeared`, every other device `found`;
#     no token or password in any log;
#   - the second site of the demo (Samples/fleets/discovery.yaml) found by the agent's `discovery:`
#     sweep: every device with its persona's verdict and `foundBy: discovered`, the silent address absent.
set -euo pipefail
cd "$(dirname "$0")/.."
work="$(mktemp -d /tmp/camprint-system-test.XXXXXX)"
trap 'rm -rf "$work"' EXIT
port="${SYSTEM_TEST_COLLECTOR_PORT:-18090}"

DEMO_WAIT=0 DEMO_DIR="$work" DEMO_COLLECTOR_PORT="$port" ./scripts/demo.sh

python3 - "$work" <<'EOF'
import json, sqlite3, sys
work = sys.argv[1]
with open(f"{work}/devices.json") as f:
    all_devices = json.load(f)["devices"]
    devices = {d["port"]: d for d in all_devices if not d.get("behind")}
    behind = [d for d in all_devices if d.get("behind")]
# port: (status or None for "any non-failure", verdict or None for "any", vendor substring or None)
expected = {
    18601: ("ok", "hikvision", "Hikvision"),
    18602: ("auth_failed", None, None),
    18603: ("ok", "hikvision", "Hikvision"),
    18604: ("ok", "hikvision-oem", None),
    18605: ("ok", "clone", None),
    18606: ("ok", "other", "Dahua"),
    18607: ("ok", "other", "Uniview"),
    18608: ("ok", "other", "Axis"),
    18609: ("ok", "other", "Reolink"),
    18610: ("ok", "other", None),
    18611: ("ok", "other", None),
    18612: ("ok", "hikvision", "Hikvision"),
    18613: ("timeout", None, None),
    18699: ("unreachable", None, None),
}
problems = []
for port, (status, verdict, vendor) in expected.items():
    d = devices.get(port)
    if d is None:
        problems.append(f"127.0.0.1:{port}: not in the collector")
        continue
    if status and d["status"] != status:
        problems.append(f"127.0.0.1:{port}: status {d['status']}, expected {status}")
    if verdict and d["verdict"] != verdict:
        problems.append(f"127.0.0.1:{port}: verdict {d['verdict']}, expected {verdict}")
    if vendor and vendor.lower() not in (d.get("vendor") or "").lower():
        problems.append(f"127.0.0.1:{port}: vendor {d.get('vendor')}, expected {vendor}")
extra = sorted(set(devices) - set(expected))
if extra:
    problems.append(f"unexpected devices on ports {extra}")
# The NVR (18603) accepted the demo's credentials: the cameras it lists are devices of their own.
seen_behind = {d["behind"]["channel"]: d for d in behind if d["port"] == 18603}
for channel, verdict in {1: "hikvision", 2: "other", 3: "other"}.items():
    d = seen_behind.get(channel)
    if d is None or d["verdict"] != verdict:
        problems.append(f"camera behind 127.0.0.1:18603 channel {channel}: {d and d['verdict']}, expected {verdict}")
failures = [l for l in open(f"{work}/fleet.err") if l.startswith("auth-failure")]
wrong = [l for l in failures if "camera=1 " in l]
if len(wrong) != 1:
    problems.append(f"camera 1 (wrong password) saw {len(wrong)} failed logins, expected exactly 1: {wrong}")
if len(failures) != len(wrong):
    problems.append(f"failed logins on cameras with the right password: {[l for l in failures if l not in wrong]}")
failures_removed = [l for l in open(f"{work}/fleet-removed.err") if l.startswith("auth-failure")]
if failures_removed:
    problems.append(f"failed logins on the removed camera: {failures_removed}")

# The removal lifecycle (demo.sh: SCHEDULED_PORT, REMOVED_PORT, REAPPEARS_PORT).
import datetime
now = datetime.datetime.now(datetime.timezone.utc)
parse = lambda t: datetime.datetime.fromisoformat(t.replace("Z", "+00:00"))
with open(f"{work}/devices-lifecycle.json") as f:
    final = {d["port"]: d for d in json.load(f)["devices"] if not d.get("behind")}
with open(f"{work}/lifecycle-history.json") as f:
    histories = {int(k): v for k, v in json.load(f).items()}
def history(d):
    return [(e["from"], e["to"], e["actor"].split(":")[0]) for e in histories.get(d["id"], [])]
states = {18604: "scheduled", 18603: "verified-gone", 18601: "reappeared"}
for port in expected:
    d = final.get(port)
    want = states.get(port, "found")
    if d is None:
        problems.append(f"127.0.0.1:{port}: not in the collector after the lifecycle rounds")
    elif d["lifecycle"] != want:
        problems.append(f"127.0.0.1:{port}: lifecycle {d['lifecycle']}, expected {want}")
if set(final) != set(expected):
    problems.append(f"devices after the lifecycle rounds on ports {sorted(final)}")
d = final.get(18604)
if d and not (d.get("removalDate") and parse(d["removalDate"]) > now):
    problems.append(f"127.0.0.1:18604: removal date {d.get('removalDate')} is not in the future")
if d and not any(c["policy"] == "ca-hikvision" and c["status"] == "covered" for c in d.get("coverage") or []):
    problems.append("127.0.0.1:18604 (LTS, Hikvision OEM) is not covered by ca-hikvision")
if d and history(d) != [("found", "scheduled", "operator")]:
    problems.append(f"127.0.0.1:18604: history {history(d)}")
d = final.get(18603)
if d:
    if d["status"] != "unreachable" or d["verdict"] != "hikvision":
        problems.append(f"127.0.0.1:18603: {d['status']} {d['verdict']}, expected unreachable hikvision (identity kept)")
    if not (d.get("removedAt") and parse(d["removedAt"]) < now) or d["missedRounds"] < d["goneAfterRounds"]:
        problems.append(f"127.0.0.1:18603: removed {d.get('removedAt')}, missed {d['missedRounds']}/{d['goneAfterRounds']}")
    if history(d) != [("found", "removed", "operator"), ("removed", "verified-gone", "collector")]:
        problems.append(f"127.0.0.1:18603: history {history(d)}")
d = final.get(18601)
if d:
    if d["status"] != "ok" or d["missedRounds"] != 0:
        problems.append(f"127.0.0.1:18601: status {d['status']}, missed {d['missedRounds']}")
    if history(d) != [("found", "removed", "operator"), ("removed", "reappeared", "collector")]:
        problems.append(f"127.0.0.1:18601: history {history(d)}")
watch = open(f"{work}/agent-watch.log").read()
if watch.count("127.0.0.1:18603/Streaming/Channels/101 unreachable") != 2:
    problems.append("the follow-up rounds did not find 127.0.0.1:18603 unreachable twice")

# The second site, known only by its subnet (Samples/fleets/discovery.yaml): every device found by the
# agent's sweep with the verdict of its persona, the silent address absent.
with open(f"{work}/devices-discovered.json") as f:
    discovered = json.load(f)["devices"]
    found = {d["host"]: d for d in discovered if not d.get("behind")}
# The discovered NVR (127.0.1.2) got the demo's NVR credentials by the agent's vendor rule: the
# cameras it lists are reported too, found through it.
if sorted(d["behind"]["channel"] for d in discovered if d.get("behind")) != [1, 2, 3, 4]:
    problems.append(f"cameras behind the discovered NVR: {[d.get('behind') for d in discovered if d.get('behind')]}")
want = {"127.0.1.1": "hikvision", "127.0.1.2": "hikvision", "127.0.1.3": "hikvision-oem", "127.0.1.4": "clone",
        "127.0.1.5": "other", "127.0.1.6": "other", "127.0.1.7": "other", "127.0.1.8": "other",
        "127.0.1.9": None, "127.0.1.10": "hikvision", "127.0.1.11": "other", "127.0.1.13": None}
for host, verdict in want.items():
    d = found.get(host)
    if d is None:
        problems.append(f"{host}: not found by the discovery sweep")
    elif d["foundBy"] != "discovered":
        problems.append(f"{host}: foundBy {d['foundBy']}")
    elif verdict and d["verdict"] != verdict:
        problems.append(f"{host}: verdict {d['verdict']}, expected {verdict}")
if "127.0.1.12" in found:
    problems.append("127.0.1.12 (silent) was reported")

tokens = [open(f"{work}/{name}").readline().strip() for name in ("token", "operator.token")]
for name in ("fleet.err", "fleet-removed.err", "collector.log", "agent.log", "agent-watch.log", "devices.json",
             "devices-lifecycle.json", "lifecycle-history.json", "agent-discovery.log", "devices-discovered.json"):
    try:
        text = open(f"{work}/{name}").read()
    except FileNotFoundError:
        continue
    for secret in ("demo-lobby-1", "demo-parking", "demo-nvr-3", "oem-demo-secret-7", "demo-dahua-4"):
        if secret in text:
            problems.append(f"{name} contains a password")
    if any(token and token in text for token in tokens):
        problems.append(f"{name} contains a token")
if problems:
    print("system test FAILED:\n  " + "\n  ".join(problems))
    sys.exit(1)
print(f"system test: {len(expected)} devices with the expected verdicts; one failed login for the wrong password; "
      f"lifecycle: scheduled, verified-gone (camera stopped), reappeared; {len(want)} devices found by a sweep")
EOF
