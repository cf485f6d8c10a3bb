#!/usr/bin/env python3
"""Writes the distinct-documents speed corpus as JSON Lines on stdout.

The speed figures of `make bench` and `score.py speed` repeat the 244
FA-KES articles, which flatters any cache that lives across documents.
This corpus has every document once: the FA-KES articles, the TR-News
texts, the CASE 2021 snippets and the PLOVER records of ../shared/eval
(757 documents with the bundled samples, 0.8 MB).

usage: python3 bench/distinct.py [SHARED_EVAL_DATA] > distinct.jsonl
"""
import csv, json, os, re, sys

here = os.path.dirname(os.path.abspath(__file__))
data = sys.argv[1] if len(sys.argv) > 1 else os.path.join(here, '..', '..', 'shared', 'eval', 'data')
out = sys.stdout
for line in open(os.path.join(data, 'fakes', 'articles.jsonl'), encoding='utf-8'):
    out.write(line)
xml = open(os.path.join(data, 'geo', 'TR-News.xml'), encoding='utf-8').read()
for m in re.finditer(r'<article docid="(\d+)">.*?<text><!\[CDATA\[(.*?)\]\]></text>', xml, re.S):
    out.write(json.dumps({'id': 'tr' + m.group(1), 'date': '2015-01-04', 'text': m.group(2)}) + '\n')
with open(os.path.join(data, 'case2021', 'task2.tsv'), encoding='utf-8') as f:
    for r in csv.DictReader(f, delimiter='\t'):
        out.write(json.dumps({'id': 'c' + r['id'], 'text': r['EventSnippet']}) + '\n')
for line in open(os.path.join(data, 'plover', 'gsr.jsonl'), encoding='utf-8'):
    d = json.loads(line)
    out.write(json.dumps({'id': d['id'], 'date': d.get('date'), 'text': d['text']}) + '\n')
for name in ('articles.jsonl', 'syria-week.jsonl'):
    for line in open(os.path.join(here, '..', 'data', 'samples', name), encoding='utf-8'):
        out.write(line)
