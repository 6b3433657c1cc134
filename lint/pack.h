/* pack.h — declarative rule packs (JSON files in rules.d): load, validate whole or refuse with located errors, register their rules.
 *
 * The pack format and the expression language are documented in
 * docs/rules-language.md. A pack is read completely and checked before any
 * of its rules is registered: one error anywhere refuses the whole pack
 * (never a half-load), and every error carries the pack's file:line:col.
 * Library code: never prints, never exits.
 *
 * How to add a shipped pack: write rules.d/NAME.json (NAME in [a-z0-9-],
 * "pack": "NAME"), give every rule an example that triggers it and one that
 * does not (checked by `jxlint rules check`), document the pack in
 * docs/rules-language.md ("Shipped packs"), and add fixtures under
 * fixtures/packs/NAME/ with `--pack NAME` in their .args.
 */
#ifndef JXL_PACK_H
#define JXL_PACK_H

#include "arena.h"
#include "eval.h"
#include "expr.h"
#include "rules.h"

/* Limits, each tested at the limit and one past it (tests/cases/pack-limits.sh). */
#define PACK_MAX_BYTES   (1L << 20)  /* size of one pack file */
/* The install's pack of built-in checks (rules.d/core.json): a rules
 * directory must have it, and a configuration cannot turn it off. */
#define PACK_CORE        "core"
#define PACK_MAX_RULES   500         /* rules in one pack */
#define PACK_MAX_LETS    32          /* named sub-expressions of one rule */
#define PACK_MAX_ERRORS  50          /* errors reported for one pack before the rest are counted */
#define PACK_MAX_TMPL_DEPTH 16       /* levels of a template of weights */

typedef struct pack_err {
	const char *file;          /* the pack */
	int line, col;             /* 0 when the file as a whole is at fault */
	char msg[300];
} pack_err;

typedef struct pack_errs {
	pack_err v[PACK_MAX_ERRORS];
	size_t n;
	size_t dropped;            /* errors beyond PACK_MAX_ERRORS */
	arena a;                   /* owns the file names */
} pack_errs;

void pack_errs_init(pack_errs *e);
void pack_errs_release(pack_errs *e);
/* Add an error (printf-style), for callers that check more (config.c, packcheck.c). */
void pack_errs_add(pack_errs *e, const char *file, int line, int col, const char *fmt, ...)
	__attribute__((format(printf, 5, 6)));

/* A message with {placeholders}: literal text and expressions, in order. */
#define PACK_MSG_SHARED 16     /* placeholders of a rule whose value is kept for their twins (more: evaluated each time) */
typedef struct pack_msg_part {
	const char *text;          /* literal text (NUL-terminated), or NULL for a placeholder */
	expr *ph;
	size_t at, len;            /* a placeholder: its text, at src + at; literal text: len is strlen(text) */
	int share;                 /* a placeholder written the same way more than once in the rule's two
				    * messages (zh {n.name}, en {n.name}): its slot (< PACK_MSG_SHARED)
				    * among the values kept while one finding is worded; -1: none */
} pack_msg_part;

typedef struct pack_msg {
	const char *src;
	pack_msg_part *parts;
	size_t n;
} pack_msg;

struct pack;

typedef struct pack_rule {
	const char *id;
	int severity;              /* default */
	const char *summary_zh, *summary_en;
	const char *doc_zh, *doc_en;       /* optional longer explanation */
	const char *when_src, *assert_src, *at_src;
	expr *when, *assert, *at;  /* when and at may be NULL */
	const char **let_names;
	const char **let_src;
	expr **lets;
	size_t nlets;
	pack_msg msg_zh, msg_en;
	size_t index;              /* its place in the pack's "rules" */
	unsigned has_bad : 1, has_ok : 1;   /* its "example" has a "bad" / an "ok" submission (pack_rule_example) */
	const char *example_text[2];        /* pack_rule_example's texts, made on first use */
	int line, col;             /* the rule in the pack */
	int ex_bad_line, ex_ok_line;
	const struct pack *pack;
} pack_rule;

typedef struct pack {
	char *path;                /* as given, or <rules dir>/NAME.json */
	char *real;                /* realpath, to load each file once */
	const char *name;
	const char *title_zh, *title_en, *version, *source;
	const char *description_zh, *description_en;
	int is_default;            /* enabled without being asked for (only for packs of the install) */
	int said_default;          /* the file says "default": true (at default_line:default_col), install or not */
	int default_line, default_col;
	int from_install;          /* found in the install's rules directory */
	const char *applies_src;
	expr *applies;             /* or NULL: every document */
	tmpl_node *tmpl;           /* or NULL */
	int tmpl_line, tmpl_col;
	pack_rule *rules;
	size_t nrules;
	unsigned long serial;      /* this pack among those made in the process (pack_prepare): per-run caches key on it, not on its address */
	const char *src;           /* the pack's text, for its rules' examples */
	size_t srclen;
	arena a;                   /* owns everything above but path and real */
} pack;

/* Every pack loaded in this run, each once. */
typedef struct pack_set {
	char *dir;                 /* the install's rules directory, or NULL */
	pack **v;
	size_t n;
	registry *reg;             /* where the rules of loaded packs are registered */
	char **avail;              /* names of the *.json packs in dir, sorted */
	size_t navail;
	int deferred;              /* some opt-in packs of dir are not loaded yet (pack_set_load_defaults) */
} pack_set;

int pack_set_init(pack_set *ps, registry *reg, const char *dir);
void pack_set_release(pack_set *ps);

/* Is s a pack name (as opposed to a path)? [a-z0-9-], no slash, no ".json". */
int pack_is_name(const char *s);
/* The pack NAME of the rules directory, loaded (once) and registered.
 * NULL with errors in errs when it does not exist or is refused. */
pack *pack_set_by_name(pack_set *ps, const char *name, pack_errs *errs);
/* The pack in the file at path (a trusted path: the command line, or one
 * config.c has already confined to its repository). */
pack *pack_set_by_path(pack_set *ps, const char *path, pack_errs *errs);
/* Load every pack of the rules directory (they are small: each is read and
 * checked at start-up; those with "default": true are enabled without
 * being asked for). Returns the number of refused packs; a rules directory
 * without the core pack counts as one (its built-in checks would be missing). */
int pack_set_load_dir(pack_set *ps, pack_errs *errs);
/* The same for a lint run: the core pack and the packs with "default": true
 * only. An opt-in pack is loaded when a configuration or --pack names it, or
 * by pack_set_load_dir when a rule id is looked for that no loaded rule has. */
int pack_set_load_defaults(pack_set *ps, pack_errs *errs);

/* Parse and validate a pack from text without registering it (for tests
 * and `jxlint rules check`). Returns NULL with errors. */
pack *pack_parse(const char *path, const char *text, size_t n, const registry *reg, pack_errs *errs);
void pack_free(pack *p);
/* Make a built pack's expressions ready for the evaluator (pack_prepare.c):
 * each key text one pointer (eval_keycache compares keys by pointer),
 * weight('name') of the pack's template looked up once. */
void pack_prepare(pack *p);

/* Read a JSON file (at most max bytes) into a located tree in the arena, for
 * packs and configuration files. NULL with a located error in errs, which
 * names the file as `shown`. */
struct jxl_node *pack_read_json(arena *a, const char *path, const char *shown, size_t max, pack_errs *errs, char **text_out,
				size_t *len_out);

/* Where a rule is defined, as messages show it (a plugin of the rules directory as rules.d/NAME.so). */
const char *pack_origin_shown(const char *origin);

/* Find a pack rule by id among the loaded packs. */
const pack_rule *pack_set_rule(const pack_set *ps, const char *id);

/* A rule's "bad" (ok = 0) or "ok" (ok = 1) example as one line of JSON text
 * (cJSON's unformatted print of it), or NULL when it has none. Made the
 * first time it is asked for, in the pack's arena: for `--explain` and
 * `rules check`, one thread at a time; a lint run never needs it. */
const char *pack_rule_example(const pack_rule *r, int ok);

#endif
