/* main.c — argv → options → rules → files → report → exit code. */
#include <limits.h>
#include <malloc.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "arena.h"
#include "baseline.h"
#include "changed.h"
#include "config.h"
#include "inspect.h"
#include "opts.h"
#include "progress.h"
#include "report.h"
#include "rules.h"
#include "run.h"
#include "timing.h"
#include "version.h"

static int tool_error(const char *msg)
{
	fprintf(stderr, "jxlint: %s\n", msg);
	return 2;
}

/* The built-in rules: --rules-dir, else rules.d beside the binary, else the installed lib/jxlint/rules.d.
 * The directory is left in dir: its *.json packs are the install's packs. */
static int load_rules(registry *reg, const opts *o, char *dir, size_t dn, char *why, size_t n)
{
	if (o->rules_dir) {
		snprintf(dir, dn, "%s", o->rules_dir);
		return plugin_load_dir(reg, o->rules_dir, why, n);
	}
	char exe[PATH_MAX];
	ssize_t len = readlink("/proc/self/exe", exe, sizeof exe - 1);
	if (len <= 0)
		return snprintf(why, n, "cannot find the rules directory (use --rules-dir)"), -1;
	exe[len] = '\0';
	char *slash = strrchr(exe, '/');
	*slash = '\0';
	snprintf(dir, dn, "%s/rules.d", exe);
	if (access(dir, R_OK) != 0)
		snprintf(dir, dn, "%s/../lib/jxlint/rules.d", exe);
	if (access(dir, R_OK) != 0)
		return snprintf(why, n, "no rules directory beside %s (use --rules-dir)", exe), -1;
	return plugin_load_dir(reg, dir, why, n);
}

typedef struct sink_state {
	reporter *rep;
	summary sum;
	const opts *o;
	baseline *known, *record;  /* --baseline, --write-baseline (or NULL) */
	progress prog;
} sink_state;

static uint64_t run_start;   /* when main began: --timing's wall time */
static const char *const T_REPORT[] = {"report (output)", "输出报告"};   /* --timing's part for writing the report */

static void on_result(void *user, file_result *r)
{
	sink_state *s = user;
	if (s->record)
		baseline_record(s->record, r->path, &r->dg, s->o->lang == LANG_ZH);
	if (s->known)
		s->sum.baselined += baseline_apply(s->known, r->path, &r->dg);
	s->sum.files++;
	for (int k = 1; k <= 3; k++)
		s->sum.counts[k] += (size_t)r->dg.counts[k];
	s->sum.files_with_errors += r->dg.counts[3] > 0;
	s->sum.unreadable += r->dg.fatal;
	s->sum.unchecked += (size_t)r->dg.unchecked;
	if (r->dg.n)
		progress_clear(&s->prog);
	uint64_t t0 = timing_on ? timing_now() : 0;
	if (s->o->cmd == CMD_EXTRACT && r->extracted)
		fputs(r->extracted, stdout);
	else
		s->rep->file(s->rep, r);
	if (timing_on)
		timing_add(T_REPORT, TIMING_PHASE, T_REPORT[1], T_REPORT[0], &t0);
	progress_step(&s->prog, s->sum.files, r->path);
}

static void on_fixed(void *user, const baseline_entry *e)
{
	(void)user;
	fprintf(stderr, "jxlint: %s: fixed since the baseline: %s%s%s [%s]", e->file, e->message,
		*e->pointer ? " at " : "", e->pointer, e->rule);
	fprintf(stderr, e->left > 1 ? " (%ld times)\n" : "\n", e->left);
}

/* --baseline and --write-baseline, after the report: notes on stderr, never findings. */
static void baseline_notes(const opts *o, const sink_state *st)
{
	if (st->record) {
		size_t total = 0;
		for (size_t i = 0; i < st->record->n; i++)
			total += (size_t)st->record->v[i].count;
		fprintf(stderr, "jxlint: recorded %zu finding%s in the baseline %s\n", total, total == 1 ? "" : "s",
			o->write_baseline);
	}
	if (st->known) {
		size_t fixed = baseline_fixed(st->known, on_fixed, NULL);
		fprintf(stderr, "jxlint: baseline %s: %zu known finding%s not shown; %zu fixed since\n", o->baseline,
			st->sum.baselined, st->sum.baselined == 1 ? "" : "s", fixed);
	}
}

/* The files of a run, a batch at a time: memory does not grow with their number. */
#define RUN_BATCH 4096

/* The next batch: the list --changed made (all of it, once), or the walk's next files. */
static size_t next_batch(file_walk *w, file_list *changed, file_list *fl)
{
	if (!w) {
		*fl = *changed;
		memset(changed, 0, sizeof *changed);
		return fl->n;
	}
	return file_walk_next(w, fl, RUN_BATCH);
}

/* Configurations for a batch: each file's .jxlint.json, and the packs it
 * enables, read before any file of the batch is linted (each is read once,
 * so its errors are said once). */
static void assign_configs(config_set *cs, file_list *fl)
{
	pack_errs perrs;
	pack_errs_init(&perrs);
	if (config_assign(cs, fl, &perrs))
		inspect_errors(&perrs);   /* the files under a refused one are reported (input/config), not linted */
	pack_errs_release(&perrs);
}

static int run_lint(const opts *o, const registry *reg, config_set *cs)
{
	file_list changed = {0}, fl = {0};
	file_walk *walk = NULL;
	char why[600];
	if (o->changed && o->cmd == CMD_LINT) {
		if (changed_collect(o, &changed, why, sizeof why))
			return tool_error(why);
	} else if (!(walk = file_walk_open(o, 0))) {
		return tool_error("out of memory");
	}
	size_t first = next_batch(walk, &changed, &fl);
	assign_configs(cs, &fl);
	baseline known, record;
	baseline_init(&known);
	baseline_init(&record);
	if (o->baseline && baseline_load(&known, o->baseline, why, sizeof why)) {
		baseline_release(&known);
		files_release(&fl);
		file_walk_close(walk);
		return tool_error(why);
	}
	reporter rep = {.out = stdout, .o = o, .reg = reg};
	switch (o->format) {
	case FMT_JSON: report_json_init(&rep); break;
	case FMT_SARIF: report_sarif_init(&rep); break;
	default: report_text_init(&rep); break;
	}
	sink_state st = {.rep = &rep, .o = o, .known = o->baseline ? &known : NULL,
			 .record = o->write_baseline ? &record : NULL};
	int want_progress = !o->quiet && o->cmd != CMD_EXTRACT && isatty(fileno(stderr));
	size_t total = first < RUN_BATCH || !walk || !want_progress ? first : files_count(o);
	progress_init(&st.prog, stderr, total, want_progress);
	if (o->cmd != CMD_EXTRACT)
		rep.begin(&rep);
	for (;;) {
		run_all(o, reg, &fl, on_result, &st);
		files_release(&fl);
		if (!next_batch(walk, &changed, &fl))
			break;
		assign_configs(cs, &fl);
	}
	file_walk_close(walk);
	progress_clear(&st.prog);
	int rc = 0;
	if (st.sum.unreadable)
		rc = 2;
	else if (o->write_baseline)
		rc = 0;   /* adopting: today's findings are recorded, not failed on */
	else if (st.sum.counts[3] || (o->max_warnings >= 0 && st.sum.counts[2] > (size_t)o->max_warnings))
		rc = 1;
	if (o->timing)
		timing_report(stderr, timing_now() - run_start, st.sum.files, o->jobs, o->lang == LANG_ZH);
	if (o->cmd == CMD_EXTRACT) {
		baseline_release(&known);
		baseline_release(&record);
		files_release(&fl);
		if (st.sum.unreadable) {
			fprintf(stderr, "jxlint: %s: cannot be read as a report\n", o->paths[0]);
			return 2;
		}
		return 0;
	}
	if (st.record && baseline_write(&record, o->write_baseline, why, sizeof why)) {
		rc = tool_error(why);
		st.record = NULL;
	}
	st.sum.exit_code = rc;
	rep.end(&rep, &st.sum);
	fflush(stdout);
	baseline_notes(o, &st);
	baseline_release(&known);
	baseline_release(&record);
	files_release(&fl);
	return rc;
}

int main(int argc, char **argv)
{
	run_start = timing_now();
	opts o;
	char why[8192];
	/* Each file's memory is freed whole and asked for again by the next file. By default glibc gives
	 * the top of the heap back to the kernel after each file and faults it in again for the next
	 * (4 brk calls and 6 page faults a file: a third of a batch's CPU time in docs/performance.md).
	 * Keep up to 8 MiB of it; memory stays bounded by the largest file, not the number of files. */
	mallopt(M_TRIM_THRESHOLD, 8 << 20);
	mallopt(M_TOP_PAD, 1 << 20);
	mallopt(M_MMAP_THRESHOLD, 4 << 20);
	if (opts_parse(&o, argc, argv, why, sizeof why)) {
		opts_release(&o);
		return tool_error(why);
	}
	timing_on = o.timing;
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
	pack_set ps = {0};
	config_set cs = {0};
	char rules_dir[PATH_MAX + 32] = "";
	int rc = 0;
	if (registry_init(&reg) || load_rules(&reg, &o, rules_dir, sizeof rules_dir, why, sizeof why))
		rc = tool_error(why);
	for (size_t i = 0; !rc && i < o.nplugins; i++)
		if (plugin_load(&reg, o.plugins[i], why, sizeof why))
			rc = tool_error(why);
	if (!rc && reg.nplugins == 0) {
		/* a run with no rule plugin would call every file clean */
		snprintf(why, sizeof why, "no rule plugins found in %s (a run without rules checks nothing)",
			 rules_dir[0] ? rules_dir : "the rules directory");
		rc = tool_error(why);
	}
	for (size_t i = 0; !rc && i < o.noverrides; i++) {
		if (registry_override(&reg, o.overrides[i], why, sizeof why))
			rc = tool_error(why);
	}
	if (!rc && o.cmd == CMD_CHECK_PACKS)
		rc = inspect_check_packs(&reg, &o, rules_dir);
	else if (!rc)
		rc = inspect_setup(&reg, &ps, &cs, &o, rules_dir);
	if (!rc && o.cmd != CMD_CHECK_PACKS) {
		if (o.cmd == CMD_LIST_RULES)
			inspect_list_rules(&reg, &ps, &cs, &o);
		else if (o.cmd == CMD_EXPLAIN)
			rc = inspect_explain(&reg, &ps, &o);
		else if (o.cmd == CMD_PRINT_CONFIG)
			rc = inspect_print_config(&reg, &cs, &o);
		else
			rc = run_lint(&o, &reg, &cs);
	}
	config_set_release(&cs);
	pack_set_release(&ps);
	registry_release(&reg);
	opts_release(&o);
	arena_cache_drop();
	return rc;
}
