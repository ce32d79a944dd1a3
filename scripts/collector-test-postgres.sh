#!/usr/bin/env bash
# A throwaway PostgreSQL server for the collector's storage tests, on loopback only.
#
#   eval "$(scripts/collector-test-postgres.sh start)"   # prints `export CAMPRINT_TEST_POSTGRES_URL=…`
#   swift test --filter 'CamprintStorageTests|CamprintCollectorTests'
#   scripts/collector-test-postgres.sh stop
#
# Idempotent: `start` on a running server prints the same export again; `stop` on a stopped one is a
# no-op. Installs Debian's `postgresql` package when the binaries are missing. The server runs as the
# `postgres` system user when invoked as root (PostgreSQL refuses to run as root), uses trust
# authentication on 127.0.0.1 only, and lives in $CAMPRINT_TEST_POSTGRES_DIR (default
# /tmp/camprint-test-postgres); `stop` deletes that folder. Everything else goes to stderr, so `eval`
# sees only the export line.
set -euo pipefail

DIR="${CAMPRINT_TEST_POSTGRES_DIR:-/tmp/camprint-test-postgres}"
PORT="${CAMPRINT_TEST_POSTGRES_PORT:-55432}"
DB=camprint_test
USER_NAME=camprint

log() { echo "collector-test-postgres: $*" >&2; }

find_bin() {
    local dir
    for dir in /usr/lib/postgresql/*/bin; do
        if [ -x "$dir/initdb" ]; then echo "$dir"; return 0; fi
    done
    return 1
}

ensure_installed() {
    if ! find_bin >/dev/null; then
        log "installing postgresql with apt-get"
        if [ "$(id -u)" -ne 0 ]; then log "not root: install the postgresql package first"; exit 1; fi
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >&2 \
            || { apt-get update -qq >&2 && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >&2; }
    fi
}

# Runs a command as the server's owner: the postgres user when we are root, else ourselves.
as_owner() {
    if [ "$(id -u)" -eq 0 ]; then
        runuser -u postgres -- "$@"
    else
        "$@"
    fi
}

print_export() {
    echo "export CAMPRINT_TEST_POSTGRES_URL='postgres://${USER_NAME}@127.0.0.1:${PORT}/${DB}?sslmode=disable'"
}

start() {
    ensure_installed
    local bin
    bin="$(find_bin)"
    if [ -f "$DIR/data/postmaster.pid" ] && as_owner "$bin/pg_ctl" -D "$DIR/data" status >/dev/null 2>&1; then
        log "already running on 127.0.0.1:$PORT"
        print_export
        return 0
    fi
    mkdir -p "$DIR"
    if [ "$(id -u)" -eq 0 ]; then chown postgres: "$DIR"; fi
    if [ ! -f "$DIR/data/PG_VERSION" ]; then
        as_owner "$bin/initdb" -D "$DIR/data" -U postgres --auth=trust --no-sync -E UTF8 >"$DIR/initdb.log" 2>&1 \
            || { cat "$DIR/initdb.log" >&2; exit 1; }
    fi
    # Loopback TCP only, socket in our own folder, small and fast (fsync off: test data is throwaway).
    as_owner "$bin/pg_ctl" -D "$DIR/data" -l "$DIR/server.log" -w -t 60 start \
        -o "-c listen_addresses=127.0.0.1 -p $PORT -k $DIR -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=100" \
        >&2 || { cat "$DIR/server.log" >&2; exit 1; }
    local psql="$bin/psql -h 127.0.0.1 -p $PORT -U postgres -v ON_ERROR_STOP=1 -q"
    if ! $psql -tAc "SELECT 1 FROM pg_roles WHERE rolname = '$USER_NAME'" postgres | grep -q 1; then
        $psql -c "CREATE ROLE $USER_NAME LOGIN" postgres >&2
    fi
    if ! $psql -tAc "SELECT 1 FROM pg_database WHERE datname = '$DB'" postgres | grep -q 1; then
        $psql -c "CREATE DATABASE $DB OWNER $USER_NAME" postgres >&2
    fi
    log "running on 127.0.0.1:$PORT (data in $DIR)"
    print_export
}

stop() {
    local bin
    if bin="$(find_bin)" && [ -f "$DIR/data/postmaster.pid" ]; then
        as_owner "$bin/pg_ctl" -D "$DIR/data" -m fast -w stop >&2 || true
    fi
    rm -rf "$DIR"
    log "stopped"
}

case "${1:-}" in
start) start ;;
stop) stop ;;
url) print_export ;;
*)
    echo "usage: $0 start|stop|url" >&2
    exit 2
    ;;
esac
