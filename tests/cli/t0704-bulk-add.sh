#!/bin/sh
# Adding a corpus of 512 KiB or more is a bulk transaction, and so is
# importing a PO that large: it switches the project to a rollback journal
# (each page written once, not to the WAL and again at the checkpoint) and
# back to WAL after it.  Other commands must not notice beyond waiting:
# readers and a writer that start while it runs all succeed, none sees
# "busy"; afterwards the project is in WAL mode with no journal left, whole
# and complete, every reference valid (it writes without foreign-key
# enforcement).  A reader that holds the project open keeps it in WAL mode
# (the switch needs the database to itself), and the add still succeeds.
. "$(dirname "$0")/lib.sh"
command -v sqlite3 >/dev/null 2>&1 || { fail "sqlite3 is installed (Debian sqlite3, DEB_TEST)"; finish; }

p=$TMP/p
mkdir -p "$p"
cd "$p"
need "generate a 4 MB corpus" "$PY" "$TOP/bench/gen_corpus.py" --out "$p/docs" --size-mb 4 \
    --min-kb 100 --max-kb 200 --seed 11
docs=$(find docs -name '*.md' | sort)
nsegs() { sqlite3 "$p/yaku.db" 'SELECT COUNT(*) FROM segments WHERE archived = 0'; }
# journal_seen PID: "yes" once yaku.db-journal appears while PID runs (up to
# 10 s).  A rollback journal exists while a transaction writes (in WAL mode
# there is none); look for the file, as a connection would change what the
# command sees.
journal_seen() {
    seen=no n=0
    while [ $seen = no ] && [ $n -lt 1000 ] && kill -0 "$1" 2>/dev/null; do
        [ -f "$p/yaku.db-journal" ] && seen=yes
        sleep 0.01
        n=$((n + 1))
    done
    echo $seen
}

# 1. readers and a writer during the add
need "init" yaku init --source zh-Hans --target ja
# shellcheck disable=SC2086
"$YAKU" add $docs >"$TMP/add.out" 2>"$TMP/add.err" &
add_pid=$!
assert_eq "the add writes through a rollback journal" yes "$(journal_seen "$add_pid")"
: >"$TMP/readers.log"
i=0
while [ $i -lt 15 ]; do
    "$YAKU" status >/dev/null 2>>"$TMP/readers.err"
    echo "status $?" >>"$TMP/readers.log"
    if [ $i -eq 3 ]; then
        "$YAKU" member add late@example.org --role translator >/dev/null 2>>"$TMP/readers.err"
        echo "member $?" >>"$TMP/readers.log"
    fi
    i=$((i + 1))
done
wait "$add_pid"
add_rc=$?
assert_eq "the bulk add succeeds" 0 "$add_rc"
assert_eq "every status and the member add during it exit 0" "" \
    "$(awk '$2 != 0' "$TMP/readers.log")"
assert_eq "no busy or locked error reaches a user" "" \
    "$(grep -iE 'busy|locked' "$TMP/readers.err" | head -n 3)"
assert_eq "the project is back in WAL mode" wal "$(sqlite3 "$p/yaku.db" 'PRAGMA journal_mode')"
assert_no_file "no rollback journal is left" "$p/yaku.db-journal"
assert_eq "integrity_check" ok "$(sqlite3 "$p/yaku.db" 'PRAGMA integrity_check')"
assert_eq "foreign_key_check: every row's references exist (the add ran without enforcement)" "" \
    "$(sqlite3 "$p/yaku.db" 'PRAGMA foreign_key_check' | head -n 3)"
n1=$(nsegs)
if [ "$n1" -gt 10000 ]; then pass "the corpus is stored ($n1 segments)"
else fail "the corpus is stored" "$n1 segments"; fi
assert_eq "the member added during the add is there" translator \
    "$(sqlite3 "$p/yaku.db" "SELECT role FROM members WHERE user = 'late@example.org'")"
need "build" yaku build --lang ja -o "$TMP/dist"
same=0
for f in $docs; do cmp -s "$f" "$TMP/dist/$f" && same=$((same + 1)); done
assert_eq "the build reproduces every file" "$(echo "$docs" | wc -l | tr -d ' ')" "$same"

# 1b. importing the whole book's PO (several MB) is a bulk transaction too
need "export ja" yaku export --lang ja -o "$TMP/ja.po"
need "fill the PO" po_fill "$TMP/ja.po" "$TMP/ja-filled.po" "訳"
"$YAKU" import "$TMP/ja-filled.po" >"$TMP/imp.out" 2>"$TMP/imp.err" &
imp_pid=$!
seen=$(journal_seen "$imp_pid")
run "$YAKU" status --lang ja
status_rc=$rc
wait "$imp_pid"
assert_eq "the bulk import succeeds" 0 "$?"
assert_eq "the import writes through a rollback journal" yes "$seen"
assert_eq "a status during it waits and succeeds" 0 "$status_rc"
assert_eq "import: back in WAL mode" wal "$(sqlite3 "$p/yaku.db" 'PRAGMA journal_mode')"
assert_eq "import: foreign_key_check finds nothing" "" \
    "$(sqlite3 "$p/yaku.db" 'PRAGMA foreign_key_check' | head -n 3)"
assert_eq "import: every segment translated" "$n1" \
    "$(sqlite3 "$p/yaku.db" "SELECT COUNT(*) FROM translations WHERE lang = 'ja' AND state = 'translated'")"
assert_eq "import: every translation in the memory" "$n1" \
    "$(sqlite3 "$p/yaku.db" 'SELECT COUNT(*) FROM tm_units')"

# 2. a reader holding the project open: the add stays in WAL mode
rm -f "$p"/yaku.db*
need "init again" yaku init --source zh-Hans --target ja
"$PY" - "$p/yaku.db" "$TMP/holding" <<'EOF' &
import sqlite3, sys, time, os
db = sqlite3.connect(sys.argv[1])
db.execute("SELECT COUNT(*) FROM meta").fetchall()
open(sys.argv[2], "w").close()
deadline = time.time() + 60
while os.path.exists(sys.argv[2]) and time.time() < deadline:
    time.sleep(0.05)
db.close()
EOF
holder=$!
n=0
while [ ! -f "$TMP/holding" ] && [ $n -lt 100 ]; do sleep 0.05; n=$((n + 1)); done
# shellcheck disable=SC2086
run "$YAKU" add $docs
assert_eq "the add succeeds while another connection is open" 0 "$rc"
assert_eq "and the project is in WAL mode" wal "$(sqlite3 "$p/yaku.db" 'PRAGMA journal_mode')"
rm -f "$TMP/holding"
wait "$holder"
assert_eq "the same segments are stored" "$n1" "$(nsegs)"

# 3. a bulk add that fails at its last file rolls back, back in WAL mode
rm -f "$p"/yaku.db*
need "init a third time" yaku init --source zh-Hans --target ja
printf '# bad \377\n\n文。\n' >"$p/zz-bad.md"
before=$(sqlite3 "$p/yaku.db" .dump | sha256sum)
# shellcheck disable=SC2086
run "$YAKU" add $docs zz-bad.md
assert_eq "a bulk add with an invalid file exits 2" 2 "$rc"
assert_contains "and names it" "$ERR" "zz-bad.md:1:7: error: invalid UTF-8"
assert_contains "and says the files it listed were not added either" "$ERR" \
    "nothing was added: the $(echo "$docs" | wc -l | tr -d ' ') files listed above are not in the project either"
assert_eq "the project is unchanged" "$before" "$(sqlite3 "$p/yaku.db" .dump | sha256sum)"
assert_eq "and in WAL mode" wal "$(sqlite3 "$p/yaku.db" 'PRAGMA journal_mode')"
assert_no_file "with no journal left" "$p/yaku.db-journal"
finish
