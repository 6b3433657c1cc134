# Staffing tables are read once per row into a fixed table by staffing.c (up to 256 rows) and by rates.c
# (up to 64 rows) and read again row by row past that: both ways must give the same findings. Each table
# has n rows of quota 2 and actual 1, then a 合计 row with a quota only (stated right or wrong; were it
# taken for a row, the rate could not be computed), and a stated staff control rate of 50% or 60% (the
# rows make 50%). n = 63 and 64 put rates.c on either
# side of its limit, 255 and 256 staffing.c; past 256 rows to add, staffing/total is not checked.
set -u
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
doc() { # rows, the total row's quota, the stated rate -> a submission
	local n=$1 q=$2 rate=$3 i rows=""
	for ((i = 0; i < n; i++)); do rows="$rows{\"category\": \"c$i\", \"quota\": 2, \"actual\": 1}, "; done
	printf '{"form": "department", "money_unit": "元", "staffing": [%s{"category": "合计", "quota": %s}],' "$rows" "$q"
	printf ' "rates": {"staff_control": "%s"}}\n' "$rate"
}
fail=0
for n in 62 63 64 255 256 257; do
	doc "$n" $((2 * n)) "50%" > "$tmp/ok.json"
	doc "$n" $((2 * n + 1)) "60%" > "$tmp/bad.json"
	ok=$("$JXLINT" --lang en "$tmp/ok.json" | grep -c '\[\(staffing/total\|rates/staff-control\)\]')
	bad=$("$JXLINT" --lang en "$tmp/bad.json" | grep -o '\[\(staffing/total\|rates/staff-control\)\]' | sort | tr '\n' ' ')
	want='[rates/staff-control] [staffing/total] '
	[ "$n" -le 256 ] || want='[rates/staff-control] '
	[ "$ok" = 0 ] || { echo "$n rows: findings on a table that adds up"; fail=1; }
	[ "$bad" = "$want" ] || { echo "$n rows: want \"$want\", got \"$bad\""; fail=1; }
done
exit $fail
