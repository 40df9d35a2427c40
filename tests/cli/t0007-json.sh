#!/bin/sh
# Every listing command's --json is one JSON document on stdout (nothing else,
# UTF-8, not ASCII-escaped into \u sequences is not required) with the SPEC fields.
. "$(dirname "$0")/lib.sh"

json_ok() { # what   checks $OUT parses with python3 -m json.tool
    if "$PY" -m json.tool "$OUT" >/dev/null 2>"$TMP/.jerr"; then pass "$1: valid JSON"
    else fail "$1: valid JSON" "$(cat "$TMP/.jerr")" "$(head -c 300 "$OUT")"; fi
}

p=$TMP/proj
new_project "$p"
cd "$p"

# empty project
assert_ok yaku list chapters --json
json_ok "list chapters (empty project)"
assert_py "list chapters on an empty project is []" 'assert load(sys.argv[1]) == []' "$OUT"
assert_ok yaku list segments --json
json_ok "list segments (empty project)"
assert_py "list segments on an empty project is []" 'assert load(sys.argv[1]) == []' "$OUT"
assert_ok yaku status --json
json_ok "status (empty project)"

need "add report" yaku add report/ch01-overview.md report/ch02-community.md report/ch03-governance.md
need "add slides" yaku add notes/slides.txt --format txt --segment line

assert_ok yaku list chapters --json
json_ok "list chapters"
cp "$OUT" chapters.json
assert_py "list chapters: array of {chapter, documents, segments}" '
d = load(sys.argv[1])
assert isinstance(d, list) and len(d) == 4, d
for c in d:
    # SPEC names "documents" without a type: a count, or the list of paths
    assert isinstance(c["chapter"], str) and isinstance(c["segments"], int), c
    docs = c["documents"]
    assert isinstance(docs, int) or (isinstance(docs, list) and all(isinstance(x, str) for x in docs)), c
    assert (docs if isinstance(docs, int) else len(docs)) == 1, c
assert sorted(c["chapter"] for c in d) == ["ch01-overview", "ch02-community", "ch03-governance", "slides"], d
' chapters.json

assert_ok yaku list segments --json
json_ok "list segments"
cp "$OUT" segs.json
assert_py "list segments: {id, chapter, n, source}; counts agree with list chapters" '
d, ch = load(sys.argv[1]), load(sys.argv[2])
for s in d:
    assert isinstance(s["id"], str) and isinstance(s["chapter"], str), s
    assert isinstance(s["n"], int) and isinstance(s["source"], str) and s["source"], s
    assert s["id"] == "%s:%d" % (s["chapter"], s["n"]), s
assert len({s["id"] for s in d}) == len(d), "duplicate ids"
for c in ch:
    assert c["segments"] == sum(1 for s in d if s["chapter"] == c["chapter"]), c
' segs.json chapters.json
assert_py "list segments: sources are exact UTF-8 text of the document" '
d = load(sys.argv[1])
src = open("report/ch01-overview.md", encoding="utf-8").read()
for s in d:
    if s["chapter"] == "ch01-overview":
        assert s["source"] in src, s
' segs.json

assert_ok yaku list segments --chapter ch03-governance --json
json_ok "list segments --chapter"
assert_py "list segments --chapter filters" '
d = load(sys.argv[1]); assert d and all(s["chapter"] == "ch03-governance" for s in d), d[:2]' "$OUT"

assert_ok yaku list segments --lang ko --json
json_ok "list segments --lang"
assert_py "list segments --lang: state and target; untranslated = new" '
d = load(sys.argv[1])
for s in d:
    assert "state" in s and "target" in s, s
    assert s["state"] == "new", s
    assert s["target"] in (None, ""), s
' "$OUT"
for st in new fuzzy translated reviewed; do
    assert_ok yaku list segments --lang ja --state "$st" --json
    json_ok "list segments --state $st"
done

assert_ok yaku status --json
json_ok "status"
assert_py "status: languages[].chapters[] with the SPEC fields, every target language" '
d = load(sys.argv[1])
langs = d["languages"]
assert sorted(l["lang"] for l in langs) == ["ja", "ko"], langs
for l in langs:
    assert len(l["chapters"]) == 4, l
    for c in l["chapters"]:
        for k in ("chapter", "total", "new", "fuzzy", "translated", "reviewed", "percent", "holder"):
            assert k in c, (k, c)
        assert c["total"] == c["new"] + c["fuzzy"] + c["translated"] + c["reviewed"], c
        assert c["percent"] == 0 and c["holder"] in (None, ""), c
' "$OUT"
assert_ok yaku status --lang ja --json
json_ok "status --lang"
assert_py "status --lang ja has only ja" '
d = load(sys.argv[1]); assert [l["lang"] for l in d["languages"]] == ["ja"], d' "$OUT"

# Later commands (glossary, tm, check): only once `yaku help` lists them.
if has_command check; then
    run "$YAKU" check --list --json
    [ "$rc" -eq 0 ] || run "$YAKU" check --list --format json
    assert_eq "check --list --json (or --format json) exits 0" 0 "$rc"
    json_ok "check --list"
    assert_py "check --list: {check, severity, languages, description}" '
d = load(sys.argv[1]); assert isinstance(d, list) and d
for c in d:
    for k in ("check", "severity", "languages", "description"): assert k in c, (k, c)
    assert c["severity"] in ("error", "warning", "info"), c
' "$OUT"
    run "$YAKU" check --lang ja --format json
    if [ "$rc" -le 1 ]; then pass "check --format json exits 0 or 1 ($rc)"; else fail "check --format json exits 0 or 1" "exit $rc" "$(last_output)"; fi
    json_ok "check --format json"
    assert_py "check: array of {segment, chapter, check, severity, message, source, target}" '
d = load(sys.argv[1]); assert isinstance(d, list)
for f in d:
    for k in ("segment", "chapter", "check", "severity", "message", "source", "target"): assert k in f, (k, f)
' "$OUT"
else
    note "skip: check (not in yaku help yet)"
fi
if has_command tm; then
    assert_ok yaku tm search "社区" --lang ja --json
    json_ok "tm search"
    assert_py "tm search: array of {score, source, target, origin}" '
d = load(sys.argv[1]); assert isinstance(d, list)
for m in d:
    for k in ("score", "source", "target", "origin"): assert k in m, (k, m)
' "$OUT"
else
    note "skip: tm (not in yaku help yet)"
fi
if has_command glossary; then
    assert_ok yaku glossary list --json
    json_ok "glossary list"
else
    note "skip: glossary (not in yaku help yet)"
fi

# --json output is the only thing on stdout, also when stdout is a file.
assert_ok yaku list chapters --json
assert_eq "no progress output mixed into --json" "[" "$(head -c 1 "$OUT")"

finish
