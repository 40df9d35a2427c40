#!/bin/sh
# Per-project SRX 2.0 segmentation rules: `yaku config segmentation.srx FILE`
# checks the file and stores its content; `yaku add` then cuts sentences by
# them (a break="yes" rule adds a boundary, break="no" removes one, cascade
# applies the maps in order); new rules re-cut unchanged files like changed
# ones (changed segments fuzzy, translations kept); "" removes the rules.
# A bad or hostile SRX file exits 2 and leaves the project as it was; a
# runaway pattern fails the add (exit 2) instead of hanging it.
. "$(dirname "$0")/lib.sh"
command -v sqlite3 >/dev/null 2>&1 || { fail "sqlite3 is installed (Debian sqlite3, DEB_TEST)"; finish; }

p=$TMP/proj
new_project "$p" ja
cd "$p"
mkdir -p doc
cat >doc/rules.md <<'EOF'
# 规则

第一句；第二句。第三句！还有一句。

Contact Mgr. Smith today. Then run `make a. B` now.
EOF

# rules1: Chinese breaks after "；" and not between "！" and "还有"; with
# cascade, zh-Hans also gets the default rules: no break after "Mgr.", and
# a break after every ". " (which must not reach inside the code span).
cat >rules1.srx <<'EOF'
<?xml version="1.0" encoding="UTF-8"?>
<srx xmlns="http://www.lisa.org/srx20" version="2.0">
  <header segmentsubflows="yes" cascade="yes"/>
  <body>
    <languagerules>
      <languagerule languagerulename="Chinese">
        <rule break="yes"><beforebreak>；</beforebreak><afterbreak></afterbreak></rule>
        <rule break="no"><beforebreak>！</beforebreak><afterbreak>还有</afterbreak></rule>
      </languagerule>
      <languagerule languagerulename="Default">
        <rule break="no"><beforebreak>\bMgr\.</beforebreak><afterbreak>\s</afterbreak></rule>
        <rule break="yes"><beforebreak>\.</beforebreak><afterbreak>\s</afterbreak></rule>
      </languagerule>
    </languagerules>
    <maprules>
      <languagemap languagepattern="zh.*" languagerulename="Chinese"/>
      <languagemap languagepattern=".*" languagerulename="Default"/>
    </maprules>
  </body>
</srx>
EOF
# rules2: no more break after "；"
sed '/<beforebreak>；<\/beforebreak><afterbreak><\/afterbreak>/d' rules1.srx >rules2.srx

sources() { # prints the chapter's active sources as a JSON list
    "$YAKU" list segments --chapter rules --json |
        "$PY" -c 'import json,sys; print(json.dumps([s["source"] for s in json.load(sys.stdin)], ensure_ascii=False))'
}

need "add without rules" yaku add doc/rules.md
assert_eq "without rules: ICU and the built-in exceptions" \
    '["规则", "第一句；第二句。", "第三句！", "还有一句。", "Contact Mgr.", "Smith today.", "Then run `make a. B` now."]' \
    "$(sources)"

# --- set the rules ------------------------------------------------------
assert_ok yaku config segmentation.srx rules1.srx
assert_ok yaku config segmentation.srx
assert_same_file "config segmentation.srx prints the stored rules" rules1.srx "$OUT"
assert_ok yaku config --list
assert_contains "config --list summarises the stored rules" "$OUT" "segmentation.srx = ("
mv rules1.srx rules1.kept # the project keeps the content, not the path
assert_ok yaku add doc/rules.md
assert_not_contains "the unchanged file is cut anew" "$OUT" "unchanged"
assert_eq "with rules1: break after ；, none between ！ and 还有, none after Mgr., code span whole" \
    '["规则", "第一句；", "第二句。", "第三句！还有一句。", "Contact Mgr. Smith today.", "Then run `make a. B` now."]' \
    "$(sources)"
assert_ok yaku add doc/rules.md
assert_contains "same file, same rules: unchanged" "$OUT" "unchanged"

# --- translate, then change the rules -----------------------------------
need "export ja" yaku export --lang ja -o ja.po
po_fill ja.po ja-filled.po '«JA»' >/dev/null
need "import the translations" yaku import ja-filled.po
assert_ok yaku list segments --chapter rules --lang ja --json
cp "$OUT" before.json
assert_ok yaku config segmentation.srx rules2.srx
assert_ok yaku add doc/rules.md
assert_contains "re-add with new rules reports the change" "$OUT" "changed (now fuzzy)"
assert_ok yaku list segments --chapter rules --lang ja --json
cp "$OUT" after.json
assert_py "new rules: the re-joined sentence is fuzzy with a previous target, the others keep theirs" '
before, after = load(sys.argv[1]), load(sys.argv[2])
by = {s["source"]: s for s in after}
assert [s["source"] for s in after] == ["规则", "第一句；第二句。", "第三句！还有一句。",
    "Contact Mgr. Smith today.", "Then run `make a. B` now."], [s["source"] for s in after]
j = by["第一句；第二句。"]
assert j["state"] == "fuzzy", j
assert j["target"] in ("«JA»第一句；", "«JA»第二句。"), j
for s in before:
    if s["source"] in ("第一句；", "第二句。"):
        continue
    a = by[s["source"]]
    assert a["state"] == "translated" and a["target"] == "«JA»" + s["source"], (s, a)
    assert a["id"] == s["id"], (s, a)
' before.json after.json
need "export after the change" yaku export --lang ja -o ja2.po
po_json ja2.po >ja2.json
assert_py "export: the re-joined entry is fuzzy with #| msgid of its previous source" '
e = [e for e in load(sys.argv[1])["entries"] if e["msgid"] == "第一句；第二句。" and not e["obsolete"]]
assert len(e) == 1 and "fuzzy" in e[0]["flags"], e
assert e[0]["prev_msgid"] in ("第一句；", "第二句。"), e[0]
' ja2.json
assert_ok yaku build --lang ja --fallback source -o out-ja
assert_file "build after re-cutting" out-ja/doc/rules.md

# --- remove the rules ---------------------------------------------------
assert_ok yaku config segmentation.srx ""
assert_ok yaku config segmentation.srx
assert_eq "no rules stored" "" "$(cat "$OUT")"
assert_ok yaku add doc/rules.md
assert_eq "without rules again: the default boundaries" \
    '["规则", "第一句；第二句。", "第三句！", "还有一句。", "Contact Mgr.", "Smith today.", "Then run `make a. B` now."]' \
    "$(sources)"
assert_ok yaku config segmentation.srx rules2.srx
need "add with rules2" yaku add doc/rules.md

# --- bad files: exit 2, message with file:line, project unchanged --------
# refused WHAT NEEDLE FILE   (the stored rules2 must survive)
refused() {
    before=$(db_state "$p")
    assert_exit 2 yaku config segmentation.srx "$3"
    assert_contains "$1: the message says why" "$ERR" "$2"
    assert_unchanged "$1: project unchanged" "$p" "$before"
}
printf '<srx version="2.0">\n<body>\n<languagerules>\n</body></srx>\n' >bad-xml.srx
refused "malformed XML" "bad-xml.srx:5:1: error: premature end of data" bad-xml.srx
printf '<srx version="2.0"><body><languagerules>\n<languagerule>\n<rule/></languagerule>\n</languagerules></body></srx>\n' >no-name.srx
refused "languagerule without languagerulename" "no-name.srx:2:1: error: <languagerule> without a languagerulename" no-name.srx
printf '<srx version="2.0"><body><languagerules><languagerule languagerulename="x">\n<rule>\n<beforebreak>[a-</beforebreak></rule></languagerule></languagerules></body></srx>\n' >bad-re.srx
refused "invalid regular expression" "bad-re.srx:3:1: error: invalid regular expression in <beforebreak> '[a-'" bad-re.srx
printf '<srx version="2.0"><body><languagerules><languagerule languagerulename="x">\n<rule><beforebreak>\377</beforebreak></rule></languagerule></languagerules></body></srx>\n' >bad-utf8.srx
refused "invalid UTF-8" "bad-utf8.srx:2:" bad-utf8.srx
assert_contains "invalid UTF-8: named" "$ERR" "invalid UTF-8"
printf '<?xml version="1.0"?>\n<!DOCTYPE srx [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>\n<srx version="2.0"><body><languagerules><languagerule languagerulename="&xxe;"/></languagerules></body></srx>\n' >xxe.srx
refused "external entity" "entity declarations are not allowed" xxe.srx
{
    printf '<?xml version="1.0"?>\n<!DOCTYPE srx [\n <!ENTITY a "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa">\n'
    prev=a
    for e in b c d e f g h i j; do
        printf ' <!ENTITY %s "&%s;&%s;&%s;&%s;&%s;&%s;&%s;&%s;&%s;&%s;">\n' $e $prev $prev $prev $prev $prev $prev $prev $prev $prev $prev
        prev=$e
    done
    printf ']>\n<srx version="2.0"><body>&j;</body></srx>\n'
} >bomb.srx
refused "entity bomb" "entity declarations are not allowed" bomb.srx
printf '<srx version="1.0"><body/></srx>\n' >v1.srx
refused "SRX 1.0" "yaku reads SRX 2.0" v1.srx
printf '<srx version="2.0"><body><maprules>\n<languagemap languagepattern="zh.*" languagerulename="nope"/></maprules></body></srx>\n' >dangling.srx
refused "languagemap to an undefined languagerule" "dangling.srx:2:1: error: languagemap names languagerule 'nope'" dangling.srx
refused "missing file" "cannot open" no-such.srx
"$PY" -c 'import sys; open(sys.argv[1], "w").write("<srx version=\"2.0\"><body>" + " " * (4 << 20) + "</body></srx>")' big.srx
refused "file over 4 MiB" "larger than" big.srx
assert_ok yaku config segmentation.srx
assert_same_file "the stored rules are still rules2" rules2.srx "$OUT"

# --- the shipped example -------------------------------------------------
printf '# 示例\n\n一是开放；二是透明。请联系 Univ. Tokyo 的老师。\n' >doc/example.md
assert_ok yaku config segmentation.srx ""
need "add the example document without rules" yaku add doc/example.md
"$YAKU" list segments --chapter example --json >example0.json
assert_ok yaku config segmentation.srx "$EXAMPLES/segmentation.srx"
assert_ok yaku add doc/example.md
"$YAKU" list segments --chapter example --json >example1.json
assert_py "examples/segmentation.srx: a break after ； before Han, none after Univ." '
plain = [s["source"] for s in load(sys.argv[1])]
ruled = [s["source"] for s in load(sys.argv[2])]
assert plain == ["示例", "一是开放；二是透明。", "请联系 Univ.", "Tokyo 的老师。"], plain
assert ruled == ["示例", "一是开放；", "二是透明。", "请联系 Univ. Tokyo 的老师。"], ruled
' example0.json example1.json

# --- a runaway pattern: accepted (it compiles) but add stops with exit 2 --
cat >slow.srx <<'EOF'
<srx version="2.0"><body><languagerules><languagerule languagerulename="x">
<rule break="no"><beforebreak>(a+)+b</beforebreak></rule>
</languagerule></languagerules>
<maprules><languagemap languagepattern=".*" languagerulename="x"/></maprules></body></srx>
EOF
assert_ok yaku config segmentation.srx slow.srx
"$PY" -c 'print("# 慢\n\n" + "a" * 5000 + "。结束。")' >doc/slow.md
before=$(db_state "$p")
if command -v timeout >/dev/null 2>&1; then
    assert_exit 2 timeout 60 "$YAKU" add doc/slow.md
else
    assert_exit 2 yaku add doc/slow.md
fi
assert_contains "runaway pattern: paragraph and rule named" "$ERR" \
    "doc/slow.md:3:1: error: the segmentation rule on line 2 of segmentation.srx is too slow"
assert_unchanged "runaway pattern: project unchanged" "$p" "$before"

finish
