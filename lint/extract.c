/* extract.c — a narrative report → the submission JSON it states (extract.h): split into project reports, read, emit with positions. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cJSON.h>
#include "extract.h"
#include "extract_int.h"

#define MAX_POINTER 4096   /* bytes of one JSON pointer */

const char *const ex_field_section[EX_NFIELDS] = {
	"budget", "budget", "budget", "budget", "budget",
	"income", "income", "income", "income",
	"expenditure", "expenditure", "expenditure",
	"balance", "balance", "balance",
	"three_public", "three_public", "three_public",
	"procurement", "procurement",
};

const char *const ex_field_key[EX_NFIELDS] = {
	"initial", "adjusted", "basic", "project", "total",
	"carryover", "appropriation", "other", "total",
	"basic", "project", "total",
	"basic", "project", "total",
	"budget", "actual", "last_year",
	"plan", "actual",
};

const char *const ex_rate_key[EX_NRATES] = {
	"execution", "basic_execution", "project_execution", "carryover", "procurement",
	"three_public_control", "three_public_change", "staff_control", "budget_final_diff",
};

/* ---- values ---- */

void ex_val_set(ex_ctx *x, ex_val *v, const char *s, size_t n, size_t off)
{
	char *c = malloc(n + 1);
	if (!c) {
		x->oom = 1;
		return;
	}
	memcpy(c, s, n);
	c[n] = '\0';
	free(v->s);
	v->s = c;
	v->off = off;
	v->raw = 0;
}

void ex_val_text(ex_ctx *x, ex_val *v, const ex_para *p, size_t a, size_t b, int max)
{
	size_t e = a;
	int k = 0, l;
	ex_trim(p->buf, &a, &b);
	e = a;
	while (e < b && k < max) {
		ex_cp(p->buf, b, e, &l);
		e += (size_t)l;
		k++;
	}
	if (e > a)
		ex_val_set(x, v, p->buf + a, e - a, ex_orig(p, a));
}

void ex_val_free(ex_val *v)
{
	free(v->s);
	memset(v, 0, sizeof *v);
}

void ex_node_release(ex_node *n)
{
	size_t k;
	for (k = 0; k < n->n; k++)
		ex_node_release(&n->items[k]);
	free(n->items);
	ex_val_free(&n->name);
	ex_val_free(&n->max);
	ex_val_free(&n->score);
	ex_val_free(&n->grade);
	memset(n, 0, sizeof *n);
}

ex_node *ex_node_add(ex_ctx *x, ex_node *parent)
{
	ex_node *c;
	if (x->nodes >= EX_MAX_ITEMS)
		return NULL;
	if (parent->n == parent->cap) {
		size_t cap = parent->cap ? parent->cap * 2 : 4;
		ex_node *ni = realloc(parent->items, cap * sizeof *ni);
		if (!ni) {
			x->oom = 1;
			return NULL;
		}
		parent->items = ni;
		parent->cap = cap;
	}
	c = &parent->items[parent->n++];
	memset(c, 0, sizeof *c);
	x->nodes++;
	return c;
}

void ex_doc_release(ex_doc *d)
{
	size_t k, j;
	ex_val_free(&d->form);
	ex_val_free(&d->unit);
	ex_val_free(&d->project);
	ex_val_free(&d->year);
	ex_val_free(&d->filed);
	for (k = 0; k < d->nstaff; k++) {
		ex_val_free(&d->staff[k].category);
		ex_val_free(&d->staff[k].quota);
		ex_val_free(&d->staff[k].actual);
	}
	free(d->staff);
	for (k = 0; k < EX_NFIELDS; k++)
		ex_val_free(&d->field[k]);
	for (k = 0; k < EX_NRATES; k++)
		ex_val_free(&d->rate[k]);
	ex_node_release(&d->scores);
	for (k = 0; k < d->nbd; k++) {
		ex_val_free(&d->bd[k].name);
		ex_val_free(&d->bd[k].total);
		ex_val_free(&d->bd[k].source);
		for (j = 0; j < d->bd[k].nparts; j++) {
			ex_val_free(&d->bd[k].parts[j].name);
			ex_val_free(&d->bd[k].parts[j].fig);
		}
	}
	free(d->bd);
	for (k = 0; k < d->ncl; k++) {
		ex_val_free(&d->cl[k].text);
		ex_val_free(&d->cl[k].label);
		ex_val_free(&d->cl[k].source);
	}
	free(d->cl);
	for (k = 0; k < d->nproj; k++)
		ex_doc_release(&d->proj[k]);
	free(d->proj);
	memset(d, 0, sizeof *d);
}

/* ---- reading ---- */

static void read_doc(ex_ctx *x, ex_doc *d, size_t a, size_t b)
{
	ex_read_meta(x, d, a, b);
	ex_read_sentences(x, d, a, b);
	ex_read_scores(x, d, a, b);
}

static int project_label(const ex_para *p)
{
	size_t i = p->body + strlen("项目名称");
	if (p->row || !ex_starts(p->buf, p->body, p->len, "项目名称"))
		return 0;
	while (i < p->len && p->buf[i] == ' ')
		i++;
	return ex_starts(p->buf, i, p->len, "：") || ex_starts(p->buf, i, p->len, ":");
}

/* Short lines without a full stop just before "项目名称：" (附件 5, the
 * title, "(2023 年度)") open that project's report. */
static int header_like(const ex_para *p)
{
	return !p->row && ex_ncps(p->buf, 0, p->len) <= 30 && !ex_has(p->buf, 0, p->len, "。");
}

static void read_all(ex_ctx *x, ex_doc *d)
{
	const ex_text *t = x->t;
	size_t k, np = 0, *start;
	for (k = 0; k < t->np; k++)
		np += project_label(&t->p[k]);
	if (np < 2) {
		read_doc(x, d, 0, t->np);
		return;
	}
	if (np > EX_MAX_PROJECTS)
		np = EX_MAX_PROJECTS;
	start = malloc((np + 1) * sizeof *start);
	d->proj = calloc(np, sizeof *d->proj);
	if (!start || !d->proj) {
		free(start);
		x->oom = 1;
		return;
	}
	{
		size_t i = 0, prev = 0;
		for (k = 0; k < t->np && i < np; k++) {
			size_t q = k;
			if (!project_label(&t->p[k]))
				continue;
			while (q > prev && k - q < 6 && header_like(&t->p[q - 1]))
				q--;
			start[i++] = q;
			prev = k + 1;
		}
		start[np] = t->np;
	}
	read_doc(x, d, 0, start[0]);
	for (k = 0; k < np && !x->oom; k++) {
		read_doc(x, &d->proj[k], start[k], start[k + 1]);
		d->nproj = k + 1;
	}
	free(start);
}

/* ---- emitting ---- */

typedef struct emit {
	const ex_text *t;
	extract_pos *pos;
	size_t npos, cap;
	char ptr[MAX_POINTER];
	size_t plen;
	int oom;
} emit;

static size_t push_key(emit *e, const char *key)
{
	size_t old = e->plen, k;
	if (e->plen + 1 < sizeof e->ptr)
		e->ptr[e->plen++] = '/';
	for (k = 0; key[k]; k++) {
		const char *w = key[k] == '~' ? "~0" : key[k] == '/' ? "~1" : NULL;
		size_t m = w ? 2 : 1;
		if (e->plen + m + 1 >= sizeof e->ptr) {
			e->oom = 1;
			break;
		}
		if (w)
			memcpy(e->ptr + e->plen, w, 2);
		else
			e->ptr[e->plen] = key[k];
		e->plen += m;
	}
	e->ptr[e->plen] = '\0';
	return old;
}

static size_t push_index(emit *e, size_t i)
{
	char buf[32];
	snprintf(buf, sizeof buf, "%zu", i);
	return push_key(e, buf);
}

static void pop(emit *e, size_t old)
{
	e->plen = old;
	e->ptr[old] = '\0';
}

static void record(emit *e, size_t off)
{
	extract_pos *p;
	if (e->npos == e->cap) {
		size_t cap = e->cap ? e->cap * 2 : 64;
		extract_pos *np = realloc(e->pos, cap * sizeof *np);
		if (!np) {
			e->oom = 1;
			return;
		}
		e->pos = np;
		e->cap = cap;
	}
	p = &e->pos[e->npos];
	if (!(p->pointer = strdup(e->ptr))) {
		e->oom = 1;
		return;
	}
	ex_text_pos(e->t, off, &p->line, &p->col);
	e->npos++;
}

static int json_number(const char *s)
{
	size_t i = 0;
	if (s[i] == '-')
		i++;
	if (s[i] < '0' || s[i] > '9' || (s[i] == '0' && s[i + 1] >= '0' && s[i + 1] <= '9'))
		return 0;
	while (s[i] >= '0' && s[i] <= '9')
		i++;
	if (s[i] == '.') {
		if (s[++i] < '0' || s[i] > '9')
			return 0;
		while (s[i] >= '0' && s[i] <= '9')
			i++;
	}
	return s[i] == '\0';
}

static void add_item(emit *e, cJSON *parent, const char *key, cJSON *item, size_t off)
{
	size_t old;
	if (!item) {
		e->oom = 1;
		return;
	}
	old = push_key(e, key);
	cJSON_AddItemToObject(parent, key, item);
	record(e, off);
	pop(e, old);
}

static void add_val(emit *e, cJSON *parent, const char *key, const ex_val *v)
{
	if (!v->s)
		return;
	add_item(e, parent, key, v->raw && json_number(v->s) ? cJSON_CreateRaw(v->s) : cJSON_CreateString(v->s), v->off);
}

/* An object or array member is recorded where its first value came from. */
/* key, or (key NULL) element idx of an array. */
static cJSON *open_child(emit *e, cJSON *parent, const char *key, size_t idx, cJSON *item, size_t off, size_t *old)
{
	if (!item) {
		e->oom = 1;
		return NULL;
	}
	if (key) {
		*old = push_key(e, key);
		cJSON_AddItemToObject(parent, key, item);
	} else {
		*old = push_index(e, idx);
		cJSON_AddItemToArray(parent, item);
	}
	record(e, off);
	return item;
}

static void emit_node(emit *e, cJSON *parent, const char *key, size_t idx, const ex_node *n, int depth)
{
	size_t old, k, old2;
	cJSON *o = open_child(e, parent, key, idx, cJSON_CreateObject(), n->off, &old), *items;
	if (!o)
		return;
	add_val(e, o, "name", &n->name);
	add_val(e, o, "max", &n->max);
	add_val(e, o, "score", &n->score);
	add_val(e, o, "grade", &n->grade);
	if (n->n && depth < EX_MAX_DEPTH + 2) {
		items = open_child(e, o, "items", 0, cJSON_CreateArray(), n->items[0].off, &old2);
		if (items) {
			for (k = 0; k < n->n; k++)
				emit_node(e, items, NULL, k, &n->items[k], depth + 1);
			pop(e, old2);
		}
	}
	pop(e, old);
}

static void emit_doc(emit *e, cJSON *o, const ex_doc *d, int top);

static void emit_sections(emit *e, cJSON *o, const ex_doc *d)
{
	static const char *const sections[] = { "budget", "income", "expenditure", "balance", "three_public", "procurement" };
	size_t s, f, old, k;
	for (s = 0; s < sizeof sections / sizeof sections[0]; s++) {
		size_t first = (size_t)-1;
		cJSON *so;
		for (f = 0; f < EX_NFIELDS; f++)
			if (!strcmp(ex_field_section[f], sections[s]) && d->field[f].s && d->field[f].off < first)
				first = d->field[f].off;
		if (first == (size_t)-1)
			continue;
		if (!(so = open_child(e, o, sections[s], 0, cJSON_CreateObject(), first, &old)))
			return;
		for (f = 0; f < EX_NFIELDS; f++)
			if (!strcmp(ex_field_section[f], sections[s]))
				add_val(e, so, ex_field_key[f], &d->field[f]);
		pop(e, old);
	}
	{
		size_t first = (size_t)-1;
		cJSON *ro;
		for (k = 0; k < EX_NRATES; k++)
			if (d->rate[k].s && d->rate[k].off < first)
				first = d->rate[k].off;
		if (first != (size_t)-1 && (ro = open_child(e, o, "rates", 0, cJSON_CreateObject(), first, &old))) {
			for (k = 0; k < EX_NRATES; k++)
				add_val(e, ro, ex_rate_key[k], &d->rate[k]);
			pop(e, old);
		}
	}
}

static void emit_doc(emit *e, cJSON *o, const ex_doc *d, int top)
{
	size_t k, j, old, old2, old3;
	cJSON *a, *it, *parts;
	add_val(e, o, "form", &d->form);
	add_val(e, o, "unit", &d->unit);
	add_val(e, o, "project", &d->project);
	add_val(e, o, "year", &d->year);
	add_val(e, o, "filed", &d->filed);
	if (d->nstaff && (a = open_child(e, o, "staffing", 0, cJSON_CreateArray(), d->staff[0].quota.off, &old))) {
		for (k = 0; k < d->nstaff; k++) {
			if (!(it = open_child(e, a, NULL, k, cJSON_CreateObject(), d->staff[k].quota.off, &old2)))
				break;
			add_val(e, it, "category", &d->staff[k].category);
			add_val(e, it, "quota", &d->staff[k].quota);
			add_val(e, it, "actual", &d->staff[k].actual);
			pop(e, old2);
		}
		pop(e, old);
	}
	emit_sections(e, o, d);
	if (d->scores.score.s || d->scores.n || d->scores.grade.s)
		emit_node(e, o, "scores", 0, &d->scores, 0);
	if (d->nbd && (a = open_child(e, o, "breakdowns", 0, cJSON_CreateArray(), d->bd[0].total.off, &old))) {
		for (k = 0; k < d->nbd; k++) {
			const ex_bd *b = &d->bd[k];
			if (!(it = open_child(e, a, NULL, k, cJSON_CreateObject(), b->total.off, &old2)))
				break;
			add_val(e, it, "name", &b->name);
			add_val(e, it, "total", &b->total);
			add_item(e, it, "exhaustive", cJSON_CreateFalse(), b->total.off);
			if ((parts = open_child(e, it, "parts", 0, cJSON_CreateObject(), b->parts[0].fig.off, &old3))) {
				for (j = 0; j < b->nparts; j++)
					add_val(e, parts, b->parts[j].name.s, &b->parts[j].fig);
				pop(e, old3);
			}
			add_val(e, it, "source", &b->source);
			pop(e, old2);
		}
		pop(e, old);
	}
	if (d->ncl && (a = open_child(e, o, "claims", 0, cJSON_CreateArray(), d->cl[0].text.off, &old))) {
		for (k = 0; k < d->ncl; k++) {
			if (!(it = open_child(e, a, NULL, k, cJSON_CreateObject(), d->cl[k].text.off, &old2)))
				break;
			add_val(e, it, "text", &d->cl[k].text);
			add_val(e, it, "label", &d->cl[k].label);
			add_val(e, it, "source", &d->cl[k].source);
			pop(e, old2);
		}
		pop(e, old);
	}
	if (top && d->nproj) {
		const ex_doc *p0 = &d->proj[0];
		if ((a = open_child(e, o, "projects", 0, cJSON_CreateArray(), p0->form.s ? p0->form.off : p0->project.off, &old))) {
			for (k = 0; k < d->nproj; k++) {
				const ex_doc *pk = &d->proj[k];
				if (!(it = open_child(e, a, NULL, k, cJSON_CreateObject(), pk->form.s ? pk->form.off : pk->project.off, &old2)))
					break;
				emit_doc(e, it, pk, 0);
				pop(e, old2);
			}
			pop(e, old);
		}
	}
}

/* ---- the interface ---- */

static int fail(char *err, size_t errn, const char *msg)
{
	if (err && errn)
		snprintf(err, errn, "%s", msg);
	return -1;
}

void extract_result_release(extract_result *r)
{
	size_t k;
	if (!r)
		return;
	free(r->json);
	for (k = 0; k < r->npos; k++)
		free(r->pos[k].pointer);
	free(r->pos);
	memset(r, 0, sizeof *r);
}

int extract_text(const char *s, size_t n, extract_result *out, char *err, size_t errn)
{
	ex_text t;
	ex_ctx x;
	ex_doc d;
	emit e;
	cJSON *root;
	char *json;
	memset(out, 0, sizeof *out);
	if (err && errn)
		err[0] = '\0';
	if (n > EX_MAX_TEXT) {
		char msg[96];
		snprintf(msg, sizeof msg, "text of %zu bytes is over the limit of %u bytes", n, (unsigned)EX_MAX_TEXT);
		return fail(err, errn, msg);
	}
	if (!s)
		s = "", n = 0;
	if (ex_text_init(&t, s, n))
		return fail(err, errn, "out of memory");
	memset(&x, 0, sizeof x);
	memset(&d, 0, sizeof d);
	x.t = &t;
	read_all(&x, &d);
	memset(&e, 0, sizeof e);
	e.t = &t;
	root = cJSON_CreateObject();
	if (!root || x.oom) {
		cJSON_Delete(root);
		ex_doc_release(&d);
		ex_text_release(&t);
		return fail(err, errn, "out of memory");
	}
	emit_doc(&e, root, &d, 1);
	{
		char *printed = e.oom ? NULL : cJSON_Print(root);
		json = printed ? strdup(printed) : NULL;
		cJSON_free(printed);
	}
	cJSON_Delete(root);
	ex_doc_release(&d);
	ex_text_release(&t);
	if (!json) {
		out->pos = e.pos;
		out->npos = e.npos;
		extract_result_release(out);
		return fail(err, errn, "out of memory");
	}
	out->json = json;
	out->len = strlen(json);
	out->pos = e.pos;
	out->npos = e.npos;
	return 0;
}
