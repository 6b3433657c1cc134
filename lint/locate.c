/* locate.c — error localisation: the one stated figure whose change would reconcile every broken sum. */
#include <string.h>

#include "host.h"

static int index_in(const relation *r, const jxl_fig *c)
{
	if (r->total == c)
		return -1;
	for (size_t i = 0; i < r->nparts; i++)
		if (r->parts[i] == c)
			return (int)i;
	return -2;
}

/* Σ signs·parts (intervals), with c replaced by the exact value v. */
static int relation_holds_with(arena *a, const relation *r, const jxl_fig *c, dec v)
{
	jxl_fig *fixed = arena_alloc(a, sizeof *fixed);
	*fixed = *c;
	fixed->v = fixed->lo = fixed->hi = v;
	fixed->lo_inf = fixed->hi_inf = 0;
	const jxl_fig *total = r->total == c ? fixed : r->total;
	const jxl_fig *sum = NULL;
	for (size_t i = 0; i < r->nparts; i++) {
		const jxl_fig *p = r->parts[i] == c ? fixed : r->parts[i];
		if (!sum)
			sum = r->signs[i] < 0 ? fig_sub(a, fig_from_int(a, 0), p) : p;
		else
			sum = r->signs[i] < 0 ? fig_sub(a, sum, p) : fig_add(a, sum, p);
		if (!sum)
			return 0;
	}
	return sum && fig_cmp(sum, total) == 0;
}

/* The value c must take for relation r to balance exactly (nominal values). */
static int solve_for(const relation *r, const jxl_fig *c, dec *out)
{
	int at = index_in(r, c);
	dec acc = dec_from_int(0);
	for (size_t i = 0; i < r->nparts; i++) {
		if ((int)i == at)
			continue;
		dec t = r->parts[i]->v;
		if ((r->signs[i] < 0 ? dec_sub(acc, t, &acc) : dec_add(acc, t, &acc)))
			return -1;
	}
	if (at == -1) {
		*out = acc;
		return 0;
	}
	dec need;
	if (dec_sub(r->total->v, acc, &need))
		return -1;
	*out = r->signs[at] < 0 ? dec_neg(need) : need;
	return 0;
}

void locate_culprits(check_env *env, const jxl_doc *d)
{
	size_t first = env->nrel, nbroken = 0;
	for (size_t i = 0; i < env->nrel; i++)
		if (env->rel[i].broken) {
			if (first == env->nrel)
				first = i;
			nbroken++;
		}
	if (!nbroken)
		return;
	const relation *r0 = &env->rel[first];
	const jxl_fig *found = NULL;
	dec found_v = {0, 0};
	int nfound = 0;
	for (size_t k = 0; k <= r0->nparts; k++) {
		const jxl_fig *c = k == r0->nparts ? r0->total : r0->parts[k];
		if (!c->node || c->approx)
			continue;
		dec v;
		if (solve_for(r0, c, &v))
			continue;
		int ok = 1;
		for (size_t i = 0; i < env->nrel && ok; i++) {
			const relation *r = &env->rel[i];
			if (index_in(r, c) == -2) {
				ok = !r->broken;     /* a broken relation it is not in stays broken */
				continue;
			}
			ok = relation_holds_with(env->a, r, c, v);
		}
		if (ok && c != found) {
			found = c;
			found_v = v;
			nfound++;
		}
	}
	if (nfound != 1)
		return;
	jxl_fig *nv = arena_alloc(env->a, sizeof *nv);
	*nv = *found;
	nv->node = NULL;
	nv->v = nv->lo = nv->hi = found_v;
	const char *label_zh = doc_label(env->a, found->node, 1);
	const char *label_en = doc_label(env->a, found->node, 0);
	const char *old = fig_text(env->a, d, found, -1);
	const char *new = fig_text(env->a, d, nv, -1);
	for (size_t i = 0; i < env->nrel; i++) {
		if (!env->rel[i].broken)
			continue;
		finding *f = &env->dg->v[env->rel[i].finding];
		f->hint_zh = arena_printf(env->a, "只需改动一个数：将“%s”由 %s 改为 %s，即可使 %zu 处不符全部成立",
					  label_zh, old, new, nbroken);
		f->hint_en = arena_printf(env->a, "one figure alone reconciles %s: change %s from %s to %s",
					  nbroken == 1 ? "it" : arena_printf(env->a, "all %zu broken sums", nbroken),
					  label_en, old, new);
	}
}
