/* num_test.c — table-driven tests of num.h: every .tsv file in tests/num, one `input<TAB>expected` per line. */
#include "decode.h"
#include "fig.h"
#include "num.h"

#include <glob.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

/*
 * A .tsv file starts with a mode line and may change mode later:
 *   #mode parse   input is figure text; expected is num_describe(), `empty`,
 *                 `error: <substring of the message>` or
 *                 `error@<byte offset>: <substring>`
 *   #mode ulp     input is figure text; expected is dec_format(num_half_ulp())
 *   #mode plain   input is figure text; expected is `plain <num_describe()>`
 *                 when num_fast_plain reads it, `not plain` when it leaves
 *                 it to num_parse (the parse checks below apply as well)
 *   #mode sum     input is figures and signs apart by blanks ("2.5 + 3 - 0.25";
 *                 the first is added unless a sign comes before it); a
 *                 figure ending in ~ is rounded (±½ of its last digit), in
 *                 ^ a lower bound (no upper end); expected is the value of
 *                 fig_sum and its ends, "v [lo, hi]" (`-inf`, `inf` for open
 *                 ends), or `overflow`; fig_sum must equal fig_sum_general
 *                 (the chain of fig_add and fig_sub) in every member
 *   #mode read    input is a JSON number literal; expected is the figure
 *                 fig_read makes of a number node so written, "v [lo, hi]"
 *                 read as money in a 万元 document, then as a rate (a ratio):
 *                 "<money> | <rate>", `empty`, or `error <kind>`
 *   #mode div     input is "alo ahi / blo bhi", two intervals (lo <= hi, the
 *                 divisor all of one sign); expected is "lo hi", the quotient's
 *                 lowest and highest corner at 6 decimals as dec_div_corners
 *                 names them, or `disagree` when the lowest and highest of all
 *                 four corner quotients are other values
 *   #mode dec     input is an expression (see run_dec); expected is the
 *                 dec_format() text, `{coef,exp}` for the exact
 *                 representation, `overflow` when the call returned -1,
 *                 or the integer a comparison returned
 * Other lines starting with '#' and blank lines are comments. In the input,
 * \t \n \\ and \xNN are escapes; any other backslash stands for itself
 * (so LaTeX like \geq needs no escaping).
 * Every error must also carry its Chinese message (msg_zh): non-empty,
 * valid UTF-8 and not the English text; a case whose error lacks one fails.
 * Every parse case is also read by num_parse_general (no fast path): a
 * case where the two differ in any field or in the error fails; so does
 * one that num_fast_plain reads differently from num_parse. Likewise
 * every + - /P cmp and normal case is also computed by dec_*_general: a
 * case where the two differ in the code, coef or exp fails. Every parse,
 * plain and read case is also read by fig_read and by fig_read_general (no
 * path for plain JSON numbers), as a number node and as a string node, in
 * every way (enum jxl_as), money unit and error mode: a case where the two
 * make figures that differ in any member, or different errors, fails.
 */

struct counts {
	int passed, failed;
};

enum mode { MODE_NONE, MODE_PARSE, MODE_ULP, MODE_DEC, MODE_PLAIN, MODE_SUM, MODE_DIV, MODE_READ };

static int hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* Unescape s into out; returns the length. */
static size_t unescape(const char *s, char *out)
{
	size_t n = 0;
	for (; *s; s++) {
		if (s[0] == '\\' && s[1] == 't') {
			out[n++] = '\t';
			s++;
		} else if (s[0] == '\\' && s[1] == 'n') {
			out[n++] = '\n';
			s++;
		} else if (s[0] == '\\' && s[1] == '\\') {
			out[n++] = '\\';
			s++;
		} else if (s[0] == '\\' && s[1] == 'x' && hexval(s[2]) >= 0 && hexval(s[3]) >= 0) {
			out[n++] = (char)(hexval(s[2]) * 16 + hexval(s[3]));
			s += 3;
		} else {
			out[n++] = *s;
		}
	}
	out[n] = '\0';
	return n;
}

static void int128_text(__int128 v, char *buf)
{
	char tmp[48];
	int n = 0, neg = v < 0;
	unsigned __int128 m = neg ? (unsigned __int128)0 - (unsigned __int128)v : (unsigned __int128)v;
	do {
		tmp[n++] = (char)('0' + (int)(m % 10));
		m /= 10;
	} while (m);
	if (neg)
		*buf++ = '-';
	while (n)
		*buf++ = tmp[--n];
	*buf = '\0';
}

/* A decimal literal: [-+]digits[.digits][e[-+]digits], or {coef,exp}. */
static int parse_lit(const char *s, dec *out)
{
	unsigned __int128 m = 0, max = ((unsigned __int128)1 << 127) - 1;
	int neg = 0, frac = -1, digits = 0;
	long e = 0;
	char *end, coef[64];
	if (*s == '{') {
		const char *comma = strchr(s, ',');
		if (!comma || comma - s > 60)
			return -1;
		snprintf(coef, sizeof coef, "%.*s", (int)(comma - s - 1), s + 1);
		e = strtol(comma + 1, &end, 10);
		if (parse_lit(coef, out) || out->exp != 0 || strcmp(end, "}"))
			return -1;
		out->exp = (int)e;
		return 0;
	}
	if (*s == '-' || *s == '+')
		neg = *s++ == '-';
	for (; *s; s++) {
		if (*s == '.' && frac < 0) {
			frac = 0;
			continue;
		}
		if (*s < '0' || *s > '9')
			break;
		if (m > (max - (unsigned)(*s - '0')) / 10)
			return -1;
		m = m * 10 + (unsigned)(*s - '0');
		digits++;
		frac += frac >= 0;
	}
	if (*s == 'e' || *s == 'E') {
		e = strtol(s + 1, &end, 10);
		s = end;
	}
	if (*s || !digits)
		return -1;
	out->coef = neg ? -(__int128)m : (__int128)m;
	out->exp = (int)(e - (frac > 0 ? frac : 0));
	return 0;
}

static void dec_text(dec d, int repr, char *buf, size_t n)
{
	if (repr) {
		char c[48];
		int128_text(d.coef, c);
		snprintf(buf, n, "{%s,%d}", c, d.exp);
	} else {
		dec_format(d, buf, n);
	}
}

static int same(dec a, dec b)
{
	return a.coef == b.coef && a.exp == b.exp;
}

/* Binary forms returning a decimal: a + b, a - b, a * b, a /N b (N places),
 * a round N, a trunc N, a shift K. *r is left alone on failure. */
static int binary_dec(dec x, const char *op, dec y, int k, dec *r)
{
	if (!strcmp(op, "+"))
		return dec_add(x, y, r);
	if (!strcmp(op, "-"))
		return dec_sub(x, y, r);
	if (!strcmp(op, "*"))
		return dec_mul(x, y, r);
	if (op[0] == '/')
		return dec_div(x, y, atoi(op + 1), r);
	if (!strcmp(op, "round"))
		return dec_round(x, k, r);
	if (!strcmp(op, "trunc"))
		return dec_trunc(x, k, r);
	*r = dec_shift(x, k);
	return 0;
}

/* The same by the general paths (dec_*_general) for + - * /P; -2 for the
 * other operators (nothing to compare). */
static int binary_dec_general(dec x, const char *op, dec y, dec *r)
{
	if (!strcmp(op, "+"))
		return dec_add_general(x, y, r);
	if (!strcmp(op, "-"))
		return dec_sub_general(x, y, r);
	if (op[0] == '/')
		return dec_div_general(x, y, atoi(op + 1), r);
	if (!strcmp(op, "*"))
		return dec_mul_general(x, y, r);
	return -2;
}

/* a OP b; also a cmp b, and a fmtn N / a fmtgn N (format into a buffer of
 * N bytes: "<text>|<returned length>"). */
static void run_binary(const char *a, const char *op, const char *b, int repr, char *got, size_t n)
{
	dec x, y = { 0, 0 }, r = { 777, 7 }, before = r, g = r;
	int k = atoi(b), rc, rg;
	char small[64];
	if (parse_lit(a, &x) || (strchr("+-*/c", op[0]) && parse_lit(b, &y))) {
		snprintf(got, n, "bad operand in %s %s %s", a, op, b);
	} else if (!strcmp(op, "cmp")) {
		if (dec_cmp(x, y) != dec_cmp_general(x, y))
			snprintf(got, n, "dec_cmp and dec_cmp_general disagree");
		else
			snprintf(got, n, "%d", dec_cmp(x, y));
	} else if (!strcmp(op, "fmtn") || !strcmp(op, "fmtgn")) {
		if (k < 0 || k > (int)sizeof small) {
			snprintf(got, n, "bad buffer size %d", k);
			return;
		}
		size_t len = op[3] == 'g' ? dec_format_grouped(x, small, (size_t)k) : dec_format(x, small, (size_t)k);
		snprintf(got, n, "%s|%zu", k ? small : "", len);
	} else if (!strchr("+-*/", op[0]) && strcmp(op, "round") && strcmp(op, "trunc") && strcmp(op, "shift")) {
		snprintf(got, n, "unknown operator %s", op);
	} else if (rc = binary_dec(x, op, y, k, &r), rg = binary_dec_general(x, op, y, &g),
		   rg != -2 && (rg != rc || !same(r, g))) {
		snprintf(got, n, "%s and its general path disagree", op);
	} else if (rc) {
		snprintf(got, n, "%s", same(r, before) ? "overflow" : "overflow (out changed)");
	} else {
		dec_text(r, repr, got, n);
	}
}

/* Unary forms: fmt a, fmtg a, normal a, neg a, abs a, sign a, zero a, int V. */
static void run_unary(const char *op, const char *a, int repr, char *got, size_t n)
{
	dec x;
	if (!strcmp(op, "int"))
		dec_text(dec_from_int(strtoll(a, NULL, 10)), repr, got, n);
	else if (parse_lit(a, &x))
		snprintf(got, n, "bad operand %s", a);
	else if (!strcmp(op, "fmt"))
		dec_format(x, got, n);
	else if (!strcmp(op, "fmtg"))
		dec_format_grouped(x, got, n);
	else if (!strcmp(op, "normal") && !same(dec_normal(x), dec_normal_general(x)))
		snprintf(got, n, "dec_normal and dec_normal_general disagree");
	else if (!strcmp(op, "normal"))
		dec_text(dec_normal(x), repr, got, n);
	else if (!strcmp(op, "neg"))
		dec_text(dec_neg(x), repr, got, n);
	else if (!strcmp(op, "abs"))
		dec_text(dec_abs(x), repr, got, n);
	else if (!strcmp(op, "sign"))
		snprintf(got, n, "%d", dec_sign(x));
	else if (!strcmp(op, "zero"))
		snprintf(got, n, "%d", dec_is_zero(x));
	else
		snprintf(got, n, "unknown operator %s", op);
}

static void run_dec(const char *in, const char *expected, char *got, size_t n)
{
	char buf[4096], *tok[4];
	int nt = 0;
	snprintf(buf, sizeof buf, "%s", in);
	for (char *s = strtok(buf, " "); s && nt < 4; s = strtok(NULL, " "))
		tok[nt++] = s;
	if (nt == 3)
		run_binary(tok[0], tok[1], tok[2], expected[0] == '{', got, n);
	else if (nt == 2)
		run_unary(tok[0], tok[1], expected[0] == '{', got, n);
	else
		snprintf(got, n, "bad expression");
}

/* The error's Chinese message is there, NUL-terminated, valid UTF-8, and not the English one. */
static int zh_ok(const num_err *e)
{
	size_t len = strnlen(e->msg_zh, sizeof e->msg_zh);
	return len > 0 && len < sizeof e->msg_zh && strcmp(e->msg_zh, e->msg) &&
	       utf8_valid_prefix((const unsigned char *)e->msg_zh, len) == len;
}

/* num_parse and num_parse_general (no fast path) gave the same: code, every field, error. */
static int same_parse(int rc, const num_fig *f, const num_err *e, int rc2, const num_fig *g, const num_err *e2)
{
	if (rc != rc2 || f->value.coef != g->value.coef || f->value.exp != g->value.exp ||
	    f->decimals != g->decimals || f->mag != g->mag || f->unit != g->unit || f->qual != g->qual ||
	    f->approx != g->approx || f->negative != g->negative || memcmp(f->noun, g->noun, sizeof f->noun))
		return 0;
	return e->offset == e2->offset && !strcmp(e->msg, e2->msg) && !strcmp(e->msg_zh, e2->msg_zh);
}

/* What num_fast_plain reads, if it reads s: *p, zeroed first (it sets only the noun's first byte). */
static int plain(const char *in, size_t len, num_fig *p)
{
	memset(p, 0, sizeof *p);
	return num_fast_plain(in, len, p);
}

/* fig_read and fig_read_general made the same: both NULL with the same error, or every member equal. */
static int same_fig(const jxl_fig *x, const fig_err *ex, const jxl_fig *y, const fig_err *ey)
{
	if (!x || !y)
		return x == y && ex->kind == ey->kind && !strcmp(ex->msg, ey->msg) && !strcmp(ex->msg_zh, ey->msg_zh);
	return fig_same(x, y);
}

/* The figure of a `kind` node holding in[0..len), read `as` in a document of money unit 10^mag. */
static const jxl_fig *read_as(arena *a, jxl_node *nd, int kind, const char *in, size_t len, int as, int mag,
			      int general, fig_err *err)
{
	jxl_doc d = {.a = a, .money_mag = mag};
	*nd = (jxl_node){.kind = kind, .str = in, .slen = len};
	return general ? fig_read_general(a, &d, nd, as, err) : fig_read(a, &d, nd, as, err);
}

/* Does fig_read read in[0..len) as fig_read_general does: as a number and as a string
 * node, in every way (enum jxl_as), in 元, 千元, 万元 and 亿元, quiet or not? */
static int reads_alike(const char *in, size_t len)
{
	static const int mags[] = {0, 3, 4, 8};
	int ok = 1;
	arena a;
	arena_init(&a);
	for (int i = 0; i < 2 * 4 * JXL_AS_ANY * 2; i++) {
		int kind = i % 2 ? JXL_STRING : JXL_NUMBER, mag = mags[i / 2 % 4], as = 1 + i / 8 % JXL_AS_ANY;
		jxl_node nd;
		fig_err e, e2;
		e.quiet = e2.quiet = i >= 8 * JXL_AS_ANY;
		const jxl_fig *x = read_as(&a, &nd, kind, in, len, as, mag, 0, &e);
		ok &= same_fig(x, &e, read_as(&a, &nd, kind, in, len, as, mag, 1, &e2), &e2);
	}
	arena_release(&a);
	return ok;
}

/* "v [lo, hi]", `-inf` and `inf` for open ends. */
static void fig_text_of(const jxl_fig *f, char *got, size_t n)
{
	char v[64], lo[64], hi[64];
	dec_format(f->v, v, sizeof v);
	dec_format(f->lo, lo, sizeof lo);
	dec_format(f->hi, hi, sizeof hi);
	snprintf(got, n, "%s [%s, %s]", v, f->lo_inf ? "-inf" : lo, f->hi_inf ? "inf" : hi);
}

/* A number node written `in`, read as money in a 万元 document and as a rate. */
static void run_read(const char *in, size_t len, char *got, size_t n)
{
	char money[200], rate[200];
	arena a;
	jxl_node nd;
	fig_err e;
	e.quiet = 0;
	arena_init(&a);
	const jxl_fig *m = read_as(&a, &nd, JXL_NUMBER, in, len, JXL_AS_MONEY, 4, 0, &e);
	const jxl_fig *r = m ? read_as(&a, &nd, JXL_NUMBER, in, len, JXL_AS_RATE, 4, 0, &e) : NULL;
	if (!reads_alike(in, len))
		snprintf(got, n, "fig_read and fig_read_general disagree");
	else if (!m && !e.kind)
		snprintf(got, n, "empty");
	else if (!m || !r)
		snprintf(got, n, "error %c", e.kind);
	else {
		fig_text_of(m, money, sizeof money);
		fig_text_of(r, rate, sizeof rate);
		snprintf(got, n, "%s | %s", money, rate);
	}
	arena_release(&a);
}

static void run_parse(const char *in, size_t len, enum mode mode, char *got, size_t n)
{
	num_fig f, g, p;
	num_err e, e2;
	int rc = num_parse(in, len, &f, &e);
	if (!same_parse(rc, &f, &e, num_parse_general(in, len, &g, &e2), &g, &e2))
		snprintf(got, n, "num_parse and num_parse_general disagree");
	else if (plain(in, len, &p) && !same_parse(rc, &f, &e, NUM_OK, &p, &e))
		snprintf(got, n, "num_fast_plain and num_parse disagree");
	else if (rc == NUM_EMPTY && !num_is_empty(in, len))
		snprintf(got, n, "num_is_empty disagrees: num_parse says empty");
	else if (rc != NUM_EMPTY && num_is_empty(in, len))
		snprintf(got, n, "num_is_empty disagrees: num_parse does not say empty");
	else if (rc == NUM_OK && !num_may_start(in, len))
		snprintf(got, n, "num_may_start refuses a text num_parse reads");
	else if (!reads_alike(in, len))
		snprintf(got, n, "fig_read and fig_read_general disagree");
	else if (mode == MODE_PLAIN && !plain(in, len, &p))
		snprintf(got, n, "not plain");
	else if (mode == MODE_PLAIN)
		num_describe(&p, got + 6, n - 6), memcpy(got, "plain ", 6);
	else if (rc == NUM_EMPTY)
		snprintf(got, n, "empty");
	else if (rc != NUM_OK && !zh_ok(&e))   /* does not start "error": fails every expectation */
		snprintf(got, n, "no Chinese message (empty, not UTF-8 or untranslated) for error@%zu: %s", e.offset, e.msg);
	else if (rc != NUM_OK)
		snprintf(got, n, "error@%zu: %s", e.offset, e.msg);
	else if (mode == MODE_ULP)
		dec_format(num_half_ulp(&f), got, n);
	else
		num_describe(&f, got, n);
}

#define SUM_MAX_TERMS 64   /* figures in one sum case */

/* Did fig_sum and fig_sum_general leave the same figure (both NULL, or every member the chain sets)? */
static int same_sum(const jxl_fig *x, const jxl_fig *y)
{
	if (!x || !y)
		return x == y;
	return same(x->v, y->v) && same(x->lo, y->lo) && same(x->hi, y->hi) && x->lo_inf == y->lo_inf &&
	       x->hi_inf == y->hi_inf && x->approx == y->approx && x->rounded == y->rounded && x->unit == y->unit &&
	       x->pexp == y->pexp && x->mag == y->mag;
}

static void run_sum(const char *in, char *got, size_t n)
{
	char buf[4096];
	jxl_fig figs[SUM_MAX_TERMS];
	const jxl_fig *ptr[SUM_MAX_TERMS];
	int signs[SUM_MAX_TERMS], sign = 1;
	size_t k = 0;
	snprintf(buf, sizeof buf, "%s", in);
	for (char *t = strtok(buf, " "); t; t = strtok(NULL, " ")) {
		size_t len = strlen(t);
		char mark = len > 1 && (t[len - 1] == '~' || t[len - 1] == '^') ? t[--len] : 0;
		num_fig f;
		if (!strcmp(t, "+") || !strcmp(t, "-")) {
			sign = t[0] == '-' ? -1 : 1;
			continue;
		}
		if (k == SUM_MAX_TERMS || num_parse(t, len, &f, NULL) != NUM_OK) {
			snprintf(got, n, "bad sum");
			return;
		}
		figs[k] = (jxl_fig){.v = f.value, .lo = f.value, .hi = f.value, .pexp = -f.decimals};
		if (mark == '~') {
			dec h = num_half_ulp(&f);
			figs[k].rounded = 1;
			if (dec_sub(f.value, h, &figs[k].lo) || dec_add(f.value, h, &figs[k].hi))
				figs[k].lo_inf = figs[k].hi_inf = 1;
		} else if (mark == '^') {
			figs[k].approx = figs[k].hi_inf = 1;
		}
		ptr[k] = &figs[k];
		signs[k++] = sign;
		sign = 1;
	}
	arena a;
	arena_init(&a);
	const jxl_fig *s = fig_sum(&a, ptr, signs, k), *g = fig_sum_general(&a, ptr, signs, k);
	if (!same_sum(s, g)) {
		snprintf(got, n, "fig_sum and fig_sum_general disagree");
	} else if (!s) {
		snprintf(got, n, "overflow");
	} else {
		fig_text_of(s, got, n);
	}
	arena_release(&a);
}

/* The corners dec_div_corners names against the extremes of all four. */
static void run_div(const char *in, char *got, size_t n)
{
	char a0[64], a1[64], b0[64], b1[64], lo[128], hi[128];
	dec alo, ahi, blo, bhi, c[4], q[2];
	const dec *ln, *ld, *hn, *hd;
	if (sscanf(in, "%63s %63s / %63s %63s", a0, a1, b0, b1) != 4 || parse_lit(a0, &alo) || parse_lit(a1, &ahi) ||
	    parse_lit(b0, &blo) || parse_lit(b1, &bhi)) {
		snprintf(got, n, "bad case");
		return;
	}
	dec_div_corners(&alo, &ahi, &blo, &bhi, &ln, &ld, &hn, &hd);
	if (dec_div(alo, blo, 6, &c[0]) || dec_div(alo, bhi, 6, &c[1]) || dec_div(ahi, blo, 6, &c[2]) ||
	    dec_div(ahi, bhi, 6, &c[3]) || dec_div(*ln, *ld, 6, &q[0]) || dec_div(*hn, *hd, 6, &q[1])) {
		snprintf(got, n, "overflow");
		return;
	}
	dec mn = c[0], mx = c[0];
	for (int i = 1; i < 4; i++) {
		if (dec_cmp(c[i], mn) < 0)
			mn = c[i];
		if (dec_cmp(c[i], mx) > 0)
			mx = c[i];
	}
	if (dec_cmp(mn, q[0]) || dec_cmp(mx, q[1])) {
		snprintf(got, n, "disagree");
		return;
	}
	dec_format(q[0], lo, sizeof lo);
	dec_format(q[1], hi, sizeof hi);
	snprintf(got, n, "%s %s", lo, hi);
}

/* `error: sub` and `error@N: sub` match by substring (and offset). */
static int matches(const char *expected, const char *got)
{
	const char *colon;
	if (strncmp(expected, "error", 5) || !(colon = strstr(expected, ": ")))
		return !strcmp(expected, got);
	if (strncmp(got, "error@", 6))
		return 0;
	if (expected[5] == '@' && atol(expected + 6) != atol(got + 6))
		return 0;
	return strstr(strstr(got, ": ") + 2, colon + 2) != NULL;
}

static void run_line(const char *path, int lineno, char *line, enum mode mode, struct counts *c)
{
	char in[4096], got[4096];
	char *tab = strchr(line, '\t');
	size_t len;
	if (!tab || mode == MODE_NONE) {
		printf("%s:%d: %s\n", path, lineno, tab ? "no #mode line before the case" : "no tab in the line");
		c->failed++;
		return;
	}
	*tab = '\0';
	len = unescape(line, in);
	if (mode == MODE_DEC)
		run_dec(in, tab + 1, got, sizeof got);
	else if (mode == MODE_SUM)
		run_sum(in, got, sizeof got);
	else if (mode == MODE_DIV)
		run_div(in, got, sizeof got);
	else if (mode == MODE_READ)
		run_read(in, len, got, sizeof got);
	else
		run_parse(in, len, mode, got, sizeof got);
	if (matches(tab + 1, got)) {
		c->passed++;
		return;
	}
	printf("%s:%d: %s: expected %s, got %s\n", path, lineno, line, tab + 1, got);
	c->failed++;
}

static void run_file(const char *path, struct counts *c)
{
	FILE *fp = fopen(path, "r");
	char *line = NULL;
	size_t cap = 0;
	ssize_t n;
	int lineno = 0;
	enum mode mode = MODE_NONE;
	if (!fp) {
		printf("%s: cannot open\n", path);
		c->failed++;
		return;
	}
	while ((n = getline(&line, &cap, fp)) >= 0) {
		lineno++;
		while (n > 0 && (line[n - 1] == '\n' || line[n - 1] == '\r'))
			line[--n] = '\0';
		if (!strncmp(line, "#mode ", 6))
			mode = !strcmp(line + 6, "parse") ? MODE_PARSE : !strcmp(line + 6, "ulp") ? MODE_ULP
			     : !strcmp(line + 6, "dec") ? MODE_DEC : !strcmp(line + 6, "plain") ? MODE_PLAIN
			     : !strcmp(line + 6, "sum") ? MODE_SUM : !strcmp(line + 6, "div") ? MODE_DIV
			     : !strcmp(line + 6, "read") ? MODE_READ : MODE_NONE;
		else if (n > 0 && line[0] != '#')
			run_line(path, lineno, line, mode, c);
	}
	free(line);
	fclose(fp);
}

static void run_path(const char *path, struct counts *c)
{
	struct stat st;
	char pattern[4096];
	glob_t g;
	if (stat(path, &st) || !S_ISDIR(st.st_mode)) {
		run_file(path, c);
		return;
	}
	snprintf(pattern, sizeof pattern, "%s/*.tsv", path);
	if (glob(pattern, 0, NULL, &g) == 0) {
		for (size_t i = 0; i < g.gl_pathc; i++)
			run_file(g.gl_pathv[i], c);
		globfree(&g);
	} else {
		printf("%s: no .tsv files\n", path);
		c->failed++;
	}
}

int main(int argc, char **argv)
{
	struct counts c = { 0, 0 };
	if (argc < 2)
		run_path("tests/num", &c);
	for (int i = 1; i < argc; i++)
		run_path(argv[i], &c);
	printf("%d passed, %d failed\n", c.passed, c.failed);
	return c.failed > 0;
}
