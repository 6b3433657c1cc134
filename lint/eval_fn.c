/* eval_fn.c — iteration (all/any/none, bindings) and the functions of the rule language: sum count min max abs round exists first (weight: eval_weight.c). */
#include "eval_int.h"
#include "eval_sum.h"

#include <string.h>

/* ---- iteration and functions ----------------------------------------------------- */

/* When seq stands for a list (a path's values, or an expression whose value
 * is a list), its elements in *list: 1. Otherwise its value in *v: 0. */
static int seq_list(eval_env *e, const expr *seq, eval_seq *list, ev_val *v)
{
	if (seq->kind == EX_PATH) {
		if (eval_path_list(e, seq, list, v))
			return 1;
	} else {
		*v = eval_expr(e, seq);
	}
	if (v->t == EV_LIST) {
		*list = (eval_seq){.vals = v->items, .n = v->n};
		return 1;
	}
	return 0;
}

int eval_items(eval_env *e, const expr *seq, eval_seq *items, ev_val *failv)
{
	ev_val v;
	if (seq_list(e, seq, items, &v))
		return 0;
	if (v.t == EV_NODE && (v.node->kind == JXL_ARRAY || v.node->kind == JXL_OBJECT)) {
		*items = (eval_seq){.nodes = (const jxl_node *const *)v.node->kids, .n = v.node->nkids, .at = seq};
		return 0;
	}
	if (v.t == EV_MISSING || v.t == EV_ERR) {
		*failv = eval_note_missing(e, v);
		return -1;
	}
	*failv = eval_fail(e, EVE_TYPE, seq, "'in' needs a list, an array or an object to go through");
	return -1;
}

/* The values a function works on: a binding's bodies, one list argument, or
 * the arguments. A count's binding without a body gives only how many
 * elements meet its condition: *vals with neither values nor nodes, each
 * element standing for true. */
static int gather(eval_env *e, const expr *x, eval_seq *vals, ev_val *failv)
{
	if (x->bind) {
		eval_seq items;
		if (eval_items(e, x->bind->seq, &items, failv))
			return -1;
		size_t k = items.n;
		const expr *body = x->bind->body;
		ev_val *out = k && body ? arena_alloc_raw(e->a, k * sizeof *out) : NULL;
		size_t m = 0;
		for (size_t i = 0; i < k; i++) {
			if (eval_step(e, x))
				return *failv = (ev_val){.t = EV_ERR, .at = x}, -1;
			e->vars[x->bind->slot] = eval_seq_get(&items, i);
			if (x->bind->where) {
				int t = eval_cond_each(e, x->bind->where);
				if (t == -2)
					return *failv = (ev_val){.t = EV_ERR, .at = x}, -1;
				if (t != 1)
					continue;
			}
			if (body && !eval_var_path(e, body, &out[m]))
				out[m] = eval_expr(e, body);
			m++;
		}
		*vals = (eval_seq){.vals = out, .n = m};
		return 0;
	}
	if (x->nargs == 1 && (x->op == FN_SUM || x->op == FN_COUNT || x->op == FN_MIN || x->op == FN_MAX)) {
		const expr *a = x->args[0];
		ev_val v;
		if (seq_list(e, a, vals, &v))
			return 0;
		if (v.t == EV_NODE && (v.node->kind == JXL_ARRAY || v.node->kind == JXL_OBJECT)) {
			/* its elements, as eval_items gives them: the path is not followed again (its steps once) */
			*vals = (eval_seq){.nodes = (const jxl_node *const *)v.node->kids, .n = v.node->nkids, .at = a};
			return 0;
		}
		if (x->op == FN_SUM || x->op == FN_COUNT) {
			if (v.t == EV_MISSING || v.t == EV_ERR)
				return *failv = eval_note_missing(e, v), -1;
			if (x->op == FN_COUNT || v.t != EV_FIG)
				return *failv = eval_fail(e, EVE_TYPE, x, "%s() needs a list: a path with [*] or **, or x in …", x->name), -1;
		}
		ev_val *one = arena_alloc_raw(e->a, sizeof *one);
		*one = v;
		*vals = (eval_seq){.vals = one, .n = 1};
		return 0;
	}
	ev_val *args = arena_alloc_raw(e->a, (x->nargs ? x->nargs : 1) * sizeof *args);
	for (size_t i = 0; i < x->nargs; i++)
		args[i] = eval_expr(e, x->args[i]);
	*vals = (eval_seq){.vals = args, .n = x->nargs};
	return 0;
}

static ev_val fold_minmax(eval_env *e, const expr *x, const eval_seq *v)
{
	size_t n = v->n;
	if (!n)
		return eval_missing(x, 1);
	ev_val best = eval_fig(e, eval_seq_get(v, 0));
	if (best.t != EV_FIG)
		return eval_note_missing(e, best);
	int is_max = x->op == FN_MAX;
	dec lo = best.f->lo, hi = best.f->hi;
	int lo_inf = best.f->lo_inf, hi_inf = best.f->hi_inf;
	for (size_t i = 1; i < n; i++) {
		if (eval_step(e, x))
			return eval_tv(-2, x);
		ev_val c = eval_fig(e, eval_seq_get(v, i));
		if (c.t != EV_FIG)
			return eval_note_missing(e, c);
		const jxl_fig *before = best.f;
		if (eval_align(e, &best, &c, x, is_max ? "max of" : "min of"))
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
		jxl_fig *f = eval_copy_fig(e, best.f);
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
	ev_val v = eval_note_missing(e, eval_fig(e, eval_expr(e, x->args[0])));
	if (v.t != EV_FIG)
		return v;
	long places = 0;
	if (x->nargs == 2) {
		ev_val p = eval_fig(e, eval_expr(e, x->args[1]));
		if (p.t != EV_FIG)
			return p;
		dec n = dec_normal(p.f->v);
		if (n.exp < 0 || dec_cmp(dec_abs(p.f->v), dec_from_int(12)) > 0)
			return eval_fail(e, EVE_TYPE, x, "round() takes a whole number of decimals from -12 to 12");
		places = (long)p.f->v.coef;
		for (int k = 0; k < p.f->v.exp; k++)
			places *= 10;
	}
	/* money is rounded in the submission's money_unit, a percent in percent points */
	int mag = v.f->unit == FIG_MONEY && e->doc ? e->doc->money_mag : 0;
	jxl_fig *f = eval_copy_fig(e, v.f);
	dec r;
	if (dec_round(dec_shift(v.f->v, -mag), (int)places, &r))
		return eval_fail(e, EVE_OVERFLOW, x, "a number too large to round");
	f->v = dec_shift(r, mag);
	if (!v.f->lo_inf && !dec_round(dec_shift(v.f->lo, -mag), (int)places, &r))
		f->lo = dec_shift(r, mag);
	if (!v.f->hi_inf && !dec_round(dec_shift(v.f->hi, -mag), (int)places, &r))
		f->hi = dec_shift(r, mag);
	f->pexp = mag - (int)places;
	return eval_figv(f, v.lit);
}

int eval_exists_val(const ev_val *v)
{
	switch (v->t) {
	case EV_MISSING: case EV_ERR:
		return 0;
	case EV_NODE:
		return !eval_empty_text(v->node);
	case EV_LIST:
		for (size_t i = 0; i < v->n; i++)
			if (eval_exists_val(&v->items[i]))
				return 1;
		return 0;
	default:
		return 1;
	}
}

int eval_exists(eval_env *e, const expr *x, ev_val *errv)
{
	const expr *a = x->args[0];
	ev_val r;
	if (a->kind == EX_PATH) {
		if (a->simple) {
			const jxl_node *n = NULL;
			switch (eval_path_node(e, a, &n)) {
			case PN_NODE: return eval_there(n);
			case PN_NULL: case PN_ABSENT: return 0;
			case PN_ERR: *errv = (ev_val){.t = EV_ERR, .at = a}; return -2;   /* out of steps */
			default: break;
			}
		}
		eval_seq s;
		if (eval_path_list(e, a, &s, &r)) {   /* a list of nodes: one is there */
			for (size_t i = 0; i < s.n; i++)
				if (eval_there(s.nodes[i]))
					return 1;
			return 0;
		}
	} else {
		r = eval_expr(e, a);
	}
	if (r.t == EV_ERR && e->err != EVE_DIV0) {
		*errv = r;
		return -2;
	}
	return eval_exists_val(&r);
}

/* acc, the run's sum made a figure if it added any. */
static ev_val run_end(eval_env *e, sum_run *r, ev_val acc)
{
	const jxl_fig *f = sum_run_end(e->a, r, acc.f);
	return f == acc.f ? acc : eval_figv(f, acc.lit);
}

/* sum(): the figures added left to right as eval_arith adds two; a run of
 * one unit through sum_run (eval_sum.h), without a figure for each. */
static ev_val fn_sum(eval_env *e, const expr *x)
{
	eval_seq v;
	ev_val failv;
	if (gather(e, x, &v, &failv))
		return failv;
	ev_val acc = eval_figv(fig_from_int(e->a, 0), 1);
	sum_run run = {.base = NULL};
	for (size_t i = 0; i < v.n; i++) {
		if (eval_step(e, x))
			return eval_tv(-2, x);
		ev_val c = eval_note_missing(e, eval_fig(e, eval_seq_get(&v, i)));
		if (c.t != EV_FIG)
			return c;
		int ua = acc.f->unit, uc = c.f->unit;   /* a run keeps acc's unit */
		if (ua == uc && ua != FIG_RATIO) {   /* what eval_arith does when the units are the same */
			const jxl_fig *r = sum_run_add(e->a, &run, acc.f, c.f);
			if (!r)
				return eval_fail(e, EVE_OVERFLOW, x, "a number too large to compute exactly");
			if (r == acc.f)   /* in the run */
				acc.lit = acc.lit && c.lit;
			else
				acc = eval_figv(r, acc.lit && c.lit);
			continue;
		}
		acc = run_end(e, &run, acc);
		acc = eval_arith(e, x, OP_ADD, acc, c);
		if (acc.t != EV_FIG)
			return acc;
	}
	return run_end(e, &run, acc);
}

ev_val eval_call(eval_env *e, const expr *x)
{
	eval_seq v;
	ev_val failv;
	switch (x->op) {
	case FN_SUM:
		return fn_sum(e, x);
	case FN_COUNT: {
		if (gather(e, x, &v, &failv))
			return failv;
		long long c = 0;
		for (size_t i = 0; i < v.n; i++) {
			if (eval_step(e, x))
				return eval_tv(-2, x);
			if (!v.vals && !v.nodes) {   /* an element that met the binding's condition: true */
				c++;
			} else if (x->bind) {
				int t = eval_truth(e, v.vals[i]);
				if (t == -2)
					return eval_tv(-2, x);
				c += t == 1;
			} else {
				c += v.vals ? v.vals[i].t != EV_MISSING : 1;   /* nodes of a path are never missing */
			}
		}
		jxl_fig *f = arena_alloc(e->a, sizeof *f);
		f->v = f->lo = f->hi = dec_from_int(c);
		f->unit = FIG_COUNT;
		return eval_figv(f, 0);
	}
	case FN_MIN: case FN_MAX:
		if (gather(e, x, &v, &failv))
			return failv;
		return fold_minmax(e, x, &v);
	case FN_ABS: {
		ev_val a = eval_note_missing(e, eval_fig(e, eval_expr(e, x->args[0])));
		return a.t == EV_FIG ? eval_figv(fig_abs(e->a, a.f), a.lit) : a;
	}
	case FN_ROUND:
		return fn_round(e, x);
	case FN_EXISTS: {
		ev_val err;
		int t = eval_exists(e, x, &err);
		return t == -2 ? err : eval_bool(t);
	}
	case FN_WEIGHT:
		return eval_fn_weight(e, x);
	case FN_FIRST:   /* the first argument that is there: first(budget.adjusted, budget.total, budget.initial) */
		for (size_t i = 0; i < x->nargs; i++) {
			ev_val a = eval_expr(e, x->args[i]);
			if (a.t == EV_ERR || eval_exists_val(&a))
				return a;
		}
		return eval_note_missing(e, eval_missing(x->args[0], 1));
	}
	return eval_fail(e, EVE_TYPE, x, "unknown function");
}

ev_val eval_quant(eval_env *e, const expr *x)
{
	eval_seq items;
	ev_val failv;
	if (eval_items(e, x->bind->seq, &items, &failv))
		return failv;
	int missing = 0;
	for (size_t i = 0; i < items.n; i++) {
		if (eval_step(e, x))
			return eval_tv(-2, x);
		e->vars[x->bind->slot] = eval_seq_get(&items, i);
		if (x->bind->where) {
			int w = eval_cond_each(e, x->bind->where);
			if (w == -2)
				return eval_tv(-2, x);
			if (w != 1)
				continue;
		}
		int t = eval_cond_each(e, x->bind->body);
		if (t == -2)
			return eval_tv(-2, x);
		if (t == -1)
			missing = 1;
		else if (x->op == Q_ALL && t == 0)
			return eval_bool(0);
		else if (x->op != Q_ALL && t == 1)
			return eval_bool(x->op == Q_ANY);
	}
	if (missing)
		return eval_missing(x, 0);
	return eval_bool(x->op != Q_ANY);
}

