#!/bin/sh
# Optimistic import (SPEC §6): an exported PO carries each segment's
# revision ("#. yaku-rev: N"); importing an entry whose segment changed since
# is refused for that entry, reported with both versions, and kept in the
# history; the rest goes in.  An entry left as exported is not a conflict.
. "$(dirname "$0")/lib.sh"

p=$TMP/proj
new_project "$p" ja
cd "$p"
need "add the report" yaku add report/ch01-overview.md report/ch02-community.md
need "member tr" yaku member add tr@example.org --role translator
need "member ed" yaku member add ed@example.org --role editor
need "tr claims ch01" yaku --as tr@example.org claim ch01-overview --lang ja
need "export a.po" yaku export --lang ja --chapter ch01-overview -o a.po
assert_contains "the export carries revisions" a.po "#. yaku-rev: 0"
po_fill a.po a1.po "一稿" --chapter ch01-overview >/dev/null
need "tr imports the first draft" yaku --as tr@example.org import a1.po

need "tr exports again (revision 1)" yaku export --lang ja --chapter ch01-overview -o b.po
assert_contains "revision 1 now" b.po "#. yaku-rev: 1"
# meanwhile the editor changes ch01-overview:1 (revision 2)
need "ed exports" yaku export --lang ja --chapter ch01-overview -o e.po
"$PY" - e.po e1.po <<'PY'
import sys, re
src = open(sys.argv[1], encoding="utf-8").read()
# replace the msgstr of the first entry whose msgctxt is ch01-overview:1
i = src.index('msgctxt "ch01-overview:1"')
j = src.index("msgstr ", i)
k = src.index("\n\n", j) if "\n\n" in src[j:] else len(src)
src = src[:j] + 'msgstr "編集者の訳"' + src[k:]
open(sys.argv[2], "w", encoding="utf-8").write(src)
PY
need "ed imports a change of ch01-overview:1" yaku --as ed@example.org import e1.po

# tr edits the old export: ch01-overview:1 is stale now, the others are not
po_fill b.po b1.po "二稿" --chapter ch01-overview >/dev/null
yk --as tr@example.org import b1.po
assert_eq "a stale entry makes import exit 3" 3 "$rc"
assert_contains "the stale entry is named" "$ERR" "[ch01-overview:1]"
assert_contains "with the exported and current revisions" "$ERR" "revision 1, now 2"
assert_contains "with the current text" "$ERR" "current: \"編集者の訳\""
assert_contains "and the refused text" "$ERR" "yours: \"二稿"
assert_not_contains "only that entry is refused" "$ERR" "[ch01-overview:2]"
assert_ok yaku list segments --lang ja --chapter ch01-overview --json
assert_py "the rest went in, the stale one kept the editor's text" '
s = load(sys.argv[1])
assert s[0]["target"] == "編集者の訳", s[0]
assert all(x["target"].startswith("二稿") for x in s[1:]), [x for x in s[1:] if not x["target"].startswith("二稿")][:2]
' "$OUT"
assert_ok yaku log ch01-overview:1 --json
assert_py "history has both versions: the editor's and the refused one" '
h = load(sys.argv[1])
acts = [(x["action"], x["who"]) for x in h]
assert acts == [("import", "tr@example.org"), ("import", "ed@example.org"),
                ("import-conflict", "tr@example.org")], acts
assert h[1]["target"] == "編集者の訳", h[1]
assert h[2]["target"].startswith("二稿"), h[2]
assert h[2]["note"] == "exported at revision 1, now at 2", h[2]
' "$OUT"
assert_ok yaku log ch01-overview:1
assert_contains "log shows the refused text" "$OUT" "import-conflict"

# re-importing the untouched old export is no conflict: the newer text wins quietly
assert_ok yaku --as tr@example.org import b.po
assert_ok yaku list segments --lang ja --chapter ch01-overview --json
assert_py "nothing was overwritten by the untouched old export" '
s = load(sys.argv[1])
assert s[0]["target"] == "編集者の訳", s[0]
assert s[1]["target"].startswith("二稿"), s[1]
' "$OUT"

# the revision survives a gettext round trip
if command -v msgcat >/dev/null 2>&1; then
    need "fresh export" yaku export --lang ja --chapter ch01-overview -o c.po
    po_fill c.po c1.po "三稿" --chapter ch01-overview >/dev/null
    need "msgcat round trip" msgcat c1.po -o c2.po
    assert_contains "msgcat keeps yaku-rev" c2.po "#. yaku-rev: "
    po_fill c.po c_ed.po "編集" --chapter ch01-overview >/dev/null
    need "ed changes the chapter meanwhile" yaku --as ed@example.org import c_ed.po
    yk --as tr@example.org import c2.po
    assert_eq "stale after msgcat: exit 3" 3 "$rc"
    assert_contains "ch01-overview:2 refused after msgcat" "$ERR" "[ch01-overview:2]"
else
    note "skip: msgcat not installed"
fi
finish
