#!/bin/sh
# EPUB 3 edition: epubcheck reports no error and no warning on the examples
# built in ja (with metadata, cover and an image) and ko (mostly fallback),
# and with --fallback omit; mimetype first and stored; OPF metadata; the
# fallback note; links between chapters; chapter order; settings refused.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/edition.sh"

p=$TMP/proj
edition_project "$p"
cd "$p"

need "config edition.ja.title" yaku config edition.ja.title "オープンソースコミュニティ年次報告 2024"
need "config edition.ja.subtitle" yaku config edition.ja.subtitle "日本語版"
need "config edition.ja.publisher" yaku config edition.ja.publisher "翻訳グループ"
need "config edition.ja.rights" yaku config edition.ja.rights "CC BY 4.0"
need "config edition.ja.cover" yaku config edition.ja.cover cover.png
need "config edition.ko.title" yaku config edition.ko.title "오픈소스 커뮤니티 연례 보고서 2024"

assert_ok yaku build --lang ja --format epub -o dist
assert_file "ja: DIR/ja.epub" dist/ja.epub
assert_epubcheck_clean "epubcheck: ja edition (cover, image) has no error or warning" dist/ja.epub
assert_ok yaku build --lang ko --format epub -o dist
assert_epubcheck_clean "epubcheck: ko edition (mostly fallback) has no error or warning" dist/ko.epub
assert_ok yaku build --lang ko --format epub --fallback omit -o omit
assert_epubcheck_clean "epubcheck: ko --fallback omit has no error or warning" omit/ko.epub
assert_ok yaku build --lang ja --format epub --min-percent 1 -o min
assert_epubcheck_clean "epubcheck: ja --min-percent 1 has no error or warning" min/ja.epub

assert_py "zip: mimetype first, stored, no extra field; container points at the OPF" '
import zipfile
z = zipfile.ZipFile(sys.argv[1])
first = z.infolist()[0]
assert first.filename == "mimetype", first.filename
assert first.compress_type == zipfile.ZIP_STORED, first.compress_type
assert first.extra == b"", first.extra
assert z.read("mimetype") == b"application/epub+zip"
assert b"OEBPS/content.opf" in z.read("META-INF/container.xml")
names = [i.filename for i in z.infolist()[1:]]
assert names == sorted(names), names
' dist/ja.epub

assert_py "OPF: language, translated title, subtitle, uuid, modified, publisher, rights, cover" '
import zipfile, re
import xml.etree.ElementTree as ET
z = zipfile.ZipFile(sys.argv[1])
ns = {"o": "http://www.idpf.org/2007/opf", "dc": "http://purl.org/dc/elements/1.1/"}
opf = ET.fromstring(z.read("OEBPS/content.opf"))
md = opf.find("o:metadata", ns)
assert md.find("dc:language", ns).text == "ja"
titles = [t.text for t in md.findall("dc:title", ns)]
assert titles == ["オープンソースコミュニティ年次報告 2024", "日本語版"], titles
ident = md.find("dc:identifier", ns).text
assert re.fullmatch(r"urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[89ab][0-9a-f]{3}-[0-9a-f]{12}", ident), ident
assert opf.get("unique-identifier") == md.find("dc:identifier", ns).get("id")
mod = [m.text for m in md.findall("o:meta", ns) if m.get("property") == "dcterms:modified"]
assert len(mod) == 1 and re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", mod[0]), mod
assert md.find("dc:publisher", ns).text == "翻訳グループ"
assert md.find("dc:rights", ns).text == "CC BY 4.0"
items = {i.get("id"): i for i in opf.find("o:manifest", ns)}
covers = [i for i in items.values() if "cover-image" in (i.get("properties") or "")]
assert len(covers) == 1 and covers[0].get("media-type") == "image/png", covers
assert any(i.get("properties") == "nav" for i in items.values())
ncx = ET.fromstring(z.read("OEBPS/toc.ncx"))
uid = [m.get("content") for m in ncx.iter("{http://www.daisy.org/z3986/2005/ncx/}meta") if m.get("name") == "dtb:uid"]
assert uid == [ident], (uid, ident)
' dist/ja.epub

assert_py "the identifier differs between the ja and ko editions and is stable" '
import zipfile, re
ids = []
for f in sys.argv[1:]:
    opf = zipfile.ZipFile(f).read("OEBPS/content.opf").decode()
    ids.append(re.search(r"<dc:identifier[^>]*>([^<]+)<", opf).group(1))
assert ids[0] != ids[1] and ids[1] == ids[2], ids
' dist/ja.epub dist/ko.epub omit/ko.epub

assert_py "ch01: the image is in the EPUB and the manifest; the link to ch03 points at its page" '
import zipfile
z = zipfile.ZipFile(sys.argv[1])
names = z.namelist()
img = [n for n in names if n.startswith("OEBPS/images/") and "members-2024" in n]
assert len(img) == 1, names
ch01 = z.read("OEBPS/ch01-overview.xhtml").decode()
assert ("src=\"%s\"" % img[0][len("OEBPS/"):]) in ch01, ch01[:2000]
assert "href=\"ch03-governance.xhtml\"" in ch01, ch01[:2000]
assert ".md\"" not in ch01
opf = z.read("OEBPS/content.opf").decode()
assert img[0][len("OEBPS/"):] in opf
' dist/ja.epub

# ch01 has untranslated segments in ko: the chapter says so at its top.
assert_py "ko: a chapter with source text opens with the default note; translated text is there" '
import zipfile
z = zipfile.ZipFile(sys.argv[1])
ch01 = z.read("OEBPS/ch01-overview.xhtml").decode()
body = ch01[ch01.index("<body"):]
note = "이 장에는 아직 번역되지 않은 부분이 있습니다(원문을 그대로 표시합니다)."
assert note in body, body[:600]
assert body.index(note) < body.index("<h1"), body[:600]
assert sys.argv[2] in body
assert "lang=\"ko\"" in ch01 and "xml:lang=\"ko\"" in ch01
' dist/ko.epub "$(ko_words)"
assert_py "ko --fallback omit: no note, no source sentence of ch01" '
import zipfile
z = zipfile.ZipFile(sys.argv[1])
ch01 = z.read("OEBPS/ch01-overview.xhtml").decode()
assert "fallback-note" not in ch01
assert "本章先介绍整体数据" not in ch01, ch01
assert sys.argv[2] in ch01
' omit/ko.epub "$(ko_words)"

need "config edition.ko.fallback-note" yaku config edition.ko.fallback-note "번역 중인 장입니다."
assert_ok yaku build --lang ko --format epub -o note
assert_py "the note text comes from edition.ko.fallback-note" '
import zipfile
ch = zipfile.ZipFile(sys.argv[1]).read("OEBPS/ch01-overview.xhtml").decode()
assert "번역 중인 장입니다." in ch and "이 장에는 아직" not in ch
' note/ko.epub

# --min-percent: ko has only ch01 partly translated; the rest is skipped.
assert_ok yaku build --lang ko --format epub --min-percent 1 -o kmin
assert_epubcheck_clean "epubcheck: ko --min-percent 1 (one chapter) has no error or warning" kmin/ko.epub
assert_py "ko --min-percent 1: only ch01 in the spine" '
import zipfile
z = zipfile.ZipFile(sys.argv[1])
ch = sorted(n for n in z.namelist() if n.startswith("OEBPS/ch"))
assert ch == ["OEBPS/ch01-overview.xhtml"], ch
' kmin/ko.epub

# Chapter order from the setting; chapters not named follow in project order.
need "config edition.chapter-order" yaku config edition.chapter-order "ch03-governance, ch01-overview"
assert_ok yaku build --lang ja --format epub -o order
assert_py "nav and spine follow edition.chapter-order" '
import zipfile, re
z = zipfile.ZipFile(sys.argv[1])
nav = z.read("OEBPS/nav.xhtml").decode()
toc = nav[nav.index("epub:type=\"toc\""):nav.index("</nav>")]
hrefs = re.findall(r"href=\"([^\"]+)\"", toc)
assert hrefs == ["ch03-governance.xhtml", "ch01-overview.xhtml", "ch02-community.xhtml",
                 "slides.xhtml", "credits.xhtml"], hrefs
opf = z.read("OEBPS/content.opf").decode()
spine = re.findall(r"idref=\"([^\"]+)\"", opf)
hrefs = dict(re.findall(r"<item id=\"([^\"]+)\" href=\"([^\"]+)\"", opf))
assert [hrefs[i] for i in spine if i.startswith("chapter-")] == ["ch03-governance.xhtml",
        "ch01-overview.xhtml", "ch02-community.xhtml", "slides.xhtml"], spine
' order/ja.epub
assert_epubcheck_clean "epubcheck: reordered edition has no error or warning" order/ja.epub
need "config edition.chapter-order (unknown chapter)" yaku config edition.chapter-order "ch09-nothing"
assert_exit 2 yaku build --lang ja --format epub -o bad-order
assert_contains "unknown chapter in edition.chapter-order is named" "$ERR" "ch09-nothing"
assert_no_file "nothing written for a bad chapter order" bad-order/ja.epub
need "config edition.chapter-order (reset)" yaku config edition.chapter-order ""

# Settings are checked: a language that is not a target, an unknown key.
assert_exit 2 yaku config edition.fr.title "Rapport"
assert_exit 2 yaku config edition.ja.colour red
assert_ok yaku config edition.JA.subtitle "日本語版（第2刷）"
assert_ok yaku config edition.ja.subtitle
assert_eq "edition.JA.* is stored for ja" "日本語版（第2刷）" "$(cat "$OUT")"
# A cover that is missing or outside the project is refused; nothing written.
need "config a missing cover" yaku config edition.ja.cover nothing.png
assert_exit 2 yaku build --lang ja --format epub -o nocover
assert_no_file "no EPUB with a missing cover" nocover/ja.epub
ln -s /etc/hostname "$p/outside.png"
need "config a cover that links out of the project" yaku config edition.ja.cover outside.png
run "$YAKU" build --lang ja --format epub -o linked
if [ "$rc" -ne 0 ] && [ ! -e linked/ja.epub ]; then pass "a cover linking out of the project is refused (exit $rc)"
else fail "a cover linking out of the project is refused" "exit $rc" "$(last_output)"; fi
assert_exit 2 yaku build --lang ja --format pdf -o x

# --format all: the three editions side by side.
need "config cover back" yaku config edition.ja.cover cover.png
assert_ok yaku build --lang ja --format all -o all
assert_file "all: Markdown tree" all/md/report/ch01-overview.md
assert_file "all: HTML index" all/html/index.html
assert_file "all: EPUB" all/ja.epub
assert_epubcheck_clean "epubcheck: --format all EPUB has no error or warning" all/ja.epub

finish
