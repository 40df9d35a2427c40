#!/bin/sh
# yaku --help / help / every command's --help: exit 0, on stdout, mention the
# command's options; unknown command or option: exit 2.
. "$(dirname "$0")/lib.sh"
cd "$TMP"

mentions() { # what word...   every word appears in $OUT
    what=$1; shift
    missing=""
    for w in "$@"; do grep -qF -e "$w" "$OUT" || missing="$missing $w"; done
    if [ -z "$missing" ]; then pass "$what"
    else fail "$what" "missing:$missing" "$(head -c 400 "$OUT")"; fi
}

core="init add list export import status build"
later="glossary tm pretranslate member assign claim release translate review check credits log config"

assert_ok yaku --help
mentions "yaku --help lists the core commands" $core
assert_ok yaku help
cp "$OUT" help.txt
mentions "yaku help lists the core commands" $core
assert_eq "yaku help = yaku --help" "$(cat help.txt)" "$("$YAKU" --help 2>/dev/null)"
assert_ok yaku -h
assert_ok yaku help --help
assert_eq "yaku help --help = yaku --help" "$(cat help.txt)" "$(cat "$OUT")"

opts_for() {
    case $1 in
    init) echo "--source --target --title" ;;
    add) echo "--chapter --format --segment" ;;
    list) echo "chapters segments --chapter --lang --state --json" ;;
    export) echo "--lang --chapter --format -o" ;;
    import) echo "--lang" ;;
    status) echo "--lang --json --html --fail-under" ;;
    build) echo "--lang --format -o --min-percent --fallback" ;;
    glossary) echo "import add list export --lang --forbid --note --format" ;;
    tm) echo "import export search --lang --min --json" ;;
    pretranslate) echo "--lang --min --chapter" ;;
    member) echo "add --role" ;;
    assign) echo "--lang --to --role" ;;
    claim) echo "--lang --next --chapter" ;;
    release) echo "--lang --all" ;;
    translate) echo "--lang" ;;
    review) echo "--lang --approve --reject --note" ;;
    check) echo "--lang --chapter --format --only --fix" ;;
    status) echo "--lang --json --html --fail-under" ;;
    credits) echo "--lang --format" ;;
    log) echo "SEGMENT" ;;
    config) echo "KEY" ;;
    esac
}

for c in $core $later; do
    case " $core " in
    *" $c "*) ;;
    *) if ! grep -qE "^[[:space:]]+(yaku[[:space:]]+)?$c([[:space:]]|$)" help.txt; then
           note "skip: $c (not in yaku help yet)"; continue
       fi ;;
    esac
    assert_ok yaku "$c" --help
    mentions "yaku $c --help mentions its options" $(opts_for "$c")
    assert_eq "yaku $c --help writes nothing to stderr" "" "$(cat "$ERR")"
    assert_ok yaku help "$c"
    mentions "yaku help $c mentions its options" $(opts_for "$c")
done

# --help works outside a project and never creates one
assert_no_file "help creates no project" "$TMP/yaku.db"

assert_exit 2 yaku
assert_exit 2 yaku frobnicate
assert_contains "unknown command is named on stderr" "$ERR" "frobnicate"
assert_exit 2 yaku --bogus
assert_exit 2 yaku init --bogus --source zh-Hans --target ja
assert_no_file "init with an unknown option creates nothing" "$TMP/yaku.db"
assert_exit 2 yaku help frobnicate
mkdir -p p && (cd p && "$YAKU" init --source zh-Hans --target ja >/dev/null 2>&1)
cd p
assert_exit 2 yaku list chapters --bogus
assert_exit 2 yaku export
assert_exit 2 yaku build
assert_exit 2 yaku build --lang
assert_exit 2 yaku status --fail-under abc
assert_exit 2 yaku export --lang ja --format docx

finish
