#!/usr/bin/env python3
"""PO helper for the CLI scenario tests (standard library only, no polib).

  potool.py json IN.po
      prints {"header": str, "entries": [{msgctxt, msgid, msgstr, flags,
      prev_msgid, prev_msgctxt, comments, obsolete}]} as JSON
  potool.py fill IN.po OUT.po PREFIX [--chapter C] [--except CTXT]...
                 [--only-empty] [--keep-fuzzy]
      sets msgstr = PREFIX + msgid on every active entry (or only those whose
      msgctxt starts with "C:"), drops the fuzzy flag unless --keep-fuzzy, and
      writes OUT.po; the rest of the file is copied line for line.

The parser is strict: a malformed file is an error (exit 2), so a test cannot
silently pass on an export that gettext would reject.
"""
import json
import re
import sys

ESC = {"n": "\n", "t": "\t", "r": "\r", '"': '"', "\\": "\\", "a": "\a", "b": "\b",
       "f": "\f", "v": "\v"}
KEY = re.compile(r'^(msgctxt|msgid_plural|msgid|msgstr(?:\[\d+\])?)\s+(".*")\s*$')


def unquote(s):
    s = s.strip()
    if len(s) < 2 or s[0] != '"' or s[-1] != '"':
        raise ValueError("bad PO string %r" % s)
    out, i, b = [], 0, s[1:-1]
    while i < len(b):
        if b[i] == "\\":
            if i + 1 >= len(b):
                raise ValueError("dangling backslash in %r" % s)
            out.append(ESC.get(b[i + 1], b[i + 1]))
            i += 2
        else:
            if b[i] == '"':
                raise ValueError("unescaped quote in %r" % s)
            out.append(b[i])
            i += 1
    return "".join(out)


def quote_lines(kw, text):
    def esc(t):
        return (t.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
                 .replace("\t", "\\t").replace("\r", "\\r"))
    parts = re.findall(r"[^\n]*\n|[^\n]+", text)
    if len(parts) <= 1:
        return ['%s "%s"' % (kw, esc(text))]
    return ['%s ""' % kw] + ['"%s"' % esc(p) for p in parts]


class Entry:
    def __init__(self, lines, lineno):
        self.lines = lines
        self.fields = {}
        self.prev = {}
        self.flags = []
        self.comments = []
        self.obsolete = False
        key, prevkey = None, None
        for i, raw in enumerate(lines):
            line = raw
            if line.startswith("#~"):
                self.obsolete = True
                line = line[2:].lstrip(" ")
                if line.startswith("|"):
                    line = "#" + line
            if line.startswith("#|"):
                body = line[2:].strip()
                m = KEY.match(body)
                if m:
                    prevkey = m.group(1)
                    self.prev[prevkey] = unquote(m.group(2))
                elif body.startswith('"') and prevkey:
                    self.prev[prevkey] += unquote(body)
                else:
                    raise ValueError("line %d: bad #| line" % (lineno + i))
                key = None
                continue
            if line.startswith("#,"):
                self.flags += [f.strip() for f in line[2:].split(",") if f.strip()]
                key = None
                continue
            if line.startswith("#"):
                self.comments.append(line)
                key = None
                continue
            m = KEY.match(line)
            try:
                if m:
                    key = m.group(1)
                    if key in self.fields:
                        raise ValueError("duplicate %s" % key)
                    self.fields[key] = [i, i, unquote(m.group(2))]
                elif line.startswith('"') and key:
                    f = self.fields[key]
                    f[1] = i
                    f[2] += unquote(line)
                else:
                    raise ValueError("unexpected %r" % line)
            except ValueError as e:
                raise ValueError("line %d: %s" % (lineno + i, e))
        if "msgid" not in self.fields and not all(l.startswith("#") for l in lines):
            raise ValueError("line %d: entry without msgid" % lineno)

    def get(self, k):
        f = self.fields.get(k)
        return None if f is None else f[2]

    def set_msgstr(self, text):
        a, b, _ = self.fields["msgstr"]
        self.lines[a:b + 1] = quote_lines("msgstr", text)

    def drop_fuzzy(self):
        out = []
        for l in self.lines:
            if l.startswith("#|"):
                continue  # like msgattrib --clear-fuzzy --clear-previous
            if l.startswith("#,"):
                fl = [f.strip() for f in l[2:].split(",") if f.strip() and f.strip() != "fuzzy"]
                if fl:
                    out.append("#, " + ", ".join(fl))
            else:
                out.append(l)
        self.lines[:] = out
        self.flags = [f for f in self.flags if f != "fuzzy"]
        # field line indexes moved; recompute
        self.__init__(self.lines, 0)


def read(path):
    with open(path, encoding="utf-8") as f:
        text = f.read()
    entries, cur, start = [], [], 1
    for n, line in enumerate(text.split("\n"), 1):
        if line.strip() == "":
            if cur:
                entries.append(Entry(cur, start))
                cur = []
        else:
            if not cur:
                start = n
            cur.append(line)
    if cur:
        entries.append(Entry(cur, start))
    return entries


def is_header(e):
    return e.get("msgid") == "" and not e.obsolete and e.get("msgctxt") is None


def main(argv):
    if len(argv) >= 2 and argv[0] == "json":
        es = read(argv[1])
        out = {"header": "", "entries": []}
        for e in es:
            if e.get("msgid") is None:
                continue
            if is_header(e):
                out["header"] = e.get("msgstr") or ""
                continue
            out["entries"].append({
                "msgctxt": e.get("msgctxt"), "msgid": e.get("msgid"),
                "msgstr": e.get("msgstr"), "flags": e.flags,
                "prev_msgid": e.prev.get("msgid"), "prev_msgctxt": e.prev.get("msgctxt"),
                "comments": e.comments, "obsolete": e.obsolete})
        json.dump(out, sys.stdout, ensure_ascii=False, indent=1)
        print()
        return 0
    if len(argv) >= 4 and argv[0] == "fill":
        src, dst, prefix = argv[1:4]
        chapter, excepts, only_empty, keep_fuzzy = None, set(), False, False
        rest = argv[4:]
        while rest:
            a = rest.pop(0)
            if a == "--chapter":
                chapter = rest.pop(0)
            elif a == "--except":
                excepts.add(rest.pop(0))
            elif a == "--only-empty":
                only_empty = True
            elif a == "--keep-fuzzy":
                keep_fuzzy = True
            else:
                raise SystemExit("potool: unknown option %s" % a)
        es = read(src)
        n = 0
        for e in es:
            if e.get("msgid") is None or is_header(e) or e.obsolete or e.get("msgstr") is None:
                continue
            ctxt = e.get("msgctxt") or ""
            if chapter is not None and not ctxt.startswith(chapter + ":"):
                continue
            if ctxt in excepts or (only_empty and e.get("msgstr")):
                continue
            e.set_msgstr(prefix + e.get("msgid"))
            if not keep_fuzzy:
                e.drop_fuzzy()
            n += 1
        with open(dst, "w", encoding="utf-8", newline="\n") as f:
            f.write("\n\n".join("\n".join(e.lines) for e in es) + "\n")
        print(n)
        return 0
    sys.stderr.write(__doc__)
    return 2


if __name__ == "__main__":
    try:
        sys.exit(main(sys.argv[1:]))
    except ValueError as e:
        sys.stderr.write("potool: %s\n" % e)
        sys.exit(2)
