# A lint run loads only the packs it uses: core, the "default": true packs, and the opt-in packs a
# configuration or --pack names. An opt-in pack of the rules directory is not compiled otherwise, so a
# mistake in one that nobody enabled does not stop every lint run, but it is still found by
# `jxlint rules check`, --list-rules, and by any run that enables it. A pack whose JSON is malformed is
# always loaded (and refused). A configuration's "rules" may name an opt-in pack's rules without
# enabling the pack. The quick look at "default" reads only the top level of the pack.
set -u
cd "$ROOT"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail() { echo "$what: $*"; printf '%s\n' "$out" | head -30; exit 1; }
has() { printf '%s\n' "$out" | grep -qE -- "$1" || fail "no line matching $1"; }
hasnt() { ! printf '%s\n' "$out" | grep -qE -- "$1" || fail "a line matching $1"; }

rules=$tmp/rules
mkdir -p "$rules"
cp build/rules.d/*.so build/rules.d/*.json "$rules/"
# an opt-in pack with an expression error, and the text "default": true only inside a string and a nested object
cat > "$rules/zz-broken.json" <<'JSON'
{
  "$comment": "not on by default, although this string says \"default\": true",
  "pack": "zz-broken",
  "title": {"zh": "坏", "en": "broken"},
  "version": "1",
  "template": {"default": true},
  "rules": [{"id": "zz/bad", "severity": "warning", "assert": "sum(scores.items[*].score) ==", "message": {"zh": "x", "en": "x"}}]
}
JSON
sub=$tmp/s.json
printf '%s\n' '{"form": "project", "staffing": [{"category": "后勤服务人员", "quota": 2, "actual": 3}], "scores": {"name": "总分", "max": 100, "items": [{"name": "产出指标", "max": 60}, {"name": "效益指标", "max": 20}, {"name": "满意度指标", "max": 10}, {"name": "预算执行率", "max": 10}]}}' > "$sub"

what="a lint run with a broken opt-in pack nobody enabled"; out=$("$JXLINT" --lang en --rules-dir "$rules" "$sub" 2>&1); rc=$?
[ $rc -le 1 ] || fail "exit $rc, want 0 or 1"
has 'staffing/over-quota'   # core
has 'mof/weights'           # a default pack
hasnt 'zz-broken'

what="rules check finds it"; out=$("$JXLINT" rules check --lang en --rules-dir "$rules" 2>&1); rc=$?
[ $rc -eq 1 ] || fail "exit $rc, want 1"
has 'zz-broken.json:7:93'

what="--list-rules loads every pack"; out=$("$JXLINT" --lang en --rules-dir "$rules" --list-rules 2>&1); rc=$?
[ $rc -eq 2 ] || fail "exit $rc, want 2"
has 'zz-broken.json'

what="--pack zz-broken"; out=$("$JXLINT" --lang en --rules-dir "$rules" --pack zz-broken "$sub" 2>&1); rc=$?
[ $rc -eq 2 ] || fail "exit $rc, want 2"
has 'zz-broken.json:7:93'

what="a configuration that enables it"; mkdir -p "$tmp/repo/.git"; cp "$sub" "$tmp/repo/s.json"
printf '{"packs": ["zz-broken"]}\n' > "$tmp/repo/.jxlint.json"
out=$("$JXLINT" --lang en --rules-dir "$rules" "$tmp/repo/s.json" 2>&1); rc=$?
[ $rc -eq 2 ] || fail "exit $rc, want 2"
has 'zz-broken.json:7:93'; has 'input/config'

what="a configuration that sets an opt-in pack's rule without enabling the pack"
printf '{"rules": {"hunan/item-weight": "off", "mof/*": "off"}}\n' > "$tmp/repo/.jxlint.json"
out=$("$JXLINT" --lang en "$tmp/repo/s.json" 2>&1); rc=$?
[ $rc -le 1 ] || fail "exit $rc, want 0 or 1"
hasnt 'unknown rule'; hasnt 'mof/weights'; has 'staffing/over-quota'
printf '{"rules": {"hunan/no-such-rule": "off"}}\n' > "$tmp/repo/.jxlint.json"
out=$("$JXLINT" --lang en "$tmp/repo/s.json" 2>&1); rc=$?
[ $rc -eq 2 ] || fail "exit $rc, want 2"
has 'unknown rule "hunan/no-such-rule"'

what="an opt-in pack whose JSON is malformed"; printf '{"pack": "zz-broken", "rules": [' > "$rules/zz-broken.json"
out=$("$JXLINT" --lang en --rules-dir "$rules" "$sub" 2>&1); rc=$?
[ $rc -eq 2 ] || fail "exit $rc, want 2"
has 'zz-broken.json'
exit 0
