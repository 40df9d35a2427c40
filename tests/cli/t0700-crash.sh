#!/bin/sh
# Crash safety: `yaku import`, `yaku add` and `yaku build` killed with
# SIGKILL at random points, CRASH_ITER times each (default 30; 10 under the
# sanitizer build).  After every kill the project must open, pass
# PRAGMA integrity_check and hold exactly the state before the command or
# the state after it (SHA-256 of `sqlite3 .dump`; SOURCE_DATE_EPOCH makes
# the "after" state reproducible); a killed build leaves every output file
# either old or new, and the next build removes the temp files it left.
#
# The project is a generated 1 MB Markdown corpus (bench/gen_corpus.py,
# 13 chapters, ~15 000 segments), so each command runs for a few hundred
# milliseconds; the kill delay is drawn uniformly from 0 to 1.2 x the
# command's measured duration.
. "$(dirname "$0")/lib.sh"
command -v sqlite3 >/dev/null 2>&1 || { fail "sqlite3 is installed (Debian sqlite3, DEB_TEST)"; finish; }

case ${BUILD:-build} in *asan*) iter_default=10 ;; *) iter_default=30 ;; esac
ITER=${CRASH_ITER:-$iter_default}
SOURCE_DATE_EPOCH=1700000000
export SOURCE_DATE_EPOCH

p=$TMP/p
mkdir -p "$p"
cd "$p"
need "generate a 1 MB corpus" "$PY" "$TOP/bench/gen_corpus.py" --out "$p/docs" --size-mb 1 \
    --min-kb 50 --max-kb 100 --seed 7
need "init" yaku init --source zh-Hans --target ja
docs=$(cd "$p" && find docs -name '*.md' | sort)
# shellcheck disable=SC2086
need "add the corpus" yaku add $docs
need "export ja" yaku export --lang ja -o "$TMP/ja.po"
need "fill the PO" po_fill "$TMP/ja.po" "$TMP/ja-filled.po" "訳"

now_ms() { echo $(($(date +%s%N) / 1000000)); }
rand() { # N -> 0..N-1
    r=$(od -An -N4 -tu4 /dev/urandom | tr -d ' ')
    echo $((r % $1))
}
dbhash() { sqlite3 "$1/yaku.db" .dump | sha256sum | cut -d' ' -f1; }
snapshot() { # DIR: copy of the project's database files
    rm -rf "$1"
    mkdir -p "$1"
    cp "$p"/yaku.db* "$1"/
}
restore() { # DIR
    rm -f "$p"/yaku.db*
    cp "$1"/yaku.db* "$p"/
}
# state_of -> "before", "after" or "mixed"; checks integrity and opening
check_state() { # what
    ic=$(sqlite3 "$p/yaku.db" 'PRAGMA integrity_check' 2>&1)
    [ "$ic" = ok ] || bad_integrity=$((bad_integrity + 1))
    h=$(dbhash "$p")
    if [ "$h" = "$h_before" ]; then n_before=$((n_before + 1))
    elif [ "$h" = "$h_after" ]; then n_after=$((n_after + 1))
    else n_mixed=$((n_mixed + 1)); fi
    "$YAKU" status >/dev/null 2>&1 || bad_open=$((bad_open + 1))
}

# crash_loop WHAT SNAP_BEFORE CMD...   runs CMD to completion once (the after
# state, its duration), then ITER times from SNAP_BEFORE killed at random
crash_loop() {
    what=$1
    snap=$2
    shift 2
    restore "$snap"
    h_before=$(dbhash "$p")
    t0=$(now_ms)
    "$@" >/dev/null 2>&1 || { fail "$what runs to completion"; return; }
    dur=$(($(now_ms) - t0))
    h_after=$(dbhash "$p")
    [ "$h_before" != "$h_after" ] || { fail "$what changes the project"; return; }
    n_before=0 n_after=0 n_mixed=0 bad_integrity=0 bad_open=0 killed=0
    i=0
    while [ "$i" -lt "$ITER" ]; do
        i=$((i + 1))
        restore "$snap"
        delay=$(rand $((dur * 12 / 10 + 1)))
        "$@" >/dev/null 2>&1 &
        pid=$!
        sleep "$(printf '%d.%03d' $((delay / 1000)) $((delay % 1000)))"
        kill -KILL "$pid" 2>/dev/null && killed=$((killed + 1))
        wait "$pid" 2>/dev/null
        check_state
    done
    note "$what: ${dur} ms; $ITER runs, $killed killed: $n_before before, $n_after after, $n_mixed mixed"
    assert_eq "$what: integrity_check ok after every kill" 0 "$bad_integrity"
    assert_eq "$what: the project opens after every kill" 0 "$bad_open"
    assert_eq "$what: the state is before or after, never a mix" 0 "$n_mixed"
    if [ "$killed" -gt 0 ]; then pass "$what: some runs were killed ($killed)"
    else fail "$what: some runs were killed" "all $ITER finished before the kill"; fi
}

# import: the filled PO into the untranslated project
snapshot "$TMP/s-added"
crash_loop "import" "$TMP/s-added" "$YAKU" import "$TMP/ja-filled.po"
restore "$TMP/s-added"
need "import for the next steps" yaku import "$TMP/ja-filled.po"
snapshot "$TMP/s-imported"

# add: every chapter changed (one sentence in five edited), translations kept
# or marked fuzzy
mkdir -p "$TMP/docs-v1"
cp -R "$p/docs/." "$TMP/docs-v1/"
for f in $docs; do
    awk '{ if (NR % 5 == 0) gsub(/。/, "！"); print }' "$f" >"$f.new" && mv "$f.new" "$f"
done
# shellcheck disable=SC2086
crash_loop "add" "$TMP/s-imported" "$YAKU" add $docs
rm -rf "$p/docs"
mkdir -p "$p/docs"
cp -R "$TMP/docs-v1/." "$p/docs/"
restore "$TMP/s-imported"

# build: the old edition is the untranslated one, the new one the translated
restore "$TMP/s-added"
need "build the old edition" yaku build --lang ja --format all -o "$TMP/old"
restore "$TMP/s-imported"
need "build the new edition" yaku build --lang ja --format all -o "$TMP/new"
(cd "$TMP/old" && find . -type f | sort) >"$TMP/old.list"
(cd "$TMP/new" && find . -type f | sort) >"$TMP/new.list"
t0=$(now_ms)
"$YAKU" build --lang ja --format all -o "$TMP/timing" >/dev/null 2>&1
dur=$(($(now_ms) - t0))
torn=0 stray=0 killed=0 left=0 unclean=0 strays=""
i=0
while [ "$i" -lt "$ITER" ]; do
    i=$((i + 1))
    rm -rf "$p/out"
    cp -R "$TMP/old" "$p/out"
    delay=$(rand $((dur * 12 / 10 + 1)))
    "$YAKU" build --lang ja --format all -o "$p/out" >/dev/null 2>&1 &
    pid=$!
    sleep "$(printf '%d.%03d' $((delay / 1000)) $((delay % 1000)))"
    kill -KILL "$pid" 2>/dev/null && killed=$((killed + 1))
    wait "$pid" 2>/dev/null
    for f in $(cd "$p/out" && find . -type f | sort); do
        if grep -qxF "$f" "$TMP/new.list" || grep -qxF "$f" "$TMP/old.list"; then
            if ! cmp -s "$p/out/$f" "$TMP/new/$f" && ! cmp -s "$p/out/$f" "$TMP/old/$f"; then
                torn=$((torn + 1))
                strays="$strays torn:$f"
            fi
        else
            case $f in
                *.tmp-*) left=$((left + 1)) ;;
                *) stray=$((stray + 1)); strays="$strays $f" ;;
            esac
        fi
    done
    # the next build finishes the edition and cleans up after the killed one
    "$YAKU" build --lang ja --format all -o "$p/out" >/dev/null 2>&1
    if [ -n "$(cd "$p/out" && find . -name '*.tmp-*')" ] || ! diff -r "$TMP/new" "$p/out" >/dev/null; then
        unclean=$((unclean + 1))
    fi
done
note "build: ${dur} ms; $ITER runs, $killed killed; temp files left by a kill: $left"
assert_eq "build: no output file half-written (each is old or new)" 0 "$torn"
assert_eq "build: no unexpected file in the output${strays:+ ($strays)}" 0 "$stray"
assert_eq "build: the next build leaves the new edition and no temp file" 0 "$unclean"
if [ "$killed" -gt 0 ]; then pass "build: some runs were killed ($killed)"
else fail "build: some runs were killed" "all $ITER finished before the kill"; fi

finish
