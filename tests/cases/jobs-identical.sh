# -j N output is byte for byte the output of -j 1, in every format, for
# thread counts below, at and far above the cores, where results finish out
# of order and the ring of pending results (4 × N slots) wraps many times.
set -eu
for fmt in text json sarif; do
	a=$("$JXLINT" --lang zh -f $fmt -j 1 "$ROOT/fixtures" "$ROOT/examples" || true)
	[ -n "$a" ]
	for j in 2 3 4 16; do
		b=$("$JXLINT" --lang zh -f $fmt -j $j "$ROOT/fixtures" "$ROOT/examples" || true)
		[ "$a" = "$b" ] || { echo "-j$j differs from -j1 in $fmt"; diff <(echo "$a") <(echo "$b") | head; exit 1; }
	done
done
