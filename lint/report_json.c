/* report_json.c — findings for machines: one JSON document, whatever the number of files. */
#include <string.h>

#include "report.h"

void report_json_str(FILE *out, const char *s)
{
	fputc('"', out);
	for (const unsigned char *p = (const unsigned char *)(s ? s : ""); *p; p++) {
		switch (*p) {
		case '"': fputs("\\\"", out); break;
		case '\\': fputs("\\\\", out); break;
		case '\n': fputs("\\n", out); break;
		case '\r': fputs("\\r", out); break;
		case '\t': fputs("\\t", out); break;
		default:
			if (*p < 0x20)
				fprintf(out, "\\u%04x", *p);
			else
				fputc(*p, out);
		}
	}
	fputc('"', out);
}

static void member(FILE *out, const char *key, const char *val)
{
	if (!val)
		return;
	fprintf(out, ", \"%s\": ", key);
	report_json_str(out, val);
}

static void json_begin(reporter *r)
{
	fputs("{\n  \"tool\": \"jxlint\",\n  \"version\": \"" JXLINT_VERSION "\",\n  \"format\": 1,\n  \"findings\": [", r->out);
}

static void json_file(reporter *r, const file_result *fr)
{
	for (size_t i = 0; i < fr->dg.n; i++) {
		const finding *f = &fr->dg.v[i];
		fputs(r->nfindings ? ",\n    {" : "\n    {", r->out);
		fputs("\"file\": ", r->out);
		report_json_str(r->out, fr->path);
		fprintf(r->out, ", \"line\": %d, \"column\": %d, \"rule\": ", f->line, f->col);
		report_json_str(r->out, f->rule);
		fprintf(r->out, ", \"severity\": \"%s\", \"message\": ", severity_name(f->severity));
		report_json_str(r->out, report_msg(r, f->msg_zh, f->msg_en));
		member(r->out, "message_zh", f->msg_zh);
		member(r->out, "message_en", f->msg_en);
		member(r->out, "pointer", diag_pointer(fr->dg.a, f));
		member(r->out, "computation", f->computation);
		member(r->out, "stated", f->stated);
		member(r->out, "computed", f->computed);
		member(r->out, "difference", f->difference);
		member(r->out, "tolerance", f->tolerance);
		member(r->out, "hint", (f->hint_zh || f->hint_en) ? report_msg(r, f->hint_zh, f->hint_en) : NULL);
		member(r->out, "source", f->source);
		fputc('}', r->out);
		r->nfindings++;
	}
}

static void json_end(reporter *r, const summary *s)
{
	fprintf(r->out, "%s],\n  \"summary\": {\"files\": %zu, \"errors\": %zu, \"warnings\": %zu, \"infos\": %zu, "
		"\"files_with_errors\": %zu, \"unreadable\": %zu, \"unchecked\": %zu, \"baselined\": %zu, \"exit_code\": %d}\n}\n",
		r->nfindings ? "\n  " : "", s->files, s->counts[3], s->counts[2], s->counts[1],
		s->files_with_errors, s->unreadable, s->unchecked, s->baselined, s->exit_code);
}

void report_json_init(reporter *r)
{
	r->begin = json_begin;
	r->file = json_file;
	r->end = json_end;
}
