/* eval_path.c — paths into the document: keys, indexes, [*], selections, ** (recursive descent), $, variables and lets. */
#include "eval_int.h"

#include <stdint.h>
#include <string.h>

static ev_val eval_let(eval_env *e, const expr *x);

/* ---- paths ---------------------------------------------------------------------- */

typedef struct nodelist {
	const jxl_node **v;
	size_t n, cap;
} nodelist;

static void nl_grow(eval_env *e, nodelist *l)
{
	size_t cap = l->cap ? l->cap * 2 : 16;
	const jxl_node **v = arena_alloc_raw(e->a, cap * sizeof *v);
	if (l->n)
		memcpy(v, l->v, l->n * sizeof *v);
	l->v = v;
	l->cap = cap;
}

static inline void nl_push(eval_env *e, nodelist *l, const jxl_node *n)
{
	if (l->n == l->cap)
		nl_grow(e, l);
	l->v[l->n++] = n;
}

static int select_match(eval_env *e, const jxl_node *it, const expr_seg *sg)
{
	if (!it || it->kind != JXL_OBJECT)
		return 0;
	const jxl_node *m = eval_member_seg(e, it, sg);
	const expr *lit = sg->value;
	int eq = 0;
	if (lit->kind == EX_NULL) {
		eq = eval_empty_text(m);
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

#define RECURSE_DEPTH 200   /* levels of key** below the start that are gone into */

/* Append n.key's elements (or the value itself), each followed by its own
 * key's elements, depth first; each element is a step. Returns -1 past the
 * step limit. */
static int recurse(eval_env *e, nodelist *out, const jxl_node *n, const char *key, const expr *at)
{
	struct {
		const jxl_node *v;     /* a node's key: its elements, or itself */
		size_t i, k;
	} stack[RECURSE_DEPTH + 1];
	int sp = 0;
	const jxl_node *v = eval_member(e, n, key);
	if (!v)
		return 0;
	stack[sp].v = v, stack[sp].i = 0, stack[sp].k = v->kind == JXL_ARRAY ? v->nkids : 1;
	sp++;
	while (sp > 0) {
		if (stack[sp - 1].i == stack[sp - 1].k) {
			sp--;
			continue;
		}
		const jxl_node *c = stack[sp - 1].v;
		const jxl_node *el = c->kind == JXL_ARRAY ? c->kids[stack[sp - 1].i] : c;
		stack[sp - 1].i++;
		if (eval_step(e, at))
			return -1;
		nl_push(e, out, el);
		if (el->kind == JXL_OBJECT && sp <= RECURSE_DEPTH) {   /* el's own key, one level deeper */
			const jxl_node *w = eval_member_once(el, key);
			if (w) {
				stack[sp].v = w, stack[sp].i = 0, stack[sp].k = w->kind == JXL_ARRAY ? w->nkids : 1;
				sp++;
			}
		}
	}
	return 0;
}

const jxl_node *eval_member_tagged(const jxl_node *obj, const expr_seg *sg)
{
	const unsigned tag = sg->ktag;
	const size_t len = sg->klen;
	for (size_t i = obj->nkids; i-- > 0;) {   /* the last one wins */
		const jxl_node *k = obj->kids[i];
		/* equal tags: k's name is at least len bytes long (longer by a multiple of 65536) */
		if (k->ktag == tag && eval_same_n(k->key, len, sg->key, len) && !k->key[len])
			return k;
	}
	return NULL;
}

const jxl_node *eval_inherited(eval_env *e, const char *key)
{
	for (const jxl_doc *d = e->doc; d; d = d->parent) {
		const jxl_node *n = eval_member(e, d->root, key);
		if (n)
			return n;
		if (!eval_same(key, "money_unit") && !eval_same(key, "year") && !eval_same(key, "unit"))
			return NULL;   /* only these fall back to the file's */
	}
	return NULL;
}

/* Stands for "out of steps" in walk_simple's answer. */
static const jxl_node steps_out;

/* The keys and indexes of a simple path from n: the node reached, NULL when
 * one is absent, &steps_out past the step limit. Each step tried is a step,
 * and so is each value reached. */
static const jxl_node *walk_simple(eval_env *e, const expr *x, const jxl_node *n)
{
	for (size_t i = 0; i < x->nsegs; i++) {
		if (!n)
			return NULL;
		if (eval_step(e, x))
			return &steps_out;
		const jxl_node *m = eval_key_or_index(e, n, &x->segs[i]);
		if (m && eval_step(e, x))
			return &steps_out;
		n = m;
	}
	return n;
}

int eval_path_node(eval_env *e, const expr *x, const jxl_node **out)
{
	const jxl_node *n;
	if (!x->nsegs)   /* the start itself: eval_path gives it as it is */
		return PN_SLOW;
	switch (x->root) {
	case ROOT_VAR:
		if (e->vars[x->slot].t != EV_NODE)
			return PN_SLOW;
		n = e->vars[x->slot].node;
		break;
	case ROOT_DOLLAR:
		n = e->doc->root;
		break;
	case ROOT_DOC:
		n = eval_inherited(e, x->name);
		if (!n)   /* absent: missing before any step of the path, unless it is the form eval_path makes up */
			return !strcmp(x->name, "form") && e->doc->form ? PN_SLOW : PN_ABSENT;
		break;
	default:
		return PN_SLOW;
	}
	n = walk_simple(e, x, n);
	if (n == &steps_out)
		return PN_ERR;
	if (!n)
		return PN_ABSENT;
	*out = n;
	return n->kind == JXL_NULL ? PN_NULL : PN_NODE;
}

/* Where path x starts: 0 with the node to walk from in *n, or 1 with the
 * path's whole value in *v (a let, a placeholder, the form, the start
 * itself, a missing start, an error). No step is counted here. */
static int path_begin(eval_env *e, const expr *x, const jxl_node **n, ev_val *v)
{
	ev_val start;
	switch (x->root) {
	case ROOT_DOLLAR:
		start = eval_nodev(e->doc->root);
		break;
	case ROOT_DOC: {
		const jxl_node *d = eval_inherited(e, x->name);
		const char *made_up = d ? NULL : eval_made_up(e, x->name);
		if (made_up) {
			*v = (ev_val){.t = EV_STR, .s = made_up};
			return 1;
		}
		start = d ? eval_nodev(d) : eval_missing(x, 1);
		break;
	}
	case ROOT_VAR:
		start = e->vars[x->slot];
		break;
	case ROOT_LET:
		*v = eval_let(e, x);
		return 1;
	case ROOT_LHS:
		*v = e->cmp ? e->lhs : eval_missing(x, 1);
		return 1;
	case ROOT_RHS:
		*v = e->cmp ? e->rhs : eval_missing(x, 1);
		return 1;
	case ROOT_DIFF: {
		const jxl_fig *d = e->cmp ? eval_diff(e, e->lhs, e->rhs) : NULL;
		*v = d ? eval_figv(d, 0) : eval_missing(x, 1);
		return 1;
	}
	default:
		*v = eval_fail(e, EVE_TYPE, x, "unresolved name '%s'", x->name ? x->name : "?");
		return 1;
	}
	if (!x->nsegs) {
		if (start.t == EV_MISSING)
			start.at = x;
		*v = start;
		return 1;
	}
	if (start.t == EV_MISSING) {
		*v = eval_missing(x, start.absent);
		return 1;
	}
	if (start.t == EV_ERR) {
		*v = start;
		return 1;
	}
	if (start.t != EV_NODE) {
		*v = eval_fail(e, EVE_TYPE, x, "'%s' is %s and has no keys", x->name ? x->name : "$",
			       start.t == EV_FIG ? "a figure" : start.t == EV_STR ? "text" : "not an object");
		return 1;
	}
	*n = start.node;
	return 0;
}

/* Do paths x and y walk the same way (from the same start)? Without selections. */
static int same_walk(const expr *x, const expr *y)
{
	if (x == y)
		return 1;
	if (x->root != y->root || x->nsegs != y->nsegs || (x->root == ROOT_DOC && strcmp(x->name, y->name)))
		return 0;
	for (size_t i = 0; i < x->nsegs; i++) {
		const expr_seg *a = &x->segs[i], *b = &y->segs[i];
		if (a->kind != b->kind || a->kind == SEG_SELECT || a->index != b->index ||
		    (a->key != b->key && (!a->key || !b->key || strcmp(a->key, b->key))))
			return 0;
	}
	return 1;
}

static int walk_list_new(eval_env *e, const expr *x, const jxl_node *start, nodelist *out);

/* The steps of a path with lists from n, level by level: 0 with the nodes
 * reached in *out, -1 out of steps, 1 missing (a container absent before
 * any list). Each node a step is tried on is a step, and so is each value
 * reached. The last walk is remembered with its steps, and taken again in
 * one go when the same path is walked from the same node within the limit. */
static int walk_list(eval_env *e, const expr *x, const jxl_node *start, nodelist *out)
{
	if (e->walk_x && e->walk_from == start && e->err != EVE_STEPS && e->walk_steps <= e->max_steps - e->steps &&
	    same_walk(e->walk_x, x)) {
		e->steps += e->walk_steps;
		out->v = (const jxl_node **)e->walk_v;
		out->n = out->cap = e->walk_n;
		return e->walk_rc;
	}
	long before = e->steps;
	int rc = walk_list_new(e, x, start, out);
	if (rc >= 0) {
		e->walk_x = x;
		e->walk_from = start;
		e->walk_v = rc ? NULL : out->v;
		e->walk_n = rc ? 0 : out->n;
		e->walk_steps = e->steps - before;
		e->walk_rc = rc;
	}
	return rc;
}

static int walk_list_new(eval_env *e, const expr *x, const jxl_node *start, nodelist *out)
{
	nodelist cur = {0}, nxt = {0};
	nl_push(e, &cur, start);
	int plural_seen = 0;
	for (size_t i = 0; i < x->nsegs; i++) {
		const expr_seg *sg = &x->segs[i];
		nxt.n = 0;
		if (!cur.n && !plural_seen)
			return 1;
		for (size_t k = 0; k < cur.n; k++) {
			const jxl_node *n = cur.v[k];
			if (eval_step(e, x))
				return -1;
			switch (sg->kind) {
			case SEG_KEY:
			case SEG_INDEX: {
				const jxl_node *m = eval_key_or_index(e, n, sg);
				if (m)
					nl_push(e, &nxt, m);
				break;
			}
			case SEG_STAR:
				if (n->kind == JXL_ARRAY || n->kind == JXL_OBJECT)
					for (size_t j = 0; j < n->nkids; j++)
						nl_push(e, &nxt, n->kids[j]);
				break;
			case SEG_SELECT:
				if (n->kind == JXL_ARRAY) {
					for (size_t j = 0; j < n->nkids; j++)
						if (select_match(e, n->kids[j], sg))
							nl_push(e, &nxt, n->kids[j]);
				} else if (select_match(e, n, sg)) {
					nl_push(e, &nxt, n);   /* after a selection: [a = 1][b = 2] keeps what meets both */
				}
				break;
			case SEG_RECURSE:
				if (recurse(e, &nxt, n, sg->key, x))
					return -1;
				break;
			}
		}
		if (sg->kind != SEG_KEY && sg->kind != SEG_INDEX)
			plural_seen = 1;
		if (e->err != EVE_STEPS && (long)nxt.n <= e->max_steps - e->steps)   /* every value reached is a step */
			e->steps += (long)nxt.n;
		else
			for (size_t k = 0; k < nxt.n; k++)
				if (eval_step(e, x))
					return -1;
		nodelist t = cur;
		cur = nxt;
		nxt = t;
	}
	*out = cur;
	return 0;
}

/* Only selections ([field = …]): a single match is that element. */
static int only_select(const expr *x)
{
	for (size_t i = 0; i < x->nsegs; i++)
		if (x->segs[i].kind == SEG_STAR || x->segs[i].kind == SEG_RECURSE)
			return 0;
	return 1;
}

ev_val eval_path(eval_env *e, const expr *x, int want_list)
{
	const jxl_node *start;
	ev_val v;
	if (path_begin(e, x, &start, &v))
		return v;
	if (x->simple) {   /* keys and indexes only (n.max, $.year): one node at a time, no lists; the same steps */
		const jxl_node *n = walk_simple(e, x, start);
		if (n == &steps_out)
			return (ev_val){.t = EV_ERR, .at = x};
		if (!n)
			return eval_missing(x, 1);
		ev_val r = eval_nodev(n);
		r.at = x;
		return n->kind == JXL_NULL ? eval_missing(x, 0) : r;
	}
	nodelist cur;
	int rc = walk_list(e, x, start, &cur);
	if (rc < 0)
		return (ev_val){.t = EV_ERR, .at = x};
	if (rc > 0)
		return eval_missing(x, 1);
	if (x->plural) {
		int sel = only_select(x);
		/* a selection that finds exactly one element is that element */
		if (!(sel && !want_list && cur.n <= 1)) {
			ev_val l = {.t = EV_LIST, .n = (unsigned)cur.n, .at = x, .isnull = 0};
			l.items = cur.n ? arena_alloc_raw(e->a, cur.n * sizeof *l.items) : NULL;
			for (size_t k = 0; k < cur.n; k++)
				l.items[k] = (ev_val){.t = EV_NODE, .node = cur.v[k], .at = x};
			l.b = sel;   /* for the message: "N elements match" */
			return l;
		}
	}
	if (!cur.n)
		return eval_missing(x, 1);
	ev_val r = eval_nodev(cur.v[0]);
	r.at = x;
	if (cur.v[0]->kind == JXL_NULL)
		return eval_missing(x, 0);
	return r;
}

int eval_path_list(eval_env *e, const expr *x, eval_seq *s, ev_val *v)
{
	const jxl_node *start;
	if (!x->plural) {
		*v = eval_path(e, x, 1);
		return 0;
	}
	if (path_begin(e, x, &start, v))
		return 0;
	nodelist cur;
	int rc = walk_list(e, x, start, &cur);
	if (rc) {
		*v = rc < 0 ? (ev_val){.t = EV_ERR, .at = x} : eval_missing(x, 1);
		return 0;
	}
	s->vals = NULL;
	s->nodes = cur.v;
	s->n = cur.n;
	s->at = x;
	return 1;
}

static ev_val eval_let(eval_env *e, const expr *x)
{
	size_t k = (size_t)x->slot;
	if (k >= e->nlets)
		return eval_fail(e, EVE_TYPE, x, "unknown name '%s'", x->name);
	if (e->letstate[k] == 2)
		return e->letv[k];
	if (e->letstate[k] == 1)
		return eval_fail(e, EVE_TYPE, x, "'%s' is defined in terms of itself", x->name);
	e->letstate[k] = 1;
	e->letruns++;
	/* A let is compiled with no variable in scope: its iterations take the
	 * slots from 0 on, the rule's own variables' too. It is evaluated where
	 * it is first needed, often inside the rule's iteration: keep theirs. */
	ev_val outer[EXPR_MAX_VARS];
	memcpy(outer, e->vars, sizeof outer);
	ev_val v = eval_expr(e, e->lets[k]);
	memcpy(e->vars, outer, sizeof outer);
	e->letv[k] = v;
	e->letstate[k] = 2;
	return v;
}

