/* config.c — .jxlint.json: found by walking up from each linted file (nearest wins); packs to enable, severities, ignore globs, tolerances. */
#include "config.h"

#include <errno.h>
#include <stdarg.h>
#include <fnmatch.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "report.h"

/* ---- small helpers ---------------------------------------------------------------- */

static int ends_with(const char *s, const char *suffix)
{
	size_t a = strlen(s), b = strlen(suffix);
	return a >= b && !strcmp(s + a - b, suffix);
}

static int is_native(const char *s)
{
	return ends_with(s, ".so") || strstr(s, ".so.") || ends_with(s, ".dylib") || ends_with(s, ".dll");
}

/* The directory part of path, made absolute and real (NULL if it does not exist). */
static char *real_dir_of(const char *path)
{
	char buf[PATH_MAX];
	struct stat st;
	if (stat(path, &st) == 0 && S_ISDIR(st.st_mode))
		return realpath(path, NULL);
	const char *slash = strrchr(path, '/');
	if (!slash)
		return realpath(".", NULL);
	if (slash == path)
		return strdup("/");
	snprintf(buf, sizeof buf, "%.*s", (int)(slash - path), path);
	return realpath(buf, NULL);
}

/* The file's path relative to dir (both real), or NULL when it is not inside. */
static char *relative_to(const char *dir, const char *file)
{
	char *fdir = real_dir_of(file);
	if (!fdir)
		return NULL;
	struct stat st;
	const char *base = strrchr(file, '/');
	base = base ? base + 1 : file;
	char full[PATH_MAX * 2];
	if (stat(file, &st) == 0 && S_ISDIR(st.st_mode))
		snprintf(full, sizeof full, "%s", fdir);
	else
		snprintf(full, sizeof full, "%s/%s", strcmp(fdir, "/") ? fdir : "", base);
	free(fdir);
	size_t dl = strlen(dir);
	if (!strcmp(dir, "/"))
		return strdup(full + 1);
	if (strncmp(full, dir, dl) || full[dl] != '/')
		return NULL;
	return strdup(full + dl + 1);
}

const char *config_shown(const char *abs, char *buf, size_t n)
{
	char cwd[PATH_MAX];
	if (!abs)
		return NULL;
	if (getcwd(cwd, sizeof cwd)) {
		size_t cl = strlen(cwd);
		if (!strncmp(abs, cwd, cl) && abs[cl] == '/') {
			snprintf(buf, n, "%s", abs + cl + 1);
			return buf;
		}
		if (!strcmp(abs, cwd)) {
			snprintf(buf, n, ".");
			return buf;
		}
	}
	snprintf(buf, n, "%s", abs);
	return buf;
}

/* ---- configurations ------------------------------------------------------------------------ */

static config *config_new(void)
{
	return calloc(1, sizeof(config));
}

static void config_free(config *c)
{
	if (!c)
		return;
	free(c->path);
	free(c->dir);
	free(c->packs);
	for (size_t i = 0; i < c->nrules; i++)
		free(c->rules[i].pattern);
	free(c->rules);
	for (size_t i = 0; i < c->nignore; i++)
		free(c->ignore[i]);
	free(c->ignore);
	free(c);
}

static int add_pack(config *c, pack *p, int from)
{
	for (size_t i = 0; i < c->npacks; i++)
		if (c->packs[i].p == p)
			return 0;
	config_pack *v = realloc(c->packs, (c->npacks + 1) * sizeof *v);
	if (!v)
		return -1;
	c->packs = v;
	c->packs[c->npacks].p = p;
	c->packs[c->npacks].from = from;
	c->npacks++;
	return 0;
}

static void remove_pack(config *c, const char *name)
{
	size_t k = 0;
	for (size_t i = 0; i < c->npacks; i++)
		if (!(c->packs[i].from == FROM_DEFAULT && c->packs[i].p->name && !strcmp(c->packs[i].p->name, name)))
			c->packs[k++] = c->packs[i];
	c->npacks = k;
}

static pack *pack_from_cli(pack_set *ps, const char *arg, pack_errs *errs)
{
	if (is_native(arg)) {
		pack_errs_add(errs, arg, 0, 0, "--pack takes a JSON rule pack; native code (.so) is loaded with --plugin");
		return NULL;
	}
	return pack_is_name(arg) ? pack_set_by_name(ps, arg, errs) : pack_set_by_path(ps, arg, errs);
}

static int forced_load(config_set *cs, const char *path, pack_errs *errs);

int config_set_init(config_set *cs, pack_set *ps, const opts *o, pack_errs *errs)
{
	memset(cs, 0, sizeof *cs);
	cs->ps = ps;
	cs->disabled = o->no_config;
	config *d = config_new();
	if (!d)
		return -1;
	cs->v = malloc(sizeof *cs->v);
	if (!cs->v) {
		config_free(d);
		return -1;
	}
	cs->v[0] = d;
	cs->n = 1;
	int rc = 0;
	for (size_t i = 0; i < ps->n; i++)
		if (ps->v[i]->is_default)
			add_pack(d, ps->v[i], FROM_DEFAULT);
	for (size_t i = 0; i < o->npacks; i++) {
		pack *p = pack_from_cli(ps, o->packs[i], errs);
		if (!p)
			rc = -1;
		else
			add_pack(d, p, FROM_COMMAND_LINE);
	}
	if (!rc && o->config_file && !cs->disabled)
		rc = forced_load(cs, o->config_file, errs);
	return rc;
}

void config_set_release(config_set *cs)
{
	for (size_t i = 0; i < cs->n; i++)
		config_free(cs->v[i]);
	free(cs->v);
	for (size_t i = 0; i < cs->ndirs; i++) {
		free(cs->dirs[i].dir);
		free(cs->dirs[i].refused);
	}
	free(cs->dirs);
	free(cs->files);
	free(cs->last_dir);
	memset(cs, 0, sizeof *cs);
}

/* ---- reading a configuration file --------------------------------------------------------------- */

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
		if (is_native(s)) {
			cerr(L, e, "\"%s\": a configuration cannot load native code; rule plugins (.so) are loaded only from the install or with --plugin",
			     s);
			continue;
		}
		if (pack_is_name(s)) {
			size_t before = L->errs->n;
			pack *p = pack_set_by_name(L->cs->ps, s, L->errs);
			if (p)
				add_pack(L->c, p, FROM_CONFIG);
			else if (L->errs->n > before && L->errs->v[before].line == 0)
				L->errs->v[before].line = e->line, L->errs->v[before].col = e->col,
				L->errs->v[before].file = arena_strdup(&L->errs->a, L->path);
			continue;
		}
		if (!ends_with(s, ".json")) {
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
			add_pack(L->c, p, FROM_CONFIG);
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

/* Load the configuration file at path (real, absolute) for the repository dir. */
static config *load_config(config_set *cs, const char *path, const char *dir, pack_errs *errs)
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
		add_pack(c, cs->v[0]->packs[i].p, cs->v[0]->packs[i].from);
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

static const struct config_dir *cached(config_set *cs, const char *dir)
{
	for (size_t i = 0; i < cs->ndirs; i++)
		if (!strcmp(cs->dirs[i].dir, dir))
			return &cs->dirs[i];
	return NULL;
}

static void remember(config_set *cs, const char *dir, const config *c, const char *refused)
{
	struct config_dir *v = realloc(cs->dirs, (cs->ndirs + 1) * sizeof *v);
	if (!v)
		return;
	cs->dirs = v;
	cs->dirs[cs->ndirs].dir = strdup(dir);
	cs->dirs[cs->ndirs].cfg = c;
	cs->dirs[cs->ndirs].refused = refused ? strdup(refused) : NULL;
	cs->ndirs++;
}

static const config *find_uncached(config_set *cs, const char *file, pack_errs *errs);

/* config_find, for a path known to be a file (not a directory) when is_file. */
static const config *find(config_set *cs, const char *file, int is_file, pack_errs *errs)
{
	if (cs->disabled)
		return cs->v[0];
	if (cs->forced)
		return cs->forced;
	/* files of one directory come together: the answer for the last directory as written */
	const char *slash = strrchr(file, '/');
	size_t dl = slash ? (size_t)(slash - file) : 0;
	if (cs->last_dir && strlen(cs->last_dir) == dl && !strncmp(cs->last_dir, file, dl)) {
		struct stat st;
		if (is_file || stat(file, &st) != 0 || !S_ISDIR(st.st_mode)) {
			if (!cs->last_cfg)
				cs->last_refused = cs->last_dir_refused;
			return cs->last_cfg;
		}
	}
	const config *found = find_uncached(cs, file, errs);
	free(cs->last_dir);
	cs->last_dir = strndup(file, dl);
	cs->last_cfg = found;
	cs->last_dir_refused = found ? NULL : cs->last_refused;
	return found;
}

const config *config_find(config_set *cs, const char *file, pack_errs *errs)
{
	return find(cs, file, 0, errs);
}

static const config *find_uncached(config_set *cs, const char *file, pack_errs *errs)
{
	char *d = real_dir_of(file);
	if (!d)
		return cs->v[0];
	char *visited[CONFIG_MAX_UP];
	size_t nv = 0;
	const config *result = cs->v[0];
	char refused[PATH_MAX] = "";
	while (d) {
		const struct config_dir *hit = cached(cs, d);
		if (hit) {
			result = hit->cfg;
			if (!result)
				snprintf(refused, sizeof refused, "%s", hit->refused ? hit->refused : CONFIG_NAME);
			free(d);
			break;
		}
		visited[nv++] = d;
		char cand[PATH_MAX * 2];
		snprintf(cand, sizeof cand, "%s/%s", strcmp(d, "/") ? d : "", CONFIG_NAME);
		struct stat st;
		if (stat(cand, &st) == 0 && S_ISREG(st.st_mode)) {
			char *real = realpath(cand, NULL);
			result = load_config(cs, real ? real : cand, d, errs);
			if (!result)
				config_shown(real ? real : cand, refused, sizeof refused);
			free(real);
			break;
		}
		char git[PATH_MAX * 2];
		snprintf(git, sizeof git, "%s/.git", strcmp(d, "/") ? d : "");
		if (!strcmp(d, "/") || stat(git, &st) == 0 || nv == CONFIG_MAX_UP)
			break;   /* the top of the repository (or of the file system) */
		char *slash = strrchr(d, '/');
		d = slash == d ? strdup("/") : strndup(d, (size_t)(slash - d));
	}
	for (size_t i = 0; i < nv; i++) {
		remember(cs, visited[i], result, result ? NULL : refused);
		free(visited[i]);
	}
	if (!result) {   /* the name lives in the cache */
		for (size_t i = 0; i < cs->ndirs; i++)
			if (!cs->dirs[i].cfg && cs->dirs[i].refused && !strcmp(cs->dirs[i].refused, refused))
				cs->last_refused = cs->dirs[i].refused;
	}
	return result;
}

static int forced_load(config_set *cs, const char *path, pack_errs *errs)
{
	char *real = realpath(path, NULL);
	if (!real) {
		pack_errs_add(errs, path, 0, 0, "cannot read the configuration: %s", strerror(errno));
		return -1;
	}
	char *dir = real_dir_of(real);
	const config *c = dir ? load_config(cs, real, dir, errs) : NULL;
	free(real);
	free(dir);
	if (!c)
		return -1;
	cs->forced = c;
	return 0;
}

static int by_path(const void *a, const void *b)
{
	return strcmp(((const struct config_file *)a)->path, ((const struct config_file *)b)->path);
}

/* A rule pack this run loaded is not a submission: a directory of submissions may keep its packs. */
static int is_pack_file(const pack_set *ps, const char *file)
{
	int any = 0;   /* the install's packs are not among the submissions: only a repository's can be */
	for (size_t i = 0; ps && i < ps->n; i++)
		any |= !ps->v[i]->from_install;
	if (!any)
		return 0;
	char *real = realpath(file, NULL);
	int hit = 0;
	for (size_t i = 0; real && i < ps->n && !hit; i++)
		hit = ps->v[i]->real && !strcmp(ps->v[i]->real, real);
	free(real);
	return hit;
}

int config_assign(config_set *cs, file_list *fl, pack_errs *errs)
{
	int refused = 0;
	size_t k = 0;
	free(cs->files);   /* the previous batch's */
	cs->files = malloc((fl->n ? fl->n : 1) * sizeof *cs->files);
	if (!cs->files)
		return -1;
	for (size_t i = 0; i < fl->n; i++) {
		size_t before = errs->n + errs->dropped;
		cs->last_refused = NULL;
		const config *c = find(cs, fl->v[i], !fl->err[i], errs);   /* what collecting found is a file */
		if (!c) {
			const char *name = cs->last_refused ? cs->last_refused : CONFIG_NAME;
			refused += errs->n + errs->dropped > before;
			free(fl->err[i]);
			char *why = malloc(strlen(CONFIG_REFUSED) + strlen(name) + 1);
			if (why)
				sprintf(why, "%s%s", CONFIG_REFUSED, name);
			fl->err[i] = why;
			c = cs->v[0];
		} else if (!fl->err[i] && (config_ignores(c, fl->v[i]) || is_pack_file(cs->ps, fl->v[i]))) {
			free(fl->v[i]);
			free(fl->err[i]);
			continue;
		}
		fl->v[k] = fl->v[i];
		fl->err[k] = fl->err[i];
		cs->files[k].path = fl->v[k];
		cs->files[k].cfg = c;
		k++;
	}
	fl->n = k;
	cs->nfiles = k;
	qsort(cs->files, k, sizeof *cs->files, by_path);
	return refused;
}

const config *config_lookup(const config_set *cs, const char *path)
{
	if (!cs)
		return NULL;
	struct config_file key = {.path = path};
	const struct config_file *f = cs->nfiles ? bsearch(&key, cs->files, cs->nfiles, sizeof key, by_path) : NULL;
	return f ? f->cfg : cs->forced ? cs->forced : cs->v[0];
}

/* ---- what a configuration decides ------------------------------------------------------------------ */

int config_severity(const config *c, const char *rule, int base)
{
	if (!c)
		return base;
	for (size_t i = 0; i < c->nrules; i++)
		if (!strcmp(c->rules[i].pattern, rule) || !fnmatch(c->rules[i].pattern, rule, 0))
			base = c->rules[i].severity;
	return base;
}

int config_ignores(const config *c, const char *file)
{
	if (!c || !c->dir || !c->nignore)
		return 0;
	char *rel = relative_to(c->dir, file);
	if (!rel)
		return 0;
	int hit = 0;
	for (size_t i = 0; i < c->nignore && !hit; i++)
		hit = config_glob(c->ignore[i], rel);
	free(rel);
	return hit;
}

const eval_tol *config_tolerance(const config *c)
{
	return c && c->has_tol ? &c->tol : NULL;
}

const jxl_fig *config_widen(const config *c, arena *a, const jxl_fig *f)
{
	const eval_tol *t = config_tolerance(c);
	if (!t || !f)
		return f;
	const dec *by = f->unit == FIG_MONEY ? (t->has_money ? &t->money : NULL)
		      : f->unit == FIG_PERCENT ? (t->has_percent ? &t->percent : NULL)
		      : f->unit == FIG_RATIO ? NULL : (t->has_number ? &t->number : NULL);
	if (!by || dec_is_zero(*by))
		return f;
	jxl_fig *w = arena_alloc(a, sizeof *w);
	*w = *f;
	if (dec_sub(f->lo, *by, &w->lo) || dec_add(f->hi, *by, &w->hi))
		return f;
	return w;
}

