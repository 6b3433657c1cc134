# A submission cannot make jxlint read files it was not given: there is no include mechanism, so keys
# that look like one ("$include", "$ref", "include", "source", paths in strings) open nothing, and a
# repository's .jxlint.json cannot name files outside the repository. With
# strace, every file opened is the input, the rules directory, a system library or gconv module, or
# something under the repository (a config); never the planted secrets outside it.
set -u
command -v strace >/dev/null 2>&1 || { echo "no strace: cannot watch open(); skipped"; exit 0; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
repo="$tmp/repo"
mkdir -p "$repo/sub" "$tmp/outside"
S="$tmp/outside/secret.json"
printf '{"money_unit": "元", "unit": "SECRET-UNIT", "expenditure": {"basic": 7, "project": 7, "total": 99}}\n' > "$S"
cat > "$repo/sub/a.json" <<JSON
{"money_unit": "元", "unit": "$S",
 "\$include": "$S", "\$ref": "file://$S", "include": ["$S", "../../outside/secret.json", "/etc/passwd"],
 "\$lint": {"include": "$S", "config": "$S", "baseline": "$S", "extends": "$S", "disable": {}},
 "source": "/etc/shadow", "file": "$S", "path": "../../outside/secret.json",
 "claims": [{"label": "$S", "text": "../../outside/secret.json", "source": "$S"}],
 "expenditure": {"basic": 1, "project": 2, "total": 4, "source": "$S"},
 "projects": [{"project": "p", "\$include": "$S", "source": "/etc/passwd"}]}
JSON
printf '报告：见 %s 与 /etc/passwd。\n一、预算执行率 100%%。\n' "$S" > "$repo/sub/report.txt"

allowed() { # path (relative ones are from the repository) -> 0 when a lint run may open it
	local p=$1
	case "$p" in /*) ;; *) p="$repo/$p" ;; esac
	case "$p" in
	"$repo"|"$repo"/*) return 0 ;;
	"$ROOT/$BUILD"/*|"$(cd "$ROOT/$BUILD" && pwd -P)"/*) return 0 ;;
	/etc/ld.so.cache|/lib/*|/lib64/*|/usr/lib/*|/usr/lib64/*|/usr/local/lib/*) return 0 ;;
	/proc/*|/sys/*|/dev/null|/dev/urandom|/dev/tty) return 0 ;;   # the C runtime and sanitizers
	/usr/share/locale/*|/usr/lib/locale/*) return 0 ;;
	*) return 1 ;;
	esac
}
check() { # description, then the command
	local what=$1; shift
	(cd "$repo" && strace -f -e trace=openat,open,openat2,creat,execve -o "$tmp/trace" "$@" >"$tmp/out" 2>&1)
	grep -q 'SECRET-UNIT\|root:' "$tmp/out" && { echo "$what: the output shows a planted secret"; exit 1; }
	if grep -E 'secret\.json|/etc/passwd|/etc/shadow' "$tmp/trace" | grep -v '^[0-9]* execve(' | grep -q .; then
		echo "$what: looked at a file it was not given:"; grep -E 'secret\.json|/etc/passwd|/etc/shadow' "$tmp/trace" | head -5; exit 1
	fi
	local p
	while IFS= read -r p; do
		allowed "$p" || { echo "$what: opened $p"; exit 1; }
	done < <(grep -E '^[0-9]+ +open(at2?)?\(' "$tmp/trace" | grep -v ' = -1 ' | sed -n 's/^[^"]*"\([^"]*\)".*/\1/p')
	[ "$(grep -c 'execve(' "$tmp/trace")" = 1 ] || { echo "$what: ran another program:"; grep 'execve(' "$tmp/trace"; exit 1; }
}
check "a submission" "$JXLINT" --lang en sub/a.json
check "a directory" "$JXLINT" --lang en -j 2 .
check "a text report" "$JXLINT" --lang en sub/report.txt
check "JSON and SARIF" "$JXLINT" -f sarif sub/a.json
check "extract" "$JXLINT" extract sub/report.txt

# a repository configuration naming packs and files outside the repository is refused, and they are not opened
printf '{"packs": ["%s", "../../outside/secret.json", "/etc/passwd"], "ignore": ["../outside/**"]}\n' "$S" > "$repo/.jxlint.json"
check "a configuration pointing outside" "$JXLINT" --lang en sub/a.json
rc=$(cd "$repo" && "$JXLINT" --lang en sub/a.json >/dev/null 2>&1; echo $?)
[ "$rc" = 2 ] || { echo "a configuration naming packs outside the repository: exit $rc, want 2 (refused)"; exit 1; }
rm "$repo/.jxlint.json"

# a symlink inside the given directory that leads out of it is not followed into the outside file
# (the secret is a submission with a wrong total: a funds finding on it means it was read)
ln -s "$S" "$repo/sub/link.json"
ln -s "$tmp/outside" "$repo/sub/linkdir"
(cd "$repo" && "$JXLINT" --lang en . >"$tmp/out" 2>&1)
if grep -E '(link\.json|linkdir/secret\.json):[0-9]+:[0-9]+: ' "$tmp/out" | grep -q 'funds/'; then
	echo "a symlink in the repository made jxlint read a file outside it (give it explicitly to lint it):"
	grep -E 'link\.json|linkdir' "$tmp/out" | head -4
	exit 1
fi
exit 0
