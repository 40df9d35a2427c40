#!/usr/bin/env python3
"""A scripted $EDITOR for `yaku translate` tests (standard library only).

  edit_session.py [--fill TEXT] [--append TEXT] [--only N] FILE
      In the first N blocks ("==> ID" lines; default 1), writes TEXT as the
      translation of a block that has none (--fill, default "訳文") or
      appends TEXT to its first translation line (--append, default "（改）").
"""
import sys

args = sys.argv[1:]
fill, append, only = "訳文", "（改）", 1
while len(args) > 1:
    k, v = args[0], args[1]
    if k == "--fill":
        fill = v
    elif k == "--append":
        append = v
    elif k == "--only":
        only = int(v)
    else:
        break
    args = args[2:]
path = args[0]
with open(path, encoding="utf-8") as f:
    lines = f.read().split("\n")
out, i, done = [], 0, 0
while i < len(lines):
    line = lines[i]
    out.append(line)
    i += 1
    if line.startswith("==> ") and done < only:
        while i < len(lines) and lines[i].startswith("#"):
            out.append(lines[i])
            i += 1
        if i < len(lines) and lines[i].strip() and not lines[i].startswith("==> "):
            out.append(lines[i] + append)
            i += 1
        else:
            out.append(fill)
        done += 1
with open(path, "w", encoding="utf-8") as f:
    f.write("\n".join(out))
