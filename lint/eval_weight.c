/* eval_weight.c — weight(): a node of the score tree or a name looked up in the pack's template of weights. */
#include "eval_int.h"

#include <string.h>

/* ---- weight(): the pack's template ------------------------------------------------ */

size_t eval_norm_name(const char *s, char *out, size_t cap)
{
	size_t k = 0;
	while (*s && k + 1 < cap) {
		unsigned char c = (unsigned char)*s;
		if (c == ' ' || c == '\t' || c == '"' || c == '\'') {
			s++;
			continue;
		}
		if (c == 0xE2 && (unsigned char)s[1] == 0x80 && ((unsigned char)s[2] >= 0x98 && (unsigned char)s[2] <= 0x9D)) {
			s += 3;   /* ‘ ’ ‚ ‛ “ ” */
			continue;
		}
		if (c == 0xE3 && (unsigned char)s[1] == 0x80 && ((unsigned char)s[2] == 0x80 || (unsigned char)s[2] == 0x8C || (unsigned char)s[2] == 0x8D)) {
			s += 3;   /* ideographic space, 「 」 */
			continue;
		}
		out[k++] = *s++;
	}
	out[k] = '\0';
	return k;
}

/* name as eval_norm_name writes it: name itself when it has nothing to
 * drop (no blank, quote mark or byte that may start one) and fits, else
 * its normalised copy in buf (EVAL_NAME_MAX bytes). Its length in *ylen. */
static const char *norm_or_same(const char *name, size_t len, char *buf, size_t *ylen)
{
	static const unsigned char may_drop[256] = {[' '] = 1, ['\t'] = 1, ['"'] = 1, ['\''] = 1, [0xE2] = 1, [0xE3] = 1};
	size_t i = 0;
	while (i < len && i + 1 < EVAL_NAME_MAX && !may_drop[(unsigned char)name[i]])
		i++;
	if (i == len) {
		*ylen = len;
		return name;
	}
	*ylen = eval_norm_name(name, buf, EVAL_NAME_MAX);
	return buf;
}

/* Template names against one name of the submission (len long), normalised
 * (y, ylen long) by the caller. */
static int names_match_norm(const tmpl_node *t, const char *name, size_t len, const char *y, size_t ylen)
{
	for (size_t i = 0; i < t->nnames; i++) {
		if (t->lens) {   /* lengths and normalised names found when the pack was loaded */
			if (eval_same_n(t->names[i], t->lens[i], name, len) || eval_same_n(t->norms[i], t->nlens[i], y, ylen))
				return 1;
			continue;
		}
		if (eval_same(t->names[i], name))
			return 1;
		if (t->norms) {   /* normalised when the pack was loaded */
			if (eval_same(t->norms[i], y))
				return 1;
			continue;
		}
		char x[EVAL_NAME_MAX];
		eval_norm_name(t->names[i], x, sizeof x);
		if (eval_same(x, y))
			return 1;
	}
	return 0;
}

static const tmpl_node *tmpl_by_norm(const tmpl_node *t, const char *name, size_t len, const char *y, size_t ylen, int depth)
{
	if (names_match_norm(t, name, len, y, ylen))
		return t;
	for (size_t i = 0; depth < 64 && i < t->nitems; i++) {
		const tmpl_node *r = tmpl_by_norm(&t->items[i], name, len, y, ylen, depth + 1);
		if (r)
			return r;
	}
	return NULL;
}

/* The template node named name (the first in document order), the name normalised once. */
static const tmpl_node *tmpl_by_name(const tmpl_node *t, const char *name, size_t len)
{
	char buf[EVAL_NAME_MAX];
	size_t ylen;
	const char *y = norm_or_same(name, len, buf, &ylen);
	return tmpl_by_norm(t, name, len, y, ylen, 0);
}

/* The template node for a node of the score tree: the same position by names
 * from the root. At each level a child matches by one of its names or by its
 * kind; the submission's name is normalised once per level. */
static const tmpl_node *tmpl_for(eval_env *e, const jxl_node *n)
{
	const jxl_node *scores = eval_member(e, e->doc->root, "scores");
	const jxl_node *chain[70];
	size_t k = 0;
	const jxl_node *p = n;
	while (p && p != scores && k < 70) {
		if (p->kind == JXL_OBJECT)
			chain[k++] = p;
		p = p->parent;
	}
	if (p != scores || !e->tmpl)
		return NULL;
	const tmpl_node *t = e->tmpl;
	while (k-- > 0) {
		const jxl_node *nm = eval_member(e, chain[k], "name");
		const jxl_node *kd = eval_member(e, chain[k], "kind");
		const char *name = nm && nm->kind == JXL_STRING ? nm->str : NULL;
		const char *kind = kd && kd->kind == JXL_STRING ? kd->str : NULL;
		char buf[EVAL_NAME_MAX];
		size_t ylen = 0;
		const char *y = name ? norm_or_same(name, nm->slen, buf, &ylen) : NULL;
		const tmpl_node *found = NULL;
		for (size_t i = 0; i < t->nitems && !found; i++) {
			const tmpl_node *c = &t->items[i];
			if ((name && names_match_norm(c, name, nm->slen, y, ylen)) || (c->kind && kind && eval_same(kind, c->kind)))
				found = c;
		}
		if (!found)
			return NULL;
		t = found;
	}
	return t;
}

const tmpl_node *eval_weight_node(eval_env *e, ev_val v, int *bad)
{
	const char *name = v.t == EV_STR ? v.s : v.t == EV_NODE && v.node->kind == JXL_STRING ? v.node->str : NULL;
	*bad = 0;
	if (name) {
		size_t len = v.t == EV_NODE ? v.node->slen : strlen(name);
		if (e->wname && eval_same_n(name, len, e->wname, e->wlen))
			return e->wnode;
		const tmpl_node *t = tmpl_by_name(e->tmpl, name, len);
		e->wname = name;
		e->wlen = len;
		e->wnode = t;
		return t;
	}
	if (v.t == EV_NODE && v.node->kind == JXL_OBJECT) {
		if (v.node != e->wfor) {   /* a node is often weighed twice: in a where, then in the body */
			e->wfor = v.node;
			e->wfor_t = tmpl_for(e, v.node);
		}
		return e->wfor_t;
	}
	*bad = 1;
	return NULL;
}

const tmpl_node *eval_tmpl_by_name(const tmpl_node *t, const char *name)
{
	return tmpl_by_name(t, name, strlen(name));
}

/* A template node's max as an exact figure; missing when it has none. */
static ev_val tmpl_max(eval_env *e, const expr *x, const tmpl_node *t)
{
	if (!t || !t->has_max)
		return eval_missing(x, 1);
	jxl_fig *f = arena_alloc(e->a, sizeof *f);
	f->v = f->lo = f->hi = t->max;
	f->pexp = t->max.exp < 0 ? t->max.exp : 0;
	return eval_figv(f, 0);
}

ev_val eval_fn_weight(eval_env *e, const expr *x)
{
	if (x->wtmpl && x->wtmpl == e->tmpl) {   /* weight('name'): found when the pack was loaded */
		const expr *a = x->args[0];
		if (eval_step(e, a))
			return (ev_val){.t = EV_ERR, .at = a};
		const tmpl_node *t = x->wnode;
		if (!(e->wname && eval_same(a->str, e->wname))) {   /* what the lookup below leaves behind */
			e->wname = a->str;
			e->wlen = strlen(a->str);
			e->wnode = t;
		}
		return tmpl_max(e, x, t);
	}
	ev_val v = eval_expr(e, x->args[0]);
	if (v.t == EV_MISSING || v.t == EV_ERR)
		return eval_note_missing(e, v);
	if (!e->tmpl)
		return eval_missing(x, 1);
	int bad;
	const tmpl_node *t = eval_weight_node(e, v, &bad);
	if (bad)
		return eval_fail(e, EVE_TYPE, x, "weight() takes a node of the score tree or a name");
	return tmpl_max(e, x, t);
}
