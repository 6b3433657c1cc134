/* packrun.c — check one document against the rules of a pack: evaluate, place and word each finding, say why a rule was skipped. */
#include "packrun.h"
#include "timing.h"

#include <string.h>

/* The texts of the figures one finding shows: a figure is often shown in
 * both languages, and again as the stated or computed one. */
typedef struct fig_texts {
	const jxl_fig *f[8];
	const char *s[8];
	int n;
} fig_texts;

static const char *text_of(eval_env *e, fig_texts *ft, ev_val v, int zh)
{
	if (v.t != EV_FIG || !v.f)
		return eval_text(e, v, zh);
	for (int i = 0; i < ft->n; i++)
		if (ft->f[i] == v.f)
			return ft->s[i];
	const char *s = eval_text(e, v, zh);   /* a figure's text is the same in both languages */
	if (ft->n < 8) {
		ft->f[ft->n] = v.f;
		ft->s[ft->n++] = s;
	}
	return s;
}

/* The values of the placeholders a rule's messages write more than once
 * (pack_msg_part.share), kept while one finding is worded, with the steps
 * each took. */
typedef struct msg_memo {
	unsigned have;             /* bit s: slot s is kept */
	ev_val v[PACK_MSG_SHARED];
	long steps[PACK_MSG_SHARED];
} msg_memo;

/* The value of placeholder p. One written the same way as an earlier one
 * takes that one's value and steps: evaluated again, it would come to the
 * same value in as many steps (the evaluator's caches take the steps they
 * save), unless that runs out of steps (then it is evaluated, and runs out
 * as before). But a let's steps are taken once, when it is first evaluated:
 * a placeholder that evaluated one is not kept. */
static ev_val placeholder(eval_env *e, const pack_msg_part *p, msg_memo *mm)
{
	int s = p->share;
	if (s >= 0 && (mm->have & 1u << s) && mm->steps[s] <= e->max_steps - e->steps) {
		e->steps += mm->steps[s];
		return mm->v[s];
	}
	long before = e->steps;
	unsigned long lets = e->letruns;
	ev_val v = eval_expr(e, p->ph);
	if (s >= 0 && e->letruns == lets && e->err != EVE_STEPS) {
		mm->v[s] = v;
		mm->steps[s] = e->steps - before;
		mm->have |= 1u << s;
	}
	return v;
}

/* A message with its placeholders filled in. Placeholders are evaluated
 * after the assertion, so {lhs} {rhs} {diff} are its last comparison's. */
static const char *format_msg(eval_env *e, const pack_msg *m, int zh, fig_texts *ft, msg_memo *mm)
{
	ev_val lhs = e->lhs, rhs = e->rhs;
	const expr *cmp = e->cmp;
	int held = e->cmp_held;
	size_t cap = 1;
	struct piece {
		const char *s;
		size_t len;
	} *pc = arena_alloc_raw(e->a, (m->n ? m->n : 1) * sizeof *pc);
	for (size_t i = 0; i < m->n; i++) {
		if (m->parts[i].text) {
			pc[i].s = m->parts[i].text;
			pc[i].len = m->parts[i].len;
		} else {
			int err = e->err;
			ev_val v = placeholder(e, &m->parts[i], mm);
			pc[i].s = v.t == EV_ERR ? "?" : text_of(e, ft, v, zh);
			pc[i].len = strlen(pc[i].s);
			e->err = err;
			e->lhs = lhs, e->rhs = rhs, e->cmp = cmp, e->cmp_held = held;
		}
		cap += pc[i].len;
	}
	char *buf = arena_alloc_raw(e->a, cap);
	size_t len = 0;
	for (size_t i = 0; i < m->n; i++) {
		memcpy(buf + len, pc[i].s, pc[i].len);
		len += pc[i].len;
	}
	buf[len] = '\0';
	return buf;
}

static const jxl_node *where_of(eval_env *e, const pack_rule *r, const ev_val *elem)
{
	if (r->at) {
		ev_val lhs = e->lhs, rhs = e->rhs;
		const expr *cmp = e->cmp;
		int err = e->err, held = e->cmp_held;
		ev_val v = eval_expr(e, r->at);
		e->lhs = lhs, e->rhs = rhs, e->cmp = cmp, e->err = err, e->cmp_held = held;
		const jxl_node *n = v.t == EV_LIST && v.n ? v.items[0].node : eval_node_of(v);
		if (n)
			return n;
	}
	if (e->cmp) {
		const jxl_node *n = eval_node_of(e->lhs);
		if (!n)
			n = eval_node_of(e->rhs);
		if (n)
			return n;
	}
	if (elem && elem->t == EV_NODE)
		return elem->node;
	return e->doc->root;
}

/* The relation that was found: the comparison's operator when it held, its negation when it failed. */
static const char *op_sym(int op, int held)
{
	if (!held) {
		switch (op) {
		case OP_EQ: op = OP_NE; break;
		case OP_NE: op = OP_EQ; break;
		case OP_LT: op = OP_GE; break;
		case OP_LE: op = OP_GT; break;
		case OP_GT: op = OP_LE; break;
		case OP_GE: op = OP_LT; break;
		}
	}
	switch (op) {
	case OP_EQ: return "=";
	case OP_NE: return "≠";
	case OP_LT: return "<";
	case OP_LE: return "≤";
	case OP_GT: return ">";
	case OP_GE: return "≥";
	default: return "?";
	}
}

/* Half the sum of the two intervals' widths: how far apart they may be and
 * still agree; at the precision figures are shown with ("0" below it). */
static const char *tolerance_text(eval_env *e, const jxl_fig *a, const jxl_fig *b)
{
	if (!a || !b || a->lo_inf || a->hi_inf || b->lo_inf || b->hi_inf)
		return NULL;
	if (!dec_cmp(a->lo, a->hi) && !dec_cmp(b->lo, b->hi))
		return "0";   /* two exact figures: the sum below is 0 */
	dec wa, wb, w, half, r;
	if (dec_sub(a->hi, a->lo, &wa) || dec_sub(b->hi, b->lo, &wb) || dec_add(wa, wb, &w) || dec_div(w, dec_from_int(2), 12, &half))
		return NULL;
	int mag = a->unit == FIG_MONEY && e->doc ? e->doc->money_mag : 0;
	int places = a->unit == FIG_MONEY && !mag ? 2 : 4;
	if (dec_round(dec_shift(half, -mag), places, &r) || dec_is_zero(r))
		return "0";
	jxl_fig t = *a;
	t.node = NULL;
	t.v = t.lo = t.hi = half;
	t.lo_inf = t.hi_inf = 0;
	t.approx = 0;
	t.pexp = -12;
	ev_val v = {.t = EV_FIG, .f = &t};
	return arena_strdup(e->a, eval_text(e, v, 0));
}

static void emit(jxl_ctx *ctx, eval_env *e, const pack_rule *r, const ev_val *elem)
{
	const jxl_node *at = where_of(e, r, elem);
	fig_texts ft;
	ft.n = 0;
	msg_memo mm;
	mm.have = 0;
	const char *zh = format_msg(e, &r->msg_zh, 1, &ft, &mm);
	const char *en = format_msg(e, &r->msg_en, 0, &ft, &mm);
	finding *f = host_emit_core(ctx, at, 0, 0, r->id, 0, zh, en);
	if (!f || !e->cmp || e->lhs.t != EV_FIG || e->rhs.t != EV_FIG)
		return;
	arena *a = ctx->env->a;
	const char *lt = text_of(e, &ft, e->lhs, 0), *rt = text_of(e, &ft, e->rhs, 0);
	f->stated = lt;
	if (e->cmp->op == OP_EQ || e->cmp->op == OP_NE)
		f->computed = rt;
	const jxl_fig *d = eval_diff(e, e->lhs, e->rhs);
	if (d) {
		ev_val dv = {.t = EV_FIG, .f = d};
		f->difference = eval_text(e, dv, 0);
	}
	f->tolerance = tolerance_text(e, e->lhs.f, e->rhs.f);
	const char *op = op_sym(e->cmp->op, e->cmp_held);
	size_t ll = strlen(lt), lo = strlen(op), lr = strlen(rt);
	char *c = arena_alloc_raw(a, ll + lo + lr + 3);   /* "lhs op rhs" */
	memcpy(c, lt, ll);
	c[ll] = ' ';
	memcpy(c + ll + 1, op, lo);
	c[ll + 1 + lo] = ' ';
	memcpy(c + ll + lo + 2, rt, lr + 1);
	f->computation = c;
}

/* One info finding for a rule that could not be checked here, and why. */
static void skipped(jxl_ctx *ctx, eval_env *e, const pack_rule *r, const jxl_node *at, size_t nskip, size_t nall)
{
	if (!at)
		at = e->doc->root;
	const jxl_node *sup = doc_disabled(at, r->id);
	if (sup) {
		host_note_used(ctx->env, sup);   /* the rule itself is silenced here: so is its skipping */
		return;
	}
	const char *zh, *en;
	if (e->err) {
		zh = arena_printf(e->a, "%s", e->err_msg);
		en = zh;
	} else {
		const char *p = e->missing_at ? eval_missing_text(e, e->missing_at) : "a figure";
		zh = arena_printf(e->a, "缺少 %s（或无法读取）", p);
		en = arena_printf(e->a, "%s is missing (or cannot be read)", p);
	}
	const char *czh = nall ? arena_printf(e->a, "（%zu 项中的 %zu 项）", nall, nskip) : "";
	const char *cen = nall ? arena_printf(e->a, " (for %zu of %zu elements)", nskip, nall) : "";
	host_emit_core(ctx, at, 0, 0, "pack/skipped", 0, arena_printf(e->a, "规则 %s 未执行%s：%s", r->id, czh, zh),
		       arena_printf(e->a, "rule %s was not checked%s: %s", r->id, cen, en));
}

static void start(eval_env *e, jxl_ctx *ctx, const pack_rule *r, const jxl_doc *d, const eval_tol *tol, eval_keycache *kc)
{
	eval_init(e, ctx, d, ctx->env->a);
	e->tol = tol;
	e->kc = kc;
	e->tmpl = r->pack ? r->pack->tmpl : NULL;
	eval_set_lets(e, r->lets, r->nlets);
}

static size_t run_rule(jxl_ctx *ctx, const pack_rule *r, const jxl_doc *d, const eval_tol *tol, eval_keycache *kc)
{
	eval_env ev, *e = &ev;
	size_t before = ctx->env->dg->n;
	start(e, ctx, r, d, tol, kc);
	if (r->when) {
		int t = eval_cond(e, r->when);
		if (t == -2)
			skipped(ctx, e, r, NULL, 0, 0);
		if (t != 1)
			return ctx->env->dg->n - before;   /* missing: the rule does not apply */
		e->cmp = NULL;   /* {lhs} and {rhs} are the assertion's, not the condition's */
	}
	const expr *a = r->assert;
	if (a->kind == EX_QUANT && (a->op == Q_ALL || a->op == Q_NONE)) {
		eval_seq items;
		ev_val failv;
		if (eval_items(e, a->bind->seq, &items, &failv)) {
			if (failv.t != EV_MISSING)   /* nothing to go through: the rule does not apply */
				skipped(ctx, e, r, NULL, 0, 0);
			return ctx->env->dg->n - before;
		}
		size_t nskip = 0;
		const jxl_node *first_skip = NULL;
		int first_err = 0;
		char err_msg[sizeof e->err_msg];   /* the first skip's, copied there */
		const expr *first_missing = NULL;
		size_t n = items.n;
		for (size_t i = 0; i < n; i++) {
			ev_val item = eval_seq_get(&items, i);
			e->vars[a->bind->slot] = item;
			e->cmp = NULL;
			e->missing_at = NULL;
			if (e->err != EVE_STEPS)
				e->err = 0;
			int t = 1;
			if (a->bind->where)
				t = eval_cond(e, a->bind->where);
			if (t == 1)
				t = eval_cond(e, a->bind->body);
			else if (t == 0 || t == -1)
				continue;   /* not one of the elements the rule is about */
			int broken = a->op == Q_ALL ? t == 0 : t == 1;
			if (broken) {
				emit(ctx, e, r, &item);
			} else if (t < 0) {
				if (!nskip++) {
					first_skip = item.t == EV_NODE ? item.node : NULL;
					first_err = e->err;
					memcpy(err_msg, e->err_msg, sizeof err_msg);
					first_missing = e->missing_at;
				}
				if (e->err == EVE_STEPS)
					break;
			}
		}
		if (nskip) {
			e->err = first_err;
			memcpy(e->err_msg, err_msg, sizeof err_msg);
			e->missing_at = first_missing;
			skipped(ctx, e, r, first_skip, nskip, n);
		}
		return ctx->env->dg->n - before;
	}
	int t = eval_cond(e, a);
	if (t == 0)
		emit(ctx, e, r, NULL);
	else if (t < 0)
		skipped(ctx, e, r, NULL, 0, 0);
	return ctx->env->dg->n - before;
}

size_t packrun_rule(jxl_ctx *ctx, const pack_rule *r, const jxl_doc *d, const eval_tol *tol)
{
	return run_rule(ctx, r, d, tol, NULL);
}

static int applies(jxl_ctx *ctx, const pack *p, const jxl_doc *d, eval_keycache *kc)
{
	if (!p->applies)
		return 1;
	eval_env ev;
	eval_init(&ev, ctx, d, ctx->env->a);
	ev.tmpl = p->tmpl;
	ev.kc = kc;
	return eval_cond(&ev, p->applies) == 1;
}

int packrun_applies(jxl_ctx *ctx, const pack *p, const jxl_doc *d)
{
	return applies(ctx, p, d, NULL);
}

/* The severities of a pack's rules under one configuration, asked for once:
 * they are the same for every file that configuration covers. A pack is
 * named by its serial (a later run's pack may take a freed one's address);
 * within the run of that pack the registry and the configurations live
 * until it ends (configs are assigned before any file is linted), so their
 * addresses name them. One slot per pack of a run, per thread. */
#define SEV_PACKS 8    /* packs remembered; a run with more asks again */
#define SEV_RULES 64   /* a pack with more rules is asked rule by rule */
typedef struct sev_cache {
	unsigned long serial;      /* the pack's; 0: empty */
	const registry *reg;
	const struct config *cfg;
	unsigned char sev[SEV_RULES];
} sev_cache;

static const unsigned char *severities(jxl_ctx *ctx, const pack *p)
{
	static _Thread_local sev_cache cache[SEV_PACKS];
	static _Thread_local unsigned next;
	if (p->nrules > SEV_RULES || !p->serial)
		return NULL;
	const check_env *env = ctx->env;
	sev_cache *c = NULL;
	for (size_t i = 0; i < SEV_PACKS && !c; i++)
		if (cache[i].serial == p->serial)
			c = &cache[i];
	if (!c) {
		c = &cache[next++ % SEV_PACKS];
		c->serial = 0;
	}
	if (c->serial != p->serial || c->reg != env->reg || c->cfg != env->cfg) {
		for (size_t i = 0; i < p->nrules; i++)
			c->sev[i] = (unsigned char)host_severity(env, p->rules[i].id);
		c->serial = p->serial;
		c->reg = env->reg;
		c->cfg = env->cfg;
	}
	return c->sev;
}

void packrun_doc(jxl_ctx *ctx, const pack *p, const jxl_doc *d, const eval_tol *tol)
{
	/* For this document: its rules look up the same members. One per
	 * thread, a new generation for each document (no clearing). */
	static _Thread_local eval_keycache kc;
	kc.gen++;
	uint64_t t0 = timing_on ? timing_now() : 0;
	int yes = applies(ctx, p, d, &kc);
	if (timing_on && p->applies)
		timing_add(p, TIMING_PACK_APPLIES, p->name, "", &t0);
	if (!yes)
		return;
	const unsigned char *sev = severities(ctx, p);
	for (size_t i = 0; i < p->nrules; i++)
		if (sev ? sev[i] : host_severity(ctx->env, p->rules[i].id)) {   /* off: not evaluated at all */
			run_rule(ctx, &p->rules[i], d, tol, &kc);
			if (timing_on)
				timing_add(&p->rules[i], TIMING_PACK_RULE, p->name, p->rules[i].id, &t0);
		}
}
