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

/* Σ signs·parts (intervals), with c replaced by the exact value v. The
 * figures of the trial live in a scratch arena, released at once. */
static int relation_holds_with(const relation *r, const jxl_fig *c, dec v)
{
	arena scratch;
	arena_init(&scratch);
	arena *a = &scratch;
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
			break;
	}
	int holds = sum && fig_cmp(sum, total) == 0;
	arena_release(&scratch);
	return holds;
}

/* A relation's sum as an interval (Σ lo, Σ hi with the signs), computed
 * once, so that trying a candidate value is a few exact additions instead
 * of adding every part again. state: 0 not yet, 1 ready, -1 use the full
 * recomputation (an open bound, no parts, or a sum out of range). */
typedef struct rsum {
	int state;
	dec lo, hi;
} rsum;

static void relation_sum(const relation *r, rsum *s)
{
	s->state = -1;
	if (!r->nparts || r->total->lo_inf || r->total->hi_inf)
		return;
	dec lo = dec_from_int(0), hi = dec_from_int(0);
	for (size_t i = 0; i < r->nparts; i++) {
		const jxl_fig *p = r->parts[i];
		if (p->lo_inf || p->hi_inf)
			return;
		if (r->signs[i] < 0 ? dec_sub(lo, p->hi, &lo) || dec_sub(hi, p->lo, &hi)
				    : dec_add(lo, p->lo, &lo) || dec_add(hi, p->hi, &hi))
			return;
	}
	s->lo = lo;
	s->hi = hi;
	s->state = 1;
}

/* relation_holds_with from the relation's sum: 1 and *holds set, or 0 when
 * the full recomputation must answer. The same intervals as adding the
 * parts again (exact decimals), and the same comparison as fig_cmp. */
static int holds_from_sum(const relation *r, rsum *s, const jxl_fig *c, dec v, int *holds)
{
	if (!s->state)
		relation_sum(r, s);
	if (s->state < 0 || c->lo_inf || c->hi_inf)
		return 0;
	dec lo = s->lo, hi = s->hi;
	for (size_t i = 0; i < r->nparts; i++) {
		if (r->parts[i] != c)
			continue;
		int bad = r->signs[i] < 0
			? dec_add(lo, c->hi, &lo) || dec_sub(lo, v, &lo) || dec_add(hi, c->lo, &hi) || dec_sub(hi, v, &hi)
			: dec_sub(lo, c->lo, &lo) || dec_add(lo, v, &lo) || dec_sub(hi, c->hi, &hi) || dec_add(hi, v, &hi);
		if (bad)
			return 0;
	}
	dec tlo = r->total == c ? v : r->total->lo, thi = r->total == c ? v : r->total->hi;
	*holds = !(dec_cmp(hi, tlo) < 0) && !(dec_cmp(lo, thi) > 0);
	return 1;
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

/* Digits and point of a figure as written ("5,800,000.00" → "5800000.00"). */
static size_t written_digits(const jxl_fig *f, char *out, size_t cap, int *places)
{
	size_t k = 0;
	int after = -1;
	for (const char *p = f->node->str; *p && k + 1 < cap; p++) {
		if (*p >= '0' && *p <= '9') {
			out[k++] = *p;
			if (after >= 0)
				after++;
		} else if (*p == '.') {
			out[k++] = '.';
			after = 0;
		} else if (*p != ',' && *p != ' ' && *p != '-') {
			break;   /* a unit or qualifier: the number has ended */
		}
	}
	out[k] = '\0';
	*places = after < 0 ? 0 : after;
	return k;
}

/* Optimal string alignment distance, capped at 2: one substituted, missing,
 * extra or swapped digit is 1. */
static int osa1(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b);
	if (la > 40 || lb > 40 || (la > lb ? la - lb : lb - la) > 1)
		return 2;
	int d[42][42];
	for (size_t i = 0; i <= la; i++)
		d[i][0] = (int)i;
	for (size_t j = 0; j <= lb; j++)
		d[0][j] = (int)j;
	for (size_t i = 1; i <= la; i++)
		for (size_t j = 1; j <= lb; j++) {
			int c = a[i - 1] != b[j - 1];
			int v = d[i - 1][j - 1] + c;
			if (d[i - 1][j] + 1 < v) v = d[i - 1][j] + 1;
			if (d[i][j - 1] + 1 < v) v = d[i][j - 1] + 1;
			if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] && d[i - 2][j - 2] + 1 < v)
				v = d[i - 2][j - 2] + 1;
			d[i][j] = v;
		}
	return d[la][lb] > 2 ? 2 : d[la][lb];
}

/* Would v, written with the same decimals as c, be one keystroke away
 * from what c says? (deductive's correct_typos idea, for one relation.) */
static int one_keystroke(const jxl_fig *c, dec v)
{
	char have[64], want[96];
	int places;
	if (!c->node || c->node->kind == JXL_NULL || !c->node->str || written_digits(c, have, sizeof have, &places) == 0)
		return 0;
	dec shown = dec_shift(v, -c->mag);   /* back into the unit it was written in */
	dec r;
	if (dec_round(shown, places, &r) || dec_cmp(r, shown) != 0 || dec_sign(r) < 0)
		return 0;   /* the fix is not expressible at the written precision */
	while (r.exp > -places) {
		r.coef *= 10;
		r.exp--;
	}
	dec_format(r, want, sizeof want);
	return strcmp(have, want) && osa1(have, want) == 1;
}

/* Each broken relation on its own: is exactly one of its figures a
 * one-keystroke slip away from balancing it? */
static void locate_typos(check_env *env, const jxl_doc *d)
{
	for (size_t i = 0; i < env->nrel; i++) {
		const relation *r = &env->rel[i];
		if (!r->broken)
			continue;
		const jxl_fig *hit = NULL;
		dec hit_v = {0, 0};
		int nhit = 0;
		for (size_t k = 0; k <= r->nparts; k++) {
			const jxl_fig *c = k == r->nparts ? r->total : r->parts[k];
			dec v;
			if (!c->node || c->approx || solve_for(r, c, &v) || !one_keystroke(c, v))
				continue;
			hit = c;
			hit_v = v;
			nhit++;
		}
		if (nhit != 1)
			continue;
		jxl_fig *nv = arena_alloc(env->a, sizeof *nv);
		*nv = *hit;
		nv->node = NULL;
		nv->v = nv->lo = nv->hi = hit_v;
		finding *f = &env->dg->v[r->finding];
		const char *old = fig_text(env->a, d, hit, -1), *new = fig_text(env->a, d, nv, -1);
		f->hint_zh = arena_printf(env->a, "可能是笔误：“%s”写作 %s，若为 %s 则此式成立（只差一个数字）",
					  doc_label(env->a, hit->node, 1), old, new);
		f->hint_en = arena_printf(env->a, "possibly a typo: %s is written %s; %s (one keystroke away) would balance it",
					  doc_label(env->a, hit->node, 0), old, new);
	}
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
	arena scratch;
	arena_init(&scratch);
	rsum *sums = arena_alloc(&scratch, env->nrel * sizeof *sums);   /* zeroed: none computed yet */
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
			if (!holds_from_sum(r, &sums[i], c, v, &ok))
				ok = relation_holds_with(r, c, v);
		}
		if (ok && c != found) {
			found = c;
			found_v = v;
			nfound++;
		}
	}
	arena_release(&scratch);
	if (nfound != 1) {
		locate_typos(env, d);
		return;
	}
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
