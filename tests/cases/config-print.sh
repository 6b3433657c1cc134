# --print-config FILE shows the configuration a file gets: which file (nearest wins, --config,
# --no-config), the packs and who enabled them, the rule settings in order with where they came from,
# the ignore patterns and whether FILE is ignored, the tolerance, and the severity of every rule in force.
set -u
cd "$ROOT/fixtures/config"
has() { printf '%s\n' "$out" | grep -qF -- "$1" || { echo "$what: no line $1"; printf '%s\n' "$out" | head -30; exit 1; }; }
hasnt() { printf '%s\n' "$out" | grep -qF -- "$1" && { echo "$what: unexpected $1"; exit 1; }; return 0; }

what="nearest (two levels up)"; out=$("$JXLINT" --print-config repo/sub/deeper/c.json) || exit 1
has '"config": "repo/sub/.jxlint.json",'
has '"source": "nearest .jxlint.json",'
has '{"name": "mof-project", "installed": true, "enabled_by": "default"}'
hasnt '"hunan-dept"'
has '{"pattern": "scores/sum", "severity": "info", "set_by": "config"}'
has '"scores/sum": "info",'
has '"funds/unit-magnitude": "warning",'
has '"tolerance": {},'
hasnt '"hunan/section-weight"'

what="the repository's own"; out=$("$JXLINT" --rule 'scores/grade=info' --print-config repo/a.json) || exit 1
has '"config": "repo/.jxlint.json",'
has '{"name": "hunan-dept", "installed": true, "enabled_by": "config"}'
has '{"name": "local", "file": "repo/rules/local.json", "enabled_by": "config"}'
has '{"pattern": "scores/*", "severity": "warning", "set_by": "config"},'
has '{"pattern": "scores/grade", "severity": "info", "set_by": "command line"}'
has '"ignore": ["drafts/", "*.bak.json"],'
has '"tolerance": {"money": "1元"},'
has '"hunan/section-weight": "warning",'
has '"local/unit-named": "warning",'
has '"scores/grade": "info",'
has '"scores/sum": "warning",'
has '"funds/unit-magnitude": "off",'
has '"ignored": false,'

what="ignored"; out=$("$JXLINT" --print-config repo/drafts/ignored.json) || exit 1
has '"ignored": true,'

what="--config"; out=$("$JXLINT" --config forced.json --print-config repo/sub/b.json) || exit 1
has '"config": "forced.json",'
has '"source": "--config",'
has '"scores/sum": "off",'

what="--no-config"; out=$("$JXLINT" --no-config --pack hunan-dept --print-config repo/a.json) || exit 1
has '"config": null,'
has '"source": "--no-config",'
has '{"name": "hunan-dept", "installed": true, "enabled_by": "command line"}'
has '"rules": [],'

what="no configuration above"; out=$(cd "$ROOT/fixtures/packs" && "$JXLINT" --print-config custom/county-ok.json) || exit 1
has '"source": "none found",'

what="a refused configuration"; "$JXLINT" --print-config broken/a.json >/dev/null 2>&1; rc=$?
[ $rc -eq 2 ] || { echo "$what: exit $rc, want 2"; exit 1; }
exit 0
