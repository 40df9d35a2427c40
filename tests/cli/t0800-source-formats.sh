#!/bin/sh
# Source formats beyond Markdown and text (SPEC 3): HTML, XHTML, DocBook and
# PO sources.  add detects them by extension (or --format); build --fallback
# source with no translations gives back each file byte for byte; a PO round
# trip with a marker on every msgstr gives translated files whose element
# and attribute structure is the source's (lxml comparison), with every
# translatable text and alt/title value carrying the marker, the language
# attribute following the target, well-formed XHTML/DocBook (xmllint) and a
# translated PO that passes msgfmt -c; the html and epub editions show the
# markup sources as clean HTML (epubcheck); bad inputs exit 2 with yaku.db
# unchanged.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/edition.sh"

FIX=$TESTDIR/fixtures/sources
p=$TMP/proj
new_project "$p" ja,ko
cd "$p"
mkdir -p site
cp "$FIX/ch05-community.html" "$FIX/ch06-events.xhtml" "$FIX/ch07-governance.dbk" \
    "$FIX/site-ui.pot" site/
# an HTML fragment whose extension says nothing: --format decides
cp "$FIX/ch05-community.html" site/sidebar.inc

for f in site/ch06-events.xhtml site/ch07-governance.dbk; do
    assert_ok xmllint --noout --nonet "$f"
done
assert_ok msgfmt -c -o /dev/null site/site-ui.pot

need "add the four formats by extension" \
    yaku add site/ch05-community.html site/ch06-events.xhtml site/ch07-governance.dbk \
    site/site-ui.pot
assert_exit 2 yaku add site/sidebar.inc
assert_contains "an unknown extension asks for --format" "$ERR" "--format"
assert_ok yaku add site/sidebar.inc --format html --chapter sidebar

assert_ok yaku list segments --json
cp "$OUT" segs.json
assert_py "blocks found: headings, paragraphs with inline markup, list items, cells, alt/title, PO messages" '
segs = load(sys.argv[1])
by = {}
for s in segs:
    by.setdefault(s["chapter"], []).append(s)
src = lambda ch: [s["source"] for s in by[ch]]
kinds = lambda ch: {s["source"]: s["kind"] for s in by[ch]}
h = src("ch05-community")
assert "第五章 社区活动 | 2024 中国开源年度报告" in h, h[:3]          # <title>
assert "第五章&nbsp;社区活动" in h, h[:3]                              # entity kept as bytes
assert any("<strong>128 场</strong>" in x for x in h), h
assert any("<a href=\"https://example.org/cities\" title=\"城市列表\">二十个城市</a>" in x for x in h)
assert "技术沙龙" in h and "64" not in h and "5,210" not in h, h
assert kinds("ch05-community")["2024 年各月活动场次柱状图"] == "image alt text"
assert kinds("ch05-community")["数据来源：社区活动登记系统"] == "title"
assert kinds("ch05-community")["技术沙龙"] == "table cell"
assert kinds("ch05-community")["技术分享：平均每场 3 个议题"] == "list item"
assert not any("不要翻译" in x or "不翻译" in x or "不是段落" in x for x in h), h  # comment, code, script
x = src("ch06-events")
assert "大会主会场全景" in x and "摄影：志愿者团队" in x, x
assert not any("报名统计" in s for s in x), x                           # <pre>
d = src("ch07-governance")
assert "第七章 社区治理" in d and "弃权票不计入有效票数。" in d, d
assert not any("tc-vote" in s or "社区运营组" in s for s in d), d           # programlisting, author
assert any("<emphasis>透明</emphasis>" in s for s in d), d
p = by["site-ui"]
assert [s["source"] for s in p] == ["2024 中国开源年度报告", "目录", "下载 PDF",
    "本报告共 %d 章，阅读约需 %d 分钟。", "本报告以 CC BY-SA 4.0 协议发布。\n欢迎转载，但请注明出处。"], p
assert "navigation" in p[1]["kind"] and "button" in p[2]["kind"], p[1:3]
assert len(by["sidebar"]) == len(by["ch05-community"])
' segs.json

# --- identity: no translations, fallback source ---
for lang in ja ko; do
    assert_ok yaku build --lang "$lang" --fallback source -o "same-$lang"
    for f in site/ch05-community.html site/ch06-events.xhtml site/ch07-governance.dbk \
             site/site-ui.pot site/sidebar.inc; do
        assert_same_file "$lang: no translations rebuild $f byte for byte" "$f" "same-$lang/$f"
    done
done

# --- translation round trip ---
need "export ja" yaku export --lang ja -o ja.po
po_fill ja.po ja-filled.po '«JA»' >/dev/null
need "import the marked translations" yaku import ja-filled.po
need "build ja" yaku build --lang ja -o out
for f in site/ch06-events.xhtml site/ch07-governance.dbk; do
    assert_ok xmllint --noout --nonet "out/$f"
done
assert_ok msgfmt -c -o /dev/null out/site/site-ui.pot

# Debian's python3 has lxml and Translate Toolkit (test dependencies)
PY=/usr/bin/python3
assert_py "translated HTML/XHTML/DocBook: same elements and attributes, marker on every translatable text, lang follows the target" '
import re
from lxml import etree, html as lhtml

segs = load(sys.argv[1])
MARK = "«JA»"
CJK = re.compile(r"[\u3400-\u9fff]")
SKIP = {"script", "style", "pre", "code", "programlisting", "screen", "author", "personname",
        "literal", "abbr", "acronym"}
BLOCKS = {"p", "li", "td", "th", "h1", "h2", "h3", "title", "caption", "figcaption", "dt", "dd",
          "para", "entry", "blockquote"}

def local(tag):
    return tag.split("}")[-1] if isinstance(tag, str) else None

def parse(path, kind):
    if kind == "html":
        return lhtml.parse(path, parser=lhtml.HTMLParser(encoding="utf-8")).getroot()
    return etree.parse(path, etree.XMLParser(resolve_entities=False, no_network=True)).getroot()

def nows(s):
    return re.sub(r"\s+", "", s)

for path, chapter, kind in (("site/ch05-community.html", "ch05-community", "html"),
                            ("site/ch06-events.xhtml", "ch06-events", "xml"),
                            ("site/ch07-governance.dbk", "ch07-governance", "xml")):
    a, b = parse(path, kind), parse("out/" + path, kind)
    ea, eb = list(a.iter()), list(b.iter())
    assert len(ea) == len(eb), (path, len(ea), len(eb))
    for x, y in zip(ea, eb):
        assert local(x.tag) == local(y.tag), (path, x.tag, y.tag)
        assert sorted(x.attrib) == sorted(y.attrib), (path, x.tag, x.attrib, y.attrib)
        for k, v in x.attrib.items():
            w = y.attrib[k]
            name = k.split("}")[-1]
            if name == "lang" and x is a:
                assert w == "ja", (path, k, w)
            elif name in ("alt", "title") and CJK.search(v) and local(x.tag) not in ("a", "abbr"):
                assert w == MARK + v, (path, k, v, w)       # an attribute block of its own
            elif name in ("alt", "title"):
                assert w == v or w == MARK + v, (path, k, v, w)
            else:
                assert w == v, (path, k, v, w)
    # every text with CJK characters outside skeleton is in a marked block
    for el in b.iter():
        if not isinstance(el.tag, str):
            continue
        for text, holder in ((el.text, el), (el.tail, el.getparent())):
            if not text or not CJK.search(text) or holder is None:
                continue
            chain = [holder] + list(holder.iterancestors())
            if any(local(c.tag) in SKIP for c in chain):
                continue
            block = next((c for c in chain if local(c.tag) in BLOCKS), None)
            assert block is not None, (path, text)
            assert MARK in "".join(block.itertext()), (path, local(block.tag), text)
    # and every segment shows up marked, whatever the CJK line unwrapping did
    out = nows(open("out/" + path, encoding="utf-8").read())
    for s in segs:
        if s["chapter"] == chapter:
            assert nows(MARK + s["source"]) in out, (path, s["id"], s["source"])
' segs.json

assert_py "translated PO: msgstr = marker + msgid for every message, untranslatable ones empty, header for ja" '
from translate.storage import pypo
store = pypo.pofile.parsefile("out/site/site-ui.pot")
hdr = store.parseheader()
assert hdr.get("Language") == "ja", hdr
assert "charset=UTF-8" in hdr.get("Content-Type", ""), hdr
units = {(u.getcontext(), u.source): u.target for u in store.units if not u.isheader()}
assert units[("", "2024 中国开源年度报告")] == "«JA»2024 中国开源年度报告", units
assert units[("navigation", "目录")] == "«JA»目录", units
assert units[("button", "下载 PDF")] == "«JA»下载 PDF", units
assert units[("", "本报告以 CC BY-SA 4.0 协议发布。\n欢迎转载，但请注明出处。\n")] == \
    "«JA»本报告以 CC BY-SA 4.0 协议发布。\n欢迎转载，但请注明出处。\n", units
assert units[("", "%s%%")] == "", units
'
PY=${PYTHON:-python3}
assert_contains "obsolete entries kept" out/site/site-ui.pot "#: templates/footer.html:3"

# --- the html and epub editions: markup sources as HTML, scripts left out, PO catalogues
# only in the source tree ---
mkdir -p site/img
make_png site/img/events-2024.png 8 6
need "build the html edition" yaku build --lang ja --format html -o web
assert_file "a page for the HTML chapter" web/ch05-community.html
assert_file "a page for the DocBook chapter" web/ch07-governance.html
assert_no_file "no page for the PO catalogue" web/site-ui.html
assert_contains "translated paragraph with its inline markup" web/ch05-community.html \
    '«JA»2024 年，社区举办了 <strong>128 场</strong>线下活动'
assert_contains "image copied and linked, alt text translated" web/ch05-community.html \
    'alt="«JA»2024 年各月活动场次柱状图"'
assert_contains "DocBook section title as a heading with its own id" web/ch07-governance.html \
    '<h2 id="ch07-tc">«JA»7.1 技术委员会</h2>'
assert_contains "DocBook table cells" web/ch07-governance.html '<td>«JA»普通事项</td>'
for bad in '<script' 'document.body' '不是段落' '<style' '编辑注释'; do
    assert_not_contains "html edition carries no '$bad'" web/ch05-community.html "$bad"
done
assert_not_contains "the PO catalogue is not in the table of contents" web/index.html "site-ui"
need "build the epub edition" yaku build --lang ja --format epub -o dist
assert_epubcheck_clean "epubcheck: edition from HTML, XHTML and DocBook sources has no error or warning" \
    dist/ja.epub

# --- re-adding a changed HTML file keeps the translations of unchanged segments ---
sed 's/线下聚会仍然是新成员了解社区的主要途径。/线下聚会依然是新人认识社区的首选途径。/' \
    site/ch05-community.html >site/tmp.html && mv site/tmp.html site/ch05-community.html
assert_ok yaku add site/ch05-community.html
assert_contains "one segment changed" "$OUT" "1 changed"
assert_ok yaku status --lang ja --json
cp "$OUT" status.json
assert_py "after the change: one fuzzy segment in ch05, the rest still translated" '
d = load(sys.argv[1])
ch = [c for l in d["languages"] if l["lang"] == "ja" for c in l["chapters"] if c["chapter"] == "ch05-community"][0]
assert ch["fuzzy"] == 1 and ch["new"] == 0 and ch["translated"] == ch["total"] - 1, ch
' status.json

# --- bad input: exit 2, message with file:line, nothing written ---
refused() { # what file-message cmd...
    what=$1; where=$2; shift 2
    before=$(db_state "$p")
    assert_exit 2 "$@"
    assert_contains "$what: error names $where" "$ERR" "$where"
    assert_unchanged "$what: project unchanged" "$p" "$before"
}
mkdir -p bad
printf '<?xml version="1.0"?>\n<html><body>\n<p>未闭合的段落</body></html>\n' >bad/mismatch.xhtml
refused "malformed XHTML" "mismatch.xhtml:3:" yaku add bad/mismatch.xhtml
cat >bad/bomb.dbk <<'EOF'
<?xml version="1.0"?>
<!DOCTYPE chapter [
<!ENTITY a "哈哈哈哈哈哈哈哈哈哈">
<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">
<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">
]>
<chapter><para>&c;</para></chapter>
EOF
refused "entity expansion bomb (DocBook)" "bomb.dbk:2:" yaku add bad/bomb.dbk
cat >bad/xxe.xhtml <<'EOF'
<?xml version="1.0"?>
<!DOCTYPE html [ <!ENTITY secret SYSTEM "file:///etc/passwd"> ]>
<html><body><p>&secret;</p></body></html>
EOF
refused "external entity (XXE)" "xxe.xhtml:2:" yaku add bad/xxe.xhtml
cat >bad/pe.dbk <<'EOF'
<?xml version="1.0"?>
<!DOCTYPE chapter [ <!ENTITY % remote SYSTEM "http://127.0.0.1:9/evil.dtd"> %remote; ]>
<chapter><para>x</para></chapter>
EOF
refused "parameter entity fetching a remote DTD" "pe.dbk:2:" yaku add bad/pe.dbk
printf '<html><body>\n<p>正文</p>\n<p>坏\377\376字节</p>\n</body></html>\n' >bad/utf8.html
refused "invalid UTF-8 in HTML" "utf8.html:3:" yaku add bad/utf8.html
printf '<p>前</p>\n<p>NUL\000字节</p>\n' >bad/nul.htm
refused "NUL byte in HTML" "nul.htm:2:" yaku add bad/nul.htm
printf 'msgid ""\nmsgstr "Content-Type: text/plain; charset=UTF-8\\n"\n\nmsgid "一个文件"\nmsgid_plural "%%d 个文件"\nmsgstr[0] ""\n' >bad/plural.po
refused "PO source with plural entries" "plural.po:5:" yaku add bad/plural.po
assert_contains "the plural refusal says what is not supported" "$ERR" "msgid_plural"
printf 'msgid "未结束\nmsgstr ""\n' >bad/cut.pot
refused "truncated POT" "cut.pot:1:" yaku add bad/cut.pot
refused "HTML forced through the DocBook (XML) reader" "ch05-community.html:" \
    yaku add site/ch05-community.html --format docbook
cp site/ch06-events.xhtml site/ch06b.xhtml
refused "new good file + malformed file in one add" "mismatch.xhtml:3:" \
    yaku add site/ch06b.xhtml bad/mismatch.xhtml
assert_ok yaku list chapters --json
assert_not_contains "the good file of the failed add is not registered" "$OUT" "ch06b"
refused "--segment line on HTML" "line" yaku add site/sidebar.inc --format html --segment line

finish
