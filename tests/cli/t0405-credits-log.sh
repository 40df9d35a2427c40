#!/bin/sh
# credits come from the history, not from claims: a claim without work earns
# nothing, work done before a claim was released still counts; translators
# and reviewers per chapter, people by first contribution; Markdown and
# JSON.  review approve/reject and `log` record every state change.
. "$(dirname "$0")/lib.sh"

p=$TMP/proj
new_project "$p" ja
cd "$p"
need "add the report" yaku add report/ch01-overview.md report/ch02-community.md report/ch03-governance.md
for u in amy bob cat; do need "member $u" yaku member add $u@example.org --role translator; done
need "member ed" yaku member add ed@example.org --role editor
need "export" yaku export --lang ja -o ja.po

# bob translates ch02 first, then amy ch01; cat claims ch03 and does nothing
need "bob claims ch02" yaku --as bob@example.org claim ch02-community --lang ja
po_fill ja.po bob.po "訳" --chapter ch02-community >/dev/null
need "bob imports ch02" yaku --as bob@example.org import bob.po
need "amy claims ch01" yaku --as amy@example.org claim ch01-overview --lang ja
po_fill ja.po amy.po "訳" --chapter ch01-overview >/dev/null
need "amy imports ch01" yaku --as amy@example.org import amy.po
need "amy releases ch01" yaku --as amy@example.org release ch01-overview --lang ja
need "cat claims ch03" yaku --as cat@example.org claim ch03-governance --lang ja
need "ed approves ch01:1 and :2" yaku --as ed@example.org review --lang ja ch01-overview --approve ch01-overview:1 ch01-overview:2
need "ed rejects ch01:3" yaku --as ed@example.org review --lang ja ch01-overview --reject ch01-overview:3 --note "訳し直してください"
assert_exit 2 yaku --as ed@example.org review --lang ja ch02-community --approve ch02-community:1 ch03-governance:1
assert_exit 3 yaku --as ed@example.org review --lang ja ch03-governance --approve ch03-governance:1

need "credits json" yaku credits --lang ja --format json
assert_py "credits: from history, chapters in order, translators then reviewers" '
c = load(sys.argv[1])
rows = [(x["chapter"], x["user"], x["role"]) for x in c]
assert rows == [("ch01-overview", "amy@example.org", "translator"),
                ("ch01-overview", "ed@example.org", "reviewer"),
                ("ch02-community", "bob@example.org", "translator")], rows
assert c[1]["segments"] == 3, c[1]
assert c[0]["segments"] == 42 and c[2]["segments"] == 34, c
assert not any(x["user"] == "cat@example.org" for x in c), "a claim alone earns no credit"
' "$OUT"
need "credits md" yaku credits --lang ja
assert_contains "markdown: a chapter heading" "$OUT" "## ch01-overview"
assert_contains "markdown: translators" "$OUT" "- amy@example.org (42)"
assert_contains "markdown: reviewers" "$OUT" "Reviewed by:"
assert_exit 2 yaku credits --lang ja --format xml
assert_exit 2 yaku credits --lang xx

need "log ch01:3" yaku log ch01-overview:3 --json
assert_py "log: import by amy, rejection by ed with the note" '
h = load(sys.argv[1])
assert [(x["action"], x["who"], x["state"]) for x in h] == [
    ("import", "amy@example.org", "translated"),
    ("review-reject", "ed@example.org", "fuzzy")], h
assert h[1]["note"] == "訳し直してください", h[1]
assert h[0]["at"] and h[1]["revision"] == 2, h
' "$OUT"
need "log ch01:1" yaku log ch01-overview:1
assert_contains "log text: the approval" "$OUT" "review-approve"
assert_exit 2 yaku log nosuch:1
assert_exit 2 yaku log notanid
assert_exit 3 yaku --as ed@example.org review --lang ja ch01-overview --approve ch01-overview:3
assert_contains "a fuzzy segment cannot be approved" "$ERR" "only translated segments"

# a segment counts once for a person, however often they worked on it: amy
# imports ch01 again (new text, a second history entry for each segment)
need "amy claims ch01 again" yaku --as amy@example.org claim ch01-overview --lang ja
need "export ch01 again" yaku export --lang ja --chapter ch01-overview -o ch01-again.po
"$PY" -c 'import sys; t = open(sys.argv[1], encoding="utf-8").read()
open(sys.argv[2], "w", encoding="utf-8").write(t.replace("msgstr \"訳", "msgstr \"訳二"))' \
    ch01-again.po amy2.po
need "amy imports ch01 again" yaku --as amy@example.org import amy2.po
# (one msgstr spans lines and keeps its text)
assert_contains "ch01's segments have a second entry from amy" "$OUT" "41 updated"
need "credits json after the second import" yaku credits --lang ja --format json
assert_py "credits: distinct segments, not history entries" '
c = load(sys.argv[1])
got = [(x["chapter"], x["user"], x["role"], x["segments"]) for x in c]
assert got == [("ch01-overview", "amy@example.org", "translator", 42),
               ("ch01-overview", "ed@example.org", "reviewer", 3),
               ("ch02-community", "bob@example.org", "translator", 34)], got
' "$OUT"
finish
