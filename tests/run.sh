#!/bin/sh
# Runs every test program and script; one line per program, then the closing
# line "tests: N passed, N failed" that CI reads.  Exit 1 when anything failed.
#   BUILD  build directory (default build)   YAKU  the yaku binary under test
BUILD=${BUILD:-build}
YAKU=${YAKU:-$(pwd)/$BUILD/yaku}
export YAKU BUILD
top=$(pwd)
log=$BUILD/test-logs
mkdir -p "$log"
passed=0
failed=0
failures=""

run() { # name command...
    name=$1
    shift
    mkdir -p "$(dirname "$log/$name.log")"
    if "$@" >"$log/$name.log" 2>&1; then
        passed=$((passed + 1))
        printf 'ok    %s\n' "$name"
    else
        failed=$((failed + 1))
        failures="$failures $name"
        printf 'FAIL  %s (log: %s/%s.log)\n' "$name" "$log" "$name"
        tail -n 15 "$log/$name.log" | sed 's/^/      /'
    fi
}

for t in "$BUILD"/tests/test_*; do
    [ -x "$t" ] || continue
    run "unit/$(basename "$t")" "$t"
done
for t in tests/spec/run.sh tests/cli/t*.sh tests/roundtrip/*.sh tests/interop/*.sh tests/fuzz/replay.sh; do
    [ -f "$t" ] || continue
    run "$(echo "$t" | sed 's,^tests/,,; s,\.sh$,,')" sh "$top/$t"
done

echo
[ -z "$failures" ] || echo "failed:$failures"
echo "tests: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
