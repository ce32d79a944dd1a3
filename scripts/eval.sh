#!/usr/bin/env bash
# Confusion table: expected verdicts (Samples/eval/expected.tsv) vs `camprint identify` on every
# corpus file. Exit 1 on any false hikvision/hikvision-oem (the quality target: zero false
# positives, clones included); other mismatches are listed but do not fail.
#   usage: scripts/eval.sh [CAMPRINT_BINARY] [CORPUS_DIR]
set -euo pipefail
binary=${1:-.build/debug/camprint}
corpus=${2:-../shared/corpus/real}
[ -x "$binary" ] || { echo "eval: $binary not built (run swift build)" >&2; exit 2; }
[ -d "$corpus" ] || { echo "eval: corpus $corpus not found" >&2; exit 2; }
exec python3 - "$binary" "$corpus" Samples/eval/expected.tsv <<'PY'
import json, os, subprocess, sys
binary, corpus, expected_path = sys.argv[1:4]
rows = []
for line in open(expected_path):
    if line.startswith("#") or not line.strip():
        continue
    path, expected, vendor, reason = (line.rstrip("\n").split("\t") + ["", "", ""])[:4]
    full = os.path.join(corpus, path)
    if not os.path.exists(full):
        rows.append((path, expected, vendor, "missing", ""))
        continue
    run = subprocess.run([binary, "identify", "--format", "jsonl", full], capture_output=True, text=True)
    try:
        identity = json.loads(run.stdout.splitlines()[0])["identity"]
        rows.append((path, expected, vendor, identity["verdict"], identity.get("vendor") or ""))
    except (IndexError, ValueError, KeyError):
        rows.append((path, expected, vendor, "error", run.stderr.strip()[:80]))
verdicts = ["hikvision", "hikvision-oem", "clone", "other", "unknown"]
hik = {"hikvision", "hikvision-oem"}
false_positive = mismatches = 0
print("per file: mark  path  expected (vendor) -> actual (vendor)")
for path, expected, vendor, actual, actual_vendor in rows:
    mark = "ok"
    if actual != expected:
        mismatches += 1
        mark = "MISMATCH"
        if actual in hik and expected not in hik:
            mark = "FALSE-HIKVISION"
            false_positive += 1
    elif vendor and actual_vendor and vendor != actual_vendor and actual != "unknown":
        mark = "ok (vendor)"
    print(f"  {mark:15} {path}: {expected} ({vendor or '-'}) -> {actual} ({actual_vendor or '-'})")
print("\nconfusion (rows expected, columns actual):")
print("expected \\ actual".ljust(18) + "".join(v.rjust(15) for v in verdicts))
for expected in verdicts:
    print(expected.ljust(18) + "".join(str(sum(1 for r in rows if r[1] == expected and r[3] == a)).rjust(15) for a in verdicts))
family = [r for r in rows if r[1] in hik]
recalled = sum(1 for r in family if r[3] in hik)
print(f"\n{len(rows)} files, {mismatches} mismatches, {false_positive} false hikvision/hikvision-oem, "
      f"Hikvision-family recall {recalled}/{len(family)}")
sys.exit(1 if false_positive else 0)
PY
