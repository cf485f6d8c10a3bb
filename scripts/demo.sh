#!/bin/sh
# make demo: codes the bundled sample articles and prints a summary.
set -eu
B=${1:-build}
cd "$(dirname "$0")/.."
out=$B/demo.jsonl
echo "== sitrep demo: coding data/samples/articles.jsonl (illustrative articles written for sitrep)"
"$B"/sitrep code --stats data/samples/articles.jsonl >"$out"
echo "== output: $out (one JSON object per document)"
echo "== per document: id, sentences kept, boilerplate lines dropped, title"
awk '{
    id = $0; sub(/^\{"id":"/, "", id); sub(/".*/, "", id)
    title = $0; sub(/.*"title":"/, "", title); sub(/",".*/, "", title)
    ns = gsub(/\{"start":[0-9]+,"end":[0-9]+,"text":/, "&")
    nb = gsub(/"rule":/, "&")
    printf "  %-10s %3d %2d  %.60s\n", id, ns, nb, title
}' "$out"
echo "== first document, first sentences:"
head -1 "$out" | tr '{' '\n' | grep '^"start"' | head -3 | sed 's/^/  {/'
