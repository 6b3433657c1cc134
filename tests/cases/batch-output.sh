# Batch runs: --format json is one valid document for 0, 1 and many files (any -j, unreadable
# inputs included); a progress line "\r[i/n] path" goes to stderr only when it is a terminal
# and the run has more than 50 files, and is erased at the end; never with --quiet.
set -eu
command -v jq >/dev/null && command -v script >/dev/null || make -s -C "$ROOT" deps-test >&2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail() { echo "batch-output: $*"; exit 1; }
mkdir "$tmp/none" "$tmp/one" "$tmp/many" "$tmp/big"
cp "$ROOT/examples/project-2023.json" "$tmp/one/"
for i in $(seq -w 1 60); do cp "$ROOT/examples/project-2023.json" "$tmp/big/p$i.json"; done
cp "$ROOT"/examples/*.json "$ROOT"/fixtures/seeds/*.json "$tmp/many/"
cp "$ROOT/fixtures/input/truncated-utf8.json" "$ROOT/fixtures/input/unterminated-object.json" "$tmp/many/"
: > "$tmp/many/empty.json"

doc() { # dir files jobs: one document, summary.files = files, findings carry that many files at most
	local out rc=0
	out=$("$JXLINT" --format json -j "$3" "$1" 2>/dev/null) || rc=$?
	[ "$rc" -le 2 ] || fail "$1: exit $rc"
	printf '%s' "$out" | jq -e --argjson n "$2" '.summary.files == $n and (.findings | type == "array")
		and ([.findings[].file] | unique | length) <= $n' >/dev/null || fail "$1 -j $3: not one document of $2 files"
	[ "$(printf '%s' "$out" | jq -s 'length')" = 1 ] || fail "$1 -j $3: more than one JSON document"
	printf '%s' "$out" > "$tmp/last.json"
}
for j in 1 4; do
	doc "$tmp/none" 0 $j
	[ "$(jq '.findings | length' "$tmp/last.json")" = 0 ] || fail "no files, but findings"
	doc "$tmp/one" 1 $j
	[ "$(jq '.findings | length' "$tmp/last.json")" -ge 1 ] || fail "one file: its findings are missing"
	doc "$tmp/many" "$(ls "$tmp/many" | wc -l)" $j
	jq -e '.summary.unreadable >= 2 and ([.findings[].rule] | index("input/json") != null)' "$tmp/last.json" >/dev/null ||
		fail "many: the unreadable inputs are not in the document"
	doc "$tmp/big" 60 $j
done

# progress: a terminal (script(1) gives one) and 60 files
script -qec "\"$JXLINT\" --format json \"$tmp/big\" >/dev/null" /dev/null > "$tmp/tty.txt" 2>&1 || true
grep -q "\[1/60\] $tmp/big/p01.json" "$tmp/tty.txt" || fail "no progress line on a terminal: $(od -c "$tmp/tty.txt" | head -5)"
grep -q "\[60/60\] $tmp/big/p60.json" "$tmp/tty.txt" || fail "the last file is not shown"
[ "$(tail -c 4 "$tmp/tty.txt" | od -An -c | tr -d ' ')" = '\r033[K' ] || fail "the progress line is not erased at the end"
# text findings on the same terminal start on a clean line
script -qec "\"$JXLINT\" --lang en \"$tmp/big\"" /dev/null > "$tmp/tty2.txt" 2>&1 || true
grep -qa "error:" "$tmp/tty2.txt" || fail "no findings on the terminal"
! tr '\r' '\n' < "$tmp/tty2.txt" | grep -aE "(error|warning|info):" | grep -q '\[[0-9]*/60\]' || fail "findings are written into the progress line"
# none: 50 files or fewer, --quiet, stderr not a terminal
rm "$tmp/big/p5"[1-9].json "$tmp/big/p60.json"
script -qec "\"$JXLINT\" --format json \"$tmp/big\" >/dev/null" /dev/null > "$tmp/tty3.txt" 2>&1 || true
! grep -q '\[1/50\]' "$tmp/tty3.txt" || fail "progress for 50 files"
for i in 51 52; do cp "$ROOT/examples/project-2023.json" "$tmp/big/p$i.json"; done
script -qec "\"$JXLINT\" -q --format json \"$tmp/big\" >/dev/null" /dev/null > "$tmp/tty4.txt" 2>&1 || true
! grep -q '\[1/52\]' "$tmp/tty4.txt" || fail "progress with --quiet"
"$JXLINT" --format json "$tmp/big" > /dev/null 2> "$tmp/notty.txt" || true
[ ! -s "$tmp/notty.txt" ] || fail "progress when stderr is not a terminal: $(head -c 200 "$tmp/notty.txt")"
echo "batch-output: ok"
