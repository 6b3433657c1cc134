/* fig_read.c — nodes read as figures: a JSON number or a text as people write it, with its unit and the interval it stands for. */
#include "fig_plain.h"

#include <stdio.h>
#include <string.h>

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

/* nf's noun in the arena: the whole array, NUL-padded, copied without a strlen. */
static const char *noun_copy(arena *a, const num_fig *nf)
{
	char *p = arena_alloc_raw(a, sizeof nf->noun);
	memcpy(p, nf->noun, sizeof nf->noun);
	return p;
}

/* fig_read for every node but a JSON number written plainly, or (fast 0) for every node.
 * Apart, so that the usual call needs none of its room for messages. */
static __attribute__((noinline)) const jxl_fig *read_fig(arena *a, const jxl_doc *d, const jxl_node *n, int as,
							  fig_err *err, int fast)
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
	int rc = fast ? num_parse(n->str, n->slen, &nf, err->quiet ? NULL : &ne)
		      : num_parse_general(n->str, n->slen, &nf, err->quiet ? NULL : &ne);
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
		/* from the value as stored: v itself then needs no room of its own on the stack */
		inf = dec_add_fast(&f->v, &half, -1, &f->lo) || dec_add_fast(&f->v, &half, 1, &f->hi);
	}
	if (approx)   /* 2万余, 超过109.1万: at least the value */
		f->lo = f->v;
	f->lo_inf = inf;   /* the marks one after another: adjacent stores */
	f->hi_inf = inf || approx;
	f->approx = approx;
	f->rounded = (unsigned)rounded;
	f->permille = (unsigned)permille;
	f->unit = unit;
	f->pexp = pexp;
	f->mag = mag;
	f->bound = bounds[nf.qual];
	f->noun = nf.unit == NUM_UNIT_NOUN ? noun_copy(a, &nf) : NULL;
	f->node = n;
	return f;
}

/* fig_read of a JSON number: apart, so that a text goes on to read_fig
 * without saving the registers this path needs. */
static __attribute__((noinline)) const jxl_fig *read_number(arena *a, const jxl_doc *d, const jxl_node *n, int as,
							     fig_err *err)
{
	dec v;
	int decimals;
	/* nearly always plain: read without num_parse's other shapes */
	if (fig_plain_parse(n, &v, &decimals)) {
		jxl_fig *f = arena_alloc_raw(a, sizeof *f);
		fig_plain_fill(f, d, n, as, v, decimals);
		err->kind = 0;
		err->msg[0] = err->msg_zh[0] = '\0';
		return f;
	}
	return read_fig(a, d, n, as, err, 1);
}

const jxl_fig *fig_read(arena *a, const jxl_doc *d, const jxl_node *n, int as, fig_err *err)
{
	if (n && n->kind == JXL_NUMBER)
		return read_number(a, d, n, as, err);
	return read_fig(a, d, n, as, err, 1);
}

const jxl_fig *fig_read_general(arena *a, const jxl_doc *d, const jxl_node *n, int as, fig_err *err)
{
	return read_fig(a, d, n, as, err, 0);
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

