/* dec_cmp_fast_test.c — dec_cmp_fast (num.h) held to dec_cmp on generated decimals: the packs' comparisons and claim.c use the fast one. */
#include "num.h"

#include <stdint.h>
#include <stdio.h>

#include "gen_random.h"

#define CASES 500000

/* A coefficient of the sizes that decide the paths: zero, small, near
 * 2^63, beyond 64 bits; either sign. */
static __int128 coef(void)
{
	__int128 c;
	switch (pick(8)) {
	case 0: c = 0; break;
	case 1: c = pick(1000); break;
	case 2: c = (__int128)(next() % 100000000000u); break;
	case 3: c = (__int128)(INT64_MAX - (int64_t)pick(1000)); break;
	case 4: c = (__int128)(next() >> 1); break;
	case 5: c = (__int128)next() * 1000; break;
	default: c = pick(100000); break;
	}
	return pick(3) == 0 ? -c : c;
}

/* An exponent: mostly the usual few, sometimes far apart. */
static int exponent(void)
{
	switch (pick(4)) {
	case 0: return -pick(3);
	case 1: return pick(41) - 20;
	case 2: return pick(2 * NUM_MAX_EXP + 1) - NUM_MAX_EXP;
	default: return 0;
	}
}

int main(void)
{
	int failed = 0;
	for (long i = 0; i < CASES && failed < 10; i++) {
		dec a = {coef(), exponent()};
		dec b = pick(4) == 0 ? (dec){a.coef * 10, a.exp - 1} : (dec){coef(), exponent()};   /* sometimes a's value in other digits */
		if (pick(8) == 0 && a.exp > -NUM_MAX_EXP && (a.coef < ((__int128)1 << 100) && a.coef > -((__int128)1 << 100)))
			b = (dec){a.coef * 10 + pick(3) - 1, a.exp - 1};
		int want = dec_cmp(a, b), got = dec_cmp_fast(&a, &b);
		if (got != want) {
			printf("FAIL case %ld: dec_cmp_fast %d, dec_cmp %d\n", i, got, want);
			failed++;
		}
	}
	printf("%d passed, %d failed\n", failed == 0, failed != 0);
	return failed != 0;
}
