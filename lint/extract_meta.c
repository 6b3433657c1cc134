/* extract_meta.c — what a report says about itself: form, unit, project, year, filing date. */
#include <stdio.h>
#include <string.h>
#include "extract_int.h"


static int parse_int(const char *s, size_t *i, size_t n, int maxd)
{
	int v = 0, k = 0, l;
	uint32_t c;
	while (k < maxd && (c = ex_cp(s, n, *i, &l)) && ex_is_digit(c)) {
		v = v * 10 + (int)(c >= 0xFF10 ? c - 0xFF10 : c - '0');
		*i += (size_t)l;
		k++;
	}
	return k ? v : -1;
}

static size_t blanks(const char *s, size_t n, size_t i)
{
	int l;
	while (i < n && ex_is_space(ex_cp(s, n, i, &l)))
		i += (size_t)l;
	return i;
}

/* "2024 年 4 月 15 日" or "2024-04-15" at s[i]: "YYYY-MM-DD" in out; end in *e. */
static int parse_date(const char *s, size_t n, size_t i, char out[16], size_t *e)
{
	int y, m, dd, l;
	uint32_t c;
	size_t j = i;
	y = parse_int(s, &j, n, 4);
	if (y < 1900 || y > 2999 || j - i < 4)
		return 0;
	j = blanks(s, n, j);
	c = ex_cp(s, n, j, &l);
	if (c != 0x5E74 && c != '-' && c != '.' && c != '/')
		return 0;
	j = blanks(s, n, j + (size_t)l);
	m = parse_int(s, &j, n, 2);
	j = blanks(s, n, j);
	c = ex_cp(s, n, j, &l);
	if (m < 1 || m > 12 || (c != 0x6708 && c != '-' && c != '.' && c != '/'))
		return 0;
	j = blanks(s, n, j + (size_t)l);
	dd = parse_int(s, &j, n, 2);
	if (dd < 1 || dd > 31)
		return 0;
	j = blanks(s, n, j);
	if (ex_cp(s, n, j, &l) == 0x65E5)
		j += (size_t)l;
	snprintf(out, 16, "%04d-%02d-%02d", y, m, dd);
	*e = j;
	return 1;
}

/* A year "2023" followed by 年度 or 年 at s[i]. */
static int parse_year(const char *s, size_t n, size_t i, int need_du)
{
	size_t j = i;
	int y = parse_int(s, &j, n, 4);
	if (y < 1900 || y > 2999 || j - i != 4)
		return 0;
	j = blanks(s, n, j);
	if (ex_starts(s, j, n, "年度"))
		return y;
	return !need_du && ex_starts(s, j, n, "年") ? y : 0;
}

static void set_year(ex_ctx *x, ex_doc *d, int y, size_t off, int prio, int *have)
{
	char buf[8];
	if (prio <= *have)
		return;
	ex_val_free(&d->year);
	snprintf(buf, sizeof buf, "%d", y);
	ex_val_set(x, &d->year, buf, strlen(buf), off);
	d->year.raw = 1;
	*have = prio;
}

static const char *const org_suffix[] = { "局", "中心", "委员会", "办公室", "院", "所", "站", "馆", "厅", "部", "处",
	                                  "队", "会", "司", "校", "园", "委", "办", "室", "社", "台" };

static int org_name(const char *s, size_t a, size_t b)
{
	size_t k, n = ex_ncps(s, a, b), i;
	int l;
	if (n < 4 || n > EX_NAME_MAX)
		return 0;
	for (i = a; i < b; i += (size_t)l) {
		uint32_t c = ex_cp(s, b, i, &l);
		if (!ex_is_cjk(c) && c != 0xFF08 && c != 0xFF09 && c != '(' && c != ')')
			return 0;
	}
	for (k = 0; k < sizeof org_suffix / sizeof org_suffix[0]; k++)
		if (ex_ends(s, a, b, org_suffix[k]))
			return 1;
	return 0;
}

/* A labelled name: Chinese words only (brackets allowed), 2 to EX_NAME_MAX long. */
static int plain_name(const char *s, size_t a, size_t b)
{
	size_t i, n = ex_ncps(s, a, b);
	int l;
	if (n < 2 || n > EX_NAME_MAX)
		return 0;
	for (i = a; i < b; i += (size_t)l) {
		uint32_t c = ex_cp(s, b, i, &l);
		if (!ex_is_cjk(c) && c != 0xFF08 && c != 0xFF09 && c != '(' && c != ')')
			return 0;
		if (i == a && !ex_is_cjk(c))
			return 0;
	}
	return 1;
}

/* The unit's name in a labelled value: "湛江市政务服务数据管理局本级";
 * in a table cell, the first blank-separated word that is a body's name. */
static void read_unit_value(ex_ctx *x, ex_doc *d, const ex_para *p, size_t a, size_t b)
{
	static const char *const seal[] = { "（公章）", "(公章)" };
	size_t k;
	ex_trim(p->buf, &a, &b);
	for (k = 0; k < 2; k++)
		if (ex_ends(p->buf, a, b, seal[k]))
			b -= strlen(seal[k]);
	ex_trim(p->buf, &a, &b);
	if (d->unit.s || a == b)
		return;
	if (p->row) {
		size_t i;
		i = a;
		while (i < b) {
			size_t e = i;
			int l;
			while (e < b) {
				uint32_t c = ex_cp(p->buf, b, e, &l);
				if (ex_is_space(c))
					break;
				e += (size_t)l;
			}
			if (org_name(p->buf, i, e)) {
				ex_val_text(x, &d->unit, p, i, e, EX_NAME_MAX);
				return;
			}
			i = blanks(p->buf, b, e);
		}
		return;
	}
	if (plain_name(p->buf, a, b))
		ex_val_text(x, &d->unit, p, a, b, EX_NAME_MAX);
}

/* "label：" at the start of p's text: the value's start, or EX_NONE. */
static size_t labelled(const ex_para *p, const char *label)
{
	size_t i = p->body;
	int l;
	uint32_t c;
	if (!ex_starts(p->buf, i, p->len, label))
		return EX_NONE;
	i = blanks(p->buf, p->len, i + strlen(label));
	c = ex_cp(p->buf, p->len, i, &l);
	if (c != 0xFF1A && c != ':')
		return i == p->len && p->row ? p->len : EX_NONE;
	return blanks(p->buf, p->len, i + (size_t)l);
}

static void set_form(ex_ctx *x, ex_doc *d, const ex_para *p, size_t at, const char *form)
{
	if (!d->form.s)
		ex_val_set(x, &d->form, form, strlen(form), ex_orig(p, at));
}

/* Form words in a title: 项目 before 整体 (a project report names its unit's 部门 too). */
static void title_form(ex_ctx *x, ex_doc *d, const ex_para *p)
{
	static const char *const proj[] = { "项目支出", "项目绩效", "项目自评" };
	static const char *const dept[] = { "部门整体", "整体绩效", "整体支出" };
	size_t k, i;
	for (k = 0; k < 3; k++)
		if ((i = ex_find(p->buf, 0, p->len, proj[k])) != EX_NONE) {
			set_form(x, d, p, i, "project");
			return;
		}
	for (k = 0; k < 3; k++)
		if ((i = ex_find(p->buf, 0, p->len, dept[k])) != EX_NONE) {
			set_form(x, d, p, i, "department");
			return;
		}
}

/* A report's title: short, no full stop, names a report or form. */
static int is_title(const ex_para *p)
{
	static const char *const w[] = { "报告", "自评表", "评价表", "评分表" };
	return ex_ncps(p->buf, 0, p->len) <= 40 && !ex_has(p->buf, 0, p->len, "。") && EX_HAS_ANY(p->buf, 0, p->len, w);
}

void ex_read_meta(ex_ctx *x, ex_doc *d, size_t a, size_t b)
{
	ex_text *t = x->t;
	size_t k, title = 0, last[2] = { EX_NONE, EX_NONE };
	int have_year = 0;
	for (k = a; k < b && !x->oom; k++) {
		const ex_para *p = &t->p[k];
		size_t v, i, e;
		char date[16];
		int y;
		if ((v = labelled(p, "填报日期")) != EX_NONE && !d->filed.s) {
			if (parse_date(p->buf, p->len, v, date, &e))
				ex_val_set(x, &d->filed, date, strlen(date), ex_orig(p, v));
		} else if ((v = labelled(p, "评价年度")) != EX_NONE) {
			if ((y = parse_year(p->buf, p->len, v, 0)))
				set_year(x, d, y, ex_orig(p, v), 4, &have_year);
		} else if ((v = labelled(p, "单位名称")) != EX_NONE || (v = labelled(p, "评价单位")) != EX_NONE ||
		           (v = labelled(p, "部门名称")) != EX_NONE) {
			if (v == p->len && p->row && k + 1 < b && t->p[k + 1].row == p->row)
				read_unit_value(x, d, &t->p[k + 1], 0, t->p[k + 1].len);
			else
				read_unit_value(x, d, p, v, p->len);
		} else if ((v = labelled(p, "项目名称")) != EX_NONE) {
			size_t e2 = p->len;
			ex_trim(p->buf, &v, &e2);
			if (!d->project.s && v < e2 && ex_ncps(p->buf, v, e2) <= EX_NAME_MAX)
				ex_val_text(x, &d->project, p, v, e2, EX_NAME_MAX);
			set_form(x, d, p, 0, "project");
		}
		/* "(2023 年度)" on a line of its own */
		i = 0;
		if (ex_starts(p->buf, 0, p->len, "(") || ex_starts(p->buf, 0, p->len, "（")) {
			i = blanks(p->buf, p->len, p->buf[0] == '(' ? 1 : strlen("（"));
			if ((y = parse_year(p->buf, p->len, i, 1)) &&
			    (ex_ends(p->buf, 0, p->len, ")") || ex_ends(p->buf, 0, p->len, "）")) && ex_ncps(p->buf, 0, p->len) <= 12)
				set_year(x, d, y, ex_orig(p, i), 3, &have_year);
		}
		if (!p->row && title < 6) {
			title++;
			if (!is_title(p))
				goto not_title;
			title_form(x, d, p);
			for (i = 0; i < p->len; i++)
				if (ex_is_digit((unsigned char)p->buf[i]) && (y = parse_year(p->buf, p->len, i, 1))) {
					set_year(x, d, y, ex_orig(p, i), 2, &have_year);
					break;
				}
		}
	not_title:
		/* "2023 年度部门整体支出…", not inside a title in 《》 */
		if (have_year < 1) {
			size_t q = 0;
			int depth = 0;
			for (i = 0; i < p->len; i++) {
				if (ex_starts(p->buf, i, p->len, "《"))
					depth++;
				else if (ex_starts(p->buf, i, p->len, "》") && depth)
					depth--;
				else if (!depth && p->buf[i] >= '0' && p->buf[i] <= '9' && (i == 0 || p->buf[i - 1] < '0' || p->buf[i - 1] > '9') &&
				         (y = parse_year(p->buf, p->len, i, 1))) {
					q = blanks(p->buf, p->len, i + 4) + strlen("年度");
					if (ex_starts(p->buf, q, p->len, "部门整体支出") || ex_starts(p->buf, q, p->len, "整体支出") ||
					    ex_starts(p->buf, q, p->len, "项目支出")) {
						set_year(x, d, y, ex_orig(p, i), 1, &have_year);
						break;
					}
				}
			}
		}
		if (!p->row && p->len) {
			last[0] = last[1];
			last[1] = k;
		}
	}
	/* the unit's name and a date closing the report */
	if (last[0] != EX_NONE) {
		const ex_para *pn = &t->p[last[0]], *pd = &t->p[last[1]];
		char date[16];
		size_t e;
		if (!pn->fam && org_name(pn->buf, 0, pn->len) && parse_date(pd->buf, pd->len, 0, date, &e) && e == pd->len) {
			if (!d->unit.s)
				ex_val_text(x, &d->unit, pn, 0, pn->len, EX_NAME_MAX);
			if (!d->filed.s)
				ex_val_set(x, &d->filed, date, strlen(date), ex_orig(pd, 0));
		}
	}
}
