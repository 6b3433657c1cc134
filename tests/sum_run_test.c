/* sum_run_test.c — sum_run (eval_sum.h) held to the chain of fig_add it stands for, on generated sums: the same figure, field by field, or the same overflow. */
#include "eval_sum.h"

#include <stdint.h>
#include <stdio.h>

#include "gen_random.h"

#define CASES 200000     /* generated sums */
#define MAX_PARTS 12     /* figures in one sum */

/* A figure of one unit: exact (the usual), rounded, a lower bound, with an
 * open end, or not a point; marks and magnitudes of every kind. */
static void make(jxl_fig *f, int unit)
{
	dec v = {part_coef(), part_exponent()};
	*f = (jxl_fig){.v = v, .lo = v, .hi = v, .pexp = v.exp - pick(3), .mag = pick(9), .unit = unit};
	f->approx = pick(8) == 0;
	f->rounded = pick(8) == 0;
	switch (pick(16)) {
	case 0: {
		dec h = {5, v.exp - 1};
		f->rounded = 1;
		if (dec_sub(v, h, &f->lo) || dec_add(v, h, &f->hi))
			f->lo_inf = f->hi_inf = 1;
		break;
	}
	case 1: f->approx = f->hi_inf = 1; break;
	case 2: f->lo_inf = 1; break;
	case 3:   /* the same value in other digits: not the same decimal, so not a point */
		if (f->lo.coef < ((__int128)1 << 100) && f->lo.coef > -((__int128)1 << 100))
			f->lo.coef *= 10, f->lo.exp--;
		break;
	default: break;
	}
}

static int same_dec(dec a, dec b)
{
	return a.coef == b.coef && a.exp == b.exp;
}

static int same_fig(const jxl_fig *a, const jxl_fig *b)
{
	return same_dec(a->v, b->v) && same_dec(a->lo, b->lo) && same_dec(a->hi, b->hi) && a->lo_inf == b->lo_inf &&
	       a->hi_inf == b->hi_inf && a->approx == b->approx && a->rounded == b->rounded && a->permille == b->permille &&
	       a->unit == b->unit && a->pexp == b->pexp && a->mag == b->mag && a->bound == b->bound && a->noun == b->noun &&
	       a->node == b->node;
}

int main(void)
{
	static jxl_fig parts[MAX_PARTS];
	int wrong = 0, runs = 0, adds = 0;

	for (int k = 0; k < CASES; k++) {
		arena a;
		arena_init(&a);
		int unit = pick(3) ? FIG_MONEY : FIG_PLAIN;
		size_t n = (size_t)pick(MAX_PARTS) + 1;
		for (size_t i = 0; i < n; i++)
			make(&parts[i], unit);
		/* sum()'s way: from 0 (the first figure's unit when 0 has none), fig_add after fig_add */
		const jxl_fig *chain = fig_from_int(&a, 0);
		const jxl_fig *acc = chain;
		sum_run r = {.base = NULL};
		size_t i = 0;
		for (; i < n && chain && acc; i++) {
			chain = fig_add(&a, chain, &parts[i]);
			const jxl_fig *s = sum_run_add(&a, &r, acc, &parts[i]);
			runs += s == acc;
			adds++;
			acc = s;
		}
		if (acc && chain)
			acc = sum_run_end(&a, &r, acc);
		if (!chain != !acc || (chain && !same_fig(chain, acc))) {
			wrong++;
			if (wrong <= 10)
				printf("FAIL case %d: after %zu of %zu figures the run gives %s, the chain %s\n", k, i, n,
				       acc ? "a figure" : "an overflow", chain ? (acc ? "another figure" : "a figure") : "an overflow");
		}
		arena_release(&a);
	}
	/* two tests: the figures agree; the run takes figures often and not always */
	int often = runs >= adds / 10 && runs <= adds - adds / 10;
	printf("sum_run kept %d of %d additions in a run over %d generated sums; %d differ from the chain of fig_add\n", runs,
	       adds, CASES, wrong);
	if (!often)
		printf("FAIL the run took %d of %d additions (wanted 10%%..90%%)\n", runs, adds);
	printf("%d passed, %d failed\n", (wrong == 0) + often, (wrong != 0) + !often);
	return wrong || !often;
}
