/* gen_random.h — the generated cases of the randomised tests: one
 * xorshift64* stream per test binary (the same cases on every run), and the
 * coefficients and exponents of sum parts that decide the fast paths. */
#ifndef JXL_TEST_GEN_RANDOM_H
#define JXL_TEST_GEN_RANDOM_H

#include <stdint.h>

static uint64_t gen_state = 0x9E3779B97F4A7C15u;

static inline uint64_t next(void)
{
	gen_state ^= gen_state >> 12;
	gen_state ^= gen_state << 25;
	gen_state ^= gen_state >> 27;
	return gen_state * 0x2545F4914F6CDD1Du;
}

static inline int pick(int n)
{
	return (int)(next() % (uint64_t)n);
}

/* A part's coefficient, of one of the sizes that decide the paths: small,
 * near 2^63 (the 64-bit register's edge), beyond 64 bits; either sign. */
static inline __int128 part_coef(void)
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

/* A part's exponent: mostly the usual few, sometimes far apart or out of range. */
static inline int part_exponent(void)
{
	switch (pick(5)) {
	case 0: return -pick(3);
	case 1: return pick(5) - 2;
	case 2: return pick(41) - 20;
	case 3: return pick(90) - 45;
	default: return 0;
	}
}

#endif
