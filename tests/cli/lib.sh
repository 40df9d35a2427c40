# lib.sh — shared helpers for the tests/cli/tNNNN-*.sh scenario scripts.
# Source it first thing:   . "$(dirname "$0")/lib.sh"
#
# Each script runs the real binary ($YAKU, an absolute path; tests/run.sh sets
# it) in its own temporary directory $TMP, removed on exit.  Assertions print
# "ok N - what" or "not ok N - what" plus details; `finish` prints the closing
# line "N passed, N failed" and exits 1 when anything failed.
set -u

: "${YAKU:?set YAKU to the absolute path of the yaku binary}"
case $YAKU in /*) ;; *) YAKU=$(pwd)/$YAKU ;; esac
TOP=$(cd "$(dirname "$0")/../.." && pwd)
EXAMPLES=$TOP/examples
TESTDIR=$TOP/tests/cli
PY=${PYTHON:-python3}
export YAKU TOP EXAMPLES PY

# English messages whatever the caller's locale: the scenarios match message
# text (t1000-i18n.sh sets the language itself).  An LC_ALL that would
# override LC_MESSAGES keeps only its character type.
unset LANGUAGE YAKU_LOCALEDIR
case ${LC_ALL:-} in
'' | C | C.* | POSIX) ;;
*) LC_CTYPE=$LC_ALL; export LC_CTYPE; unset LC_ALL ;;
esac
LC_MESSAGES=C
export LC_MESSAGES

# A known identity, no project from the caller's environment.
YAKU_USER=tester@example.org
export YAKU_USER
unset YAKU_PROJECT

TMP=$(mktemp -d "${TMPDIR:-/tmp}/yaku-cli.XXXXXX")
TMP=$(cd "$TMP" && pwd -P)
trap 'rm -rf "$TMP"' EXIT
trap 'exit 130' INT TERM
OUT=$TMP/.out
ERR=$TMP/.err

passed=0
failed=0
count=0

pass() {
    passed=$((passed + 1)); count=$((count + 1))
    printf 'ok %d - %s\n' "$count" "$1"
}
fail() { # what [detail...]
    failed=$((failed + 1)); count=$((count + 1))
    printf 'not ok %d - %s\n' "$count" "$1"
    shift
    for d in "$@"; do printf '%s\n' "$d" | sed 's/^/#   /'; done
}
note() { printf '# %s\n' "$*"; }

# Output of the last yaku/run call, for the failure details.
last_output() {
    printf 'stdout: %s\n' "$(head -c 600 "$OUT" 2>/dev/null)"
    printf 'stderr: %s\n' "$(head -c 600 "$ERR" 2>/dev/null)"
}

# run cmd...   runs a command, stdout -> $OUT, stderr -> $ERR, status -> $rc
run() {
    rc=0
    "$@" >"$OUT" 2>"$ERR" </dev/null || rc=$?
}
# yk args...   runs yaku the same way
yk() { run "$YAKU" "$@"; }

assert_eq() { # what expected actual
    if [ "$2" = "$3" ]; then pass "$1"
    else fail "$1" "expected: $2" "actual:   $3"; fi
}

# assert_exit CODE cmd...   (cmd is usually "$YAKU" ...; a leading "yaku" means $YAKU)
assert_exit() {
    want=$1; shift
    if [ "$1" = yaku ]; then shift; set -- "$YAKU" "$@"; fi
    run "$@"
    what=$(printf '%s' "$*" | sed "s|$YAKU|yaku|; s|$TMP/||g")
    if [ "$rc" -eq "$want" ]; then pass "exit $want: $what"
    else fail "exit $want: $what" "got exit $rc" "$(last_output)"; fi
}

assert_ok() { assert_exit 0 "$@"; }

assert_contains() { # what haystack-file needle
    if grep -qF -e "$3" "$2" 2>/dev/null; then pass "$1"
    else fail "$1" "'$3' not found in $(basename "$2")" "$(head -c 400 "$2" 2>/dev/null)"; fi
}
assert_not_contains() { # what haystack-file needle
    if [ -f "$2" ] && ! grep -qF -e "$3" "$2"; then pass "$1"
    else fail "$1" "'$3' found in $(basename "$2") (or file missing)"; fi
}
assert_file() { # what path
    if [ -f "$2" ]; then pass "$1"; else fail "$1" "no file $2"; fi
}
assert_no_file() { # what path
    if [ ! -e "$2" ]; then pass "$1"; else fail "$1" "$2 exists"; fi
}
assert_same_file() { # what expected actual   (byte for byte)
    if [ ! -f "$3" ]; then fail "$1" "missing: $3"
    elif cmp -s "$2" "$3"; then pass "$1"
    else fail "$1" "$(cmp "$2" "$3" 2>&1 | head -n 1)" \
        "$(diff "$2" "$3" 2>&1 | head -n 12)"; fi
}

# assert_py what 'python statements' [args...]   passes when the code exits 0;
# the code sees sys.argv[1:] as args and helpers load(path) -> JSON.
assert_py() {
    what=$1; code=$2; shift 2
    if res=$("$PY" - "$@" 2>&1 <<PYEOF
import json, sys, re
def load(p):
    with open(p, encoding="utf-8") as f:
        return json.load(f)
$code
PYEOF
    ); then pass "$what"
    else fail "$what" "$(printf '%s' "$res" | tail -n 6)"; fi
}

# db_state DIR   prints a checksum of the project's logical database content.
# yaku.db runs in WAL mode: committed pages may still sit in yaku.db-wal, and any
# reader may checkpoint them into yaku.db, so hashing the files is not stable.
# A SQL dump reads through the WAL and depends only on the rows, so it changes
# exactly when a command wrote something.
db_state() {
    db=$1/yaku.db
    [ -f "$db" ] || { echo "no-db"; return; }
    if command -v sqlite3 >/dev/null 2>&1; then
        sqlite3 "$db" .dump | sha256sum | cut -d' ' -f1
    else
        "$PY" -c 'import sqlite3,sys,hashlib
c=sqlite3.connect(sys.argv[1]); h=hashlib.sha256()
for l in c.iterdump(): h.update(l.encode()+b"\n")
print(h.hexdigest())' "$db"
    fi
}

# assert_unchanged what DIR BEFORE   compares db_state DIR with BEFORE
assert_unchanged() {
    now=$(db_state "$2")
    if [ "$now" = "$3" ]; then pass "$1"
    else fail "$1" "yaku.db content changed"; fi
}

# new_project DIR [TARGETS]   init a zh-Hans project in DIR (created) with a copy
# of examples/report and examples/notes; stops the script when init fails.
new_project() {
    mkdir -p "$1"
    cp -R "$EXAMPLES/report" "$EXAMPLES/notes" "$1/"
    rc=0
    (cd "$1" && "$YAKU" init --source zh-Hans --target "${2:-ja,ko}" --title "Test report") \
        >"$OUT" 2>"$ERR" || rc=$?
    if [ "$rc" -ne 0 ] || [ ! -f "$1/yaku.db" ]; then
        fail "init a project in $(basename "$1")" "exit $rc" "$(last_output)"
        finish
    fi
}

# need what cmd...   like assert_ok but stops the script on failure (setup steps
# whose failure makes every later assertion meaningless)
need() {
    what=$1; shift
    if [ "$1" = yaku ]; then shift; set -- "$YAKU" "$@"; fi
    run "$@"
    if [ "$rc" -eq 0 ]; then pass "$what"
    else fail "$what" "exit $rc" "$(last_output)"; note "stopping: later steps depend on this"; finish; fi
}

# po_fill IN OUT PREFIX [--only-chapter C] ...   see potool.py
po_fill() { "$PY" "$TESTDIR/potool.py" fill "$@"; }
po_json() { "$PY" "$TESTDIR/potool.py" json "$@"; }

# has_command NAME   true when `yaku help` lists NAME as a command
has_command() {
    # command lines are indented ("  check   run the checks"); prose is not
    "$YAKU" help 2>/dev/null | grep -qE "^[[:space:]]+(yaku[[:space:]]+)?$1([[:space:]]|$)"
}

finish() {
    echo "$passed passed, $failed failed"
    [ "$failed" -eq 0 ] && exit 0
    exit 1
}

# The project of the authorisation matrix (t0401, t0703), in $1: a
# planted_project DIR   the check fixture (tests/check/planted): two chapters
# with the glossary and the ja and ko translations whose planted errors the
# check tests count.  Sets FIX; cds into DIR.
planted_project() {
    FIX=$TOP/tests/check/planted
    mkdir -p "$1"
    cp -R "$FIX/src" "$1/"
    cd "$1"
    need "init" yaku init --source zh-Hans --target ja,ko --title "Planted"
    need "add the chapters" yaku add src/ch01-community.md src/ch02-governance.md
    need "glossary" sh -c ". '$FIX/glossary.sh'"
    need "import ja" yaku import "$FIX/ja.po" --lang ja
    need "import ko" yaku import "$FIX/ko.po" --lang ko
}

# maintainer (the tester), editor ed, translator tr holding ch01-overview (ja)
# with one import done, translator tr2 holding nothing; ch01b.po and ch02.po
# ready to import.  cds into it.  user_of ROLE prints the role's user.
authz_project() {
    new_project "$1" ja
    cd "$1"
    need "add the report" yaku add report/ch01-overview.md report/ch02-community.md report/ch03-governance.md
    need "member ed" yaku member add ed@example.org --role editor
    need "member tr" yaku member add tr@example.org --role translator
    need "member tr2" yaku member add tr2@example.org --role translator
    need "tr claims ch01" yaku --as tr@example.org claim ch01-overview --lang ja
    need "export ja" yaku export --lang ja -o ja.po
    po_fill ja.po ch01.po "訳" --chapter ch01-overview >/dev/null
    need "tr imports ch01" yaku --as tr@example.org import ch01.po
    need "export ja again" yaku export --lang ja -o ja2.po
    po_fill ja2.po ch01b.po "改訳" --chapter ch01-overview >/dev/null
    po_fill ja2.po ch02.po "訳" --chapter ch02-community >/dev/null
    export EDITOR="$PY $TESTDIR/edit_session.py"
    unset VISUAL
}

user_of() {
    case $1 in
    M) echo tester@example.org ;;
    E) echo ed@example.org ;;
    T) echo tr@example.org ;;
    T2) echo tr2@example.org ;;
    S) echo stranger@example.org ;;
    esac
}
