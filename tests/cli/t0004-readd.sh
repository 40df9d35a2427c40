#!/bin/sh
# Re-adding documents: unchanged -> same ids, same translations; a changed
# sentence -> fuzzy with the old target kept (export shows "#| msgid"); a removed
# one -> archived (not active, its translation still in the project); ids are
# CHAPTER:N in document order.
. "$(dirname "$0")/lib.sh"

p=$TMP/proj
new_project "$p"
cd "$p"
doc=report/ch01-overview.md
need "add ch01" yaku add "$doc"

assert_ok yaku list segments --json
cp "$OUT" segs0.json
assert_py "ids are CHAPTER:N counting from 1 in document order; the title comes first" '
d = load(sys.argv[1])
assert [s["n"] for s in d] == list(range(1, len(d) + 1)), [s["n"] for s in d]
assert all(s["id"] == "ch01-overview:%d" % s["n"] and s["chapter"] == "ch01-overview" for s in d), d[:2]
assert d[0]["source"] == "2024 年开源社区年度报告：总览", d[0]
assert d[1]["source"] == "回顾过去一年里社区的成长、主要项目的发布以及志愿者的贡献。", d[1]
srcs = [s["source"] for s in d]
assert "2024 年是社区发展最快的一年。" in srcs, "sentence segmentation: %r" % srcs[:6]
assert "我们的成员数量第一次超过了一万人！" in srcs, srcs[:6]
' segs0.json

need "export ja" yaku export --lang ja -o ja.po
po_fill ja.po ja-filled.po '«JA»' >/dev/null
need "import filled PO" yaku import ja-filled.po
assert_ok yaku list segments --lang ja --json
cp "$OUT" segs1.json

# 1. unchanged re-add: nothing moves
assert_ok yaku add "$doc"
assert_ok yaku list segments --lang ja --json
assert_eq "re-adding an unchanged file keeps ids, sources, states and targets" \
    "$(cat segs1.json)" "$(cat "$OUT")"
assert_ok yaku list segments --lang ja --state fuzzy --json
assert_py "no fuzzy segment after an unchanged re-add" 'assert load(sys.argv[1]) == []' "$OUT"

# 2. change one sentence, remove one paragraph, re-add
old='我们的成员数量第一次超过了一万人！'
new='我们的成员数量第一次超过了一万两千人！'
removed='上表中的数据来自公开的 API，统计脚本也已开源。'
"$PY" - "$doc" "$old" "$new" "$removed" <<'PYEOF'
import sys
path, old, new, removed = sys.argv[1:]
t = open(path, encoding="utf-8").read()
assert old in t and removed + "\n\n" in t
t = t.replace(old, new).replace(removed + "\n\n", "")
open(path, "w", encoding="utf-8").write(t)
PYEOF
assert_ok yaku add "$doc"
assert_ok yaku list segments --lang ja --json
cp "$OUT" segs2.json
assert_py "changed sentence is fuzzy with the old target, others unchanged" '
before, after = load(sys.argv[1]), load(sys.argv[2])
old, new, removed = sys.argv[3:6]
by_src = {s["source"]: s for s in after}
assert new in by_src, "new sentence not a segment"
s = by_src[new]
assert s["state"] == "fuzzy", s
assert s["target"] == "«JA»" + old, s
assert old not in by_src, "old sentence still active"
for b in before:
    if b["source"] in (old, removed):
        continue
    a = by_src.get(b["source"])
    assert a is not None, ("lost", b)
    assert a["state"] == "translated" and a["target"] == b["target"], (b, a)
' segs1.json segs2.json "$old" "$new" "$removed"
assert_py "removed sentence is no longer an active segment" '
assert sys.argv[2] not in [s["source"] for s in load(sys.argv[1])]
' segs2.json "$removed"
assert_py "ids stay CHAPTER:N, unique, increasing in document order" '
d = load(sys.argv[1])
ns = [s["n"] for s in d]
assert ns == sorted(ns) and len(set(ns)) == len(ns), ns
assert all(s["id"] == "%s:%d" % (s["chapter"], s["n"]) for s in d)
' segs2.json
assert_py "segments before the change keep their ids" '
before, after = load(sys.argv[1]), load(sys.argv[2])
old = sys.argv[3]
for b, a in zip(before, after):
    if b["source"] == old:
        break
    assert (b["id"], b["source"]) == (a["id"], a["source"]), (b, a)
' segs1.json segs2.json "$old"

assert_ok yaku list segments --lang ja --state fuzzy --json
cp "$OUT" fuzzy.json
assert_py "list segments --state fuzzy shows exactly the changed sentence" '
d = load(sys.argv[1])
assert [s["source"] for s in d] == [sys.argv[2]], d
' fuzzy.json "$new"
assert_ok yaku list segments --chapter ch01-overview --lang ja --state fuzzy --json
assert_eq "--chapter with --state gives the same" "$(cat fuzzy.json)" "$(cat "$OUT")"

assert_ok yaku status --lang ja --json
assert_py "status counts one fuzzy segment" '
d = load(sys.argv[1])
c = [c for l in d["languages"] if l["lang"] == "ja" for c in l["chapters"] if c["chapter"] == "ch01-overview"][0]
assert c["fuzzy"] == 1 and c["new"] == 0 and c["percent"] < 100, c
' "$OUT"

need "export after the change" yaku export --lang ja -o ja2.po
po_json ja2.po >ja2.json
assert_py "export: the changed entry is fuzzy, old target kept, #| msgid is the old source" '
po = load(sys.argv[1])
old, new = sys.argv[2:4]
e = [e for e in po["entries"] if e["msgid"] == new and not e["obsolete"]]
assert len(e) == 1, e
e = e[0]
assert "fuzzy" in e["flags"], e
assert e["msgstr"] == "«JA»" + old, e
assert e["prev_msgid"] == old, e
' ja2.json "$old" "$new"
assert_py "export: the removed sentence is not an active entry" '
po = load(sys.argv[1])
assert not [e for e in po["entries"] if e["msgid"] == sys.argv[2] and not e["obsolete"]]
' ja2.json "$removed"
if command -v msgfmt >/dev/null 2>&1; then
    assert_ok msgfmt -c -o /dev/null ja2.po
fi

# The archived translation is still in the project (never deleted): the
# database still holds its target text.
if command -v sqlite3 >/dev/null 2>&1; then
    if sqlite3 yaku.db .dump | grep -qF "«JA»$removed"; then
        pass "archived segment's translation is kept in yaku.db"
    else
        fail "archived segment's translation is kept in yaku.db" "«JA»$removed not in dump"
    fi
fi

# 3. restore the original document: the archived sentence comes back with its
# translation, and the changed one gets its old source and target back.
cp "$EXAMPLES/report/ch01-overview.md" "$doc"
assert_ok yaku add "$doc"
assert_ok yaku list segments --lang ja --json
cp "$OUT" segs3.json
assert_py "restored sentence gets its archived translation back" '
d = {s["source"]: s for s in load(sys.argv[1])}
r = d.get(sys.argv[2])
assert r is not None, "restored sentence not active"
assert r["target"] == "«JA»" + sys.argv[2], r
assert r["state"] in ("translated", "fuzzy"), r
' segs3.json "$removed"
assert_py "sentence changed back: old target, not lost" '
d = {s["source"]: s for s in load(sys.argv[1])}
r = d.get(sys.argv[2])
assert r is not None and r["target"] == "«JA»" + sys.argv[2], r
' segs3.json "$old"

# History keeps every change (log SEGMENT), once log exists.
if has_command log; then
    id=$("$PY" -c 'import json,sys; print([s["id"] for s in json.load(open(sys.argv[1])) if s["source"]==sys.argv[2]][0])' segs2.json "$new")
    assert_ok yaku log "$id"
    assert_contains "log shows the old target" "$OUT" "«JA»$old"
fi

finish
