/* pack_set.c — the packs of one run: found by name in the install's rules directory or given as files, each read once, registered whole or not at all. */
#include "jparse.h"
#include "pack.h"

#include <cJSON.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "doc.h"
#include "readall.h"

/* ---- reading JSON with positions --------------------------------------------------------------------- */

/* A pack or configuration file (readall.c), the reason worded for a pack error. */
static char *read_file(const char *path, size_t max, size_t *len, char *why, size_t n)
{
	read_err e;
	char *text = read_all(path, max, len, &e);
	switch (e.what) {
	case READ_OK: break;
	case READ_OPEN: snprintf(why, n, "cannot open: %s", strerror(e.errnum)); break;
	case READ_DIR: case READ_SPECIAL: snprintf(why, n, "not a regular file"); break;
	case READ_TOO_LARGE: case READ_GREW:
		snprintf(why, n, "%lld bytes, more than the %zu this file may have", e.size, max);
		break;
	case READ_NOMEM: snprintf(why, n, "out of memory"); break;
	case READ_IO: snprintf(why, n, "cannot read: %s", strerror(e.errnum)); break;
	}
	return text;
}

jxl_node *pack_read_json(arena *a, const char *path, const char *shown, size_t max, pack_errs *errs, char **text_out,
			 size_t *len_out)
{
	char why[300];
	size_t n = 0;
	char *text = read_file(path, max, &n, why, sizeof why);
	if (!text) {
		pack_errs_add(errs, shown, 0, 0, "%s", why);
		return NULL;
	}
	jparse_err je;
	jxl_node *root = jparse(a, text, n, &je);
	if (!root) {
		pack_errs_add(errs, shown, je.line, je.col, "malformed JSON: %s", je.msg);
		free(text);
		return NULL;
	}
	if (text_out) {
		*text_out = text;
		*len_out = n;
	} else {
		free(text);
	}
	return root;
}


/* ---- the set of packs of a run --------------------------------------------------------------------- */

static int by_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

int pack_set_init(pack_set *ps, registry *reg, const char *dir)
{
	memset(ps, 0, sizeof *ps);
	ps->reg = reg;
	if (!dir)
		return 0;
	ps->dir = strdup(dir);
	DIR *d = opendir(dir);
	if (!d)
		return 0;
	struct dirent *e;
	while ((e = readdir(d))) {
		size_t len = strlen(e->d_name);
		if (len < 6 || strcmp(e->d_name + len - 5, ".json"))
			continue;
		char name[256];
		snprintf(name, sizeof name, "%.*s", (int)(len - 5), e->d_name);
		if (!pack_is_name(name))
			continue;
		char **v = realloc(ps->avail, (ps->navail + 1) * sizeof *v);
		if (!v)
			break;
		ps->avail = v;
		ps->avail[ps->navail++] = strdup(name);
	}
	closedir(d);
	if (ps->navail)
		qsort(ps->avail, ps->navail, sizeof *ps->avail, by_name);
	return 0;
}

void pack_set_release(pack_set *ps)
{
	for (size_t i = 0; i < ps->n; i++)
		pack_free(ps->v[i]);
	for (size_t i = 0; i < ps->navail; i++)
		free(ps->avail[i]);
	free(ps->avail);
	free(ps->v);
	free(ps->dir);
	memset(ps, 0, sizeof *ps);
}

static int register_pack(pack_set *ps, pack *p, pack_errs *errs)
{
	for (size_t i = 0; i < p->nrules; i++) {
		const rule_def *old = registry_find(ps->reg, p->rules[i].id);
		if (old) {
			pack_errs_add(errs, p->path, p->rules[i].line, p->rules[i].col, "rule %s: the id is already defined by %s",
				      p->rules[i].id, pack_origin_shown(old->origin));
			return -1;
		}
	}
	for (size_t i = 0; i < ps->n; i++)
		if (p->name && ps->v[i]->name && !strcmp(ps->v[i]->name, p->name)) {
			pack_errs_add(errs, p->path, 0, 0, "a pack named \"%s\" is already loaded from %s", p->name, ps->v[i]->path);
			return -1;
		}
	for (size_t i = 0; i < p->nrules; i++) {
		jxl_rule_info info = {p->rules[i].id, p->rules[i].severity, p->rules[i].summary_zh, p->rules[i].summary_en};
		char why[300];
		if (registry_add(ps->reg, &info, p->path, why, sizeof why)) {
			pack_errs_add(errs, p->path, p->rules[i].line, p->rules[i].col, "%s", why);
			return -1;
		}
	}
	pack **v = realloc(ps->v, (ps->n + 1) * sizeof *v);
	if (!v)
		return -1;
	ps->v = v;
	ps->v[ps->n++] = p;
	return 0;
}

static pack *load_file(pack_set *ps, const char *path, const char *want_name, int from_install, pack_errs *errs)
{
	char real[PATH_MAX];
	if (!realpath(path, real)) {
		pack_errs_add(errs, path, 0, 0, "cannot open the pack: %s", strerror(errno));
		return NULL;
	}
	for (size_t i = 0; i < ps->n; i++)
		if (!strcmp(ps->v[i]->real, real))
			return ps->v[i];
	size_t len = strlen(real);
	if (len >= 3 && (!strcmp(real + len - 3, ".so") || strstr(real, ".so."))) {
		pack_errs_add(errs, path, 0, 0, "a pack is a JSON file; native code (.so) is loaded only with --plugin");
		return NULL;
	}
	char why[300];
	size_t n = 0;
	char *text = read_file(path, PACK_MAX_BYTES, &n, why, sizeof why);
	if (!text) {
		pack_errs_add(errs, path, 0, 0, "%s", why);
		return NULL;
	}
	if (n >= 4 && !memcmp(text, "\x7f" "ELF", 4)) {
		free(text);
		pack_errs_add(errs, path, 0, 0, "a pack is a JSON file; native code is loaded only with --plugin");
		return NULL;
	}
	char shown[300];
	if (from_install)
		snprintf(shown, sizeof shown, "rules.d/%s.json", want_name);
	pack *p = pack_parse(from_install ? shown : path, text, n, ps->reg, errs);
	free(text);
	if (!p)
		return NULL;
	p->real = strdup(real);
	p->from_install = from_install;
	if (!from_install)
		p->is_default = 0;   /* only the install's packs are on without being asked for */
	if (want_name && p->name && strcmp(p->name, want_name)) {
		pack_errs_add(errs, path, 0, 0, "the pack in %s.json calls itself \"%s\": a pack's name is its file name", want_name, p->name);
		pack_free(p);
		return NULL;
	}
	if (register_pack(ps, p, errs)) {
		pack_free(p);
		return NULL;
	}
	return p;
}

pack *pack_set_by_name(pack_set *ps, const char *name, pack_errs *errs)
{
	if (!pack_is_name(name)) {
		pack_errs_add(errs, name, 0, 0, "not a pack name (lowercase a-z, 0-9, '-')");
		return NULL;
	}
	for (size_t i = 0; i < ps->n; i++)
		if (ps->v[i]->from_install && ps->v[i]->name && !strcmp(ps->v[i]->name, name))
			return ps->v[i];
	int known = 0;
	for (size_t i = 0; i < ps->navail; i++)
		known |= !strcmp(ps->avail[i], name);
	if (!ps->dir || !known) {
		char list[600] = "";
		size_t len = 0;
		for (size_t i = 0; i < ps->navail && len < sizeof list; i++)
			len += (size_t)snprintf(list + len, sizeof list - len, "%s%s", i ? ", " : "", ps->avail[i]);
		pack_errs_add(errs, name, 0, 0, "no installed pack named \"%s\" (available: %s)", name, ps->navail ? list : "none");
		return NULL;
	}
	char path[PATH_MAX + 64];
	snprintf(path, sizeof path, "%s/%s.json", ps->dir, name);
	return load_file(ps, path, name, 1, errs);   /* shown as rules.d/NAME.json: the same in the build and the install */
}

pack *pack_set_by_path(pack_set *ps, const char *path, pack_errs *errs)
{
	return load_file(ps, path, NULL, 0, errs);
}

static size_t skip_blanks(const char *s, size_t n, size_t i)
{
	while (i < n && (s[i] == ' ' || s[i] == '\t' || s[i] == '\r' || s[i] == '\n'))
		i++;
	return i;
}

/* Where the string that starts at st (after its quote) ends: the index of
 * its closing quote, or n. A quote is escaped when an odd number of
 * backslashes comes right before it (within the string), as reading it
 * byte by byte, a backslash taking the next byte along, finds. */
static size_t string_end(const char *s, size_t n, size_t st)
{
	size_t i = st;
	for (;;) {
		const char *q = memchr(s + i, '"', n - i);
		if (!q)
			return n;
		size_t at = (size_t)(q - s), k = at;
		while (k > st && s[k - 1] == '\\')
			k--;
		if ((at - k) % 2 == 0)
			return at;
		i = at + 1;
	}
}

/* Does the pack text say "default": true at its top level? Read without
 * parsing the whole pack, so that a lint run compiles only the packs it
 * uses. 1 yes, 0 no (a well-formed top-level object without it), -1 when
 * this quick look cannot tell (the pack is then loaded, and whatever is
 * wrong with it reported, as before). */
static int quick_default(const char *s, size_t n)
{
	size_t i = skip_blanks(s, n, 0);
	int depth = 0, key = 0, yes = 0;
	if (i >= n || s[i] != '{')
		return -1;
	while (i < n) {
		char c = s[i];
		if (c == '"') {
			size_t st = ++i;
			i = string_end(s, n, st);
			if (i >= n)
				return -1;
			size_t len = i++ - st;
			if (depth == 1 && key && len == 7 && !memcmp(s + st, "default", 7)) {
				size_t j = skip_blanks(s, n, i);
				if (j < n && s[j] == ':') {
					j = skip_blanks(s, n, j + 1);
					if (n - j >= 4 && !memcmp(s + j, "true", 4))
						yes = 1;
					else if (!(n - j >= 5 && !memcmp(s + j, "false", 5)))
						return -1;   /* "default": something else: the full load says what is wrong */
				}
			}
			key = 0;
			continue;
		}
		if (c == '{' || c == '[') {
			depth++;
			key = c == '{';
		} else if (c == '}' || c == ']') {
			if (--depth < 0)
				return -1;
			key = 0;
			if (depth == 0)   /* the end of the top-level object: only blanks may follow */
				return skip_blanks(s, n, i + 1) == n ? yes : -1;
		} else if (c == ',') {
			key = depth >= 1;
		}
		i++;
	}
	return -1;
}

static int load_dir(pack_set *ps, pack_errs *errs, int defaults_only)
{
	int refused = 0, core = 0;
	for (size_t i = 0; i < ps->navail; i++) {
		int is_core = !strcmp(ps->avail[i], PACK_CORE);
		core |= is_core;
		if (defaults_only && !is_core) {
			char path[PATH_MAX + 64], why[300];
			size_t n = 0;
			snprintf(path, sizeof path, "%s/%s.json", ps->dir, ps->avail[i]);
			char *text = read_file(path, PACK_MAX_BYTES, &n, why, sizeof why);
			int d = text ? quick_default(text, n) : -1;
			free(text);
			if (d == 0) {   /* opt-in: loaded when a configuration or --pack asks for it */
				ps->deferred = 1;
				continue;
			}
		}
		if (!pack_set_by_name(ps, ps->avail[i], errs))
			refused++;
	}
	if (ps->dir && !core) {   /* built-in checks live there too: never lint with part of them */
		pack_errs_add(errs, ps->dir, 0, 0, "no %s.json in this rules directory: it holds built-in checks, which would be "
			      "missing (copy rules.d/%s.json beside the plugins)", PACK_CORE, PACK_CORE);
		refused++;
	}
	return refused;
}

int pack_set_load_dir(pack_set *ps, pack_errs *errs)
{
	int refused = load_dir(ps, errs, 0);
	ps->deferred = 0;
	return refused;
}

int pack_set_load_defaults(pack_set *ps, pack_errs *errs)
{
	return load_dir(ps, errs, 1);
}

const pack_rule *pack_set_rule(const pack_set *ps, const char *id)
{
	for (size_t i = 0; i < ps->n; i++)
		for (size_t k = 0; k < ps->v[i]->nrules; k++)
			if (!strcmp(ps->v[i]->rules[k].id, id))
				return &ps->v[i]->rules[k];
	return NULL;
}

