/* host_check.c — the relations the host evaluates for plugins (check_sum, check_rate): intervals compared, findings worded. */
#include "host.h"

#include "config.h"

#include <stdio.h>
#include <string.h>

/* ---- figures of a finding ---------------------------------------------- */

static const char *tolerance_text(jxl_ctx *ctx, const jxl_fig *s, const jxl_fig *c)
{
	if (!s || !c || s->lo_inf || s->hi_inf || c->lo_inf || c->hi_inf)
		return NULL;
	dec ws, wc, w, half;
	if (dec_sub(s->hi, s->lo, &ws) || dec_sub(c->hi, c->lo, &wc) || dec_add(ws, wc, &w))
		return NULL;
	if (dec_is_zero(w))
		return "0";
	if (dec_div(w, dec_from_int(2), 12, &half) || dec_round(half, 4, &half))
		return NULL;   /* four decimals are plenty to say how much slack there was */
	if (s->unit == FIG_MONEY)
		half = dec_shift(half, -ctx->doc->money_mag);   /* in the unit the figures are shown in */
	char buf[80];
	dec_format(dec_normal(half), buf, sizeof buf);
	return arena_printf(ctx->env->a, "%s%s", buf, fig_unit_suffix(ctx->doc, s));
}

void host_fill_figures(jxl_ctx *ctx, finding *f, const jxl_fig *st, const jxl_fig *co, const jxl_fig *df, int places)
{
	arena *a = ctx->env->a;
	const jxl_doc *d = ctx->doc;
	if (st)
		f->stated = fig_text(a, d, st, places);
	if (co)
		f->computed = fig_text(a, d, co, places);
	if (!df && st && co && st->unit == co->unit)
		df = fig_diff(a, st, co);
	if (df)
		f->difference = fig_text(a, d, df, places);
	f->tolerance = tolerance_text(ctx, st, co);
}

/* ---- sums ------------------------------------------------------------------ */

static inline __attribute__((always_inline)) void log_relation(jxl_ctx *ctx, const jxl_fig *total,
								 const jxl_fig **parts, const int *signs, size_t n,
								 int broken, size_t finding_index)
{
	check_env *env = ctx->env;
	if (env->nrel == env->relcap) {
		size_t cap = env->relcap ? env->relcap * 2 : 16;
		relation *v = arena_alloc_raw(env->a, cap * sizeof *v);   /* not zeroed: entries are written before they are read */
		if (env->nrel)
			memcpy(v, env->rel, env->nrel * sizeof *v);
		env->rel = v;
		env->relcap = cap;
	}
	relation *r = &env->rel[env->nrel++];
	r->total = total;
	r->parts = parts;
	r->signs = signs;
	r->nparts = n;
	r->broken = broken;
	r->finding = finding_index;
}

#define SUM_TEXT_MAX_PARTS 12   /* addends listed in a message; the rest are counted */

/* s at buf + *len, no NUL (the room was counted). */
static void put(char *buf, size_t *len, const char *s)
{
	size_t k = strlen(s);
	memcpy(buf + *len, s, k);
	*len += k;
}

/* "预算完成率 5 + 预算控制率 4 + 无新建楼堂馆所 1 = 10": the parts labelled
 * in Chinese (zh) or English, with their figures' texts (texts, the same
 * in both: made once) and the sum's text. */
static const char *sum_text(arena *a, const jxl_node *const *nodes, const char *const *texts, const int *signs,
			    size_t n, const char *sum, int zh)
{
	size_t shown = n > SUM_TEXT_MAX_PARTS ? SUM_TEXT_MAX_PARTS - 2 : n;
	size_t cap = 128 + strlen(sum), len = 0;   /* 128: the count of parts not shown, " = ", the NUL */
	const char **labels = arena_alloc_raw(a, shown * sizeof *labels);
	for (size_t i = 0; i < shown; i++) {
		labels[i] = doc_label(a, nodes[i], zh);
		cap += 8 + strlen(labels[i]) + strlen(texts[i]);   /* 8: the operator and a blank */
	}
	char *buf = arena_alloc_raw(a, cap);
	for (size_t i = 0; i < shown; i++) {
		put(buf, &len, i == 0 ? (signs[i] < 0 ? "−" : "") : (signs[i] < 0 ? " − " : " + "));
		put(buf, &len, labels[i]);
		put(buf, &len, *labels[i] ? " " : "");
		put(buf, &len, texts[i]);
	}
	if (shown < n)
		len += (size_t)snprintf(buf + len, cap - len, zh ? " + …（共 %zu 项）" : " + … (%zu items)", n);
	put(buf, &len, " = ");
	put(buf, &len, sum);
	buf[len] = '\0';
	return buf;
}

/* Figures read from OCR ("24, 028, 491. 84", "2. 0") are doubtful readings. */
static int ocr_spaced(const jxl_fig *f)
{
	const jxl_node *n = f ? f->node : NULL;
	if (!n || n->kind != JXL_STRING)
		return 0;
	for (size_t i = 0; i + 2 < n->slen + 1 && i + 1 < n->slen; i++)
		if ((n->str[i] == '.' || n->str[i] == ',') && n->str[i + 1] == ' ')
			return 1;
	return 0;
}

#define SUM_PLUS_ONES 64   /* parts of a sum without signs whose signs need no memory of their own */

/* The signs of a sum that adds every part (at most SUM_PLUS_ONES), kept
 * with it (relation.signs) as its own would be. */
static const int plus_ones[SUM_PLUS_ONES] = {
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
};

/* The parts of s read `as` into figs (and their signs into own when
 * with_signs), added into *x while they can be (*exact 0 from the first
 * that cannot): how many were read, or -1 when one is missing or
 * unreadable. Inline, once with signs and once without. */
static inline __attribute__((always_inline)) long read_parts(jxl_ctx *ctx, const jxl_sum *s, int as, const jxl_fig **figs,
							    int *own, fig_exact *x, int *exact, int with_signs)
{
	size_t n = 0;
	for (size_t i = 0; i < s->nparts; i++) {
		const jxl_node *pn = s->parts[i];
		if (!pn)
			continue;              /* not part of this form */
		const jxl_fig *f = host_fig(ctx, pn, as);
		if (!f)
			return -1;             /* written as missing ("—", null): the sum cannot be known; unreadable: reported */
		int sign = with_signs && s->signs && s->signs[i] < 0 ? -1 : 1;
		figs[n] = f;
		if (with_signs)
			own[n] = sign;
		if (!n)
			fig_exact_start(x, f, sign);
		*exact = *exact && fig_exact_add(x, f, sign);
		n++;
	}
	return (long)n;
}

int host_check_sum(jxl_ctx *ctx, const jxl_sum *s)
{
	if (!ctx || !s || s->size < offsetof(jxl_sum, short_severity) || !s->rule)
		return JXL_SKIPPED;
	arena *a = ctx->env->a;
	int as = s->as ? s->as : JXL_AS_MONEY;
	const jxl_fig *total = host_fig(ctx, s->total, as);
	if (!total || !s->nparts)
		return JXL_SKIPPED;
	/* not zeroed: the first n entries are written before they are read, the rest never are */
	const jxl_fig **figs = arena_alloc_raw(a, s->nparts * sizeof *figs);
	int *own = s->signs || s->nparts > SUM_PLUS_ONES ? arena_alloc_raw(a, s->nparts * sizeof *own) : NULL;
	const int *signs = own ? own : plus_ones;   /* most sums add every part: no signs to write */
	fig_exact x = {0};   /* the sum, added as read_parts reads the parts (fig_sum_cmp's way); zeroed only for the compiler */
	int exact = 1;
	/* most sums add every part, and have no signs to read or write: a loop of their own */
	long got = own ? read_parts(ctx, s, as, figs, own, &x, &exact, 1) : read_parts(ctx, s, as, figs, NULL, &x, &exact, 0);
	if (got <= 0)
		return JXL_SKIPPED;
	size_t n = (size_t)got;
	const jxl_fig *wide = config_widen(ctx->env->cfg, a, total);   /* tolerance from configuration, if any */
	const jxl_fig *sum = NULL;   /* made here only when the register cannot compare without it */
	int c;
	if (exact) {
		c = fig_exact_cmp(&x, wide);
	} else {
		if (!(sum = fig_sum(a, figs, signs, n)))
			return JXL_SKIPPED;
		c = fig_cmp(sum, wide);
	}
	int sev = 0;
	const char *zh_how = NULL, *en_how = NULL;
	if (s->mode == JXL_SUM_LE) {
		if (c > 0) {
			zh_how = "各部分合计超过总数";
			en_how = "its parts add up to more than the whole";
		} else if (c < 0 && s->short_severity) {
			sev = s->short_severity;
			zh_how = "各部分合计少于总数";
			en_how = "its parts add up to less than the whole";
		}
	} else if (c != 0) {
		zh_how = "各项合计与之不符";
		en_how = "its parts do not add up to it";
	}
	if (!zh_how) {
		log_relation(ctx, total, figs, signs, n, 0, 0);
		return JXL_HOLDS;
	}
	finding *f = host_add_at(ctx, s->total, 1, 1, s->rule, sev);
	if (!f) {
		log_relation(ctx, total, figs, signs, n, 0, 0);
		return JXL_BROKEN;
	}
	if (!sum)
		sum = fig_sum(a, figs, signs, n);   /* the same sum, exact: no overflow */
	const char *what_zh = s->what_zh ? s->what_zh : doc_label(a, s->total, 1);
	const char *what_en = s->what_en ? s->what_en : doc_label(a, s->total, 0);
	if (s->size >= offsetof(jxl_sum, what_after_en) + sizeof s->what_after_en) {   /* a third-edition plugin */
		if (s->what_after_zh)
			what_zh = arena_printf(a, "%s%s", what_zh, s->what_after_zh);
		if (s->what_after_en)
			what_en = arena_printf(a, "%s%s", what_en, s->what_after_en);
	}
	const jxl_fig *diff = fig_diff(a, total, sum);
	size_t shown = n > SUM_TEXT_MAX_PARTS ? SUM_TEXT_MAX_PARTS - 2 : n;
	const char **texts = arena_alloc_raw(a, shown * sizeof *texts);
	for (size_t i = 0; i < shown; i++)
		texts[i] = fig_text(a, ctx->doc, figs[i], -1);
	const jxl_node **nodes = arena_alloc_raw(a, n * sizeof *nodes);   /* the parts summed: those present, in order */
	for (size_t i = 0, k = 0; i < s->nparts; i++)
		if (s->parts[i])
			nodes[k++] = s->parts[i];
	const char *sum_t = fig_text(a, ctx->doc, sum, -1);
	const char *comp_zh = sum_text(a, nodes, texts, signs, n, sum_t, 1);
	const char *comp_en = sum_text(a, nodes, texts, signs, n, sum_t, 0);
	host_fill_figures(ctx, f, total, sum, diff, -1);
	f->computation = comp_en;
	int ocr = ocr_spaced(total);
	for (size_t i = 0; i < n && !ocr; i++)
		ocr = ocr_spaced(figs[i]);
	if (ocr && f->severity == JXL_SEV_ERROR && host_severity(ctx->env, s->rule) == registry_find(ctx->env->reg, s->rule)->severity) {
		/* a doubtful (OCR) reading is at most a warning */
		f->severity = JXL_SEV_WARNING;
		ctx->env->dg->counts[JXL_SEV_ERROR]--;
		ctx->env->dg->counts[JXL_SEV_WARNING]++;
	}
	f->msg_zh = arena_printf(a, "%s为 %s，%s：%s，相差 %s%s", what_zh, f->stated, zh_how, comp_zh, f->difference,
				 ocr ? "（数字含 OCR 空格，读取存疑，按警告处理）" : "");
	f->msg_en = arena_printf(a, "%s is %s, but %s: %s, difference %s%s", what_en, f->stated, en_how, comp_en, f->difference,
				 ocr ? " (figures carry OCR spacing: a doubtful reading, so a warning)" : "");
	log_relation(ctx, total, figs, signs, n, 1, (size_t)(f - ctx->env->dg->v));
	return JXL_BROKEN;
}

/* ---- rates ----------------------------------------------------------------- */

static const char *plain_number(arena *a, dec v)
{
	char buf[80];
	dec_format(dec_normal(v), buf, sizeof buf);
	return arena_strdup(a, buf);
}

/* A bare number read as a percent without its sign: 87.93 → 87.93%. */
static const jxl_fig *ratio_as_written_percent(arena *a, const jxl_fig *ratio)
{
	jxl_fig *f = arena_alloc(a, sizeof *f);
	*f = *ratio;
	f->unit = FIG_PERCENT;
	return f;
}

static int places_of(const jxl_fig *stated_pct)
{
	int p = -stated_pct->pexp + 2;
	return p < 2 ? 2 : p > 6 ? 6 : p;
}

int host_check_rate(jxl_ctx *ctx, const jxl_rate *r)
{
	if (!ctx || !r || r->size < offsetof(jxl_rate, what_en) || !r->rule)
		return JXL_SKIPPED;
	arena *a = ctx->env->a;
	int as = r->size >= sizeof(jxl_rate) && r->as ? r->as : JXL_AS_MONEY;
	const jxl_fig *stated = host_fig(ctx, r->stated, JXL_AS_RATE);
	if (!stated)
		return JXL_SKIPPED;
	const jxl_fig *num = r->num_fig ? r->num_fig : host_fig(ctx, r->num, as);
	const jxl_fig *den = r->den_fig ? r->den_fig : host_fig(ctx, r->den, as);
	if (!num || !den) {
		/* a stated rate nobody can recompute: say so, never a silent pass */
		const jxl_node *gone = !num ? r->num : r->den;
		const char *which_zh = gone ? doc_label(a, gone, 1) : "分子或分母";
		const char *which_en = gone ? doc_label(a, gone, 0) : "its numerator or denominator";
		ctx->env->dg->unchecked++;
		finding *f = host_add_at(ctx, r->stated, 1, 1, "rates/not-checked", 0);
		if (f) {
			f->stated = fig_text(a, ctx->doc, stated, -1);
			f->msg_zh = arena_printf(a, "%s写作 %s，但缺少%s，无法复核", r->what_zh ? r->what_zh : doc_label(a, r->stated, 1),
						 f->stated, which_zh);
			f->msg_en = arena_printf(a, "%s is stated as %s, but %s is missing: it cannot be recomputed",
						 r->what_en ? r->what_en : doc_label(a, r->stated, 0), f->stated, which_en);
		}
		return JXL_SKIPPED;
	}
	const char *what_zh, *what_en;
	if (r->absolute)
		num = fig_abs(a, num);
	if (dec_is_zero(den->v)) {
		what_zh = r->what_zh ? r->what_zh : doc_label(a, r->stated, 1);
		what_en = r->what_en ? r->what_en : doc_label(a, r->stated, 0);
		finding *f = host_add_at(ctx, r->stated, 1, 1, "rates/zero-denominator", 0);
		if (f) {
			f->stated = fig_text(a, ctx->doc, stated, -1);
			f->msg_zh = arena_printf(a, "%s写作 %s，但其分母为 0，比率无定义：应填“不适用”而非数值",
						 what_zh, f->stated);
			f->msg_en = arena_printf(a, "%s is stated as %s, but its denominator is 0: the rate is undefined (write N/A)",
						 what_en, f->stated);
		}
		return JXL_SKIPPED;
	}
	const jxl_fig *computed = fig_div(a, num, den);
	if (!computed)
		return JXL_SKIPPED;
	const jxl_fig *pct = fig_as_percent(a, stated);
	int places = places_of(pct);
	if ((stated->unit != FIG_RATIO || dec_is_zero(stated->v)) && fig_cmp(config_widen(ctx->env->cfg, a, pct), computed) == 0)
		return JXL_HOLDS;   /* before any text is made: most rates hold */
	what_zh = r->what_zh ? r->what_zh : doc_label(a, r->stated, 1);
	what_en = r->what_en ? r->what_en : doc_label(a, r->stated, 0);
	const char *comp = arena_printf(a, "%s ÷ %s × 100%% = %s", fig_text(a, ctx->doc, num, -1),
					fig_text(a, ctx->doc, den, -1), fig_text(a, ctx->doc, computed, places));
	const char *rule = r->rule;
	int sev = 0;
	const char *zh, *en;
	const char *st = fig_text(a, ctx->doc, stated, -1);
	const char *co = fig_text(a, ctx->doc, computed, places);
	if (fig_cmp(config_widen(ctx->env->cfg, a, pct), computed) == 0) {
		if (stated->unit != FIG_RATIO || dec_is_zero(stated->v))
			return JXL_HOLDS;   /* a bare 0 is 0% either way */
		rule = "rates/ratio-form";
		zh = arena_printf(a, "%s写作小数 %s，应写为百分数 %s", what_zh, st, co);
		en = arena_printf(a, "%s is written as the ratio %s; write it as a percent, %s", what_en, st, co);
	} else if (stated->unit == FIG_RATIO && fig_cmp(ratio_as_written_percent(a, stated), computed) == 0) {
		rule = "rates/ratio-form";
		zh = arena_printf(a, "%s写作 %s，缺少百分号：应为 %s%%", what_zh, st, st);
		en = arena_printf(a, "%s is written as %s without a percent sign: write %s%%", what_en, st, st);
	} else if (fig_truncates_to(pct, computed)) {
		rule = "rates/truncated";
		zh = arena_printf(a, "%s为 %s，按 %s 四舍五入应为 %s；差异可由截位解释", what_zh, st, comp,
				  fig_text(a, ctx->doc, computed, -pct->pexp));
		en = arena_printf(a, "%s is %s; %s rounds to %s, so the figure looks truncated", what_en, st, comp,
				  fig_text(a, ctx->doc, computed, -pct->pexp));
	} else {
		jxl_fig *as_ratio = arena_alloc(a, sizeof *as_ratio);
		*as_ratio = *pct;
		as_ratio->v = dec_shift(pct->v, 2);
		as_ratio->lo = dec_shift(pct->lo, 2);
		as_ratio->hi = dec_shift(pct->hi, 2);
		int slip = stated->unit == FIG_PERCENT && !dec_is_zero(stated->v) && fig_cmp(as_ratio, computed) == 0;
		zh = arena_printf(a, "%s为 %s，但按数据计算为 %s%s", what_zh, st, comp,
				  slip ? arena_printf(a, "；%s 像是比值 %s 后误加了百分号", st, plain_number(a, stated->v)) : "");
		en = arena_printf(a, "%s is %s, but the figures give %s%s", what_en, st, comp,
				  slip ? "; it looks like the ratio written with a % appended" : "");
	}
	finding *f = host_add_at(ctx, r->stated, 1, 1, rule, sev);
	if (!f)
		return JXL_BROKEN;
	f->msg_zh = zh;
	f->msg_en = en;
	f->computation = comp;
	f->stated = st;
	f->computed = co;
	const jxl_fig *diff = fig_diff(a, pct, computed);
	f->difference = diff ? fig_text(a, ctx->doc, diff, places) : NULL;
	f->tolerance = tolerance_text(ctx, pct, computed);
	return JXL_BROKEN;
}
