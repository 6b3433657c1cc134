# Never a false all-clear: whatever jxlint was asked to check but could not (an unreadable file, an
# unreadable figure, an unreadable claim, missing rule plugins, a sum past a plugin's limit) shows in
# the summary of every format, survives --quiet and --rule …=off, and an unreadable file always makes
# the exit code 2. Every check runs; the case fails if any does.
set -u
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
failed=0
fail() { echo "$*"; failed=1; }
good='{"money_unit": "元", "expenditure": {"basic": 1, "project": 2, "total": 3}}'
printf '%s\n' "$good" > "$tmp/good.json"
printf '{"money_unit": "元", "expenditure": {"basic": "1.2.3", "project": 2, "total": 3}}\n' > "$tmp/figure.json"
printf '{"money_unit": "元", "claims": [{"text": "(((1+1)=2"}]}\n' > "$tmp/claim.json"
: > "$tmp/empty.json"
printf '{"money_unit": "元",' > "$tmp/broken.json"

# 1. an unreadable file: exit 2 and "unreadable" in the summary, however the findings are filtered
for args in "" "--quiet" "--rule input/*=off" "--rule *=off" "--max-warnings 100"; do
	for bad in empty broken; do
		# shellcheck disable=SC2086
		out=$("$JXLINT" --lang en $args "$tmp/good.json" "$tmp/$bad.json" 2>&1); rc=$?
		[ $rc -eq 2 ] || fail "$bad.json with '$args': exit $rc, want 2"
		echo "$out" | tail -1 | grep -q '^2 files checked: .*; 1 unreadable$' || fail "$bad.json with '$args': summary $(echo "$out" | tail -1)"
	done
done
json=$("$JXLINT" -f json "$tmp/good.json" "$tmp/empty.json"); rc=$?
[ $rc -eq 2 ] && echo "$json" | grep -q '"files": 2, .*"unreadable": 1,' || fail "JSON: exit $rc, summary $(echo "$json" | tail -2)"
sarif=$("$JXLINT" -f sarif "$tmp/good.json" "$tmp/empty.json"); rc=$?
[ $rc -eq 2 ] && echo "$sarif" | grep -q '"executionSuccessful": false, "exitCode": 2' || fail "SARIF: exit $rc, invocation does not say it failed"

# 2. an unreadable figure: "1 item not checked", also when its finding is filtered or turned off
for args in "" "--quiet" "--rule input/figure=off" "--rule *=off"; do
	# shellcheck disable=SC2086
	out=$("$JXLINT" --lang en $args "$tmp/figure.json"); rc=$?
	echo "$out" | tail -1 | grep -q '; 1 item not checked$' || fail "figure with '$args': summary $(echo "$out" | tail -1)"
done
"$JXLINT" -f json "$tmp/figure.json" | grep -qE '"unchecked": 1[,}]' || fail "JSON summary does not count the figure not checked"
"$JXLINT" -f sarif "$tmp/figure.json" | grep -q '"unchecked": 1' || fail "SARIF properties do not count the figure not checked"

# 3. an unreadable claim is something not checked too: it must not vanish with --quiet
out=$("$JXLINT" --lang en "$tmp/claim.json")
echo "$out" | grep -q 'claim.json:1:.*\[claim/unreadable\]' || fail "no claim/unreadable finding: $out"
out=$("$JXLINT" --lang en --quiet "$tmp/claim.json")
echo "$out" | tail -1 | grep -qE 'not checked' \
	|| fail "--quiet hides that a claim was not checked (claim.c does not count it as unchecked): $(echo "$out" | tail -1)"

# 4. rule plugins: a missing or broken one stops the run (exit 2) before any file is called clean
"$JXLINT" --plugin "$tmp/none.so" "$tmp/good.json" >/dev/null 2>"$tmp/err"; rc=$?
[ $rc -eq 2 ] && grep -q "cannot load plugin $tmp/none.so" "$tmp/err" || fail "missing --plugin: exit $rc"
mkdir "$tmp/rules" "$tmp/empty-rules"
cp "$ROOT/$BUILD"/rules.d/*.so "$tmp/rules/"
echo 'not a shared object' > "$tmp/rules/zz-broken.so"
"$JXLINT" --rules-dir "$tmp/rules" "$tmp/good.json" >/dev/null 2>"$tmp/err"; rc=$?
[ $rc -eq 2 ] && grep -q "zz-broken.so" "$tmp/err" || fail "a broken plugin in the rules directory: exit $rc"
"$JXLINT" --rules-dir "$tmp/nowhere" "$tmp/good.json" >/dev/null 2>&1; rc=$?
[ $rc -eq 2 ] || fail "a missing rules directory: exit $rc, want 2"
printf '{"money_unit": "元", "expenditure": {"basic": 1, "project": 2, "total": 4}}\n' > "$tmp/bad.json"
out=$("$JXLINT" --lang en --rules-dir "$tmp/empty-rules" "$tmp/bad.json" 2>&1); rc=$?
[ $rc -eq 2 ] && echo "$out" | grep -q 'no rule plugins' && ! echo "$out" | grep -q 'runtime error' \
	|| fail "an empty rules directory: exit $rc, want 2 with 'no rule plugins' (and no sanitizer report): $out"

# 5. a sum a rule plugin will not check (more parts than its limit) is wrong in each of these fixtures:
# past the limit it must still be reported, or counted as not checked, never an all-clear
for f in breakdown-parts score-items indicator-group; do
	for where in at past; do
		out=$("$JXLINT" --lang en "$ROOT/fixtures/input/$f-$where-limit.json"); rc=$?
		summary=$(echo "$out" | tail -1)
		[ $rc -ne 0 ] || echo "$summary" | grep -q 'not checked' \
			|| fail "$f-$where-limit.json: the sum does not hold, yet exit 0 and '$summary' (a false all-clear)"
	done
done

# 6. a stated rate whose inputs are missing cannot be recomputed: docs/submission.md promises an info
# ("says so when one of a pair is missing"), so it is reported or counted, never silently passed
out=$("$JXLINT" --lang en "$ROOT/fixtures/input/rate-without-its-figures.json"); rc=$?
echo "$out" | grep -q '^[^ ]*rate-without-its-figures.json:[0-9]' || echo "$out" | tail -1 | grep -q 'not checked' \
	|| fail "rate-without-its-figures.json: the stated execution rate was not checked and nothing says so: $(echo "$out" | tail -1)"
exit $failed
