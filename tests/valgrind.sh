#!/bin/sh
# A representative end-to-end flow under valgrind: init, add, export,
# import, status, build.  Fails on any memory error or definite leak.
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
echo "valgrind: 1 passed, 0 failed"
