#!/bin/sh
# A representative end-to-end flow under valgrind: init, add, export,
# import, status, build; then the export and import of a 3 MB PO, which are
# written and read in pieces, and a truncated one refused in a later piece.
# Fails on any memory error or definite leak.
set -eu
YAKU=${YAKU:-$(pwd)/build/yaku}
top=$(pwd)
work=$(mktemp -d "${TMPDIR:-/tmp}/yaku-vg.XXXXXX")
trap 'rm -rf "$work"' EXIT
cp -R "$top/examples/report" "$top/examples/notes" "$work/"
cd "$work"
vg() {
    valgrind -q --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite \
        "$YAKU" "$@"
}
vg init --source zh-Hans --target ja,ko --title demo >/dev/null
vg add report/*.md >/dev/null
vg add notes/slides.txt --format txt --segment line >/dev/null
vg export --lang ja -o ja.po
sed 's/^msgstr ""$/msgstr "訳"/' ja.po | awk 'NR<=14 { sub(/^msgstr "訳"$/, "msgstr \"\"") } { print }' > ja-filled.po
vg import ja-filled.po >/dev/null
vg status --json >/dev/null
vg list segments --lang ja --json >/dev/null
vg build --lang ja -o out >/dev/null
vg build --lang ko -o out-ko --fallback omit >/dev/null
mkdir big
cd big
python3 "$top/bench/gen_corpus.py" --out docs --size-mb 1 --min-kb 100 --max-kb 200 --seed 5 >/dev/null
"$YAKU" init --source zh-Hans --target ja >/dev/null
# shellcheck disable=SC2046
"$YAKU" add $(find docs -name '*.md' | sort) >/dev/null
vg export --lang ja -o ja.po
sed 's/^msgstr ""$/msgstr "訳"/' ja.po | awk 'NR<=14 { sub(/^msgstr "訳"$/, "msgstr \"\"") } { print }' > ja-filled.po
# cut after the msgid of an entry 2 MB in: its msgstr is missing
awk '{ n += length($0) + 1 } { print } n > 2000000 && /^msgid / { exit }' ja-filled.po > truncated.po
rc=0
vg import truncated.po >/dev/null 2>&1 || rc=$?
[ "$rc" -eq 2 ] || { echo "valgrind: the truncated PO: exit $rc, not 2" >&2; exit 1; }
vg import ja-filled.po >/dev/null
vg export --lang ja --format xliff -o ja.xlf
echo "valgrind: 1 passed, 0 failed"
