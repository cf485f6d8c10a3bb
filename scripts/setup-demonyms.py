#!/usr/bin/env python3
"""Installs the demonym source of the built-in country actors into
.deps/dict/: the npm package world-countries (pinned, sha512-checked,
ODbL 1.0), of which countries.json and LICENSE are kept.  Idempotent.

When the npm registry cannot be reached the build goes on with the
project's own demonyms (data/geo/demonyms.tsv, data/dict/countries.tsv)
and this script says so; it never fails the set-up."""
import hashlib
import io
import os
import sys
import tarfile
import urllib.request

PKG, VERSION = "world-countries", "5.1.0"
SHA512 = ("09747a101bd36c0ac39430c8594de07ca6fb424d1c93658d676df86ff034bee7"
          "9c3f321fcf3c47f8ee848e7be0d6c4fc5ee8998d5973387d21d3c66d68eee0d3")
DEST = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".deps", "dict")


def main():
    done = os.path.join(DEST, ".installed-%s-%s" % (PKG, VERSION))
    if os.path.exists(done):
        return 0
    url = "https://registry.npmjs.org/%s/-/%s-%s.tgz" % (PKG, PKG, VERSION)
    try:
        data = urllib.request.urlopen(url, timeout=60).read()
    except OSError as e:
        print("setup-demonyms: cannot fetch %s (%s); using the project's own demonyms" % (url, e),
              file=sys.stderr)
        return 0
    got = hashlib.sha512(data).hexdigest()
    if got != SHA512:
        print("setup-demonyms: %s: sha512 %s, want %s; not installed" % (url, got, SHA512),
              file=sys.stderr)
        return 0
    os.makedirs(DEST, exist_ok=True)
    with tarfile.open(fileobj=io.BytesIO(data)) as t:
        for member, name in (("package/countries.json", "world-countries.json"),
                             ("package/LICENSE", "world-countries.LICENSE")):
            with open(os.path.join(DEST, name + ".tmp"), "wb") as f:
                f.write(t.extractfile(member).read())
            os.replace(os.path.join(DEST, name + ".tmp"), os.path.join(DEST, name))
    open(done, "w").close()
    print("setup-demonyms: installed %s %s into .deps/dict/" % (PKG, VERSION))
    return 0


if __name__ == "__main__":
    sys.exit(main())
