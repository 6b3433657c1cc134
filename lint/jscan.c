/* jscan.c — a validating scan of JSON text: where every value starts, the literal of every number, readable errors. */
#include "jscan.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct scan {
	const char *s;
	size_t n, i;
	int line;
	size_t line_start;   /* offset of the current line's first byte */
	size_t col_off;      /* a position on this line whose column is known… */
	int col_at;          /* …and that column */
	jscan_pos *pos;
	size_t npos, cap;
	jscan_err *err;
} scan;

void jscan_linecol(const char *s, size_t n, size_t off, int *line, int *col)
{
	int l = 1, c = 1;
	for (size_t i = 0; i < off && i < n; i++) {
		if (s[i] == '\n' || (s[i] == '\r' && (i + 1 >= n || s[i + 1] != '\n'))) {   /* LF, CRLF or a lone CR */
			l++;
			c = 1;
		} else if (((unsigned char)s[i] & 0xC0) != 0x80) {
			c++;
		}
	}
	*line = l;
	*col = c;
}

static int col_of(scan *sc, size_t off)
{
	size_t i = sc->line_start;
	int c = 1;
	if (sc->col_at > 0 && sc->col_off >= sc->line_start && sc->col_off <= off) {   /* count on from the last position */
		i = sc->col_off;
		c = sc->col_at;
	}
	for (; i < off; i++)
		c += ((unsigned char)sc->s[i] & 0xC0) != 0x80;
	sc->col_off = off;
	sc->col_at = c;
	return c;
}

/* Fill the error at off: en and zh say the same in English and in Chinese,
 * each a format with one %s, filled with arg_en and arg_zh (NULL: ""). */
static int fail2(scan *sc, size_t off, const char *en, const char *arg_en, const char *zh, const char *arg_zh)
{
	sc->err->off = off;
	jscan_linecol(sc->s, sc->n, off, &sc->err->line, &sc->err->col);
	snprintf(sc->err->msg, sizeof sc->err->msg, en, arg_en ? arg_en : "");
	snprintf(sc->err->msg_zh, sizeof sc->err->msg_zh, zh, arg_zh ? arg_zh : "");
	return -1;
}

/* The same argument (a number, a token) in both languages. */
static int fail(scan *sc, size_t off, const char *en, const char *zh, const char *arg)
{
	return fail2(sc, off, en, arg, zh, arg);
}

static void skip_ws(scan *sc)
{
	while (sc->i < sc->n) {
		char c = sc->s[sc->i];
		if (c == '\n' || (c == '\r' && (sc->i + 1 >= sc->n || sc->s[sc->i + 1] != '\n'))) {   /* LF, CRLF, lone CR */
			sc->line++;
			sc->line_start = sc->i + 1;
		} else if (c != ' ' && c != '\t' && c != '\r') {
			return;
		}
		sc->i++;
	}
}

/* Describe the character at i for a message, in Chinese when zh. */
static const char *what_at(const scan *sc, size_t i, char *buf, size_t n, int zh)
{
	if (i >= sc->n)
		return zh ? "文件末尾" : "the end of the file";
	unsigned char c = (unsigned char)sc->s[i];
	if (c >= 0x20 && c < 0x7F)
		snprintf(buf, n, zh ? "“%c”" : "'%c'", c);
	else if (c >= 0x80) {
		size_t len = 1;
		while (i + len < sc->n && len < 4 && ((unsigned char)sc->s[i + len] & 0xC0) == 0x80)
			len++;
		snprintf(buf, n, zh ? "“%.*s”" : "'%.*s'", (int)len, sc->s + i);
	} else
		snprintf(buf, n, zh ? "控制字符 0x%02X" : "control character 0x%02X", c);
	return buf;
}

/* The argument is the character at i, described in each language. */
static int fail_at(scan *sc, size_t i, const char *en, const char *zh)
{
	char b_en[32], b_zh[32];
	return fail2(sc, i, en, what_at(sc, i, b_en, sizeof b_en, 0), zh, what_at(sc, i, b_zh, sizeof b_zh, 1));
}

static int push_pos(scan *sc, size_t off, size_t len, int kline, int kcol)
{
	if (sc->npos == JSCAN_MAX_VALUES) {
		sc->err->limit = 1;
		return fail(sc, off, "more than %s values in one document: too large to check",
			    "一个文档中的值超过 %s 个：太大，无法检查", "2000000");
	}
	if (sc->npos == sc->cap) {
		size_t cap = sc->cap ? sc->cap * 2 : 64;
		jscan_pos *p = realloc(sc->pos, cap * sizeof *p);
		if (!p)
			return fail(sc, off, "out of memory%s", "内存不足%s", NULL);
		sc->pos = p;
		sc->cap = cap;
	}
	jscan_pos *p = &sc->pos[sc->npos++];
	p->off = off;
	p->len = len;
	p->line = sc->line;
	p->col = col_of(sc, off);
	p->kline = kline;
	p->kcol = kcol;
	return 0;
}

/* The value of four hex digits at off, or -1. */
static long hex4(const scan *sc, size_t off)
{
	long v = 0;
	for (size_t k = 0; k < 4; k++) {
		char h = off + k < sc->n ? sc->s[off + k] : 0;
		int d = h >= '0' && h <= '9' ? h - '0' : h >= 'a' && h <= 'f' ? h - 'a' + 10 : h >= 'A' && h <= 'F' ? h - 'A' + 10 : -1;
		if (d < 0)
			return -1;
		v = v * 16 + d;
	}
	return v;
}

/* Does any of the eight bytes at p end a run of plain string bytes: '"',
 * '\\' or a control character (< 0x20)? (Bytes >= 0x80 are plain.) */
static int special8(const unsigned char *p)
{
	const uint64_t ones = 0x0101010101010101u, highs = 0x8080808080808080u;
	uint64_t w;
	memcpy(&w, p, 8);
	uint64_t q = w ^ (ones * '"'), b = w ^ (ones * '\\');
	uint64_t has_q = (q - ones) & ~q & highs;          /* a zero byte of q: a '"' */
	uint64_t has_b = (b - ones) & ~b & highs;          /* a backslash */
	uint64_t has_c = (w - ones * 0x20) & ~w & highs;   /* a byte below 0x20 */
	return (has_q | has_b | has_c) != 0;
}

static int scan_string(scan *sc)
{
	size_t start = sc->i++;
	const unsigned char *s = (const unsigned char *)sc->s;
	while (sc->i < sc->n) {
		size_t i = sc->i;   /* the plain bytes first: eight at a time, then one by one */
		while (sc->n - i >= 8 && !special8(s + i))
			i += 8;
		while (i < sc->n && s[i] >= 0x20 && s[i] != '"' && s[i] != '\\')
			i++;
		sc->i = i;
		if (i >= sc->n)
			break;
		unsigned char c = s[i];
		if (c == '"') {
			sc->i++;
			return 0;
		}
		if (c == '\\') {
			if (sc->i + 1 >= sc->n)
				break;
			char e = sc->s[sc->i + 1];
			if (e == 'u') {
				long u = hex4(sc, sc->i + 2);
				if (u < 0)
					return fail(sc, sc->i, "invalid \\u escape in a string: four hex digits expected%s",
						    "字符串中的 \\u 转义无效：应为四位十六进制数字%s", NULL);
				if (u >= 0xDC00 && u <= 0xDFFF)
					return fail(sc, sc->i, "a \\u escape of a lone low surrogate (\\uDC00-\\uDFFF)%s",
						    "\\u 转义是单独的低位代理（\\uDC00-\\uDFFF），前面缺少与之配对的高位代理%s", NULL);
				if (u >= 0xD800 && u <= 0xDBFF) {   /* must be followed by its low half */
					long lo = sc->i + 7 < sc->n && sc->s[sc->i + 6] == '\\' && sc->s[sc->i + 7] == 'u' ? hex4(sc, sc->i + 8) : -1;
					if (lo < 0xDC00 || lo > 0xDFFF)
						return fail(sc, sc->i, "a \\u escape of a lone high surrogate (\\uD800-\\uDBFF) without its pair%s",
							    "\\u 转义是单独的高位代理（\\uD800-\\uDBFF），后面缺少与之配对的低位代理%s", NULL);
					sc->i += 6;
				}
				sc->i += 6;
				continue;
			}
			if (!strchr("\"\\/bfnrt", e)) {
				char b[3] = {'\\', e, 0}, bz[6] = {'\\', e, 0};   /* zh: the whole character after the backslash */
				for (size_t k = 2; k < 5 && sc->i + k < sc->n && ((unsigned char)sc->s[sc->i + k] & 0xC0) == 0x80; k++)
					bz[k] = sc->s[sc->i + k];
				return fail2(sc, sc->i, "invalid escape '%s' in a string", b, "字符串中的转义“%s”无效", bz);
			}
			sc->i += 2;
			continue;
		}
		if (c == '\n')
			return fail(sc, sc->i, "line break inside a string (unterminated string?)%s",
				    "字符串中有换行（字符串缺少结尾的引号？）%s", NULL);
		if (c < 0x20)
			return fail(sc, sc->i, "control character inside a string%s", "字符串中有控制字符%s", NULL);
		sc->i++;
	}
	return fail(sc, start, "unterminated string%s", "字符串缺少结尾的引号%s", NULL);
}

static int is_digit(char c) { return c >= '0' && c <= '9'; }

static int scan_number(scan *sc)
{
	size_t st = sc->i, i = sc->i;
	const char *s = sc->s;
	if (i < sc->n && s[i] == '-')
		i++;
	if (i >= sc->n || !is_digit(s[i])) {
		if (i + 3 <= sc->n && (!strncmp(s + i, "Inf", 3) || !strncmp(s + i, "NaN", 3)))
			return fail(sc, st, "%s is not a JSON number; write null, or the figure as a string",
				    "%s 不是 JSON 数字；请写 null，或把数字写成字符串", "Infinity/NaN");
		return fail(sc, st, "'-' must be followed by a digit%s", "“-”后面必须是数字%s", NULL);
	}
	if (s[i] == '0' && i + 1 < sc->n && is_digit(s[i + 1]))
		return fail(sc, st, "number with a leading zero; write it as a string if the zero matters%s",
			    "数字以 0 开头；如果这个 0 有意义，请写成字符串%s", NULL);
	while (i < sc->n && is_digit(s[i]))
		i++;
	if (i < sc->n && s[i] == '.') {
		i++;
		if (i >= sc->n || !is_digit(s[i]))
			return fail(sc, i, "a decimal point must be followed by a digit%s", "小数点后面必须是数字%s", NULL);
		while (i < sc->n && is_digit(s[i]))
			i++;
		if (i < sc->n && s[i] == '.')
			return fail(sc, i, "number with two decimal points; write it as a string%s", "数字中有两个小数点；请写成字符串%s", NULL);
	}
	if (i < sc->n && (s[i] == 'e' || s[i] == 'E')) {
		i++;
		if (i < sc->n && (s[i] == '+' || s[i] == '-'))
			i++;
		if (i >= sc->n || !is_digit(s[i]))
			return fail(sc, i, "exponent without digits%s", "指数部分没有数字%s", NULL);
		while (i < sc->n && is_digit(s[i]))
			i++;
	}
	if (i < sc->n && (s[i] == '%' || (unsigned char)s[i] >= 0x80 ||
			  (s[i] >= 'a' && s[i] <= 'z') || (s[i] >= 'A' && s[i] <= 'Z')))
		return fail(sc, st, "a figure with separators, units or %% must be a JSON string (\"65,240,247.04\")%s",
			    "带千位分隔符、单位或 %% 的数字必须写成 JSON 字符串（\"65,240,247.04\"）%s", NULL);
	sc->i = i;
	return 0;
}

static int scan_literal(scan *sc)
{
	static const char *const words[] = {"true", "false", "null"};
	for (size_t k = 0; k < 3; k++) {
		size_t len = strlen(words[k]);
		if (sc->n - sc->i >= len && !memcmp(sc->s + sc->i, words[k], len)) {
			sc->i += len;
			return 0;
		}
	}
	if (sc->n - sc->i >= 3 && (!memcmp(sc->s + sc->i, "NaN", 3) || !memcmp(sc->s + sc->i, "Inf", 3)))
		return fail(sc, sc->i, "%s is not JSON; write null, or the figure as a string",
			    "%s 不是 JSON 值；请写 null，或把数字写成字符串", "NaN/Infinity");
	if (sc->s[sc->i] == '\'')
		return fail(sc, sc->i, "JSON strings use double quotes, not single quotes%s", "JSON 的字符串要用双引号，不能用单引号%s", NULL);
	return fail_at(sc, sc->i, "unexpected %s where a value was expected", "此处应为一个值，却是%s");
}

/* One value at sc->i (after white space). */
static int scan_scalar(scan *sc, int kline, int kcol)
{
	size_t st = sc->i;
	char c = sc->s[st];
	int rc;
	if (c == '"')
		rc = scan_string(sc);
	else if (c == '-' || is_digit(c))
		rc = scan_number(sc);
	else
		rc = scan_literal(sc);
	if (rc)
		return rc;
	return push_pos(sc, st, sc->i - st, kline, kcol);
}

int jscan(const char *s, size_t n, jscan_pos **pos, size_t *npos, jscan_err *err)
{
	scan sc = {.s = s, .n = n, .line = 1, .err = err};
	err->limit = 0;
	char stack[JSCAN_MAX_DEPTH + 1];
	int depth = 0;
	enum { VALUE, FIRST_MEMBER, MEMBER, COLON, AFTER, FIRST_ITEM } st = VALUE;
	int kline = 0, kcol = 0;
	int rc = 0;

	*pos = NULL;
	*npos = 0;
	skip_ws(&sc);
	if (sc.i >= n) {
		rc = fail(&sc, sc.i, "empty document: no JSON value%s", "文档为空：没有 JSON 值%s", NULL);
		goto out;
	}
	for (;;) {
		skip_ws(&sc);
		if (st == AFTER && depth == 0) {
			if (sc.i < n)
				rc = fail_at(&sc, sc.i, "extra text after the JSON value: %s", "JSON 值之后还有多余内容：%s");
			break;
		}
		if (sc.i >= n) {
			int k = depth == 0 ? 0 : stack[depth - 1] == '{' ? 1 : 2;
			static const char *const en[] = {"unexpected end of file: expected a value%s",
				"unexpected end of file: object not closed with '}'%s", "unexpected end of file: array not closed with ']'%s"};
			static const char *const zh[] = {"文件意外结束：应为一个值%s", "文件意外结束：对象缺少结尾的“}”%s",
				"文件意外结束：数组缺少结尾的“]”%s"};
			rc = fail(&sc, n, en[k], zh[k], NULL);
			break;
		}
		char c = s[sc.i];
		switch (st) {
		case FIRST_ITEM:
			if (c == ']') {
				sc.i++, depth--, st = AFTER;
				continue;
			}
			/* fall through */
		case VALUE:
			if (c == '{' || c == '[') {
				if (depth >= JSCAN_MAX_DEPTH) {
					rc = fail(&sc, sc.i, "nesting deeper than %s levels", "嵌套超过 %s 层", "128");
					goto out;
				}
				if ((rc = push_pos(&sc, sc.i, 1, kline, kcol)))
					goto out;
				stack[depth++] = c;
				sc.i++;
				st = c == '{' ? FIRST_MEMBER : FIRST_ITEM;
				kline = kcol = 0;
				continue;
			}
			if ((rc = scan_scalar(&sc, kline, kcol)))
				goto out;
			kline = kcol = 0;
			st = AFTER;
			continue;
		case FIRST_MEMBER:
			if (c == '}') {
				sc.i++, depth--, st = AFTER;
				continue;
			}
			/* fall through */
		case MEMBER:
			if (c != '"') {
				if (c == '}' && st == MEMBER)
					rc = fail(&sc, sc.i, "trailing comma before '}'%s", "“}”前有多余的逗号%s", NULL);
				else if (c == '\'')
					rc = fail(&sc, sc.i, "JSON keys use double quotes, not single quotes%s", "JSON 的键要用双引号，不能用单引号%s", NULL);
				else
					rc = fail_at(&sc, sc.i, "expected a key in double quotes, found %s", "此处应为双引号括起的键，却是%s");
				goto out;
			}
			kline = sc.line;
			kcol = col_of(&sc, sc.i);
			if ((rc = scan_string(&sc)))
				goto out;
			st = COLON;
			continue;
		case COLON:
			if (c != ':') {
				rc = fail_at(&sc, sc.i, "expected ':' after the key, found %s", "键之后应为“:”，却是%s");
				goto out;
			}
			sc.i++;
			st = VALUE;
			continue;
		case AFTER: {
			char open = stack[depth - 1];
			char close = open == '{' ? '}' : ']';
			if (c == ',') {
				sc.i++;
				st = open == '{' ? MEMBER : VALUE;
				if (open == '[') {
					skip_ws(&sc);
					if (sc.i < n && s[sc.i] == ']') {
						rc = fail(&sc, sc.i, "trailing comma before ']'%s", "“]”前有多余的逗号%s", NULL);
						goto out;
					}
				}
				continue;
			}
			if (c == close) {
				sc.i++, depth--;
				continue;
			}
			if (open == '{')
				rc = fail_at(&sc, sc.i, "expected ',' or '}' after an object member, found %s",
					     "对象成员之后应为“,”或“}”，却是%s");
			else
				rc = fail_at(&sc, sc.i, "expected ',' or ']' after an array item, found %s",
					     "数组元素之后应为“,”或“]”，却是%s");
			goto out;
		}
		}
	}
out:
	if (rc) {
		free(sc.pos);
		return -1;
	}
	*pos = sc.pos;
	*npos = sc.npos;
	return 0;
}
