#!/bin/sh
# yaku glossary import|add|list|export: adding and updating entries, JSON
# listing, TBX export that xmllint accepts and that re-imports to the same
# file, TSV export, bad rows and hostile XML refused with nothing written,
# the shipped glossary, and glossary hits in `yaku export` PO comments.
. "$(dirname "$0")/lib.sh"
cd "$TMP"

new_project p
cd p

assert_ok yaku glossary add 开源 --lang ko 오픈소스 --forbid "오픈 소스" --note "one word"
assert_contains "add reports a new entry" "$OUT" "added"
assert_ok yaku glossary add 开源 --lang ja オープンソース
assert_contains "second add updates the entry" "$OUT" "updated"
assert_ok yaku glossary add 社区 --lang ja コミュニティ
assert_exit 2 yaku glossary add 开源 --lang fr "open source"
assert_exit 2 yaku glossary add 开源 --lang ja
assert_exit 2 yaku glossary add 开源 --lang ko 오픈소스 --forbid 오픈소스
assert_exit 2 yaku glossary
assert_exit 2 yaku glossary frobnicate
assert_ok yaku glossary --help

assert_ok yaku glossary list
assert_contains "list shows the source term" "$OUT" "开源"
assert_contains "list shows the target" "$OUT" "오픈소스"
assert_contains "list shows the forbidden variant" "$OUT" "오픈 소스"
assert_ok yaku glossary list --lang ko --json
assert_py "list --json is one JSON array with the entries" '
import json, sys
d = json.load(open(sys.argv[1]))
assert len(d) == 2, d
ko = d[0]["terms"]["ko"]
assert ko["approved"] == ["오픈소스"] and ko["forbidden"] == ["오픈 소스"], ko
assert "ja" not in d[0]["terms"], d[0]
assert d[0]["note"] == "one word"
' "$OUT"

# TBX: well-formed, and export -> import -> export is byte-identical
assert_ok yaku glossary export --format tbx -o g.tbx
if command -v xmllint >/dev/null 2>&1; then
    assert_ok xmllint --noout g.tbx
else
    fail "xmllint is installed (Debian libxml2-utils, in DEB_TEST)"
fi
mkdir ../q && (cd ../q && "$YAKU" init --source zh-Hans --target ja,ko >/dev/null)
assert_ok yaku -C ../q glossary import "$TMP/p/g.tbx"
assert_contains "import counts the concepts" "$OUT" "2 concepts (2 new"
assert_ok yaku -C ../q glossary export --format tbx -o "$TMP/q.tbx"
assert_same_file "TBX export re-imports to the same entries" g.tbx "$TMP/q.tbx"
assert_ok yaku glossary import g.tbx
assert_contains "re-import updates, never duplicates" "$OUT" "0 new, 2 updated"
assert_ok yaku glossary export --format tsv --lang ko
assert_contains "TSV header names forbidden:ko" "$OUT" "forbidden:ko"
assert_not_contains "--lang ko leaves ja out" "$OUT" "オープンソース"

# bad rows and hostile XML: exit 2, file:line, nothing written
printf 'zh-Hans\tja\n维护者\tメンテナー\n贡献者\n' > bad.tsv
before=$(db_state .)
assert_exit 2 yaku glossary import bad.tsv
assert_contains "bad row is reported with its line" "$ERR" "bad.tsv:3"
assert_unchanged "a bad row imports nothing" . "$before"
printf 'zh-Hans,ja\n维护者,メンテナー\n贡献者,"コントリ\n' > bad.csv
assert_exit 2 yaku glossary import bad.csv
assert_contains "unclosed CSV quote is reported with its line" "$ERR" "bad.csv:3"
assert_unchanged "a bad CSV imports nothing" . "$before"
cat > xxe.tbx <<'XML'
<?xml version="1.0"?>
<!DOCTYPE tbx [ <!ENTITY xxe SYSTEM "file:///etc/passwd"> ]>
<tbx><text><body><conceptEntry><langSec xml:lang="zh-Hans"><termSec><term>&xxe;</term></termSec></langSec></conceptEntry></body></text></tbx>
XML
assert_exit 2 yaku glossary import xxe.tbx
assert_contains "external entity refused" "$ERR" "entity declarations are not allowed"
assert_not_contains "nothing of /etc/passwd leaks" "$ERR" "root:"
assert_unchanged "hostile XML imports nothing" . "$before"

# glossary hits in the PO export
mkdir -p docs
printf '# 开源社区\n\n我们的开源社区欢迎新人。请看 `开源` 和 https://example.org/开源 。\n' > docs/intro.md
need "add a document" yaku add docs/intro.md
assert_ok yaku export --lang ko -o ko.po
assert_contains "PO comment lists the glossary hit" ko.po "#. glossary: 开源 → 오픈소스 (not 오픈 소스)"
assert_ok yaku export --lang ja -o ja.po
assert_contains "PO comment lists every term with a target" ja.po "#. glossary: 开源 → オープンソース; 社区 → コミュニティ"
assert_not_contains "a term without a ko target is not listed" ko.po "社区 →"
if command -v msgfmt >/dev/null 2>&1; then
    assert_ok msgfmt -c -o /dev/null ko.po
fi

# the shipped community glossary
cd "$TMP"
mkdir s && cd s && "$YAKU" init --source en --target ja,ko >/dev/null
for f in "$TOP"/glossaries/*.tsv; do
    assert_ok yaku glossary import "$f"
done
assert_ok yaku glossary list --json
assert_py "the shipped glossary has at least 150 concepts with ja and ko" '
import json, sys
d = json.load(open(sys.argv[1]))
assert len(d) >= 150, len(d)
for c in d:
    t = c["terms"]
    assert t["ja"]["approved"] and t["ko"]["approved"], c
' "$OUT"
assert_ok yaku glossary export --format tbx -o all.tbx
if command -v xmllint >/dev/null 2>&1; then
    assert_ok xmllint --noout all.tbx
fi
mkdir ../s2 && (cd ../s2 && "$YAKU" init --source zh-Hant --target ja,ko >/dev/null)
assert_ok yaku -C ../s2 glossary import "$TMP/s/all.tbx"
assert_ok yaku -C ../s2 glossary export --format tbx -o "$TMP/s2.tbx"
# the header's xml:lang is the project's source language; every entry is the same
sed 2d all.tbx > "$TMP/s1.body"
sed 2d "$TMP/s2.tbx" > "$TMP/s2.body"
assert_same_file "the shipped glossary survives a TBX round trip" "$TMP/s1.body" "$TMP/s2.body"
assert_ok yaku -C ../s2 glossary list --lang ko
assert_contains "zh-Hant source terms are entries" "$OUT" "開源"

finish
