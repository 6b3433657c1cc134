/* num.h — exact decimals, and figures parsed from text as people write them; no double, no locale. */
#ifndef JXL_NUM_H
#define JXL_NUM_H

#include <limits.h>
#include <stddef.h>
#include <stdint.h>

/* Limits, each tested at the limit and one past it (tests/num/limits.tsv). */
#define NUM_MAX_DIGITS   30   /* significant digits in one written figure */
#define NUM_MAX_EXP      40   /* |exponent| of any decimal, after units */
#define NUM_MAX_TEXT   256   /* bytes of one figure's text; longer is an error */

/* An exact decimal: value = coef × 10^exp. Not normalised: 2.0 is {20,-1}. */
typedef struct dec {
	__int128 coef;
	int exp;
} dec;

/* Arithmetic. Each returns 0, or -1 when the result would not fit
 * (|coef| >= 10^38 or |exp| > NUM_MAX_EXP); *out is then unchanged. */
static inline dec dec_from_int(long long v)
{
	dec d = {v, 0};
	return d;
}
int dec_add(dec a, dec b, dec *out);
int dec_sub(dec a, dec b, dec *out);
int dec_mul(dec a, dec b, dec *out);
/* a ÷ b rounded half away from zero to `places` decimals (places may be
 * negative); -1 also when b is zero. */
int dec_div(dec a, dec b, int places, dec *out);
/* Multiply by 10^k (k may be negative): exact, only changes exp (held at
 * INT_MAX or INT_MIN when the sum overflows). Inline, as the few others
 * here that only move bits: a call would cost more than they do. */
static inline dec dec_shift(dec a, int k)
{
	if (__builtin_add_overflow(a.exp, k, &a.exp))
		a.exp = k > 0 ? INT_MAX : INT_MIN;
	return a;
}
static inline dec dec_neg(dec a)
{
	a.coef = (__int128)((unsigned __int128)0 - (unsigned __int128)a.coef);
	return a;
}
static inline dec dec_abs(dec a)
{
	return a.coef < 0 ? dec_neg(a) : a;
}
static inline int dec_sign(dec a)    /* -1, 0, 1 */
{
	return (a.coef > 0) - (a.coef < 0);
}
/* The same decimal written the same way: equal coef and exp (1.0 and 1 are not). */
static inline int dec_same(dec a, dec b)
{
	return a.coef == b.coef && a.exp == b.exp;
}

/* 10^0 … 10^19, every power of ten below 2^64: the scale factors of the
 * 64-bit fast paths (dec.c, fig.c). */
extern const uint64_t dec_p10[20];
#define DEC_FAST_SHIFT 18   /* 10^18 < 2^63: the widest scaling done in 64-bit factors */

/* a ± b (sub: a − b) when both coefficients fit in 64 bits and the
 * exponents are in range and at most DEC_FAST_SHIFT apart: exact at the
 * smaller exponent, as dec_add and dec_sub leave it (scaled by at most
 * 10^18 a coefficient stays below 9.3·10^36, so the sum fits). 0 when the
 * operands are not of that kind; dec_add and dec_sub try it first, and a
 * caller on a hot path may too, to save the call. (Written on the 64-bit
 * halves: the compiler then keeps it in a few registers.) */
static inline __attribute__((always_inline)) int dec_add_small(dec a, dec b, int sub, dec *out)
{
	int64_t x = (int64_t)a.coef, y = (int64_t)b.coef;
	unsigned ea = (unsigned)a.exp + NUM_MAX_EXP, eb = (unsigned)b.exp + NUM_MAX_EXP;
	if ((int64_t)(a.coef >> 64) != x >> 63 || (int64_t)(b.coef >> 64) != y >> 63 || ea > 2 * NUM_MAX_EXP ||
	    eb > 2 * NUM_MAX_EXP)
		return 0;
	int d = (int)ea - (int)eb;
	if (d >= 0 && d <= DEC_FAST_SHIFT) {
		__int128 sx = (__int128)x * (int64_t)dec_p10[d];
		out->coef = sub ? sx - y : sx + y;
		out->exp = b.exp;
		return 1;
	}
	if (d < 0 && d >= -DEC_FAST_SHIFT) {
		__int128 sy = (__int128)y * (int64_t)dec_p10[-d];
		out->coef = sub ? x - sy : x + sy;
		out->exp = a.exp;
		return 1;
	}
	return 0;
}

/* x + y (sign 1) or x − y (-1) as dec_add and dec_sub return it, without
 * the call for the operands of dec.c's fast path (dec_add_small). */
static inline __attribute__((always_inline)) int dec_add_fast(const dec *x, const dec *y, int sign, dec *out)
{
	if (dec_add_small(*x, *y, sign < 0, out))
		return 0;
	return sign > 0 ? dec_add(*x, *y, out) : dec_sub(*x, *y, out);
}

/* The corners of [alo, ahi] ÷ [blo, bhi] (lo <= hi on both sides, the
 * divisor all of one sign, not 0) that are the quotient's extremes, from
 * the signs alone: the low end is *ln / *ld, the high end *hn / *hd.
 * Rounding each quotient the same way keeps that order. */
static inline void dec_div_corners(const dec *alo, const dec *ahi, const dec *blo, const dec *bhi, const dec **ln,
				   const dec **ld, const dec **hn, const dec **hd)
{
	int a_lo = dec_sign(*alo), a_hi = dec_sign(*ahi);
	if (dec_sign(*blo) > 0) {
		*ln = alo, *hn = ahi;
		*ld = a_lo >= 0 ? bhi : blo;
		*hd = a_lo >= 0 ? blo : a_hi <= 0 ? bhi : blo;
	} else {
		*ln = ahi, *hn = alo;
		*ld = a_lo >= 0 ? bhi : a_hi <= 0 ? blo : bhi;
		*hd = a_lo >= 0 ? blo : bhi;
	}
}
int dec_cmp(dec a, dec b);           /* -1, 0, 1; exact, any exps */
/* dec_cmp of two decimals whose coefficients fit in 64 bits and whose
 * exponents are at most DEC_FAST_SHIFT apart (the usual ones): the one
 * with the larger exponent scaled to the other's (exact, below 2^127);
 * 2 for any other two. dec_cmp's own fast path. */
static inline __attribute__((always_inline)) int dec_cmp_small(const dec *a, const dec *b)
{
	int64_t x = (int64_t)a->coef, y = (int64_t)b->coef;
	long long d = (long long)a->exp - b->exp;
	if ((int64_t)(a->coef >> 64) != x >> 63 || (int64_t)(b->coef >> 64) != y >> 63 || d > DEC_FAST_SHIFT ||
	    d < -DEC_FAST_SHIFT)
		return 2;
	__int128 sx = x, sy = y;
	if (d > 0)
		sx = (__int128)x * (int64_t)dec_p10[d];
	else
		sy = (__int128)y * (int64_t)dec_p10[-d];
	return (sx > sy) - (sx < sy);
}
/* dec_cmp, without the call when the exponents are equal (the usual case),
 * either is zero (a score against 0: the other's sign decides), or both
 * are small (dec_cmp_small). */
static inline int dec_cmp_fast(const dec *x, const dec *y)
{
	if (x->exp == y->exp || !x->coef || !y->coef)
		return (x->coef > y->coef) - (x->coef < y->coef);
	int c = dec_cmp_small(x, y);
	return c != 2 ? c : dec_cmp(*x, *y);
}

static inline int dec_is_zero(dec a)
{
	return a.coef == 0;
}
/* Round half away from zero to `places` decimals. -1 on overflow. */
int dec_round(dec a, int places, dec *out);
/* Truncate toward zero to `places` decimals. */
int dec_trunc(dec a, int places, dec *out);
/* Strip every trailing zero of the coefficient (1200 → {12,2}); zero is {0,0}. */
dec dec_normal(dec a);
/* The same without their fast paths (small coefficients, exponents a few
 * decimals apart): the same result, coef and exp, and the same -1, always;
 * for the tests that check exactly that (fuzz_num, tests/num). */
int dec_add_general(dec a, dec b, dec *out);
int dec_sub_general(dec a, dec b, dec *out);
int dec_div_general(dec a, dec b, int places, dec *out);
int dec_mul_general(dec a, dec b, dec *out);
int dec_cmp_general(dec a, dec b);
dec dec_normal_general(dec a);
/* Plain decimal text, no exponent, no grouping: "-1234.50" keeps the
 * coefficient's digits exactly (trailing zeros of a negative exp kept).
 * Writes at most n-1 bytes plus NUL; returns the length it needed. */
size_t dec_format(dec a, char *buf, size_t n);
/* Same, with thousands separators in the integer part ("65,240,247.04"). */
size_t dec_format_grouped(dec a, char *buf, size_t n);

/* A figure's unit, after any magnitude word is taken out. */
enum num_unit {
	NUM_UNIT_NONE = 0,  /* a bare number */
	NUM_UNIT_YUAN,      /* 元 (with mag: 千元 3, 万元 4, 亿元 8) */
	NUM_UNIT_PERCENT,   /* %, ％, \% */
	NUM_UNIT_PERMILLE,  /* ‰ */
	NUM_UNIT_NOUN       /* a counter or other noun: 人, 人次, 个, 项, 路, M, 分 … (see noun) */
};

/* What surrounds the number: a comparison or an approximation. */
enum num_qual {
	NUM_QUAL_NONE = 0,
	NUM_QUAL_GE,      /* ≥ >= ≧ \geq 不低于 不少于 以上 达(到) 至少 */
	NUM_QUAL_GT,      /* > 大于 高于 超过 超 多于 */
	NUM_QUAL_LE,      /* ≤ <= ≦ \leq 不高于 不超过 不多于 以下 以内 */
	NUM_QUAL_LT,      /* < 小于 低于 少于 */
	NUM_QUAL_APPROX   /* 约 左右 近 */
};

/* One figure parsed from text. `value` is in the unit `unit`, with any
 * magnitude word (千 万 亿 万亿) already applied: "563.02万元" is
 * value 5630200 (coef 56302, exp 2), decimals 2, mag 4, unit YUAN. */
typedef struct num_fig {
	dec value;
	int decimals;          /* digits written after the decimal point (JSON 1.5e3: max(0, frac - e)) */
	int mag;               /* power of ten of the magnitude word: 0, 3, 4, 8, 12 */
	enum num_unit unit;
	enum num_qual qual;
	unsigned approx : 1;   /* 余 多 约 左右 超 超过 以上 … : not an exact amount */
	unsigned negative : 1; /* a minus sign or brackets were written (also for -0) */
	char noun[24];         /* NUL-terminated UTF-8 noun for NUM_UNIT_NOUN ("人次"); 項 folded to 项 */
} num_fig;

/* Could a figure that num_parse accepts start at s? 0 means it cannot
 * (a cheap test before trying every start of a text, as fig_read_tail does). */
int num_may_start(const char *s, size_t n);

/* Is s one of the ways of writing "no figure" ("", "-", "—", "/", "无",
 * "N/A", "不适用", blanks): exactly when num_parse returns NUM_EMPTY. */
int num_is_empty(const char *s, size_t n);

/* Parse result codes. */
enum {
	NUM_OK = 0,
	NUM_EMPTY = 1,   /* "", spaces, "-", "—", "－", "/", "无", "N/A", "不适用": missing, not zero */
	NUM_ERROR = -1
};

typedef struct num_err {
	size_t offset;     /* byte offset in the input where the problem is */
	char msg[120];     /* English, lowercase, e.g. "two decimal points" */
	char msg_zh[360];  /* the same in Chinese (UTF-8), e.g. "有两个小数点" */
} num_err;

/* Parse the whole of s[0..n) (need not be NUL-terminated) as one figure.
 * Accepts what DESIGN.md → Numbers lists: grouping commas (each group of
 * exactly 3 digits, one optional space after a comma), OCR spaces after the
 * decimal point ("2. 0"), full-width digits and ．％＋－, U+2212 minus,
 * LaTeX ($, \geq, \leq, \%), bracketed negatives, magnitude words, units,
 * qualifiers before and after, and JSON exponents (1.5e3).
 * Rejects: two decimal points, bad grouping, NaN/Infinity, ranges ("1-7"),
 * more than NUM_MAX_DIGITS digits, out-of-range exponents, trailing junk
 * that is not a unit or noun, text over NUM_MAX_TEXT bytes. */
int num_parse(const char *s, size_t n, num_fig *out, num_err *err);

/* num_parse without its fast path for the common shapes ("1,234.5", "≥95%",
 * "563.02万元", "20所"): the same result and error, always; for the tests
 * that check exactly that (fuzz_num, tests/num). */
int num_parse_general(const char *s, size_t n, num_fig *out, num_err *err);

/* The end of the run of ASCII digits from s[i] (before e), *v extended by them. The digit in
 * 64 bits (no sign extension per digit): the loop most figures spend most of their time in
 * (num_fast_plain, num_plain_prefix, num_fast.c). */
static inline size_t num_digits_to(const unsigned char *s, size_t i, size_t e, unsigned long long *v)
{
	unsigned long long d, x = *v;
	for (; i < e && (d = (unsigned long long)s[i] - '0') <= 9; i++)
		x = x * 10 + d;
	*v = x;
	return i;
}

/* The shape every JSON number without an exponent has, ['-'] d+ ('.' d+)?
 * and nothing else (no blank, no '+'), with at most 19 digits: 1 with *out
 * as num_parse fills it for s (noun only "", its first byte), or 0 for any
 * other text, *out untouched; num_parse reads that. A reader that needs no
 * error for these (fig.c, for JSON number nodes) calls it first: a few
 * instructions a digit instead of the checks for every other shape, inline
 * (here, not in num_fast.c) so that the figure stays in registers. */
static inline int num_fast_plain(const char *str, size_t n, num_fig *out)
{
	const unsigned char *s = (const unsigned char *)str;
	size_t neg = 0, i = 0, f0;
	unsigned long long v = 0;   /* wraps only past 19 digits, which are refused before it is used */
	int frac = 0;

	/* The commonest scores and maxima, one digit ("3") or one on each side
	 * of the point ("2.5"): read without the loops' setup and tests. */
	if (n == 1 && (unsigned)(s[0] - '0') <= 9) {
		v = (unsigned)(s[0] - '0');
		i = 1;
	} else if (n == 3 && s[1] == '.' && (unsigned)(s[0] - '0') <= 9 && (unsigned)(s[2] - '0') <= 9) {
		v = (unsigned)(s[0] - '0') * 10 + (unsigned)(s[2] - '0');
		i = 3;
		frac = 1;
	} else {
		i = neg = n && s[0] == '-';
		if (n - neg > 20)   /* 19 digits and a point at most, tested below; this bounds the loops (n is never below neg) */
			return 0;
	}
	i = num_digits_to(s, i, n, &v);
	if (i == neg)
		return 0;
	if (i < n) {
		if (s[i] != '.')
			return 0;
		f0 = ++i;
		i = num_digits_to(s, f0, n, &v);
		if (i == f0 || i < n)
			return 0;
		frac = (int)(i - f0);
	}
	if (n - neg - (frac > 0) > 19)
		return 0;
	out->value.coef = neg ? -(__int128)v : (__int128)v;
	out->value.exp = -frac;
	out->decimals = frac;
	out->mag = 0;
	out->unit = NUM_UNIT_NONE;
	out->qual = NUM_QUAL_NONE;
	out->approx = 0;
	out->negative = (unsigned)neg;
	out->noun[0] = '\0';
	return 1;
}

/* num_fast_plain for the numbers of a written formula (claim.c:
 * "1505449.00", "69.49%"): its shape with nothing or one '%' after it.
 * 1 with *out as num_fast_plain fills it (the unit a percent when the
 * '%' is there), which is what num_parse makes of it; 0 for any other
 * text, *out then anything (tests/num_ascii_test.c compares the two). */
static inline int num_fast_ascii(const char *s, size_t n, num_fig *out)
{
	size_t m = n && s[n - 1] == '%' ? n - 1 : n;

	if (!num_fast_plain(s, m, out))
		return 0;
	if (m < n)
		out->unit = NUM_UNIT_PERCENT;
	return 1;
}

/* The digits num_fast_plain reads, d+ ('.' d+)? without a sign, at the
 * start of s[0..n) (claim.c, a formula's numbers, read as they are
 * scanned): the bytes they take, with *out as num_fast_plain fills it for
 * those bytes, or 0 (*out then anything) when s starts with no digit or
 * they are more than 19. What follows them is the caller's to judge
 * (tests/num_ascii_test.c holds this to num_fast_plain). */
static inline size_t num_plain_prefix(const char *str, size_t n, num_fig *out)
{
	const unsigned char *s = (const unsigned char *)str;
	size_t i, f0, frac = 0;
	unsigned long long v = 0;   /* wraps only past 19 digits, which are refused before it is used */

	i = num_digits_to(s, 0, n, &v);
	if (i == 0)
		return 0;
	if (i + 1 < n && s[i] == '.' && s[i + 1] >= '0' && s[i + 1] <= '9') {
		f0 = ++i;
		i = num_digits_to(s, f0, n, &v);
		frac = i - f0;
	}
	if (i - (frac > 0) > 19)
		return 0;
	out->value.coef = (__int128)v;
	out->value.exp = -(int)frac;
	out->decimals = (int)frac;
	out->mag = 0;
	out->unit = NUM_UNIT_NONE;
	out->qual = NUM_QUAL_NONE;
	out->approx = 0;
	out->negative = 0;
	out->noun[0] = '\0';
	return i;
}

/* A one-line canonical description for tests:
 * "<value> d<decimals> m<mag> <unit>[ <qual>][ approx][ neg]"
 * where unit is 元 % ‰ - (none) or the noun, qual is >= > <= < ~.
 * Example: "5630200 d2 m4 元". Returns the length needed. */
size_t num_describe(const num_fig *f, char *buf, size_t n);

/* The half-width of the interval a rounded figure stands for, in the
 * figure's unit: ½·10^(mag − decimals). */
dec num_half_ulp(const num_fig *f);

#endif
