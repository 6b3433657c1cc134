/* report_text.c — findings for people: file:line:col: severity: message [rule], then the figures. */
#include <stdio.h>
#include <string.h>

#include "report.h"

const char *report_msg(const reporter *r, const char *zh, const char *en)
{
	const char *m = r->o->lang == LANG_ZH ? zh : en;
	return m ? m : (zh ? zh : (en ? en : ""));
}

static void text_begin(reporter *r) { (void)r; }

/* A file's findings are put together in a buffer and written a few
 * kilobytes at a time: a finding's line is most of what a lint run
 * writes, and fprintf (or a stdio call per piece) cost more than the rest
 * of the report. */
typedef struct obuf {
	FILE *out;
	size_t n;
	char b[4096];
} obuf;

static void flush(obuf *o)
{
	if (o->n)
		fwrite(o->b, 1, o->n, o->out);
	o->n = 0;
}

/* No room for l more bytes: the buffer written out, and s too when it is larger. 1 when s is written. */
static __attribute__((noinline)) int make_room(obuf *o, const char *s, size_t l)
{
	flush(o);
	if (l > sizeof o->b) {
		fwrite(s, 1, l, o->out);
		return 1;
	}
	return 0;
}

/* Inline, so that the length of a literal piece (": ", " [") is a
 * constant and its copy a store or two, with no call. */
static inline __attribute__((always_inline)) void put(obuf *o, const char *s)
{
	size_t l = strlen(s);
	if (l > sizeof o->b - o->n && make_room(o, s, l))
		return;
	memcpy(o->b + o->n, s, l);
	o->n += l;
}

static void put_int(obuf *o, int v)
{
	char b[16], *p = b + sizeof b;
	unsigned u = v < 0 ? 0u - (unsigned)v : (unsigned)v;
	*--p = '\0';
	do
		*--p = (char)('0' + u % 10);
	while (u /= 10);
	if (v < 0)
		*--p = '-';
	put(o, p);
}

static void text_file(reporter *r, const file_result *fr)
{
	int zh = r->o->lang == LANG_ZH;
	obuf ob, *out = &ob;
	ob.out = r->out;
	ob.n = 0;
	for (size_t i = 0; i < fr->dg.n; i++) {
		const finding *f = &fr->dg.v[i];
		put(out, fr->path);
		if (f->line > 0) {   /* path:line:col: severity: message [rule] */
			put(out, ":");
			put_int(out, f->line);
			put(out, ":");
			put_int(out, f->col);
		}
		put(out, ": ");
		put(out, severity_name(f->severity));
		put(out, ": ");
		put(out, report_msg(r, f->msg_zh, f->msg_en));
		put(out, " [");
		put(out, f->rule);
		put(out, "]\n");
		if (f->stated || f->computed) {
			put(out, "    ");
			const char *sep = "";
			if (f->stated) {
				put(out, zh ? "填报 " : "stated ");
				put(out, f->stated);
				sep = zh ? "，" : ", ";
			}
			if (f->computed) {
				put(out, sep);
				put(out, zh ? "计算 " : "computed ");
				put(out, f->computed);
				sep = zh ? "，" : ", ";
			}
			if (f->difference) {
				put(out, sep);
				put(out, zh ? "差额 " : "difference ");
				put(out, f->difference);
			}
			if (f->tolerance && strcmp(f->tolerance, "0")) {
				put(out, zh ? "（容差 ±" : " (tolerance ±");
				put(out, f->tolerance);
				put(out, zh ? "）" : ")");
			}
			put(out, "\n");
		}
		if (f->hint_zh || f->hint_en) {
			put(out, zh ? "    提示：" : "    hint: ");
			put(out, report_msg(r, f->hint_zh, f->hint_en));
			put(out, "\n");
		}
		if (f->source) {
			put(out, zh ? "    原文：“" : "    source: “");
			put(out, f->source);
			put(out, "”\n");
		}
		r->nfindings++;
	}
	flush(out);
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
