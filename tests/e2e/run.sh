#!/bin/sh
# The end-to-end tests of `sitrep serve`: ingests the demo articles (as make
# demo does: data/samples/articles.jsonl and syria-week.jsonl) into a
# fresh SQLite store and starts the server on a free loopback port, then
#  - drives the page in Debian's chromium (tests/e2e/page.mjs; screenshots
#    land in BUILD/e2e/page.png and page-code.png),
#  - sends malformed requests and checks their 4xx replies
#    (tests/e2e/badrequests.py),
#  - loads the aggregate endpoints with wrk for a few seconds and requires
#    at least $SERVE_MIN_RPS (2000) requests/s with no errors, with 32
#    connections and again with 200 open at once (each a slow client
#    would be dropped for: the guard must leave busy clients alone).
# A part whose tool is missing (node, chromium, playwright-core, wrk) or a
# missing gazetteer skips with a note.  Each part prints "NAME: N passed,
# N failed".  Usage: tests/e2e/run.sh [BUILD]
B=${1:-build}
cd "$(dirname "$0")/../.." || exit 2
skip() { echo "e2e: skipped: $1"; exit 0; }
[ -f "$B/gazetteer.bin" ] || skip "no gazetteer (make gazetteer)"

tmp=$(mktemp -d)
pid=
cleanup() {
    [ -n "$pid" ] && kill "$pid" 2>/dev/null && wait "$pid" 2>/dev/null
    rm -rf "$tmp"
}
trap cleanup EXIT INT TERM
SITREP_GAZETTEER=$B/gazetteer.bin "$B"/sitrep ingest --db "$tmp/demo.db" data/samples/articles.jsonl data/samples/syria-week.jsonl \
    >"$tmp/ingest.log" 2>&1 || { cat "$tmp/ingest.log"; echo "e2e: 0 passed, 1 failed"; exit 1; }
: >"$tmp/serve.log"
"$B"/sitrep serve --db "$tmp/demo.db" --listen 127.0.0.1:0 2>"$tmp/serve.log" &
pid=$!
url=
for _ in $(seq 1 100); do
    url=$(sed -n 's/.*listening on \(http:[^ ]*\).*/\1/p' "$tmp/serve.log")
    [ -n "$url" ] && break
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.1
done
if [ -z "$url" ]; then
    cat "$tmp/serve.log"
    echo "e2e: 0 passed, 1 failed"
    exit 1
fi
status=0
addr=${url#http://}
addr=${addr%/}

CHROMIUM=$(command -v chromium || command -v chromium-browser || true)
if ! command -v node >/dev/null 2>&1; then
    echo "e2e: skipped: node is missing"
elif [ -z "$CHROMIUM" ]; then
    echo "e2e: skipped: chromium is missing (scripts/setup.sh installs it)"
elif [ ! -f .deps/web/node_modules/playwright-core/package.json ]; then
    echo "e2e: skipped: playwright-core is missing (scripts/setup-web.py installs it)"
else
    mkdir -p "$B/e2e"
    timeout 120 node tests/e2e/page.mjs "$url" "$B/e2e/page.png" "$CHROMIUM" || status=1
fi

python3 tests/e2e/badrequests.py "$addr" || status=1

MIN=${SERVE_MIN_RPS:-2000}
if command -v wrk >/dev/null 2>&1; then
    # Warm the cache, then measure.
    wrk -t1 -c1 -d1s -s tests/e2e/load.lua "$url" >/dev/null 2>&1
    wrk -t2 -c32 -d3s -s tests/e2e/load.lua "$url" >"$tmp/wrk.log" 2>&1
    wrk -t2 -c200 -d4s -s tests/e2e/load.lua "$url" >"$tmp/wrk200.log" 2>&1
    for run in 32:wrk.log 200:wrk200.log; do
        n=${run%%:*} log=$tmp/${run#*:}
        rps=$(awk '/^Requests\/sec:/ {printf "%d", $2}' "$log")
        total=$(awk '/requests in/ {print $1}' "$log")
        bad=$(awk '/Non-2xx or 3xx responses:/ {print $NF}' "$log")
        sock=$(sed -n 's/.*Socket errors: //p' "$log")
        echo "load: ${rps:-0} requests/s on cached aggregates, ${total:-0} requests (wrk -t2 -c$n; non-2xx: ${bad:-0}; socket errors: ${sock:-none})"
        if [ "${rps:-0}" -ge "$MIN" ] && [ -z "$bad" ] && [ -z "$sock" ]; then
            echo "load: 1 passed, 0 failed"
        else
            cat "$log"
            echo "load: 0 passed, 1 failed"
            status=1
        fi
    done
else
    echo "load: skipped: wrk is missing (scripts/setup.sh installs it)"
fi
exit $status
