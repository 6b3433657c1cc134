# With --lang zh, a figure that cannot be read (input/figure), has the wrong unit (input/unit) or is not a number
# or a string (input/type) is reported in Chinese: each case's exact message, and no English word left in it
# (only JSON, UTF-8, true/false and what is quoted from the input), no ASCII : ; , ( ) " outside the quotes.
set -u
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
F=$ROOT/fixtures
w() { printf '%s\n' "$2" > "$tmp/$1.json"; }   # name, the submission
m() { w "$1" "{\"money_unit\":\"元\",\"expenditure\":{\"total\":$2}}"; }   # name, expenditure.total (money) as JSON
m fullwidth-comma '"1，000"'
m no-digits '"abc"'
m range '"1-7"'
m two-points '"1.2.3"'
m two-signs '"--5"'
m bracket-and-minus '"(-5)"'
m group-before '"1234,567"'
m group-after '"1,23"'
m leading-zero-comma '"0,123"'
m comma-then-nothing '"1,"'
m bare-point '"3."'
m comma-after-point '"1.5,0"'
m unclosed-bracket '"(5"'
m two-numbers '"5 6"'
m out-of-range '"1e999"'
m tiny '"1e-999"'
m digits-31 '"1234567890123456789012345678901"'
m nan '"NaN"'
m infinity '"-Infinity"'
m text-before '"x5"'
m text-after '"5元#"'
m both-bounds '">5以下"'
m long-unit '"5个单位的人员经费支出合计"'
m long-text "\"$(printf '%0300d' 1)\""
m bool 'true'
m object '{}'
m array '[1]'
m money-noun '"12斤"'
m money-percent '"12%"'
m money-permille '"3‰"'
w rate-money '{"money_unit":"元","expenditure":{"total":1},"budget":{"total":2},"rates":{"execution":"50元"}}'
w rate-noun '{"money_unit":"元","expenditure":{"total":1},"budget":{"total":2},"rates":{"execution":"50人"}}'
w count-percent '{"staffing":[{"category":"行政编制","quota":"3%","actual":2}]}'
w score-money '{"scores":{"name":"总分","max":100,"score":"5元","items":[{"name":"预算编制","max":100,"score":5}]}}'
w score-permille '{"scores":{"name":"总分","max":100,"score":"5‰","items":[{"name":"预算编制","max":100,"score":5}]}}'

T=$tmp
# file<TAB>rule<TAB>the whole message (the first finding of that rule that says checks were skipped)
cases="$T/fullwidth-comma.json	input/figure	支出合计：无法把“1，000”读成数字：数字中有全角逗号；依赖它的检查未执行
$T/no-digits.json	input/figure	支出合计：无法把“abc”读成数字：其中没有阿拉伯数字；依赖它的检查未执行
$T/range.json	input/figure	支出合计：无法把“1-7”读成数字：是一个范围，不是一个数；依赖它的检查未执行
$T/two-points.json	input/figure	支出合计：无法把“1.2.3”读成数字：有两个小数点；依赖它的检查未执行
$T/two-signs.json	input/figure	支出合计：无法把“--5”读成数字：数字前有两个正负号；依赖它的检查未执行
$T/bracket-and-minus.json	input/figure	支出合计：无法把“(-5)”读成数字：数字前有两个正负号；依赖它的检查未执行
$T/group-before.json	input/figure	支出合计：无法把“1234,567”读成数字：逗号前的数字组有 4 位（应为 1–3 位）；依赖它的检查未执行
$T/group-after.json	input/figure	支出合计：无法把“1,23”读成数字：逗号后的数字组有 2 位（应为 3 位）；依赖它的检查未执行
$T/leading-zero-comma.json	input/figure	支出合计：无法把“0,123”读成数字：以 0 开头的数字中有逗号；依赖它的检查未执行
$T/comma-then-nothing.json	input/figure	支出合计：无法把“1,”读成数字：逗号后面没有数字；依赖它的检查未执行
$T/bare-point.json	input/figure	支出合计：无法把“3.”读成数字：小数点后面没有数字；依赖它的检查未执行
$T/comma-after-point.json	input/figure	支出合计：无法把“1.5,0”读成数字：小数点后面有逗号；依赖它的检查未执行
$T/unclosed-bracket.json	input/figure	支出合计：无法把“(5”读成数字：缺少右括号；依赖它的检查未执行
$T/two-numbers.json	input/figure	支出合计：无法把“5 6”读成数字：有不止一个数；依赖它的检查未执行
$T/out-of-range.json	input/figure	支出合计：无法把“1e999”读成数字：数字超出范围；依赖它的检查未执行
$T/tiny.json	input/figure	支出合计：无法把“1e-999”读成数字：数字超出范围；依赖它的检查未执行
$T/digits-31.json	input/figure	支出合计：无法把“1234567890123456789012345678901”读成数字：超过 30 位有效数字；依赖它的检查未执行
$T/nan.json	input/figure	支出合计：无法把“NaN”读成数字：“NaN”不是数字；依赖它的检查未执行
$T/infinity.json	input/figure	支出合计：无法把“-Infinity”读成数字：“Infinity”不是数字；依赖它的检查未执行
$T/text-before.json	input/figure	支出合计：无法把“x5”读成数字：数字前面有多余的文字；依赖它的检查未执行
$T/text-after.json	input/figure	支出合计：无法把“5元#”读成数字：数字后面有多余的文字；依赖它的检查未执行
$T/both-bounds.json	input/figure	支出合计：无法把“>5以下”读成数字：同时写了下限和上限；依赖它的检查未执行
$T/long-unit.json	input/figure	支出合计：无法把“5个单位的人员经费支出合计”读成数字：数字后面的单位太长；依赖它的检查未执行
$T/long-text.json	input/figure	支出合计：无法把“000000000000000000000000000000000000000000000000000000000000…”读成数字：超过 256 字节；依赖它的检查未执行
$T/bool.json	input/type	支出合计：此处应为数字，却是 true/false；依赖它的检查未执行
$T/object.json	input/type	支出合计：此处应为数字，却是 JSON 对象；依赖它的检查未执行
$T/array.json	input/type	支出合计：此处应为数字，却是 JSON 数组；依赖它的检查未执行
$T/money-noun.json	input/unit	支出合计：“12斤”的单位是“斤”，此处应为金额；依赖它的检查未执行
$T/money-percent.json	input/unit	支出合计：“12%”是百分数，此处应为金额；依赖它的检查未执行
$T/money-permille.json	input/unit	支出合计：“3‰”是千分数，此处应为金额；依赖它的检查未执行
$T/rate-money.json	input/unit	预算执行率：“50元”是金额（元），此处应为比率；依赖它的检查未执行
$T/rate-noun.json	input/unit	预算执行率：“50人”的单位是“人”，此处应为比率；依赖它的检查未执行
$T/count-percent.json	input/unit	行政编制编制数：“3%”是百分数，此处应为数量；依赖它的检查未执行
$T/score-money.json	input/unit	总分：“5元”是金额（元），此处应为分值；依赖它的检查未执行
$T/score-permille.json	input/unit	总分：“5‰”是千分数，此处应为分值；依赖它的检查未执行
$F/input/fullwidth-comma.json	input/figure	基本支出：无法把“１，０００．５０”读成数字：数字中有全角逗号；依赖它的检查未执行
$F/input/hex-string.json	input/figure	预算总额：无法把“0x1F”读成数字：数字后面有多余的文字；依赖它的检查未执行
$F/input/unit-double-percent.json	input/figure	预算执行率：无法把“3%%”读成数字：数字后面有多余的文字；依赖它的检查未执行
$F/input/unit-dollar.json	input/unit	预算总额：“5美元”的单位是“美元”，此处应为金额；依赖它的检查未执行
$F/packs/core/over-quota-bad.json	input/figure	工勤人员实有数：无法把“3..0”读成数字：小数点后面没有数字；依赖它的检查未执行
$F/packs/mof-project/skipped-unreadable.json	input/figure	培训人次分值：无法把“五十”读成数字：其中没有阿拉伯数字；依赖它的检查未执行"

fails=0
while IFS='	' read -r file rule want; do
	out=$("$JXLINT" --lang zh "$file" 2>&1)
	line=$(printf '%s\n' "$out" | grep -F "[$rule]" | grep -F '依赖它的检查未执行' | head -1)
	got=$(printf '%s\n' "$line" | sed -n -E 's/^.*: (warning|error): (.*) \[input\/[a-z-]*\]$/\2/p')
	if [ "$got" != "$want" ]; then
		echo "${file#"$tmp"/}: want  $want"
		echo "${file#"$tmp"/}: got   ${got:-(no [$rule] finding) $out}"
		fails=$((fails + 1))
		continue
	fi
	# No English left: drop what is quoted from the input and the tokens kept as they are, then no word of
	# letters (nor English words cut short) and no ASCII punctuation where Chinese uses full-width forms.
	rest=$(printf '%s\n' "$got" | sed -e 's/“[^”]*”//g' -e 's/JSON\|UTF-8\|true\/false//g')
	if printf '%s\n' "$rest" | grep -Eq '[A-Za-z]{2,}|[:;,()"]|cannot|figure|expected'; then
		echo "${file#"$tmp"/}: English or ASCII punctuation in the zh message: $got"
		fails=$((fails + 1))
	fi
done <<EOF
$cases
EOF
# a value of the wrong JSON type (the schema's input/type): the kind it is, in Chinese too
out=$("$JXLINT" --lang zh "$F/input/wrong-types.json" 2>&1)
for want in '“staffing”应为数组，实为对象' '“year”应为整数，实为字符串' '“scores.items”应为数组，实为数值'; do
	printf '%s\n' "$out" | grep -qF "$want [input/type]" || { echo "wrong-types.json: no line $want"; fails=$((fails + 1)); }
done
[ $fails -eq 0 ] || { echo "$fails zh figure messages wrong"; exit 1; }
