#!/bin/sh
# The authorisation matrix of t0401 under concurrency: its rows run all at
# once against ONE shared project, AUTHZ_ROUNDS times (default 3), and each
# row must end as it does alone: a refused row is refused (exit 3, saying
# why), an allowed row succeeds -- or, for an import or translate, is
# refused only as stale because another allowed row changed the segment
# first (optimistic concurrency, never an authorisation refusal); a refused
# import may end with exit 0 only when it changes nothing ("0 updated":
# an allowed row already wrote the same text).  Rows that
# change who holds what (claim, release, assign) are left out of the
# concurrent set, since the outcome of the other rows depends on them; the
# refused ones among them are kept.  Afterwards the database holds nothing
# written by the stranger or by the translator who holds nothing, and the
# translator's history is in their own chapter only.
. "$(dirname "$0")/lib.sh"
TMPDIR=$TMP
export TMPDIR
ROUNDS=${AUTHZ_ROUNDS:-3}
command -v sqlite3 >/dev/null 2>&1 || { fail "sqlite3 is installed (Debian sqlite3, DEB_TEST)"; finish; }

p=$TMP/shared
authz_project "$p"

# the matrix, read from t0401 so that both always test the same rows
sed -n "/^done <<'TABLE'$/,/^TABLE$/p" "$TESTDIR/t0401-authz.sh" | sed '1d;$d' |
    grep -v '^#' | grep -v '^[[:space:]]*$' >"$TMP/matrix"
total=$(wc -l <"$TMP/matrix")
awk '!($2 == 0 && ($3 == "claim" || $3 == "release" || $3 == "assign"))' "$TMP/matrix" \
    >"$TMP/rows"
rows=$(wc -l <"$TMP/rows")
if [ "$total" -ge 60 ]; then pass "read $total matrix rows from t0401 ($rows run concurrently)"
else fail "read the matrix rows from t0401" "only $total rows"; finish; fi

round=0
while [ "$round" -lt "$ROUNDS" ]; do
    round=$((round + 1))
    rm -rf "$TMP/r"
    mkdir -p "$TMP/r"
    i=0
    while read -r role want cmd; do
        i=$((i + 1))
        u=$(user_of "$role")
        (eval "\"\$YAKU\" --as \"\$u\" $cmd" >"$TMP/r/$i.out" 2>"$TMP/r/$i.err" </dev/null
         echo $? >"$TMP/r/$i.rc") &
    done <"$TMP/rows"
    wait
    bad=0 stale=0 same=0 details=""
    i=0
    while read -r role want cmd; do
        i=$((i + 1))
        got=$(cat "$TMP/r/$i.rc")
        err=$TMP/r/$i.err
        if [ "$got" = "$want" ]; then
            if [ "$want" = 3 ] && ! grep -qE 'member|role|claim|held|hold' "$err"; then
                bad=$((bad + 1)); details="$details|$role $cmd: refused without saying why"
            fi
        elif [ "$want" = 0 ] && [ "$got" = 3 ] && grep -qE 'changed since|while you were editing' "$err" &&
             ! grep -qE 'not a member|needs the|role' "$err"; then
            stale=$((stale + 1))
        elif [ "$want" = 3 ] && [ "$got" = 0 ] && grep -q ' 0 updated, ' "$TMP/r/$i.out"; then
            same=$((same + 1)) # another row had written the same text: nothing to refuse
        else
            bad=$((bad + 1))
            details="$details|$role $cmd: exit $got, want $want: $(head -c 200 "$err")"
        fi
        if grep -qE 'locked|busy' "$err"; then
            bad=$((bad + 1)); details="$details|$role $cmd: $(head -c 200 "$err")"
        fi
    done <"$TMP/rows"
    note "round $round: $rows rows at once, $stale allowed writes refused as stale, $same refused imports with nothing left to change"
    if [ "$bad" -eq 0 ]; then pass "round $round: every row ends as it does alone"
    else fail "round $round: every row ends as it does alone" "$(echo "$details" | tr '|' '\n')"; fi
done

q() { sqlite3 "$p/yaku.db" "$1"; }
assert_eq "nothing in the history by the stranger" 0 \
    "$(q "SELECT count(*) FROM history WHERE who = 'stranger@example.org'")"
assert_eq "no claim by the stranger" 0 \
    "$(q "SELECT count(*) FROM claims WHERE holder = 'stranger@example.org'")"
assert_eq "the stranger is not a member" 0 \
    "$(q "SELECT count(*) FROM members WHERE user = 'stranger@example.org'")"
assert_eq "nothing in the history by the translator who holds nothing" 0 \
    "$(q "SELECT count(*) FROM history WHERE who = 'tr2@example.org'")"
assert_eq "the translator's history is in their own chapter only" 0 \
    "$(q "SELECT count(*) FROM history h JOIN segments s ON s.id = h.segment_id
          JOIN chapters c ON c.id = s.chapter_id
          WHERE h.who = 'tr@example.org' AND c.name <> 'ch01-overview'")"
assert_eq "one active translator claim on ch01, still tr's" "tr@example.org" \
    "$(q "SELECT group_concat(holder) FROM claims c JOIN chapters ch ON ch.id = c.chapter_id
          WHERE ch.name = 'ch01-overview' AND c.active = 1 AND c.kind = 'translator'")"
assert_eq "integrity_check" ok "$(q 'PRAGMA integrity_check')"
finish
