/* diag.c — the findings sink: one list per file, copied strings, sorted, counted by severity. */
#include "diag.h"
#include "doc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void diag_init(diag *d, arena *a, const char *file)
{
	memset(d, 0, sizeof *d);
	d->a = a;
	d->file = file;
}

void diag_release(diag *d)
{
	free(d->v);
	d->v = NULL;
	d->n = d->cap = 0;
}

finding *diag_add(diag *d, int line, int col, int severity, const char *rule)
{
	if (d->n == d->cap) {
		size_t cap = d->cap ? d->cap * 2 : 16;
		finding *v = realloc(d->v, cap * sizeof *v);
		if (!v) {
			fputs("jxlint: out of memory\n", stderr);
			abort();
		}
		d->v = v;
		d->cap = cap;
	}
	finding *f = &d->v[d->n];
	memset(f, 0, sizeof *f);
	f->line = line;
	f->col = col;
	f->severity = severity;
	f->rule = rule;
	f->seq = (unsigned)d->n;
	d->n++;
	if (severity >= 1 && severity <= 3)
		d->counts[severity]++;
	return f;
}

static int by_place(const void *pa, const void *pb)
{
	const finding *a = pa, *b = pb;
	if (a->line != b->line)
		return a->line < b->line ? -1 : 1;
	if (a->col != b->col)
		return a->col < b->col ? -1 : 1;
	int c = strcmp(a->rule, b->rule);
	if (c)
		return c;
	return a->seq < b->seq ? -1 : a->seq > b->seq;
}

static void recount(diag *d)
{
	memset(d->counts, 0, sizeof d->counts);
	for (size_t i = 0; i < d->n; i++)
		if (d->v[i].severity >= 1 && d->v[i].severity <= 3)
			d->counts[d->v[i].severity]++;
}

void diag_sort(diag *d)
{
	if (d->n > 1)
		qsort(d->v, d->n, sizeof *d->v, by_place);
	recount(d);
}

void diag_filter(diag *d, int min_severity)
{
	size_t k = 0;
	for (size_t i = 0; i < d->n; i++)
		if (d->v[i].severity >= min_severity)
			d->v[k++] = d->v[i];
	d->n = k;
	recount(d);
}

int diag_worst(const diag *d)
{
	for (int s = 3; s >= 1; s--)
		if (d->counts[s])
			return s;
	return 0;
}

const char *diag_pointer(arena *a, const finding *f)
{
	return f->node ? doc_pointer(a, f->node) : "";
}
