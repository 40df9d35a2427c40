#!/bin/sh
# yaku translate with a scripted $EDITOR: two blocks edited, one left, one
# broken (its "==>" line deleted) -> two submitted, one untouched, one
# reported (exit 3).  Quitting without saving changes nothing; EDITOR may
# be a command with arguments (sed -i); a rejection note is shown in the
# session and in the export; deleting "fuzzy" accepts a translation as is.
. "$(dirname "$0")/lib.sh"
# a refused session keeps its file in $TMPDIR: keep it inside the test's directory
TMPDIR=$TMP
export TMPDIR

p=$TMP/proj
new_project "$p" ja
cd "$p"
need "add the report" yaku add report/ch01-overview.md report/ch02-community.md
need "member tr" yaku member add tr@example.org --role translator
need "member ed" yaku member add ed@example.org --role editor
need "tr claims 4 segments" yaku --as tr@example.org claim --next 4 --lang ja --chapter ch02-community
unset VISUAL

# the scripted editor: fill blocks 1 and 2, leave 3, delete the "==>" line of 4
cat >"$TMP/edit.py" <<'PY'
import sys
path = sys.argv[1]
lines = open(path, encoding="utf-8").read().split("\n")
out, block = [], 0
for line in lines:
    if line.startswith("==> "):
        block += 1
        if block == 4:
            continue  # the broken block: its id line is gone
        out.append(line)
        continue
    out.append(line)
    if line.startswith("# source:") and block in (1, 2, 4):
        out.append("訳文%d" % block)
open(path, "w", encoding="utf-8").write("\n".join(out))
PY
before=$(db_state "$p")
EDITOR="$PY $TMP/edit.py" yk --as tr@example.org translate --lang ja
assert_eq "a refused block makes translate exit 3" 3 "$rc"
assert_contains "summary: two submitted, one unchanged, one refused" "$OUT" \
    "4 blocks: 2 submitted, 1 unchanged, 2 refused"
assert_contains "the broken block is reported by id" "$ERR" "[ch02-community:4]"
assert_contains "and why" "$ERR" "line is missing"
assert_contains "its stray text is reported too" "$ERR" "text outside any block"
assert_contains "the edited file is kept for the user" "$ERR" "your edited file is kept"
assert_ok yaku list segments --lang ja --chapter ch02-community --json
assert_py "ch02:1 and :2 translated by the session, :3 and :4 untouched" '
s = {x["id"]: x for x in load(sys.argv[1])}
assert s["ch02-community:1"]["target"] == "訳文1" and s["ch02-community:1"]["state"] == "translated", s["ch02-community:1"]
assert s["ch02-community:2"]["target"] == "訳文2" and s["ch02-community:2"]["state"] == "translated", s["ch02-community:2"]
assert s["ch02-community:3"]["state"] == "new" and s["ch02-community:3"]["target"] == "", s["ch02-community:3"]
assert s["ch02-community:4"]["state"] == "new" and s["ch02-community:4"]["target"] == "", s["ch02-community:4"]
' "$OUT"
assert_ok yaku log ch02-community:1 --json
assert_py "history: the session wrote action translate by tr" '
h = load(sys.argv[1])
assert [(x["action"], x["who"], x["target"]) for x in h] == [("translate", "tr@example.org", "訳文1")], h
' "$OUT"

# quitting without saving: nothing changes
before=$(db_state "$p")
EDITOR=true yk --as tr@example.org translate --lang ja
assert_eq "quit without saving exits 0" 0 "$rc"
assert_contains "and says so" "$OUT" "no changes"
assert_unchanged "quit without saving writes nothing" "$p" "$before"

# EDITOR with arguments, run through the shell: sed -i fills every open block
EDITOR="sed -i -e '/^# source: /a SED訳'" yk --as tr@example.org translate --lang ja
assert_eq "EDITOR='sed -i ...' works" 0 "$rc"
assert_contains "it filled the two open blocks" "$OUT" "2 blocks: 2 submitted, 0 unchanged, 0 refused"

# the session file: id line, source and translation; '#' in a translation is escaped
cat >"$TMP/seen.sh" <<'SH'
cp "$1" "$SEEN"
SH
export SEEN=$TMP/seen.txt
need "editor rejects ch02:1 with a note" yaku --as ed@example.org review --lang ja ch02-community \
    --reject ch02-community:1 --note "用語集: コントリビューター"
EDITOR="sh $TMP/seen.sh" yk --as tr@example.org translate --lang ja
assert_contains "the session shows the segment id" "$SEEN" "==> ch02-community:1  fuzzy"
assert_contains "the source as a comment" "$SEEN" "# source: "
assert_contains "the rejection note" "$SEEN" "# review: rejected: 用語集: コントリビューター (ed@example.org"
assert_contains "the current translation to edit" "$SEEN" "訳文1"
need "export ja" yaku export --lang ja -o ja.po
assert_contains "export shows the note too" ja.po "#. review: rejected: 用語集: コントリビューター"
assert_contains "export carries the revision" ja.po "#. yaku-rev: "

# accept the fuzzy translation as it is by deleting "fuzzy" from its ==> line
EDITOR="sed -i -e 's/^\\(==> ch02-community:1\\)  fuzzy/\\1/'" yk --as tr@example.org translate --lang ja
assert_eq "accepting a fuzzy block" 0 "$rc"
assert_ok yaku list segments --lang ja --state translated --json
assert_py "ch02:1 is translated again, same text" '
s = {x["id"]: x for x in load(sys.argv[1])}
assert s["ch02-community:1"]["target"] == "訳文1", s
' "$OUT"

# a translation line starting with "#" survives the round trip (escaped)
need "tr claims ch01" yaku --as tr@example.org claim ch01-overview --lang ja
EDITOR="$PY $TESTDIR/edit_session.py --fill '\\#1 タグ'" yk --as tr@example.org translate --lang ja ch01-overview
assert_eq "an escaped '#' line is text" 0 "$rc"
assert_ok yaku list segments --lang ja --chapter ch01-overview --json
assert_py "the first ch01 segment reads '#1 タグ'" '
s = load(sys.argv[1])
assert s[0]["target"] == "#1 タグ", s[0]
' "$OUT"
EDITOR="sh $TMP/seen.sh" yk --as tr@example.org translate --lang ja ch01-overview --all
assert_contains "and is written escaped" "$SEEN" '\#1 タグ'

# a translator with no claim is refused, naming how to claim
# glossary hits and translation-memory matches as comments
q=$TMP/q
mkdir -p "$q"
printf '社区成员每年选举维护者。\n\n社区成员每两年选举维护者。\n' >"$q/a.md"
(cd "$q" && "$YAKU" init --source zh-Hans --target ja >/dev/null 2>&1)
cd "$q"
need "add a.md" yaku add a.md
need "export" yaku export --lang ja -o a.po
"$PY" - a.po <<'PY'
import sys
p = sys.argv[1]
s = open(p, encoding="utf-8").read()
s = s.replace('msgid "社区成员每年选举维护者。"\nmsgstr ""',
              'msgid "社区成员每年选举维护者。"\nmsgstr "コミュニティのメンバーは毎年メンテナーを選びます。"')
open(p, "w", encoding="utf-8").write(s)
PY
need "import one translation" yaku import a.po
if has_command glossary; then
    need "glossary term" yaku glossary add 维护者 --lang ja メンテナー
fi
EDITOR="sh $TMP/seen.sh" yk translate --lang ja a
assert_contains "the TM match of the similar sentence" "$SEEN" \
    "# tm 92%: 社区成员每年选举维护者。 → コミュニティのメンバーは毎年メンテナーを選びます。"
if has_command glossary; then
    assert_contains "the glossary hit" "$SEEN" "# glossary: 维护者 → メンテナー"
fi
cd "$p"

need "member tr2" yaku member add tr2@example.org --role translator
assert_exit 3 yaku --as tr2@example.org translate --lang ja
assert_contains "told to claim first" "$ERR" "yaku claim CHAPTER --lang ja"
assert_exit 3 yaku --as tr2@example.org translate --lang ja ch01-overview
assert_contains "told who holds the chapter" "$ERR" "claimed by tr@example.org"
finish
