# -j N output is byte for byte the output of -j 1, in every format.
set -eu
for fmt in text json sarif; do
	a=$("$JXLINT" --lang zh -f $fmt -j 1 "$ROOT/fixtures" "$ROOT/examples" || true)
	b=$("$JXLINT" --lang zh -f $fmt -j 4 "$ROOT/fixtures" "$ROOT/examples" || true)
	[ "$a" = "$b" ] || { echo "-j4 differs from -j1 in $fmt"; diff <(echo "$a") <(echo "$b") | head; exit 1; }
	[ -n "$a" ]
done
