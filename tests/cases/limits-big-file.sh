# A 100 MB input (made here, never committed) is refused by its size before it is read: located message,
# exit 2, the next file still linted, and the process stays small (max RSS < 200 MB when /usr/bin/time -v works).
# jxlint-test: once
set -u
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
{ printf '{"money_unit": "元", "unit": "'; head -c 100000000 /dev/zero | tr '\0' 'x'; printf '"}\n'; } > "$tmp/big.json"
printf '{"money_unit": "元", "expenditure": {"basic": 1, "project": 2, "total": 4}}\n' > "$tmp/good.json"
size=$(stat -c %s "$tmp/big.json")
run=("$JXLINT" --lang en "$tmp/big.json" "$tmp/good.json")
if /usr/bin/time -v true >/dev/null 2>&1; then
	/usr/bin/time -v -o "$tmp/time" "${run[@]}" > "$tmp/out"; rc=$?
	rss=$(sed -n 's/.*Maximum resident set size (kbytes): *//p' "$tmp/time")
	[ "$rss" -lt 200000 ] || { echo "max RSS $rss kB for a refused file"; exit 1; }
else
	echo "no /usr/bin/time -v: memory not measured"
	"${run[@]}" > "$tmp/out"; rc=$?
fi
[ $rc -eq 2 ] || { echo "exit $rc, want 2"; cat "$tmp/out"; exit 1; }
grep -q "^$tmp/big.json: error: cannot be read: $size bytes, over the limit of 67108864 (--max-file-size) \[input/too-large\]$" "$tmp/out" \
	|| { echo "no located too-large message:"; cat "$tmp/out"; exit 1; }
grep -q "good.json:1:.*\[funds/expenditure-total\]" "$tmp/out" || { echo "the next file was not linted"; exit 1; }
tail -1 "$tmp/out" | grep -q '^2 files checked: .*1 unreadable' || { echo "summary: $(tail -1 "$tmp/out")"; exit 1; }
exit 0
