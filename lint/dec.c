/* dec.c — exact decimal arithmetic on coef × 10^exp (__int128), and plain-text formatting. */
#include "num.h"

#include <limits.h>
#include <string.h>

typedef unsigned __int128 u128;

/* Every result is brought into range by fit(): the value is kept exactly,
 * and the exponent the operation asked for is kept when it can be; when it
 * cannot, trailing zeros are stripped (or added) so that an exactly
 * representable value is still returned. -1 only when no (coef, exp) with
 * |coef| < 10^38 and |exp| <= NUM_MAX_EXP holds the exact value. */

/* 10^0 … 10^19: every power of ten below 2^64. */
const uint64_t dec_p10[20] = {1, 10, 100, 1000, 10000, 100000, 1000000, 10000000, 100000000, 1000000000,
	10000000000u, 100000000000u, 1000000000000u, 10000000000000u, 100000000000000u, 1000000000000000u,
	10000000000000000u, 100000000000000000u, 1000000000000000000u, 10000000000000000000u};

/* 10^k for 0 <= k <= 38 (every caller stays in that range). */
static u128 pow10u(int k)
{
	return k < 20 ? (u128)dec_p10[k] : (u128)dec_p10[19] * dec_p10[k - 19];
}

static u128 limit(void)
{
	return (u128)10000000000000000000ULL * 10000000000000000000ULL;   /* 10^38, folded at compile time */
}

static u128 mag_of(__int128 c)
{
	return c < 0 ? (u128)0 - (u128)c : (u128)c;
}

static int ndigits(u128 m)
{
	int n = 1;
	u128 p = 10;
	while (n < 39 && m >= p) {   /* multiplications, not 128-bit divisions */
		p *= 10;
		n++;
	}
	return n;
}

/* Store ±m × 10^exp in *out if it can be made to fit; 0 or -1. */
static int fit(u128 m, int neg, long long exp, dec *out)
{
	u128 lim = limit();
	if (m < lim && exp >= -NUM_MAX_EXP && exp <= NUM_MAX_EXP) {   /* in range already: kept as it is */
		out->coef = neg ? -(__int128)m : (__int128)m;
		out->exp = (int)exp;
		return 0;
	}
	if (m == 0) {
		if (exp > NUM_MAX_EXP)
			exp = NUM_MAX_EXP;
		if (exp < -NUM_MAX_EXP)
			exp = -NUM_MAX_EXP;
	}
	while ((m >= lim || exp < -NUM_MAX_EXP) && m % 10 == 0 && m) {
		m /= 10;
		exp++;
	}
	while (exp > NUM_MAX_EXP && m < lim / 10) {
		m *= 10;
		exp--;
	}
	if (m >= lim || exp > NUM_MAX_EXP || exp < -NUM_MAX_EXP)
		return -1;
	out->coef = neg ? -(__int128)m : (__int128)m;
	out->exp = (int)exp;
	return 0;
}

/* Add trailing zeros while exp > target and the coefficient has room. */
static void pad(u128 *m, long long *exp, long long target)
{
	u128 lim = limit();
	if (*m == 0 && *exp > target)
		*exp = target;
	while (*exp > target && *m < lim / 10) {
		*m *= 10;
		(*exp)--;
	}
}

/* Fast paths. An operand is small when its coefficient fits in 64 signed
 * bits; scaled by at most 10^18 it stays below 9.3·10^36, so the sum of two
 * of them is below 10^38 and fits exactly at the smaller exponent. Each
 * fast path gives what the general path gives, the same coef and exp (the
 * *_general functions keep that checkable: fuzz/fuzz_num.c, tests/num). */

static int small(__int128 c)
{
	return (int64_t)(c >> 64) == (int64_t)c >> 63;   /* the high half only repeats the sign */
}

static int exp_ok(int e)
{
	return (unsigned)e + NUM_MAX_EXP <= 2u * NUM_MAX_EXP;   /* -NUM_MAX_EXP <= e <= NUM_MAX_EXP */
}

dec dec_normal_general(dec a)
{
	if (a.coef == 0) {
		a.exp = 0;
		return a;
	}
	while (a.coef % 10 == 0 && a.exp < INT_MAX) {
		a.coef /= 10;
		a.exp++;
	}
	return a;
}

dec dec_normal(dec a)
{
	if (a.coef != 0 && small(a.coef)) {   /* the same loop in 64 bits */
		int64_t c = (int64_t)a.coef;
		while (c % 10 == 0 && a.exp < INT_MAX) {
			c /= 10;
			a.exp++;
		}
		a.coef = c;
		return a;
	}
	return dec_normal_general(a);
}

/* m × 10^k into *out, 0 or -1 when it overflows 128 bits. */
static int scale(u128 m, long long k, u128 *out)
{
	if (m == 0) {
		*out = 0;
		return 0;
	}
	if (k > 38)
		return -1;
	return __builtin_mul_overflow(m, pow10u((int)k), out) ? -1 : 0;
}

/* Magnitudes are unsigned so that aligned operands up to 2^128 still add. */
static int add_aligned(dec a, dec b, dec *out)
{
	u128 x, y, s;
	int nx = a.coef < 0, ny = b.coef < 0, neg = nx;
	long long e = a.exp < b.exp ? a.exp : b.exp;
	if (scale(mag_of(a.coef), (long long)a.exp - e, &x) || scale(mag_of(b.coef), (long long)b.exp - e, &y))
		return -1;
	if (nx == ny) {
		if (__builtin_add_overflow(x, y, &s))
			return -1;
	} else if (x >= y) {
		s = x - y;
	} else {
		s = y - x;
		neg = ny;
	}
	return fit(s, neg && s, e, out);
}

/* The exact sum. With a zero it is the other operand; when the aligned
 * operands overflow, the normalised ones are tried. Either way the result
 * is then brought back toward the smaller exponent. */
int dec_add_general(dec a, dec b, dec *out)
{
	long long target = a.exp < b.exp ? a.exp : b.exp, e;
	dec r;
	u128 m;
	if (a.coef == 0 || b.coef == 0)
		r = a.coef == 0 ? b : a;
	else if (add_aligned(a, b, out) == 0)
		return 0;
	else if (add_aligned(dec_normal_general(a), dec_normal_general(b), &r))
		return -1;
	m = mag_of(r.coef);
	e = r.exp;
	pad(&m, &e, target);
	return fit(m, r.coef < 0, e, out);
}

int dec_sub_general(dec a, dec b, dec *out)
{
	return dec_add_general(a, dec_neg(b), out);
}

/* Equal exponents in range and coefficients below 10^37: the sum fits as it is. */
static __attribute__((noinline)) int add_same_exp(dec a, __int128 b, dec *out)
{
	const __int128 e37 = (__int128)10000000000000000000u * 1000000000000000000u;   /* 10^37 */
	if (!exp_ok(a.exp) || a.coef <= -e37 || a.coef >= e37 || b <= -e37 || b >= e37)
		return 0;
	out->coef = a.coef + b;
	out->exp = a.exp;
	return 1;
}

int dec_add(dec a, dec b, dec *out)
{
	if (dec_add_small(a, b, 0, out) || (a.exp == b.exp && add_same_exp(a, b.coef, out)))
		return 0;
	return dec_add_general(a, b, out);
}

int dec_sub(dec a, dec b, dec *out)
{
	if (dec_add_small(a, b, 1, out) || (a.exp == b.exp && add_same_exp(a, dec_neg(b).coef, out)))
		return 0;
	return dec_sub_general(a, b, out);
}

/* The 256-bit product x × y as four 64-bit limbs, least significant first. */
static void mul256(u128 x, u128 y, uint64_t p[4])
{
	uint64_t a[2] = { (uint64_t)x, (uint64_t)(x >> 64) }, b[2] = { (uint64_t)y, (uint64_t)(y >> 64) };
	int i, j;
	memset(p, 0, 4 * sizeof p[0]);
	for (i = 0; i < 2; i++) {
		u128 carry = 0;
		for (j = 0; j < 2; j++) {
			u128 t = (u128)a[i] * b[j] + p[i + j] + carry;
			p[i + j] = (uint64_t)t;
			carry = t >> 64;
		}
		p[i + 2] = (uint64_t)carry;
	}
}

/* Divide p by 10 in place; the remainder. */
static unsigned div10(uint64_t p[4])
{
	u128 r = 0;
	for (int i = 3; i >= 0; i--) {
		u128 cur = r << 64 | p[i];
		p[i] = (uint64_t)(cur / 10);
		r = cur % 10;
	}
	return (unsigned)r;
}

/* The exact product, with trailing zeros dropped only while it needs more
 * than 128 bits (then it is >= 10^38 and must lose them to fit anyway). */
int dec_mul_general(dec a, dec b, dec *out)
{
	uint64_t p[4], q[4];
	long long e = (long long)a.exp + b.exp;
	mul256(mag_of(a.coef), mag_of(b.coef), p);
	while (p[2] || p[3]) {
		memcpy(q, p, sizeof q);
		if (div10(q))
			return -1;
		memcpy(p, q, sizeof p);
		e++;
	}
	return fit((u128)p[1] << 64 | p[0], ((a.coef < 0) != (b.coef < 0)) && (p[0] || p[1]), e, out);
}

int dec_mul(dec a, dec b, dec *out)
{
	long long e = (long long)a.exp + b.exp;
	if (a.coef > -(__int128)INT64_MAX && a.coef < (__int128)INT64_MAX && b.coef > -(__int128)INT64_MAX &&
	    b.coef < (__int128)INT64_MAX && e >= -NUM_MAX_EXP && e <= NUM_MAX_EXP) {
		out->coef = a.coef * b.coef;   /* below 2^126 < 10^38: fit() would keep it as it is */
		out->exp = (int)e;
		return 0;
	}
	return dec_mul_general(a, b, out);
}

/* Round q (with remainder r of divisor d, r < d) half away from zero. */
static u128 round_half(u128 q, u128 r, u128 d)
{
	return r >= d - r ? q + 1 : q;
}

/* One step of long division: append the next digit of r×10/b to *q and
 * return the new remainder. r < b < 2^127, so r + r + … never overflows. */
static u128 next_digit(u128 *q, u128 r, u128 b)
{
	u128 t = 0;
	unsigned d = 0;
	for (int i = 0; i < 10; i++) {
		t += r;
		if (t >= b) {
			t -= b;
			d++;
		}
	}
	*q = *q * 10 + d;
	return t;
}

/* No room in *q for the s digits still to come (r != 0): the result fits
 * only if they round to all zeros, or carry into the last kept digit. */
static int div_tail(u128 *q, u128 r, u128 b, long long s)
{
	u128 x;
	if (scale(2 * r, s, &x) == 0 && x < b)
		return 0;
	if (scale(2 * (b - r), s, &x) == 0 && x <= b && *q != (u128)0 - 1) {
		(*q)++;
		return 0;
	}
	return -1;
}

/* |a| × 10^s ÷ |b| for s >= 0 by long division, rounded; the exponent
 * grows by the count of trailing zero digits not generated. */
static int div_up(u128 a, u128 b, long long s, u128 *q, long long *exp)
{
	u128 as;
	if (s <= 38 && !__builtin_mul_overflow(a, pow10u((int)s), &as)) {   /* the usual case: one division */
		u128 q1 = as / b;
		if (q1 == (u128)0 - 1)
			return -1;
		*q = round_half(q1, as % b, b);
		return 0;
	}
	u128 qq = a / b, r = a % b, top = ((u128)0 - 1 - 9) / 10;
	for (; s > 0 && r; s--) {
		if (qq > top) {
			if (div_tail(&qq, r, b, s))
				return -1;
			r = 0;
			break;
		}
		r = next_digit(&qq, r, b);
	}
	*exp += s;
	if (qq == (u128)0 - 1)
		return -1;
	*q = round_half(qq, r, b);
	return 0;
}

/* |a| ÷ (|b| × 10^k) for k > 0, rounded. */
static void div_down(u128 a, u128 b, long long k, u128 *q)
{
	u128 d;
	if (k > 38 || __builtin_mul_overflow(b, pow10u((int)k), &d)) {
		*q = 0;  /* d > 2^128 > 2a: rounds to zero */
		return;
	}
	*q = round_half(a / d, a % d, d);
}

int dec_div_general(dec a, dec b, int places, dec *out)
{
	u128 q;
	long long s, exp = -(long long)places;
	int neg = (a.coef < 0) != (b.coef < 0);
	if (b.coef == 0)
		return -1;
	s = (long long)a.exp - b.exp + places;
	if (s >= 0) {
		if (div_up(mag_of(a.coef), mag_of(b.coef), s, &q, &exp))
			return -1;
		pad(&q, &exp, -(long long)places);
	} else {
		div_down(mag_of(a.coef), mag_of(b.coef), -s, &q);
	}
	return fit(q, neg && q, exp, out);
}

/* |a| ÷ |b| with a, b small, |s| <= DEC_FAST_SHIFT and the result's exponent
 * -places in range: one division (a 64-bit one when the scaled dividend
 * fits), rounded half away from zero, as div_up and div_down make it; the
 * quotient is below 2^63·10^18 < 10^38, so nothing is padded or stripped. */
static int div_small(dec a, dec b, int places, dec *out)
{
	long long s = (long long)a.exp - b.exp + places;
	u128 ma = mag_of(a.coef), mb = mag_of(b.coef), n, d, q, r;
	if (places < -NUM_MAX_EXP || places > NUM_MAX_EXP || s > DEC_FAST_SHIFT || s < -DEC_FAST_SHIFT)
		return 0;
	n = s >= 0 ? ma * dec_p10[s] : ma;
	d = s >= 0 ? mb : mb * dec_p10[-s];
	if ((n >> 64) == 0 && (d >> 64) == 0) {
		uint64_t n64 = (uint64_t)n, d64 = (uint64_t)d;
		q = n64 / d64;
		r = n64 % d64;
	} else {
		q = n / d;
		r = n - q * d;
	}
	q = round_half(q, r, d);
	out->coef = (a.coef < 0) != (b.coef < 0) ? -(__int128)q : (__int128)q;
	out->exp = -places;
	return 1;
}

int dec_div(dec a, dec b, int places, dec *out)
{
	if (b.coef != 0 && small(a.coef) && small(b.coef) && div_small(a, b, places, out))
		return 0;
	return dec_div_general(a, b, places, out);
}

/* Shared by round and trunc: drop digits below 10^-places. */
static int cut(dec a, int places, int half, dec *out)
{
	u128 m = mag_of(a.coef), q;
	long long target = -(long long)places, k = target - a.exp, exp = a.exp;
	if (k <= 0) {
		pad(&m, &exp, target);
		return fit(m, a.coef < 0, exp, out);
	}
	if (k > 38) {
		q = 0;  /* m < 10^38 <= ½·10^k */
	} else {
		u128 p = pow10u((int)k);
		q = half ? round_half(m / p, m % p, p) : m / p;
	}
	return fit(q, a.coef < 0 && q, target, out);
}

int dec_round(dec a, int places, dec *out)
{
	/* already with `places` decimals (a figure shown as written): cut would keep it as it is */
	if (a.exp == -(long long)places && a.exp >= -NUM_MAX_EXP && a.exp <= NUM_MAX_EXP && small(a.coef)) {
		*out = a;
		return 0;
	}
	return cut(a, places, 1, out);
}

int dec_trunc(dec a, int places, dec *out)
{
	return cut(a, places, 0, out);
}

/* Compare |a| and |b|, both non-zero: by the position of the leading digit
 * first, then with the larger-exponent one scaled up (exact; an overflow
 * there means it is the larger). */
static int cmp_mag(u128 ma, long long ea, u128 mb, long long eb)
{
	long long ta = ndigits(ma) + ea, tb = ndigits(mb) + eb;
	u128 x;
	if (ta != tb)
		return ta < tb ? -1 : 1;
	if (ea < eb)
		return -cmp_mag(mb, eb, ma, ea);
	if (ea - eb > 38 || __builtin_mul_overflow(ma, pow10u((int)(ea - eb)), &x))
		return 1;
	return (x > mb) - (x < mb);
}

int dec_cmp_general(dec a, dec b)
{
	int sa = dec_sign(a), sb = dec_sign(b), r;
	if (sa != sb)
		return sa < sb ? -1 : 1;
	if (sa == 0)
		return 0;
	if (a.exp == b.exp)   /* the usual case: the same decimals */
		return (a.coef > b.coef) - (a.coef < b.coef);
	r = cmp_mag(mag_of(a.coef), a.exp, mag_of(b.coef), b.exp);
	return sa > 0 ? r : -r;
}

/* With equal exponents the coefficients say it; small ones at most
 * DEC_FAST_SHIFT apart are compared as dec_cmp_small does (num.h). */
int dec_cmp(dec a, dec b)
{
	if (a.exp == b.exp)
		return (a.coef > b.coef) - (a.coef < b.coef);
	int c = dec_cmp_small(&a, &b);
	return c != 2 ? c : dec_cmp_general(a, b);
}

/* Text output: writes what fits, counts everything. */
struct sink {
	char *buf;
	size_t n, len;
};

static void put(struct sink *o, char c)
{
	if (o->len + 1 < o->n)
		o->buf[o->len] = c;
	o->len++;
}

static size_t finish(struct sink *o)
{
	if (o->n > 0)
		o->buf[o->len < o->n ? o->len : o->n - 1] = '\0';
	return o->len;
}

/* The decimal digits of m, most significant first, at the end of
 * end[-40..0); returns where they start (at most 39 of them). */
static const char *digits_of(u128 m, char *end)
{
	char *p = end;
	for (; m >> 64; m /= 10)   /* the digits above 2^64 in 128 bits; the rest (most numbers: all) in 64 */
		*--p = (char)('0' + (int)(m % 10));
	uint64_t m64 = (uint64_t)m;
	do {
		*--p = (char)('0' + (int)(m64 % 10));
		m64 /= 10;
	} while (m64);
	return p;
}

static size_t format(dec a, char *buf, size_t n, int grouped)
{
	struct sink o = { buf, n, 0 };
	char digits[40];
	const char *d = digits_of(mag_of(a.coef), digits + sizeof digits);
	int nd = (int)(digits + sizeof digits - d);
	long long zeros = a.coef != 0 && a.exp > 0 ? a.exp : 0;
	long long frac = a.exp < 0 ? -(long long)a.exp : 0;
	long long lead = frac >= nd ? frac - nd + 1 : 0;  /* zeros before the digits */
	long long intlen = nd + zeros + lead - frac, i;
	if (!grouped && !zeros && !lead && (size_t)nd + 3 <= n) {   /* the usual: the digits with a point among them, room for all */
		char *p = buf;
		if (a.coef < 0)
			*p++ = '-';
		memcpy(p, d, (size_t)intlen);
		p += intlen;
		if (frac) {
			*p++ = '.';
			memcpy(p, d + intlen, (size_t)frac);
			p += frac;
		}
		*p = '\0';
		return (size_t)(p - buf);
	}
	if (a.coef < 0)
		put(&o, '-');
	for (i = 0; i < nd + zeros + lead; i++) {
		if (i == intlen)
			put(&o, '.');
		else if (grouped && i > 0 && i < intlen && (intlen - i) % 3 == 0)
			put(&o, ',');
		if (i < lead)
			put(&o, '0');
		else
			put(&o, i - lead < nd ? d[i - lead] : '0');
	}
	return finish(&o);
}

size_t dec_format(dec a, char *buf, size_t n)
{
	return format(a, buf, n, 0);
}

size_t dec_format_grouped(dec a, char *buf, size_t n)
{
	return format(a, buf, n, 1);
}
