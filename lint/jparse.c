/* jparse.c — JSON text to a located document tree in one pass: positions, literals, readable errors. */
#include "jparse.h"
#include "jparse_escape.h"
#include "jparse_scan.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define JPARSE_KIDS_LOCAL 512   /* children of the open containers held on the C stack before the heap */
#define NO_DIRTY SIZE_MAX       /* parser.dirty: every continuation byte before i is in col0 */

typedef struct parser {
	const char *s;
	size_t n, i;
	int line;
	size_t col0;         /* the current line's first byte's offset - 1, plus its continuation bytes before `dirty` */
	size_t dirty;        /* the first string on this line whose bytes >= 0x80 are not counted yet, or NO_DIRTY */
	arena *a;
	char *own;           /* n + 1 bytes in the arena: each string and number is copied to its own offset here */
	jparse_err *err;
	size_t nvalues;
	jxl_node **kids;     /* the children of every open container, the innermost's last */
	size_t nk, capk;
	int kids_on_heap;
} parser;

/* What an object member's node takes from its key (all zero for items and the root). */
typedef struct member {
	const char *key;
	unsigned ktag;
	int kline, kcol;
} member;

void jparse_linecol(const char *s, size_t n, size_t off, int *line, int *col)
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

/* The column (in code points) of off, a value or key on the current line:
 * every byte before it on the line is a code point but the continuation
 * bytes, which only strings have (any other byte >= 0x80 stops the parse). */
static JPARSE_INLINE int col_of(parser *p, size_t off)
{
	if (p->dirty != NO_DIRTY) {
		p->col0 += count_cont((const unsigned char *)p->s, p->dirty, off);
		p->dirty = NO_DIRTY;
	}
	return (int)(off - p->col0);
}

/* Fill the error at off: en and zh say the same in English and in Chinese,
 * each a format with one %s, filled with arg_en and arg_zh (NULL: ""). */
static int fail2(parser *p, size_t off, const char *en, const char *arg_en, const char *zh, const char *arg_zh)
{
	p->err->off = off;
	jparse_linecol(p->s, p->n, off, &p->err->line, &p->err->col);
	snprintf(p->err->msg, sizeof p->err->msg, en, arg_en ? arg_en : "");
	snprintf(p->err->msg_zh, sizeof p->err->msg_zh, zh, arg_zh ? arg_zh : "");
	return -1;
}

/* The same argument (a number, a token) in both languages. */
static int fail(parser *p, size_t off, const char *en, const char *zh, const char *arg)
{
	return fail2(p, off, en, arg, zh, arg);
}

/* A line starts at off. */
static inline void new_line(parser *p, size_t off)
{
	p->line++;
	p->col0 = off - 1;
	p->dirty = NO_DIRTY;
}

static void skip_ws_run(parser *p)
{
	const char *s = p->s;
	size_t i = p->i, n = p->n;
	while (i < n) {
		char c = s[i];
		if (c == ' ' || c == '\t') {
			i++;
		} else if (c == '\n') {
			new_line(p, ++i);
			i = skip_spaces(s, i, n);
		} else if (c == '\r') {   /* CRLF: the LF ends the line; a lone CR ends it itself */
			if (i + 1 >= n || s[i + 1] != '\n')
				new_line(p, i + 1);
			i++;
		} else {
			break;
		}
	}
	p->i = i;
}

/* After ':' and ',': one space (": ", inline ", ") or a line break and indentation. */
static JPARSE_INLINE void skip_ws_sep(parser *p)
{
	const unsigned char *s = (const unsigned char *)p->s;
	size_t i = p->i;
	if (p->n - i >= 2 && s[i] == ' ' && s[i + 1] > ' ') {
		p->i = i + 1;
		return;
	}
	skip_ws_run(p);
}

/* Elsewhere most tokens follow one another directly. */
static JPARSE_INLINE void skip_ws(parser *p)
{
	if (p->i < p->n && (unsigned char)p->s[p->i] > ' ')
		return;
	skip_ws_sep(p);
}

/* Describe the character at i for a message, in Chinese when zh. */
static const char *what_at(const parser *p, size_t i, char *buf, size_t n, int zh)
{
	if (i >= p->n)
		return zh ? "文件末尾" : "the end of the file";
	unsigned char c = (unsigned char)p->s[i];
	if (c >= 0x20 && c < 0x7F)
		snprintf(buf, n, zh ? "“%c”" : "'%c'", c);
	else if (c >= 0x80) {
		size_t len = 1;
		while (i + len < p->n && len < 4 && ((unsigned char)p->s[i + len] & 0xC0) == 0x80)
			len++;
		snprintf(buf, n, zh ? "“%.*s”" : "'%.*s'", (int)len, p->s + i);
	} else
		snprintf(buf, n, zh ? "控制字符 0x%02X" : "control character 0x%02X", c);
	return buf;
}

/* The argument is the character at i, described in each language. */
static int fail_at(parser *p, size_t i, const char *en, const char *zh)
{
	char b_en[32], b_zh[32];
	return fail2(p, i, en, what_at(p, i, b_en, sizeof b_en, 0), zh, what_at(p, i, b_zh, sizeof b_zh, 1));
}

/* The closing quote of the string from start is at i. */
static JPARSE_INLINE void end_string(parser *p, size_t start, size_t i, uint64_t high)
{
	p->i = i + 1;
	if (high && p->dirty == NO_DIRTY)   /* its continuation bytes are counted if a column after it is asked for */
		p->dirty = start;
}

/* The rest of the string from start, whose plain bytes before i are copied
 * (high: whether any is >= 0x80): escapes, the errors, and what follows an
 * escape. Sets *escaped when there is an escape. */
static int scan_string_rest(parser *p, size_t start, size_t i, uint64_t high, int *escaped)
{
	const unsigned char *s = (const unsigned char *)p->s;
	p->i = i;
	while (p->i < p->n) {
		unsigned char c = s[p->i];
		if (c == '"') {
			end_string(p, start, p->i, high);
			return 0;
		}
		if (c == '\\') {
			*escaped = 1;
			if (p->i + 1 >= p->n)
				break;
			char e = p->s[p->i + 1];
			if (e == 'u') {
				long u = jparse_hex4(p->s, p->n, p->i + 2);
				if (u < 0)
					return fail(p, p->i, "invalid \\u escape in a string: four hex digits expected%s",
						    "字符串中的 \\u 转义无效：应为四位十六进制数字%s", NULL);
				if (u >= 0xDC00 && u <= 0xDFFF)
					return fail(p, p->i, "a \\u escape of a lone low surrogate (\\uDC00-\\uDFFF)%s",
						    "\\u 转义是单独的低位代理（\\uDC00-\\uDFFF），前面缺少与之配对的高位代理%s", NULL);
				if (u >= 0xD800 && u <= 0xDBFF) {   /* must be followed by its low half */
					long lo = p->i + 7 < p->n && p->s[p->i + 6] == '\\' && p->s[p->i + 7] == 'u' ? jparse_hex4(p->s, p->n, p->i + 8) : -1;
					if (lo < 0xDC00 || lo > 0xDFFF)
						return fail(p, p->i, "a \\u escape of a lone high surrogate (\\uD800-\\uDBFF) without its pair%s",
							    "\\u 转义是单独的高位代理（\\uD800-\\uDBFF），后面缺少与之配对的低位代理%s", NULL);
					p->i += 6;
				}
				p->i += 6;
				p->i = copy_plain(s, (unsigned char *)p->own, p->i, p->n, &high);
				continue;
			}
			if (!e || !strchr("\"\\/bfnrt", e)) {   /* strchr would find the terminating NUL */
				char b[3] = {'\\', e, 0}, bz[6] = {'\\', e, 0};   /* zh: the whole character after the backslash */
				for (size_t k = 2; k < 5 && p->i + k < p->n && ((unsigned char)p->s[p->i + k] & 0xC0) == 0x80; k++)
					bz[k] = p->s[p->i + k];
				return fail2(p, p->i, "invalid escape '%s' in a string", b, "字符串中的转义“%s”无效", bz);
			}
			p->i += 2;
			p->i = copy_plain(s, (unsigned char *)p->own, p->i, p->n, &high);
			continue;
		}
		if (c == '\n')
			return fail(p, p->i, "line break inside a string (unterminated string?)%s",
				    "字符串中有换行（字符串缺少结尾的引号？）%s", NULL);
		if (c < 0x20)
			return fail(p, p->i, "control character inside a string%s", "字符串中有控制字符%s", NULL);
		p->i++;
	}
	return fail(p, start, "unterminated string%s", "字符串缺少结尾的引号%s", NULL);
}

/* Scan the string at p->i (its opening quote) to just past its closing
 * quote, copying its plain bytes to the parser's copy; *escaped says
 * whether it has any backslash escape. Inline: most strings have none. */
static JPARSE_INLINE int scan_string(parser *p, int *escaped)
{
	size_t start = p->i;
	uint64_t high = 0;
	size_t i = copy_plain((const unsigned char *)p->s, (unsigned char *)p->own, start + 1, p->n, &high);
	*escaped = 0;
	if (i < p->n && p->s[i] == '"') {
		end_string(p, start, i, high);
		return 0;
	}
	return scan_string_rest(p, start, i, high, escaped);
}

/* The value of the string scanned from start to end (quotes included): its
 * place in the parser's copy, NUL-terminated over its closing quote,
 * unescaped where it stands. A \u0000 ends it, as a C string (*len stops
 * there too). */
static JPARSE_INLINE char *string_value(parser *p, size_t start, size_t end, int escaped, size_t *len)
{
	char *out = p->own + start + 1;
	if (escaped)
		return jparse_unescape(p->s + start + 1, end - start - 2, out, len);
	out[end - start - 2] = '\0';
	*len = end - start - 2;
	return out;
}

/* A number's literal copied to its offset in the parser's copy and
 * NUL-terminated over the delimiter after it (or at own[n]). */
static JPARSE_INLINE char *number_value(parser *p, size_t start, size_t end, size_t *len)
{
	char *out = p->own + start;
	if (p->n - start >= 16)   /* the usual short literal: one fixed-size copy within s[0..n) and own[0..n] */
		memcpy(out, p->s + start, 16);
	if (end - start > 16 || p->n - start < 16)
		memcpy(out, p->s + start, end - start);
	out[end - start] = '\0';
	*len = end - start;
	return out;
}

static int is_digit(char c) { return c >= '0' && c <= '9'; }

static JPARSE_INLINE int scan_number(parser *p)
{
	size_t st = p->i, i = p->i;
	const char *s = p->s;
	if (i < p->n && s[i] == '-')
		i++;
	if (i >= p->n || !is_digit(s[i])) {
		if (i + 3 <= p->n && (!strncmp(s + i, "Inf", 3) || !strncmp(s + i, "NaN", 3)))
			return fail(p, st, "%s is not a JSON number; write null, or the figure as a string",
				    "%s 不是 JSON 数字；请写 null，或把数字写成字符串", "Infinity/NaN");
		return fail(p, st, "'-' must be followed by a digit%s", "“-”后面必须是数字%s", NULL);
	}
	if (s[i] == '0' && i + 1 < p->n && is_digit(s[i + 1]))
		return fail(p, st, "number with a leading zero; write it as a string if the zero matters%s",
			    "数字以 0 开头；如果这个 0 有意义，请写成字符串%s", NULL);
	while (i < p->n && is_digit(s[i]))
		i++;
	if (i < p->n && s[i] == '.') {
		i++;
		if (i >= p->n || !is_digit(s[i]))
			return fail(p, i, "a decimal point must be followed by a digit%s", "小数点后面必须是数字%s", NULL);
		while (i < p->n && is_digit(s[i]))
			i++;
		if (i < p->n && s[i] == '.')
			return fail(p, i, "number with two decimal points; write it as a string%s", "数字中有两个小数点；请写成字符串%s", NULL);
	}
	if (i < p->n && (s[i] == 'e' || s[i] == 'E')) {
		i++;
		if (i < p->n && (s[i] == '+' || s[i] == '-'))
			i++;
		if (i >= p->n || !is_digit(s[i]))
			return fail(p, i, "exponent without digits%s", "指数部分没有数字%s", NULL);
		while (i < p->n && is_digit(s[i]))
			i++;
	}
	if (i < p->n && (s[i] == '%' || (unsigned char)s[i] >= 0x80 ||
			 (s[i] >= 'a' && s[i] <= 'z') || (s[i] >= 'A' && s[i] <= 'Z')))
		return fail(p, st, "a figure with separators, units or %% must be a JSON string (\"65,240,247.04\")%s",
			    "带千位分隔符、单位或 %% 的数字必须写成 JSON 字符串（\"65,240,247.04\"）%s", NULL);
	p->i = i;
	return 0;
}

/* true, false or null at p->i: its kind (JXL_BOOL or JXL_NULL) and *truth. */
static int scan_literal(parser *p, int *truth)
{
	static const char *const words[] = {"true", "false", "null"};
	for (size_t k = 0; k < 3; k++) {
		size_t len = strlen(words[k]);
		if (p->n - p->i >= len && !memcmp(p->s + p->i, words[k], len)) {
			p->i += len;
			*truth = k == 0;
			return k == 2 ? JXL_NULL : JXL_BOOL;
		}
	}
	if (p->n - p->i >= 3 && (!memcmp(p->s + p->i, "NaN", 3) || !memcmp(p->s + p->i, "Inf", 3)))
		return fail(p, p->i, "%s is not JSON; write null, or the figure as a string",
			    "%s 不是 JSON 值；请写 null，或把数字写成字符串", "NaN/Infinity");
	if (p->s[p->i] == '\'')
		return fail(p, p->i, "JSON strings use double quotes, not single quotes%s", "JSON 的字符串要用双引号，不能用单引号%s", NULL);
	return fail_at(p, p->i, "unexpected %s where a value was expected", "此处应为一个值，却是%s");
}

/* Room for one more child in p->kids, which starts on the C stack. */
static int grow_kids(parser *p, size_t off)
{
	size_t cap = p->capk * 2;
	jxl_node **k = p->kids_on_heap ? realloc(p->kids, cap * sizeof *k) : malloc(cap * sizeof *k);
	if (!k)
		return fail(p, off, "out of memory%s", "内存不足%s", NULL);
	if (!p->kids_on_heap)
		memcpy(k, p->kids, p->nk * sizeof *k);
	p->kids = k;
	p->capk = cap;
	p->kids_on_heap = 1;
	return 0;
}

/* A new node of kind for the value at off (column col), the next child of
 * parent (whose first child is p->kids[first]) or the root; NULL past the
 * value limit or out of memory. */
static JPARSE_INLINE jxl_node *new_node(parser *p, jxl_node *parent, size_t first, size_t off, int col, enum jxl_kind kind, const member *m)
{
	if (p->nvalues == JPARSE_MAX_VALUES) {
		p->err->limit = 1;
		fail(p, off, "more than %s values in one document: too large to check",
		     "一个文档中的值超过 %s 个：太大，无法检查", "2000000");
		return NULL;
	}
	p->nvalues++;
	if (parent && p->nk == p->capk && grow_kids(p, off))
		return NULL;
	jxl_node *nd = arena_alloc_raw(p->a, sizeof *nd);
	/* each field set once: a compound literal first clears the whole node (GCC: rep stos, 14 steps) */
	_Static_assert(sizeof(jxl_node) == 6 * sizeof(int) + 9 * sizeof(void *), "a new jxl_node field must be set here");
	nd->kind = kind;
	nd->ktag = m->ktag;
	nd->line = p->line;
	nd->col = col;
	nd->kline = m->kline;
	nd->kcol = m->kcol;
	nd->index = parent ? (int)(p->nk - first) : 0;
	nd->bval = 0;
	nd->sup_used = 0;
	nd->has_lint = 0;
	nd->key = m->key;
	nd->str = NULL;
	nd->slen = 0;
	nd->parent = parent;
	nd->kids = NULL;
	nd->nkids = 0;
	nd->figs = NULL;
	nd->more = NULL;
	if (parent)
		p->kids[p->nk++] = nd;
	return nd;
}

/* Is nd's key the string name, of length len? Its tag rules out nearly
 * every other name; a key with that tag is at least len bytes long (its
 * length is the tag's, modulo 65536), so comparing len + 1 bytes (with the
 * NUL) stays within it and is exact. */
static inline int is_key(const jxl_node *nd, const char *name, size_t len)
{
	return nd->ktag == doc_key_tag(name, len) && !memcmp(nd->key, name, len + 1);
}

/* nd's struct doc_more, made on first need. */
static struct doc_more *more_of(parser *p, jxl_node *nd)
{
	if (!nd->more)
		nd->more = arena_alloc(p->a, sizeof *nd->more);
	return nd->more;
}

/* The closing bracket of nd, whose children are p->kids[first..]: they
 * leave the stack for the arena. */
static void close_node(parser *p, jxl_node *nd, size_t first)
{
	size_t k = p->nk - first;
	if (k) {
		nd->kids = arena_alloc_raw(p->a, k * sizeof *nd->kids);
		memcpy(nd->kids, p->kids + first, k * sizeof *nd->kids);
	}
	nd->nkids = k;
	p->nk = first;
	if (nd->kind == JXL_OBJECT && is_key(nd, "disable", 7) && nd->parent && is_key(nd->parent, "$lint", 5))
		more_of(p, nd)->sup = sup_index_build(p->a, nd);
	if (nd->has_lint && nd->parent)   /* complete now that every child is closed */
		nd->parent->has_lint = 1;
}

/* Member m (value nd) of object o: its "$lint" and "source", the last of
 * each winning as for every duplicate key. */
static inline void note_member(parser *p, jxl_node *o, const jxl_node *nd)
{
	if (is_key(nd, "$lint", 5))
		more_of(p, o)->lint_member = nd, o->has_lint = 1;
	else if (is_key(nd, "source", 6))
		more_of(p, o)->source_member = nd;
}

/* The end of the text inside an object (1), an array (2) or before any value (0). */
static int fail_eof(parser *p, int in)
{
	static const char *const en[] = {"unexpected end of file: expected a value%s",
		"unexpected end of file: object not closed with '}'%s", "unexpected end of file: array not closed with ']'%s"};
	static const char *const zh[] = {"文件意外结束：应为一个值%s", "文件意外结束：对象缺少结尾的“}”%s",
		"文件意外结束：数组缺少结尾的“]”%s"};
	return fail(p, p->n, en[in], zh[in], NULL);
}

static int parse_container(parser *p, jxl_node *me, int depth);

/* The value at p->i (white space skipped, not at the end): member m (or an
 * item) of parent, at nesting depth (containers open around it). Inline in
 * parse_container: the recursion is one call per container, not per value. */
static JPARSE_INLINE jxl_node *parse_value(parser *p, jxl_node *parent, size_t first, const member *m, int depth)
{
	size_t at = p->i;
	char c = p->s[at];
	int col = col_of(p, at);   /* before a string's own bytes are counted */
	int kind, escaped = 0, truth = 0;
	if (c == '"') {
		kind = scan_string(p, &escaped) ? -1 : JXL_STRING;
	} else if (c == '-' || is_digit(c)) {
		kind = scan_number(p) ? -1 : JXL_NUMBER;
	} else if (c == '{' || c == '[') {
		kind = c == '{' ? JXL_OBJECT : JXL_ARRAY;
		if (depth >= JPARSE_MAX_DEPTH)
			kind = fail(p, at, "nesting deeper than %s levels", "嵌套超过 %s 层", "128");
	} else {
		kind = scan_literal(p, &truth);
	}
	jxl_node *nd;
	if (kind < 0 || !(nd = new_node(p, parent, first, at, col, (enum jxl_kind)kind, m)))
		return NULL;
	if (kind == JXL_STRING) {
		nd->str = string_value(p, at, p->i, escaped, &nd->slen);
	} else if (kind == JXL_NUMBER) {
		nd->str = number_value(p, at, p->i, &nd->slen);
	} else if (kind == JXL_OBJECT || kind == JXL_ARRAY) {
		p->i++;
		if (parse_container(p, nd, depth + 1))
			return NULL;
	} else {
		nd->bval = truth;
	}
	return nd;
}

/* The members or items of me, from just after its opening bracket to just
 * after its closing one. */
__attribute__((noinline)) static int parse_container(parser *p, jxl_node *me, int depth)
{
	const char *s = p->s;
	int obj = me->kind == JXL_OBJECT, in = obj ? 1 : 2;
	char close = obj ? '}' : ']';
	size_t first = p->nk;
	member m = {0};
	skip_ws(p);
	if (p->i >= p->n)
		return fail_eof(p, in);
	if (s[p->i] == close) {
		p->i++;
		close_node(p, me, first);
		return 0;
	}
	for (int nth = 0;; nth++) {
		if (obj) {
			char c = s[p->i];
			if (c != '"') {
				if (c == '}' && nth)
					return fail(p, p->i, "trailing comma before '}'%s", "“}”前有多余的逗号%s", NULL);
				if (c == '\'')
					return fail(p, p->i, "JSON keys use double quotes, not single quotes%s", "JSON 的键要用双引号，不能用单引号%s", NULL);
				return fail_at(p, p->i, "expected a key in double quotes, found %s", "此处应为双引号括起的键，却是%s");
			}
			size_t at = p->i, klen;
			int escaped;
			m.kline = p->line;
			m.kcol = col_of(p, at);
			if (scan_string(p, &escaped))
				return -1;
			m.key = string_value(p, at, p->i, escaped, &klen);
			m.ktag = doc_key_tag(m.key, klen);
			if (p->i >= p->n || s[p->i] != ':') {   /* the colon mostly follows its key directly */
				skip_ws(p);
				if (p->i >= p->n)
					return fail_eof(p, in);
				if (s[p->i] != ':')
					return fail_at(p, p->i, "expected ':' after the key, found %s", "键之后应为“:”，却是%s");
			}
			p->i++;
			skip_ws_sep(p);
			if (p->i >= p->n)
				return fail_eof(p, in);
		}
		jxl_node *nd = parse_value(p, me, first, &m, depth);
		if (!nd)
			return -1;
		if (obj)
			note_member(p, me, nd);
		skip_ws(p);
		if (p->i >= p->n)
			return fail_eof(p, in);
		char c = s[p->i];
		if (c == ',') {
			p->i++;
			skip_ws_sep(p);
			if (!obj && p->i < p->n && s[p->i] == ']')
				return fail(p, p->i, "trailing comma before ']'%s", "“]”前有多余的逗号%s", NULL);
			if (p->i >= p->n)
				return fail_eof(p, in);
			continue;
		}
		if (c == close) {
			p->i++;
			close_node(p, me, first);
			return 0;
		}
		if (obj)
			return fail_at(p, p->i, "expected ',' or '}' after an object member, found %s", "对象成员之后应为“,”或“}”，却是%s");
		return fail_at(p, p->i, "expected ',' or ']' after an array item, found %s", "数组元素之后应为“,”或“]”，却是%s");
	}
}

jxl_node *jparse(arena *a, const char *s, size_t n, jparse_err *err)
{
	jxl_node *local[JPARSE_KIDS_LOCAL];
	parser p = {.s = s, .n = n, .line = 1, .col0 = (size_t)-1, .dirty = NO_DIRTY, .a = a, .err = err, .kids = local, .capk = JPARSE_KIDS_LOCAL};
	const member none = {0};
	jxl_node *root = NULL;
	int rc;

	memset(err, 0, sizeof *err);
	p.own = arena_alloc_raw(a, n + 1);   /* filled value by value: only strings and numbers are ever read there */
	skip_ws(&p);
	if (p.i >= n)
		rc = fail(&p, p.i, "empty document: no JSON value%s", "文档为空：没有 JSON 值%s", NULL);
	else if (!(rc = (root = parse_value(&p, NULL, 0, &none, 0)) ? 0 : -1)) {
		skip_ws(&p);
		if (p.i < n)
			rc = fail_at(&p, p.i, "extra text after the JSON value: %s", "JSON 值之后还有多余内容：%s");
	}
	if (p.kids_on_heap)
		free(p.kids);
	return rc ? NULL : root;
}
