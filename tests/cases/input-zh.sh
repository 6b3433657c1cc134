# With --lang zh, the findings for unreadable input (input/json, input/encoding, input/too-large) give their
# reason in Chinese: each case's exact message, and no English word left in it (only JSON, UTF-8, null … tokens).
set -u
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
F=$ROOT/fixtures/input
w() { printf "$2" > "$tmp/$1"; }   # name, printf format of its bytes
w bad-escape.json '{"a": "x\\q"}\n'
w bad-escape-cjk.json '{"a": "\\中"}\n'
w bad-u.json '{"a": "\\u12G4"}\n'
w low-surrogate.json '{"a": "\\uDC00"}\n'
w tab-in-string.json '{"a": "x\ty"}\n'
w minus-infinity.json '{"a": -Infinity}\n'
w leading-zero.json '{"a": 012}\n'
w bare-point.json '{"a": 1.}\n'
w two-points.json '{"a": 1.2.3}\n'
w bare-exponent.json '{"a": 1e}\n'
w single-quoted-value.json '{"a": '"'x'"'}\n'
w bad-literal.json '{"a": tru}\n'
w eof-array.json '[1, 2'
w array-trailing-comma.json '[1,]\n'
w no-colon.json '{"a" 1}\n'
w array-no-comma.json '[1 2]\n'
w control-after-value.json '{"a": 1\001}\n'
w bom-bad-utf8.json '\357\273\277{"a": "\325"}\n'

# file<TAB>extra argument (- for none)<TAB>rule<TAB>the whole message
cases="$F/trailing-comma.json	-	input/json	JSON 格式错误：“}”前有多余的逗号
$F/single-quotes.json	-	input/json	JSON 格式错误：JSON 的键要用双引号，不能用单引号
$F/unterminated-string.json	-	input/json	JSON 格式错误：字符串中有换行（字符串缺少结尾的引号？）
$F/truncated-utf8.json	-	input/json	JSON 格式错误：字符串缺少结尾的引号
$F/unterminated-object.json	-	input/json	JSON 格式错误：文件意外结束：对象缺少结尾的“}”
$F/two-documents.json	-	input/json	JSON 格式错误：JSON 值之后还有多余内容：“{”
$F/hex-literal.json	-	input/json	JSON 格式错误：带千位分隔符、单位或 % 的数字必须写成 JSON 字符串（\"65,240,247.04\"）
$F/nan.json	-	input/json	JSON 格式错误：NaN/Infinity 不是 JSON 值；请写 null，或把数字写成字符串
$F/two-minus-literal.json	-	input/json	JSON 格式错误：“-”后面必须是数字
$F/comma-number.json	-	input/json	JSON 格式错误：此处应为双引号括起的键，却是“2”
$F/crlf-broken.json	-	input/json	JSON 格式错误：对象成员之后应为“,”或“}”，却是“\"”
$F/bom-only.json	-	input/json	JSON 格式错误：文档为空：没有 JSON 值
$F/lone-surrogate-escape.json	-	input/json	JSON 格式错误：\\u 转义是单独的高位代理（\\uD800-\\uDBFF），后面缺少与之配对的低位代理
$F/deep-nesting.json	-	input/json	JSON 格式错误：嵌套超过 128 层
$tmp/bad-escape.json	-	input/json	JSON 格式错误：字符串中的转义“\\q”无效
$tmp/bad-escape-cjk.json	-	input/json	JSON 格式错误：字符串中的转义“\\中”无效
$tmp/bad-u.json	-	input/json	JSON 格式错误：字符串中的 \\u 转义无效：应为四位十六进制数字
$tmp/low-surrogate.json	-	input/json	JSON 格式错误：\\u 转义是单独的低位代理（\\uDC00-\\uDFFF），前面缺少与之配对的高位代理
$tmp/tab-in-string.json	-	input/json	JSON 格式错误：字符串中有控制字符
$tmp/minus-infinity.json	-	input/json	JSON 格式错误：Infinity/NaN 不是 JSON 数字；请写 null，或把数字写成字符串
$tmp/leading-zero.json	-	input/json	JSON 格式错误：数字以 0 开头；如果这个 0 有意义，请写成字符串
$tmp/bare-point.json	-	input/json	JSON 格式错误：小数点后面必须是数字
$tmp/two-points.json	-	input/json	JSON 格式错误：数字中有两个小数点；请写成字符串
$tmp/bare-exponent.json	-	input/json	JSON 格式错误：指数部分没有数字
$tmp/single-quoted-value.json	-	input/json	JSON 格式错误：JSON 的字符串要用双引号，不能用单引号
$tmp/bad-literal.json	-	input/json	JSON 格式错误：此处应为一个值，却是“t”
$tmp/eof-array.json	-	input/json	JSON 格式错误：文件意外结束：数组缺少结尾的“]”
$tmp/array-trailing-comma.json	-	input/json	JSON 格式错误：“]”前有多余的逗号
$tmp/no-colon.json	-	input/json	JSON 格式错误：键之后应为“:”，却是“1”
$tmp/array-no-comma.json	-	input/json	JSON 格式错误：数组元素之后应为“,”或“]”，却是“2”
$tmp/control-after-value.json	-	input/json	JSON 格式错误：对象成员之后应为“,”或“}”，却是控制字符 0x01
$F/nul-byte.json	-	input/encoding	无法解码（字节偏移 11）：文本中有 NUL 字符（字节偏移 11）
$F/report-nul.txt	-	input/encoding	无法解码（字节偏移 19）：文本中有 NUL 字符（字节偏移 19）
$F/truncated-gbk.json	-	input/encoding	无法解码（字节偏移 10）：既不是 UTF-8（字节偏移 10 处无效），也不是 GB18030（按 GB18030 解码时，字节偏移 10 处的字节序列无效）
$F/gbk-truncated-at-eof.json	-	input/encoding	无法解码（字节偏移 30）：既不是 UTF-8（字节偏移 30 处无效），也不是 GB18030（按 GB18030 解码时，字节偏移 38 处的字符不完整）
$F/utf16-lone-surrogate.json	-	input/encoding	无法解码（字节偏移 22）：按 UTF-16LE 解码时，字节偏移 22 处的字节序列无效
$F/utf16-odd-bytes.json	-	input/encoding	无法解码（字节偏移 152）：按 UTF-16LE 解码时，字节偏移 152 处的字符不完整
$F/truncated-gbk.json	--encoding=UTF-8	input/encoding	无法解码（字节偏移 10）：字节偏移 10 处不是有效的 UTF-8
$F/truncated-gbk.json	--encoding=NO-SUCH-CODE	input/encoding	无法解码（字节偏移 0）：未知的编码“NO-SUCH-CODE”
$tmp/bom-bad-utf8.json	-	input/encoding	无法解码（字节偏移 10）：字节偏移 10 处不是有效的 UTF-8（文件以 UTF-8 BOM 开头）"

fails=0
while IFS='	' read -r file arg rule want; do
	if [ "$arg" = - ]; then
		out=$("$JXLINT" --lang zh "$file" 2>&1)
	else
		out=$("$JXLINT" --lang zh "$arg" "$file" 2>&1)
	fi
	line=$(printf '%s\n' "$out" | grep -F "[$rule]" | head -1)
	got=$(printf '%s\n' "$line" | sed -n 's/^.*: error: \(.*\) \[input\/[a-z-]*\]$/\1/p')
	if [ "$got" != "$want" ]; then
		echo "$file${arg#-}: want  $want"
		echo "$file${arg#-}: got   ${got:-(no [$rule] finding) $out}"
		fails=$((fails + 1))
		continue
	fi
	# No English left: drop what is quoted from the input and the tokens kept as they are, then no word of letters.
	rest=$(printf '%s\n' "$got" | sed -e 's/“[^”]*”//g' -e 's/\\u[0-9A-Fa-f]\{4\}//g' \
		-e 's/JSON\|UTF-8\|UTF-16LE\|UTF-16BE\|GB18030\|BOM\|NUL\|null\|NaN\|Infinity//g')
	if printf '%s\n' "$rest" | grep -Eq '[A-Za-z]{2,}|expected|invalid|unexpected|string'; then
		echo "$file${arg#-}: English in the zh message: $got"
		fails=$((fails + 1))
	fi
done <<EOF
$cases
EOF
[ $fails -eq 0 ] || { echo "$fails zh input messages wrong"; exit 1; }
