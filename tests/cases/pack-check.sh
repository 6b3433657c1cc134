# `jxlint rules check`: the shipped packs are clean (exit 0); a pack that loads but is wrong is caught —
# weights that do not add up, duplicate template items, examples that do not behave, redundant and
# contradictory rules, unused lets — with the exact report in tests/packs/check/NAME.out (exit 1).
set -u
cd "$ROOT"
out=$("$JXLINT" rules check 2>&1); rc=$?
[ $rc -eq 0 ] || { echo "shipped packs: exit $rc"; echo "$out"; exit 1; }
echo "$out" | tail -1 | grep -q '^5 packs checked (21 rules): 0 errors, 0 warnings$' || { echo "shipped packs: $out"; exit 1; }
"$JXLINT" rules check tests/packs/county-project.json | tail -1 | grep -q ': 0 errors, 0 warnings$' || { echo "county pack not clean"; exit 1; }
fail=0
for p in tests/packs/check/*.json; do
	want=${p%.json}.out
	got=$({ "$JXLINT" rules check --lang en "$p" 2>&1; echo "exit: $?"; })
	if [ ! -f "$want" ]; then
		printf '%s\n' "$got" > "$want"; echo "$want: written; review it"; fail=1
	elif [ "$got" != "$(cat "$want")" ]; then
		diff -u "$want" <(printf '%s\n' "$got"); fail=1
	fi
done
# --check-packs is the same command
"$JXLINT" --check-packs tests/packs/check/problems.json >/dev/null 2>&1; rc=$?
[ $rc -eq 1 ] || { echo "--check-packs: exit $rc, want 1"; fail=1; }
# usage: "rules" takes "check"
"$JXLINT" rules list >/dev/null 2>&1; rc=$?
[ $rc -eq 2 ] || { echo "jxlint rules list: exit $rc, want 2"; fail=1; }
exit $fail
