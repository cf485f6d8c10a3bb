#!/bin/sh
# Runs every unit-test binary and every fixture file of each build folder
# given (default: build), prints a total per folder, and ends with the one
# closing line "N passed, N failed" over all of them.
# Usage: tests/run.sh [BUILD_DIR...]
cd "$(dirname "$0")/.." || exit 2
[ $# -gt 0 ] || set -- build
# Sanitizer builds read these; other builds ignore them.
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=0}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1}
log=$(mktemp)
all=$(mktemp)
trap 'rm -f "$log" "$all"' EXIT
status=0
total() {
    awk '/[0-9]+ passed, [0-9]+ failed/ {
            for (i = 1; i <= NF; i++) { if ($(i+1) ~ /^passed/) p += $i; if ($(i+1) ~ /^failed/) f += $i }
         }
         END { printf "%d passed, %d failed\n", p, f }' "$1"
}
for B in "$@"; do
    : >"$log"
    for t in "$B"/tests/test_*; do
        [ -x "$t" ] || continue
        "$t" >>"$log" || status=1
    done
    "$B"/sitrep-fixtures tests/fixtures/*.txt >>"$log" || status=1
    cat "$log"
    cat "$log" >>"$all"
    [ $# -gt 1 ] && echo "($B) $(total "$log")"
done
total "$all"
exit $status
