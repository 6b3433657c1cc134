# A repository's configuration can never load native code or read outside the repository:
# a real plugin named in "packs" (as .so, or renamed .json), a symbolic link that leads out, or a path
# outside — each is refused (exit 2, located), and with strace, never opened. --pack takes no .so either.
set -u
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
so="$ROOT/$BUILD/tests/plugins/sample.so"
[ -f "$so" ] || { echo "no $so (make builds it)"; exit 1; }
mkdir -p "$tmp/repo/rules" "$tmp/outside"
git -C "$tmp/repo" init -q 2>/dev/null || mkdir "$tmp/repo/.git"
cp "$so" "$tmp/repo/rules/sample.so"
cp "$so" "$tmp/repo/rules/disguised.json"
cp "$ROOT/fixtures/config/repo/rules/local.json" "$tmp/outside/p.json"
ln -s "$tmp/outside/p.json" "$tmp/repo/rules/link.json"
printf '{"unit": "测试单位", "money_unit": "元"}\n' > "$tmp/repo/a.json"

try() { # what, config text: the run must be refused, located, and sample/test-unit never run
	local what=$1
	printf '%s\n' "$2" > "$tmp/repo/.jxlint.json"
	(cd "$tmp/repo" && "$JXLINT" --lang en a.json >"$tmp/out" 2>"$tmp/err"); local rc=$?
	[ $rc -eq 2 ] || { echo "$what: exit $rc, want 2"; cat "$tmp/out" "$tmp/err"; exit 1; }
	grep -q '^jxlint: .jxlint.json:[0-9]*:[0-9]*: ' "$tmp/err" || { echo "$what: error not located:"; cat "$tmp/err"; exit 1; }
	grep -q 'sample/test-unit' "$tmp/out" && { echo "$what: the plugin ran"; exit 1; }
	if command -v strace >/dev/null 2>&1; then
		(cd "$tmp/repo" && strace -f -e trace=openat,open -o "$tmp/trace" "$JXLINT" --lang en a.json >/dev/null 2>&1)
		if grep -E 'sample\.so|disguised\.json|outside/p\.json' "$tmp/trace" | grep -v ' = -1 ' | grep -q .; then
			echo "$what: opened:"; grep -E 'sample\.so|disguised|outside' "$tmp/trace" | head -3; exit 1
		fi
	fi
	return 0
}
try "a plugin named in packs" '{"packs": ["rules/sample.so"]}'
grep -q 'cannot load native code' "$tmp/err" || { cat "$tmp/err"; exit 1; }
try "a plugin key" '{"plugins": ["rules/sample.so"]}'
try "a symbolic link out of the repository" '{"packs": ["rules/link.json"]}'
grep -q 'outside the repository' "$tmp/err" || { cat "$tmp/err"; exit 1; }
try "a path out of the repository" "{\"packs\": [\"../outside/p.json\", \"$tmp/outside/p.json\"]}"
[ "$(grep -c 'outside the repository' "$tmp/err")" = 2 ] || { cat "$tmp/err"; exit 1; }

# a plugin renamed .json inside the repository is read as a pack, found not to be JSON, refused; never dlopen'ed
printf '{"packs": ["rules/disguised.json"]}\n' > "$tmp/repo/.jxlint.json"
(cd "$tmp/repo" && "$JXLINT" --lang en a.json >"$tmp/out" 2>"$tmp/err"); rc=$?
[ $rc -eq 2 ] || { echo "disguised: exit $rc"; exit 1; }
grep -q 'native code is loaded only with --plugin' "$tmp/err" || { echo "disguised:"; cat "$tmp/err"; exit 1; }
grep -q 'sample/test-unit' "$tmp/out" && { echo "disguised: the plugin ran"; exit 1; }

# --pack is for packs; native code only with --plugin
"$JXLINT" --pack "$so" "$tmp/repo/a.json" >/dev/null 2>"$tmp/err"; rc=$?
[ $rc -eq 2 ] && grep -q 'native code (.so) is loaded with --plugin' "$tmp/err" || { echo "--pack .so: exit $rc"; cat "$tmp/err"; exit 1; }

# and the same plugin given explicitly still works: the refusals above are about where it came from
rm "$tmp/repo/.jxlint.json"
out=$(cd "$tmp/repo" && "$JXLINT" --lang en --plugin "$so" a.json)
echo "$out" | grep -q 'sample/test-unit' || { echo "--plugin: $out"; exit 1; }
exit 0
