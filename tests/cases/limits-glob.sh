# A repository's .jxlint.json is untrusted: its "ignore" patterns must be matched in time linear-ish in
# the pattern and path, not by exponential backtracking. Twelve stars against a 60-letter name take
# microseconds with a linear matcher; the timeout is 20 s. The patterns still mean what they say.
# jxlint-test: once
set -u
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
repo="$tmp/repo"
mkdir -p "$repo/sub"
a60=$(printf 'a%.0s' $(seq 60))
good='{"money_unit": "元", "expenditure": {"basic": 1, "project": 2, "total": 4}}'
printf '%s\n' "$good" > "$repo/sub/$a60.json"
printf '%s\n' "$good" > "$repo/sub/skip-me.json"
stars=$(printf '*a%.0s' $(seq 12))
printf '{"ignore": ["%s*b", "sub/**/skip-*.json", "**/%s*b/**"]}\n' "$stars" "$stars" > "$repo/.jxlint.json"
out=$(cd "$repo" && timeout 20 "$JXLINT" --lang en .); rc=$?
[ $rc -ne 124 ] || { echo "ignore patterns with 12 stars took over 20 s on a 60-letter name (exponential glob matching)"; exit 1; }
[ $rc -eq 1 ] || { echo "exit $rc, want 1"; echo "$out"; exit 1; }
echo "$out" | grep -q "$a60.json:1:.*\[funds/expenditure-total\]" || { echo "the file the patterns do not match was not linted: $out"; exit 1; }
echo "$out" | grep -q 'skip-me' && { echo "sub/**/skip-*.json did not ignore sub/skip-me.json"; exit 1; }
exit 0
