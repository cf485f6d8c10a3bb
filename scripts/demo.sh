#!/bin/sh
# make demo: codes the bundled sample articles and prints a summary.
set -eu
B=${1:-build}
cd "$(dirname "$0")/.."
out=$B/demo.jsonl
echo "== sitrep demo: coding data/samples/articles.jsonl (illustrative articles written for sitrep)"
"$B"/sitrep code --stats data/samples/articles.jsonl >"$out"
echo "== output: $out (one JSON object per document)"
echo "== per document: id, sentences, events, document label, primary event (source code target @ place), title"
python3 - "$out" <<'PY'
import json, sys
for line in open(sys.argv[1], encoding="utf-8"):
    d = json.loads(line)
    ev = d["events"]
    p = ev[d["primary"]] if d.get("primary") is not None else None
    def code(a):
        return (a or {}).get("code") or "-"
    prim = "-"
    if p:
        loc = (p.get("location") or {}).get("name")
        prim = "%s %s %s%s" % (code(p["source"]), p["code"], code(p["target"]), " @ " + loc if loc else "")
    print("  %-10s %3d %3d  %-24s %-34s %.40s" % (d["id"], len(d["sentences"]), len(ev),
                                                  d.get("acled") or "-", prim, d.get("title") or ""))
PY

# The event store: both sample files in a SQLite store (with places when
# the gazetteer is built), the Syria sample's events by day and
# governorate, and the page that serves the store.
db=$B/demo.db
echo
echo "== sitrep ingest: data/samples/*.jsonl into $db (SQLite; illustrative articles)"
"$B"/sitrep ingest --reset --db "$db" data/samples/articles.jsonl data/samples/syria-week.jsonl
echo "== events by day and governorate, Syria sample (5-10 March 2018):"
"$B"/sitrep query --db "$db" --country SY --from 2018-03-05 --to 2018-03-10 --by day --group admin1 --format table
echo "== the same store: sitrep query --db $db --help, sitrep export --db $db --format gdelt|counts|plover|csv"
echo "== the web page: start the server on the demo store with"
echo "     $B/sitrep serve --db $db"
echo "   then open http://127.0.0.1:8080/ in a browser (map, timeline, events, articles;"
echo "   Ctrl-C stops the server).  The JSON API is described in README.md."
