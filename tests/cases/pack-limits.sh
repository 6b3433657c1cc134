# Every limit of a pack (pack.h), at the limit and one past it: rules, lets, template levels, file size,
# and the number of errors shown.
set -u
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
printf '{"money_unit": "元", "expenditure": {"basic": 1, "project": 2, "total": 3}}\n' > "$tmp/s.json"
rule() { printf '{"id": "lim/r%d", "severity": "info", "assert": "true", "message": {"zh": "甲", "en": "a"}}' "$1"; }
rules() { local n=$1 i; for ((i = 1; i <= n; i++)); do [ $i -gt 1 ] && printf ','; rule $i; done; }
accepts() { "$JXLINT" --lang en --pack "$1" "$tmp/s.json" >/dev/null 2>"$tmp/err" || { echo "$2: refused:"; head -3 "$tmp/err"; exit 1; }; }
refuses() { # file, what, expected message part
	"$JXLINT" --lang en --pack "$1" "$tmp/s.json" >/dev/null 2>"$tmp/err"; local rc=$?
	[ $rc -eq 2 ] || { echo "$2: exit $rc, want 2"; exit 1; }
	grep -q -- "$3" "$tmp/err" || { echo "$2: want \"$3\":"; head -3 "$tmp/err"; exit 1; }
}

# PACK_MAX_RULES 500
{ printf '{"pack": "lim", "rules": ['; rules 500; printf ']}\n'; } > "$tmp/r500.json"
{ printf '{"pack": "lim", "rules": ['; rules 501; printf ']}\n'; } > "$tmp/r501.json"
accepts "$tmp/r500.json" "500 rules"
refuses "$tmp/r501.json" "501 rules" "more than 500 rules"

# PACK_MAX_LETS 32
lets() { local n=$1 i; for ((i = 1; i <= n; i++)); do [ $i -gt 1 ] && printf ','; printf '"v%d": "%d"' $i $i; done; }
{ printf '{"pack": "lim", "rules": [{"id": "lim/l", "severity": "info", "let": {'; lets 32
  printf '}, "assert": "v1 + v32 == 33", "message": {"zh": "甲", "en": "a"}}]}\n'; } > "$tmp/l32.json"
{ printf '{"pack": "lim", "rules": [{"id": "lim/l", "severity": "info", "let": {'; lets 33
  printf '}, "assert": "v1 + v33 == 34", "message": {"zh": "甲", "en": "a"}}]}\n'; } > "$tmp/l33.json"
accepts "$tmp/l32.json" "32 lets"
refuses "$tmp/l33.json" "33 lets" "more than 32 named expressions"

# PACK_MAX_TMPL_DEPTH 16: a root and 16 levels of items below it
tmpl() { local n=$1 i; for ((i = 1; i <= n; i++)); do printf '{"name": "n%d", "items": [' $i; done; printf '{"name": "leaf"}'; for ((i = 1; i <= n; i++)); do printf ']}'; done; }
{ printf '{"pack": "lim", "template": {"name": "root", "items": ['; tmpl 15; printf ']}, "rules": []}\n'; } > "$tmp/t16.json"
{ printf '{"pack": "lim", "template": {"name": "root", "items": ['; tmpl 16; printf ']}, "rules": []}\n'; } > "$tmp/t17.json"
accepts "$tmp/t16.json" "16 template levels"
refuses "$tmp/t17.json" "17 template levels" "more than 16 levels"

# PACK_MAX_BYTES 1 MiB
pad() { local size=$1 head='{"pack": "lim", "rules": [], "$comment": "' tail='"}'; printf '%s' "$head"; head -c $((size - ${#head} - ${#tail} - 1)) /dev/zero | tr '\0' x; printf '%s\n' "$tail"; }
pad 1048576 > "$tmp/b1m.json"
pad 1048577 > "$tmp/b1m1.json"
[ "$(wc -c < "$tmp/b1m.json")" = 1048576 ] || { echo "generator: size $(wc -c < "$tmp/b1m.json")"; exit 1; }
accepts "$tmp/b1m.json" "a pack of 1 MiB"
refuses "$tmp/b1m1.json" "a pack of 1 MiB + 1" "more than the 1048576"

# PACK_MAX_ERRORS 50: the first 50 are shown, the rest counted
bad() { local n=$1 i; for ((i = 1; i <= n; i++)); do [ $i -gt 1 ] && printf ','; printf '{"id": "lim/b%d", "severity": "loud", "assert": "true", "message": {"zh": "甲", "en": "a"}}' $i; done; }
{ printf '{"pack": "lim", "rules": ['; bad 50; printf ']}\n'; } > "$tmp/e50.json"
{ printf '{"pack": "lim", "rules": ['; bad 53; printf ']}\n'; } > "$tmp/e53.json"
refuses "$tmp/e50.json" "50 errors" "not \"loud\""
[ "$(grep -c 'not "loud"' "$tmp/err")" = 50 ] && ! grep -q 'more errors' "$tmp/err" || { echo "50 errors: not all shown"; exit 1; }
refuses "$tmp/e53.json" "53 errors" "… and 3 more errors"
[ "$(grep -c 'not "loud"' "$tmp/err")" = 50 ] || { echo "53 errors: want 50 shown"; exit 1; }
exit 0
