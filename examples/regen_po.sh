#!/bin/sh
# Regenerates examples/po/ja.po: exports the Japanese PO of examples/ from a
# fresh project and fills it from translations/ja.tsv with fill_po.py.  Run it
# again when segmentation changes (the PO's msgctxt ids must match what
# `yaku add` produces, or demo.sh's import is refused).
#   YAKU  the yaku binary (default: build/yaku of this checkout)
set -eu
here=$(cd "$(dirname "$0")" && pwd)
YAKU=${YAKU:-$here/../build/yaku}
work=$(mktemp -d "${TMPDIR:-/tmp}/yaku-po.XXXXXX")
trap 'rm -rf "$work"' EXIT
cp -R "$here/report" "$here/notes" "$work/"
cd "$work"
YAKU_USER=${YAKU_USER:-examples@yaku.invalid}
export YAKU_USER
"$YAKU" init --source zh-Hans --target ja,ko --title "开源社区年度报告 2024" >/dev/null
"$YAKU" add report/*.md >/dev/null
"$YAKU" add notes/slides.txt --format txt --segment line >/dev/null
"$YAKU" export --lang ja -o ja-empty.po
python3 "$here/fill_po.py" ja-empty.po "$here/translations/ja.tsv" -o ja.po --lang ja --stats
msgfmt -c -o /dev/null ja.po
mkdir -p "$here/po"
cp ja.po "$here/po/ja.po"
echo "regen_po: wrote examples/po/ja.po"
