#!/bin/sh
# Precision report: yaku check on the good (human-written, nothing planted)
# ja and ko translations of tests/check/planted, findings per check id.
# The shared corpora of real translations are not on this machine; this is
# the stand-in.  Not a pass/fail test: prints, and exits 0.
#   YAKU=build/yaku sh tests/check/precision.sh
set -eu
: "${YAKU:=$(pwd)/build/yaku}"
case $YAKU in /*) ;; *) YAKU=$(pwd)/$YAKU ;; esac
TOP=$(cd "$(dirname "$0")/../.." && pwd)
FIX=$TOP/tests/check/planted
TMP=$(mktemp -d "${TMPDIR:-/tmp}/yaku-precision.XXXXXX")
trap 'rm -rf "$TMP"' EXIT
export YAKU YAKU_USER=precision@example.org
unset YAKU_PROJECT
cp -R "$FIX/src" "$TMP/"
cd "$TMP"
"$YAKU" init --source zh-Hans --target ja,ko >/dev/null
"$YAKU" add src/ch01-community.md src/ch02-governance.md >/dev/null
. "$FIX/glossary.sh"
"$YAKU" import "$FIX/ja.good.po" --lang ja >/dev/null
"$YAKU" import "$FIX/ko.good.po" --lang ko >/dev/null
"$YAKU" check --format json >findings.json || true
python3 "$TOP/tests/check/score.py" findings.json
