/* claim.c — arithmetic written in prose ("A/B×100%=C%"): evaluated with intervals and compared with its stated result. */
#include <stdio.h>
#include <string.h>

#include "host.h"

#define CLAIM_MAX_TEXT  1024   /* bytes of one claim */
#define CLAIM_MAX_DEPTH 32     /* parentheses */
#define CLAIM_PLACES    16     /* decimals of a quotient */
#define CLAIM_MAX_SIDES 32     /* sides of an "=" chain */

/* A value with its interval, as a plain ratio (100% = 1). */
typedef struct ival {
	dec v, lo, hi;
	int unbounded;
} ival;

typedef struct parser {
	const char *s;          /* normalised ASCII-operator text */
	size_t n, i;
	int depth;
	int money_mag;
	int has_x100;           /* "×100%" was written */
	int has_x1pct;          /* "×1%" was written */
	int stated_side;        /* the stated result: every figure is rounded to its decimals */
	int ops;                /* operators read, signs included: every * / + - of a side that parses */
	int err;
} parser;

/* Fold full-width and look-alike operators to ASCII; drop LaTeX and spaces
 * between tokens but keep spaces inside numbers for num_parse. Every name in
 * the map is at least as long as what replaces it, so the output is never
 * longer than the input: out needs n + 1 bytes. */
static size_t normalise(const char *in, size_t n, char *out)
{
#define MAP(f, t) {f, t, sizeof f - 1, sizeof t - 1}
	static const struct { const char *from, *to; unsigned char fl, tl; } map[] = {
		MAP("×", "*"), MAP("＊", "*"), MAP("÷", "/"), MAP("／", "/"), MAP("＝", "="), MAP("（", "("), MAP("）", ")"),
		MAP("＋", "+"), MAP("－", "-"), MAP("−", "-"), MAP("％", "%"), MAP("\\times", "*"), MAP("\\div", "/"),
		MAP("\\%", "%"), MAP("$", ""), MAP("\\left", ""), MAP("\\right", ""), MAP("{", ""), MAP("}", ""),
	};
#undef MAP
	/* the bytes a name in the map begins with: any other is copied as it is */
	static const unsigned char lead[256] = {['$'] = 1, ['\\'] = 1, ['{'] = 1, ['}'] = 1, [0xC3] = 1, [0xE2] = 1, [0xEF] = 1};
	size_t o = 0;
	for (size_t i = 0; i < n;) {
		size_t k, j = i;
		while (j < n && !lead[(unsigned char)in[j]])
			j++;
		if (j > i) {   /* a run of bytes copied as they are */
			memcpy(out + o, in + i, j - i);
			o += j - i;
			i = j;
			continue;
		}
		for (k = 0; k < sizeof map / sizeof *map; k++) {
			size_t fl = map[k].fl;
			if (n - i >= fl && !memcmp(in + i, map[k].from, fl)) {
				memcpy(out + o, map[k].to, map[k].tl);
				o += map[k].tl;
				i += fl;
				break;
			}
		}
		if (k == sizeof map / sizeof *map)
			out[o++] = in[i++];
	}
	out[o] = '\0';
	return o;
}

static void skip_sp(parser *p)
{
	while (p->i < p->n && (p->s[p->i] == ' ' || p->s[p->i] == '\t'))
		p->i++;
}

static int ival_add(const ival *a, const ival *b, int sign, ival *r)
{
	r->unbounded = a->unbounded || b->unbounded;
	if (sign > 0)
		return dec_add(a->v, b->v, &r->v) || dec_add(a->lo, b->lo, &r->lo) || dec_add(a->hi, b->hi, &r->hi);
	return dec_sub(a->v, b->v, &r->v) || dec_sub(a->lo, b->hi, &r->lo) || dec_sub(a->hi, b->lo, &r->hi);
}

static int minmax4(dec c[4], ival *r)
{
	r->lo = r->hi = c[0];
	for (int i = 1; i < 4; i++) {
		if (dec_cmp_fast(&c[i], &r->lo) < 0) r->lo = c[i];
		if (dec_cmp_fast(&c[i], &r->hi) > 0) r->hi = c[i];
	}
	return 0;
}

/* The ends of x × [y, y] (or [y, y] × x): of the corners x.lo·y, x.lo·y, x.hi·y,
 * x.hi·y, the first lowest and the first highest, as minmax4 picks them. */
static int mul_by_point(dec lo_y, dec hi_y, ival *r)
{
	int c = dec_cmp_fast(&hi_y, &lo_y);
	r->lo = c < 0 ? hi_y : lo_y;
	r->hi = c > 0 ? hi_y : lo_y;
	return 0;
}

/* An exact figure: its ends are its value, the same decimal. */
static int is_point(const ival *a)
{
	return dec_same(a->lo, a->v) && dec_same(a->hi, a->v);
}

static int ival_mul(const ival *a, const ival *b, ival *r)
{
	dec c[4];
	r->unbounded = a->unbounded || b->unbounded;
	if (dec_mul(a->v, b->v, &r->v))
		return -1;
	if (is_point(a) && is_point(b)) {   /* every corner is the value's product */
		r->lo = r->hi = r->v;
		return 0;
	}
	if (dec_same(b->lo, b->hi))   /* "×100%": the corners come in equal pairs */
		return dec_mul(a->lo, b->lo, &c[0]) || dec_mul(a->hi, b->lo, &c[2]) || mul_by_point(c[0], c[2], r);
	if (dec_same(a->lo, a->hi))
		return dec_mul(a->lo, b->lo, &c[0]) || dec_mul(a->lo, b->hi, &c[1]) || mul_by_point(c[0], c[1], r);
	if (dec_mul(a->lo, b->lo, &c[0]) || dec_mul(a->lo, b->hi, &c[1]) || dec_mul(a->hi, b->lo, &c[2]) || dec_mul(a->hi, b->hi, &c[3]))
		return -1;
	return minmax4(c, r);
}

/* The lowest and highest of the four corner quotients when b->lo and b->hi
 * have one sign: which corners they are follows from the signs alone (an
 * interval always has lo <= hi), and rounding keeps the order. When both
 * come out with CLAIM_PLACES decimals (below 10^22, the usual case) every
 * corner does, so any corner equal to one of them is the same decimal and
 * none of the others can fail: the ends are exactly those minmax4 would
 * pick from all four. 0 when they are; -1 to compute all four. */
static int div_ends(const ival *a, const ival *b, ival *r)
{
	const dec *ln, *ld, *hn, *hd;   /* numerator and denominator of the low and the high end */
	dec_div_corners(&a->lo, &a->hi, &b->lo, &b->hi, &ln, &ld, &hn, &hd);
	dec x, y;
	if (dec_div(*ln, *ld, CLAIM_PLACES, &x) || dec_div(*hn, *hd, CLAIM_PLACES, &y) ||
	    x.exp != -CLAIM_PLACES || y.exp != -CLAIM_PLACES)
		return -1;
	r->lo = x;
	r->hi = y;
	return 0;
}

static int ival_div(const ival *a, const ival *b, ival *r)
{
	if (dec_is_zero(b->v))
		return -1;
	r->unbounded = a->unbounded || b->unbounded || dec_sign(b->lo) * dec_sign(b->hi) <= 0;
	if (dec_div(a->v, b->v, CLAIM_PLACES, &r->v))
		return -1;
	if (r->unbounded) {
		r->lo = r->hi = r->v;
		return 0;
	}
	if (is_point(a) && is_point(b)) {   /* every corner is the value's quotient */
		r->lo = r->hi = r->v;
	} else if (div_ends(a, b, r)) {
		dec c[4];
		if (dec_div(a->lo, b->lo, CLAIM_PLACES, &c[0]) || dec_div(a->lo, b->hi, CLAIM_PLACES, &c[1]) ||
		    dec_div(a->hi, b->lo, CLAIM_PLACES, &c[2]) || dec_div(a->hi, b->hi, CLAIM_PLACES, &c[3]))
			return -1;
		minmax4(c, r);
	}
	dec ulp = {1, -CLAIM_PLACES};
	return dec_add_fast(&r->lo, &ulp, -1, &r->lo) || dec_add_fast(&r->hi, &ulp, 1, &r->hi);
}

static int is_num_char(const char *s, size_t n, size_t i)
{
	unsigned char c = (unsigned char)s[i];
	if ((c >= '0' && c <= '9') || c == '.' || c == ',')
		return 1;
	/* a space inside a number: "24, 028" or "2. 0" */
	if (c == ' ' && i > 0 && (s[i - 1] == ',' || s[i - 1] == '.') && i + 1 < n && s[i + 1] >= '0' && s[i + 1] <= '9')
		return 1;
	return 0;
}

/* A number with an optional unit: 元, 万元, 亿元, %, ‰, or a noun. */
/* The figure at p->i, its number (digits, '.', ',', a blank inside) and
 * its unit (a non-ASCII run or '%'), read into *nf; p->i is moved past
 * both. -1 when there is none or it does not read. */
static int read_figure(parser *p, num_fig *nf)
{
	size_t st = p->i, n = p->n, i, len;
	const char *s = p->s;
	num_err ne;

	/* Most are plain digits with a point: read as they are scanned (what
	 * num_fast_ascii would make of them), when the number ends there. */
	len = num_plain_prefix(s + st, n - st, nf);
	int plain = len && (st + len == n || !is_num_char(s, n, st + len));
	if (plain) {
		i = st + len;
	} else {
		for (i = st;;) {
			while (i < n && s[i] >= '0' && s[i] <= '9')   /* a run of digits, most of a number, in a tighter loop */
				i++;
			if (i == n || !is_num_char(s, n, i))
				break;
			i++;
		}
		if (i == st)
			return -1;
	}
	size_t u = i;   /* unit: any non-ASCII run, or % */
	while (u < n && ((unsigned char)s[u] >= 0x80 || s[u] == '%'))
		u++;
	p->i = u;
	if (plain && u == i)
		return 0;
	if (plain && u == i + 1 && s[i] == '%') {
		nf->unit = NUM_UNIT_PERCENT;
		return 0;
	}
	return num_fast_ascii(s + st, u - st, nf) || num_parse(s + st, u - st, nf, &ne) == NUM_OK ? 0 : -1;
}

static int parse_number(parser *p, ival *out, int *pct, size_t *decimals)
{
	num_fig nf;
	if (read_figure(p, &nf))
		return -1;
	dec v = nf.value;
	int rounded = nf.mag > 0 || nf.approx || p->stated_side;
	int pexp = nf.mag - nf.decimals;
	*pct = nf.unit == NUM_UNIT_PERCENT || nf.unit == NUM_UNIT_PERMILLE;
	if (nf.unit == NUM_UNIT_PERCENT) {
		v = dec_shift(v, -2);
		pexp -= 2;
	} else if (nf.unit == NUM_UNIT_PERMILLE) {
		v = dec_shift(v, -3);
		pexp -= 3;
	} else if (nf.unit == NUM_UNIT_NONE && p->money_mag) {
		v = dec_shift(v, p->money_mag);
		pexp += p->money_mag;
		rounded = 1;
	}
	*decimals = (size_t)nf.decimals;
	out->v = out->lo = out->hi = v;
	out->unbounded = 0;
	if (rounded) {
		dec half = {5, pexp - 1};
		if (dec_add_fast(&v, &half, -1, &out->lo) || dec_add_fast(&v, &half, 1, &out->hi))
			return -1;
	}
	return 0;
}

static int parse_expr(parser *p, ival *out);

static int parse_factor(parser *p, ival *out)
{
	skip_sp(p);
	if (p->i >= p->n)
		return p->err = -1;
	char c = p->s[p->i];
	if (c == '-' || c == '+') {
		p->i++;
		p->ops++;
		if (parse_factor(p, out))
			return -1;
		if (c == '-') {
			dec t = out->lo;
			out->v = dec_neg(out->v);
			out->lo = dec_neg(out->hi);
			out->hi = dec_neg(t);
		}
		return 0;
	}
	if (c == '(') {
		if (++p->depth > CLAIM_MAX_DEPTH)
			return p->err = -1;
		p->i++;
		if (parse_expr(p, out))
			return -1;
		skip_sp(p);
		if (p->i >= p->n || p->s[p->i] != ')')
			return p->err = -1;
		p->i++;
		p->depth--;
		return 0;
	}
	int pct;
	size_t dcm;
	size_t st = p->i;
	if (parse_number(p, out, &pct, &dcm))
		return p->err = -1;
	if (pct && st > 0) {
		/* "×100%" / "×1%" right after a multiplication sign */
		size_t b = st;
		while (b > 0 && p->s[b - 1] == ' ')
			b--;
		if (b > 0 && p->s[b - 1] == '*') {
			dec one = dec_from_int(1), pct1 = {1, -2};
			if (dec_cmp_fast(&out->v, &one) == 0)
				p->has_x100 = 1;
			else if (dec_cmp_fast(&out->v, &pct1) == 0)
				p->has_x1pct = 1;
		}
	}
	return 0;
}

static int parse_term(parser *p, ival *out)
{
	if (parse_factor(p, out))
		return -1;
	for (;;) {
		skip_sp(p);
		if (p->i >= p->n || (p->s[p->i] != '*' && p->s[p->i] != '/'))
			return 0;
		char op = p->s[p->i++];
		ival r, res;
		p->ops++;
		if (parse_factor(p, &r))
			return -1;
		if ((op == '*' ? ival_mul(out, &r, &res) : ival_div(out, &r, &res)))
			return p->err = -1;
		*out = res;
	}
}

static int parse_expr(parser *p, ival *out)
{
	if (parse_term(p, out))
		return -1;
	for (;;) {
		skip_sp(p);
		if (p->i >= p->n || (p->s[p->i] != '+' && p->s[p->i] != '-'))
			return 0;
		char op = p->s[p->i++];
		ival r, res;
		p->ops++;
		if (parse_term(p, &r) || ival_add(out, &r, op == '+' ? 1 : -1, &res))
			return p->err = -1;
		*out = res;
	}
}

/* Evaluate a whole side; -1 if it is not pure arithmetic. */
static int eval_side(const char *s, size_t n, int money_mag, int stated, ival *out, parser *info)
{
	parser p = {.s = s, .n = n, .money_mag = money_mag, .stated_side = stated};
	if (parse_expr(&p, out))
		return -1;
	skip_sp(&p);
	if (p.i != p.n)
		return -1;
	if (info)
		*info = p;
	return 0;
}

static int overlaps(const ival *a, const ival *b)
{
	if (a->unbounded || b->unbounded)
		return 1;
	return dec_cmp_fast(&a->hi, &b->lo) >= 0 && dec_cmp_fast(&a->lo, &b->hi) <= 0;
}

static ival scaled(ival a, int k)
{
	a.v = dec_shift(a.v, k);
	a.lo = dec_shift(a.lo, k);
	a.hi = dec_shift(a.hi, k);
	return a;
}

/* The literal reading failed: try x/(rest) for "x/a+b" (a missing pair of parentheses). */
static int try_parenthesised(const char *s, size_t n, int money_mag, const ival *stated, char *alt, size_t cap)
{
	const char *slash = memchr(s, '/', n);
	if (!slash || memchr(s, '(', n))
		return 0;
	size_t pre = (size_t)(slash - s) + 1;
	/* close before a trailing "*100%" if there is one */
	size_t end = n;
	const char *star = NULL;
	for (size_t i = pre; i < n; i++)
		if (s[i] == '*')
			star = s + i;
	if (star)
		end = (size_t)(star - s);
	int len = snprintf(alt, cap, "%.*s(%.*s)%.*s", (int)pre, s, (int)(end - pre), s + pre, (int)(n - end), s + end);
	if (len <= 0 || (size_t)len >= cap)
		return 0;
	ival v;
	return eval_side(alt, (size_t)len, money_mag, 0, &v, NULL) == 0 && overlaps(&v, stated);
}

/* A claim that cannot be evaluated: an info finding, and the summary counts it as not checked. */
static void unreadable(jxl_ctx *ctx, const jxl_node *node, const char *zh, const char *en)
{
	ctx->env->dg->unchecked++;
	host_emit_core(ctx, node, 0, 0, "claim/unreadable", 0, zh, en);
}

static const char *ival_text(arena *a, const ival *v, int pct, int places)
{
	dec x = pct ? dec_shift(v->v, 2) : v->v;
	dec r;
	char buf[80];
	if (dec_round(x, places, &r))
		r = x;
	dec_format(dec_normal(r), buf, sizeof buf);
	return arena_printf(a, "%s%s", buf, pct ? "%" : "");
}

int claim_check(jxl_ctx *ctx, const char *rule, const jxl_node *node)
{
	arena *a = ctx->env->a;
	if (node->kind != JXL_STRING)
		return JXL_SKIPPED;
	if (node->slen > CLAIM_MAX_TEXT) {
		unreadable(ctx, node, "算式过长，未检查", "formula too long; not checked");
		return JXL_SKIPPED;
	}
	char *buf = arena_alloc(a, node->slen + 1);
	size_t n = normalise(node->str, node->slen, buf);
	/* sides split by '=' */
	const char *sides[CLAIM_MAX_SIDES];
	size_t lens[CLAIM_MAX_SIDES], ns = 0;
	for (size_t st = 0;;) {
		const char *eq = memchr(buf + st, '=', n - st);
		size_t i = eq ? (size_t)(eq - buf) : n;
		if (ns == CLAIM_MAX_SIDES) {
			unreadable(ctx, node,
				       arena_printf(a, "算式的等号超过 %d 个，未检查", CLAIM_MAX_SIDES - 1),
				       arena_printf(a, "formula with more than %d '=' signs; not checked", CLAIM_MAX_SIDES - 1));
			return JXL_SKIPPED;
		}
		sides[ns] = buf + st;
		lens[ns++] = i - st;
		if (!eq)
			break;
		st = i + 1;
	}
	/* the stated result is the last side; the computed one the last arithmetic side before it */
	ival stated, comp;
	parser info;
	int found = -1;
	/* A quotient or a percent is a pure number: its stated result does not take the
	 * money unit ("…/…×100%=1" in a 万元 submission is 1, not 1万元). */
	int ratio = 0;
	for (size_t k = 0; k + 1 < ns && !ratio; k++)
		ratio = memchr(sides[k], '/', lens[k]) || memchr(sides[k], '%', lens[k]);
	int stated_mag = ratio ? 0 : ctx->doc->money_mag;
	int stated_ok = ns >= 2 && eval_side(sides[ns - 1], lens[ns - 1], stated_mag, 1, &stated, &info) == 0;
	if (stated_ok) {
		for (size_t k = ns - 1; k-- > 0;) {
			parser ci;
			/* a computation: arithmetic with an operator (a side that parses has
			 * no * / + - but the operators it read) */
			if (eval_side(sides[k], lens[k], ctx->doc->money_mag, 0, &comp, &ci) == 0 && ci.ops) {
				found = (int)k;
				info = ci;
				break;
			}
		}
	}
	if (found < 0 && ns >= 2 && stated_ok && !memchr(sides[ns - 1], '%', lens[ns - 1]) && !dec_is_zero(stated.v)) {
		/* "…/计划目标数×100%=1": a formula in words, its result a ratio where ×100% asks for a percent */
		for (size_t k = 0; k + 1 < ns; k++) {
			const char *x = memmem(sides[k], lens[k], "*100%", 5);
			if (!x)
				continue;
			const char *st = arena_strndup(a, sides[ns - 1], lens[ns - 1]);
			ival pct = scaled(stated, 2);
			finding *f = host_emit_core(ctx, node, 0, 0, "claim/percent-slip", 0,
				arena_printf(a, "算式乘以 100%% 后结果写成 %s，应写为百分数 %s%%", st, ival_text(a, &pct, 0, 4)),
				arena_printf(a, "the result after ×100%% is written as %s; write it as a percent, %s%%", st,
					     ival_text(a, &pct, 0, 4)));
			if (f)
				f->stated = st;
			return JXL_BROKEN;
		}
	}
	if (found < 0) {
		unreadable(ctx, node,
			       arena_printf(a, "无法解析算式“%s”，未检查", node->str),
			       arena_printf(a, "cannot read the formula \"%s\"; not checked", node->str));
		return JXL_SKIPPED;
	}
	const char *rs = sides[ns - 1];
	size_t rl = lens[ns - 1];
	int stated_pct = memchr(rs, '%', rl) != NULL;
	/* decimals of the stated result, for display */
	int places = 0;
	for (const char *d = memchr(rs, '.', rl); d && d < rs + rl && ++d < rs + rl && ((*d >= '0' && *d <= '9') || *d == ' ');)
		places += *d != ' ';
	places += 2;
	if (overlaps(&comp, &stated) && !(info.has_x100 && !stated_pct && !dec_is_zero(stated.v)))
		return JXL_HOLDS;   /* before any text is made */
	const char *expr_text = arena_strndup(a, sides[found], lens[found]);
	const char *st_text = arena_strndup(a, rs, rl);
	const char *co_text = ival_text(a, &comp, stated_pct, places);
	const char *computation = arena_printf(a, "%s = %s", expr_text, co_text);
	const char *use_rule = rule;
	const char *zh, *en;
	if (overlaps(&comp, &stated)) {
		use_rule = "claim/percent-slip";
		zh = arena_printf(a, "算式乘以 100%% 后结果写成 %s，应写为百分数 %s", st_text, ival_text(a, &comp, 1, places));
		en = arena_printf(a, "the result after ×100%% is written as %s; write it as a percent, %s", st_text,
				  ival_text(a, &comp, 1, places));
	} else {
		ival up = scaled(comp, 2), down = scaled(comp, -2);
		char alt[CLAIM_MAX_TEXT * 2 + 8];
		if (info.has_x1pct && overlaps(&up, &stated)) {
			use_rule = "claim/percent-slip";
			zh = arena_printf(a, "算式写作“×1%%”，结果 %s 与“×100%%”相符：应为 ×100%%", st_text);
			en = arena_printf(a, "the formula multiplies by 1%%; its result %s fits ×100%%: write ×100%%", st_text);
		} else if (try_parenthesised(sides[found], lens[found], ctx->doc->money_mag, &stated, alt, sizeof alt)) {
			use_rule = "claim/precedence";
			zh = arena_printf(a, "算式按字面计算为 %s，与 %s 不符；加上括号 %s 后相符", co_text, st_text, alt);
			en = arena_printf(a, "read literally the formula gives %s, not %s; it holds as %s (parentheses missing)",
					  co_text, st_text, alt);
		} else if (overlaps(&up, &stated) || overlaps(&down, &stated)) {
			use_rule = "claim/percent-slip";
			zh = arena_printf(a, "算式 %s 计算为 %s，写作 %s：相差 100 倍，百分号或乘数写错", expr_text, co_text, st_text);
			en = arena_printf(a, "%s gives %s but the result is written %s: off by a factor of 100 (percent slip)",
					  expr_text, co_text, st_text);
		} else {
			zh = arena_printf(a, "算式 %s 计算为 %s，但写作 %s", expr_text, co_text, st_text);
			en = arena_printf(a, "%s gives %s, but the result is written as %s", expr_text, co_text, st_text);
		}
	}
	finding *f = host_emit_core(ctx, node, 0, 0, use_rule, 0, zh, en);
	if (f) {
		f->computation = computation;
		f->stated = st_text;
		f->computed = co_text;
		ival d;
		if (overlaps(&comp, &stated))
			f->computed = ival_text(a, &comp, 1, places);   /* the value agrees; only its form is wrong */
		else if (!ival_add(&stated, &comp, -1, &d))
			f->difference = ival_text(a, &d, stated_pct, places);
	}
	return JXL_BROKEN;
}
