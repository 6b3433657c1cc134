/* fig.c — figures with units and precision intervals: the exact arithmetic rules compare with. */
#include "fig.h"

#include <limits.h>
#include <stdio.h>
#include <string.h>

#define FIG_DIV_PLACES 12   /* decimals of a computed percent before it is compared */

/* A zeroed figure: the stores inline (a figure is 144 bytes), not a call to memset. */
static jxl_fig *fig_new(arena *a)
{
	jxl_fig *f = arena_alloc_raw(a, sizeof *f);
	*f = (jxl_fig){0};
	return f;
}

#define FIG_QUOTE_MAX 60   /* bytes of a figure's text quoted in a message */

/* The figure's text for a message: at most FIG_QUOTE_MAX bytes, cut at a character boundary. */
static const char *quote(const jxl_node *n, char *buf, size_t cap)
{
	size_t len = n->slen;
	if (len > FIG_QUOTE_MAX) {
		len = FIG_QUOTE_MAX;
		while (len > 0 && ((unsigned char)n->str[len] & 0xC0) == 0x80)
			len--;
	}
	snprintf(buf, cap, "%.*s%s", (int)len, n->str, len < n->slen ? "…" : "");
	return buf;
}

/* en and zh say the same in English and in Chinese; only the kind when
 * the caller wants no message (err->msg NULL is never the case: see quiet). */
static int set_err(fig_err *err, int kind, const char *en, const char *zh)
{
	err->kind = kind;
	if (!err->quiet) {
		snprintf(err->msg, sizeof err->msg, "%s", en);
		snprintf(err->msg_zh, sizeof err->msg_zh, "%s", zh);
	}
	return 0;
}

/* ½·10^e as a decimal. */
static dec half_ulp(int e)
{
	dec h = {5, e - 1};
	return h;
}

static const char *unit_name(const num_fig *nf)
{
	switch (nf->unit) {
	case NUM_UNIT_YUAN: return "money (元)";
	case NUM_UNIT_PERCENT: return "a percent";
	case NUM_UNIT_PERMILLE: return "a per-mille";
	case NUM_UNIT_NOUN: return nf->noun;
	default: return "a bare number";
	}
}

/* The same in Chinese, as what follows the quoted figure: “50元”是金额（元）, “12斤”的单位是“斤”. */
static const char *unit_name_zh(const num_fig *nf, char *buf, size_t cap)
{
	switch (nf->unit) {
	case NUM_UNIT_YUAN: return "是金额（元）";
	case NUM_UNIT_PERCENT: return "是百分数";
	case NUM_UNIT_PERMILLE: return "是千分数";
	case NUM_UNIT_NOUN: snprintf(buf, cap, "的单位是“%s”", nf->noun); return buf;
	default: return "是不带单位的数";
	}
}

/* x + y (sign 1) or x − y (-1) as dec_add and dec_sub return it, without
 * the call for the operands of dec.c's fast path (dec_add_small). */
static inline __attribute__((always_inline)) int add(const dec *x, const dec *y, int sign, dec *out)
{
	if (dec_add_small(*x, *y, sign < 0, out))
		return 0;
	return sign > 0 ? dec_add(*x, *y, out) : dec_sub(*x, *y, out);
}

/* A figure whose unit is not what `as` expects (want, wantzh: "money", "金额"): err says so. */
static const jxl_fig *unit_err(fig_err *err, const jxl_node *n, const num_fig *nf, const char *want, const char *wantzh)
{
	char q[FIG_QUOTE_MAX + 8], m[400], mz[sizeof err->msg_zh], uz[sizeof nf->noun + 32];
	if (!err->quiet) {
		snprintf(m, sizeof m, "\"%s\" is %s where %s was expected", quote(n, q, sizeof q), unit_name(nf), want);
		snprintf(mz, sizeof mz, "“%s”%s，此处应为%s", q, unit_name_zh(nf, uz, sizeof uz), wantzh);
	}
	set_err(err, 'u', m, mz);
	return NULL;
}

const jxl_fig *fig_read(arena *a, const jxl_doc *d, const jxl_node *n, int as, fig_err *err)
{
	err->kind = 0;
	err->msg[0] = '\0';
	err->msg_zh[0] = '\0';
	if (!n || n->kind == JXL_NULL)
		return NULL;
	if (n->kind != JXL_NUMBER && n->kind != JXL_STRING) {
		int k = n->kind == JXL_BOOL ? 0 : n->kind == JXL_OBJECT ? 1 : 2;
		static const char *const en[] = {"true/false where a figure was expected",
			"an object where a figure was expected", "an array where a figure was expected"};
		static const char *const zh[] = {"此处应为数字，却是 true/false", "此处应为数字，却是 JSON 对象",
			"此处应为数字，却是 JSON 数组"};
		set_err(err, 't', en[k], zh[k]);
		return NULL;
	}
	num_fig nf;
	num_err ne;
	char q[FIG_QUOTE_MAX + 8];
	/* a JSON number (most figures) is nearly always plain: read without num_parse's other shapes */
	int rc = n->kind == JXL_NUMBER && num_fast_plain(n->str, n->slen, &nf) ? NUM_OK
		 : num_parse(n->str, n->slen, &nf, err->quiet ? NULL : &ne);
	if (rc == NUM_EMPTY)
		return NULL;
	if (rc != NUM_OK) {
		char m[400] = "", mz[sizeof err->msg_zh] = "";
		if (!err->quiet) {
			snprintf(m, sizeof m, "cannot read \"%s\" as a figure: %s", quote(n, q, sizeof q), ne.msg);
			snprintf(mz, sizeof mz, "无法把“%s”读成数字：%s", q, ne.msg_zh);
		}
		set_err(err, 'p', m, mz);
		return NULL;
	}
	static const char bounds[NUM_QUAL_APPROX + 1] = {   /* the target direction a qualifier states */
		[NUM_QUAL_GE] = 'G', [NUM_QUAL_GT] = '>', [NUM_QUAL_LE] = 'L', [NUM_QUAL_LT] = '<'};
	/* What the figure is, worked out in locals and stored once at the end
	 * (a figure is 144 bytes); nothing is allocated for a unit refused. */
	dec v = nf.value;
	int unit, permille = 0, mag = nf.mag, pexp = nf.mag - nf.decimals;
	int rounded = nf.mag > 0 || nf.qual == NUM_QUAL_APPROX;
	switch (as) {
	case JXL_AS_MONEY:
		if (nf.unit == NUM_UNIT_NONE) {
			mag = d->money_mag;
			v = dec_shift(nf.value, d->money_mag);
			pexp = d->money_mag - nf.decimals;
			rounded = d->money_mag > 0 || nf.qual == NUM_QUAL_APPROX;
		} else if (nf.unit != NUM_UNIT_YUAN && !(nf.unit == NUM_UNIT_NOUN && !strcmp(nf.noun, "元"))) {
			return unit_err(err, n, &nf, "money", "金额");
		}
		unit = FIG_MONEY;
		break;
	case JXL_AS_RATE:
		if (nf.unit == NUM_UNIT_PERCENT || nf.unit == NUM_UNIT_PERMILLE) {
			unit = FIG_PERCENT;
			permille = nf.unit == NUM_UNIT_PERMILLE;
		} else if (nf.unit == NUM_UNIT_NONE) {
			unit = FIG_RATIO;
		} else {
			return unit_err(err, n, &nf, "a rate", "比率");
		}
		rounded = 1;
		break;
	case JXL_AS_COUNT:
	case JXL_AS_SCORE:
		if (nf.unit == NUM_UNIT_YUAN || nf.unit == NUM_UNIT_PERCENT || nf.unit == NUM_UNIT_PERMILLE)
			return unit_err(err, n, &nf, as == JXL_AS_COUNT ? "a count" : "a score", as == JXL_AS_COUNT ? "数量" : "分值");
		unit = as == JXL_AS_COUNT ? FIG_COUNT : FIG_PLAIN;
		break;
	default:
		if (nf.unit == NUM_UNIT_PERCENT || nf.unit == NUM_UNIT_PERMILLE) {
			unit = FIG_PERCENT;
			permille = nf.unit == NUM_UNIT_PERMILLE;
			rounded = 1;
		} else if (nf.unit == NUM_UNIT_YUAN) {
			unit = FIG_MONEY;
		} else {
			unit = nf.unit == NUM_UNIT_NOUN ? FIG_COUNT : FIG_PLAIN;
		}
		break;
	}
	if (permille) {   /* kept as the percent it is: 5‰ = 0.5% */
		v = dec_shift(v, -1);
		pexp -= 1;
	}
	if (nf.negative && dec_sign(v) > 0)
		v = dec_neg(v);
	jxl_fig *f = arena_alloc_raw(a, sizeof *f);   /* every member stored below, each once: no memset, no copy */
	unsigned inf = 0, approx = nf.approx && nf.qual != NUM_QUAL_APPROX;
	f->v = f->lo = f->hi = v;
	if (rounded) {   /* the interval ±½·10^pexp it stands for; unbounded when that does not fit */
		dec half = half_ulp(pexp);
		inf = add(&v, &half, -1, &f->lo) || add(&v, &half, 1, &f->hi);
	}
	f->lo_inf = inf;
	f->hi_inf = inf || approx;
	if (approx)   /* 2万余, 超过109.1万: at least the value */
		f->lo = v;
	f->approx = approx;
	f->rounded = (unsigned)rounded;
	f->permille = (unsigned)permille;
	f->unit = unit;
	f->pexp = pexp;
	f->mag = mag;
	f->bound = bounds[nf.qual];
	f->noun = nf.unit == NUM_UNIT_NOUN ? arena_strdup(a, nf.noun) : NULL;
	f->node = n;
	return f;
}

#define FIG_TAIL_WINDOW 64     /* bytes of a text searched for its final figure */
#define FIG_TAIL_NOUN   6      /* a tail figure's noun: at most two Chinese characters (人次) */

const jxl_fig *fig_read_tail(arena *a, const jxl_doc *d, const jxl_node *n, int as)
{
	if (!n || n->kind != JXL_STRING || !n->slen)
		return NULL;
	size_t lo = n->slen > FIG_TAIL_WINDOW ? n->slen - FIG_TAIL_WINDOW : 0;
	size_t best = n->slen;
	/* the longest suffix that is one figure (starting at a character boundary) */
	for (size_t st = n->slen; st-- > lo;) {
		if (((unsigned char)n->str[st] & 0xC0) == 0x80)
			continue;
		num_fig nf;
		if (num_may_start(n->str + st, n->slen - st) && num_parse(n->str + st, n->slen - st, &nf, NULL) == NUM_OK &&
		    (nf.unit != NUM_UNIT_NOUN || strlen(nf.noun) <= FIG_TAIL_NOUN))
			best = st;
	}
	if (best == n->slen || best == 0)
		return NULL;   /* no figure at the end, or the whole text is one (fig_read's job) */
	jxl_node *tail = arena_alloc(a, sizeof *tail);
	*tail = *n;
	tail->str = n->str + best;
	tail->slen = n->slen - best;
	tail->figs = NULL;
	fig_err err;
	err.quiet = 1;
	jxl_fig *f = (jxl_fig *)fig_read(a, d, tail, as, &err);
	if (f)
		f->node = n;   /* shown and located as the whole text */
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

/* An exact figure's interval is its value, in the same digits. */
static int is_point(const jxl_fig *f)
{
	return dec_same(f->lo, f->v) && dec_same(f->hi, f->v);
}

static const jxl_fig *combine(arena *a, const jxl_fig *x, const jxl_fig *y, int sign)
{
	if (!x || !y)
		return NULL;
	jxl_fig *f = fig_new(a);
	int bad;
	if (is_point(x) && is_point(y)) {   /* the ends' additions have the value's operands: the same result */
		bad = add(&x->v, &y->v, sign, &f->v);
		f->lo = f->hi = f->v;
	} else if (sign > 0) {
		bad = add(&x->v, &y->v, 1, &f->v) || add(&x->lo, &y->lo, 1, &f->lo) || add(&x->hi, &y->hi, 1, &f->hi);
	} else {
		bad = add(&x->v, &y->v, -1, &f->v) || add(&x->lo, &y->hi, -1, &f->lo) || add(&x->hi, &y->lo, -1, &f->hi);
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
	f->pexp = x->pexp < y->pexp ? x->pexp : y->pexp;
	f->mag = x->mag > y->mag ? x->mag : y->mag;
	return f;
}

const jxl_fig *fig_add(arena *a, const jxl_fig *x, const jxl_fig *y) { return combine(a, x, y, 1); }

/* What a sum carries besides its value and ends: what combine() ORs, keeps or picks from each figure. */
struct marks {
	unsigned lo_inf, hi_inf, approx, rounded;
	int unit, pexp, mag;
};

/* The marks before the first figure: the first itself when it is added
 * (its pexp and mag as they are), else fig_from_int(0)'s. */
static struct marks marks_start(int first_sign)
{
	struct marks m = {0, 0, 0, 0, 0, first_sign > 0 ? INT_MAX : 0, first_sign > 0 ? INT_MIN : 0};
	return m;
}

/* The marks after adding (sign 1) or subtracting (-1) y, as combine() makes them. */
static inline void marks_add(struct marks *m, const jxl_fig *y, int sign)
{
	m->lo_inf |= sign > 0 ? y->lo_inf : y->hi_inf;
	m->hi_inf |= sign > 0 ? y->hi_inf : y->lo_inf;
	m->approx |= y->approx;
	m->rounded |= y->rounded;
	if (!m->unit)
		m->unit = y->unit;
	if (y->pexp < m->pexp)
		m->pexp = y->pexp;
	if (y->mag > m->mag)
		m->mag = y->mag;
}

/* The chain below in one pass over the figures and one register, when
 * every figure is exact (a point) with a 64-bit coefficient and the sum
 * at the smallest exponent E (0 among the exponents when the first is
 * subtracted: the chain starts from 0) keeps to 64 bits, every exponent
 * in add()'s range and at most 18 above E. Then each step of the chain is
 * add()'s inline case on operands of 64 bits (a partial sum at a larger
 * exponent is smaller), exact at the smaller exponent: the chain ends at
 * the exact sum at E. 0 (walk the chain; *v and *m are then anything)
 * when any of that is not so. */
static int exact_sum(const jxl_fig *const *figs, const int *signs, size_t n, dec *v, struct marks *m)
{
	int lo = signs[0] < 0 ? 0 : figs[0]->v.exp, hi = lo;
	int64_t s = 0, t;
	size_t i;
	for (i = 0; i < n; i++) {
		const jxl_fig *y = figs[i];
		if (!is_point(y) || (int64_t)(y->v.coef >> 64) != (int64_t)y->v.coef >> 63)
			return 0;
		lo = y->v.exp < lo ? y->v.exp : lo;
		hi = y->v.exp > hi ? y->v.exp : hi;
		marks_add(m, y, signs[i] < 0 ? -1 : 1);
	}
	if (lo < -NUM_MAX_EXP || hi > NUM_MAX_EXP || hi - lo > DEC_FAST_SHIFT)
		return 0;
	for (i = 0; i < n; i++) {
		const dec *y = &figs[i]->v;
		if (__builtin_mul_overflow((int64_t)y->coef, (int64_t)dec_p10[y->exp - lo], &t) ||
		    (signs[i] < 0 ? __builtin_sub_overflow(s, t, &s) : __builtin_add_overflow(s, t, &s)))
			return 0;
	}
	v->coef = s;
	v->exp = lo;
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
	struct marks m = marks_start(signs[0]);
	int point = 1;
	if (!exact_sum(figs, signs, n, &v, &m)) {
		size_t i = 0;
		v = lo = hi = (dec){0, 0};
		m = marks_start(signs[0]);
		if (signs[0] > 0) {
			const jxl_fig *x = figs[0];
			v = x->v, lo = x->lo, hi = x->hi;
			point = is_point(x);
			marks_add(&m, x, 1);
			i = 1;
		}
		for (; i < n; i++) {
			const jxl_fig *y = figs[i];
			int sign = signs[i] < 0 ? -1 : 1;
			if (point && is_point(y)) {
				if (add(&v, &y->v, sign, &v))
					return NULL;
			} else {
				dec nv, nlo, nhi;
				if (point)
					lo = hi = v;
				point = 0;
				if (add(&v, &y->v, sign, &nv) || add(&lo, sign > 0 ? &y->lo : &y->hi, sign, &nlo) ||
				    add(&hi, sign > 0 ? &y->hi : &y->lo, sign, &nhi))
					return NULL;
				v = nv, lo = nlo, hi = nhi;
			}
			marks_add(&m, y, sign);
		}
	}
	if (point)
		lo = hi = v;
	jxl_fig *f = arena_alloc_raw(a, sizeof *f);   /* what the chain leaves: none of the first figure's own marks */
	*f = (jxl_fig){ .v = v, .lo = lo, .hi = hi, .lo_inf = m.lo_inf, .hi_inf = m.hi_inf, .approx = m.approx,
			.rounded = m.rounded, .permille = 0, .unit = m.unit, .pexp = m.pexp, .mag = m.mag, .bound = 0,
			.noun = NULL, .node = NULL };
	return f;
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

/* dec_cmp, without the call when the exponents are equal (the usual case)
 * or either is zero (a score against 0: the other's sign decides). */
static int cmp(const dec *x, const dec *y)
{
	if (x->exp == y->exp || !x->coef || !y->coef)
		return (x->coef > y->coef) - (x->coef < y->coef);
	return dec_cmp(*x, *y);
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
	if (x->lo.exp > NUM_MAX_EXP || x->hi.exp > NUM_MAX_EXP || cmp(&x->lo, &x->hi) > 0 || cmp(&y->lo, &y->hi) > 0)
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
		if (is_point(x) && is_point(y)) {   /* every corner is the value's quotient */
			mn = mx = v;
		} else if (div_ends(x, y, &mn, &mx)) {
			dec c[4];
			if (pct(x->lo, y->lo, &c[0]) || pct(x->lo, y->hi, &c[1]) || pct(x->hi, y->lo, &c[2]) ||
			    pct(x->hi, y->hi, &c[3]))
				return NULL;
			mn = mx = c[0];
			for (int i = 1; i < 4; i++) {
				if (cmp(&c[i], &mn) < 0) mn = c[i];
				if (cmp(&c[i], &mx) > 0) mx = c[i];
			}
		}
		dec ulp = {1, -FIG_DIV_PLACES};
		if (dec_sub(mn, ulp, &lo) || dec_add(mx, ulp, &hi))
			return NULL;
	}
	jxl_fig *f = arena_alloc_raw(a, sizeof *f);   /* every member: no memset */
	*f = (jxl_fig){ .v = v, .lo = lo, .hi = hi, .lo_inf = inf, .hi_inf = inf, .approx = x->approx || y->approx,
			.rounded = x->rounded || y->rounded, .permille = 0, .unit = FIG_PERCENT, .pexp = -FIG_DIV_PLACES,
			.mag = 0, .bound = 0, .noun = NULL, .node = NULL };
	return f;
}

int fig_cmp(const jxl_fig *x, const jxl_fig *y)
{
	if (!x->hi_inf && !y->lo_inf && cmp(&x->hi, &y->lo) < 0)
		return -1;
	if (!x->lo_inf && !y->hi_inf && cmp(&x->lo, &y->hi) > 0)
		return 1;
	return 0;
}

int fig_cmp_value(const jxl_fig *x, const jxl_fig *y)
{
	return cmp(&x->v, &y->v);
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

const char *fig_text(arena *a, const jxl_doc *d, const jxl_fig *f, int places)
{
	if (!f)
		return "?";
	if (f->node && f->node->str) {
		if (f->node->kind == JXL_NUMBER && f->unit == FIG_MONEY && d->money_mag)
			return arena_printf(a, "%s%s", f->node->str, mag_suffix(d->money_mag));
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
	return arena_printf(a, "%s%s%s", buf, suffix, f->approx ? "+" : "");
}
