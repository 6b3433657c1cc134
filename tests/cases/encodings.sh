# A GBK (GB18030), UTF-16 LE/BE and UTF-8-with-BOM copy of every seed gives the same findings as the UTF-8 original.
set -eu
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
for f in "$ROOT"/fixtures/seeds/*.json; do
	name=$(basename "$f" .json)
	want=$("$JXLINT" --lang zh --format json "$f" | sed "s|$f|FILE|g")
	iconv -f UTF-8 -t GB18030 "$f" > "$tmp/$name.gbk.json"
	{ printf '\xff\xfe'; iconv -f UTF-8 -t UTF-16LE "$f"; } > "$tmp/$name.u16le.json"
	{ printf '\xfe\xff'; iconv -f UTF-8 -t UTF-16BE "$f"; } > "$tmp/$name.u16be.json"
	iconv -f UTF-8 -t UTF-16LE "$f" > "$tmp/$name.u16nobom.json"
	{ printf '\xef\xbb\xbf'; cat "$f"; } > "$tmp/$name.bom.json"
	for v in gbk u16le u16be u16nobom bom; do
		got=$("$JXLINT" --lang zh --format json "$tmp/$name.$v.json" | sed "s|$tmp/$name.$v.json|FILE|g")
		if [ "$got" != "$want" ]; then
			echo "$name.$v differs from the UTF-8 original:"
			diff <(echo "$want") <(echo "$got") | head -10
			exit 1
		fi
	done
	# forcing the right encoding also works
	got=$("$JXLINT" --lang zh --format json --encoding GB18030 "$tmp/$name.gbk.json" | sed "s|$tmp/$name.gbk.json|FILE|g")
	[ "$got" = "$want" ] || { echo "--encoding GB18030 differs for $name"; exit 1; }
done
