/* fig_plain.h — the figure of a JSON number written plainly: fig_read's own path for most figures, inline for host_fig_first. */
#ifndef JXL_FIG_PLAIN_H
#define JXL_FIG_PLAIN_H

#include "fig.h"

/* ½·10^e as a decimal: half the last stated digit's unit when that is 10^e. */
static inline dec half_ulp(int e)
{
	dec h = {5, e - 1};
	return h;
}

/* Is n a JSON number written plainly, ['-'] d+ ('.' d+)? (num_fast_plain)
 * Its value (*v, exponent -decimals) and decimals then. */
static inline __attribute__((always_inline)) int fig_plain_parse(const jxl_node *n, dec *v, int *decimals)
{
	num_fig nf;
	if (n->kind != JXL_NUMBER || !num_fast_plain(n->str, n->slen, &nf))
		return 0;
	*v = nf.value;
	*decimals = nf.decimals;
	return 1;
}

/* What read_fig (fig_read.c) makes of such a number, into f: the same
 * figure, without the cases that only units and words need. A bare number
 * is money in the document's money unit (rounded in 万元 and 亿元), a ratio
 * as a rate (rounded), else exact. Each member is stored once, straight
 * into f (no figure built on the stack and copied). tests/num (read mode)
 * and fuzz_num hold fig_read, which reads through here, to fig_read_general. */
static inline __attribute__((always_inline)) void fig_plain_fill(jxl_fig *f, const jxl_doc *d, const jxl_node *n,
								 int as, dec v, int decimals)
{
	int unit = FIG_PLAIN, mag = 0, rounded = 0;
	if (as == JXL_AS_MONEY) {
		unit = FIG_MONEY;
		mag = d->money_mag;
		rounded = mag > 0;
	} else if (as == JXL_AS_RATE) {
		unit = FIG_RATIO;
		rounded = 1;
	} else if (as == JXL_AS_COUNT) {
		unit = FIG_COUNT;
	}
	int pexp = mag - decimals;
	v.exp = pexp;   /* dec_shift(v, mag): -decimals + mag is far inside int */
	f->v = f->lo = f->hi = v;
	if (rounded) {   /* the interval ±½·10^pexp it stands for; unbounded when that does not fit */
		dec half = half_ulp(pexp);
		unsigned inf = dec_add_fast(&v, &half, -1, &f->lo) || dec_add_fast(&v, &half, 1, &f->hi);
		f->lo_inf = inf;
		f->hi_inf = inf;
		f->approx = 0;
		f->rounded = 1;
		f->permille = 0;
	} else {   /* the marks all 0, as constants: stores the compiler merges */
		f->lo_inf = 0;
		f->hi_inf = 0;
		f->approx = 0;
		f->rounded = 0;
		f->permille = 0;
	}
	f->unit = unit;
	f->pexp = pexp;
	f->mag = mag;
	f->bound = 0;
	f->noun = NULL;
	f->node = n;
}

#endif
