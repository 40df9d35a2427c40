# yaku — plain Makefile.  `make help` lists the targets.

PREFIX  ?= /usr/local
DESTDIR ?=
LOCALEDIR ?= $(PREFIX)/share/locale
MANDIR  ?= $(PREFIX)/share/man
CC      ?= cc
BUILD   ?= build

# Debian packages yaku builds and tests with (make deps installs the missing ones).
DEB_BUILD = build-essential pkg-config libicu-dev libxml2-dev libsqlite3-dev libhunspell-dev \
            libcmark-gfm-dev libcmark-gfm-extensions-dev libyaml-dev libzip-dev libcmocka-dev \
            gettext
DEB_TEST  = libxml2-utils sqlite3 po4a translate-toolkit hunspell-ko valgrind clang libclang-rt-14-dev \
            nodejs groff-base mandoc locales \
            epubcheck chromium fonts-noto-cjk
PKGS      = icu-uc icu-i18n libxml-2.0 sqlite3 hunspell yaml-0.1 libzip libcmark-gfm

WARN    = -Wall -Wextra -Werror -Wshadow -Wstrict-prototypes -Wmissing-prototypes -Wvla \
          -Wwrite-strings -Wformat=2
CFLAGS  ?= -O2 -g
PKG_CFLAGS := $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
PKG_LIBS   := $(shell pkg-config --libs $(PKGS) 2>/dev/null) -lcmark-gfm-extensions
ALL_CFLAGS = -std=c11 -D_DEFAULT_SOURCE -pthread $(WARN) $(CFLAGS) $(SAN) -Iinclude -Isrc \
             $(PKG_CFLAGS) -MMD -MP
ALL_LDFLAGS = $(LDFLAGS) $(SAN) -pthread

LIB_SRC  := $(sort $(shell find src -name '*.c' -not -path 'src/cli/*'))
CLI_SRC  := $(sort $(wildcard src/cli/*.c))
TEST_SRC := $(sort $(wildcard tests/unit/test_*.c))
LIB_OBJ  := $(LIB_SRC:%.c=$(BUILD)/%.o)
CLI_OBJ  := $(CLI_SRC:%.c=$(BUILD)/%.o)
TEST_BIN := $(TEST_SRC:tests/unit/%.c=$(BUILD)/tests/%)
FUZZ_NAMES  := $(sort $(patsubst tests/fuzz/fuzz_%.c,%,$(wildcard tests/fuzz/fuzz_*.c)))
FUZZ_REPLAY := $(FUZZ_NAMES:%=$(BUILD)/fuzz/replay_%)
FUZZ_TIME   ?= 60
FUZZ_JOBS   ?= 2
LIB      := $(BUILD)/libyaku.a
BIN      := $(BUILD)/yaku
HASH     := \#
VERSION  := $(shell sed -n 's/^$(HASH)define YAKU_VERSION "\(.*\)"/\1/p' include/yaku/common.h)
# Message catalogues: po/LINGUAS names them, msgfmt compiles po/L.po into
# build/locale/L/LC_MESSAGES/yaku.mo (YAKU_LOCALEDIR=build/locale runs uninstalled).
LINGUAS  := $(shell sed 's/$(HASH).*//' po/LINGUAS)
MO       := $(LINGUAS:%=$(BUILD)/locale/%/LC_MESSAGES/yaku.mo)

.PHONY: all deps check-deps test unit asan valgrind demo bench install uninstall clean help lint \
        format golden-update fuzz fuzz-bin pot update-po FORCE

all: check-deps $(BIN) $(MO)

help:
	@echo "make            build $(BIN)"
	@echo "make deps       install missing Debian packages (apt-get; needs root)"
	@echo "make test       build and run every test (unit, CLI scenarios, round trips, interop)"
	@echo "make asan       the same tests under AddressSanitizer + UndefinedBehaviorSanitizer"
	@echo "make valgrind   an end-to-end flow under valgrind"
	@echo "make fuzz       libFuzzer targets (clang), FUZZ_TIME=$(FUZZ_TIME) seconds each"
	@echo "make demo       install deps, build, run init/add/import/status/build on examples/"
	@echo "make bench      yaku against po4a on a generated 10 MB Markdown corpus"
	@echo "make install    install to PREFIX=$(PREFIX) (DESTDIR honoured): bin, headers, lib,"
	@echo "                yaku.pc, the man page, the message catalogues"
	@echo "make pot        regenerate po/yaku.pot from the _() and N_() strings of src/cli"
	@echo "make update-po  merge po/yaku.pot into every po/L.po (msgmerge)"

# Installs what is missing; says what to run when not root.  npm is looked
# for as a command: a nodejs build that bundles it conflicts with Debian's npm.
deps:
	@missing=""; for p in $(DEB_BUILD) $(DEB_TEST); do \
	  dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q 'install ok installed' || missing="$$missing $$p"; \
	done; \
	command -v npm >/dev/null 2>&1 || missing="$$missing npm"; \
	if [ -z "$$missing" ]; then echo "deps: all Debian packages present"; exit 0; fi; \
	echo "deps: installing$$missing"; \
	if [ "$$(id -u)" != 0 ]; then \
	  echo "deps: not root; run: sudo apt-get update && sudo apt-get install -y$$missing" >&2; exit 1; \
	fi; \
	apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q$$missing

check-deps:
	@for p in $(PKGS); do pkg-config --exists $$p || { \
	  echo "error: pkg-config cannot find '$$p'; run 'make deps' (Debian packages: $(DEB_BUILD))" >&2; exit 1; }; done
	@test -f /usr/include/cmark-gfm-core-extensions.h || { echo "error: missing libcmark-gfm-extensions-dev; run 'make deps'" >&2; exit 1; }

$(BUILD)/%.o: %.c
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -c $< -o $@

# main.c gets LOCALEDIR; the stamp rebuilds it when the directory changes
# (make, then make install PREFIX=/usr), like git's GIT-PREFIX.
$(BUILD)/localedir.stamp: FORCE
	@mkdir -p $(BUILD)
	@echo '$(LOCALEDIR)' | cmp -s - $@ || echo '$(LOCALEDIR)' > $@
$(BUILD)/src/cli/main.o: $(BUILD)/localedir.stamp
$(BUILD)/src/cli/main.o: ALL_CFLAGS += -DLOCALEDIR='"$(LOCALEDIR)"'

$(LIB): $(LIB_OBJ)
	@rm -f $@
	ar rcs $@ $^

$(BIN): $(CLI_OBJ) $(LIB)
	$(CC) $(ALL_LDFLAGS) -o $@ $(CLI_OBJ) $(LIB) $(PKG_LIBS) -lm

$(BUILD)/tests/%: tests/unit/%.c $(LIB)
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) $(shell pkg-config --cflags cmocka) -o $@ $< $(LIB) \
	  $(ALL_LDFLAGS) $(shell pkg-config --libs cmocka) $(PKG_LIBS) -lm

unit: $(TEST_BIN)

$(BUILD)/locale/%/LC_MESSAGES/yaku.mo: po/%.po
	@mkdir -p $(dir $@)
	msgfmt -c -o $@ $<

# The template translators start from.  File names without line numbers, so
# moving code does not change it, and rewritten only when a string or comment
# changed, not for a new POT-Creation-Date; tests/cli/t1000-i18n.sh checks it
# is current.
XGETTEXT_FLAGS = --from-code=UTF-8 --language=C --keyword=_ --keyword=N_ --keyword=P_:1,2 \
                 --add-comments=TRANSLATORS: --add-location=file --sort-by-file \
                 --package-name=yaku --package-version=$(VERSION) \
                 --copyright-holder='the yaku contributors'
POT ?= po/yaku.pot
pot:
	xgettext $(XGETTEXT_FLAGS) -o $(POT).new $(CLI_SRC)
	sed -i '1s/.*/# Messages of yaku, the translation workflow for volunteer communities./' $(POT).new
	if [ -f $(POT) ] && diff -q -I '^"POT-Creation-Date:' $(POT) $(POT).new >/dev/null; \
	then rm -f $(POT).new; else mv $(POT).new $(POT); fi

update-po:
	for l in $(LINGUAS); do msgmerge --quiet --update --backup=none po/$$l.po po/yaku.pot || exit 1; done

# Fuzz targets: replay_<name> runs one over corpus files (make test replays
# tests/fuzz/corpus); fuzz_<name> is the libFuzzer build (make fuzz).
$(BUILD)/fuzz/replay_%: tests/fuzz/fuzz_%.c tests/fuzz/replay.c $(wildcard tests/fuzz/*.h) $(LIB)
	@mkdir -p $(dir $@)
	$(CC) $(filter-out -MMD -MP,$(ALL_CFLAGS)) -o $@ $< tests/fuzz/replay.c $(LIB) \
	  $(ALL_LDFLAGS) $(PKG_LIBS) -lm

$(BUILD)/fuzz/fuzz_%: tests/fuzz/fuzz_%.c $(wildcard tests/fuzz/*.h) $(LIB)
	@mkdir -p $(dir $@)
	$(CC) $(filter-out -MMD -MP,$(ALL_CFLAGS)) -fsanitize=fuzzer -o $@ $< $(LIB) \
	  $(ALL_LDFLAGS) $(PKG_LIBS) -lm

fuzz-bin: $(FUZZ_NAMES:%=$(BUILD)/fuzz/fuzz_%)

# libFuzzer with ASan+UBSan (clang), FUZZ_TIME seconds per target, FUZZ_JOBS at once.
fuzz:
	$(MAKE) BUILD=build-fuzz CC=clang CFLAGS="-O1 -g -fno-omit-frame-pointer -Wno-format-nonliteral" \
	  SAN="-fsanitize=fuzzer-no-link,address,undefined -fno-sanitize-recover=all" fuzz-bin
	FUZZ_TIME=$(FUZZ_TIME) FUZZ_JOBS=$(FUZZ_JOBS) sh tests/fuzz/fuzz.sh build-fuzz $(FUZZ_NAMES)

test: all $(TEST_BIN) $(FUZZ_REPLAY)
	@BUILD=$(BUILD) YAKU=$(abspath $(BIN)) sh tests/run.sh

asan:
	$(MAKE) BUILD=build-asan CFLAGS="-O1 -g -fno-omit-frame-pointer" \
	  SAN="-fsanitize=address,undefined -fno-sanitize-recover=all" test

valgrind: all
	YAKU=$(abspath $(BIN)) sh tests/valgrind.sh

demo: deps
	$(MAKE) all
	YAKU=$(abspath $(BIN)) sh examples/demo.sh

bench: all
	YAKU=$(abspath $(BIN)) sh bench/run.sh

lint:
	@! grep -nE '\b(strcpy|strcat|strncpy|sprintf|strtok|gets|atoi)\(' $(LIB_SRC) $(CLI_SRC) || \
	  { echo "lint: banned function used" >&2; exit 1; }
	@sh tests/lint_includes.sh

format:
	clang-format -i $(LIB_SRC) $(CLI_SRC) $(shell find src include -name '*.h')

install: all
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/lib $(DESTDIR)$(PREFIX)/include/yaku
	install -m 755 $(BIN) $(DESTDIR)$(PREFIX)/bin/yaku
	install -m 644 $(LIB) $(DESTDIR)$(PREFIX)/lib/libyaku.a
	install -m 644 include/yaku/*.h $(DESTDIR)$(PREFIX)/include/yaku/
	install -d $(DESTDIR)$(PREFIX)/lib/pkgconfig
	printf 'prefix=%s\nincludedir=$${prefix}/include\nlibdir=$${prefix}/lib\n\nName: yaku\nDescription: translation workflow library for volunteer communities\nVersion: %s\nRequires.private: %s\nCflags: -I$${includedir}\nLibs: -L$${libdir} -lyaku\nLibs.private: -lcmark-gfm-extensions -lm -pthread\n' \
	  '$(PREFIX)' "$$(sed -n 's/^#define YAKU_VERSION "\(.*\)"/\1/p' include/yaku/common.h)" '$(PKGS)' \
	  > $(DESTDIR)$(PREFIX)/lib/pkgconfig/yaku.pc
	install -d $(DESTDIR)$(MANDIR)/man1
	install -m 644 docs/yaku.1 $(DESTDIR)$(MANDIR)/man1/yaku.1
	for l in $(LINGUAS); do \
	  install -d $(DESTDIR)$(LOCALEDIR)/$$l/LC_MESSAGES && \
	  install -m 644 $(BUILD)/locale/$$l/LC_MESSAGES/yaku.mo $(DESTDIR)$(LOCALEDIR)/$$l/LC_MESSAGES/yaku.mo \
	  || exit 1; \
	done

uninstall:
	rm -f $(DESTDIR)$(PREFIX)/bin/yaku $(DESTDIR)$(PREFIX)/lib/libyaku.a \
	  $(DESTDIR)$(PREFIX)/lib/pkgconfig/yaku.pc
	rm -rf $(DESTDIR)$(PREFIX)/include/yaku
	rm -f $(DESTDIR)$(MANDIR)/man1/yaku.1
	for l in $(LINGUAS); do rm -f $(DESTDIR)$(LOCALEDIR)/$$l/LC_MESSAGES/yaku.mo; done

clean:
	rm -rf build build-asan build-fuzz

-include $(LIB_OBJ:.o=.d) $(CLI_OBJ:.o=.d)
