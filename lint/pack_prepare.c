/* pack_prepare.c — a loaded pack's expressions made ready for the evaluator: one pointer per key, weight('name') looked up once. */
#include "pack.h"

#include <stdlib.h>
#include <string.h>

/* The keys of a pack's paths, each text once: eval's member cache
 * (eval_keycache) compares keys by pointer. */
typedef struct keytab {
	const char **v;
	size_t n, cap;
} keytab;

static const char *intern(keytab *t, const char *k)
{
	for (size_t i = 0; i < t->n; i++)
		if (!strcmp(t->v[i], k))
			return t->v[i];
	if (t->n == t->cap) {
		size_t cap = t->cap ? 2 * t->cap : 64;
		const char **v = realloc(t->v, cap * sizeof *v);
		if (!v)
			return k;   /* not shared: only the cache misses it */
		t->v = v;
		t->cap = cap;
	}
	return t->v[t->n++] = k;
}

/* Each node of an expression of the pack: its keys interned, and
 * weight('name') of the pack's template (when it has one) looked up once. */
static void prepare(keytab *t, const tmpl_node *tmpl, expr *e)
{
	if (!e)
		return;
	if (e->kind == EX_PATH) {
		if (e->root == ROOT_DOC && e->name)
			e->name = intern(t, e->name);
		for (size_t i = 0; i < e->nsegs; i++)
			if (e->segs[i].key)
				e->segs[i].key = intern(t, e->segs[i].key);
	}
	if (tmpl && e->kind == EX_CALL && e->op == FN_WEIGHT && e->nargs == 1 && e->args[0]->kind == EX_STR) {
		e->wtmpl = tmpl;
		e->wnode = eval_tmpl_by_name(tmpl, e->args[0]->str);
	}
	prepare(t, tmpl, e->a);
	prepare(t, tmpl, e->b);
	for (size_t i = 0; i < e->nargs; i++)
		prepare(t, tmpl, e->args[i]);
	if (e->bind) {
		prepare(t, tmpl, e->bind->seq);
		prepare(t, tmpl, e->bind->where);
		prepare(t, tmpl, e->bind->body);
	}
}

/* Each template node's max as the figure weight() gives (eval_fn.c, tmpl_max), made once. */
static void max_figures(arena *a, tmpl_node *t, int depth)
{
	if (t->has_max) {
		jxl_fig *f = arena_alloc(a, sizeof *f);
		f->v = f->lo = f->hi = t->max;
		f->pexp = t->max.exp < 0 ? t->max.exp : 0;
		t->maxfig = f;
	}
	for (size_t i = 0; depth < PACK_MAX_TMPL_DEPTH && i < t->nitems; i++)
		max_figures(a, &t->items[i], depth + 1);
}

void pack_prepare(pack *p)
{
	static unsigned long serials;   /* packs made: a freed pack's address may come back, its serial never does */
	keytab t = {0};
	p->serial = __atomic_add_fetch(&serials, 1, __ATOMIC_RELAXED);
	if (p->tmpl) {
		p->tmpl->serial = p->serial;   /* weight()'s memo tells templates apart by it */
		max_figures(&p->a, p->tmpl, 0);
	}
	prepare(&t, p->tmpl, p->applies);
	for (size_t i = 0; i < p->nrules; i++) {
		pack_rule *r = &p->rules[i];
		prepare(&t, p->tmpl, r->when);
		prepare(&t, p->tmpl, r->assert);
		prepare(&t, p->tmpl, r->at);
		for (size_t k = 0; k < r->nlets; k++)
			prepare(&t, p->tmpl, r->lets[k]);
		for (size_t k = 0; k < r->msg_zh.n; k++)
			prepare(&t, p->tmpl, r->msg_zh.parts[k].ph);
		for (size_t k = 0; k < r->msg_en.n; k++)
			prepare(&t, p->tmpl, r->msg_en.parts[k].ph);
	}
	free(t.v);
}
