#!/bin/sh
# docs/yaku.1: groff and mandoc format it without a warning, and it cannot
# fall behind the CLI: every command of `yaku help` has a subsection under
# COMMANDS and a SYNOPSIS line, and every option of `yaku COMMAND --help`
# (and of each verb of glossary and tm) is described in that subsection,
# with its short form when it has one.
. "$(dirname "$0")/lib.sh"

PAGE=$TOP/docs/yaku.1
cd "$TMP"

assert_file "the man page exists" "$PAGE"
for dev in utf8 ascii; do
    run groff -man -T"$dev" -ww -z "$PAGE"
    if [ "$rc" -eq 0 ] && [ ! -s "$ERR" ]; then pass "groff -man -T$dev -ww: no warning"
    else fail "groff -man -T$dev -ww: no warning" "$(head -n 5 "$ERR")"; fi
done
run mandoc -Tlint -Wall "$PAGE"
if [ "$rc" -eq 0 ] && [ ! -s "$OUT" ] && [ ! -s "$ERR" ]; then pass "mandoc -Tlint -Wall: nothing to say"
else fail "mandoc -Tlint -Wall: nothing to say" "$(head -n 5 "$OUT")" "$(head -n 5 "$ERR")"; fi
if LC_ALL=C grep -n '[^ -~]' "$PAGE" >"$OUT"; then fail "the page is ASCII (man-db may read it as ISO-8859-1)" "$(head -n 3 "$OUT")"
else pass "the page is ASCII (man-db may read it as ISO-8859-1)"; fi

# the page as a reader sees it: plain text, lines never broken or hyphenated
groff -man -Tutf8 -P-cbou -rLL=1000n -rHY=0 "$PAGE" >page.txt 2>/dev/null
assert_contains "rendered: NAME" page.txt "yaku - translation workflow for volunteer communities"

"$YAKU" help >help.txt 2>&1
commands=$(sed -n 's/^  \([a-z]\{1,\}\) \{2,\}.*/\1/p' help.txt)
n=$(echo $commands | wc -w)
[ "$n" -ge 20 ] && pass "yaku help lists $n commands" || fail "yaku help lists the commands" "$(cat help.txt)"

# section NAME   prints the rendered COMMANDS subsection of command NAME
section() {
    awk -v name="$1" '
        /^[A-Z]/ { in_cmds = ($0 == "COMMANDS"); on = 0; next }
        in_cmds && /^   [a-z]+$/ { on = ($0 == "   " name); next }
        on { print }' page.txt
}

# options_of ARGS...   "SHORT LONG" per option of `yaku ARGS --help` (SHORT is - when none)
options_of() {
    "$YAKU" "$@" --help 2>/dev/null | sed -n \
        -e 's/^  -\([a-zA-Z]\), --\([a-z][a-z-]*\).*/\1 \2/p' \
        -e 's/^      --\([a-z][a-z-]*\).*/- \1/p' | grep -v ' help$'
}

for c in $commands; do
    grep -q "^ *yaku $c\( \|$\)" page.txt && pass "SYNOPSIS has yaku $c" || fail "SYNOPSIS has yaku $c"
    section "$c" >"sec.$c"
    if [ ! -s "sec.$c" ]; then fail "COMMANDS has a subsection for $c"; continue; fi
    pass "COMMANDS has a subsection for $c"
    case $c in
    glossary) sources="glossary:import glossary:add glossary:list glossary:export glossary" ;;
    tm) sources="tm:import tm:export tm:search tm" ;;
    help) sources="" ;;  # yaku help takes a command name, no option
    *) sources=$c ;;
    esac
    missing=""
    nopt=0
    for s in $sources; do
        options_of $(echo "$s" | tr ':' ' ') >opts.txt
        while read -r short long; do
            nopt=$((nopt + 1))
            if [ "$short" = - ]; then want="--$long"; else want="-$short, --$long"; fi
            grep -qF -e "$want" "sec.$c" || missing="$missing [$s] $want"
        done <opts.txt
    done
    assert_eq "the $c subsection describes its $nopt options" "" "$missing"
done

# the global options, the exit statuses and the environment are there too
for w in "-C DIR" "--as USER" "--version" "YAKU_PROJECT" "YAKU_USER" "EDITOR" "YAKU_LOCALEDIR" \
         "LANGUAGE" "yaku.db"; do
    assert_contains "the page describes $w" page.txt "$w"
done
assert_py "EXIT STATUS names 0, 1, 2 and 3" '
t = open(sys.argv[1], encoding="utf-8").read()
sec = t.split("\nEXIT STATUS\n", 1)[1].split("\nENVIRONMENT\n", 1)[0]
assert re.findall(r"^ +([0-9]) ", sec, re.M) == ["0", "1", "2", "3"], sec
' page.txt

finish
