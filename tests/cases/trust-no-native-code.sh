# A submission or a repository cannot make jxlint load native code: keys naming plugins or rule
# directories ("plugin", "$lint": {"plugin": …}, "rules_dir", in a file, a project or a config-looking
# file next to it), and shared objects placed beside the input, are never loaded. The planted
# library writes a marker from its constructor, so even a dlopen() that is later refused is caught.
set -u
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
repo="$tmp/repo"
mkdir -p "$repo/rules.d" "$repo/plugins" "$tmp/outside"
cat > "$tmp/evil.c" <<'C'
#include <fcntl.h>
#include <stdlib.h>
#include <unistd.h>
__attribute__((constructor)) static void pwn(void)
{
	const char *m = getenv("EVIL_MARKER");
	if (m) { int fd = open(m, O_WRONLY | O_CREAT, 0644); if (fd >= 0) close(fd); }
}
int jxlint_plugin_entry(void) { pwn(); return -1; }
C
${CC:-cc} -shared -fPIC -o "$tmp/evil.so" "$tmp/evil.c" || { echo "cannot build the planted library"; exit 1; }
for d in "$repo/rules.d" "$repo/plugins" "$repo" "$tmp/outside"; do cp "$tmp/evil.so" "$d/evil.so"; done
cp "$tmp/evil.so" "$repo/rules.d/zz.so"
export EVIL_MARKER="$tmp/PWNED"
# self-test: loading it really leaves the marker
"$JXLINT" --plugin "$tmp/evil.so" --version >/dev/null 2>&1
"$JXLINT" --plugin "$tmp/evil.so" /dev/null >/dev/null 2>&1
[ -e "$EVIL_MARKER" ] || { echo "self-test: the planted library did not leave its marker when loaded with --plugin"; exit 1; }
rm -f "$EVIL_MARKER"

E="$tmp/outside/evil.so"
cat > "$repo/sub.json" <<JSON
{"money_unit": "元", "unit": "测试单位",
 "plugin": "$E", "plugins": ["$E", "rules.d/evil.so", "evil.so"], "rules_dir": "$tmp/outside", "rules-dir": "rules.d",
 "\$lint": {"plugin": "$E", "plugins": ["evil.so"], "rules_dir": "rules.d", "load": "$E", "disable": {}},
 "\$plugin": "$E", "\$rules": "$E",
 "expenditure": {"basic": 1, "project": 2, "total": 4,
                 "\$lint": {"plugin": "$E"}},
 "projects": [{"project": "p", "plugin": "$E", "\$lint": {"plugin": "$E", "rules_dir": "$tmp/outside"}}]}
JSON
runs=("sub.json" "." "-f json sub.json" "-f sarif -j 2 ." "--quiet sub.json")
for args in "${runs[@]}"; do
	# shellcheck disable=SC2086
	out=$(cd "$repo" && "$JXLINT" --lang en $args 2>&1); rc=$?
	[ -e "$EVIL_MARKER" ] && { echo "'jxlint $args' in the repository ran the planted library's code"; exit 1; }
	echo "$out" | grep -q 'sample/\|evil' && { echo "'jxlint $args': a planted plugin was mentioned: $out"; exit 1; }
	[ $rc -eq 1 ] || { echo "'jxlint $args': exit $rc, want 1 (the real rules ran and found the error)"; echo "$out" | tail -3; exit 1; }
	echo "$out" | grep -q 'funds/expenditure-total' || { echo "'jxlint $args': the built-in rules did not run"; exit 1; }
done
# the keys are reported as unknown, not obeyed
out=$(cd "$repo" && "$JXLINT" --lang en sub.json)
echo "$out" | grep -q 'unknown key "plugin"' || { echo "the plugin key was not reported as unknown: $out"; exit 1; }

# config-looking files a repository might carry: refused or ignored, never obeyed
for c in .jxlint.json .jxlintrc jxlint.json .jxlint/config.json; do
	mkdir -p "$repo/$(dirname "$c")"
	printf '{"plugins": ["%s", "rules.d/evil.so"], "plugin": "%s", "rules_dir": "%s", "rules-dir": "rules.d"}\n' "$E" "$E" "$tmp/outside" > "$repo/$c"
done

for args in "${runs[@]}"; do
	# shellcheck disable=SC2086
	out=$(cd "$repo" && "$JXLINT" --lang en $args 2>&1); rc=$?
	[ -e "$EVIL_MARKER" ] && { echo "'jxlint $args' with a repository config ran the planted library's code"; exit 1; }
	case $rc in
	1) echo "$out" | grep -q 'funds/expenditure-total' || { echo "'jxlint $args' with config: the built-in rules did not run"; exit 1; } ;;
	2) echo "$out" | grep -q 'jxlint: .*jxlint.*cannot load native code' || { echo "'jxlint $args' with config: exit 2 without saying why: $out" | head -3; exit 1; } ;;
	*) echo "'jxlint $args' with config: exit $rc"; exit 1 ;;
	esac
done

# with strace: no evil.so is even opened, and nothing but the built-in rules directory is dlopen'ed
if command -v strace >/dev/null 2>&1; then
	(cd "$repo" && strace -f -e trace=openat,open -o "$tmp/trace" "$JXLINT" --lang en sub.json . >/dev/null 2>&1)
	grep -q 'evil\.so\|zz\.so' "$tmp/trace" && { echo "a planted library was opened:"; grep 'evil\.so\|zz\.so' "$tmp/trace" | head; exit 1; }
	rules=$(cd "$ROOT/$BUILD/rules.d" && pwd -P)
	bad=$(grep -oE 'open[a-z]*\([^"]*"[^"]*\.so(\.[0-9]+)*"' "$tmp/trace" | sed 's/.*"\(.*\)"/\1/' \
		| grep -v -e "^$rules/" -e "^$ROOT/$BUILD/rules.d/" -e '^/lib' -e '^/usr/lib' -e '^/usr/local/lib' || true)
	[ -z "$bad" ] || { echo "shared objects opened from outside the rules directory and system libraries:"; echo "$bad"; exit 1; }
else
	echo "no strace: the open() check is skipped (the marker check above still ran)"
fi
exit 0
