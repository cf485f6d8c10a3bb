#!/usr/bin/env python3
"""Writes the store benchmark's corpus: the FA-KES articles repeated to N
documents (bench/store.sh).  Copy k of an article gets the id "k-ID", a
first line "Dispatch k." and its date moved k weeks on, so that every
document is new to the store and reports of different copies do not fall
in the same days (ingest runs with --no-near-copies: the texts are near
copies of each other by design).

usage: store-corpus.py FAKES.jsonl N OUT.jsonl
"""
import datetime
import json
import sys


def main():
    src, n, out = sys.argv[1], int(sys.argv[2]), sys.argv[3]
    docs = [json.loads(line) for line in open(src, encoding="utf-8") if line.strip()]
    written = 0
    with open(out, "w", encoding="utf-8") as f:
        k = 0
        while written < n:
            for d in docs:
                if written >= n:
                    break
                c = dict(d)
                c["id"] = "%d-%s" % (k, d["id"])
                c["text"] = "Dispatch %d.\n%s" % (k, d["text"])
                if d.get("date"):
                    day = datetime.date.fromisoformat(d["date"]) + datetime.timedelta(weeks=k)
                    c["date"] = day.isoformat()
                f.write(json.dumps(c, ensure_ascii=False) + "\n")
                written += 1
            k += 1


if __name__ == "__main__":
    main()
