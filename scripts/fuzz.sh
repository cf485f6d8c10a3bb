#!/bin/sh
# Runs every libFuzzer target for SECONDS each (default 60), one after the
# other, on a working copy of its seed corpus (build-fuzz/corpus-NAME), with
# tests/fuzz/NAME.dict when there is one and the libFuzzer flags of
# tests/fuzz/NAME.flags.  Findings land in build-fuzz/findings/.  Each run
# appends a line to build-fuzz/hours.tsv (date, target, wall s, CPU s, runs,
# corpus files, result), the ledger of fuzzing time per target
# ($FUZZ_LEDGER names another file).
# Usage: scripts/fuzz.sh [SECONDS] [TARGET...]
# Run it under `nice -n 19` on a shared machine.
set -u
secs=${1:-60}
[ $# -gt 0 ] && shift
cd "$(dirname "$0")/.." || exit 2
targets=${*:-$(ls build-fuzz/ | grep '^fuzz_' | grep -v '\.')}
mkdir -p build-fuzz/findings
ledger=${FUZZ_LEDGER:-build-fuzz/hours.tsv}
[ -f "$ledger" ] || printf 'date\ttarget\twall_s\tcpu_s\truns\tcorpus\tresult\n' >"$ledger"

# CPU seconds used so far by finished children of this shell (user + sys);
# `times` runs in this shell itself, since a subshell has no such children.
tick=build-fuzz/.times.$$  # per run, so two runs side by side keep apart
child_cpu() {
    times >"$tick"
    awk 'NR == 2 {
        n = split($0, f, /[ \t]+/); s = 0
        for (i = 1; i <= n; i++) if (f[i] ~ /m/) { split(f[i], p, "m"); s += p[1] * 60 + p[2] }
        printf "%.1f", s }' "$tick"
}

status=0
for t in $targets; do
    name=${t#fuzz_}
    seeds=tests/fuzz/corpus/$name
    work=build-fuzz/corpus-$name
    mkdir -p "$work"
    [ -d "$seeds" ] && cp -n "$seeds"/* "$work"/ 2>/dev/null
    dict=
    [ -f "tests/fuzz/$name.dict" ] && dict=-dict=tests/fuzz/$name.dict
    # Extra libFuzzer flags of a target, one line (tests/fuzz/NAME.flags).
    flags=
    [ -f "tests/fuzz/$name.flags" ] && flags=$(cat "tests/fuzz/$name.flags")
    echo "fuzz $t for ${secs}s"
    child_cpu >"$tick.0"
    w0=$(date +%s)
    result=ok
    if ! build-fuzz/"$t" -max_total_time="$secs" -max_len=65536 -timeout=10 -rss_limit_mb=4096 \
        -print_final_stats=1 -artifact_prefix=build-fuzz/findings/"$name"- $dict $flags "$work" \
        >build-fuzz/"$t".log 2>&1; then
        echo "  FINDING: see build-fuzz/$t.log and build-fuzz/findings/"
        result=finding
        status=1
    fi
    child_cpu >"$tick.1"
    c0=$(cat "$tick.0") c1=$(cat "$tick.1")
    w1=$(date +%s)
    runs=$(awk '/stat::number_of_executed_units/ {print $2}' build-fuzz/"$t".log | tail -1)
    files=$(ls "$work" | wc -l)
    printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$(date -u +%Y-%m-%dT%H:%M:%SZ)" "$t" $((w1 - w0)) \
        "$(awk -v a="$c0" -v b="$c1" 'BEGIN {printf "%.0f", b - a}')" "${runs:-0}" "$files" \
        "$result" >>"$ledger"
    grep -E '^(#[0-9]+.*DONE|Done)' build-fuzz/"$t".log | tail -1
done
rm -f "$tick"
exit $status
