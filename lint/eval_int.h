/* eval_int.h — what eval.c, eval_path.c and eval_fn.c share: value makers, outcomes, the step counter. Internal to the evaluator. */
#ifndef JXL_EVAL_INT_H
#define JXL_EVAL_INT_H

#include <stdint.h>
#include <string.h>

#include "eval.h"

static inline ev_val eval_bool(int b)
{
	return (ev_val){.t = EV_BOOL, .b = b ? 1 : 0};
}

static inline ev_val eval_figv(const jxl_fig *f, int lit)
{
	return (ev_val){.t = EV_FIG, .f = f, .lit = lit ? 1 : 0, .node = f ? f->node : NULL};
}

static inline ev_val eval_missing(const expr *at, int absent)
{
	return (ev_val){.t = EV_MISSING, .absent = absent ? 1 : 0, .at = at};
}

static inline ev_val eval_nodev(const jxl_node *n)
{
	return (ev_val){.t = EV_NODE, .node = n};
}

/* An EV_ERR value; the first error's code and message stay in e. */
ev_val eval_fail(eval_env *e, int code, const expr *at, const char *fmt, ...) __attribute__((format(printf, 4, 5)));
/* v, remembering the first missing path for the rule's note. */
static inline ev_val eval_note_missing(eval_env *e, ev_val v)
{
	if (v.t == EV_MISSING && !e->missing_at && v.at)
		e->missing_at = v.at;
	return v;
}
/* Count one step: -1 (with EVE_STEPS) past the limit. EVE_STEPS is set
 * only past the limit and the count never goes back below it, so the
 * count alone tells whether steps are left (the slow half sorts out the
 * rest). */
int eval_step_over(eval_env *e, const expr *at);
static inline int eval_step(eval_env *e, const expr *at)
{
	if (++e->steps <= e->max_steps)
		return 0;
	return eval_step_over(e, at);
}
/* 1 true, 0 false, -1 missing, -2 error, as a value. */
ev_val eval_tv(int t, const expr *at);

/* !strcmp(a, b), without a call: the texts compared are short. */
static inline int eval_same(const char *a, const char *b)
{
	while (*a == *b) {
		if (!*a)
			return 1;
		a++, b++;
	}
	return 0;
}

/* eval_same(a, b) of two texts whose lengths (strlen) are known, a word
 * or two at a time. */
static inline int eval_same_n(const char *a, size_t len, const char *b, size_t blen)
{
	return len == blen && doc_same_bytes(a, b, len);
}

/* Is the text of node n (a string or number: its str, slen long) b, blen long? */
static inline int eval_same_text(const jxl_node *n, const char *b, size_t blen)
{
	return eval_same_n(n->str, n->slen, b, blen);
}

static inline size_t eval_keyhash(const jxl_node *obj, const char *key)
{
	return (((uintptr_t)obj >> 4) ^ ((uintptr_t)key >> 3) ^ ((uintptr_t)obj >> 12)) & (EVAL_KEYCACHE - 1);
}
/* Member `key` of obj, as doc_get finds it (the last of that name); without
 * the cache, for a walk that looks each member up once (key**). */
static inline const jxl_node *eval_member_once(const jxl_node *obj, const char *key)
{
	if (!obj || obj->kind != JXL_OBJECT || !key)
		return NULL;
	for (size_t i = obj->nkids; i-- > 0;) {   /* the last one wins */
		const char *k = obj->kids[i]->key;
		if (k[0] == key[0] && eval_same(k, key))
			return obj->kids[i];
	}
	return NULL;
}
/* The slot of the pack run's cache (eval_keycache) for obj's member key,
 * or NULL without a cache; *hit when it holds that member already. */
static inline eval_keyslot *eval_keyslot_of(eval_env *e, const jxl_node *obj, const char *key, int *hit)
{
	eval_keycache *kc = e->kc;
	if (!kc) {
		*hit = 0;
		return NULL;
	}
	eval_keyslot *s = &kc->v[eval_keyhash(obj, key)];
	*hit = s->obj == obj && s->key == key && s->gen == kc->gen;
	return s;
}
/* m, the member key of obj, kept in slot s (if any) for this document. */
static inline const jxl_node *eval_keyslot_keep(eval_env *e, eval_keyslot *s, const jxl_node *obj, const char *key,
						 const jxl_node *m)
{
	if (s) {
		s->gen = e->kc->gen;
		s->obj = obj;
		s->key = key;
		s->val = m;
	}
	return m;
}
/* An object of at most this many members (a score item: name, max, score,
 * items) is looked through faster than the cache hashes, compares and
 * keeps (measured: 4 to 6 alike, 8 worse). */
#define EVAL_KEYCACHE_MIN 4
/* eval_member_once through the cache (small objects without it). */
static inline const jxl_node *eval_member(eval_env *e, const jxl_node *obj, const char *key)
{
	if (!obj || obj->kind != JXL_OBJECT || !key)
		return NULL;
	if (obj->nkids <= EVAL_KEYCACHE_MIN)
		return eval_member_once(obj, key);
	int hit;
	eval_keyslot *s = eval_keyslot_of(e, obj, key, &hit);
	return hit ? s->val : eval_keyslot_keep(e, s, obj, key, eval_member_once(obj, key));
}

/* Member sg->key of obj (an object), as eval_member_once finds it, the
 * members' tags compared with the key's first. */
const jxl_node *eval_member_tagged(const jxl_node *obj, const expr_seg *sg);
/* eval_member of a path's key (small objects without the cache). */
static inline const jxl_node *eval_member_seg(eval_env *e, const jxl_node *obj, const expr_seg *sg)
{
	if (!obj || obj->kind != JXL_OBJECT)
		return NULL;
	if (obj->nkids <= EVAL_KEYCACHE_MIN)
		return eval_member_tagged(obj, sg);
	int hit;
	eval_keyslot *s = eval_keyslot_of(e, obj, sg->key, &hit);
	return hit ? s->val : eval_keyslot_keep(e, s, obj, sg->key, eval_member_tagged(obj, sg));
}

/* One key (`.name`) or index (`[2]`, `[-1]` from the end) step from n, or NULL. */
static inline const jxl_node *eval_key_or_index(eval_env *e, const jxl_node *n, const expr_seg *sg)
{
	if (sg->kind == SEG_KEY)
		return eval_member_seg(e, n, sg);
	if (n->kind != JXL_ARRAY)
		return NULL;
	long idx = sg->index < 0 ? (long)n->nkids + sg->index : sg->index;
	return idx >= 0 && (size_t)idx < n->nkids ? n->kids[idx] : NULL;
}
/* eval_expr of x when it is a simple path from a variable bound to a node
 * (i.max) and the steps it may take are left: 1 with its value in *v, the
 * same steps taken; 0 when it is not (nothing done). */
static inline int eval_var_path(eval_env *e, const expr *x, ev_val *v)
{
	if (x->kind != EX_PATH || !x->simple || !x->nsegs || x->root != ROOT_VAR || e->vars[x->slot].t != EV_NODE ||
	    1 + 2 * (long)x->nsegs > e->max_steps - e->steps)
		return 0;
	const jxl_node *n = e->vars[x->slot].node;
	long steps = 1;   /* eval_expr's own; then a step on each node, one for each value found */
	for (size_t i = 0; i < x->nsegs && n; i++) {
		const jxl_node *m = eval_key_or_index(e, n, &x->segs[i]);
		steps += m ? 2 : 1;
		n = m;
	}
	e->steps += steps;
	*v = !n ? eval_missing(x, 1) : n->kind == JXL_NULL ? eval_missing(x, 0) : (ev_val){.t = EV_NODE, .node = n, .at = x};
	return 1;
}

/* A top-level key of the document; money_unit, year and unit fall back to the file's. */
const jxl_node *eval_inherited(eval_env *e, const char *key);
/* What a top-level key name stands for when the document does not write it:
 * "form" made up from the document's form ("project", "department"), else NULL. */
static inline const char *eval_made_up(const eval_env *e, const char *name)
{
	return e->doc->form && eval_same(name, "form") ? (e->doc->form == 'p' ? "project" : "department") : NULL;
}

/* Absent, null, or written as missing ("—", "无"). */
int eval_empty_text(const jxl_node *n);
/* !eval_empty_text(n) of a node (not NULL): only a text needs a look. */
static inline int eval_there(const jxl_node *n)
{
	return n->kind == JXL_STRING ? !eval_empty_text(n) : n->kind != JXL_NULL;
}
/* Could the node be read as a figure (nothing is reported)? */
int eval_readable_figure(const jxl_node *n);
int eval_exists_val(const ev_val *v);
/* exists(…) of the call x, after its step: 1, 0, or -2 with the error
 * value in *err (an error other than a division by zero). */
int eval_exists(eval_env *e, const expr *x, ev_val *err);

jxl_fig *eval_copy_fig(eval_env *e, const jxl_fig *f);
/* A copy of f times 10^k (value, ends and precision) in `unit`: a ratio as a percent (k 2) and back. */
const jxl_fig *eval_shifted(eval_env *e, const jxl_fig *f, int k, int unit);
/* eval_fig of a node of the submission (not null), the value of path `at`. */
ev_val eval_fig_node(eval_env *e, const jxl_node *n, const expr *at);
/* Bring two figures to comparable units (DESIGN: a bare rule number next to money takes the money_unit). */
int eval_align(eval_env *e, ev_val *x, ev_val *y, const expr *at, const char *what);
ev_val eval_arith(eval_env *e, const expr *x, int op, ev_val a, ev_val b);
/* A comparison of two values (x is the == < … node). */
ev_val eval_compare(eval_env *e, const expr *x, ev_val a, ev_val b);
/* eval_expr once its step is counted. */
ev_val eval_body(eval_env *e, const expr *x);

/* The template node weight() finds for v (a name, or an object of the score
 * tree; not missing, not an error; e->tmpl set), or NULL; *bad when v is
 * neither (nothing is recorded). */
const tmpl_node *eval_weight_node(eval_env *e, ev_val v, int *bad);

/* A path: one value, or a list (with want_list, or when it has [*], ** or a selection). */
ev_val eval_path(eval_env *e, const expr *x, int want_list);
/* A simple path (x->simple, with steps) followed without building a value:
 * PN_NODE (*out, not null), PN_NULL (written as null), PN_ABSENT, PN_ERR (out
 * of steps), or PN_SLOW when only eval_path can say (nothing was done).
 * The steps are eval_path's; the caller counts eval_expr's own. */
enum { PN_SLOW = -1, PN_ERR, PN_ABSENT, PN_NULL, PN_NODE };
int eval_path_node(eval_env *e, const expr *x, const jxl_node **out);
/* eval_path(e, x, 1) for those who go through a list: 1 with the nodes of
 * the list in *s (without making its values), or 0 with the value in *v
 * (not a list of this path's nodes). */
int eval_path_list(eval_env *e, const expr *x, eval_seq *s, ev_val *v);
ev_val eval_call(eval_env *e, const expr *x);
/* weight(…) (eval_weight.c), after its step. */
ev_val eval_fn_weight(eval_env *e, const expr *x);
ev_val eval_quant(eval_env *e, const expr *x);

/* A test that is one leaf (under nots) on a path from a variable, the
 * commonest (where not exists(n.max), where i.level1 == 'a' or …): can
 * eval_leaf decide it from what expr_resolve found (expr.tlpath …), its
 * steps within the limit, `taken` of them (x's own: 1, or 0) taken? */
static inline int eval_leaf_fits(const eval_env *e, const expr *x, int taken)
{
	const expr *p = x->tlpath;
	return p && e->vars[p->slot].t == EV_NODE && x->tmax - taken <= e->max_steps - e->steps;
}

/* eval_cond of such a test, after x's own step, without the bookkeeping of
 * several paths: the same value, steps and failure. */
static inline int eval_leaf(eval_env *e, const expr *x)
{
	const expr *p = x->tlpath;
	const jxl_node *n = e->vars[p->slot].node;
	long ps = 0;   /* the path's steps: a step on each node, one for each value found */
	for (size_t i = 0; i < p->nsegs && n; i++) {
		const jxl_node *m = eval_key_or_index(e, n, &p->segs[i]);
		ps += m ? 2 : 1;
		n = m;
	}
	long steps = x->tlnots;   /* not: a step each, and the leaf's own */
	const expr *l = x->tlleaf;
	int v = 0;
	if (x->tlkind == TL_EXISTS) {
		steps += ps;
		v = n && eval_there(n);
	} else {
		if (n && n->kind == JXL_NULL)
			n = NULL;   /* equal to no text */
		if (n && n->kind != JXL_STRING && n->kind != JXL_NUMBER) {   /* the first leaf fails */
			e->steps += steps + (x->tlkind == TL_IN ? x->tln - 2 + 3 + ps : 2 + ps);
			eval_fail(e, EVE_TYPE, l, "%s", n->kind == JXL_BOOL ? "comparing true/false with something else"
									: "comparing text with an object or list");
			return -2;
		}
		if (x->tlkind == TL_TEXT) {
			steps += 2 + ps;
			v = n && eval_same_text(n, l->ttext, l->ttlen);
			if (l->op != OP_EQ)
				v = !v;
		} else {   /* every or, then the leaves up to the first that holds */
			steps += x->tln - 2 + 3 + ps;
			v = n && eval_same_text(n, l->ttext, l->ttlen);
			for (int k = 1; !v && k < x->tln; k++) {   /* the other leaves, left to right */
				l = l->tnext;
				steps += 3 + ps;
				v = n && eval_same_text(n, l->ttext, l->ttlen);
			}
		}
	}
	e->steps += steps;
	return x->tlnots & 1 ? !v : v;
}


/* eval_cond(e, x) for a condition tested on each element of a list: a
 * one-leaf test is decided here, without a call (eval_cond's prologue
 * costs more than the leaf). */
static inline int eval_cond_each(eval_env *e, const expr *x)
{
	if (eval_leaf_fits(e, x, 0)) {
		e->steps++;   /* x's own */
		return eval_leaf(e, x);
	}
	return eval_cond(e, x);
}

#endif
