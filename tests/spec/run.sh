#!/bin/sh
# CommonMark spec examples through the Markdown reader: parse, verify,
# identity rebuild, and same structure with marker translations.
# Needs build/tests/test_markdown (make unit).  Last line: "spec: N passed, N failed".
set -eu
BUILD=${BUILD:-build}
cd "$(dirname "$0")/../.."
sh tests/spec/fetch.sh
exec "$BUILD/tests/test_markdown" --spec "$BUILD/spec/spec.dat"
