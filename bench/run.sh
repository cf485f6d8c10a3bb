#!/bin/sh
# sitrep benchmarks: throughput, dictionary load time, peak memory and
# instruction counts of `sitrep code`.  Usage: sh bench/run.sh [BUILD_DIR]
# (`make bench` runs it on build/).  See bench/README.md for what each
# number means.
#
# Environment:
#   SHARED=DIR       the shared evaluation folder (default: ../shared)
#   BENCH_REPEAT=N   copies of the FA-KES articles in the timed corpus (20)
#   BENCH_RUNS=N     timed runs per measurement; the fastest is kept (3)
#   BENCH_CG_DOCS=N  articles coded under callgrind (50)
set -u
B=${1:-build}
cd "$(dirname "$0")/.." || exit 2
BIN=$B/sitrep
SHARED=${SHARED:-../shared}
REPEAT=${BENCH_REPEAT:-20}
RUNS=${BENCH_RUNS:-3}
CG_DOCS=${BENCH_CG_DOCS:-50}
FAKES=$SHARED/eval/data/fakes/articles.jsonl
PHX=$SHARED/reference/phoenix
PHX_FILES="CAMEO.2.0.txt Phoenix.Countries.actors.txt Phoenix.International.actors.txt
Phoenix.MilNonState.actors.txt Phoenix.agents.txt Phoenix.discards.txt Phoenix.IssueCoding.txt"

if [ ! -x "$BIN" ]; then
    echo "bench: no $BIN; build it first (make all)" >&2
    exit 2
fi
TMP=$(mktemp -d "${TMPDIR:-/tmp}/sitrep-bench.XXXXXX") || exit 2
trap 'rm -rf "$TMP"' EXIT INT TERM

TIME=
if [ -x /usr/bin/time ] && /usr/bin/time -f %M true >/dev/null 2>&1; then
    TIME=/usr/bin/time
fi

# ---- machine -----------------------------------------------------------------
cpu=$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo 2>/dev/null | head -n 1)
ncpu=$(getconf _NPROCESSORS_ONLN 2>/dev/null || echo '?')
cc=$(${CC:-cc} --version 2>/dev/null | head -n 1)
echo "sitrep bench: $("$BIN" --version), $B"
echo "machine: ${cpu:-unknown CPU}, $ncpu cores; compiler: ${cc:-unknown}; $(date -u '+%Y-%m-%d %H:%M UTC')"
[ -n "$TIME" ] || echo "note: /usr/bin/time (Debian package \"time\") is missing: peak RSS not measured"

# run_once OUT_PREFIX ARGS...: runs `sitrep code --stats ARGS` once; leaves
# OUT_PREFIX.err (stderr) and OUT_PREFIX.res ("peak-RSS-KB user-s sys-s",
# or empty without /usr/bin/time).
run_once() {
    p=$1
    shift
    if [ -n "$TIME" ]; then
        "$TIME" -f '%M %U %S' -o "$p.res" "$BIN" code --stats "$@" >/dev/null 2>"$p.err"
    else
        : >"$p.res"
        "$BIN" code --stats "$@" >/dev/null 2>"$p.err"
    fi
    rc=$?
    if [ $rc -ne 0 ] && [ $rc -ne 1 ]; then
        echo "bench: sitrep code failed ($rc):" >&2
        grep -v '^sitrep: warning' "$p.err" | tail -n 5 >&2
        return 1
    fi
    return 0
}

# best NAME ARGS...: the fastest (wall time) of RUNS runs; sets best_s (wall
# seconds, from --stats), best_cpu (user + sys seconds of that run, or 0),
# best_docs, best_sent, best_rss (KB, the largest seen, or 0).
best() {
    name=$1
    shift
    best_s='' best_cpu=0 best_docs='' best_sent='' best_rss=0
    i=0
    while [ $i -lt "$RUNS" ]; do
        i=$((i + 1))
        run_once "$TMP/$name" "$@" || return 1
        # --stats: "sitrep: N documents coded, R rejected; S sentences, ..."
        #          "sitrep: T s, ..."
        # shellcheck disable=SC2046  # four numbers, split on purpose
        set -- $(awk '/ documents coded, / { d = $2; s = $7 } / s, [0-9]+ documents\/s/ { t = $2 }
                      END { print t, d, s }' "$TMP/$name.err") \
            $(tail -n 1 "$TMP/$name.res" 2>/dev/null | awk 'NF == 3 { print $1, $2 + $3 }') \
            -- "$@"
        t=$1 d=$2 sn=$3
        shift 3
        rss=0 cpu=0
        if [ "$1" != -- ]; then
            rss=$1 cpu=$2
            shift 2
        fi
        shift
        if [ -z "$best_s" ] || awk "BEGIN { exit !($t < $best_s) }"; then
            best_s=$t best_cpu=$cpu best_docs=$d best_sent=$sn
        fi
        [ "$rss" -gt "$best_rss" ] && best_rss=$rss
    done
    return 0
}

# row LABEL WALL_S CPU_S DOCS SENTENCES BYTES RSS_KB: rates use wall time.
row() {
    awk -v l="$1" -v t="$2" -v c="$3" -v d="$4" -v s="$5" -v b="$6" -v r="$7" 'BEGIN {
        if (t <= 0) t = 1e-9
        rs = r > 0 ? sprintf("%6.1f MB", r / 1024) : "     n/a"
        cs = c > 0 ? sprintf("%7.3f", c) : "    n/a"
        printf "  %-38s %7.3f %s %8.0f %12.0f %7.2f   %s\n", l, t, cs, d / t, s / t, b / 1e6 / t, rs
    }'
}

header() {
    printf "  %-38s %7s %7s %8s %12s %7s   %s\n" "$1" "wall s" "cpu s" "docs/s" "sentences/s" \
        "MB/s" "peak RSS"
}

if [ ! -r "$FAKES" ]; then
    echo "skipped: throughput, load time and callgrind need $FAKES (../shared is absent)"
    exit 0
fi

# ---- corpus --------------------------------------------------------------------
CORPUS=$TMP/corpus.jsonl
i=0
while [ $i -lt "$REPEAT" ]; do
    cat "$FAKES"
    i=$((i + 1))
done >"$CORPUS"
BYTES=$(wc -c <"$CORPUS" | tr -d ' ')
ONE=$TMP/one.jsonl
echo '{"id": "one", "text": "Troops stormed the Barzeh district on Sunday."}' >"$ONE"
echo "corpus: FA-KES articles x$REPEAT ($BYTES bytes); fastest of $RUNS runs; MB/s counts the input file"
echo

DICTS=
have_phx=1
for f in $PHX_FILES; do
    if [ -r "$PHX/$f" ]; then
        DICTS="$DICTS --dict $PHX/$f"
    else
        have_phx=0
    fi
done

header "sitrep code"
best text "$CORPUS" || exit 1
row "text stage only (no --dict)" "$best_s" "$best_cpu" "$best_docs" "$best_sent" "$BYTES" "$best_rss"

if [ $have_phx -eq 0 ]; then
    echo "  skipped: Phoenix dictionaries not found under $PHX"
else
    # shellcheck disable=SC2086  # DICTS is a list of words by design
    best load $DICTS "$ONE" || exit 1
    load_s=$best_s load_cpu=$best_cpu load_rss=$best_rss
    # shellcheck disable=SC2086
    best phx $DICTS "$CORPUS" || exit 1
    phx_s=$best_s phx_cpu=$best_cpu phx_docs=$best_docs phx_sent=$best_sent phx_rss=$best_rss
    row "Phoenix dictionaries, load included" "$phx_s" "$phx_cpu" "$phx_docs" "$phx_sent" "$BYTES" \
        "$phx_rss"
    code_s=$(awk -v a="$phx_s" -v b="$load_s" 'BEGIN { printf "%.3f", a - b }')
    code_cpu=$(awk -v a="$phx_cpu" -v b="$load_cpu" 'BEGIN { printf "%.3f", (a > 0 ? a - b : 0) }')
    row "Phoenix dictionaries, load excluded" "$code_s" "$code_cpu" "$phx_docs" "$phx_sent" \
        "$BYTES" "$phx_rss"
    nwarn=$(grep -c '^sitrep: warning' "$TMP/load.err")
    awk -v t="$load_s" -v r="$load_rss" -v w="$nwarn" 'BEGIN {
        rs = r > 0 ? sprintf("%.1f MB", r / 1024) : "n/a"
        printf "  %-38s %7.3f  (1-line input; peak RSS %s; %d dictionary warnings)\n",
               "Phoenix dictionary load", t, rs, w }'

    # ---- threads ---------------------------------------------------------------
    if "$BIN" code -j 2 "$ONE" >/dev/null 2>"$TMP/j.err"; then
        j1=$phx_s
        # shellcheck disable=SC2086
        best j2 -j 2 $DICTS "$CORPUS" || exit 1
        row "Phoenix dictionaries, -j 2, load incl" "$best_s" "$best_cpu" "$best_docs" "$best_sent" "$BYTES" "$best_rss"
        awk -v a="$j1" -v b="$best_s" -v l="$load_s" 'BEGIN {
            printf "  -j 2 speed-up: %.2fx with load, %.2fx without\n", a / b, (a - l) / (b - l) }'
    elif grep -q "unknown option '-j'" "$TMP/j.err"; then
        echo "  -j 2: not yet supported (sitrep code rejects -j)"
    else
        echo "  -j 2: sitrep code -j 2 failed:"
        sed 's/^/    /' "$TMP/j.err" | head -n 3
    fi
fi

# A single-threaded run that got much less CPU than wall time shared the
# machine: its wall-time rates are pessimistic (instruction counts are not).
if [ -n "$TIME" ] && [ $have_phx -eq 1 ]; then
    awk -v t="$phx_s" -v c="$phx_cpu" -v cc="$code_cpu" -v s="$phx_sent" 'BEGIN {
        if (c > 0 && c < 0.85 * t && cc > 0)
            printf "  note: busy machine (cpu time %.0f%% of wall): by cpu time, %.0f sentences/s load excluded\n",
                   100 * c / t, s / cc }'
fi

# ---- stages, in process ----------------------------------------------------
# `sitrep bench` times each stage on documents held in memory: the coder's
# own speed (text, parse, coding; the figure TABARI and PETRARCH are
# compared on) apart from input, facts, places and output.
echo
echo "stages in process (sitrep bench: one core, input read first, load excluded):"
if [ $have_phx -eq 1 ]; then
    echo "  full Phoenix dictionaries:"
    # shellcheck disable=SC2086
    "$BIN" bench --min-seconds 2 $DICTS "$FAKES" 2>/dev/null | sed 's/^/  /'
fi
echo "  built-in dictionaries:"
"$BIN" bench --min-seconds 2 "$FAKES" 2>/dev/null | sed 's/^/  /'

# ---- instruction counts ------------------------------------------------------
echo
if ! command -v valgrind >/dev/null 2>&1; then
    echo "skipped: instruction counts need valgrind (Debian package \"valgrind\")"
    exit 0
fi
if [ $have_phx -eq 0 ]; then
    echo "skipped: instruction counts need the Phoenix dictionaries"
    exit 0
fi
head -n "$CG_DOCS" "$FAKES" >"$TMP/cg.jsonl"
# cg OUT_PREFIX INPUT: total Ir of one `sitrep code` run under callgrind.
cg() {
    # shellcheck disable=SC2086
    valgrind --tool=callgrind --callgrind-out-file="$1.out" "$BIN" code --stats $DICTS "$2" \
        >/dev/null 2>"$1.err"
    sed -n 's/^==[0-9]*== Collected : //p' "$1.err" | tail -n 1
}
ir_all=$(cg "$TMP/cg" "$TMP/cg.jsonl")
ir_load=$(cg "$TMP/cg1" "$ONE")
cg_sent=$(awk '/ documents coded, / { print $7 }' "$TMP/cg.err")
if [ -z "$ir_all" ] || [ -z "$ir_load" ]; then
    echo "callgrind: no instruction count (see valgrind's output):"
    tail -n 5 "$TMP/cg.err"
    exit 1
fi
awk -v a="$ir_all" -v l="$ir_load" -v n="$CG_DOCS" -v s="$cg_sent" 'BEGIN {
    printf "callgrind, first %d FA-KES articles (%d sentences), Phoenix dictionaries:\n", n, s
    printf "  total Ir %15.0f\n", a
    printf "  load Ir  %15.0f  (1-line input)\n", l
    per = s > 0 ? (a - l) / s : 0
    printf "  code Ir  %15.0f  (%.0f Ir per sentence)\n", a - l, per
}'
