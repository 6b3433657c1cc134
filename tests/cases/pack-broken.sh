# A pack with any error is refused whole, with every error at the pack's file:line:col, before any file is
# linted (exit 2, nothing on stdout); `jxlint rules check` reports the same errors and exits 1.
# Each tests/packs/broken/NAME.json has NAME.err, the exact stderr of `jxlint --pack NAME.json`
# (a missing .err is written and fails, for review).
set -u
cd "$ROOT"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
printf '{"money_unit": "元", "expenditure": {"basic": 1, "project": 2, "total": 4}}\n' > "$tmp/s.json"
fail=0
for p in tests/packs/broken/*.json; do
	want=${p%.json}.err
	"$JXLINT" --lang en --pack "$p" "$tmp/s.json" >"$tmp/out" 2>"$tmp/err"
	rc=$?
	[ $rc -eq 2 ] || { echo "$p: exit $rc, want 2"; fail=1; }
	[ -s "$tmp/out" ] && { echo "$p: something was linted although the pack was refused:"; head -3 "$tmp/out"; fail=1; }
	if [ ! -f "$want" ]; then
		cp "$tmp/err" "$want"
		echo "$want: missing expectation written; review it"
		fail=1
	elif ! diff -u "$want" "$tmp/err"; then
		fail=1
	fi
	# the same errors from rules check, on stdout, as "file:line:col: error: message"
	"$JXLINT" rules check --lang en "$p" >"$tmp/check" 2>&1
	rc=$?
	[ $rc -eq 1 ] || { echo "$p: rules check exit $rc, want 1"; fail=1; }
	grep -v '^jxlint: refused' "$want" | sed 's/^jxlint: \(.*:[0-9]*:[0-9]*\): /\1: error: /; s/^jxlint: \([^:]*\.json\): /\1: error: /' > "$tmp/expect-check"
	grep -v ' checked (' "$tmp/check" | diff -u "$tmp/expect-check" - || { echo "$p: rules check reports differently"; fail=1; }
done
exit $fail
