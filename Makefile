# dialtop: terminal console for outbound voice-AI call campaigns.
#
# Modules are found by wildcard so that adding a file never means editing
# this Makefile:
#   api/*.c api/providers/*.c csv/*.c -> libcore.a (model, provider descriptions, drivers,
#                                          transport, import)
#   tui/*.c cli/*.c hooks/*.c  -> libui.a     (console, headless commands, webhook receiver)
#   sim/*.c                    -> libsim.a    (dialtop-sim request handling)
#   tests/support/*.c          -> libsupport.a (test helpers: start the sim, ...)
#   cli/main.c, sim/main.c     -> the two program entry points
#   tests/unit/test_*.c        -> one cmocka binary each, no server
#   tests/integration/test_*.c -> one cmocka binary each, talks HTTP to dialtop-sim
#   tests/e2e/test_*.sh        -> real binary in tmux
#   tests/fuzz/fuzz_*.c        -> libFuzzer targets (clang)
#   bench/bench_*.c            -> benchmarks, built and run by `make bench` only

PREFIX  ?= /usr/local
DESTDIR ?=
BUILD   ?= build
CC      ?= cc
VERSION := 0.1.0

# Debian packages, one per library: "pkg-config-name:debian-package".
LIB_DEPS  := ncursesw:libncurses-dev libcurl:libcurl4-openssl-dev \
             libcjson:libcjson-dev libmicrohttpd:libmicrohttpd-dev \
             libpcre2-8:libpcre2-dev protobuf-lite:libprotobuf-dev \
             sqlite3:libsqlite3-dev
TEST_DEPS := cmocka:libcmocka-dev
# Everything `make deps` and CI install (libcsv has no pkg-config file).
DEB_PACKAGES := build-essential pkg-config libncurses-dev libcurl4-openssl-dev \
                libcjson-dev libcsv-dev libmicrohttpd-dev libcmocka-dev tmux \
                clang python3 ncurses-term wrk curl procps tzdata groff-base \
                libclang-rt-14-dev libphonenumber-dev libicu-dev libabsl-dev libprotobuf-dev \
                libpcre2-dev python3-phonenumbers \
                strace time libsqlite3-dev zsh fish
# Only `make screenshots` needs these (a terminal emulator under a virtual
# X server, and ImageMagick to capture it); it installs what is missing.
SCREENSHOT_PACKAGES := xvfb xterm imagemagick x11-utils fonts-dejavu-core

PKGS     := ncursesw libcurl libcjson libmicrohttpd sqlite3
# ncursesw's .pc adds -D_XOPEN_SOURCE=600; we choose our own feature level.
PKG_CFLAGS := $(filter-out -D_XOPEN_SOURCE=% -D_DEFAULT_SOURCE,$(shell pkg-config --cflags $(PKGS) 2>/dev/null))
# The programs do not link libcurl nor libmicrohttpd: api/curl_lazy.c
# loads libcurl (and the 20 libraries it brings) on the first network call,
# api/mhd_lazy.c libmicrohttpd (and its 10) when a server starts, so an
# offline command maps neither; -ldl for dlopen on a glibc older than 2.34.
# The tests and benchmarks that are libcurl clients or libmicrohttpd
# servers themselves link them (CURL_LIBS, MHD_LIBS).
PHONE_SHARED := -lphonenumber -lprotobuf-lite
PKG_LIBS   := $(shell pkg-config --libs $(filter-out libcurl libmicrohttpd,$(PKGS)) 2>/dev/null) -lcsv -lpthread -lm \
              $(PHONE_SHARED) -lpcre2-8 -lstdc++ -ldl
# dialtop itself links libphonenumber and what it brings (protobuf-lite,
# ICU with its data, abseil) from their static archives: as shared
# libraries they are 13 of dialtop's 27 and about half its start-up (the
# loader resolving their symbols: 13.7 -> 7.6 ms for `dialtop --version`,
# 11.6 -> 6.5 MB), which is a third of a 100,000-row import. The cost: a
# 37 MB binary (30 MB of it ICU's data, mapped, read only where used) and
# numbering-plan or security updates of those libraries reach dialtop when
# it is rebuilt, not when they are upgraded. PHONE_LINK=shared links them
# shared (what a distribution package would do). The tests, benchmarks and
# dialtop-sim link them shared either way.
PHONE_LINK ?= static
MULTIARCH_LIBDIR     := /usr/lib/$(shell gcc -print-multiarch 2>/dev/null)
# every abseil archive, in one group: libphonenumber's needs among them
# change with its version, and the linker takes only what is used
ABSL_A     := $(patsubst $(MULTIARCH_LIBDIR)/lib%.a,-l%,$(wildcard $(MULTIARCH_LIBDIR)/libabsl_*.a))
PHONE_STATIC := -Wl,-Bstatic -lphonenumber -lprotobuf-lite -licui18n -licuuc -licudata \
                -Wl,--start-group $(ABSL_A) -Wl,--end-group -Wl,-Bdynamic
ifeq ($(PHONE_LINK),static)
  DIALTOP_LIBS := $(subst $(PHONE_SHARED),$(PHONE_STATIC),$(PKG_LIBS))
else
  DIALTOP_LIBS := $(PKG_LIBS)
endif
CURL_LIBS  := $(shell pkg-config --libs libcurl 2>/dev/null)
MHD_LIBS   := $(shell pkg-config --libs libmicrohttpd 2>/dev/null)
CMOCKA_LIBS := $(shell pkg-config --libs cmocka 2>/dev/null)

OPT      ?= -O2 -g
SAN_FLAGS :=
ifeq ($(SAN),1)
  OPT       := -O1 -g
  SAN_FLAGS := -fsanitize=address,undefined -fno-omit-frame-pointer \
               -fno-sanitize-recover=undefined
endif
# CI (CI=true in the environment) turns every warning into an error.
WERROR   ?= $(CI)
WARN     := -Wall -Wextra -Wpedantic $(if $(WERROR),-Werror)
CPPFLAGS := -D_XOPEN_SOURCE=700 -D_DEFAULT_SOURCE -DDIALTOP_VERSION=\"$(VERSION)\" \
            -Iapi -Icsv -Itui -Icli -Isim -Ihooks -Itests/support
ALL_CFLAGS := -std=c11 $(WARN) $(OPT) $(SAN_FLAGS) $(CPPFLAGS) $(PKG_CFLAGS) -MMD -MP $(CFLAGS)
ALL_LDFLAGS := $(SAN_FLAGS) $(LDFLAGS)

CORE_SRC    := $(wildcard api/*.c api/providers/*.c csv/*.c)
# C++ only around a C++ library: csv/phonelib.cc and csv/phonefast.cc (libphonenumber).
CORE_CXX    := $(wildcard csv/*.cc)
UI_SRC      := $(filter-out cli/main.c,$(wildcard tui/*.c cli/*.c hooks/*.c))
SIM_SRC     := $(filter-out sim/main.c,$(wildcard sim/*.c))
SUPPORT_SRC := $(wildcard tests/support/*.c)
UNIT_SRC    := $(wildcard tests/unit/test_*.c)
INT_SRC     := $(wildcard tests/integration/test_*.c)
FUZZ_SRC    := $(wildcard tests/fuzz/fuzz_*.c)
BENCH_SRC   := $(wildcard bench/bench_*.c)

obj = $(patsubst %.c,$(BUILD)/%.o,$(1))
CORE_LIB    := $(BUILD)/libcore.a
UI_LIB      := $(BUILD)/libui.a
SIM_LIB     := $(BUILD)/libsim.a
SUPPORT_LIB := $(BUILD)/libsupport.a
TEST_LIBS   := $(SUPPORT_LIB) $(SIM_LIB) $(UI_LIB) $(CORE_LIB)

UNIT_BINS  := $(patsubst tests/unit/%.c,$(BUILD)/t/%,$(UNIT_SRC))
INT_BINS   := $(patsubst tests/integration/%.c,$(BUILD)/t/%,$(INT_SRC))
BENCH_BINS := $(patsubst bench/%.c,$(BUILD)/b/%,$(BENCH_SRC))

# Every rule is ours: no built-in implicit rules to search.
MAKEFLAGS += --no-builtin-rules
# Keep what a pattern chain makes on the way (a test's object and binary),
# so a rerun relinks nothing. Named, never `.SECONDARY:` with no list: that
# makes every file intermediate, and a library's new source older than the
# archive was then never compiled.
.SECONDARY: $(call obj,$(UNIT_SRC) $(INT_SRC) $(BENCH_SRC)) $(UNIT_BINS) $(INT_BINS) $(BENCH_BINS)
.PHONY: all check-deps check-test-deps deps test unit asan fuzz bench install \
        uninstall clean demo print-packages screenshots
all: $(BUILD)/dialtop $(BUILD)/dialtop-sim

# One line naming the Debian package instead of a wall of compiler errors.
check-deps:
	@for d in $(LIB_DEPS); do \
	  pkg-config --exists $${d%%:*} 2>/dev/null || { \
	    echo "dialtop: missing library $${d%%:*}: run 'make deps' (or apt-get install $${d#*:})"; exit 1; }; \
	done
	@printf '#include <csv.h>\n' | $(CC) -E -x c - >/dev/null 2>&1 || { \
	  echo "dialtop: missing library libcsv: run 'make deps' (or apt-get install libcsv-dev)"; exit 1; }
	@printf '#include <phonenumbers/phonenumberutil.h>\n' | $(CXX) -E -x c++ - >/dev/null 2>&1 || { \
	  echo "dialtop: missing library libphonenumber: run 'make deps' (or apt-get install libphonenumber-dev)"; exit 1; }
ifeq ($(PHONE_LINK),static)
	@for a in phonenumber:libphonenumber-dev protobuf-lite:libprotobuf-dev icuuc:libicu-dev \
	          icudata:libicu-dev absl_hash:libabsl-dev; do \
	  [ -n "$$($(CC) -print-file-name=lib$${a%%:*}.a | grep /)" ] || { \
	    echo "dialtop: missing lib$${a%%:*}.a (dialtop links it statically): run 'make deps' (or apt-get install $${a#*:}, or build with PHONE_LINK=shared)"; exit 1; }; \
	done
endif

check-test-deps: check-deps
	@for d in $(TEST_DEPS); do \
	  pkg-config --exists $${d%%:*} 2>/dev/null || { \
	    echo "dialtop: missing test library $${d%%:*}: run 'make deps' (or apt-get install $${d#*:})"; exit 1; }; \
	done
	@command -v tmux >/dev/null || { echo "dialtop: missing tmux (terminal tests): run 'make deps' (or apt-get install tmux)"; exit 1; }

print-packages:
	@echo $(DEB_PACKAGES)

# Installs only what is missing. Root runs apt-get directly; others go through sudo.
deps:
	@missing=""; for p in $(DEB_PACKAGES); do \
	  dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q 'ok installed' || missing="$$missing $$p"; \
	done; \
	if [ -z "$$missing" ]; then echo "deps: all Debian packages present"; exit 0; fi; \
	echo "deps: installing$$missing"; \
	if [ "$$(id -u)" = 0 ]; then SUDO=""; \
	elif command -v sudo >/dev/null; then SUDO="sudo"; echo "deps: not root, using sudo"; \
	else echo "deps: need root or sudo to install:$$missing"; exit 1; fi; \
	$$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq $$missing

$(BUILD)/%.o: %.c | check-deps
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -c $< -o $@

$(BUILD)/%.o: %.cc | check-deps
	@mkdir -p $(dir $@)
	$(CXX) -std=c++17 $(WARN) $(OPT) $(SAN_FLAGS) $(CPPFLAGS) -MMD -MP $(CXXFLAGS) -c $< -o $@

$(CORE_LIB): $(call obj,$(CORE_SRC)) $(patsubst %.cc,$(BUILD)/%.o,$(CORE_CXX))
$(UI_LIB): $(call obj,$(UI_SRC))
$(SIM_LIB): $(call obj,$(SIM_SRC))
$(SUPPORT_LIB): $(call obj,$(SUPPORT_SRC))
$(BUILD)/%.a:
	@mkdir -p $(dir $@)
	@rm -f $@
	ar rcs $@ $^

$(BUILD)/dialtop: $(call obj,cli/main.c) $(UI_LIB) $(CORE_LIB)
	$(CC) $(ALL_LDFLAGS) -o $@ $^ $(DIALTOP_LIBS)

# The sim reads its options through the CLI's option tables (cli/cli_opts.c).
$(BUILD)/dialtop-sim: $(call obj,sim/main.c cli/cli_opts.c) $(SIM_LIB) $(CORE_LIB)
	$(CC) $(ALL_LDFLAGS) -o $@ $^ $(PKG_LIBS)

$(BUILD)/t/%: $(BUILD)/tests/unit/%.o $(TEST_LIBS) | check-test-deps
	@mkdir -p $(dir $@)
	$(CC) $(ALL_LDFLAGS) -o $@ $^ $(PKG_LIBS) $(CURL_LIBS) $(MHD_LIBS) $(CMOCKA_LIBS)

$(BUILD)/t/%: $(BUILD)/tests/integration/%.o $(TEST_LIBS) | check-test-deps
	@mkdir -p $(dir $@)
	$(CC) $(ALL_LDFLAGS) -o $@ $^ $(PKG_LIBS) $(CURL_LIBS) $(MHD_LIBS) $(CMOCKA_LIBS)

# test_sync_list makes the console's row store fail on demand (sync.c's
# failure path), through the linker instead of a hook in the program.
$(BUILD)/t/test_sync_list: ALL_LDFLAGS += -Wl,--wrap=camprows_replace_source

$(BUILD)/b/%: $(BUILD)/bench/%.o $(TEST_LIBS)
	@mkdir -p $(dir $@)
	$(CC) $(ALL_LDFLAGS) -o $@ $^ $(PKG_LIBS) $(CURL_LIBS) $(MHD_LIBS)

# The whole suite: unit, integration against dialtop-sim, terminal tests in
# tmux, and a bounded fuzz run. Every test is a make target that writes a
# result file ($(RES)/KIND/NAME.res, by tests/run_one.sh), so the tests run
# in parallel; tests/tally.sh prints the closing "tests: N passed, N failed".
# `make test` uses every core by itself; under `make -jN` it uses the
# jobserver it is given. -k: a test or build that fails never stops the others.
RES       := $(BUILD)/results
FUZZ_BUILD := build-fuzz
E2E_SRC   := $(wildcard tests/e2e/test_*.sh)
CMOCKA_RES = $(patsubst $(BUILD)/t/%,$(RES)/t/%.res,$(UNIT_BINS) $(INT_BINS))
UNIT_RES   = $(patsubst $(BUILD)/t/%,$(RES)/t/%.res,$(UNIT_BINS))
E2E_RES    = $(if $(filter 1,$(SKIP_E2E)),,$(patsubst tests/e2e/%.sh,$(RES)/e2e/%.res,$(E2E_SRC)))
FUZZ_RES   = $(if $(filter 1,$(SKIP_FUZZ)),,$(patsubst tests/fuzz/%.c,$(RES)/fuzz/%.res,$(FUZZ_SRC)))
TEST_RES   = $(CMOCKA_RES) $(E2E_RES) $(FUZZ_RES)
# The tests start longest first, by the wall times of the last run (kept by
# tests/tally.sh in TEST_TIMES), so under -jN the long ones (mostly waits
# on a poll interval or a timeout) start at once and the short ones fill the
# other slots, instead of one long test running alone at the end. A test
# with no time yet (new, or a first run) starts first of all.
TEST_TIMES = $(BUILD)/test-times
longest_first = $(if $(wildcard $(TEST_TIMES)),$(shell printf '%s\n' $(1) | \
  awk 'NR == FNR { t[$$2] = $$1; next } { print ($$1 in t ? t[$$1] : 1e9), NR, $$1 }' \
  $(TEST_TIMES) - | sort -k1,1gr -k2,2n | cut -d' ' -f3),$(1))
# The fuzz targets' run in `make test`: a smoke run, the seed corpus
# replayed in full and then FUZZ_RUNS mutated inputs. A count, not a time:
# the same work however loaded the machine (a one-second budget did a
# tenth as much under load, and cost 2.3 s a target with start-up), so the
# suite stays short; the real campaign is `make fuzz` (FUZZ_LONG_SECONDS
# each, which sets FUZZ_SECONDS instead).
FUZZ_RUNS ?= 2000
FUZZ_LONG_SECONDS ?= 60
# Without a jobserver from the caller, run as many tests as there are cores.
TEST_JOBS  = case "$$MAKEFLAGS" in *jobserver*) j="";; *) j="-j$$(nproc)";; esac

# Two phases, each timed: build every program first (so no test runs, and
# times out, beside a compiler), then run the tests.
# The benchmarks are built too (not run): `make bench` is outside the suite,
# and a bench that no longer compiles would otherwise go unseen.
TEST_PROGS = all $(UNIT_BINS) $(INT_BINS) $(BENCH_BINS) $(if $(filter 1,$(SKIP_FUZZ)),,$(FUZZ_BINS))
test: | check-test-deps
	@rm -rf $(RES); mkdir -p $(RES)
	@t0=$$(date +%s); $(TEST_JOBS); \
	  $(MAKE) --no-print-directory -k $$j test-programs >$(BUILD)/test-build.log 2>&1 || \
	  { grep -E 'error:|undefined reference|\*\*\*' $(BUILD)/test-build.log | head -n 40; }; \
	  t1=$$(date +%s); \
	  $(MAKE) --no-print-directory -k $$j test-results >>$(BUILD)/test-build.log 2>&1 || \
	  { grep -E 'error:|undefined reference|\*\*\*' $(BUILD)/test-build.log | head -n 40; }; \
	  t2=$$(date +%s); \
	  echo "build $$((t1 - t0)) s, tests $$((t2 - t1)) s (wall)" >$(RES)/phases
	@TALLY_TIMES=$(TEST_TIMES) sh tests/tally.sh $(TEST_RES); rc=$$?; cat $(RES)/phases; exit $$rc

unit: | check-test-deps
	@rm -rf $(RES); mkdir -p $(RES)
	@$(TEST_JOBS); $(MAKE) --no-print-directory -k $$j SKIP_E2E=1 SKIP_FUZZ=1 unit-results >$(BUILD)/test-build.log 2>&1 || \
	  { grep -E 'error:|undefined reference|\*\*\*' $(BUILD)/test-build.log | head -n 40; }
	@sh tests/tally.sh $(UNIT_RES)

.PHONY: test-programs test-results unit-results
test-programs: $(TEST_PROGS)
# (no times yet, as on a fresh CI machine: the terminal tests first, they are
# the long ones)
test-results: $(call longest_first,$(E2E_RES) $(FUZZ_RES) $(CMOCKA_RES))
unit-results: $(UNIT_RES)

$(RES)/t/%.res: $(BUILD)/t/% all
	@BUILD=$(BUILD) sh tests/run_one.sh cmocka $< $@
$(RES)/e2e/%.res: tests/e2e/%.sh all
	@BUILD=$(BUILD) E2E_WAIT_SCALE=$(if $(filter 1,$(SAN)),4,1) sh tests/run_one.sh e2e $< $@
$(RES)/fuzz/%.res: $(FUZZ_BUILD)/%
	@BUILD=$(BUILD) FUZZ_SECONDS=$(FUZZ_SECONDS) FUZZ_RUNS=$(FUZZ_RUNS) sh tests/run_one.sh fuzz $< $@

# The whole suite again under AddressSanitizer + UndefinedBehaviorSanitizer,
# in its own build directory so the two builds never mix objects.
asan:
	$(MAKE) BUILD=build-asan SAN=1 SKIP_FUZZ=1 test

# libFuzzer targets: clang only. The core library is compiled once with the
# fuzzer's instrumentation (build-fuzz/libcore.a) and every target links it.
FUZZ_CFLAGS := -g -O1 -fsanitize=address,undefined $(CPPFLAGS) $(PKG_CFLAGS) -std=c11 -MMD -MP
FUZZ_BINS  := $(patsubst tests/fuzz/%.c,$(FUZZ_BUILD)/%,$(FUZZ_SRC))
FUZZ_LIB   := $(FUZZ_BUILD)/libcore.a
.SECONDARY: $(FUZZ_BINS) $(patsubst tests/fuzz/%.c,$(FUZZ_BUILD)/obj/tests/fuzz/%.o,$(FUZZ_SRC))
# `make fuzz`: every target for FUZZ_LONG_SECONDS on a copy of its seed
# corpus, in parallel like the tests (results in $(RES)/fuzz, the same
# tally); a finding fails it with libFuzzer's report and the crash input.
.PHONY: fuzz-results
fuzz: | check-deps
	@rm -rf $(RES)/fuzz; mkdir -p $(RES)/fuzz
	@$(TEST_JOBS); $(MAKE) --no-print-directory -k $$j FUZZ_SECONDS=$(FUZZ_LONG_SECONDS) FUZZ_RUNS= \
	  fuzz-results >$(BUILD)/fuzz-build.log 2>&1 || \
	  { grep -E 'error:|undefined reference|\*\*\*' $(BUILD)/fuzz-build.log | head -n 40; }
	@sh tests/tally.sh $(FUZZ_RES)
fuzz-results: $(FUZZ_RES)
$(FUZZ_BUILD)/obj/%.o: %.c | check-deps
	@mkdir -p $(dir $@)
	clang $(FUZZ_CFLAGS) -fsanitize=fuzzer-no-link -c $< -o $@
# the C++ shims (csv/*.cc) with the same sanitizers (vptr and function need the C++
# runtime, which the C link of the targets does not bring)
$(FUZZ_BUILD)/obj/%.o: %.cc | check-deps
	@mkdir -p $(dir $@)
	clang++ -std=c++17 -g -O1 -fsanitize=address,undefined -fno-sanitize=vptr,function \
	    -fsanitize=fuzzer-no-link \
	    $(CPPFLAGS) -MMD -MP -c $< -o $@
$(FUZZ_LIB): $(patsubst %.c,$(FUZZ_BUILD)/obj/%.o,$(CORE_SRC)) \
             $(patsubst %.cc,$(FUZZ_BUILD)/obj/%.o,$(CORE_CXX))
	@rm -f $@
	ar rcs $@ $^
$(FUZZ_BINS): $(FUZZ_BUILD)/%: $(FUZZ_BUILD)/obj/tests/fuzz/%.o $(FUZZ_LIB)
	clang $(FUZZ_CFLAGS) -fsanitize=fuzzer -o $@ $^ $(PKG_LIBS)

bench: all $(BENCH_BINS)
	@BUILD=$(BUILD) sh bench/run.sh

install: all
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/share/man/man1 \
	           $(DESTDIR)$(PREFIX)/share/bash-completion/completions \
	           $(DESTDIR)$(PREFIX)/share/zsh/site-functions \
	           $(DESTDIR)$(PREFIX)/share/fish/vendor_completions.d
	install -m 755 $(BUILD)/dialtop $(BUILD)/dialtop-sim $(DESTDIR)$(PREFIX)/bin/
	install -m 644 docs/dialtop.1 docs/dialtop-sim.1 $(DESTDIR)$(PREFIX)/share/man/man1/
	install -m 644 docs/dialtop.bash $(DESTDIR)$(PREFIX)/share/bash-completion/completions/dialtop
	ln -sf dialtop $(DESTDIR)$(PREFIX)/share/bash-completion/completions/dialtop-sim
	install -m 644 docs/dialtop.zsh $(DESTDIR)$(PREFIX)/share/zsh/site-functions/_dialtop
	install -m 644 docs/dialtop.fish $(DESTDIR)$(PREFIX)/share/fish/vendor_completions.d/dialtop.fish

uninstall:
	rm -f $(DESTDIR)$(PREFIX)/bin/dialtop $(DESTDIR)$(PREFIX)/bin/dialtop-sim \
	      $(DESTDIR)$(PREFIX)/share/man/man1/dialtop.1 $(DESTDIR)$(PREFIX)/share/man/man1/dialtop-sim.1 \
	      $(DESTDIR)$(PREFIX)/share/bash-completion/completions/dialtop \
	      $(DESTDIR)$(PREFIX)/share/bash-completion/completions/dialtop-sim \
	      $(DESTDIR)$(PREFIX)/share/zsh/site-functions/_dialtop \
	      $(DESTDIR)$(PREFIX)/share/fish/vendor_completions.d/dialtop.fish

demo: deps all
	$(BUILD)/dialtop --demo

# screenshots/*.png from the real console in xterm under Xvfb (see
# screenshots/make.sh). Installs SCREENSHOT_PACKAGES when missing.
screenshots: all
	@$(MAKE) --no-print-directory deps DEB_PACKAGES="$(SCREENSHOT_PACKAGES)"
	sh screenshots/make.sh $(BUILD)

clean:
	rm -rf build build-asan build-fuzz

-include $(shell find $(BUILD) $(FUZZ_BUILD) -name '*.d' 2>/dev/null)
