/* pack.c — declarative rule packs (JSON files in rules.d): load, validate whole or refuse with located errors, register their rules. One rule and its expressions: pack_rule.c. */
#include "jparse.h"
#include "pack.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "doc.h"
#include "pack_int.h"

/* ---- errors ---------------------------------------------------------------------- */

void pack_errs_init(pack_errs *e)
{
	memset(e, 0, sizeof *e);
	arena_init(&e->a);
}

void pack_errs_release(pack_errs *e)
{
	arena_release(&e->a);
	memset(e, 0, sizeof *e);
}

void pack_errs_add(pack_errs *e, const char *file, int line, int col, const char *fmt, ...)
{
	if (e->n == PACK_MAX_ERRORS) {
		e->dropped++;
		return;
	}
	pack_err *x = &e->v[e->n++];
	x->file = arena_strdup(&e->a, file ? file : "?");
	x->line = line;
	x->col = col;
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(x->msg, sizeof x->msg, fmt, ap);
	va_end(ap);
}

/* ---- loading state (the loader: pack_int.h) ---------------------------------------------- */

void pack_err_at(loader *L, int line, int col, const char *fmt, ...)
{
	char msg[300];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	pack_errs_add(L->errs, L->path, line, col, "%s", msg);
}

/* Byte offset of line:col (col in code points) in the text. */
static size_t offset_at(const char *s, size_t n, int line, int col)
{
	size_t i = 0;
	for (int l = 1; l < line && i < n; i++)
		if (s[i] == '\n')
			l++;
	for (int c = 1; c < col && i < n;) {
		i++;
		if (i >= n || ((unsigned char)s[i] & 0xC0) != 0x80)
			c++;
	}
	return i;
}

static int hex4(const char *s)
{
	int v = 0;
	for (int i = 0; i < 4; i++) {
		char c = s[i];
		v = v * 16 + (c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : c >= 'A' && c <= 'F' ? c - 'A' + 10 : 0);
	}
	return v;
}

static int utf8_len(unsigned cp)
{
	return cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
}

void pack_string_pos(loader *L, const jxl_node *str, size_t idx, int *line, int *col)
{
	size_t i = offset_at(L->text, L->n, str->line, str->col) + 1;   /* after the quote */
	size_t d = 0;
	while (d < idx && i < L->n && L->text[i] != '"') {
		if (L->text[i] == '\\' && i + 1 < L->n) {
			if (L->text[i + 1] == 'u' && i + 5 < L->n) {
				unsigned cp = (unsigned)hex4(L->text + i + 2);
				size_t raw = 6;
				if (cp >= 0xD800 && cp < 0xDC00 && i + 11 < L->n && L->text[i + 6] == '\\' && L->text[i + 7] == 'u') {
					cp = 0x10000 + ((cp - 0xD800) << 10) + ((unsigned)hex4(L->text + i + 8) - 0xDC00);
					raw = 12;
				}
				d += (size_t)utf8_len(cp);
				if (d > idx)
					break;
				i += raw;
			} else {
				d++;
				i += 2;
			}
		} else {
			d++;
			i++;
		}
	}
	jparse_linecol(L->text, L->n, i, line, col);
}

/* ---- small readers ----------------------------------------------------------------- */

void pack_check_keys(loader *L, const jxl_node *obj, const char *what, const char *const *keys)
{
	for (size_t i = 0; i < obj->nkids; i++) {
		const char *k = obj->kids[i]->key;
		if (k[0] == '$')
			continue;   /* $comment */
		int ok = 0, best = 3;
		const char *hint = NULL;
		for (size_t j = 0; keys[j] && !ok; j++)
			ok = !strcmp(k, keys[j]);
		for (size_t j = 0; keys[j] && !ok; j++) {   /* the nearest key, only for the message */
			int d = shape_key_distance(k, keys[j]);
			if (d < best) {
				best = d;
				hint = keys[j];
			}
		}
		for (size_t j = i + 1; ok && j < obj->nkids; j++)
			if (!strcmp(obj->kids[j]->key, k))
				pack_err_at(L, obj->kids[j]->kline, obj->kids[j]->kcol, "%s: key \"%s\" given twice", what, k);
		if (ok)
			continue;
		if (!strcmp(k, "plugin") || !strcmp(k, "plugins") || !strcmp(k, "native") || !strcmp(k, "library"))
			pack_err_at(L, obj->kids[i]->kline, obj->kids[i]->kcol,
			       "%s: a pack is declarative and cannot load native code (key \"%s\")", what, k);
		else if (hint)
			pack_err_at(L, obj->kids[i]->kline, obj->kids[i]->kcol, "%s: unknown key \"%s\" (did you mean \"%s\"?)", what, k, hint);
		else
			pack_err_at(L, obj->kids[i]->kline, obj->kids[i]->kcol, "%s: unknown key \"%s\"", what, k);
	}
}

const char *pack_want_string(loader *L, const jxl_node *obj, const char *key, const char *what, int required)
{
	const jxl_node *n = pack_member(obj, key);
	if (!n) {
		if (required)
			pack_err_at(L, obj->line, obj->col, "%s: \"%s\" is required", what, key);
		return NULL;
	}
	if (n->kind != JXL_STRING || (required && !n->slen)) {
		pack_err_at(L, n->line, n->col, "%s: \"%s\" must be a %stext", what, key, required ? "non-empty " : "");
		return NULL;
	}
	return arena_strdup(&L->p->a, n->str);
}

int pack_want_zh_en(loader *L, const jxl_node *obj, const char *key, const char *what, int required,
		      const char **zh, const char **en, const jxl_node **zh_node, const jxl_node **en_node)
{
	*zh = *en = NULL;
	const jxl_node *n = pack_member(obj, key);
	if (!n) {
		if (required)
			pack_err_at(L, obj->line, obj->col, "%s: \"%s\" is required: {\"zh\": \"…\", \"en\": \"…\"}", what, key);
		return -1;
	}
	if (n->kind == JXL_STRING) {
		pack_err_at(L, n->line, n->col, "%s: \"%s\" must give both languages: {\"zh\": \"…\", \"en\": \"…\"}", what, key);
		return -1;
	}
	if (n->kind != JXL_OBJECT) {
		pack_err_at(L, n->line, n->col, "%s: \"%s\" must be {\"zh\": \"…\", \"en\": \"…\"}", what, key);
		return -1;
	}
	static const char *const keys[] = {"zh", "en", NULL};
	char w[200];
	snprintf(w, sizeof w, "%s.%s", what, key);
	pack_check_keys(L, n, w, keys);
	*zh = pack_want_string(L, n, "zh", w, 1);
	*en = pack_want_string(L, n, "en", w, 1);
	if (zh_node)
		*zh_node = pack_member(n, "zh");
	if (en_node)
		*en_node = pack_member(n, "en");
	return *zh && *en ? 0 : -1;
}

/* ---- template of weights ------------------------------------------------------------------ */

static int read_dec(const jxl_node *n, dec *out)
{
	if (!n || (n->kind != JXL_NUMBER && n->kind != JXL_STRING))
		return -1;
	num_fig nf;
	num_err ne;
	if (num_parse(n->str, n->slen, &nf, &ne) != NUM_OK || nf.unit != NUM_UNIT_NONE || nf.qual)
		return -1;
	*out = nf.negative && dec_sign(nf.value) > 0 ? dec_neg(nf.value) : nf.value;
	return 0;
}

static void build_tmpl(loader *L, const jxl_node *n, tmpl_node *t, int depth, int is_root)
{
	const char *what = "template";
	if (n->kind != JXL_OBJECT) {
		pack_err_at(L, n->line, n->col, "%s: each node is an object {\"name\": …, \"max\": …, \"items\": […]}", what);
		return;
	}
	if (depth > PACK_MAX_TMPL_DEPTH) {
		pack_err_at(L, n->line, n->col, "%s: more than %d levels", what, PACK_MAX_TMPL_DEPTH);
		return;
	}
	static const char *const keys[] = {"name", "max", "kind", "items", "source", NULL};
	pack_check_keys(L, n, what, keys);
	t->line = n->line;
	t->col = n->col;
	const jxl_node *nm = pack_member(n, "name");
	if (nm && nm->kind == JXL_STRING && nm->slen) {
		t->names = arena_alloc(&L->p->a, sizeof *t->names);
		t->names[0] = arena_strdup(&L->p->a, nm->str);
		t->nnames = 1;
	} else if (nm && nm->kind == JXL_ARRAY && nm->nkids) {
		t->names = arena_alloc(&L->p->a, nm->nkids * sizeof *t->names);
		for (size_t i = 0; i < nm->nkids; i++) {
			if (nm->kids[i]->kind != JXL_STRING || !nm->kids[i]->slen) {
				pack_err_at(L, nm->kids[i]->line, nm->kids[i]->col, "%s: a name is non-empty text", what);
				return;
			}
			t->names[t->nnames++] = arena_strdup(&L->p->a, nm->kids[i]->str);
		}
	} else if (nm) {
		pack_err_at(L, nm->line, nm->col, "%s: \"name\" is a name or a list of names (aliases)", what);
	}
	if (t->nnames) {   /* as weight() compares them, once for every document */
		t->norms = arena_alloc(&L->p->a, t->nnames * sizeof *t->norms);
		t->lens = arena_alloc(&L->p->a, t->nnames * sizeof *t->lens);
		t->nlens = arena_alloc(&L->p->a, t->nnames * sizeof *t->nlens);
		for (size_t i = 0; i < t->nnames; i++) {
			char y[EVAL_NAME_MAX];
			size_t len = eval_norm_name(t->names[i], y, sizeof y);
			t->norms[i] = arena_strndup(&L->p->a, y, len);
			t->lens[i] = strlen(t->names[i]);
			t->nlens[i] = len;
		}
	}
	const jxl_node *kd = pack_member(n, "kind");
	if (kd && (kd->kind != JXL_STRING || !kd->slen))
		pack_err_at(L, kd->line, kd->col, "%s: \"kind\" is text (execution, bonus)", what);
	else if (kd)
		t->kind = arena_strdup(&L->p->a, kd->str);
	t->bonus = t->kind && !strcmp(t->kind, "bonus");
	if (!is_root && !t->nnames && !t->kind)
		pack_err_at(L, n->line, n->col, "%s: a node below the root needs a \"name\" (or a \"kind\") to be matched by", what);
	const jxl_node *mx = pack_member(n, "max");
	if (mx) {
		if (read_dec(mx, &t->max))
			pack_err_at(L, mx->line, mx->col, "%s: \"max\" is a number of points", what);
		else
			t->has_max = 1;
	}
	const jxl_node *it = pack_member(n, "items");
	if (it && it->kind != JXL_ARRAY) {
		pack_err_at(L, it->line, it->col, "%s: \"items\" is a list of nodes", what);
	} else if (it && it->nkids) {
		t->items = arena_alloc(&L->p->a, it->nkids * sizeof *t->items);
		t->nitems = it->nkids;
		for (size_t i = 0; i < it->nkids; i++)
			build_tmpl(L, it->kids[i], &t->items[i], depth + 1, 0);
	}
}

/* ---- the pack ----------------------------------------------------------------------------------- */

static void build_pack(loader *L, const jxl_node *root)
{
	pack *p = L->p;
	if (root->kind != JXL_OBJECT) {
		pack_err_at(L, root->line, root->col, "a pack is a JSON object with \"pack\" and \"rules\"");
		return;
	}
	static const char *const keys[] = {"pack", "title", "version", "source", "description", "default", "applies",
					   "template", "rules", NULL};
	pack_check_keys(L, root, "pack", keys);
	p->name = pack_want_string(L, root, "pack", "pack", 1);
	if (p->name && !pack_is_name(p->name)) {
		const jxl_node *nn = pack_member(root, "pack");
		pack_err_at(L, nn->line, nn->col, "pack: a pack's name is lowercase a-z, 0-9 and '-' (e.g. \"hunan-dept\")");
	}
	if (pack_member(root, "title"))
		pack_want_zh_en(L, root, "title", "pack", 0, &p->title_zh, &p->title_en, NULL, NULL);
	if (pack_member(root, "description"))
		pack_want_zh_en(L, root, "description", "pack", 0, &p->description_zh, &p->description_en, NULL, NULL);
	p->version = pack_want_string(L, root, "version", "pack", 0);
	p->source = pack_want_string(L, root, "source", "pack", 0);
	const jxl_node *d = pack_member(root, "default");
	if (d && d->kind != JXL_BOOL)
		pack_err_at(L, d->line, d->col, "pack: \"default\" is true or false");
	p->is_default = d && d->kind == JXL_BOOL && d->bval;
	if (p->is_default) {   /* kept for rules check: ignored in a pack that is not the install's */
		p->said_default = 1;
		p->default_line = d->line;
		p->default_col = d->col;
	}
	expr_names none = {.check_paths = 1};
	p->applies = pack_want_expr(L, root, "applies", "pack", 0, &none, &p->applies_src);
	const jxl_node *t = pack_member(root, "template");
	if (t) {
		p->tmpl = arena_alloc(&p->a, sizeof *p->tmpl);
		p->tmpl_line = t->line;
		p->tmpl_col = t->col;
		build_tmpl(L, t, p->tmpl, 0, 1);
	}
	const jxl_node *rules = pack_member(root, "rules");
	if (!rules) {
		pack_err_at(L, root->line, root->col, "pack: \"rules\" is required (a list of rules)");
		return;
	}
	if (rules->kind != JXL_ARRAY) {
		pack_err_at(L, rules->line, rules->col, "pack: \"rules\" is a list of rules");
		return;
	}
	if (rules->nkids > PACK_MAX_RULES) {
		pack_err_at(L, rules->line, rules->col, "pack: more than %d rules", PACK_MAX_RULES);
		return;
	}
	p->nrules = rules->nkids;
	p->rules = arena_alloc(&p->a, (p->nrules ? p->nrules : 1) * sizeof *p->rules);
	for (size_t i = 0; i < p->nrules; i++) {
		pack_build_rule(L, rules->kids[i], i, &p->rules[i]);
		const char *id = p->rules[i].id;
		for (size_t j = 0; id && j < i; j++)
			if (p->rules[j].id && !strcmp(p->rules[j].id, id))
				pack_err_at(L, p->rules[i].line, p->rules[i].col, "rule %s: the id is used twice in this pack (first at line %d)", id,
				       p->rules[j].line);
		const rule_def *old = id && L->reg ? registry_find(L->reg, id) : NULL;
		if (old)
			pack_err_at(L, p->rules[i].line, p->rules[i].col, "rule %s: the id is already defined by %s", id, pack_origin_shown(old->origin));
	}
}

pack *pack_parse(const char *path, const char *text, size_t n, const registry *reg, pack_errs *errs)
{
	pack *p = calloc(1, sizeof *p);
	if (!p) {
		pack_errs_add(errs, path, 0, 0, "out of memory");
		return NULL;
	}
	arena_init(&p->a);
	p->path = strdup(path);
	loader L = {.p = p, .path = p->path, .text = text, .n = n, .errs = errs, .errs_at_start = errs->n + errs->dropped, .reg = reg};
	jparse_err je;
	jxl_node *root = jparse(&p->a, text, n, &je);   /* the tree lives in p->a */
	if (!root) {
		pack_err_at(&L, je.line, je.col, "malformed JSON: %s", je.msg);
		pack_free(p);
		return NULL;
	}
	p->src = arena_strndup(&p->a, text, n);   /* what the rules' examples are printed from, when asked */
	p->srclen = n;
	build_pack(&L, root);
	if (pack_failed(&L)) {
		pack_free(p);
		return NULL;
	}
	pack_prepare(p);
	return p;
}

void pack_free(pack *p)
{
	if (!p)
		return;
	arena_release(&p->a);
	free(p->path);
	free(p->real);
	free(p);
}

