# --max-file-size N: a file of exactly N bytes is linted, N+1 is refused (input/too-large, exit 2) without
# being read, and the other files of the run are still linted. The default (64 MiB) is tested the same way.
set -u
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
printf '{"money_unit": "元", "expenditure": {"basic": 1, "project": 2, "total": 4}}\n' > "$tmp/a.json"
size=$(stat -c %s "$tmp/a.json")
cp "$tmp/a.json" "$tmp/b.json"

out=$("$JXLINT" --lang en --max-file-size "$size" "$tmp/a.json"); rc=$?
[ $rc -eq 1 ] || { echo "at the limit: exit $rc, want 1 (linted, one error)"; echo "$out"; exit 1; }
echo "$out" | grep -q '\[funds/expenditure-total\]' || { echo "at the limit the file was not linted: $out"; exit 1; }
echo "$out" | grep -q 'too-large' && { echo "refused at the limit: $out"; exit 1; }

out=$("$JXLINT" --lang en --max-file-size $((size - 1)) "$tmp/a.json" "$tmp/b.json"); rc=$?
[ $rc -eq 2 ] || { echo "one byte past: exit $rc, want 2"; echo "$out"; exit 1; }
echo "$out" | grep -q "^$tmp/a.json: error: cannot be read: $size bytes, over the limit of $((size - 1)) (--max-file-size) \[input/too-large\]$" \
	|| { echo "no located too-large message: $out"; exit 1; }
echo "$out" | grep -q "b.json: error: cannot be read: $size bytes" || { echo "b.json is as big, must be refused too"; exit 1; }
echo "$out" | tail -1 | grep -q '^2 files checked: .*2 unreadable' || { echo "summary: $(echo "$out" | tail -1)"; exit 1; }

# refused without being read: strace shows no read() of the refused file's descriptor
if command -v strace >/dev/null 2>&1; then
	strace -f -e trace=openat,read,close -o "$tmp/trace" "$JXLINT" --max-file-size 10 "$tmp/a.json" >/dev/null 2>&1
	# the reads on the file's descriptor between its open and its close
	reads=$(awk -v f="\"$tmp/a.json\"" '
		index($0, "openat(") && index($0, f) { fd = $NF; open = 1; opened = 1; next }
		open && index($0, "close(" fd ")") { open = 0 }
		open && index($0, "read(" fd ",") { print }
		END { if (!opened) print "never opened" }' "$tmp/trace")
	[ -z "$reads" ] || { echo "a refused file was read: $reads" | head -3; exit 1; }
fi

# bad values of the option are usage errors
for v in 0 -1 abc 1x ''; do
	"$JXLINT" --max-file-size "$v" "$tmp/a.json" >/dev/null 2>&1; rc=$?
	[ $rc -eq 2 ] || { echo "--max-file-size '$v': exit $rc, want 2"; exit 1; }
done

# the default limit, 64 MiB (OPTS_DEFAULT_MAX_FILE): sparse files at it and one byte past
limit=$((64 * 1024 * 1024))
truncate -s $limit "$tmp/at.json"
truncate -s $((limit + 1)) "$tmp/past.json"
out=$("$JXLINT" --lang en "$tmp/at.json" "$tmp/past.json"); rc=$?
[ $rc -eq 2 ] || { echo "default limit: exit $rc, want 2"; exit 1; }
echo "$out" | grep "at.json" | grep -q 'too-large' && { echo "refused at the default limit: $out"; exit 1; }
echo "$out" | grep -q "^$tmp/at.json: error: cannot decode .*NUL" || { echo "the file at the limit was not read: $out"; exit 1; }
echo "$out" | grep -q "^$tmp/past.json: error: cannot be read: $((limit + 1)) bytes, over the limit of $limit (--max-file-size) \[input/too-large\]" \
	|| { echo "one byte past the default limit: $out"; exit 1; }
exit 0
