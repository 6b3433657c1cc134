#!/usr/bin/env bash
# fuzz/run.sh — run one libFuzzer target for N seconds with its dictionary and seeds; print its final stats.
#
#   bash fuzz/run.sh build-fuzz/fuzz_num 60     fuzz for 60 s (0: only replay the seeds and past finds)
#
# New inputs go to build-fuzz/corpus/NAME (kept between runs, never committed);
# a crash is written to build-fuzz/artifacts/NAME/ and the script exits 1.
# Committed seeds (fuzz/corpus/NAME/) are read, never written.
set -u
bin=$1
secs=${2:-60}
root=$(cd "$(dirname "$0")/.." && pwd)
name=$(basename "$bin")
short=${name#fuzz_}
work=$(dirname "$bin")
mkdir -p "$work/corpus/$short" "$work/artifacts/$short" "$work/logs"
log="$work/logs/$short.log"
args=(-print_final_stats=1 -timeout=10 -rss_limit_mb=2048 -malloc_limit_mb=2048
      -artifact_prefix="$work/artifacts/$short/")
[ -f "$root/fuzz/dict/$short.dict" ] && args+=(-dict="$root/fuzz/dict/$short.dict")
if [ "$secs" = 0 ]; then
	args+=(-runs=0)
else
	args+=(-max_total_time="$secs")
fi
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:allocator_may_return_null=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
"$bin" "${args[@]}" "$work/corpus/$short" "$root/fuzz/corpus/$short" > "$log" 2>&1
rc=$?
execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
last=$(grep -aE '^#[0-9]+' "$log" | tail -1)
cov=$(printf '%s\n' "$last" | sed -n 's/.*cov: \([0-9]*\).*/\1/p')
ft=$(printf '%s\n' "$last" | sed -n 's/.*ft: \([0-9]*\).*/\1/p')
corp=$(printf '%s\n' "$last" | sed -n 's/.*corp: \([0-9]*\/[0-9a-zA-Z]*\).*/\1/p')
printf 'fuzz %-12s %4ss  execs %-9s cov %-6s ft %-6s corpus %s\n' "$short" "$secs" "${execs:-?}" "${cov:-?}" "${ft:-?}" "${corp:-?}"
if [ $rc -ne 0 ]; then
	echo "fuzz $short: FAILED (exit $rc); see $log and $work/artifacts/$short/"
	grep -aE '^(==[0-9]+==ERROR|SUMMARY)|runtime error|invariant broken' "$log" | head -5
	exit 1
fi
