# Broken JSON is located (line:col, reason), exit 2, and the other files in the run are still linted.
set -u
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
printf '{\n  "money_unit": "元",\n  "income": {"total": 10 "other": 3}\n}\n' > "$tmp/a-broken.json"
printf '{"money_unit": "元", "expenditure": {"basic": 1, "project": 2, "total": 4}}\n' > "$tmp/b-good.json"
out=$("$JXLINT" --lang en "$tmp/a-broken.json" "$tmp/b-good.json")
rc=$?
[ $rc -eq 2 ] || { echo "exit $rc, want 2"; exit 1; }
echo "$out" | grep -q "a-broken.json:3:26: error: malformed JSON: expected ',' or '}' after an object member, found '\"' \[input/json\]" \
	|| { echo "no located JSON error:"; echo "$out"; exit 1; }
echo "$out" | grep -q "b-good.json:1:.*\[funds/expenditure-total\]" || { echo "good file not linted:"; echo "$out"; exit 1; }
echo "$out" | grep -q "2 files checked" || { echo "summary wrong"; echo "$out"; exit 1; }
