#!/bin/sh
# status --html FILE: one self-contained page (inline CSS and SVG, no
# script, nothing fetched) with progress per chapter and language and the
# contributions of each volunteer; it renders in headless Chromium with a
# non-empty screenshot and no console errors.
. "$(dirname "$0")/lib.sh"

p=$TMP/proj
new_project "$p" ja,ko
cd "$p"
need "add the report" yaku add report/ch01-overview.md report/ch02-community.md report/ch03-governance.md
need "member tr" yaku member add tr@example.org --role translator
need "member 編集者" yaku member add "hen<shu>@example.org" --role editor
need "tr claims ch01" yaku --as tr@example.org claim ch01-overview --lang ja
need "export ja" yaku export --lang ja --chapter ch01-overview -o ja.po
po_fill ja.po ja1.po "訳" --chapter ch01-overview >/dev/null
need "tr imports ch01" yaku --as tr@example.org import ja1.po
need "the editor approves two" yaku --as "hen<shu>@example.org" review --lang ja ch01-overview \
    --approve 1 2
need "status --html" yaku status --html progress.html
assert_contains "says where it wrote" "$OUT" "progress.html"
assert_file "the page exists" progress.html
assert_py "the page: every chapter and language, volunteers, escaped, self-contained" '
html = open(sys.argv[1], encoding="utf-8").read()
for s in ["<h2>ja</h2>", "<h2>ko</h2>", "ch01-overview", "ch02-community", "ch03-governance",
          "tr@example.org", "hen&lt;shu&gt;@example.org", "<svg", "contributions (ja)"]:
    assert s in html, s
assert "hen<shu>" not in html, "unescaped user name"
assert "<script" not in html.lower()
# nothing to fetch: no http(s) URL, no src attribute, only a data: icon link
assert not re.search(r"https?://", html), re.search(r"https?://\S+", html).group(0)
assert "src=" not in html
assert re.findall(r"href=\"([^\"]*)\"", html) == ["data:,"], re.findall(r"href=\"([^\"]*)\"", html)
' progress.html
assert_exit 2 yaku status --html x.html --lang xx

command -v chromium >/dev/null 2>&1 || { fail "chromium is installed (make deps: DEB_TEST)"; finish; }
shot() { # page png log
    prof=$(mktemp -d "$TMP/chromium.XXXXXX")
    timeout 120 chromium --headless --no-sandbox --disable-gpu --no-first-run \
        --disable-background-networking --disable-component-update --disable-sync \
        --user-data-dir="$prof" --window-size=1000,900 --enable-logging=stderr --v=0 \
        --screenshot="$2" "file://$1" >"$3" 2>&1 || true
}
console_errors() { grep -E 'Uncaught|ERROR:CONSOLE|CONSOLE\([0-9]+\).*[Ee]rror|Failed to load resource' "$1"; }

# negative control: the same check does see a broken page's console error
printf '<!DOCTYPE html><html><head><meta charset="utf-8"><title>x</title></head><body><p>x</p><script>undefinedFunction();</script></body></html>\n' >broken.html
shot "$p/broken.html" "$TMP/broken.png" "$TMP/broken.log"
if console_errors "$TMP/broken.log" >/dev/null; then pass "the console check catches a script error"
else fail "the console check catches a script error" "$(tail -n 5 "$TMP/broken.log")"; fi

shot "$p/progress.html" "$TMP/progress.png" "$TMP/progress.log"
assert_file "a screenshot was taken" "$TMP/progress.png"
assert_py "the screenshot is a non-empty PNG with more than one colour" '
data = open(sys.argv[1], "rb").read()
assert data[:8] == b"\x89PNG\r\n\x1a\n", data[:8]
assert len(data) > 5000, len(data)
' "$TMP/progress.png"
if console_errors "$TMP/progress.log" >/dev/null; then
    fail "no console errors" "$(console_errors "$TMP/progress.log" | head -n 5)"
else
    pass "no console errors"
fi
finish
