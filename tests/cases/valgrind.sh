# valgrind memcheck over the normal build: no invalid read or write, no use of uninitialised memory, no
# definite or indirect leak. By default (make check) a representative subset that takes seconds: every
# fixture, seed, example and text report in a few whole runs (text en/zh, JSON, SARIF, -j 2, extract,
# the unit drivers). VALGRIND_FULL=1 (make check-valgrind) runs every fixture on its own, as
# tests/run.sh does, with its .args and in each format it has an expectation for.
# jxlint-test: once
set -u
command -v valgrind >/dev/null 2>&1 || { echo "no valgrind: skipped (make deps installs it)"; exit 0; }
case "$BUILD" in *san*) echo "sanitizer build: valgrind does not run ASan binaries; skipped"; exit 0 ;; esac
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export JXLINT_NO_DLCLOSE=1   # keep plugin symbols for readable stacks
vg=(valgrind -q --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite,indirect
    --show-leak-kinds=definite,indirect --log-file="$tmp/vg.%p")
[ "${VALGRIND_FULL:-}" = 1 ] && vg+=(--track-origins=yes)
failed=0
n=0
run() { # what, then the command
	local what=$1; shift
	n=$((n + 1))
	rm -f "$tmp"/vg.*
	local t0=$SECONDS
	"${vg[@]}" "$@" >/dev/null 2>"$tmp/stderr"
	local rc=$?
	[ -n "${VALGRIND_TIMES:-}" ] && echo "$((SECONDS - t0))s $what"
	if [ $rc -eq 99 ] || [ $rc -ge 128 ] || grep -qs . "$tmp"/vg.*; then
		echo "memcheck: $what (exit $rc)"
		cat "$tmp"/vg.* 2>/dev/null | head -40
		failed=$((failed + 1))
	fi
}

cd "$ROOT"
mapfile -t inputs < <(find fixtures -type f \( -name '*.json' -o -name '*.txt' -o -name '*.md' -o -name '*.bin' \) \
	! -name '*.out.json' ! -name '*.extract.json' ! -name 'NOTES.md' ! -name 'README.md' ! -path '*/text/*' \
	! -path 'fixtures/config/*' | LC_ALL=C sort)

if [ "${VALGRIND_FULL:-}" = 1 ]; then
	for f in "${inputs[@]}"; do
		base=${f%.*}
		args=()
		[ -f "$base.args" ] && read -r -a args < "$base.args"
		run "$f" "$JXLINT" --lang en "${args[@]}" "$f"
		[ -f "$base.zh.out" ] && run "$f (zh)" "$JXLINT" --lang zh "${args[@]}" "$f"
		[ -f "$base.out.json" ] && run "$f (json)" "$JXLINT" --lang en --format json "${args[@]}" "$f"
	done
	for f in fixtures/text/*.txt; do
		run "extract $f" "$JXLINT" extract "$f"
	done
else
	all=("${inputs[@]}" fixtures/text/*.txt examples)
	run "all fixtures, text, en" "$JXLINT" --lang en -j 1 "${all[@]}"
	run "all fixtures, text, zh" "$JXLINT" --lang zh -j 1 "${all[@]}"
	run "all fixtures, json" "$JXLINT" --format json -j 1 "${all[@]}"
	run "all fixtures, sarif, -j 2" "$JXLINT" --format sarif -j 2 "${all[@]}"
	run "all fixtures, quiet" "$JXLINT" --quiet -j 1 "${all[@]}"
	run "extract" "$JXLINT" extract fixtures/text/000.txt
	run "list rules" "$JXLINT" --list-rules
	run "a missing plugin" "$JXLINT" --plugin "$tmp/none.so" examples
	run "special files" "$JXLINT" /dev/zero "$tmp/missing.json" fixtures/input
fi
# the unit drivers (the subset leaves out extract_test: 30 s under valgrind, and the text reports above
# already run the extractor)
for t in "$BUILD"/tests/*_test; do
	[ -x "$t" ] || continue
	name=$(basename "$t")
	[ "${VALGRIND_FULL:-}" != 1 ] && [ "$name" = extract_test ] && continue
	run "$name" "$t" "tests/${name%_test}"
done
echo "valgrind: $n runs, $failed with memcheck errors"
[ $failed -eq 0 ]
