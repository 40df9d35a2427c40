#!/usr/bin/env python3
"""Fill a PO file exported by `yaku export` from a sentence table.

    fill_po.py IN.po TABLE.tsv -o OUT.po [--lang ja] [--stats]

TABLE.tsv has one line per source sentence, "SOURCE<TAB>TARGET" (lines starting
with '#' are comments).  An entry whose msgstr is empty gets a translation when
its msgid is one of the table's sentences, or a run of them (when a whole block
was kept as one segment); the target sentences are joined with nothing between
them for ja/zh and with one space for ko/en.  Entries that already carry a
translation, the header and obsolete (#~) entries are copied unchanged.

Only the Python standard library is used (no polib), so this runs on any
python3.  The result is what examples/po/ja.po holds; it passes `msgfmt -c`.
"""
import argparse
import re
import sys

ESCAPES = {"n": "\n", "t": "\t", "r": "\r", '"': '"', "\\": "\\", "a": "\a",
           "b": "\b", "f": "\f", "v": "\v"}


def po_unquote(s):
    """Decode one PO string literal (with its surrounding quotes)."""
    s = s.strip()
    if len(s) < 2 or s[0] != '"' or s[-1] != '"':
        raise ValueError("not a PO string: %r" % s)
    out, i, body = [], 0, s[1:-1]
    while i < len(body):
        c = body[i]
        if c == "\\" and i + 1 < len(body):
            out.append(ESCAPES.get(body[i + 1], body[i + 1]))
            i += 2
        else:
            out.append(c)
            i += 1
    return "".join(out)


def po_quote(text):
    """Encode text as PO msgstr lines (split after each \\n like gettext)."""
    def esc(t):
        return (t.replace("\\", "\\\\").replace('"', '\\"')
                 .replace("\n", "\\n").replace("\t", "\\t").replace("\r", "\\r"))
    parts = re.findall(r"[^\n]*\n|[^\n]+", text)
    if len(parts) <= 1:
        return ['"%s"' % esc(text)]
    return ['""'] + ['"%s"' % esc(p) for p in parts]


class Entry:
    """One blank-line-separated block of a PO file, kept as its lines."""

    def __init__(self, lines):
        self.lines = lines
        self.fields = {}       # keyword -> (first line index, last line index, text)
        self.obsolete = all(l.startswith("#~") or not l.strip() for l in lines) and \
            any(l.startswith("#~") for l in lines)
        key = None
        for i, line in enumerate(lines):
            if line.startswith("#"):
                key = None
                continue
            m = re.match(r'^(msgctxt|msgid_plural|msgid|msgstr(?:\[\d+\])?)\s+(".*")\s*$', line)
            if m:
                key = m.group(1)
                self.fields[key] = [i, i, po_unquote(m.group(2))]
            elif line.startswith('"') and key:
                f = self.fields[key]
                f[1] = i
                f[2] += po_unquote(line)

    def get(self, key):
        f = self.fields.get(key)
        return None if f is None else f[2]

    def set_msgstr(self, text):
        first, last, _ = self.fields["msgstr"]
        self.lines[first:last + 1] = ["msgstr " + q if n == 0 else q
                                      for n, q in enumerate(po_quote(text))]


def read_po(path):
    with open(path, encoding="utf-8") as f:
        text = f.read()
    blocks, cur = [], []
    for line in text.split("\n"):
        if line.strip() == "":
            if cur:
                blocks.append(Entry(cur))
                cur = []
        else:
            cur.append(line)
    if cur:
        blocks.append(Entry(cur))
    return blocks


def write_po(path, entries):
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write("\n\n".join("\n".join(e.lines) for e in entries) + "\n")


def load_table(path):
    table = {}
    with open(path, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            line = line.rstrip("\n")
            if not line or line.startswith("#"):
                continue
            parts = line.split("\t")
            if len(parts) != 2 or not parts[0] or not parts[1]:
                sys.exit("%s:%d: expected SOURCE<TAB>TARGET" % (path, n))
            table[parts[0]] = parts[1]
    return table


def translate(msgid, table, joiner):
    """Translate msgid as a run of table sentences; None when it is not one."""
    if msgid in table:
        return table[msgid]
    keys = sorted(table, key=len, reverse=True)
    out, i = [], 0
    while i < len(msgid):
        while i < len(msgid) and msgid[i] in " \t\n":
            i += 1
        if i == len(msgid):
            break
        for k in keys:
            if msgid.startswith(k, i):
                out.append(table[k])
                i += len(k)
                break
        else:
            return None
    return joiner.join(out) if len(out) > 1 else None


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("po")
    ap.add_argument("table")
    ap.add_argument("-o", "--output", required=True)
    ap.add_argument("--lang", default="ja")
    ap.add_argument("--stats", action="store_true", help="print how many entries were filled")
    args = ap.parse_args()
    joiner = "" if args.lang.split("-")[0] in ("ja", "zh") else " "
    table = load_table(args.table)
    entries = read_po(args.po)
    filled = total = 0
    used = set()
    for e in entries:
        msgid = e.get("msgid")
        if e.obsolete or msgid is None or msgid == "" or e.get("msgstr") is None:
            continue
        total += 1
        if e.get("msgstr"):
            continue
        target = translate(msgid, table, joiner)
        if target is not None:
            e.set_msgstr(target)
            filled += 1
            used.add(msgid)
    write_po(args.output, entries)
    if args.stats:
        print("fill_po: filled %d of %d entries (%d table sentences)" % (filled, total, len(table)))


if __name__ == "__main__":
    main()
