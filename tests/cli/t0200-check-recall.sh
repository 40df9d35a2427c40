#!/bin/sh
# yaku check on a fixture with 60+ planted errors (tests/check/planted, written
# by fixture.py): at least 95% of them are found, segments with nothing planted
# get no error-severity finding, the JSON and text outputs have the SPEC
# fields, exit status 1 on errors, --only filters.  --fix: t0201.
. "$(dirname "$0")/lib.sh"

p=$TMP/proj
planted_project "$p"

assert_exit 1 yaku check --format json
cp "$OUT" findings.json
if "$PY" "$TOP/tests/check/score.py" findings.json "$FIX/expected.tsv" >score.txt 2>&1; then
    pass "recall >= 95% and no error on clean segments"
else
    fail "recall >= 95% and no error on clean segments" "$(cat score.txt)"
fi
sed 's/^/# /' score.txt

assert_py "JSON findings carry the SPEC fields" '
d = load(sys.argv[1])
assert d, "no findings"
for f in d:
    for k in ("segment", "chapter", "check", "severity", "message", "source", "target", "fix"):
        assert k in f, (k, f)
    assert f["segment"] == "%s:%d" % (f["chapter"], f["n"]), f
    assert f["severity"] in ("error", "warning", "info"), f
' findings.json

assert_exit 1 yaku check --lang ja --chapter ch01-community
assert_contains "compiler-style line" "$OUT" "ch01-community:6: error: [markup-link-url] link URL changed"
assert_contains "source line follows" "$OUT" "source: 新贡献者可以先阅读[贡献指南](https://example.org/contributing)。"

assert_exit 0 yaku check --lang ja --only ja-fullwidth-digits,ja-long-vowel --format json
assert_py "--only keeps the named checks" '
d = load(sys.argv[1])
assert {f["check"] for f in d} == {"ja-fullwidth-digits", "ja-long-vowel"}, d
' "$OUT"
assert_exit 2 yaku check --only no-such-check
assert_contains "unknown check named" "$ERR" "no-such-check"
assert_exit 2 yaku check --lang fr
assert_exit 2 yaku check --chapter nope

assert_ok yaku check --list --format json
assert_py "catalogue has id, severity, languages, description" '
d = load(sys.argv[1])
assert len(d) >= 30, len(d)
for c in d:
    for k in ("check", "severity", "languages", "description"):
        assert c[k], (k, c)
' "$OUT"

finish
