#!/bin/sh
# Fetch the CommonMark spec examples (npm package commonmark-spec) into
# $BUILD/spec/spec.dat for test_markdown --spec.  Idempotent; fails loudly
# when npm or node cannot provide them.
set -eu
BUILD=${BUILD:-build}
VERSION=${COMMONMARK_SPEC_VERSION:-0.31.2}
top=$(cd "$(dirname "$0")/../.." && pwd)
dir=$BUILD/spec
out=$dir/spec.dat
[ -s "$out" ] && exit 0
for tool in npm node tar; do
    command -v "$tool" >/dev/null 2>&1 || {
        echo "fetch.sh: error: '$tool' not found (Debian packages: nodejs npm)" >&2
        exit 1
    }
done
mkdir -p "$dir"
dir=$(cd "$dir" && pwd)
rm -rf "$dir/package" "$dir"/commonmark-spec-*.tgz
if ! (cd "$dir" && npm pack "commonmark-spec@$VERSION" --silent >/dev/null); then
    echo "fetch.sh: error: 'npm pack commonmark-spec@$VERSION' failed (is the npm registry reachable?)" >&2
    exit 1
fi
tar -xzf "$dir/commonmark-spec-$VERSION.tgz" -C "$dir"
node "$top/tests/spec/convert.js" "$dir/package" >"$out.tmp"
[ -s "$out.tmp" ] || { echo "fetch.sh: error: no examples extracted" >&2; exit 1; }
mv "$out.tmp" "$out"
echo "fetch.sh: $(grep -c '^example ' "$out" || true) examples in $out"
