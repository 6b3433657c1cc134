/* fig_to_int_test.c — fig_to_int held to fig_to_int_general on generated figures: the same answer and integer, always. */
#include "fig.h"

#include <stdint.h>
#include <stdio.h>

#include "gen_random.h"

#define CASES 300000   /* generated figures */

/* A coefficient of the sizes that decide the paths: zero, small, with
 * trailing zeros, near 2^63 and 9·10^18 (the limits), beyond 64 bits; either sign. */
static __int128 coef(void)
{
	static const int64_t edges[] = {INT64_MAX, INT64_MIN + 1, 9000000000000000000LL, 900000000000000000LL,
					9000000000000000001LL, 900000000000000001LL, 922337203685477580LL};
	__int128 c;
	switch (pick(10)) {
	case 0: c = pick(3); break;
	case 1: c = (__int128)pick(1000) * (int64_t)dec_p10[pick(19)]; break;
	case 2: c = (__int128)(next() % 100000000000u); break;
	case 3: c = (__int128)edges[pick(7)] - pick(3); break;
	case 4: c = (__int128)(next() >> 1); break;
	case 5: c = (__int128)next() * 1000; break;
	case 6: c = INT64_MIN; break;
	default: c = pick(100000); break;
	}
	return pick(3) == 0 ? -c : c;
}

/* An exponent: mostly near the point, sometimes at the fast path's edge or far out. */
static int exponent(void)
{
	switch (pick(4)) {
	case 0: return pick(9) - 4;
	case 1: return pick(41) - 20;
	case 2: return pick(90) - 45;
	default: return pick(5) - 2;
	}
}

int main(void)
{
	int wrong = 0, ints = 0, fast = 0;

	for (int k = 0; k < CASES; k++) {
		jxl_fig f = {.v = {coef(), exponent()}};
		long long x = 0, y = 0;
		int rx = fig_to_int(&f, &x), ry = fig_to_int_general(&f, &y);
		ints += ry == 0;
		fast += (int64_t)(f.v.coef >> 64) == (int64_t)f.v.coef >> 63 && f.v.exp >= -DEC_FAST_SHIFT &&
			f.v.exp <= DEC_FAST_SHIFT;
		if (rx != ry || (rx == 0 && x != y)) {
			wrong++;
			if (wrong <= 10)
				printf("FAIL case %d: {%lld%s, %d}: fig_to_int %d (%lld), fig_to_int_general %d (%lld)\n", k,
				       (long long)f.v.coef, (int64_t)(f.v.coef >> 64) != (int64_t)f.v.coef >> 63 ? " (wide)" : "",
				       f.v.exp, rx, x, ry, y);
		}
	}
	/* two tests: the answers agree; integers and non-integers, and both paths, are each common */
	int often = ints >= CASES / 10 && ints <= CASES - CASES / 10 && fast >= CASES / 10 && fast <= CASES - CASES / 10;
	printf("fig_to_int: %d generated figures, %d integers, %d on the 64-bit path, %d disagreements\n", CASES, ints,
	       fast, wrong);
	if (!often)
		printf("FAIL the cases do not take both answers and both paths often enough\n");
	printf("%d passed, %d failed\n", (wrong == 0) + often, (wrong != 0) + !often);
	return wrong || !often;
}
