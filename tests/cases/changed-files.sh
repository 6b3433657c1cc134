# --changed[=REF] lints exactly the submissions git sees as changed: staged, unstaged and
# jxlint-test: once
# untracked (not ignored) against HEAD, or the working tree against a REF; deleted, hidden
# and ignored files are skipped; from a subdirectory paths are relative to it; paths narrow.
set -eu
command -v git >/dev/null || make -s -C "$ROOT" deps-test >&2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail() { echo "changed-files: $*"; exit 1; }
export GIT_CONFIG_NOSYSTEM=1 HOME=$tmp/home GIT_AUTHOR_NAME=t GIT_AUTHOR_EMAIL=t@example.invalid \
	GIT_COMMITTER_NAME=t GIT_COMMITTER_EMAIL=t@example.invalid
mkdir -p "$HOME"
bad='{"money_unit": "元", "expenditure": {"basic": 1000000, "project": 2000000, "total": 4000000}}'
good='{"money_unit": "元", "expenditure": {"basic": 1000000, "project": 2000000, "total": 3000000}}'

# The files jxlint linted, in its order: one line per file of --format json, plus the count.
linted() { # args...: run jxlint --format json from the current directory
	local out rc=0
	out=$("$JXLINT" --format json "$@" 2>"$tmp/err") || rc=$?
	[ "$rc" -le 1 ] || fail "jxlint $*: exit $rc: $(cat "$tmp/err")"
	printf '%s' "$out" | jq -r '"files: \(.summary.files)", (.findings[] | .file)' | uniq
}
expect() { # what-actual-should-be actual
	[ "$1" = "$2" ] || fail "$3: got
$2
want
$1"
}

repo=$tmp/repo
mkdir -p "$repo" && cd "$repo"
git init -q -b main .

# before the first commit: everything not ignored is changed
mkdir -p sub/deep other .hidden
printf '%s\n' "$bad" > a.json
expect "files: 1
a.json" "$(linted --changed)" "unborn HEAD"

for f in sub/b.json sub/deep/c.json other/d.json .hidden/e.json gone.json staged-gone.json; do printf '%s\n' "$bad" > "$f"; done
printf '%s\n' 'plain notes, no figures' > sub/notes.md
printf 'ignored.json\n' > .gitignore
git add -A && git commit -qm init
expect "files: 0" "$(linted --changed)" "clean work tree"

printf '%s \n' "$bad" > sub/b.json && git add sub/b.json            # staged
printf '%s  \n' "$bad" > other/d.json                                # unstaged
printf '%s\n' "$bad" > new.json                                      # untracked
printf '%s\n' "$bad" > ignored.json                                  # ignored
printf '%s\n' "$bad" > .hidden/f.json                                # hidden
printf '%s\n' "$bad" > sub/deep/c.txt.bak                            # not a submission
printf 'more notes\n' >> sub/notes.md                                # a report by its name
rm gone.json                                                         # deleted, unstaged
git rm -q staged-gone.json                                           # deleted, staged
printf '%s\n' "$bad" > "sub/名 字.json"                              # untracked, a name git would quote

expect "files: 5
new.json
other/d.json
sub/b.json
sub/notes.md
sub/名 字.json" "$(linted --changed)" "from the top"
# (sub/notes.md is linted too, as a report: nothing in it can be read, which is said — input/nothing-read)

cd sub
expect "files: 5
../new.json
../other/d.json
b.json
notes.md
名 字.json" "$(linted --changed)" "from a subdirectory"
expect "files: 3
b.json
notes.md
名 字.json" "$(linted --changed .)" "narrowed to ."
expect "files: 1
../other/d.json" "$(linted --changed ../other)" "narrowed to ../other"
expect "files: 1
b.json" "$(linted --changed "$repo/sub/b.json")" "narrowed to one file, absolute"
expect "files: 4
../new.json
../other/d.json
b.json
名 字.json" "$(linted --changed --input json)" "--input json leaves reports out"

# against a ref: the commit before is compared with the work tree (untracked files count too)
cd "$repo"
git add -A && git commit -qm second
printf '%s\n' "$good" > a.json && git commit -qam third
expect "files: 0" "$(linted --changed)" "after committing"
expect "files: 1" "$(linted --changed=HEAD~1)" "against HEAD~1 (a.json, now clean)"
expect "files: 6
new.json
other/d.json
sub/b.json
sub/notes.md
sub/名 字.json" "$(linted --changed=HEAD~2)" "against HEAD~2"
git checkout -q -b topic
printf '%s\n' "$bad" > other/d2.json && git add other/d2.json && git commit -qm topic
git checkout -q main && printf '%s\n' "$bad" > main-only.json && git add main-only.json && git commit -qm main && git checkout -q topic
expect "files: 1
other/d2.json" "$(linted '--changed=main...topic')" "a merge-base range"

# the exit code still follows the findings; a REF git does not know, or an option, is a tool error
rc=0; "$JXLINT" --changed=HEAD~1 >/dev/null 2>&1 || rc=$?
[ "$rc" = 1 ] || fail "--changed=HEAD~1 with an error: exit $rc, want 1"
rc=0; "$JXLINT" --changed=no-such-ref >/dev/null 2>&1 || rc=$?
[ "$rc" = 2 ] || fail "--changed=no-such-ref: exit $rc, want 2"
rc=0; "$JXLINT" "--changed=--output=$tmp/x" >/dev/null 2>&1 || rc=$?
[ "$rc" = 2 ] && [ ! -e "$tmp/x" ] || fail "--changed=--output=…: exit $rc, or it reached git"
rc=0; (cd "$tmp" && "$JXLINT" --changed >/dev/null 2>&1) || rc=$?
[ "$rc" = 2 ] || fail "--changed outside a work tree: exit $rc, want 2"
# a REF is one argument to git, never a shell word
rc=0; "$JXLINT" '--changed=HEAD;touch pwned' >/dev/null 2>&1 || rc=$?
[ "$rc" = 2 ] && [ ! -e pwned ] || fail "a REF with a shell metacharacter: exit $rc or it ran"
echo "changed-files: ok"
