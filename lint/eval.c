/* eval.c — evaluate rule expressions over one document: exact decimals with precision intervals, explicit outcomes, a step limit. */
#include "eval_int.h"

#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#define EVAL_DIV_PLACES 12   /* decimals of a computed quotient before it is compared */

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

/* ---- arithmetic ----------------------------------------------------------------- */

jxl_fig *eval_copy_fig(eval_env *e, const jxl_fig *f)
{
	jxl_fig *c = arena_alloc(e->a, sizeof *c);
	*c = *f;
	c->node = NULL;
	return c;
}

static const jxl_fig *shifted(eval_env *e, const jxl_fig *f, int k, int unit)
{
	jxl_fig *c = eval_copy_fig(e, f);
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
int eval_align(eval_env *e, ev_val *x, ev_val *y, const expr *at, const char *what)
{
	int ux = x->f->unit, uy = y->f->unit;
	if (ux == uy || (is_number_unit(ux) && is_number_unit(uy)))
		return 0;
	for (int pass = 0; pass < 2; pass++) {
		ev_val *a = pass ? y : x, *b = pass ? x : y;
		int ua = a->f->unit, ub = b->f->unit;
		if (ua == FIG_MONEY && is_number_unit(ub) && b->lit) {
			int mag = e->doc ? e->doc->money_mag : 0;
			jxl_fig *c = eval_copy_fig(e, b->f);
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
	eval_fail(e, EVE_UNIT, at, "%s %s and %s: the units do not fit", what, unit_names[ux], unit_names[uy]);
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

ev_val eval_arith(eval_env *e, const expr *x, int op, ev_val a, ev_val b)
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
		if (eval_align(e, &a, &b, x, op == OP_ADD ? "adding" : "subtracting"))
			return (ev_val){.t = EV_ERR, .at = x};
		r = op == OP_ADD ? fig_add(e->a, a.f, b.f) : fig_sub(e->a, a.f, b.f);
		break;
	case OP_MUL:
		if (ua == FIG_MONEY && ub == FIG_MONEY)
			return eval_fail(e, EVE_UNIT, x, "multiplying money by money");
		r = fig_mul(e->a, a.f, b.f);
		break;
	case OP_DIV:
		if (dec_is_zero(b.f->v))
			return eval_fail(e, EVE_DIV0, x, "division by zero: %s is 0", eval_text(e, b, 0));
		if (ua == ub && ua != FIG_PLAIN) {
			r = divide(e, a.f, b.f, 2, FIG_PERCENT);   /* a ratio, as a percent */
		} else if (ub == FIG_MONEY) {
			return eval_fail(e, EVE_UNIT, x, "dividing a number by money");
		} else {
			const jxl_fig *d = ub == FIG_PERCENT ? shifted(e, b.f, -2, FIG_PLAIN) : b.f;
			if (dec_is_zero(d->v))
				return eval_fail(e, EVE_DIV0, x, "division by zero");
			r = divide(e, a.f, d, 0, a.f->unit);
		}
		break;
	}
	if (!r)
		return eval_fail(e, EVE_OVERFLOW, x, "a number too large to compute exactly");
	return eval_figv(r, lit);
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
	int sa = a.t == EV_STR || (!strlit && a.t == EV_NODE && a.node->kind == JXL_STRING && !eval_readable_figure(a.node));
	int sb = b.t == EV_STR || (!strlit && b.t == EV_NODE && b.node->kind == JXL_STRING && !eval_readable_figure(b.node));
	int boola = a.t == EV_BOOL || (a.t == EV_NODE && a.node->kind == JXL_BOOL);
	int boolb = b.t == EV_BOOL || (b.t == EV_NODE && b.node->kind == JXL_BOOL);
	int nulla = a.t == EV_MISSING && a.isnull, nullb = b.t == EV_MISSING && b.isnull;
	if (!(sa || sb || strlit || boola || boolb || nulla || nullb))
		return -1;
	int eq;
	if (nulla || nullb) {
		ev_val o = nulla ? b : a;
		eq = o.t == EV_MISSING || (o.t == EV_NODE && eval_empty_text(o.node));
	} else if (a.t == EV_ERR || b.t == EV_ERR) {
		*out = a.t == EV_ERR ? a : b;
		return 0;
	} else if (a.t == EV_MISSING || b.t == EV_MISSING) {
		/* an absent name is not equal to any text: kind != "bonus" holds without a kind */
		eq = a.t == EV_MISSING && b.t == EV_MISSING;
	} else if (boola || boolb) {
		if (!(boola && boolb)) {
			*out = eval_fail(e, EVE_TYPE, x, "comparing true/false with something else");
			return 0;
		}
		eq = (a.t == EV_BOOL ? a.b : a.node->bval) == (b.t == EV_BOOL ? b.b : b.node->bval);
	} else {
		const char *ta = a.t == EV_STR ? a.s : a.t == EV_NODE ? node_text(a.node) : NULL;
		const char *tb = b.t == EV_STR ? b.s : b.t == EV_NODE ? node_text(b.node) : NULL;
		if (!ta || !tb) {
			*out = eval_fail(e, EVE_TYPE, x, "comparing text with %s", a.t == EV_FIG || b.t == EV_FIG ? "a computed figure" : "an object or list");
			return 0;
		}
		eq = !strcmp(ta, tb);
	}
	*out = eval_bool(x->op == OP_EQ ? eq : !eq);
	return 0;
}

ev_val eval_compare(eval_env *e, const expr *x, ev_val a, ev_val b)
{
	ev_val out;
	if ((x->op == OP_EQ || x->op == OP_NE) && compare_other(e, x, a, b, &out) == 0)
		return out;
	if (a.t == EV_STR || b.t == EV_STR)
		return eval_fail(e, EVE_TYPE, x, "text can only be compared with == and !=");
	a = eval_note_missing(e, eval_fig(e, a));
	if (a.t != EV_FIG)
		return a;
	b = eval_note_missing(e, eval_fig(e, b));
	if (b.t != EV_FIG)
		return b;
	if (eval_align(e, &a, &b, x, "comparing"))
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
	return eval_bool(r);
}

const jxl_fig *eval_diff(eval_env *e, ev_val x, ev_val y)
{
	if (x.t != EV_FIG || y.t != EV_FIG)
		return NULL;
	int ux = x.f->unit, uy = y.f->unit;
	if (ux == uy || (is_number_unit(ux) && is_number_unit(uy)))
		return fig_diff(e->a, x.f, y.f);   /* nothing to align: no error to take back */
	int saved = e->err;
	char msg[sizeof e->err_msg];
	memcpy(msg, e->err_msg, sizeof msg);
	const jxl_fig *d = NULL;
	if (!eval_align(e, &x, &y, NULL, "subtracting"))
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
		zero.f = a.f->unit == FIG_PLAIN ? zero.f : shifted(e, zero.f, 0, a.f->unit);
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
