#!/bin/sh
# XLIFF interop: the files yaku's XLIFF writer produces for the unit tests'
# samples (test_xliff with YK_XLIFF_SAMPLE_DIR set: every state, fuzzy with
# previous source, markup of every kind, control characters, CR, tabs, a
# segment id that is no NMTOKEN) are well-formed for xmllint; Translate
# Toolkit's XLIFF reader sees the 1.2 file's units, ids, states and texts;
# the 2.0 file passes tests/cli/xlifftool.py check2, the structure of the
# OASIS XLIFF 2.0 core schema yaku relies on.  With XLIFF2_XSD naming that
# schema (xliff_core_2.0.xsd; no Debian package ships it), xmllint
# --schema validates the 2.0 file too.  Prints "N passed, N failed".
set -u

BUILD=${BUILD:-build}
root=$(cd "$(dirname "$0")/../.." && pwd)
tmp=$(mktemp -d "${TMPDIR:-/tmp}/yaku-xliff-interop.XXXXXX")
trap 'rm -rf "$tmp"' EXIT INT TERM
passed=0
failed=0

ok() { passed=$((passed + 1)); echo "ok - $1"; }
not_ok() { failed=$((failed + 1)); echo "not ok - $1"; }

for tool in xmllint /usr/bin/python3; do
    command -v "$tool" >/dev/null 2>&1 || { echo "xliff interop: '$tool' not found (Debian: libxml2-utils, translate-toolkit)" >&2; exit 2; }
done
bin="$root/$BUILD/tests/test_xliff"
if [ ! -x "$bin" ]; then
    (cd "$root" && make -s "$BUILD/tests/test_xliff") >/dev/null 2>&1
fi
[ -x "$bin" ] || { echo "xliff interop: no $bin" >&2; exit 2; }

mkdir "$tmp/samples"
if YK_XLIFF_SAMPLE_DIR="$tmp/samples" "$bin" >"$tmp/unit.log" 2>&1 &&
    [ -f "$tmp/samples/sample.xlf" ] && [ -f "$tmp/samples/sample.xlf2" ]; then
    ok "test_xliff wrote the samples"
else
    cat "$tmp/unit.log"
    not_ok "test_xliff wrote the samples"
fi

for f in sample.xlf sample.xlf2; do
    if xmllint --noout --nonet "$tmp/samples/$f" 2>"$tmp/xmllint.log"; then
        ok "$f: well-formed for xmllint"
    else
        cat "$tmp/xmllint.log"
        not_ok "$f: well-formed for xmllint"
    fi
done

if /usr/bin/python3 - "$tmp/samples/sample.xlf" <<'PY'
import sys
from translate.storage import xliff

f = xliff.xlifffile.parsefile(sys.argv[1])
units = {u.getid().split("\x04")[-1]: u for u in f.units}
errors = []
want = ["ch01:1", "ch01:2", "ch01:3", "ch01:4", "ch02 with spaces:1", "ch02 with spaces:2"]
if list(units) != want:
    errors.append("ids %r" % list(units))
else:
    # untranslated, translated, fuzzy, reviewed (signed-off), translated, fuzzy
    expect = [(False, False), (False, True), (True, False), (False, True), (False, True),
              (True, False)]
    for (i, u), (fz, tr) in zip(units.items(), expect):
        if u.isfuzzy() != fz or u.istranslated() != tr:
            errors.append("%s: fuzzy %s translated %s" % (i, u.isfuzzy(), u.istranslated()))
    # Translate Toolkit shows the text between the tags; <ph> holds its code
    if units["ch01:2"].source != "今年共有 1,284 位贡献者向 `git` 提交了代码。":
        errors.append("ch01:2 source %r" % units["ch01:2"].source)
    if units["ch01:1"].source != "标题" or units["ch01:1"].target:
        errors.append("ch01:1 %r %r" % (units["ch01:1"].source, units["ch01:1"].target))
    if not units["ch02 with spaces:1"].source.startswith("tab\there, CR\rhere"):
        errors.append("tab/CR %r" % units["ch02 with spaces:1"].source)
    notes = units["ch01:2"].getnotes()
    if "yaku-rev: 3" not in notes:
        errors.append("notes %r" % notes)
    alt = units["ch01:3"].getalttrans()
    if not alt or alt[0].source != "先查阅指南。":
        errors.append("alt-trans %r" % [a.source for a in alt])
for e in errors:
    print(e)
sys.exit(1 if errors else 0)
PY
then
    ok "sample.xlf: Translate Toolkit reads units, ids, states, texts, notes, alt-trans"
else
    not_ok "sample.xlf: Translate Toolkit reads units, ids, states, texts, notes, alt-trans"
fi

if /usr/bin/python3 "$root/tests/cli/xlifftool.py" check2 "$tmp/samples/sample.xlf2"; then
    ok "sample.xlf2: the structure of the XLIFF 2.0 core schema"
else
    not_ok "sample.xlf2: the structure of the XLIFF 2.0 core schema"
fi

if [ -n "${XLIFF2_XSD:-}" ]; then
    if xmllint --noout --nonet --schema "$XLIFF2_XSD" "$tmp/samples/sample.xlf2"; then
        ok "sample.xlf2: xmllint --schema $XLIFF2_XSD"
    else
        not_ok "sample.xlf2: xmllint --schema $XLIFF2_XSD"
    fi
else
    echo "# XLIFF2_XSD not set: schema validation not run (no Debian package ships the OASIS schema)"
fi

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
