/* fig_sum_cmp_test.c — fig_sum_cmp held to fig_cmp(fig_sum_general(…)) on generated sums: the same answer whenever it gives one. */
#include "fig.h"

#include <stdint.h>
#include <stdio.h>

#include "gen_random.h"

#define CASES 200000     /* generated sums */
#define MAX_PARTS 8      /* figures in one sum */

/* A figure: exact (the usual), rounded (±½ of a last digit), a lower
 * bound, or with open ends; the ends sometimes the value written otherwise. */
static void make(jxl_fig *f)
{
	dec v = {part_coef(), part_exponent()};
	*f = (jxl_fig){.v = v, .lo = v, .hi = v, .pexp = v.exp};
	switch (pick(24)) {
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

int main(void)
{
	static jxl_fig parts[MAX_PARTS];
	const jxl_fig *ptr[MAX_PARTS];
	int signs[MAX_PARTS], wrong = 0, agree = 0, fast = 0;

	for (int k = 0; k < CASES; k++) {
		arena a;
		arena_init(&a);
		size_t n = (size_t)pick(MAX_PARTS) + 1;
		for (size_t i = 0; i < n; i++) {
			make(&parts[i]);
			ptr[i] = &parts[i];
			signs[i] = pick(4) == 0 ? -1 : 1;
		}
		jxl_fig total;
		const jxl_fig *g = fig_sum_general(&a, ptr, signs, n);
		if (g && pick(2)) {   /* a total near the sum: the comparisons that are close */
			total = *g;
			total.node = NULL;
			if (pick(2) && !dec_add(total.v, (dec){pick(3) - 1, total.v.exp}, &total.v))
				total.lo = total.hi = total.v;
		} else {
			make(&total);
		}
		int c = 2;
		if (fig_sum_cmp(ptr, signs, n, &total, &c) == 0) {
			fast++;
			if (!g || fig_cmp(g, &total) != c) {
				wrong++;
				if (wrong <= 10)
					printf("FAIL case %d: fig_sum_cmp says %d, fig_cmp(fig_sum_general) %s%d\n", k, c,
					       g ? "" : "no sum ", g ? fig_cmp(g, &total) : 0);
			} else {
				agree++;
			}
		}
		arena_release(&a);
	}
	/* two tests: the answers agree; both paths are taken often */
	int often = fast >= CASES / 10 && fast <= CASES - CASES / 10;
	printf("fig_sum_cmp answered %d of %d generated sums: %d as fig_cmp(fig_sum_general) does, %d not\n", fast, CASES,
	       agree, wrong);
	if (!often)
		printf("FAIL the fast comparison applied to %d of %d sums (wanted 10%%..90%%)\n", fast, CASES);
	printf("%d passed, %d failed\n", (wrong == 0) + often, (wrong != 0) + !often);
	return wrong || !often;
}
