#!/bin/sh
# Round trip: for every .md and .txt under examples/ and ../shared/corpora/ (when
# that directory exists), init -> add -> build --fallback source reproduces the
# input byte for byte.  .txt files are checked in both plain-text modes
# (paragraphs, and --segment line).  Prints how many files were checked from
# each root; a root that exists but holds no file is a failure, not a pass.
#   YAKU  absolute path of the yaku binary
set -u
: "${YAKU:?set YAKU to the absolute path of the yaku binary}"
case $YAKU in /*) ;; *) YAKU=$(pwd)/$YAKU ;; esac
TOP=$(cd "$(dirname "$0")/../.." && pwd)
YAKU_USER=tester@example.org
export YAKU_USER
unset YAKU_PROJECT

TMP=$(mktemp -d "${TMPDIR:-/tmp}/yaku-rt.XXXXXX")
trap 'rm -rf "$TMP"' EXIT
trap 'exit 130' INT TERM
passed=0
failed=0

# check_root LABEL DIR [MODE]   MODE: "" or "line" (txt files in line mode)
check_root() {
    label=$1 root=$2 mode=${3:-}
    proj=$TMP/$label${mode:+-$mode}
    mkdir -p "$proj"
    (cd "$root" && find . -type f \( -name '*.md' -o -name '*.txt' \) | sed 's|^\./||' | LC_ALL=C sort) >"$proj.list"
    [ -n "$mode" ] && { grep '\.txt$' "$proj.list" >"$proj.l2" || :; mv "$proj.l2" "$proj.list"; }
    total=$(wc -l <"$proj.list" | tr -d ' ')
    if ! (cd "$proj" && "$YAKU" init --source zh-Hans --target ja,ko --title "round trip") >"$proj.log" 2>&1; then
        echo "not ok - $label: init failed: $(head -c 300 "$proj.log")"
        failed=$((failed + 1))
        return
    fi
    n=0 ok=0
    while IFS= read -r rel; do
        n=$((n + 1))
        mkdir -p "$proj/src/$(dirname "$rel")"
        cp "$root/$rel" "$proj/src/$rel"
        # unique chapter per file: two files may share a stem
        chap=$(printf '%s' "$rel" | sed 's/\.[^.]*$//; s/[^A-Za-z0-9_-]/-/g')-$n
        case $rel in
        *.txt) set -- --format txt; [ -n "$mode" ] && set -- "$@" --segment line ;;
        *) set -- ;;
        esac
        if ! (cd "$proj" && "$YAKU" add "src/$rel" --chapter "$chap" "$@") >"$proj.log" 2>&1; then
            echo "not ok - $label: add $rel: $(head -c 300 "$proj.log")"
            failed=$((failed + 1))
            echo "$rel" >>"$proj.skip"
        fi
    done <"$proj.list"
    if ! (cd "$proj" && "$YAKU" build --lang ja --fallback source -o out) >"$proj.log" 2>&1; then
        echo "not ok - $label: build failed: $(head -c 300 "$proj.log")"
        failed=$((failed + 1))
        return
    fi
    while IFS= read -r rel; do
        grep -qxF "$rel" "$proj.skip" 2>/dev/null && continue
        if [ ! -f "$proj/out/src/$rel" ]; then
            echo "not ok - $label: $rel: not built"
            failed=$((failed + 1))
        elif cmp -s "$proj/src/$rel" "$proj/out/src/$rel"; then
            ok=$((ok + 1))
            passed=$((passed + 1))
        else
            echo "not ok - $label: $rel: $(cmp "$proj/src/$rel" "$proj/out/src/$rel" 2>&1 | head -n 1)"
            diff "$proj/src/$rel" "$proj/out/src/$rel" | head -n 8 | sed 's/^/#   /'
            failed=$((failed + 1))
        fi
    done <"$proj.list"
    echo "# $label${mode:+ ($mode mode)}: $total files checked, $ok identical"
    if [ "$total" -eq 0 ] && [ -z "$mode" ]; then
        echo "not ok - $label: $root exists but holds no .md or .txt file"
        failed=$((failed + 1))
    fi
}

check_root examples "$TOP/examples"
check_root examples "$TOP/examples" line
corpora=$TOP/../shared/corpora
if [ -d "$corpora" ]; then
    corpora=$(cd "$corpora" && pwd)
    check_root corpora "$corpora"
    check_root corpora "$corpora" line
else
    echo "# corpora: $corpora absent, 0 files checked"
fi

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
