/* fig.h — figures with units and precision intervals: the exact arithmetic rules compare with. */
#ifndef JXL_FIG_H
#define JXL_FIG_H

#include <jxlint/rule.h>
#include <limits.h>
#include <string.h>

#include "arena.h"
#include "doc.h"
#include "num.h"

enum fig_unit { FIG_PLAIN = 0, FIG_MONEY, FIG_PERCENT, FIG_RATIO, FIG_COUNT };

struct jxl_fig {
	dec v;                 /* nominal value: 元 for money, percent points for percents, else as written */
	dec lo, hi;            /* the interval it stands for */
	/* the marks, 0 or 1 each: bytes rather than bits, so that each is
	 * stored and read without the others (the figure is no larger) */
	unsigned char lo_inf, hi_inf;
	unsigned char approx;   /* 余/多/超过/以上: a lower bound */
	unsigned char rounded;  /* stated with limited precision (万元, %, 约) */
	unsigned char permille;
	int unit;              /* enum fig_unit */
	int pexp;              /* exponent of the last stated digit, in base units */
	int mag;               /* magnitude the figure was written in (4 for 万元), for display */
	int bound;             /* target direction: 0, 'G' (≥), '>', 'L' (≤), '<' */
	const char *noun;      /* counter noun, or NULL */
	const jxl_node *node;  /* the stated figure, or NULL when computed */
};

typedef struct fig_err {
	int quiet;             /* set by the caller: 1 for the kind only, no messages (they are left empty) */
	int kind;              /* 'u' unit mismatch, 'p' unparseable, 't' not a number or string */
	char msg[400];         /* English: "cannot read \"1.2.3\" as a figure: two decimal points" */
	char msg_zh[1200];     /* the same in Chinese (UTF-8): "无法把“1.2.3”读成数字：有两个小数点" */
} fig_err;

/* fig_read.c: nodes read as figures.
 * Read node n as `as` (enum jxl_as). Returns NULL with err->kind 0 when the
 * node is absent or empty, or NULL with err filled when it cannot be read
 * (only err->kind when the caller set err->quiet). */
const jxl_fig *fig_read(arena *a, const jxl_doc *d, const jxl_node *n, int as, fig_err *err);
/* fig_read without its path for JSON numbers written plainly (num_fast_plain),
 * reading every text with num_parse_general: the same figure in every member,
 * and the same error, always; for the tests that check exactly that (tests/num). */
const jxl_fig *fig_read_general(arena *a, const jxl_doc *d, const jxl_node *n, int as, fig_err *err);
/* The figure a text ends with (see jxl_host.peek_tail); NULL if none. */
const jxl_fig *fig_read_tail(arena *a, const jxl_doc *d, const jxl_node *n, int as);
const jxl_fig *fig_from_int(arena *a, long long v);
const jxl_fig *fig_add(arena *a, const jxl_fig *x, const jxl_fig *y);
const jxl_fig *fig_sub(arena *a, const jxl_fig *x, const jxl_fig *y);
/* Σ signs[i]·figs[i] (signs ±1), exactly as the chain fig_add/fig_sub from
 * the first figure (from 0 when its sign is −1) computes it, without the
 * figures in between: the first figure itself when it is the only one and
 * added; NULL on overflow or when n is 0. */
const jxl_fig *fig_sum(arena *a, const jxl_fig *const *figs, const int *signs, size_t n);
/* fig_cmp(fig_sum(figs, signs, n), y) into *c, without making the sum,
 * for the sums fig_sum adds in one register (fig_exact below: every figure
 * exact with closed ends, 64-bit, and so every step): 0 then, -1 (and *c
 * unset) for any other sum. */
int fig_sum_cmp(const jxl_fig *const *figs, const int *signs, size_t n, const jxl_fig *y, int *c);
/* That chain itself, figure by figure: the same value, ends and marks as
 * fig_sum, always; for the tests that check exactly that (tests/num, fuzz_num). */
const jxl_fig *fig_sum_general(arena *a, const jxl_fig *const *figs, const int *signs, size_t n);
/* Are x and y the same figure, member by member (value, ends and their
 * openness, marks, unit, exponents, bound, noun, node)? For the tests that
 * hold a fast path to its general one (tests/num, fuzz_num). */
static inline int fig_same(const jxl_fig *x, const jxl_fig *y)
{
	if (!x || !y)
		return x == y;
	return dec_same(x->v, y->v) && dec_same(x->lo, y->lo) && dec_same(x->hi, y->hi) && x->lo_inf == y->lo_inf &&
	       x->hi_inf == y->hi_inf && x->approx == y->approx && x->rounded == y->rounded && x->permille == y->permille &&
	       x->unit == y->unit && x->pexp == y->pexp && x->mag == y->mag && x->bound == y->bound && x->node == y->node &&
	       (x->noun && y->noun ? !strcmp(x->noun, y->noun) : x->noun == y->noun);
}
const jxl_fig *fig_mul(arena *a, const jxl_fig *x, const jxl_fig *y);
/* x ÷ y × 100, as a percent. NULL when y is zero or on overflow. */
const jxl_fig *fig_div(arena *a, const jxl_fig *x, const jxl_fig *y);
/* The same figure as a percent (ratios ×100). */
const jxl_fig *fig_as_percent(arena *a, const jxl_fig *x);
const jxl_fig *fig_abs(arena *a, const jxl_fig *x);
/* fig_cmp of an interval [lo, hi] (an end open when its flag says so) with y. */
static inline int fig_cmp_ends(const dec *lo, const dec *hi, int lo_inf, int hi_inf, const jxl_fig *y)
{
	if (!hi_inf && !y->lo_inf && dec_cmp_fast(hi, &y->lo) < 0)
		return -1;
	if (!lo_inf && !y->hi_inf && dec_cmp_fast(lo, &y->hi) > 0)
		return 1;
	return 0;
}

/* -1 x surely below y, 0 the intervals overlap, 1 surely above. Inline,
 * as the comparison of the stated values: most calls need no other. */
static inline int fig_cmp(const jxl_fig *x, const jxl_fig *y)
{
	return fig_cmp_ends(&x->lo, &x->hi, x->lo_inf, x->hi_inf, y);
}

/* An exact figure's interval is its value, in the same digits. */
static inline int fig_is_point(const jxl_fig *f)
{
	return dec_same(f->lo, f->v) && dec_same(f->hi, f->v);
}

/* What a sum carries besides its value and ends: what combine() ORs, keeps
 * or picks from each figure of a chain of additions and subtractions. */
typedef struct fig_marks {
	unsigned lo_inf, hi_inf, approx, rounded;
	int unit, pexp, mag;
} fig_marks;

/* The marks before the first figure: the first itself when it is added
 * (its pexp and mag as they are), else fig_from_int(0)'s. */
static inline fig_marks fig_marks_start(int first_sign)
{
	fig_marks m = {0, 0, 0, 0, 0, first_sign > 0 ? INT_MAX : 0, first_sign > 0 ? INT_MIN : 0};
	return m;
}

/* The marks after adding (sign 1) or subtracting (-1) y, as combine() makes them. */
static inline void fig_marks_add(fig_marks *m, const jxl_fig *y, int sign)
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

/* The figure a chain of additions leaves: value v, ends lo and hi, marks m. */
static inline jxl_fig *fig_of_sum(arena *a, dec v, dec lo, dec hi, const fig_marks *m)
{
	jxl_fig *f = arena_alloc_raw(a, sizeof *f);   /* what the chain leaves: none of the first figure's own marks */
	*f = (jxl_fig){ .v = v, .lo = lo, .hi = hi, .lo_inf = m->lo_inf, .hi_inf = m->hi_inf, .approx = m->approx,
			.rounded = m->rounded, .permille = 0, .unit = m->unit, .pexp = m->pexp, .mag = m->mag, .bound = 0,
			.noun = NULL, .node = NULL };
	return f;
}

/* The chain fig_add/fig_sub from the first figure (from 0 when its sign
 * is −1), as fig_sum makes it, in one 64-bit register, while every figure
 * is exact (a point, both ends closed) with a 64-bit coefficient and an
 * exponent in dec_add_fast()'s range, and every step of the chain is
 * dec_add_fast()'s inline case: the partial sum so far (at the smallest
 * exponent so far, 0 among them when the first figure is subtracted) and
 * the figure added are at most 18 exponents apart, and the one at the
 * larger exponent, scaled to the smaller, and their sum keep to 64 bits.
 * Such a step is exact at the smaller exponent, and so is the chain: the
 * partial sum is kept here as that step leaves it, and its ends are the
 * value, closed. fig_sum_cmp is this, figure by figure (tests/fig_sum_cmp_test.c
 * and fuzz_num hold it to the chain itself); host_check_sum adds each
 * part as it reads it. */
typedef struct fig_exact {
	int64_t s;   /* the partial sum, at exponent e */
	int e;
} fig_exact;

/* Before the first figure, which is added (first_sign 1) or subtracted (-1). */
static inline void fig_exact_start(fig_exact *x, const jxl_fig *first, int first_sign)
{
	x->s = 0;
	x->e = first_sign < 0 ? 0 : first->v.exp;
}

/* Then each figure y in turn, added (sign 1) or subtracted (-1): 0 (and
 * *x then anything: make the sum with fig_sum) when y or the step is not
 * of the kind above. */
static inline __attribute__((always_inline)) int fig_exact_add(fig_exact *x, const jxl_fig *y, int sign)
{
	int ye = y->v.exp;
	int64_t t;
	if (y->lo_inf || y->hi_inf || !fig_is_point(y) || (int64_t)(y->v.coef >> 64) != (int64_t)y->v.coef >> 63 ||
	    ye < -NUM_MAX_EXP || ye > NUM_MAX_EXP)
		return 0;
	if (ye < x->e) {   /* the partial sum scaled to y's exponent */
		if (x->e - ye > DEC_FAST_SHIFT || __builtin_mul_overflow(x->s, (int64_t)dec_p10[x->e - ye], &x->s))
			return 0;
		x->e = ye;
	}
	return ye - x->e <= DEC_FAST_SHIFT && !__builtin_mul_overflow((int64_t)y->v.coef, (int64_t)dec_p10[ye - x->e], &t) &&
	       !(sign < 0 ? __builtin_sub_overflow(x->s, t, &x->s) : __builtin_add_overflow(x->s, t, &x->s));
}

/* fig_cmp(fig_sum(…), y) of the figures added: the sum is the point its
 * value is, both ends closed. */
static inline int fig_exact_cmp(const fig_exact *x, const jxl_fig *y)
{
	dec v = {x->s, x->e};
	return fig_cmp_ends(&v, &v, 0, 0, y);
}

static inline int fig_cmp_value(const jxl_fig *x, const jxl_fig *y)
{
	return dec_cmp_fast(&x->v, &y->v);
}
/* The figure's value as an integer (jxl_host.to_int): 0 and *out when it
 * is one of at most 9·10^18 in size, else -1. */
int fig_to_int(const jxl_fig *f, long long *out);
/* The same by normalising the decimal and multiplying digit by digit:
 * the same answer, always; for the test that checks exactly that
 * (tests/fig_to_int_test.c). */
int fig_to_int_general(const jxl_fig *f, long long *out);
/* Would truncating (截位) the exact value of y to x's decimals give x? */
int fig_truncates_to(const jxl_fig *stated, const jxl_fig *computed);
/* Text for people: the stated literal, or a computed value in the
 * document's money unit with `places` decimals (-1: from precision). */
const char *fig_text(arena *a, const jxl_doc *d, const jxl_fig *f, int places);
/* The unit a computed figure is shown in: "万元" in a 万元 submission, "%"; "" for 元 and plain numbers. */
const char *fig_unit_suffix(const jxl_doc *d, const jxl_fig *f);
/* Nominal difference x − y as a figure. */
const jxl_fig *fig_diff(arena *a, const jxl_fig *x, const jxl_fig *y);

#endif
