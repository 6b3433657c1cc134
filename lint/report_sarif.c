/* report_sarif.c — SARIF 2.1.0 for code-scanning tools: one run, the rules, results with regions and figures.
 *
 * Validated against the SARIF 2.1.0 JSON schema by tests/cases/sarif-schema.sh;
 * shaped for GitHub code scanning (docs/workflows.md): rules carry short and
 * full descriptions, help text and markdown, a default level, tags, precision
 * and problem.severity; results carry a location relative to %SRCROOT% (the
 * current directory: run jxlint from the repository root) and a
 * primaryLocationLineHash made from the baseline fingerprint (rule, file,
 * JSON pointer, figures), so alerts survive reformatting of the JSON.
 */
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "baseline.h"
#include "report.h"

typedef struct sarif_state {
	const rule_def **rules;
	size_t nrules;
} sarif_state;

static sarif_state state_of_run;   /* one run per process; only main's thread writes output */

static const char *level_of(int sev)
{
	return sev == JXL_SEV_ERROR ? "error" : sev == JXL_SEV_WARNING ? "warning" : "note";
}

static const char *problem_severity(int sev)
{
	return sev == JXL_SEV_ERROR ? "error" : sev == JXL_SEV_WARNING ? "warning" : "recommendation";
}

/* Percent-encode everything but unreserved characters and '/' (a path as a URI reference). */
static void uri_path(FILE *out, const char *path)
{
	for (const unsigned char *p = (const unsigned char *)path; *p; p++) {
		if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') ||
		    strchr("-._~/", *p))
			fputc(*p, out);
		else
			fprintf(out, "%%%02X", *p);
	}
}

/* A file as an artifactLocation: relative paths against %SRCROOT%, absolute ones as file:// URIs. */
static void artifact_location(FILE *out, const char *path)
{
	while (path[0] == '.' && path[1] == '/')
		path += 2;
	fputs("{\"uri\": \"", out);
	if (path[0] == '/') {
		fputs("file://", out);
		uri_path(out, path);
		fputs("\"}", out);
	} else {
		uri_path(out, path);
		fputs("\", \"uriBaseId\": \"%SRCROOT%\"}", out);
	}
}

static long rule_index(const char *id)
{
	for (size_t i = 0; i < state_of_run.nrules; i++)
		if (!strcmp(state_of_run.rules[i]->id, id))
			return (long)i;
	return -1;
}

/* "funds/income-total" → "FundsIncomeTotal": SARIF wants a name that reads as an identifier. */
static void rule_name(FILE *o, const char *id)
{
	fputc('"', o);
	int up = 1;
	for (const char *p = id; *p; p++) {
		if (*p == '/' || *p == '-' || *p == '_' || *p == '.') {
			up = 1;
			continue;
		}
		fputc(up && *p >= 'a' && *p <= 'z' ? *p - 'a' + 'A' : *p, o);
		up = 0;
	}
	fputc('"', o);
}

static void rule_help(FILE *o, const rule_def *d)
{
	char *text = NULL, *md = NULL;
	size_t tl = 0, ml = 0;
	FILE *t = open_memstream(&text, &tl), *m = open_memstream(&md, &ml);
	if (t && m) {
		fprintf(t, "%s\n%s\n\nSee docs/rules.md, section %s, for what the rule checks, why, an example and how to fix it. "
			"Silence it for one object with \"$lint\": {\"disable\": {\"%s\": \"reason\"}}.",
			d->summary_zh, d->summary_en, d->id, d->id);
		fprintf(m, "**`%s`** — %s\n\n%s\n\nSee `docs/rules.md`, section `%s`, for what the rule checks, why, an example "
			"and how to fix it. Silence it for one object with `\"$lint\": {\"disable\": {\"%s\": \"reason\"}}`.",
			d->id, d->summary_zh, d->summary_en, d->id, d->id);
	}
	if (t)
		fclose(t);
	if (m)
		fclose(m);
	fputs(", \"help\": {\"text\": ", o);
	report_json_str(o, text ? text : d->summary_en);
	fputs(", \"markdown\": ", o);
	report_json_str(o, md ? md : d->summary_en);
	fputc('}', o);
	free(text);
	free(md);
}

static void sarif_begin(reporter *r)
{
	FILE *o = r->out;
	state_of_run.rules = registry_sorted(r->reg);
	state_of_run.nrules = 0;
	while (state_of_run.rules && state_of_run.rules[state_of_run.nrules])
		state_of_run.nrules++;
	fputs("{\n  \"$schema\": \"https://json.schemastore.org/sarif-2.1.0.json\",\n  \"version\": \"2.1.0\",\n"
	      "  \"runs\": [{\n    \"tool\": {\"driver\": {\"name\": \"jxlint\", \"version\": \"" JXLINT_VERSION "\", "
	      "\"semanticVersion\": \"" JXLINT_VERSION "\",\n      \"rules\": [", o);
	for (size_t i = 0; i < state_of_run.nrules; i++) {
		const rule_def *d = state_of_run.rules[i];
		int sev = registry_severity(r->reg, d->id);
		fprintf(o, "%s\n        {\"id\": ", i ? "," : "");
		report_json_str(o, d->id);
		fputs(", \"name\": ", o);
		rule_name(o, d->id);
		fputs(", \"shortDescription\": {\"text\": ", o);
		report_json_str(o, report_msg(r, d->summary_zh, d->summary_en));
		fputs("}, \"fullDescription\": {\"text\": ", o);
		char *full = NULL;
		size_t fl = 0;
		FILE *m = open_memstream(&full, &fl);
		if (m) {
			fprintf(m, "%s (%s)", d->summary_zh, d->summary_en);
			fclose(m);
		}
		report_json_str(o, full ? full : d->summary_en);
		free(full);
		fputc('}', o);
		rule_help(o, d);
		if (sev)
			fprintf(o, ", \"defaultConfiguration\": {\"level\": \"%s\"}", level_of(sev));
		else
			fprintf(o, ", \"defaultConfiguration\": {\"enabled\": false, \"level\": \"%s\"}", level_of(d->severity));
		fputs(", \"properties\": {\"tags\": [\"jxlint\", ", o);
		size_t fam = strcspn(d->id, "/");
		char family[64];
		snprintf(family, sizeof family, "%.*s", (int)(fam < sizeof family ? fam : sizeof family - 1), d->id);
		report_json_str(o, family);
		fprintf(o, "], \"precision\": \"very-high\", \"problem.severity\": \"%s\", \"origin\": ",
			problem_severity(sev ? sev : d->severity));
		report_json_str(o, strcmp(d->origin, "core") ? strrchr(d->origin, '/') ? strrchr(d->origin, '/') + 1 : d->origin : "core");
		fputs("}}", o);
	}
	fputs("\n      ]}},\n", o);
	char cwd[PATH_MAX];
	if (getcwd(cwd, sizeof cwd) && cwd[0] == '/') {
		fputs("    \"originalUriBaseIds\": {\"%SRCROOT%\": {\"uri\": \"file://", o);
		uri_path(o, cwd);
		fputs(strcmp(cwd, "/") ? "/\"}},\n" : "\"}},\n", o);
	}
	fprintf(o, "    \"language\": \"%s\",\n    \"columnKind\": \"unicodeCodePoints\",\n    \"results\": [",
		r->o->lang == LANG_ZH ? "zh-CN" : "en-US");
}

static void prop(FILE *o, const char *key, const char *val, int *first)
{
	if (!val)
		return;
	fprintf(o, "%s\"%s\": ", *first ? "" : ", ", key);
	report_json_str(o, val);
	*first = 0;
}

/* The JSON pointer as a logical location: a property when its last step is a key, else an array value. */
static void logical_location(FILE *o, const char *pointer)
{
	const char *last = strrchr(pointer, '/');
	last = last ? last + 1 : pointer;
	int index = *last != '\0';
	for (const char *p = last; *p; p++)
		index &= *p >= '0' && *p <= '9';
	fputs(", \"logicalLocations\": [{\"name\": ", o);
	report_json_str(o, last);
	fputs(", \"fullyQualifiedName\": ", o);
	report_json_str(o, pointer);
	fprintf(o, ", \"kind\": \"%s\"}]", index ? "value" : "property");
}

static void sarif_file(reporter *r, const file_result *fr)
{
	FILE *o = r->out;
	char (*fps)[BASELINE_FP_LEN + 1] = fr->dg.n ? calloc(fr->dg.n, sizeof *fps) : NULL;
	for (size_t i = 0; i < fr->dg.n; i++) {
		const finding *f = &fr->dg.v[i];
		fprintf(o, "%s\n      {\"ruleId\": ", r->nfindings ? "," : "");
		report_json_str(o, f->rule);
		long idx = rule_index(f->rule);
		if (idx >= 0)
			fprintf(o, ", \"ruleIndex\": %ld", idx);
		fprintf(o, ", \"level\": \"%s\", \"message\": {\"text\": ", level_of(f->severity));
		report_json_str(o, report_msg(r, f->msg_zh, f->msg_en));
		fputs("},\n       \"locations\": [{\"physicalLocation\": {\"artifactLocation\": ", o);
		artifact_location(o, fr->path);
		if (f->line > 0)
			fprintf(o, ", \"region\": {\"startLine\": %d, \"startColumn\": %d}", f->line, f->col > 0 ? f->col : 1);
		fputs("}", o);
		const char *pointer = diag_pointer(fr->dg.a, f);
		if (*pointer)
			logical_location(o, pointer);
		fputs("}]", o);
		/* The same fingerprint twice in a file (e.g. two unreadable figures with the same
		 * text under one pointer) is told apart by its occurrence, as GitHub's own hashes are. */
		char fp[BASELINE_FP_LEN + 1];
		baseline_fingerprint(fr->path, f, fp);
		size_t occurrence = 1;
		if (fps) {
			for (size_t k = 0; k < i; k++)
				occurrence += !strcmp(fps[k], fp);
			memcpy(fps[i], fp, sizeof fp);
		}
		fprintf(o, ",\n       \"partialFingerprints\": {\"primaryLocationLineHash\": \"%s:%zu\", \"jxlint/v1\": \"%s\"}",
			fp, occurrence, fp);
		if (r->o->baseline)
			fputs(", \"baselineState\": \"new\"", o);
		fputs(",\n       \"properties\": {", o);
		int first = 1;
		prop(o, "pointer", pointer, &first);
		prop(o, "computation", f->computation, &first);
		prop(o, "stated", f->stated, &first);
		prop(o, "computed", f->computed, &first);
		prop(o, "difference", f->difference, &first);
		prop(o, "tolerance", f->tolerance, &first);
		prop(o, "hint", (f->hint_zh || f->hint_en) ? report_msg(r, f->hint_zh, f->hint_en) : NULL, &first);
		prop(o, "source", f->source, &first);
		prop(o, "message_zh", f->msg_zh, &first);
		prop(o, "message_en", f->msg_en, &first);
		fputs("}}", o);
		r->nfindings++;
	}
	free(fps);
}

static void sarif_end(reporter *r, const summary *s)
{
	FILE *o = r->out;
	fprintf(o, "%s],\n    \"invocations\": [{\"executionSuccessful\": %s, \"exitCode\": %d}],\n",
		r->nfindings ? "\n    " : "", s->exit_code == 2 ? "false" : "true", s->exit_code);
	fprintf(o, "    \"properties\": {\"files\": %zu, \"errors\": %zu, \"warnings\": %zu, \"infos\": %zu, "
		"\"files_with_errors\": %zu, \"unreadable\": %zu, \"unchecked\": %zu",
		s->files, s->counts[3], s->counts[2], s->counts[1], s->files_with_errors, s->unreadable, s->unchecked);
	if (r->o->baseline)
		fprintf(o, ", \"baselined\": %zu", s->baselined);
	fputs("}\n  }]\n}\n", o);
	free(state_of_run.rules);
	state_of_run.rules = NULL;
}

void report_sarif_init(reporter *r)
{
	r->begin = sarif_begin;
	r->file = sarif_file;
	r->end = sarif_end;
}
