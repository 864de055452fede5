# Eén Loket - build, run and test.  See README.md.
#
#   make          release binary build/loket
#   make run      install what is missing, build, start on 127.0.0.1:8080
#   make test     install what is missing, build with ASan+UBSan, run everything
#   make bench    the server at 100,000 households under wrk (docs/performance.md)
#   make fuzz     the libFuzzer harnesses for FUZZ_SECONDS each (tests/fuzz/README.md)
#   make screens  screenshots of the main screens at 1280 and 390 px in build/screens/ (docs/ui.md)
#   make clean

CC      ?= cc
PKGS    := libmicrohttpd sqlite3 jansson libsodium libxml-2.0 libxslt
CSTD    := -std=c17 -D_GNU_SOURCE
WARN    := -Wall -Wextra -Werror -Wshadow -Wstrict-prototypes -Wmissing-prototypes -Wno-unused-parameter
INC     := -Iinclude -Ibuild/gen

# pkg-config is evaluated lazily: on a fresh machine the -dev packages are
# installed by the deps step before the first compile.
PKG_CFLAGS = $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
PKG_LIBS   = $(shell pkg-config --libs $(PKGS) 2>/dev/null) -lpthread -lm

RELEASE_FLAGS := -O2 -g -fstack-protector-strong -D_FORTIFY_SOURCE=2
# The release build allocates with mimalloc (first on the link line, so it
# replaces malloc for SQLite and Jansson too): a page builds thousands of
# small JSON values, and glibc's malloc made up 14% of a household page's
# CPU (docs/performance.md).  Not in the sanitizer build: ASan brings its own.
RELEASE_LIBS  := -Wl,--no-as-needed -lmimalloc -Wl,--as-needed
SAN_FLAGS     := -O1 -g -fno-omit-frame-pointer -fsanitize=address,undefined -fno-sanitize-recover=undefined

SRC      := $(wildcard src/*.c src/db/*.c src/handlers/*.c)
LIB_SRC  := $(filter-out src/main.c,$(SRC))
MIGRATIONS := $(sort $(wildcard migrations/*.sql))
GEN      := build/gen/migrations_data.c

REL_OBJ  := $(patsubst %.c,build/rel/%.o,$(LIB_SRC) $(GEN))
SAN_OBJ  := $(patsubst %.c,build/san/%.o,$(LIB_SRC) $(GEN))
TEST_SRC := $(wildcard tests/test_*.c)
TEST_BIN := $(patsubst tests/%.c,build/san/tests/%,$(TEST_SRC))
TEST_SUPPORT := $(filter-out $(TEST_SRC),$(wildcard tests/*.c))

.PHONY: all run test bench fuzz screens deps deps-test deps-fuzz deps-bench static clean
# Keep object files that pattern rules produce on the way to test programs.
.SECONDARY:

all: build/loket

# --- dependencies -----------------------------------------------------------
# Installs missing Debian and npm packages (needs root on a fresh machine).
deps:
	@sh tools/deps.sh build
deps-test:
	@sh tools/deps.sh test
deps-fuzz:
	@sh tools/deps.sh fuzz
deps-bench:
	@sh tools/deps.sh bench

# --- generated sources ------------------------------------------------------
$(GEN): $(MIGRATIONS) tools/embed-migrations.sh
	@mkdir -p $(dir $@)
	sh tools/embed-migrations.sh $(MIGRATIONS) > $@.tmp && mv $@.tmp $@

# --- release build ----------------------------------------------------------
build/rel/%.o: %.c $(wildcard include/*.h)
	@mkdir -p $(dir $@)
	$(CC) $(CSTD) $(WARN) $(RELEASE_FLAGS) $(INC) $(PKG_CFLAGS) -c $< -o $@

build/loket: $(REL_OBJ) build/rel/src/main.o
	$(CC) $(RELEASE_FLAGS) -o $@ $(RELEASE_LIBS) $^ $(PKG_LIBS)

# --- sanitizer build for tests ----------------------------------------------
build/san/%.o: %.c $(wildcard include/*.h) $(wildcard tests/*.h)
	@mkdir -p $(dir $@)
	$(CC) $(CSTD) $(WARN) $(SAN_FLAGS) $(INC) $(PKG_CFLAGS) -c $< -o $@

build/san/loket: $(SAN_OBJ) build/san/src/main.o
	$(CC) $(SAN_FLAGS) -o $@ $^ $(PKG_LIBS)

build/san/tests/%: build/san/tests/%.o $(SAN_OBJ) $(patsubst %.c,build/san/%.o,$(TEST_SUPPORT))
	@mkdir -p $(dir $@)
	$(CC) $(SAN_FLAGS) -o $@ $^ $(PKG_LIBS)

# --- fuzzing (tests/fuzz/README.md) ---------------------------------------
# The harnesses' corpus is replayed by `make test` through a plain main()
# (replay.c) in the sanitizer build; `make fuzz` builds them with clang's
# libFuzzer and runs each for FUZZ_SECONDS.
FUZZ_NAMES   := http json form tpl bericht
FUZZ_SUPPORT := tests/fuzz/fuzz_server.c
FUZZ_HDRS    := $(wildcard tests/fuzz/*.h)
FUZZ_REPLAY  := $(patsubst %,build/san/fuzz/replay_%,$(FUZZ_NAMES))
FUZZ_BIN     := $(patsubst %,build/fuzz/fuzz_%,$(FUZZ_NAMES))
FUZZ_CC      ?= clang
FUZZ_SECONDS ?= 60
FUZZ_FLAGS   := -O1 -g -fno-omit-frame-pointer -fsanitize=address,undefined -fno-sanitize-recover=undefined
FUZZ_OBJ     := $(patsubst %.c,build/fuzz/%.o,$(LIB_SRC) $(GEN) $(FUZZ_SUPPORT))

build/san/fuzz/replay_%: tests/fuzz/fuzz_%.c tests/fuzz/replay.c $(FUZZ_SUPPORT) $(FUZZ_HDRS) $(SAN_OBJ)
	@mkdir -p $(dir $@)
	$(CC) $(CSTD) $(WARN) $(SAN_FLAGS) $(INC) -Itests/fuzz $(PKG_CFLAGS) -o $@ \
		tests/fuzz/fuzz_$*.c tests/fuzz/replay.c $(FUZZ_SUPPORT) $(SAN_OBJ) $(PKG_LIBS)

build/fuzz/%.o: %.c $(wildcard include/*.h) $(FUZZ_HDRS)
	@mkdir -p $(dir $@)
	$(FUZZ_CC) $(CSTD) $(WARN) $(FUZZ_FLAGS) -fsanitize=fuzzer-no-link $(INC) -Itests/fuzz $(PKG_CFLAGS) -c $< -o $@

build/fuzz/fuzz_%: tests/fuzz/fuzz_%.c $(FUZZ_OBJ)
	$(FUZZ_CC) $(CSTD) $(WARN) $(FUZZ_FLAGS) -fsanitize=fuzzer $(INC) -Itests/fuzz $(PKG_CFLAGS) -o $@ \
		$< $(FUZZ_OBJ) $(PKG_LIBS)

# --- benchmark (docs/performance.md) -----------------------------------------
bench: deps-bench
	@$(MAKE) --no-print-directory build/loket static
	@sh tools/bench.sh

fuzz: deps-fuzz
	@$(MAKE) --no-print-directory $(FUZZ_BIN) static
	@sh tools/fuzz.sh $(FUZZ_SECONDS) $(FUZZ_NAMES)

# --- static assets (NL Design System CSS from npm) --------------------------
static: 
	@sh tools/copy-static.sh

# --- screenshots for a person to look at (docs/ui.md) -----------------------
screens: deps-test
	@$(MAKE) --no-print-directory build/loket static
	@node tools/screens.mjs

# --- the two commands -------------------------------------------------------
run: deps
	@$(MAKE) --no-print-directory build/loket static
	LOKET_ISTANDAARDEN=$${LOKET_ISTANDAARDEN:-../shared/conformance/istandaarden} ./build/loket serve --demo $(RUN_ARGS)

test: deps-test
	@$(MAKE) --no-print-directory build/san/loket build/loket $(TEST_BIN) $(FUZZ_REPLAY) static
	@sh tests/run.sh

clean:
	rm -rf build
