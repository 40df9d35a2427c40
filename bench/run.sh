#!/bin/sh
# make bench: yaku vs po4a on a generated Markdown corpus (default 10 MB).
#   YAKU         yaku binary (make bench passes build/yaku)
#   BENCH_MB     corpus size in MB (default 10)
#   BENCH_RUNS   runs of each yaku step, median reported (default 5)
#   PO4A_BUDGET  seconds po4a may take before its figures are scaled (default 180)
#   PO4A_EXTRACT updatepo (default) or gettextize (po4a-gettextize -m F -l F)
#   BENCH_MEMORY_MB size of the second corpus the memory is measured on (default twice BENCH_MB, negative: skip)
# Prints the table and writes bench/out/results.txt and results.json.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
YAKU=${YAKU:-$here/../build/yaku}
case $YAKU in /*) ;; *) YAKU=$(pwd)/$YAKU ;; esac
export YAKU
command -v po4a-translate >/dev/null 2>&1 || { echo "bench: po4a is not installed (make deps)" >&2; exit 2; }
mkdir -p "$here/out"
exec python3 "$here/bench.py" --out "$here/out" "$@"
