#!/bin/sh
# The event store benchmark: ingest throughput at -j 1 and -j 2, store size
# per 1,000 events, and the latency of a one-month, one-country aggregate
# on a store of about a million events, on SQLite and on PostgreSQL; then
# the kill test at a larger size.  Usage: sh bench/store.sh [BUILD_DIR]
# (`make bench-store`).  See bench/README.md.
#
# Environment:
#   SHARED=DIR          the shared evaluation folder (default: ../shared)
#   STORE_DOCS=N        documents in the corpus (100000)
#   STORE_QUERY_RUNS=N  runs of the aggregate query; the median is kept (21)
#   STORE_BACKENDS=...  "sqlite postgresql" (default), or one of them
#   STORE_CRASH_COPIES=N  copies of the samples in the kill test (25)
#   STORE_FAULT_ROUNDS=N  each store fault injected N times as often as in
#                       make test (10)
#   STORE_PARTS=...     "ingest kill faults" (default), or some of them
#
# Wall-clock rates depend on what else the machine runs; the "cpu" lines
# (from ingest --stats) do not: CPU time per document, the writer's share
# of it, and the speed-up that share allows on idle cores.
set -u
B=${1:-build}
cd "$(dirname "$0")/.." || exit 2
BIN=$B/sitrep
SHARED=${SHARED:-../shared}
DOCS=${STORE_DOCS:-100000}
QRUNS=${STORE_QUERY_RUNS:-21}
BACKENDS=${STORE_BACKENDS:-sqlite postgresql}
FAKES=$SHARED/eval/data/fakes/articles.jsonl

if [ ! -x "$BIN" ]; then
    echo "bench: no $BIN; build it first (make all)" >&2
    exit 2
fi
PARTS=${STORE_PARTS:-ingest kill faults}
case " $PARTS " in *" ingest "*) ;; *) BACKENDS= ;; esac
if [ -n "$BACKENDS" ] && [ ! -r "$FAKES" ]; then
    echo "skipped: the store benchmark needs $FAKES (../shared is absent)"
    exit 0
fi
TMP=$(mktemp -d "${TMPDIR:-/tmp}/sitrep-store-bench.XXXXXX") || exit 2
. tests/pg.sh
trap 'pg_stop; rm -rf "$TMP"' EXIT
trap 'exit 2' INT TERM

cpu=$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo 2>/dev/null | head -n 1)
echo "sitrep store bench: $("$BIN" --version), $B; ${cpu:-unknown CPU}, $(getconf _NPROCESSORS_ONLN) cores; load $(cut -d' ' -f1-3 /proc/loadavg); $(date -u '+%Y-%m-%d %H:%M UTC')"
CORPUS=$TMP/corpus.jsonl
if [ -n "$BACKENDS" ]; then
    python3 bench/store-corpus.py "$FAKES" "$DOCS" "$CORPUS" || exit 1
    echo "corpus: FA-KES articles repeated to $DOCS documents ($(wc -c <"$CORPUS" | tr -d ' ') bytes; bench/store-corpus.py)"
fi

# ingest URL J [OPTIONS]: one ingest from empty; prints the --stats lines.
ingest() {
    url=$1 j=$2
    shift 2
    "$BIN" ingest --reset --stats -j "$j" --db "$url" "$@" "$CORPUS" 2>"$TMP/ingest.err" >/dev/null
    rc=$?
    if [ $rc -ne 0 ]; then
        echo "bench: ingest failed ($rc):" >&2
        tail -n 5 "$TMP/ingest.err" >&2
        return 1
    fi
    grep '^sitrep ingest' "$TMP/ingest.err"
}

bench_backend() {
    name=$1 url=$2
    echo
    echo "== $name"
    for j in 1 2; do
        load=$(cut -d' ' -f1 /proc/loadavg)
        ingest "$url" "$j" --no-near-copies >/dev/null || return 1
        dps=$(awk '/documents\/s/ { for (i = 1; i <= NF; i++) if ($i == "documents/s,") print $(i - 1) }' "$TMP/ingest.err")
        secs=$(awk '/ s, .*documents\/s/ { print $3 }' "$TMP/ingest.err")
        eval "dps$j=\$dps"
        echo "  ingest -j $j: $dps documents/s ($secs s for $DOCS documents, every one coded and stored; load $load at the start)"
        sed -n 's/^sitrep ingest: cpu /    cpu /p' "$TMP/ingest.err"
    done
    awk -v a="$dps1" -v b="$dps2" 'BEGIN { if (a > 0) printf "  -j 2 speed-up, wall clock: %.2fx\n", b / a }'
    line=$(grep 'store ' "$TMP/ingest.err")
    events=$(echo "$line" | sed -n 's/.* \([0-9]*\) events,.*/\1/p')
    mentions=$(echo "$line" | sed -n 's/.* \([0-9]*\) mentions,.*/\1/p')
    bytes=$(echo "$line" | sed -n 's/.* \([0-9]*\) bytes$/\1/p')
    echo "  store: $events events, $mentions mentions, $bytes bytes"
    awk -v b="$bytes" -v e="$events" 'BEGIN { if (e > 0) printf "  size: %.0f bytes per 1,000 events (%.1f MB per 1,000 events; documents, text, places, counts and indexes included)\n", b / e * 1000, b / e * 1000 / 1e6 }'
    # The month of one country with the most events: the hardest case.
    "$BIN" query --db "$url" --country SY --by month --format csv >"$TMP/months.csv" 2>/dev/null
    month=$(awk -F, 'NR > 1 && $1 != "" && $2 > m { m = $2; p = $1 } END { print p }' "$TMP/months.csv")
    n=$(awk -F, -v p="$month" '$1 == p { print $2 }' "$TMP/months.csv")
    i=0
    : >"$TMP/times"
    while [ $i -lt "$QRUNS" ]; do
        i=$((i + 1))
        "$BIN" query --db "$url" --country SY --from "$month" --to "$month" --by day --format json \
            --time 2>&1 >/dev/null | sed -n 's/^sitrep query: \([0-9.]*\) ms$/\1/p' >>"$TMP/times"
    done
    sort -n "$TMP/times" | awk -v m="$month" -v n="$n" -v runs="$QRUNS" '
        { t[NR] = $1 } END { printf "  query: one month (%s), one country (SY, %d events), by day: median %.1f ms, fastest %.1f ms, slowest %.1f ms (%d runs, in process)\n", m, n, t[int((NR + 1) / 2)], t[1], t[NR], runs }'
    # The duplicate path: near copies linked instead of coded.
    ingest "$url" 2 >/dev/null || return 1
    dps=$(awk '/documents\/s/ { for (i = 1; i <= NF; i++) if ($i == "documents/s,") print $(i - 1) }' "$TMP/ingest.err")
    copies=$(sed -n 's/.*(\([0-9]*\) exact, \([0-9]*\) near).*/\1 exact, \2 near/p' "$TMP/ingest.err")
    echo "  ingest -j 2 with near copies linked (the default): $dps documents/s; copies linked: $copies"
}

for be in $BACKENDS; do
    case $be in
        sqlite) bench_backend SQLite "$TMP/store.db" ;;
        postgresql)
            # A local server with PostgreSQL's own (durable) settings.
            if PG_DURABLE=1 pg_start; then
                bench_backend "PostgreSQL ($("$PG_BIN/postgres" --version | sed 's/.*) //'), local server, Unix socket" "$PG_URL"
                pg_stop
            else
                echo
                echo "== PostgreSQL: skipped: $PG_SKIP"
            fi ;;
    esac
done

# The kill test, larger than in make test.
if [ -x "$B/tests/test_store_cli" ] && case " $PARTS " in *" kill "*) true ;; *) false ;; esac; then
    echo
    echo "== kill test: ingest killed with SIGKILL at random points, 20 times per store"
    if pg_start; then
        SITREP_TEST_PG=$PG_URL
        export SITREP_TEST_PG
    fi
    SITREP_CRASH_COPIES=${STORE_CRASH_COPIES:-25} "$B/tests/test_store_cli" 2>&1 | grep -E 'kills|passed'
    pg_stop
fi

# The store faults (disk full, read-only, server restart), more of each
# than in make test; the server is restarted by the test, so it is told
# where it lives.
if [ -x "$B/tests/test_store_faults" ] && case " $PARTS " in *" faults "*) true ;; *) false ;; esac; then
    echo
    echo "== store faults: disk full, read-only store, PostgreSQL restart, ${STORE_FAULT_ROUNDS:-10} rounds"
    if pg_start; then
        SITREP_TEST_PG=$PG_URL SITREP_TEST_PG_DIR=$PG_DIR SITREP_TEST_PG_BIN=$PG_BIN
        SITREP_TEST_PG_USER=$PG_USER
        export SITREP_TEST_PG SITREP_TEST_PG_DIR SITREP_TEST_PG_BIN SITREP_TEST_PG_USER
    fi
    SITREP_FAULT_ROUNDS=${STORE_FAULT_ROUNDS:-10} "$B/tests/test_store_faults" 2>&1 |
        grep -E 'injected|skipped|passed'
    pg_stop
fi
