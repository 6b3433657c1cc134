# scores.c reads a tree's items into a pool in its own frame (SCORES_POOL_ITEMS, 128) and takes host
# scratch past that: both must give the same findings. The tree has g groups of 10 items each (max 1,
# score 1), every group stating max 10 and score 10, but the last group states max 11 and score 9, and
# its last item a score of 2 (above its max): three findings on items read last. With g = 12 they are the
# 121st to 130th items read, across the limit; with 13 and 20 past it; with 2 well inside.
set -u
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
doc() { # groups -> a submission
	local g=$1 i j items groups=""
	for ((i = 1; i <= g; i++)); do
		items=""
		for ((j = 1; j <= 10; j++)); do
			s=1
			[ "$i" = "$g" ] && [ "$j" = 10 ] && s=2
			items="$items{\"name\": \"g$i-$j\", \"max\": 1, \"score\": $s}"
			[ "$j" = 10 ] || items="$items, "
		done
		s=10 m=10
		[ "$i" = "$g" ] && s=9 m=11
		groups="$groups{\"name\": \"g$i\", \"max\": $m, \"score\": $s, \"items\": [$items]}"
		[ "$i" = "$g" ] || groups="$groups, "
	done
	printf '{"scores": {"name": "总分", "items": [%s]}}\n' "$groups"
}
fail=0
for g in 2 12 13 20; do
	doc "$g" > "$tmp/t.json"
	got=$("$JXLINT" --lang en "$tmp/t.json" | sed -n 's/.*: error: \(g[0-9-]*\) .*\(\[scores\/[a-z-]*\]\)$/\1 \2/p' | sort | tr '\n' ';')
	want="g$g [scores/max-sum];g$g [scores/sum];g$g-10 [scores/range];"
	[ "$got" = "$want" ] || { echo "$g groups: want \"$want\", got \"$got\""; fail=1; }
done
exit $fail
