# jxlint never writes to an input: read-only copies lint fine and their bytes and times do not change.
set -eu
tmp=$(mktemp -d)
trap 'chmod -R u+w "$tmp"; rm -rf "$tmp"' EXIT
cp -r "$ROOT/fixtures/seeds" "$tmp/"
chmod -R a-w "$tmp/seeds"
before=$(cd "$tmp" && find seeds -type f -exec sha256sum {} + | sort; ls -l --time-style=full-iso -R seeds)
"$JXLINT" "$tmp/seeds" >/dev/null || true
"$JXLINT" -f json -j 3 "$tmp/seeds" >/dev/null || true
after=$(cd "$tmp" && find seeds -type f -exec sha256sum {} + | sort; ls -l --time-style=full-iso -R seeds)
[ "$before" = "$after" ]
