# Inputs well under the size limit must not take time quadratic in their size: a 2 MB submission on one
# line (minified JSON, as exports often are), 100 000 keys at the top level (each an input/unknown-key
# finding), 60 000 indicator groups, 40 000 unused suppressions. Each takes about a second when linear;
# the timeout is 20 s. Every part runs; the case fails if any does.
# jxlint-test: once
set -u
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
failed=0
lint() { # what, want-exit, summary-prefix, file
	local out rc
	out=$(timeout 20 "$JXLINT" --lang en "$4"); rc=$?
	if [ $rc -eq 124 ]; then
		echo "$1: over 20 s"; failed=1; return
	fi
	[ $rc -eq "$2" ] || { echo "$1: exit $rc, want $2"; failed=1; }
	echo "$out" | tail -1 | grep -q "^$3" || { echo "$1: summary $(echo "$out" | tail -1)"; failed=1; }
	LAST=$out
}

# 1. one line, 1 000 000 values: jparse's column of each value must not be recounted from the line start
{ printf '{"money_unit": "元", "expenditure": {"basic": 1, "project": 2, "total": 4}, "x": [0'
  head -c 999999 /dev/zero | sed 's/\x0/,0/g'; printf ']}\n'; } > "$tmp/oneline.json"
[ "$(wc -l < "$tmp/oneline.json")" = 1 ] || { echo "generator: not one line"; exit 1; }
LAST=
lint "a 2 MB one-line file (column counting in jparse)" 1 "1 file checked: 1 error" "$tmp/oneline.json"
[ -z "$LAST" ] || echo "$LAST" | grep -q 'oneline.json:1:72: error: .*\[funds/expenditure-total\]' \
	|| { echo "one line: finding not located"; failed=1; }

# 2. 100 000 unknown keys in one object: each finding must not search the whole object again
{ printf '{"money_unit": "元"'; seq 1 100000 | awk '{ printf ",\n\"k%d\": 1", $1 }'; printf '}\n'; } > "$tmp/keys.json"
lint "100 000 keys (a whole-object lookup per finding: doc_disabled, source_of)" 0 \
	"1 file checked: 0 errors, 0 warnings, 100000 info" "$tmp/keys.json"

# 3. 60 000 indicators, each its own level-1 group, with a score tree: finding a row's group must not
# compare it with every row before it
{ printf '{"money_unit": "元", "form": "project", "scores": {"name": "总分", "items": [{"name": "g0", "score": 1}]},\n"indicators": [\n'
  seq 0 59999 | awk '{ printf "%s{\"level1\": \"g%d\", \"name\": \"i%d\", \"score\": 1}\n", (NR > 1 ? "," : ""), $1, $1 }'
  printf ']}\n'; } > "$tmp/groups.json"
lint "60 000 indicator groups (each row compared with every earlier one)" 0 "1 file checked: 0 errors" "$tmp/groups.json"

# 4. 40 000 suppressions that silence nothing: each input/unused-suppression finding must not be
# matched against every pattern again
{ printf '{"money_unit": "元", "$lint": {"disable": {\n'
  seq 1 40000 | awk '{ printf "%s\"x%d/*\": \"r\"\n", (NR > 1 ? "," : ""), $1 }'
  printf '}}}\n'; } > "$tmp/sup.json"
lint "40 000 unused suppressions (every finding matched against every pattern)" 0 \
	"1 file checked: 0 errors, 0 warnings, 40000 info" "$tmp/sup.json"
exit $failed
