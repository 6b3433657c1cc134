/* expr_lex.c — the tokens of the rule language: numbers as the submission writes them, strings, names, operators in ASCII, Unicode and full-width forms. */
#include "expr_int.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

/* ---- lexer ------------------------------------------------------------------ */

void *expr_fail_at(parser *p, size_t off, const char *fmt, ...)
{
	if (!p->failed) {
		p->failed = 1;
		p->err->off = off;
		va_list ap;
		va_start(ap, fmt);
		vsnprintf(p->err->msg, sizeof p->err->msg, fmt, ap);
		va_end(ap);
	}
	return NULL;
}

/* The code point at s[i], its byte length in *len (1 for a stray byte). */
unsigned expr_utf8_at(const char *s, size_t n, size_t i, size_t *len)
{
	const unsigned char *u = (const unsigned char *)s + i;
	size_t left = n - i;
	if (u[0] < 0x80 || left < 2) {
		*len = 1;
		return u[0];
	}
	if ((u[0] & 0xE0) == 0xC0 && (u[1] & 0xC0) == 0x80) {
		*len = 2;
		return (unsigned)(u[0] & 0x1F) << 6 | (u[1] & 0x3F);
	}
	if ((u[0] & 0xF0) == 0xE0 && left >= 3 && (u[1] & 0xC0) == 0x80 && (u[2] & 0xC0) == 0x80) {
		*len = 3;
		return (unsigned)(u[0] & 0x0F) << 12 | (unsigned)(u[1] & 0x3F) << 6 | (u[2] & 0x3F);
	}
	if ((u[0] & 0xF8) == 0xF0 && left >= 4 && (u[1] & 0xC0) == 0x80 && (u[2] & 0xC0) == 0x80 && (u[3] & 0xC0) == 0x80) {
		*len = 4;
		return (unsigned)(u[0] & 0x07) << 18 | (unsigned)(u[1] & 0x3F) << 12 | (unsigned)(u[2] & 0x3F) << 6 | (u[3] & 0x3F);
	}
	*len = 1;
	return 0xFFFD;
}

/* Non-ASCII code points that are operators or punctuation, never part of a name. */
static int is_punct_cp(unsigned cp)
{
	switch (cp) {
	case 0x00D7: case 0x00F7: case 0x2212: case 0x2264: case 0x2265: case 0x2260:  /* × ÷ − ≤ ≥ ≠ */
	case 0xFF08: case 0xFF09: case 0xFF0C: case 0xFF1A: case 0xFF1B:              /* （ ） ， ： ； */
	case 0x3001: case 0x3002: case 0x3000:                                         /* 、 。 ideographic space */
	case 0x201C: case 0x201D: case 0x2018: case 0x2019: case 0x300C: case 0x300D:  /* “ ” ‘ ’ 「 」 */
	case 0xFF3B: case 0xFF3D: case 0x3010: case 0x3011: case 0xFF05:               /* ［ ］ 【 】 ％ */
		return 1;
	default:
		return 0;
	}
}

static int name_start(unsigned cp)
{
	return (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') || cp == '_' || (cp >= 0x80 && !is_punct_cp(cp) && cp != 0xFFFD);
}

static int name_char(unsigned cp)
{
	return name_start(cp) || (cp >= '0' && cp <= '9');
}

static int is_digit_cp(unsigned cp)
{
	return (cp >= '0' && cp <= '9') || (cp >= 0xFF10 && cp <= 0xFF19);
}

static const struct { const char *word; enum tok tok; } keywords[] = {
	{"and", T_AND}, {"or", T_OR}, {"not", T_NOT}, {"all", T_ALL}, {"any", T_ANY}, {"none", T_NONE},
	{"in", T_IN}, {"where", T_WHERE}, {"true", T_TRUE}, {"false", T_FALSE}, {"null", T_NULL},
};

static int lex_string(parser *p, char quote)
{
	lexer *lx = &p->lx;
	size_t start = lx->i;
	char *out = arena_alloc(p->a, lx->n - start + 1);
	size_t k = 0;
	lx->i++;
	while (lx->i < lx->n && lx->s[lx->i] != quote) {
		char c = lx->s[lx->i];
		if (c == '\\' && lx->i + 1 < lx->n) {
			char e = lx->s[lx->i + 1];
			lx->i += 2;
			switch (e) {
			case 'n': out[k++] = '\n'; break;
			case 't': out[k++] = '\t'; break;
			case '\\': case '"': case '\'': out[k++] = e; break;
			default:
				expr_fail_at(p, lx->i - 2, "unknown escape '\\%c' in a string (use \\\\, \\\", \\', \\n or \\t)", e);
				return -1;
			}
			continue;
		}
		out[k++] = c;
		lx->i++;
	}
	if (lx->i >= lx->n) {
		expr_fail_at(p, start, "unterminated string: no closing %c", quote);
		return -1;
	}
	lx->i++;
	out[k] = '\0';
	lx->str = out;
	lx->slen = k;
	lx->tok = T_STR;
	return 0;
}

static int lex_figure(parser *p, size_t start, size_t end, size_t text_start)
{
	lexer *lx = &p->lx;
	num_err ne;
	int rc = num_parse(lx->s + start, end - start, &lx->num, &ne);
	if (rc == NUM_EMPTY)
		return expr_fail_at(p, text_start, "an empty figure"), -1;
	if (rc != NUM_OK)
		return expr_fail_at(p, start + (ne.offset < end - start ? ne.offset : 0), "cannot read '%.*s' as a number: %s",
			       (int)(end - start), lx->s + start, ne.msg), -1;
	lx->tok = T_NUM;
	return 0;
}

/* A number as written: digits, a decimal point, an exponent, then a unit,
 * magnitude or percent sign attached without a space (563.02万元, 87.93%). */
static int lex_number(parser *p)
{
	lexer *lx = &p->lx;
	size_t start = lx->i, len;
	while (lx->i < lx->n) {
		unsigned cp = expr_utf8_at(lx->s, lx->n, lx->i, &len);
		if (is_digit_cp(cp) || cp == '.' || cp == 0xFF0E)
			lx->i += len;
		else
			break;
	}
	if (lx->i < lx->n && (lx->s[lx->i] == 'e' || lx->s[lx->i] == 'E')) {
		size_t j = lx->i + 1;
		if (j < lx->n && (lx->s[j] == '+' || lx->s[j] == '-'))
			j++;
		if (j < lx->n && lx->s[j] >= '0' && lx->s[j] <= '9') {
			while (j < lx->n && lx->s[j] >= '0' && lx->s[j] <= '9')
				j++;
			lx->i = j;
		}
	}
	while (lx->i < lx->n) {   /* the attached unit */
		unsigned cp = expr_utf8_at(lx->s, lx->n, lx->i, &len);
		if (cp == '%' || cp == 0xFF05 || (name_char(cp) && !(cp >= '0' && cp <= '9')))
			lx->i += len;
		else
			break;
	}
	return lex_figure(p, start, lx->i, start);
}

int expr_next(parser *p)
{
	lexer *lx = &p->lx;
	if (p->failed)
		return -1;
	for (;;) {   /* blanks */
		size_t len;
		if (lx->i >= lx->n)
			break;
		unsigned cp = expr_utf8_at(lx->s, lx->n, lx->i, &len);
		if (cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r' || cp == 0x3000)
			lx->i += len;
		else
			break;
	}
	lx->off = lx->i;
	if (lx->i >= lx->n) {
		lx->tok = T_EOF;
		lx->len = 0;
		return 0;
	}
	const char *s = lx->s;
	char c = s[lx->i];
	char d = lx->i + 1 < lx->n ? s[lx->i + 1] : '\0';
	size_t len;
	unsigned cp = expr_utf8_at(s, lx->n, lx->i, &len);
	int rc = 0;
	enum tok t = T_EOF;
	size_t adv = 1;
	switch (c) {
	case '(': t = T_LP; break;
	case ')': t = T_RP; break;
	case '[': t = T_LB; break;
	case ']': t = T_RB; break;
	case ',': t = T_COMMA; break;
	case '.': t = T_DOT; break;
	case ':': t = T_COLON; break;
	case '$': t = T_DOLLAR; break;
	case '+': t = T_PLUS; break;
	case '-': t = T_MINUS; break;
	case '/': t = T_DIV; break;
	case '*':
		if (d == '*')
			t = T_STARSTAR, adv = 2;
		else
			t = T_MUL;
		break;
	case '=':
		if (d == '=')
			t = T_EQ, adv = 2;
		else
			t = T_ASSIGN;
		break;
	case '!':
		if (d == '=') {
			t = T_NE, adv = 2;
			break;
		}
		return expr_fail_at(p, lx->i, "'!' is not an operator: write 'not'"), -1;
	case '&':
		return expr_fail_at(p, lx->i, "'&' is not an operator: write 'and'"), -1;
	case '|':
		return expr_fail_at(p, lx->i, "'|' is not an operator: write 'or'"), -1;
	case '<':
		if (d == '=')
			t = T_LE, adv = 2;
		else
			t = T_LT;
		break;
	case '>':
		if (d == '=')
			t = T_GE, adv = 2;
		else
			t = T_GT;
		break;
	case '"': case '\'':
		rc = lex_string(p, c);
		lx->len = lx->i - lx->off;
		return rc;
	case '`': {
		const char *end = memchr(s + lx->i + 1, '`', lx->n - lx->i - 1);
		if (!end)
			return expr_fail_at(p, lx->i, "unterminated figure literal: no closing `"), -1;
		size_t from = lx->i + 1, to = (size_t)(end - s);
		lx->i = to + 1;
		rc = lex_figure(p, from, to, from - 1);
		lx->len = lx->i - lx->off;
		return rc;
	}
	default:
		switch (cp) {
		case 0x00D7: t = T_MUL; adv = len; break;     /* × */
		case 0x00F7: t = T_DIV; adv = len; break;     /* ÷ */
		case 0x2212: t = T_MINUS; adv = len; break;   /* − */
		case 0x2264: t = T_LE; adv = len; break;      /* ≤ */
		case 0x2265: t = T_GE; adv = len; break;      /* ≥ */
		case 0x2260: t = T_NE; adv = len; break;      /* ≠ */
		case 0xFF08: t = T_LP; adv = len; break;      /* （ */
		case 0xFF09: t = T_RP; adv = len; break;      /* ） */
		case 0xFF0C: t = T_COMMA; adv = len; break;   /* ， */
		case 0xFF1A: t = T_COLON; adv = len; break;   /* ： */
		default:
			if (is_digit_cp(cp)) {
				rc = lex_number(p);
				lx->len = lx->i - lx->off;
				return rc;
			}
			if (name_start(cp)) {
				size_t j = lx->i;
				while (j < lx->n) {
					unsigned c2 = expr_utf8_at(s, lx->n, j, &len);
					if (!name_char(c2))
						break;
					j += len;
				}
				lx->tok = T_NAME;
				for (size_t k = 0; k < sizeof keywords / sizeof *keywords; k++)
					if (strlen(keywords[k].word) == j - lx->i && !memcmp(keywords[k].word, s + lx->i, j - lx->i))
						lx->tok = keywords[k].tok;
				lx->len = j - lx->i;
				lx->i = j;
				return 0;
			}
			return expr_fail_at(p, lx->i, "unexpected character '%.*s'", (int)len, s + lx->i), -1;
		}
	}
	lx->tok = t;
	lx->i += adv;
	lx->len = adv;
	return 0;
}

const char *expr_tok_desc(const parser *p, char *buf, size_t n)
{
	const lexer *lx = &p->lx;
	if (lx->tok == T_EOF)
		return "the end";
	snprintf(buf, n, "'%.*s'", (int)(lx->len > 40 ? 40 : lx->len), lx->s + lx->off);
	return buf;
}

void *expr_unexpected(parser *p, const char *wanted)
{
	char b[64];
	return expr_fail_at(p, p->lx.off, "expected %s, found %s", wanted, expr_tok_desc(p, b, sizeof b));
}

/* Could k be written as a name in an expression (else it is printed ["k"])? */
int expr_is_plain_name(const char *k)
{
	size_t len, n = strlen(k);
	if (!n)
		return 0;
	for (size_t i = 0; i < n; i += len) {
		unsigned cp = expr_utf8_at(k, n, i, &len);
		if (i == 0 ? !name_start(cp) : !name_char(cp))
			return 0;
	}
	for (size_t k2 = 0; k2 < sizeof keywords / sizeof *keywords; k2++)
		if (!strcmp(keywords[k2].word, k))
			return 0;
	return 1;
}

