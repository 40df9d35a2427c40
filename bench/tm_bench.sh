#!/bin/sh
# Translation-memory benchmark (not part of make test; see bench/README.md).
#   TM_SIZES      memory sizes (default "10000 100000 1000000")
#   TM_QUERIES    lookups per size (default 1000)
#   TM_NEW        new segments for pretranslate (default 2000)
#   TM_PRE_SIZE   memory size for pretranslate vs msgmerge (default 100000)
#   MSGMERGE_N    messages msgmerge really processes (default: all TM_NEW); its
#                 time is scaled to TM_NEW when fewer
# Writes bench/out/tm/results.txt.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/.." && pwd)
YAKU=${YAKU:-$top/build/yaku}
SIZES=${TM_SIZES:-"10000 100000 1000000"}
NQ=${TM_QUERIES:-1000}
NNEW=${TM_NEW:-2000}
PRE=${TM_PRE_SIZE:-100000}
MMN=${MSGMERGE_N:-$NNEW}
out=$here/out/tm
mkdir -p "$out"
res=$out/results.txt
: >"$res"
YAKU_USER=bench@example.org
export YAKU_USER
unset YAKU_PROJECT

# the in-process lookup driver, linked to libyaku.a
PKGS="icu-uc icu-i18n libxml-2.0 sqlite3 hunspell yaml-0.1 libzip libcmark-gfm"
cc -O2 -std=c11 -D_DEFAULT_SOURCE -I"$top/include" -o "$out/tm_lookup" "$here/tm_lookup.c" \
    "$top/build/libyaku.a" $(pkg-config --libs $PKGS) -lcmark-gfm-extensions -lm -pthread

now() { date +%s.%N; }
say() { echo "$*" | tee -a "$res"; }

say "machine: $(nproc) cores, $(uname -sr); load: $(cut -d' ' -f1-3 /proc/loadavg)"
for n in $SIZES; do
    tmx=$out/mem-$n.tmx
    [ -f "$tmx" ] || python3 "$here/tm_gen.py" tmx "$n" "$tmx"
    p=$out/p-$n
    rm -rf "$p"
    mkdir -p "$p"
    (cd "$p" && "$YAKU" init --source zh-Hans --target ja,ko >/dev/null)
    t0=$(now)
    "$YAKU" -C "$p" tm import "$tmx" >"$out/import-$n.log"
    t1=$(now)
    added=$(sed -n 's/.*units: \([0-9]*\) added.*/\1/p' "$out/import-$n.log")
    python3 "$here/tm_gen.py" queries "$NQ" "$tmx" "$out/q-$n.txt"
    sizes=$(sqlite3 "$p/yaku.db" "SELECT name, SUM(pgsize) FROM dbstat WHERE name LIKE 'tm_%' GROUP BY name" |
        awk -F'|' '{printf "%s=%.1fMB ", $1, $2/1048576}')
    dbmb=$(du -m "$p/yaku.db" | cut -f1)
    look=$("$out/tm_lookup" "$p" "$out/q-$n.txt" ja)
    say "units=$n added=$added import_s=$(echo "$t1 - $t0" | bc) rate=$(echo "$added / ($t1 - $t0)" | bc)/s db=${dbmb}MB $sizes"
    say "  $look"
done

# pretranslate vs msgmerge at TM_PRE_SIZE units
tmx=$out/mem-$PRE.tmx
[ -f "$tmx" ] || python3 "$here/tm_gen.py" tmx "$PRE" "$tmx"
p=$out/pre
rm -rf "$p"
mkdir -p "$p"
python3 "$here/tm_gen.py" doc "$NNEW" "$tmx" "$p/new.md"
(cd "$p" && "$YAKU" init --source zh-Hans --target ja >/dev/null && "$YAKU" add new.md --segment paragraph >/dev/null &&
    "$YAKU" tm import "$tmx" >/dev/null)
t0=$(now)
"$YAKU" -C "$p" pretranslate --lang ja --min 75 | tee "$out/pretranslate.log"
t1=$(now)
yk=$(echo "$t1 - $t0" | bc)

python3 "$here/tm_gen.py" po "$tmx" "$out/compendium.po"
python3 "$here/tm_gen.py" pot "$p/new.md" "$out/new.pot"
# msgmerge on the first MSGMERGE_N messages, fuzzy matching on (the default)
python3 - "$out/new.pot" "$out/new-part.pot" "$MMN" <<'EOF'
import sys
parts = open(sys.argv[1], encoding="utf-8").read().split("\n\n")
open(sys.argv[2], "w", encoding="utf-8").write("\n\n".join(parts[:int(sys.argv[3]) + 1]) + "\n")
EOF
# an empty catalogue: every message is looked up in the compendium (exact or fuzzy)
head -n 4 "$out/new.pot" >"$out/def.po"
t0=$(now)
msgmerge --quiet --compendium="$out/compendium.po" -o "$out/merged.po" "$out/def.po" "$out/new-part.pot"
t1=$(now)
mm=$(echo "$t1 - $t0" | bc)
fz=$(grep -c '^#, fuzzy' "$out/merged.po" || true)
tr=$(grep -c '^msgstr "[^"]' "$out/merged.po" || true)
mm_scaled=$(echo "scale=3; $mm * $NNEW / $MMN" | bc)
say "pretranslate: $NNEW new segments vs $PRE units: yaku ${yk}s ($(sed -n 's/.*: \([0-9]*\) filled.*/\1/p' "$out/pretranslate.log") filled)"
say "msgmerge --compendium (fuzzy on): $MMN messages in ${mm}s ($tr filled, $fz of them fuzzy) -> ${mm_scaled}s for $NNEW"
say "ratio msgmerge/yaku: $(echo "scale=0; $mm_scaled / $yk" | bc)x"
