#!/bin/sh
# sitrep benchmarks: throughput, start-up time, peak memory, linearity,
# -j 2 scaling and instruction counts of `sitrep code`.
# Usage: sh bench/run.sh [BUILD_DIR]  (`make bench` runs it on build/).
# See bench/README.md for what each number means.
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
GAZ=$B/gazetteer.bin

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
# Wall clock in nanoseconds (GNU date); empty where date cannot say.
now_ns() {
    t=$(date +%s%N 2>/dev/null)
    case $t in *N | '') echo '' ;; *) echo "$t" ;; esac
}

# ---- machine -----------------------------------------------------------------
cpu=$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo 2>/dev/null | head -n 1)
ncpu=$(getconf _NPROCESSORS_ONLN 2>/dev/null || echo '?')
cc=$(${CC:-cc} --version 2>/dev/null | head -n 1)
load() { cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo '?'; }
echo "sitrep bench: $("$BIN" --version), $B"
echo "machine: ${cpu:-unknown CPU}, $ncpu cores; compiler: ${cc:-unknown}; $(date -u '+%Y-%m-%d %H:%M UTC')"
echo "load average at start: $(load)"
[ -n "$TIME" ] || echo "note: /usr/bin/time (Debian package \"time\") is missing: peak RSS and CPU time not measured"
have_gaz=1
if [ ! -r "$GAZ" ]; then
    have_gaz=0
    echo "note: no $GAZ (make gazetteer): the figures with places are skipped"
fi

# run_once OUT_PREFIX CMD ARGS...: runs CMD once with stdout discarded;
# leaves OUT_PREFIX.err (stderr), OUT_PREFIX.res ("peak-RSS-KB user-s
# sys-s", or empty) and OUT_PREFIX.ms (wall milliseconds, or empty).
run_once() {
    p=$1
    shift
    : >"$p.res"
    t0=$(now_ns)
    if [ -n "$TIME" ]; then
        "$TIME" -f '%M %U %S' -o "$p.res" "$@" >/dev/null 2>"$p.err"
    else
        "$@" >/dev/null 2>"$p.err"
    fi
    rc=$?
    t1=$(now_ns)
    if [ -n "$t0" ] && [ -n "$t1" ]; then
        awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.3f\n", (b - a) / 1e6 }' >"$p.ms"
    else
        : >"$p.ms"
    fi
    if [ $rc -ne 0 ] && [ $rc -ne 1 ]; then
        echo "bench: $* failed ($rc):" >&2
        grep -v '^sitrep: warning' "$p.err" | tail -n 5 >&2
        return 1
    fi
    return 0
}

# best NAME ARGS...: the fastest of RUNS runs of `sitrep code --stats ARGS`
# (whole process, wall clock); sets best_s (seconds), best_cpu (user + sys
# of that run, or 0), best_docs, best_sent, best_rss (KB, the largest
# seen, or 0).  Without a wall clock from date, --stats's time is used.
best() {
    name=$1
    shift
    best_s='' best_cpu=0 best_docs='' best_sent='' best_rss=0 best_ccpu=''
    i=0
    while [ $i -lt "$RUNS" ]; do
        i=$((i + 1))
        run_once "$TMP/$name" "$BIN" code --stats "$@" || return 1
        # --stats: "sitrep: N documents coded, R rejected; S sentences, ..."
        #          "sitrep: T s, ..."
        # shellcheck disable=SC2046  # numbers, split on purpose
        set -- "$(cat "$TMP/$name.ms")" \
            $(awk '/ documents coded, / { d = $2; s = $7 } / s, [0-9]+ documents\/s/ { t = $2 }
                   END { print t, d, s }' "$TMP/$name.err") \
            $(tail -n 1 "$TMP/$name.res" 2>/dev/null | awk 'NF == 3 { print $1, $2 + $3 }') \
            -- "$@"
        ms=$1 t=$2 d=$3 sn=$4
        shift 4
        [ -n "$ms" ] && t=$(awk -v m="$ms" 'BEGIN { printf "%.3f", m / 1000 }')
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
        # --stats: "... cpu C s, of which start-up Z s; ...": coding's own CPU time
        cc=$(awk '/; cpu / { for (k = 1; k <= NF; k++) { if ($k == "cpu") c = $(k + 1)
                                                          if ($k == "of") z = $(k + 3) } }
                  END { if (c != "") printf "%.4f", c - z }' "$TMP/$name.err")
        if [ -n "$cc" ] && { [ -z "$best_ccpu" ] || awk "BEGIN { exit !($cc < $best_ccpu) }"; }; then
            best_ccpu=$cc
        fi
    done
    return 0
}

# fastest_ms NAME CMD...: the fastest wall time of RUNS * 3 runs, in ms.
fastest_ms() {
    name=$1
    shift
    fm=''
    i=0
    while [ $i -lt $((RUNS * 3)) ]; do
        i=$((i + 1))
        run_once "$TMP/$name" "$@" || return 1
        m=$(cat "$TMP/$name.ms")
        [ -z "$m" ] && break
        if [ -z "$fm" ] || awk "BEGIN { exit !($m < $fm) }"; then fm=$m; fi
    done
    echo "${fm:-n/a}"
}

# row LABEL WALL_S CPU_S DOCS SENTENCES BYTES RSS_KB [REF_S]: rates use wall
# time; REF_S (gzip -1's time) adds the ratio to it.
row() {
    awk -v l="$1" -v t="$2" -v c="$3" -v d="$4" -v s="$5" -v b="$6" -v r="$7" -v g="${8:-0}" 'BEGIN {
        if (t <= 0) t = 1e-9
        rs = r > 0 ? sprintf("%6.1f MB", r / 1024) : "     n/a"
        cs = c > 0 ? sprintf("%7.3f", c) : "    n/a"
        gs = g > 0 ? sprintf("  %4.1fx gzip", t / g) : ""
        printf "  %-40s %7.3f %s %8.0f %12.0f %7.2f   %s%s\n", l, t, cs, d / t, s / t, b / 1e6 / t, rs, gs
    }'
}

header() {
    printf "  %-40s %7s %7s %8s %12s %7s   %s\n" "$1" "wall s" "cpu s" "docs/s" "sentences/s" \
        "MB/s" "peak RSS"
}

if [ ! -r "$FAKES" ]; then
    echo "skipped: throughput, start-up, linearity and callgrind need $FAKES (../shared is absent)"
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
GAZARG=
[ $have_gaz -eq 1 ] && GAZARG="--gazetteer $GAZ"

# gzip -1 on the same file: the yardstick of the issue's "4x gzip" bar.
gz_s=0
if command -v gzip >/dev/null 2>&1; then
    gz_ms=$(fastest_ms gzip gzip -1 -c "$CORPUS")
    gz_s=$(awk -v m="$gz_ms" 'BEGIN { printf "%.3f", m / 1000 }')
fi

header "sitrep code (whole process)"
if [ $have_gaz -eq 1 ]; then
    # shellcheck disable=SC2086  # GAZARG is a list of words by design
    best full $GAZARG "$CORPUS" || exit 1
    full_s=$best_s
    row "full: built-in dictionaries, places" "$best_s" "$best_cpu" "$best_docs" "$best_sent" \
        "$BYTES" "$best_rss" "$gz_s"
    # --stats's time by stage, of the last of those runs
    sed -n 's/^sitrep: \(time by stage\|places take\)/  \1/p' "$TMP/full.err"
fi
# SITREP_GAZETTEER=off turns places off whatever the default finds.
SITREP_GAZETTEER=off
export SITREP_GAZETTEER
best nogaz "$CORPUS" || exit 1
row "built-in dictionaries, no places" "$best_s" "$best_cpu" "$best_docs" "$best_sent" "$BYTES" \
    "$best_rss" "$gz_s"
SITREP_DICT_DIR=off
export SITREP_DICT_DIR
best text "$CORPUS" || exit 1
row "text stage only (no dictionaries)" "$best_s" "$best_cpu" "$best_docs" "$best_sent" "$BYTES" \
    "$best_rss" "$gz_s"
unset SITREP_GAZETTEER SITREP_DICT_DIR
# The corpus repeats every article, which flatters what the per-thread
# caches keep across documents: the same on distinct documents (each of
# the evaluation sets' texts once, bench/distinct.py), with and without
# places.
DISTINCT=$TMP/distinct.jsonl
if command -v python3 >/dev/null 2>&1 &&
    python3 bench/distinct.py "$SHARED/eval/data" >"$DISTINCT" 2>"$TMP/distinct.err"; then
    DBYTES=$(wc -c <"$DISTINCT" | tr -d ' ')
    if [ $have_gaz -eq 1 ]; then
        # shellcheck disable=SC2086
        best dfull $GAZARG "$DISTINCT" || exit 1
        row "distinct documents, places" "$best_s" "$best_cpu" "$best_docs" "$best_sent" \
            "$DBYTES" "$best_rss"
    fi
    SITREP_GAZETTEER=off
    export SITREP_GAZETTEER
    best dnogaz "$DISTINCT" || exit 1
    unset SITREP_GAZETTEER
    row "distinct documents, no places" "$best_s" "$best_cpu" "$best_docs" "$best_sent" \
        "$DBYTES" "$best_rss"
else
    echo "  skipped: distinct documents (bench/distinct.py: $(tail -n 1 "$TMP/distinct.err"))"
fi
[ "$gz_s" != 0 ] && printf "  %-40s %7.3f   (the 4x bar: %.3f s)\n" "gzip -1 on the same file" "$gz_s" \
    "$(awk -v g="$gz_s" 'BEGIN { print 4 * g }')"

if [ $have_phx -eq 0 ]; then
    echo "  skipped: Phoenix dictionaries not found under $PHX"
else
    # shellcheck disable=SC2086  # DICTS is a list of words by design
    best load $DICTS $GAZARG "$ONE" || exit 1
    load_s=$best_s load_cpu=$best_cpu
    # shellcheck disable=SC2086
    best phx $DICTS $GAZARG "$CORPUS" || exit 1
    phx_s=$best_s phx_cpu=$best_cpu phx_docs=$best_docs phx_sent=$best_sent phx_rss=$best_rss
    row "Phoenix dictionaries, load included" "$phx_s" "$phx_cpu" "$phx_docs" "$phx_sent" "$BYTES" \
        "$phx_rss" "$gz_s"
    code_s=$(awk -v a="$phx_s" -v b="$load_s" 'BEGIN { printf "%.3f", a - b }')
    code_cpu=$(awk -v a="$phx_cpu" -v b="$load_cpu" 'BEGIN { printf "%.3f", (a > 0 ? a - b : 0) }')
    row "Phoenix dictionaries, load excluded" "$code_s" "$code_cpu" "$phx_docs" "$phx_sent" \
        "$BYTES" "$phx_rss"
fi

# ---- threads -------------------------------------------------------------------
echo
echo "-j 2 (two threads code; reading and writing are in order on the first):"
header "sitrep code -j 2"
if [ $have_gaz -eq 1 ]; then
    # shellcheck disable=SC2086
    best j2 -j 2 $GAZARG "$CORPUS" || exit 1
    row "full, -j 2" "$best_s" "$best_cpu" "$best_docs" "$best_sent" "$BYTES" "$best_rss" "$gz_s"
    awk -v a="$full_s" -v b="$best_s" 'BEGIN { printf "  -j 2 speed-up, full pipeline: %.2fx\n", a / b }'
fi
if [ $have_phx -eq 1 ]; then
    # shellcheck disable=SC2086
    best j2p -j 2 $DICTS $GAZARG "$CORPUS" || exit 1
    row "Phoenix, -j 2, load included" "$best_s" "$best_cpu" "$best_docs" "$best_sent" "$BYTES" \
        "$best_rss"
    awk -v a="$phx_s" -v b="$best_s" -v l="$load_s" 'BEGIN {
        printf "  -j 2 speed-up, Phoenix: %.2fx with load, %.2fx without\n", a / b, (a - l) / (b - l) }'
fi

# ---- start-up ------------------------------------------------------------------
# A one-line input, so the time is process start, loading and one short
# document: the fastest of several runs, caches warm.
echo
echo "start-up (one-line input, whole process, fastest of $((RUNS * 3)); dictionary cache warm):"
"$BIN" code "$ONE" >/dev/null 2>&1
# shellcheck disable=SC2086  # DICTS and GAZARG are lists of words by design
[ $have_phx -eq 1 ] && "$BIN" code $DICTS "$ONE" >/dev/null 2>&1
startup_row() {
    ms=$(fastest_ms "$@")
    printf "  %-48s %8s ms\n" "$1" "$ms"
}
startup_row "nothing loaded" env SITREP_GAZETTEER=off SITREP_DICT_DIR=off "$BIN" code "$ONE"
startup_row "built-in dictionaries" env SITREP_GAZETTEER=off "$BIN" code "$ONE"
if [ $have_gaz -eq 1 ]; then
    # shellcheck disable=SC2086
    startup_row "gazetteer" env SITREP_DICT_DIR=off "$BIN" code $GAZARG "$ONE"
    # shellcheck disable=SC2086
    startup_row "built-in dictionaries and gazetteer" "$BIN" code $GAZARG "$ONE"
fi
printf "  %-48s %8s ms\n" "(for comparison: gzip -1 on the same input)" "$(fastest_ms gz1 gzip -1 -c "$ONE")"
# shellcheck disable=SC2086
[ $have_phx -eq 1 ] && startup_row "Phoenix dictionaries" env SITREP_GAZETTEER=off "$BIN" code $DICTS "$ONE"
if [ $have_phx -eq 1 ]; then
    nwarn=$(grep -c '^sitrep: warning' "$TMP/load.err")
    echo "  (the Phoenix set prints $nwarn dictionary warnings; they are skipped lines of its files)"
fi

# ---- linearity -----------------------------------------------------------------
# 10x the documents should take 10x the time; one long document no longer
# than the same text as separate articles.
echo
echo "linearity (full pipeline; cpu = user + sys seconds):"
SMALL=$TMP/small.jsonl
i=0
while [ $i -lt $((REPEAT / 10 > 0 ? REPEAT / 10 : 1)) ]; do
    cat "$FAKES"
    i=$((i + 1))
done >"$SMALL"
# CPU time after start-up (from --stats): wall time on a shared machine
# varies by more than the 15% asked for.
# shellcheck disable=SC2086
best small $GAZARG "$SMALL" || exit 1
small_s=$best_s small_c=$best_ccpu small_sent=$best_sent
# shellcheck disable=SC2086
best large $GAZARG "$CORPUS" || exit 1
large_s=$best_s large_c=$best_ccpu large_sent=$best_sent
awk -v a="$small_s" -v b="$large_s" -v ca="$small_c" -v cb="$large_c" -v sa="$small_sent" \
    -v sb="$large_sent" 'BEGIN {
    printf "  %d vs %d sentences (x%.1f): cpu after start-up %.3f s vs %.3f s: x%.2f (wall x%.2f)\n",
           sa, sb, sb / sa, ca, cb, (ca > 0 ? cb / ca : 0), b / a }'
if command -v python3 >/dev/null 2>&1; then
    python3 - "$CORPUS" "$TMP/long.jsonl" "$TMP/split.jsonl" <<'EOF'
import json, sys
docs = [json.loads(l) for l in open(sys.argv[1], encoding='utf-8')]
with open(sys.argv[2], 'w', encoding='utf-8') as f:
    f.write(json.dumps({'id': 'long', 'date': '2017-04-07',
                        'text': '\n\n'.join(d['text'] for d in docs)}) + '\n')
with open(sys.argv[3], 'w', encoding='utf-8') as f:
    for i, d in enumerate(docs):
        f.write(json.dumps({'id': str(i), 'date': '2017-04-07', 'text': d['text']}) + '\n')
EOF
    LB=$(wc -c <"$TMP/long.jsonl" | tr -d ' ')
    header "one document vs the same text split"
    # shellcheck disable=SC2086
    best split $GAZARG "$TMP/split.jsonl" || exit 1
    split_c=$best_ccpu
    row "$best_docs articles" "$best_s" "$best_cpu" "$best_docs" "$best_sent" "$LB" "$best_rss"
    # shellcheck disable=SC2086
    best long $GAZARG "$TMP/long.jsonl" || exit 1
    long_c=$best_ccpu
    row "one document of $((LB / 1000000)) MB" "$best_s" "$best_cpu" "$best_docs" "$best_sent" "$LB" \
        "$best_rss"
    SITREP_GAZETTEER=off
    export SITREP_GAZETTEER
    best splitn "$TMP/split.jsonl" || exit 1
    splitn_c=$best_ccpu
    row "$best_docs articles, no places" "$best_s" "$best_cpu" "$best_docs" "$best_sent" "$LB" \
        "$best_rss"
    best longn "$TMP/long.jsonl" || exit 1
    row "one document, no places" "$best_s" "$best_cpu" "$best_docs" "$best_sent" "$LB" "$best_rss"
    longn_c=$best_ccpu
    unset SITREP_GAZETTEER
    awk -v a="$split_c" -v b="$long_c" -v c="$splitn_c" -v d="$longn_c" 'BEGIN {
        printf "  one document / split, cpu after start-up: x%.2f with places, x%.2f without\n",
               b / a, d / c }'
else
    echo "  skipped: the one-document check needs python3 to build its input"
fi

# ---- stages, in process ----------------------------------------------------
# `sitrep bench` times each stage on documents held in memory: a stage's
# own cost is its time minus the text stage's.
echo
echo "stages in process (sitrep bench: one core, input read first, load excluded):"
echo "  built-in dictionaries:"
# shellcheck disable=SC2086
"$BIN" bench --min-seconds 2 $GAZARG "$FAKES" 2>/dev/null | sed 's/^/  /'
if [ $have_phx -eq 1 ]; then
    echo "  full Phoenix dictionaries:"
    # shellcheck disable=SC2086
    "$BIN" bench --min-seconds 2 $DICTS $GAZARG "$FAKES" 2>/dev/null | sed 's/^/  /'
fi
echo "load average at the end of the timed runs: $(load)"

# ---- instruction counts ------------------------------------------------------
echo
if ! command -v valgrind >/dev/null 2>&1; then
    echo "skipped: instruction counts need valgrind (Debian package \"valgrind\")"
    exit 0
fi
head -n "$CG_DOCS" "$FAKES" >"$TMP/cg.jsonl"
# cg OUT_PREFIX ARGS...: total Ir of one run of sitrep ARGS under callgrind.
cg() {
    o=$1
    shift
    valgrind --tool=callgrind --callgrind-out-file="$o.out" "$@" >/dev/null 2>"$o.err"
    sed -n 's/^==[0-9]*== Collected : //p' "$o.err" | tail -n 1
}
cg_sent=$("$BIN" code --stats "$TMP/cg.jsonl" 2>&1 >/dev/null | awk '/ documents coded, / { print $7 }')
echo "callgrind, first $CG_DOCS FA-KES articles ($cg_sent sentences), instructions (Ir):"
# Per stage: `sitrep bench` counting only its coding loop (bench_loop), so
# neither loading nor reading is in the figure.
printf "  %-44s %14s %12s\n" "stage (built-in dictionaries)" "Ir" "Ir/sentence"
text_ir=''
for st in text facts geo coder full; do
    [ $st = geo ] && [ $have_gaz -eq 0 ] && continue
    # shellcheck disable=SC2086
    ir=$(valgrind --tool=callgrind --toggle-collect=bench_loop --callgrind-out-file="$TMP/cgs.out" \
        "$BIN" bench --min-seconds 0 --stage $st $GAZARG "$TMP/cg.jsonl" 2>&1 >/dev/null |
        sed -n 's/^==[0-9]*== Collected : //p' | tail -n 1)
    [ $st = text ] && text_ir=$ir
    if [ $st = text ] || [ $st = full ]; then
        label=$st
        [ $st = full ] && label="full (facts, places, coding, label, record, JSON)"
        awk -v l="$label" -v a="$ir" -v s="$cg_sent" 'BEGIN { printf "  %-44s %14.0f %12.0f\n", l, a, a / s }'
    else
        awk -v l="$st (its own: minus text)" -v a="$ir" -v t="$text_ir" -v s="$cg_sent" 'BEGIN {
            printf "  %-44s %14.0f %12.0f\n", l, a - t, (a - t) / s }'
    fi
    eval "ir_$st=\$ir"
done
if [ $have_gaz -eq 1 ]; then
    # shellcheck disable=SC2154  # set by the eval above
    awk -v f="$ir_full" -v t="$ir_text" -v a="$ir_facts" -v g="$ir_geo" -v c="$ir_coder" -v s="$cg_sent" 'BEGIN {
        r = f - a - g - c + 2 * t
        printf "  %-44s %14.0f %12.0f\n", "label, record and JSON (full minus the rest)", r, r / s }'
fi
# The whole process, as users run it.
# shellcheck disable=SC2086
ir_all=$(cg "$TMP/cg" "$BIN" code --stats $GAZARG "$TMP/cg.jsonl")
# shellcheck disable=SC2086
ir_load=$(cg "$TMP/cg1" "$BIN" code --stats $GAZARG "$ONE")
awk -v a="$ir_all" -v l="$ir_load" -v s="$cg_sent" 'BEGIN {
    printf "  %-44s %14.0f\n", "sitrep code, whole process", a
    printf "  %-44s %14.0f\n", "  of which start-up (1-line input)", l
    printf "  %-44s %14.0f %12.0f\n", "  the rest: coding", a - l, (a - l) / s
}'
# Linearity by instructions, which a busy machine does not blur: the same
# articles ten times over, and joined into one document.
i=0
while [ $i -lt 10 ]; do
    cat "$TMP/cg.jsonl"
    i=$((i + 1))
done >"$TMP/cg10.jsonl"
# shellcheck disable=SC2086
ir_10=$(cg "$TMP/cg10" "$BIN" code --stats $GAZARG "$TMP/cg10.jsonl")
awk -v a="$ir_all" -v t="$ir_10" -v l="$ir_load" 'BEGIN {
    printf "  %-44s %14.0f  (x%.2f the coding of one copy)\n", "the same articles 10 times", t, (t - l) / (a - l) }'
# The copies above find themselves in the caches that live across
# documents, so they cost less than ten times one copy.  Without repeats:
# the distinct documents, all of them against their first tenth; their
# lengths differ, so the instructions are set against the bytes.
if [ -s "$DISTINCT" ]; then
    nd=$(wc -l <"$DISTINCT")
    head -n $((nd / 10)) "$DISTINCT" >"$TMP/d10.jsonl"
    # shellcheck disable=SC2086
    ir_d1=$(cg "$TMP/cgd1" "$BIN" code --stats $GAZARG "$TMP/d10.jsonl")
    # shellcheck disable=SC2086
    ir_da=$(cg "$TMP/cgda" "$BIN" code --stats $GAZARG "$DISTINCT")
    awk -v a="$ir_da" -v t="$ir_d1" -v l="$ir_load" -v ba="$(wc -c <"$DISTINCT")" \
        -v bt="$(wc -c <"$TMP/d10.jsonl")" -v n="$nd" -v m="$((nd / 10))" 'BEGIN {
        printf "  %-44s %14.0f  (x%.2f the coding of the first %d, x%.2f their bytes: x%.2f per byte)\n",
               "the " n " distinct documents", a, (a - l) / (t - l), m, ba / bt, ((a - l) / (t - l)) / (ba / bt) }'
fi
if command -v python3 >/dev/null 2>&1; then
    python3 - "$TMP/cg.jsonl" "$TMP/cglong.jsonl" "$TMP/cgsplit.jsonl" <<'PYEOF'
import json, sys
docs = [json.loads(l) for l in open(sys.argv[1], encoding='utf-8')]
with open(sys.argv[2], 'w', encoding='utf-8') as f:
    f.write(json.dumps({'id': 'long', 'date': '2017-04-07',
                        'text': '\n\n'.join(d['text'] for d in docs)}) + '\n')
with open(sys.argv[3], 'w', encoding='utf-8') as f:
    for i, d in enumerate(docs):
        f.write(json.dumps({'id': str(i), 'date': '2017-04-07', 'text': d['text']}) + '\n')
PYEOF
    for g in places none; do
        if [ $g = places ]; then
            [ $have_gaz -eq 1 ] || continue
            ga=$GAZARG
        else
            SITREP_GAZETTEER=off
            export SITREP_GAZETTEER
            ga=
        fi
        # shellcheck disable=SC2086
        ir_s=$(cg "$TMP/cgs1" "$BIN" code --stats $ga "$TMP/cgsplit.jsonl")
        # shellcheck disable=SC2086
        ir_l=$(cg "$TMP/cgl1" "$BIN" code --stats $ga "$TMP/cglong.jsonl")
        # shellcheck disable=SC2086
        ir_o=$(cg "$TMP/cgo1" "$BIN" code --stats $ga "$ONE")
        awk -v s="$ir_s" -v l="$ir_l" -v o="$ir_o" -v g="$g" 'BEGIN {
            printf "  %-44s %14.0f  (x%.2f the same text as articles)\n",
                   "one document of the same text, " (g == "places" ? "places" : "no places"),
                   l, (l - o) / (s - o) }'
        unset SITREP_GAZETTEER
    done
fi
if [ $have_phx -eq 1 ]; then
    # shellcheck disable=SC2086
    ir_all=$(cg "$TMP/cgp" "$BIN" code --stats $DICTS $GAZARG "$TMP/cg.jsonl")
    # shellcheck disable=SC2086
    ir_load=$(cg "$TMP/cgp1" "$BIN" code --stats $DICTS $GAZARG "$ONE")
    awk -v a="$ir_all" -v l="$ir_load" -v s="$cg_sent" 'BEGIN {
        printf "  %-44s %14.0f\n", "sitrep code, Phoenix dictionaries", a
        printf "  %-44s %14.0f\n", "  of which start-up (1-line input)", l
        printf "  %-44s %14.0f %12.0f\n", "  the rest: coding", a - l, (a - l) / s
    }'
fi
