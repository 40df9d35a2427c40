#!/bin/sh
# yaku check against Translate Toolkit's pofilter on the same N units (default
# 100000) of zh-Hans → ja, exported as PO, in the same run.  Prints both wall
# times and the ratio.  Not a test: `make bench` style, run by hand:
#   YAKU=build/yaku sh bench/check_bench.sh [N]
set -eu
N=${1:-100000}
: "${YAKU:=$(pwd)/build/yaku}"
case $YAKU in /*) ;; *) YAKU=$(pwd)/$YAKU ;; esac
HERE=$(cd "$(dirname "$0")" && pwd)
command -v pofilter >/dev/null || { echo "check_bench: pofilter missing (apt-get install translate-toolkit)" >&2; exit 2; }
W=$(mktemp -d "${TMPDIR:-/tmp}/yaku-check-bench.XXXXXX")
trap 'rm -rf "$W"' EXIT
export YAKU_USER=bench@example.org
unset YAKU_PROJECT
now() { date +%s.%N; }

mkdir -p "$W/src"
python3 "$HERE/check_gen.py" md "$W/src" "$N"
cd "$W"
"$YAKU" init --source zh-Hans --target ja >/dev/null
"$YAKU" add src/*.md >/dev/null
"$YAKU" export --lang ja -o empty.po
python3 "$HERE/check_gen.py" fill empty.po ja.po "$N"
"$YAKU" import ja.po --lang ja >/dev/null
units=$(grep -c '^msgctxt' ja.po)

# wall and CPU (user+sys) time of each: the machine may be shared, CPU time
# is the steadier figure
t0=$(now)
/usr/bin/time -f "%U %S" -o yaku.cpu "$YAKU" check --lang ja --format json >yaku.json || [ $? -eq 1 ]
t1=$(now)
/usr/bin/time -f "%U %S" -o pofilter.cpu pofilter --language=ja -i ja.po -o pofilter.po 2>/dev/null
t2=$(now)

python3 - "$t0" "$t1" "$t2" "$units" yaku.json pofilter.po yaku.cpu pofilter.cpu <<'PY'
import json, re, sys
t0, t1, t2 = map(float, sys.argv[1:4])
cpu = [sum(map(float, open(f).read().split()[-2:])) for f in sys.argv[7:9]]
units = int(sys.argv[4])
yk = json.load(open(sys.argv[5], encoding="utf-8"))
pf = len(re.findall(r"^# \(pofilter\)", open(sys.argv[6], encoding="utf-8").read(), re.M))
a, b = t1 - t0, t2 - t1
print("units:            %d (zh-Hans -> ja)" % units)
print("yaku check:       %8.2f s wall, %6.2f s CPU  (%d findings, all 34 checks)" % (a, cpu[0], len(yk)))
print("pofilter:         %8.2f s wall, %6.2f s CPU  (%d findings, default tests)" % (b, cpu[1], pf))
print("ratio:            %8.1fx faster (wall), %.1fx (CPU)" % (b / a if a > 0 else float("inf"),
                                                         cpu[1] / cpu[0] if cpu[0] > 0 else float("inf")))
PY
