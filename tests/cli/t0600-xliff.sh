#!/bin/sh
# XLIFF 1.2 (ja) and 2.0 (ko) round trips: export, a CAT tool's edit
# (xlifftool.py fill: text changes, tags are copied, never retyped),
# import, build.  Every target comes back as marker + source byte for byte,
# so each placeholder turned back into exactly its markup, and the built
# Markdown keeps every construct.  Translate Toolkit reads the 1.2 file;
# the 2.0 file passes the structural check of xlifftool.py check2 (and
# xmllint --schema when XLIFF2_XSD names the OASIS core schema).  States go
# both ways, fuzzy units carry their previous source, a stale or unclaimed
# unit is refused (exit 3, the rest goes in), and broken or hostile files
# exit 2 with file:line and leave yaku.db as it was.  export --format tmx
# writes the language's memory.
. "$(dirname "$0")/lib.sh"
xt() { "$PY" "$TESTDIR/xlifftool.py" "$@"; }
TTPY=/usr/bin/python3

p=$TMP/proj
new_project "$p"
cd "$p"
# every kind of inline markup yaku turns into placeholders
cat >report/ch04-markup.md <<'EOF'
# 标记测试

这一段有 **粗体**、*强调*、~~删除线~~、`代码` 和[链接](https://example.org/a "链接标题")。

HTML 也可以：<span class="note">注释</span>，换行<br/>继续。{{< figure src="a.png" >}}

脚注引用[^n]，图片 ![替代文本](b.png)，自动链接 <https://example.org>。

{{< note >}}短代码里的文字。{{< /note >}}

[^n]: 脚注正文。
EOF
need "add the report" yaku add report/ch01-overview.md report/ch02-community.md \
    report/ch03-governance.md report/ch04-markup.md
assert_ok yaku list segments --lang ja --json
cp "$OUT" before.json
nsegs=$("$PY" -c 'import json,sys; print(len(json.load(open(sys.argv[1]))))' before.json)

# ---- XLIFF 1.2 ----
need "export ja as XLIFF 1.2" yaku export --lang ja --format xliff -o ja.xlf
assert_ok yaku export --lang ja --format xliff
assert_eq "export to stdout equals export -o" "$(cat ja.xlf)" "$(cat "$OUT")"
assert_contains "1.2 namespace" ja.xlf 'xmlns="urn:oasis:names:tc:xliff:document:1.2"'
assert_contains "bold as <g> carrying its bytes" ja.xlf \
    '<g id="1" ctype="bold" yaku:start="**" yaku:end="**">粗体</g>'
assert_contains "code span as <ph> holding the code" ja.xlf '<ph id="4" ctype="x-code">`代码`</ph>'
assert_contains "the revision rides in a note" ja.xlf '<note from="yaku">yaku-rev: 0</note>'
assert_ok yaku import ja.xlf
assert_contains "an untouched export imports as all empty" "$OUT" "0 updated, 0 unchanged, $nsegs empty"
assert_ok yaku list segments --lang ja --json
assert_eq "import of an untouched export changes no segment" "$(cat before.json)" "$(cat "$OUT")"

if "$TTPY" -c 'import translate.storage.xliff' 2>/dev/null; then
    assert_py "Translate Toolkit reads the 1.2 file: one unit per segment, ids, sources" '
import subprocess
code = """
import json, sys
from translate.storage import xliff
f = xliff.xlifffile.parsefile(sys.argv[1])
print(json.dumps([[u.getid().split(chr(4))[-1], u.source, u.isfuzzy(), bool(u.target)] for u in f.units]))
"""
r = subprocess.run(["/usr/bin/python3", "-c", code, sys.argv[1]], capture_output=True, text=True)
assert r.returncode == 0, r.stderr
units, segs = json.loads(r.stdout), load(sys.argv[2])
assert len(units) == len(segs), (len(units), len(segs))
assert [u[0] for u in units] == [s["id"] for s in segs], [u[0] for u in units][:5]
plain = [(u, s) for u, s in zip(units, segs) if not re.search(r"[*_`\[\]<>{}~]", s["source"])]
assert len(plain) > 50, len(plain)
for u, s in plain:
    assert u[1] == s["source"], (u, s["source"])
assert not any(u[2] or u[3] for u in units), "new units have no target"
# with markup, Translate Toolkit shows the text between the tags
u = [u for u in units if u[0] == "ch04-markup:2"][0]
assert u[1].startswith("这一段有 粗体、强调、删除线、`代码` 和链接"), u[1]
' ja.xlf before.json
else
    fail "Translate Toolkit is installed (Debian translate-toolkit, DEB_TEST)"
fi

assert_eq "fill every target, tags copied" "$nsegs" "$(xt fill ja.xlf ja-filled.xlf '«JA»')"
assert_ok yaku import ja-filled.xlf
assert_contains "every unit went in" "$OUT" "$nsegs updated"
assert_ok yaku list segments --lang ja --json
cp "$OUT" ja.json
assert_py "every target is the marker + the source, byte for byte (tags became markup)" '
bad = [(s["id"], s["target"]) for s in load(sys.argv[1])
       if s["target"] != "«JA»" + s["source"] or s["state"] != "translated"]
assert not bad, bad[:3]
' ja.json

check_build() { # LANG MARKER JSON
    assert_ok yaku build --lang "$1" -o "out-$1"
    cat "out-$1"/report/*.md >"built-$1.txt"
    assert_py "build ($1): every segment appears with its marker" '
segs = load(sys.argv[1])
text = open(sys.argv[2], encoding="utf-8").read()
flat = text.replace("\n", "")
m = sys.argv[3]
missing = [s["id"] for s in segs if m + s["source"] not in text
           and (m + s["source"]).replace("\n", "") not in flat]
assert not missing, missing[:5]
assert text.count(m) == len(segs), (text.count(m), len(segs))
' "$3" "built-$1.txt" "$2"
    assert_py "build ($1): the Markdown structure of ch04 is kept" '
t = open(sys.argv[1], encoding="utf-8").read()
for piece in ["# " + sys.argv[2] + "标记测试", "**粗体**", "*强调*", "~~删除线~~", "`代码`",
              "[链接](https://example.org/a \"链接标题\")", "<span class=\"note\">注释</span>",
              "<br/>", "{{< figure src=\"a.png\" >}}", "[^n]", "![替代文本](b.png)",
              "<https://example.org>", sys.argv[2] + "{{< note >}}短代码里的文字。{{< /note >}}",
              "[^n]: " + sys.argv[2] + "脚注正文。"]:
    assert piece in t, (piece, t)
' "out-$1/report/ch04-markup.md" "$2"
}
check_build ja "«JA»" ja.json

need "export ja again" yaku export --lang ja --format xliff -o ja2.xlf
xt units ja2.xlf >ja2.json
assert_py "translated goes out as state=translated, approved=yes" '
u = load(sys.argv[1])
assert u and all(x["state"] == "translated" and x["approved"] == "yes" for x in u), u[:2]
' ja2.json

# ---- XLIFF 2.0 ----
need "export ko as XLIFF 2.0" yaku export --lang ko --format xliff2 -o ko.xlf2
assert_contains "2.0 namespace and languages" ko.xlf2 \
    '<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" srcLang="zh-Hans" trgLang="ko">'
assert_contains "unit named by the segment id" ko.xlf2 '<unit id="ch04-markup:2" name="ch04-markup:2"'
assert_contains "markup bytes in originalData" ko.xlf2 '<data id="d1">**</data>'
assert_contains "bold as <pc>" ko.xlf2 '<pc id="1" dataRefStart="d1" dataRefEnd="d1" type="fmt" subType="xlf:b">粗体</pc>'
assert_ok xt check2 ko.xlf2
if [ -n "${XLIFF2_XSD:-}" ] && command -v xmllint >/dev/null 2>&1; then
    assert_ok xmllint --noout --nonet --schema "$XLIFF2_XSD" ko.xlf2
else
    note "XLIFF2_XSD not set: no OASIS schema on this machine or in Debian; structure checked by xlifftool.py check2"
fi
assert_eq "fill every 2.0 target" "$nsegs" "$(xt fill ko.xlf2 ko-filled.xlf2 '«KO»')"
assert_ok xt check2 ko-filled.xlf2
assert_ok yaku import ko-filled.xlf2
assert_contains "every 2.0 unit went in" "$OUT" "$nsegs updated"
assert_ok yaku list segments --lang ko --json
cp "$OUT" ko.json
assert_py "every ko target is the marker + the source" '
bad = [(s["id"], s["target"]) for s in load(sys.argv[1])
       if s["target"] != "«KO»" + s["source"] or s["state"] != "translated"]
assert not bad, bad[:3]
' ko.json
check_build ko "«KO»" ko.json
need "export ko again" yaku export --lang ko --format xliff2 -o ko2.xlf2
assert_ok xt check2 ko2.xlf2
xt units ko2.xlf2 >ko2.json
assert_py "translated goes out as segment state=translated" '
u = load(sys.argv[1])
assert u and all(x["state"] == "translated" and x["has_target"] for x in u), u[:2]
' ko2.json

# ---- stale files ----
# exports made now; the source of ch04-markup:2 and a translation of
# ch01-overview:3 change before they come back
need "export old ja" yaku export --lang ja --format xliff -o old.xlf
need "export old ko" yaku export --lang ko --format xliff2 -o old.xlf2
sed 's/这一段有 \*\*粗体\*\*/这一段含有 **粗体**/' report/ch04-markup.md >ch04.new
mv ch04.new report/ch04-markup.md
need "re-add the changed document" yaku add report/ch04-markup.md
xt fill old.xlf old-filled.xlf '«OLD»' --chapter ch04-markup >/dev/null
yk import old-filled.xlf
assert_eq "a unit whose source changed makes import exit 3" 3 "$rc"
assert_contains "the changed unit is named" "$ERR" "[ch04-markup:2]"
assert_contains "with the reason" "$ERR" "the source changed since this file was exported"
assert_contains "with file:line" "$ERR" "old-filled.xlf:"
assert_ok yaku list segments --lang ja --chapter ch04-markup --json
assert_py "the other units went in, the changed one kept its text" '
s = {x["id"]: x for x in load(sys.argv[1])}
assert s["ch04-markup:3"]["target"] == "«OLD»" + s["ch04-markup:3"]["source"], s["ch04-markup:3"]
assert not s["ch04-markup:2"]["target"].startswith("«OLD»"), s["ch04-markup:2"]
' "$OUT"
xt fill old.xlf2 old-filled.xlf2 '«OLD»' --chapter ch04-markup >/dev/null
yk import old-filled.xlf2
assert_eq "the same from XLIFF 2.0: exit 3" 3 "$rc"
assert_contains "2.0: the changed unit is named" "$ERR" "[ch04-markup:2]"

need "export r.xlf" yaku export --lang ja --format xliff -o r.xlf
xt fill r.xlf ed.xlf '«ED»' --only ch01-overview:3 >/dev/null
need "someone changes ch01-overview:3 meanwhile" yaku import ed.xlf
xt fill r.xlf r-filled.xlf '«R»' --chapter ch01-overview >/dev/null
yk import r-filled.xlf
assert_eq "a unit changed since export makes import exit 3" 3 "$rc"
assert_contains "the stale unit is named with both revisions" "$ERR" "[ch01-overview:3] the translation changed since this file was exported (revision 1, now 2)"
assert_not_contains "only that unit is refused" "$ERR" "[ch01-overview:4]"
assert_ok yaku list segments --lang ja --chapter ch01-overview --json
assert_py "the rest of the stale file went in" '
s = {x["id"]: x for x in load(sys.argv[1])}
assert s["ch01-overview:3"]["target"].startswith("«ED»"), s["ch01-overview:3"]
assert s["ch01-overview:4"]["target"] == "«R»" + s["ch01-overview:4"]["source"], s["ch01-overview:4"]
' "$OUT"

# ---- fuzzy: state and previous source both ways ----
need "export ja with the fuzzy unit" yaku export --lang ja --format xliff -o fz.xlf
xt units fz.xlf >fz.json
assert_py "1.2: the changed unit is fuzzy with its previous source" '
u = {x["id"]: x for x in load(sys.argv[1])}["ch04-markup:2"]
assert u["state"] == "needs-review-translation" and u["approved"] == "no", u
assert u["prev_source"].startswith("这一段有 粗体"), u
' fz.json
assert_contains "the previous source keeps its markup bytes" fz.xlf \
    '<alt-trans alttranstype="previous-version" origin="yaku"><source>这一段有 <g id="1" ctype="bold" yaku:start="**"'
need "export ko with the fuzzy unit" yaku export --lang ko --format xliff2 -o fz.xlf2
assert_ok xt check2 fz.xlf2
xt units fz.xlf2 >fz2.json
assert_py "2.0: initial + yaku:fuzzy, previous source in a note, exactly" '
u = {x["id"]: x for x in load(sys.argv[1])}["ch04-markup:2"]
assert u["state"] == "initial" and u["has_target"], u
assert u["prev_source"].startswith("这一段有 **粗体**、*强调*"), u
' fz2.json
assert_contains "2.0 fuzzy subState" fz.xlf2 'state="initial" subState="yaku:fuzzy"'
assert_ok yaku import fz.xlf
assert_contains "an untouched fuzzy unit changes nothing" "$OUT" "entries: 0 updated,"
assert_ok yaku list segments --lang ja --chapter ch04-markup --state fuzzy --json
assert_py "still fuzzy after the untouched import" '
assert [x["id"] for x in load(sys.argv[1])] == ["ch04-markup:2"], load(sys.argv[1])
' "$OUT"
xt fill fz.xlf fz-done.xlf '«JA2»' --only ch04-markup:2 >/dev/null
assert_ok yaku import fz-done.xlf
xt fill fz.xlf2 fz-done.xlf2 '«KO2»' --only ch04-markup:2 --state initial >/dev/null
assert_ok yaku import fz-done.xlf2
assert_ok yaku list segments --lang ja --chapter ch04-markup --json
assert_py "ja: confirmed in the CAT tool (translated) comes back translated" '
u = {x["id"]: x for x in load(sys.argv[1])}["ch04-markup:2"]
assert u["state"] == "translated" and u["target"] == "«JA2»" + u["source"], u
' "$OUT"
assert_ok yaku list segments --lang ko --chapter ch04-markup --json
assert_py "ko: a target left initial comes back fuzzy" '
u = {x["id"]: x for x in load(sys.argv[1])}["ch04-markup:2"]
assert u["state"] == "fuzzy" and u["target"] == "«KO2»" + u["source"], u
' "$OUT"

# ---- claims ----
need "member tr" yaku member add tr@example.org --role translator
need "member tr2" yaku member add tr2@example.org --role translator
need "tr2 claims ch02 (ko)" yaku --as tr2@example.org claim ch02-community --lang ko
need "export ko ch02" yaku export --lang ko --chapter ch02-community --format xliff2 -o c2.xlf2
xt fill c2.xlf2 c2-filled.xlf2 '«TR»' >/dev/null
yk --as tr@example.org import c2-filled.xlf2
assert_eq "units of a chapter someone else holds are refused: exit 3" 3 "$rc"
assert_contains "the refusal names the holder" "$ERR" "claimed by tr2@example.org"
assert_ok yaku --as tr2@example.org import c2-filled.xlf2
assert_contains "the holder's import goes in" "$OUT" "updated"

# ---- bad and hostile files: exit 2, file:line, nothing written ----
refused() { # what needle file [args]
    what=$1; needle=$2; shift 2
    before=$(db_state "$p")
    assert_exit 2 yaku import "$@"
    assert_contains "$what: says why" "$ERR" "$needle"
    if grep -qE "^(yaku: error: )?$1:[0-9]+" "$ERR"; then pass "$what: names file:line"
    else fail "$what: names file:line" "$(cat "$ERR")"; fi
    assert_unchanged "$what: yaku.db unchanged" "$p" "$before"
}
head -c 3000 ja-filled.xlf >cut.xlf
refused "truncated XML" "cut.xlf:" cut.xlf
sed 's/resname="ch01-overview:2"/resname="ch99:2"/' ja-filled.xlf >unknown.xlf
refused "unknown unit id" "unknown segment 'ch99:2'" unknown.xlf
refused "a ja file imported as ko" "the file is for language 'ja', not 'ko'" ja-filled.xlf --lang ko
sed 's/trgLang="ko"/trgLang="fr"/' ko-filled.xlf2 >fr.xlf2
refused "a language the project does not translate into" "fr" fr.xlf2
sed 's/srcLang="zh-Hans"/srcLang="en"/' ko-filled.xlf2 >en.xlf2
refused "another source language" "source language is 'en'" en.xlf2
"$PY" - ja-filled.xlf badutf8.xlf <<'PYEOF'
import sys
t = open(sys.argv[1], "rb").read()
i = t.index(b"<target", t.index(b'resname="ch01-overview:5"'))
i = t.index(b">", i) + 1
open(sys.argv[2], "wb").write(t[:i] + b"\xe0\x80\xaf" + t[i:])
PYEOF
refused "invalid UTF-8 in a target" "UTF-8" badutf8.xlf
printf '<?xml version="1.0"?>\n<!DOCTYPE xliff [<!ENTITY x SYSTEM "file:///etc/passwd">]>\n<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2"><file original="a" source-language="zh-Hans" target-language="ja" datatype="plaintext"><body><trans-unit id="ch01-overview:1"><source>x</source><target>&x;</target></trans-unit></body></file></xliff>\n' >xxe.xlf
refused "an external entity" "entity declarations are not allowed" xxe.xlf
printf '<?xml version="1.0"?>\n<!DOCTYPE xliff [\n<!ENTITY a "aaaaaaaaaa">\n<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">\n<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">\n]>\n<xliff version="2.0" xmlns="urn:oasis:names:tc:xliff:document:2.0" srcLang="zh-Hans" trgLang="ja"><file id="f"><unit id="u" name="ch01-overview:1"><segment><source>&c;</source></segment></unit></file></xliff>\n' >laughs.xlf2
refused "an entity bomb" "entity declarations are not allowed" laughs.xlf2
sed 's|<target state="translated">«JA»|<target state="translated"><g id="99">x</g>«JA»|' ja-filled.xlf >tag.xlf
refused "a tag the source does not have" "carries no original markup" tag.xlf
sed 's|<data id="d1">\*\*</data>|<data id="d1">**</data><data id="d1">__</data>|' ko-filled.xlf2 >dupdata.xlf2
refused "two <data> with one id" "a second <data id=\"d1\">" dupdata.xlf2
printf '<?xml version="1.0"?>\n<tmx version="1.4"><body/></tmx>\n' >notxliff.xml
refused "XML that is not XLIFF" "not an XLIFF file" notxliff.xml

# ---- export --format tmx ----
need "export ja as TMX" yaku export --lang ja --format tmx -o ja.tmx
need "tm export ja" yaku tm export --lang ja -o tm-ja.tmx
assert_eq "export --format tmx is the language's memory (tm export)" \
    "$(sed 's/ creationdate="[^"]*"//' tm-ja.tmx)" "$(sed 's/ creationdate="[^"]*"//' ja.tmx)"
assert_contains "with this session's translations" ja.tmx "«JA»"
assert_not_contains "and only ja" ja.tmx 'xml:lang="ko"'
if command -v xmllint >/dev/null 2>&1; then
    assert_ok xmllint --noout --nonet ja.tmx
fi
need "export one chapter as TMX" yaku export --lang ja --format tmx --chapter ch02-community -o ch02.tmx
assert_py "--chapter keeps that chapter's units" '
t = open(sys.argv[1], encoding="utf-8").read()
ch = re.findall(r"<prop type=\"x-yaku-chapter\">([^<]*)</prop>", t)
assert ch and set(ch) == {"ch02-community"}, set(ch)
assert t.count("<tu ") == len(ch), (t.count("<tu "), len(ch))
' ch02.tmx
assert_exit 2 yaku export --lang ja --format tmx --chapter nope
assert_contains "an unknown chapter is named" "$ERR" "no chapter 'nope'"
assert_exit 2 yaku export --lang ja --format epub
assert_contains "an unsupported format lists the formats" "$ERR" "po, xliff, xliff2, tmx"

finish
