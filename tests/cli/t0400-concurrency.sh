#!/bin/sh
# Concurrency: 8 processes x 50 claims on the same chapters at once (chapter
# claims and --next batches).  Every chapter claim has one winner, no
# segment ever has two holders, and "database is locked" never reaches a
# user: each claim exits 0 (won) or 3 (someone else holds it, named).
. "$(dirname "$0")/lib.sh"

p=$TMP/proj
mkdir -p "$p/book"
# twelve small chapters of original text, five sentences each
i=1
while [ $i -le 12 ]; do
    c=$(printf 'c%02d' $i)
    {
        printf '# 第%d章\n\n' $i
        printf '志愿者在第%d章里讨论翻译流程。大家轮流认领段落。每个人只翻译自己认领的部分。审校者最后检查术语。\n' $i
    } >"$p/book/$c.md"
    i=$((i + 1))
done
rc=0
(cd "$p" && "$YAKU" init --source zh-Hans --target ja >"$OUT" 2>"$ERR") || rc=$?
assert_eq "init" 0 "$rc"
cd "$p"
need "add twelve chapters" yaku add book/c01.md book/c02.md book/c03.md book/c04.md book/c05.md \
    book/c06.md book/c07.md book/c08.md book/c09.md book/c10.md book/c11.md book/c12.md
u=1
while [ $u -le 8 ]; do
    need "member u$u" yaku member add "u$u@example.org" --role translator
    u=$((u + 1))
done

# worker U: 50 claims, 4 of 5 on chapters (starting at a different one per
# worker), every 5th a --next 3 batch.  One line per claim: "op exit".
worker() {
    w=$1
    n=1
    while [ $n -le 50 ]; do
        if [ $((n % 5)) -eq 0 ]; then
            op="next"
            "$YAKU" --as "u$w@example.org" claim --next 3 --lang ja >/dev/null 2>>"$TMP/err.$w"
        else
            op=$(printf 'c%02d' $(( (n + w * 3) % 12 + 1 )))
            "$YAKU" --as "u$w@example.org" claim "$op" --lang ja >/dev/null 2>>"$TMP/err.$w"
        fi
        echo "$op $?" >>"$TMP/log.$w"
        n=$((n + 1))
    done
}
u=1
while [ $u -le 8 ]; do
    : >"$TMP/log.$u"
    : >"$TMP/err.$u"
    worker $u &
    u=$((u + 1))
done
wait

cat "$TMP"/log.* >"$TMP/all.log"
assert_eq "400 claims ran" 400 "$(wc -l <"$TMP/all.log" | tr -d ' ')"
assert_eq "every claim exited 0 or 3" "" "$(awk '$2 != 0 && $2 != 3' "$TMP/all.log" | head -n 3)"
cat "$TMP"/err.* >"$TMP/all.err"
if grep -qiE 'locked|busy' "$TMP/all.err"; then
    fail "no 'database is locked' / busy error reaches the user" "$(grep -iE 'locked|busy' "$TMP/all.err" | head -n 3)"
else
    pass "no 'database is locked' / busy error reaches the user"
fi
assert_eq "every refusal names the holder" "" \
    "$(grep 'error' "$TMP/all.err" | grep -v -e 'claimed by' -e "in u[0-9]@example.org's claimed batch" | head -n 3)"
refusals=$(grep -c 'error' "$TMP/all.err")
if [ "$refusals" -gt 0 ]; then pass "some claims were refused ($refusals): the workers did collide"
else fail "the workers never collided"; fi

# one winner per chapter: the users whose chapter claim exited 0
u=1
for u in 1 2 3 4 5 6 7 8; do sed "s/^/u$u /" "$TMP/log.$u"; done >"$TMP/who.log"
assert_eq "no chapter was won by two users" "" \
    "$(awk '$2 != "next" && $3 == 0 { print $2, $1 }' "$TMP/who.log" | sort -u | awk '{ n[$1]++ } END { for (c in n) if (n[c] > 1) print c }')"

# a last sweep takes whatever is left, then every segment has exactly one holder
need "sweep the rest" yaku --as u1@example.org claim --next 1000 --lang ja
assert_py "every chapter has at most one chapter claim, every segment exactly one holder" '
import sqlite3
db = sqlite3.connect(sys.argv[1])
dup = db.execute("""SELECT chapter_id, COUNT(*) FROM claims WHERE active = 1 AND batch = 0
                    AND kind = ? GROUP BY chapter_id, lang HAVING COUNT(*) > 1""", ("translator",)).fetchall()
assert not dup, dup
rows = db.execute("""SELECT s.id,
  (SELECT COUNT(*) FROM claims cl WHERE cl.chapter_id = s.chapter_id AND cl.lang = ?1
     AND cl.active = 1 AND cl.batch = 0 AND cl.kind = ?2),
  (SELECT COUNT(*) FROM claim_segments cs JOIN claims cl ON cl.id = cs.claim_id
     WHERE cs.segment_id = s.id AND cs.lang = ?1 AND cs.active = 1 AND cl.active = 1)
  FROM segments s WHERE s.archived = 0""", ("ja", "translator")).fetchall()
assert len(rows) == 60, len(rows)
bad = [r for r in rows if r[1] + r[2] != 1]
assert not bad, bad[:5]
' "$p/yaku.db"
assert_ok yaku status --lang ja --json
assert_py "status --json: every chapter has a holder" '
d = load(sys.argv[1])
chs = d["languages"][0]["chapters"]
assert len(chs) == 12, chs
assert all(c["holder"] for c in chs), [c for c in chs if not c["holder"]]
' "$OUT"
finish
