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
finish
