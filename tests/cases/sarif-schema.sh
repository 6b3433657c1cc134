# --format sarif validates against the SARIF 2.1.0 JSON schema (ajv, with the schema
# jxlint-test: once
# @microsoft/jest-sarif ships), over every kind of input — findings with and without a
# region, absolute and odd file names, zh, a baseline, rules turned off, no files — and
# carries what GitHub code scanning uses (rules, levels, locations, fingerprints, exit code).
set -eu
make -s -C "$ROOT" deps-test >&2
TOOLS=$ROOT/build/tools/node_modules
AJV=$TOOLS/.bin/ajv
SCHEMA=$TOOLS/@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail() { echo "sarif-schema: $*"; exit 1; }

# the schema is the 2.1.0 one (rtm.5 differs from the OASIS file only in its title, id and descriptions)
jq -e '.properties.version.enum == ["2.1.0"] and .definitions.result.properties.partialFingerprints != null' "$SCHEMA" >/dev/null ||
	fail "$SCHEMA is not the SARIF 2.1.0 schema"

validate() { # name: validates $tmp/name.sarif.json, prints ajv's verdict on failure
	local out
	out=$("$AJV" validate -s "$SCHEMA" -d "$tmp/$1.sarif.json" --schema-id=id --format=full --all-errors --errors=text 2>&1) ||
		fail "$1 does not validate against the SARIF 2.1.0 schema: $out"
	case $out in *" valid"*) ;; *) fail "$1: unexpected validator output: $out" ;; esac
}

sarif() { # name expected-exit args...: run jxlint, keep stdout, check the exit code
	local name=$1 want=$2 rc=0
	shift 2
	"$JXLINT" --format sarif "$@" > "$tmp/$name.sarif.json" 2>"$tmp/$name.err" || rc=$?
	[ "$rc" = "$want" ] || fail "$name: exit $rc, want $want: $(head -3 "$tmp/$name.err")"
	[ "$(jq -r '.runs[0].invocations[0].exitCode' "$tmp/$name.sarif.json")" = "$want" ] || fail "$name: invocations[0].exitCode is not $want"
	validate "$name"
}

cd "$ROOT"
# 1. the repository's inputs: examples, seeds, every broken input, text reports
sarif corpus 2 --lang en examples fixtures/seeds fixtures/input fixtures/text
"$JXLINT" --format json --lang en examples fixtures/seeds fixtures/input fixtures/text > "$tmp/corpus.json" 2>/dev/null || true
S=$tmp/corpus.sarif.json
n_sarif=$(jq '.runs[0].results | length' "$S")
n_json=$(jq '.findings | length' "$tmp/corpus.json")
[ "$n_sarif" -gt 50 ] || fail "corpus: only $n_sarif results"
[ "$n_sarif" = "$n_json" ] || fail "corpus: $n_sarif SARIF results but $n_json JSON findings"
[ "$(jq '[.runs[0].results[] | select(.locations[0].physicalLocation.region == null)] | length' "$S")" -gt 0 ] ||
	fail "corpus: no result without a region (the unreadable inputs) was exercised"
[ "$(jq '[.runs[0].results[] | select(.locations[0].physicalLocation.region != null)] | length' "$S")" -gt 0 ] ||
	fail "corpus: no result with a region"
# every result names its rule, and ruleIndex points at that rule
jq -e '.runs[0] as $r | all($r.results[]; $r.tool.driver.rules[.ruleIndex].id == .ruleId)' "$S" >/dev/null ||
	fail "corpus: a ruleIndex does not point at its ruleId"
# the levels are the JSON report's severities (error→error, warning→warning, info→note)
diff <(jq -r '.findings[] | {error: "error", warning: "warning", info: "note"}[.severity]' "$tmp/corpus.json") \
	<(jq -r '.runs[0].results[].level' "$S") >/dev/null || fail "corpus: levels differ from the JSON severities"
# what GitHub code scanning reads: rule help, descriptions, problem.severity; fingerprints; relative URIs
jq -e 'all(.runs[0].tool.driver.rules[]; (.help.text | length) > 0 and (.help.markdown | length) > 0 and
	(.shortDescription.text | length) > 0 and (.fullDescription.text | length) > 0 and
	.properties["problem.severity"] != null and .defaultConfiguration.level != null)' "$S" >/dev/null ||
	fail "corpus: a rule lacks help, descriptions or a default level"
jq -e 'all(.runs[0].results[]; (.partialFingerprints.primaryLocationLineHash | test("^[0-9a-f]{16}:[0-9]+$")) and
	(.message.text | length) > 0 and .locations[0].physicalLocation.artifactLocation.uriBaseId == "%SRCROOT%" and
	(.locations[0].physicalLocation.artifactLocation.uri | startswith("/") | not))' "$S" >/dev/null ||
	fail "corpus: a result lacks a fingerprint, a message or a relative URI"
[ "$(jq '[.runs[0].results[].partialFingerprints.primaryLocationLineHash] | (length == (unique | length))' "$S")" = true ] ||
	fail "corpus: two results share a primaryLocationLineHash"
[ "$(jq -r '.runs[0].invocations[0].executionSuccessful' "$S")" = false ] || fail "corpus: an unreadable input is not a failed execution"

# 2. a clean run, an error run; absolute paths and names that need percent-encoding; zh
mkdir -p "$tmp/in/子目录 a"
printf '{"money_unit": "元", "expenditure": {"basic": 1000000, "project": 2000000, "total": 3000000}}\n' > "$tmp/in/clean.json"
printf '{"money_unit": "元", "expenditure": {"basic": 1000000, "project": 2000000, "total": 4000000}}\n' > "$tmp/in/子目录 a/报告#1 %.json"
sarif clean 0 "$tmp/in/clean.json"
[ "$(jq '.runs[0].results | length' "$tmp/clean.sarif.json")" = 0 ] || fail "clean: results in a clean file"
[ "$(jq -r '.runs[0].invocations[0].executionSuccessful' "$tmp/clean.sarif.json")" = true ] || fail "clean: not successful"
sarif absolute 1 --lang zh "$tmp/in"
uri=$(jq -r '.runs[0].results[0].locations[0].physicalLocation.artifactLocation.uri' "$tmp/absolute.sarif.json")
case $uri in
	file:///*/%E5%AD%90%E7%9B%AE%E5%BD%95%20a/%E6%8A%A5%E5%91%8A%231%20%25.json) ;;
	*) fail "absolute: URI not a percent-encoded file:// URI: $uri" ;;
esac
[ "$(jq -r '.runs[0].language' "$tmp/absolute.sarif.json")" = zh-CN ] || fail "absolute: --lang zh is not language zh-CN"
(cd "$tmp/in" && "$JXLINT" --format sarif . > "$tmp/relative.sarif.json" 2>/dev/null) && fail "relative: exit 0 with an error"
validate relative
uri=$(jq -r '.runs[0].results[0].locations[0].physicalLocation.artifactLocation.uri' "$tmp/relative.sarif.json")
[ "$uri" = "%E5%AD%90%E7%9B%AE%E5%BD%95%20a/%E6%8A%A5%E5%91%8A%231%20%25.json" ] || fail "relative: URI $uri"
base=$(jq -r '.runs[0].originalUriBaseIds["%SRCROOT%"].uri' "$tmp/relative.sarif.json")
case $base in file:///*/) ;; *) fail "relative: %SRCROOT% is $base" ;; esac

# 3. rules turned off, warnings, no files at all, a file that is not there
sarif off 0 --rule 'funds/*=off' "$tmp/in"
jq -e '.runs[0].tool.driver.rules[] | select(.id == "funds/expenditure-total") | .defaultConfiguration.enabled == false' \
	"$tmp/off.sarif.json" >/dev/null || fail "off: a rule turned off is not enabled: false"
mkdir "$tmp/empty"
sarif nofiles 0 "$tmp/empty"
[ "$(jq '.runs[0].results | length' "$tmp/nofiles.sarif.json")" = 0 ] || fail "nofiles: results"
sarif missing 2 "$tmp/not-there.json"
jq -e '.runs[0].results[0] | .ruleId == "input/read" and .locations[0].physicalLocation.region == null' \
	"$tmp/missing.sarif.json" >/dev/null || fail "missing: not an input/read result without a region"

# 4. a baseline: the known finding is gone, the new one says baselineState new
cp "$tmp/in/clean.json" "$tmp/in/two.json"
"$JXLINT" --write-baseline "$tmp/base.json" "$tmp/in" >/dev/null 2>&1
printf '{"money_unit": "元", "expenditure": {"basic": 5000000, "project": 2000000, "total": 3000000}}\n' > "$tmp/in/two.json"
sarif baseline 1 --baseline "$tmp/base.json" "$tmp/in"
jq -e '.runs[0] | (.results | length) == 1 and .results[0].baselineState == "new" and .properties.baselined == 1' \
	"$tmp/baseline.sarif.json" >/dev/null || fail "baseline: want one new result and one baselined"

# 5. fingerprints survive moved lines; the region follows the figure
S1=$tmp/in/子目录\ a/报告#1\ %.json
(cd "$tmp/in" && "$JXLINT" --format sarif "子目录 a" > "$tmp/fp1.sarif.json" 2>/dev/null) || true
printf '\n\n\n' | cat - "$S1" > "$tmp/x" && mv "$tmp/x" "$S1"
(cd "$tmp/in" && "$JXLINT" --format sarif "子目录 a" > "$tmp/fp2.sarif.json" 2>/dev/null) || true
validate fp2
[ "$(jq -c '[.runs[0].results[].partialFingerprints]' "$tmp/fp1.sarif.json")" = \
	"$(jq -c '[.runs[0].results[].partialFingerprints]' "$tmp/fp2.sarif.json")" ] || fail "fingerprints moved with the lines"
l1=$(jq '.runs[0].results[0].locations[0].physicalLocation.region.startLine' "$tmp/fp1.sarif.json")
l2=$(jq '.runs[0].results[0].locations[0].physicalLocation.region.startLine' "$tmp/fp2.sarif.json")
[ "$l2" = $((l1 + 3)) ] || fail "region did not follow the figure: line $l1 then $l2"

# 6. the validator really validates: a broken log is refused
jq '.runs[0].results[0].level = "fatal" | del(.runs[0].tool.driver.name)' "$S" > "$tmp/broken.sarif.json"
if "$AJV" validate -s "$SCHEMA" -d "$tmp/broken.sarif.json" --schema-id=id --format=full --errors=text >/dev/null 2>&1; then
	fail "the validator accepted a log with level \"fatal\" and no driver name"
fi
echo "sarif-schema: all SARIF logs valid"
