/* fuzz_num.c — libFuzzer target: figures as people write them (num_parse and fig_read, their fast paths against the general ones) and exact decimal arithmetic (dec_*, fig_sum, fig_to_int, their fast paths against the general ones). */
#include <limits.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "decode.h"
#include "fig.h"
#include "fuzz.h"
#include "num.h"

/* Did two parses give the same code, figure (every field) and error? */
static int same(int rc, const num_fig *f, const num_err *e, int rc2, const num_fig *g, const num_err *e2)
{
	if (rc != rc2 || f->value.coef != g->value.coef || f->value.exp != g->value.exp ||
	    f->decimals != g->decimals || f->mag != g->mag || f->unit != g->unit || f->qual != g->qual ||
	    f->approx != g->approx || f->negative != g->negative || memcmp(f->noun, g->noun, sizeof f->noun))
		return 0;
	return !e || (e->offset == e2->offset && !strcmp(e->msg, e2->msg) && !strcmp(e->msg_zh, e2->msg_zh));
}

/* num_parse (fast path first) must give exactly what num_parse_general gives, with and without
 * an error struct, num_fast_plain what num_parse gives wherever it reads a text (and
 * num_plain_prefix what num_fast_plain gives for the start it reads);
 * num_is_empty and num_may_start must agree with it as num.h says. */
static void differential(const char *buf, size_t n, int rc, const num_fig *f, const num_err *e)
{
	num_fig g, h;
	num_err e2;
	memset(&e2, 0x5a, sizeof e2);
	if (!same(rc, f, e, num_parse_general(buf, n, &g, &e2), &g, &e2))
		FUZZ_FAIL("num_parse (fast path) and num_parse_general disagree");
	if (!same(rc, f, NULL, num_parse(buf, n, &h, NULL), &h, NULL) ||
	    !same(rc, f, NULL, num_parse_general(buf, n, &h, NULL), &h, NULL))
		FUZZ_FAIL("num_parse without an error struct reads differently");
	memset(&h, 0, sizeof h);   /* num_fast_plain sets only the noun's first byte */
	if (num_fast_plain(buf, n, &h) && !same(rc, f, NULL, NUM_OK, &h, NULL))
		FUZZ_FAIL("num_fast_plain and num_parse disagree");
	num_fig pre, whole;   /* num_plain_prefix: the longest start num_fast_plain reads, read the same */
	memset(&pre, 0, sizeof pre);
	memset(&whole, 0, sizeof whole);
	size_t len = num_plain_prefix(buf, n, &pre);
	if (len && (!num_fast_plain(buf, len, &whole) || !same(NUM_OK, &whole, NULL, NUM_OK, &pre, NULL) ||
		    (len < n && num_fast_plain(buf, len + 1, &whole)) || (len + 1 < n && num_fast_plain(buf, len + 2, &whole))))
		FUZZ_FAIL("num_plain_prefix and num_fast_plain disagree");
	if (num_is_empty(buf, n) != (rc == NUM_EMPTY))
		FUZZ_FAIL("num_is_empty disagrees with num_parse");
	if (rc == NUM_OK && !num_may_start(buf, n))
		FUZZ_FAIL("num_may_start refuses a text num_parse reads");
}

/* fig_to_int (its 64-bit path first) must answer as fig_to_int_general, with the
 * same integer: for a figure of value v. */
static void differential_to_int(dec v)
{
	jxl_fig x = {.v = v, .lo = v, .hi = v};
	long long i = 0, j = 0;
	int r = fig_to_int(&x, &i), r2 = fig_to_int_general(&x, &j);
	if (r != r2 || (r == 0 && i != j))
		FUZZ_FAIL("fig_to_int and fig_to_int_general disagree");
}

/* fig_read (its path for plain JSON numbers first) must make what fig_read_general
 * makes of the text, as a number node and as a string node, read every way (enum
 * jxl_as) in a document in 元, 千元, 万元 and 亿元, with messages and quiet. */
static void differential_read(const char *buf, size_t n)
{
	static const int mags[] = {0, 3, 4, 8};
	arena a;
	arena_init(&a);
	for (int i = 0; i < 2 * 4 * JXL_AS_ANY * 2; i++) {
		jxl_doc d = {.a = &a, .money_mag = mags[i / 2 % 4]};
		jxl_node nd = {.kind = i % 2 ? JXL_STRING : JXL_NUMBER, .str = buf, .slen = n};
		int as = 1 + i / 8 % JXL_AS_ANY;
		fig_err e, e2;
		e.quiet = e2.quiet = i >= 8 * JXL_AS_ANY;
		const jxl_fig *x = fig_read(&a, &d, &nd, as, &e), *y = fig_read_general(&a, &d, &nd, as, &e2);
		if (!fig_same(x, y) || e.kind != e2.kind || strcmp(e.msg, e2.msg) || strcmp(e.msg_zh, e2.msg_zh))
			FUZZ_FAIL("fig_read and fig_read_general disagree");
		if (x)
			differential_to_int(x->v);
	}
	arena_release(&a);
}

static int parse(const uint8_t *s, size_t n, num_fig *f)
{
	/* an exact-size copy without a NUL: num_parse must respect the length */
	char *buf = malloc(n ? n : 1);
	memcpy(buf, s, n);
	num_err e;
	memset(&e, 0, sizeof e);
	int rc = num_parse(buf, n, f, &e);
	differential(buf, n, rc, f, &e);
	differential_read(buf, n);
	if (rc == NUM_ERROR && (e.offset > n || e.msg[0] == '\0' || !memchr(e.msg, '\0', sizeof e.msg)))
		FUZZ_FAIL("num_parse error without offset in range or message");
	if (rc == NUM_ERROR && (e.msg_zh[0] == '\0' || !memchr(e.msg_zh, '\0', sizeof e.msg_zh) ||
	    utf8_valid_prefix((const unsigned char *)e.msg_zh, strlen(e.msg_zh)) != strlen(e.msg_zh)))
		FUZZ_FAIL("num_parse error without a Chinese message, or one that is not UTF-8");
	if (rc == NUM_OK) {
		char d[256];
		size_t need = num_describe(f, d, sizeof d);
		if (strlen(d) != (need < sizeof d ? need : sizeof d - 1))
			FUZZ_FAIL("num_describe length disagrees with its text");
		if (!memchr(f->noun, '\0', sizeof f->noun))
			FUZZ_FAIL("noun not NUL-terminated");
		(void)num_half_ulp(f);
		char t[128];
		dec_format(f->value, t, sizeof t);
		dec_format_grouped(f->value, t, sizeof t);
	}
	free(buf);
	return rc;
}

static int same_dec(dec x, dec y)
{
	return x.coef == y.coef && x.exp == y.exp;
}

/* dec_add, dec_sub, dec_mul, dec_div, dec_cmp and dec_normal (fast paths first) must give exactly
 * what their *_general versions give: the same code, coef and exp, *out untouched on -1. */
static void differential_dec(dec a, dec b, int places)
{
	static const dec unset = { 777, 7 };
	dec r1 = unset, r2 = unset;
	int c1 = dec_add(a, b, &r1), c2 = dec_add_general(a, b, &r2);
	if (c1 != c2 || !same_dec(r1, r2) || (c1 && !same_dec(r1, unset)))
		FUZZ_FAIL("dec_add and dec_add_general disagree");
	r1 = r2 = unset;
	c1 = dec_sub(a, b, &r1), c2 = dec_sub_general(a, b, &r2);
	if (c1 != c2 || !same_dec(r1, r2) || (c1 && !same_dec(r1, unset)))
		FUZZ_FAIL("dec_sub and dec_sub_general disagree");
	r1 = r2 = unset;
	c1 = dec_mul(a, b, &r1), c2 = dec_mul_general(a, b, &r2);
	if (c1 != c2 || !same_dec(r1, r2) || (c1 && !same_dec(r1, unset)))
		FUZZ_FAIL("dec_mul and dec_mul_general disagree");
	r1 = r2 = unset;
	c1 = dec_div(a, b, places, &r1), c2 = dec_div_general(a, b, places, &r2);
	if (c1 != c2 || !same_dec(r1, r2) || (c1 && !same_dec(r1, unset)))
		FUZZ_FAIL("dec_div and dec_div_general disagree");
	if (dec_cmp(a, b) != dec_cmp_general(a, b) || dec_cmp(b, a) != dec_cmp_general(b, a))
		FUZZ_FAIL("dec_cmp and dec_cmp_general disagree");
	if (!same_dec(dec_normal(a), dec_normal_general(a)) || !same_dec(dec_normal(b), dec_normal_general(b)))
		FUZZ_FAIL("dec_normal and dec_normal_general disagree");
}

#define RAW_DEC 18   /* bytes of one raw decimal: coefficient, magnitude, exponent */

/* Any decimal, not only a parsed one: 16 bytes of coefficient shifted right (keeping the
 * sign) by the low 7 bits of the next byte, so every magnitude comes up; the last byte a
 * signed exponent, moved next to INT_MIN or INT_MAX when the high bit of the shift is set. */
static dec raw_dec(const uint8_t *p)
{
	__int128 c;
	memcpy(&c, p, sizeof c);
	int e = (int8_t)p[17];
	dec d = { c >> (p[16] & 0x7f), e };
	if (p[16] & 0x80)
		d.exp = e < 0 ? INT_MIN + (e + 128) : INT_MAX - e;
	return d;
}

/* Identities that must hold whenever the operations succeed. */
static void arith(dec a, dec b, int places)
{
	dec s, d, p, q, r;
	differential_dec(a, b, places);
	if (dec_cmp(a, b) != -dec_cmp(b, a) || dec_cmp(a, a) != 0)
		FUZZ_FAIL("dec_cmp not antisymmetric or not reflexive");
	if (dec_add(a, b, &s) == 0 && dec_sub(s, b, &d) == 0 && dec_cmp(d, a) != 0)
		FUZZ_FAIL("(a + b) - b != a");
	if (dec_sub(a, b, &d) == 0 && dec_sign(d) != dec_cmp(a, b))
		FUZZ_FAIL("sign(a - b) != cmp(a, b)");
	if (dec_mul(a, b, &p) == 0 && dec_sign(p) != dec_sign(a) * dec_sign(b))
		FUZZ_FAIL("sign(a * b) != sign(a) * sign(b)");
	if (dec_cmp(dec_normal(a), a) != 0 || dec_cmp(dec_neg(dec_neg(a)), a) != 0)
		FUZZ_FAIL("normal(a) or -(-a) changed the value");
	(void)dec_div(a, b, places, &q);
	(void)dec_round(a, places, &r);
	(void)dec_trunc(a, places, &r);
	char t[96];
	dec_format(a, t, sizeof t);
	dec_format_grouped(a, t, sizeof t);
	dec_format(a, t, 4);   /* too small: must truncate, not overflow */
}

/* fig_sum (its one-register case first) must leave what fig_sum_general, the chain of
 * fig_add and fig_sub, leaves, and fig_sum_cmp compare as that sum compares: four
 * figures, f g f g, each exact or rounded (±½ of its last digit) and added or
 * subtracted as the bits of how say. */
static void differential_sum(const num_fig *f, const num_fig *g, unsigned how)
{
	jxl_fig x[4];
	const jxl_fig *p[4];
	int signs[4];
	for (int i = 0; i < 4; i++) {
		const num_fig *nf = i % 2 ? g : f;
		x[i] = (jxl_fig){.v = nf->value, .lo = nf->value, .hi = nf->value, .pexp = nf->mag - nf->decimals};
		if (how >> i & 1) {
			x[i].rounded = 1;
			if (dec_sub(nf->value, num_half_ulp(nf), &x[i].lo) || dec_add(nf->value, num_half_ulp(nf), &x[i].hi))
				x[i].lo_inf = x[i].hi_inf = 1;
		}
		p[i] = &x[i];
		signs[i] = how >> (i + 4) & 1 ? -1 : 1;
	}
	arena a;
	arena_init(&a);
	for (size_t n = 1; n <= 4; n++) {
		const jxl_fig *s = fig_sum(&a, p, signs, n), *t = fig_sum_general(&a, p, signs, n);
		if (!fig_same(s, t))
			FUZZ_FAIL("fig_sum and fig_sum_general disagree");
		for (int k = 0; t && k < 2; k++) {   /* against a part and against the sum itself */
			const jxl_fig *y = k ? t : p[0];
			int c;
			if (fig_sum_cmp(p, signs, n, y, &c) == 0 && c != fig_cmp(t, y))
				FUZZ_FAIL("fig_sum_cmp and fig_cmp(fig_sum_general) disagree");
		}
	}
	arena_release(&a);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	num_fig f, g;
	parse(data, size, &f);
	/* "a<TAB>b": two figures, then arithmetic on them */
	const uint8_t *tab = memchr(data, '\t', size);
	if (tab) {
		size_t k = (size_t)(tab - data);
		if (parse(data, k, &f) == NUM_OK && parse(tab + 1, size - k - 1, &g) == NUM_OK) {
			arith(f.value, g.value, size ? (int)(data[size - 1] % 41) - 20 : 2);
			differential_sum(&f, &g, data[0]);
		}
	}
	/* the first 2·RAW_DEC + 1 bytes as two raw decimals and a count of places */
	if (size >= 2 * RAW_DEC + 1)
		differential_dec(raw_dec(data), raw_dec(data + RAW_DEC), (int)(data[2 * RAW_DEC] % 101) - 50);
	if (size >= RAW_DEC)
		differential_to_int(raw_dec(data));
	return 0;
}
