#!/usr/bin/env bash
# Man pages and shell completions of camprint and camprint-collector, generated from their command
# definitions (swift-argument-parser): `make install` and `make deb` install them.
#
#   scripts/package-docs.sh BIN_DIR OUT_DIR [SCRATCH]
#
# BIN_DIR holds the built camprint and camprint-collector. Writes
#   OUT_DIR/man/camprint.1, camprint-collector.1            by swift-argument-parser's generate-manual
#   OUT_DIR/bash/camprint, OUT_DIR/zsh/_camprint, OUT_DIR/fish/camprint.fish (and the collector's)
#                                                          by `--generate-completion-script bash|zsh|fish`
# generate-manual is the tool behind the package's `generate-manual` plugin; the plugin itself would
# rebuild every product of the package in release mode, so the tool is built directly from the
# dependency's checkout (SCRATCH/checkouts/swift-argument-parser, into SCRATCH/tools/, a debug build of
# about a minute) and run on the binaries, as the plugin does. Its mdoc output is kept as is except
# for blank lines (from the commands' discussion texts), which become `.Pp` paragraph breaks: mdoc
# warns on blank lines. The bash completion loses its #! line (lintian: completions are sourced).
set -euo pipefail
cd "$(dirname "$0")/.."
bin=${1:?usage: package-docs.sh BIN_DIR OUT_DIR [SCRATCH]}
out=${2:?usage: package-docs.sh BIN_DIR OUT_DIR [SCRATCH]}
scratch=${3:-${SCRATCH:-.build}}
SWIFT=${SWIFT:-swift}
export PATH="/opt/swift/usr/bin:$PATH"

parser="$scratch/checkouts/swift-argument-parser"
[ -f "$parser/Package.swift" ] || { echo "package-docs: no $parser (build camprint first)" >&2; exit 1; }
tools="$scratch/tools/swift-argument-parser"
"$SWIFT" build --package-path "$parser" --scratch-path "$tools" --product generate-manual >/dev/null
generate_manual="$("$SWIFT" build --package-path "$parser" --scratch-path "$tools" --show-bin-path)/generate-manual"

# The build date (CAMPRINT_BUILD_DATE, scripts/package-build-info.sh) dates the pages, so that the
# same build gives the same pages.
day=$(printf '%s' "${CAMPRINT_BUILD_DATE:-}" | cut -c1-10)
case "$day" in [0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]) ;; *) day=$(date -u +%Y-%m-%d) ;; esac

rm -rf "$out"
mkdir -p "$out/man" "$out/bash" "$out/zsh" "$out/fish"
for program in camprint camprint-collector; do
    "$generate_manual" "$bin/$program" --date "$day" --output-directory "$out/man"
    sed -i 's/^$/.Pp/' "$out/man/$program.1"
    # Completion files are sourced, not run: the generated bash script's #! line goes.
    "$bin/$program" --generate-completion-script bash | sed '1{/^#!/d}' >"$out/bash/$program"
    "$bin/$program" --generate-completion-script zsh >"$out/zsh/_$program"
    "$bin/$program" --generate-completion-script fish >"$out/fish/$program.fish"
done
echo "package-docs: man pages and completions in $out"
