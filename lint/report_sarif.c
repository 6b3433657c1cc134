/* report_sarif.c — SARIF 2.1.0 for code-scanning tools: one run, the rules, results with regions and figures. */
#include <stdlib.h>
#include <string.h>

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

/* A relative URI reference: unreserved and '/' kept, everything else percent-encoded. */
static void uri(FILE *out, const char *path)
{
	fputc('"', out);
	for (const unsigned char *p = (const unsigned char *)path; *p; p++) {
		if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') ||
		    strchr("-._~/", *p))
			fputc(*p, out);
		else
			fprintf(out, "%%%02X", *p);
	}
	fputc('"', out);
}

static long rule_index(const char *id)
{
	for (size_t i = 0; i < state_of_run.nrules; i++)
		if (!strcmp(state_of_run.rules[i]->id, id))
			return (long)i;
	return -1;
}

static void sarif_begin(reporter *r)
{
	FILE *o = r->out;
	state_of_run.rules = registry_sorted(r->reg);
	state_of_run.nrules = 0;
	while (state_of_run.rules && state_of_run.rules[state_of_run.nrules])
		state_of_run.nrules++;
	fputs("{\n  \"$schema\": \"https://json.schemastore.org/sarif-2.1.0.json\",\n  \"version\": \"2.1.0\",\n"
	      "  \"runs\": [{\n    \"tool\": {\"driver\": {\"name\": \"jxlint\", \"version\": \"" JXLINT_VERSION "\",\n"
	      "      \"informationUri\": \"https://example.invalid/jxlint/docs/rules.md\",\n      \"rules\": [", o);
	for (size_t i = 0; i < state_of_run.nrules; i++) {
		const rule_def *d = state_of_run.rules[i];
		fprintf(o, "%s\n        {\"id\": ", i ? "," : "");
		report_json_str(o, d->id);
		fputs(", \"name\": ", o);
		report_json_str(o, d->id);
		fputs(", \"shortDescription\": {\"text\": ", o);
		report_json_str(o, report_msg(r, d->summary_zh, d->summary_en));
		fputs("}, \"fullDescription\": {\"text\": ", o);
		report_json_str(o, d->summary_en);
		fputs("}, \"help\": {\"text\": ", o);
		report_json_str(o, d->summary_zh);
		fprintf(o, "}, \"defaultConfiguration\": {\"level\": \"%s\"}, \"properties\": {\"origin\": ",
			level_of(registry_severity(r->reg, d->id)));
		report_json_str(o, strcmp(d->origin, "core") ? strrchr(d->origin, '/') ? strrchr(d->origin, '/') + 1 : d->origin : "core");
		fputs("}}", o);
	}
	fputs("\n      ]}},\n    \"columnKind\": \"unicodeCodePoints\",\n    \"results\": [", o);
}

static void prop(FILE *o, const char *key, const char *val, int *first)
{
	if (!val)
		return;
	fprintf(o, "%s\"%s\": ", *first ? "" : ", ", key);
	report_json_str(o, val);
	*first = 0;
}

static void sarif_file(reporter *r, const file_result *fr)
{
	FILE *o = r->out;
	for (size_t i = 0; i < fr->dg.n; i++) {
		const finding *f = &fr->dg.v[i];
		fprintf(o, "%s\n      {\"ruleId\": ", r->nfindings ? "," : "");
		report_json_str(o, f->rule);
		long idx = rule_index(f->rule);
		if (idx >= 0)
			fprintf(o, ", \"ruleIndex\": %ld", idx);
		fprintf(o, ", \"level\": \"%s\", \"message\": {\"text\": ", level_of(f->severity));
		report_json_str(o, report_msg(r, f->msg_zh, f->msg_en));
		fputs("},\n       \"locations\": [{\"physicalLocation\": {\"artifactLocation\": {\"uri\": ", o);
		uri(o, fr->path);
		fputc('}', o);
		if (f->line > 0)
			fprintf(o, ", \"region\": {\"startLine\": %d, \"startColumn\": %d}", f->line, f->col > 0 ? f->col : 1);
		fputs("}", o);
		if (f->pointer && *f->pointer) {
			fputs(", \"logicalLocations\": [{\"fullyQualifiedName\": ", o);
			report_json_str(o, f->pointer);
			fputs(", \"kind\": \"element\"}]", o);
		}
		fputs("}]", o);
		fputs(",\n       \"partialFingerprints\": {\"jxlint/v1\": ", o);
		char *fp = NULL;
		size_t fplen = 0;
		FILE *m = open_memstream(&fp, &fplen);
		if (m) {
			fprintf(m, "%s|%s|%s", f->rule, f->pointer ? f->pointer : "", f->stated ? f->stated : "");
			fclose(m);
		}
		report_json_str(o, fp ? fp : f->rule);
		free(fp);
		fputs("},\n       \"properties\": {", o);
		int first = 1;
		prop(o, "pointer", f->pointer, &first);
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
}

static void sarif_end(reporter *r, const summary *s)
{
	fprintf(r->out, "%s],\n    \"properties\": {\"files\": %zu, \"errors\": %zu, \"warnings\": %zu, \"infos\": %zu, "
		"\"unreadable\": %zu, \"unchecked\": %zu}\n  }]\n}\n",
		r->nfindings ? "\n    " : "", s->files, s->counts[3], s->counts[2], s->counts[1], s->unreadable, s->unchecked);
	free(state_of_run.rules);
	state_of_run.rules = NULL;
}

void report_sarif_init(reporter *r)
{
	r->begin = sarif_begin;
	r->file = sarif_file;
	r->end = sarif_end;
}
