#!/usr/bin/env bash
# System test (run by `make test`): the demo flow without the pause — emulated fleet, collector on
# SQLite, `camprint agent --once` — then assertions on what landed in the collector:
#   - every emulated camera (and the dead port) is a device with the verdict/status of its persona;
#   - the camera given a wrong password is `auth_failed` and the emulator saw exactly one failed
#     login for it (lockout safety: one attempt across RTSP, ISAPI and ONVIF together);
#   - the dead port is `unreachable`, the hanging camera `timeout`.
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
    devices = {d["port"]: d for d in json.load(f)["devices"]}
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
failures = [l for l in open(f"{work}/fleet.err") if l.startswith("auth-failure")]
wrong = [l for l in failures if "camera=1 " in l]
if len(wrong) != 1:
    problems.append(f"camera 1 (wrong password) saw {len(wrong)} failed logins, expected exactly 1: {wrong}")
if len(failures) != len(wrong):
    problems.append(f"failed logins on cameras with the right password: {[l for l in failures if l not in wrong]}")
for name in ("fleet.err", "collector.log", "agent.log", "devices.json"):
    try:
        text = open(f"{work}/{name}").read()
    except FileNotFoundError:
        continue
    for secret in ("demo-lobby-1", "demo-parking", "demo-nvr-3", "oem-demo-secret-7", "demo-dahua-4"):
        if secret in text:
            problems.append(f"{name} contains a password")
if problems:
    print("system test FAILED:\n  " + "\n  ".join(problems))
    sys.exit(1)
print(f"system test: {len(expected)} devices with the expected verdicts; one failed login for the wrong password")
EOF
