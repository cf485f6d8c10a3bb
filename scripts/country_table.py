"""Readers shared by the build scripts that join Debian iso-codes with
data/dict/countries.tsv (gen-countries.py, gen-iso2.py)."""
import json
import sys


def read_iso(path, prog):
    """The ISO 3166-1 entries of iso-codes' JSON file."""
    try:
        with open(path, encoding="utf-8") as f:
            return json.load(f)["3166-1"]
    except OSError as e:
        sys.exit("%s: %s (install iso-codes: scripts/setup.sh)" % (prog, e))


def read_rows(path):
    """(line number, first five columns) of each row of countries.tsv."""
    with open(path, encoding="utf-8") as f:
        for lineno, line in enumerate(f, 1):
            if line.startswith("#") or not line.strip():
                continue
            cols = line.rstrip("\n").split("\t")
            if len(cols) < 5:
                sys.exit("%s:%d: want 5 tab-separated columns" % (path, lineno))
            yield lineno, cols[:5]
