# Every bad input in fixtures/input, plus a FIFO, a device, a dangling symlink and a good file, in ONE run:
# nothing crashes or hangs, every file is accounted for in the summary, the unreadable ones make the exit code 2,
# and the good file is still linted. Also with -j 3 (same output) and in JSON (the counts agree).
set -u
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
inputs=()
while IFS= read -r f; do inputs+=("$f"); done < <(find "$ROOT/fixtures/input" -type f \
	\( -name '*.json' -o -name '*.txt' -o -name '*.md' -o -name '*.bin' \) ! -name '*.out.json' | LC_ALL=C sort)
[ ${#inputs[@]} -ge 40 ] || { echo "only ${#inputs[@]} bad-input fixtures, want at least 40"; exit 1; }
mkfifo "$tmp/fifo.json"
ln -s "$tmp/nowhere.json" "$tmp/dangling.json"
printf '{"money_unit": "元", "expenditure": {"basic": 1, "project": 2, "total": 4}}\n' > "$tmp/zz-good.json"
all=("${inputs[@]}" "$tmp/fifo.json" /dev/zero "$tmp/dangling.json" "$tmp/zz-good.json")
n=${#all[@]}

out=$(timeout 300 "$JXLINT" --lang en -j 1 "${all[@]}" 2>"$tmp/err"); rc=$?
[ $rc -eq 2 ] || { echo "exit $rc, want 2 (some inputs are unreadable)"; tail -5 "$tmp/err"; exit 1; }
grep -q . "$tmp/err" && { echo "unexpected stderr:"; head -5 "$tmp/err"; exit 1; }
summary=$(printf '%s\n' "$out" | tail -1)
case "$summary" in
"$n files checked:"*) ;;
*) echo "summary does not account for all $n inputs: $summary"; exit 1 ;;
esac
printf '%s\n' "$summary" | grep -q 'unreadable' || { echo "summary hides the unreadable files: $summary"; exit 1; }
printf '%s\n' "$out" | grep -q "zz-good.json:1:.*\[funds/expenditure-total\]" || { echo "the good file was not linted"; exit 1; }
for f in fifo.json dangling.json; do
	printf '%s\n' "$out" | grep -q "^$tmp/$f: error: cannot be read: .*\[input/read\]" || { echo "no located message for $f"; exit 1; }
done
printf '%s\n' "$out" | grep -q "^/dev/zero: error: cannot be read: not a regular file" || { echo "no message for /dev/zero"; exit 1; }

# every input that cannot be read at all has exactly one located error of the input family
unread=$(printf '%s\n' "$summary" | sed -n 's/.*; \([0-9]*\) unreadable.*/\1/p')
fatal=$(printf '%s\n' "$out" | grep -cE ': error: .*\[input/(read|empty|too-large|encoding|json)\]$')
[ "$unread" = "$fatal" ] || { echo "$unread unreadable in the summary but $fatal fatal input findings"; exit 1; }

# the same with 3 threads, byte for byte
out3=$(timeout 300 "$JXLINT" --lang en -j 3 "${all[@]}" 2>&1)
[ "$out3" = "$out" ] || { echo "-j 3 differs from -j 1"; diff <(echo "$out") <(echo "$out3") | head; exit 1; }

# JSON: the file count and the unreadable count agree with the text summary
json=$(timeout 300 "$JXLINT" --lang en -f json "${all[@]}" 2>/dev/null)
printf '%s\n' "$json" | grep -q "\"files\": $n," || { echo "JSON summary does not count $n files"; printf '%s\n' "$json" | tail -2; exit 1; }
printf '%s\n' "$json" | grep -q "\"unreadable\": $unread," || { echo "JSON unreadable count differs"; exit 1; }
exit 0
