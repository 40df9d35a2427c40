#!/bin/sh
# Translation memory: tm import of a TMX file, tm search --json (best first,
# scores, origin, diff), pretranslate fills only new segments as fuzzy (never
# a translated one) and export shows the match, tm export -> import in another
# project -> export gives the same file, Translate Toolkit reads the export,
# bad TMX is refused with nothing written.
. "$(dirname "$0")/lib.sh"

SOURCE_DATE_EPOCH=1735689600
export SOURCE_DATE_EPOCH

p=$TMP/proj
new_project "$p"
cd "$p"
need "add the overview chapter" yaku add report/ch01-overview.md

cat >last-year.tmx <<'EOF'
<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE tmx SYSTEM "tmx14.dtd">
<tmx version="1.4">
  <header creationtool="test" creationtoolversion="1" datatype="plaintext" segtype="sentence"
          adminlang="en" srclang="zh-CN" o-tmf="test"/>
  <body>
    <tu creationdate="20240115T090000Z" creationid="mina">
      <tuv xml:lang="zh-CN"><seg>2023 年是社区发展最快的一年。</seg></tuv>
      <tuv xml:lang="ja"><seg>2023 年はコミュニティが最も速く成長した年でした。</seg></tuv>
    </tu>
    <tu creationdate="20240115T090000Z" creationid="mina">
      <tuv xml:lang="zh-CN"><seg>开源项目需要健康的社区。</seg></tuv>
      <tuv xml:lang="ja"><seg>オープンソースプロジェクトには健全なコミュニティが必要です。</seg></tuv>
    </tu>
    <tu creationdate="20240116T090000Z" creationid="jun">
      <tuv xml:lang="zh-CN"><seg>开源项目需要活跃的社区。</seg></tuv>
      <tuv xml:lang="ja"><seg>オープンソースプロジェクトには活発なコミュニティが必要です。</seg></tuv>
    </tu>
    <tu>
      <tuv xml:lang="zh-CN"><seg>请阅读<bpt i="1">&lt;b&gt;</bpt>贡献指南<ept i="1">&lt;/b&gt;</ept>。</seg></tuv>
      <tuv xml:lang="ja"><seg><bpt i="1">&lt;b&gt;</bpt>貢献ガイド<ept i="1">&lt;/b&gt;</ept>をお読みください。</seg></tuv>
      <tuv xml:lang="ko"><seg><bpt i="1">&lt;b&gt;</bpt>기여 가이드<ept i="1">&lt;/b&gt;</ept>를 읽어 주세요.</seg></tuv>
    </tu>
  </body>
</tmx>
EOF

assert_ok yaku tm import last-year.tmx
assert_contains "import reports the units added" "$OUT" "4 units: 5 added"
assert_ok yaku tm import last-year.tmx
assert_contains "a second import adds nothing" "$OUT" "0 added, 5 already in the memory"

assert_ok yaku tm search "开源项目需要健康的社区。" --lang ja --min 70 --json
cp "$OUT" search.json
assert_py "search --json: best first, exact = 100, origin and diff present" '
m = load(sys.argv[1])
assert isinstance(m, list) and len(m) == 2, m
assert [x["score"] for x in m] == sorted([x["score"] for x in m], reverse=True), m
assert m[0]["score"] == 100 and m[0]["source"] == "开源项目需要健康的社区。", m[0]
assert m[0]["target"] == "オープンソースプロジェクトには健全なコミュニティが必要です。", m[0]
assert m[0]["origin"]["kind"] == "tmx" and m[0]["origin"]["file"] == "last-year.tmx", m[0]
assert m[0]["origin"]["translator"] == "mina" and m[0]["date"].startswith("2024-01-15"), m[0]
assert m[1]["score"] == 83 and m[1]["diff"] == "开源项目需要[-活跃-]{+健康+}的社区。", m[1]
' search.json
assert_ok yaku tm search "开源项目需要健康的社区。" --lang ja --min 95 --json
assert_py "--min filters" 'm = load(sys.argv[1]); assert [x["score"] for x in m] == [100], m' "$OUT"
assert_ok yaku tm search "开源项目需要健康的社区。" --lang ja --max 1
assert_contains "text output shows the score and the origin" "$OUT" "100%"
assert_contains "text output shows who" "$OUT" "mina"
assert_exit 2 yaku tm search "开源" --lang ja --min 20
assert_exit 2 yaku tm search "开源"

# Translate two segments of the chapter; the TM sees them at once.
need "export ja" yaku export --lang ja -o ja.po
"$PY" - ja.po ja-part.po <<'PYEOF'
import re, sys
text = open(sys.argv[1], encoding="utf-8").read()
def fill(m):
    ctxt, msgid = m.group(1), m.group(2)
    if ctxt in ("ch01-overview:1", "ch01-overview:3"):
        return m.group(0).replace('msgstr ""', 'msgstr "人手訳：%s"' % msgid)
    return m.group(0)
text = re.sub(r'msgctxt "([^"]*)"\nmsgid "([^"]*)"\nmsgstr ""', fill, text)
open(sys.argv[2], "w", encoding="utf-8").write(text)
PYEOF
assert_ok yaku import ja-part.po
assert_ok yaku list segments --lang ja --json
cp "$OUT" before.json
src3=$("$PY" -c 'import json,sys; print([s["source"] for s in json.load(open(sys.argv[1])) if s["id"]=="ch01-overview:3"][0])' before.json)
assert_ok yaku tm search "$src3" --lang ja --json
assert_py "a translated segment is in the memory (origin project)" '
m = load(sys.argv[1])
assert m and m[0]["score"] == 100 and m[0]["origin"]["kind"] == "project", m
assert m[0]["target"].startswith("人手訳："), m[0]
assert m[0]["origin"]["chapter"] == "ch01-overview", m[0]
' "$OUT"

# pretranslate: the 2024 sentence matches last year's 2023 one (number substituted).
assert_ok yaku pretranslate --lang ja --min 75
assert_contains "pretranslate reports what it filled" "$OUT" "filled as fuzzy"
assert_ok yaku list segments --lang ja --json
cp "$OUT" after.json
assert_py "pretranslate filled the 2024 sentence as fuzzy with the number substituted, touched no translated segment" '
before = {s["id"]: s for s in load(sys.argv[1])}
after = {s["id"]: s for s in load(sys.argv[2])}
filled = [a for i, a in after.items() if before[i]["state"] == "new" and a["state"] != "new"]
assert all(a["state"] == "fuzzy" for a in filled), filled
hit = [a for a in filled if a["source"] == "2024 年是社区发展最快的一年。"]
assert hit and hit[0]["target"] == "2024 年はコミュニティが最も速く成長した年でした。", filled
for i, b in before.items():
    if b["state"] in ("translated", "reviewed", "fuzzy"):
        assert after[i]["state"] == b["state"] and after[i]["target"] == b["target"], (b, after[i])
' before.json after.json

# A translated segment whose source is in the memory with another target stays as it is.
assert_ok yaku pretranslate --lang ja --min 50
assert_ok yaku list segments --lang ja --json
assert_py "a second pretranslate changes nothing already filled or translated" '
a, b = load(sys.argv[1]), load(sys.argv[2])
da = {s["id"]: (s["state"], s["target"]) for s in a}
for s in b:
    if da[s["id"]][0] != "new":
        assert (s["state"], s["target"]) == da[s["id"]], (s, da[s["id"]])
' after.json "$OUT"

assert_ok yaku export --lang ja -o ja2.po
assert_contains "export shows the TM match in the comments" ja2.po "#. tm 92% from tmx"
assert_contains "export gives the matched source as previous msgid" ja2.po '#| msgid "2023 年是社区发展最快的一年。"'
if command -v msgfmt >/dev/null 2>&1; then
    assert_ok msgfmt -c -o /dev/null ja2.po
fi

# TMX export -> import into another project -> export: the same bytes.
assert_ok yaku tm export -o all.tmx
assert_file "tm export writes the file" all.tmx
if command -v xmllint >/dev/null 2>&1; then
    assert_ok xmllint --noout --nonet all.tmx
fi
assert_contains "inline codes are exported as elements" all.tmx '<bpt i="1">&lt;b&gt;</bpt>'
q=$TMP/other
new_project "$q"
assert_ok yaku -C "$q" tm import "$p/all.tmx"
assert_ok yaku -C "$q" tm export -o "$TMP/again.tmx"
assert_same_file "export -> import -> export is identical" all.tmx "$TMP/again.tmx"
assert_ok yaku tm export -o ko.tmx --lang ko
assert_py "--lang keeps one target language" '
import re
t = open(sys.argv[1], encoding="utf-8").read()
assert t.count("<tu ") == 1 and "xml:lang=\"ko\"" in t and "xml:lang=\"ja\"" not in t, t
' ko.tmx

# Translate Toolkit (tmx2po is not shipped by translate-toolkit 3.8; its TMX
# reader is what po2tmx/build_tmdb use) reads the export.
TTPY=/usr/bin/python3
if "$TTPY" -c 'import translate.storage.tmx' 2>/dev/null; then
    assert_py "Translate Toolkit's tmxfile reads every unit of the export" '
import subprocess
code = """
import sys
from translate.storage import tmx
f = tmx.tmxfile.parsefile(sys.argv[1])
us = [u for u in f.units]
srcs = [u.source for u in us]
print(len(us))
assert "开源项目需要健康的社区。" in srcs, srcs
u = [u for u in us if u.source == "开源项目需要健康的社区。"][0]
assert u.target == "オープンソースプロジェクトには健全なコミュニティが必要です。", u.target
"""
r = subprocess.run(["/usr/bin/python3", "-c", code, sys.argv[1]], capture_output=True, text=True)
assert r.returncode == 0, r.stderr
assert int(r.stdout.split()[0]) >= 6, r.stdout
' all.tmx
    if command -v pocount >/dev/null 2>&1; then
        assert_ok pocount all.tmx
    fi
else
    note "skip: Translate Toolkit not installed"
fi

# Bad TMX files: exit 2, file:line, nothing written.
before=$(db_state "$p")
printf '<?xml version="1.0"?>\n<tmx version="1.4"><header srclang="zh-CN"/><body>\n<tu><tuv><seg>a</seg></tuv></tu></body></tmx>\n' >nolang.tmx
assert_exit 2 yaku tm import nolang.tmx
assert_contains "missing xml:lang is reported with file:line" "$ERR" "nolang.tmx:3"
printf '<?xml version="1.0"?>\n<!DOCTYPE tmx [<!ENTITY x SYSTEM "file:///etc/passwd">]>\n<tmx version="1.4"><body/></tmx>\n' >xxe.tmx
assert_exit 2 yaku tm import last-year.tmx xxe.tmx
assert_contains "entity declarations are refused" "$ERR" "entity declarations are not allowed"
printf '<?xml version="1.0"?>\n<tmx version="1.4"><body><tu><tuv xml:lang="zh"><seg>a\377</seg></tuv></tu></body></tmx>\n' >bad8.tmx
assert_exit 2 yaku tm import bad8.tmx
assert_exit 2 yaku tm import missing.tmx
assert_unchanged "refused imports wrote nothing" "$p" "$before"

finish
