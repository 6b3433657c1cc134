#!/usr/bin/env bash
# bench/run.sh — jxlint's benchmark (docs/performance.md).
#
#   bash bench/run.sh [N]         N generated submissions (default $BENCH_FILES, else 2000)
#   make bench BENCH_FILES=N      the same, after building
#
# On one generated set (bench/gen.py, seed $BENCH_SEED) and in one run it reports:
#   - files/s and MB/s of `jxlint -j1` and `jxlint -jN` (N = nproc), of the
#     parse-only floor (`jxlint --parse-only`: read, decode, the one-pass
#     parse into the document; no rules) and of the jq version (bench/core.jq, one jq process
#     for all files); wall time and CPU time (user+sys), each the best of
#     $BENCH_REPEAT runs (other load on a shared machine only ever adds time);
#   - where one -j1 run's wall time goes, part by part (`jxlint --timing`:
#     reading, decoding, parsing, the schema, each plugin, each pack rule);
#   - the single-file latency (fixtures/seeds/002.json, plugins included):
#     median of 50 runs with hyperfine if installed, else a date +%s%N loop;
#     beside it the same for /bin/true, the cost of starting any process here;
#   - peak memory (max RSS, /usr/bin/time -v) of -j1 and -jN over 1×, 4× and
#     16× the file count (hard links of the same set), which must not grow;
#   - instruction counts (callgrind; `perf stat -e instructions` when the CPU
#     exposes it) of -j1 against the floor and jq on the first $BENCH_CG_FILES
#     files, and of the single file: wall time on a shared machine is noisy.
#
# Environment: JXLINT (binary, default ./jxlint), BENCH_LABEL (what build it is, for the
# table; default the git commit), BENCH_SEED (1), BENCH_REPEAT (5),
# BENCH_JOBS (nproc), BENCH_DIR (bench/out), BENCH_MEM ("1 4 16"; "" to skip),
# BENCH_CG_FILES (200; 0 to skip), BENCH_SINGLE (fixtures/seeds/002.json).
# Writes the table to stdout and to $BENCH_DIR/results-N.txt.
set -euo pipefail
export LC_ALL=C

ROOT=$(cd "$(dirname "$0")/.." && pwd)
N=${1:-${BENCH_FILES:-2000}}
JX=${JXLINT:-$ROOT/jxlint}
SEED=${BENCH_SEED:-1}
REPEAT=${BENCH_REPEAT:-5}
JOBS=${BENCH_JOBS:-$(nproc)}
OUT=${BENCH_DIR:-$ROOT/bench/out}
MEM_MULTS=${BENCH_MEM-1 4 16}
CG_FILES=${BENCH_CG_FILES:-200}
SINGLE=${BENCH_SINGLE:-$ROOT/fixtures/seeds/002.json}
CORE_JQ=$ROOT/bench/core.jq
SET=$OUT/set-$N-s$SEED
RES=$OUT/results-$N.txt
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT

die() { echo "bench: $*" >&2; exit 2; }
[[ $N =~ ^[1-9][0-9]*$ ]] || die "the file count must be a positive number, not '$N'"
[ -x "$JX" ] || die "no jxlint at $JX (run make, or set JXLINT)"
command -v jq >/dev/null || die "jq is missing (make bench-deps)"
"$JX" --help | grep -q -- --parse-only || die "$JX has no --parse-only"
TIMEV=/usr/bin/time
[ -x $TIMEV ] || TIMEV=""
mkdir -p "$OUT"

# ---- the set ----------------------------------------------------------------------
if [ ! -f "$SET/MANIFEST.tsv" ] || [ "$(($(wc -l < "$SET/MANIFEST.tsv") - 1))" != "$N" ]; then
	rm -rf "$SET"
	echo "bench: generating $N submissions into $SET (seed $SEED)" >&2
	python3 "$ROOT/bench/gen.py" --count "$N" --out "$SET" --seed "$SEED"
fi
read -r BYTES MINB MAXB BAD < <(awk -F'\t' 'NR > 1 { b += $3; if (min == "" || $3 < min) min = $3; if ($3 > max) max = $3; bad += $4 != "-" }
	END { print b, min, max, bad }' "$SET/MANIFEST.tsv")
MB=$(awk -v b="$BYTES" 'BEGIN { printf "%.1f", b / 1e6 }')
cat "$SET"/*.json > /dev/null   # warm the page cache: we measure linting, not the disk

# ---- timing helpers -----------------------------------------------------------------
# run_timed OUTFILE CMD...: one run; prints "wall_s cpu_s maxrss_kb rc"
run_timed() {
	local out=$1 t0 t1 rc=0
	shift
	if [ -n "$TIMEV" ]; then
		t0=$(date +%s%N)
		$TIMEV -f '%U %S %M' -o "$TMP/time" "$@" > "$out" 2> "$TMP/err" || rc=$?
		t1=$(date +%s%N)
		read -r u s m < <(tail -1 "$TMP/time")
		awk -v w=$((t1 - t0)) -v u="$u" -v s="$s" -v m="$m" -v rc=$rc 'BEGIN { printf "%.4f %.2f %d %d\n", w / 1e9, u + s, m, rc }'
	else
		t0=$(date +%s%N)
		"$@" > "$out" 2> "$TMP/err" || rc=$?
		t1=$(date +%s%N)
		awk -v w=$((t1 - t0)) -v rc=$rc 'BEGIN { printf "%.4f nan 0 %d\n", w / 1e9, rc }'
	fi
}

median() { sort -g | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else printf "%.4f\n", (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
best() { sort -g | head -1; }

# measure KEY MAXRC CMD...: REPEAT runs; sets W[KEY] (best wall), C[KEY] (best cpu)
declare -A W C
measure() {
	local key=$1 maxrc=$2 i line
	shift 2
	: > "$TMP/w"; : > "$TMP/c"
	for ((i = 0; i < REPEAT; i++)); do
		line=$(run_timed "$TMP/out.$key" "$@")
		read -r w c m rc <<< "$line"
		if [ "$rc" -gt "$maxrc" ]; then
			cat "$TMP/err" >&2
			die "$key: exit code $rc: $*"
		fi
		echo "$w" >> "$TMP/w"
		echo "$c" >> "$TMP/c"
	done
	W[$key]=$(best < "$TMP/w")
	C[$key]=$(best < "$TMP/c")
	echo "bench: $key: wall $(paste -sd' ' "$TMP/w") s; cpu $(paste -sd' ' "$TMP/c") s" >&2
}

# ---- throughput ---------------------------------------------------------------------
LOAD=$(cut -d' ' -f1-3 /proc/loadavg)
cd "$SET"
FILES=(*.json)
measure floor1 0 "$JX" --parse-only -j1 .
measure lint1 1 "$JX" -j1 .
measure lintN 1 "$JX" -j"$JOBS" .
measure floorN 0 "$JX" --parse-only -j"$JOBS" .
if [ "$(printf '%s ' "${FILES[@]}" | wc -c)" -lt 1500000 ]; then
	measure jq 0 jq -c -f "$CORE_JQ" "${FILES[@]}"
else   # over the argument limit: xargs makes as few jq processes as it can
	measure jq 0 sh -c 'ls | grep "\.json$" | xargs jq -c -f "$0"' "$CORE_JQ"
fi
# where the time of one -j1 run goes, part by part (--timing: wall time, one more run)
TIMING=""
if "$JX" --help | grep -q -- --timing; then
	rc=0
	"$JX" --timing -j1 . > /dev/null 2> "$TMP/timing" || rc=$?
	TIMING=1
	if [ $rc -gt 1 ] || ! grep -q '^jxlint timing:' "$TMP/timing"; then
		echo "bench: jxlint --timing gave no table (exit code $rc, $(wc -c < "$TMP/timing") bytes on stderr)" >&2
		echo "(no table: jxlint --timing -j1 exited $rc with $(wc -c < "$TMP/timing") bytes on stderr)" > "$TMP/timing.note"
	fi
fi
JX_ERR_FILES=$(sed -n 's/.* \([0-9]*\) files\{0,1\} with errors.*/\1/p' "$TMP/out.lint1" | tail -1)
JQ_FLAGGED=$(grep -vc '"findings":\[\]' "$TMP/out.jq" || true)
cd "$ROOT"

# ---- single file --------------------------------------------------------------------
SINGLE_BYTES=$(wc -c < "$SINGLE")
single_median() {   # CMD... → median wall ms of 50 runs
	if command -v hyperfine >/dev/null; then
		hyperfine -N --warmup 5 --runs 50 -i --export-json "$TMP/hf.json" "$*" > /dev/null 2>&1
		jq '.results[0].median * 1000' "$TMP/hf.json"
	else
		local i t0 t1
		for ((i = 0; i < 55; i++)); do
			t0=$(date +%s%N)
			"$@" > /dev/null 2>&1 || true
			t1=$(date +%s%N)
			[ $i -ge 5 ] && echo $(((t1 - t0) / 1000))
		done | median | awk '{ printf "%.2f\n", $1 / 1000 }'
	fi
}
S_LINT=$(single_median "$JX" "$SINGLE")
S_PARSE=$(single_median "$JX" --parse-only "$SINGLE")
S_TRUE=$(single_median /bin/true)
S_TOOL=$(command -v hyperfine >/dev/null && echo "hyperfine -N, median of 50" || echo "date +%s%N loop, median of 50")

# ---- peak memory --------------------------------------------------------------------
MEMROWS=""
if [ -n "$MEM_MULTS" ] && [ -n "$TIMEV" ]; then
	for m in $MEM_MULTS; do
		dir=$SET
		if [ "$m" != 1 ]; then
			dir=$OUT/mem-$N-s$SEED-x$m
			if [ ! -d "$dir" ] || [ "$(find "$dir" -name '*.json' | wc -l)" != $((N * m)) ]; then
				rm -rf "$dir"
				mkdir -p "$dir"
				for ((k = 0; k < m; k++)); do cp -al "$SET" "$dir/r$k"; done
			fi
		fi
		for j in 1 "$JOBS"; do
			rc=0
			$TIMEV -v "$JX" -j"$j" "$dir" > /dev/null 2> "$TMP/tv" || rc=$?
			[ $rc -le 1 ] || die "memory run failed ($rc)"
			rss=$(sed -n 's/.*Maximum resident set size (kbytes): //p' "$TMP/tv")
			MEMROWS+="$m $((N * m)) $j $rss"$'\n'
			echo "bench: memory ${m}x -j$j: $rss KB" >&2
		done
	done
fi

# ---- instructions --------------------------------------------------------------------
PERF_INSN=""
if command -v perf >/dev/null && perf stat -x, -e instructions true 2>&1 >/dev/null | grep -q '^[0-9]'; then
	insn() { { perf stat -x, -e instructions "$@" 2>&1 >/dev/null || true; } | awk -F, '/instructions/ { print $1 }'; }
	PERF_INSN="$(insn "$JX" --parse-only -j1 "$SET") $(insn "$JX" -j1 "$SET")"
fi
CG=""
if [ "$CG_FILES" -gt 0 ] && command -v valgrind >/dev/null; then
	cgdir=$OUT/cg-$N-s$SEED-$CG_FILES
	if [ ! -d "$cgdir" ]; then
		mkdir -p "$cgdir"
		for f in "${FILES[@]:0:$CG_FILES}"; do ln "$SET/$f" "$cgdir/$f"; done
	fi
	ir() {   # CMD... → instructions (callgrind Ir)
		{ valgrind --tool=callgrind --callgrind-out-file=/dev/null "$@" 2>&1 >/dev/null || true; } | sed -n 's/.*Collected : //p' | tail -1
	}
	CG_FLOOR=$(ir "$JX" --parse-only -j1 "$cgdir")
	CG_LINT=$(ir "$JX" -j1 "$cgdir")
	CG_JQ=$(cd "$cgdir" && ir jq -c -f "$CORE_JQ" "${FILES[@]:0:$CG_FILES}")
	CG_SINGLE=$(ir "$JX" "$SINGLE")
	CG_SINGLE_PARSE=$(ir "$JX" --parse-only "$SINGLE")
	CG_TRUE=$(ir /bin/true)
	CG=1
fi

# ---- the table ------------------------------------------------------------------------
CPU=$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -1)
{
	echo "jxlint benchmark — $(date -u +%Y-%m-%d) — $(nproc) CPUs ($CPU), $(uname -sr)"
	echo "jxlint $("$JX" --version | awk '{ print $2 }') (${BENCH_LABEL:-$(cd "$ROOT" && git rev-parse --short HEAD 2>/dev/null || echo '?')$(cd "$ROOT" && git diff --quiet HEAD -- lint rules.d 2>/dev/null || echo '+changes')}: $JX), $(jq --version)"
	echo "set: $N files (bench/gen.py --count $N --seed $SEED), $MB MB, $((BYTES / N)) B mean, $MINB–$MAXB B; $BAD with injected mistakes"
	echo "timings: best of $REPEAT runs; cpu = user + sys; load average before the runs: $LOAD"
	echo
	printf '%-34s %8s %9s %8s %8s %10s %10s\n' "run" "wall s" "files/s" "MB/s" "cpu s" "cpu files/s" "cpu÷floor"
	row() {   # label key
		awk -v l="$1" -v w="${W[$2]}" -v c="${C[$2]}" -v n="$N" -v b="$BYTES" -v fc="${C[floor1]}" -v fw="${W[floor1]}" 'BEGIN {
			printf "%-34s %8.2f %9.0f %8.1f %8.2f %10.0f %9.2fx\n", l, w, n / w, b / 1e6 / w, c, (c > 0 ? n / c : 0), (fc > 0 ? c / fc : w / fw) }'
	}
	row "jxlint --parse-only -j1 (floor)" floor1
	row "jxlint -j1" lint1
	row "jxlint -j$JOBS" lintN
	row "jxlint --parse-only -j$JOBS" floorN
	row "jq -c -f bench/core.jq (1 process)" jq
	echo
	awk -v l1w="${W[lint1]}" -v l1c="${C[lint1]}" -v f1w="${W[floor1]}" -v f1c="${C[floor1]}" \
	    -v lnw="${W[lintN]}" -v fnw="${W[floorN]}" -v jqw="${W[jq]}" -v jqc="${C[jq]}" -v j="$JOBS" 'BEGIN {
		printf "lint ÷ floor (target ≤ 1.5):   -j1 wall %.2fx, cpu %.2fx; -j%d wall %.2fx\n", l1w / f1w, l1c / f1c, j, lnw / fnw
		printf "jq ÷ lint (target ≥ 20):       -j1 wall %.1fx, cpu %.1fx; -j%d wall %.1fx\n", jqw / l1w, jqc / l1c, j, jqw / lnw
	}'
	echo "files flagged: jxlint $JX_ERR_FILES with errors (all rules); jq $JQ_FLAGGED (its subset of checks)"
	echo
	awk -v s="$S_LINT" -v p="$S_PARSE" -v t="$S_TRUE" -v f="${SINGLE#$ROOT/}" -v b="$SINGLE_BYTES" -v tool="$S_TOOL" 'BEGIN {
		printf "single file (%s, %d B, plugins and default packs; %s; target < 5 ms):\n", f, b, tool
		printf "  jxlint %.2f ms; --parse-only %.2f ms; /bin/true %.2f ms (process start here); jxlint − true %.2f ms\n", s, p, t, s - t
	}'
	if [ -n "$TIMING" ]; then
		echo
		echo "where the time of a -j1 run goes (jxlint --timing -j1, one run; wall ms by part):"
		if [ -f "$TMP/timing.note" ]; then cat "$TMP/timing.note"; else sed -n '2,$s/^/  /p' "$TMP/timing"; fi
	fi
	if [ -n "$MEMROWS" ]; then
		echo
		echo "peak memory (max RSS, KB; target: flat in the number of files):"
		printf '%s' "$MEMROWS" | awk '{ r[$3] = r[$3] sprintf("  %2dx %6d files: %6d", $1, $2, $4) } END { for (j in r) printf "  -j%-3s%s\n", j, r[j] }' | sort
	fi
	if [ -n "$PERF_INSN" ]; then
		read -r a b <<< "$PERF_INSN"
		echo
		awk -v a="$a" -v b="$b" 'BEGIN { printf "instructions (perf stat, all %s files): floor %.0f, -j1 %.0f (%.2fx)\n", "'"$N"'", a, b, b / a }'
	fi
	if [ -n "$CG" ]; then
		echo
		awk -v f="$CG_FLOOR" -v l="$CG_LINT" -v q="$CG_JQ" -v s="$CG_SINGLE" -v sp="$CG_SINGLE_PARSE" -v t="$CG_TRUE" -v n="$CG_FILES" 'BEGIN {
			printf "instructions (callgrind, first %d files): floor %.1fM, -j1 %.1fM (%.2fx the floor), jq %.1fM (%.1fx -j1)\n", n, f / 1e6, l / 1e6, l / f, q / 1e6, q / l
			printf "  per file: floor %.0fk, -j1 %.0fk, jq %.0fk\n", f / n / 1e3, l / n / 1e3, q / n / 1e3
			printf "  single file: jxlint %.1fM, --parse-only %.1fM, /bin/true %.2fM\n", s / 1e6, sp / 1e6, t / 1e6
		}'
	fi
} | tee "$RES"
echo "bench: written to ${RES#$ROOT/}" >&2
