#!/usr/bin/env python3
"""Installs the npm packages of `sitrep serve` into .deps/web/ (git-ignored),
each pinned to a version and checked against a pinned sha512 of its
registry tarball before anything is unpacked:

  world-atlas      country shapes (TopoJSON, Natural Earth 1:50m), bundled
                   into the page
  topojson-client  TopoJSON to GeoJSON in the page
  playwright-core  drives Debian's chromium in the end-to-end test

The tarballs are fetched with `npm pack`.  Idempotent.  When the registry
cannot be reached the build goes on: the page then draws the map without
country shapes and the end-to-end test skips; this script says so and never
fails the set-up."""
import hashlib
import os
import shutil
import subprocess
import sys
import tarfile
import tempfile

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
DEST = os.path.join(ROOT, ".deps", "web")

# package, version, sha512 of the tarball, members kept (None: all) and the
# folder under .deps/web they go to.
PINS = [
    ("world-atlas", "2.0.2",
     "2177d5d2ac25297a5c933d458705d5c0a46388884e9d6b6d3ac926e42b7132c8"
     "e013f317018447589aa05cea4cf0891c3c1a179f24d4e651477186b90a11b42d",
     ["countries-50m.json", "LICENSE", "package.json"], "world-atlas"),
    ("topojson-client", "3.1.0",
     "eb4e6ec52e9b718c465f0f6a8bad97cab57a437c706e776369c866371bbc1d64"
     "ed54fc597c424df5f77f4994b5439e129f6cb44ccc8cc458ff70920da861eb2b",
     ["dist/topojson-client.min.js", "LICENSE", "package.json"], "topojson-client"),
    ("playwright-core", "1.64.1",
     "042e2cf32e9211503a435ad2c594eda3c848d4a508df15e51c6660bc6a8fe08a"
     "8f748fdae855fd1f6f480cdcfbbcaa3d976d5be8b7d8a2c49c3cbe8cdf1c720d",
     None, "node_modules/playwright-core"),
]


def install(pkg, version, sha512, keep, sub, tmp):
    done = os.path.join(DEST, sub, ".installed-%s" % version)
    if os.path.exists(done):
        return True
    if not shutil.which("npm"):
        print("setup-web: npm is missing; %s not installed" % pkg, file=sys.stderr)
        return False
    try:
        out = subprocess.run(["npm", "pack", "--silent", "%s@%s" % (pkg, version)], cwd=tmp,
                             capture_output=True, text=True, timeout=300)
    except (OSError, subprocess.TimeoutExpired) as e:
        print("setup-web: npm pack %s@%s: %s" % (pkg, version, e), file=sys.stderr)
        return False
    tgz = os.path.join(tmp, (out.stdout.strip().splitlines() or [""])[-1])
    if out.returncode != 0 or not os.path.isfile(tgz):
        print("setup-web: npm pack %s@%s failed: %s" % (pkg, version, out.stderr.strip()[-300:]),
              file=sys.stderr)
        return False
    with open(tgz, "rb") as f:
        got = hashlib.sha512(f.read()).hexdigest()
    if got != sha512:
        print("setup-web: %s@%s: sha512 %s, want %s; not installed" % (pkg, version, got, sha512),
              file=sys.stderr)
        return False
    where = os.path.join(DEST, sub)
    shutil.rmtree(where, ignore_errors=True)
    os.makedirs(where)
    with tarfile.open(tgz) as t:
        for m in t.getmembers():
            name = m.name.split("/", 1)[1] if "/" in m.name else ""
            if not m.isfile() or not name or (keep is not None and name not in keep):
                continue
            # Tar members come from a checked tarball, but a path that
            # climbs out of the folder is refused all the same.
            path = os.path.normpath(os.path.join(where, name))
            if not path.startswith(os.path.normpath(where) + os.sep):
                print("setup-web: %s: unsafe member %s skipped" % (pkg, m.name), file=sys.stderr)
                continue
            os.makedirs(os.path.dirname(path), exist_ok=True)
            with open(path, "wb") as f:
                f.write(t.extractfile(m).read())
    open(done, "w").close()
    print("setup-web: installed %s %s into .deps/web/%s" % (pkg, version, sub))
    return True


def main():
    os.makedirs(DEST, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        for pin in PINS:
            install(*pin, tmp)
    return 0


if __name__ == "__main__":
    sys.exit(main())
