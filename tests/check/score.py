#!/usr/bin/env python3
"""Scores `yaku check --format json` output against a planted-errors manifest.

usage: score.py FINDINGS.json [EXPECTED.tsv]
With a manifest: prints the recall (planted errors found / planted), the
missed ones, and the error-severity findings on segments with nothing
planted; exits 1 when recall < 95% or a clean segment has an error.
Without: prints the findings per check id (the precision report).
"""
import collections, json, sys


def main():
    findings = json.load(open(sys.argv[1], encoding="utf-8"))
    per_check = collections.Counter(f["check"] for f in findings)
    if len(sys.argv) < 3:
        print("findings per check on the good translations:")
        for check, n in sorted(per_check.items(), key=lambda x: (-x[1], x[0])):
            print("  %-28s %d" % (check, n))
        print("  %-28s %d" % ("total", len(findings)))
        for f in findings:
            print("# %s %s: %s: [%s] %s" % (f.get("lang", ""), f["segment"], f["severity"],
                                             f["check"], f["message"]))
        return 0
    planted = set()
    for line in open(sys.argv[2], encoding="utf-8").read().splitlines()[1:]:
        lang, seg, check = line.split("\t")
        planted.add((lang, seg, check))
    found = {(f["lang"], f["segment"], f["check"]) for f in findings}
    hits = planted & found
    recall = 100.0 * len(hits) / len(planted)
    print("recall: %d of %d planted errors found (%.1f%%)" % (len(hits), len(planted), recall))
    for m in sorted(planted - found):
        print("  missed: %s %s [%s]" % m)
    dirty = {(l, s) for l, s, _ in planted}
    bad = [f for f in findings if f["severity"] == "error" and (f["lang"], f["segment"]) not in dirty]
    extra = [f for f in findings if (f["lang"], f["segment"]) not in dirty]
    print("findings on clean segments: %d (%d errors)" % (len(extra), len(bad)))
    for f in extra:
        print("  %s %s: %s: [%s] %s" % (f["lang"], f["segment"], f["severity"], f["check"], f["message"]))
    return 0 if recall >= 95.0 and not bad else 1


if __name__ == "__main__":
    sys.exit(main())
