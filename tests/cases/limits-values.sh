# JSCAN_MAX_VALUES (2 000 000 values in one document, containers included): a document of exactly that
# many values is linted, one more is refused (input/too-large, located at the value past the limit,
# exit 2) and the next file is still linted. Memory stays bounded (max RSS < 1 GB at the limit).
# jxlint-test: once
set -u
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
gen() { # zeros -> a submission of 3 + zeros values: the root, money_unit, the array and its items
	{ printf '{"money_unit": "元", "x": [0'; head -c $(($1 - 1)) /dev/zero | sed 's/\x0/,0\n/g'; printf ']}\n'; }
}
gen 1999997 > "$tmp/at.json"
gen 1999998 > "$tmp/past.json"
printf '{"money_unit": "元", "expenditure": {"basic": 1, "project": 2, "total": 4}}\n' > "$tmp/next.json"
timed=()
/usr/bin/time -f %M true 2>/dev/null && timed=(/usr/bin/time -o "$tmp/rss" -f %M)

out=$(timeout 120 "${timed[@]}" "$JXLINT" --lang en "$tmp/at.json"); rc=$?
[ $rc -eq 0 ] || { echo "at the limit: exit $rc, want 0"; echo "$out" | tail -2; exit 1; }
echo "$out" | tail -1 | grep -q '^1 file checked: 0 errors, 0 warnings, 1 info' || { echo "at the limit: $(echo "$out" | tail -1)"; exit 1; }
if [ ${#timed[@]} -gt 0 ]; then
	rss=$(tail -1 "$tmp/rss")
	[ "$rss" -lt 1000000 ] || { echo "at the limit: max RSS $rss kB"; exit 1; }
fi

out=$(timeout 120 "$JXLINT" --lang en "$tmp/past.json" "$tmp/next.json"); rc=$?
[ $rc -eq 2 ] || { echo "one past: exit $rc, want 2"; echo "$out" | tail -2; exit 1; }
echo "$out" | grep -q "^$tmp/past.json:1999997:2: error: .*more than 2000000 values.*\[input/too-large\]$" \
	|| { echo "one past: no located input/too-large: $(echo "$out" | head -1)"; exit 1; }
echo "$out" | grep -q "next.json:1:.*\[funds/expenditure-total\]" || { echo "the next file was not linted"; exit 1; }
echo "$out" | tail -1 | grep -q '^2 files checked: .*1 unreadable' || { echo "summary: $(echo "$out" | tail -1)"; exit 1; }
exit 0
