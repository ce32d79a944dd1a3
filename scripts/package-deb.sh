#!/usr/bin/env bash
# `make deb`: builds camprint_<version>_<arch>.deb and camprint-collector_<version>_<arch>.deb into
# DEB_DIR (default dist/) with dpkg-deb, for Debian 12 gateways that have no Swift toolchain.
#
#   SCRATCH=.build DEB_DIR=dist scripts/package-deb.sh
#
# 1. Release build with the Swift runtime and Foundation linked in (--static-swift-stdlib), no
#    $ORIGIN run path (--disable-local-rpath) and full RELRO (-z now); the build facts of scripts/package-build-info.sh go
#    into `--version`, the reports' `source` and camprint_build_info. FFmpeg stays a run-time
#    dlopen (Sources/CFFmpeg/runtime.c), SQLite is compiled in (sqlite-nio).
# 2. Checks that no library of the Swift toolchain is needed any more (readelf NEEDED).
# 3. Man pages and completions (scripts/package-docs.sh).
# 4. Depends: computed by dpkg-shlibdeps over the binary and, for camprint, over a small shared
#    object that references the FFmpeg functions runtime.c loads (read from its CFFMPEG_FUNCTIONS
#    list), linked against the sonames the binary names (read from the binary's strings), so that
#    the libraries opened at run time and the versions of their symbols count like linked ones.
# 5. The trees (packaging/ holds the maintainer scripts, the agent's conffile and lintian overrides),
#    md5sums, dpkg-deb --root-owner-group; then lintian when installed (LINTIAN=0 skips it): any
#    error fails the build, warnings are printed.
set -euo pipefail
cd "$(dirname "$0")/.."

SWIFT=${SWIFT:-swift}
SCRATCH=${SCRATCH:-.build}
DEB_DIR=${DEB_DIR:-dist}
LINTIAN=${LINTIAN:-1}
export PATH="/opt/swift/usr/bin:$PATH"
started=$(date +%s)
step() { printf '==> %s\n' "$*"; }
fail() { printf 'package-deb: %s\n' "$*" >&2; exit 1; }

# Packaging tools from Debian, installed when missing (as install-deps.sh does for the build).
missing=""
for package in dpkg-dev binutils gcc lintian; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing="$missing $package"
done
if [ -n "$missing" ] && [ "$(id -u)" = 0 ]; then
    echo "package-deb: installing$missing" >&2
    # shellcheck disable=SC2086
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $missing >/dev/null ||
        { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $missing >/dev/null; }
fi
for tool in dpkg-deb dpkg-shlibdeps readelf strip cc; do
    command -v "$tool" >/dev/null || fail "$tool is missing (apt-get install dpkg-dev binutils gcc)"
done

eval "$(scripts/package-build-info.sh)"
version=$(sed -n 's/^ *public static let current = "\(.*\)"$/\1/p' Sources/CamprintReport/CamprintVersion.swift)
[ -n "$version" ] || fail "no version in Sources/CamprintReport/CamprintVersion.swift"
arch=$(dpkg --print-architecture)
maintainer=${DEB_MAINTAINER:-$(git log -1 --format='%an <%ae>' 2>/dev/null || true)}
[ -n "$maintainer" ] || fail "set DEB_MAINTAINER='Name <address>'"

step "release build, Swift runtime linked in ($CAMPRINT_BUILD_COMMIT, signatures $CAMPRINT_BUILD_SIGNATURES)"
# -z now: full RELRO (lintian's hardening-no-bindnow): every dynamic symbol is bound at start and the
# GOT is then read-only; with the Swift runtime linked in, few symbols are left to bind.
flags=(--scratch-path "$SCRATCH" -c release --static-swift-stdlib --disable-local-rpath -Xlinker -z -Xlinker now)
build_started=$(date +%s)
for product in camprint camprint-collector; do
    "$SWIFT" build "${flags[@]}" --product "$product"
done
bin=$("$SWIFT" build "${flags[@]}" --show-bin-path)
echo "release build: $(($(date +%s) - build_started)) s"

step "checking that nothing from the Swift toolchain is needed"
for program in camprint camprint-collector; do
    needed=$(readelf -d "$bin/$program" | sed -n 's/.*(NEEDED).*\[\(.*\)\]/\1/p')
    if printf '%s\n' "$needed" | grep -E '^lib(swift|Foundation|_Foundation|dispatch|BlocksRuntime)' >/dev/null; then
        fail "$program still needs: $(printf '%s\n' "$needed" | grep -E '^lib(swift|Foundation|_Foundation|dispatch|BlocksRuntime)' | tr '\n' ' ')"
    fi
    if readelf -d "$bin/$program" | grep -E '\((RPATH|RUNPATH)\)' >/dev/null; then
        fail "$program has a run path: $(readelf -d "$bin/$program" | grep -E '\((RPATH|RUNPATH)\)')"
    fi
    echo "$program needs: $(printf '%s ' $needed)"
done

work="$DEB_DIR/work"
rm -rf "$work"
mkdir -p "$work" "$DEB_DIR"

step "man pages and completions"
scripts/package-docs.sh "$bin" "$work/docs" "$SCRATCH"

step "dependencies (dpkg-shlibdeps)"
sonames=$(strings -a "$bin/camprint" | grep -E '^lib(avutil|avcodec|avformat)\.so\.[0-9]+$' | sort -u)
[ "$(printf '%s\n' "$sonames" | wc -l)" = 3 ] || fail "camprint does not name libavutil, libavcodec and libavformat sonames (found: $sonames)"
functions=$(sed -n 's/^ *F(av[a-z]*, *\([a-z0-9_]*\)).*/\1/p' Sources/CFFmpeg/runtime.c)
[ -n "$functions" ] || fail "no FFmpeg functions found in Sources/CFFmpeg/runtime.c"
{
    echo '/* The FFmpeg functions camprint loads at run time (Sources/CFFmpeg/runtime.c), referenced here so'
    echo '   that dpkg-shlibdeps sees them. Generated by scripts/package-deb.sh; never installed. */'
    echo '#include <libavcodec/avcodec.h>'
    echo '#include <libavformat/avformat.h>'
    echo '#include <libavutil/dict.h>'
    echo '#include <libavutil/error.h>'
    echo '#include <libavutil/log.h>'
    echo '#include <libavutil/time.h>'
    echo 'void *const camprint_ffmpeg_functions[] = {'
    for function in $functions; do echo "    (void *)$function,"; done
    echo '};'
} >"$work/ffmpeg-functions.c"
link=()
for soname in $sonames; do link+=("-l:$soname"); done
cc -shared -fPIC -o "$work/ffmpeg-functions.so" "$work/ffmpeg-functions.c" -Wl,--no-as-needed "${link[@]}"
mkdir -p "$work/shlibdeps/debian"
printf 'Source: camprint\n\nPackage: camprint\nArchitecture: any\n' >"$work/shlibdeps/debian/control"
shlibdeps() {
    # (Its warning that the binaries are not yet in a package's build tree is expected here.)
    (cd "$work/shlibdeps" && dpkg-shlibdeps -O "$@" 2> >(grep -v 'should already be installed' >&2)) |
        sed -n 's/^shlibs:Depends=//p'
}
camprint_depends=$(shlibdeps "$(realpath "$bin/camprint")" "$(realpath "$work/ffmpeg-functions.so")")
collector_depends=$(shlibdeps "$(realpath "$bin/camprint-collector")")
[ -n "$camprint_depends" ] && [ -n "$collector_depends" ] || fail "dpkg-shlibdeps computed no dependencies"
echo "camprint (FFmpeg: $(printf '%s ' $sonames)): $camprint_depends"
echo "camprint-collector: $collector_depends"

changelog() { # package
    printf '%s (%s) unstable; urgency=medium\n\n  * Built from commit\n    %s\n    on %s.\n\n -- %s  %s\n' \
        "$1" "$version" "$CAMPRINT_BUILD_COMMIT" "$CAMPRINT_BUILD_DATE" "$maintainer" \
        "$(date -u -R -d "$CAMPRINT_BUILD_DATE")" | gzip -9n
}

copyright() {
    cat <<COPYRIGHT
camprint
========

Copyright: the camprint authors. The source repository states no licence for camprint itself yet.

The binaries embed the following, linked statically:

- The Swift standard library, runtime, Dispatch and Foundation of the Swift toolchain
  ($("$SWIFT" --version 2>/dev/null | head -n 1)): Apache License 2.0 with Runtime Library
  Exception, Copyright Apple Inc. and the Swift project authors; Foundation's ICU data
  (swift-foundation-icu): Unicode License v3, Copyright Unicode, Inc.
COPYRIGHT
    for checkout in "$SCRATCH"/checkouts/*/; do
        name=$(basename "$checkout")
        licence_file=$(ls "$checkout" | grep -i -E '^(LICENSE|LICENCE|COPYING)' | head -n 1 || true)
        [ -n "$licence_file" ] || continue
        case "$(head -c 2000 "$checkout/$licence_file")" in
        *"Apache License"*) echo "- $name: Apache License 2.0 (/usr/share/common-licenses/Apache-2.0)" ;;
        *"MIT License"* | *"The MIT License"*) echo "- $name: MIT License, text below" ;;
        *) echo "- $name: see its licence below" ;;
        esac
    done
    cat <<COPYRIGHT
- SQLite (compiled in through sqlite-nio): public domain.
- BoringSSL (through swift-crypto and swift-nio-ssl): OpenSSL and ISC licences, Copyright the
  OpenSSL Project, Eric Young and Google Inc.

On Debian systems the complete text of the Apache License 2.0 is in
/usr/share/common-licenses/Apache-2.0.
COPYRIGHT
    for checkout in "$SCRATCH"/checkouts/*/; do
        licence_file=$(ls "$checkout" | grep -i -E '^(LICENSE|LICENCE|COPYING)' | head -n 1 || true)
        [ -n "$licence_file" ] || continue
        case "$(head -c 2000 "$checkout/$licence_file")" in
        *"Apache License"*) ;;
        *)
            printf '\n%s (%s)\n%s\n\n' "$(basename "$checkout")" "$licence_file" "----------------------------------------"
            cat "$checkout/$licence_file"
            ;;
        esac
    done
}

# stage PACKAGE PROGRAM UNIT DESCRIPTION DEPENDS
stage() {
    local package=$1 program=$2 unit=$3 depends=$5
    local tree="$work/$package"
    install -d -m 0755 "$tree/DEBIAN" "$tree/usr/bin" "$tree/lib/systemd/system" \
        "$tree/usr/share/man/man1" "$tree/usr/share/bash-completion/completions" \
        "$tree/usr/share/zsh/vendor-completions" "$tree/usr/share/fish/vendor_completions.d" \
        "$tree/usr/share/doc/$package" "$tree/usr/share/lintian/overrides"
    install -m 0755 "$bin/$program" "$tree/usr/bin/$program"
    strip --strip-unneeded --remove-section=.comment "$tree/usr/bin/$program"
    sed -e 's#/usr/local/bin/#/usr/bin/#g' \
        -e "s#file:///usr/share/doc/camprint/collector.md#file:///usr/share/doc/$package/collector.md#" \
        "systemd/$unit" >"$tree/lib/systemd/system/$unit"
    chmod 0644 "$tree/lib/systemd/system/$unit"
    gzip -9n <"$work/docs/man/$program.1" >"$tree/usr/share/man/man1/$program.1.gz"
    install -m 0644 "$work/docs/bash/$program" "$tree/usr/share/bash-completion/completions/$program"
    install -m 0644 "$work/docs/zsh/_$program" "$tree/usr/share/zsh/vendor-completions/_$program"
    install -m 0644 "$work/docs/fish/$program.fish" "$tree/usr/share/fish/vendor_completions.d/$program.fish"
    copyright >"$tree/usr/share/doc/$package/copyright"
    changelog "$package" >"$tree/usr/share/doc/$package/changelog.gz"
    if [ -f "packaging/$package/lintian-overrides" ]; then
        install -m 0644 "packaging/$package/lintian-overrides" "$tree/usr/share/lintian/overrides/$package"
    else
        rmdir "$tree/usr/share/lintian/overrides" "$tree/usr/share/lintian"
    fi
    install -m 0755 "packaging/$package/postinst" "packaging/$package/prerm" "packaging/$package/postrm" "$tree/DEBIAN/"
    local size
    size=$(du -k -s --apparent-size --exclude=DEBIAN "$tree" | cut -f1)
    {
        echo "Package: $package"
        echo "Version: $version"
        echo "Architecture: $arch"
        echo "Maintainer: $maintainer"
        echo "Installed-Size: $size"
        echo "Depends: $depends"
        echo "Section: net"
        echo "Priority: optional"
        printf '%s\n' "$4"
    } >"$tree/DEBIAN/control"
}

finish() { # PACKAGE
    local tree="$work/$1"
    [ -f "$tree/DEBIAN/conffiles" ] && chmod 0644 "$tree/DEBIAN/conffiles"
    (cd "$tree" && find . -type f ! -path './DEBIAN/*' -printf '%P\0' | LC_ALL=C sort -z | xargs -0 md5sum) \
        >"$tree/DEBIAN/md5sums"
    chmod 0644 "$tree/DEBIAN/md5sums" "$tree/DEBIAN/control"
    find "$tree" -type d -exec chmod 0755 {} +
    local deb="$DEB_DIR/${1}_${version}_${arch}.deb"
    dpkg-deb --root-owner-group -Zxz --build "$tree" "$deb" >/dev/null
    echo "$deb: $(stat -c %s "$deb") bytes, binary $(stat -c %s "$tree/usr/bin/$2") bytes stripped"
}

step "camprint_${version}_${arch}.deb"
stage camprint camprint camprint-agent.service "Description: identifies the maker of IP cameras and encoders from their streams
 camprint reads what an IP camera, NVR or encoder says about itself (RTSP
 responses, the SDP, H.264/H.265 parameter sets and SEI, ISAPI/ONVIF device
 information), matches that evidence against a self-testing signature database
 and reports who made the device (hikvision, hikvision-oem, clone, other,
 unknown) with the evidence.
 .
 This package holds the camprint command (probe, identify, inspect, signatures),
 the site agent's systemd unit (installed, neither enabled nor started), the
 signature database and an agent configuration template in /etc/camprint.
 Media is read with the system's FFmpeg libraries, opened on first use." "$camprint_depends"
tree="$work/camprint"
install -d -m 0755 "$tree/usr/share/camprint/signatures" "$tree/etc/camprint"
install -m 0644 Sources/CamprintSignatures/Rules/* "$tree/usr/share/camprint/signatures/"
install -m 0644 packaging/camprint/agent.yaml "$tree/etc/camprint/agent.yaml"
echo /etc/camprint/agent.yaml >"$tree/DEBIAN/conffiles"
install -m 0644 README.md "$tree/usr/share/doc/camprint/README.md"
install -m 0644 Samples/agent/agent.yaml "$tree/usr/share/doc/camprint/agent.yaml.example"
# Installed-Size again, now with the signatures and the configuration.
sed -i "s/^Installed-Size: .*/Installed-Size: $(du -k -s --apparent-size --exclude=DEBIAN "$tree" | cut -f1)/" \
    "$tree/DEBIAN/control"
finish camprint camprint

step "camprint-collector_${version}_${arch}.deb"
stage camprint-collector camprint-collector camprint-collector.service "Description: central inventory of camprint reports from site agents
 camprint-collector receives the reports of camprint site agents, keeps the
 inventory of every camera per site and its history (SQLite or PostgreSQL), and
 answers which devices judged Hikvision-made are still in service, as an HTTP
 API (JSON, CSV) and a compliance page.
 .
 The systemd unit is installed but neither enabled nor started; it runs as a
 dynamic user with its state in /var/lib/camprint-collector." "$collector_depends"
install -m 0644 docs/collector.md "$work/camprint-collector/usr/share/doc/camprint-collector/collector.md"
# The policies, lineage table and advisories: serve refuses to start without them
# (found at <bin>/../share/camprint/policies).
install -d -m 0755 "$work/camprint-collector/usr/share/camprint/policies"
install -m 0644 Sources/CamprintCollector/Policies/* "$work/camprint-collector/usr/share/camprint/policies/"
sed -i "s/^Installed-Size: .*/Installed-Size: $(du -k -s --apparent-size --exclude=DEBIAN "$work/camprint-collector" | cut -f1)/" \
    "$work/camprint-collector/DEBIAN/control"
finish camprint-collector camprint-collector

if [ "$LINTIAN" != 0 ] && command -v lintian >/dev/null; then
    step "lintian"
    lintian_output=$(lintian --tag-display-limit 0 "$DEB_DIR/camprint_${version}_${arch}.deb" \
        "$DEB_DIR/camprint-collector_${version}_${arch}.deb" 2>&1 || true)
    [ -n "$lintian_output" ] && printf '%s\n' "$lintian_output"
    if printf '%s\n' "$lintian_output" | grep -q '^E: '; then
        fail "lintian found errors"
    fi
    echo "lintian: no errors ($(printf '%s\n' "$lintian_output" | grep -c '^W: ' || true) warnings)"
fi
echo "make deb: $(($(date +%s) - started)) s"
