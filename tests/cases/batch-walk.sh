# A directory is linted a batch of files at a time (4096), so that memory does not grow with the number
# of files. Across batch boundaries nothing may change: the files come in the same sorted order as one
# list would give, -j N equals -j 1, a directory's .jxlint.json that is first reached in a later batch
# is still read before its files are linted (and refused as a whole when broken), and the summary counts
# every file once.
# jxlint-test: once
set -u
cd "$ROOT"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail() { echo "$what: $*"; printf '%s\n' "$out" | tail -20; exit 1; }

# 4 100 small submissions in a/ (sorted first), and two in zz/ under a broken configuration (sorted last,
# so in the second batch); one of a/ breaks a rule, so the findings have something to show.
mkdir -p "$tmp/repo/.git" "$tmp/repo/a" "$tmp/repo/zz"
python3 - "$tmp/repo/a" <<'PY'
import sys, os
d = sys.argv[1]
for i in range(4100):
    with open(os.path.join(d, "%05d.json" % i), "w") as f:
        f.write('{"form": "department", "year": %d}\n' % (2203 if i == 4099 else 2023))
PY
printf '{"year": 2023}\n' > "$tmp/repo/zz/1.json"
printf '{"year": 2023}\n' > "$tmp/repo/zz/2.json"
printf '{"rules": {"no/such-rule": "off"}}\n' > "$tmp/repo/zz/.jxlint.json"

what="one run over the directory"; out=$("$JXLINT" --lang en -j1 "$tmp/repo" 2>"$tmp/err"); rc=$?
[ $rc -eq 2 ] || fail "exit $rc, want 2 (a refused configuration)"
printf '%s\n' "$out" | grep -q '^4102 files checked: ' || fail "not 4102 files in the summary"
printf '%s\n' "$out" | grep -q 'a/04099.json:1:32: warning: evaluated year 2203' || fail "the finding of the last file of a/ is missing"
[ "$(printf '%s\n' "$out" | grep -c 'zz/[12].json: error: not checked: its configuration .*zz/.jxlint.json was refused')" -eq 2 ] ||
	fail "the files under the broken configuration are not both reported"
grep -q 'zz/.jxlint.json:1:12: unknown rule "no/such-rule"' "$tmp/err" || { out=$(cat "$tmp/err"); fail "the configuration error is not on stderr"; }
[ "$(grep -c 'unknown rule' "$tmp/err")" -eq 1 ] || { out=$(cat "$tmp/err"); fail "the configuration error is not said once"; }

what="-j2 against -j1"; b=$("$JXLINT" --lang en -j2 "$tmp/repo" 2>/dev/null)
[ "$out" = "$b" ] || { diff <(printf '%s\n' "$out") <(printf '%s\n' "$b") | head; fail "-j2 differs"; }

what="the same files named one by one"; c=$(cd "$tmp/repo" && "$JXLINT" --lang en -f json -j1 a/*.json zz/*.json 2>/dev/null)
d=$(cd "$tmp/repo" && "$JXLINT" --lang en -f json -j1 . 2>/dev/null | sed 's#"\./#"#g')
[ "$c" = "$d" ] || { diff <(printf '%s\n' "$c") <(printf '%s\n' "$d") | head; out=""; fail "a directory walk and the named files differ"; }
printf '%s\n' "$c" | python3 -c 'import json,sys; json.load(sys.stdin)' || { out=""; fail "the JSON output is not one document"; }
exit 0
