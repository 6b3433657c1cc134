/* expr.c — the rule-expression parser: one table of left/right priorities (precedence climbing, as Lua's lparser.c), a depth limit, located errors. */
#include "expr_int.h"

#include "doc.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

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
		expr_fail_at(p, e->off, "expression too deep: more than %d levels (a long chain of + or and? use sum() or split the rule)",
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
		expr_fail_at(p, p->lx.off, "expression nested too deeply (more than %d levels)", EXPR_MAX_DEPTH);
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
	expr_next(p);
	return e;
}

/* [N], [-N], [*], ["key"], [field = literal], [field != literal] */
static int selector(parser *p, expr_seg *sg)
{
	lexer *lx = &p->lx;
	sg->off = lx->off;
	expr_next(p);   /* [ */
	if (lx->tok == T_MUL) {
		sg->kind = SEG_STAR;
		expr_next(p);
	} else if (lx->tok == T_NUM || lx->tok == T_MINUS) {
		int neg = lx->tok == T_MINUS;
		size_t at = lx->off;
		if (neg)
			expr_next(p);
		dec v = lx->num.value;
		if (lx->tok != T_NUM || lx->num.unit != NUM_UNIT_NONE || lx->num.decimals || lx->num.qual || v.exp < 0 ||
		    dec_cmp(v, dec_from_int(1000000)) > 0)
			return expr_fail_at(p, at, "an index is a whole number: [0], [1], [-1] for the last"), -1;
		long idx = 0;
		dec n = dec_normal(v);
		idx = (long)n.coef;
		for (int k = 0; k < n.exp; k++)
			idx *= 10;
		sg->kind = SEG_INDEX;
		sg->index = neg ? -idx : idx;
		expr_next(p);
	} else if (lx->tok == T_STR) {
		sg->kind = SEG_KEY;
		sg->key = lx->str;
		expr_next(p);
	} else if (lx->tok == T_NAME) {
		sg->kind = SEG_SELECT;
		sg->key = arena_strndup(p->a, lx->s + lx->off, lx->len);
		expr_next(p);
		if (lx->tok == T_NE)
			sg->negate = 1;
		else if (lx->tok != T_ASSIGN && lx->tok != T_EQ)
			return expr_unexpected(p, "'=' or '!=' in a selection [field = value]"), -1;
		expr_next(p);
		expr *v;
		if (lx->tok == T_MINUS) {
			size_t at = lx->off;
			expr_next(p);
			if (lx->tok != T_NUM)
				return expr_unexpected(p, "a number"), -1;
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
			return expr_unexpected(p, "a literal value ('text', a number, true, false or null)"), -1;
		sg->value = v;
	} else {
		return expr_unexpected(p, "an index, *, a \"key\" or a selection field = value inside [ ]"), -1;
	}
	if (lx->tok != T_RB)
		return expr_unexpected(p, "']'"), -1;
	expr_next(p);
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
			expr_next(p);
			if (lx->tok != T_NAME)
				return expr_unexpected(p, "a key after '.'");
			sg.kind = SEG_KEY;
			sg.key = arena_strndup(p->a, lx->s + lx->off, lx->len);
			sg.off = lx->off;
			expr_next(p);
		} else if (lx->tok == T_LB) {
			if (selector(p, &sg))
				return NULL;
			if (sg.kind == SEG_STAR || sg.kind == SEG_SELECT)
				e->plural = 1;
		} else if (lx->tok == T_STARSTAR) {
			if (!ns || segs[ns - 1].kind != SEG_KEY)
				return expr_fail_at(p, lx->off, "'**' repeats the key before it: write it after a key, as in scores.items**");
			segs[ns - 1].kind = SEG_RECURSE;
			e->plural = 1;
			expr_next(p);
			continue;
		} else {
			break;
		}
		if (ns == EXPR_MAX_SEGS)
			return expr_fail_at(p, sg.off, "a path of more than %d steps", EXPR_MAX_SEGS);
		segs[ns++] = sg;
		if (p->failed)
			return NULL;
	}
	if (p->failed)
		return NULL;
	e->nsegs = ns;
	e->simple = !e->plural;
	for (size_t i = 0; i < ns; i++)
		if (segs[i].kind != SEG_KEY && segs[i].kind != SEG_INDEX)
			e->simple = 0;
	if (ns) {
		e->segs = arena_alloc(p->a, ns * sizeof *segs);
		memcpy(e->segs, segs, ns * sizeof *segs);
		for (size_t i = 0; i < ns; i++)
			if (e->segs[i].key) {
				e->segs[i].klen = strlen(e->segs[i].key);
				e->segs[i].ktag = doc_key_tag(e->segs[i].key, e->segs[i].klen);
			}
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
	expr_next(p);
	if (lx->tok != T_IN)
		return expr_unexpected(p, "'in' after the variable");
	expr_next(p);
	if (!(b->seq = subexpr(p, 0)))
		return NULL;
	if (lx->tok == T_WHERE) {
		expr_next(p);
		if (!(b->where = subexpr(p, 0)))
			return NULL;
	}
	if (lx->tok == T_COLON) {
		expr_next(p);
		if (!(b->body = subexpr(p, 0)))
			return NULL;
	} else if (want_body == 2) {
		return expr_unexpected(p, "':' and the condition for each element");
	}
	return b;
}

static int is_binding_start(parser *p)
{
	if (p->lx.tok != T_NAME)
		return 0;
	lexer save = p->lx;
	expr_next(p);
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
		return expr_fail_at(p, off, "unknown function '%.*s' (functions: sum, count, min, max, abs, round, exists, first, weight)",
			       (int)nlen, name);
	expr *e = node(p, EX_CALL, off);
	e->op = fn;
	e->name = fn_names[fn];
	size_t open = lx->off;
	expr_next(p);   /* ( */
	if (is_binding_start(p)) {
		if (fn != FN_SUM && fn != FN_COUNT && fn != FN_MIN && fn != FN_MAX)
			return expr_fail_at(p, lx->off, "%s() does not iterate: only sum, count, min and max take 'x in …'", fn_names[fn]);
		if (!(e->bind = binding(p, fn == FN_COUNT ? 0 : 2)))
			return NULL;
	} else if (lx->tok != T_RP) {
		expr *args[EXPR_MAX_ARGS];
		size_t na = 0;
		for (;;) {
			if (na == EXPR_MAX_ARGS)
				return expr_fail_at(p, lx->off, "more than %d arguments", EXPR_MAX_ARGS);
			if (!(args[na++] = subexpr(p, 0)))
				return NULL;
			if (lx->tok != T_COMMA)
				break;
			expr_next(p);
		}
		e->nargs = na;
		e->args = arena_alloc(p->a, na * sizeof *args);
		memcpy(e->args, args, na * sizeof *args);
	}
	if (lx->tok != T_RP) {
		char b[64];
		return expr_fail_at(p, lx->off, "expected ')' to close %s( at offset %zu, found %s", fn_names[fn], open,
			       expr_tok_desc(p, b, sizeof b));
	}
	expr_next(p);
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
		return expr_fail_at(p, off, "%s() takes %s; %zu given", fn_names[fn], want, na);
	return e;
}

static expr *quantifier(parser *p)
{
	lexer *lx = &p->lx;
	expr *e = node(p, EX_QUANT, lx->off);
	e->op = lx->tok == T_ALL ? Q_ALL : lx->tok == T_ANY ? Q_ANY : Q_NONE;
	expr_next(p);
	if (lx->tok != T_NAME)
		return expr_unexpected(p, "a variable name, as in: all item in scores.items**: …");
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
	expr_next(p);   /* [ */
	expr *args[EXPR_MAX_ARGS];
	size_t na = 0;
	while (lx->tok != T_RB) {
		if (na == EXPR_MAX_ARGS)
			return expr_fail_at(p, lx->off, "more than %d elements in a list", EXPR_MAX_ARGS);
		if (!(args[na++] = subexpr(p, 0)))
			return NULL;
		if (lx->tok == T_COMMA)
			expr_next(p);
		else if (lx->tok != T_RB)
			return expr_unexpected(p, "',' or ']' in a list");
	}
	expr_next(p);
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
		expr_next(p);
		if (!(e = subexpr(p, 0)))
			return NULL;
		if (lx->tok != T_RP) {
			char b[64];
			return expr_fail_at(p, lx->off, "expected ')' to close the '(' at offset %zu, found %s", open, expr_tok_desc(p, b, sizeof b));
		}
		expr_next(p);
		return e;
	}
	case T_ALL: case T_ANY: case T_NONE:
		return quantifier(p);
	case T_LB:
		return list_literal(p);
	case T_DOLLAR: {
		size_t off = lx->off;
		expr_next(p);
		return path(p, off, NULL, 0);
	}
	case T_NAME: {
		size_t off = lx->off, len = lx->len;
		const char *name = lx->s + off;
		expr_next(p);
		if (lx->tok == T_LP)
			return call(p, off, name, len);
		return path(p, off, name, len);
	}
	case T_IN: case T_WHERE:
		return expr_unexpected(p, "a value (in and where belong to all/any/none and sum/count/min/max)");
	default:
		return expr_unexpected(p, "a value");
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
		expr_next(p);
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
			return expr_fail_at(p, lx->off, "'=' is not a comparison: write '=='");
		int op = binop_of(lx->tok);
		if (!op || priority[op].left <= limit)
			break;
		if (is_cmp(op) && prev_cmp)
			return expr_fail_at(p, lx->off, "comparisons do not chain: write a <= b and b <= c");
		expr_next(p);
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
		return expr_fail_at(&p, EXPR_MAX_TEXT, "expression longer than %d bytes", EXPR_MAX_TEXT);
	if (expr_next(&p))
		return NULL;
	if (p.lx.tok == T_EOF)
		return expr_fail_at(&p, 0, "empty expression");
	expr *e = subexpr(&p, 0);
	if (!e || p.failed)
		return NULL;
	if (p.lx.tok != T_EOF) {
		char b[64];
		const char *hint = p.lx.tok == T_COMMA ? " (write numbers without grouping commas, or as a figure literal `65,240,247.04`)"
				 : p.lx.tok == T_NAME || p.lx.tok == T_NUM ? " (an operator is missing)" : "";
		return expr_fail_at(&p, p.lx.off, "unexpected %s after the expression%s", expr_tok_desc(&p, b, sizeof b), hint);
	}
	return e;
}

