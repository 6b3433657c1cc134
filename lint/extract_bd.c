/* extract_bd.c — wholes with parts: "共922路，其中在线883路，…" and "580 个（县雪亮平台 380 个、…）". */
#include <stdlib.h>
#include <string.h>
#include "extract_int.h"

static ex_bd *bd_new(ex_ctx *x, ex_doc *d)
{
	ex_bd *b;
	if (d->nbd >= EX_MAX_ITEMS)
		return NULL;
	if (d->nbd == d->capbd) {
		size_t cap = d->capbd ? d->capbd * 2 : 4;
		ex_bd *nb = realloc(d->bd, cap * sizeof *nb);
		if (!nb) {
			x->oom = 1;
			return NULL;
		}
		d->bd = nb;
		d->capbd = cap;
	}
	b = &d->bd[d->nbd];
	memset(b, 0, sizeof *b);
	return b;
}

static int same_kind(const ex_fig *a, const ex_fig *b)
{
	return a->f.unit == b->f.unit && !strcmp(a->f.noun, b->f.noun);
}

/* Take the part name p->buf[a..b): trailing 的有/有/为, leading 其中 off. */
static int part_name(const ex_para *p, size_t *a, size_t *b)
{
	static const char *const tail[] = { "的有", "有", "为", "达", "共" };
	size_t k;
	ex_strip_subject(p->buf, a, *b);
	ex_trim(p->buf, a, b);
	for (k = 0; k < sizeof tail / sizeof tail[0]; k++)
		if (ex_ends(p->buf, *a, *b, tail[k])) {
			*b -= strlen(tail[k]);
			break;
		}
	ex_trim(p->buf, a, b);
	return *a < *b && ex_ncps(p->buf, *a, *b) <= EX_NAME_MAX;
}

static int bd_has_name(const ex_bd *b, const char *s, size_t a, size_t e)
{
	size_t k;
	for (k = 0; k < b->nparts; k++)
		if (strlen(b->parts[k].name.s) == e - a && !memcmp(b->parts[k].name.s, s + a, e - a))
			return 1;
	return 0;
}

/* Free the parts; returns 0 (the new count). */
static size_t bd_clear(ex_bd *b)
{
	size_t k;
	for (k = 0; k < b->nparts; k++) {
		ex_val_free(&b->parts[k].name);
		ex_val_free(&b->parts[k].fig);
	}
	return 0;
}

static void bd_finish(ex_ctx *x, ex_doc *d, ex_bd *b, const ex_para *p, size_t src_a, size_t src_b)
{
	size_t k;
	if (b->nparts < 2 || !b->total.s) {
		ex_val_free(&b->name);
		ex_val_free(&b->total);
		for (k = 0; k < b->nparts; k++) {
			ex_val_free(&b->parts[k].name);
			ex_val_free(&b->parts[k].fig);
		}
		return;
	}
	ex_val_text(x, &b->source, p, src_a, src_b, EX_SOURCE_MAX);
	d->nbd++;
}

/* Add part [a, e) = f to b; 0 if the name is unusable. */
static int bd_part(ex_ctx *x, ex_bd *b, const ex_para *p, size_t a, size_t e, const ex_fig *f)
{
	ex_part *pt;
	if (b->nparts >= EX_MAX_PARTS || !part_name(p, &a, &e) || bd_has_name(b, p->buf, a, e))
		return 0;
	pt = &b->parts[b->nparts++];
	ex_val_text(x, &pt->name, p, a, e, EX_NAME_MAX);
	ex_val_set(x, &pt->fig, f->text, strlen(f->text), ex_orig(p, f->b));
	if (!pt->name.s || !pt->fig.s) {
		b->nparts--;
		ex_val_free(&pt->name);
		ex_val_free(&pt->fig);
		return 0;
	}
	return 1;
}

/* The one figure of clause [a, e), or 0. */
static int one_fig(const ex_para *p, size_t a, size_t e, ex_fig *f)
{
	size_t pos = a;
	ex_fig g;
	if (!ex_fig_next(p, e, &pos, f))
		return 0;
	return !ex_fig_next(p, e, &pos, &g);
}

static size_t clause_end(const ex_para *p, size_t i, size_t hi)
{
	while (i < hi && !ex_clause_break(p->buf, p->len, i))
		i++;
	return i;
}

/* "共922路，其中在线883路，离线31路，…": a whole, then 其中 and two or more
 * parts of the same kind, each clause a name and its figure. */
static void read_bd_total(ex_ctx *x, ex_doc *d, const ex_para *p, size_t lo, size_t hi)
{
	size_t c = lo;
	while (c < hi) {
		size_t ce = clause_end(p, c, hi), gong = ex_find(p->buf, c, ce, "共"), pos = gong;
		size_t c2, e2, a2, last_end;
		ex_fig tot, pf;
		ex_bd *b;
		c2 = ce < hi ? ce + (size_t)ex_clause_break(p->buf, p->len, ce) : hi;
		if (gong == EX_NONE || !ex_fig_next(p, ce, &pos, &tot) || ex_ncps(p->buf, gong, tot.lb) > 8 ||
		    tot.f.unit != NUM_UNIT_NOUN || c2 >= hi) {
			c = c2;
			continue;
		}
		e2 = clause_end(p, c2, hi);
		a2 = c2;
		ex_trim(p->buf, &a2, &e2);
		if (!ex_starts(p->buf, a2, e2, "其中") || !one_fig(p, a2, e2, &pf) || !same_kind(&tot, &pf) ||
		    pf.e != e2 || !(b = bd_new(x, d))) {
			c = c2;
			continue;
		}
		{
			char name[256];
			size_t na = c, nb = gong, a3 = gong + strlen("共"), b3 = tot.lb, l1, l2;
			ex_strip_subject(p->buf, &na, nb);
			ex_trim(p->buf, &na, &nb);
			ex_trim(p->buf, &a3, &b3);
			l1 = nb - na;
			l2 = b3 - a3;
			if (l1 + l2 > 0 && l1 + l2 < sizeof name) {
				memcpy(name, p->buf + na, l1);
				memcpy(name + l1, p->buf + a3, l2);
				ex_val_set(x, &b->name, name, l1 + l2, ex_orig(p, l1 ? na : a3));
			}
		}
		ex_val_set(x, &b->total, tot.text, strlen(tot.text), ex_orig(p, tot.b));
		last_end = tot.e;
		while (c2 < hi) {
			e2 = clause_end(p, c2, hi);
			a2 = c2;
			ex_trim(p->buf, &a2, &e2);
			if (!one_fig(p, a2, e2, &pf) || !same_kind(&tot, &pf) || pf.e != e2)
				break;
			if (b->nparts == EX_MAX_PARTS) {
				b->nparts = bd_clear(b);  /* more parts than we keep: a cut list would mislead */
				break;
			}
			if (!bd_part(x, b, p, a2, pf.lb, &pf)) {
				b->nparts = bd_clear(b);  /* a part without a usable name: the list is not clear */
				break;
			}
			last_end = e2;
			e2 = clause_end(p, c2, hi);
			c2 = e2 < hi ? e2 + (size_t)ex_clause_break(p->buf, p->len, e2) : hi;
		}
		bd_finish(x, d, b, p, c, last_end);
		c = c2;
	}
}

/* "汇聚 580 个视频点位到市级雪亮平台（县雪亮平台 380 个、智慧遥田 150 个、电信云视频 50 个）":
 * a whole and, in the brackets right after it, two or more parts of the same kind. */
static void read_bd_paren(ex_ctx *x, ex_doc *d, const ex_para *p, size_t lo, size_t hi)
{
	size_t pos = lo, prev = lo, close = EX_NONE;
	ex_fig tot;
	while (ex_fig_next(p, hi, &pos, &tot)) {
		size_t i = tot.e, open = EX_NONE, a, k, src;
		int l;
		ex_bd *b;
		src = ex_clause_start(p->buf, p->len, prev, tot.lb);
		prev = tot.e;
		if (tot.f.unit != NUM_UNIT_NOUN)
			continue;
		for (k = 0; k < 20 && i < hi; k++) {
			uint32_t c = ex_cp(p->buf, p->len, i, &l);
			if (c == 0xFF08 || c == '(') {
				open = i + (size_t)l;
				break;
			}
			if (ex_clause_break(p->buf, p->len, i) || ex_is_digit(c))
				break;
			i += (size_t)l;
		}
		if (open == EX_NONE)
			continue;
		/* the first closing bracket after it; found once for all the opens before it */
		if (close == EX_NONE || close < open) {
			close = open;
			while (close < hi && p->buf[close] != ')' && !ex_starts(p->buf, close, hi, "）"))
				close++;
		}
		if (close >= hi)
			return;  /* no closing bracket in the rest of the sentence */
		if (!(b = bd_new(x, d)))
			return;
		a = tot.e;
		k = i;
		ex_trim(p->buf, &a, &k);
		if (a < k)
			ex_val_text(x, &b->name, p, a, k, EX_NAME_MAX);
		ex_val_set(x, &b->total, tot.text, strlen(tot.text), ex_orig(p, tot.b));
		for (a = open; a < close;) {
			size_t e = a, ia, ie;
			ex_fig pf;
			while (e < close && !ex_starts(p->buf, e, close, "、") && !ex_starts(p->buf, e, close, "，"))
				e++;
			ia = a;
			ie = e;
			ex_trim(p->buf, &ia, &ie);
			if (!one_fig(p, ia, ie, &pf) || !same_kind(&tot, &pf) || pf.e != ie ||
			    !bd_part(x, b, p, ia, pf.lb, &pf)) {
				b->nparts = bd_clear(b);  /* every item must be a part, and all must fit */
				break;
			}
			a = e < close ? e + strlen("、") : close;
		}
		bd_finish(x, d, b, p, src, close + (p->buf[close] == ')' ? 1 : strlen("）")));
		pos = close;
		prev = close;
	}
}

void ex_read_breakdowns(ex_ctx *x, ex_doc *d, const ex_para *p, size_t lo, size_t hi)
{
	if (ex_has(p->buf, lo, hi, "共"))
		read_bd_total(x, d, p, lo, hi);
	if (memchr(p->buf + lo, '(', hi - lo) || ex_has(p->buf, lo, hi, "（"))
		read_bd_paren(x, d, p, lo, hi);
}
