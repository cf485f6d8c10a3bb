#!/bin/sh
# Issue 10's giant inputs, measured: a 100 MB document between two small
# ones, and 100,000 tiny documents, through `sitrep code` with the built-in
# dictionaries, with and without places.  Prints wall and CPU time, peak
# RSS and exit status, and checks that every document came out (the small
# ones around the giant one included).  tests/fixtures/giant.txt runs the
# same shapes in `make test` with time and memory limits; this script
# gives the figures, on real news text when ../shared is there.
# Usage: sh bench/giant.sh [BUILD_DIR]  (`make bench-giant`).
#
# Environment:
#   SHARED=DIR        the shared evaluation folder (default: ../shared)
#   GIANT_MB=N        size of the one document in MB (100)
#   GIANT_TINY=N      number of tiny documents (100000)
set -u
B=${1:-build}
cd "$(dirname "$0")/.." || exit 2
BIN=$B/sitrep
SHARED=${SHARED:-../shared}
MB=${GIANT_MB:-100}
TINY=${GIANT_TINY:-100000}
FAKES=$SHARED/eval/data/fakes/articles.jsonl
if [ ! -x "$BIN" ]; then
    echo "giant: no $BIN; build it first (make all)" >&2
    exit 2
fi
if [ ! -x /usr/bin/time ] || ! command -v python3 >/dev/null 2>&1; then
    echo "giant: needs /usr/bin/time (Debian package time) and python3" >&2
    exit 2
fi
TMP=$(mktemp -d "${TMPDIR:-/tmp}/sitrep-giant.XXXXXX") || exit 2
trap 'rm -rf "$TMP"' EXIT INT TERM
load() { cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo '?'; }
echo "sitrep giant inputs: $("$BIN" --version), $B; $(date -u '+%Y-%m-%d %H:%M UTC')"
echo "load average at start: $(load)"
[ -r "$B/gazetteer.bin" ] || echo "note: no $B/gazetteer.bin (make gazetteer): 'places' runs have none"

# The long document: the FA-KES articles' texts joined by blank lines,
# repeated to MB megabytes; without ../shared, the paragraph of
# tests/fixtures/giant.txt repeated.
python3 - "$FAKES" "$MB" "$TMP/long.jsonl" "$TINY" "$TMP/tiny.jsonl" <<'EOF'
import json, os, sys
src, mb, out, ntiny, tiny = sys.argv[1], int(sys.argv[2]), sys.argv[3], int(sys.argv[4]), sys.argv[5]
if os.path.exists(src):
    texts = [json.loads(l)['text'] for l in open(src, encoding='utf-8')]
    what = 'the FA-KES articles joined'
else:
    texts = ['The committee met on Tuesday to discuss the budget for the coming year, and '
             'members said the talks were useful. Farmers in the north expect a good harvest '
             'after the rains. Syrian troops shelled the Barzeh district of Damascus on Sunday, '
             'killing 12 civilians, the Syrian Observatory for Human Rights said.']
    what = 'a synthetic paragraph'
parts, n = [], 0
while n < mb * 1000000:
    for t in texts:
        parts.append(t)
        n += len(t.encode('utf-8')) + 2
        if n >= mb * 1000000:
            break
with open(out, 'w', encoding='utf-8') as f:
    f.write(json.dumps({'id': 'before', 'date': '2012-07-16',
                        'text': 'Syrian troops shelled Homs on Sunday.'}) + '\n')
    f.write(json.dumps({'id': 'big', 'date': '2012-07-16', 'text': '\n\n'.join(parts)}) + '\n')
    f.write(json.dumps({'id': 'after', 'date': '2012-07-16',
                        'text': 'Rebels attacked a checkpoint in Idlib.'}) + '\n')
with open(tiny, 'w', encoding='utf-8') as f:
    for i in range(ntiny):
        f.write(json.dumps({'id': 't%d' % i, 'date': '2012-07-16',
                            'text': 'Syrian troops shelled Homs.'}) + '\n')
print('long document: %s, %d paragraphs' % (what, len(parts)))
EOF
[ -s "$TMP/long.jsonl" ] || exit 2

# measure LABEL INPUT WANT_IDS [env...]: one run of `sitrep code --stats`.
measure() {
    label=$1 in=$2 want=$3
    shift 3
    t0=$(date +%s%N)
    env "$@" /usr/bin/time -f '%M %U %S %x' -o "$TMP/res" "$BIN" code --stats "$in" \
        >"$TMP/out" 2>"$TMP/err"
    t1=$(date +%s%N)
    # shellcheck disable=SC2046  # four numbers, split on purpose
    set -- $(tail -n 1 "$TMP/res")
    rss=$1 cpu=$(awk -v u="$2" -v s="$3" 'BEGIN { printf "%.1f", u + s }') rc=$4
    lines=$(wc -l <"$TMP/out" | tr -d ' ')
    ev=$(awk '/ documents coded, / { print $(NF - 1) }' "$TMP/err")
    ok=yes
    for id in $want; do
        grep -q "^{\"id\":\"$id\"" "$TMP/out" || ok="no ($id missing)"
    done
    printf '  %-34s %7.1f s wall %7s s cpu %6d MB peak RSS  exit %s  %s records, %s events; good documents coded: %s\n' \
        "$label" "$(awk -v a="$t0" -v b="$t1" 'BEGIN { print (b - a) / 1e9 }')" "$cpu" \
        $((rss / 1024)) "$rc" "$lines" "${ev:-?}" "$ok"
}

LB=$(wc -c <"$TMP/long.jsonl" | tr -d ' ')
echo
echo "one document of $((LB / 1000000)) MB between two small ones:"
measure "places" "$TMP/long.jsonl" "before big after"
measure "no places" "$TMP/long.jsonl" "before big after" SITREP_GAZETTEER=off
echo
echo "$TINY tiny documents ($(($(wc -c <"$TMP/tiny.jsonl") / 1000)) KB):"
measure "places" "$TMP/tiny.jsonl" "t0 t$((TINY - 1))"
measure "no places" "$TMP/tiny.jsonl" "t0 t$((TINY - 1))" SITREP_GAZETTEER=off
echo
echo "load average at end: $(load)"
