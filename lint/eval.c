/* eval.c — evaluate rule expressions over one document: exact decimals with precision intervals, explicit outcomes, a step limit. Arithmetic and comparisons: eval_arith.c. */
#include "eval_int.h"

#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>

ev_val eval_fail(eval_env *e, int code, const expr *at, const char *fmt, ...)
{
	if (!e->err) {
		e->err = code;
		e->err_at = at;
		va_list ap;
		va_start(ap, fmt);
		vsnprintf(e->err_msg, sizeof e->err_msg, fmt, ap);
		va_end(ap);
	}
	ev_val v = {.t = EV_ERR, .at = at};
	return v;
}

void eval_init(eval_env *e, jxl_ctx *ctx, const jxl_doc *doc, arena *a)
{
	memset(e, 0, offsetof(eval_env, lhs));   /* the rest is written before it is read */
	e->err_msg[0] = '\0';
	e->ctx = ctx;
	e->doc = doc;
	e->a = a;
	e->max_steps = EVAL_MAX_STEPS;
}

void eval_set_lets(eval_env *e, expr *const *lets, size_t n)
{
	e->lets = lets;
	e->nlets = n;
	e->letv = n ? arena_alloc(e->a, n * sizeof *e->letv) : NULL;
	e->letstate = n ? arena_alloc(e->a, n) : NULL;
}

/* eval_step's slow half: already out of steps (that step is not counted:
 * the count stays where running out left it), or just now. */
int eval_step_over(eval_env *e, const expr *at)
{
	if (e->err == EVE_STEPS) {
		e->steps--;
		return -1;
	}
	e->err = 0;   /* the step limit overrides any earlier error */
	eval_fail(e, EVE_STEPS, at, "evaluation took more than %ld steps (the limit)", e->max_steps);
	return -1;
}

/* ---- reading the submission ------------------------------------------------- */

#define AS_INDICATORS (-1)   /* under indicators: max and score are points, the rest as written */

/* How figures under the top-level key k are read (or AS_INDICATORS). */
static int as_under(const char *k)
{
	switch (k[0]) {   /* one comparison or two, by the first letter */
	case 'b':
		return eval_same(k, "budget") || eval_same(k, "balance") ? JXL_AS_MONEY : JXL_AS_ANY;
	case 'e':
		return eval_same(k, "expenditure") ? JXL_AS_MONEY : JXL_AS_ANY;
	case 't':
		return eval_same(k, "three_public") ? JXL_AS_MONEY : JXL_AS_ANY;
	case 'p':
		return eval_same(k, "procurement") ? JXL_AS_MONEY : JXL_AS_ANY;
	case 'r':
		return eval_same(k, "rates") ? JXL_AS_RATE : JXL_AS_ANY;
	case 's':
		return eval_same(k, "scores") ? JXL_AS_SCORE : eval_same(k, "staffing") ? JXL_AS_COUNT : JXL_AS_ANY;
	case 'i':
		return eval_same(k, "income") ? JXL_AS_MONEY : eval_same(k, "indicators") ? AS_INDICATORS : JXL_AS_ANY;
	default:
		return JXL_AS_ANY;
	}
}

static int as_leaf(int as, const jxl_node *leaf)
{
	if (as != AS_INDICATORS)
		return as;
	return leaf->key && (eval_same(leaf->key, "max") || eval_same(leaf->key, "score")) ? JXL_AS_SCORE : JXL_AS_ANY;
}

/* The child of the document's root that n is in (or is), or NULL. */
static const jxl_node *top_of(const jxl_doc *d, const jxl_node *n)
{
	const jxl_node *top = NULL;
	for (const jxl_node *p = n; p && p != d->root; p = p->parent)
		top = p;
	return top;
}

int eval_as_for(const jxl_doc *d, const jxl_node *n)
{
	if (!n || !d)
		return JXL_AS_ANY;
	const jxl_node *top = top_of(d, n);
	return top && top->key ? as_leaf(as_under(top->key), n) : JXL_AS_ANY;
}

/* eval_as_for, remembering how figures are read under the last top-level
 * key: a rule reads its figures under one or two of them. */
static int as_for(eval_env *e, const jxl_node *n)
{
	if (!e->doc)
		return JXL_AS_ANY;
	/* the figures of the elements of one list (i.max of each indicator) share
	 * their grandparent, and so the top-level value they are in */
	const jxl_node *gp = n->parent ? n->parent->parent : NULL;
	if (!gp || gp != e->as_gp) {
		const jxl_node *top = top_of(e->doc, n);
		if (!top || !top->key)
			return JXL_AS_ANY;
		if (top != e->as_topnode) {
			e->as_topnode = top;
			e->as_top = as_under(top->key);
		}
		e->as_gp = top == n || top == n->parent ? NULL : gp;   /* gp is below the top: the same top for its grandchildren */
	}
	return as_leaf(e->as_top, n);
}

int eval_empty_text(const jxl_node *n)
{
	if (!n || n->kind == JXL_NULL)
		return 1;
	if (n->kind != JXL_STRING)
		return 0;
	const unsigned char *s = (const unsigned char *)n->str;
	/* A text that starts with a letter other than n (n/a), or with a Chinese
	 * character other than 无 and 不 (不适用), is no word for "missing" (they
	 * are dashes, commas, /, 无, 不适用 and n/a, with blanks around): skip the parse. */
	if (((s[0] | 0x20) >= 'a' && (s[0] | 0x20) <= 'z' && (s[0] | 0x20) != 'n') ||
	    (s[0] >= 0xE4 && s[0] <= 0xE9 && !(s[0] == 0xE6 && s[1] == 0x97 && s[2] == 0xA0) &&
	     !(s[0] == 0xE4 && s[1] == 0xB8 && s[2] == 0x8D)))
		return 0;
	for (size_t i = 0; i < n->slen; i++)   /* the words for "missing" have no digit: skip the parse */
		if (n->str[i] >= '0' && n->str[i] <= '9')
			return 0;
	return num_is_empty(n->str, n->slen);
}

/* Could the string node be read as a figure (without reporting anything)? */
int eval_readable_figure(const jxl_node *n)
{
	if (!n || n->kind != JXL_STRING)
		return n && n->kind == JXL_NUMBER;
	num_fig nf;
	return num_parse(n->str, n->slen, &nf, NULL) == NUM_OK;
}

/* Keys of the format that hold names and words, never figures. */
static int is_text_key(const char *k)
{
	static const char *const keys[] = {"name", "category", "level1", "level2", "level3", "kind", "grade", "label",
					   "source", "text", "form", "unit", "project", "filed", "money_unit", "$comment"};
	for (size_t i = 0; k && i < sizeof keys / sizeof *keys; i++)
		if (eval_same(k, keys[i]))
			return 1;
	return 0;
}

static const jxl_fig *ratio_to_percent(eval_env *e, const jxl_fig *f)
{
	return f && f->unit == FIG_RATIO ? fig_as_percent(e->a, f) : f;
}

ev_val eval_fig_node(eval_env *e, const jxl_node *n, const expr *at)
{
	if (n->kind != JXL_NUMBER && n->kind != JXL_STRING)
		return eval_fail(e, EVE_TYPE, at, "%s is %s, not a figure", doc_label(e->a, n, 0),
				 n->kind == JXL_OBJECT ? "an object" : n->kind == JXL_ARRAY ? "a list" : "true/false");
	if (n->kind == JXL_STRING && is_text_key(n->key) && !eval_readable_figure(n))
		return eval_fail(e, EVE_TYPE, at, "the text \"%s\" where a figure was expected", n->str);
	const jxl_fig *f = host_fig(e->ctx, n, as_for(e, n));
	if (!f) {
		ev_val m = eval_missing(at, 0);
		m.node = n;
		return m;
	}
	ev_val r = eval_figv(ratio_to_percent(e, f), 0);
	r.node = n;
	return r;
}

ev_val eval_fig(eval_env *e, ev_val v)
{
	switch (v.t) {
	case EV_FIG:
		v.f = ratio_to_percent(e, v.f);
		return v;
	case EV_MISSING:
	case EV_ERR:
		return v;
	case EV_NODE:
		if (v.node->kind == JXL_NULL)
			return eval_missing(v.at, 0);
		return eval_fig_node(e, v.node, v.at);
	case EV_LIST:
		if (v.b)
			return eval_fail(e, EVE_AMBIGUOUS, v.at, "%zu elements match where one was expected", (size_t)v.n);
		return eval_fail(e, EVE_TYPE, v.at, "a list where one value was expected (use sum, count, min, max or all … in …)");
	case EV_BOOL:
		return eval_fail(e, EVE_TYPE, v.at, "true/false where a figure was expected");
	case EV_STR:
		return eval_fail(e, EVE_TYPE, v.at, "the text \"%s\" where a figure was expected", v.s);
	}
	return v;
}

/* ---- truth ---------------------------------------------------------------------- */

int eval_truth(eval_env *e, ev_val v)
{
	switch (v.t) {
	case EV_BOOL:
		return v.b ? 1 : 0;
	case EV_MISSING:
		eval_note_missing(e, v);
		return -1;
	case EV_NODE:
		if (v.node->kind == JXL_BOOL)
			return v.node->bval ? 1 : 0;
		if (v.node->kind == JXL_NULL)
			return -1;
		eval_fail(e, EVE_TYPE, v.at, "%s is not true/false", doc_label(e->a, v.node, 0));
		return -2;
	case EV_ERR:
		return -2;
	default:
		eval_fail(e, EVE_TYPE, v.at, "%s where true/false was expected",
		     v.t == EV_FIG ? "a figure" : v.t == EV_STR ? "text" : "a list");
		return -2;
	}
}

ev_val eval_tv(int t, const expr *at)
{
	if (t == 1 || t == 0)
		return eval_bool(t);
	if (t == -1)
		return eval_missing(at, 0);
	ev_val v = {.t = EV_ERR, .at = at};
	return v;
}

static ev_val logic(eval_env *e, const expr *x)
{
	int stop = x->op == OP_OR;   /* the value that decides */
	int a = eval_cond(e, x->a);
	if (a == -2)
		return eval_tv(-2, x);
	if (a == stop)
		return eval_bool(stop);
	int b = eval_cond(e, x->b);
	if (b == -2)
		return eval_tv(-2, x);
	if (b == stop)
		return eval_bool(stop);
	if (a == -1 || b == -1)
		return eval_missing(a == -1 ? x->a : x->b, 0);
	return eval_bool(!stop);
}

static ev_val literal_fig(eval_env *e, const expr *x)
{
	const num_fig *nf = &x->num;
	jxl_fig *f = arena_alloc(e->a, sizeof *f);
	f->v = nf->value;
	if (nf->negative && dec_sign(f->v) > 0)
		f->v = dec_neg(f->v);
	f->mag = nf->mag;
	f->pexp = nf->mag - nf->decimals;
	switch (nf->unit) {
	case NUM_UNIT_YUAN: f->unit = FIG_MONEY; break;
	case NUM_UNIT_PERCENT: f->unit = FIG_PERCENT; break;
	case NUM_UNIT_PERMILLE:
		f->unit = FIG_PERCENT;
		f->v = dec_shift(f->v, -1);
		f->pexp--;
		f->permille = 1;
		break;
	case NUM_UNIT_NOUN:
		f->unit = !strcmp(nf->noun, "元") ? FIG_MONEY : FIG_COUNT;
		f->noun = arena_strdup(e->a, nf->noun);
		break;
	default: f->unit = FIG_PLAIN; break;
	}
	f->lo = f->hi = f->v;
	switch (nf->qual) {
	case NUM_QUAL_GE: f->bound = 'G'; break;
	case NUM_QUAL_GT: f->bound = '>'; break;
	case NUM_QUAL_LE: f->bound = 'L'; break;
	case NUM_QUAL_LT: f->bound = '<'; break;
	default: break;
	}
	if (nf->approx && nf->qual != NUM_QUAL_APPROX) {
		f->approx = 1;
		f->hi_inf = 1;
	}
	return eval_figv(f, f->unit == FIG_PLAIN);
}

ev_val eval_body(eval_env *e, const expr *x)
{
	switch (x->kind) {
	case EX_NUM:
		return literal_fig(e, x);
	case EX_STR: {
		ev_val v = {.t = EV_STR, .s = x->str};
		return v;
	}
	case EX_BOOL:
		return eval_bool(x->bval);
	case EX_NULL: {
		ev_val v = eval_missing(x, 0);
		v.isnull = 1;
		return v;
	}
	case EX_PATH:
		if (x->simple && x->nsegs) {   /* n.max: the node without building the path's start */
			const jxl_node *n;
			switch (eval_path_node(e, x, &n)) {
			case PN_NODE: return (ev_val){.t = EV_NODE, .node = n, .at = x};
			case PN_NULL: return eval_missing(x, 0);
			case PN_ABSENT: return eval_missing(x, 1);
			case PN_ERR: return (ev_val){.t = EV_ERR, .at = x};
			default: break;
			}
		}
		return eval_path(e, x, 0);
	case EX_UNARY: {
		if (x->op == OP_NOT) {
			int t = eval_cond(e, x->a);
			return t == 1 || t == 0 ? eval_bool(!t) : eval_tv(t, x);
		}
		ev_val a = eval_note_missing(e, eval_fig(e, eval_expr(e, x->a)));
		if (a.t != EV_FIG)
			return a;
		ev_val zero = eval_figv(fig_from_int(e->a, 0), 1);
		zero.f = a.f->unit == FIG_PLAIN ? zero.f : eval_shifted(e, zero.f, 0, a.f->unit);
		return eval_arith(e, x, OP_SUB, zero, a);
	}
	case EX_BINARY:
		if (x->op == OP_AND || x->op == OP_OR)
			return logic(e, x);
		if (x->op >= OP_EQ && x->op <= OP_GE) {
			ev_val a = eval_expr(e, x->a);
			if (a.t == EV_ERR)
				return a;
			ev_val b = eval_expr(e, x->b);
			if (b.t == EV_ERR)
				return b;
			return eval_compare(e, x, a, b);
		}
		{
			ev_val a = eval_note_missing(e, eval_expr(e, x->a));
			if (a.t == EV_ERR)
				return a;
			ev_val b = eval_note_missing(e, eval_expr(e, x->b));
			if (a.t == EV_MISSING)
				return b.t == EV_ERR ? b : a;
			if (b.t == EV_ERR || b.t == EV_MISSING)
				return b;
			return eval_arith(e, x, x->op, a, b);
		}
	case EX_CALL:
		return eval_call(e, x);
	case EX_QUANT:
		return eval_quant(e, x);
	case EX_LIST: {
		ev_val l = {.t = EV_LIST, .n = x->nargs, .at = x};
		l.items = arena_alloc(e->a, (x->nargs ? x->nargs : 1) * sizeof *l.items);
		for (size_t i = 0; i < x->nargs; i++) {
			l.items[i] = eval_expr(e, x->args[i]);
			if (l.items[i].t == EV_ERR)
				return l.items[i];
		}
		return l;
	}
	}
	return eval_fail(e, EVE_TYPE, x, "unknown expression");
}

ev_val eval_expr(eval_env *e, const expr *x)
{
	if (eval_step(e, x))
		return (ev_val){.t = EV_ERR, .at = x};
	return eval_body(e, x);
}
