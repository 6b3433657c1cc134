/* fig_sum_cmp_test.c — fig_sum_cmp held to fig_cmp(fig_sum_general(…)) on generated sums: the same answer whenever it gives one. */
#include "fig.h"

#include <stdint.h>
#include <stdio.h>

#define CASES 200000     /* generated sums */
#define MAX_PARTS 8      /* figures in one sum */

/* xorshift64*: the same cases on every run */
static uint64_t state = 0x9E3779B97F4A7C15u;

static uint64_t next(void)
{
	state ^= state >> 12;
	state ^= state << 25;
	state ^= state >> 27;
	return state * 0x2545F4914F6CDD1Du;
}

static int pick(int n)
{
	return (int)(next() % (uint64_t)n);
}

/* A coefficient of one of the sizes that decide the paths: small, near
 * 2^63 (the 64-bit register's edge), beyond 64 bits; either sign. */
static __int128 coef(void)
{
	__int128 c;
	switch (pick(12)) {
	case 0: c = pick(3); break;
	case 1: c = pick(1000); break;
	case 2: c = (__int128)(next() % 100000000000u); break;
	case 3: c = (__int128)(INT64_MAX - (int64_t)pick(1000)); break;
	case 4: c = (__int128)(next() >> 1); break;
	case 5: c = (__int128)next() * 1000; break;
	default: c = pick(100000); break;
	}
	return pick(4) == 0 ? -c : c;
}

/* An exponent: mostly the usual few, sometimes far apart or out of range. */
static int exponent(void)
{
	switch (pick(5)) {
	case 0: return -pick(3);
	case 1: return pick(5) - 2;
	case 2: return pick(41) - 20;
	case 3: return pick(90) - 45;
	default: return 0;
	}
}

/* A figure: exact (the usual), rounded (±½ of a last digit), a lower
 * bound, or with open ends; the ends sometimes the value written otherwise. */
static void make(jxl_fig *f)
{
	dec v = {coef(), exponent()};
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
