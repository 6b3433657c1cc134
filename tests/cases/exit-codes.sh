# Exit codes: 0 clean, 1 errors or too many warnings, 2 usage errors and unreadable inputs.
set -u
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
expect() { # want-code args...
	local want=$1; shift
	"$JXLINT" "$@" >/dev/null 2>&1
	local rc=$?
	[ $rc -eq "$want" ] || { echo "jxlint $*: exit $rc, want $want"; exit 1; }
}
printf '{"money_unit": "元", "expenditure": {"basic": 1, "project": 2, "total": 3}}\n' > "$tmp/clean.json"
printf '{"money_unit": "元", "staffing": [{"category": "行政编制", "quota": 5, "actual": 6}]}\n' > "$tmp/warn.json"
printf '{"money_unit": "元", "expenditure": {"basic": 1, "project": 2, "total": 4}}\n' > "$tmp/error.json"
expect 0 "$tmp/clean.json"
expect 0 "$tmp/warn.json"
expect 1 --max-warnings 0 "$tmp/warn.json"
expect 0 --max-warnings 1 "$tmp/warn.json"
expect 1 "$tmp/error.json"
expect 0 --rule funds/expenditure-total=warning "$tmp/error.json"
expect 0 --rule 'funds/*=off' "$tmp/error.json"
expect 2 "$tmp/does-not-exist.json"
expect 2 "$tmp/clean.json" "$tmp/does-not-exist.json"
expect 2 --format xml "$tmp/clean.json"
expect 2 --rule funds/expenditure-total=loud "$tmp/clean.json"
expect 2 --bogus "$tmp/clean.json"
expect 2
expect 0 --help
expect 0 --list-rules
mkfifo "$tmp/fifo.json"
expect 2 "$tmp/fifo.json"
: > "$tmp/empty.json"
expect 2 "$tmp/empty.json"
