#!/usr/bin/env bash
# fuzz/make-corpus.sh — (re)build the committed seed corpora fuzz/corpus/<target>/ from the fixtures and tests.
# Run from anywhere; it only adds files (named by content hash), so seeds kept by hand (crash regressions) stay.
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
c=fuzz/corpus
mkdir -p $c/decode $c/parse $c/num $c/claim $c/extract $c/expr $c/pack
put() { # dir  (content on stdin)
	local tmp; tmp=$(mktemp)
	cat > "$tmp"
	[ -s "$tmp" ] || { rm -f "$tmp"; return 0; }
	mv "$tmp" "$1/$(sha1sum < "$tmp" | cut -c1-16)"
}
small() { [ "$(stat -c %s "$1")" -le 65536 ]; }

# JSON documents: every fixture and example under 64 KiB
find fixtures examples -name '*.json' ! -name '*.out.json' ! -name '*.extract.json' | LC_ALL=C sort | while read -r f; do
	small "$f" || continue
	put $c/parse < "$f"
	case "$f" in fixtures/input/*|fixtures/seeds/*|examples/*) put $c/decode < "$f" ;; esac
done
# the same documents in the other encodings the decoder detects
for f in fixtures/seeds/001.json examples/project-2023.json; do
	iconv -f UTF-8 -t GB18030 "$f" | put $c/decode
	{ printf '\xff\xfe'; iconv -f UTF-8 -t UTF-16LE "$f"; } | put $c/decode
	{ printf '\xfe\xff'; iconv -f UTF-8 -t UTF-16BE "$f"; } | put $c/decode
	iconv -f UTF-8 -t UTF-16LE "$f" | put $c/decode
	iconv -f UTF-8 -t UTF-16BE "$f" | put $c/parse
	iconv -f UTF-8 -t GB18030 "$f" | put $c/parse
done
# text reports, and one in GB18030
for f in fixtures/text/*.txt; do
	put $c/extract < "$f"
	put $c/decode < "$f"
done
iconv -f UTF-8 -t GB18030 fixtures/text/003.txt | put $c/extract
# figures: the input column of the num tables; dec_arith operand pairs as "a<TAB>b"
for f in tests/num/*.tsv; do
	if grep -q '^#mode dec' "$f"; then
		grep -v '^#' "$f" | cut -f1 | awk 'NF == 3 && $2 ~ /^[-+*\/]/ { printf "%s\t%s\n", $1, $3 }' | while IFS= read -r l; do
			printf '%s' "$l" | put $c/num
		done
	else
		grep -v '^#' "$f" | cut -f1 | while IFS= read -r l; do
			[ -n "$l" ] && printf '%b' "$l" | put $c/num
		done
	fi
done
# claims: every "text" of a claims array, with each money-unit byte (0 元, 2 万元)
python3 - "$c/claim" <<'PY'
import glob, hashlib, json, os, sys
out = sys.argv[1]
texts = set()
def walk(v):
    if isinstance(v, dict):
        for k, x in v.items():
            if k == "claims" and isinstance(x, list):
                for it in x:
                    if isinstance(it, dict) and isinstance(it.get("text"), str):
                        texts.add(it["text"])
            walk(x)
    elif isinstance(v, list):
        for x in v:
            walk(x)
for f in glob.glob("fixtures/**/*.json", recursive=True) + glob.glob("examples/*.json"):
    try:
        walk(json.load(open(f, encoding="utf-8")))
    except Exception:
        pass
texts |= {"(1+2)×3=9", "1,234.5万元÷2=617.25万元", "−3－(−3)＝0", "\\frac", "$1\\times 2$=2", "2.5‰×400=1",
          "约100万元/4亿元=0.25%", "((((((((1))))))))=1", "1/0=1", "0÷0×100%=0%", "1e3/1=1000"}
for t in sorted(texts):
    for mag in (b"\x00", b"\x02"):
        data = mag + t.encode("utf-8")
        open(os.path.join(out, hashlib.sha1(data).hexdigest()[:16]), "wb").write(data)
PY
# rule expressions: the first column of the expression tables (with their @doc, when one is set) and
# every expression of the shipped packs ("applies", "assert", "let", "when", message placeholders)
python3 - "$c/expr" <<'PY'
import glob, hashlib, json, os, sys
out = sys.argv[1]
seeds = set()
for f in sorted(glob.glob("tests/expr/*.tsv")):
    doc = None
    for line in open(f, encoding="utf-8"):
        line = line.rstrip("\n")
        if line.startswith("@doc "):
            doc = line[5:]
        if not line or line.startswith("#") or line.startswith("@"):
            continue
        e = line.split("\t")[0]
        seeds.add(e + ("\n@" + doc if doc else ""))
def walk(v):
    if isinstance(v, dict):
        for k, x in v.items():
            if k in ("applies", "assert", "when", "value") and isinstance(x, str):
                seeds.add(x)
            elif k == "let" and isinstance(x, dict):
                seeds.update(y for y in x.values() if isinstance(y, str))
            walk(x)
    elif isinstance(v, list):
        for x in v:
            walk(x)
for f in sorted(glob.glob("rules.d/*.json")):
    try:
        walk(json.load(open(f, encoding="utf-8")))
    except Exception:
        pass
for e in sorted(seeds):
    data = e.encode("utf-8")
    if data:
        open(os.path.join(out, hashlib.sha1(data).hexdigest()[:16]), "wb").write(data)
PY
# rule packs: the shipped ones, the test packs (broken ones too), repository packs of the fixtures;
# and "glob:PATTERN<TAB>PATH" lines for the .jxlint.json ignore matcher
for f in rules.d/*.json $(grep -l '"pack"' $(find tests fixtures -name '*.json' ! -name '*.out.json') 2>/dev/null | LC_ALL=C sort); do
	small "$f" && put $c/pack < "$f"
done
for g in 'drafts/	drafts/a.json' '**/*.bak.json	a/b/c.bak.json' 'sub/**/skip-*.json	sub/x/skip-1.json' \
	'/top.json	top.json' '[a-c]?.json	b1.json' '*a*a*b	aaaaaaaaaaaaaaaa' '**/x/**	a/x/b/c.json'; do
	printf 'glob:%s' "$g" | put $c/pack
done
for d in $c/*/; do printf '%s %s\n' "$(ls "$d" | wc -l)" "$d"; done
