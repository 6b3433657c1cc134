/* eval.c — evaluate rule expressions over one document: exact decimals with precision intervals, explicit outcomes, a step limit. */
#include "eval.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#define EVAL_DIV_PLACES 12   /* decimals of a computed quotient before it is compared */
#define EVAL_TEXT_ITEMS 12   /* elements of a list shown in a message */

static ev_val mk_bool(int b)
{
	ev_val v = {.t = EV_BOOL, .b = b};
	return v;
}

static ev_val mk_fig(const jxl_fig *f, int lit)
{
	ev_val v = {.t = EV_FIG, .f = f, .lit = lit ? 1 : 0, .node = f ? f->node : NULL};
	return v;
}

static ev_val mk_missing(const expr *at, int absent)
{
	ev_val v = {.t = EV_MISSING, .absent = absent ? 1 : 0, .at = at};
	return v;
}

static ev_val mk_node(const jxl_node *n)
{
	ev_val v = {.t = EV_NODE, .node = n};
	return v;
}

static ev_val fail(eval_env *e, int code, const expr *at, const char *fmt, ...) __attribute__((format(printf, 4, 5)));
static ev_val fail(eval_env *e, int code, const expr *at, const char *fmt, ...)
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

static ev_val note_missing(eval_env *e, ev_val v)
{
	if (v.t == EV_MISSING && !e->missing_at && v.at)
		e->missing_at = v.at;
	return v;
}

void eval_init(eval_env *e, jxl_ctx *ctx, const jxl_doc *doc, arena *a)
{
	memset(e, 0, sizeof *e);
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

static int step(eval_env *e, const expr *at)
{
	if (e->err == EVE_STEPS)
		return -1;
	if (++e->steps > e->max_steps) {
		e->err = 0;   /* the step limit overrides any earlier error */
		fail(e, EVE_STEPS, at, "evaluation took more than %ld steps (the limit)", e->max_steps);
		return -1;
	}
	return 0;
}

/* ---- reading the submission ------------------------------------------------- */

int eval_as_for(const jxl_doc *d, const jxl_node *n)
{
	if (!n || !d)
		return JXL_AS_ANY;
	const jxl_node *top = NULL, *leaf = n;
	for (const jxl_node *p = n; p && p != d->root; p = p->parent)
		top = p;
	if (!top || !top->key)
		return JXL_AS_ANY;
	const char *k = top->key;
	static const char *const money[] = {"budget", "income", "expenditure", "balance", "three_public", "procurement"};
	for (size_t i = 0; i < sizeof money / sizeof *money; i++)
		if (!strcmp(k, money[i]))
			return JXL_AS_MONEY;
	if (!strcmp(k, "rates"))
		return JXL_AS_RATE;
	if (!strcmp(k, "scores"))
		return JXL_AS_SCORE;
	if (!strcmp(k, "staffing"))
		return JXL_AS_COUNT;
	if (!strcmp(k, "indicators") && leaf->key && (!strcmp(leaf->key, "max") || !strcmp(leaf->key, "score")))
		return JXL_AS_SCORE;
	return JXL_AS_ANY;
}

static int empty_text(const jxl_node *n)
{
	if (!n || n->kind == JXL_NULL)
		return 1;
	if (n->kind != JXL_STRING)
		return 0;
	for (size_t i = 0; i < n->slen; i++)   /* the words for "missing" have no digit: skip the parse */
		if (n->str[i] >= '0' && n->str[i] <= '9')
			return 0;
	num_fig nf;
	num_err ne;
	return num_parse(n->str, n->slen, &nf, &ne) == NUM_EMPTY;
}

/* Could the string node be read as a figure (without reporting anything)? */
static int readable_figure(const jxl_node *n)
{
	if (!n || n->kind != JXL_STRING)
		return n && n->kind == JXL_NUMBER;
	num_fig nf;
	num_err ne;
	return num_parse(n->str, n->slen, &nf, &ne) == NUM_OK;
}

/* Keys of the format that hold names and words, never figures. */
static int is_text_key(const char *k)
{
	static const char *const keys[] = {"name", "category", "level1", "level2", "level3", "kind", "grade", "label",
					   "source", "text", "form", "unit", "project", "filed", "money_unit", "$comment"};
	for (size_t i = 0; k && i < sizeof keys / sizeof *keys; i++)
		if (!strcmp(k, keys[i]))
			return 1;
	return 0;
}

static const jxl_fig *ratio_to_percent(eval_env *e, const jxl_fig *f)
{
	return f && f->unit == FIG_RATIO ? fig_as_percent(e->a, f) : f;
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
	case EV_NODE: {
		const jxl_node *n = v.node;
		if (n->kind == JXL_NULL)
			return mk_missing(v.at, 0);
		if (n->kind != JXL_NUMBER && n->kind != JXL_STRING)
			return fail(e, EVE_TYPE, v.at, "%s is %s, not a figure", doc_label(e->a, n, 0),
				    n->kind == JXL_OBJECT ? "an object" : n->kind == JXL_ARRAY ? "a list" : "true/false");
		if (n->kind == JXL_STRING && is_text_key(n->key) && !readable_figure(n))
			return fail(e, EVE_TYPE, v.at, "the text \"%s\" where a figure was expected", n->str);
		const jxl_fig *f = host_fig(e->ctx, n, eval_as_for(e->doc, n));
		if (!f) {
			ev_val m = mk_missing(v.at, 0);
			m.node = n;
			return m;
		}
		ev_val r = mk_fig(ratio_to_percent(e, f), 0);
		r.node = n;
		return r;
	}
	case EV_LIST:
		if (v.b)
			return fail(e, EVE_AMBIGUOUS, v.at, "%zu elements match where one was expected", v.n);
		return fail(e, EVE_TYPE, v.at, "a list where one value was expected (use sum, count, min, max or all … in …)");
	case EV_BOOL:
		return fail(e, EVE_TYPE, v.at, "true/false where a figure was expected");
	case EV_STR:
		return fail(e, EVE_TYPE, v.at, "the text \"%s\" where a figure was expected", v.s);
	}
	return v;
}

/* ---- arithmetic ----------------------------------------------------------------- */

static jxl_fig *copy_fig(eval_env *e, const jxl_fig *f)
{
	jxl_fig *c = arena_alloc(e->a, sizeof *c);
	*c = *f;
	c->node = NULL;
	return c;
}

static const jxl_fig *shifted(eval_env *e, const jxl_fig *f, int k, int unit)
{
	jxl_fig *c = copy_fig(e, f);
	c->v = dec_shift(f->v, k);
	c->lo = dec_shift(f->lo, k);
	c->hi = dec_shift(f->hi, k);
	c->pexp = f->pexp + k;
	c->unit = unit;
	return c;
}

static int is_number_unit(int u)
{
	return u == FIG_PLAIN || u == FIG_COUNT;
}

/* Bring two figures to comparable units. A bare number written in the rule
 * takes the submission's money_unit next to money; a number next to a
 * percent is a ratio (1 = 100%). Returns -1 (with err) on a mismatch. */
static int align(eval_env *e, ev_val *x, ev_val *y, const expr *at, const char *what)
{
	int ux = x->f->unit, uy = y->f->unit;
	if (ux == uy || (is_number_unit(ux) && is_number_unit(uy)))
		return 0;
	for (int pass = 0; pass < 2; pass++) {
		ev_val *a = pass ? y : x, *b = pass ? x : y;
		int ua = a->f->unit, ub = b->f->unit;
		if (ua == FIG_MONEY && is_number_unit(ub) && b->lit) {
			int mag = e->doc ? e->doc->money_mag : 0;
			jxl_fig *c = copy_fig(e, b->f);
			c->v = dec_shift(b->f->v, mag);
			c->lo = dec_shift(b->f->lo, mag);
			c->hi = dec_shift(b->f->hi, mag);
			c->pexp = b->f->pexp + mag;
			c->mag = mag;
			c->unit = FIG_MONEY;
			b->f = c;
			return 0;
		}
		if (ua == FIG_PERCENT && is_number_unit(ub)) {
			b->f = shifted(e, b->f, 2, FIG_PERCENT);
			return 0;
		}
	}
	static const char *const unit_names[] = {"a number", "money", "a percent", "a ratio", "a count"};
	fail(e, EVE_UNIT, at, "%s %s and %s: the units do not fit", what, unit_names[ux], unit_names[uy]);
	return -1;
}

/* One bound of a quotient: (x × 10^shift) ÷ y at EVAL_DIV_PLACES, and
 * whether that was exact. */
static int quot(dec x, dec y, int shift, dec *q, int *inexact)
{
	if (dec_div(dec_shift(x, shift), y, EVAL_DIV_PLACES, q))
		return -1;
	dec back;
	if (dec_mul(*q, y, &back) || dec_cmp(back, dec_shift(x, shift)) != 0)
		*inexact = 1;
	return 0;
}

/* x ÷ y (× 100 when shift is 2: a ratio as a percent), in `unit`; the
 * interval widened by one last place only where a bound was rounded. */
static const jxl_fig *divide(eval_env *e, const jxl_fig *x, const jxl_fig *y, int shift, int unit)
{
	jxl_fig *f = arena_alloc(e->a, sizeof *f);
	int inexact = 0;
	if (quot(x->v, y->v, shift, &f->v, &inexact))
		return NULL;
	f->unit = unit;
	f->mag = unit == x->unit ? x->mag : 0;
	f->pexp = inexact ? -EVAL_DIV_PLACES : (x->pexp < y->pexp ? x->pexp : y->pexp);
	if (f->pexp > 0 || unit != x->unit)
		f->pexp = inexact ? -EVAL_DIV_PLACES : dec_normal(f->v).exp < 0 ? dec_normal(f->v).exp : 0;
	f->rounded = x->rounded || y->rounded;
	f->approx = x->approx || y->approx;
	if (x->lo_inf || x->hi_inf || y->lo_inf || y->hi_inf || dec_sign(y->lo) * dec_sign(y->hi) <= 0) {
		f->lo = f->hi = f->v;
		f->lo_inf = f->hi_inf = 1;
		return f;
	}
	dec c[4];
	int bad = 0;
	if (quot(x->lo, y->lo, shift, &c[0], &bad) || quot(x->lo, y->hi, shift, &c[1], &bad) ||
	    quot(x->hi, y->lo, shift, &c[2], &bad) || quot(x->hi, y->hi, shift, &c[3], &bad))
		return NULL;
	dec mn = c[0], mx = c[0];
	for (int i = 1; i < 4; i++) {
		if (dec_cmp(c[i], mn) < 0) mn = c[i];
		if (dec_cmp(c[i], mx) > 0) mx = c[i];
	}
	dec ulp = {bad ? 1 : 0, -EVAL_DIV_PLACES};
	if (dec_sub(mn, ulp, &f->lo) || dec_add(mx, ulp, &f->hi))
		return NULL;
	return f;
}

static ev_val arith(eval_env *e, const expr *x, int op, ev_val a, ev_val b)
{
	a = eval_fig(e, a);
	if (a.t != EV_FIG)
		return a;
	b = eval_fig(e, b);
	if (b.t != EV_FIG)
		return b;
	const jxl_fig *r = NULL;
	int lit = a.lit && b.lit;
	int ua = a.f->unit, ub = b.f->unit;
	switch (op) {
	case OP_ADD: case OP_SUB:
		if (align(e, &a, &b, x, op == OP_ADD ? "adding" : "subtracting"))
			return (ev_val){.t = EV_ERR, .at = x};
		r = op == OP_ADD ? fig_add(e->a, a.f, b.f) : fig_sub(e->a, a.f, b.f);
		break;
	case OP_MUL:
		if (ua == FIG_MONEY && ub == FIG_MONEY)
			return fail(e, EVE_UNIT, x, "multiplying money by money");
		r = fig_mul(e->a, a.f, b.f);
		break;
	case OP_DIV:
		if (dec_is_zero(b.f->v))
			return fail(e, EVE_DIV0, x, "division by zero: %s is 0", eval_text(e, b, 0));
		if (ua == ub && ua != FIG_PLAIN) {
			r = divide(e, a.f, b.f, 2, FIG_PERCENT);   /* a ratio, as a percent */
		} else if (ub == FIG_MONEY) {
			return fail(e, EVE_UNIT, x, "dividing a number by money");
		} else {
			const jxl_fig *d = ub == FIG_PERCENT ? shifted(e, b.f, -2, FIG_PLAIN) : b.f;
			if (dec_is_zero(d->v))
				return fail(e, EVE_DIV0, x, "division by zero");
			r = divide(e, a.f, d, 0, a.f->unit);
		}
		break;
	}
	if (!r)
		return fail(e, EVE_OVERFLOW, x, "a number too large to compute exactly");
	return mk_fig(r, lit);
}

/* ---- comparisons ---------------------------------------------------------------- */

static const dec *tolerance_for(const eval_env *e, int unit)
{
	if (!e->tol)
		return NULL;
	if (unit == FIG_MONEY)
		return e->tol->has_money ? &e->tol->money : NULL;
	if (unit == FIG_PERCENT)
		return e->tol->has_percent ? &e->tol->percent : NULL;
	return e->tol->has_number ? &e->tol->number : NULL;
}

/* x.lo <= y.hi (possibly x <= y); strict: x.lo < y.hi. */
static int possibly_le(const jxl_fig *x, const jxl_fig *y, const dec *tol, int strict)
{
	if (x->lo_inf || y->hi_inf)
		return 1;
	dec hi = y->hi;
	if (tol && dec_add(hi, *tol, &hi))
		return 1;
	int c = dec_cmp(x->lo, hi);
	return strict ? c < 0 : c <= 0;
}

static int possibly_ge(const jxl_fig *x, const jxl_fig *y, const dec *tol, int strict)
{
	if (x->hi_inf || y->lo_inf)
		return 1;
	dec lo = y->lo;
	if (tol && dec_sub(lo, *tol, &lo))
		return 1;
	int c = dec_cmp(x->hi, lo);
	return strict ? c > 0 : c >= 0;
}

static const char *node_text(const jxl_node *n)
{
	return n && (n->kind == JXL_STRING || n->kind == JXL_NUMBER) ? n->str : NULL;
}

/* == and != between texts, true/false and null. Returns -1 when the operands are figures. */
static int compare_other(eval_env *e, const expr *x, ev_val a, ev_val b, ev_val *out)
{
	int strlit = (x->a->kind == EX_STR) || (x->b->kind == EX_STR);
	/* two texts of the submission compare as texts unless both read as figures */
	int sa = a.t == EV_STR || (!strlit && a.t == EV_NODE && a.node->kind == JXL_STRING && !readable_figure(a.node));
	int sb = b.t == EV_STR || (!strlit && b.t == EV_NODE && b.node->kind == JXL_STRING && !readable_figure(b.node));
	int boola = a.t == EV_BOOL || (a.t == EV_NODE && a.node->kind == JXL_BOOL);
	int boolb = b.t == EV_BOOL || (b.t == EV_NODE && b.node->kind == JXL_BOOL);
	int nulla = a.t == EV_MISSING && a.isnull, nullb = b.t == EV_MISSING && b.isnull;
	if (!(sa || sb || strlit || boola || boolb || nulla || nullb))
		return -1;
	int eq;
	if (nulla || nullb) {
		ev_val o = nulla ? b : a;
		eq = o.t == EV_MISSING || (o.t == EV_NODE && empty_text(o.node));
	} else if (a.t == EV_ERR || b.t == EV_ERR) {
		*out = a.t == EV_ERR ? a : b;
		return 0;
	} else if (a.t == EV_MISSING || b.t == EV_MISSING) {
		/* an absent name is not equal to any text: kind != "bonus" holds without a kind */
		eq = a.t == EV_MISSING && b.t == EV_MISSING;
	} else if (boola || boolb) {
		if (!(boola && boolb)) {
			*out = fail(e, EVE_TYPE, x, "comparing true/false with something else");
			return 0;
		}
		eq = (a.t == EV_BOOL ? a.b : a.node->bval) == (b.t == EV_BOOL ? b.b : b.node->bval);
	} else {
		const char *ta = a.t == EV_STR ? a.s : a.t == EV_NODE ? node_text(a.node) : NULL;
		const char *tb = b.t == EV_STR ? b.s : b.t == EV_NODE ? node_text(b.node) : NULL;
		if (!ta || !tb) {
			*out = fail(e, EVE_TYPE, x, "comparing text with %s", a.t == EV_FIG || b.t == EV_FIG ? "a computed figure" : "an object or list");
			return 0;
		}
		eq = !strcmp(ta, tb);
	}
	*out = mk_bool(x->op == OP_EQ ? eq : !eq);
	return 0;
}

static ev_val compare(eval_env *e, const expr *x, ev_val a, ev_val b)
{
	ev_val out;
	if ((x->op == OP_EQ || x->op == OP_NE) && compare_other(e, x, a, b, &out) == 0)
		return out;
	if (a.t == EV_STR || b.t == EV_STR)
		return fail(e, EVE_TYPE, x, "text can only be compared with == and !=");
	a = note_missing(e, eval_fig(e, a));
	if (a.t != EV_FIG)
		return a;
	b = note_missing(e, eval_fig(e, b));
	if (b.t != EV_FIG)
		return b;
	if (align(e, &a, &b, x, "comparing"))
		return (ev_val){.t = EV_ERR, .at = x};
	e->lhs = a;
	e->rhs = b;
	e->cmp = x;
	const dec *tol = tolerance_for(e, a.f->unit);
	int r = 0;
	switch (x->op) {
	case OP_EQ: r = possibly_le(a.f, b.f, tol, 0) && possibly_ge(a.f, b.f, tol, 0); break;
	case OP_NE: r = !(possibly_le(a.f, b.f, tol, 0) && possibly_ge(a.f, b.f, tol, 0)); break;
	case OP_LT: r = possibly_le(a.f, b.f, tol, 1); break;
	case OP_LE: r = possibly_le(a.f, b.f, tol, 0); break;
	case OP_GT: r = possibly_ge(a.f, b.f, tol, 1); break;
	case OP_GE: r = possibly_ge(a.f, b.f, tol, 0); break;
	}
	e->cmp_held = r;
	return mk_bool(r);
}

const jxl_fig *eval_diff(eval_env *e, ev_val x, ev_val y)
{
	if (x.t != EV_FIG || y.t != EV_FIG)
		return NULL;
	int saved = e->err;
	char msg[sizeof e->err_msg];
	memcpy(msg, e->err_msg, sizeof msg);
	const jxl_fig *d = NULL;
	if (!align(e, &x, &y, NULL, "subtracting"))
		d = fig_diff(e->a, x.f, y.f);
	e->err = saved;
	memcpy(e->err_msg, msg, sizeof msg);
	return d;
}

/* ---- truth ---------------------------------------------------------------------- */

int eval_truth(eval_env *e, ev_val v)
{
	switch (v.t) {
	case EV_BOOL:
		return v.b ? 1 : 0;
	case EV_MISSING:
		note_missing(e, v);
		return -1;
	case EV_NODE:
		if (v.node->kind == JXL_BOOL)
			return v.node->bval ? 1 : 0;
		if (v.node->kind == JXL_NULL)
			return -1;
		fail(e, EVE_TYPE, v.at, "%s is not true/false", doc_label(e->a, v.node, 0));
		return -2;
	case EV_ERR:
		return -2;
	default:
		fail(e, EVE_TYPE, v.at, "%s where true/false was expected",
		     v.t == EV_FIG ? "a figure" : v.t == EV_STR ? "text" : "a list");
		return -2;
	}
}

static ev_val tv(int t, const expr *at)
{
	if (t == 1 || t == 0)
		return mk_bool(t);
	if (t == -1)
		return mk_missing(at, 0);
	ev_val v = {.t = EV_ERR, .at = at};
	return v;
}

static ev_val logic(eval_env *e, const expr *x)
{
	int stop = x->op == OP_OR;   /* the value that decides */
	int a = eval_truth(e, eval_expr(e, x->a));
	if (a == -2)
		return tv(-2, x);
	if (a == stop)
		return mk_bool(stop);
	int b = eval_truth(e, eval_expr(e, x->b));
	if (b == -2)
		return tv(-2, x);
	if (b == stop)
		return mk_bool(stop);
	if (a == -1 || b == -1)
		return mk_missing(a == -1 ? x->a : x->b, 0);
	return mk_bool(!stop);
}

/* ---- paths ---------------------------------------------------------------------- */

typedef struct nodelist {
	const jxl_node **v;
	size_t n, cap;
} nodelist;

static void nl_push(eval_env *e, nodelist *l, const jxl_node *n)
{
	if (l->n == l->cap) {
		size_t cap = l->cap ? l->cap * 2 : 8;
		const jxl_node **v = arena_alloc(e->a, cap * sizeof *v);
		if (l->n)
			memcpy(v, l->v, l->n * sizeof *v);
		l->v = v;
		l->cap = cap;
	}
	l->v[l->n++] = n;
}

static int select_match(const jxl_node *it, const expr_seg *sg)
{
	if (!it || it->kind != JXL_OBJECT)
		return 0;
	const jxl_node *m = doc_get(it, sg->key);
	const expr *lit = sg->value;
	int eq = 0;
	if (lit->kind == EX_NULL) {
		eq = empty_text(m);
	} else if (!m) {
		eq = 0;
	} else if (lit->kind == EX_STR) {
		eq = m->kind == JXL_STRING && !strcmp(m->str, lit->str);
	} else if (lit->kind == EX_BOOL) {
		eq = m->kind == JXL_BOOL && m->bval == lit->bval;
	} else if (lit->kind == EX_NUM && (m->kind == JXL_NUMBER || m->kind == JXL_STRING)) {
		num_fig nf;
		num_err ne;
		eq = num_parse(m->str, m->slen, &nf, &ne) == NUM_OK && dec_cmp(nf.value, lit->num.value) == 0;
	}
	return sg->negate ? !eq : eq;
}

/* Append n.key's elements (or the value itself), each followed by its own key's elements. */
static int recurse(eval_env *e, nodelist *out, const jxl_node *n, const char *key, const expr *at, int depth)
{
	const jxl_node *v = doc_get(n, key);
	if (!v || depth > 200)
		return 0;
	size_t k = v->kind == JXL_ARRAY ? v->nkids : 1;
	for (size_t i = 0; i < k; i++) {
		const jxl_node *el = v->kind == JXL_ARRAY ? v->kids[i] : v;
		if (step(e, at))
			return -1;
		nl_push(e, out, el);
		if (el->kind == JXL_OBJECT && recurse(e, out, el, key, at, depth + 1))
			return -1;
	}
	return 0;
}

static const jxl_node *inherited(const jxl_doc *d, const char *key)
{
	for (; d; d = d->parent) {
		const jxl_node *n = doc_get(d->root, key);
		if (n)
			return n;
		if (strcmp(key, "money_unit") && strcmp(key, "year") && strcmp(key, "unit"))
			return NULL;
	}
	return NULL;
}

static ev_val eval_let(eval_env *e, const expr *x);

static ev_val eval_path(eval_env *e, const expr *x, int want_list)
{
	ev_val start;
	switch (x->root) {
	case ROOT_DOLLAR:
		start = mk_node(e->doc->root);
		break;
	case ROOT_DOC: {
		const jxl_node *n = inherited(e->doc, x->name);
		if (!n && !strcmp(x->name, "form") && e->doc->form) {
			ev_val s = {.t = EV_STR, .s = e->doc->form == 'p' ? "project" : "department"};
			return s;
		}
		start = n ? mk_node(n) : mk_missing(x, 1);
		break;
	}
	case ROOT_VAR:
		start = e->vars[x->slot];
		break;
	case ROOT_LET:
		return eval_let(e, x);
	case ROOT_LHS:
		return e->cmp ? e->lhs : mk_missing(x, 1);
	case ROOT_RHS:
		return e->cmp ? e->rhs : mk_missing(x, 1);
	case ROOT_DIFF: {
		const jxl_fig *d = e->cmp ? eval_diff(e, e->lhs, e->rhs) : NULL;
		return d ? mk_fig(d, 0) : mk_missing(x, 1);
	}
	default:
		return fail(e, EVE_TYPE, x, "unresolved name '%s'", x->name ? x->name : "?");
	}
	if (!x->nsegs)
		return start.t == EV_MISSING ? (start.at = x, start) : start;
	if (start.t == EV_MISSING)
		return mk_missing(x, start.absent);
	if (start.t == EV_ERR)
		return start;
	if (start.t != EV_NODE)
		return fail(e, EVE_TYPE, x, "'%s' is %s and has no keys", x->name ? x->name : "$",
			    start.t == EV_FIG ? "a figure" : start.t == EV_STR ? "text" : "not an object");
	nodelist cur = {0}, nxt = {0};
	nl_push(e, &cur, start.node);
	int plural_seen = 0;
	for (size_t i = 0; i < x->nsegs; i++) {
		const expr_seg *sg = &x->segs[i];
		nxt.n = 0;
		if (!cur.n && !plural_seen)
			return mk_missing(x, 1);
		for (size_t k = 0; k < cur.n; k++) {
			const jxl_node *n = cur.v[k];
			if (step(e, x))
				return (ev_val){.t = EV_ERR, .at = x};
			switch (sg->kind) {
			case SEG_KEY: {
				const jxl_node *m = doc_get(n, sg->key);
				if (m)
					nl_push(e, &nxt, m);
				break;
			}
			case SEG_INDEX:
				if (n->kind == JXL_ARRAY) {
					long idx = sg->index < 0 ? (long)n->nkids + sg->index : sg->index;
					if (idx >= 0 && (size_t)idx < n->nkids)
						nl_push(e, &nxt, n->kids[idx]);
				}
				break;
			case SEG_STAR:
				if (n->kind == JXL_ARRAY || n->kind == JXL_OBJECT)
					for (size_t j = 0; j < n->nkids; j++)
						nl_push(e, &nxt, n->kids[j]);
				break;
			case SEG_SELECT:
				if (n->kind == JXL_ARRAY) {
					for (size_t j = 0; j < n->nkids; j++)
						if (select_match(n->kids[j], sg))
							nl_push(e, &nxt, n->kids[j]);
				} else if (select_match(n, sg)) {
					nl_push(e, &nxt, n);   /* after a selection: [a = 1][b = 2] keeps what meets both */
				}
				break;
			case SEG_RECURSE:
				if (recurse(e, &nxt, n, sg->key, x, 0))
					return (ev_val){.t = EV_ERR, .at = x};
				break;
			}
		}
		if (sg->kind != SEG_KEY && sg->kind != SEG_INDEX)
			plural_seen = 1;
		for (size_t k = 0; k < nxt.n; k++)   /* every value reached is a step */
			if (step(e, x))
				return (ev_val){.t = EV_ERR, .at = x};
		nodelist t = cur;
		cur = nxt;
		nxt = t;
	}
	if (x->plural) {
		int only_select = 1;
		for (size_t i = 0; i < x->nsegs; i++)
			if (x->segs[i].kind == SEG_STAR || x->segs[i].kind == SEG_RECURSE)
				only_select = 0;
		/* a selection that finds exactly one element is that element */
		if (!(only_select && !want_list && cur.n <= 1)) {
			ev_val l = {.t = EV_LIST, .n = cur.n, .at = x, .isnull = 0};
			l.items = cur.n ? arena_alloc(e->a, cur.n * sizeof *l.items) : NULL;
			for (size_t k = 0; k < cur.n; k++) {
				l.items[k] = mk_node(cur.v[k]);
				l.items[k].at = x;
			}
			l.b = only_select;   /* for the message: "N elements match" */
			return l;
		}
	}
	if (!cur.n)
		return mk_missing(x, 1);
	ev_val r = mk_node(cur.v[0]);
	r.at = x;
	if (cur.v[0]->kind == JXL_NULL)
		return mk_missing(x, 0);
	return r;
}

static ev_val eval_let(eval_env *e, const expr *x)
{
	size_t k = (size_t)x->slot;
	if (k >= e->nlets)
		return fail(e, EVE_TYPE, x, "unknown name '%s'", x->name);
	if (e->letstate[k] == 2)
		return e->letv[k];
	if (e->letstate[k] == 1)
		return fail(e, EVE_TYPE, x, "'%s' is defined in terms of itself", x->name);
	e->letstate[k] = 1;
	ev_val v = eval_expr(e, e->lets[k]);
	e->letv[k] = v;
	e->letstate[k] = 2;
	return v;
}

/* ---- iteration and functions ----------------------------------------------------- */

int eval_items(eval_env *e, const expr *seq, ev_val **items, size_t *n, ev_val *failv)
{
	ev_val v = seq->kind == EX_PATH ? eval_path(e, seq, 1) : eval_expr(e, seq);
	if (v.t == EV_LIST) {
		*items = v.items;
		*n = v.n;
		return 0;
	}
	if (v.t == EV_NODE && (v.node->kind == JXL_ARRAY || v.node->kind == JXL_OBJECT)) {
		*n = v.node->nkids;
		*items = *n ? arena_alloc(e->a, *n * sizeof **items) : NULL;
		for (size_t i = 0; i < *n; i++) {
			(*items)[i] = mk_node(v.node->kids[i]);
			(*items)[i].at = seq;
		}
		return 0;
	}
	if (v.t == EV_MISSING || v.t == EV_ERR) {
		*failv = note_missing(e, v);
		return -1;
	}
	*failv = fail(e, EVE_TYPE, seq, "'in' needs a list, an array or an object to go through");
	return -1;
}

/* The values a function works on: a binding's bodies, one list argument, or the arguments. */
static int gather(eval_env *e, const expr *x, ev_val **vals, size_t *n, ev_val *failv)
{
	if (x->bind) {
		ev_val *items;
		size_t k;
		if (eval_items(e, x->bind->seq, &items, &k, failv))
			return -1;
		ev_val *out = k ? arena_alloc(e->a, k * sizeof *out) : NULL;
		size_t m = 0;
		for (size_t i = 0; i < k; i++) {
			if (step(e, x))
				return *failv = (ev_val){.t = EV_ERR, .at = x}, -1;
			e->vars[x->bind->slot] = items[i];
			if (x->bind->where) {
				int t = eval_truth(e, eval_expr(e, x->bind->where));
				if (t == -2)
					return *failv = (ev_val){.t = EV_ERR, .at = x}, -1;
				if (t != 1)
					continue;
			}
			out[m++] = x->bind->body ? eval_expr(e, x->bind->body) : mk_bool(1);
		}
		*vals = out;
		*n = m;
		return 0;
	}
	if (x->nargs == 1 && (x->op == FN_SUM || x->op == FN_COUNT || x->op == FN_MIN || x->op == FN_MAX)) {
		const expr *a = x->args[0];
		ev_val v = a->kind == EX_PATH ? eval_path(e, a, 1) : eval_expr(e, a);
		if (v.t == EV_LIST) {
			*vals = v.items;
			*n = v.n;
			return 0;
		}
		if (v.t == EV_NODE && (v.node->kind == JXL_ARRAY || v.node->kind == JXL_OBJECT))
			return eval_items(e, a, vals, n, failv);
		if (x->op == FN_SUM || x->op == FN_COUNT) {
			if (v.t == EV_MISSING || v.t == EV_ERR)
				return *failv = note_missing(e, v), -1;
			if (x->op == FN_COUNT || v.t != EV_FIG)
				return *failv = fail(e, EVE_TYPE, x, "%s() needs a list: a path with [*] or **, or x in …", x->name), -1;
		}
		*vals = arena_alloc(e->a, sizeof **vals);
		(*vals)[0] = v;
		*n = 1;
		return 0;
	}
	*vals = arena_alloc(e->a, (x->nargs ? x->nargs : 1) * sizeof **vals);
	for (size_t i = 0; i < x->nargs; i++)
		(*vals)[i] = eval_expr(e, x->args[i]);
	*n = x->nargs;
	return 0;
}

static ev_val fold_minmax(eval_env *e, const expr *x, ev_val *v, size_t n)
{
	if (!n)
		return mk_missing(x, 1);
	ev_val best = eval_fig(e, v[0]);
	if (best.t != EV_FIG)
		return note_missing(e, best);
	int is_max = x->op == FN_MAX;
	dec lo = best.f->lo, hi = best.f->hi;
	int lo_inf = best.f->lo_inf, hi_inf = best.f->hi_inf;
	for (size_t i = 1; i < n; i++) {
		if (step(e, x))
			return tv(-2, x);
		ev_val c = eval_fig(e, v[i]);
		if (c.t != EV_FIG)
			return note_missing(e, c);
		const jxl_fig *before = best.f;
		if (align(e, &best, &c, x, is_max ? "max of" : "min of"))
			return (ev_val){.t = EV_ERR, .at = x};
		if (best.f != before) {   /* best was converted: restart its bounds */
			lo = best.f->lo, hi = best.f->hi;
			lo_inf = best.f->lo_inf, hi_inf = best.f->hi_inf;
		}
		int take = is_max ? dec_cmp(c.f->v, best.f->v) > 0 : dec_cmp(c.f->v, best.f->v) < 0;
		/* the interval of min/max: elementwise on the bounds */
		if (is_max) {
			if (c.f->lo_inf == 0 && !lo_inf && dec_cmp(c.f->lo, lo) > 0) lo = c.f->lo;
			if (c.f->hi_inf) hi_inf = 1;
			else if (!hi_inf && dec_cmp(c.f->hi, hi) > 0) hi = c.f->hi;
		} else {
			if (c.f->hi_inf == 0 && !hi_inf && dec_cmp(c.f->hi, hi) < 0) hi = c.f->hi;
			else if (hi_inf && !c.f->hi_inf) { hi = c.f->hi; hi_inf = 0; }
			if (c.f->lo_inf) lo_inf = 1;
			else if (!lo_inf && dec_cmp(c.f->lo, lo) < 0) lo = c.f->lo;
		}
		if (take)
			best = c;
	}
	if (n > 1) {
		jxl_fig *f = copy_fig(e, best.f);
		f->node = best.f->node;
		f->lo = lo;
		f->hi = hi;
		f->lo_inf = lo_inf;
		f->hi_inf = hi_inf;
		best.f = f;
	}
	return best;
}

static ev_val fn_round(eval_env *e, const expr *x)
{
	ev_val v = note_missing(e, eval_fig(e, eval_expr(e, x->args[0])));
	if (v.t != EV_FIG)
		return v;
	long places = 0;
	if (x->nargs == 2) {
		ev_val p = eval_fig(e, eval_expr(e, x->args[1]));
		if (p.t != EV_FIG)
			return p;
		dec n = dec_normal(p.f->v);
		if (n.exp < 0 || dec_cmp(dec_abs(p.f->v), dec_from_int(12)) > 0)
			return fail(e, EVE_TYPE, x, "round() takes a whole number of decimals from -12 to 12");
		places = (long)p.f->v.coef;
		for (int k = 0; k < p.f->v.exp; k++)
			places *= 10;
	}
	/* money is rounded in the submission's money_unit, a percent in percent points */
	int mag = v.f->unit == FIG_MONEY && e->doc ? e->doc->money_mag : 0;
	jxl_fig *f = copy_fig(e, v.f);
	dec r;
	if (dec_round(dec_shift(v.f->v, -mag), (int)places, &r))
		return fail(e, EVE_OVERFLOW, x, "a number too large to round");
	f->v = dec_shift(r, mag);
	if (!v.f->lo_inf && !dec_round(dec_shift(v.f->lo, -mag), (int)places, &r))
		f->lo = dec_shift(r, mag);
	if (!v.f->hi_inf && !dec_round(dec_shift(v.f->hi, -mag), (int)places, &r))
		f->hi = dec_shift(r, mag);
	f->pexp = mag - (int)places;
	return mk_fig(f, v.lit);
}

static int exists_val(const ev_val *v)
{
	switch (v->t) {
	case EV_MISSING: case EV_ERR:
		return 0;
	case EV_NODE:
		return !empty_text(v->node);
	case EV_LIST:
		for (size_t i = 0; i < v->n; i++)
			if (exists_val(&v->items[i]))
				return 1;
		return 0;
	default:
		return 1;
	}
}

/* ---- weight(): the pack's template ------------------------------------------------ */

/* A name without blanks and quote marks, so that “三公”经费 = "三公"经费 = 三公经费. Returns its length. */
static size_t norm_name(const char *s, char *out, size_t cap)
{
	size_t k = 0;
	while (*s && k + 1 < cap) {
		unsigned char c = (unsigned char)*s;
		if (c == ' ' || c == '\t' || c == '"' || c == '\'') {
			s++;
			continue;
		}
		if (c == 0xE2 && (unsigned char)s[1] == 0x80 && ((unsigned char)s[2] >= 0x98 && (unsigned char)s[2] <= 0x9D)) {
			s += 3;   /* ‘ ’ ‚ ‛ “ ” */
			continue;
		}
		if (c == 0xE3 && (unsigned char)s[1] == 0x80 && ((unsigned char)s[2] == 0x80 || (unsigned char)s[2] == 0x8C || (unsigned char)s[2] == 0x8D)) {
			s += 3;   /* ideographic space, 「 」 */
			continue;
		}
		out[k++] = *s++;
	}
	out[k] = '\0';
	return k;
}

static int name_eq(const char *a, const char *b)
{
	char x[256], y[256];
	if (!strcmp(a, b))
		return 1;
	norm_name(a, x, sizeof x);
	norm_name(b, y, sizeof y);
	return !strcmp(x, y);
}

/* Template names against one name of the submission, normalised once. */
static int names_match(const tmpl_node *t, const char *name)
{
	char y[256];
	norm_name(name, y, sizeof y);
	for (size_t i = 0; i < t->nnames; i++) {
		char x[256];
		if (!strcmp(t->names[i], name))
			return 1;
		norm_name(t->names[i], x, sizeof x);
		if (!strcmp(x, y))
			return 1;
	}
	return 0;
}

static int tmpl_matches(const tmpl_node *t, const jxl_node *n)
{
	const jxl_node *nm = doc_get(n, "name");
	if (nm && nm->kind == JXL_STRING && names_match(t, nm->str))
		return 1;
	const jxl_node *kd = doc_get(n, "kind");
	return t->kind && kd && kd->kind == JXL_STRING && !strcmp(kd->str, t->kind);
}

static const tmpl_node *tmpl_by_name(const tmpl_node *t, const char *name, int depth)
{
	for (size_t i = 0; i < t->nnames; i++)
		if (name_eq(t->names[i], name))
			return t;
	for (size_t i = 0; depth < 64 && i < t->nitems; i++) {
		const tmpl_node *r = tmpl_by_name(&t->items[i], name, depth + 1);
		if (r)
			return r;
	}
	return NULL;
}

/* The template node for a node of the score tree: the same position by names from the root. */
static const tmpl_node *tmpl_for(eval_env *e, const jxl_node *n)
{
	const jxl_node *scores = doc_get(e->doc->root, "scores");
	const jxl_node *chain[70];
	size_t k = 0;
	const jxl_node *p = n;
	while (p && p != scores && k < 70) {
		if (p->kind == JXL_OBJECT)
			chain[k++] = p;
		p = p->parent;
	}
	if (p != scores || !e->tmpl)
		return NULL;
	const tmpl_node *t = e->tmpl;
	while (k-- > 0) {
		const tmpl_node *found = NULL;
		for (size_t i = 0; i < t->nitems && !found; i++)
			if (tmpl_matches(&t->items[i], chain[k]))
				found = &t->items[i];
		if (!found)
			return NULL;
		t = found;
	}
	return t;
}

static ev_val fn_weight(eval_env *e, const expr *x)
{
	ev_val v = eval_expr(e, x->args[0]);
	const tmpl_node *t = NULL;
	if (v.t == EV_MISSING || v.t == EV_ERR)
		return note_missing(e, v);
	if (!e->tmpl)
		return mk_missing(x, 1);
	if (v.t == EV_STR)
		t = tmpl_by_name(e->tmpl, v.s, 0);
	else if (v.t == EV_NODE && v.node->kind == JXL_STRING)
		t = tmpl_by_name(e->tmpl, v.node->str, 0);
	else if (v.t == EV_NODE && v.node->kind == JXL_OBJECT)
		t = tmpl_for(e, v.node);
	else
		return fail(e, EVE_TYPE, x, "weight() takes a node of the score tree or a name");
	if (!t || !t->has_max)
		return mk_missing(x, 1);
	jxl_fig *f = arena_alloc(e->a, sizeof *f);
	f->v = f->lo = f->hi = t->max;
	f->pexp = t->max.exp < 0 ? t->max.exp : 0;
	return mk_fig(f, 0);
}

static ev_val call(eval_env *e, const expr *x)
{
	ev_val *v, failv;
	size_t n;
	switch (x->op) {
	case FN_SUM: {
		if (gather(e, x, &v, &n, &failv))
			return failv;
		ev_val acc = mk_fig(fig_from_int(e->a, 0), 1);
		for (size_t i = 0; i < n; i++) {
			if (step(e, x))
				return tv(-2, x);
			ev_val c = note_missing(e, eval_fig(e, v[i]));
			if (c.t != EV_FIG)
				return c;
			acc = arith(e, x, OP_ADD, acc, c);
			if (acc.t != EV_FIG)
				return acc;
		}
		return acc;
	}
	case FN_COUNT: {
		if (gather(e, x, &v, &n, &failv))
			return failv;
		long long c = 0;
		for (size_t i = 0; i < n; i++) {
			if (step(e, x))
				return tv(-2, x);
			if (x->bind) {
				int t = eval_truth(e, v[i]);
				if (t == -2)
					return tv(-2, x);
				c += t == 1;
			} else {
				c += v[i].t != EV_MISSING;
			}
		}
		jxl_fig *f = arena_alloc(e->a, sizeof *f);
		f->v = f->lo = f->hi = dec_from_int(c);
		f->unit = FIG_COUNT;
		return mk_fig(f, 0);
	}
	case FN_MIN: case FN_MAX:
		if (gather(e, x, &v, &n, &failv))
			return failv;
		return fold_minmax(e, x, v, n);
	case FN_ABS: {
		ev_val a = note_missing(e, eval_fig(e, eval_expr(e, x->args[0])));
		return a.t == EV_FIG ? mk_fig(fig_abs(e->a, a.f), a.lit) : a;
	}
	case FN_ROUND:
		return fn_round(e, x);
	case FN_EXISTS: {
		const expr *a = x->args[0];
		ev_val r = a->kind == EX_PATH ? eval_path(e, a, 1) : eval_expr(e, a);
		if (r.t == EV_ERR && e->err != EVE_DIV0)
			return r;
		return mk_bool(exists_val(&r));
	}
	case FN_WEIGHT:
		return fn_weight(e, x);
	case FN_FIRST:   /* the first argument that is there: first(budget.adjusted, budget.total, budget.initial) */
		for (size_t i = 0; i < x->nargs; i++) {
			ev_val a = eval_expr(e, x->args[i]);
			if (a.t == EV_ERR || exists_val(&a))
				return a;
		}
		return note_missing(e, mk_missing(x->args[0], 1));
	}
	return fail(e, EVE_TYPE, x, "unknown function");
}

static ev_val quant(eval_env *e, const expr *x)
{
	ev_val *items, failv;
	size_t n;
	if (eval_items(e, x->bind->seq, &items, &n, &failv))
		return failv;
	int missing = 0;
	for (size_t i = 0; i < n; i++) {
		if (step(e, x))
			return tv(-2, x);
		e->vars[x->bind->slot] = items[i];
		if (x->bind->where) {
			int w = eval_truth(e, eval_expr(e, x->bind->where));
			if (w == -2)
				return tv(-2, x);
			if (w != 1)
				continue;
		}
		int t = eval_truth(e, eval_expr(e, x->bind->body));
		if (t == -2)
			return tv(-2, x);
		if (t == -1)
			missing = 1;
		else if (x->op == Q_ALL && t == 0)
			return mk_bool(0);
		else if (x->op != Q_ALL && t == 1)
			return mk_bool(x->op == Q_ANY);
	}
	if (missing)
		return mk_missing(x, 0);
	return mk_bool(x->op != Q_ANY);
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
	return mk_fig(f, f->unit == FIG_PLAIN);
}

ev_val eval_expr(eval_env *e, const expr *x)
{
	if (step(e, x))
		return (ev_val){.t = EV_ERR, .at = x};
	switch (x->kind) {
	case EX_NUM:
		return literal_fig(e, x);
	case EX_STR: {
		ev_val v = {.t = EV_STR, .s = x->str};
		return v;
	}
	case EX_BOOL:
		return mk_bool(x->bval);
	case EX_NULL: {
		ev_val v = mk_missing(x, 0);
		v.isnull = 1;
		return v;
	}
	case EX_PATH:
		return eval_path(e, x, 0);
	case EX_UNARY: {
		ev_val a = eval_expr(e, x->a);
		if (x->op == OP_NOT) {
			int t = eval_truth(e, a);
			return t == 1 || t == 0 ? mk_bool(!t) : tv(t, x);
		}
		a = note_missing(e, eval_fig(e, a));
		if (a.t != EV_FIG)
			return a;
		ev_val zero = mk_fig(fig_from_int(e->a, 0), 1);
		zero.f = a.f->unit == FIG_PLAIN ? zero.f : shifted(e, zero.f, 0, a.f->unit);
		return arith(e, x, OP_SUB, zero, a);
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
			return compare(e, x, a, b);
		}
		{
			ev_val a = note_missing(e, eval_expr(e, x->a));
			if (a.t == EV_ERR)
				return a;
			ev_val b = note_missing(e, eval_expr(e, x->b));
			if (a.t == EV_MISSING)
				return b.t == EV_ERR ? b : a;
			if (b.t == EV_ERR || b.t == EV_MISSING)
				return b;
			return arith(e, x, x->op, a, b);
		}
	case EX_CALL:
		return call(e, x);
	case EX_QUANT:
		return quant(e, x);
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
	return fail(e, EVE_TYPE, x, "unknown expression");
}

/* ---- text ---------------------------------------------------------------------------- */

const jxl_node *eval_node_of(ev_val v)
{
	if (v.t == EV_FIG && v.f && v.f->node)
		return v.f->node;
	return v.node;
}

static const char *fig_display(eval_env *e, const jxl_fig *f)
{
	if (f->node)
		return fig_text(e->a, e->doc, f, -1);
	int places;
	if (f->unit == FIG_MONEY) {
		int mag = e->doc ? e->doc->money_mag : 0;
		places = mag - f->pexp;
		int cap = mag ? 4 : 2;
		if (places > cap)
			places = cap;
	} else {
		places = -f->pexp;
		if (places > 4)
			places = 4;
	}
	if (places < 0)
		places = 0;
	const char *t = fig_text(e->a, e->doc, f, places);
	if (f->unit == FIG_COUNT && f->noun)
		t = arena_printf(e->a, "%s%s", t, f->noun);
	return t;
}

const char *eval_text(eval_env *e, ev_val v, int zh)
{
	switch (v.t) {
	case EV_MISSING:
		return v.isnull ? "null" : "—";
	case EV_BOOL:
		return v.b ? "true" : "false";
	case EV_FIG:
		return v.f ? fig_display(e, v.f) : "?";
	case EV_STR:
		return v.s;
	case EV_NODE:
		if (v.node->kind == JXL_STRING || v.node->kind == JXL_NUMBER)
			return v.node->str;
		if (v.node->kind == JXL_BOOL)
			return v.node->bval ? "true" : "false";
		if (v.node->kind == JXL_NULL)
			return "null";
		return doc_label(e->a, v.node, zh);
	case EV_LIST: {
		size_t cap = 16, len = 0, shown = v.n > EVAL_TEXT_ITEMS ? EVAL_TEXT_ITEMS : v.n;
		const char **parts = arena_alloc(e->a, (shown + 1) * sizeof *parts);
		for (size_t i = 0; i < shown; i++) {
			parts[i] = eval_text(e, v.items[i], zh);
			cap += strlen(parts[i]) + 4;
		}
		char *buf = arena_alloc(e->a, cap + 32);
		for (size_t i = 0; i < shown; i++)
			len += (size_t)snprintf(buf + len, cap + 32 - len, "%s%s", i ? (zh ? "、" : ", ") : "", parts[i]);
		if (shown < v.n)
			snprintf(buf + len, cap + 32 - len, zh ? "等 %zu 项" : " … (%zu)", v.n);
		return buf;
	}
	case EV_ERR:
		return "?";
	}
	return "?";
}

const char *eval_missing_text(eval_env *e, const expr *at)
{
	if (!at)
		return "?";
	char buf[512];
	expr_print(at, buf, sizeof buf);
	return arena_strdup(e->a, buf);
}
