#!/bin/sh
# yaku check --fix on the planted fixture: only meaning-preserving fixes
# (punctuation width, spacing) are written, in one transaction, each with a
# "check-fix" history row; a second run finds nothing left to fix.
. "$(dirname "$0")/lib.sh"

p=$TMP/proj
planted_project "$p"
before=$(db_state "$p")
assert_exit 1 yaku check --lang ja
assert_unchanged "check without --fix writes nothing" "$p" "$before"

# --fix: only width and spacing, in one transaction, recorded in history
assert_exit 1 yaku check --lang ja --fix
assert_contains "fixed findings say so" "$OUT" "(fixed)"
assert_ok yaku list segments --lang ja --chapter ch01-community --json
assert_py "full-width digits and the half-width stop were fixed, the URL was not" '
d = {s["id"]: s["target"] for s in load(sys.argv[1])}
assert d["ch01-community:11"] == "5つの都市で12回のオフラインミートアップを開催しました。", d["ch01-community:11"]
assert d["ch01-community:4"] == "今年は1,284名のコントリビューターがコードを提出しました。", d["ch01-community:4"]
assert "example.org/contribute)" in d["ch01-community:6"], d["ch01-community:6"]
' "$OUT"
assert_ok yaku log ch01-community:11 --lang ja
assert_contains "history records the fix" "$OUT" "check-fix"
assert_exit 0 yaku check --lang ja --only ja-fullwidth-digits,ja-fullwidth-punct
assert_ok yaku list segments --lang ko --chapter ch01-community --json
cp "$OUT" ko-before.json
assert_exit 1 yaku check --lang ko --fix --format json
assert_ok yaku list segments --lang ko --chapter ch01-community --json
assert_py "ko: 。 became . and the space before . went" '
d = {s["id"]: s["target"] for s in load(sys.argv[1])}
assert d["ch01-community:2"] == "이 장에서는 2024년 커뮤니티의 주요 변화를 돌아봅니다.", d["ch01-community:2"]
assert d["ch01-community:4"] == "올해는 1,284명의 기여자가 코드를 제출했습니다.", d["ch01-community:4"]
' "$OUT"
finish
