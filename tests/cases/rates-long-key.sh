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
exit 0
