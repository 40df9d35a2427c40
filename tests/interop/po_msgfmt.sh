#!/bin/sh
# PO interop: every file yaku's PO writer produces (written by test_po with
# YK_PO_SAMPLE_DIR set) must pass `msgfmt -c`, read back the same through
# gettext (msgfmt → .mo → Python's gettext) and through Translate Toolkit's
# PO reader.  Prints "N passed, N failed"; exits non-zero on any failure.
set -u

BUILD=${BUILD:-build}
root=$(cd "$(dirname "$0")/../.." && pwd)
tmp=$(mktemp -d "${TMPDIR:-/tmp}/yaku-po-interop.XXXXXX")
trap 'rm -rf "$tmp"' EXIT INT TERM
passed=0
failed=0

ok() { passed=$((passed + 1)); echo "ok - $1"; }
not_ok() { failed=$((failed + 1)); echo "not ok - $1"; }

for tool in msgfmt /usr/bin/python3; do
    command -v "$tool" >/dev/null 2>&1 || { echo "po_msgfmt: '$tool' not found (Debian: gettext, translate-toolkit)" >&2; exit 2; }
done

# The test program: the Makefile's, else built here from the sources it needs.
bin="$root/$BUILD/tests/test_po"
if [ ! -x "$bin" ]; then
    (cd "$root" && make -s "$BUILD/tests/test_po") >/dev/null 2>&1
fi
if [ ! -x "$bin" ]; then
    bin="$tmp/test_po"
    (cd "$root" && ${CC:-cc} -std=c11 -D_POSIX_C_SOURCE=200809L -Iinclude -Isrc \
        $(pkg-config --cflags cmocka) tests/unit/test_po.c src/formats/po.c \
        src/util/buf.c src/util/error.c src/util/utf8.c src/util/xalloc.c \
        -o "$bin" $(pkg-config --libs cmocka)) || { echo "po_msgfmt: cannot build test_po" >&2; exit 2; }
fi

mkdir "$tmp/samples"
if YK_PO_SAMPLE_DIR="$tmp/samples" "$bin" >"$tmp/unit.log" 2>&1; then
    ok "test_po wrote the samples"
else
    cat "$tmp/unit.log"
    not_ok "test_po wrote the samples"
fi

n=0
for po in "$tmp"/samples/*.po; do
    [ -f "$po" ] || continue
    n=$((n + 1))
    name=$(basename "$po" .po)
    expect="$tmp/samples/$name.expect"

    if msgfmt -c -o "$tmp/$name.mo" "$po" 2>"$tmp/$name.msgfmt"; then
        ok "$name.po: msgfmt -c accepts it"
    else
        cat "$tmp/$name.msgfmt"
        not_ok "$name.po: msgfmt -c accepts it"
        continue
    fi

    if /usr/bin/python3 - "$po" "$expect" "$tmp/$name.mo" <<'PY'
import gettext, sys
from translate.storage import pypo

po_path, expect_path, mo_path = sys.argv[1:4]

def unhex(f):
    return None if f == "-" else bytes.fromhex(f[1:]).decode("utf-8")

expect = []
for line in open(expect_path, encoding="ascii"):
    c, i, s, fz = line.rstrip("\n").split("\t")
    expect.append((unhex(c), unhex(i), unhex(s), fz == "1"))

errors = []

# gettext's own reading: the compiled catalogue holds every translated,
# non-fuzzy entry, keyed "msgctxt\x04msgid".
with open(mo_path, "rb") as f:
    cat = gettext.GNUTranslations(f)._catalog
for c, i, s, fz in expect:
    if fz or not s:
        continue
    key = i if c is None else c + "\x04" + i
    if cat.get(key) != s:
        errors.append("gettext: %r -> %r, expected %r" % (key, cat.get(key), s))

# Translate Toolkit unescapes only \n \t \r \" \\; gettext's \a \b \f \v
# stay as written, which is its documented behaviour, not a file error.
def tt_view(s):
    for ch, esc in (("\a", "\\a"), ("\b", "\\b"), ("\f", "\\f"), ("\v", "\\v")):
        s = s.replace(ch, esc)
    return s

store = pypo.pofile.parsefile(po_path)
units = [u for u in store.units if not u.isheader()]
if len(units) != len(expect):
    errors.append("translate-toolkit: %d units, expected %d" % (len(units), len(expect)))
for u, (c, i, s, fz) in zip(units, expect):
    got = (u.getcontext(), u.source, u.target, bool(u.isfuzzy()))
    want = (tt_view(c or ""), tt_view(i), tt_view(s), fz)
    if got != want:
        errors.append("translate-toolkit: %r, expected %r" % (got, want))
if store.units and store.units[0].isheader():
    hdr = store.parseheader()
    if "charset=UTF-8" not in hdr.get("Content-Type", ""):
        errors.append("translate-toolkit: header charset %r" % hdr.get("Content-Type"))

for e in errors:
    print(e)
sys.exit(1 if errors else 0)
PY
    then
        ok "$name.po: gettext and Translate Toolkit read the same entries"
    else
        not_ok "$name.po: gettext and Translate Toolkit read the same entries"
    fi
done

if [ "$n" -eq 0 ]; then
    not_ok "no sample PO files were written"
fi

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
