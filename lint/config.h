/* config.h — .jxlint.json: found by walking up from each linted file (nearest wins); packs to enable, severities, ignore globs, tolerances.
 *
 * Trust: a configuration belongs to the repository that holds it (the
 * directory of the file). It may enable packs of the install by name or
 * pack files inside that directory; it can never name a file outside it,
 * and never native code. docs/configuration.md has the whole story.
 * Library code: never prints (config_print excepted: it is the output of
 * --print-config), never exits.
 */
#ifndef JXL_CONFIG_H
#define JXL_CONFIG_H

#include <stdio.h>

#include "eval.h"
#include "opts.h"
#include "pack.h"
#include "rules.h"
#include "run.h"

#define CONFIG_NAME        ".jxlint.json"
#define CONFIG_MAX_BYTES   (256L * 1024)   /* size of one configuration file */
#define CONFIG_MAX_UP      64              /* directories walked up from a file */
#define CONFIG_MAX_ENTRIES 500             /* packs, rules or ignore patterns in one file */
#define CONFIG_MAX_GLOB    256             /* bytes of one pattern */

/* The preset error (run.h) of a file whose configuration was refused, followed by the configuration's name. */
#define CONFIG_REFUSED "configuration refused: "


enum config_from { FROM_DEFAULT = 1, FROM_CONFIG, FROM_COMMAND_LINE };

typedef struct config_pack {
	pack *p;
	int from;                  /* enum config_from */
} config_pack;

typedef struct config {
	char *path;                /* the file, or NULL: built-in defaults only */
	char *dir;                 /* its repository: the directory holding it (real path) */
	config_pack *packs;        /* enabled, each once, in order */
	size_t npacks;
	rule_override *rules;      /* "rules", in file order (last match wins) */
	size_t nrules;
	char **ignore;
	size_t nignore;
	eval_tol tol;
	int has_tol;
} config;

typedef struct config_set {
	pack_set *ps;
	config **v;                /* every configuration in use; v[0] is the built-in default */
	size_t n;
	const config *forced;      /* --config FILE, or NULL */
	int disabled;              /* --no-config */
	struct config_dir { char *dir; const config *cfg; char *refused; } *dirs;   /* discovery cache; cfg NULL: refused */
	size_t ndirs;
	struct config_file { const char *path; const config *cfg; } *files;  /* after config_assign, sorted */
	size_t nfiles;
	const char *last_refused;  /* the configuration config_find last refused (owned by the cache) */
	char *last_dir;            /* the directory (as written) config_find last answered for, and its answer */
	const config *last_cfg;
	const char *last_dir_refused;
} config_set;

/* Load the packs every file gets (the install's default packs, --pack) and
 * --config FILE. Returns 0, or -1 with located errors. */
int config_set_init(config_set *cs, pack_set *ps, const opts *o, pack_errs *errs);
void config_set_release(config_set *cs);

/* The configuration in force for a file: --config, else the nearest
 * .jxlint.json above it, else the defaults. NULL with errors when the
 * configuration file (or a pack it names) is refused. */
const config *config_find(config_set *cs, const char *file, pack_errs *errs);
/* Find every file's configuration, drop the files it ignores, and
 * remember the rest for config_lookup. A file whose configuration (or a
 * pack it names) is refused stays in the list with the preset error
 * CONFIG_REFUSED: it is reported (input/config), never linted with a part
 * of its configuration, and the other files are linted. Returns the number
 * of refused configurations, with their located errors in errs. */
int config_assign(config_set *cs, file_list *fl, pack_errs *errs);
/* The configuration of a file config_assign kept (safe from threads). */
const config *config_lookup(const config_set *cs, const char *path);

/* The severity of rule after the configuration's "rules" (base when none matches); 0 = off. */
int config_severity(const config *c, const char *rule, int base);
/* Does the configuration ignore this file? */
int config_ignores(const config *c, const char *file);
/* The extra tolerance it sets, or NULL. */
const eval_tol *config_tolerance(const config *c);
/* config_widen when the configuration sets a tolerance. */
const jxl_fig *config_widen_tol(const config *c, arena *a, const jxl_fig *f);
/* f widened by the configuration's tolerance for its unit (f itself when none).
 * Inline: every sum and rate asks, and nearly no configuration sets one. */
static inline const jxl_fig *config_widen(const config *c, arena *a, const jxl_fig *f)
{
	return c && c->has_tol && f ? config_widen_tol(c, a, f) : f;
}

/* Does the gitignore-style pattern match the relative path? */
int config_glob(const char *pattern, const char *path);

/* A path for messages: relative to the working directory when inside it (into buf). */
const char *config_shown(const char *abs, char *buf, size_t n);

/* --print-config: the effective configuration for file, as JSON. */
void config_print(FILE *out, const config_set *cs, const config *c, const char *file, const registry *reg);

#endif
