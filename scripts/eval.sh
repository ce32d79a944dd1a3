#!/usr/bin/env bash
# Confusion tables of `camprint identify` over every real capture (scripts/eval.py): the shared
# corpus (Samples/eval/expected.tsv), its snippets and Samples/captures/, whole and
# leave-one-source-out. Exit 1 on any false hikvision/hikvision-oem in either run.
#   usage: scripts/eval.sh [CAMPRINT_BINARY] [CORPUS_DIR] [--verbose]
set -euo pipefail
binary=${1:-.build/debug/camprint}
corpus=${2:-../shared/corpus/real}
[ -x "$binary" ] || { echo "eval: $binary not built (run swift build)" >&2; exit 2; }
[ -d "$corpus" ] || { echo "eval: corpus $corpus not found" >&2; exit 2; }
exec python3 "$(dirname "$0")/eval.py" "$binary" "$corpus" "${@:3}"
