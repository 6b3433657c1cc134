# rates.c looks up its members as the host's get() does: a name longer than "carryover" by 65536 bytes, with
# the same first bytes and last byte (so the same key tag), is not "carryover" (doc_get was fixed for this in
# 71edbdc; rates.c's own member walk still took it). A stated "carryover" of the same value is checked.
set -u
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
doc() { # key -> a submission whose rates.<key> is 99% (4484 / 27000 = 16.61%)
	printf '{"money_unit": "元", "budget": {"adjusted": 27000}, "balance": {"total": 4484}, "rates": {"%s": "99%%"}}\n' "$1"
}
doc carryover > "$tmp/plain.json"
doc "carryover$(head -c 65535 /dev/zero | tr '\0' x)r" > "$tmp/long.json"
out=$("$JXLINT" --lang en "$tmp/plain.json")
echo "$out" | grep -q '\[rates/carryover\]' || { echo "plain key: no rates/carryover finding"; echo "$out" | head -3; exit 1; }
out=$("$JXLINT" --lang en "$tmp/long.json")
if echo "$out" | grep -q '\[rates/carryover\]'; then
	echo "a name 65536 bytes longer than carryover was read as carryover"
	exit 1
fi
# The same for the sections, which rates.c finds in one walk over the root's members: a "rates" or a
# "balance" 65536 bytes longer is not that section.
printf '{"money_unit": "元", "budget": {"adjusted": 27000}, "balance": {"total": 4484}, "%s": {"carryover": "99%%"}}\n' \
	"rates$(head -c 65535 /dev/zero | tr '\0' x)s" > "$tmp/long-rates.json"
printf '{"money_unit": "元", "budget": {"adjusted": 27000}, "%s": {"total": 4484}, "rates": {"carryover": "99%%"}}\n' \
	"balance$(head -c 65535 /dev/zero | tr '\0' x)e" > "$tmp/long-balance.json"
for f in long-rates long-balance; do
	out=$("$JXLINT" --lang en "$tmp/$f.json")
	if echo "$out" | grep -q '\[rates/carryover\]'; then
		echo "$f: a section name 65536 bytes longer was read as the section"
		exit 1
	fi
done
exit 0
