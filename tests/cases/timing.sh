# --timing: a table on stderr of every part that ran (each phase, each
# plugin, each pack rule evaluated, with how many times), costliest first,
# shares adding up to 100%; stdout and the exit code exactly as without it,
# in every format and thread count; rules turned off are not listed.
set -eu
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
in="$tmp/in"   # the five seeds (both forms), without their expected outputs
mkdir "$in"
for f in "$ROOT"/fixtures/seeds/*.json; do
	case $f in *.out.json) ;; *) cp "$f" "$in/" ;; esac
done
nfiles=$(ls "$in" | wc -l)
for fmt in text json sarif; do
	for j in 1 2; do
		rc=0; "$JXLINT" -f $fmt -j $j "$in" > "$tmp/plain" 2> "$tmp/plain.err" || rc=$?
		rc2=0; "$JXLINT" --timing -f $fmt -j $j "$in" > "$tmp/timed" 2> "$tmp/timed.err" || rc2=$?
		cmp -s "$tmp/plain" "$tmp/timed" || { echo "stdout differs with --timing ($fmt, -j$j)"; exit 1; }
		[ $rc = $rc2 ] || { echo "exit code $rc2 with --timing, $rc without"; exit 1; }
		[ ! -s "$tmp/plain.err" ] || { echo "stderr without --timing:"; cat "$tmp/plain.err"; exit 1; }
		grep -q "^jxlint timing: $nfiles files in [0-9.]* s (wall), $j thread" "$tmp/timed.err" ||
			{ echo "no header"; cat "$tmp/timed.err"; exit 1; }
	done
done
err="$tmp/timed.err"   # -j2, sarif: the parts and their calls are those of -j1
"$JXLINT" --timing -j1 "$in" > /dev/null 2> "$tmp/j1.err" || true
calls() { awk 'NR > 2 && NF >= 4 && $3 ~ /^[0-9]+$/ { $1 = ""; $2 = ""; print }' "$1" | sort; }
[ "$(calls "$err")" = "$(calls "$tmp/j1.err")" ] || { echo "-j2 parts differ from -j1"; diff <(calls "$err") <(calls "$tmp/j1.err"); exit 1; }
err="$tmp/j1.err"
part() { grep -E "^ +[0-9]+\.[0-9]{3} +[0-9]+\.[0-9]% +$2 +$1\$" "$err" > /dev/null || { echo "no line: $2 $1"; cat "$err"; exit 1; }; }
part read "$nfiles"
part decode "$nfiles"
part parse "$nfiles"
part 'report \(output\)' "$nfiles"
part schema '[0-9]+'
for so in "$ROOT/$BUILD"/rules.d/*.so; do
	part "plugin $(basename "$so")" '[0-9]+'
done
for id in staffing/over-quota meta/year-range scores/max-missing; do
	part "pack core: $id" '[0-9]+'
done
part 'pack mof-project: \(applies\)' '[0-9]+'
part 'pack mof-project: mof/weights' '[0-9]+'
part 'other \(starting up, configurations, finding files, the rest\)' ''
# costliest first, and the shares add up to 100%
awk 'NR > 2 && $3 ~ /^[0-9]+$/ { print $1 }' "$err" > "$tmp/ms"
sort -g -r -c "$tmp/ms" || { echo "not costliest first"; cat "$err"; exit 1; }
awk 'NR > 2 { s += $2 } END { if (s < 99.5 || s > 100.5) { print "shares add up to " s "%"; exit 1 } }' "$err"
# a rule turned off is not evaluated, so not listed; Chinese with --lang zh
"$JXLINT" --timing --lang zh --rule 'scores/max-missing=off' "$in" > /dev/null 2> "$tmp/zh.err" || true
grep -q "^jxlint 计时：$nfiles 个文件" "$tmp/zh.err" || { echo "no Chinese header"; cat "$tmp/zh.err"; exit 1; }
grep -q "规则包 core: meta/year-range$" "$tmp/zh.err" || { echo "no Chinese pack line"; cat "$tmp/zh.err"; exit 1; }
grep -q "解析$" "$tmp/zh.err" || { echo "no Chinese phase"; exit 1; }
if grep -q "max-missing" "$tmp/zh.err"; then echo "a rule turned off is listed"; exit 1; fi
# a text report is extracted, and that is a part of its own
"$JXLINT" --timing "$ROOT"/fixtures/text/*.txt > /dev/null 2> "$tmp/text.err" || true
grep -q "extract (text reports)$" "$tmp/text.err" || { echo "no extract line"; cat "$tmp/text.err"; exit 1; }
# many parts: a pack of 60 rules (the table grows past its first 64 slots
# several times, on each thread and when the threads' tables are merged)
{
	printf '{"pack": "many", "title": {"zh": "多", "en": "many"}, "version": "1", "rules": [\n'
	for k in $(seq 1 60); do
		[ $k = 1 ] || printf ',\n'
		printf '{"id": "many/r%d", "severity": "info", "summary": {"zh": "r", "en": "r"}, "assert": "%d > 0", "message": {"zh": "r", "en": "r"}}' $k $k
	done
	printf '\n]}\n'
} > "$tmp/many.json"
for j in 1 2; do
	"$JXLINT" --timing -j$j --pack "$tmp/many.json" "$in" > /dev/null 2> "$tmp/many.err" || true
	ndocs=$(awk '/pack core: meta\/year-range$/ { print $3 }' "$tmp/many.err")   # one call per document
	[ -n "$ndocs" ] && [ "$(grep -cE " $ndocs  pack many: many/r[0-9]+\$" "$tmp/many.err")" = 60 ] ||
		{ echo "-j$j: not every rule of 60 listed with $ndocs calls"; cat "$tmp/many.err"; exit 1; }
	part read "$nfiles"   # the phases are still there, counted once each
done
