#!/bin/sh
# Documents read from a pipe come out as they are coded: a program that
# feeds sitrep one document at a time ("tail -f feed.jsonl | sitrep code")
# reads each result before it sends the next.  The output goes to a file,
# which sitrep otherwise writes 256 KB at a time.  Prints "stream: N
# passed, N failed".  Usage: tests/stream.sh [BUILD]
B=${1:-build}
cd "$(dirname "$0")/.." || exit 2
tmp=$(mktemp -d)
pid=
cleanup() {
    exec 3>&- 2>/dev/null
    [ -n "$pid" ] && kill "$pid" 2>/dev/null
    rm -rf "$tmp"
}
trap cleanup EXIT INT TERM
mkfifo "$tmp/in" || { echo "stream: 0 passed, 1 failed (mkfifo)"; exit 1; }
"$B"/sitrep code <"$tmp/in" >"$tmp/out" 2>"$tmp/err" &
pid=$!
exec 3>"$tmp/in"
printf '{"id": "first", "text": "Troops shelled Aleppo on Sunday."}\n' >&3
seen=0
for _ in $(seq 1 300); do
    if grep -q '"id":"first"' "$tmp/out" 2>/dev/null; then
        seen=1
        break
    fi
    sleep 0.1
done
printf '{"id": "second", "text": "Rebels attacked Homs on Monday."}\n' >&3
exec 3>&-
wait "$pid"
rc=$?
pid=
lines=$(wc -l <"$tmp/out")
if [ "$seen" = 1 ] && [ "$rc" = 0 ] && [ "$lines" = 2 ]; then
    echo "stream: 1 passed, 0 failed"
else
    echo "stream: the first document's result did not come before the second was sent (seen $seen, exit $rc, $lines lines)"
    cat "$tmp/err"
    echo "stream: 0 passed, 1 failed"
    exit 1
fi
