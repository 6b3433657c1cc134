#!/usr/bin/env bash
# tests/run.sh — the one test runner: unit drivers, fixture cases, scripted cases. Adding a case is adding files.
#
#   fixtures/**/NAME.{json,txt,md,bin}   an input; NAME.args (optional) holds extra arguments
#   NAME.out        expected `jxlint --lang en [args] INPUT` stdout, then "exit: N"
#   NAME.zh.out     (optional) the same with --lang zh
#   NAME.out.json   (optional) the same with --format json
#   tests/*_test.c  table-driven unit drivers (built by make), each ending "N passed, N failed"
#   tests/cases/*.sh  scripted cases: exit 0 passes; they get $JXLINT and $ROOT
#
# UPDATE=1 rewrites expectations; a missing expectation is written and counts as failed.
# SUITES="units fixtures cases" (the default) picks what runs.
# JXLINT_BUILD=build-san runs everything against the sanitizer build.
set -u
export LC_ALL=C LANG=C
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
BUILD=${JXLINT_BUILD:-build}
export JXLINT="$ROOT/$BUILD/jxlint" ROOT BUILD
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=0:halt_on_error=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
pass=0
fail=0
failed_names=()

ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); failed_names+=("$1"); echo "FAIL: $1${2:+: $2}"; }

[ -x "$JXLINT" ] || { echo "no $JXLINT: run make first"; echo "0 passed, 1 failed"; exit 1; }

SUITES=${SUITES:-units fixtures cases}
want() { case " $SUITES " in *" $1 "*) return 0 ;; esac; return 1; }

# 1. unit drivers
want units && for t in "$BUILD"/tests/*_test; do
	[ -x "$t" ] || continue
	name=$(basename "$t")
	out=$("$t" 2>&1)   # each driver knows its own case directories
	rc=$?
	line=$(printf '%s\n' "$out" | grep -E '^[0-9]+ passed, [0-9]+ failed' | tail -1)
	if [ $rc -eq 0 ] && [ -n "$line" ]; then
		p=${line%% passed*}
		pass=$((pass + p))
	else
		printf '%s\n' "$out" | grep -v ' passed, ' | head -20
		p=${line%% passed*}; f=${line#*passed, }; f=${f%% failed*}
		pass=$((pass + ${p:-0}))
		fail=$((fail + ${f:-1}))
		[ -n "$line" ] || fail=$((fail + 1))
		failed_names+=("$name")
	fi
done

# 2. fixture cases
run_case() { # input expect-file args...
	local input=$1 expect=$2
	shift 2
	local args=()
	if [ -f "${input%.*}.args" ]; then
		read -r -a args < "${input%.*}.args"
	fi
	local actual
	actual=$("$JXLINT" "$@" "${args[@]}" "$input" 2>&1; echo "exit: $?")
	if [ "${UPDATE:-}" = 1 ] || [ ! -f "$expect" ]; then
		local existed=0
		[ -f "$expect" ] && existed=1
		printf '%s\n' "$actual" > "$expect"
		if [ $existed = 0 ] && [ "${UPDATE:-}" != 1 ]; then
			bad "$expect" "missing expectation written; review it"
			return
		fi
		ok
		return
	fi
	if [ "$actual" == "$(cat "$expect")" ]; then
		ok
	else
		bad "$expect"
		diff <(printf '%s\n' "$actual") "$expect" | head -20
	fi
}

want fixtures && while IFS= read -r input; do
	base=${input%.*}
	run_case "$input" "$base.out" --lang en
	[ -f "$base.zh.out" ] && run_case "$input" "$base.zh.out" --lang zh
	[ -f "$base.out.json" ] && run_case "$input" "$base.out.json" --lang en --format json
done < <(find fixtures -type f \( -name '*.json' -o -name '*.txt' -o -name '*.md' -o -name '*.bin' \) \
	! -name '*.out.json' ! -name '*.extract.json' ! -name 'NOTES.md' ! -name 'README.md' \
	! -path 'fixtures/config/*' | LC_ALL=C sort)

# 3. scripted cases
want cases && for s in tests/cases/*.sh; do
	[ -f "$s" ] || continue
	if out=$(bash "$s" 2>&1); then
		ok
	else
		bad "$s"
		printf '%s\n' "$out" | tail -15
	fi
done

echo "$pass passed, $fail failed"
[ $fail -eq 0 ]
