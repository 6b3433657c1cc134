/* config.c — .jxlint.json: found by walking up from each linted file (nearest wins), cached per directory, assigned to files; what a configuration decides. Reading one file: config_read.c. */
#include "config.h"

#include <errno.h>
#include <fnmatch.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "config_int.h"
#include "report.h"

/* ---- small helpers ---------------------------------------------------------------- */

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

config *config_new(void)
{
	return calloc(1, sizeof(config));
}

void config_free(config *c)
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

int config_add_pack(config *c, pack *p, int from)
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

static pack *pack_from_cli(pack_set *ps, const char *arg, pack_errs *errs)
{
	if (config_is_native(arg)) {
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
			config_add_pack(d, ps->v[i], FROM_DEFAULT);
	for (size_t i = 0; i < o->npacks; i++) {
		pack *p = pack_from_cli(ps, o->packs[i], errs);
		if (!p)
			rc = -1;
		else
			config_add_pack(d, p, FROM_COMMAND_LINE);
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
			result = config_load(cs, real ? real : cand, d, errs);
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
	const config *c = dir ? config_load(cs, real, dir, errs) : NULL;
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

const jxl_fig *config_widen_tol(const config *c, arena *a, const jxl_fig *f)
{
	const eval_tol *t = &c->tol;
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

