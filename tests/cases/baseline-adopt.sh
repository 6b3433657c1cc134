# --write-baseline records today's findings by fingerprint (rule, file, pointer, figures — no
# jxlint-test: once
# line numbers); --baseline then reports only new ones: unrelated edits that move lines keep
# them known, a changed figure makes its finding new and the old entry "fixed".
set -eu
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail() { echo "baseline-adopt: $*"; exit 1; }
command -v jq >/dev/null || make -s -C "$ROOT" deps-test >&2
cd "$tmp"
mkdir subs
cp "$ROOT/examples/department-2023.json" "$ROOT/examples/project-2023.json" subs/
printf '{"money_unit": "元", "unit": "a", "unit": "b", "unit": "c"}\n' > subs/dup.json   # one fingerprint, twice

# 1. writing: exit 0 although there are errors; one valid, sorted, deterministic document
rc=0; "$JXLINT" --lang en --write-baseline base.json subs > out.txt 2> err.txt || rc=$?
[ "$rc" = 0 ] || fail "--write-baseline: exit $rc, want 0: $(cat err.txt)"
grep -q 'error:' out.txt || fail "--write-baseline did not report the findings as usual"
grep -q "recorded .* findings in the baseline base.json" err.txt || fail "no note of what was recorded: $(cat err.txt)"
jq -e '.jxlint_baseline == 1 and (.findings | length) > 3' base.json >/dev/null || fail "not a version-1 baseline"
jq -e 'all(.findings[]; (.fingerprint | test("^[0-9a-f]{16}$")) and .count >= 1 and (.rule | length) > 0
	and (.file | startswith("subs/")) and has("pointer") and (.message | length) > 0 and (has("line") | not))' base.json >/dev/null ||
	fail "an entry lacks a field, or has a line number"
jq -e '[.findings[] | [.file, .rule, .pointer, .fingerprint]] | . == sort' base.json >/dev/null || fail "entries not sorted"
jq -e '[.findings[] | select(.file == "subs/dup.json" and .rule == "input/duplicate-key")] | length == 1 and .[0].count == 2' \
	base.json >/dev/null || fail "identical fingerprints are not one entry with count 2"
total=$(jq '[.findings[].count] | add' base.json)
[ "$total" = "$("$JXLINT" --format json subs | jq '.findings | length')" ] || fail "the counts do not add up to the findings"
"$JXLINT" --lang en -j 4 --write-baseline base2.json ./subs/ >/dev/null 2>&1
cmp -s base.json base2.json || fail "the baseline differs with -j 4 and ./subs/"

# 2. nothing changed: nothing reported, exit 0, the summary of what was dropped on stderr
rc=0; "$JXLINT" --lang en --baseline base.json subs > out.txt 2> err.txt || rc=$?
[ "$rc" = 0 ] || fail "unchanged: exit $rc, want 0"
grep -q '^3 files checked: 0 errors, 0 warnings, 0 info' out.txt || fail "unchanged: findings reported: $(cat out.txt)"
grep -q "baseline base.json: $total known findings not shown; 0 fixed since" err.txt || fail "unchanged: summary: $(cat err.txt)"

# 3. unrelated edits: blank lines inserted, unrelated keys reordered → lines move, nothing new
before=$("$JXLINT" --lang en subs/project-2023.json | grep -o '^subs/project-2023.json:[0-9]*' | sort -u | tr '\n' ' ')
awk 'NR == 1 { print; print ""; print ""; next }
     /"unit":|"filed":/ { held = held $0 "\n"; next }
     /"money_unit":/ { print; printf "%s", held; next }
     { print }' subs/project-2023.json > x && mv x subs/project-2023.json
awk 'NR == 2 { print "" } { print }' subs/department-2023.json > x && mv x subs/department-2023.json
jq -e . subs/project-2023.json >/dev/null || fail "the edit broke the JSON"
after=$("$JXLINT" --lang en subs/project-2023.json | grep -o '^subs/project-2023.json:[0-9]*' | sort -u | tr '\n' ' ')
[ "$before" != "$after" ] || fail "the edit did not move the findings' lines ($before)"
rc=0; "$JXLINT" --lang en --baseline base.json subs > out.txt 2> err.txt || rc=$?
[ "$rc" = 0 ] || fail "after unrelated edits: exit $rc, want 0: $(cat out.txt)"
grep -q '^3 files checked: 0 errors, 0 warnings, 0 info' out.txt || fail "after unrelated edits: new findings: $(cat out.txt)"
grep -q "$total known findings not shown; 0 fixed" err.txt || fail "after unrelated edits: $(cat err.txt)"

# 4. a changed figure: its finding is new (exit 1), the old entry is fixed; the rest stay known
sed -i 's/"在线": "883路"/"在线": "882路"/' subs/project-2023.json
rc=0; "$JXLINT" --lang en --baseline base.json subs > out.txt 2> err.txt || rc=$?
[ "$rc" = 1 ] || fail "changed figure: exit $rc, want 1"
[ "$(grep -c '\[breakdown/sum\]' out.txt)" = 1 ] && grep -q 'computed 920' out.txt || fail "changed figure: the new finding is not reported: $(cat out.txt)"
grep -q '^3 files checked: 1 error, 0 warnings' out.txt || fail "changed figure: more than the one new finding: $(cat out.txt)"
grep -q 'subs/project-2023.json: fixed since the baseline: .*\[breakdown/sum\]' err.txt || fail "changed figure: the old entry is not fixed: $(cat err.txt)"
grep -q "$((total - 1)) known findings not shown; 1 fixed since" err.txt || fail "changed figure: summary: $(cat err.txt)"
"$JXLINT" --format json --baseline base.json subs 2>/dev/null | jq -e '.findings | length == 1' >/dev/null || fail "--format json with a baseline"

# 5. counts are consumed: a third identical finding is new; a file not linted has nothing "fixed"
printf '{"money_unit": "元", "unit": "a", "unit": "b", "unit": "c", "unit": "d"}\n' > subs/dup.json
rc=0; "$JXLINT" --lang en --baseline base.json subs/dup.json > out.txt 2> err.txt || rc=$?
[ "$(grep -c '\[input/duplicate-key\]' out.txt)" = 1 ] || fail "count: want one new duplicate-key: $(cat out.txt)"
grep -q "2 known findings not shown; 0 fixed since" err.txt || fail "count, or files not linted reported fixed: $(cat err.txt)"

# 6. a file that is not a baseline is a tool error
echo '{"findings": []}' > notbase.json
rc=0; "$JXLINT" --baseline notbase.json subs >/dev/null 2> err.txt || rc=$?
[ "$rc" = 2 ] && grep -q 'not a jxlint baseline' err.txt || fail "a non-baseline: exit $rc: $(cat err.txt)"
rc=0; "$JXLINT" --baseline missing.json subs >/dev/null 2>&1 || rc=$?
[ "$rc" = 2 ] || fail "a missing baseline: exit $rc, want 2"
echo "baseline-adopt: ok"
