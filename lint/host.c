/* host.c — the host side of the plugin ABI: the services table, check contexts, core findings. */
#include "host.h"

#include "config.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

/* ---- document access -------------------------------------------------- */

static const jxl_node *h_root(const jxl_doc *d) { return d ? d->root : NULL; }
static int h_form(const jxl_doc *d) { return d ? d->form : 0; }
static const jxl_node *h_get(const jxl_node *n, const char *key) { return doc_get(n, key); }
static const jxl_node *h_path(const jxl_node *n, const char *p) { return n && p ? doc_path(n, p) : NULL; }
static int h_kind(const jxl_node *n) { return n ? (int)n->kind : JXL_ABSENT; }
static size_t h_len(const jxl_node *n) { return n && (n->kind == JXL_ARRAY || n->kind == JXL_OBJECT) ? n->nkids : 0; }
static const jxl_node *h_at(const jxl_node *n, size_t i) { return i < h_len(n) ? n->kids[i] : NULL; }
static const char *h_key(const jxl_node *n) { return n ? n->key : NULL; }
static const char *h_str(const jxl_node *n) { return n ? n->str : NULL; }
static const jxl_node *h_parent(const jxl_node *n) { return n ? n->parent : NULL; }

static int h_truthy(const jxl_node *n)
{
	if (!n)
		return 0;
	if (n->kind == JXL_BOOL)
		return n->bval;
	if (n->kind == JXL_NUMBER)
		return strspn(n->str, "-0.eE+") != n->slen;
	return 0;
}

/* ---- findings ------------------------------------------------------------ */

/* The sentence a text report stated this in: the nearest "source". */
static const char *source_of(const jxl_node *n)
{
	for (; n; n = n->parent) {
		const jxl_node *s = n->source_member;
		if (s && s->kind == JXL_STRING)
			return s->str;
	}
	return NULL;
}

void host_note_used(check_env *env, const jxl_node *sup)
{
	(void)env;
	((jxl_node *)sup)->sup_used = 1;   /* the host's own mark on the tree it owns */
}

int host_severity(const check_env *env, const char *rule)
{
	const rule_def *d = registry_find(env->reg, rule);
	int base = d ? d->severity : JXL_SEV_ERROR;
	return registry_override_severity(env->reg, rule, config_severity(env->cfg, rule, base));
}

/* Severity in force: configuration beats the finding's own, which beats the default. */
static int resolve_severity(const check_env *env, const char *rule, int asked)
{
	int configured = host_severity(env, rule);
	const rule_def *d = registry_find(env->reg, rule);
	if (!configured)
		return 0;
	if (d && configured != d->severity)
		return configured;        /* the user changed it */
	return asked ? asked : configured;
}

static finding *add_at(jxl_ctx *ctx, const jxl_node *n, int line, int col, const char *rule, int severity)
{
	check_env *env = ctx->env;
	const rule_def *def = registry_find(env->reg, rule);
	if (!def) {
		fprintf(stderr, "jxlint: %s: emitted unknown rule '%s' (dropped)\n", ctx->origin, rule);
		return NULL;
	}
	int sev = resolve_severity(env, rule, severity);
	if (!sev)
		return NULL;
	const jxl_node *sup = doc_disabled(n, rule);
	if (sup) {
		host_note_used(env, sup);
		return NULL;
	}
	finding *f = diag_add(env->dg, n ? n->line : line, n ? n->col : col, sev, def->id);
	if (n)
		f->pointer = doc_pointer(env->a, n);
	f->source = source_of(n);
	return f;
}

finding *host_emit_core(jxl_ctx *ctx, const jxl_node *n, int line, int col, const char *rule,
			int severity, const char *msg_zh, const char *msg_en)
{
	finding *f = add_at(ctx, n, line, col, rule, severity);
	if (f) {
		f->msg_zh = arena_strdup(ctx->env->a, msg_zh);
		f->msg_en = arena_strdup(ctx->env->a, msg_en);
	}
	return f;
}

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

static void fill_figures(jxl_ctx *ctx, finding *f, const jxl_fig *st, const jxl_fig *co, const jxl_fig *df, int places)
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

static void h_emit(jxl_ctx *ctx, const jxl_finding *in)
{
	if (!ctx || !in || in->size < offsetof(jxl_finding, difference) || !in->rule)
		return;
	finding *f = add_at(ctx, in->node, 1, 1, in->rule, in->severity);
	if (!f)
		return;
	arena *a = ctx->env->a;
	f->msg_zh = arena_strdup(a, in->msg_zh ? in->msg_zh : (in->msg_en ? in->msg_en : ""));
	f->msg_en = arena_strdup(a, in->msg_en ? in->msg_en : (in->msg_zh ? in->msg_zh : ""));
	f->computation = arena_strdup(a, in->computation);
	const jxl_fig *df = in->size >= sizeof(jxl_finding) ? in->difference : NULL;
	fill_figures(ctx, f, in->stated, in->computed, df, -1);
}

/* ---- figures ------------------------------------------------------------- */

/* host_fig for a node not read as `as` yet: apart, so that the usual call,
 * a figure read already, needs none of the room for the messages. */
static __attribute__((noinline)) const jxl_fig *fig_first(jxl_ctx *ctx, const jxl_node *n, int as)
{
	jxl_node *m = (jxl_node *)n;   /* the cache is the only mutable part of a node */
	fig_err err;
	err.quiet = 0;
	const jxl_fig *f = fig_read(ctx->env->a, ctx->doc, n, as, &err);
	if (!m->figs) {
		m->figs = arena_alloc_raw(ctx->env->a, sizeof *m->figs);
		*m->figs = (struct doc_figs){0};   /* zeroed by stores, not a call to memset */
	}
	m->figs->done[as] = 1;
	m->figs->fig[as] = f;
	if (!f && err.kind) {
		ctx->env->dg->unchecked++;
		const char *rule = err.kind == 'u' ? "input/unit" : err.kind == 't' ? "input/type" : "input/figure";
		char zh[sizeof err.msg_zh + 300], en[700];
		snprintf(zh, sizeof zh, "%s：%s；依赖它的检查未执行", doc_label(ctx->env->a, n, 1), err.msg_zh);
		snprintf(en, sizeof en, "%s: %s; checks that need it were skipped", doc_label(ctx->env->a, n, 0), err.msg);
		host_emit_core(ctx, n, 0, 0, rule, 0, zh, en);
	}
	return f;
}

const jxl_fig *host_fig(jxl_ctx *ctx, const jxl_node *n, int as)
{
	if (!n || as < 1 || as >= DOC_AS_SLOTS)
		return NULL;
	if (n->figs && n->figs->done[as])
		return n->figs->fig[as];
	return fig_first(ctx, n, as);
}

static const jxl_fig *h_fig(jxl_ctx *ctx, const jxl_node *n, int as) { return ctx ? host_fig(ctx, n, as) : NULL; }
static const jxl_fig *h_add(jxl_ctx *c, const jxl_fig *a, const jxl_fig *b) { return c ? fig_add(c->env->a, a, b) : NULL; }
static const jxl_fig *h_sub(jxl_ctx *c, const jxl_fig *a, const jxl_fig *b) { return c ? fig_sub(c->env->a, a, b) : NULL; }
static const jxl_fig *h_div(jxl_ctx *c, const jxl_fig *a, const jxl_fig *b) { return c ? fig_div(c->env->a, a, b) : NULL; }
static const jxl_fig *h_from_int(jxl_ctx *c, long long v)
{
	if (!c)
		return NULL;
	if (v < 0 || v >= HOST_SMALL_INTS)
		return fig_from_int(c->env->a, v);
	const jxl_fig **f = &c->env->small_int[v];
	if (!*f)
		*f = fig_from_int(c->env->a, v);
	return *f;
}
static int h_is_approx(const jxl_fig *f) { return f && f->approx; }
static int h_bound(const jxl_fig *f) { return f ? f->bound : 0; }
static int h_is_percent(const jxl_fig *f) { return f && f->unit == FIG_PERCENT; }

static int h_cmp(const jxl_fig *a, const jxl_fig *b)
{
	if (!a || !b)
		return 0;
	if (a->unit == FIG_RATIO || b->unit == FIG_RATIO) {
		arena tmp;
		arena_init(&tmp);
		int c = fig_cmp(fig_as_percent(&tmp, a), fig_as_percent(&tmp, b));
		arena_release(&tmp);
		return c;
	}
	return fig_cmp(a, b);
}

/* h_cmp_value of a ratio and a percent: apart, so that the usual call needs no frame. */
static __attribute__((noinline)) int cmp_ratio_percent(const jxl_fig *a, const jxl_fig *b)
{
	if (a->unit == FIG_RATIO)
		return dec_cmp(dec_shift(a->v, 2), b->v);
	return dec_cmp(a->v, dec_shift(b->v, 2));
}

static int h_cmp_value(const jxl_fig *a, const jxl_fig *b)
{
	if (!a || !b)
		return 0;
	if ((a->unit == FIG_RATIO && b->unit == FIG_PERCENT) || (b->unit == FIG_RATIO && a->unit == FIG_PERCENT))
		return cmp_ratio_percent(a, b);
	return fig_cmp_value(a, b);   /* the usual case: no copies, no call when the exponents agree */
}

/* The same value without its literal, so that text() formats it. */
static const jxl_fig *computed_copy(arena *a, const jxl_fig *f)
{
	jxl_fig *c = arena_alloc(a, sizeof *c);
	*c = *f;
	c->node = NULL;
	return c;
}

static const char *h_text(jxl_ctx *ctx, const jxl_fig *f) { return ctx ? fig_text(ctx->env->a, ctx->doc, f, -1) : "?"; }

static int h_to_int(const jxl_fig *f, long long *out)
{
	if (!f)
		return -1;
	dec n = dec_normal(f->v);
	if (n.exp < 0)
		return -1;
	__int128 v = n.coef;
	for (int i = 0; i < n.exp; i++) {
		if (v > (__int128)9e17 || v < -(__int128)9e17)
			return -1;
		v *= 10;
	}
	if (v > (__int128)9e18 || v < -(__int128)9e18)
		return -1;
	*out = (long long)v;
	return 0;
}

static const char *h_fmt(jxl_ctx *ctx, const char *fmt, ...)
{
	if (!ctx || !fmt)
		return "";
	va_list ap;
	va_start(ap, fmt);
	char *s = arena_vprintf(ctx->env->a, fmt, ap);
	va_end(ap);
	return s;
}

static int h_severity(jxl_ctx *ctx, const char *rule) { return ctx && rule ? host_severity(ctx->env, rule) : 0; }
static const jxl_doc *h_doc(jxl_ctx *ctx) { return ctx ? ctx->doc : NULL; }

static const jxl_fig *h_mul(jxl_ctx *c, const jxl_fig *a, const jxl_fig *b) { return c ? fig_mul(c->env->a, a, b) : NULL; }
static const char *h_text_places(jxl_ctx *c, const jxl_fig *f, int places)
{
	return c ? fig_text(c->env->a, c->doc, f && f->node ? computed_copy(c->env->a, f) : f, places < 0 ? 0 : places > 12 ? 12 : places) : "?";
}

static const jxl_fig *h_peek(jxl_ctx *ctx, const jxl_node *n, int as)
{
	if (!ctx || !n || as < 1 || as >= DOC_AS_SLOTS)
		return NULL;
	if (n->figs && n->figs->done[as])
		return n->figs->fig[as];
	fig_err err;
	err.quiet = 1;   /* what cannot be read is not reported here, so not worded either */
	const jxl_fig *f = fig_read(ctx->env->a, ctx->doc, n, as, &err);
	if (f || !err.kind) {   /* what fig() would find and say nothing about: kept for both */
		jxl_node *m = (jxl_node *)n;
		if (!m->figs)
			m->figs = arena_alloc(ctx->env->a, sizeof *m->figs);
		m->figs->done[as] = 1;
		m->figs->fig[as] = f;
	}
	return f;
}

static const jxl_fig *h_peek_tail(jxl_ctx *ctx, const jxl_node *n, int as)
{
	return ctx && as >= 1 && as < DOC_AS_SLOTS ? fig_read_tail(ctx->env->a, ctx->doc, n, as) : NULL;
}

#define HOST_SCRATCH_MAX ((size_t)1 << 30)   /* one scratch request; a document is at most 64 MiB */

static void *h_scratch(jxl_ctx *ctx, size_t n)
{
	return ctx && n <= HOST_SCRATCH_MAX ? arena_alloc(ctx->env->a, n ? n : 1) : NULL;
}

static const jxl_node *h_inherited(const jxl_doc *d, const char *key)
{
	for (; d && key; d = d->parent) {
		const jxl_node *n = doc_get(d->root, key);
		if (n)
			return n;
	}
	return NULL;
}

/* ---- sums ------------------------------------------------------------------ */

static void log_relation(jxl_ctx *ctx, const jxl_fig *total, const jxl_fig **parts, const int *signs,
			 size_t n, int broken, size_t finding_index)
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

/* "预算完成率 5 + 预算控制率 4 + 无新建楼堂馆所 1 = 10" */
static const char *sum_text(jxl_ctx *ctx, const jxl_node *const *nodes, const jxl_fig **figs,
			    const int *signs, size_t n, const jxl_fig *sum, int zh)
{
	arena *a = ctx->env->a;
	size_t shown = n > SUM_TEXT_MAX_PARTS ? SUM_TEXT_MAX_PARTS - 2 : n;
	size_t cap = 128;
	for (size_t i = 0; i < shown; i++)
		cap += 64 + strlen(doc_label(a, nodes[i], zh)) + strlen(fig_text(a, ctx->doc, figs[i], -1));
	char *buf = arena_alloc(a, cap);
	size_t len = 0;
	for (size_t i = 0; i < shown; i++) {
		const char *op = i == 0 ? (signs[i] < 0 ? "−" : "") : (signs[i] < 0 ? " − " : " + ");
		const char *label = doc_label(a, nodes[i], zh);
		len += (size_t)snprintf(buf + len, cap - len, "%s%s%s%s", op, label, *label ? " " : "",
					fig_text(a, ctx->doc, figs[i], -1));
	}
	if (shown < n)
		len += (size_t)snprintf(buf + len, cap - len, zh ? " + …（共 %zu 项）" : " + … (%zu items)", n);
	snprintf(buf + len, cap - len, " = %s", fig_text(a, ctx->doc, sum, -1));
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

static int h_check_sum(jxl_ctx *ctx, const jxl_sum *s)
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
	const jxl_node **nodes = arena_alloc_raw(a, s->nparts * sizeof *nodes);
	int *signs = arena_alloc_raw(a, s->nparts * sizeof *signs);
	size_t n = 0;
	for (size_t i = 0; i < s->nparts; i++) {
		const jxl_node *pn = s->parts[i];
		if (!pn)
			continue;              /* not part of this form */
		const jxl_fig *f = host_fig(ctx, pn, as);
		if (!f)
			return JXL_SKIPPED;    /* written as missing ("—", null): the sum cannot be known; unreadable: reported */
		figs[n] = f;
		nodes[n] = pn;
		signs[n] = s->signs && s->signs[i] < 0 ? -1 : 1;
		n++;
	}
	if (!n)
		return JXL_SKIPPED;
	const jxl_fig *sum = fig_sum(a, figs, signs, n);
	if (!sum)
		return JXL_SKIPPED;
	int c = fig_cmp(sum, config_widen(ctx->env->cfg, a, total));   /* tolerance from configuration, if any */
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
	finding *f = add_at(ctx, s->total, 1, 1, s->rule, sev);
	if (!f) {
		log_relation(ctx, total, figs, signs, n, 0, 0);
		return JXL_BROKEN;
	}
	const char *what_zh = s->what_zh ? s->what_zh : doc_label(a, s->total, 1);
	const char *what_en = s->what_en ? s->what_en : doc_label(a, s->total, 0);
	if (s->size >= offsetof(jxl_sum, what_after_en) + sizeof s->what_after_en) {   /* a third-edition plugin */
		if (s->what_after_zh)
			what_zh = arena_printf(a, "%s%s", what_zh, s->what_after_zh);
		if (s->what_after_en)
			what_en = arena_printf(a, "%s%s", what_en, s->what_after_en);
	}
	const jxl_fig *diff = fig_diff(a, total, sum);
	const char *comp_zh = sum_text(ctx, nodes, figs, signs, n, sum, 1);
	const char *comp_en = sum_text(ctx, nodes, figs, signs, n, sum, 0);
	fill_figures(ctx, f, total, sum, diff, -1);
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

static int h_check_rate(jxl_ctx *ctx, const jxl_rate *r)
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
		finding *f = add_at(ctx, r->stated, 1, 1, "rates/not-checked", 0);
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
		finding *f = add_at(ctx, r->stated, 1, 1, "rates/zero-denominator", 0);
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
	finding *f = add_at(ctx, r->stated, 1, 1, rule, sev);
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

static int h_check_claim(jxl_ctx *ctx, const char *rule, const jxl_node *text)
{
	if (!ctx || !rule || !text)
		return JXL_SKIPPED;
	return claim_check(ctx, rule, text);
}

/* ---- the table ----------------------------------------------------------- */

static const jxl_host table = {
	.size = sizeof(jxl_host),
	.abi_version = JXL_ABI_VERSION,
	.root = h_root,
	.form = h_form,
	.get = h_get,
	.path = h_path,
	.kind = h_kind,
	.len = h_len,
	.at = h_at,
	.key = h_key,
	.str = h_str,
	.truthy = h_truthy,
	.parent = h_parent,
	.fig = h_fig,
	.add = h_add,
	.sub = h_sub,
	.div = h_div,
	.from_int = h_from_int,
	.cmp = h_cmp,
	.cmp_value = h_cmp_value,
	.is_approx = h_is_approx,
	.bound = h_bound,
	.is_percent = h_is_percent,
	.text = h_text,
	.to_int = h_to_int,
	.emit = h_emit,
	.check_sum = h_check_sum,
	.check_rate = h_check_rate,
	.check_claim = h_check_claim,
	.fmt = h_fmt,
	.severity = h_severity,
	.doc = h_doc,
	.mul = h_mul,
	.text_places = h_text_places,
	.peek = h_peek,
	.inherited = h_inherited,
	.peek_tail = h_peek_tail,
	.scratch = h_scratch,
};

const jxl_host *host_table(void)
{
	return &table;
}

void host_finish(jxl_ctx *ctx)
{
	check_env *env = ctx->env;
	/* Every "$lint.disable" entry: a reason, and something silenced.
	 * Depth-first over containers; the stack grows in the arena. */
	size_t cap = 64, sp = 0;
	const jxl_node **stack = arena_alloc(env->a, cap * sizeof *stack);
	stack[sp++] = ctx->doc->root;
	while (sp) {
		const jxl_node *n = stack[--sp];
		for (size_t i = n->nkids; i-- > 0;) {
			if (!n->kids[i]->has_lint)   /* no "$lint" there or below: nothing to report */
				continue;
			if (sp == cap) {
				const jxl_node **v = arena_alloc(env->a, 2 * cap * sizeof *v);
				memcpy(v, stack, cap * sizeof *v);
				stack = v;
				cap *= 2;
			}
			stack[sp++] = n->kids[i];
		}
		const jxl_node *dis = n->lint_member ? doc_get(n->lint_member, "disable") : NULL;   /* $lint.disable */
		if (n->kind != JXL_OBJECT || !dis || dis->kind != JXL_OBJECT)
			continue;
		for (size_t i = 0; i < dis->nkids; i++) {
			const jxl_node *e = dis->kids[i];
			if (e->kind != JXL_STRING || !e->slen)
				host_emit_core(ctx, e, 0, 0, "input/suppression", 0,
					       arena_printf(env->a, "屏蔽规则 %s 未写理由：请写明为何可以接受", e->key),
					       arena_printf(env->a, "suppression of %s gives no reason: say why it is acceptable", e->key));
			if (!e->sup_used)
				host_emit_core(ctx, e, 0, 0, "input/unused-suppression", 0,
					       arena_printf(env->a, "屏蔽规则 %s 未屏蔽任何问题，可以删除", e->key),
					       arena_printf(env->a, "suppression of %s silenced nothing; remove it", e->key));
		}
	}
}
