#!/bin/sh
# The bundled example runs end to end (what `make demo` shows), and its
# Japanese PO still matches the segmentation: every entry imports.
. "$(dirname "$0")/lib.sh"
top=$(cd "$(dirname "$0")/../.." && pwd)
if sh "$top/examples/demo.sh" >"$TMP/demo.log" 2>&1; then
    pass "examples/demo.sh runs to the end"
else
    fail "examples/demo.sh runs to the end" "exit $?" "$(tail -n 5 "$TMP/demo.log")"
fi
if grep -q "0 refused" "$TMP/demo.log" && ! grep -q "unknown segment" "$TMP/demo.log"; then
    pass "examples/po/ja.po imports without refusals"
else
    fail "examples/po/ja.po imports without refusals" "$(grep -m1 'po/ja.po' "$TMP/demo.log")"
fi
# the README's promise: init -> add -> glossary -> import -> check -> build
order=$(sed -n 's/^\$ yaku \([a-z]*\).*/\1/p' "$TMP/demo.log" | uniq | tr '\n' ' ')
case $order in
"init add list glossary import status check build ") pass "the demo runs init, add, glossary, import, check, build in order" ;;
*) fail "the demo runs init, add, glossary, import, check, build in order" "$order" ;;
esac
if grep -q "^glossaries/oss-community.tbx: 184 concepts" "$TMP/demo.log"; then
    pass "the demo imports the shipped glossary"
else
    fail "the demo imports the shipped glossary" "$(grep -m1 'oss-community' "$TMP/demo.log")"
fi
finish
