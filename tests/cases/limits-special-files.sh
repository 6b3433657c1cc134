# Inputs that are not plain files: a directory of symlink loops, dangling symlinks, a FIFO, /dev/zero,
# an unreadable file and directory, directories nested to RUN_MAX_DIR_DEPTH and one past. Nothing hangs
# (timeout 10), each gets a located input/read error, exit 2, every path is accounted for, and the good
# files next to them are linted.
set -u
tmp=$(mktemp -d)
trap 'chmod -R u+rwx "$tmp" 2>/dev/null; rm -rf "$tmp"' EXIT
good='{"money_unit": "元", "expenditure": {"basic": 1, "project": 2, "total": 4}}'
d="$tmp/tree"
mkdir -p "$d/sub/deeper"
printf '%s\n' "$good" > "$d/a.json"
printf '%s\n' "$good" > "$d/sub/deeper/b.json"
ln -s . "$d/self"                 # loop to itself
ln -s .. "$d/sub/deeper/up"       # loop to an ancestor
ln -s "$d" "$d/sub/root"          # loop to the top, by an absolute path
ln -s c2.json "$d/c1.json"        # a loop of two file symlinks
ln -s c1.json "$d/c2.json"
ln -s "$tmp/gone.json" "$d/dangling.json"
mkfifo "$d/pipe.json"

lint() { timeout 10 "$JXLINT" --lang en "$@"; }

out=$(lint "$d"); rc=$?
[ $rc -ne 124 ] || { echo "hung on the symlink tree"; exit 1; }
[ $rc -eq 2 ] || { echo "tree: exit $rc, want 2"; echo "$out"; exit 1; }
for f in a.json sub/deeper/b.json; do
	echo "$out" | grep -q "^$d/$f:1:.*\[funds/expenditure-total\]" || { echo "$f not linted:"; echo "$out"; exit 1; }
done
echo "$out" | grep -q "^$d/c1.json: error: cannot be read: cannot open: Too many levels of symbolic links \[input/read\]$" || { echo "c1 loop: $out"; exit 1; }
echo "$out" | grep -q "^$d/c2.json: error: cannot be read: cannot open: Too many levels of symbolic links \[input/read\]$" || { echo "c2 loop: $out"; exit 1; }
echo "$out" | grep -q "^$d/dangling.json: error: cannot be read: cannot open: No such file or directory \[input/read\]$" || { echo "dangling: $out"; exit 1; }
echo "$out" | grep -q "^$d/pipe.json: error: cannot be read: not a regular file" || { echo "fifo in a tree: $out"; exit 1; }
# each file once: the loops are not followed into a second copy
echo "$out" | grep -c 'b.json:1:[0-9]*: error' | grep -qx 1 || { echo "b.json reported more than once (loop followed)"; echo "$out"; exit 1; }
echo "$out" | tail -1 | grep -q '^6 files checked: .*4 unreadable' || { echo "summary: $(echo "$out" | tail -1)"; exit 1; }

# a FIFO nobody writes to, /dev/zero and /dev/urandom on the command line, with a good file after them
out=$(lint "$d/pipe.json" /dev/zero /dev/urandom "$d/a.json"); rc=$?
[ $rc -ne 124 ] || { echo "hung on a FIFO or a device"; exit 1; }
[ $rc -eq 2 ] || { echo "devices: exit $rc, want 2"; exit 1; }
for f in "$d/pipe.json" /dev/zero /dev/urandom; do
	echo "$out" | grep -q "^$f: error: cannot be read: not a regular file (a FIFO, device or socket is never read) \[input/read\]$" \
		|| { echo "no located message for $f:"; echo "$out"; exit 1; }
done
echo "$out" | grep -q "a.json:1:.*\[funds/expenditure-total\]" || { echo "the good file was not linted"; exit 1; }
echo "$out" | tail -1 | grep -q '^4 files checked: .*3 unreadable' || { echo "summary: $(echo "$out" | tail -1)"; exit 1; }

# a directory given as a file to read, and a path that does not exist
out=$(lint "$tmp/missing.json" "$d/a.json"); rc=$?
[ $rc -eq 2 ] && echo "$out" | grep -q "^$tmp/missing.json: error: cannot be read: cannot open: No such file or directory" \
	|| { echo "missing file: exit $rc"; echo "$out"; exit 1; }

# RUN_MAX_DIR_DEPTH (64): a directory 63 levels below the one given is walked, one at 64 is refused
# (a located input/read error standing for it) and the files above it are still linted
n="$tmp/nest"
p=$n
for i in $(seq 1 63); do p=$p/d$i; done
mkdir -p "$p/d64"
printf '%s\n' "$good" > "$p/at.json"
printf '%s\n' "$good" > "$p/d64/past.json"
out=$(lint "$n"); rc=$?
[ $rc -eq 2 ] || { echo "nesting: exit $rc, want 2"; exit 1; }
echo "$out" | grep -q "^$p/at.json:1:.*\[funds/expenditure-total\]" || { echo "the file 63 levels down was not linted"; exit 1; }
echo "$out" | grep -q "^$p/d64: error: cannot be read: directories nested too deep \[input/read\]$" || { echo "64 levels down: $out" | head -3; exit 1; }
echo "$out" | grep -q 'past.json' && { echo "a file past the nesting limit was linted"; exit 1; }
echo "$out" | tail -1 | grep -q '^2 files checked: .*1 unreadable' || { echo "nesting summary: $(echo "$out" | tail -1)"; exit 1; }

# unreadable file and directory. Root reads through chmod 000, so as root this part runs as nobody
# (setpriv); without setpriv it is skipped with a message (the looping and dangling symlinks above are
# the unreadable inputs root cannot read either).
as=()
if [ "$(id -u)" = 0 ]; then
	if command -v setpriv >/dev/null 2>&1 && setpriv --reuid=65534 --regid=65534 --clear-groups "$JXLINT" --version >/dev/null 2>&1; then
		as=(setpriv --reuid=65534 --regid=65534 --clear-groups)
		chmod 755 "$tmp"
	else
		echo "running as root without a usable setpriv: unreadable file/directory part skipped"
		exit 0
	fi
fi
mkdir "$tmp/locked"
printf '%s\n' "$good" > "$tmp/locked/x.json"
printf '%s\n' "$good" > "$tmp/noread.json"
printf '%s\n' "$good" > "$tmp/ok.json"
chmod 644 "$tmp/ok.json"
chmod 000 "$tmp/noread.json" "$tmp/locked"
out=$(timeout 10 "${as[@]}" "$JXLINT" --lang en "$tmp/noread.json" "$tmp/locked" "$tmp/ok.json"); rc=$?
[ $rc -eq 2 ] || { echo "unreadable: exit $rc, want 2"; echo "$out"; exit 1; }
echo "$out" | grep -q "^$tmp/noread.json: error: cannot be read: cannot open: Permission denied \[input/read\]$" || { echo "$out"; exit 1; }
echo "$out" | grep -q "^$tmp/locked: error: cannot be read: .*Permission denied" || { echo "$out"; exit 1; }
echo "$out" | grep -q "^$tmp/ok.json:1:.*\[funds/expenditure-total\]" || { echo "the readable file was not linted: $out"; exit 1; }
echo "$out" | tail -1 | grep -q '^3 files checked: .*2 unreadable' || { echo "summary: $(echo "$out" | tail -1)"; exit 1; }
exit 0
