/* eval_text.c — values of the rule language as the text of a message: figures at their stated precision, lists cut short, names of nodes. */
#include "eval_int.h"

#include <stdio.h>
#include <string.h>

#define EVAL_TEXT_ITEMS 12   /* elements of a list shown in a message */

const jxl_node *eval_node_of(ev_val v)
{
	if (v.t == EV_FIG && v.f && v.f->node)
		return v.f->node;
	return v.node;
}

static const char *fig_display(eval_env *e, const jxl_fig *f)
{
	if (f->node)
		return fig_text(e->a, e->doc, f, -1);
	int places;
	if (f->unit == FIG_MONEY) {
		int mag = e->doc ? e->doc->money_mag : 0;
		places = mag - f->pexp;
		int cap = mag ? 4 : 2;
		if (places > cap)
			places = cap;
	} else {
		places = -f->pexp;
		if (places > 4)
			places = 4;
	}
	if (places < 0)
		places = 0;
	const char *t = fig_text(e->a, e->doc, f, places);
	if (f->unit == FIG_COUNT && f->noun)
		t = arena_printf(e->a, "%s%s", t, f->noun);
	return t;
}

const char *eval_text(eval_env *e, ev_val v, int zh)
{
	switch (v.t) {
	case EV_MISSING:
		return v.isnull ? "null" : "—";
	case EV_BOOL:
		return v.b ? "true" : "false";
	case EV_FIG:
		return v.f ? fig_display(e, v.f) : "?";
	case EV_STR:
		return v.s;
	case EV_NODE:
		if (v.node->kind == JXL_STRING || v.node->kind == JXL_NUMBER)
			return v.node->str;
		if (v.node->kind == JXL_BOOL)
			return v.node->bval ? "true" : "false";
		if (v.node->kind == JXL_NULL)
			return "null";
		return doc_label(e->a, v.node, zh);
	case EV_LIST: {
		size_t cap = 16, len = 0, shown = v.n > EVAL_TEXT_ITEMS ? EVAL_TEXT_ITEMS : v.n;
		const char **parts = arena_alloc(e->a, (shown + 1) * sizeof *parts);
		for (size_t i = 0; i < shown; i++) {
			parts[i] = eval_text(e, v.items[i], zh);
			cap += strlen(parts[i]) + 4;
		}
		char *buf = arena_alloc(e->a, cap + 32);
		for (size_t i = 0; i < shown; i++)
			len += (size_t)snprintf(buf + len, cap + 32 - len, "%s%s", i ? (zh ? "、" : ", ") : "", parts[i]);
		if (shown < v.n)
			snprintf(buf + len, cap + 32 - len, zh ? "等 %zu 项" : " … (%zu)", (size_t)v.n);
		return buf;
	}
	case EV_ERR:
		return "?";
	}
	return "?";
}

const char *eval_missing_text(eval_env *e, const expr *at)
{
	if (!at)
		return "?";
	char buf[512];
	expr_print(at, buf, sizeof buf);
	return arena_strdup(e->a, buf);
}

