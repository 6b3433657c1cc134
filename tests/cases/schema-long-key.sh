# The schema compares a member's name with a field's a word at a time, trusting the key tag (doc.h) for its
# length: a name that starts with a field's name and is 65536 bytes longer, ending in its last byte (so with
# the same tag), is not that field. For fields of 3 ("max"), 5 ("score"), 8 ("category"), 10 ("money_unit") and 20 bytes
# ("three_public_control"), each of the comparisons' widths, such a name is an unknown key and the field of
# the short name is still checked (its wrong type reported).
set -u
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
long() { # field -> the field, 65535 bytes more, its last byte
	local f=$1
	printf '%s%s%s' "$f" "$(head -c 65535 /dev/zero | tr '\0' y)" "${f#"${f%?}"}"
}
{
	printf '{"form": "project", "money_unit": true, "%s": 1,\n' "$(long money_unit)"
	printf ' "staffing": [{"category": 1, "%s": "a"}],\n' "$(long category)"
	printf ' "rates": {"three_public_control": true, "%s": "1%%"},\n' "$(long three_public_control)"
	printf ' "indicators": [{"name": "a", "max": true, "%s": 1, "score": false, "%s": 1}]}\n' "$(long max)" "$(long score)"
} > "$tmp/long.json"
out=$("$JXLINT" --lang en --format json "$tmp/long.json" | grep -o '"rule": *"input/[a-z-]*"[^{]*"pointer": *"[^"]*"' |
	sed 's/"rule": *"\([^"]*\)".*"pointer": *"\([^"]*\)"/\1 \2/' | cut -c1-120)
want='input/type /indicators/0/max
input/type /indicators/0/score
input/type /money_unit
input/type /rates/three_public_control
input/type /staffing/0/category'
unknown=$(printf '%s\n' "$out" | grep -c '^input/unknown-key ')
if [ "$unknown" != 5 ] || [ "$(printf '%s\n' "$out" | grep '^input/type ' | sort -u)" != "$want" ]; then
	echo "want 5 unknown keys and wrong types at:"
	echo "$want"
	echo "got:"
	printf '%s\n' "$out"
	exit 1
fi
exit 0
