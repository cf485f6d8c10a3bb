#!/bin/sh
# Runs every unit-test binary, every fixture file and the end-to-end tests
# of each build folder given (default: build), prints a total per folder
# when there are several, and ends with the one closing line
# "N passed, N failed" over all of them.  Usage: tests/run.sh [BUILD_DIR...]
cd "$(dirname "$0")/.." || exit 2
[ $# -gt 0 ] || set -- build
first=$1
# Sanitizer builds (make check) read these; other builds ignore them.
ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=0}
UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1}
export ASAN_OPTIONS UBSAN_OPTIONS
log=$(mktemp)
all=$(mktemp)
. tests/pg.sh
trap 'pg_stop; rm -f "$log" "$all"' EXIT
trap 'exit 2' INT TERM
# The store tests run against SQLite and, when a throw-away server can be
# started here, PostgreSQL (tests/pg.sh); they say why when it cannot.
if pg_start; then
    SITREP_TEST_PG=$PG_URL
    # The fault tests restart it (tests/unit/test_store_faults.c).
    SITREP_TEST_PG_DIR=$PG_DIR SITREP_TEST_PG_BIN=$PG_BIN SITREP_TEST_PG_USER=$PG_USER
    export SITREP_TEST_PG SITREP_TEST_PG_DIR SITREP_TEST_PG_BIN SITREP_TEST_PG_USER
else
    SITREP_TEST_PG_SKIP=$PG_SKIP
    export SITREP_TEST_PG_SKIP
fi
total() {
    awk '/[0-9]+ passed, [0-9]+ failed/ {
            for (i = 1; i <= NF; i++) { if ($(i+1) ~ /^passed/) p += $i; if ($(i+1) ~ /^failed/) f += $i }
         }
         END { printf "%d passed, %d failed\n", p, f }' "$1"
}
status=0
gaz=${SITREP_GAZETTEER:-}
for B in "$@"; do
    : >"$log"
    # The geo tests read the gazetteer this build made, else the plain
    # build's (the sanitizer build makes none: the file is the same); absent,
    # they skip.
    unset SITREP_GAZETTEER
    for g in "$B/gazetteer.bin" "$first/gazetteer.bin" build/gazetteer.bin; do
        [ -n "$gaz" ] && g=$gaz
        # (one the sanitizer build left from before it stopped making its
        # own, older than the plain build's, is of an older format)
        [ -z "$gaz" ] && [ "$g" = "$B/gazetteer.bin" ] && [ "$B" != "$first" ] &&
            [ "$g" -ot "$first/gazetteer.bin" ] && continue
        if [ -n "$gaz" ] || [ -f "$g" ]; then
            SITREP_GAZETTEER=$g
            export SITREP_GAZETTEER
            break
        fi
    done
    for t in "$B"/tests/test_*; do
        [ -x "$t" ] || continue
        "$t" >>"$log" || status=1
    done
    "$B"/sitrep-fixtures tests/fixtures/*.txt >>"$log" || status=1
    sh tests/stream.sh "$B" >>"$log" 2>&1 || status=1
    # Each fuzz target over its seed corpus (tests/fuzz/replay.c): a
    # target that crashes prints no count of its own.
    for t in "$B"/fuzz/fuzz_*; do
        [ -x "$t" ] || continue
        corpus=tests/fuzz/corpus/${t##*/fuzz_}
        [ -d "$corpus" ] || continue
        out=$("$t" "$corpus" 2>&1)
        rc=$?
        printf '%s\n' "$out" >>"$log"
        if [ $rc -ne 0 ]; then
            status=1
            printf '%s\n' "$out" | grep -q 'passed, [0-9]* failed' ||
                echo "${t##*/} crashed on $corpus (exit $rc): 0 passed, 1 failed" >>"$log"
        fi
    done
    # The page, bad requests and load figures: the plain build only.  (A
    # sanitizer build left from before may hold a gazetteer of an older
    # format, which the page would be served from.)
    if [ "$B" = "$first" ]; then
        sh tests/e2e/run.sh "$B" >>"$log" 2>&1 || status=1
    fi
    cat "$log"
    cat "$log" >>"$all"
    [ $# -gt 1 ] && echo "($B) $(total "$log")"
done
total "$all"
exit $status
