# Configuration, case by case: fixtures/config/cases/NAME.args holds the arguments of one run from
# fixtures/config (a repository with nested .jxlint.json files, --config, --no-config, refused
# configurations, --print-config); NAME.out is its expected stdout and stderr, then "exit: N".
# A missing .out is written and fails, for review.
set -u
cd "$ROOT/fixtures/config"
fail=0
for a in cases/*.args; do
	want=${a%.args}.out
	read -r -a args < "$a"
	got=$({ "$JXLINT" --lang en "${args[@]}" 2>&1; echo "exit: $?"; })
	if [ ! -f "$want" ]; then
		printf '%s\n' "$got" > "$want"; echo "$want: written; review it"; fail=1
	elif [ "$got" != "$(cat "$want")" ]; then
		echo "FAIL $a"; diff -u "$want" <(printf '%s\n' "$got") | head -20; fail=1
	fi
done
exit $fail
