# Inputs well under the size limit must not take time quadratic in their size: a 2 MB submission on one
# line (minified JSON, as exports often are) and one with 100 000 keys at the top level (each an
# input/unknown-key finding). Both take well under a second when linear; the timeout is 20 s.
# jxlint-test: once
set -u
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
# 1. one line, 1 000 000 values: jscan's column of each value must not be recounted from the line start
{ printf '{"money_unit": "元", "expenditure": {"basic": 1, "project": 2, "total": 4}, "x": [0'; head -c 999999 /dev/zero | sed 's/\x0/,0/g'; printf ']}\n'; } > "$tmp/oneline.json"
[ "$(wc -l < "$tmp/oneline.json")" = 1 ] || { echo "generator: not one line"; exit 1; }
out=$(timeout 20 "$JXLINT" --lang en "$tmp/oneline.json"); rc=$?
[ $rc -ne 124 ] || { echo "a 2 MB one-line file took over 20 s (quadratic column counting in jscan?)"; exit 1; }
[ $rc -eq 1 ] || { echo "one line: exit $rc, want 1"; exit 1; }
echo "$out" | grep -q 'oneline.json:1:72: error: .*\[funds/expenditure-total\]' || { echo "one line: finding not located: $out" | head -3; exit 1; }

# 2. 100 000 unknown keys in one object: each finding must not search the whole object again
{ printf '{"money_unit": "元"'; seq 1 100000 | awk '{ printf ",\n\"k%d\": 1", $1 }'; printf '}\n'; } > "$tmp/keys.json"
out=$(timeout 20 "$JXLINT" --lang en "$tmp/keys.json"); rc=$?
[ $rc -ne 124 ] || { echo "100 000 keys took over 20 s (a whole-object lookup per finding?)"; exit 1; }
[ $rc -eq 0 ] || { echo "keys: exit $rc, want 0"; exit 1; }
echo "$out" | tail -1 | grep -q '^1 file checked: 0 errors, 0 warnings, 100000 info' || { echo "keys: $(echo "$out" | tail -1)"; exit 1; }
exit 0
