#!/usr/bin/env python3
"""Load driver for t0702-load.sh (standard library only).

    load.py PROJECT ENTRIES.json SECONDS WORKERS REPORT.json

WORKERS threads, each acting as its own translator (load-K@example.org) and
running one yaku process after another for SECONDS: claim a random chapter
(or release what it holds), import a one-entry PO into a chapter it holds
(or, one time in four, into one it does not), check a chapter, or status.
Every process's exit status and stderr are judged:

  claim   0, or 3 naming the holder          release  0, or 3 (nothing held)
  import  0 with "1 updated" into a held chapter, 3 into one not held
  check   0 or 1 (findings)                  status   0

Anything else -- exit 2, a crash, "database is locked", "busy" -- is an
escaped error.  Every successful import carries a unique text; afterwards
each must be in the history table (no lost update).  The report holds the
counts, ops/s and latency percentiles (overall and per operation).
"""
import json
import os
import random
import sqlite3
import subprocess
import sys
import threading
import time

project, entries_path, seconds, workers, report_path = sys.argv[1:6]
seconds = float(seconds)
workers = int(workers)
yaku = os.environ["YAKU"]
entries = json.load(open(entries_path, encoding="utf-8"))
by_chapter = {}
for e in entries:
    by_chapter.setdefault(e["ctxt"].rsplit(":", 1)[0], []).append(e)
chapters = sorted(by_chapter)
header = ('msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n'
          '"Language: ja\\n"\n\n')

lock = threading.Lock()
ops = []          # (op, seconds, outcome)
escaped = []      # descriptions of escaped errors
imported = []     # (ctxt, unique text) of successful imports
holder_refused = []


def po_quote(s):
    return s.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")


def yk(user, *args):
    t = time.monotonic()
    r = subprocess.run([yaku, "-C", project, "--as", user] + list(args),
                       stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                       stdin=subprocess.DEVNULL)
    return r.returncode, r.stdout.decode("utf-8", "replace"), \
        r.stderr.decode("utf-8", "replace"), time.monotonic() - t


def judge(op, rc, out, err, allowed):
    bad = rc not in allowed or "locked" in err or "busy" in err or rc < 0
    if bad:
        with lock:
            escaped.append("%s: exit %d: %s" % (op, rc, err.strip()[:300]))
    return not bad


def worker(k, deadline):
    user = "load-%d@example.org" % k
    rnd = random.Random(k * 7919 + int(time.time()))
    held = set()
    n = 0
    po = os.path.join(project, ".load-%d.po" % k)
    while time.monotonic() < deadline:
        n += 1
        r = rnd.random()
        if r < 0.30:
            if held and rnd.random() < 0.4:
                op = "release"
                rc, out, err, dt = yk(user, "release", "--all", "--lang", "ja")
                judge(op, rc, out, err, (0, 3))
                if rc == 0:
                    held.clear()
            else:
                op = "claim"
                ch = rnd.choice(chapters)
                rc, out, err, dt = yk(user, "claim", ch, "--lang", "ja")
                if judge(op, rc, out, err, (0, 3)) and rc == 0:
                    held.add(ch)
        elif r < 0.60:
            op = "import"
            mine = held and rnd.random() < 0.75
            ch = rnd.choice(sorted(held)) if mine else rnd.choice(chapters)
            e = rnd.choice(by_chapter[ch])
            text = "訳%d-%d-%d" % (k, n, rnd.randrange(1 << 30))
            with open(po, "w", encoding="utf-8") as f:
                f.write(header + 'msgctxt "%s"\nmsgid "%s"\nmsgstr "%s"\n'
                        % (po_quote(e["ctxt"]), po_quote(e["msgid"]), po_quote(text)))
            rc, out, err, dt = yk(user, "import", po)
            if ch in held:
                ok = judge(op, rc, out, err, (0,))
                if ok and "1 updated" not in out:
                    with lock:
                        escaped.append("import by the holder did not update: " + out.strip())
                if rc == 3:
                    with lock:
                        holder_refused.append(err.strip()[:300])
            else:
                judge(op, rc, out, err, (3,))
            if rc == 0 and "1 updated" in out:
                with lock:
                    imported.append((e["ctxt"], text))
        elif r < 0.80:
            op = "check"
            rc, out, err, dt = yk(user, "check", "--lang", "ja", "--chapter",
                                  rnd.choice(chapters))
            judge(op, rc, out, err, (0, 1))
        else:
            op = "status"
            rc, out, err, dt = yk(user, "status")
            judge(op, rc, out, err, (0,))
        with lock:
            ops.append((op, dt, rc))


deadline = time.monotonic() + seconds
start = time.monotonic()
threads = [threading.Thread(target=worker, args=(k, deadline)) for k in range(1, workers + 1)]
for t in threads:
    t.start()
for t in threads:
    t.join()
elapsed = time.monotonic() - start

db = sqlite3.connect(os.path.join(project, "yaku.db"))
history = set(r[0] for r in db.execute("SELECT target FROM history WHERE lang = 'ja'"))
lost = [t for c, t in imported if t not in history]


def pct(v, p):
    v = sorted(v)
    return v[min(len(v) - 1, int(p / 100.0 * len(v)))] * 1000 if v else 0.0


lat = [d for _, d, _ in ops]
rep = {
    "workers": workers, "seconds": round(elapsed, 1), "ops": len(ops),
    "ops_per_s": round(len(ops) / elapsed, 1),
    "p50_ms": round(pct(lat, 50), 1), "p99_ms": round(pct(lat, 99), 1),
    "max_ms": round(max(lat) * 1000, 1) if lat else 0.0,
    "imports_ok": len(imported), "lost_updates": len(lost), "escaped": len(escaped),
    "per_op": {},
}
for name in ("claim", "release", "import", "check", "status"):
    v = [d for o, d, _ in ops if o == name]
    codes = {}
    for o, _, rc in ops:
        if o == name:
            codes[str(rc)] = codes.get(str(rc), 0) + 1
    rep["per_op"][name] = {"n": len(v), "p50_ms": round(pct(v, 50), 1),
                           "p99_ms": round(pct(v, 99), 1), "exit": codes}
json.dump(rep, open(report_path, "w"), indent=1)
print("load: %d workers, %.1f s: %d ops, %.1f ops/s, p50 %.0f ms, p99 %.0f ms, max %.0f ms"
      % (workers, elapsed, len(ops), rep["ops_per_s"], rep["p50_ms"], rep["p99_ms"],
         rep["max_ms"]))
for name, s in rep["per_op"].items():
    print("  %-8s %5d ops  p50 %6.0f ms  p99 %6.0f ms  exits %s"
          % (name, s["n"], s["p50_ms"], s["p99_ms"], s["exit"]))
print("  %d imports succeeded, %d missing from the history" % (len(imported), len(lost)))
for e in escaped[:10]:
    print("  escaped: " + e)
for e in holder_refused[:5]:
    print("  holder refused: " + e)
sys.exit(0 if not escaped and not lost and not holder_refused else 1)
