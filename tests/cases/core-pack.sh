# The core pack (rules.d/core.json) holds built-in checks that moved out of the C plugins
# (staffing/over-quota, meta/year-range, scores/max-missing). It must be listed and explained as their
# source, its examples must behave, and nothing may switch it off by accident: a configuration's "packs"
# adds to it, --no-config keeps it, "!core" is refused, its rules go off only by id, and a rules
# directory without core.json (or with a broken one) is refused rather than linting with less.
# fixtures/packs/core/ holds the findings themselves.
set -u
cd "$ROOT"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail() { echo "$what: $*"; printf '%s\n' "$out" | head -30; exit 1; }
has() { printf '%s\n' "$out" | grep -qE -- "$1" || fail "no line matching $1"; }
hasnt() { ! printf '%s\n' "$out" | grep -qE -- "$1" || fail "a line matching $1"; }
moved="staffing/over-quota meta/year-range scores/max-missing"

what="--list-rules"; out=$("$JXLINT" --lang en --list-rules) || fail "exit $?"
for id in $moved; do
	has "^$id +(warning|info) +pack rules.d/core.json +[^(]"
done
hasnt '^(staffing/over-quota|meta/year-range|scores/max-missing) .*plugin'

what="--explain"; out=$("$JXLINT" --lang en --explain staffing/over-quota) || fail "exit $?"
has '^staffing/over-quota — warning — pack rules.d/core.json$'
has '^  assert  all s in staffing'
has '^  → warning: 后勤服务人员: 3 people in post, above the quota of 2 \[staffing/over-quota\]$'
has '^  → no finding$'

what="rules check core"; out=$("$JXLINT" rules check --lang en core 2>&1) || fail "exit $?"
has '^1 pack checked \(3 rules\): 0 errors, 0 warnings$'

# a repository: one file that breaks two core rules, under configurations of each kind
repo=$tmp/repo
mkdir -p "$repo/.git" "$repo/off" "$repo/listed" "$repo/not-core"
sub='{"year": 2203, "staffing": [{"category": "后勤服务人员", "quota": 2, "actual": 3}]}'
for d in "$repo" "$repo/off" "$repo/listed" "$repo/not-core"; do printf '%s\n' "$sub" > "$d/s.json"; done
printf '{"rules": {"staffing/*": "off"}}\n' > "$repo/off/.jxlint.json"
printf '{"packs": ["hunan-dept", "!mof-project"]}\n' > "$repo/listed/.jxlint.json"
printf '{"packs": ["!core"]}\n' > "$repo/not-core/.jxlint.json"

what="no configuration"; out=$("$JXLINT" --lang en "$repo/s.json")
has 'staffing/over-quota'; has 'meta/year-range'
what="\"rules\": {\"staffing/*\": \"off\"}"; out=$("$JXLINT" --lang en "$repo/off/s.json")
hasnt 'staffing/over-quota'; has 'meta/year-range'
what="--rule from the command line"; out=$("$JXLINT" --lang en --rule 'meta/*=off' "$repo/off/s.json")
hasnt 'staffing/over-quota'; hasnt 'meta/year-range'
what="a configuration that lists packs"; out=$("$JXLINT" --lang en "$repo/listed/s.json")
has 'staffing/over-quota'; has 'meta/year-range'
what="--print-config"; out=$("$JXLINT" --print-config "$repo/listed/s.json")
has '"name": "core", "installed": true, "enabled_by": "default"'
hasnt '"name": "mof-project"'
what="--no-config"; out=$("$JXLINT" --lang en --no-config "$repo/off/s.json")
has 'staffing/over-quota'; has 'meta/year-range'
what="--config with packs"; out=$("$JXLINT" --lang en --config "$repo/listed/.jxlint.json" "$repo/s.json")
has 'staffing/over-quota'
what="\"!core\""; out=$("$JXLINT" --lang en "$repo/not-core/s.json" 2>&1); rc=$?
[ $rc -eq 2 ] || fail "exit $rc, want 2"
has 'not-core/.jxlint.json:1:12: "!core": the core pack holds built-in checks and is always on'
has 'input/config'; hasnt 'meta/year-range'

# a rules directory: the plugins alone are not enough; a broken core.json stops the run
rules=$tmp/rules
mkdir "$rules"
cp "$ROOT/$BUILD"/rules.d/*.so "$rules/"
what="a rules directory without core.json"; out=$("$JXLINT" --lang en --rules-dir "$rules" "$repo/s.json" 2>&1); rc=$?
[ $rc -eq 2 ] || fail "exit $rc, want 2"
has "no core.json in this rules directory"; hasnt 'checked'
printf '{"pack": "core", "default": true, "rules": [{"id": "staffing/over-quota", "severity": "warning", "assert": "staffing.quota >", "message": {"zh": "甲", "en": "a"}}]}\n' > "$rules/core.json"
what="a broken core.json"; out=$("$JXLINT" --lang en --rules-dir "$rules" "$repo/s.json" 2>&1); rc=$?
[ $rc -eq 2 ] || fail "exit $rc, want 2"
has 'core.json:1:'; hasnt 'checked'
cp "$ROOT/$BUILD/rules.d/core.json" "$rules/core.json"
what="a rules directory with core.json"; out=$("$JXLINT" --lang en --rules-dir "$rules" "$repo/s.json" 2>&1) || fail "exit $?"
has 'staffing/over-quota'; has 'meta/year-range'
exit 0
