# jxlint-test: once
# Discoverability: --list-rules shows every rule with its source (core, plugin, pack; opt-in packs
# marked); --explain RULE prints a pack rule's pack, formula and examples run live, and a built-in rule's
# section of docs/rules.md — from the build tree and from an installed jxlint alike.
set -u
cd "$ROOT"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
has() { printf '%s\n' "$out" | grep -qE -- "$1" || { echo "$what: no line matching $1"; printf '%s\n' "$out" | head -40; exit 1; }; }

what="--list-rules"; out=$("$JXLINT" --lang en --list-rules) || exit 1
has '^input/read +error +core +'
has '^pack/skipped +info +core +'
has '^funds/balance +error +plugin rules.d/funds.so +'
has '^mof/weights +info +pack rules.d/mof-project.json +a first-level weight'
has '^hunan/section-weight +warning +pack rules.d/hunan-dept.json \(opt-in\) +'
what="--list-rules --pack FILE"; out=$("$JXLINT" --lang en --list-rules --pack tests/packs/county-project.json) || exit 1
has '^county/execution-score +warning +pack tests/packs/county-project.json +'
what="--list-rules --rule"; out=$("$JXLINT" --lang en --list-rules --rule 'hunan/*=off') || exit 1
has '^hunan/section-weight +off +'
what="--list-rules in a repository"; out=$(cd fixtures/config/repo && "$JXLINT" --lang en --list-rules) || exit 1
has '^local/unit-named +info +pack .*rules/local.json +'

what="--explain a pack rule"; out=$("$JXLINT" --lang en --explain hunan/section-weight) || exit 1
has '^hunan/section-weight — warning — pack rules.d/hunan-dept.json \(opt-in\)$'
has '^Pack: hunan-dept — Hunan department-overall evaluation'
has '^Applies when: form == .department. and exists\(scores\)$'
has '^Formula:$'
has '^  assert  all n in scores.items where exists\(n.max\) and exists\(weight\(n\)\): n.max == weight\(n\)$'
has '^Example that breaks it:$'
has '^  → warning: 投入 is weighted 15; the Hunan department template weights it 10 \[hunan/section-weight\]$'
has '^Example that keeps it:$'
has '^  → no finding$'
what="--explain with lets"; out=$("$JXLINT" --lang en --explain guangdong/carryover-score) || exit 1
has '^  let     carry = first\(rates.carryover, balance.total / base\)$'
has '^  when    exists\(carry\)$'
what="--explain in Chinese"; out=$("$JXLINT" --lang zh --explain mof/execution-weight) || exit 1
has '^规则包：mof-project — 财政部项目支出绩效自评表'
has '^公式：$'
has "→ warning: 「预算执行率」分值为 5，全国项目支出绩效自评表规定为 10 分"
what="--explain a built-in rule"; out=$("$JXLINT" --lang en --explain funds/balance) || exit 1
has '^funds/balance — error — plugin rules.d/funds.so$'
has 'balance.total = income.total − expenditure.total'
what="--explain a core rule"; out=$("$JXLINT" --lang en --explain pack/skipped) || exit 1
has '^pack/skipped — info — core$'
has 'could not be checked on'
what="--explain a rule of a pack given on the command line"; out=$("$JXLINT" --lang en --pack tests/packs/county-project.json --explain county/execution-score) || exit 1
has '^  → warning: 预算执行率 scores 10, but an execution rate of 83.39% \(22516 ÷ 27000\) earns at most 8.34 \[county/execution-score\]$'
what="--explain an unknown rule"; "$JXLINT" --explain funds/balanse >"$tmp/out" 2>&1; rc=$?
[ $rc -eq 2 ] && grep -q "unknown rule 'funds/balanse'" "$tmp/out" || { echo "$what: exit $rc"; cat "$tmp/out"; exit 1; }

# installed: the packs in lib/jxlint/rules.d, the docs in share/doc/jxlint
make -s -C "$ROOT" install PREFIX="$tmp/usr" BUILD="$BUILD" >/dev/null || { echo "make install failed"; exit 1; }
ls "$tmp/usr/lib/jxlint/rules.d/"*.json >/dev/null 2>&1 || { echo "no packs installed"; exit 1; }
what="installed --explain"; out=$("$tmp/usr/bin/jxlint" --lang en --explain funds/balance) || exit 1
has 'balance.total = income.total − expenditure.total'
what="installed --list-rules"; out=$("$tmp/usr/bin/jxlint" --lang en --list-rules) || exit 1
has '^mof/weights +info +pack rules.d/mof-project.json'
what="installed lint with a pack"; out=$("$tmp/usr/bin/jxlint" --lang en --pack guangzhou-dept fixtures/packs/guangzhou-dept/seed-002.json)
has 'guangzhou/over-weight'
exit 0
