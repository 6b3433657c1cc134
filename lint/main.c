/* main.c — argv → options → rules → files → report → exit code. */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "opts.h"
#include "report.h"
#include "rules.h"
#include "run.h"
#include "version.h"

static int tool_error(const char *msg)
{
	fprintf(stderr, "jxlint: %s\n", msg);
	return 2;
}

/* The built-in rules: --rules-dir, else rules.d beside the binary, else the installed lib/jxlint/rules.d. */
static int load_rules(registry *reg, const opts *o, char *why, size_t n)
{
	if (o->rules_dir)
		return plugin_load_dir(reg, o->rules_dir, why, n);
	char exe[PATH_MAX];
	ssize_t len = readlink("/proc/self/exe", exe, sizeof exe - 1);
	if (len <= 0)
		return snprintf(why, n, "cannot find the rules directory (use --rules-dir)"), -1;
	exe[len] = '\0';
	char *slash = strrchr(exe, '/');
	*slash = '\0';
	char dir[PATH_MAX + 32];
	snprintf(dir, sizeof dir, "%s/rules.d", exe);
	if (access(dir, R_OK) != 0)
		snprintf(dir, sizeof dir, "%s/../lib/jxlint/rules.d", exe);
	if (access(dir, R_OK) != 0)
		return snprintf(why, n, "no rules directory beside %s (use --rules-dir)", exe), -1;
	return plugin_load_dir(reg, dir, why, n);
}

static void list_rules(const registry *reg, const opts *o)
{
	const rule_def **v = registry_sorted(reg);
	for (size_t i = 0; v && v[i]; i++)
		printf("%-32s %-8s %s\n", v[i]->id, severity_name(registry_severity(reg, v[i]->id)),
		       o->lang == LANG_ZH ? v[i]->summary_zh : v[i]->summary_en);
	free(v);
}

typedef struct sink_state {
	reporter *rep;
	summary sum;
	const opts *o;
} sink_state;

static void on_result(void *user, file_result *r)
{
	sink_state *s = user;
	s->sum.files++;
	for (int k = 1; k <= 3; k++)
		s->sum.counts[k] += (size_t)r->dg.counts[k];
	s->sum.files_with_errors += r->dg.counts[3] > 0;
	s->sum.unreadable += r->dg.fatal;
	s->sum.unchecked += (size_t)r->dg.unchecked;
	if (s->o->cmd == CMD_EXTRACT && r->extracted)
		fputs(r->extracted, stdout);
	else
		s->rep->file(s->rep, r);
}

static int run_lint(const opts *o, const registry *reg)
{
	file_list fl;
	files_collect(o, &fl);
	reporter rep = {.out = stdout, .o = o, .reg = reg};
	switch (o->format) {
	case FMT_JSON: report_json_init(&rep); break;
	case FMT_SARIF: report_sarif_init(&rep); break;
	default: report_text_init(&rep); break;
	}
	sink_state st = {.rep = &rep, .o = o};
	if (o->cmd != CMD_EXTRACT)
		rep.begin(&rep);
	run_all(o, reg, &fl, on_result, &st);
	if (o->cmd == CMD_EXTRACT) {
		files_release(&fl);
		if (st.sum.unreadable) {
			fprintf(stderr, "jxlint: %s: cannot be read as a report\n", o->paths[0]);
			return 2;
		}
		return 0;
	}
	rep.end(&rep, &st.sum);
	fflush(stdout);
	files_release(&fl);
	if (st.sum.unreadable)
		return 2;
	if (st.sum.counts[3])
		return 1;
	if (o->max_warnings >= 0 && st.sum.counts[2] > (size_t)o->max_warnings)
		return 1;
	return 0;
}

int main(int argc, char **argv)
{
	opts o;
	char why[8192];
	if (opts_parse(&o, argc, argv, why, sizeof why)) {
		opts_release(&o);
		return tool_error(why);
	}
	if (o.cmd == CMD_HELP) {
		opts_usage(stdout);
		opts_release(&o);
		return 0;
	}
	if (o.cmd == CMD_VERSION) {
		puts("jxlint " JXLINT_VERSION);
		opts_release(&o);
		return 0;
	}
	registry reg;
	int rc = 0;
	if (registry_init(&reg) || load_rules(&reg, &o, why, sizeof why))
		rc = tool_error(why);
	for (size_t i = 0; !rc && i < o.nplugins; i++)
		if (plugin_load(&reg, o.plugins[i], why, sizeof why))
			rc = tool_error(why);
	for (size_t i = 0; !rc && i < o.noverrides; i++) {
		if (registry_override(&reg, o.overrides[i], why, sizeof why))
			rc = tool_error(why);
	}
	if (!rc) {
		if (o.cmd == CMD_LIST_RULES)
			list_rules(&reg, &o);
		else
			rc = run_lint(&o, &reg);
	}
	registry_release(&reg);
	opts_release(&o);
	return rc;
}
