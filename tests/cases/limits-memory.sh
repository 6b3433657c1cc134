# Memory stays bounded: a 12 MB submission of 4 million tiny values (far below the 64 MiB size limit)
# with 1 GiB of address space must be linted or refused with a located message, never abort, and the
# file after it must still be linted. (Sanitizer builds reserve terabytes of address space: skipped.)
# jxlint-test: once
set -u
case "$BUILD" in *san*) echo "sanitizer build: address-space limit not applicable, skipped"; exit 0 ;; esac
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
{ printf '{"money_unit": "元", "x": [0'; head -c 4000000 /dev/zero | sed 's/\x0/,0\n/g'; printf ']}\n'; } > "$tmp/many.json"
printf '{"money_unit": "元", "expenditure": {"basic": 1, "project": 2, "total": 4}}\n' > "$tmp/next.json"
out=$(ulimit -v 1048576; timeout 120 "$JXLINT" --lang en -j 1 "$tmp/many.json" "$tmp/next.json" 2>&1); rc=$?
[ $rc -lt 128 ] && [ $rc -ne 124 ] || { echo "killed or aborted (exit $rc) on 4 million values in 1 GiB:"; echo "$out" | tail -3; exit 1; }
echo "$out" | grep -q "next.json:1:.*\[funds/expenditure-total\]" || { echo "the next file was not linted:"; echo "$out" | tail -3; exit 1; }
echo "$out" | tail -1 | grep -q '^2 files checked' || { echo "summary: $(echo "$out" | tail -1)"; exit 1; }
if echo "$out" | grep -qE "^$tmp/many.json[:0-9]*: error"; then
	echo "$out" | grep -E "^$tmp/many.json[:0-9]*: error" | grep -q '\[input/' || { echo "refused without an input/ rule: $out"; exit 1; }
	[ $rc -eq 2 ] || { echo "refused but exit $rc"; exit 1; }
fi
exit 0
