/* packcheck.c — `jxlint rules check`: what loading cannot see in a pack — weights that do not add up, examples that do not behave, duplicate, redundant and contradictory rules. */
#include "jparse.h"
#include "packcheck.h"

#include <cJSON.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "doc.h"
#include "host.h"
#include "packrun.h"

void packcheck_init(packcheck *c)
{
	memset(c, 0, sizeof *c);
}

void packcheck_release(packcheck *c)
{
	free(c->v);
	memset(c, 0, sizeof *c);
}

static void note(packcheck *c, const char *file, int line, int col, int sev, const char *fmt, ...)
	__attribute__((format(printf, 6, 7)));
static void note(packcheck *c, const char *file, int line, int col, int sev, const char *fmt, ...)
{
	if (c->n == c->cap) {
		size_t cap = c->cap ? c->cap * 2 : 16;
		packcheck_note *v = realloc(c->v, cap * sizeof *v);
		if (!v)
			return;
		c->v = v;
		c->cap = cap;
	}
	packcheck_note *x = &c->v[c->n++];
	x->file = file;
	x->line = line;
	x->col = col;
	x->severity = sev;
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(x->msg, sizeof x->msg, fmt, ap);
	va_end(ap);
	if (sev == JXL_SEV_ERROR)
		c->errors++;
	else
		c->warnings++;
}

/* ---- weights ------------------------------------------------------------------------------- */

static const char *tmpl_name(const tmpl_node *t)
{
	return t->nnames ? t->names[0] : t->kind ? t->kind : "the root";
}

static void check_weights(packcheck *c, const pack *p, const tmpl_node *t)
{
	if (t->nitems && t->has_max) {
		dec sum = dec_from_int(0);
		int all = 1;
		char parts[300] = "";
		size_t len = 0;
		for (size_t i = 0; i < t->nitems; i++) {
			const tmpl_node *k = &t->items[i];
			if (k->bonus)
				continue;
			if (!k->has_max) {
				all = 0;
				break;
			}
			dec_add(sum, k->max, &sum);
			char num[48];
			dec_format(dec_normal(k->max), num, sizeof num);
			if (len < sizeof parts)
				len += (size_t)snprintf(parts + len, sizeof parts - len, "%s%s %s", len ? " + " : "", tmpl_name(k), num);
		}
		if (all && dec_cmp(sum, t->max) != 0) {
			char a[48], b[48];
			dec_format(dec_normal(t->max), a, sizeof a);
			dec_format(dec_normal(sum), b, sizeof b);
			note(c, p->path, t->line, t->col, JXL_SEV_ERROR, "template: %s is worth %s, but its items add up to %s (%s)",
			     tmpl_name(t), a, b, parts);
		}
	}
	for (size_t i = 0; i < t->nitems; i++) {
		const tmpl_node *k = &t->items[i];
		for (size_t j = 0; j < i; j++)
			for (size_t x = 0; x < k->nnames; x++)
				for (size_t y = 0; y < t->items[j].nnames; y++)
					if (!strcmp(k->names[x], t->items[j].names[y]))
						note(c, p->path, k->line, k->col, JXL_SEV_ERROR, "template: two items of %s are both called \"%s\"",
						     tmpl_name(t), k->names[x]);
		check_weights(c, p, k);
	}
}

/* ---- examples ------------------------------------------------------------------------------- */

int packcheck_example(const registry *reg, const pack_rule *r, const char *json, arena *a, diag *dg)
{
	size_t n = strlen(json);
	char *text = arena_strndup(a, json, n);
	jparse_err je;
	jxl_node *root = jparse(a, text, n, &je);
	if (!root || root->kind != JXL_OBJECT)
		return -1;
	check_env env = {.a = a, .dg = dg, .reg = reg};
	jxl_doc top;
	doc_init(&top, a, root, "example", NULL);
	jxl_ctx ctx = {.env = &env, .doc = &top, .origin = r->pack ? r->pack->path : "pack"};
	if (r->pack && !packrun_applies(&ctx, r->pack, &top))
		return 0;
	packrun_rule(&ctx, r, &top, NULL);
	const jxl_node *projects = doc_get(root, "projects");
	for (size_t i = 0; projects && projects->kind == JXL_ARRAY && i < projects->nkids; i++) {
		jxl_doc sub;
		doc_init(&sub, a, projects->kids[i], "example", &top);
		if (!r->pack || packrun_applies(&ctx, r->pack, &sub))
			packrun_rule(&ctx, r, &sub, NULL);
	}
	return 0;
}

static void check_examples(packcheck *c, const registry *reg, const pack *p, const pack_rule *r)
{
	if (!pack_rule_example(r, 0))
		note(c, p->path, r->line, r->col, JXL_SEV_WARNING, "rule %s: no example that breaks it (\"example\": {\"bad\": …})", r->id);
	if (!pack_rule_example(r, 1))
		note(c, p->path, r->line, r->col, JXL_SEV_WARNING, "rule %s: no example that keeps it (\"example\": {\"ok\": …})", r->id);
	for (int which = 0; which < 2; which++) {
		const char *json = which ? pack_rule_example(r, 1) : pack_rule_example(r, 0);
		if (!json)
			continue;
		arena a;
		arena_init(&a);
		diag dg;
		diag_init(&dg, &a, "example");
		packcheck_example(reg, r, json, &a, &dg);
		size_t hits = 0, skips = 0;
		for (size_t i = 0; i < dg.n; i++) {
			hits += !strcmp(dg.v[i].rule, r->id);
			skips += !strcmp(dg.v[i].rule, "pack/skipped");
		}
		int line = which ? r->ex_ok_line : r->ex_bad_line;
		if (!which && !hits)
			note(c, p->path, line, 1, JXL_SEV_ERROR, "rule %s: its \"bad\" example does not break it%s", r->id,
			     skips ? " (the rule was skipped: a figure it needs is missing)" : "");
		if (which && hits)
			note(c, p->path, line, 1, JXL_SEV_ERROR, "rule %s: its \"ok\" example breaks it: %s", r->id, dg.v[0].msg_en);
		if (which && skips)
			note(c, p->path, line, 1, JXL_SEV_ERROR, "rule %s: its \"ok\" example skips it: %s", r->id, dg.v[0].msg_en);
		diag_release(&dg);
		arena_release(&a);
	}
}

/* ---- redundant and contradictory rules --------------------------------------------------------- */

static int same_text(const expr *a, const expr *b)
{
	if (!a || !b)
		return a == b;
	char x[2048], y[2048];
	expr_print(a, x, sizeof x);
	expr_print(b, y, sizeof y);
	return !strcmp(x, y);
}

/* A bound on one figure: PATH op NUMBER (or NUMBER op PATH). */
typedef struct bound {
	char path[256];
	int op;                    /* OP_EQ OP_LT OP_LE OP_GT OP_GE */
	dec v;
	const pack_rule *rule;
	const pack *pack;
} bound;

static int flip(int op)
{
	switch (op) {
	case OP_LT: return OP_GT;
	case OP_LE: return OP_GE;
	case OP_GT: return OP_LT;
	case OP_GE: return OP_LE;
	default: return op;
	}
}

static void collect_bounds(const expr *e, const pack *p, const pack_rule *r, bound *out, size_t *n, size_t max)
{
	if (!e || *n >= max)
		return;
	if (e->kind == EX_BINARY && e->op == OP_AND) {
		collect_bounds(e->a, p, r, out, n, max);
		collect_bounds(e->b, p, r, out, n, max);
		return;
	}
	if (e->kind != EX_BINARY || e->op < OP_EQ || e->op > OP_GE || e->op == OP_NE)
		return;
	const expr *path = e->a, *num = e->b;
	int op = e->op;
	if (path->kind == EX_NUM) {
		const expr *t = path;
		path = num;
		num = t;
		op = flip(op);
	}
	if (path->kind != EX_PATH || path->plural || path->root != ROOT_DOC || num->kind != EX_NUM ||
	    num->num.unit != NUM_UNIT_NONE || num->num.qual)
		return;
	bound *b = &out[(*n)++];
	expr_print(path, b->path, sizeof b->path);
	b->op = op;
	b->v = num->num.negative ? dec_neg(num->num.value) : num->num.value;
	b->rule = r;
	b->pack = p;
}

/* Can x op1 a and x op2 b both hold? */
static int compatible(const bound *x, const bound *y)
{
	dec lo1, hi1, lo2, hi2;
	int lo_open1 = 0, hi_open1 = 0, lo_open2 = 0, hi_open2 = 0, has_lo1 = 0, has_hi1 = 0, has_lo2 = 0, has_hi2 = 0;
	const bound *b[2] = {x, y};
	for (int i = 0; i < 2; i++) {
		dec *lo = i ? &lo2 : &lo1, *hi = i ? &hi2 : &hi1;
		int *lo_open = i ? &lo_open2 : &lo_open1, *hi_open = i ? &hi_open2 : &hi_open1;
		int *has_lo = i ? &has_lo2 : &has_lo1, *has_hi = i ? &has_hi2 : &has_hi1;
		switch (b[i]->op) {
		case OP_EQ: *lo = *hi = b[i]->v; *has_lo = *has_hi = 1; break;
		case OP_LT: *hi = b[i]->v; *has_hi = 1; *hi_open = 1; break;
		case OP_LE: *hi = b[i]->v; *has_hi = 1; break;
		case OP_GT: *lo = b[i]->v; *has_lo = 1; *lo_open = 1; break;
		case OP_GE: *lo = b[i]->v; *has_lo = 1; break;
		}
	}
	/* the lower bound of one against the upper bound of the other */
	if (has_lo1 && has_hi2) {
		int c = dec_cmp(lo1, hi2);
		if (c > 0 || (c == 0 && (lo_open1 || hi_open2)))
			return 0;
	}
	if (has_lo2 && has_hi1) {
		int c = dec_cmp(lo2, hi1);
		if (c > 0 || (c == 0 && (lo_open2 || hi_open1)))
			return 0;
	}
	return 1;
}

static const char *op_text(int op)
{
	switch (op) {
	case OP_EQ: return "==";
	case OP_LT: return "<";
	case OP_LE: return "<=";
	case OP_GT: return ">";
	case OP_GE: return ">=";
	default: return "?";
	}
}

#define PACKCHECK_MAX_BOUNDS 2000

static int uses_weight(const expr *e)
{
	if (!e)
		return 0;
	if (e->kind == EX_CALL && e->op == FN_WEIGHT)
		return 1;
	if (uses_weight(e->a) || uses_weight(e->b))
		return 1;
	for (size_t i = 0; i < e->nargs; i++)
		if (uses_weight(e->args[i]))
			return 1;
	return e->bind && (uses_weight(e->bind->seq) || uses_weight(e->bind->where) || uses_weight(e->bind->body));
}

/* p against itself and the packs checked before it (others[0..], p among them). */
static void check_rules_together(packcheck *c, const pack *p, pack *const *others, size_t nothers)
{
	size_t self = 0;
	while (self < nothers && others[self] != p)
		self++;
	/* identical rules */
	for (size_t i = 0; i < p->nrules; i++) {
		const pack_rule *r = &p->rules[i];
		for (size_t k = 0; k <= self && k < nothers; k++) {
			const pack *q = others[k];
			size_t upto = q == p ? i : q->nrules;
			for (size_t j = 0; j < upto; j++) {
				const pack_rule *s = &q->rules[j];
				if (q != p && (uses_weight(r->assert) || uses_weight(r->when)))
					continue;   /* weight() reads each pack's own template */
				if (same_text(r->assert, s->assert) && same_text(r->when, s->when) && same_text(p->applies, q->applies))
					note(c, p->path, r->line, r->col, JXL_SEV_WARNING,
					     "rule %s checks exactly what %s checks (%s:%d): one of them is redundant", r->id, s->id, q->path, s->line);
			}
		}
	}
	/* bounds on the same figure that no submission can meet together */
	bound *b = malloc(PACKCHECK_MAX_BOUNDS * sizeof *b);
	if (!b)
		return;
	size_t n = 0;
	for (size_t k = 0; k <= self && k < nothers; k++)
		for (size_t j = 0; j < others[k]->nrules; j++)
			if (!others[k]->rules[j].when)
				collect_bounds(others[k]->rules[j].assert, others[k], &others[k]->rules[j], b, &n, PACKCHECK_MAX_BOUNDS);
	for (size_t i = 0; i < n; i++) {
		if (b[i].pack != p)
			continue;
		for (size_t j = 0; j < i; j++) {   /* each pair once: j before i */
			if (strcmp(b[i].path, b[j].path) || !same_text(b[i].pack->applies, b[j].pack->applies) || compatible(&b[i], &b[j]))
				continue;
			char v1[48], v2[48];
			dec_format(dec_normal(b[i].v), v1, sizeof v1);
			dec_format(dec_normal(b[j].v), v2, sizeof v2);
			if (b[i].rule == b[j].rule)
				note(c, p->path, b[i].rule->line, b[i].rule->col, JXL_SEV_ERROR, "rule %s can never hold: %s %s %s and %s %s %s",
				     b[i].rule->id, b[j].path, op_text(b[j].op), v2, b[i].path, op_text(b[i].op), v1);
			else
				note(c, p->path, b[i].rule->line, b[i].rule->col, JXL_SEV_ERROR,
				     "rules %s and %s contradict each other: %s %s %s and %s %s %s cannot both hold", b[j].rule->id,
				     b[i].rule->id, b[j].path, op_text(b[j].op), v2, b[i].path, op_text(b[i].op), v1);
		}
	}
	free(b);
}

/* ---- unused names ------------------------------------------------------------------------------- */

static void uses(const expr *e, unsigned char *used, size_t n)
{
	if (!e)
		return;
	if (e->kind == EX_PATH && e->root == ROOT_LET && (size_t)e->slot < n)
		used[e->slot] = 1;
	uses(e->a, used, n);
	uses(e->b, used, n);
	for (size_t i = 0; i < e->nargs; i++)
		uses(e->args[i], used, n);
	if (e->bind) {
		uses(e->bind->seq, used, n);
		uses(e->bind->where, used, n);
		uses(e->bind->body, used, n);
	}
}

static void check_lets(packcheck *c, const pack *p, const pack_rule *r)
{
	unsigned char used[PACK_MAX_LETS] = {0};
	uses(r->when, used, r->nlets);
	uses(r->assert, used, r->nlets);
	uses(r->at, used, r->nlets);
	for (size_t i = 0; i < r->nlets; i++)
		uses(r->lets[i], used, r->nlets);
	for (size_t i = 0; i < r->msg_zh.n; i++)
		uses(r->msg_zh.parts[i].ph, used, r->nlets);
	for (size_t i = 0; i < r->msg_en.n; i++)
		uses(r->msg_en.parts[i].ph, used, r->nlets);
	for (size_t i = 0; i < r->nlets; i++)
		if (!used[i])
			note(c, p->path, r->line, r->col, JXL_SEV_WARNING, "rule %s: let \"%s\" is never used", r->id, r->let_names[i]);
}

void packcheck_pack(packcheck *c, const registry *reg, const pack *p, pack *const *others, size_t nothers)
{
	if (p->tmpl)
		check_weights(c, p, p->tmpl);
	if (p->said_default && !p->from_install)
		note(c, p->path, p->default_line, p->default_col, JXL_SEV_WARNING,
		     "\"default\": true is ignored: only the install's packs are on without being named; this pack is on "
		     "where a configuration's \"packs\" or --pack names it");
	if (p->tmpl && !p->nrules)
		note(c, p->path, p->tmpl_line, p->tmpl_col, JXL_SEV_WARNING, "template: no rule uses it (weight() in a rule)");
	for (size_t i = 0; i < p->nrules; i++) {
		check_lets(c, p, &p->rules[i]);
		check_examples(c, reg, p, &p->rules[i]);
	}
	check_rules_together(c, p, others, nothers);
}
