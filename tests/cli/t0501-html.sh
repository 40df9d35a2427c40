#!/bin/sh
# HTML edition: index with the table of contents, one page per chapter with
# lang set, links between chapters rewritten, images copied (and only those
# inside the project), CSS for Japanese and Korean; the index and a chapter
# render in headless Chromium with Japanese and Korean text in the page.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/edition.sh"

p=$TMP/proj
edition_project "$p"
cd "$p"

# A fourth document with image paths that try to leave the project.
mkdir -p "$p/extra"
ln -s /etc "$p/report/images/etc-link"
ln -s /etc/hostname "$p/report/images/leak.png"
cat >"$p/extra/ch04-escapes.md" <<'EOF'
# 附录

![逃逸一](../../../../../../etc/hostname.png)

![逃逸二](../report/images/leak.png)

![逃逸三](/etc/hostname.png)

![逃逸四](../report/images/etc-link/hostname.png)

![正常](../report/images/members-2024.png)

见[总览](../report/ch01-overview.md#不存在)和[治理](../report/ch03-governance.md)。
EOF
need "add the escapes chapter" yaku add extra/ch04-escapes.md

assert_ok yaku build --lang ja --format html -o html-ja
assert_ok yaku build --lang ko --format html -o html-ko
for f in index.html ch01-overview.html ch02-community.html ch03-governance.html slides.html \
    ch04-escapes.html credits.html style.css; do
    assert_file "ja: $f" "html-ja/$f"
done
assert_py "every page has lang=ja / lang=ko on <html>" '
import glob, os, re
for d, lang in ((sys.argv[1], "ja"), (sys.argv[2], "ko")):
    pages = glob.glob(os.path.join(d, "*.html"))
    assert len(pages) >= 7, pages
    for f in pages:
        s = open(f, encoding="utf-8").read()
        assert re.search(r"<html lang=\"%s\">" % lang, s), f
' html-ja html-ko
assert_py "index: the table of contents links every chapter in project order, then credits" '
import re
s = open(sys.argv[1], encoding="utf-8").read()
toc = s[s.index("<nav class=\"toc\""):]
hrefs = re.findall(r"href=\"([^\"]+)\"", toc)
assert hrefs == ["ch01-overview.html", "ch02-community.html", "ch03-governance.html",
                 "slides.html", "ch04-escapes.html", "credits.html"], hrefs
' html-ja/index.html
assert_contains "ch01: link to ch03 rewritten to its page" html-ja/ch01-overview.html 'href="ch03-governance.html"'
assert_not_contains "ch01: no link to a .md file left" html-ja/ch01-overview.html '.md"'
assert_contains "ch04: link with an unknown #anchor goes to the page" html-ja/ch04-escapes.html 'href="ch01-overview.html"'
assert_contains "ch04: link to ch03 from another directory" html-ja/ch04-escapes.html 'href="ch03-governance.html"'
assert_file "the image ch01 uses is copied" html-ja/images/report-images-members-2024.png
assert_same_file "the copied image is the project's file" report/images/members-2024.png \
    html-ja/images/report-images-members-2024.png
assert_contains "ch01: img points at the copy" html-ja/ch01-overview.html 'src="images/report-images-members-2024.png"'
assert_eq "only the one image inside the project is copied" "report-images-members-2024.png" \
    "$(ls html-ja/images)"
assert_not_contains "escapes: no path out of the project in the page" html-ja/ch04-escapes.html "etc/hostname"
assert_not_contains "escapes: no symlinked image in the page" html-ja/ch04-escapes.html "leak.png"
assert_contains "escapes: a refused image keeps its alt text" html-ja/ch04-escapes.html "逃逸二"
assert_contains "ja: the fallback note opens a partly translated chapter" html-ja/ch01-overview.html \
    "この章には未翻訳の部分があります（原文のまま表示しています）。"
assert_contains "css: Korean keeps words whole" html-ja/style.css "word-break: keep-all"
assert_contains "css: strict line breaking" html-ja/style.css "line-break: strict"
assert_contains "css: a Japanese font stack" html-ja/style.css '"Noto Sans CJK JP"'
assert_contains "css: a Korean font stack" html-ja/style.css '"Noto Sans CJK KR"'
assert_py "css: Korean rules sit under :lang(ko), no break-all anywhere" '
s = open(sys.argv[1], encoding="utf-8").read()
ko = s[s.index("html:lang(ko)"):]
ko = ko[:ko.index("}")]
assert "keep-all" in ko, ko
assert "break-all" not in s
' html-ja/style.css

# The output side: a symlink planted in -o DIR is not written through.
mkdir -p "$p/victim" "$p/planted"
ln -s "$p/victim" "$p/planted/images"
run "$YAKU" build --lang ja --format html -o planted
assert_eq "HTML build does not write through a symlinked images/ in -o DIR" "" "$(ls -A "$p/victim")"
if [ "$rc" -ne 0 ]; then pass "HTML build into a planted symlink fails (exit $rc)"
else fail "HTML build into a planted symlink fails" "exit 0"; fi

# --- headless Chromium: screenshots and the rendered text ---
command -v chromium >/dev/null 2>&1 || { fail "chromium is installed (Debian package chromium)"; finish; }
chrome() { # out-option url
    prof=$(mktemp -d "$TMP/chrome.XXXXXX")
    run timeout 120 chromium --headless --no-sandbox --disable-gpu --no-first-run \
        --disable-background-networking --disable-component-update --disable-sync \
        --user-data-dir="$prof" --window-size=1000,1400 "$@"
}
for lang in ja ko; do
    for page in index ch01-overview; do
        png=$TMP/$lang-$page.png
        chrome --screenshot="$png" "file://$p/html-$lang/$page.html"
        assert_py "chromium: $lang $page.html screenshot is a non-empty PNG" '
import struct
b = open(sys.argv[1], "rb").read()
assert b[:8] == b"\x89PNG\r\n\x1a\n", b[:8]
w, h = struct.unpack(">II", b[16:24])
assert (w, h) == (1000, 1400), (w, h)
assert len(b) > 5000, len(b)
' "$png"
        chrome --dump-dom "file://$p/html-$lang/$page.html"
        cp "$OUT" "$TMP/$lang-$page.dom"
    done
done
assert_py "rendered DOM: Japanese glyphs in the ja pages, Hangul in the ko pages" '
import re
d = {}
for name in sys.argv[1:]:
    s = open(name, encoding="utf-8").read()
    text = re.sub(r"<[^>]+>", "", s[s.index("<body"):])
    d[name.rsplit("/", 1)[1]] = text
kana = re.compile("[\u3041-\u30ff]")
hangul = re.compile("[\uac00-\ud7a3]")
for k, t in d.items():
    if k.startswith("ja-"):
        assert len(kana.findall(t)) > 10, (k, t[:300])
    else:
        assert len(hangul.findall(t)) > 3, (k, t[:300])
assert "目次" in d["ja-index.dom"] and "차례" in d["ko-index.dom"]
assert "커뮤니티가 가장 빠르게 성장한 해였습니다" in d["ko-ch01-overview.dom"]
' "$TMP/ja-index.dom" "$TMP/ja-ch01-overview.dom" "$TMP/ko-index.dom" "$TMP/ko-ch01-overview.dom"

finish
