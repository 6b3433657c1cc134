# jxlint — one non-recursive Makefile. Settings first.
CC       ?= cc
PREFIX   ?= /usr/local
CSTD     := -std=c11 -D_GNU_SOURCE
WARN     := -Wall -Wextra -Wshadow -Wno-unused-parameter
OPT      ?= -O2 -g
CJSON_CFLAGS := $(shell pkg-config --cflags libcjson 2>/dev/null || echo -I/usr/include/cjson)
CJSON_LIBS   := $(shell pkg-config --libs libcjson 2>/dev/null || echo -lcjson)
ifeq ($(CI),true)
WARN += -Werror
endif
ifeq ($(SANITIZE),1)
OPT := -O1 -g -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined
BUILD ?= build-san
endif
BUILD    ?= build
CFLAGS_ALL = $(CSTD) $(WARN) $(OPT) -Iinclude -Ilint $(CJSON_CFLAGS) -MMD -MP $(CFLAGS)
LDLIBS_ALL = $(CJSON_LIBS) -ldl -lpthread $(LDLIBS)

LINT_SRCS   := $(sort $(wildcard lint/*.c))
LIB_OBJS    := $(patsubst lint/%.c,$(BUILD)/lint/%.o,$(filter-out lint/main.c,$(LINT_SRCS)))
PLUGIN_SRCS := $(sort $(wildcard rules.d/*.c))
PLUGINS     := $(patsubst rules.d/%.c,$(BUILD)/rules.d/%.so,$(PLUGIN_SRCS))
# Declarative rule packs and the docs (--explain) sit beside the binary, as they will once installed.
PACKS       := $(patsubst rules.d/%.json,$(BUILD)/rules.d/%.json,$(sort $(wildcard rules.d/*.json)))
DOCS        := $(patsubst docs/%.md,$(BUILD)/docs/%.md,$(sort $(wildcard docs/*.md)))
TEST_SRCS   := $(sort $(wildcard tests/*_test.c))
TEST_BINS   := $(patsubst tests/%.c,$(BUILD)/tests/%,$(TEST_SRCS))
TEST_PLUGIN_SRCS := $(sort $(wildcard tests/plugins/*.c))
TEST_PLUGINS := $(patsubst tests/plugins/%.c,$(BUILD)/tests/plugins/%.so,$(TEST_PLUGIN_SRCS))
BIN         := $(BUILD)/jxlint

# Fuzzing (docs/reliability.md): clang + libFuzzer, every fuzz/*.c against the lint sources but main.c.
FUZZ_SECONDS ?= 60
CHECK_FUZZ_SECONDS ?= 10
FUZZ_CC     ?= clang
FUZZ_BUILD  := build-fuzz
FUZZ_WARN   = $(filter-out -Werror,$(WARN))
FUZZ_FLAGS  := -g -O1 -fno-omit-frame-pointer -fsanitize=address,undefined -fno-sanitize-recover=undefined
FUZZ_SRCS   := $(sort $(wildcard fuzz/*.c))
FUZZ_BINS   := $(patsubst fuzz/%.c,$(FUZZ_BUILD)/%,$(FUZZ_SRCS))
FUZZ_OBJS   := $(patsubst lint/%.c,$(FUZZ_BUILD)/lint/%.o,$(filter-out lint/main.c,$(LINT_SRCS)))

.PHONY: all deps deps-test demo check check-fast check-san check-fuzz check-valgrind fuzz fuzz-bins test-bins install clean
all: $(BIN) $(PLUGINS) $(PACKS) $(DOCS) $(TEST_BINS) $(TEST_PLUGINS) jxlint

# ./jxlint runs the build in $(BUILD); it finds its rules next to itself.
jxlint: $(BIN) $(PLUGINS) $(PACKS) $(DOCS)
	@ln -sf $(BIN) jxlint

$(BUILD)/lint/%.o: lint/%.c
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS_ALL) -c $< -o $@

$(BUILD)/libjxlint.a: $(LIB_OBJS)
	@rm -f $@
	ar rcs $@ $^

$(BIN): $(BUILD)/lint/main.o $(BUILD)/libjxlint.a
	$(CC) $(CFLAGS_ALL) -rdynamic -o $@ $^ $(LDLIBS_ALL)

$(BUILD)/rules.d/%.json: rules.d/%.json
	@mkdir -p $(dir $@)
	cp $< $@

$(BUILD)/docs/%.md: docs/%.md
	@mkdir -p $(dir $@)
	cp $< $@

# Rule plugins: the public header only (and rules.d/member_name.h, macros), hidden visibility, one entry symbol.
$(BUILD)/rules.d/%.so: rules.d/%.c include/jxlint/rule.h rules.d/member_name.h
	@mkdir -p $(dir $@)
	$(CC) $(CSTD) $(WARN) $(OPT) -Iinclude -fPIC -shared -fvisibility=hidden -o $@ $< $(CFLAGS)

$(BUILD)/tests/plugins/%.so: tests/plugins/%.c include/jxlint/rule.h
	@mkdir -p $(dir $@)
	$(CC) $(CSTD) $(WARN) $(OPT) -Iinclude -fPIC -shared -fvisibility=hidden -o $@ $< $(CFLAGS)

$(BUILD)/tests/%_test: tests/%_test.c $(BUILD)/libjxlint.a
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS_ALL) -o $@ $< $(BUILD)/libjxlint.a $(LDLIBS_ALL)

# Install what Debian lacks; does nothing when all is there.
deps: deps-test
	@need=""; \
	pkg-config --exists libcjson 2>/dev/null || need="$$need libcjson-dev"; \
	command -v pkg-config >/dev/null || need="$$need pkg-config"; \
	command -v cc >/dev/null || need="$$need gcc"; \
	command -v make >/dev/null || need="$$need make"; \
	command -v clang >/dev/null || need="$$need clang"; \
	ls "$$(clang --print-runtime-dir 2>/dev/null)"/libclang_rt.fuzzer*.a >/dev/null 2>&1 || need="$$need libclang-rt-14-dev"; \
	command -v valgrind >/dev/null || need="$$need valgrind"; \
	command -v strace >/dev/null || need="$$need strace"; \
	if [ -n "$$need" ]; then \
	  echo "installing:$$need"; \
	  SUDO=; [ "$$(id -u)" = 0 ] || SUDO=sudo; \
	  $$SUDO apt-get update -qq && $$SUDO apt-get install -y -qq $$need; \
	else echo "deps: all present"; fi

# Tools the scripted tests use (tests/cases/sarif-*.sh, precommit-*.sh, progress, --changed):
# from Debian git, jq, pre-commit, nodejs, npm, script; from npm, into $(TOOLS) (not the system),
# ajv-cli (a JSON Schema validator) and @microsoft/jest-sarif (it ships the SARIF 2.1.0 schema).
# Does nothing, and needs no network, when all is there.
TOOLS     := build/tools
NPM_TOOLS := ajv-cli@3.3.0 @microsoft/jest-sarif@1.0.0-beta.0
SARIF_SCHEMA := $(TOOLS)/node_modules/@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json
deps-test:
	@need=""; \
	command -v git >/dev/null || need="$$need git"; \
	command -v jq >/dev/null || need="$$need jq"; \
	command -v pre-commit >/dev/null || need="$$need pre-commit"; \
	command -v node >/dev/null || need="$$need nodejs"; \
	command -v npm >/dev/null || need="$$need npm"; \
	command -v script >/dev/null || need="$$need bsdutils"; \
	if [ -n "$$need" ]; then \
	  echo "installing:$$need"; \
	  SUDO=; [ "$$(id -u)" = 0 ] || SUDO=sudo; \
	  $$SUDO apt-get update -qq && $$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$need >/dev/null; \
	fi; \
	if [ ! -x $(TOOLS)/node_modules/.bin/ajv ] || [ ! -f $(SARIF_SCHEMA) ]; then \
	  echo "installing into $(TOOLS): $(NPM_TOOLS)"; \
	  npm install --prefix $(TOOLS) --no-audit --no-fund --loglevel=error $(NPM_TOOLS) >/dev/null; \
	fi

demo: all
	@echo '$$ ./jxlint examples/'
	@./jxlint examples/ ; rc=$$?; echo "(exit code $$rc)"; [ $$rc -le 1 ]

# Everything, in one run with one closing "N passed, N failed" line: the normal
# build, the ASan/UBSan build, and a short fuzz pass over every target.
check: all
	@$(MAKE) --no-print-directory SANITIZE=1 BUILD=build-san $(if $(filter true,$(CI)),CI=true) build-san/jxlint-all
	@$(MAKE) --no-print-directory fuzz-bins
	@JXLINT_BUILDS="build build-san" FUZZ_SECONDS=$(CHECK_FUZZ_SECONDS) bash tests/run.sh

check-fast: all
	@bash tests/run.sh

check-san:
	@$(MAKE) --no-print-directory SANITIZE=1 BUILD=build-san $(if $(filter true,$(CI)),CI=true) build-san/jxlint-all
	@JXLINT_BUILD=build-san bash tests/run.sh

# A short fuzz pass: replays the seeds and past crashes, then CHECK_FUZZ_SECONDS per target.
check-fuzz:
	@$(MAKE) --no-print-directory fuzz FUZZ_SECONDS=$(CHECK_FUZZ_SECONDS)

# The whole fixture suite under valgrind memcheck, with the normal build (make check runs a subset).
check-valgrind: all
	@VALGRIND_FULL=1 JXLINT=$(CURDIR)/$(BUILD)/jxlint ROOT=$(CURDIR) BUILD=$(BUILD) bash tests/cases/valgrind.sh

$(FUZZ_BUILD)/lint/%.o: lint/%.c
	@mkdir -p $(dir $@)
	$(FUZZ_CC) $(CSTD) $(FUZZ_WARN) $(FUZZ_FLAGS) -fsanitize=fuzzer-no-link -Iinclude -Ilint $(CJSON_CFLAGS) -MMD -MP -c $< -o $@

$(FUZZ_BUILD)/libjxlint-fuzz.a: $(FUZZ_OBJS)
	@rm -f $@
	ar rcs $@ $^

$(FUZZ_BINS): $(FUZZ_BUILD)/%: fuzz/%.c $(FUZZ_BUILD)/libjxlint-fuzz.a
	$(FUZZ_CC) $(CSTD) $(FUZZ_WARN) $(FUZZ_FLAGS) -fsanitize=fuzzer -Iinclude -Ilint $(CJSON_CFLAGS) -o $@ $< $(FUZZ_BUILD)/libjxlint-fuzz.a $(CJSON_LIBS) -ldl -lpthread

fuzz-bins:
	@command -v $(FUZZ_CC) >/dev/null && ls "$$($(FUZZ_CC) --print-runtime-dir)"/libclang_rt.fuzzer*.a >/dev/null 2>&1 \
	  || { echo "fuzz: needs $(FUZZ_CC) with libFuzzer (Debian: clang libclang-rt-14-dev; make deps)"; exit 1; }
	@$(MAKE) --no-print-directory $(FUZZ_BINS)

# make fuzz FUZZ_SECONDS=N: each target N seconds, one after another (0: replay the corpus only).
fuzz: fuzz-bins
	@fail=0; for t in $(FUZZ_BINS); do bash fuzz/run.sh $$t $(FUZZ_SECONDS) || fail=1; done; exit $$fail

build-san/jxlint-all: $(BIN) $(PLUGINS) $(PACKS) $(DOCS) $(TEST_BINS) $(TEST_PLUGINS)
	@true

# The benchmark (bench/run.sh, docs/performance.md): not part of check. make bench BENCH_FILES=N.
BENCH_FILES ?= 2000
.PHONY: bench bench-deps
bench: $(BIN) $(PLUGINS) jxlint bench-deps
	@JXLINT=$(CURDIR)/jxlint bash bench/run.sh $(BENCH_FILES)

# What bench/run.sh uses: jq, hyperfine, GNU time, valgrind (callgrind), python3. Does nothing when all is there.
bench-deps:
	@need=""; \
	command -v jq >/dev/null || need="$$need jq"; \
	command -v hyperfine >/dev/null || need="$$need hyperfine"; \
	[ -x /usr/bin/time ] || need="$$need time"; \
	command -v valgrind >/dev/null || need="$$need valgrind"; \
	command -v python3 >/dev/null || need="$$need python3"; \
	if [ -n "$$need" ]; then \
	  echo "installing:$$need"; \
	  SUDO=; [ "$$(id -u)" = 0 ] || SUDO=sudo; \
	  $$SUDO apt-get update -qq && $$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$need >/dev/null; \
	fi

install: $(BIN) $(PLUGINS)
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/lib/jxlint/rules.d \
	  $(DESTDIR)$(PREFIX)/share/doc/jxlint $(DESTDIR)$(PREFIX)/include/jxlint
	install -m 755 $(BIN) $(DESTDIR)$(PREFIX)/bin/jxlint
	install -m 644 $(PLUGINS) $(wildcard rules.d/*.json) $(DESTDIR)$(PREFIX)/lib/jxlint/rules.d/
	install -m 644 include/jxlint/rule.h $(DESTDIR)$(PREFIX)/include/jxlint/
	install -m 644 README.md CHANGELOG.md $(wildcard docs/*.md) $(DESTDIR)$(PREFIX)/share/doc/jxlint/

clean:
	rm -rf build build-san $(FUZZ_BUILD) jxlint

-include $(shell find $(BUILD) build-san $(FUZZ_BUILD) -type f -name '*.d' 2>/dev/null)
