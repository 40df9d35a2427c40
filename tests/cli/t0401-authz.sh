#!/bin/sh
# Authorisation matrix (SPEC §6): every role x every write command, from
# the same starting project each time -> allowed (0) or refused (3).  A
# refusal writes nothing.  M maintainer, E editor, T translator holding
# ch01-overview (ja), T2 a translator holding nothing, S not a member.
. "$(dirname "$0")/lib.sh"
TMPDIR=$TMP
export TMPDIR

tpl=$TMP/tpl
authz_project "$tpl"

while read -r role want cmd; do
    case $role in '' | '#'*) continue ;; esac
    rm -rf "$TMP/run"
    cp -R "$tpl" "$TMP/run"
    cd "$TMP/run"
    before=$(db_state "$TMP/run")
    u=$(user_of "$role")
    rc=0
    eval "\"\$YAKU\" --as \"\$u\" $cmd" >"$OUT" 2>"$ERR" </dev/null || rc=$?
    if [ "$rc" -eq "$want" ]; then
        pass "$role exit $want: $cmd"
    else
        fail "$role exit $want: $cmd" "got exit $rc" "$(last_output)"
    fi
    if [ "$want" -eq 3 ]; then
        assert_unchanged "$role refused, nothing written: $cmd" "$TMP/run" "$before"
        if grep -qE 'member|role|claim|held|hold' "$ERR"; then
            pass "$role refusal says why: $cmd"
        else
            fail "$role refusal says why: $cmd" "$(cat "$ERR")"
        fi
    fi
    cd "$TMP"
done <<'TABLE'
# role want command
M  0 member add new@example.org --role translator
E  3 member add new@example.org --role translator
T  3 member add new@example.org --role translator
S  3 member add new@example.org --role translator
M  0 assign ch02-community --lang ja --to tr2@example.org
M  0 assign ch01-overview --lang ja --to tr2@example.org
E  3 assign ch02-community --lang ja --to tr2@example.org
T  3 assign ch02-community --lang ja --to tr2@example.org
S  3 assign ch02-community --lang ja --to tr2@example.org
M  0 claim ch02-community --lang ja
E  0 claim ch02-community --lang ja
T  0 claim ch02-community --lang ja
T2 0 claim ch02-community --lang ja
S  3 claim ch02-community --lang ja
T  0 claim ch01-overview --lang ja
T2 3 claim ch01-overview --lang ja
E  3 claim ch01-overview --lang ja
M  3 claim ch01-overview --lang ja
E  0 claim ch01-overview --lang ja --role reviewer
M  0 claim ch01-overview --lang ja --role reviewer
T  3 claim ch02-community --lang ja --role reviewer
M  0 claim --next 5 --lang ja
E  0 claim --next 5 --lang ja
T2 0 claim --next 5 --lang ja
S  3 claim --next 5 --lang ja
T  0 release ch01-overview --lang ja
T2 3 release ch01-overview --lang ja
E  3 release ch01-overview --lang ja
M  3 release ch01-overview --lang ja
M  0 release ch01-overview --lang ja --force
E  3 release ch01-overview --lang ja --force
T  3 release ch01-overview --lang ja --force
S  3 release ch01-overview --lang ja
T  0 import ch01b.po
T2 3 import ch01b.po
E  0 import ch01b.po
M  0 import ch01b.po
S  3 import ch01b.po
T  3 import ch02.po
T2 3 import ch02.po
E  0 import ch02.po
M  0 import ch02.po
T  0 translate --lang ja --all
T2 3 translate --lang ja
T2 3 translate --lang ja ch01-overview
S  3 translate --lang ja
T  3 translate --lang ja ch02-community
E  0 translate --lang ja ch02-community
M  0 translate --lang ja ch03-governance
E  0 review --lang ja ch01-overview --approve ch01-overview:1
M  0 review --lang ja ch01-overview --approve ch01-overview:1
T  3 review --lang ja ch01-overview --approve ch01-overview:1
T2 3 review --lang ja ch01-overview --approve ch01-overview:1
S  3 review --lang ja ch01-overview --approve ch01-overview:1
E  0 review --lang ja ch01-overview --reject ch01-overview:2 --note "用語集を確認してください"
T  3 review --lang ja ch01-overview --reject ch01-overview:2 --note "用語集を確認してください"
S  3 review --lang ja ch01-overview --reject ch01-overview:2 --note "用語集を確認してください"
M  0 add report/ch01-overview.md
E  3 add report/ch01-overview.md
T  3 add report/ch01-overview.md
S  3 add report/ch01-overview.md
M  0 config claim.expiry-days 30
E  3 config claim.expiry-days 30
T  3 config claim.expiry-days 30
S  3 config claim.expiry-days 30
M  0 glossary add 开源 --lang ja オープンソース
E  0 glossary add 开源 --lang ja オープンソース
T  3 glossary add 开源 --lang ja オープンソース
S  3 glossary add 开源 --lang ja オープンソース
M  0 pretranslate --lang ja
E  3 pretranslate --lang ja
T  3 pretranslate --lang ja
S  3 pretranslate --lang ja
M  0 check --lang ja --fix --only ja-fullwidth-punct
E  0 check --lang ja --fix --only ja-fullwidth-punct
T  3 check --lang ja --fix --only ja-fullwidth-punct
S  3 check --lang ja --fix --only ja-fullwidth-punct
TABLE

# what the allowed writes did
rm -rf "$TMP/run"; cp -R "$tpl" "$TMP/run"; cd "$TMP/run"
assert_ok yaku --as tr@example.org translate --lang ja --all
assert_ok yaku list segments --lang ja --chapter ch01-overview --json
assert_py "T's translate submitted one changed block as translated" '
segs = load(sys.argv[1])
assert segs[0]["target"].endswith("（改）"), segs[0]
assert segs[0]["state"] == "translated", segs[0]
assert all(not s["target"].endswith("（改）") for s in segs[1:]), segs[1]
' "$OUT"
assert_exit 3 yaku --as tr2@example.org claim ch01-overview --lang ja
assert_contains "a claim refusal names the holder" "$ERR" "tr@example.org"
assert_contains "and how to ask" "$ERR" "yaku assign ch01-overview --lang ja --to tr2@example.org"
assert_exit 3 yaku --as tr@example.org import ch02.po
assert_contains "an import refusal names the entry" "$ERR" "ch02-community:1"
assert_exit 3 yaku --as stranger@example.org claim ch02-community --lang ja
assert_contains "an unknown user is told to ask a maintainer" "$ERR" "yaku member add stranger@example.org"
# a translator given the reviewer claim may review that chapter
need "assign tr2 as reviewer" yaku assign ch01-overview --lang ja --to tr2@example.org --role reviewer
assert_ok yaku --as tr2@example.org review --lang ja ch01-overview --approve ch01-overview:3
assert_exit 3 yaku --as tr2@example.org review --lang ja ch02-community --approve ch02-community:1
finish
