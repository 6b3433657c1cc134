# A plugin built outside jxlint loads with --plugin and reports; a plugin for another ABI or a duplicate is refused.
set -u
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
P="$ROOT/$BUILD/tests/plugins"
printf '{"unit": "测试单位", "money_unit": "元"}\n' > "$tmp/s.json"
out=$("$JXLINT" --lang en --plugin "$P/sample.so" "$tmp/s.json"); rc=$?
[ $rc -eq 0 ] || { echo "exit $rc"; exit 1; }
echo "$out" | grep -q 's.json:1:10: warning: the unit name "测试单位" contains 测试 \[sample/test-unit\]' || { echo "$out"; exit 1; }
"$JXLINT" --list-rules --plugin "$P/sample.so" | grep -q '^sample/test-unit' || { echo "not listed"; exit 1; }
err=$("$JXLINT" --plugin "$P/bad_abi.so" "$tmp/s.json" 2>&1); rc=$?
[ $rc -eq 2 ] || { echo "bad ABI: exit $rc"; exit 1; }
echo "$err" | grep -q "built for ABI 2" || { echo "$err"; exit 1; }
err=$("$JXLINT" --plugin "$P/sample.so" --plugin "$P/sample.so" "$tmp/s.json" 2>&1); rc=$?
[ $rc -eq 2 ] && echo "$err" | grep -q "already defined" || { echo "duplicate: $rc $err"; exit 1; }
err=$("$JXLINT" --plugin "$tmp/s.json" "$tmp/s.json" 2>&1); rc=$?
[ $rc -eq 2 ] || { echo "non-plugin: exit $rc"; exit 1; }
# A submission cannot ask for native code: keys naming plugins are just unknown keys.
printf '{"money_unit": "元", "plugin": "%s", "$lint": {"plugin": "%s"}}\n' "$P/sample.so" "$P/sample.so" > "$tmp/ask.json"
out=$("$JXLINT" --lang en "$tmp/ask.json")
echo "$out" | grep -q 'sample/test-unit' && { echo "a submission loaded a plugin"; exit 1; }
echo "$out" | grep -q 'unknown key "plugin"' || { echo "$out"; exit 1; }
exit 0
