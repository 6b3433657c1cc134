# make install PREFIX=… installs a jxlint that finds its own rule plugins and docs.
# jxlint-test: once
set -eu
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
make -s -C "$ROOT" install PREFIX="$tmp/usr" BUILD="$BUILD" >/dev/null
[ -x "$tmp/usr/bin/jxlint" ]
ls "$tmp/usr/lib/jxlint/rules.d/"*.so >/dev/null
[ -f "$tmp/usr/include/jxlint/rule.h" ]
[ -f "$tmp/usr/share/doc/jxlint/rules.md" ]
out=$("$tmp/usr/bin/jxlint" --lang en "$ROOT/examples/department-2023.json" || true)
echo "$out" | grep -q '\[scores/sum\]' || { echo "installed jxlint did not run its rules: $out"; exit 1; }
