#!/usr/bin/env bash
# tests/run.sh — the one test runner: unit drivers, fixture cases, scripted cases, fuzz replay. Adding a case is adding files.
#
#   fixtures/**/NAME.{json,txt,md,bin}   an input; NAME.args (optional) holds extra arguments
#   NAME.out        expected `jxlint --lang en [args] INPUT` stdout, then "exit: N"
#   NAME.zh.out     (optional) the same with --lang zh
#   NAME.out.json   (optional) the same with --format json
#   tests/*_test.c  table-driven unit drivers (built by make), each ending "N passed, N failed"
#   tests/cases/*.sh  scripted cases: exit 0 passes; they get $JXLINT, $ROOT and $BUILD.
#                   A case with the line "# jxlint-test: once" runs with the first build only.
#   FUZZ_SECONDS=N  also run every built fuzz target (build-fuzz/fuzz_*) N seconds (0: replay seeds)
#
# UPDATE=1 rewrites expectations; a missing expectation is written and counts as failed.
# SUITES="units fixtures cases" (the default) picks what runs.
# JXLINT_BUILDS="build build-san" runs the suites against each build in turn
# (JXLINT_BUILD=X is the same as JXLINT_BUILDS=X). One closing line counts everything.
set -u
export LC_ALL=C LANG=C
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
BUILDS=${JXLINT_BUILDS:-${JXLINT_BUILD:-build}}
export ROOT
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=0:halt_on_error=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
SUITES=${SUITES:-units fixtures cases}
pass=0
fail=0

ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL [$BUILD] $1${2:+: $2}"; }
want() { case " $SUITES " in *" $1 "*) return 0 ;; esac; return 1; }

run_units() {
	for t in "$BUILD"/tests/*_test; do
		[ -x "$t" ] || continue
		local name out rc line p f
		name=$(basename "$t")
		out=$("$t" 2>&1)   # each driver knows its own case directories
		rc=$?
		line=$(printf '%s\n' "$out" | grep -E '^[0-9]+ passed, [0-9]+ failed' | tail -1)
		p=${line%% passed*}
		f=${line#*passed, }
		f=${f%% failed*}
		pass=$((pass + ${p:-0}))
		if [ $rc -ne 0 ] || [ -z "$line" ]; then
			printf '%s\n' "$out" | grep -v ' passed, ' | head -20
			fail=$((fail + ${f:-0}))
			[ -n "$line" ] && [ "${f:-0}" != 0 ] || fail=$((fail + 1))
			echo "FAIL [$BUILD] $name"
		fi
	done
}

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

run_fixtures() {
	local input base
	while IFS= read -r input; do
		base=${input%.*}
		run_case "$input" "$base.out" --lang en
		[ -f "$base.zh.out" ] && run_case "$input" "$base.zh.out" --lang zh
		[ -f "$base.out.json" ] && run_case "$input" "$base.out.json" --lang en --format json
	done < <(find fixtures -type f \( -name '*.json' -o -name '*.txt' -o -name '*.md' -o -name '*.bin' \) \
		! -name '*.out.json' ! -name '*.extract.json' ! -name 'NOTES.md' ! -name 'README.md' \
		! -path 'fixtures/config/*' | LC_ALL=C sort)
}

run_cases() { # first-build?
	local s out
	for s in tests/cases/*.sh; do
		[ -f "$s" ] || continue
		if [ "$1" != 1 ] && grep -qx '# jxlint-test: once' "$s"; then
			continue
		fi
		if out=$(bash "$s" 2>&1); then
			ok
		else
			bad "$s"
			printf '%s\n' "$out" | tail -15
		fi
	done
}

first=1
for BUILD in $BUILDS; do
	export BUILD JXLINT="$ROOT/$BUILD/jxlint"
	if [ ! -x "$JXLINT" ]; then
		bad "$JXLINT" "not built: run make first"
		continue
	fi
	want units && run_units
	want fixtures && run_fixtures
	want cases && run_cases $first
	first=0
done

if [ -n "${FUZZ_SECONDS:-}" ]; then
	BUILD=build-fuzz
	for t in build-fuzz/fuzz_*; do
		[ -x "$t" ] || continue
		if out=$(bash fuzz/run.sh "$t" "$FUZZ_SECONDS" 2>&1); then
			ok
		else
			bad "$t"
			printf '%s\n' "$out" | tail -15
		fi
	done
fi

echo "$pass passed, $fail failed"
[ $fail -eq 0 ]
