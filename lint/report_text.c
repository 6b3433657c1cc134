/* report_text.c — findings for people: file:line:col: severity: message [rule], then the figures. */
#include <string.h>

#include "report.h"

const char *report_msg(const reporter *r, const char *zh, const char *en)
{
	const char *m = r->o->lang == LANG_ZH ? zh : en;
	return m ? m : (zh ? zh : (en ? en : ""));
}

static void text_begin(reporter *r) { (void)r; }

static void text_file(reporter *r, const file_result *fr)
{
	int zh = r->o->lang == LANG_ZH;
	for (size_t i = 0; i < fr->dg.n; i++) {
		const finding *f = &fr->dg.v[i];
		if (f->line > 0)
			fprintf(r->out, "%s:%d:%d: ", fr->path, f->line, f->col);
		else
			fprintf(r->out, "%s: ", fr->path);
		fprintf(r->out, "%s: %s [%s]\n", severity_name(f->severity), report_msg(r, f->msg_zh, f->msg_en), f->rule);
		if (f->stated || f->computed) {
			fputs("    ", r->out);
			const char *sep = "";
			if (f->stated) {
				fprintf(r->out, "%s%s", zh ? "填报 " : "stated ", f->stated);
				sep = zh ? "，" : ", ";
			}
			if (f->computed) {
				fprintf(r->out, "%s%s%s", sep, zh ? "计算 " : "computed ", f->computed);
				sep = zh ? "，" : ", ";
			}
			if (f->difference)
				fprintf(r->out, "%s%s%s", sep, zh ? "差额 " : "difference ", f->difference);
			if (f->tolerance && strcmp(f->tolerance, "0"))
				fprintf(r->out, zh ? "（容差 ±%s）" : " (tolerance ±%s)", f->tolerance);
			fputc('\n', r->out);
		}
		if (f->hint_zh || f->hint_en)
			fprintf(r->out, "    %s%s\n", zh ? "提示：" : "hint: ", report_msg(r, f->hint_zh, f->hint_en));
		if (f->source)
			fprintf(r->out, "    %s“%s”\n", zh ? "原文：" : "source: ", f->source);
		r->nfindings++;
	}
}

static void text_end(reporter *r, const summary *s)
{
	if (r->o->lang == LANG_ZH)
		fprintf(r->out, "检查了 %zu 个文件：错误 %zu，警告 %zu，提示 %zu；有错误的文件 %zu",
			s->files, s->counts[3], s->counts[2], s->counts[1], s->files_with_errors);
	else
		fprintf(r->out, "%zu file%s checked: %zu error%s, %zu warning%s, %zu info; %zu file%s with errors",
			s->files, s->files == 1 ? "" : "s", s->counts[3], s->counts[3] == 1 ? "" : "s",
			s->counts[2], s->counts[2] == 1 ? "" : "s", s->counts[1], s->files_with_errors,
			s->files_with_errors == 1 ? "" : "s");
	if (s->unreadable)
		fprintf(r->out, r->o->lang == LANG_ZH ? "；无法读取 %zu 个" : "; %zu unreadable", s->unreadable);
	if (s->baselined)
		fprintf(r->out, r->o->lang == LANG_ZH ? "；基线已记录 %zu 条（未显示）" : "; %zu in the baseline (not shown)",
			s->baselined);
	if (s->unchecked)
		fprintf(r->out, r->o->lang == LANG_ZH ? "；%zu 处未能检查" : "; %zu item%s not checked",
			s->unchecked, r->o->lang == LANG_ZH ? "" : (s->unchecked == 1 ? "" : "s"));
	fputc('\n', r->out);
}

void report_text_init(reporter *r)
{
	r->begin = text_begin;
	r->file = text_file;
	r->end = text_end;
}
