/* host.c — the host side of the plugin ABI: the services table, check contexts, core findings. */
#include "host.h"

#include "config.h"
#include "fig_plain.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

/* ---- document access -------------------------------------------------- */

static const jxl_node *h_root(const jxl_doc *d) { return d ? d->root : NULL; }
static int h_form(const jxl_doc *d) { return d ? d->form : 0; }
static const jxl_node *h_path(const jxl_node *n, const char *p) { return n && p ? doc_path(n, p) : NULL; }
static int h_kind(const jxl_node *n) { return n ? (int)n->kind : JXL_ABSENT; }
/* Only arrays and objects have kids: every other node's nkids is 0 (jparse.c). */
static size_t h_len(const jxl_node *n) { return n ? n->nkids : 0; }
static const jxl_node *h_at(const jxl_node *n, size_t i) { return n && i < n->nkids ? n->kids[i] : NULL; }
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
		const jxl_node *s = doc_source_member(n);
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

/* host_severity of a rule whose definition d (or NULL) is found already. */
static int severity_of(const check_env *env, const rule_def *d, const char *rule)
{
	int base = d ? d->severity : JXL_SEV_ERROR;
	return registry_override_severity(env->reg, rule, config_severity(env->cfg, rule, base));
}

int host_severity(const check_env *env, const char *rule)
{
	return severity_of(env, registry_find(env->reg, rule), rule);
}

/* Severity in force: configuration beats the finding's own, which beats
 * the default. d: the rule's definition (not NULL). */
static int resolve_severity(const check_env *env, const rule_def *d, const char *rule, int asked)
{
	int configured = severity_of(env, d, rule);
	if (!configured)
		return 0;
	if (configured != d->severity)
		return configured;        /* the user changed it */
	return asked ? asked : configured;
}

finding *host_add_at(jxl_ctx *ctx, const jxl_node *n, int line, int col, const char *rule, int severity)
{
	check_env *env = ctx->env;
	const rule_def *def = registry_find(env->reg, rule);
	if (!def) {
		fprintf(stderr, "jxlint: %s: emitted unknown rule '%s' (dropped)\n", ctx->origin, rule);
		return NULL;
	}
	int sev = resolve_severity(env, def, rule, severity);
	if (!sev)
		return NULL;
	const jxl_node *sup = doc_disabled(n, rule);
	if (sup) {
		host_note_used(env, sup);
		return NULL;
	}
	finding *f = diag_add(env->dg, n ? n->line : line, n ? n->col : col, sev, def->id);
	f->node = n;   /* its JSON pointer made only if shown (diag_pointer) */
	f->source = source_of(n);
	return f;
}

finding *host_emit_core(jxl_ctx *ctx, const jxl_node *n, int line, int col, const char *rule,
			int severity, const char *msg_zh, const char *msg_en)
{
	finding *f = host_add_at(ctx, n, line, col, rule, severity);
	if (f) {
		f->msg_zh = arena_strdup(ctx->env->a, msg_zh);
		f->msg_en = arena_strdup(ctx->env->a, msg_en);
	}
	return f;
}

static void h_emit(jxl_ctx *ctx, const jxl_finding *in)
{
	if (!ctx || !in || in->size < offsetof(jxl_finding, difference) || !in->rule)
		return;
	finding *f = host_add_at(ctx, in->node, 1, 1, in->rule, in->severity);
	if (!f)
		return;
	arena *a = ctx->env->a;
	f->msg_zh = arena_strdup(a, in->msg_zh ? in->msg_zh : (in->msg_en ? in->msg_en : ""));
	f->msg_en = arena_strdup(a, in->msg_en ? in->msg_en : (in->msg_zh ? in->msg_zh : ""));
	f->computation = arena_strdup(a, in->computation);
	const jxl_fig *df = in->size >= sizeof(jxl_finding) ? in->difference : NULL;
	host_fill_figures(ctx, f, in->stated, in->computed, df, -1);
}

/* ---- figures ------------------------------------------------------------- */

/* Keep f as n's figure read `as`. */
static inline __attribute__((always_inline)) void keep_fig(jxl_ctx *ctx, const jxl_node *n, int as, const jxl_fig *f)
{
	jxl_node *m = (jxl_node *)n;   /* the cache is the only mutable part of a node */
	if (!m->figs) {
		m->figs = arena_alloc_raw(ctx->env->a, sizeof *m->figs);
		*m->figs = (struct doc_figs){0};   /* zeroed by stores, not a call to memset */
	}
	m->figs->done[as] = 1;
	m->figs->fig[as] = f;
}

/* host_fig_first for every node but a plain JSON number: read with room
 * for the messages of what cannot be read, and those reported. */
static __attribute__((noinline)) const jxl_fig *fig_first_read(jxl_ctx *ctx, const jxl_node *n, int as)
{
	fig_err err;
	err.quiet = 0;
	const jxl_fig *f = fig_read(ctx->env->a, ctx->doc, n, as, &err);
	keep_fig(ctx, n, as, f);
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

_Static_assert(sizeof(jxl_fig) % _Alignof(struct doc_figs) == 0, "a node's cache may follow its first figure");

/* Apart from host_fig (host.h), so that the usual call, a figure read
 * already, is inline. The usual first read, a plain JSON number, needs
 * none of the room for messages, and its figure and the node's cache are
 * one allocation when the node has none yet (fig_read's own path for it:
 * the same figure). */
const jxl_fig *host_fig_first(jxl_ctx *ctx, const jxl_node *n, int as)
{
	if (n->kind != JXL_NUMBER)   /* before anything the number path needs is set up */
		return fig_first_read(ctx, n, as);
	dec v;
	int decimals;
	if (!fig_plain_parse(n, &v, &decimals))
		return fig_first_read(ctx, n, as);
	jxl_node *m = (jxl_node *)n;   /* the cache is the only mutable part of a node */
	jxl_fig *f;
	if (!m->figs) {
		f = arena_alloc_raw(ctx->env->a, sizeof *f + sizeof *m->figs);   /* the figure first: it is 16-aligned */
		m->figs = (struct doc_figs *)(f + 1);
		*m->figs = (struct doc_figs){0};
	} else {
		f = arena_alloc_raw(ctx->env->a, sizeof *f);
	}
	fig_plain_fill(f, ctx->doc, n, as, v, decimals);
	m->figs->done[as] = 1;
	m->figs->fig[as] = f;
	return f;
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
	return f ? fig_to_int(f, out) : -1;
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
	if (f || !err.kind)   /* what fig() would find and say nothing about: kept for both */
		keep_fig(ctx, n, as, f);
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
	.get = doc_get,   /* the same contract: NULL for a NULL node or key */
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
	.check_sum = host_check_sum,
	.check_rate = host_check_rate,
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
		const jxl_node *lint = doc_lint_member(n);
		const jxl_node *dis = lint ? doc_get(lint, "disable") : NULL;   /* $lint.disable */
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
