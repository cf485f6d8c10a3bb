# A throw-away PostgreSQL server for the store tests, sourced by
# tests/run.sh:  pg_start && export SITREP_TEST_PG="$PG_URL";  pg_stop.
#
# The server runs from a temporary folder, listens on a Unix socket in that
# folder only (no TCP port), trusts its one user, and is removed by pg_stop
# (run it from a trap so a failed run removes it too).  PostgreSQL refuses
# to run as root: under root it runs as the "postgres" system user (made by
# the postgresql-15 package that scripts/setup.sh installs), else "nobody".
# pg_start returns 1 with the reason in PG_SKIP when it cannot start.
# PG_DIR, PG_BIN and PG_USER (the server's user when started by root)
# let a test restart the server: pg_ctl -D $PG_DIR/data restart.

PG_DIR=
PG_RUN=
PG_URL=
PG_SKIP=
PG_USER=
PG_BIN=${PG_BIN:-}

pg_find_bin() {
    [ -n "$PG_BIN" ] && return 0
    for d in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -t/ -k5 -n -r); do
        if [ -x "$d/initdb" ] && [ -x "$d/pg_ctl" ]; then
            PG_BIN=$d
            return 0
        fi
    done
    d=$(command -v pg_ctl 2>/dev/null) && PG_BIN=$(dirname "$d") && [ -x "$PG_BIN/initdb" ]
}

pg_start() {
    if ! pg_find_bin; then
        PG_SKIP="PostgreSQL server programs (initdb, pg_ctl) not found; scripts/setup.sh installs postgresql-15"
        return 1
    fi
    PG_DIR=$(mktemp -d "${TMPDIR:-/tmp}/sitrep-pg.XXXXXX") || {
        PG_SKIP="cannot make a temporary folder"
        return 1
    }
    PG_RUN=
    if [ "$(id -u)" = 0 ]; then
        user=nobody
        id postgres >/dev/null 2>&1 && user=postgres
        chown "$user" "$PG_DIR" || {
            PG_SKIP="cannot hand $PG_DIR to user $user"
            pg_stop
            return 1
        }
        PG_USER=$user
        if command -v runuser >/dev/null 2>&1; then
            PG_RUN="runuser -u $user --"
        else
            PG_RUN="su -s /bin/sh $user -c"
        fi
    fi
    # The server's own durability (fsync) is off for the tests: only the
    # client is killed, never the server, and the data is thrown away.
    # PG_DURABLE=1 (the benchmarks) keeps PostgreSQL's defaults.
    fast="-c fsync=off -c synchronous_commit=off -c full_page_writes=off"
    [ "${PG_DURABLE:-0}" = 1 ] && fast=
    if ! pg_as "$PG_BIN/initdb" -D "$PG_DIR/data" -U sitrep --auth=trust --no-locale -E UTF8 \
            >"$PG_DIR/initdb.log" 2>&1; then
        PG_SKIP="initdb failed: $(tail -n 1 "$PG_DIR/initdb.log")"
        pg_stop
        return 1
    fi
    if ! pg_as "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -l "$PG_DIR/server.log" -w -t 60 \
            -o "-c listen_addresses= -k $PG_DIR $fast ${PG_OPTIONS:-}" \
            start >"$PG_DIR/pg_ctl.log" 2>&1; then
        PG_SKIP="the server did not start: $(tail -n 1 "$PG_DIR/server.log" 2>/dev/null)"
        pg_stop
        return 1
    fi
    PG_URL="postgresql:///postgres?host=$PG_DIR&user=sitrep"
    return 0
}

# Runs a command as the server's user.
pg_as() {
    if [ -z "$PG_RUN" ]; then
        "$@"
    elif [ "${PG_RUN#su }" != "$PG_RUN" ]; then
        # su takes one command line: quote each word.
        cmd=
        for a in "$@"; do
            cmd="$cmd '$(printf '%s' "$a" | sed "s/'/'\\\\''/g")'"
        done
        $PG_RUN "$cmd"
    else
        $PG_RUN "$@"
    fi
}

pg_stop() {
    [ -n "$PG_DIR" ] || return 0
    if [ -f "$PG_DIR/data/postmaster.pid" ]; then
        pg_as "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -m immediate -w stop >/dev/null 2>&1
    fi
    rm -rf "$PG_DIR"
    PG_DIR=
}
