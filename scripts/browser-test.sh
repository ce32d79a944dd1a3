#!/usr/bin/env bash
# Browser test of the collector's compliance page, with Debian's headless Chromium.
#
#   scripts/browser-test.sh            # builds camprint-collector, writes docs/collector-page.png
#
# Starts a collector on 127.0.0.1 with a throwaway SQLite database, creates one token per site,
# posts Samples/collector/sample-reports.jsonl (times shifted to "now"), moves three Hikvision-made
# devices to scheduled, reappeared and verified gone with an operator token, then loads `/` in headless
# Chromium: a screenshot (laptop and phone widths), the DOM, and the browser's console log. Fails
# when the page's per-site numbers differ from /api/v1/summary, when the console shows an error,
# or when the hostile sample (a <script> model name) turns into markup.
# Tokens never reach a command line: curl reads the Authorization header from a 0600 file.
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
SCRATCH="${SCRATCH:-$ROOT/.build}"
PORT="${CAMPRINT_BROWSER_TEST_PORT:-18471}"
OUT="${CAMPRINT_BROWSER_TEST_SCREENSHOT:-$ROOT/docs/collector-page.png}"
export PATH="/opt/swift/usr/bin:$PATH"

if ! command -v chromium >/dev/null; then
    echo "browser-test: installing chromium" >&2
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >&2 \
        || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >&2; }
fi

swift build --scratch-path "$SCRATCH" --product camprint-collector >&2
BIN="$(swift build --scratch-path "$SCRATCH" --show-bin-path)/camprint-collector"

WORK="$(mktemp -d /tmp/camprint-browser-test.XXXXXX)"
chmod 700 "$WORK"
SERVER_PID=""
cleanup() {
    if [ -n "$SERVER_PID" ]; then kill "$SERVER_PID" 2>/dev/null || true; wait "$SERVER_PID" 2>/dev/null || true; fi
    rm -rf "$WORK"
}
trap cleanup EXIT

DB="sqlite://$WORK/collector.db"
"$BIN" serve --database "$DB" --listen "127.0.0.1:$PORT" >"$WORK/server.log" 2>&1 &
SERVER_PID=$!
for _ in $(seq 1 100); do
    curl -fsS "http://127.0.0.1:$PORT/readyz" >/dev/null 2>&1 && break
    sleep 0.1
done
curl -fsS "http://127.0.0.1:$PORT/readyz" >/dev/null || { cat "$WORK/server.log" >&2; exit 1; }

# Shift the samples' HOURS_AGO placeholders to real times and split them by site.
python3 - "$ROOT/Samples/collector/sample-reports.jsonl" "$WORK" <<'PY'
import datetime, json, sys
now = datetime.datetime.now(datetime.timezone.utc).replace(microsecond=0)
by_site = {}
for line in open(sys.argv[1], encoding="utf-8"):
    report = json.loads(line)
    hours = float(report["observedAt"].split(":", 1)[1])
    report["observedAt"] = (now - datetime.timedelta(hours=hours)).strftime("%Y-%m-%dT%H:%M:%SZ")
    by_site.setdefault(report["source"]["site"], []).append(report)
for site, reports in by_site.items():
    with open(f"{sys.argv[2]}/site-{site}.jsonl", "w", encoding="utf-8") as out:
        for report in reports:
            out.write(json.dumps(report, ensure_ascii=False) + "\n")
PY

for file in "$WORK"/site-*.jsonl; do
    site="$(basename "$file" .jsonl)"
    site="${site#site-}"
    token="$("$BIN" token create --database "$DB" --site "$site" 2>/dev/null)"
    (umask 077 && printf 'Authorization: Bearer %s\n' "$token" >"$WORK/auth-$site")
    unset token
    gzip -c "$file" >"$file.gz"
    answer="$(curl -fsS -H "@$WORK/auth-$site" -H 'Content-Type: application/x-ndjson' \
        -H 'Content-Encoding: gzip' --data-binary "@$file.gz" "http://127.0.0.1:$PORT/api/v1/reports")"
    echo "browser-test: $site: $answer" >&2
    # The same batch again is all duplicates.
    again="$(curl -fsS -H "@$WORK/auth-$site" -H 'Content-Type: application/x-ndjson' \
        --data-binary "@$file" "http://127.0.0.1:$PORT/api/v1/reports")"
    case "$again" in *'"accepted":0'*) ;; *) echo "browser-test: resend was not idempotent: $again" >&2; exit 1 ;; esac
done

# Removal lifecycle (issue 19) through the operator API: one device scheduled, one removed then seen
# again (reappeared), one removed then failing its probe (verified gone). The operator token is written
# 0600 by the collector and read by curl from a header file, never from a command line.
"$BIN" token create --database "$DB" --operator --label browser-test --output "$WORK/operator.token" 2>/dev/null
(umask 077 && printf 'Authorization: Bearer %s\n' "$(cat "$WORK/operator.token")" >"$WORK/auth-operator")
curl -fsS "http://127.0.0.1:$PORT/api/v1/devices?verdict=hikvision,hikvision-oem&limit=100" >"$WORK/covered.json"
python3 - "$WORK" <<'PY'
import datetime, json, sys
work = sys.argv[1]
devices = json.load(open(f"{work}/covered.json", encoding="utf-8"))["devices"]
if len(devices) < 3:
    sys.exit("browser-test: need three Hikvision-made sample devices for the lifecycle states")
now = datetime.datetime.now(datetime.timezone.utc).replace(microsecond=0)
stamp = lambda t: t.strftime("%Y-%m-%dT%H:%M:%SZ")
plan = [
    (devices[0], {"state": "scheduled", "date": stamp(now + datetime.timedelta(days=14)), "note": "browser test"}),
    (devices[1], {"state": "removed", "date": stamp(now - datetime.timedelta(minutes=10)), "note": "browser test"}),
    (devices[2], {"state": "removed", "date": stamp(now - datetime.timedelta(minutes=10)), "goneAfterRounds": 1}),
]
with open(f"{work}/lifecycle.sh", "w") as out:
    for device, body in plan:
        json.dump(body, open(f"{work}/state-{device['id']}.json", "w"))
        out.write(f"{device['id']}\n")
# Seen again after its removal, and a failed probe of the third one.
def report(device, rid, status):
    r = {"schema": "camprint.report/v1", "reportId": rid, "observedAt": stamp(now),
         "source": {"kind": "camprint agent", "version": "0.1.0", "agent": "browser-test"},
         "target": {"url": f"rtsp://{device['host']}:{device.get('port') or 554}/", "host": device["host"],
                    "port": device.get("port") or 554, "path": "/"},
         "status": status, "streams": [], "durationMs": 800,
         "identity": {"verdict": device["verdict"] if status == "ok" else "unknown", "vendor": device.get("vendor"),
                      "model": device.get("model"), "firmware": device.get("firmware"),
                      "confidence": 0.9 if status == "ok" else 0, "evidence": [], "contradictions": []}}
    if status != "ok": r["error"] = {"code": status, "message": "probe failed"}
    if status == "ok" and device.get("serialNumber"): r["device"] = {"serialNumber": device["serialNumber"]}
    return r
with open(f"{work}/after-{devices[1]['site']}.jsonl", "w") as out:
    out.write(json.dumps(report(devices[1], "browser-test-back", "ok")) + "\n")
with open(f"{work}/after-{devices[2]['site']}.jsonl", "a") as out:
    out.write(json.dumps(report(devices[2], "browser-test-gone", "timeout")) + "\n")
PY
while read -r id; do
    curl -sS --fail-with-body -H "@$WORK/auth-operator" -H 'Content-Type: application/json' --data-binary "@$WORK/state-$id.json" \
        "http://127.0.0.1:$PORT/api/v1/devices/$id/lifecycle" >"$WORK/lifecycle-answer" \
        || { cat "$WORK/lifecycle-answer" >&2; exit 1; }
done <"$WORK/lifecycle.sh"
for file in "$WORK"/after-*.jsonl; do
    site="$(basename "$file" .jsonl)"
    site="${site#after-}"
    curl -sS --fail-with-body -H "@$WORK/auth-$site" -H 'Content-Type: application/x-ndjson' --data-binary "@$file" \
        "http://127.0.0.1:$PORT/api/v1/reports" >"$WORK/after-answer" || { cat "$WORK/after-answer" >&2; exit 1; }
done

curl -fsS "http://127.0.0.1:$PORT/api/v1/summary" >"$WORK/summary.json"

CHROMIUM=(chromium --headless --no-sandbox --disable-gpu --hide-scrollbars --no-first-run
    --user-data-dir="$WORK/profile" --enable-logging=stderr --v=0)
mkdir -p "$(dirname "$OUT")"
"${CHROMIUM[@]}" --window-size=1280,1100 --screenshot="$OUT" "http://127.0.0.1:$PORT/" 2>"$WORK/console-laptop.log" >/dev/null
"${CHROMIUM[@]}" --window-size=390,1400 --screenshot="$WORK/phone.png" "http://127.0.0.1:$PORT/" 2>"$WORK/console-phone.log" >/dev/null
"${CHROMIUM[@]}" --dump-dom "http://127.0.0.1:$PORT/" 2>"$WORK/console-dom.log" >"$WORK/dom.html"
first_device="$(python3 -c 'import re,sys; m=re.search(r"href=\"/devices/(\d+)\"", open(sys.argv[1]).read()); print(m.group(1) if m else "")' "$WORK/dom.html")"
"${CHROMIUM[@]}" --dump-dom "http://127.0.0.1:$PORT/devices/$first_device" 2>"$WORK/console-device.log" >"$WORK/device.html"
"${CHROMIUM[@]}" --dump-dom "http://127.0.0.1:$PORT/?policy=us-ndaa-889" 2>"$WORK/console-policy.log" >"$WORK/policy.html"
if [ -n "${CAMPRINT_BROWSER_TEST_KEEP:-}" ]; then cp "$WORK/phone.png" "$CAMPRINT_BROWSER_TEST_KEEP"; fi

# Console errors: Chromium logs page console messages as "CONSOLE(...)" lines; CSP violations and
# uncaught exceptions also show there.
if grep -hE 'CONSOLE|Uncaught|Refused to|Content Security Policy' "$WORK"/console-*.log; then
    echo "browser-test: console errors (above)" >&2
    exit 1
fi

python3 - "$WORK/dom.html" "$WORK/summary.json" "$WORK/device.html" "$WORK/policy.html" <<'PY'
import html.parser, json, sys
dom = open(sys.argv[1], encoding="utf-8").read()
summary = json.load(open(sys.argv[2], encoding="utf-8"))
device = open(sys.argv[3], encoding="utf-8").read()
policy = open(sys.argv[4], encoding="utf-8").read()

class Cells(html.parser.HTMLParser):
    def __init__(self):
        super().__init__()
        self.cells, self.current, self.text = {}, None, ""
        self.scripts = 0
    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "script":
            self.scripts += 1
        if tag == "td" and "data-site" in attrs:
            self.current, self.text = (attrs["data-site"], attrs["data-verdict"]), ""
    def handle_data(self, data):
        if self.current: self.text += data
    def handle_endtag(self, tag):
        if tag == "td" and self.current:
            self.cells[self.current] = int(self.text.strip())
            self.current = None

page = Cells(); page.feed(dom)
problems = []
for site in summary["sites"]:
    name = site["site"]
    expected = dict(site["verdicts"]); expected["total"] = site["total"]; expected["stale"] = site["stale"]
    for key, value in expected.items():
        shown = page.cells.get((name, key))
        if shown != value:
            problems.append(f"{name}/{key}: page shows {shown}, summary says {value}")
if len(page.cells) != len(summary["sites"]) * (len(summary["verdicts"]) + 2):
    problems.append(f"page has {len(page.cells)} summary cells")
if page.scripts: problems.append("a <script> element made it into the DOM")
if "&lt;script&gt;alert(1)&lt;/script&gt;" not in dom: problems.append("hostile model name not shown as text")
if "Hikvision-made, still reporting" not in dom: problems.append("no compliance section")
if "Evidence of the latest report" not in device: problems.append("device page lacks evidence")
# Issue 19: lifecycle states, the reappearance alert, coverage, the chart, the policy filter.
for state in ("scheduled", "reappeared", "verified-gone"):
    if f'data-state="{state}"' not in dom: problems.append(f"no device shown as {state}")
if "Reappeared after removal" not in dom: problems.append("no reappearance alert")
if 'data-coverage="covered"' not in dom: problems.append("no coverage chip")
if "<svg" not in dom or "covered devices remaining" not in dom: problems.append("no chart of covered devices")
if '<option value="us-ndaa-889" selected' not in policy: problems.append("policy filter not applied")
if 'data-policy="us-ndaa-889" data-coverage="covered"' not in policy: problems.append("policy filter shows no covered device")
if problems:
    print("\n".join("browser-test: " + p for p in problems), file=sys.stderr); sys.exit(1)
print(f"browser-test: page matches /api/v1/summary ({summary['total']} devices, {len(summary['sites'])} sites)", file=sys.stderr)
PY
echo "browser-test: screenshot in $OUT" >&2
echo "1 passed, 0 failed"
