/* fig.c — figures with units and precision intervals: the exact arithmetic rules compare with. */
#include "fig.h"

#include <limits.h>
#include <string.h>

#define FIG_DIV_PLACES 12   /* decimals of a computed percent before it is compared */

/* A zeroed figure: the stores inline (a figure is 144 bytes), not a call to memset. */
static jxl_fig *fig_new(arena *a)
{
	jxl_fig *f = arena_alloc_raw(a, sizeof *f);
	*f = (jxl_fig){0};
	return f;
}


const jxl_fig *fig_from_int(arena *a, long long v)
{
	jxl_fig *f = fig_new(a);
	f->v = f->lo = f->hi = dec_from_int(v);
	return f;
}

static int unit_of2(const jxl_fig *x, const jxl_fig *y)
{
	return x->unit ? x->unit : y->unit;
}

static const jxl_fig *combine(arena *a, const jxl_fig *x, const jxl_fig *y, int sign)
{
	if (!x || !y)
		return NULL;
	jxl_fig *f = arena_alloc_raw(a, sizeof *f);   /* every member stored below: no memset */
	int bad;
	if (fig_is_point(x) && fig_is_point(y)) {   /* the ends' additions have the value's operands: the same result */
		bad = dec_add_fast(&x->v, &y->v, sign, &f->v);
		f->lo = f->hi = f->v;
	} else if (sign > 0) {
		bad = dec_add_fast(&x->v, &y->v, 1, &f->v) || dec_add_fast(&x->lo, &y->lo, 1, &f->lo) ||
		      dec_add_fast(&x->hi, &y->hi, 1, &f->hi);
	} else {
		bad = dec_add_fast(&x->v, &y->v, -1, &f->v) || dec_add_fast(&x->lo, &y->hi, -1, &f->lo) ||
		      dec_add_fast(&x->hi, &y->lo, -1, &f->hi);
	}
	if (bad)
		return NULL;
	if (sign > 0) {
		f->lo_inf = x->lo_inf || y->lo_inf;
		f->hi_inf = x->hi_inf || y->hi_inf;
	} else {
		f->lo_inf = x->lo_inf || y->hi_inf;
		f->hi_inf = x->hi_inf || y->lo_inf;
	}
	f->approx = x->approx || y->approx;
	f->rounded = x->rounded || y->rounded;
	f->unit = unit_of2(x, y);
	f->permille = 0;
	f->pexp = x->pexp < y->pexp ? x->pexp : y->pexp;
	f->mag = x->mag > y->mag ? x->mag : y->mag;
	f->bound = 0;
	f->noun = NULL;
	f->node = NULL;
	return f;
}

const jxl_fig *fig_add(arena *a, const jxl_fig *x, const jxl_fig *y) { return combine(a, x, y, 1); }

/* The chain below in one register (fig_exact, fig.h) when it can be:
 * 1, its value *v and its marks *m (its ends closed), else 0 (walk the
 * chain; *v and *m are then anything). */
static inline __attribute__((always_inline)) int exact_sum(const jxl_fig *const *figs, const int *signs, size_t n,
								  dec *v, fig_marks *m)
{
	fig_exact x;
	fig_exact_start(&x, figs[0], signs[0]);
	for (size_t i = 0; i < n; i++) {
		if (!fig_exact_add(&x, figs[i], signs[i]))
			return 0;
		fig_marks_add(m, figs[i], signs[i] < 0 ? -1 : 1);
	}
	v->coef = x.s;
	v->exp = x.e;
	return 1;
}

/* The chain fig_add/fig_sub from the first figure, step by step as
 * combine() makes it, in locals: in one register when exact_sum can (most
 * sums: scores, counts, 元), else figure by figure. While the sum and every
 * figure so far are exact (their ends the value itself, the same decimal)
 * only the value is added: the ends' additions would have the same
 * operands, so the same result. */
const jxl_fig *fig_sum(arena *a, const jxl_fig *const *figs, const int *signs, size_t n)
{
	if (!n)
		return NULL;
	if (n == 1 && signs[0] > 0)
		return figs[0];
	dec v = {0, 0}, lo = v, hi = v;   /* from 0 (fig_from_int(0)) when the first is subtracted */
	fig_marks m = fig_marks_start(signs[0]);
	int point = 1;
	if (!exact_sum(figs, signs, n, &v, &m)) {
		size_t i = 0;
		v = lo = hi = (dec){0, 0};
		m = fig_marks_start(signs[0]);
		if (signs[0] > 0) {
			const jxl_fig *x = figs[0];
			v = x->v, lo = x->lo, hi = x->hi;
			point = fig_is_point(x);
			fig_marks_add(&m, x, 1);
			i = 1;
		}
		for (; i < n; i++) {
			const jxl_fig *y = figs[i];
			int sign = signs[i] < 0 ? -1 : 1;
			if (point && fig_is_point(y)) {
				if (dec_add_fast(&v, &y->v, sign, &v))
					return NULL;
			} else {
				dec nv, nlo, nhi;
				if (point)
					lo = hi = v;
				point = 0;
				if (dec_add_fast(&v, &y->v, sign, &nv) ||
				    dec_add_fast(&lo, sign > 0 ? &y->lo : &y->hi, sign, &nlo) ||
				    dec_add_fast(&hi, sign > 0 ? &y->hi : &y->lo, sign, &nhi))
					return NULL;
				v = nv, lo = nlo, hi = nhi;
			}
			fig_marks_add(&m, y, sign);
		}
	}
	if (point)
		lo = hi = v;
	return fig_of_sum(a, v, lo, hi, &m);
}

int fig_sum_cmp(const jxl_fig *const *figs, const int *signs, size_t n, const jxl_fig *y, int *c)
{
	fig_exact x;
	if (!n)
		return -1;
	fig_exact_start(&x, figs[0], signs[0]);
	for (size_t i = 0; i < n; i++)
		if (!fig_exact_add(&x, figs[i], signs[i]))
			return -1;
	*c = fig_exact_cmp(&x, y);
	return 0;
}

const jxl_fig *fig_sub(arena *a, const jxl_fig *x, const jxl_fig *y) { return combine(a, x, y, -1); }

const jxl_fig *fig_sum_general(arena *a, const jxl_fig *const *figs, const int *signs, size_t n)
{
	if (!n)
		return NULL;
	const jxl_fig *s = signs[0] > 0 ? figs[0] : fig_sub(a, fig_from_int(a, 0), figs[0]);
	for (size_t i = 1; i < n && s; i++)
		s = combine(a, s, figs[i], signs[i] < 0 ? -1 : 1);
	return s;
}

const jxl_fig *fig_abs(arena *a, const jxl_fig *x)
{
	if (!x || dec_sign(x->v) >= 0)
		return x;
	jxl_fig *f = fig_new(a);
	*f = *x;
	f->node = NULL;
	f->v = dec_neg(x->v);
	f->lo = dec_neg(x->hi);
	f->hi = dec_neg(x->lo);
	f->lo_inf = x->hi_inf;
	f->hi_inf = x->lo_inf;
	if (dec_sign(f->lo) < 0 && !f->lo_inf) /* the interval spans zero: |x| ≥ 0 */
		f->lo = dec_from_int(0);
	return f;
}

const jxl_fig *fig_as_percent(arena *a, const jxl_fig *x)
{
	if (!x || x->unit != FIG_RATIO)
		return x;
	jxl_fig *f = fig_new(a);
	*f = *x;
	f->v = dec_shift(x->v, 2);
	f->lo = dec_shift(x->lo, 2);
	f->hi = dec_shift(x->hi, 2);
	f->pexp = x->pexp + 2;
	f->unit = FIG_PERCENT;
	return f;
}

const jxl_fig *fig_mul(arena *a, const jxl_fig *x, const jxl_fig *y)
{
	if (!x || !y)
		return NULL;
	/* a percent factor counts as its ratio: 83.39% × 10 = 8.339 */
	dec xv = x->unit == FIG_PERCENT ? dec_shift(x->v, -2) : x->v, xl = x->unit == FIG_PERCENT ? dec_shift(x->lo, -2) : x->lo,
	    xh = x->unit == FIG_PERCENT ? dec_shift(x->hi, -2) : x->hi;
	dec yv = y->unit == FIG_PERCENT ? dec_shift(y->v, -2) : y->v, yl = y->unit == FIG_PERCENT ? dec_shift(y->lo, -2) : y->lo,
	    yh = y->unit == FIG_PERCENT ? dec_shift(y->hi, -2) : y->hi;
	jxl_fig *f = fig_new(a);
	dec c[4];
	if (dec_mul(xv, yv, &f->v) || dec_mul(xl, yl, &c[0]) || dec_mul(xl, yh, &c[1]) || dec_mul(xh, yl, &c[2]) ||
	    dec_mul(xh, yh, &c[3]))
		return NULL;
	f->lo = f->hi = c[0];
	for (int i = 1; i < 4; i++) {
		if (dec_cmp(c[i], f->lo) < 0) f->lo = c[i];
		if (dec_cmp(c[i], f->hi) > 0) f->hi = c[i];
	}
	f->lo_inf = f->hi_inf = x->lo_inf || x->hi_inf || y->lo_inf || y->hi_inf;
	f->rounded = x->rounded || y->rounded;
	f->approx = x->approx || y->approx;
	int xu = x->unit == FIG_PERCENT ? FIG_PLAIN : x->unit, yu = y->unit == FIG_PERCENT ? FIG_PLAIN : y->unit;
	f->unit = xu ? xu : yu;
	f->pexp = (x->unit == FIG_PERCENT ? x->pexp - 2 : x->pexp) + (y->unit == FIG_PERCENT ? y->pexp - 2 : y->pexp);
	f->mag = x->mag > y->mag ? x->mag : y->mag;
	return f;
}

/* q = n ÷ d × 100 at FIG_DIV_PLACES decimals. */
static int pct(dec n, dec d, dec *q)
{
	return dec_div(dec_shift(n, 2), d, FIG_DIV_PLACES, q);
}

/* The lowest and highest of the four corner quotients x.lo|hi ÷ y.lo|hi
 * (y's ends of one sign), as the scan in fig_div picks them, from the two
 * corners the signs name: with lo <= hi on both sides the real quotient's
 * extremes are those corners, rounding keeps the order, and when both
 * come out at FIG_DIV_PLACES decimals below 10^22 every other corner does
 * too (it lies between them), so a corner equal to an end is the same
 * decimal and none of them can fail. 0 when that holds; -1 to compute all
 * four. */
static int div_ends(const jxl_fig *x, const jxl_fig *y, dec *mn, dec *mx)
{
	const __int128 e34 = (__int128)10000000000000000000u * 1000000000000000u;   /* 10^34: 10^22 at 12 decimals */
	const dec *ln, *ld, *hn, *hd;   /* numerator and denominator of the low and the high end */
	if (x->lo.exp > NUM_MAX_EXP || x->hi.exp > NUM_MAX_EXP || dec_cmp_fast(&x->lo, &x->hi) > 0 || dec_cmp_fast(&y->lo, &y->hi) > 0)
		return -1;   /* ×100 saturating, or an interval upside down: not the case the table below is for */
	dec_div_corners(&x->lo, &x->hi, &y->lo, &y->hi, &ln, &ld, &hn, &hd);
	dec lo, hi;
	if (pct(*ln, *ld, &lo) || pct(*hn, *hd, &hi) || lo.exp != -FIG_DIV_PLACES || hi.exp != -FIG_DIV_PLACES ||
	    lo.coef <= -e34 || lo.coef >= e34 || hi.coef <= -e34 || hi.coef >= e34)
		return -1;
	*mn = lo;
	*mx = hi;
	return 0;
}

const jxl_fig *fig_div(arena *a, const jxl_fig *x, const jxl_fig *y)
{
	if (!x || !y || dec_is_zero(y->v))
		return NULL;
	dec v, mn, mx, lo, hi;
	int inf = 0;
	if (pct(x->v, y->v, &v))
		return NULL;
	if (y->lo_inf || y->hi_inf || x->lo_inf || x->hi_inf || dec_sign(y->lo) * dec_sign(y->hi) <= 0) {
		inf = 1;   /* the divisor may be zero: any rate */
		lo = hi = v;
	} else {
		if (fig_is_point(x) && fig_is_point(y)) {   /* every corner is the value's quotient */
			mn = mx = v;
		} else if (div_ends(x, y, &mn, &mx)) {
			dec c[4];
			if (pct(x->lo, y->lo, &c[0]) || pct(x->lo, y->hi, &c[1]) || pct(x->hi, y->lo, &c[2]) ||
			    pct(x->hi, y->hi, &c[3]))
				return NULL;
			mn = mx = c[0];
			for (int i = 1; i < 4; i++) {
				if (dec_cmp_fast(&c[i], &mn) < 0) mn = c[i];
				if (dec_cmp_fast(&c[i], &mx) > 0) mx = c[i];
			}
		}
		dec ulp = {1, -FIG_DIV_PLACES};
		if (dec_add_fast(&mn, &ulp, -1, &lo) || dec_add_fast(&mx, &ulp, 1, &hi))
			return NULL;
	}
	jxl_fig *f = arena_alloc_raw(a, sizeof *f);   /* every member: no memset */
	*f = (jxl_fig){ .v = v, .lo = lo, .hi = hi, .lo_inf = inf, .hi_inf = inf, .approx = x->approx || y->approx,
			.rounded = x->rounded || y->rounded, .permille = 0, .unit = FIG_PERCENT, .pexp = -FIG_DIV_PLACES,
			.mag = 0, .bound = 0, .noun = NULL, .node = NULL };
	return f;
}

int fig_truncates_to(const jxl_fig *stated, const jxl_fig *computed)
{
	if (stated->unit != FIG_PERCENT && stated->unit != FIG_RATIO)
		return 0;
	int places = -stated->pexp;
	dec t;
	if (dec_trunc(computed->v, places, &t))
		return 0;
	return dec_cmp(t, stated->v) == 0;
}

const jxl_fig *fig_diff(arena *a, const jxl_fig *x, const jxl_fig *y)
{
	jxl_fig *f = fig_new(a);
	if (dec_sub(x->v, y->v, &f->v))
		return NULL;
	f->lo = f->hi = f->v;
	f->unit = unit_of2(x, y);
	f->pexp = x->pexp < y->pexp ? x->pexp : y->pexp;
	f->mag = x->mag > y->mag ? x->mag : y->mag;
	return f;
}

static const char *mag_suffix(int mag)
{
	switch (mag) {
	case 3: return "千元";
	case 4: return "万元";
	case 8: return "亿元";
	default: return "元";
	}
}

const char *fig_unit_suffix(const jxl_doc *d, const jxl_fig *f)
{
	if (f->unit == FIG_PERCENT)
		return "%";
	if (f->unit == FIG_MONEY && d->money_mag)
		return mag_suffix(d->money_mag);
	return "";
}

/* x, y and z one after another in the arena: what arena_printf(a, "%s%s%s", x, y, z)
 * makes, without a printf (most findings show several figures). */
static const char *concat3(arena *a, const char *x, const char *y, const char *z)
{
	size_t lx = strlen(x), ly = strlen(y), lz = strlen(z);
	char *p = arena_alloc_raw(a, lx + ly + lz + 1);
	memcpy(p, x, lx);
	memcpy(p + lx, y, ly);
	memcpy(p + lx + ly, z, lz);
	p[lx + ly + lz] = '\0';
	return p;
}

const char *fig_text(arena *a, const jxl_doc *d, const jxl_fig *f, int places)
{
	if (!f)
		return "?";
	if (f->node && f->node->str) {
		if (f->node->kind == JXL_NUMBER && f->unit == FIG_MONEY && d->money_mag)
			return concat3(a, f->node->str, mag_suffix(d->money_mag), "");
		return f->node->str;
	}
	char buf[96];
	dec v = f->v;
	const char *suffix = "";
	int p = places;
	if (f->unit == FIG_MONEY) {
		int mag = d->money_mag;
		v = dec_shift(v, -mag);
		suffix = mag ? mag_suffix(mag) : "";
		if (p < 0)
			p = mag - f->pexp;
	} else if (f->unit == FIG_PERCENT) {
		suffix = "%";
		if (p < 0)
			p = -f->pexp > 4 ? 4 : -f->pexp;
	} else if (p < 0) {
		p = -f->pexp;
	}
	if (p < 0)
		p = 0;
	if (p > 12)
		p = 12;
	dec r;
	if (dec_round(v, p, &r))
		r = v;
	while (r.exp > -p && r.coef < ((__int128)1 << 120) / 10 && r.coef > -(((__int128)1 << 120) / 10)) {
		r.coef *= 10;   /* show exactly p decimals: 10 → 10.00 */
		r.exp--;
	}
	if (f->unit == FIG_MONEY)
		dec_format_grouped(r, buf, sizeof buf);   /* money as finance writes it: 5,908,760.00 */
	else
		dec_format(r, buf, sizeof buf);
	return concat3(a, buf, suffix, f->approx ? "+" : "");
}

#define FIG_INT_MAX 9000000000000000000LL   /* |value| an integer view may have (jxl_host.to_int) */

int fig_to_int_general(const jxl_fig *f, long long *out)
{
	dec n = dec_normal(f->v);
	if (n.exp < 0)
		return -1;
	__int128 v = n.coef;
	for (int i = 0; i < n.exp; i++) {
		if (v > FIG_INT_MAX / 10 || v < -FIG_INT_MAX / 10)
			return -1;
		v *= 10;
	}
	if (v > FIG_INT_MAX || v < -FIG_INT_MAX)
		return -1;
	*out = (long long)v;
	return 0;
}

int fig_to_int(const jxl_fig *f, long long *out)
{
	int64_t c = (int64_t)f->v.coef, v;
	int e = f->v.exp;
	/* a 64-bit coefficient at most DEC_FAST_SHIFT digits from the point:
	 * an integer when the digits after the point are zeros, its value then
	 * one multiplication or division away (the general path strips the
	 * zeros one by one, then multiplies digit by digit) */
	if ((int64_t)(f->v.coef >> 64) != c >> 63 || e < -DEC_FAST_SHIFT || e > DEC_FAST_SHIFT)
		return fig_to_int_general(f, out);
	if (e >= 0) {
		if (__builtin_mul_overflow(c, (int64_t)dec_p10[e], &v))
			return -1;   /* beyond 2^63, so beyond FIG_INT_MAX */
	} else {
		if (c % (int64_t)dec_p10[-e])
			return -1;
		v = c / (int64_t)dec_p10[-e];
	}
	if (v > FIG_INT_MAX || v < -FIG_INT_MAX)
		return -1;
	*out = v;
	return 0;
}
