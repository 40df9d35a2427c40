#!/bin/sh
# Bad input is refused with exit 2 and leaves the project exactly as it was:
# invalid UTF-8, NUL bytes, paths outside the project, truncated PO, PO with an
# unknown msgctxt, PO for a language not in the project, unknown options.
# yaku.db is compared through a SQL dump (WAL-safe, see lib.sh db_state).
. "$(dirname "$0")/lib.sh"

p=$TMP/proj
new_project "$p"
cd "$p"
need "add ch01" yaku add report/ch01-overview.md
need "export ja" yaku export --lang ja -o ja.po
po_fill ja.po ja-filled.po '«JA»' >/dev/null

refused() { # what cmd...   exit 2 and no change
    what=$1; shift
    before=$(db_state "$p")
    assert_exit 2 "$@"
    assert_unchanged "$what: project unchanged" "$p" "$before"
}

# --- sources ---
printf '# 标题\n\n正文\377\376坏字节。\n' >bad-utf8.md
refused "invalid UTF-8 source" yaku add bad-utf8.md
printf '# 标题\n\n\300\257 overlong slash.\n' >overlong.md
refused "overlong UTF-8 encoding" yaku add overlong.md
printf '# 标题\n\n\355\240\200 surrogate.\n' >surrogate.md
refused "UTF-8-encoded surrogate" yaku add surrogate.md
printf '# 标题\n\n正文\000隐藏。\n' >nul.md
refused "NUL byte in source" yaku add nul.md
printf 'line one\n\000\n' >nul.txt
refused "NUL byte in text source" yaku add nul.txt --format txt
# one bad file among good ones: the whole add is one transaction
refused "good file + bad file in one add" yaku add report/ch02-community.md bad-utf8.md
assert_ok yaku list chapters --json
assert_not_contains "the good file of a failed add is not registered" "$OUT" "ch02-community"
# the next files are parsed ahead on a second thread: a bad file in the
# middle stops the add there, with its own error, and nothing is kept
mkdir -p many
for i in 1 2 3 4 5 6; do cp "$EXAMPLES/report/ch02-community.md" "many/g$i.md"; done
cp bad-utf8.md many/g4.md
refused "bad file among many good ones" yaku add many/g1.md many/g2.md many/g3.md many/g4.md many/g5.md many/g6.md
assert_contains "the error names the bad file" "$ERR" "g4.md"
assert_ok yaku list chapters --json
assert_not_contains "no file of the failed add is registered" "$OUT" '"g1"'

mkdir -p "$TMP/outside"
cp "$EXAMPLES/report/ch02-community.md" "$TMP/outside/x.md"
refused "path outside the project (relative)" yaku add ../outside/x.md
refused "path outside the project (absolute)" yaku add "$TMP/outside/x.md"
ln -s "$TMP/outside/x.md" link.md
refused "symlink to a file outside the project" yaku add link.md
refused "missing file" yaku add no-such-file.md
refused "unknown --format" yaku add report/ch02-community.md --format rtf
refused "unknown --segment mode" yaku add notes/slides.txt --format txt --segment word
refused "add without FILE" yaku add

# --- PO imports ---
size=$(wc -c <ja-filled.po)
head -c $((size * 2 / 3)) ja-filled.po >trunc.po
# make sure the cut is inside a string so the file is malformed, not just shorter
printf '\nmsgstr "«JA»unterminated\n' >>trunc.po
refused "truncated PO" yaku import trunc.po
# a file over what one import reads (128 MiB; sparse, so nothing is written)
# is refused before it is read, and the error says how to import it instead
if truncate -s 257M huge.po 2>/dev/null; then
    refused "PO over the import ceiling" yaku import huge.po
    assert_contains "the error gives the way out" "$ERR" "a chapter at a time"
    rm -f huge.po
fi
if command -v msgfmt >/dev/null 2>&1 && msgfmt -c -o /dev/null trunc.po 2>/dev/null; then
    fail "sanity: trunc.po is malformed for msgfmt too"
fi
# A cut that happens to fall between two entries is a valid, shorter PO;
# move the cut until gettext itself calls the file malformed.
cut=$((size / 2))
head -c $cut ja-filled.po >cut.po
while command -v msgfmt >/dev/null 2>&1 && msgfmt -c -o /dev/null cut.po 2>/dev/null && [ $cut -gt 100 ]; do
    cut=$((cut - 7))
    head -c $cut ja-filled.po >cut.po
done
refused "PO cut at an arbitrary byte" yaku import cut.po

"$PY" - ja-filled.po unknown.po <<'PYEOF'
import sys
t = open(sys.argv[1], encoding="utf-8").read()
t += '\nmsgctxt "no-such-chapter:7"\nmsgid "不存在的句子。"\nmsgstr "«JA»存在しない文。"\n'
open(sys.argv[2], "w", encoding="utf-8").write(t)
PYEOF
refused "PO with an unknown msgctxt" yaku import unknown.po

"$PY" - ja-filled.po ctx99.po <<'PYEOF'
import sys, re
t = open(sys.argv[1], encoding="utf-8").read()
t += '\nmsgctxt "ch01-overview:9999"\nmsgid "不存在的句子。"\nmsgstr "«JA»存在しない文。"\n'
open(sys.argv[2], "w", encoding="utf-8").write(t)
PYEOF
refused "PO with a segment number past the chapter's end" yaku import ctx99.po

sed 's/^"Language: ja\\n"$/"Language: fr\\n"/' ja-filled.po >fr.po
if grep -q '^"Language: fr' fr.po; then
    refused "PO whose Language is not a project language" yaku import fr.po
else
    fail "sanity: export has a Language: ja header line" "$(head -n 12 ja.po)"
fi
refused "import --lang for a language not in the project" yaku import --lang fr ja-filled.po
sed 's/^"Language: ja\\n"$/"Language: ko\\n"/' ja-filled.po >mismatch.po
refused "import --lang ja of a PO whose header says ko" yaku import --lang ja mismatch.po
printf '\377\376garbage' >garbage.po
refused "binary garbage as PO" yaku import garbage.po
printf 'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n"Language: ja\\n"\n\nmsgctxt "ch01-overview:1"\nmsgid "2024 年开源社区年度报告：总览"\nmsgstr "\377bad"\n' >badutf8.po
refused "PO with invalid UTF-8 in msgstr" yaku import badutf8.po
printf 'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n"Language: ja\\n"\n\nmsgctxt "ch01-overview:1"\nmsgid "与原文不符的 msgid"\nmsgstr "x"\n' >wrongid.po
before=$(db_state "$p")
run "$YAKU" import wrongid.po
if [ "$rc" -eq 2 ] || [ "$rc" -eq 3 ]; then pass "PO whose msgid does not match the segment's source: refused (exit $rc)"
else fail "PO whose msgid does not match the segment's source: refused (2 or 3)" "got exit $rc" "$(last_output)"; fi
assert_unchanged "msgid mismatch: project unchanged" "$p" "$before"
refused "import of a missing file" yaku import no-such.po

# --- other commands with bad arguments ---
refused "export for a language not in the project" yaku export --lang fr -o fr-out.po
assert_no_file "refused export writes no file" fr-out.po
refused "export unknown chapter" yaku export --lang ja --chapter nope -o nope.po
refused "build for a language not in the project" yaku build --lang fr -o out-fr
assert_no_file "refused build writes no directory" out-fr
refused "build --min-percent out of range" yaku build --lang ja --min-percent 101 -o out-x
refused "build --min-percent not a number" yaku build --lang ja --min-percent lots -o out-x
refused "build --fallback unknown" yaku build --lang ja --fallback guess -o out-x
refused "list segments --state unknown" yaku list segments --state done
refused "list unknown thing" yaku list things

# The good PO still imports after all this.
assert_ok yaku import ja-filled.po
finish
