/* eval_cond.c — conditions: eval_truth(eval_expr(…)) without building values, and tests (and, or, not over text comparisons and exists of simple paths) decided in one go. */
#include "eval_int.h"

#include <string.h>

/* == or != between a text written in the rule and a simple path (i.level1
 * == '产出指标'), after x's own step: compare_other's answer as a truth value,
 * with eval_expr's steps, or -3 when x is not of that form (nothing done). */
static int text_eq(eval_env *e, const expr *x)
{
	const expr *p, *s;
	if (x->b->kind == EX_STR)
		p = x->a, s = x->b;
	else if (x->a->kind == EX_STR)
		p = x->b, s = x->a;
	else
		return -3;
	if (p->kind != EX_PATH || !p->simple)
		return -3;
	if (!p->nsegs) {   /* a top-level key itself: form == 'project' (the value as it is, or the form made up) */
		if (p->root != ROOT_DOC)
			return -3;
		if ((s == x->a && eval_step(e, s)) || eval_step(e, p))
			return -2;
		const jxl_node *n = eval_inherited(e, p->name);
		const char *t = n ? (n->kind == JXL_STRING || n->kind == JXL_NUMBER ? n->str : NULL)
				  : eval_made_up(e, p->name);
		if (s == x->b && eval_step(e, s))
			return -2;
		if (n && !t) {
			eval_fail(e, EVE_TYPE, x, "%s", n->kind == JXL_BOOL ? "comparing true/false with something else"
									 : "comparing text with an object or list");
			return -2;
		}
		int eq = t && eval_same(t, s->str);   /* absent: equal to no text */
		return x->op == OP_EQ ? eq : !eq;
	}
	if (s == x->a && eval_step(e, s))
		return -2;
	if (eval_step(e, p))
		return -2;
	const jxl_node *n = NULL;
	int k = eval_path_node(e, p, &n);
	if (k == PN_SLOW) {   /* a variable that is not a node, the form made up: the general way */
		ev_val sv = {.t = EV_STR, .s = s->str};
		ev_val pv = eval_path(e, p, 0);
		if (pv.t == EV_ERR)
			return -2;
		if (s == x->b && eval_step(e, s))
			return -2;
		return eval_truth(e, s == x->a ? eval_compare(e, x, sv, pv) : eval_compare(e, x, pv, sv));
	}
	if (k == PN_ERR)
		return -2;
	if (s == x->b && eval_step(e, s))
		return -2;
	int eq;
	if (k != PN_NODE) {   /* an absent name is not equal to any text */
		eq = 0;
	} else if (n->kind == JXL_STRING || n->kind == JXL_NUMBER) {
		eq = !strcmp(n->str, s->str);
	} else if (n->kind == JXL_BOOL) {
		eval_fail(e, EVE_TYPE, x, "comparing true/false with something else");
		return -2;
	} else {
		eval_fail(e, EVE_TYPE, x, "comparing text with %s", "an object or list");
		return -2;
	}
	return x->op == OP_EQ ? eq : !eq;
}

/* ---- tests --------------------------------------------------------------------- */

/* A path of a test, followed once for all its leaves. */
typedef struct test_path {
	const jxl_node *n;         /* the node reached (for [*], its container), or NULL */
	long steps;                /* what following it costs: each key tried, each value reached */
	int any;                   /* a path ending in [*]: one of its elements is there */
} test_path;

typedef struct test_run {
	eval_env *e;
	unsigned done;             /* bit i: paths[i] is followed */
	long steps;
	test_path paths[EXPR_TEST_PATHS];
} test_run;

/* Path p as eval_path_node (or eval_path_list, for [*]) follows it,
 * counting its steps instead of taking them. Its start is a node (the
 * caller checked the variables) or a key of the document. */
static const test_path *follow(test_run *t, const expr *p)
{
	test_path *r = &t->paths[p->tpid];
	if (t->done & 1u << p->tpid)
		return r;
	t->done |= 1u << p->tpid;
	eval_env *e = t->e;
	const jxl_node *n = p->root == ROOT_VAR ? e->vars[p->slot].node : p->root == ROOT_DOLLAR ? e->doc->root : eval_inherited(e, p->name);
	long steps = 0;   /* an absent key of the document: missing before any step */
	size_t keys = p->simple ? p->nsegs : p->nsegs - 1;   /* then [*] */
	for (size_t i = 0; i < keys && n; i++) {
		const jxl_node *m = eval_key_or_index(e, n, &p->segs[i]);
		steps += m ? 2 : 1;
		n = m;
	}
	r->any = 0;
	if (!p->simple && n) {   /* [*]: a step on the container, one for each element */
		steps++;
		if (n->kind == JXL_ARRAY || n->kind == JXL_OBJECT) {
			steps += (long)n->nkids;
			for (size_t i = 0; i < n->nkids && !r->any; i++)
				r->any = eval_there(n->kids[i]);
		}
	}
	r->n = n;
	r->steps = steps;
	return r;
}

/* The elements of the [*] paths of test x, each time a leaf goes through them. */
static long star_elements(test_run *t, const expr *x)
{
	if (!x->tstar)
		return 0;
	if (!x->tleaf)
		return star_elements(t, x->a) + (x->kind == EX_BINARY ? star_elements(t, x->b) : 0);
	const jxl_node *n = follow(t, x->args[0])->n;
	return n && (n->kind == JXL_ARRAY || n->kind == JXL_OBJECT) ? (long)n->nkids : 0;
}


/* exists(w) of w = weight(…), its argument's value v evaluated: as
 * fn_weight and eval_exists have it (1, 0, or -2 for an error). */
static int weight_there(eval_env *e, const expr *w, ev_val v)
{
	if (v.t == EV_MISSING) {
		eval_note_missing(e, v);
		return 0;
	}
	if (!e->tmpl)
		return 0;
	int bad;
	const tmpl_node *tn = eval_weight_node(e, v, &bad);
	if (bad) {
		eval_fail(e, EVE_TYPE, w, "weight() takes a node of the score tree or a name");
		return e->err != EVE_DIV0 ? -2 : 0;
	}
	return tn && tn->has_max;
}

/* A test that is exists(weight(…)) of a path from a variable alone (the
 * body of mof/level1), without the table of paths; -3 when it is not. */
static int weight_alone(eval_env *e, const expr *x)
{
	const expr *w = x->args[0], *p = w->args[0];
	if (p->root != ROOT_VAR || e->vars[p->slot].t != EV_NODE || x->tmax - 1 > e->max_steps - e->steps)
		return -3;
	ev_val v = e->vars[p->slot];
	long steps = 2;   /* weight, its argument */
	if (p->nsegs) {
		const jxl_node *n = v.node;
		for (size_t i = 0; i < p->nsegs && n; i++) {
			const jxl_node *m = eval_key_or_index(e, n, &p->segs[i]);
			steps += m ? 2 : 1;
			n = m;
		}
		v = !n ? eval_missing(p, 1) : n->kind == JXL_NULL ? eval_missing(p, 0) : (ev_val){.t = EV_NODE, .node = n, .at = p};
	}
	e->steps += steps;
	return weight_there(e, w, v);
}

/* A test's value (1 or 0; a leaf is never missing), or -2 when a leaf
 * fails, with the failure recorded as eval_cond records it. Counts the
 * steps eval_cond would take. */
static int run_test(test_run *t, const expr *x)
{
	t->steps++;   /* x's own */
	switch (x->tleaf) {
	case 0:
		if (x->kind == EX_UNARY) {   /* not */
			int a = run_test(t, x->a);
			return a < 0 ? a : !a;
		} else {
			int stop = x->op == OP_OR;
			int a = run_test(t, x->a);
			if (a < 0 || a == stop)
				return a;
			return run_test(t, x->b);
		}
	case TL_IN: {   /* p == 'a' or p == 'b' or …: every or first, then the leaves up to the first that holds */
		const expr *spine[EXPR_TEST_CHAIN], *c = x;
		int k = 0;
		while (c->tleaf == TL_IN && k < EXPR_TEST_CHAIN) {
			spine[k++] = c;
			c = c->a;
		}
		t->steps += k - 1;
		const test_path *r = follow(t, c->a->kind == EX_STR ? c->b : c->a);
		const jxl_node *n = r->n;
		if (n && (n->kind == JXL_NULL || !(n->kind == JXL_STRING || n->kind == JXL_NUMBER))) {
			if (n->kind != JXL_NULL) {   /* the first leaf fails */
				t->steps += 3 + r->steps;
				eval_fail(t->e, EVE_TYPE, c, "%s", n->kind == JXL_BOOL ? "comparing true/false with something else"
											      : "comparing text with an object or list");
				return -2;
			}
			n = NULL;   /* null: equal to no text */
		}
		for (int j = 0; j <= k; j++) {
			const expr *leaf = j ? spine[k - j]->b : c;
			t->steps += 3 + r->steps;
			if (n && eval_same_text(n, leaf->ttext, leaf->ttlen))
				return 1;
		}
		return 0;
	}
	case TL_EXISTS: {   /* eval_path's steps: the path is not an operand */
		const test_path *r = follow(t, x->args[0]);
		t->steps += r->steps;
		return r->n && eval_there(r->n);
	}
	case TL_EXISTS_ALL: {
		const test_path *r = follow(t, x->args[0]);
		t->steps += r->steps;
		return r->any;
	}
	case TL_EXISTS_ABS: {   /* exists(abs(path)): abs and the path are operands */
		const expr *p = x->args[0]->args[0];
		const test_path *r = follow(t, p);
		t->steps += 2 + r->steps;
		eval_env *e = t->e;
		ev_val v = !r->n ? eval_missing(p, 1) : r->n->kind == JXL_NULL ? eval_missing(p, 0) : eval_fig_node(e, r->n, p);
		if (v.t == EV_FIG)
			return 1;
		if (v.t == EV_MISSING) {
			eval_note_missing(e, v);
			return 0;
		}
		return e->err != EVE_DIV0 ? -2 : 0;   /* as eval_exists has it */
	}
	case TL_EXISTS_WEIGHT: {   /* exists(weight(path)): weight and the path are operands */
		const expr *w = x->args[0], *p = w->args[0];
		eval_env *e = t->e;
		ev_val v;
		t->steps += 2;
		if (!p->nsegs) {   /* a variable (a node: checked) as it is */
			v = e->vars[p->slot];
		} else {
			const test_path *r = follow(t, p);
			t->steps += r->steps;
			v = !r->n ? eval_missing(p, 1) : r->n->kind == JXL_NULL ? eval_missing(p, 0) : (ev_val){.t = EV_NODE, .node = r->n, .at = p};
		}
		return weight_there(e, w, v);
	}
	default: {   /* path == 'text', 'text' != path: both operands are evaluated */
		const expr *p = x->a->kind == EX_STR ? x->b : x->a;
		const test_path *r = follow(t, p);
		t->steps += 2 + r->steps;
		const jxl_node *n = r->n;
		int eq = 0;   /* an absent name is not equal to any text */
		if (n && n->kind != JXL_NULL) {
			if (n->kind == JXL_STRING || n->kind == JXL_NUMBER) {
				eq = eval_same_text(n, x->ttext, x->ttlen);
			} else {
				eval_fail(t->e, EVE_TYPE, x, "%s", n->kind == JXL_BOOL ? "comparing true/false with something else"
											      : "comparing text with an object or list");
				return -2;
			}
		}
		return x->op == OP_EQ ? eq : !eq;
	}
	}
}

/* A test, after x's own step: its truth value with all its steps taken at
 * once, or -3 (nothing done) when a path starts at a variable that is not
 * a node, or when the test could reach the step limit (then eval_cond takes
 * the steps one by one). */
static int decide_test(eval_env *e, const expr *x)
{
	if (x->tleaf == TL_EXISTS_WEIGHT) {
		int v = weight_alone(e, x);
		if (v != -3)
			return v;
	}
	for (unsigned m = x->tvars; m; m &= m - 1)
		if (e->vars[__builtin_ctz(m)].t != EV_NODE)
			return -3;
	test_run t;
	t.e = e;
	t.done = 0;
	t.steps = 0;
	long most = x->tmax - 1;   /* x's own step is taken */
	if (x->tstar1) {
		const jxl_node *n = follow(&t, x->tstar1->args[0])->n;
		most += n && (n->kind == JXL_ARRAY || n->kind == JXL_OBJECT) ? (long)n->nkids : 0;
	} else if (x->tstar) {
		most += star_elements(&t, x);
	}
	if (most > e->max_steps - e->steps)
		return -3;
	int v = run_test(&t, x);
	e->steps += t.steps - 1;
	return v;
}

/* decide_leaf, after x's own step: -3 when x is not a one-leaf test (nothing done). */
static inline int decide_leaf(eval_env *e, const expr *x)
{
	return eval_leaf_fits(e, x, 1) ? eval_leaf(e, x) : -3;
}

static int cond_other(eval_env *e, const expr *x);

int eval_cond(eval_env *e, const expr *x)
{
	if (eval_step(e, x))
		return -2;
	if (x->test) {
		int t = decide_leaf(e, x);
		if (t != -3)
			return t;
		t = decide_test(e, x);
		if (t != -3)
			return t;
	}
	return cond_other(e, x);
}

/* eval_cond of what is not a test, or of a test that could not be decided in one go, after x's step. */
static int cond_other(eval_env *e, const expr *x)
{
	switch (x->kind) {
	case EX_BOOL:
		return x->bval ? 1 : 0;
	case EX_UNARY:
		if (x->op == OP_NOT) {
			int t = eval_cond(e, x->a);
			if (t == 1 || t == 0)
				return !t;
			if (t == -1 && !e->missing_at)
				e->missing_at = x;
			return t;
		}
		break;
	case EX_BINARY:
		if (x->op == OP_AND || x->op == OP_OR) {
			int stop = x->op == OP_OR;
			int a = eval_cond(e, x->a);
			if (a == -2 || a == stop)
				return a;
			int b = eval_cond(e, x->b);
			if (b == -2 || b == stop)
				return b;
			if (a == -1 || b == -1) {
				if (!e->missing_at)
					e->missing_at = a == -1 ? x->a : x->b;
				return -1;
			}
			return !stop;
		}
		if (x->op == OP_EQ || x->op == OP_NE) {
			int t = text_eq(e, x);
			if (t != -3)
				return t;
		}
		break;
	case EX_CALL:
		if (x->op == FN_EXISTS) {
			ev_val err;
			return eval_exists(e, x, &err);
		}
		break;
	default:
		break;
	}
	return eval_truth(e, eval_body(e, x));
}

