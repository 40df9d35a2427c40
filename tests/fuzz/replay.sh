#!/bin/sh
# Replays every seed and regression input of tests/fuzz/corpus/<target>/
# through $BUILD/fuzz/replay_<target> (the fuzz targets without libFuzzer;
# make test builds them, make asan with the sanitizers).  One assertion per
# target: it ran every input of its corpus without a broken invariant.
top=$(cd "$(dirname "$0")/../.." && pwd)
BUILD=${BUILD:-build}
case $BUILD in /*) ;; *) BUILD=$top/$BUILD ;; esac
passed=0
failed=0
for dir in "$top"/tests/fuzz/corpus/*/; do
    name=$(basename "$dir")
    bin=$BUILD/fuzz/replay_$name
    want=$(find "$dir" -type f | wc -l)
    if [ ! -x "$bin" ]; then
        echo "not ok - $name: no $bin (make $bin)"
        failed=$((failed + 1))
        continue
    fi
    log=$("$bin" "$dir" 2>&1)
    rc=$?
    got=$(printf '%s\n' "$log" | sed -n 's/^\([0-9]*\) inputs$/\1/p')
    if [ "$rc" -eq 0 ] && [ "$got" = "$want" ] && [ "$want" -gt 0 ]; then
        echo "ok - $name: $got inputs"
        passed=$((passed + 1))
    else
        echo "not ok - $name: exit $rc, $got of $want inputs"
        printf '%s\n' "$log" | grep -v '^replay: ' | tail -n 20 | sed 's/^/#   /'
        printf '%s\n' "$log" | grep '^replay: ' | tail -n 1 | sed 's/^/#   last input: /'
        failed=$((failed + 1))
    fi
done
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
