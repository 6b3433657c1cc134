# `jxlint extract` prints a valid submission, and linting it finds what linting the report found.
set -eu
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
for f in "$ROOT"/fixtures/text/*.txt; do
	name=$(basename "$f" .txt)
	"$JXLINT" extract "$f" > "$tmp/$name.json"
	jq -e 'type == "object"' "$tmp/$name.json" >/dev/null
	a=$("$JXLINT" --lang en -f json "$f" | jq -S '[.findings[] | {rule, severity, message}] | sort_by(.rule, .message)') || true
	b=$("$JXLINT" --lang en -f json "$tmp/$name.json" | jq -S '[.findings[] | {rule, severity, message}] | sort_by(.rule, .message)') || true
	[ "$a" = "$b" ] || { echo "$name: findings differ after extract"; diff <(echo "$a") <(echo "$b") | head -20; exit 1; }
done
# extract takes exactly one report, and says so
"$JXLINT" extract >/dev/null 2>&1 && exit 1
"$JXLINT" extract "$ROOT"/fixtures/text/000.txt "$ROOT"/fixtures/text/001.txt >/dev/null 2>&1 && exit 1
exit 0
