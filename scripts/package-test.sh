#!/usr/bin/env bash
# `make package-test`: the packages of `make deb` on a machine without the Swift toolchain.
#
# 1. Extracts camprint_*.deb and camprint-collector_*.deb (DEB_DIR, default dist/) into a folder and
#    runs them in a mount namespace where /opt/swift is an empty directory (`unshare -m`, as root):
#      camprint --version, camprint-collector --version (commit, build date, signatures set);
#      camprint signatures test (found through PATH, as an operator runs it);
#      camprint probe of an emulated Hikvision camera with media (FFmpeg from Debian's libraries);
#      camprint-collector serve on SQLite, camprint agent --once to it, the device in its inventory,
#      camprint_build_info on its /metrics.
# 2. PACKAGE_TEST_DEBIAN=1: the same in a Debian 12 root made by debootstrap (minbase, from the
#    mirror of this machine's apt sources; cached in PACKAGE_TEST_DEBIAN_ROOT, default
#    /var/tmp/camprint-debian12, and used through an overlay so that every run starts clean) after
#    `apt-get install ./camprint_….deb ./camprint-collector_….deb` there, then `apt-get remove` (the
#    collector's state stays) and `apt-get purge` (it goes).
#
# The emulated camera (camprint-testcam, a debug build from SCRATCH; TESTCAM=path overrides) runs
# outside the namespace on 127.0.3.1:18821 (HTTP 18822); the collector listens on 127.0.3.1:18823.
# Only loopback is used. Prints its duration.
set -euo pipefail
cd "$(dirname "$0")/.."

# --inside ROOT WORK: the checks, run where the toolchain is hidden (ROOT is where the packages'
# files are: the extraction folder, or / in the Debian root). Needs bash, grep, sed only.
if [ "${1:-}" = --inside ]; then
    root=$2 work=$3
    fail() { printf 'package-test (inside): %s\n' "$*" >&2; exit 1; }
    export PATH="$root/usr/bin:/usr/sbin:/usr/bin:/sbin:/bin"
    unset LD_LIBRARY_PATH
    [ ! -e /opt/swift/usr/bin/swift ] || fail "the Swift toolchain is visible"
    http_get() { # HOST PORT PATH: the body of a GET (bash /dev/tcp, no client needed)
        exec 3<>"/dev/tcp/$1/$2"
        printf 'GET %s HTTP/1.1\r\nHost: %s:%s\r\nConnection: close\r\n\r\n' "$3" "$1" "$2" >&3
        sed '1,/^\r$/d' <&3
        exec 3<&-
    }
    echo "--- camprint --version"
    camprint --version | tee "$work/version.txt"
    for key in "commit:" "build date:" "signatures: sha256:"; do
        grep -q "^$key" "$work/version.txt" || fail "camprint --version has no '$key'"
    done
    grep -q unknown "$work/version.txt" && fail "camprint --version has unknown facts"
    commit=$(sed -n 's/^commit: //p' "$work/version.txt")
    echo "--- camprint-collector --version"
    camprint-collector --version | tee "$work/collector-version.txt"
    grep -q "^commit: $commit$" "$work/collector-version.txt" || fail "the collector was built from another commit"
    echo "--- camprint signatures test"
    camprint signatures test --no-operator-rules | tail -n 3
    echo "--- camprint probe (with media)"
    set +e
    camprint probe --format json --no-onvif --http-port 18822 rtsp://127.0.3.1:18821/Streaming/Channels/101 \
        >"$work/probe.json" 2>"$work/probe.err"
    status=$?
    set -e
    [ "$status" = 0 ] || { cat "$work/probe.err" >&2; fail "probe exited $status"; }
    grep -q '"status" *: *"ok"' "$work/probe.json" || fail "probe status is not ok: $(cat "$work/probe.json")"
    grep -q '"verdict" *: *"hikvision"' "$work/probe.json" || fail "probe verdict is not hikvision"
    grep -q '"codec" *: *"h264"' "$work/probe.json" || fail "no H.264 stream in the probe: FFmpeg was not used"
    grep -q "\"commit\" *: *\"$commit\"" "$work/probe.json" || fail "the report's source has no commit"
    sed -n 's/.*"\(verdict\|vendor\|codec\|profile\)" *: *"\([^"]*\)".*/  \1: \2/p' "$work/probe.json" | sort -u
    echo "--- camprint-collector serve on SQLite, camprint agent --once"
    db="sqlite://$work/collector.db"
    # --output writes the token file 0600: the agent refuses token files others can read.
    camprint-collector token create --database "$db" --site package-test --output "$work/agent.token" >/dev/null 2>&1
    [ -s "$work/agent.token" ] || fail "no token"
    camprint-collector serve --database "$db" --listen 127.0.3.1:18823 >"$work/collector.log" 2>&1 &
    collector=$!
    trap 'kill $collector 2>/dev/null || true' EXIT
    for _ in $(seq 1 100); do
        (http_get 127.0.3.1 18823 /readyz >/dev/null 2>&1) && break
        sleep 0.1
    done
    cat >"$work/agent.yaml" <<AGENT
site: package-test
collector:
  url: http://127.0.3.1:18823
  token_file: $work/agent.token
spool:
  path: $work/agent-spool.sqlite
http_port: 18822
targets:
  - url: rtsp://127.0.3.1:18821/Streaming/Channels/101
AGENT
    camprint agent --check-config "$work/agent.yaml" >/dev/null
    camprint agent --once --config "$work/agent.yaml" 2>"$work/agent.log" ||
        { status=$?; cat "$work/agent.log" "$work/collector.log" >&2; fail "agent --once exited $status"; }
    http_get 127.0.3.1 18823 /api/v1/devices >"$work/devices.json"
    grep -q '"verdict" *: *"hikvision"' "$work/devices.json" || fail "the collector has no hikvision device: $(cat "$work/devices.json")"
    http_get 127.0.3.1 18823 /metrics | grep '^camprint_build_info' | tee "$work/metrics.txt"
    grep -q "commit=\"$commit\"" "$work/metrics.txt" || fail "no camprint_build_info with the commit on the collector's /metrics"
    kill "$collector"
    wait "$collector" 2>/dev/null || true
    trap - EXIT
    echo "--- all checks passed"
    exit 0
fi

DEB_DIR=${DEB_DIR:-dist}
SCRATCH=${SCRATCH:-.build}
SWIFT=${SWIFT:-swift}
PACKAGE_TEST_DEBIAN=${PACKAGE_TEST_DEBIAN:-0}
DEBIAN_ROOT=${PACKAGE_TEST_DEBIAN_ROOT:-/var/tmp/camprint-debian12}
export PATH="/opt/swift/usr/bin:$PATH"
started=$(date +%s)
step() { printf '\n==> %s\n' "$*"; }
fail() { printf 'package-test: %s\n' "$*" >&2; exit 1; }

[ "$(id -u)" = 0 ] || fail "needs root (unshare -m, mount)"
version=$(sed -n 's/^ *public static let current = "\(.*\)"$/\1/p' Sources/CamprintReport/CamprintVersion.swift)
arch=$(dpkg --print-architecture)
agent_deb="$DEB_DIR/camprint_${version}_${arch}.deb"
collector_deb="$DEB_DIR/camprint-collector_${version}_${arch}.deb"
[ -f "$agent_deb" ] && [ -f "$collector_deb" ] || fail "no $agent_deb or $collector_deb: run make deb first"

work=$(mktemp -d /tmp/camprint-package-test.XXXXXX)
pids=()
cleanup() {
    local status=$?
    for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
    for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
    rm -rf "$work"
    exit "$status"
}
trap cleanup EXIT

step "the emulated camera (camprint-testcam, hikvision-ipc persona, 127.0.3.1:18821)"
if [ -z "${TESTCAM:-}" ]; then
    "$SWIFT" build --scratch-path "$SCRATCH" --product camprint-testcam >/dev/null
    TESTCAM="$("$SWIFT" build --scratch-path "$SCRATCH" --show-bin-path)/camprint-testcam"
fi
ffmpeg -v error -f lavfi -i testsrc2=size=640x360:rate=25 -t 2 -c:v libx264 -g 25 -bf 0 -pix_fmt yuv420p \
    "$work/clip.h264"
"$TESTCAM" --persona hikvision-ipc --media "$work/clip.h264" --no-auth --listen 127.0.3.1:18821 \
    --http-listen 127.0.3.1:18822 >"$work/testcam.out" 2>"$work/testcam.err" &
pids+=($!)
for _ in $(seq 1 100); do
    grep -q '^READY' "$work/testcam.out" 2>/dev/null && break
    kill -0 "${pids[0]}" 2>/dev/null || { cat "$work/testcam.err" >&2; fail "camprint-testcam exited"; }
    sleep 0.1
done
grep -q '^READY' "$work/testcam.out" || fail "the emulated camera did not come up"
cat "$work/testcam.out"

step "extracted packages, Swift toolchain hidden (unshare -m, empty directory over /opt/swift)"
root="$work/root"
dpkg-deb -x "$agent_deb" "$root"
dpkg-deb -x "$collector_deb" "$root"
mkdir -p "$work/empty" "$work/extracted"
unshare -m bash -c 'mount --bind "$1" /opt/swift && shift && exec "$@"' hide "$work/empty" \
    bash "$PWD/scripts/package-test.sh" --inside "$root" "$work/extracted"
extracted_done=$(date +%s)
echo "extracted packages: $((extracted_done - started)) s"

if [ "$PACKAGE_TEST_DEBIAN" = 1 ]; then
    if [ ! -x "$DEBIAN_ROOT/usr/bin/apt-get" ]; then
        command -v debootstrap >/dev/null ||
            DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends debootstrap >/dev/null ||
            fail "debootstrap is missing (apt-get install debootstrap)"
        # The mirror of this machine's apt sources (deb822 or one-line format).
        mirror=${DEBIAN_MIRROR:-$(sed -n 's/^URIs: *\([^ ]*\).*/\1/p' /etc/apt/sources.list.d/*.sources 2>/dev/null |
            grep -v security | head -n 1)}
        [ -n "$mirror" ] || mirror=$(sed -n 's/^deb \(\[[^]]*\] \)\{0,1\}\([^ ]*\) bookworm .*/\2/p' /etc/apt/sources.list 2>/dev/null | head -n 1)
        [ -n "$mirror" ] || fail "no Debian mirror in /etc/apt (set DEBIAN_MIRROR)"
        step "debootstrap bookworm (minbase) into $DEBIAN_ROOT"
        rm -rf "$DEBIAN_ROOT.partial"
        debootstrap --variant=minbase bookworm "$DEBIAN_ROOT.partial" "$mirror" >"$work/debootstrap.log" 2>&1 ||
            { tail -n 20 "$work/debootstrap.log" >&2; fail "debootstrap failed"; }
        mv "$DEBIAN_ROOT.partial" "$DEBIAN_ROOT"
        echo "debootstrap: $(($(date +%s) - extracted_done)) s"
    fi
    step "Debian 12 root: apt-get install ./$(basename "$agent_deb") ./$(basename "$collector_deb")"
    debian_started=$(date +%s)
    mkdir -p "$work/upper" "$work/overlay" "$work/merged"
    unshare -m bash -s "$DEBIAN_ROOT" "$work" "$(realpath "$agent_deb")" "$(realpath "$collector_deb")" \
        "$PWD/scripts/package-test.sh" <<'DEBIAN'
set -euo pipefail
lower=$1 work=$2 agent_path=$3 collector_path=$4 script=$5
agent=$(basename "$agent_path") collector=$(basename "$collector_path")
merged="$work/merged"
mount -t overlay overlay -o "lowerdir=$lower,upperdir=$work/upper,workdir=$work/overlay" "$merged"
mount -t proc proc "$merged/proc"
mount --rbind /dev "$merged/dev"
mount -t tmpfs tmpfs "$merged/tmp"
cp /etc/resolv.conf "$merged/etc/resolv.conf"
mkdir -p "$merged/tmp/debs" "$merged/tmp/work"
cp "$agent_path" "$collector_path" "$script" "$merged/tmp/debs/"
in_root() { chroot "$merged" /usr/bin/env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin DEBIAN_FRONTEND=noninteractive "$@"; }
in_root apt-get update -qq
in_root apt-get install -y -qq --no-install-recommends "/tmp/debs/$agent" "/tmp/debs/$collector" >"$work/apt.log" 2>&1 ||
    { tail -n 30 "$work/apt.log" >&2; exit 1; }
grep -E '^camprint' "$work/apt.log" || true
echo "installed: $(in_root dpkg-query -W camprint camprint-collector | tr '\t\n' '  ')"
[ -f "$merged/lib/systemd/system/camprint-agent.service" ] && [ -f "$merged/etc/camprint/agent.yaml" ]
in_root dpkg-query -W -f='${Conffiles}\n' camprint | grep -q /etc/camprint/agent.yaml
in_root bash /tmp/debs/package-test.sh --inside / /tmp/work
# remove keeps the collector's state, purge deletes it.
mkdir -p "$merged/var/lib/private/camprint-collector"
echo state >"$merged/var/lib/private/camprint-collector/collector.db"
in_root apt-get remove -y -qq camprint-collector >/dev/null
[ -f "$merged/var/lib/private/camprint-collector/collector.db" ] || { echo "remove deleted the state" >&2; exit 1; }
in_root apt-get purge -y -qq camprint-collector >/dev/null
[ ! -e "$merged/var/lib/private/camprint-collector" ] || { echo "purge kept the state" >&2; exit 1; }
in_root apt-get purge -y -qq camprint >/dev/null
[ ! -e "$merged/etc/camprint/agent.yaml" ] || { echo "purge kept the conffile" >&2; exit 1; }
echo "remove kept /var/lib/private/camprint-collector, purge removed it and /etc/camprint/agent.yaml"
DEBIAN
    echo "Debian 12 root: $(($(date +%s) - debian_started)) s"
fi

echo
echo "package-test: passed in $(($(date +%s) - started)) s"
