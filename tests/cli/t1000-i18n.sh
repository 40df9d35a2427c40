#!/bin/sh
# yaku's own messages in Japanese and Korean: the catalogues pass msgfmt -c,
# po/yaku.pot is what `make pot` makes now, `yaku --help` and `yaku add
# --help` show the translations, and what scripts read (JSON, exit statuses,
# the "CHAPTER:N: SEVERITY: [CHECK]" and "FILE:LINE: refused: [SEGMENT]"
# prefixes, library error messages) is the same in every locale.
#
# The tests run uninstalled: YAKU_LOCALEDIR points at $BUILD/locale.  Most
# use C.UTF-8 plus LANGUAGE=ja|ko, which glibc honours without ja_JP/ko_KR
# locale data (LANGUAGE is ignored only in the "C" locale); one part builds
# ja_JP.UTF-8 and de_DE.UTF-8 with localedef into LOCPATH for LANG= runs.
. "$(dirname "$0")/lib.sh"

BUILD=${BUILD:-build}
case $BUILD in /*) ;; *) BUILD=$TOP/$BUILD ;; esac
LOCALEDIR=$BUILD/locale
LINGUAS=$(sed 's/#.*//' "$TOP/po/LINGUAS")
# a make run from inside `make test` must not take the outer make's job
# server; the variables given to the outer make (asan's CFLAGS, SAN) stay
make_q() { make -s --no-print-directory -C "$TOP" BUILD="$BUILD" "$@"; }

# in_lang L cmd...   runs cmd with yaku's messages in language L ("en": none)
in_lang() {
    in_lang_l=$1; shift
    [ "$in_lang_l" != en ] || in_lang_l=
    env LC_ALL=C.UTF-8 LANGUAGE="$in_lang_l" YAKU_LOCALEDIR="$LOCALEDIR" "$@"
}
# tr_of L MSGID   the catalogue's translation, looked up by gettext(1), not by yaku
tr_of() { env LC_ALL=C.UTF-8 LANGUAGE="$1" TEXTDOMAINDIR="$LOCALEDIR" gettext -d yaku -- "$2"; }

cd "$TMP"

# --- the catalogues -------------------------------------------------------
assert_eq "po/LINGUAS lists ja and ko" "ja ko" "$(echo $LINGUAS)"
for l in $LINGUAS; do
    assert_ok msgfmt -c -o /dev/null "$TOP/po/$l.po"
    assert_file "make built $l's catalogue" "$LOCALEDIR/$l/LC_MESSAGES/yaku.mo"
    # the .mo is compiled from the current .po (make rebuilds it when the .po changes)
    msgfmt -c -o "$TMP/$l.mo" "$TOP/po/$l.po" 2>/dev/null
    assert_same_file "$l.mo is up to date with po/$l.po" "$TMP/$l.mo" "$LOCALEDIR/$l/LC_MESSAGES/yaku.mo"
    msgfmt --statistics -o /dev/null "$TOP/po/$l.po" 2>"$TMP/stats" || true
    note "po/$l.po: $(cat "$TMP/stats")"
    # every msgid of the template is in the catalogue (make update-po was run)
    if msgcmp "$TOP/po/$l.po" "$TOP/po/yaku.pot" >"$OUT" 2>&1; then pass "po/$l.po has every msgid of po/yaku.pot"
    else fail "po/$l.po has every msgid of po/yaku.pot" "run 'make update-po'" "$(head -n 5 "$OUT")"; fi
done

# --- the template is current ----------------------------------------------
# Compared whole, but for POT-Creation-Date: a new, changed or removed _()
# string or TRANSLATORS comment fails here until `make pot` is run.  The
# template has file names without line numbers, so moving code never does.
if make_q pot POT="$TMP/yaku.pot" >"$OUT" 2>"$ERR" && [ -s "$TMP/yaku.pot" ]; then
    pass "make pot POT=... regenerates the template"
    if diff -I '^"POT-Creation-Date:' "$TOP/po/yaku.pot" "$TMP/yaku.pot" >"$TMP/pot.diff"; then
        pass "po/yaku.pot is up to date"
    else
        fail "po/yaku.pot is up to date (run 'make pot', then 'make update-po')" "$(head -n 20 "$TMP/pot.diff")"
    fi
else
    fail "make pot POT=... regenerates the template" "$(last_output)"
fi
assert_py "the template holds the command table and the option help (N_) and printed messages (_)" '
pot = open(sys.argv[1], encoding="utf-8").read()
for s in ("create a project: source and target languages, title", "show this help",
          "--lang is required", "unknown option \x27--%.*s\x27"):
    assert "msgid \"%s\"" % s.replace("\"", "\\\"") in pot, s
assert pot.count("\nmsgid ") > 200, pot.count("\nmsgid ")
' "$TOP/po/yaku.pot"

# --- translated help --------------------------------------------------------
# help_like what kind en loc [strict|shown]   see i18n_help.py
help_like() {
    what=$1; shift
    if "$PY" "$TESTDIR/i18n_help.py" "$1" "$LOCALEDIR" "$l" "$2" "$3" ${4:-} >"$TMP/.why" 2>&1
    then pass "$what"; else fail "$what" "$(head -n 8 "$TMP/.why")"; fi
}
in_lang en "$YAKU" --help >help.en 2>&1
for l in $LINGUAS; do
    rc=0; in_lang "$l" "$YAKU" --help >"help.$l" 2>&1 || rc=$?
    assert_eq "LANGUAGE=$l yaku --help: exit 0" 0 "$rc"
    help_like "LANGUAGE=$l yaku --help: header, every command's summary, global options translated" \
        main help.en "help.$l"
done

# `yaku add --help` is translated throughout.  The other commands most used
# show the catalogue's text, whatever its progress: a string nobody has
# translated yet shows in English, as gettext does, so a new option does not
# fail here before the translators have had their turn.
for c in init add export import status build claim translate check; do
    in_lang en "$YAKU" "$c" --help >"$c.en" 2>&1
    for l in $LINGUAS; do
        rc=0; in_lang "$l" "$YAKU" "$c" --help >"$c.$l" 2>&1 || rc=$?
        assert_eq "LANGUAGE=$l yaku $c --help: exit 0" 0 "$rc"
        if [ "$c" = add ]; then
            help_like "LANGUAGE=$l yaku add --help: usage, description, every option, examples translated" \
                command "$c.en" "$c.$l" strict
        else
            help_like "LANGUAGE=$l yaku $c --help shows the catalogue's description and option help" \
                command "$c.en" "$c.$l" shown
        fi
    done
done

# Without a catalogue for the language, or with the "C" locale, English.
rc=0; env LC_ALL=C.UTF-8 LANGUAGE=fr YAKU_LOCALEDIR="$LOCALEDIR" "$YAKU" --help >help.fr 2>&1 || rc=$?
assert_same_file "LANGUAGE=fr (no catalogue): English" help.en help.fr
env LC_ALL=C LANGUAGE=ja YAKU_LOCALEDIR="$LOCALEDIR" "$YAKU" --help >help.C 2>&1
assert_same_file "LC_ALL=C LANGUAGE=ja: English (gettext ignores LANGUAGE in the C locale)" help.en help.C
env LC_ALL=C.UTF-8 LANGUAGE=ja YAKU_LOCALEDIR="$TMP/nowhere" "$YAKU" --help >help.none 2>&1
assert_same_file "YAKU_LOCALEDIR without catalogues: English" help.en help.none

# --- machine output does not depend on the locale ----------------------------
p=$TMP/proj
planted_project "$p"
need "member tr" yaku member add tr@example.org --role translator
need "member tr2" yaku member add tr2@example.org --role translator
need "tr claims ch01" yaku --as tr@example.org claim ch01-community --lang ko
need "export ja for a stale import" yaku export --lang ja --chapter ch02-governance -o stale.po
need "review ch02:1 after the export" yaku review --lang ja ch02-governance --reject ch02-governance:1 --note "x"
po_fill stale.po stale1.po "改" --chapter ch02-governance >/dev/null

# same_in_all what args...   the command's stdout and exit status are the same
# under en, ja and ko; and stderr too (library messages and usage keywords)
# unless the message is a translated one (then only its first "yaku: error:"
# or "FILE:LINE: KEYWORD: [ID]" prefix must agree)
same_in_all() {
    what=$1; shift
    in_lang en "$YAKU" "$@" >out.en 2>err.en; rc_en=$?
    for l in $LINGUAS; do
        in_lang "$l" "$YAKU" "$@" >"out.$l" 2>"err.$l"; rc_l=$?
        assert_eq "$what: exit status under $l" "$rc_en" "$rc_l"
        assert_same_file "$what: stdout under $l" out.en "out.$l"
    done
}
prefixes() { # file   the machine-read part of compiler-style lines
    sed -n 's/^\([^ ]*: \(error\|warning\|info\|refused\): \(\[[^]]*\]\)\{0,1\}\).*/\1/p' "$1"
}

same_in_all "list chapters --json" list chapters --json
same_in_all "list segments --lang ja --json" list segments --lang ja --json
same_in_all "status --json" status --json
same_in_all "check --format json (findings: exit 1)" check --format json
assert_eq "check --format json found errors" 1 "$rc_en"
assert_py "check --format json is valid and not empty" 'd = load(sys.argv[1]); assert len(d) > 20, len(d)' out.en
same_in_all "check --list --format json" check --list --format json
same_in_all "tm search --json" tm search "开源社区" --lang ja --min 50 --json
same_in_all "log --json" log ch01-community:1 --json
same_in_all "member list --json" member list --json
same_in_all "glossary list --json" glossary list --json
same_in_all "credits --format json" credits --lang ja --format json

# compiler-style text: the prefixes scripts match are the same, the rest is translated
for l in $LINGUAS; do
    in_lang en "$YAKU" check >check.en 2>&1; rc_en=$?
    in_lang "$l" "$YAKU" check >"check.$l" 2>&1; rc_l=$?
    assert_eq "check (text) exit status under $l" "$rc_en" "$rc_l"
    prefixes check.en >pre.en
    prefixes "check.$l" >"pre.$l"
    [ -s pre.en ] && pass "check (text) prints CHAPTER:N: SEVERITY: [CHECK] lines" || fail "check (text) prints findings"
    assert_same_file "check (text) under $l: the same CHAPTER:N: SEVERITY: [CHECK] prefixes" pre.en "pre.$l"
    if cmp -s check.en "check.$l"; then fail "check (text) under $l: the human part is translated"
    else pass "check (text) under $l: the human part is translated"; fi
done

# the memory's index is built by the first search: not a write of the commands below
"$YAKU" tm search "开源社区" --lang ja >/dev/null 2>&1
before=$(db_state "$p")

# Real locales, made with localedef from Debian's locales package into
# LOCPATH (the machine needs no ja_JP or de_DE locale installed): LANG=ja_JP
# gives the Japanese messages, and a locale writing 12,5 for 12.5 changes
# neither the JSON numbers nor the reading of --fail-under.
LOCS=$TMP/locales
mkdir -p "$LOCS"
localedef -i ja_JP -f UTF-8 "$LOCS/ja_JP.UTF-8" >/dev/null 2>&1
localedef -i de_DE -f UTF-8 "$LOCS/de_DE.UTF-8" >/dev/null 2>&1
if [ -d "$LOCS/ja_JP.UTF-8" ] && [ -d "$LOCS/de_DE.UTF-8" ]; then pass "localedef made ja_JP.UTF-8 and de_DE.UTF-8"
else fail "localedef made ja_JP.UTF-8 and de_DE.UTF-8 (Debian package locales)"; fi
in_locale() { # LANG-VALUE cmd...
    in_locale_v=$1; shift
    env -u LC_ALL -u LC_MESSAGES -u LC_CTYPE LANGUAGE= LOCPATH="$LOCS" LANG="$in_locale_v" \
        YAKU_LOCALEDIR="$LOCALEDIR" "$@"
}
in_locale ja_JP.UTF-8 "$YAKU" --help >help.ja_JP 2>&1
assert_same_file "LANG=ja_JP.UTF-8 yaku --help: Japanese, as with LANGUAGE=ja" "$TMP/help.ja" help.ja_JP
for loc in ja_JP.UTF-8 de_DE.UTF-8; do
    for args in "status --json" "check --format json" "list chapters --json"; do
        in_lang en "$YAKU" $args >out.en 2>/dev/null; rc_en=$?
        in_locale "$loc" "$YAKU" $args >out.loc 2>/dev/null; rc_l=$?
        assert_eq "LANG=$loc $args: exit status" "$rc_en" "$rc_l"
        assert_same_file "LANG=$loc $args: stdout" out.en out.loc
    done
    # a threshold just under the lowest progress is met, one just over is not
    in_lang en "$YAKU" status --json >status.en 2>/dev/null
    low=$("$PY" -c '
import json, sys
d = json.load(open(sys.argv[1]))
print(min(100.0 * sum(c["translated"] + c["reviewed"] for c in l["chapters"])
          / sum(c["total"] for c in l["chapters"]) for l in d["languages"]))' status.en)
    under=$("$PY" -c 'import sys; print("%.2f" % (float(sys.argv[1]) - 0.05))' "$low")
    over=$("$PY" -c 'import sys; print("%.2f" % (float(sys.argv[1]) + 0.05))' "$low")
    rc=0; in_locale "$loc" "$YAKU" status --fail-under "$under" >/dev/null 2>&1 || rc=$?
    assert_eq "LANG=$loc status --fail-under $under: met (exit 0)" 0 "$rc"
    rc=0; in_locale "$loc" "$YAKU" status --fail-under "$over" >/dev/null 2>&1 || rc=$?
    assert_eq "LANG=$loc status --fail-under $over: not met (exit 1)" 1 "$rc"
done
in_locale de_DE.UTF-8 "$YAKU" status --json >status.de 2>/dev/null
assert_py "status --json under de_DE.UTF-8 is valid JSON with decimal points" '
d = load(sys.argv[1])
p = [c["percent"] for l in d["languages"] for c in l["chapters"]]
assert any(x != int(x) for x in p), p
' status.de

# translated labels line up: padding counts terminal columns, not bytes
for l in $LINGUAS; do
    in_lang "$l" "$YAKU" status >"status.$l" 2>&1
    assert_py "status under $l: the progress bars of the chapters and of the total line up" '
import unicodedata
def col(s):
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in s)
rows = [l for l in open(sys.argv[1], encoding="utf-8").read().splitlines() if "[" in l]
assert len(rows) >= 6, rows
assert any(not l.lstrip().startswith("ch0") for l in rows), rows   # the translated total rows
assert len({col(l[:l.index("[")]) for l in rows}) == 1, rows
' "status.$l"
done

# refusals: exit 3, the same messages (they come from the library, in
# English) and the same "FILE:LINE: refused: [SEGMENT]" lines
same_in_all "a claim held by someone else (exit 3)" --as tr2@example.org claim ch01-community --lang ko
assert_eq "claim held by someone else: exit 3" 3 "$rc_en"
for l in $LINGUAS; do assert_same_file "claim refusal on stderr under $l" err.en "err.$l"; done

# usage errors: exit 2, "yaku: error:" stays, the message is translated
same_in_all "unknown option (exit 2)" list chapters --bogus
assert_eq "unknown option: exit 2" 2 "$rc_en"
for l in $LINGUAS; do
    assert_contains "unknown option under $l: 'yaku: error:' kept" "err.$l" "yaku: error: "
    assert_contains "unknown option under $l: message translated" "err.$l" \
        "yaku: error: $(tr_of "$l" "unknown option '--%.*s'" | sed "s/%\.\*s/bogus/")"
done
same_in_all "a bad input file (exit 2, file:line: error:)" import "$TOP/tests/cli/lib.sh"
assert_eq "bad input file: exit 2" 2 "$rc_en"
for l in $LINGUAS; do assert_same_file "bad input error on stderr under $l" err.en "err.$l"; done
assert_unchanged "refused and bad commands under every locale wrote nothing" "$p" "$before"
# (a refused import is recorded in the history, so it comes last)
for l in en $LINGUAS; do
    in_lang "$l" "$YAKU" import stale1.po >"out.$l" 2>"err.$l"; rc=$?
    assert_eq "a stale import under $l: exit 3" 3 "$rc"
    assert_contains "a stale import under $l: the entry is refused" "err.$l" \
        "stale1.po:"
done
prefixes err.en >pre.en
assert_contains "a stale import prints FILE:LINE: refused: [SEGMENT]" pre.en ": refused: [ch02-governance:1]"
for l in $LINGUAS; do
    assert_same_file "a stale import under $l: the same refusals on stderr" err.en "err.$l"
done

# --- install / uninstall ------------------------------------------------------
# The installed yaku reads PREFIX/share/locale, which under DESTDIR it cannot
# reach: check the files land there, and that the installed catalogue works
# through the override.
dest=$TMP/dest
if make_q install DESTDIR="$dest" PREFIX=/usr/local >"$OUT" 2>"$ERR"; then pass "make install DESTDIR=... PREFIX=/usr/local"
else fail "make install DESTDIR=... PREFIX=/usr/local" "$(last_output)"; fi
for l in $LINGUAS; do
    assert_same_file "installed $l catalogue" "$LOCALEDIR/$l/LC_MESSAGES/yaku.mo" \
        "$dest/usr/local/share/locale/$l/LC_MESSAGES/yaku.mo"
done
assert_same_file "installed man page" "$TOP/docs/yaku.1" "$dest/usr/local/share/man/man1/yaku.1"
assert_file "installed binary" "$dest/usr/local/bin/yaku"
env LC_ALL=C.UTF-8 LANGUAGE=ko YAKU_LOCALEDIR="$dest/usr/local/share/locale" \
    "$dest/usr/local/bin/yaku" add --help >add.installed 2>&1
assert_same_file "installed yaku with the installed ko catalogue" "$TMP/add.ko" add.installed
if make_q uninstall DESTDIR="$dest" PREFIX=/usr/local >"$OUT" 2>"$ERR"; then pass "make uninstall"
else fail "make uninstall" "$(last_output)"; fi
left=$(cd "$dest" && find . -type f | sort)
assert_eq "make uninstall leaves no file" "" "$left"

# --- counts take the form for their number --------------------------------
# English has "1 segment" and "2 segments" (ngettext); Japanese and Korean
# have one form, which the catalogues give.
plural_dir=$TMP/plural
mkdir -p "$plural_dir" && cd "$plural_dir"
"$YAKU" init --source zh-Hans --target ja >/dev/null 2>&1
printf '一句话。\n' >one.md
printf '# 标题\n\n两句话。\n' >two.md
in_lang en "$YAKU" add one.md two.md >add.en 2>&1
assert_contains "add: '1 segment' for one" add.en "one.md: 1 segment (chapter"
assert_contains "add: '2 segments' for two" add.en "two.md: 2 segments (chapter two)"
assert_contains "add: '2 files, 3 segments'" add.en "2 files, 3 segments: 3 new"
in_lang en "$YAKU" check --lang ja --chapter one >check.en 2>&1 || true
assert_eq "check: '1 note', not '1 notes'" "0 segments checked: 0 errors, 0 warnings, 1 note" \
    "$(tail -n 1 check.en)"
in_lang ja "$YAKU" check --lang ja >check.ja 2>&1 || true
assert_contains "check in Japanese: the catalogue's one form" check.ja "エラー 0、警告 0、注記 2"
cd "$TMP"

finish
