/* expr.c — the rule-expression language of packs: lexer, table-driven precedence-climbing parser with a depth limit, name resolution. */
#include "expr.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

/* ---- lexer ------------------------------------------------------------------ */

enum tok {
	T_EOF = 0, T_NUM, T_STR, T_NAME, T_DOLLAR,
	T_LP, T_RP, T_LB, T_RB, T_COMMA, T_DOT, T_COLON, T_STARSTAR,
	T_PLUS, T_MINUS, T_MUL, T_DIV,
	T_EQ, T_NE, T_LT, T_LE, T_GT, T_GE, T_ASSIGN,
	T_AND, T_OR, T_NOT, T_ALL, T_ANY, T_NONE, T_IN, T_WHERE, T_TRUE, T_FALSE, T_NULL
};

typedef struct lexer {
	const char *s;
	size_t n, i;
	enum tok tok;
	size_t off, len;           /* the current token */
	num_fig num;               /* T_NUM */
	char *str;                 /* T_STR (decoded, in the arena) */
	size_t slen;
} lexer;

typedef struct parser {
	arena *a;
	lexer lx;
	int depth;
	expr_err *err;
	int failed;
} parser;

static void *fail_at(parser *p, size_t off, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static void *fail_at(parser *p, size_t off, const char *fmt, ...)
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
static unsigned utf8_at(const char *s, size_t n, size_t i, size_t *len)
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
				fail_at(p, lx->i - 2, "unknown escape '\\%c' in a string (use \\\\, \\\", \\', \\n or \\t)", e);
				return -1;
			}
			continue;
		}
		out[k++] = c;
		lx->i++;
	}
	if (lx->i >= lx->n) {
		fail_at(p, start, "unterminated string: no closing %c", quote);
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
		return fail_at(p, text_start, "an empty figure"), -1;
	if (rc != NUM_OK)
		return fail_at(p, start + (ne.offset < end - start ? ne.offset : 0), "cannot read '%.*s' as a number: %s",
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
		unsigned cp = utf8_at(lx->s, lx->n, lx->i, &len);
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
		unsigned cp = utf8_at(lx->s, lx->n, lx->i, &len);
		if (cp == '%' || cp == 0xFF05 || (name_char(cp) && !(cp >= '0' && cp <= '9')))
			lx->i += len;
		else
			break;
	}
	return lex_figure(p, start, lx->i, start);
}

static int next(parser *p)
{
	lexer *lx = &p->lx;
	if (p->failed)
		return -1;
	for (;;) {   /* blanks */
		size_t len;
		if (lx->i >= lx->n)
			break;
		unsigned cp = utf8_at(lx->s, lx->n, lx->i, &len);
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
	unsigned cp = utf8_at(s, lx->n, lx->i, &len);
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
		return fail_at(p, lx->i, "'!' is not an operator: write 'not'"), -1;
	case '&':
		return fail_at(p, lx->i, "'&' is not an operator: write 'and'"), -1;
	case '|':
		return fail_at(p, lx->i, "'|' is not an operator: write 'or'"), -1;
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
			return fail_at(p, lx->i, "unterminated figure literal: no closing `"), -1;
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
					unsigned c2 = utf8_at(s, lx->n, j, &len);
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
			return fail_at(p, lx->i, "unexpected character '%.*s'", (int)len, s + lx->i), -1;
		}
	}
	lx->tok = t;
	lx->i += adv;
	lx->len = adv;
	return 0;
}

static const char *tok_desc(const parser *p, char *buf, size_t n)
{
	const lexer *lx = &p->lx;
	if (lx->tok == T_EOF)
		return "the end";
	snprintf(buf, n, "'%.*s'", (int)(lx->len > 40 ? 40 : lx->len), lx->s + lx->off);
	return buf;
}

static void *unexpected(parser *p, const char *wanted)
{
	char b[64];
	return fail_at(p, p->lx.off, "expected %s, found %s", wanted, tok_desc(p, b, sizeof b));
}

/* ---- tree ------------------------------------------------------------------- */

static expr *node(parser *p, enum expr_kind k, size_t off)
{
	expr *e = arena_alloc(p->a, sizeof *e);
	e->kind = k;
	e->off = off;
	e->height = 1;
	return e;
}

/* Height of e from its children; -1 (with an error) past EXPR_MAX_HEIGHT. */
static int grow(parser *p, expr *e, const expr *const *kids, size_t n)
{
	int h = 0;
	for (size_t i = 0; i < n; i++)
		if (kids[i] && kids[i]->height > h)
			h = kids[i]->height;
	e->height = h + 1;
	if (e->height > EXPR_MAX_HEIGHT) {
		fail_at(p, e->off, "expression too deep: more than %d levels (a long chain of + or and? use sum() or split the rule)",
			EXPR_MAX_HEIGHT);
		return -1;
	}
	return 0;
}

static void finish(parser *p, expr *e)
{
	size_t end = p->lx.off;   /* the start of the token after it */
	while (end > e->off && (p->lx.s[end - 1] == ' ' || p->lx.s[end - 1] == '\t'))
		end--;
	e->len = end > e->off ? end - e->off : 0;
}

static const char *const fn_names[] = {NULL, "sum", "count", "min", "max", "abs", "round", "exists", "weight", "first"};

const char *expr_fn_name(int fn)
{
	return fn > 0 && fn < (int)(sizeof fn_names / sizeof *fn_names) ? fn_names[fn] : "?";
}

int expr_fn_lookup(const char *name, size_t len)
{
	for (int i = 1; i < (int)(sizeof fn_names / sizeof *fn_names); i++)
		if (strlen(fn_names[i]) == len && !memcmp(fn_names[i], name, len))
			return i;
	return 0;
}

/* Binary operators: left and right priority, as in Lua's lparser.c. */
static const struct { unsigned char left, right; } priority[] = {
	[OP_OR] = {1, 1}, [OP_AND] = {2, 2},
	[OP_EQ] = {4, 4}, [OP_NE] = {4, 4}, [OP_LT] = {4, 4}, [OP_LE] = {4, 4}, [OP_GT] = {4, 4}, [OP_GE] = {4, 4},
	[OP_ADD] = {10, 10}, [OP_SUB] = {10, 10},
	[OP_MUL] = {11, 11}, [OP_DIV] = {11, 11},
};
#define NOT_PRIORITY 3     /* not a == b is not (a == b); not a and b is (not a) and b */
#define UNARY_PRIORITY 12  /* -a * b is (-a) * b */

static int binop_of(enum tok t)
{
	switch (t) {
	case T_OR: return OP_OR;
	case T_AND: return OP_AND;
	case T_EQ: return OP_EQ;
	case T_NE: return OP_NE;
	case T_LT: return OP_LT;
	case T_LE: return OP_LE;
	case T_GT: return OP_GT;
	case T_GE: return OP_GE;
	case T_PLUS: return OP_ADD;
	case T_MINUS: return OP_SUB;
	case T_MUL: return OP_MUL;
	case T_DIV: return OP_DIV;
	default: return 0;
	}
}

static int is_cmp(int op)
{
	return op >= OP_EQ && op <= OP_GE;
}

static expr *subexpr(parser *p, int limit);

static int enter(parser *p)
{
	if (++p->depth > EXPR_MAX_DEPTH) {
		fail_at(p, p->lx.off, "expression nested too deeply (more than %d levels)", EXPR_MAX_DEPTH);
		return -1;
	}
	return 0;
}

static expr *literal(parser *p)
{
	lexer *lx = &p->lx;
	expr *e;
	switch (lx->tok) {
	case T_NUM:
		e = node(p, EX_NUM, lx->off);
		e->num = lx->num;
		e->str = arena_strndup(p->a, lx->s + lx->off, lx->len);
		e->slen = lx->len;
		break;
	case T_STR:
		e = node(p, EX_STR, lx->off);
		e->str = lx->str;
		e->slen = lx->slen;
		break;
	case T_TRUE: case T_FALSE:
		e = node(p, EX_BOOL, lx->off);
		e->bval = lx->tok == T_TRUE;
		break;
	case T_NULL:
		e = node(p, EX_NULL, lx->off);
		break;
	default:
		return NULL;
	}
	e->len = lx->len;
	next(p);
	return e;
}

/* [N], [-N], [*], ["key"], [field = literal], [field != literal] */
static int selector(parser *p, expr_seg *sg)
{
	lexer *lx = &p->lx;
	sg->off = lx->off;
	next(p);   /* [ */
	if (lx->tok == T_MUL) {
		sg->kind = SEG_STAR;
		next(p);
	} else if (lx->tok == T_NUM || lx->tok == T_MINUS) {
		int neg = lx->tok == T_MINUS;
		size_t at = lx->off;
		if (neg)
			next(p);
		dec v = lx->num.value;
		if (lx->tok != T_NUM || lx->num.unit != NUM_UNIT_NONE || lx->num.decimals || lx->num.qual || v.exp < 0 ||
		    dec_cmp(v, dec_from_int(1000000)) > 0)
			return fail_at(p, at, "an index is a whole number: [0], [1], [-1] for the last"), -1;
		long idx = 0;
		dec n = dec_normal(v);
		idx = (long)n.coef;
		for (int k = 0; k < n.exp; k++)
			idx *= 10;
		sg->kind = SEG_INDEX;
		sg->index = neg ? -idx : idx;
		next(p);
	} else if (lx->tok == T_STR) {
		sg->kind = SEG_KEY;
		sg->key = lx->str;
		next(p);
	} else if (lx->tok == T_NAME) {
		sg->kind = SEG_SELECT;
		sg->key = arena_strndup(p->a, lx->s + lx->off, lx->len);
		next(p);
		if (lx->tok == T_NE)
			sg->negate = 1;
		else if (lx->tok != T_ASSIGN && lx->tok != T_EQ)
			return unexpected(p, "'=' or '!=' in a selection [field = value]"), -1;
		next(p);
		expr *v;
		if (lx->tok == T_MINUS) {
			size_t at = lx->off;
			next(p);
			if (lx->tok != T_NUM)
				return unexpected(p, "a number"), -1;
			v = literal(p);
			v->num.value = dec_neg(v->num.value);
			v->num.negative = !v->num.negative;
			v->str = arena_printf(p->a, "-%s", v->str);
			v->slen++;
			v->off = at;
		} else {
			v = literal(p);
		}
		if (!v)
			return unexpected(p, "a literal value ('text', a number, true, false or null)"), -1;
		sg->value = v;
	} else {
		return unexpected(p, "an index, *, a \"key\" or a selection field = value inside [ ]"), -1;
	}
	if (lx->tok != T_RB)
		return unexpected(p, "']'"), -1;
	next(p);
	return 0;
}

static expr *path(parser *p, size_t off, const char *name, size_t nlen)
{
	lexer *lx = &p->lx;
	expr *e = node(p, EX_PATH, off);
	if (name)
		e->name = arena_strndup(p->a, name, nlen);
	else
		e->root = ROOT_DOLLAR;
	expr_seg segs[EXPR_MAX_SEGS];
	size_t ns = 0;
	for (;;) {
		expr_seg sg;
		memset(&sg, 0, sizeof sg);
		if (lx->tok == T_DOT) {
			next(p);
			if (lx->tok != T_NAME)
				return unexpected(p, "a key after '.'");
			sg.kind = SEG_KEY;
			sg.key = arena_strndup(p->a, lx->s + lx->off, lx->len);
			sg.off = lx->off;
			next(p);
		} else if (lx->tok == T_LB) {
			if (selector(p, &sg))
				return NULL;
			if (sg.kind == SEG_STAR || sg.kind == SEG_SELECT)
				e->plural = 1;
		} else if (lx->tok == T_STARSTAR) {
			if (!ns || segs[ns - 1].kind != SEG_KEY)
				return fail_at(p, lx->off, "'**' repeats the key before it: write it after a key, as in scores.items**");
			segs[ns - 1].kind = SEG_RECURSE;
			e->plural = 1;
			next(p);
			continue;
		} else {
			break;
		}
		if (ns == EXPR_MAX_SEGS)
			return fail_at(p, sg.off, "a path of more than %d steps", EXPR_MAX_SEGS);
		segs[ns++] = sg;
		if (p->failed)
			return NULL;
	}
	if (p->failed)
		return NULL;
	e->nsegs = ns;
	if (ns) {
		e->segs = arena_alloc(p->a, ns * sizeof *segs);
		memcpy(e->segs, segs, ns * sizeof *segs);
	}
	finish(p, e);
	return e;
}

/* NAME in SEQ [where COND] [: BODY] */
static expr_bind *binding(parser *p, int want_body)
{
	lexer *lx = &p->lx;
	expr_bind *b = arena_alloc(p->a, sizeof *b);
	b->var = arena_strndup(p->a, lx->s + lx->off, lx->len);
	next(p);
	if (lx->tok != T_IN)
		return unexpected(p, "'in' after the variable");
	next(p);
	if (!(b->seq = subexpr(p, 0)))
		return NULL;
	if (lx->tok == T_WHERE) {
		next(p);
		if (!(b->where = subexpr(p, 0)))
			return NULL;
	}
	if (lx->tok == T_COLON) {
		next(p);
		if (!(b->body = subexpr(p, 0)))
			return NULL;
	} else if (want_body == 2) {
		return unexpected(p, "':' and the condition for each element");
	}
	return b;
}

static int is_binding_start(parser *p)
{
	if (p->lx.tok != T_NAME)
		return 0;
	lexer save = p->lx;
	next(p);
	int yes = !p->failed && p->lx.tok == T_IN;
	p->lx = save;
	p->failed = 0;
	return yes;
}

static expr *call(parser *p, size_t off, const char *name, size_t nlen)
{
	lexer *lx = &p->lx;
	int fn = expr_fn_lookup(name, nlen);
	if (!fn)
		return fail_at(p, off, "unknown function '%.*s' (functions: sum, count, min, max, abs, round, exists, first, weight)",
			       (int)nlen, name);
	expr *e = node(p, EX_CALL, off);
	e->op = fn;
	e->name = fn_names[fn];
	size_t open = lx->off;
	next(p);   /* ( */
	if (is_binding_start(p)) {
		if (fn != FN_SUM && fn != FN_COUNT && fn != FN_MIN && fn != FN_MAX)
			return fail_at(p, lx->off, "%s() does not iterate: only sum, count, min and max take 'x in …'", fn_names[fn]);
		if (!(e->bind = binding(p, fn == FN_COUNT ? 0 : 2)))
			return NULL;
	} else if (lx->tok != T_RP) {
		expr *args[EXPR_MAX_ARGS];
		size_t na = 0;
		for (;;) {
			if (na == EXPR_MAX_ARGS)
				return fail_at(p, lx->off, "more than %d arguments", EXPR_MAX_ARGS);
			if (!(args[na++] = subexpr(p, 0)))
				return NULL;
			if (lx->tok != T_COMMA)
				break;
			next(p);
		}
		e->nargs = na;
		e->args = arena_alloc(p->a, na * sizeof *args);
		memcpy(e->args, args, na * sizeof *args);
	}
	if (lx->tok != T_RP) {
		char b[64];
		return fail_at(p, lx->off, "expected ')' to close %s( at offset %zu, found %s", fn_names[fn], open,
			       tok_desc(p, b, sizeof b));
	}
	next(p);
	finish(p, e);
	{
		const expr *kids[EXPR_MAX_ARGS + 3] = {0};
		size_t nk = 0;
		for (size_t i = 0; i < e->nargs; i++)
			kids[nk++] = e->args[i];
		if (e->bind) {
			kids[nk++] = e->bind->seq;
			kids[nk++] = e->bind->where;
			kids[nk++] = e->bind->body;
		}
		if (grow(p, e, kids, nk))
			return NULL;
	}
	size_t na = e->nargs;
	int ok = 1;
	const char *want = "";
	if (!e->bind) {
		switch (fn) {
		case FN_SUM: case FN_COUNT: ok = na == 1; want = "one list (a path with [*] or **), or x in … : …"; break;
		case FN_MIN: case FN_MAX: ok = na >= 1; want = "values, one list, or x in … : …"; break;
		case FN_FIRST: ok = na >= 1; want = "one or more values"; break;
		case FN_ROUND: ok = na == 1 || na == 2; want = "a value and, optionally, the number of decimals"; break;
		default: ok = na == 1; want = "one argument"; break;
		}
	}
	if (!ok)
		return fail_at(p, off, "%s() takes %s; %zu given", fn_names[fn], want, na);
	return e;
}

static expr *quantifier(parser *p)
{
	lexer *lx = &p->lx;
	expr *e = node(p, EX_QUANT, lx->off);
	e->op = lx->tok == T_ALL ? Q_ALL : lx->tok == T_ANY ? Q_ANY : Q_NONE;
	next(p);
	if (lx->tok != T_NAME)
		return unexpected(p, "a variable name, as in: all item in scores.items**: …");
	if (!(e->bind = binding(p, 2)))
		return NULL;
	finish(p, e);
	const expr *kids[] = {e->bind->seq, e->bind->where, e->bind->body};
	if (grow(p, e, kids, 3))
		return NULL;
	return e;
}

/* [a, b, …]: a list written out, to go through ("all g in ['数量指标', '质量指标']: …"). */
static expr *list_literal(parser *p)
{
	lexer *lx = &p->lx;
	expr *e = node(p, EX_LIST, lx->off);
	next(p);   /* [ */
	expr *args[EXPR_MAX_ARGS];
	size_t na = 0;
	while (lx->tok != T_RB) {
		if (na == EXPR_MAX_ARGS)
			return fail_at(p, lx->off, "more than %d elements in a list", EXPR_MAX_ARGS);
		if (!(args[na++] = subexpr(p, 0)))
			return NULL;
		if (lx->tok == T_COMMA)
			next(p);
		else if (lx->tok != T_RB)
			return unexpected(p, "',' or ']' in a list");
	}
	next(p);
	e->nargs = na;
	e->args = arena_alloc(p->a, (na ? na : 1) * sizeof *args);
	memcpy(e->args, args, na * sizeof *args);
	finish(p, e);
	if (grow(p, e, (const expr *const *)args, na))
		return NULL;
	return e;
}

static expr *simpleexp(parser *p)
{
	lexer *lx = &p->lx;
	expr *e;
	switch (lx->tok) {
	case T_NUM: case T_STR: case T_TRUE: case T_FALSE: case T_NULL:
		return literal(p);
	case T_LP: {
		size_t open = lx->off;
		next(p);
		if (!(e = subexpr(p, 0)))
			return NULL;
		if (lx->tok != T_RP) {
			char b[64];
			return fail_at(p, lx->off, "expected ')' to close the '(' at offset %zu, found %s", open, tok_desc(p, b, sizeof b));
		}
		next(p);
		return e;
	}
	case T_ALL: case T_ANY: case T_NONE:
		return quantifier(p);
	case T_LB:
		return list_literal(p);
	case T_DOLLAR: {
		size_t off = lx->off;
		next(p);
		return path(p, off, NULL, 0);
	}
	case T_NAME: {
		size_t off = lx->off, len = lx->len;
		const char *name = lx->s + off;
		next(p);
		if (lx->tok == T_LP)
			return call(p, off, name, len);
		return path(p, off, name, len);
	}
	case T_IN: case T_WHERE:
		return unexpected(p, "a value (in and where belong to all/any/none and sum/count/min/max)");
	default:
		return unexpected(p, "a value");
	}
}

static expr *subexpr(parser *p, int limit)
{
	lexer *lx = &p->lx;
	if (enter(p))
		return NULL;
	expr *e;
	size_t off = lx->off;
	if (lx->tok == T_NOT || lx->tok == T_MINUS || lx->tok == T_PLUS) {
		enum tok t = lx->tok;
		next(p);
		expr *a = subexpr(p, t == T_NOT ? NOT_PRIORITY : UNARY_PRIORITY);
		if (!a)
			return NULL;
		if (t == T_PLUS) {
			e = a;
		} else {
			e = node(p, EX_UNARY, off);
			e->op = t == T_NOT ? OP_NOT : OP_NEG;
			e->a = a;
			finish(p, e);
			const expr *kids[] = {a};
			if (grow(p, e, kids, 1))
				return NULL;
		}
	} else if (!(e = simpleexp(p))) {
		return NULL;
	}
	int prev_cmp = 0;
	for (;;) {
		if (lx->tok == T_ASSIGN)
			return fail_at(p, lx->off, "'=' is not a comparison: write '=='");
		int op = binop_of(lx->tok);
		if (!op || priority[op].left <= limit)
			break;
		if (is_cmp(op) && prev_cmp)
			return fail_at(p, lx->off, "comparisons do not chain: write a <= b and b <= c");
		next(p);
		expr *b = subexpr(p, priority[op].right);
		if (!b)
			return NULL;
		expr *bin = node(p, EX_BINARY, off);
		bin->op = op;
		bin->a = e;
		bin->b = b;
		finish(p, bin);
		const expr *kids[] = {e, b};
		if (grow(p, bin, kids, 2))
			return NULL;
		e = bin;
		prev_cmp = is_cmp(op);
	}
	p->depth--;
	return e;
}

expr *expr_parse(arena *a, const char *s, size_t n, expr_err *err)
{
	parser p;
	memset(&p, 0, sizeof p);
	memset(err, 0, sizeof *err);
	p.a = a;
	p.err = err;
	p.lx.s = s;
	p.lx.n = n;
	if (n > EXPR_MAX_TEXT)
		return fail_at(&p, EXPR_MAX_TEXT, "expression longer than %d bytes", EXPR_MAX_TEXT);
	if (next(&p))
		return NULL;
	if (p.lx.tok == T_EOF)
		return fail_at(&p, 0, "empty expression");
	expr *e = subexpr(&p, 0);
	if (!e || p.failed)
		return NULL;
	if (p.lx.tok != T_EOF) {
		char b[64];
		const char *hint = p.lx.tok == T_COMMA ? " (write numbers without grouping commas, or as a figure literal `65,240,247.04`)"
				 : p.lx.tok == T_NAME || p.lx.tok == T_NUM ? " (an operator is missing)" : "";
		return fail_at(&p, p.lx.off, "unexpected %s after the expression%s", tok_desc(&p, b, sizeof b), hint);
	}
	return e;
}

/* ---- name resolution ---------------------------------------------------------- */

typedef struct resolver {
	const expr_names *names;
	const char *vars[EXPR_MAX_VARS + 16];
	const shape *shapes[EXPR_MAX_VARS + 16];
	size_t nvars;
	expr_err *err;
	int depth;
} resolver;

static int rfail(resolver *r, size_t off, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static int rfail(resolver *r, size_t off, const char *fmt, ...)
{
	r->err->off = off;
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(r->err->msg, sizeof r->err->msg, fmt, ap);
	va_end(ap);
	return -1;
}

static int resolve(resolver *r, expr *e);

/* Walk the path's steps over the format's shapes; returns the shape reached
 * (of each element, for a plural path) or NULL on error. */
static const shape *path_shape(resolver *r, expr *e, const shape *s)
{
	int check = r->names->check_paths;
	const char *where = e->name ? e->name : "$";
	for (size_t i = 0; i < e->nsegs; i++) {
		expr_seg *sg = &e->segs[i];
		const char *hint;
		switch (sg->kind) {
		case SEG_KEY:
			if (s->kind == SH_ARR && check)
				return rfail(r, sg->off, "'%s' is a list: write %s[*].%s (every element), %s[0] or %s[field=…]", where,
					     where, sg->key, where, where), NULL;
			if (check && (s->kind == SH_FIG || s->kind == SH_STR || s->kind == SH_BOOL))
				return rfail(r, sg->off, "'%s' is a %s and has no key '%s'", where, s->name, sg->key), NULL;
			{
				const shape *m = shape_member(s, sg->key, &hint);
				if (!m && check) {
					char keys[400];
					shape_keys(s, keys, sizeof keys);
					if (hint)
						return rfail(r, sg->off, "unknown key '%s' in %s: did you mean '%s'?", sg->key, s->name, hint), NULL;
					return rfail(r, sg->off, "unknown key '%s' in %s (known: %s)", sg->key, s->name, keys), NULL;
				}
				s = m ? m : shape_any();
			}
			where = sg->key;
			break;
		case SEG_RECURSE: {
			const shape *m = shape_member(s, sg->key, &hint);
			if (!m && check)
				return rfail(r, sg->off, "unknown key '%s' in %s%s%s%s", sg->key, s->name, hint ? ": did you mean '" : "",
					     hint ? hint : "", hint ? "'?" : ""), NULL;
			if (!m)
				m = shape_any();
			if (m->kind == SH_ARR)
				m = m->elem;
			if (check && m->kind != SH_ANY && !shape_member(m, sg->key, &hint))
				return rfail(r, sg->off, "'%s**' repeats '%s', but the elements of %s have no '%s'", sg->key, sg->key,
					     sg->key, sg->key), NULL;
			s = m;
			where = sg->key;
			break;
		}
		case SEG_INDEX: case SEG_STAR: case SEG_SELECT:
			if (sg->kind == SEG_SELECT && s->kind == SH_OBJ && i > 0 && e->segs[i - 1].kind == SEG_SELECT) {
				/* a second selection filters the elements the first one kept */
			} else if (check && s->kind != SH_ARR && s->kind != SH_MAP && s->kind != SH_ANY) {
				return rfail(r, sg->off, "'%s' is not a list: [ ] selects elements of a list", where), NULL;
			} else {
				s = s->kind == SH_ARR ? s->elem : shape_any();
			}
			if (sg->kind == SEG_SELECT && check && !shape_member(s, sg->key, &hint))
				return rfail(r, sg->off, "unknown field '%s' in %s%s%s%s", sg->key, s->name, hint ? ": did you mean '" : "",
					     hint ? hint : "", hint ? "'?" : ""), NULL;
			break;
		}
	}
	return s;
}

static const shape *resolve_path(resolver *r, expr *e)
{
	const shape *s = shape_any();
	if (e->root == ROOT_DOLLAR) {
		s = shape_root();
	} else {
		const char *nm = e->name;
		int found = 0;
		for (size_t i = r->nvars; i-- > 0;) {
			if (!strcmp(r->vars[i], nm)) {
				e->root = ROOT_VAR;
				e->slot = (int)i;
				s = r->shapes[i] ? r->shapes[i] : shape_any();
				found = 1;
				break;
			}
		}
		for (size_t i = 0; !found && i < r->names->nlets; i++) {
			if (!strcmp(r->names->lets[i], nm)) {
				e->root = ROOT_LET;
				e->slot = (int)i;
				found = 1;
			}
		}
		if (!found && r->names->placeholders) {
			static const char *const ph[] = {"lhs", "rhs", "diff"};
			for (int i = 0; i < 3; i++)
				if (!strcmp(nm, ph[i])) {
					e->root = ROOT_LHS + i;
					found = 1;
				}
		}
		if (!found) {
			const char *hint;
			const shape *m = shape_member(shape_root(), nm, &hint);
			if (!m && r->names->check_paths) {
				if (hint)
					return rfail(r, e->off, "unknown name '%s': not a key of the submission, a variable or a let (did you mean '%s'?)",
						     nm, hint), NULL;
				return rfail(r, e->off, "unknown name '%s': not a key of the submission, a variable or a let", nm), NULL;
			}
			e->root = ROOT_DOC;
			s = m ? m : shape_any();
		}
		if ((e->root == ROOT_LET || e->root >= ROOT_LHS) && e->nsegs)
			return rfail(r, e->segs[0].off, "'%s' is a value, not a place in the submission: it has no keys", nm), NULL;
	}
	return path_shape(r, e, s);
}

static int resolve_bind(resolver *r, expr_bind *b, size_t at)
{
	const shape *s = shape_any();
	if (b->seq->kind == EX_PATH) {
		if (!(s = resolve_path(r, b->seq)))
			return -1;
		if (!b->seq->plural)
			s = s->kind == SH_ARR ? s->elem : shape_any();
	} else if (resolve(r, b->seq)) {
		return -1;
	}
	if (r->nvars >= r->names->nvars + EXPR_MAX_VARS)
		return rfail(r, at, "more than %d nested iterations", EXPR_MAX_VARS);
	b->slot = (int)r->nvars;
	b->shape = s;
	r->vars[r->nvars] = b->var;
	r->shapes[r->nvars] = s;
	r->nvars++;
	int rc = (b->where && resolve(r, b->where)) || (b->body && resolve(r, b->body)) ? -1 : 0;
	r->nvars--;
	return rc;
}

static int resolve(resolver *r, expr *e)
{
	if (++r->depth > EXPR_MAX_HEIGHT + 8)
		return rfail(r, e->off, "expression nested too deeply");
	int rc = 0;
	switch (e->kind) {
	case EX_PATH:
		if (e->root == ROOT_UNRESOLVED || e->root == ROOT_DOC || e->root == ROOT_DOLLAR || e->root == ROOT_VAR)
			rc = resolve_path(r, e) ? 0 : -1;
		break;
	case EX_UNARY:
		rc = resolve(r, e->a);
		break;
	case EX_BINARY:
		rc = resolve(r, e->a) || resolve(r, e->b) ? -1 : 0;
		break;
	case EX_CALL: case EX_LIST:
		if (e->bind)
			rc = resolve_bind(r, e->bind, e->off);
		for (size_t i = 0; !rc && i < e->nargs; i++)
			rc = resolve(r, e->args[i]);
		break;
	case EX_QUANT:
		rc = resolve_bind(r, e->bind, e->off);
		break;
	default:
		break;
	}
	r->depth--;
	return rc;
}

int expr_resolve(expr *e, const expr_names *names, expr_err *err)
{
	resolver r;
	memset(&r, 0, sizeof r);
	memset(err, 0, sizeof *err);
	r.names = names;
	r.err = err;
	for (size_t i = 0; i < names->nvars && i < EXPR_MAX_VARS; i++) {
		r.vars[i] = names->vars[i];
		r.shapes[i] = names->var_shapes ? names->var_shapes[i] : NULL;
	}
	r.nvars = names->nvars < EXPR_MAX_VARS ? names->nvars : EXPR_MAX_VARS;
	return resolve(&r, e);
}

size_t expr_top_vars(const expr *e, const char **vars, const shape **shapes, size_t max)
{
	size_t n = 0;
	while (e && e->kind == EX_QUANT && (e->op == Q_ALL || e->op == Q_NONE) && n < max) {
		vars[n] = e->bind->var;
		if (shapes)
			shapes[n] = e->bind->shape;
		n++;
		if (e->op == Q_NONE)
			break;
		e = e->bind->body;
	}
	return n;
}

/* ---- printing ------------------------------------------------------------------ */

typedef struct out {
	char *buf;
	size_t n, len;
} out;

static void put(out *o, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void put(out *o, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int k = vsnprintf(o->len < o->n ? o->buf + o->len : NULL, o->len < o->n ? o->n - o->len : 0, fmt, ap);
	va_end(ap);
	if (k > 0)
		o->len += (size_t)k;
}

static void put_str(out *o, const char *s)
{
	put(o, "\"");
	for (; *s; s++) {
		if (*s == '"' || *s == '\\')
			put(o, "\\%c", *s);
		else if (*s == '\n')
			put(o, "\\n");
		else
			put(o, "%c", *s);
	}
	put(o, "\"");
}

static int plain_key(const char *k)
{
	size_t len, n = strlen(k);
	if (!n)
		return 0;
	for (size_t i = 0; i < n; i += len) {
		unsigned cp = utf8_at(k, n, i, &len);
		if (i == 0 ? !name_start(cp) : !name_char(cp))
			return 0;
	}
	for (size_t k2 = 0; k2 < sizeof keywords / sizeof *keywords; k2++)
		if (!strcmp(keywords[k2].word, k))
			return 0;
	return 1;
}

static void print(out *o, const expr *e);

static void print_bind(out *o, const expr_bind *b)
{
	put(o, "%s in ", b->var);
	print(o, b->seq);
	if (b->where) {
		put(o, " where ");
		print(o, b->where);
	}
	if (b->body) {
		put(o, " : ");
		print(o, b->body);
	}
}

static const char *const op_text[] = {
	[OP_OR] = "or", [OP_AND] = "and", [OP_NOT] = "not", [OP_EQ] = "==", [OP_NE] = "!=", [OP_LT] = "<",
	[OP_LE] = "<=", [OP_GT] = ">", [OP_GE] = ">=", [OP_ADD] = "+", [OP_SUB] = "-", [OP_MUL] = "*",
	[OP_DIV] = "/", [OP_NEG] = "-",
};

static void print(out *o, const expr *e)
{
	switch (e->kind) {
	case EX_NUM:
		put(o, "%s", e->str);
		break;
	case EX_STR:
		put_str(o, e->str);
		break;
	case EX_BOOL:
		put(o, "%s", e->bval ? "true" : "false");
		break;
	case EX_NULL:
		put(o, "null");
		break;
	case EX_PATH:
		put(o, "%s", e->name ? e->name : "$");
		for (size_t i = 0; i < e->nsegs; i++) {
			const expr_seg *sg = &e->segs[i];
			switch (sg->kind) {
			case SEG_KEY: case SEG_RECURSE:
				if (plain_key(sg->key))
					put(o, ".%s", sg->key);
				else {
					put(o, "[");
					put_str(o, sg->key);
					put(o, "]");
				}
				if (sg->kind == SEG_RECURSE)
					put(o, "**");
				break;
			case SEG_INDEX:
				put(o, "[%ld]", sg->index);
				break;
			case SEG_STAR:
				put(o, "[*]");
				break;
			case SEG_SELECT:
				put(o, "[%s%s", sg->key, sg->negate ? "!=" : "=");
				print(o, sg->value);
				put(o, "]");
				break;
			}
		}
		break;
	case EX_UNARY:
		put(o, "(%s ", op_text[e->op]);
		print(o, e->a);
		put(o, ")");
		break;
	case EX_BINARY:
		put(o, "(%s ", op_text[e->op]);
		print(o, e->a);
		put(o, " ");
		print(o, e->b);
		put(o, ")");
		break;
	case EX_CALL:
		put(o, "(%s", e->name);
		if (e->bind) {
			put(o, " ");
			print_bind(o, e->bind);
		}
		for (size_t i = 0; i < e->nargs; i++) {
			put(o, " ");
			print(o, e->args[i]);
		}
		put(o, ")");
		break;
	case EX_QUANT:
		put(o, "(%s ", e->op == Q_ALL ? "all" : e->op == Q_ANY ? "any" : "none");
		print_bind(o, e->bind);
		put(o, ")");
		break;
	case EX_LIST:
		put(o, "[");
		for (size_t i = 0; i < e->nargs; i++) {
			put(o, "%s", i ? ", " : "");
			print(o, e->args[i]);
		}
		put(o, "]");
		break;
	}
}

size_t expr_print(const expr *e, char *buf, size_t n)
{
	out o = {buf, n, 0};
	if (n)
		buf[0] = '\0';
	print(&o, e);
	return o.len;
}
