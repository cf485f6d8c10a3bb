#!/bin/sh
# Documents read from a pipe come out as they are coded: a program that
# feeds sitrep one document at a time ("tail -f feed.jsonl | sitrep code")
# reads each result before it sends the next.  The output goes to a file,
# which sitrep otherwise writes 256 KB at a time; and output into a pipe.
# Prints "stream: N passed, N failed".  Usage: tests/stream.sh [BUILD]
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
passed=0 failed=0
# One thread, which codes documents in batches, and two, whose reading
# thread also writes the results.
for jobs in 1 2; do
    rm -f "$tmp/in" "$tmp/out"
    mkfifo "$tmp/in" || { echo "stream: 0 passed, 1 failed (mkfifo)"; exit 1; }
    "$B"/sitrep code -j $jobs <"$tmp/in" >"$tmp/out" 2>"$tmp/err" &
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
        passed=$((passed + 1))
    else
        echo "stream: -j $jobs: the first document's result did not come before the second was sent (seen $seen, exit $rc, $lines lines)"
        cat "$tmp/err"
        failed=$((failed + 1))
    fi
done

# Into a pipe the output is gathered too, and the pipe asked to grow to
# 1 MB (where the system allows it): the reader gets the same bytes as a
# file does, and sees the grown pipe.  The input is the bundled samples
# over and over, more than one gathered write's worth of output.
for _ in $(seq 1 12); do cat data/samples/articles.jsonl data/samples/syria-week.jsonl; done \
    | awk '{ sub(/"id": *"/, "\"id\": \"" NR "-"); print }' >"$tmp/many.jsonl"
"$B"/sitrep code "$tmp/many.jsonl" >"$tmp/file.out" 2>"$tmp/err"
"$B"/sitrep code "$tmp/many.jsonl" 2>"$tmp/err2" | python3 -c '
import fcntl, sys
data = sys.stdin.buffer.read()
sys.stdout.buffer.write(data)
sys.stderr.write("%d\n" % fcntl.fcntl(0, 1032))' >"$tmp/pipe.out" 2>"$tmp/size"
want=1048576
max=$(cat /proc/sys/fs/pipe-max-size 2>/dev/null || echo 0)
[ "$max" -lt "$want" ] && want=65536
size=$(cat "$tmp/size")
bytes=$(wc -c <"$tmp/file.out")
if [ "$bytes" -gt 262144 ] && cmp -s "$tmp/file.out" "$tmp/pipe.out" && [ "$size" -ge "$want" ]; then
    passed=$((passed + 1))
else
    echo "stream: through a pipe: $bytes bytes to a file, $(wc -c <"$tmp/pipe.out") through the pipe (cmp: $(cmp "$tmp/file.out" "$tmp/pipe.out" 2>&1)); pipe size $size, wanted $want"
    cat "$tmp/err" "$tmp/err2"
    failed=$((failed + 1))
fi
echo "stream: $passed passed, $failed failed"
[ "$failed" = 0 ]
