/* config_read.c — reading one .jxlint.json: its packs, rule severities, ignore patterns and tolerances, each checked with a located message. */
#include "config_int.h"

#include <errno.h>
#include <fnmatch.h>
#include <limits.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

/* "!NAME" in "packs": the default pack NAME off for this configuration. */
static void remove_pack(config *c, const char *name)
{
	size_t k = 0;
	for (size_t i = 0; i < c->npacks; i++)
		if (!(c->packs[i].from == FROM_DEFAULT && c->packs[i].p->name && !strcmp(c->packs[i].p->name, name)))
			c->packs[k++] = c->packs[i];
	c->npacks = k;
}

typedef struct cload {
	config_set *cs;
	config *c;
	const char *path;          /* as shown in messages */
	pack_errs *errs;
	size_t errs_at_start;
} cload;

static void cerr(cload *L, const jxl_node *n, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static void cerr(cload *L, const jxl_node *n, const char *fmt, ...)
{
	char msg[300];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	pack_errs_add(L->errs, L->path, n ? n->line : 0, n ? n->col : 0, "%s", msg);
}

static void cerr_key(cload *L, const jxl_node *n, const char *fmt, const char *key)
{
	pack_errs_add(L->errs, L->path, n->kline, n->kcol, fmt, key);
}

static void read_packs(cload *L, const jxl_node *arr)
{
	if (arr->kind != JXL_ARRAY) {
		cerr(L, arr, "\"packs\" is a list of pack names (\"hunan-dept\") or pack files inside the repository (\"rules/county.json\")");
		return;
	}
	if (arr->nkids > CONFIG_MAX_ENTRIES) {
		cerr(L, arr, "more than %d packs", CONFIG_MAX_ENTRIES);
		return;
	}
	for (size_t i = 0; i < arr->nkids; i++) {
		const jxl_node *e = arr->kids[i];
		if (e->kind != JXL_STRING || !e->slen) {
			cerr(L, e, "a pack is named by text: a name or a path");
			continue;
		}
		const char *s = e->str;
		if (s[0] == '!') {
			if (!pack_is_name(s + 1))
				cerr(L, e, "\"!NAME\" turns off a default pack by name; \"%s\" is not a pack name", s + 1);
			else if (!strcmp(s + 1, PACK_CORE))
				cerr(L, e, "\"!%s\": the %s pack holds built-in checks and is always on; turn its rules off by id in \"rules\" "
				     "(\"staffing/over-quota\": \"off\")", PACK_CORE, PACK_CORE);
			else
				remove_pack(L->c, s + 1);
			continue;
		}
		if (config_is_native(s)) {
			cerr(L, e, "\"%s\": a configuration cannot load native code; rule plugins (.so) are loaded only from the install or with --plugin",
			     s);
			continue;
		}
		if (pack_is_name(s)) {
			size_t before = L->errs->n;
			pack *p = pack_set_by_name(L->cs->ps, s, L->errs);
			if (p)
				config_add_pack(L->c, p, FROM_CONFIG);
			else if (L->errs->n > before && L->errs->v[before].line == 0)
				L->errs->v[before].line = e->line, L->errs->v[before].col = e->col,
				L->errs->v[before].file = arena_strdup(&L->errs->a, L->path);
			continue;
		}
		if (!config_ends_with(s, ".json")) {
			cerr(L, e, "\"%s\": a pack file ends in .json (or name an installed pack: lowercase letters, digits, '-')", s);
			continue;
		}
		char joined[PATH_MAX * 2];
		if (s[0] == '/')
			snprintf(joined, sizeof joined, "%s", s);
		else
			snprintf(joined, sizeof joined, "%s/%s", L->c->dir, s);
		char *real = realpath(joined, NULL);
		if (!real) {
			cerr(L, e, "cannot find the pack \"%s\" in the repository (%s)", s, strerror(errno));
			continue;
		}
		size_t dl = strlen(L->c->dir);
		if (strncmp(real, L->c->dir, dl) || (real[dl] != '/' && strcmp(L->c->dir, "/"))) {
			cerr(L, e, "the pack \"%s\" is outside the repository (the directory holding this configuration): a configuration may only use packs inside it",
			     s);
			free(real);
			continue;
		}
		pack *p = pack_set_by_path(L->cs->ps, real, L->errs);
		if (p)
			config_add_pack(L->c, p, FROM_CONFIG);
		free(real);
	}
}

static int matches_some_rule(const registry *reg, const char *pattern)
{
	for (size_t i = 0; i < reg->nrules; i++)
		if (!strcmp(reg->rules[i].id, pattern) || !fnmatch(pattern, reg->rules[i].id, 0))
			return 1;
	return 0;
}

static void read_rules(cload *L, const jxl_node *obj)
{
	if (obj->kind != JXL_OBJECT) {
		cerr(L, obj, "\"rules\" is an object: {\"RULE-ID or glob\": \"error|warning|info|off\"}");
		return;
	}
	if (obj->nkids > CONFIG_MAX_ENTRIES) {
		cerr(L, obj, "more than %d rule settings", CONFIG_MAX_ENTRIES);
		return;
	}
	for (size_t i = 0; i < obj->nkids; i++) {
		const jxl_node *e = obj->kids[i];
		const char *id = e->key;
		if (id[0] == '$')
			continue;
		int sev = -1;
		if (e->kind == JXL_STRING)
			sev = severity_parse(e->str);
		else if (e->kind == JXL_NUMBER && e->slen == 1 && e->str[0] >= '0' && e->str[0] <= '2')
			sev = severity_parse(e->str);
		if (sev < 0) {
			cerr(L, e, "the severity of %s is \"error\", \"warning\", \"info\" or \"off\"", id);
			continue;
		}
		if (!*id || strlen(id) > 128 || strspn(id, "abcdefghijklmnopqrstuvwxyz0123456789-_./*?[]") != strlen(id)) {
			cerr_key(L, e, "\"%s\" is not a rule id or a glob of rule ids (like scores/*)", id);
			continue;
		}
		if (!matches_some_rule(L->cs->ps->reg, id) && L->cs->ps->deferred) {
			pack_errs quiet;   /* the opt-in packs not loaded yet may have it; their own errors are not this file's */
			pack_errs_init(&quiet);
			pack_set_load_dir(L->cs->ps, &quiet);
			pack_errs_release(&quiet);
		}
		if (!matches_some_rule(L->cs->ps->reg, id)) {
			cerr_key(L, e, strpbrk(id, "*?[") ? "\"%s\" matches no rule (see jxlint --list-rules)"
							   : "unknown rule \"%s\" (see jxlint --list-rules)", id);
			continue;
		}
		rule_override *v = realloc(L->c->rules, (L->c->nrules + 1) * sizeof *v);
		if (!v)
			return;
		L->c->rules = v;
		v[L->c->nrules].pattern = strdup(id);
		v[L->c->nrules].severity = sev;
		L->c->nrules++;
	}
}

static void read_ignore(cload *L, const jxl_node *arr)
{
	if (arr->kind != JXL_ARRAY) {
		cerr(L, arr, "\"ignore\" is a list of patterns, like \"drafts/\" or \"**/*.bak.json\"");
		return;
	}
	if (arr->nkids > CONFIG_MAX_ENTRIES) {
		cerr(L, arr, "more than %d ignore patterns", CONFIG_MAX_ENTRIES);
		return;
	}
	for (size_t i = 0; i < arr->nkids; i++) {
		const jxl_node *e = arr->kids[i];
		if (e->kind != JXL_STRING || !e->slen || e->slen > CONFIG_MAX_GLOB) {
			cerr(L, e, "an ignore pattern is text of 1 to %d bytes", CONFIG_MAX_GLOB);
			continue;
		}
		char **v = realloc(L->c->ignore, (L->c->nignore + 1) * sizeof *v);
		if (!v)
			return;
		L->c->ignore = v;
		v[L->c->nignore++] = strdup(e->str);
	}
}

static void read_tolerance(cload *L, const jxl_node *obj)
{
	if (obj->kind != JXL_OBJECT) {
		cerr(L, obj, "\"tolerance\" is an object: {\"money\": \"1元\", \"percent\": \"0.01%%\", \"number\": \"0.5\"}");
		return;
	}
	for (size_t i = 0; i < obj->nkids; i++) {
		const jxl_node *e = obj->kids[i];
		const char *k = e->key;
		if (k[0] == '$')
			continue;
		int which = !strcmp(k, "money") ? 1 : !strcmp(k, "percent") ? 2 : !strcmp(k, "number") ? 3 : 0;
		if (!which) {
			cerr_key(L, e, "unknown tolerance \"%s\" (money, percent or number)", k);
			continue;
		}
		num_fig nf;
		num_err ne;
		if ((e->kind != JXL_STRING && e->kind != JXL_NUMBER) || num_parse(e->str, e->slen, &nf, &ne) != NUM_OK ||
		    nf.negative || nf.qual) {
			cerr(L, e, "a tolerance is a figure that is not negative, like \"1元\", \"0.01%%\" or 0.5");
			continue;
		}
		if (which == 1 && nf.unit != NUM_UNIT_YUAN) {
			cerr(L, e, "a money tolerance carries its unit: \"1元\", \"0.01万元\"");
			continue;
		}
		if (which == 2 && nf.unit != NUM_UNIT_PERCENT && nf.unit != NUM_UNIT_PERMILLE) {
			cerr(L, e, "a percent tolerance is written with %%: \"0.01%%\"");
			continue;
		}
		if (which == 3 && nf.unit != NUM_UNIT_NONE) {
			cerr(L, e, "a number tolerance is a bare number, like 0.5");
			continue;
		}
		dec v = nf.unit == NUM_UNIT_PERMILLE ? dec_shift(nf.value, -1) : nf.value;
		L->c->has_tol = 1;
		if (which == 1) L->c->tol.has_money = 1, L->c->tol.money = v;
		if (which == 2) L->c->tol.has_percent = 1, L->c->tol.percent = v;
		if (which == 3) L->c->tol.has_number = 1, L->c->tol.number = v;
	}
}

config *config_load(config_set *cs, const char *path, const char *dir, pack_errs *errs)
{
	for (size_t i = 1; i < cs->n; i++)
		if (cs->v[i]->path && !strcmp(cs->v[i]->path, path))
			return cs->v[i];
	char b[PATH_MAX];
	cload L = {.cs = cs, .path = config_shown(path, b, sizeof b), .errs = errs, .errs_at_start = errs->n + errs->dropped};
	L.path = arena_strdup(&errs->a, L.path);
	arena a;
	arena_init(&a);
	const jxl_node *root = pack_read_json(&a, path, L.path, CONFIG_MAX_BYTES, errs, NULL, NULL);
	if (!root) {
		arena_release(&a);
		return NULL;
	}
	config *c = config_new();
	c->path = strdup(path);
	c->dir = strdup(dir);
	L.c = c;
	/* start from what every file gets: default packs and --pack */
	for (size_t i = 0; i < cs->v[0]->npacks; i++)
		config_add_pack(c, cs->v[0]->packs[i].p, cs->v[0]->packs[i].from);
	if (root->kind != JXL_OBJECT) {
		cerr(&L, root, "a configuration is a JSON object: {\"packs\": […], \"rules\": {…}, \"ignore\": […], \"tolerance\": {…}}");
	} else {
		const jxl_node *packs = doc_get(root, "packs");   /* first: "rules" may name their rules */
		if (packs)
			read_packs(&L, packs);
		for (size_t i = 0; i < root->nkids; i++) {
			const jxl_node *e = root->kids[i];
			const char *k = e->key;
			if (!strcmp(k, "packs"))
				continue;
			else if (!strcmp(k, "rules"))
				read_rules(&L, e);
			else if (!strcmp(k, "ignore"))
				read_ignore(&L, e);
			else if (!strcmp(k, "tolerance"))
				read_tolerance(&L, e);
			else if (k[0] == '$')
				continue;
			else if (!strcmp(k, "plugin") || !strcmp(k, "plugins") || !strcmp(k, "rules-dir") || !strcmp(k, "rules_dir") ||
				 !strcmp(k, "rulesDir"))
				cerr_key(&L, e, "\"%s\": a configuration cannot load native code; rule plugins are loaded only from the install or with --plugin", k);
			else
				cerr_key(&L, e, "unknown key \"%s\" (packs, rules, ignore, tolerance)", k);
		}
	}
	arena_release(&a);
	if (errs->n + errs->dropped > L.errs_at_start) {
		config_free(c);
		return NULL;
	}
	config **v = realloc(cs->v, (cs->n + 1) * sizeof *v);
	if (!v) {
		config_free(c);
		return NULL;
	}
	cs->v = v;
	cs->v[cs->n++] = c;
	return c;
}
