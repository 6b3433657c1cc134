/* num_format_test.c — dec_format (digits in 64 bits below 2^64) against a plain 128-bit formatter, on the edges and many others. */
#include <stdio.h>
#include <string.h>

#include "num.h"

#define FORMAT_RANDOM 200000   /* random decimals compared, besides the edges */

/* The text dec_format promises, written the slow way: every digit of
 * |coef| by 128-bit division, then the point (or the zeros of a positive
 * exponent, none for 0) and a minus sign. */
static void reference(dec a, char *out)
{
	unsigned __int128 m = a.coef < 0 ? (unsigned __int128)0 - (unsigned __int128)a.coef : (unsigned __int128)a.coef;
	char d[64];
	int nd = 0, i, o = 0;

	do {
		d[nd++] = (char)('0' + (int)(m % 10));
		m /= 10;
	} while (m);
	if (a.coef < 0)
		out[o++] = '-';
	if (a.exp >= 0) {
		for (i = nd; i-- > 0;)
			out[o++] = d[i];
		for (i = 0; a.coef && i < a.exp; i++)
			out[o++] = '0';
	} else {
		int frac = -a.exp, lead = frac >= nd ? frac - nd + 1 : 0, total = nd + lead;
		for (i = 0; i < total; i++) {
			if (i == total - frac)
				out[o++] = '.';
			out[o++] = i < lead ? '0' : d[nd - 1 - (i - lead)];
		}
	}
	out[o] = '\0';
}

static int check(dec a, int *fail)
{
	char got[128], want[128];

	dec_format(a, got, sizeof got);
	reference(a, want);
	if (!strcmp(got, want))
		return 1;
	if ((*fail)++ < 20)
		printf("FAIL: dec_format gives %s, expected %s\n", got, want);
	return 0;
}

static unsigned long long rnd(unsigned long long *s)
{
	*s = *s * 6364136223846793005ull + 1442695040888963407ull;
	return *s >> 11 ^ *s << 29;
}

int main(void)
{
	static const int exps[] = {0, 1, 2, -1, -2, -12, -19, -20, -38, 5, 40, -40};
	const unsigned __int128 two64 = (unsigned __int128)1 << 64;
	unsigned __int128 p10 = 1;
	unsigned long long s = 42;
	int pass = 0, fail = 0, bad = 0, i, k, e;

	/* 0, 2^64 and 10^k and their neighbours, both signs, at every exponent above */
	for (e = 0; e < (int)(sizeof exps / sizeof *exps); e++) {
		int before = bad;
		for (k = 0; k <= 37; k++, p10 *= 10) {
			unsigned __int128 c[] = {0, 1, two64 - 1, two64, two64 + 1, p10 - 1, p10, p10 + 1};
			for (i = 0; i < (int)(sizeof c / sizeof *c); i++) {
				check((dec){(__int128)c[i], exps[e]}, &bad);
				check((dec){-(__int128)c[i], exps[e]}, &bad);
			}
		}
		p10 = 1;
		if (bad == before)
			pass++;
		else
			fail++;
	}
	/* random coefficients below 10^38, of every width, at random exponents */
	for (i = 0; i < FORMAT_RANDOM; i++) {
		unsigned __int128 c = (unsigned __int128)rnd(&s) << 64 | rnd(&s);
		int bits = (int)(rnd(&s) % 126) + 1;
		c >>= 128 - bits;
		e = (int)(rnd(&s) % 81) - 40;
		check((dec){rnd(&s) & 1 ? -(__int128)c : (__int128)c, e}, &bad);
	}
	if (bad)
		fail++;
	else
		pass++;
	printf("%d passed, %d failed\n", pass, fail);
	return fail != 0;
}
