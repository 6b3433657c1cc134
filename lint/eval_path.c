/* eval_path.c — paths into the document: keys, indexes, [*], selections, ** (recursive descent), $, variables and lets. */
#include "eval_int.h"

#include <string.h>

static ev_val eval_let(eval_env *e, const expr *x);

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

/* Append n.key's elements (or the value itself), each followed by its own key's elements. */
static int recurse(eval_env *e, nodelist *out, const jxl_node *n, const char *key, const expr *at, int depth)
{
	const jxl_node *v = doc_get(n, key);
	if (!v || depth > 200)
		return 0;
	size_t k = v->kind == JXL_ARRAY ? v->nkids : 1;
	for (size_t i = 0; i < k; i++) {
		const jxl_node *el = v->kind == JXL_ARRAY ? v->kids[i] : v;
		if (eval_step(e, at))
			return -1;
		nl_push(e, out, el);
		if (el->kind == JXL_OBJECT && recurse(e, out, el, key, at, depth + 1))
			return -1;
	}
	return 0;
}

/* One key (`.name`) or index (`[2]`, `[-1]` from the end) step from n, or NULL. */
static const jxl_node *key_or_index(const jxl_node *n, const expr_seg *sg)
{
	if (sg->kind == SEG_KEY)
		return doc_get(n, sg->key);
	if (n->kind != JXL_ARRAY)
		return NULL;
	long idx = sg->index < 0 ? (long)n->nkids + sg->index : sg->index;
	return idx >= 0 && (size_t)idx < n->nkids ? n->kids[idx] : NULL;
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
		const jxl_node *m = key_or_index(n, &x->segs[i]);
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
		n = inherited(e->doc, x->name);
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

ev_val eval_path(eval_env *e, const expr *x, int want_list)
{
	ev_val start;
	switch (x->root) {
	case ROOT_DOLLAR:
		start = eval_nodev(e->doc->root);
		break;
	case ROOT_DOC: {
		const jxl_node *n = inherited(e->doc, x->name);
		if (!n && !strcmp(x->name, "form") && e->doc->form) {
			ev_val s = {.t = EV_STR, .s = e->doc->form == 'p' ? "project" : "department"};
			return s;
		}
		start = n ? eval_nodev(n) : eval_missing(x, 1);
		break;
	}
	case ROOT_VAR:
		start = e->vars[x->slot];
		break;
	case ROOT_LET:
		return eval_let(e, x);
	case ROOT_LHS:
		return e->cmp ? e->lhs : eval_missing(x, 1);
	case ROOT_RHS:
		return e->cmp ? e->rhs : eval_missing(x, 1);
	case ROOT_DIFF: {
		const jxl_fig *d = e->cmp ? eval_diff(e, e->lhs, e->rhs) : NULL;
		return d ? eval_figv(d, 0) : eval_missing(x, 1);
	}
	default:
		return eval_fail(e, EVE_TYPE, x, "unresolved name '%s'", x->name ? x->name : "?");
	}
	if (!x->nsegs)
		return start.t == EV_MISSING ? (start.at = x, start) : start;
	if (start.t == EV_MISSING)
		return eval_missing(x, start.absent);
	if (start.t == EV_ERR)
		return start;
	if (start.t != EV_NODE)
		return eval_fail(e, EVE_TYPE, x, "'%s' is %s and has no keys", x->name ? x->name : "$",
			    start.t == EV_FIG ? "a figure" : start.t == EV_STR ? "text" : "not an object");
	if (x->simple) {   /* keys and indexes only (n.max, $.year): one node at a time, no lists; the same steps */
		const jxl_node *n = walk_simple(e, x, start.node);
		if (n == &steps_out)
			return (ev_val){.t = EV_ERR, .at = x};
		if (!n)
			return eval_missing(x, 1);
		ev_val r = eval_nodev(n);
		r.at = x;
		return n->kind == JXL_NULL ? eval_missing(x, 0) : r;
	}
	nodelist cur = {0}, nxt = {0};
	nl_push(e, &cur, start.node);
	int plural_seen = 0;
	for (size_t i = 0; i < x->nsegs; i++) {
		const expr_seg *sg = &x->segs[i];
		nxt.n = 0;
		if (!cur.n && !plural_seen)
			return eval_missing(x, 1);
		for (size_t k = 0; k < cur.n; k++) {
			const jxl_node *n = cur.v[k];
			if (eval_step(e, x))
				return (ev_val){.t = EV_ERR, .at = x};
			switch (sg->kind) {
			case SEG_KEY:
			case SEG_INDEX: {
				const jxl_node *m = key_or_index(n, sg);
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
			if (eval_step(e, x))
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
				l.items[k] = eval_nodev(cur.v[k]);
				l.items[k].at = x;
			}
			l.b = only_select;   /* for the message: "N elements match" */
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
	ev_val v = eval_expr(e, e->lets[k]);
	e->letv[k] = v;
	e->letstate[k] = 2;
	return v;
}

