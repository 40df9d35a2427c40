#!/bin/sh
# yaku check's book-wide findings across documents: the check keeps one
# document in memory at a time, yet a segment of the first document is
# reported against a translation the second one uses more often (named in
# the message, quoted before the check reached it), a katakana spelling is
# counted over both, and the untranslated count covers the whole chapter.
# Text and JSON report the same findings in the same order.
. "$(dirname "$0")/lib.sh"

cd "$TMP"
printf '# 开源\n\n开源很重要。\n\n请联系服务器管理员。\n' >one.md
printf '# 服务器\n\n开源很重要。\n\n开源很重要！\n\n服务器已重启。\n\n尚未翻译的句子。\n' >two.md
need "init" yaku init --source zh-Hans --target ja --title "Book-wide"
need "add two documents" yaku add one.md two.md
need "export" yaku export --lang ja -o ja.po
"$PY" - ja.po filled.po <<'PY'
import re, sys
t = {
    "one:1": "オープンソース",
    "one:2": "オープンソースが大切です。",
    "one:3": "サーバーの管理者に連絡してください。",
    "two:1": "サーバ",
    "two:2": "オープンソースは重要です。",
    "two:3": "オープンソースは重要です！",
    "two:4": "サーバが再起動しました。",
}
text = open(sys.argv[1], encoding="utf-8").read()
def put(m):
    return m.group(1) + 'msgstr "%s"' % t.get(m.group(2), "")
text = re.sub(r'(msgctxt "([^"]*)"\nmsgid "[^"]*"\n)msgstr ""', put, text)
open(sys.argv[2], "w", encoding="utf-8").write(text)
PY
need "import the translations" yaku import filled.po --lang ja

assert_exit 0 yaku check --lang ja --only consistency-source,ja-long-vowel,untranslated
cp "$OUT" text.out
assert_contains "first document reported against the second's more common translation" text.out \
    "one:2: warning: [consistency-source] the same source is translated as 'オープンソースは重要です。' in two:2 and elsewhere"
assert_contains "the quoted source line follows" text.out "source: 开源很重要。"
assert_contains "long-vowel spelling counted over both documents" text.out \
    "one:3: info: [ja-long-vowel] 'サーバー' here, 'サーバ' in 2 other places of the book"
assert_contains "untranslated counted over the chapter" text.out \
    "two:5: info: [untranslated] 1 of 5 segments of 'two' are not translated yet"
assert_contains "summary" text.out "7 segments checked: 0 errors, 1 warning, 2 notes"

assert_exit 0 yaku check --lang ja --only consistency-source,ja-long-vowel,untranslated --format json
assert_py "JSON: the same findings in book order" '
d = load(sys.argv[1])
assert [(f["segment"], f["check"]) for f in d] == [
    ("one:2", "consistency-source"), ("one:3", "ja-long-vowel"), ("two:5", "untranslated")], d
assert "in two:2 and elsewhere" in d[0]["message"], d[0]
' "$OUT"

# every check on: the book-wide findings are still there among the others
assert_exit 0 yaku check --lang ja
assert_contains "all checks: consistency-source still reported" "$OUT" "one:2: warning: [consistency-source]"
finish
