/* eval_weight.c — weight(): a node of the score tree or a name looked up in the pack's template of weights. */
#include "eval_int.h"

#include <stdint.h>
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

/* Template nodes found by name, remembered from document to document: what
 * is found depends only on the template, the node searched and the texts.
 * Per thread. A template is told by its serial (pack_prepare.c), so that
 * one made where a freed one was is not taken for it; one without a
 * serial is not remembered. */
#define TMPL_MEMO 64
#define TMPL_MEMO_NAME 48      /* longer names (and kinds past 16 bytes) are looked up each time */
typedef struct tmpl_memo {
	unsigned long serial;      /* 0: empty */
	const tmpl_node *under;    /* the node whose items were searched, or NULL: the whole template */
	const tmpl_node *found;
	unsigned char nlen, klen;  /* 255: absent */
	char name[TMPL_MEMO_NAME], kind[16];
} tmpl_memo;

static _Thread_local tmpl_memo tmemo[TMPL_MEMO];

/* The memo's entry for these texts (NULL: absent; too long: NULL is
 * returned), *hit when it holds them. */
static tmpl_memo *tmpl_memo_at(unsigned long serial, const tmpl_node *under, const char *name, size_t nlen,
			       const char *kind, size_t klen, int *hit)
{
	*hit = 0;
	if (!serial || (name && nlen >= TMPL_MEMO_NAME) || (kind && klen >= 16))
		return NULL;
	unsigned char nl = name ? (unsigned char)nlen : 255, kl = kind ? (unsigned char)klen : 255;
	size_t h = ((uintptr_t)under >> 4) ^ nl * 7u ^ kl * 13u;
	if (name && nlen)
		h ^= (unsigned char)name[0] * 31u ^ (unsigned char)name[nlen - 1] * 17u ^ (unsigned char)name[nlen / 2] * 5u;
	tmpl_memo *m = &tmemo[h & (TMPL_MEMO - 1)];
	*hit = m->serial == serial && m->under == under && m->nlen == nl && m->klen == kl &&
	       (!name || eval_same_n(m->name, nlen, name, nlen)) && (!kind || eval_same_n(m->kind, klen, kind, klen));
	return m;
}

static void tmpl_memo_keep(tmpl_memo *m, unsigned long serial, const tmpl_node *under, const char *name, size_t nlen,
			   const char *kind, size_t klen, const tmpl_node *found)
{
	if (!m)
		return;
	m->serial = serial;
	m->under = under;
	m->found = found;
	m->nlen = name ? (unsigned char)nlen : 255;
	m->klen = kind ? (unsigned char)klen : 255;
	if (name)
		memcpy(m->name, name, nlen);
	if (kind)
		memcpy(m->kind, kind, klen);
}

/* The first item of t that the name or the kind of a node of the score tree matches (tmpl_for's step). */
static const tmpl_node *tmpl_item(const tmpl_node *t, const char *name, size_t nlen, const char *kind)
{
	char buf[EVAL_NAME_MAX];
	size_t ylen = 0;
	const char *y = name ? norm_or_same(name, nlen, buf, &ylen) : NULL;
	for (size_t i = 0; i < t->nitems; i++) {
		const tmpl_node *c = &t->items[i];
		if ((name && names_match_norm(c, name, nlen, y, ylen)) || (c->kind && kind && eval_same(kind, c->kind)))
			return c;
	}
	return NULL;
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
		size_t nlen = name ? nm->slen : 0, klen = kind ? kd->slen : 0;
		int hit;
		tmpl_memo *m = tmpl_memo_at(e->tmpl->serial, t, name, nlen, kind, klen, &hit);
		const tmpl_node *found = hit ? m->found : tmpl_item(t, name, nlen, kind);
		if (!hit)
			tmpl_memo_keep(m, e->tmpl->serial, t, name, nlen, kind, klen, found);
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
		int hit;
		tmpl_memo *m = tmpl_memo_at(e->tmpl->serial, NULL, name, len, NULL, 0, &hit);
		const tmpl_node *t = hit ? m->found : tmpl_by_name(e->tmpl, name, len);
		if (!hit)
			tmpl_memo_keep(m, e->tmpl->serial, NULL, name, len, NULL, 0, t);
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
	if (t->maxfig)
		return eval_figv(t->maxfig, 0);
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
