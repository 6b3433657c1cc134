/* eval_arith.c — arithmetic and comparisons of rule values: figures aligned to one unit, quotients as intervals, comparisons within the tolerance the figures' precision gives. */
#include "eval_int.h"

#include <string.h>

#define EVAL_DIV_PLACES 12   /* decimals of a computed quotient before it is compared */

/* ---- arithmetic ----------------------------------------------------------------- */

jxl_fig *eval_copy_fig(eval_env *e, const jxl_fig *f)
{
	jxl_fig *c = arena_alloc(e->a, sizeof *c);
	*c = *f;
	c->node = NULL;
	return c;
}

const jxl_fig *eval_shifted(eval_env *e, const jxl_fig *f, int k, int unit)
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
			b->f = eval_shifted(e, b->f, 2, FIG_PERCENT);
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
			const jxl_fig *d = ub == FIG_PERCENT ? eval_shifted(e, b.f, -2, FIG_PLAIN) : b.f;
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
	int c = dec_cmp_fast(&x->lo, &hi);
	return strict ? c < 0 : c <= 0;
}

static int possibly_ge(const jxl_fig *x, const jxl_fig *y, const dec *tol, int strict)
{
	if (x->hi_inf || y->lo_inf)
		return 1;
	dec lo = y->lo;
	if (tol && dec_sub(lo, *tol, &lo))
		return 1;
	int c = dec_cmp_fast(&x->hi, &lo);
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
