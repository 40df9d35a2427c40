#!/bin/sh
# Reproducible editions and credits from the history:
# - two builds (a second apart, another time zone) are byte-identical, EPUB
#   and HTML; the date is the project's last change, or SOURCE_DATE_EPOCH;
# - the credits page and the OPF contributors list exactly the people the
#   history says translated or reviewed each chapter.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/edition.sh"

p=$TMP/proj
mkdir -p "$p"
cp -R "$EXAMPLES/report" "$p/"
cd "$p"
unset SOURCE_DATE_EPOCH
need "init" yaku init --source zh-Hans --target ja,ko --title "开源社区年度报告 2024"
need "add" yaku add report/ch01-overview.md report/ch02-community.md report/ch03-governance.md
need "member bob" yaku member add bob@example.org --role translator
need "member carol" yaku member add carol@example.org --role translator
need "member dave" yaku member add dave@example.org --role editor
need "member erin (never works)" yaku member add erin@example.org --role translator

# bob translates ch01, carol ch02 (ja); carol also translates ch03 in ko only;
# dave reviews three ch01 segments; erin claims ch03 (ja) but submits nothing.
need "bob claims ch01" yaku --as bob@example.org claim ch01-overview --lang ja
need "export ch01" yaku export --lang ja --chapter ch01-overview -o ch01.po
po_fill ch01.po ch01-bob.po 'ja:' >/dev/null
need "bob imports ch01" yaku --as bob@example.org import ch01-bob.po
need "carol claims ch02" yaku --as carol@example.org claim ch02-community --lang ja
need "export ch02" yaku export --lang ja --chapter ch02-community -o ch02.po
po_fill ch02.po ch02-carol.po 'ja:' >/dev/null
need "carol imports ch02" yaku --as carol@example.org import ch02-carol.po
need "carol claims ch03 in ko" yaku --as carol@example.org claim ch03-governance --lang ko
need "export ch03 ko" yaku export --lang ko --chapter ch03-governance -o ch03-ko.po
po_fill ch03-ko.po ch03-ko-carol.po 'ko:' >/dev/null
need "carol imports ch03 ko" yaku --as carol@example.org import ch03-ko-carol.po
need "erin claims ch03 in ja" yaku --as erin@example.org claim ch03-governance --lang ja
if has_command review; then
    need "dave approves three ch01 segments" \
        yaku --as dave@example.org review --lang ja ch01-overview --approve 1 2 3
    reviewed=1
else
    note "no 'yaku review' in this build: reviewers are not tested"
    reviewed=0
fi

# --- reproducible ---
assert_ok yaku build --lang ja --format all -o one
sleep 1
run env TZ=Asia/Seoul "$YAKU" build --lang ja --format all -o two
assert_eq "second build (another second, TZ=Asia/Seoul) succeeds" 0 "$rc"
assert_same_file "EPUB: two builds are byte-identical" one/ja.epub two/ja.epub
run diff -r one/html two/html
assert_eq "HTML: two builds are byte-identical" "0" "$rc"
run diff -r one/md two/md
assert_eq "Markdown tree: two builds are byte-identical" "0" "$rc"
assert_py "zip entries carry the project time, not the clock" '
import zipfile, re
z = zipfile.ZipFile(sys.argv[1])
opf = z.read("OEBPS/content.opf").decode()
mod = re.search(r"dcterms:modified\">([^<]+)<", opf).group(1)
y, mo, d, h, mi = (int(x) for x in re.match(r"(\d+)-(\d+)-(\d+)T(\d+):(\d+)", mod).groups())
for i in z.infolist():
    assert i.date_time[:5] == (y, mo, d, h, mi), (i.filename, i.date_time, mod)
' one/ja.epub
run env SOURCE_DATE_EPOCH=1700000000 "$YAKU" build --lang ja --format epub -o sde
assert_py "SOURCE_DATE_EPOCH sets dcterms:modified and the zip times" '
import zipfile
z = zipfile.ZipFile(sys.argv[1])
assert "<meta property=\"dcterms:modified\">2023-11-14T22:13:20Z</meta>" in z.read("OEBPS/content.opf").decode()
assert all(i.date_time == (2023, 11, 14, 22, 13, 20) for i in z.infolist()), [i.date_time for i in z.infolist()]
' sde/ja.epub
run env SOURCE_DATE_EPOCH=1700000000 "$YAKU" build --lang ja --format epub -o sde2
assert_same_file "SOURCE_DATE_EPOCH builds are byte-identical too" sde/ja.epub sde2/ja.epub
assert_epubcheck_clean "epubcheck: the credited edition has no error or warning" one/ja.epub

# --- credits: exactly what the history says ---
expected_ja="ch01-overview translator bob@example.org
ch02-community translator carol@example.org"
[ "$reviewed" = 1 ] && expected_ja="$expected_ja
ch01-overview reviewer dave@example.org"
expected_ja=$(printf '%s\n' "$expected_ja" | sort)

credits_of() { # EPUB -> "chapter role user" lines, sorted
    "$PY" - "$1" <<'PYEOF'
import sys, zipfile
import xml.etree.ElementTree as ET
X = "{http://www.w3.org/1999/xhtml}"
z = zipfile.ZipFile(sys.argv[1])
root = ET.fromstring(z.read("OEBPS/credits.xhtml"))
rows = []
for sec in root.iter(X + "section"):
    ch = sec.get("data-chapter")
    if not ch:
        continue
    for dd in sec.iter(X + "dd"):
        rows.append("%s %s %s" % (ch, dd.get("class"), dd.text))
print("\n".join(sorted(rows)))
PYEOF
}
assert_eq "EPUB credits page: translators and reviewers per chapter, nobody else" \
    "$expected_ja" "$(credits_of one/ja.epub)"
assert_py "HTML credits page lists the same people" '
import re
s = open(sys.argv[1], encoding="utf-8").read()
rows = []
for ch, body in re.findall(r"data-chapter=\"([^\"]+)\">(.*?)</section>", s, re.S):
    for role, user in re.findall(r"<dd class=\"(\w+)\">([^<]+)</dd>", body):
        rows.append("%s %s %s" % (ch, role, user))
assert "\n".join(sorted(rows)) == sys.argv[2], rows
' one/html/credits.html "$expected_ja"
if has_command credits; then
    assert_ok yaku credits --lang ja --format json
    assert_py "the credits page agrees with yaku credits (the history)" '
d = load(sys.argv[1])
rows = sorted("%s %s %s" % (c["chapter"], c["role"], c["user"]) for c in d)
assert "\n".join(rows) == sys.argv[2], rows
' "$OUT" "$expected_ja"
fi
assert_py "OPF: one dc:contributor per person, role trl for translators, edt for reviewers" '
import zipfile
import xml.etree.ElementTree as ET
ns = {"o": "http://www.idpf.org/2007/opf", "dc": "http://purl.org/dc/elements/1.1/"}
md = ET.fromstring(zipfile.ZipFile(sys.argv[1]).read("OEBPS/content.opf")).find("o:metadata", ns)
people = {c.get("id"): c.text for c in md.findall("dc:contributor", ns)}
roles = {}
for m in md.findall("o:meta", ns):
    if m.get("property") == "role":
        assert m.get("scheme") == "marc:relators"
        roles.setdefault(people[m.get("refines")[1:]], set()).add(m.text)
want = {"bob@example.org": {"trl"}, "carol@example.org": {"trl"}}
if sys.argv[2] == "1":
    want["dave@example.org"] = {"edt"}
assert roles == want, roles
assert sorted(people.values()) == sorted(want), people
' one/ja.epub "$reviewed"
assert_not_contains "erin claimed but submitted nothing: not credited" one/html/credits.html "erin@"
assert_ok yaku build --lang ko --format epub -o ko
assert_eq "ko credits: carol for ch03 only" "ch03-governance translator carol@example.org" \
    "$(credits_of ko/ko.epub)"

finish
