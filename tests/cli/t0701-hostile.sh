#!/bin/sh
# Hostile and broken input: every case exits 2 with a message that says
# what is wrong, and leaves the project exactly as it was (SHA-256 of
# `sqlite3 yaku.db .dump`, lib.sh db_state).  Cases: invalid UTF-8 of every
# kind, NUL bytes, a 200 MB single-line file for each reader (refused from
# its size, in well under a second and without reading it), XML external
# entities, parameter entities and entity bombs in TMX and TBX, PO plural
# and duplicate entries, paths escaping the project or the output
# directory, a database from a future schema, a read-only project
# directory and a full disk.  100 000-level nested lists and quotes are
# valid Markdown: they are accepted, in seconds, and build.
. "$(dirname "$0")/lib.sh"
command -v sqlite3 >/dev/null 2>&1 || { fail "sqlite3 is installed (Debian sqlite3, DEB_TEST)"; finish; }

p=$TMP/proj
new_project "$p" ja
cd "$p"
need "add ch01" yaku add report/ch01-overview.md
need "export ja" yaku export --lang ja -o "$TMP/ja.po"
tried=0

# refused WHAT NEEDLE CMD...   exit 2, NEEDLE in stderr, project unchanged
refused() {
    what=$1; needle=$2; shift 2
    tried=$((tried + 1))
    before=$(db_state "$p")
    assert_exit 2 "$@"
    assert_contains "$what: the message says why" "$ERR" "$needle"
    assert_unchanged "$what: project unchanged" "$p" "$before"
}

# measured CMD...   like run, plus $secs (wall) and $rss (max RSS of the child, KB)
measured() {
    rc=0
    res=$("$PY" -c '
import resource, subprocess, sys, time
t = time.time()
with open(sys.argv[1], "wb") as o, open(sys.argv[2], "wb") as e:
    r = subprocess.run(sys.argv[3:], stdout=o, stderr=e, stdin=subprocess.DEVNULL)
print(r.returncode, "%.2f" % (time.time() - t), resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
' "$OUT" "$ERR" "$@")
    set -- $res
    rc=$1 secs=$2 rss=$3
}
fast() { # what max-seconds
    if "$PY" -c 'import sys; sys.exit(0 if float(sys.argv[1]) <= float(sys.argv[2]) else 1)' "$secs" "$2"
    then pass "$1: ${secs} s (limit $2 s)"
    else fail "$1: ${secs} s (limit $2 s)"; fi
}

# --- encodings ---------------------------------------------------------
for b in '\377' '\300\257' '\340\200\257' '\360\200\200\257' '\364\220\200\200' '\355\240\200' '\344\270'; do
    printf "# 标题\n\n正文$b" >bad.md
    refused "invalid UTF-8 $b in Markdown" "invalid UTF-8" yaku add bad.md
done
printf '第一行。\n\377\n' >bad.txt
refused "invalid UTF-8 in text" "invalid UTF-8" yaku add bad.txt --format txt
printf '# 标题\n\n正文\000。\n' >nul.md
refused "NUL byte in Markdown" "NUL" yaku add nul.md
printf 'zh-Hans\tja\n\377\tx\n' >bad.tsv
refused "invalid UTF-8 in a TSV glossary" "invalid UTF-8" yaku glossary import bad.tsv
printf 'zh-Hans\tja\n维护\000者\tメンテナー\n' >nul.tsv
refused "NUL byte in a TSV glossary (a cut term)" "NUL byte" yaku glossary import nul.tsv
printf 'zh-Hans,ja\n维护者,"メン\000テナー"\n' >nul.csv
refused "NUL byte in a CSV glossary" "NUL byte" yaku glossary import nul.csv
printf '<?xml version="1.0" encoding="UTF-8"?>\n<tbx><text><body><conceptEntry><langSec xml:lang="zh-Hans"><termSec><term>\377</term></termSec></langSec></conceptEntry></body></text></tbx>\n' >bad.tbx
refused "invalid UTF-8 in TBX" "UTF-8" yaku glossary import bad.tbx
printf '<?xml version="1.0" encoding="UTF-8"?>\n<tmx version="1.4"><body><tu><tuv xml:lang="zh-Hans"><seg>\300\257</seg></tuv><tuv xml:lang="ja"><seg>x</seg></tuv></tu></body></tmx>\n' >bad.tmx
refused "overlong UTF-8 in TMX" "UTF-8" yaku tm import bad.tmx
printf '<tmx version="1.4"><body><tu><tuv xml:lang="zh-Hans"><seg>a\000b</seg></tuv></tu></body></tmx>' >nul.tmx
refused "NUL byte in TMX" "0x0" yaku tm import nul.tmx
"$PY" - "$TMP/ja.po" badutf8.po nul.po <<'PYEOF'
import sys
t = open(sys.argv[1], "rb").read()
i = t.index(b'msgstr ""', t.index(b'msgctxt "ch01-overview:2"'))
open(sys.argv[2], "wb").write(t[:i] + b'msgstr "\xe0\x80\xaf"' + t[i + 9:])
open(sys.argv[3], "wb").write(t[:i] + b'msgstr "a\x00b"' + t[i + 9:])
PYEOF
refused "overlong UTF-8 in a PO msgstr" "UTF-8" yaku import badutf8.po
refused "NUL byte in a PO file" "NUL" yaku import nul.po

# --- a 200 MB single-line file for every reader --------------------------
head -c 200000000 /dev/zero | tr '\0' 'a' >"$TMP/big"
for c in "add big.md" "add big.txt --format txt" "import big.po" "glossary import big.tsv" \
         "glossary import big.tbx"; do
    f=$(echo "$c" | sed 's/.* \(big\.[a-z]*\).*/\1/')
    ln -f "$TMP/big" "$f"
    before=$(db_state "$p")
    tried=$((tried + 1))
    # shellcheck disable=SC2086
    measured "$YAKU" $c
    assert_eq "200 MB $f: exit 2" 2 "$rc"
    assert_contains "200 MB $f: refused for its size" "$ERR" "larger than"
    fast "200 MB $f: refused at once" 2
    if [ "$rss" -lt 120000 ]; then pass "200 MB $f: not read into memory (max RSS ${rss} KB)"
    else fail "200 MB $f: not read into memory" "max RSS ${rss} KB"; fi
    assert_unchanged "200 MB $f: project unchanged" "$p" "$before"
    rm -f "$f"
done
# TMX is streamed: a 200 MB single-line <seg> stops at libxml2's text node limit
{ printf '<?xml version="1.0"?>\n<tmx version="1.4"><header srclang="zh-Hans"/><body><tu><tuv xml:lang="zh-Hans"><seg>'
  cat "$TMP/big"; printf '</seg></tuv><tuv xml:lang="ja"><seg>x</seg></tuv></tu></body></tmx>\n'; } >big.tmx
rm -f "$TMP/big"
before=$(db_state "$p")
tried=$((tried + 1))
measured "$YAKU" tm import big.tmx
assert_eq "200 MB TMX: exit 2" 2 "$rc"
assert_contains "200 MB TMX: the message names the huge text node" "$ERR" "huge text node"
fast "200 MB TMX: stops early" 5
if [ "$rss" -lt 120000 ]; then pass "200 MB TMX: memory stays bounded (max RSS ${rss} KB)"
else fail "200 MB TMX: memory stays bounded" "max RSS ${rss} KB"; fi
assert_unchanged "200 MB TMX: project unchanged" "$p" "$before"
rm -f big.tmx

# --- deep nesting: valid Markdown, accepted in seconds -------------------
"$PY" - <<'PYEOF'
open("deep-quote.md", "w").write(">" * 100000 + " 引用。\n")
open("deep-list.md", "w").write("- " * 100000 + "项目。\n")
open("deep-mixed.md", "w").write("> - " * 50000 + "混合。\n")
open("deep-emph.md", "w").write("*" * 100000 + "强调" + "*" * 100000 + "\n")
open("deep-link.md", "w").write("[" * 100000 + "链接" + "]" * 100000 + "\n")
PYEOF
for f in deep-quote deep-list deep-mixed deep-emph deep-link; do
    tried=$((tried + 1))
    measured "$YAKU" add "$f.md"
    assert_eq "100k-level $f: accepted" 0 "$rc"
    fast "100k-level $f: add" 10
done
measured "$YAKU" build --lang ja --format all -o "$TMP/deep-out"
assert_eq "100k-level nesting: build --format all succeeds" 0 "$rc"
fast "100k-level nesting: build --format all" 60

# --- XML entities ---------------------------------------------------------
bomb_dtd='<!DOCTYPE ROOT [
 <!ENTITY a "aaaaaaaaaa">
 <!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">
 <!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">
 <!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">
 <!ENTITY e "&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;">
 <!ENTITY f "&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;">
 <!ENTITY g "&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;">
 <!ENTITY h "&g;&g;&g;&g;&g;&g;&g;&g;&g;&g;">
 <!ENTITY i "&h;&h;&h;&h;&h;&h;&h;&h;&h;&h;">
]>'
xxe_dtd='<!DOCTYPE ROOT [ <!ENTITY x SYSTEM "file:///etc/passwd"> ]>'
pe_dtd='<!DOCTYPE ROOT [ <!ENTITY % p SYSTEM "file:///etc/passwd"> %p; ]>'
tbx_body='<tbx><text><body><conceptEntry><langSec xml:lang="zh-Hans"><termSec><term>&REF;</term></termSec></langSec><langSec xml:lang="ja"><termSec><term>x</term></termSec></langSec></conceptEntry></body></text></tbx>'
tmx_body='<tmx version="1.4"><header srclang="zh-Hans"/><body><tu><tuv xml:lang="zh-Hans"><seg>&REF;</seg></tuv><tuv xml:lang="ja"><seg>x</seg></tuv></tu></body></tmx>'
for kind in bomb xxe pe; do
    case $kind in bomb) dtd=$bomb_dtd ref=i ;; xxe) dtd=$xxe_dtd ref=x ;; pe) dtd=$pe_dtd ref=x ;; esac
    printf '<?xml version="1.0"?>\n%s\n%s\n' "$(echo "$dtd" | sed 's/ROOT/tbx/')" \
        "$(echo "$tbx_body" | sed "s/REF/$ref/")" >"$kind.tbx"
    printf '<?xml version="1.0"?>\n%s\n%s\n' "$(echo "$dtd" | sed 's/ROOT/tmx/')" \
        "$(echo "$tmx_body" | sed "s/REF/$ref/")" >"$kind.tmx"
    refused "TBX $kind" "entity declarations are not allowed" yaku glossary import "$kind.tbx"
    assert_not_contains "TBX $kind: nothing of /etc/passwd in the message" "$ERR" "root:"
    refused "TMX $kind" "entity declarations are not allowed" yaku tm import "$kind.tmx"
    assert_not_contains "TMX $kind: nothing of /etc/passwd in the message" "$ERR" "root:"
done
# an external DTD is never fetched (no network, no file): its entity stays undefined
printf '<?xml version="1.0"?>\n<!DOCTYPE tmx SYSTEM "http://192.0.2.1/evil.dtd">\n%s\n' \
    "$(echo "$tmx_body" | sed 's/REF/ext/')" >extdtd.tmx
refused "TMX with an external DTD" "entity 'ext' not defined" yaku tm import extdtd.tmx
printf '<?xml version="1.0"?>\n<!DOCTYPE tbx SYSTEM "file:///etc/passwd">\n%s\n' \
    "$(echo "$tbx_body" | sed 's/&REF;/维护者/')" >extdtd.tbx
run "$YAKU" glossary import extdtd.tbx
assert_not_contains "TBX with a SYSTEM DTD: /etc/passwd is not read" "$ERR" "root:"
assert_not_contains "TBX with a SYSTEM DTD: /etc/passwd is not read (stdout)" "$OUT" "root:"

# --- PO plurals and duplicates -------------------------------------------
need "export ja again" yaku export --lang ja -o "$TMP/ja.po"
"$PY" - "$TMP/ja.po" <<'PYEOF'
import re, sys
t = open(sys.argv[1], encoding="utf-8").read()
head = t[:t.index("\n\n") + 2]
m = re.search(r'msgctxt "(ch01-overview:2)"\nmsgid "(.*)"\n', t)
ctx, src = m.group(1), m.group(2)
def w(name, body):
    open(name, "w", encoding="utf-8").write(head + body)
w("plural-gap.po", f'msgctxt "{ctx}"\nmsgid "{src}"\nmsgid_plural "{src}s"\nmsgstr[0] "a"\nmsgstr[3] "b"\n')
w("plural.po", f'msgctxt "{ctx}"\nmsgid "{src}"\nmsgid_plural "{src}s"\nmsgstr[0] "a"\nmsgstr[1] "b"\n')
w("plural-missing.po", f'msgctxt "{ctx}"\nmsgid "{src}"\nmsgid_plural "{src}s"\nmsgstr "a"\n')
w("dup.po", f'msgctxt "{ctx}"\nmsgid "{src}"\nmsgstr "a"\n\nmsgctxt "{ctx}"\nmsgid "{src}"\nmsgstr "b"\n')
w("dup-ctxt.po", f'msgctxt "{ctx}"\nmsgid "{src}"\nmsgstr "a"\n\nmsgctxt "{ctx}"\nmsgid "别的"\nmsgstr "b"\n')
w("dup-ctxt2.po", f'msgctxt "{ctx}"\nmsgid "别的"\nmsgstr "a"\n\nmsgctxt "{ctx}"\nmsgid "{src}"\nmsgstr "b"\n')
PYEOF
refused "PO plural indices with a gap" "plural indices" yaku import plural-gap.po
refused "PO plural entry" "plural" yaku import plural.po
refused "PO msgid_plural without msgstr[N]" "msgstr" yaku import plural-missing.po
refused "PO duplicate entry" "duplicate entry" yaku import dup.po
refused "PO two entries for one segment (second differs)" "second entry" yaku import dup-ctxt.po
refused "PO two entries for one segment (first differs)" "second entry" yaku import dup-ctxt2.po

# --- paths ----------------------------------------------------------------
mkdir -p "$TMP/outside" victim
cp "$EXAMPLES/report/ch02-community.md" "$TMP/outside/x.md"
refused "add ../ out of the project" "outside" yaku add ../outside/x.md
refused "add an absolute path outside" "outside" yaku add "$TMP/outside/x.md"
refused "add report/../../ out of the project" "outside" yaku add report/../../outside/x.md
ln -s "$TMP/outside/x.md" link.md
refused "add a symlink to a file outside" "outside" yaku add link.md
ln -s "$TMP/outside" linkdir
refused "add through a symlinked directory outside" "outside" yaku add linkdir/x.md
mkdir -p out
ln -s "$p/victim" out/report
refused "build into -o DIR with a symlinked subdirectory" "escapes the output directory" \
    yaku build --lang ja -o out
assert_eq "nothing written through the symlinked subdirectory" "" "$(ls -A victim)"
rm -f out/report
mkdir -p out/report
echo "keep me" >victim/keep.md
ln -s "$p/victim/keep.md" out/report/ch01-overview.md
refused "build with a symlink out of -o DIR at an output path" "link out of the output directory" \
    yaku build --lang ja -o out
assert_eq "nothing written through the symlinked output file" "keep me" "$(cat victim/keep.md)"
cp "$EXAMPLES/report/ch03-governance.md" esc.md
need "a chapter named ../../escape" yaku add esc.md --chapter ../../escape
mkdir -p deep/er/still
(cd deep/er/still && "$YAKU" build --lang ja --format all -o out >/dev/null 2>&1)
assert_eq "a chapter name with .. writes nothing outside -o DIR" "" \
    "$(find "$TMP" -name 'escape*' -not -path "$p/deep/er/still/out/*")"

# --- a database from a future yaku ----------------------------------------
cp -R "$p" "$TMP/future"
sqlite3 "$TMP/future/yaku.db" 'PRAGMA user_version = 99'
fstate=$(db_state "$TMP/future")
for c in "status" "add report/ch02-community.md" "import $TMP/ja.po" "build --lang ja -o out2"; do
    tried=$((tried + 1))
    # shellcheck disable=SC2086
    assert_exit 2 yaku -C "$TMP/future" $c
    assert_contains "future schema, $c: says to upgrade" "$ERR" "upgrade yaku"
done
assert_unchanged "future schema: database unchanged" "$TMP/future" "$fstate"
assert_eq "future schema: user_version still 99" 99 "$(sqlite3 "$TMP/future/yaku.db" 'PRAGMA user_version')"

# --- a read-only project directory ----------------------------------------
ro=$TMP/ro-view
mkdir -p "$ro"
state=$(db_state "$p")
how=""
if [ "$(id -u)" != 0 ]; then
    chmod -R a-w "$p" && how=chmod
elif mount --bind "$p" "$ro" 2>/dev/null; then
    if mount -o remount,bind,ro "$ro" 2>/dev/null; then how=mount; else umount "$ro"; fi
fi
if [ -z "$how" ] && command -v chattr >/dev/null 2>&1 && chattr +i "$p" 2>/dev/null; then
    how=chattr
fi
case $how in mount) rop=$ro ;; *) rop=$p ;; esac
if [ -n "$how" ]; then
    note "read-only project via $how"
    tried=$((tried + 1))
    assert_exit 2 yaku -C "$rop" add report/ch02-community.md
    assert_contains "read-only project: the message says so" "$ERR" "not writable"
    assert_exit 2 yaku -C "$rop" import "$TMP/ja.po"
    case $how in
        chmod) chmod -R u+w "$p" ;;
        mount) umount "$ro" ;;
        chattr) chattr -i "$p" ;;
    esac
    assert_unchanged "read-only project: unchanged" "$p" "$state"
else
    fail "a read-only project directory can be made (chmod as non-root, else a read-only bind mount, else chattr +i)"
fi

# --- a full disk ------------------------------------------------------------
full=$TMP/full
mkdir -p "$full"
if mount -t tmpfs -o size=4m tmpfs "$full" 2>/dev/null; then
    note "full disk: a 4 MB tmpfs"
    mkdir "$full/p"
    cp -R "$EXAMPLES/report" "$full/p/"
    (cd "$full/p" && "$YAKU" init --source zh-Hans --target ja >/dev/null && \
        "$YAKU" add report/ch01-overview.md >/dev/null)
    "$PY" "$TOP/bench/gen_corpus.py" --out "$TMP/gen" --size-mb 0.6 --min-kb 600 --max-kb 700 \
        >/dev/null
    cp "$(find "$TMP/gen" -name '*.md' | head -n 1)" "$full/p/big.md"
    fstate=$(db_state "$full/p")
    # leave 300 KB: the document fits, its segments and indexes do not
    avail=$(df -k "$full" | awk 'NR == 2 { print $4 }')
    dd if=/dev/zero of="$full/filler" bs=1k count=$((avail - 300)) 2>/dev/null
    tried=$((tried + 1))
    assert_exit 2 yaku -C "$full/p" add big.md
    assert_contains "full disk: the message says so" "$ERR" "disk is full"
    rm -f "$full/filler"
    assert_unchanged "full disk: project unchanged" "$full/p" "$fstate"
    assert_eq "full disk: integrity_check" ok "$(sqlite3 "$full/p/yaku.db" 'PRAGMA integrity_check')"
    assert_ok yaku -C "$full/p" add big.md
    umount "$full"
else
    # no mount in this sandbox: a file size limit instead (SIGXFSZ ignored: write fails)
    note "full disk: ulimit -f (mount is not permitted here)"
    cp "$EXAMPLES/report/ch02-community.md" ch02.md
    before=$(db_state "$p")
    tried=$((tried + 1))
    rc=0
    (trap '' XFSZ; ulimit -f 8; exec "$YAKU" add ch02.md) >"$OUT" 2>"$ERR" || rc=$?
    assert_eq "file size limit: exit 2" 2 "$rc"
    assert_unchanged "file size limit: project unchanged" "$p" "$before"
fi

note "hostile inputs tried: $tried"
finish
