# threshold -- build, test, install.  GNU make.
#
#   make            library (static + shared) and the `threshold` command
#   make demo       evaluate the example cases and print the suggestions
#   make test       unit tests, CLI tests, rule-set tests, valgrind
#   make asan       the tests again under AddressSanitizer + UBSan
#   make deps       install the Debian packages the build needs (as root)
#   make install    PREFIX=/usr/local DESTDIR= ; make uninstall
#
# Knobs: CC, CFLAGS, CPPFLAGS, LDFLAGS, PREFIX, DESTDIR, WERROR=1, V=1,
#        SANITIZE=address,undefined, BUILD=build, DEV_WERROR=0
#
# Warnings are errors in development and CI, not for a packager: a plain
# `make` or `make install` warns and builds (a newer compiler's new warning
# must not break a user's build), while `make test`, `asan`, `tsan` and
# `clang-check` build with WERROR=1 (DEV_WERROR=0 turns that off). The
# objects remember the warning flags they were built with, so switching
# rebuilds them: `make` then `make test` does not keep warnings hidden.

PREFIX     ?= /usr/local
LIBDIR     ?= $(PREFIX)/lib
INCLUDEDIR ?= $(PREFIX)/include
BINDIR     ?= $(PREFIX)/bin
DATADIR    ?= $(PREFIX)/share
RULESDIR   ?= $(DATADIR)/threshold/rules
MANDIR     ?= $(DATADIR)/man
COMPLETIONDIR ?= $(DATADIR)/bash-completion/completions
PKG_CONFIG ?= pkg-config
BUILD      ?= build
WERROR     ?= 0
DEV_WERROR ?= 1

HEADER := include/threshold.h
MAJOR  := $(shell sed -n 's/^\#define TH_VERSION_MAJOR \([0-9]*\)/\1/p' $(HEADER))
MINOR  := $(shell sed -n 's/^\#define TH_VERSION_MINOR \([0-9]*\)/\1/p' $(HEADER))
PATCH  := $(shell sed -n 's/^\#define TH_VERSION_PATCH \([0-9]*\)/\1/p' $(HEADER))
VERSION := $(MAJOR).$(MINOR).$(PATCH)

# Debian packages and the pkg-config modules they provide.
DEB_PACKAGES := liblua5.4-dev lua5.4 libjansson-dev libsqlite3-dev \
                libcmocka-dev nettle-dev libcsv-dev pkg-config valgrind \
                sqlite3 time python3 python3-pytest python3-setuptools python3-pip man-db \
                python3-jsonschema \
                postgresql-15 postgresql-server-dev-15 libargon2-dev libsodium-dev \
                libmicrohttpd-dev \
                wrk chromium lua-check cmark-gfm
# libthreshold (the engine) needs no SQLite and no libcsv; libthreshold_store
# does, libargon2 for its accounts' password hashes and libsodium for the
# Ed25519 signatures of its log's checkpoints.
PC_MODULES   := lua5.4 jansson nettle
STORE_PC     := sqlite3 jansson nettle libargon2 libsodium

DEP_CFLAGS   := $(shell $(PKG_CONFIG) --cflags $(PC_MODULES) $(STORE_PC) 2>/dev/null)
ENGINE_LIBS  := $(shell $(PKG_CONFIG) --libs $(PC_MODULES) 2>/dev/null) -lpthread -lm
STORE_LIBS   := $(shell $(PKG_CONFIG) --libs $(STORE_PC) 2>/dev/null) -lcsv
DEP_LIBS     := $(STORE_LIBS) $(ENGINE_LIBS)
CMOCKA_LIBS := $(shell $(PKG_CONFIG) --libs cmocka 2>/dev/null)

WARN := -Wall -Wextra -Wpedantic -Wshadow -Wstrict-prototypes \
        -Wmissing-prototypes -Wwrite-strings -Wundef -Wcast-qual
ifeq ($(WERROR),1)
WARN += -Werror
endif
# The warning flags the objects in $(BUILD) were built with; rewritten
# (and so every object rebuilt) only when they change.
WARN_STAMP := $(BUILD)/.warn-flags
ifneq ($(SANITIZE),)
SAN_FLAGS := -fsanitize=$(SANITIZE) -fno-sanitize-recover=all \
             -fno-omit-frame-pointer -g -O1
endif
OPT ?= -O2 -g

ALL_CFLAGS = -std=c11 -D_POSIX_C_SOURCE=200809L -fPIC -fvisibility=hidden \
             -Iinclude -Iengine -I$(BUILD)/gen $(DEP_CFLAGS) $(WARN) $(OPT) \
             $(SAN_FLAGS) $(CPPFLAGS) $(CFLAGS) -MMD -MP \
             -DTH_RULESDIR='"$(RULESDIR)"'
# The store sees the public headers only: it is a client of threshold.h.
STORE_CFLAGS = $(filter-out -Iengine -I$(BUILD)/gen,$(ALL_CFLAGS)) -Istore
# So is threshold serve, of threshold.h, threshold_store.h, threshold_access.h.
SERVE_CFLAGS = $(filter-out -Iengine -I$(BUILD)/gen,$(ALL_CFLAGS)) -Icli -D_GNU_SOURCE \
               $(shell $(PKG_CONFIG) --cflags libmicrohttpd 2>/dev/null)
ALL_LDFLAGS = $(SAN_FLAGS) $(LDFLAGS)

ifeq ($(V),1)
Q :=
else
Q := @
endif

ENGINE_SRC := $(wildcard engine/*.c)
ENGINE_OBJ := $(ENGINE_SRC:%.c=$(BUILD)/%.o) $(BUILD)/gen/prelude_modules.o
STORE_SRC  := $(wildcard store/*.c)
STORE_OBJ  := $(STORE_SRC:%.c=$(BUILD)/%.o)
CLI_SRC    := $(wildcard cli/*.c)
# `threshold serve` (serve/) is linked into the command; it alone needs
# libmicrohttpd.
SERVE_SRC  := $(wildcard serve/*.c)
CLI_OBJ    := $(CLI_SRC:%.c=$(BUILD)/%.o) $(SERVE_SRC:%.c=$(BUILD)/%.o) \
              $(BUILD)/gen/serve_static.o
SERVE_LIBS := $(shell $(PKG_CONFIG) --libs libmicrohttpd 2>/dev/null)
UNIT_SRC   := $(wildcard tests/unit/test_*.c)
UNIT_BIN   := $(UNIT_SRC:tests/unit/%.c=$(BUILD)/tests/%)

STATIC_LIB := $(BUILD)/libthreshold.a
SHARED_LIB := $(BUILD)/libthreshold.so.$(VERSION)
SONAME     := libthreshold.so.$(MAJOR)
CLI        := $(BUILD)/threshold
PC_FILE    := $(BUILD)/threshold.pc
STORE_STATIC := $(BUILD)/libthreshold_store.a
STORE_SHARED := $(BUILD)/libthreshold_store.so.$(VERSION)
STORE_SONAME := libthreshold_store.so.$(MAJOR)
STORE_MAP    := store/libthreshold_store.map
ENGINE_MAP   := engine/libthreshold.map
STORE_PC_FILE := $(BUILD)/threshold_store.pc

.PHONY: all lib store-lib cli deps FORCE check-deps test check asan demo install uninstall \
        clean unit cli-test rules-test check-test doc-test luacheck-test hostile-test store-test valgrind-test exports \
        fuzz fuzz-deps bench bench-real clang-check python-test install-test sqlite-test postgres-test \
        postgres-bench dist distcheck man-test tsan schema-test \
        serve-test bench-serve npm-deps cycles

all: lib cli $(BUILD)/gen_caseload

lib: $(STATIC_LIB) $(SHARED_LIB) $(PC_FILE) store-lib
store-lib: $(STORE_STATIC) $(STORE_SHARED) $(STORE_PC_FILE)
cli: $(CLI)

# --- dependencies ----------------------------------------------------------
# `make deps` installs what is missing when it can (root + apt-get) and
# otherwise says exactly what to install.
deps:
	@missing=""; for p in $(DEB_PACKAGES); do \
	  dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q 'ok installed' \
	    || missing="$$missing $$p"; done; \
	if [ -z "$$missing" ]; then $(MAKE) --no-print-directory npm-deps; exit 0; fi; \
	if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	  echo "deps: installing$$missing"; \
	  export DEBIAN_FRONTEND=noninteractive; \
	  apt-get update -qq && apt-get install -y -qq $$missing >/dev/null \
	    || { echo "deps: apt-get install$$missing failed" >&2; exit 1; }; \
	  $(MAKE) --no-print-directory npm-deps; \
	else \
	  echo "deps: missing Debian packages:$$missing" >&2; \
	  echo "deps: run as root: apt-get install$$missing" >&2; exit 1; \
	fi

# The browser tests' npm packages (playwright-core, axe-core), exactly as
# tests/serve/package-lock.json pins them. playwright-core never downloads
# a browser: the tests drive Debian's chromium. Node.js with npm is needed
# (Debian's nodejs and npm, if no Node.js is installed).
npm-deps:
	@command -v npm >/dev/null || { if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nodejs npm >/dev/null; \
	  else echo "deps: install Node.js with npm (apt-get install nodejs npm)" >&2; exit 1; fi; }
	@[ tests/serve/node_modules/.package-lock.json -nt tests/serve/package-lock.json ] || \
	  (cd tests/serve && npm ci --no-audit --no-fund --silent)

# --- generated prelude ------------------------------------------------------
# The rule language is real Lua, the modules of engine/prelude/, embedded
# twice: as text, and compiled to Lua bytecode by the build's own Lua
# (parsing the text was a third of start-up). The engine (engine/prelude.c)
# runs them in this order, each from its bytecode, or its text if this Lua
# cannot read that bytecode; rule files are only ever loaded as text. Each
# chunk is named after its module ("=[prelude/cond]") for errors and
# tracebacks. The table is compiled with hidden visibility: not exported.
LUA ?= lua5.4
PRELUDE_MODULES := current util dates declare levels cond schema view context \
  facts logic check tables run explain result freeze fast/checkers fast/compile \
  fast/inline fast/why_not fast/prepare sandbox load evaluate testing lint_rules lint doc init
PRELUDE_LUA  := $(PRELUDE_MODULES:%=engine/prelude/%.lua)
PRELUDE_LUAC := $(PRELUDE_MODULES:%=$(BUILD)/gen/prelude/%.luac)

$(BUILD)/gen/prelude/%.luac: engine/prelude/%.lua
	@mkdir -p $(@D)
	$(Q)$(LUA) -e 'local f = assert(load(io.read("a"), "=[prelude/$*]", "t")) io.write(string.dump(f))' \
	  < $< > $@.tmp && mv $@.tmp $@

# Bytes as a C array: embed_bytes with a name the program links to,
# embed_static for one only its own file reads.
define embed_bytes
printf 'extern const unsigned char $(2)[];\nextern const size_t $(2)_len;\n'; \
printf 'const unsigned char $(2)[] = {\n'; \
od -An -v -tx1 $(1) | sed -e 's/\([0-9a-f][0-9a-f]\)/0x\1,/g' -e 's/^ *//'; \
printf '0x00 };\nconst size_t $(2)_len = sizeof $(2) - 1;\n'
endef

define embed_static
printf 'static const unsigned char %s[] = {\n' $(2); \
od -An -v -tx1 $(1) | sed -e 's/\([0-9a-f][0-9a-f]\)/0x\1,/g' -e 's/^ *//'; \
printf '0x00 };\n'
endef

$(BUILD)/gen/prelude_modules.c: $(PRELUDE_LUA) $(PRELUDE_LUAC) Makefile
	@mkdir -p $(@D)
	$(Q){ printf '/* generated from engine/prelude/ by the Makefile */\n#include "prelude.h"\n'; \
	  i=0; for m in $(PRELUDE_MODULES); do \
	    $(call embed_static,engine/prelude/$$m.lua,text$$i); \
	    $(call embed_static,$(BUILD)/gen/prelude/$$m.luac,code$$i); \
	    i=$$((i + 1)); done; \
	  printf 'const struct thi_prelude_module thi_prelude_modules[] = {\n'; \
	  i=0; for m in $(PRELUDE_MODULES); do \
	    printf '  {"%s", text%d, sizeof text%d - 1, code%d, sizeof code%d - 1},\n' $$m $$i $$i $$i $$i; \
	    i=$$((i + 1)); done; \
	  printf '};\nconst size_t thi_prelude_nmodules = sizeof thi_prelude_modules / sizeof thi_prelude_modules[0];\n'; \
	} > $@.tmp && mv $@.tmp $@

$(BUILD)/gen/prelude_modules.o: $(BUILD)/gen/prelude_modules.c engine/prelude.h
	@mkdir -p $(@D)
	$(Q)$(CC) -std=c11 -fPIC -fvisibility=hidden -Iengine $(DEP_CFLAGS) $(OPT) $(SAN_FLAGS) $(CFLAGS) -c $< -o $@

# --- library and command ----------------------------------------------------
$(WARN_STAMP): FORCE
	@mkdir -p $(@D)
	@echo '$(strip $(WARN))' | cmp -s - $@ || echo '$(strip $(WARN))' > $@

$(BUILD)/%.o: %.c $(WARN_STAMP)
	@mkdir -p $(@D)
	@[ "$(V)" = 1 ] || echo "  CC $<"
	$(Q)$(CC) $(ALL_CFLAGS) -c $< -o $@

$(BUILD)/store/%.o: store/%.c $(WARN_STAMP)
	@mkdir -p $(@D)
	@[ "$(V)" = 1 ] || echo "  CC $<"
	$(Q)$(CC) $(STORE_CFLAGS) -c $< -o $@

$(STATIC_LIB): $(ENGINE_OBJ)
	$(Q)rm -f $@ && $(AR) rcs $@ $^

$(SHARED_LIB): $(ENGINE_OBJ) $(ENGINE_MAP)
	$(Q)$(CC) -shared -Wl,-soname,$(SONAME) -Wl,--version-script=$(ENGINE_MAP) \
	  $(ALL_LDFLAGS) -o $@ $(ENGINE_OBJ) $(ENGINE_LIBS)
	$(Q)ln -sf libthreshold.so.$(VERSION) $(BUILD)/$(SONAME)
	$(Q)ln -sf $(SONAME) $(BUILD)/libthreshold.so

$(STORE_STATIC): $(STORE_OBJ)
	$(Q)rm -f $@ && $(AR) rcs $@ $^

$(STORE_SHARED): $(STORE_OBJ) $(STORE_MAP) $(SHARED_LIB)
	$(Q)$(CC) -shared -Wl,-soname,$(STORE_SONAME) -Wl,--version-script=$(STORE_MAP) \
	  $(ALL_LDFLAGS) -o $@ $(STORE_OBJ) -L$(BUILD) -lthreshold $(STORE_LIBS)
	$(Q)ln -sf libthreshold_store.so.$(VERSION) $(BUILD)/$(STORE_SONAME)
	$(Q)ln -sf $(STORE_SONAME) $(BUILD)/libthreshold_store.so

$(CLI): $(CLI_OBJ) $(STORE_STATIC) $(STATIC_LIB)
	$(Q)$(CC) $(ALL_LDFLAGS) -o $@ $(CLI_OBJ) $(STORE_STATIC) $(STATIC_LIB) $(DEP_LIBS) $(SERVE_LIBS)

$(BUILD)/serve/%.o: serve/%.c $(WARN_STAMP)
	@mkdir -p $(@D)
	@[ "$(V)" = 1 ] || echo "  CC $<"
	$(Q)$(CC) $(SERVE_CFLAGS) -c $< -o $@

# The stylesheet and script are served from the binary.
$(BUILD)/gen/serve_static.c: serve/static/app.css serve/static/app.js
	@mkdir -p $(@D)
	$(Q){ printf '/* generated from serve/static */\n#include <stddef.h>\n'; \
	  $(call embed_bytes,serve/static/app.css,th_serve_css); \
	  $(call embed_bytes,serve/static/app.js,th_serve_js); } > $@.tmp && mv $@.tmp $@

$(BUILD)/gen/serve_static.o: $(BUILD)/gen/serve_static.c
	@mkdir -p $(@D)
	$(Q)$(CC) -std=c11 -fPIC $(OPT) $(SAN_FLAGS) $(CFLAGS) -c $< -o $@

# Always rewritten, so it names the PREFIX of the make that installs it.
$(BUILD)/gen_caseload: examples/caseload/gen_caseload.c
	@mkdir -p $(@D)
	$(Q)$(CC) $(ALL_CFLAGS) -o $@ $< $(ALL_LDFLAGS) $(DEP_LIBS)

$(BUILD)/bench/c_eval: bench/c_eval.c
	@mkdir -p $(@D)
	$(Q)$(CC) $(ALL_CFLAGS) -D_GNU_SOURCE -o $@ $< $(ALL_LDFLAGS) $(DEP_LIBS)

$(BUILD)/bench/hook_cost: bench/hook_cost.c $(STATIC_LIB)
	@mkdir -p $(@D)
	$(Q)$(CC) $(ALL_CFLAGS) -D_GNU_SOURCE -o $@ $< $(STATIC_LIB) $(ALL_LDFLAGS) $(DEP_LIBS)

# The SQLite loadable extension (.load threshold): the static library inside.
SQLITE_EXT := $(BUILD)/sqlite/threshold.so
$(SQLITE_EXT): ext/sqlite/threshold_sqlite.c ext/pathway_name.h $(STATIC_LIB)
	@mkdir -p $(@D)
	@[ "$(V)" = 1 ] || echo "  CC $<"
	$(Q)$(CC) $(ALL_CFLAGS) -shared -o $@ $< $(STATIC_LIB) $(ALL_LDFLAGS) $(ENGINE_LIBS)

# The PostgreSQL 15 extension (CREATE EXTENSION threshold): the module with
# the static library inside, its control file and SQL script beside it.
PG_CONFIG  ?= pg_config
PG_EXT_DIR := $(BUILD)/postgres
PG_EXT     := $(PG_EXT_DIR)/threshold.so
$(PG_EXT): ext/postgres/threshold_pg.c ext/pathway_name.h $(STATIC_LIB) \
           ext/postgres/threshold.control ext/postgres/threshold--$(VERSION).sql
	@mkdir -p $(@D)
	@[ "$(V)" = 1 ] || echo "  CC $<"
	$(Q)$(CC) -std=gnu11 -fPIC -shared $(OPT) -Wall -Iinclude \
	  -I$$($(PG_CONFIG) --includedir-server) $(CFLAGS) -o $@ $< $(STATIC_LIB) \
	  $(LDFLAGS) $(ENGINE_LIBS)
	$(Q)cp ext/postgres/threshold.control ext/postgres/threshold--$(VERSION).sql $(@D)/

$(PC_FILE): FORCE
	@mkdir -p $(@D)
	$(Q){ echo 'prefix=$(PREFIX)'; echo 'libdir=$(LIBDIR)'; \
	  echo 'includedir=$(INCLUDEDIR)'; echo 'rulesdir=$(RULESDIR)'; echo; \
	  echo 'Name: threshold'; \
	  echo 'Description: Safeguarding threshold rules engine (Lua rule sets)'; \
	  echo 'Version: $(VERSION)'; \
	  echo 'Requires.private: $(PC_MODULES)'; \
	  echo 'Libs: -L$${libdir} -lthreshold'; \
	  echo 'Libs.private: -lpthread -lm'; \
	  echo 'Cflags: -I$${includedir}'; } > $@

$(STORE_PC_FILE): FORCE
	@mkdir -p $(@D)
	$(Q){ echo 'prefix=$(PREFIX)'; echo 'libdir=$(LIBDIR)'; \
	  echo 'includedir=$(INCLUDEDIR)'; echo; \
	  echo 'Name: threshold_store'; \
	  echo 'Description: Case store for threshold (SQLite): caseload, decision log, reports'; \
	  echo 'Version: $(VERSION)'; \
	  echo 'Requires: threshold = $(VERSION)'; \
	  echo 'Requires.private: $(STORE_PC)'; \
	  echo 'Libs: -L$${libdir} -lthreshold_store'; \
	  echo 'Libs.private: -lcsv'; \
	  echo 'Cflags: -I$${includedir}'; } > $@

# --- demo and tests ---------------------------------------------------------
# demo, test and asan install dependencies first, then run a sub-make: the
# pkg-config flags above are read when make starts, so on a fresh machine
# they are only right in a make started after `deps`.
demo: deps
	@$(MAKE) --no-print-directory all
	@./examples/demo.sh $(CLI) $(BUILD)/gen_caseload $(BUILD)/demo/demo.db

$(BUILD)/tests/test_%: tests/unit/test_%.c tests/unit/support.h $(STATIC_LIB) $(STORE_STATIC) \
                       $(WARN_STAMP)
	@mkdir -p $(@D)
	@[ "$(V)" = 1 ] || echo "  CC $<"
	$(Q)$(CC) $(ALL_CFLAGS) -Itests/unit -o $@ $< $(UNIT_EXTRA_OBJ) $(STORE_STATIC) $(STATIC_LIB) \
	  $(ALL_LDFLAGS) $(DEP_LIBS) $(CMOCKA_LIBS)

# serve's login rate limit is tested on its own
$(BUILD)/tests/test_login_limit: $(BUILD)/serve/login_limit.o
$(BUILD)/tests/test_login_limit: UNIT_EXTRA_OBJ = $(BUILD)/serve/login_limit.o

$(BUILD)/caseload-2000.jsonl: $(BUILD)/gen_caseload
	$(Q)$(BUILD)/gen_caseload 2000 > $@.tmp && mv $@.tmp $@

unit: $(UNIT_BIN) $(BUILD)/caseload-2000.jsonl
	@for t in $(UNIT_BIN); do echo "== $$t"; \
	  THRESHOLD_RULES=$(CURDIR)/rules THRESHOLD_CASELOAD=$(CURDIR)/$(BUILD)/caseload-2000.jsonl \
	  THRESHOLD_BENCH_RULES=$(CURDIR)/bench/rules THRESHOLD_BENCH_SAMPLES=$(CURDIR)/bench/samples-cases.jsonl \
	  $$t || exit 1; done

cli-test: $(CLI)
	@./tests/cli/run.sh $(CLI)

rules-test: $(CLI)
	@./$(CLI) test --coverage
	@./$(CLI) test --coverage bench/rules

# `threshold check` finds each defect planted in tests/check and none in
# the shipped rule sets; `threshold new` writes a set that passes both;
# `threshold test --run` and `--format junit`; shadowed_rule claims nothing
# that random cases contradict.
check-test: $(CLI)
	@./tests/check/run.sh $(CLI)
	@./tests/check/new.sh $(CLI)
	@./tests/check/test-formats.sh $(CLI)
	@THRESHOLD_RULES_PATH=rules $(PYTHON) tests/check/shadow-soundness.py $(CLI)

# `threshold doc`: every shipped rule set, and the planted hostile set of
# tests/doc, as Markdown and HTML: every rule, flag and table named, no
# markup but the document's own, nothing fetched (tests/doc/run.sh); then
# each page in headless Chromium, with screenshots in $(BUILD)/doc.
doc-test: $(CLI)
	@./tests/doc/run.sh $(CLI) $(BUILD)/doc

# luacheck with .luacheckrc, which knows the names rule files may use; and
# the engine's own Lua (the prelude), under Lua 5.4's standard names.
luacheck-test:
	@luacheck --no-color -q rules/ bench/rules tests/check tests/doc && echo "luacheck: rules clean"
	@luacheck --no-color -q --std lua54 engine/prelude && echo "luacheck: prelude clean"

store-test: $(CLI) $(BUILD)/gen_caseload
	@./tests/store/run.sh $(CLI) $(BUILD)/gen_caseload

hostile-test: $(CLI)
	@./tests/hostile/run-rules.sh $(CLI)
	@./tests/hostile/run-manifests.sh $(CLI)
	@./tests/hostile/run-cases.sh $(CLI)
	@./tests/hostile/run-output.sh $(CLI)

# The Python binding (python/), against the library just built. Debian's
# python3, which has the packages `deps` installs, not another on the PATH.
PYTHON ?= $(shell test -x /usr/bin/python3 && echo /usr/bin/python3 || echo python3)
python-test: $(SHARED_LIB) $(STORE_SHARED) $(CLI) $(BUILD)/gen_caseload
	@THRESHOLD_LIBRARY=$(CURDIR)/$(BUILD)/libthreshold.so \
	  THRESHOLD_STORE_LIBRARY=$(CURDIR)/$(BUILD)/libthreshold_store.so \
	  THRESHOLD_RULES_PATH=$(CURDIR)/rules \
	  $(PYTHON) -m pytest -q -p no:cacheprovider python/tests

sqlite-test: $(SQLITE_EXT) $(CLI) $(BUILD)/gen_caseload
	@THRESHOLD_RULES_PATH=$(CURDIR)/rules ./tests/sqlite/run.sh $(CLI) \
	  $(BUILD)/gen_caseload $(CURDIR)/$(SQLITE_EXT)

# A real PostgreSQL server in a temporary folder (tests/postgres/run.sh).
postgres-test: $(PG_EXT) $(CLI) $(BUILD)/gen_caseload
	@./tests/postgres/run.sh test $(CLI) $(BUILD)/gen_caseload $(PG_EXT_DIR) rules 2000

# Throughput with 0, 1 and 2 parallel workers against the CLI (not a test).
PG_BENCH_N ?= 20000
postgres-bench: $(PG_EXT) $(CLI) $(BUILD)/gen_caseload
	@./tests/postgres/run.sh bench $(CLI) $(BUILD)/gen_caseload $(PG_EXT_DIR) rules \
	  $(PG_BENCH_N)

# threshold serve: the security tests through HTTP and raw sockets, then
# the browser flow (screenshots in $(BUILD)/serve-screens).
serve-test: $(CLI)
	@./tests/serve/run.sh $(CURDIR)/$(CLI)
	@./tests/serve/browser.sh $(CURDIR)/$(CLI) $(CURDIR)/$(BUILD)/serve-screens

valgrind-test: $(CLI)
	@./tests/valgrind.sh $(CLI)

# Each library exports exactly its headers' functions (the version scripts
# engine/libthreshold.map and store/libthreshold_store.map keep it so; the
# check compares the .so with the headers, and must refuse a leaky one).
$(BUILD)/tests/leaky.so: tests/exports/leaky.c tests/exports/leaky.h
	@mkdir -p $(@D)
	$(Q)$(CC) -shared -fPIC -fvisibility=hidden -o $@ $<

exports: $(SHARED_LIB) $(STORE_SHARED) $(STORE_OBJ) $(BUILD)/tests/leaky.so
	@PYTHON=$(PYTHON) ./tests/check-exports.sh $(SHARED_LIB) $(HEADER)
	@PYTHON=$(PYTHON) ./tests/check-exports.sh $(STORE_SHARED) include/threshold_store.h \
	  include/threshold_access.h
	@if PYTHON=$(PYTHON) ./tests/check-exports.sh $(BUILD)/tests/leaky.so \
	      tests/exports/leaky.h >$(BUILD)/tests/leaky.out; then \
	  echo "exports: the check accepted a library that leaks:"; cat $(BUILD)/tests/leaky.out; exit 1; \
	elif ! grep -q '^th_leaked_data$$' $(BUILD)/tests/leaky.out || \
	     ! grep -q '^th_undeclared$$' $(BUILD)/tests/leaky.out || \
	     ! grep -q '^th_declared_missing$$' $(BUILD)/tests/leaky.out; then \
	  echo "exports: the check did not name the three faults:"; cat $(BUILD)/tests/leaky.out; exit 1; \
	else echo "exports: a leaky library is refused (undeclared data, undeclared function, missing)"; fi
	@./tests/store/check-lib.sh $(SHARED_LIB) $(STORE_SHARED) \
	  "include/threshold_store.h include/threshold_access.h" $(STORE_OBJ)
	@./tests/lint-prelude.sh

# No cycle among a library's objects (tests/check-cycles.py): each layer
# calls only the layers below it (docs/architecture.md).
cycles: $(ENGINE_OBJ) $(STORE_OBJ)
	@$(PYTHON) tests/check-cycles.py libthreshold $(ENGINE_OBJ)
	@$(PYTHON) tests/check-cycles.py libthreshold_store $(STORE_OBJ)

test: deps
	@$(MAKE) --no-print-directory WERROR=$(DEV_WERROR) all
	@$(MAKE) --no-print-directory WERROR=$(DEV_WERROR) unit cli-test rules-test check-test doc-test luacheck-test hostile-test \
	  store-test serve-test exports cycles
	@if [ -z "$(SANITIZE)" ]; then $(MAKE) --no-print-directory WERROR=$(DEV_WERROR) valgrind-test; fi
	@$(MAKE) --no-print-directory WERROR=$(DEV_WERROR) python-test sqlite-test postgres-test \
	  schema-test man-test install-test

# Every JSON line the command writes validates against docs/result.schema.json;
# `threshold schema`'s JSON Schema agrees with what eval accepts, and its
# LuaLS annotations hold every field and DSL name.
schema-test: $(CLI) $(BUILD)/gen_caseload
	@$(PYTHON) tests/cli/validate-results.py $(CLI) $(BUILD)/gen_caseload
	@$(PYTHON) tests/schema/validate-cases.py $(CLI)
	@$(PYTHON) tests/schema/check-luals.py $(CLI)

# The man pages render without a warning.
man-test:
	@for m in man/threshold.1 man/threshold-rules.5 man/libthreshold.3; do \
	  out=$$(MANWIDTH=80 LC_ALL=C.UTF-8 man --warnings -l -Tutf8 $$m 2>&1 >/dev/null); \
	  [ -z "$$out" ] || { echo "man: $$m: $$out"; exit 1; }; \
	  MANWIDTH=80 man -l $$m 2>/dev/null | grep -q '^NAME' || { echo "man: $$m does not render"; exit 1; }; \
	done; echo "man: 3 pages render"

# install and uninstall into a temporary DESTDIR (alone: it rewrites the
# .pc file of the build folder with another prefix).
install-test: all
	@./tests/install.sh $(MAKE)
	@$(MAKE) --no-print-directory $(PC_FILE) $(STORE_PC_FILE)

check: test

# The build must be warning-free under clang as well as gcc.
clang-check: fuzz-deps
	@$(MAKE) --no-print-directory CC=clang BUILD=build/clang WERROR=$(DEV_WERROR) all unit

# The thread tests (one engine refused to a second thread, N engines in N
# threads, the idle watchdog) under ThreadSanitizer.
tsan: deps
	@$(MAKE) --no-print-directory BUILD=build/tsan SANITIZE=thread OPT= WERROR=$(DEV_WERROR) \
	  build/tsan/tests/test_threads build/tsan/caseload-2000.jsonl
	@THRESHOLD_RULES=$(CURDIR)/rules THRESHOLD_CASELOAD=$(CURDIR)/build/tsan/caseload-2000.jsonl \
	  TSAN_OPTIONS="halt_on_error=1 second_deadlock_stack=1" build/tsan/tests/test_threads

asan: deps
	@$(MAKE) --no-print-directory BUILD=build/asan SANITIZE=address,undefined \
	  OPT= WERROR=$(DEV_WERROR) unit cli-test rules-test hostile-test store-test serve-test

# --- benchmark (shared/bench: json-rules-engine and ZEN side by side) ---------
# The harness installs its Node peers next to itself (npm, from its lock
# file), so it runs from a writable copy. Two runs, each with its own table;
# compare rows within one run only:
#  - the summary: threshold's {id, level, fired} line with no JSON written
#    (--format spec), bench/c_eval, and the peers (BENCH_N cases);
#  - the explained run: threshold's full result (findings, why-not, open
#    questions; --format spec-full reads the line back from the JSON), and
#    with --explain, against ZEN with its trace on (BENCH_TRACE=1), the
#    peer's explained path, on BENCH_FULL_N cases. json-rules-engine and
#    ZEN without trace are left out of it, so "vs best peer" there is
#    against ZEN with trace. BENCH_FULL_N=0 skips it.
SHARED_BENCH ?= ../shared/bench
BENCH_N      ?= 100000
BENCH_FULL_N ?= 20000

bench: all $(BUILD)/bench/hook_cost $(BUILD)/bench/c_eval
	@command -v node >/dev/null && command -v npm >/dev/null || \
	  { echo "bench: needs Node.js >= 18 with npm (make deps installs them)" >&2; exit 1; }
	@rm -rf $(BUILD)/bench-harness
	@cp -R $(SHARED_BENCH) $(BUILD)/bench-harness && chmod -R u+w $(BUILD)/bench-harness
	@echo "== summary run: $(BENCH_N) cases, threshold --format spec (no JSON written)"
	@BENCH_WORK=$(CURDIR)/$(BUILD)/bench-work $(BUILD)/bench-harness/run.sh $(BENCH_N) \
	  'threshold=$(CURDIR)/$(CLI) eval -r $(CURDIR)/bench/rules --format spec --bench -' \
	  'c-evaluator=$(CURDIR)/$(BUILD)/bench/c_eval'
	@echo; echo "The deadline's cost (bench/hook_cost, same cases, one run):"
	@head -n 20000 $(BUILD)/bench-work/cases-$(BENCH_N)-*.jsonl > $(BUILD)/bench-work/hook.jsonl
	@$(BUILD)/bench/hook_cost bench/rules $(BUILD)/bench-work/hook.jsonl 3
	@[ "$(BENCH_FULL_N)" = 0 ] || { echo; \
	  echo "== explained run: $(BENCH_FULL_N) cases, threshold's full results against ZEN with trace"; \
	  BENCH_WORK=$(CURDIR)/$(BUILD)/bench-work-full BENCH_TRACE=1 BENCH_SKIP='jre zen-seq zen-conc' \
	  $(BUILD)/bench-harness/run.sh $(BENCH_FULL_N) \
	  'threshold, full result=$(CURDIR)/$(CLI) eval -r $(CURDIR)/bench/rules --format spec-full --bench -' \
	  'threshold, full result, --explain=$(CURDIR)/$(CLI) eval -r $(CURDIR)/bench/rules --explain --format spec-full --bench -'; }

# The real rule sets over a generated caseload (bench/real_sets.sh): eval
# with full results on BENCH_REAL_N cases, explained (--explain) on the first
# BENCH_REAL_EXPLAIN_N (default a tenth), db import and db eval; cases/s of
# the whole command and inside the engine, and peak memory. One run each.
BENCH_REAL_N ?= 100000
BENCH_REAL_EXPLAIN_N ?=
bench-real: all $(BUILD)/gen_caseload
	@./bench/real_sets.sh $(CURDIR)/$(CLI) $(CURDIR)/$(BUILD)/gen_caseload $(BENCH_REAL_N) \
	  $(CURDIR)/$(BUILD)/bench-work $(BENCH_REAL_EXPLAIN_N)

# threshold serve under load: wrk, 50 connections on loopback for
# BENCH_SERVE_SECONDS against the case page and the evaluate form
# (bench/serve.sh). A benchmark, not a timed test.
BENCH_SERVE_SECONDS ?= 30
bench-serve: all
	@./bench/serve.sh $(CURDIR)/$(CLI) $(CURDIR)/$(BUILD)/gen_caseload $(BENCH_SERVE_SECONDS)

# --- fuzzing (clang libFuzzer + ASan/UBSan) ----------------------------------
# make fuzz FUZZ_SECONDS=N runs each target for N seconds; findings land in
# build/fuzz/crashes and become regression cases in tests/hostile/.
FUZZ_SECONDS ?= 60
FUZZ_DEB     := clang libclang-rt-14-dev
FUZZ_FLAGS   := -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all -g -O1
FUZZ_LIBSRC  := $(ENGINE_SRC) $(BUILD)/gen/prelude_modules.c

fuzz-deps:
	@$(MAKE) --no-print-directory deps DEB_PACKAGES="$(FUZZ_DEB)"

$(BUILD)/fuzz/%: tests/fuzz/%.c $(FUZZ_LIBSRC)
	@mkdir -p $(@D) $(BUILD)/fuzz/crashes
	$(Q)clang -std=c11 -D_POSIX_C_SOURCE=200809L -Iinclude -Iengine $(DEP_CFLAGS) \
	  $(FUZZ_FLAGS) -o $@ $< $(FUZZ_LIBSRC) $(DEP_LIBS)

# The store's import, with the store's sources and its libraries.
$(BUILD)/fuzz/fuzz_import: tests/fuzz/fuzz_import.c $(FUZZ_LIBSRC) $(STORE_SRC)
	@mkdir -p $(@D) $(BUILD)/fuzz/crashes
	$(Q)clang -std=c11 -D_POSIX_C_SOURCE=200809L -Iinclude -Iengine -Istore $(DEP_CFLAGS) \
	  $(FUZZ_FLAGS) -o $@ $< $(FUZZ_LIBSRC) $(STORE_SRC) $(DEP_LIBS)

fuzz: fuzz-deps
	@$(MAKE) --no-print-directory $(BUILD)/fuzz/fuzz_case $(BUILD)/fuzz/fuzz_rules \
	  $(BUILD)/fuzz/fuzz_reader $(BUILD)/fuzz/fuzz_manifest $(BUILD)/fuzz/fuzz_import
	@mkdir -p $(BUILD)/fuzz/corpus-case $(BUILD)/fuzz/corpus-rules $(BUILD)/fuzz/corpus-reader \
	  $(BUILD)/fuzz/corpus-bench $(BUILD)/fuzz/bench-samples $(BUILD)/fuzz/corpus-manifest \
	  $(BUILD)/fuzz/seeds-manifest
	@# the hostile manifests as the fuzzer's set "fm" (a manifest's id names its folder)
	@for f in tests/hostile/manifests/*.lua rules/*/ruleset.lua; do \
	  sed 's/id *= *"[^"]*"/id = "fm"/' "$$f" >$(BUILD)/fuzz/seeds-manifest/$$(echo "$$f" | tr / _); done
	@# the benchmark's samples, one file each: seeds for reading a case flat
	@cd $(BUILD)/fuzz/bench-samples && split -l 1 $(CURDIR)/bench/samples-cases.jsonl sample-
	$(BUILD)/fuzz/fuzz_reader -max_total_time=$(FUZZ_SECONDS) -timeout=10 -rss_limit_mb=2048 \
	  -artifact_prefix=$(BUILD)/fuzz/crashes/reader- $(BUILD)/fuzz/corpus-reader \
	  examples/cases tests/hostile/cases $(BUILD)/fuzz/bench-samples
	$(BUILD)/fuzz/fuzz_case -max_total_time=$(FUZZ_SECONDS) -timeout=10 -rss_limit_mb=2048 \
	  -artifact_prefix=$(BUILD)/fuzz/crashes/case- $(BUILD)/fuzz/corpus-case \
	  examples/cases tests/hostile/cases
	THRESHOLD_FUZZ_RULES=bench/rules $(BUILD)/fuzz/fuzz_case -max_total_time=$(FUZZ_SECONDS) \
	  -timeout=10 -rss_limit_mb=2048 -artifact_prefix=$(BUILD)/fuzz/crashes/case-bench- \
	  $(BUILD)/fuzz/corpus-bench $(BUILD)/fuzz/bench-samples
	$(BUILD)/fuzz/fuzz_rules -max_total_time=$(FUZZ_SECONDS) -timeout=10 -rss_limit_mb=2048 \
	  -artifact_prefix=$(BUILD)/fuzz/crashes/rules- $(BUILD)/fuzz/corpus-rules \
	  tests/hostile/rules rules/core
	$(BUILD)/fuzz/fuzz_manifest -max_total_time=$(FUZZ_SECONDS) -timeout=10 -rss_limit_mb=2048 \
	  -artifact_prefix=$(BUILD)/fuzz/crashes/manifest- $(BUILD)/fuzz/corpus-manifest \
	  $(BUILD)/fuzz/seeds-manifest
	@mkdir -p $(BUILD)/fuzz/corpus-import
	$(BUILD)/fuzz/fuzz_import -max_total_time=$(FUZZ_SECONDS) -timeout=10 -rss_limit_mb=2048 \
	  -max_len=65536 -artifact_prefix=$(BUILD)/fuzz/crashes/import- $(BUILD)/fuzz/corpus-import \
	  tests/fuzz/import-seeds

# --- install ----------------------------------------------------------------
# The rule files installed, relative to rules/; their folders deepest first.
RULE_FILES := $(shell cd rules && find . -type f -name '*.lua' | sed 's|^\./||' | sort)
RULE_DIRS  := $(shell cd rules && find . -mindepth 1 -type d | sed 's|^\./||' | sort -r)
install: all
	install -d $(DESTDIR)$(LIBDIR) $(DESTDIR)$(INCLUDEDIR) $(DESTDIR)$(BINDIR) \
	  $(DESTDIR)$(LIBDIR)/pkgconfig $(DESTDIR)$(RULESDIR)
	install -m 644 $(STATIC_LIB) $(STORE_STATIC) $(DESTDIR)$(LIBDIR)/
	install -m 755 $(SHARED_LIB) $(STORE_SHARED) $(DESTDIR)$(LIBDIR)/
	ln -sf libthreshold.so.$(VERSION) $(DESTDIR)$(LIBDIR)/$(SONAME)
	ln -sf $(SONAME) $(DESTDIR)$(LIBDIR)/libthreshold.so
	ln -sf libthreshold_store.so.$(VERSION) $(DESTDIR)$(LIBDIR)/$(STORE_SONAME)
	ln -sf $(STORE_SONAME) $(DESTDIR)$(LIBDIR)/libthreshold_store.so
	install -m 644 $(HEADER) include/threshold_store.h include/threshold_access.h \
	  $(DESTDIR)$(INCLUDEDIR)/
	install -m 644 $(PC_FILE) $(STORE_PC_FILE) $(DESTDIR)$(LIBDIR)/pkgconfig/
	install -m 755 $(CLI) $(DESTDIR)$(BINDIR)/
	@for f in $(RULE_FILES); do \
	  install -D -m 644 "rules/$$f" "$(DESTDIR)$(RULESDIR)/$$f" || exit 1; done
	install -D -m 644 man/threshold.1 $(DESTDIR)$(MANDIR)/man1/threshold.1
	install -D -m 644 man/threshold-rules.5 $(DESTDIR)$(MANDIR)/man5/threshold-rules.5
	install -D -m 644 man/libthreshold.3 $(DESTDIR)$(MANDIR)/man3/libthreshold.3
	install -D -m 644 completion/threshold.bash $(DESTDIR)$(COMPLETIONDIR)/threshold

# Exactly the files install wrote, then the folders it made if they are
# empty: a local rule set kept in share/threshold/rules stays.
uninstall:
	rm -f $(DESTDIR)$(LIBDIR)/libthreshold.a \
	  $(DESTDIR)$(LIBDIR)/libthreshold.so.$(VERSION) \
	  $(DESTDIR)$(LIBDIR)/$(SONAME) $(DESTDIR)$(LIBDIR)/libthreshold.so \
	  $(DESTDIR)$(LIBDIR)/libthreshold_store.a \
	  $(DESTDIR)$(LIBDIR)/libthreshold_store.so.$(VERSION) \
	  $(DESTDIR)$(LIBDIR)/$(STORE_SONAME) $(DESTDIR)$(LIBDIR)/libthreshold_store.so \
	  $(DESTDIR)$(INCLUDEDIR)/threshold.h $(DESTDIR)$(INCLUDEDIR)/threshold_store.h \
	  $(DESTDIR)$(INCLUDEDIR)/threshold_access.h \
	  $(DESTDIR)$(LIBDIR)/pkgconfig/threshold.pc $(DESTDIR)$(LIBDIR)/pkgconfig/threshold_store.pc \
	  $(DESTDIR)$(BINDIR)/threshold
	@for f in $(RULE_FILES); do rm -f "$(DESTDIR)$(RULESDIR)/$$f"; done
	@for d in $(RULE_DIRS) .; do \
	  rmdir "$(DESTDIR)$(RULESDIR)/$$d" 2>/dev/null || true; done
	@rmdir "$(DESTDIR)$(DATADIR)/threshold" 2>/dev/null || true
	rm -f $(DESTDIR)$(MANDIR)/man1/threshold.1 $(DESTDIR)$(MANDIR)/man5/threshold-rules.5 \
	  $(DESTDIR)$(MANDIR)/man3/libthreshold.3 $(DESTDIR)$(COMPLETIONDIR)/threshold

# A source tarball of what git tracks at HEAD, checked to build and pass
# the unit and CLI tests from its own folder.
DIST := threshold-$(VERSION)
dist:
	@mkdir -p $(BUILD)
	git archive --format=tar.gz --prefix=$(DIST)/ -o $(BUILD)/$(DIST).tar.gz HEAD
	@echo "$(BUILD)/$(DIST).tar.gz"

distcheck: dist
	@rm -rf $(BUILD)/distcheck && mkdir -p $(BUILD)/distcheck
	@tar -xzf $(BUILD)/$(DIST).tar.gz -C $(BUILD)/distcheck
	@$(MAKE) --no-print-directory -C $(BUILD)/distcheck/$(DIST) all cli-test
	@rm -rf $(BUILD)/distcheck

FORCE:

clean:
	rm -rf build

-include $(shell find $(BUILD) -name '*.d' 2>/dev/null)
