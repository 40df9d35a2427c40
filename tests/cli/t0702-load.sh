#!/bin/sh
# Load: LOAD_WORKERS (16) processes at once for LOAD_SECONDS (10; the figures
# in docs/RELIABILITY.md come from LOAD_SECONDS=60) doing a mix of claim /
# release, import, check and status against one project of 24 chapters.
# No error escapes (every failure is a clean exit 3 refusal: never exit 2,
# "database is locked" or "busy"), an import by the chapter's holder is
# never refused, and every successful import is in the history (no lost
# update).  Prints ops/s and latency percentiles (tests/cli/load.py);
# LOAD_REPORT=FILE keeps the JSON report.
. "$(dirname "$0")/lib.sh"
SECONDS_=${LOAD_SECONDS:-10}
WORKERS=${LOAD_WORKERS:-16}

p=$TMP/p
new_project "$p" ja
cd "$p"
mkdir docs
# 24 chapters: the three of the report, each eight times under another name
for i in 1 2 3 4 5 6 7 8; do
    for f in report/*.md; do
        cp "$f" "docs/$(basename "$f" .md)-$i.md"
    done
done
need "add 24 chapters" yaku add docs/*.md
k=1
while [ "$k" -le "$WORKERS" ]; do
    need "member load-$k" yaku member add "load-$k@example.org" --role translator
    k=$((k + 1))
done
need "export" yaku export --lang ja -o "$TMP/ja.po"
po_json "$TMP/ja.po" | "$PY" -c '
import json, sys
d = json.load(sys.stdin)
json.dump([{"ctxt": e["msgctxt"], "msgid": e["msgid"]} for e in d["entries"]
           if e.get("msgctxt") and not e.get("obsolete")], open(sys.argv[1], "w"))
' "$TMP/entries.json"

report=${LOAD_REPORT:-$TMP/load.json}
run "$PY" "$TESTDIR/load.py" "$p" "$TMP/entries.json" "$SECONDS_" "$WORKERS" "$report"
sed 's/^/# /' "$OUT"
if [ "$rc" -eq 0 ]; then pass "load: no escaped error, no refused holder, no lost update"
else fail "load: no escaped error, no refused holder, no lost update" "$(tail -n 15 "$OUT")" "$(tail -n 5 "$ERR")"; fi
assert_py "load: every kind of operation ran, imports succeeded" '
r = load(sys.argv[1])
assert all(r["per_op"][k]["n"] > 0 for k in ("claim", "import", "check", "status")), r["per_op"]
assert r["imports_ok"] > 0 and r["lost_updates"] == 0, r
' "$report"
assert_eq "integrity_check after the load" ok "$(sqlite3 "$p/yaku.db" 'PRAGMA integrity_check')"
finish
