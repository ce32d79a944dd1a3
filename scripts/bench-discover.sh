#!/usr/bin/env bash
# `make bench`, discovery part: `camprint discover` over a /24 of loopback addresses where
# `camprint-testcam --fleet Samples/fleets/sweep-200.yaml` emulates ~200 devices of several makers
# (some addresses silent), against `nmap -sV` on the same range and ports (what a network team
# would run), in the same run; medians, their ratio, verdicts checked against the fleet, peak RSS.
# Numbers are printed, not asserted. Usage: scripts/bench-discover.sh SCRATCH [RUNS [NMAP_RUNS]]
# (nmap -sV takes about 5 minutes a run on this range: one run by default).
set -euo pipefail
scratch=${1:-.build}
runs=${2:-5}
nmap_runs=${3:-1}
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
fleet=Samples/fleets/sweep-200.yaml
range=127.0.1.0/24
ports=10554/rtsp,10080/http
[ -f Samples/media/h264_640x360_gop2.h264 ] || ./scripts/make-sample-media.sh >/dev/null
echo "==> building camprint and camprint-testcam (release)"
swift build --scratch-path "$scratch" -c release --product camprint >/dev/null
swift build --scratch-path "$scratch" -c release --product camprint-testcam >/dev/null
bin="$scratch/release"
work=$(mktemp -d)
"$bin/camprint-testcam" --fleet "$fleet" >"$work/testcam.out" 2>"$work/testcam.err" &
testcam=$!
trap 'kill $testcam 2>/dev/null || true; rm -rf "$work"' EXIT
# Up when the READY lines (one per device) stop growing.
expected=0
for _ in $(seq 600); do
  sleep 0.2
  now=$(grep -c '^READY' "$work/testcam.out" || true)
  [ "$now" -gt 0 ] && [ "$now" = "$expected" ] && break
  expected=$now
done
echo "   $expected emulated devices up ($(grep -c '^READY' "$work/testcam.out") announced), testcam RSS $(ps -o rss= -p $testcam) kB"

median() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }

echo "==> camprint discover $range --ports $ports (default rate, media on), $runs runs"
times=()
for run in $(seq "$runs"); do
  /usr/bin/time -f '%e %M' -o "$work/time" "$bin/camprint" discover --ports "$ports" --format jsonl \
    --no-operator-rules "$range" >"$work/discover.jsonl" 2>/dev/null || true
  read -r wall rss <"$work/time"
  times+=("$wall")
  if [ "$run" = 1 ]; then
    python3 - "$fleet" "$work/discover.jsonl" "$work/testcam.out" <<'PY'
import sys, json
# The verdict each persona's device must get (Samples/personas/README.md).
want = {"hikvision-ipc": "hikvision", "hikvision-nvr": "hikvision", "hikvision-oem": "hikvision-oem",
        "clone-imkh": "clone", "dahua-ipc": "other", "uniview-ipc": "other", "axis": "other",
        "reolink": "other"}
persona_at = {}
for line in open(sys.argv[3]):
    f = line.split()
    if f and f[0] == "READY":
        persona_at[f[1].rsplit(":", 1)[0]] = f[2]
reports = [json.loads(l) for l in open(sys.argv[2]) if l.strip()]
own = {r["target"]["host"]: r for r in reports if not r.get("behind")}
right = wrong = 0
for address, persona in sorted(persona_at.items()):
    got = own.get(address, {}).get("identity", {}).get("verdict", "missing")
    if persona not in want:
        continue
    if got == want[persona]:
        right += 1
    else:
        wrong += 1
        if wrong <= 10:
            print(f"   wrong: {address} {persona}: {got} (want {want[persona]})")
silent_listed = [h for h in own if h not in persona_at]
print(f"   verdicts: {right} right, {wrong} wrong of {right + wrong} devices with a known verdict; "
      f"{len(own)} devices listed, {len(silent_listed)} listed at silent addresses")
PY
  fi
  echo "   run $run: ${wall} s, peak RSS ${rss} kB"
done
camprint_median=$(median "${times[@]}")

# nmap is the anchor a network team would use; installed here (not by `make test`) when missing.
if ! command -v nmap >/dev/null && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
  echo "==> installing nmap (apt-get)"
  apt-get install -y nmap >/dev/null 2>&1 || { apt-get update >/dev/null 2>&1 && apt-get install -y nmap >/dev/null 2>&1; } || true
fi
if command -v nmap >/dev/null; then
  echo "==> nmap -sV -Pn -p $(echo "$ports" | sed "s#/[a-z]*##g") $range (same range and ports), $nmap_runs run(s)"
  ntimes=()
  for run in $(seq "$nmap_runs"); do
    start=$(date +%s.%N)
    nmap -sV -Pn -p "$(echo "$ports" | sed 's#/[a-z]*##g')" "$range" -oG "$work/nmap.txt" >/dev/null 2>&1 || true
    end=$(date +%s.%N)
    ntimes+=("$(echo "$end - $start" | bc -l)")
    echo "   run $run: $(printf '%.2f' "${ntimes[-1]}") s, $(grep -c 'open/' "$work/nmap.txt" || true) hosts with an open port"
  done
  nmap_median=$(median "${ntimes[@]}")
  printf '   median: camprint discover %.2f s (sweep, probe and verdict of every device), nmap -sV %.2f s (ports and service banners); ratio %.2f\n' \
    "$camprint_median" "$nmap_median" "$(echo "$camprint_median / $nmap_median" | bc -l)"
else
  printf '   median: camprint discover %.2f s; nmap not installed (apt-get install nmap) for the comparison\n' "$camprint_median"
fi
