#!/bin/sh
# yaku init: creates the project database; refuses a second init; rejects bad
# language tags; commands find the project from a subdirectory, with -C DIR and
# with YAKU_PROJECT.
. "$(dirname "$0")/lib.sh"

p=$TMP/p1
mkdir -p "$p"
cd "$p"
assert_ok yaku init --source zh-Hans --target ja,ko --title "开源社区年度报告"
assert_file "init creates yaku.db" "$p/yaku.db"
if command -v sqlite3 >/dev/null 2>&1; then
    assert_eq "yaku.db is SQLite in WAL mode" wal "$(sqlite3 "$p/yaku.db" 'PRAGMA journal_mode;' 2>&1)"
fi
assert_eq "init writes nothing but the database" "yaku.db" \
    "$(ls -A "$p" | grep -v -e '^yaku\.db-wal$' -e '^yaku\.db-shm$' | tr '\n' ' ' | sed 's/ $//')"

# A second init on an existing project is refused as a conflict with existing
# state (exit 3), not a malformed request (2); the project stays as it was.
before=$(db_state "$p")
assert_exit 3 yaku init --source zh-Hans --target ja,ko
assert_unchanged "second init leaves the project unchanged" "$p" "$before"
assert_exit 3 yaku init --source en --target ja
assert_unchanged "second init with other languages leaves the project unchanged" "$p" "$before"

# init DIR from elsewhere
mkdir -p "$TMP/p2"
cd "$TMP"
assert_ok yaku init p2 --source en --target ja
assert_file "init DIR creates DIR/yaku.db" "$TMP/p2/yaku.db"
assert_no_file "init DIR does not create a database in the current directory" "$TMP/yaku.db"

# Bad or missing language tags: usage error, nothing created.
mkdir -p "$TMP/bad"
cd "$TMP/bad"
assert_exit 2 yaku init --source zh-Hans --target 'ja,ko_KR!'
assert_exit 2 yaku init --source 'zh-' --target ja
assert_exit 2 yaku init --source zh-Hans --target 'j a'
assert_exit 2 yaku init --source zh-Hans --target ''
assert_exit 2 yaku init --source '123' --target ja
assert_exit 2 yaku init --target ja
assert_exit 2 yaku init --source zh-Hans
assert_exit 2 yaku init --source zh-Hans --target zh-Hans
assert_no_file "rejected inits create no database" "$TMP/bad/yaku.db"
# Accepted tags from the SPEC
for tag in zh-Hans zh-Hant zh-CN en; do
    mkdir -p "$TMP/ok-$tag"
    assert_ok yaku -C "$TMP/ok-$tag" init --source "$tag" --target ja,ko
done

# Project discovery walks up from a subdirectory, like git.
mkdir -p "$p/report/deep/er"
cp "$EXAMPLES/report/ch01-overview.md" "$p/report/"
cd "$p/report/deep/er"
assert_ok yaku list chapters
assert_ok yaku status
cd "$p/report"
assert_ok yaku add ch01-overview.md
cd "$p/report/deep/er"
assert_ok yaku list chapters --json
assert_contains "discovered project lists the chapter added from report/" "$OUT" '"ch01-overview"'

# Outside any project: a usage error, not a crash.
mkdir -p "$TMP/none/sub"
cd "$TMP/none/sub"
assert_exit 2 yaku list chapters
assert_exit 2 yaku status

# -C DIR: use the project in DIR from anywhere.  Like git -C / make -C / tar -C,
# relative FILE arguments are then read relative to DIR (the current directory
# is elsewhere, possibly unrelated).
assert_ok yaku -C "$p" list chapters --json
assert_contains "-C DIR uses DIR's project" "$OUT" '"ch01-overview"'
cp "$EXAMPLES/report/ch02-community.md" "$p/report/"
assert_ok yaku -C "$p" add report/ch02-community.md
assert_ok yaku -C "$p" list chapters --json
assert_contains "-C DIR add resolves FILE relative to DIR" "$OUT" '"ch02-community"'
cd "$TMP"
mkdir -p "$TMP/none/report"
printf '# 诱饵\n\n不是这个文件。\n' >"$TMP/none/report/ch03-governance.md"
cp "$EXAMPLES/report/ch03-governance.md" "$p/report/"
cd "$TMP/none"
assert_ok yaku -C "$p" add report/ch03-governance.md
assert_ok yaku -C "$p" list segments --chapter ch03-governance --json
assert_contains "-C DIR add reads DIR/FILE, not ./FILE" "$OUT" "治理与可持续性"
cd "$TMP/none/sub"
assert_exit 2 yaku -C "$TMP/does-not-exist" list chapters

# YAKU_PROJECT
YAKU_PROJECT=$p
export YAKU_PROJECT
assert_ok yaku list chapters --json
assert_contains "YAKU_PROJECT selects the project" "$OUT" '"ch01-overview"'
YAKU_PROJECT=$TMP/none
assert_exit 2 yaku list chapters
unset YAKU_PROJECT
finish
