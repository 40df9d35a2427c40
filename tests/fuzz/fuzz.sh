#!/bin/sh
# Runs the libFuzzer builds of the fuzz targets (make fuzz).
#   fuzz.sh BUILD NAME...     BUILD/fuzz/fuzz_NAME, FUZZ_TIME seconds each,
#                             FUZZ_JOBS targets at once (default 2)
# Each target starts from tests/fuzz/corpus/NAME and keeps what it finds in
# BUILD/fuzz-corpus/NAME (never in the source tree); a crash, leak, timeout
# or sanitizer report is saved in BUILD/fuzz-artifacts/NAME/ and fails the
# run.  Prints executions and coverage per target; the table is also in
# BUILD/fuzz-report.txt.
set -eu
build=$1
shift
time=${FUZZ_TIME:-60}
jobs=${FUZZ_JOBS:-2}
maxlen=${FUZZ_MAX_LEN:-16384}
top=$(pwd)
mkdir -p "$build/fuzz-logs"

one() { # name
    name=$1
    mkdir -p "$build/fuzz-corpus/$name" "$build/fuzz-artifacts/$name" "tests/fuzz/corpus/$name"
    rc=0
    "$build/fuzz/fuzz_$name" -max_total_time="$time" -timeout=10 -max_len="$maxlen" \
        -print_final_stats=1 -artifact_prefix="$build/fuzz-artifacts/$name/" \
        "$build/fuzz-corpus/$name" "tests/fuzz/corpus/$name" \
        >"$build/fuzz-logs/$name.log" 2>&1 || rc=$?
    execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$build/fuzz-logs/$name.log" | tail -n 1)
    cov=$(grep -o 'cov: [0-9]*' "$build/fuzz-logs/$name.log" | tail -n 1 | cut -d' ' -f2)
    printf '%-10s %4s s  %10s execs  cov %6s  %s\n' "$name" "$time" "${execs:-?}" "${cov:-?}" \
        "$([ "$rc" -eq 0 ] && echo ok || echo "FAILED (exit $rc; log $build/fuzz-logs/$name.log)")"
}

if [ "${1:-}" = --one ]; then
    one "$2"
    exit 0
fi
printf '%s\n' "$@" | xargs -P "$jobs" -I{} sh "$top/tests/fuzz/fuzz.sh" "$build" --one {} \
    | tee "$build/fuzz-report.txt"
if grep -q FAILED "$build/fuzz-report.txt"; then
    echo "fuzz: failures; inputs in $build/fuzz-artifacts/ (copy each to tests/fuzz/corpus/NAME/)" >&2
    exit 1
fi
echo "fuzz: ${time} s per target, no crash"
