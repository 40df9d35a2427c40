#!/bin/sh
# A PO is imported a piece of about a megabyte at a time (the PO of a whole
# language is not held in memory), yet it goes in whole or not at all, as a
# single piece did: every entry of a 3 MB PO is imported; an error in a
# later piece names its real file:line and leaves the project unchanged,
# though earlier pieces were already written in the transaction; two
# entries for one segment in different pieces are refused, and so is a
# second header; a file whose header is not in its first piece is read
# whole; CRLF line ends cut the same way; an XLIFF after blank lines is
# still XLIFF.  An export,
# which reads a document at a time, shows one state of the project: an
# import that commits while it runs is not in it.
. "$(dirname "$0")/lib.sh"

p=$TMP/p
mkdir -p "$p"
cd "$p"
need "generate a 1 MB corpus" "$PY" "$TOP/bench/gen_corpus.py" --out "$p/docs" --size-mb 1 \
    --min-kb 100 --max-kb 200 --seed 5
# shellcheck disable=SC2046
need "init" yaku init --source zh-Hans --target ja
# shellcheck disable=SC2046
need "add" yaku add $(find docs -name '*.md' | sort)
need "export ja" yaku export --lang ja -o ja.po
po_fill ja.po filled.po '«JA»' >/dev/null
size=$(wc -c <filled.po)
if [ "$size" -gt 3000000 ]; then pass "the PO spans several pieces ($size bytes)"
else fail "the PO spans several pieces" "$size bytes"; fi
entries=$(grep -c '^msgctxt ' filled.po)

# --- bad files: each refused with its own file:line, nothing written ---
"$PY" - filled.po <<'PYEOF'
import sys
t = open(sys.argv[1], encoding="utf-8").read()
lines = t.split("\n")
ctx = [i for i, l in enumerate(lines) if l.startswith('msgctxt "')]
def write(name, ls):
    open(name, "w", encoding="utf-8", newline="").write("\n".join(ls))
last = ctx[-1]
bad = lines[:]
bad[last] = 'msgctxt "no-such-chapter:1"'
write("unknown-late.po", bad)
open("unknown-late.line", "w").write(str(last + 1))
# the first entry again at the end: its segment twice, pieces apart
first = ctx[0]
end = lines.index("", first)
write("dup-late.po", lines + [""] + lines[first:end])
open("dup-late.line", "w").write("%d %d" % (first + 1, len(lines) + 2))
# the header again at the end
hend = lines.index("")
write("header-late.po", lines + [""] + lines[:hend])
open("header-late.line", "w").write(str(len(lines) + 2))
write("crlf.po", [l + "\r" if l else l for l in lines])
# the header only at the end (gettext lets it stand anywhere)
write("header-end.po", lines[hend + 1:] + [""] + lines[:hend])
PYEOF
before=$(db_state "$p")
assert_exit 2 yaku import unknown-late.po
assert_contains "an unknown segment in the last piece: its real line" "$ERR" \
    "unknown-late.po:$(cat unknown-late.line):"
assert_unchanged "and the pieces before it were not kept" "$p" "$before"
assert_exit 2 yaku import dup-late.po
set -- $(cat dup-late.line)
assert_contains "one segment in two pieces: refused at the second" "$ERR" "dup-late.po:$2:"
assert_contains "naming the first" "$ERR" "the first is at line $1"
assert_unchanged "two entries for one segment: unchanged" "$p" "$before"
assert_exit 2 yaku import header-late.po
assert_contains "a header after the entries: refused where it is" "$ERR" \
    "header-late.po:$(cat header-late.line):"
assert_unchanged "a late header: unchanged" "$p" "$before"

need "a header at the end only: read whole, as gettext reads it" yaku import header-end.po
assert_contains "every entry imported" "$OUT" "$entries entries: $entries updated"
need "re-init after it" sh -c 'rm -f yaku.db yaku.db-wal yaku.db-shm && "$YAKU" init --source zh-Hans --target ja &&
    "$YAKU" add $(find docs -name "*.md" | sort)'
before=$(db_state "$p")

# an XLIFF after 5000 blank lines is still read as XLIFF
need "export XLIFF" yaku export --lang ja --format xliff -o ja.xlf
# (no XML declaration: it may only open a document)
{ head -c 5000 /dev/zero | tr '\0' '\n'; tail -n +2 ja.xlf; } >blank-first.xlf
assert_ok yaku import blank-first.xlf
assert_contains "blank lines before an XLIFF: read as XLIFF" "$OUT" "blank-first.xlf (ja): $entries entries"

# --- the whole file, LF and CRLF ---
assert_ok yaku import filled.po
assert_contains "every entry of every piece is imported" "$OUT" "$entries entries: $entries updated"
assert_ok yaku export --lang ja -o again.po
assert_eq "every segment has its translation" "$(grep -c '«JA»' filled.po)" "$(grep -c '«JA»' again.po)"
assert_eq "(one marked translation an entry)" "$entries" "$(grep -c '«JA»' again.po)"
need "re-init" sh -c 'rm -f yaku.db yaku.db-wal yaku.db-shm && "$YAKU" init --source zh-Hans --target ja &&
    "$YAKU" add $(find docs -name "*.md" | sort)'
assert_ok yaku import crlf.po
assert_contains "CRLF: every entry imported" "$OUT" "$entries entries: $entries updated"
assert_ok yaku export --lang ja -o again-crlf.po
assert_eq "CRLF: the same translations" "$(grep -v 'Date: ' again.po)" "$(grep -v 'Date: ' again-crlf.po)"

# --- an export holds one state of the project while an import commits ---
need "re-init for the concurrent export" sh -c 'rm -f yaku.db yaku.db-wal yaku.db-shm &&
    "$YAKU" init --source zh-Hans --target ja && "$YAKU" add $(find docs -name "*.md" | sort)'
mkfifo pipe
"$YAKU" export --lang ja >pipe 2>export.err &
exp=$!
exec 3<pipe
# its first byte: the export has begun its walk (and stops at the full pipe)
dd bs=1 count=1 <&3 >during.po 2>/dev/null
assert_ok yaku import filled.po
cat <&3 >>during.po
exec 3<&-
rc=0
wait "$exp" || rc=$?
assert_eq "the export that ran during the import succeeded" 0 "$rc"
assert_eq "it has every entry" "$entries" "$(grep -c '^msgctxt ' during.po)"
assert_eq "and none of the import that committed meanwhile" 0 "$(grep -c '«JA»' during.po || true)"
assert_ok yaku export --lang ja -o after.po
assert_eq "an export after it has the import" "$(grep -c '«JA»' filled.po)" "$(grep -c '«JA»' after.po)"

finish
