#!/bin/sh
# Runs every unit-test binary and every fixture file; ends with the one
# closing line "N passed, N failed".  Usage: tests/run.sh [BUILD_DIR]
B=${1:-build}
cd "$(dirname "$0")/.." || exit 2
log=$(mktemp)
. tests/pg.sh
trap 'pg_stop; rm -f "$log"' EXIT
trap 'exit 2' INT TERM
# The store tests run against SQLite and, when a throw-away server can be
# started here, PostgreSQL (tests/pg.sh); they say why when it cannot.
if pg_start; then
    SITREP_TEST_PG=$PG_URL
    export SITREP_TEST_PG
else
    SITREP_TEST_PG_SKIP=$PG_SKIP
    export SITREP_TEST_PG_SKIP
fi
status=0
# The geo tests read the gazetteer this build made (absent: they skip).
SITREP_GAZETTEER=${SITREP_GAZETTEER:-$B/gazetteer.bin}
export SITREP_GAZETTEER
for t in "$B"/tests/test_*; do
    [ -x "$t" ] || continue
    "$t" >>"$log" || status=1
done
"$B"/sitrep-fixtures tests/fixtures/*.txt >>"$log" || status=1
sh tests/e2e/run.sh "$B" >>"$log" 2>&1 || status=1
cat "$log"
awk '/[0-9]+ passed, [0-9]+ failed/ {
        for (i = 1; i <= NF; i++) { if ($(i+1) ~ /^passed/) p += $i; if ($(i+1) ~ /^failed/) f += $i }
     }
     END { printf "%d passed, %d failed\n", p, f }' "$log"
exit $status
