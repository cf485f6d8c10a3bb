#!/bin/sh
# Runs every libFuzzer target for SECONDS each (default 60), one after the
# other, on a copy of its seed corpus.  Findings land in build-fuzz/findings/.
# Usage: scripts/fuzz.sh [SECONDS] [TARGET...]
set -u
secs=${1:-60}
[ $# -gt 0 ] && shift
cd "$(dirname "$0")/.." || exit 2
targets=${*:-$(ls build-fuzz/ | grep '^fuzz_' | grep -v '\.')}
mkdir -p build-fuzz/findings
status=0
for t in $targets; do
    name=${t#fuzz_}
    seeds=tests/fuzz/corpus/$name
    work=build-fuzz/corpus-$name
    mkdir -p "$work"
    [ -d "$seeds" ] && cp -n "$seeds"/* "$work"/ 2>/dev/null
    dict=
    [ -f "tests/fuzz/$name.dict" ] && dict=-dict=tests/fuzz/$name.dict
    echo "fuzz $t for ${secs}s"
    if ! build-fuzz/"$t" -max_total_time="$secs" -max_len=65536 -timeout=10 -rss_limit_mb=4096 \
        -artifact_prefix=build-fuzz/findings/"$name"- $dict "$work" >build-fuzz/"$t".log 2>&1; then
        echo "  FINDING: see build-fuzz/$t.log and build-fuzz/findings/"
        status=1
    fi
    grep -E '^(#[0-9]+.*DONE|Done)' build-fuzz/"$t".log | tail -1
done
exit $status
