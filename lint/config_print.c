/* config_print.c — --print-config FILE: the configuration a file gets, as JSON. */
#include "config.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "report.h"

/* ---- --print-config ---------------------------------------------------------------------------------- */

static const char *from_name(int from)
{
	return from == FROM_DEFAULT ? "default" : from == FROM_CONFIG ? "config" : "command line";
}

static void print_dec(FILE *out, dec v, const char *suffix)
{
	char buf[80];
	dec_format(dec_normal(v), buf, sizeof buf);
	fprintf(out, "\"%s%s\"", buf, suffix);
}

void config_print(FILE *out, const config_set *cs, const config *c, const char *file, const registry *reg)
{
	char b[PATH_MAX];
	fputs("{\n  \"file\": ", out);
	report_json_str(out, file);
	fputs(",\n  \"config\": ", out);
	if (c->path)
		report_json_str(out, config_shown(c->path, b, sizeof b));
	else
		fputs("null", out);
	fprintf(out, ",\n  \"source\": \"%s\"", cs->disabled ? "--no-config" : cs->forced ? "--config" : c->path ? "nearest .jxlint.json" : "none found");
	fprintf(out, ",\n  \"ignored\": %s", config_ignores(c, file) ? "true" : "false");
	fputs(",\n  \"packs\": [", out);
	for (size_t i = 0; i < c->npacks; i++) {
		fprintf(out, "%s\n    {\"name\": ", i ? "," : "");
		report_json_str(out, c->packs[i].p->name);
		if (c->packs[i].p->from_install) {
			fputs(", \"installed\": true", out);
		} else {
			fputs(", \"file\": ", out);
			report_json_str(out, config_shown(c->packs[i].p->real, b, sizeof b));
		}
		fprintf(out, ", \"enabled_by\": \"%s\"}", from_name(c->packs[i].from));
	}
	fputs(c->npacks ? "\n  ],\n  \"rules\": [" : "],\n  \"rules\": [", out);
	size_t n = 0;
	for (size_t i = 0; i < c->nrules; i++, n++) {
		fprintf(out, "%s\n    {\"pattern\": ", n ? "," : "");
		report_json_str(out, c->rules[i].pattern);
		fprintf(out, ", \"severity\": \"%s\", \"set_by\": \"config\"}", severity_name(c->rules[i].severity));
	}
	for (size_t i = 0; i < reg->nov; i++, n++) {
		fprintf(out, "%s\n    {\"pattern\": ", n ? "," : "");
		report_json_str(out, reg->ov[i].pattern);
		fprintf(out, ", \"severity\": \"%s\", \"set_by\": \"command line\"}", severity_name(reg->ov[i].severity));
	}
	fputs(n ? "\n  ],\n  \"ignore\": [" : "],\n  \"ignore\": [", out);
	for (size_t i = 0; i < c->nignore; i++) {
		fputs(i ? ", " : "", out);
		report_json_str(out, c->ignore[i]);
	}
	fputs("],\n  \"tolerance\": {", out);
	const char *sep = "";
	if (c->tol.has_money) fputs("\"money\": ", out), print_dec(out, c->tol.money, "元"), sep = ", ";
	if (c->tol.has_percent) fprintf(out, "%s\"percent\": ", sep), print_dec(out, c->tol.percent, "%"), sep = ", ";
	if (c->tol.has_number) fprintf(out, "%s\"number\": ", sep), print_dec(out, c->tol.number, "");
	fputs("},\n  \"severities\": {", out);
	/* every rule that runs on this file, with the severity in force */
	const rule_def **v = registry_sorted(reg);
	n = 0;
	for (size_t i = 0; v && v[i]; i++) {
		const char *origin = v[i]->origin;
		int in_pack = 0, enabled = 0;
		for (size_t k = 0; k < cs->ps->n; k++)
			if (cs->ps->v[k]->path == origin)
				in_pack = 1;
		for (size_t k = 0; k < c->npacks; k++)
			if (c->packs[k].p->path == origin)
				enabled = 1;
		if (in_pack && !enabled)
			continue;
		const rule_def *d = v[i];
		int sev = registry_override_severity(reg, d->id, config_severity(c, d->id, d->severity));
		fprintf(out, "%s\n    ", n++ ? "," : "");
		report_json_str(out, d->id);
		fprintf(out, ": \"%s\"", severity_name(sev));
	}
	free(v);
	fputs(n ? "\n  }\n}\n" : "}\n}\n", out);
}

