#!/bin/sh
# Prints the build facts as shell assignments, for `eval "$(scripts/package-build-info.sh)"` before a
# `swift build` (make install, make deb): Package.swift hands them to Sources/CCamprintBuildInfo, and
# `camprint --version`, `camprint-collector --version`, the reports' `source` and the
# camprint_build_info metric show them.
#   CAMPRINT_BUILD_COMMIT      git rev-parse HEAD, "-dirty" appended when tracked files differ from it
#   CAMPRINT_BUILD_DATE        UTC, RFC 3339; $SOURCE_DATE_EPOCH when set (reproducible builds)
#   CAMPRINT_BUILD_SIGNATURES  sha256: + the first 16 hex digits of the SHA-256 of `sha256sum *.yaml`
#                              in Sources/CamprintSignatures/Rules (C locale order); the installed copy
#                              checks with: cd /usr/share/camprint/signatures && sha256sum *.yaml | sha256sum
# Values already set in the environment are kept (a CI or a distribution build may pass its own).
set -eu
cd "$(dirname "$0")/.."

commit=${CAMPRINT_BUILD_COMMIT:-}
if [ -z "$commit" ]; then
    if commit=$(git rev-parse HEAD 2>/dev/null); then
        git diff --quiet HEAD -- 2>/dev/null || commit="$commit-dirty"
    else
        commit=unknown
    fi
fi

date=${CAMPRINT_BUILD_DATE:-}
if [ -z "$date" ]; then
    date=$(date -u -d "@${SOURCE_DATE_EPOCH:-$(date +%s)}" +%Y-%m-%dT%H:%M:%SZ)
fi

signatures=${CAMPRINT_BUILD_SIGNATURES:-}
if [ -z "$signatures" ]; then
    digest=$(cd Sources/CamprintSignatures/Rules && LC_ALL=C sha256sum ./*.yaml | sed 's#  \./#  #' | sha256sum)
    signatures="sha256:$(printf '%s' "$digest" | cut -c1-16)"
fi

printf 'export CAMPRINT_BUILD_COMMIT=%s CAMPRINT_BUILD_DATE=%s CAMPRINT_BUILD_SIGNATURES=%s\n' \
    "$commit" "$date" "$signatures"
