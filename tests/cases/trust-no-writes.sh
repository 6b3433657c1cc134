# jxlint writes nowhere but stdout and stderr, whatever the submission asks: strace shows no open()
# for writing, no create/unlink/rename/mkdir/truncate/chmod/link, no write() to another descriptor,
# no sockets and no other program, over every fixture, every format, threads, text reports and extract.
set -u
command -v strace >/dev/null 2>&1 || { echo "no strace: cannot watch system calls; skipped"; exit 0; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$tmp/repo"
cat > "$tmp/repo/ask.json" <<JSON
{"money_unit": "元", "\$lint": {"output": "$tmp/out.txt", "baseline": "$tmp/baseline.json", "write": "$tmp/w", "fix": true,
  "cache": "$tmp/cache", "log": "$tmp/log", "disable": {}},
 "output": "$tmp/out2.txt", "report": "$tmp/r.sarif",
 "expenditure": {"basic": 1, "project": 2, "total": 4}}
JSON
before=$(cd "$tmp" && find . | LC_ALL=C sort)
calls=openat,open,openat2,creat,unlink,unlinkat,rename,renameat,renameat2,mkdir,mkdirat,rmdir,truncate,ftruncate,symlink,symlinkat,link,linkat,chmod,fchmod,fchmodat,chown,fchown,fchownat,lchown,utimensat,mknod,mknodat,write,writev,pwrite64,pwritev,sendfile,socket,connect,execve,execveat
check() { # description, then the command
	local what=$1; shift
	(cd "$tmp/repo" && strace -f -qq -e trace=$calls -o "$tmp/trace" "$@" >/dev/null 2>&1)
	local bad
	bad=$(grep -E 'open(at2?)?\(.*O_(WRONLY|RDWR|CREAT|TRUNC|APPEND)' "$tmp/trace" | grep -v ' = -1 ')
	[ -z "$bad" ] || { echo "$what: opened for writing:"; echo "$bad" | head -5; exit 1; }
	bad=$(grep -E '^[0-9]+ +(creat|unlink|unlinkat|rename|renameat2?|mkdir|mkdirat|rmdir|truncate|ftruncate|symlink|symlinkat|link|linkat|chmod|fchmod|fchmodat|chown|fchown|fchownat|lchown|utimensat|mknod|mknodat|socket|connect|execveat)\(' "$tmp/trace")
	[ -z "$bad" ] || { echo "$what: changed the file system or the network:"; echo "$bad" | head -5; exit 1; }
	bad=$(grep -E '^[0-9]+ +(write|writev|pwrite64|pwritev|sendfile)\(' "$tmp/trace" | grep -vE '^[0-9]+ +(write|writev)\([12], ')
	[ -z "$bad" ] || { echo "$what: wrote to a descriptor other than stdout/stderr:"; echo "$bad" | head -5; exit 1; }
	[ "$(grep -c 'execve(' "$tmp/trace")" = 1 ] || { echo "$what: ran another program:"; grep 'execve(' "$tmp/trace" | head; exit 1; }
}
check "a submission asking for output files" "$JXLINT" --lang en ask.json
check "every fixture, text" "$JXLINT" --lang zh "$ROOT/fixtures"
check "every fixture, JSON, 3 threads" "$JXLINT" -f json -j 3 "$ROOT/fixtures"
check "every fixture, SARIF, quiet" "$JXLINT" -f sarif -q "$ROOT/fixtures" "$ROOT/examples"
check "text reports" "$JXLINT" --lang en "$ROOT"/fixtures/text/*.txt
check "extract" "$JXLINT" extract "$ROOT/fixtures/text/000.txt"
check "bad inputs" "$JXLINT" --lang en "$ROOT"/fixtures/input/*.json
check "list rules" "$JXLINT" --list-rules
after=$(cd "$tmp" && find . ! -name trace | LC_ALL=C sort)
[ "$before" = "$(printf '%s\n' "$after" | grep -v '^\./trace$')" ] || { echo "files appeared:"; diff <(echo "$before") <(echo "$after"); exit 1; }
exit 0
