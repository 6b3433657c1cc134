/* rules.h — the rule registry: core rules, plugin rules, severity overrides.
 *
 * How to add a core rule (one the host itself emits, like input/json):
 * add a line to core_rules[] in rules.c, emit it with host_emit_core(),
 * document it in docs/rules.md, add fixtures that trigger and clear it.
 * Rules about figures belong in a plugin (rules.d/), not here.
 */
#ifndef JXL_RULES_H
#define JXL_RULES_H

#include <stddef.h>
#include <jxlint/rule.h>

typedef struct rule_def {
	const char *id;
	int severity;              /* default */
	const char *summary_zh, *summary_en;
	const char *origin;        /* "core" or the plugin's file */
} rule_def;

typedef struct plugin_ent {
	void *handle;
	jxl_plugin p;
	char *path;
} plugin_ent;

typedef struct rule_override {
	char *pattern;             /* rule id or glob (e.g. scores/ and a star) */
	int severity;              /* 0 = off */
} rule_override;

typedef struct registry {
	rule_def *rules;
	size_t nrules, cap;
	unsigned *slot;            /* open-addressing index of rules by id: index + 1, 0 = empty */
	size_t nslot;              /* a power of two, at least twice nrules */
	plugin_ent *plugins;
	size_t nplugins;
	rule_override *ov;
	size_t nov;
	const struct config_set *configs;  /* each file's configuration and packs (config.c), or NULL */
} registry;

int registry_init(registry *r);
void registry_release(registry *r);
/* Add a rule; -1 if the id is malformed or already taken (why filled). */
int registry_add(registry *r, const jxl_rule_info *info, const char *origin, char *why, size_t n);
const rule_def *registry_find(const registry *r, const char *id);
/* Drop the rules after the first n (a plugin that failed half-way). */
void registry_truncate(registry *r, size_t n);
/* The severity in force for id (overrides applied; last match wins); 0 = off. */
int registry_severity(const registry *r, const char *id);
/* base with the command line's overrides for id applied (configuration sits between the default and these). */
int registry_override_severity(const registry *r, const char *id, int base);
/* "id=error|warning|info|off" (also 2/1/0 as in ESLint). */
int registry_override(registry *r, const char *spec, char *why, size_t n);
/* Rules sorted by id, for --list-rules (a new malloc'd array of pointers). */
const rule_def **registry_sorted(const registry *r);

/* plugin.c: load every *.so in dir (sorted by name), or one file. */
int plugin_load_dir(registry *r, const char *dir, char *why, size_t n);
int plugin_load(registry *r, const char *path, char *why, size_t n);
void plugin_unload_all(registry *r);

const char *severity_name(int sev);
int severity_parse(const char *s);   /* -1 if unknown */

#endif
