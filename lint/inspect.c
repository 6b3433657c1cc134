/* inspect.c — what jxlint can tell about its own rules and configuration: --list-rules, --explain, --print-config, rules check; and loading packs and configuration for a run. */
#include "inspect.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "packcheck.h"
#include "report.h"

/* Errors of one file in the order of its text (files in the order met). */
static void sort_errors(const pack_err **v, size_t n)
{
	for (size_t i = 1; i < n; i++) {   /* insertion sort: stable, and n is at most PACK_MAX_ERRORS */
		const pack_err *x = v[i];
		size_t j = i;
		while (j > 0 && !strcmp(v[j - 1]->file, x->file) &&
		       (v[j - 1]->line > x->line || (v[j - 1]->line == x->line && v[j - 1]->col > x->col))) {
			v[j] = v[j - 1];
			j--;
		}
		v[j] = x;
	}
}

int inspect_errors(const pack_errs *e)
{
	const pack_err *v[PACK_MAX_ERRORS];
	for (size_t i = 0; i < e->n; i++)
		v[i] = &e->v[i];
	sort_errors(v, e->n);
	for (size_t i = 0; i < e->n; i++) {
		const pack_err *x = v[i];
		if (x->line > 0)
			fprintf(stderr, "jxlint: %s:%d:%d: %s\n", x->file, x->line, x->col, x->msg);
		else
			fprintf(stderr, "jxlint: %s: %s\n", x->file, x->msg);
	}
	if (e->dropped)
		fprintf(stderr, "jxlint: … and %zu more errors\n", e->dropped);
	if (e->n || e->dropped)
		fprintf(stderr, "jxlint: refused: a pack or configuration with an error is not used at all (fix it, or leave it out)\n");
	return 2;
}

int inspect_setup(registry *reg, pack_set *ps, config_set *cs, const opts *o, const char *rules_dir)
{
	pack_errs errs;
	pack_errs_init(&errs);
	pack_set_init(ps, reg, rules_dir && *rules_dir ? rules_dir : NULL);
	int rc = 0;
	int loaded = o->cmd == CMD_LINT ? pack_set_load_defaults(ps, &errs) : pack_set_load_dir(ps, &errs);
	if (loaded | config_set_init(cs, ps, o, &errs))
		rc = 2;
	/* --list-rules and --explain also show the packs the working directory's configuration enables */
	if (!rc && (o->cmd == CMD_LIST_RULES || o->cmd == CMD_EXPLAIN) && !config_find(cs, "./.", &errs))
		rc = 2;
	if (rc) {
		if (!errs.n)
			pack_errs_add(&errs, "jxlint", 0, 0, "cannot set up the rule packs");
		inspect_errors(&errs);
	}
	pack_errs_release(&errs);
	reg->configs = cs;
	return rc;
}

/* ---- --list-rules ------------------------------------------------------------------------------- */

static const pack *pack_of(const pack_set *ps, const char *origin)
{
	for (size_t i = 0; i < ps->n; i++)
		if (ps->v[i]->path == origin)
			return ps->v[i];
	return NULL;
}

static const char *base_name(const char *p)
{
	const char *s = strrchr(p, '/');
	return s ? s + 1 : p;
}

/* Where a rule comes from, the same on every machine: core, a plugin, a pack. */
static const char *source_of(const registry *reg, const pack_set *ps, const char *origin, char *buf, size_t n)
{
	if (!strcmp(origin, "core"))
		return "core";
	const pack *p = pack_of(ps, origin);
	if (p && p->from_install)
		snprintf(buf, n, "pack rules.d/%s.json%s", p->name, p->is_default ? "" : " (opt-in)");
	else if (p)
		snprintf(buf, n, "pack %s", p->path);
	else if (ps->dir && !strncmp(origin, ps->dir, strlen(ps->dir)))
		snprintf(buf, n, "plugin rules.d/%s", base_name(origin));
	else
		snprintf(buf, n, "plugin %s", origin);
	(void)reg;
	return buf;
}

void inspect_list_rules(const registry *reg, const pack_set *ps, const config_set *cs, const opts *o)
{
	(void)cs;
	const rule_def **v = registry_sorted(reg);
	for (size_t i = 0; v && v[i]; i++) {
		char src[PATH_MAX + 64];
		printf("%-34s %-8s %-44s %s\n", v[i]->id, severity_name(registry_severity(reg, v[i]->id)),
		       source_of(reg, ps, v[i]->origin, src, sizeof src), o->lang == LANG_ZH ? v[i]->summary_zh : v[i]->summary_en);
	}
	free(v);
}

/* ---- --explain ------------------------------------------------------------------------------------ */

/* docs/ beside the binary (the build), else the installed share/doc/jxlint. */
static FILE *open_doc(const char *name, char *path, size_t n)
{
	char exe[PATH_MAX];
	ssize_t len = readlink("/proc/self/exe", exe, sizeof exe - 1);
	if (len <= 0)
		return NULL;
	exe[len] = '\0';
	char *slash = strrchr(exe, '/');
	if (slash)
		*slash = '\0';
	snprintf(path, n, "%s/docs/%s", exe, name);
	FILE *f = fopen(path, "r");
	if (!f) {
		snprintf(path, n, "%s/../share/doc/jxlint/%s", exe, name);
		f = fopen(path, "r");
	}
	return f;
}

/* The section "### ID" of docs/rules.md, up to the next heading or rule. */
static int print_doc_section(const char *id)
{
	char path[PATH_MAX + 64];
	FILE *f = open_doc("rules.md", path, sizeof path);
	if (!f)
		return 0;
	char line[4096], head[200];
	snprintf(head, sizeof head, "### %s", id);
	int in = 0, printed = 0;
	while (fgets(line, sizeof line, f)) {
		size_t l = strlen(line);
		while (l && (line[l - 1] == '\n' || line[l - 1] == '\r'))
			line[--l] = '\0';
		if (in && (!strncmp(line, "### ", 4) || !strncmp(line, "## ", 3) || !strcmp(line, "---")))
			break;
		if (!in && !strcmp(line, head)) {
			in = 1;
			continue;
		}
		if (in && (printed || l)) {
			puts(line);
			printed = 1;
		}
	}
	fclose(f);
	return printed;
}

static void print_example(const registry *reg, const pack_rule *r, const char *json, const char *label, int zh)
{
	printf("\n%s\n  %s\n", label, json);
	arena a;
	arena_init(&a);
	diag dg;
	diag_init(&dg, &a, "example");
	packcheck_example(reg, r, json, &a, &dg);
	diag_sort(&dg);
	if (!dg.n)
		printf("  %s\n", zh ? "→ 无问题" : "→ no finding");
	for (size_t i = 0; i < dg.n; i++)
		printf("  → %s: %s [%s]\n", severity_name(dg.v[i].severity), zh ? dg.v[i].msg_zh : dg.v[i].msg_en, dg.v[i].rule);
	diag_release(&dg);
	arena_release(&a);
}

static void explain_pack_rule(const registry *reg, const pack_rule *r, const opts *o)
{
	int zh = o->lang == LANG_ZH;
	const pack *p = r->pack;
	const char *title = zh ? p->title_zh : p->title_en;
	printf("%s%s %s%s%s\n", zh ? "规则包：" : "Pack: ", p->name, title ? "— " : "", title ? title : "",
	       p->from_install && !p->is_default ? (zh ? "（需启用：配置 \"packs\" 或 --pack）" : " (opt-in: \"packs\" in .jxlint.json, or --pack)") : "");
	if (p->applies_src)
		printf("%s%s\n", zh ? "适用于：" : "Applies when: ", p->applies_src);
	if (r->doc_en || r->doc_zh)
		printf("\n%s\n", zh ? r->doc_zh : r->doc_en);
	printf("\n%s\n", zh ? "公式：" : "Formula:");
	if (r->when_src)
		printf("  when    %s\n", r->when_src);
	for (size_t i = 0; i < r->nlets; i++)
		printf("  let     %s = %s\n", r->let_names[i], r->let_src[i]);
	printf("  assert  %s\n", r->assert_src);
	if (r->at_src)
		printf("  at      %s\n", r->at_src);
	printf("\n%s\n  %s\n", zh ? "提示文字：" : "Message:", zh ? r->msg_zh.src : r->msg_en.src);
	if (pack_rule_example(r, 0))
		print_example(reg, r, pack_rule_example(r, 0), zh ? "示例（有问题）：" : "Example that breaks it:", zh);
	if (pack_rule_example(r, 1))
		print_example(reg, r, pack_rule_example(r, 1), zh ? "示例（无问题）：" : "Example that keeps it:", zh);
}

int inspect_explain(const registry *reg, const pack_set *ps, const opts *o)
{
	const char *id = o->explain;
	const rule_def *d = registry_find(reg, id);
	if (!d) {
		const rule_def **v = registry_sorted(reg);
		const char *close = NULL;
		for (size_t i = 0; v && v[i] && !close; i++)
			if (strstr(v[i]->id, id) || (strchr(id, '/') && strstr(v[i]->id, strchr(id, '/') + 1)))
				close = v[i]->id;
		fprintf(stderr, "jxlint: unknown rule '%s'%s%s%s (see jxlint --list-rules)\n", id, close ? " (did you mean " : "",
			close ? close : "", close ? "?)" : "");
		free(v);
		return 2;
	}
	char src[PATH_MAX + 64];
	int zh = o->lang == LANG_ZH;
	printf("%s — %s — %s\n%s\n", d->id, severity_name(registry_severity(reg, id)), source_of(reg, ps, d->origin, src, sizeof src),
	       zh ? d->summary_zh : d->summary_en);
	const pack_rule *r = pack_set_rule(ps, id);
	if (r) {
		printf("\n");
		explain_pack_rule(reg, r, o);
		return 0;
	}
	printf("\n");
	if (!print_doc_section(id))
		printf(zh ? "（docs/rules.md 中没有 %s 一节）\n" : "(no section for %s in docs/rules.md)\n", id);
	return 0;
}

/* ---- --print-config --------------------------------------------------------------------------------- */

int inspect_print_config(const registry *reg, config_set *cs, const opts *o)
{
	pack_errs errs;
	pack_errs_init(&errs);
	const config *c = config_find(cs, o->print_config, &errs);
	int rc = 0;
	if (!c)
		rc = inspect_errors(&errs);
	else
		config_print(stdout, cs, c, o->print_config, reg);
	pack_errs_release(&errs);
	return rc;
}

/* ---- rules check --------------------------------------------------------------------------------------- */

static int has_rule(const pack *p, const char *id)
{
	for (size_t k = 0; k < p->nrules; k++)
		if (!strcmp(p->rules[k].id, id))
			return 1;
	return 0;
}

/* A rule id of a pack named on the command line that a pack of the install
 * (another one: not the same pack read from another path) already has: a
 * lint run that uses both refuses the named pack, so `rules check` says so
 * too, also for the opt-in packs a lint run does not load unless asked. */
static void clash_with_install(const char *rules_dir, pack *const *checked, size_t n, pack_errs *errs)
{
	if (!rules_dir || !*rules_dir)
		return;
	registry r;
	registry_init(&r);
	pack_set inst;
	pack_set_init(&inst, &r, rules_dir);
	pack_errs quiet;   /* the install's own errors are reported when it is checked */
	pack_errs_init(&quiet);
	pack_set_load_dir(&inst, &quiet);
	pack_errs_release(&quiet);
	for (size_t i = 0; i < n; i++) {
		const pack *p = checked[i];
		for (size_t k = 0; k < p->nrules; k++)
			for (size_t j = 0; j < inst.n; j++) {
				const pack *q = inst.v[j];
				if (q->real && p->real && !strcmp(q->real, p->real))
					continue;
				if (q->name && p->name && !strcmp(q->name, p->name))
					continue;   /* the same pack (an installed one checked from its source, say) */
				if (has_rule(q, p->rules[k].id))
					pack_errs_add(errs, p->path, p->rules[k].line, p->rules[k].col,
						      "rule %s: the id is already defined by rules.d/%s.json", p->rules[k].id, q->name);
			}
	}
	pack_set_release(&inst);
	registry_release(&r);
}

int inspect_check_packs(registry *reg, const opts *o, const char *rules_dir)
{
	pack_set ps;
	pack_set_init(&ps, reg, rules_dir && *rules_dir ? rules_dir : NULL);
	pack_errs errs;
	pack_errs_init(&errs);
	/* which packs: the arguments, else every pack of the install; --pack adds to either */
	const char **names = NULL;
	size_t nnames = 0;
	if (o->npaths) {
		names = o->paths;
		nnames = o->npaths;
	} else {
		names = (const char **)ps.avail;
		nnames = ps.navail;
	}
	pack **checked = calloc(nnames + o->npacks + 1, sizeof *checked);
	size_t nchecked = 0, refused = 0;
	for (size_t i = 0; i < nnames + o->npacks; i++) {
		const char *arg = i < nnames ? names[i] : o->packs[i - nnames];
		pack *p = pack_is_name(arg) ? pack_set_by_name(&ps, arg, &errs) : pack_set_by_path(&ps, arg, &errs);
		if (p)
			checked[nchecked++] = p;
		else
			refused++;
	}
	if (o->npaths)
		clash_with_install(rules_dir, checked, nchecked, &errs);
	packcheck c;
	packcheck_init(&c);
	for (size_t i = 0; i < nchecked; i++)
		packcheck_pack(&c, reg, checked[i], checked, nchecked);
	/* the report: load errors first (each refuses its pack), then what the checks found */
	const pack_err *ev[PACK_MAX_ERRORS];
	for (size_t i = 0; i < errs.n; i++)
		ev[i] = &errs.v[i];
	sort_errors(ev, errs.n);
	for (size_t i = 0; i < errs.n; i++) {
		const pack_err *x = ev[i];
		if (x->line > 0)
			printf("%s:%d:%d: error: %s\n", x->file, x->line, x->col, x->msg);
		else
			printf("%s: error: %s\n", x->file, x->msg);
	}
	for (size_t i = 1; i < c.n; i++) {   /* each pack's notes in the order of its text */
		packcheck_note x = c.v[i];
		size_t j = i;
		while (j > 0 && !strcmp(c.v[j - 1].file, x.file) &&
		       (c.v[j - 1].line > x.line || (c.v[j - 1].line == x.line && c.v[j - 1].col > x.col))) {
			c.v[j] = c.v[j - 1];
			j--;
		}
		c.v[j] = x;
	}
	for (size_t i = 0; i < c.n; i++)
		printf("%s:%d:%d: %s: %s\n", c.v[i].file, c.v[i].line, c.v[i].col, severity_name(c.v[i].severity), c.v[i].msg);
	size_t nerr = errs.n + errs.dropped + c.errors;
	size_t nrules = 0;
	for (size_t i = 0; i < nchecked; i++)
		nrules += checked[i]->nrules;
	if (o->lang == LANG_ZH)
		printf("检查了 %zu 个规则包（%zu 条规则）：错误 %zu，警告 %zu%s\n", nchecked + refused, nrules, nerr, c.warnings,
		       refused ? "；有错误的规则包整体不予加载" : "");
	else
		printf("%zu pack%s checked (%zu rules): %zu error%s, %zu warning%s%s\n", nchecked + refused, nchecked + refused == 1 ? "" : "s",
		       nrules, nerr, nerr == 1 ? "" : "s", c.warnings, c.warnings == 1 ? "" : "s",
		       refused ? "; a pack with an error is refused whole" : "");
	packcheck_release(&c);
	free(checked);
	pack_errs_release(&errs);
	pack_set_release(&ps);
	return nerr ? 1 : 0;
}
