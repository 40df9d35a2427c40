#!/usr/bin/env python3
"""yaku against po4a on the same generated Markdown corpus (see run.sh).

Steps, each timed (wall clock) with the peak RSS of the process tree taken from
wait4()'s rusage (the figure /usr/bin/time -v prints as "Maximum resident set
size"):

  yaku   init, add (all files, one command), build --lang ja --fallback source;
         BENCH_RUNS times (default 5) on a fresh project, the median reported,
         after one run not counted (it brings the corpus into the page cache)
  yaku   then the ja segments all translated (exported, each msgstr set to its
         msgid, imported) and build --lang ja again, BENCH_RUNS times
  po4a   per file: extract the PO (po4a-updatepo -f text -o markdown; po4a 0.69's
         po4a-gettextize insists on a translated document -- PO4A_EXTRACT=gettextize
         runs it as `-m F -l F`, which parses every file twice and is ~6x slower),
         then po4a-translate -k 0 with that PO, and again with a copy of it
         whose messages are all translated the same way

Then the memory: init, add, build, export, import (translated), the
translated build, check and status, each once, on the corpus and on one
twice its size made of files of the same sizes (--memory-mb, default twice
--size-mb): their peak RSS side by side (SPEC 7: memory grows with one
document, not with the project).

po4a runs file by file until its time budget (--po4a-budget seconds, split
between the two steps) is used up; when it did not get through the whole corpus
the times are scaled by bytes and the report says so.  Results go to
OUT/results.txt and OUT/results.json.
"""
import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))


GNU_TIME = "/usr/bin/time" if os.access("/usr/bin/time", os.X_OK) else None
RSS_FILE = None


def measure(cmd, cwd=None, log=None):
    """Run cmd; return (wall seconds, peak RSS in KiB, exit status).

    The peak RSS comes from GNU time (-f %M, what -v prints as "Maximum resident
    set size") when /usr/bin/time exists; otherwise from wait4()'s rusage, which
    can over-report small programs by the size of this Python process (the
    child's pre-exec copy is counted)."""
    out = open(log, "ab") if log else subprocess.DEVNULL
    full = cmd
    if GNU_TIME:
        full = [GNU_TIME, "-f", "%M", "-o", RSS_FILE, "--"] + cmd
    t0 = time.perf_counter()
    p = subprocess.Popen(full, cwd=cwd, stdout=out, stderr=subprocess.STDOUT if log else subprocess.DEVNULL)
    _, status, ru = os.wait4(p.pid, 0)
    wall = time.perf_counter() - t0
    rc = os.waitstatus_to_exitcode(status)
    if log:
        out.close()
    rss = ru.ru_maxrss
    if GNU_TIME:
        try:
            with open(RSS_FILE) as f:
                rss = int(f.read().strip().splitlines()[-1])
        except (OSError, ValueError, IndexError):
            pass
    return wall, rss, rc


def fill_po(src, dst):
    """A copy of the PO file src with every untranslated message translated
    by its own msgid (the header left as it is): a finished translation, as
    far as the tools can tell, to time the build of a translated edition."""
    text = open(src, encoding="utf-8").read()
    out = []
    for b in text.split("\n\n"):
        m = re.search(r'(^|\n)msgid ((?:"[^\n]*"\n?)+)msgstr ""((?:\n"[^\n]*")*)\s*$', b)
        if m and m.group(2).strip() != '""':
            b = b[:m.start()] + m.group(1) + "msgid " + m.group(2) + "msgstr " + m.group(2).rstrip("\n")
        out.append(b)
    with open(dst, "w", encoding="utf-8") as f:
        f.write("\n\n".join(out))


def mb(n):
    return n / 1048576.0


MEMORY_STEPS = ("add", "build", "export", "import", "build translated", "check", "status")


def memory_profile(yaku, work, files, log):
    """Peak RSS (KiB) of each step of MEMORY_STEPS, each run once on a fresh
    project in work (its corpus already there): the memory of a project of
    this size.  Returns {step: KiB}; a step that failed maps to None."""
    for leftover in ("yaku.db", "yaku.db-wal", "yaku.db-shm", "yaku.db-journal"):
        if os.path.exists(os.path.join(work, leftover)):
            os.remove(os.path.join(work, leftover))
    shutil.rmtree(os.path.join(work, "dist"), ignore_errors=True)
    po = os.path.join(work, "mem-ja.po")
    steps = [("init", [yaku, "init", "--source", "zh-Hans", "--target", "ja,ko", "--title", "bench"]),
             ("add", [yaku, "add"] + files),
             ("build", [yaku, "build", "--lang", "ja", "--fallback", "source", "-o", "dist/ja"]),
             ("export", [yaku, "export", "--lang", "ja", "-o", po + ".new"]),
             ("import", [yaku, "import", po]),
             ("build translated", [yaku, "build", "--lang", "ja", "-o", "dist/ja-translated"]),
             ("check", [yaku, "check", "--lang", "ja"]),
             ("status", [yaku, "status"])]
    rss = {}
    for name, cmd in steps:
        if name == "import":
            fill_po(po + ".new", po)
        _, kib, rc = measure(cmd, cwd=work, log=log)
        # check exits 1 when it has findings: that is its answer, not a failure
        rss[name] = kib if rc == 0 or (name == "check" and rc == 1) else None
    return rss


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--yaku", default=os.environ.get("YAKU", os.path.join(HERE, "..", "build", "yaku")))
    ap.add_argument("--out", default=os.path.join(HERE, "out"))
    ap.add_argument("--size-mb", type=float, default=float(os.environ.get("BENCH_MB", "10")))
    ap.add_argument("--seed", type=int, default=2024)
    ap.add_argument("--po4a-budget", type=float, default=float(os.environ.get("PO4A_BUDGET", "180")),
                    help="seconds po4a may use in all (default 180)")
    ap.add_argument("--yaku-runs", type=int, default=int(os.environ.get("BENCH_RUNS", "5")),
                    help="runs of each yaku step; the median is reported (default 5)")
    ap.add_argument("--po4a-extract", choices=("updatepo", "gettextize"),
                    default=os.environ.get("PO4A_EXTRACT", "updatepo"),
                    help="po4a extraction tool: updatepo (default) or gettextize -m F -l F")
    ap.add_argument("--memory-mb", type=float, default=float(os.environ.get("BENCH_MEMORY_MB", "0")),
                    help="size of the second corpus the memory is measured on (default: twice --size-mb; "
                         "a negative value skips it)")
    args = ap.parse_args()
    yaku = os.path.abspath(args.yaku)
    if not os.access(yaku, os.X_OK):
        sys.exit("bench: no yaku binary at %s (run make)" % yaku)
    out = os.path.abspath(args.out)
    work = os.path.join(out, "yaku-project")
    po4a_dir = os.path.join(out, "po4a")
    for d in (work, po4a_dir):
        shutil.rmtree(d, ignore_errors=True)
    os.makedirs(po4a_dir)
    os.makedirs(work)
    global RSS_FILE
    RSS_FILE = os.path.join(out, "rss.tmp")
    log = os.path.join(out, "bench.log")
    open(log, "w").close()

    corpus = os.path.join(work, "corpus")
    subprocess.run([sys.executable, os.path.join(HERE, "gen_corpus.py"), "--out", corpus,
                    "--size-mb", str(args.size_mb), "--seed", str(args.seed)], check=True)
    files = sorted(os.path.relpath(os.path.join(d, f), work)
                   for d, _, fs in os.walk(corpus) for f in fs if f.endswith(".md"))
    sizes = {f: os.path.getsize(os.path.join(work, f)) for f in files}
    total = sum(sizes.values())
    res = {"corpus": {"files": len(files), "bytes": total, "seed": args.seed}}

    # ---- yaku ----
    # yaku takes well under a second, where one run on a shared VM varies by
    # 30 %: each step's figure is the median of --yaku-runs runs, each on a
    # fresh project.  po4a takes a minute and runs once.
    env_note = []
    y = {}
    runs = {"init": [], "add": [], "build": []}
    # one run more, first, not counted: it reads the corpus and the binary
    # from disk into the cache, which po4a, running after it, finds there too
    for r in range(args.yaku_runs + 1):
        for leftover in ("yaku.db", "yaku.db-wal", "yaku.db-shm", "yaku.db-journal"):
            if os.path.exists(os.path.join(work, leftover)):
                os.remove(os.path.join(work, leftover))
        shutil.rmtree(os.path.join(work, "dist"), ignore_errors=True)
        for name, cmd in (("init", [yaku, "init", "--source", "zh-Hans", "--target", "ja,ko", "--title", "bench"]),
                          ("add", [yaku, "add"] + files),
                          ("build", [yaku, "build", "--lang", "ja", "--fallback", "source", "-o", "dist/ja"])):
            wall, rss, rc = measure(cmd, cwd=work, log=log)
            if r > 0:
                runs[name].append({"seconds": wall, "peak_rss_kib": rss, "exit": rc})
            if rc != 0:
                env_note.append("yaku %s exited %d (see %s)" % (name, rc, log))
    for name, rs in runs.items():
        secs = sorted(x["seconds"] for x in rs)
        y[name] = {"seconds": secs[len(secs) // 2], "min": secs[0], "max": secs[-1],
                   "peak_rss_kib": max(x["peak_rss_kib"] for x in rs),
                   "exit": max(x["exit"] for x in rs), "runs": rs}
    same = sum(1 for f in files if os.path.exists(os.path.join(work, "dist/ja", f)) and
               open(os.path.join(work, f), "rb").read() == open(os.path.join(work, "dist/ja", f), "rb").read())
    y["identical_outputs"] = same
    # a translated edition: the last project's ja segments all translated
    # (each by its source text), imported, then built
    full_po = os.path.join(out, "bench-ja.po")
    rc = subprocess.run([yaku, "export", "--lang", "ja", "-o", full_po + ".new"], cwd=work,
                        stdout=subprocess.DEVNULL).returncode
    fill_po(full_po + ".new", full_po)
    rc = rc or subprocess.run([yaku, "import", full_po], cwd=work, stdout=subprocess.DEVNULL).returncode
    if rc != 0:
        env_note.append("yaku export/import of the translated PO failed")
    tr = []
    for r in range(args.yaku_runs):
        shutil.rmtree(os.path.join(work, "dist"), ignore_errors=True)
        wall, rss, rc = measure([yaku, "build", "--lang", "ja", "-o", "dist/ja"], cwd=work, log=log)
        tr.append({"seconds": wall, "peak_rss_kib": rss, "exit": rc})
        if rc != 0:
            env_note.append("yaku build of the translated edition exited %d (see %s)" % (rc, log))
    secs = sorted(x["seconds"] for x in tr)
    y["build_translated"] = {"seconds": secs[len(secs) // 2], "min": secs[0], "max": secs[-1],
                             "peak_rss_kib": max(x["peak_rss_kib"] for x in tr), "runs": tr}
    res["yaku"] = y

    # ---- po4a ----
    p = {"extract": {"seconds": 0.0, "peak_rss_kib": 0}, "translate": {"seconds": 0.0, "peak_rss_kib": 0},
         "translate_translated": {"seconds": 0.0, "peak_rss_kib": 0}}
    half = args.po4a_budget / 2
    done = []
    failures = 0
    for f in files:
        if p["extract"]["seconds"] >= half:
            break
        po = os.path.join(po4a_dir, f.replace("/", "_") + ".po")
        src = os.path.join(work, f)
        if args.po4a_extract == "gettextize":
            cmd = ["po4a-gettextize", "-f", "text", "-o", "markdown", "-M", "UTF-8", "-L", "UTF-8",
                   "-m", src, "-l", src, "-p", po]
        else:
            cmd = ["po4a-updatepo", "-f", "text", "-o", "markdown", "-M", "UTF-8", "-m", src, "-p", po]
        wall, rss, rc = measure(cmd, log=log)
        p["extract"]["seconds"] += wall
        p["extract"]["peak_rss_kib"] = max(p["extract"]["peak_rss_kib"], rss)
        failures += rc != 0
        done.append(f)
    same_po4a = 0
    for f in done:
        po = os.path.join(po4a_dir, f.replace("/", "_") + ".po")
        dst = os.path.join(po4a_dir, "out", f)
        os.makedirs(os.path.dirname(dst), exist_ok=True)
        wall, rss, rc = measure(["po4a-translate", "-f", "text", "-o", "markdown", "-M", "UTF-8", "-k", "0",
                                 "-m", os.path.join(work, f), "-p", po, "-l", dst], log=log)
        p["translate"]["seconds"] += wall
        p["translate"]["peak_rss_kib"] = max(p["translate"]["peak_rss_kib"], rss)
        failures += rc != 0
        if os.path.exists(dst) and open(dst, "rb").read() == open(os.path.join(work, f), "rb").read():
            same_po4a += 1
        # the same with every message translated (by its msgid)
        full = po + ".translated.po"
        fill_po(po, full)
        wall, rss, rc = measure(["po4a-translate", "-f", "text", "-o", "markdown", "-M", "UTF-8", "-k", "0",
                                 "-m", os.path.join(work, f), "-p", full, "-l", dst + ".translated"], log=log)
        p["translate_translated"]["seconds"] += wall
        p["translate_translated"]["peak_rss_kib"] = max(p["translate_translated"]["peak_rss_kib"], rss)
        failures += rc != 0
    done_bytes = sum(sizes[f] for f in done)
    scale = total / done_bytes if done_bytes else 0
    p["files"] = len(done)
    p["bytes"] = done_bytes
    p["scale"] = scale
    p["failures"] = failures
    p["identical_outputs"] = same_po4a
    for k in ("extract", "translate", "translate_translated"):
        p[k]["seconds_full_corpus"] = p[k]["seconds"] * scale
    res["po4a"] = p

    # ---- memory: the same steps on the corpus and on one twice as big ----
    # Memory is to grow with one document, not with the project (SPEC 7);
    # the second corpus has twice the files, of the same sizes.
    mem = {}
    mem_mb = args.memory_mb or 2 * args.size_mb
    if mem_mb > 0:
        mem_work = os.path.join(out, "yaku-memory")
        shutil.rmtree(mem_work, ignore_errors=True)
        os.makedirs(mem_work)
        big = os.path.join(mem_work, "corpus")
        subprocess.run([sys.executable, os.path.join(HERE, "gen_corpus.py"), "--out", big,
                        "--size-mb", str(mem_mb), "--seed", str(args.seed + 1)], check=True)
        big_files = sorted(os.path.relpath(os.path.join(d, f), mem_work)
                           for d, _, fs in os.walk(big) for f in fs if f.endswith(".md"))
        big_total = sum(os.path.getsize(os.path.join(mem_work, f)) for f in big_files)
        mem["small"] = {"bytes": total, "largest_file": max(sizes.values()),
                        "rss_kib": memory_profile(yaku, work, files, log)}
        mem["big"] = {"bytes": big_total,
                      "largest_file": max(os.path.getsize(os.path.join(mem_work, f)) for f in big_files),
                      "rss_kib": memory_profile(yaku, mem_work, big_files, log)}
        for k in ("small", "big"):
            for step, kib in mem[k]["rss_kib"].items():
                if kib is None:
                    env_note.append("yaku %s failed in the memory run (see %s)" % (step, log))
        shutil.rmtree(mem_work, ignore_errors=True)
    res["memory"] = mem

    # ---- report ----
    L = []
    L.append("corpus: %d files, %.1f MB (seed %d, bench/gen_corpus.py)" % (len(files), mb(total), args.seed))
    ya = y["init"]["seconds"] + y["add"]["seconds"]
    yb = y["build"]["seconds"]
    pa = p["extract"]["seconds_full_corpus"]
    pb = p["translate"]["seconds_full_corpus"]
    yt = y["build_translated"]["seconds"]
    pt = p["translate_translated"]["seconds_full_corpus"]

    def rate(sec):
        return mb(total) / sec if sec > 0 else float("inf")

    def ratio(a, b):
        return a / b if b > 0 else float("inf")

    L.append("%-28s %9s %10s %10s" % ("", "seconds", "MB/s", "peak RSS"))
    L.append("%-28s %9.3f %10.2f %7.1f MB" % ("yaku init + add", ya, rate(ya),
             mb(1024 * max(y["init"]["peak_rss_kib"], y["add"]["peak_rss_kib"]))))
    L.append("%-28s %9.3f %10.2f %7.1f MB" % ("yaku build --lang ja", yb, rate(yb), mb(1024 * y["build"]["peak_rss_kib"])))
    L.append("%-28s %9.3f %10.2f %7.1f MB" % ("po4a-%s (extract)" % args.po4a_extract, pa, rate(pa), mb(1024 * p["extract"]["peak_rss_kib"])))
    L.append("%-28s %9.3f %10.2f %7.1f MB" % ("po4a-translate", pb, rate(pb), mb(1024 * p["translate"]["peak_rss_kib"])))
    L.append("%-28s %9.3f %10.2f %7.1f MB" % ("yaku build, all translated", yt, rate(yt),
             mb(1024 * y["build_translated"]["peak_rss_kib"])))
    L.append("%-28s %9.3f %10.2f %7.1f MB" % ("po4a-translate, translated", pt, rate(pt),
             mb(1024 * p["translate_translated"]["peak_rss_kib"])))
    if scale and abs(scale - 1) > 1e-9:
        L.append("po4a ran on %d of %d files (%.1f MB) within its %.0f s budget; its times are scaled x%.2f by bytes"
                 % (len(done), len(files), mb(done_bytes), args.po4a_budget, scale))
    else:
        L.append("po4a ran on the whole corpus")
    L.append("yaku: median of %d runs, each on a fresh project (init + add %.3f-%.3f s, build %.3f-%.3f s)"
             % (args.yaku_runs, y["init"]["min"] + y["add"]["min"], y["init"]["max"] + y["add"]["max"],
                y["build"]["min"], y["build"]["max"]))
    L.append("ratio po4a/yaku: segmentation+import %.1fx, build %.1fx, total %.1fx (SPEC target: 100x)"
             % (ratio(pa, ya), ratio(pb, yb), ratio(pa + pb, ya + yb)))
    L.append("ratio po4a/yaku, every segment translated: build %.1fx, total %.1fx"
             % (ratio(pt, yt), ratio(pa + pt, ya + yt)))
    L.append("peak RSS from %s" % ("/usr/bin/time (%M)" if GNU_TIME else "wait4() rusage"))
    if mem:
        sm, bg = mem["small"], mem["big"]
        L.append("peak RSS by project size (largest file %.1f MB / %.1f MB):"
                 % (mb(sm["largest_file"]), mb(bg["largest_file"])))
        L.append("  %-18s %9s %9s %7s" % ("", "%.1f MB" % mb(sm["bytes"]), "%.1f MB" % mb(bg["bytes"]), "growth"))
        for step in MEMORY_STEPS:
            a, b = sm["rss_kib"].get(step), bg["rss_kib"].get(step)
            if a and b:
                L.append("  %-18s %6.1f MB %6.1f MB %6.2fx" % (step, mb(1024 * a), mb(1024 * b), b / a))
    L.append("outputs identical to source: yaku %d/%d, po4a %d/%d" % (same, len(files), same_po4a, len(done)))
    if failures:
        L.append("po4a: %d invocations failed (see %s)" % (failures, log))
    for n in env_note:
        L.append("WARNING: " + n)
    res["ratio"] = {"import": ratio(pa, ya), "build": ratio(pb, yb), "total": ratio(pa + pb, ya + yb),
                    "build_translated": ratio(pt, yt), "total_translated": ratio(pa + pt, ya + yt)}
    text = "\n".join(L) + "\n"
    sys.stdout.write(text)
    with open(os.path.join(out, "results.txt"), "w") as f:
        f.write(text)
    with open(os.path.join(out, "results.json"), "w") as f:
        json.dump(res, f, indent=1)
    return 1 if env_note else 0


if __name__ == "__main__":
    sys.exit(main())
