#!/bin/sh
# The whole yaku flow on a copy of examples/ in a temporary directory:
# init -> add -> glossary -> import the Japanese PO -> status -> check ->
# build -> show.
#   YAKU  the yaku binary (default: build/yaku of this checkout)
#   KEEP=1 keeps the temporary project and prints where it is.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
YAKU=${YAKU:-$here/../build/yaku}
case $YAKU in /*) ;; *) YAKU=$(pwd)/$YAKU ;; esac
[ -x "$YAKU" ] || { echo "demo: no yaku binary at $YAKU (run make)" >&2; exit 2; }

work=$(mktemp -d "${TMPDIR:-/tmp}/yaku-demo.XXXXXX")
if [ "${KEEP:-0}" = 1 ]; then
    echo "demo: project kept in $work"
else
    trap 'rm -rf "$work"' EXIT
    trap 'exit 130' INT TERM
fi
cp -R "$here/report" "$here/notes" "$here/po" "$work/"
mkdir "$work/glossaries" && cp "$here/../glossaries/oss-community.tbx" "$work/glossaries/"
cd "$work"

step() { printf '\n$ yaku %s\n' "$*"; "$YAKU" "$@"; }

step init --source zh-Hans --target ja,ko --title "开源社区年度报告 2024"
step add report/*.md
step add notes/slides.txt --format txt --segment line
step list chapters

# the shipped open-source glossary; the first lines of the Japanese view
step glossary import glossaries/oss-community.tbx
printf '\n$ yaku glossary list --lang ja | head -n 8\n'
"$YAKU" glossary list --lang ja | head -n 8

step import po/ja.po || {
    rc=$?
    echo "demo: import of po/ja.po failed; if segmentation changed, run examples/regen_po.sh" >&2
    exit "$rc"
}
step status

# check exits 1 when it finds errors; that is a finding, not a failed demo.
printf '\n$ yaku check --lang ja --chapter ch01-overview\n'
rc=0
"$YAKU" check --lang ja --chapter ch01-overview || rc=$?
[ "$rc" -le 1 ] || { echo "demo: check failed with exit $rc" >&2; exit "$rc"; }

step build --lang ja -o dist/ja
printf '\n$ find dist/ja -type f\n'
find dist/ja -type f | sort
built=$(find dist/ja -name 'ch01-overview.md' | head -n 1)
[ -n "$built" ] || { echo "demo: build produced no ch01-overview.md" >&2; exit 1; }
printf '\n$ sed -n 1,16p %s\n' "$built"
sed -n 1,16p "$built"
echo
echo "demo: ok"
