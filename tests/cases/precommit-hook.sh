# The pre-commit framework with this repository's .pre-commit-hooks.yaml, in a real git
# jxlint-test: once
# repository: a commit with an error-level finding is refused, a clean one is accepted,
# only the files the commit touches are linted, and a baseline lets legacy findings pass.
# Offline, as root, CI=true, no terminal: the hook repository is a file:// clone of HEAD.
set -eu
make -s -C "$ROOT" deps-test >&2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail() { echo "precommit-hook: $*"; [ -f "$tmp/out" ] && tail -20 "$tmp/out"; exit 1; }
export HOME=$tmp/home PRE_COMMIT_HOME=$tmp/cache GIT_CONFIG_NOSYSTEM=1 CI=true PRE_COMMIT_COLOR=never \
	GIT_AUTHOR_NAME=t GIT_AUTHOR_EMAIL=t@example.invalid GIT_COMMITTER_NAME=t GIT_COMMITTER_EMAIL=t@example.invalid
mkdir -p "$HOME" "$tmp/bin"
# jxlint on PATH: the built one (it finds its rules beside its real path), noting its arguments
printf '#!/bin/sh\nprintf "%%s\\n" "$*" >> "%s"\nexec "%s" "$@"\n' "$tmp/calls" "$JXLINT" > "$tmp/bin/jxlint"
chmod +x "$tmp/bin/jxlint"
export PATH="$tmp/bin:$PATH"

# the hook repository: jxlint's HEAD, with this work tree's .pre-commit-hooks.yaml if it differs
if ! git clone -q --depth 1 "file://$ROOT" "$tmp/hooks" 2>/dev/null; then
	git init -q "$tmp/hooks"              # not a git checkout (an unpacked tarball): the file alone
fi
if ! cmp -s "$ROOT/.pre-commit-hooks.yaml" "$tmp/hooks/.pre-commit-hooks.yaml"; then
	cp "$ROOT/.pre-commit-hooks.yaml" "$tmp/hooks/"
	git -C "$tmp/hooks" add .pre-commit-hooks.yaml
	git -C "$tmp/hooks" commit -qm "work tree's .pre-commit-hooks.yaml"
fi
rev=$(git -C "$tmp/hooks" rev-parse HEAD)

good='{"money_unit": "元", "expenditure": {"basic": 1000000, "project": 2000000, "total": 3000000}}'
bad='{"money_unit": "元", "expenditure": {"basic": 1000000, "project": 2000000, "total": 4000000}}'
warn='{"money_unit": "元", "staffing": [{"category": "行政编制", "quota": 5, "actual": 6}]}'

repo=$tmp/repo
mkdir -p "$repo/submissions" && cd "$repo"
git init -q -b main .
cat > .pre-commit-config.yaml <<EOF
repos:
  - repo: file://$tmp/hooks
    rev: $rev
    hooks:
      - id: jxlint
        args: [--lang, en]
EOF
printf '%s\n' "$good" > submissions/a.json
git add -A && git commit -qm "config and a clean submission"
pre-commit install > "$tmp/out" 2>&1 || fail "pre-commit install failed"
[ -x .git/hooks/pre-commit ] || fail "no .git/hooks/pre-commit"

head0=$(git rev-parse HEAD)
commit() { # message: git commit, output in $tmp/out; returns its exit code
	git commit -m "$1" > "$tmp/out" 2>&1
}

# 1. an error-level finding: refused, with the finding shown; nothing committed
printf '%s\n' "$bad" > submissions/b.json
git add submissions/b.json
if commit "bad figures"; then fail "a commit with an error-level finding was accepted"; fi
grep -q 'submissions/b.json:1:[0-9]*: error: .*\[funds/expenditure-total\]' "$tmp/out" || fail "the finding is not shown"
grep -q 'jxlint (预算绩效自评数据检查).*Failed' "$tmp/out" || fail "the jxlint hook did not fail"
[ "$(git rev-parse HEAD)" = "$head0" ] || fail "HEAD moved"

# 2. fixed: accepted, and the hook did run
printf '%s\n' "$good" > submissions/b.json
git add submissions/b.json
commit "fixed figures" || fail "a clean commit was refused"
grep -q 'jxlint (预算绩效自评数据检查).*Passed' "$tmp/out" || fail "the jxlint hook did not run on the clean commit"
[ "$(git rev-parse HEAD)" != "$head0" ] && git show --name-only HEAD | grep -q 'submissions/b.json' || fail "not committed"

# 3. only what the commit touches: a broken file left untracked, an unstaged error in a
#    tracked file, and warnings in the committed one do not stop it
printf '%s\n' "$bad" > submissions/wip.json
printf '%s\n' "$warn" > submissions/c.json
git add submissions/c.json
printf '%s\n' "$bad" > submissions/a.json          # modified, not staged: pre-commit stashes it
head1=$(git rev-parse HEAD)
: > "$tmp/calls"
commit "a submission with a warning" || fail "refused because of files the commit does not touch"
[ "$(cat "$tmp/calls")" = "--lang en submissions/c.json" ] || fail "jxlint was not run on the touched file alone: $(cat "$tmp/calls")"
[ "$(git rev-parse HEAD)" != "$head1" ] || fail "the commit with a warning was not made"
grep -q "$bad" submissions/a.json || fail "pre-commit lost the unstaged change"
git checkout -q submissions/a.json && rm submissions/wip.json
printf 'notes\n' > notes.txt && git add notes.txt
: > "$tmp/calls"
commit "no submissions" || fail "a commit without submissions was refused"
grep -q 'jxlint (预算绩效自评数据检查).*Skipped' "$tmp/out" && [ ! -s "$tmp/calls" ] || fail "the hook ran without submission files"

# 4. adopting on existing data: legacy errors committed past the hook, recorded in a baseline
printf '%s\n' "$bad" > submissions/legacy.json
git add submissions/legacy.json && git commit -qm "legacy data" --no-verify
jxlint --write-baseline .jxlint-baseline.json submissions >/dev/null 2>&1
sed -i 's/args: \[--lang, en\]/args: [--lang, en, --baseline, .jxlint-baseline.json]/' .pre-commit-config.yaml
printf '\n\n%s\n' "$bad" > submissions/legacy.json   # lines move, figures do not
git add -A
: > "$tmp/calls"
commit "baseline; legacy file reformatted" || fail "known findings in a touched file refused the commit"
[ "$(cat "$tmp/calls")" = "--lang en --baseline .jxlint-baseline.json submissions/legacy.json" ] ||
	fail "the hidden baseline file was linted, or the legacy file was not: $(cat "$tmp/calls")"
printf '%s\n' "${bad/4000000/5000000}" > submissions/legacy.json
git add submissions/legacy.json
if commit "a new mistake in the legacy file"; then fail "a new finding passed the baseline"; fi
grep -q 'submissions/legacy.json:1:[0-9]*: error: .*5000000' "$tmp/out" || fail "the new finding is not shown"
echo "precommit-hook: ok"
