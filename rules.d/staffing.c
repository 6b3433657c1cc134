/* staffing.c — staffing rules: total rows equal to their rows (the smallest complete plugin; staffing/over-quota is in rules.d/core.json). */
#include <jxlint/rule.h>

#include <stdio.h>
#include <string.h>

#include "member_name.h"

/* The host's service table: set once by the entry point, read-only after. */
static const jxl_host *H;

static const jxl_rule_info rules[] = {
	{"staffing/total", JXL_SEV_ERROR,
	 "合计行的编制数或实有人数不等于各行之和", "a total row does not equal the sum of the other rows"},
};

#define STAFF_MAX_ROWS 256   /* rows one sum takes; a larger table is not checked */

enum { QUOTA, ACTUAL };

/* A row's members that the rule reads, and whether it is a total row. */
struct row {
	const jxl_node *total, *category;
	const jxl_node *v[2];   /* quota, actual */
	int is_total;
};

/* A total row: category 合计/总计/小计, or "total": true. */
static int total_row(const struct row *r)
{
	const char *c;

	if (H->truthy(r->total))
		return 1;
	c = H->str(r->category);
	/* 合计 总计 小计: six bytes, the last three 计 */
	return c && strlen(c) == 6 && !memcmp(c + 3, "计", 3) &&
	       (!memcmp(c, "合", 3) || !memcmp(c, "总", 3) || !memcmp(c, "小", 3));
}

/* Its members in one walk, compared in place (the last of a name wins, as with get). */
static void read_row(const jxl_node *row, struct row *r)
{
	size_t i, len = H->kind(row) == JXL_OBJECT ? H->len(row) : 0;

	memset(r, 0, sizeof *r);
	for (i = 0; i < len; i++) {
		const jxl_node *m = H->at(row, i);
		const char *k = H->key(m);
		switch (k[0]) {
		case 't': if (NAME5(k, 'o', 't', 'a', 'l')) r->total = m; break;
		case 'c': if (name_rest(k, "ategory")) r->category = m; break;
		case 'q': if (NAME5(k, 'u', 'o', 't', 'a')) r->v[QUOTA] = m; break;
		case 'a': if (NAME6(k, 'c', 't', 'u', 'a', 'l')) r->v[ACTUAL] = m; break;
		}
	}
	r->is_total = total_row(r);
}

static const char *category(const struct row *r)
{
	const char *c = H->str(r->category);
	return c ? c : "（未命名）";
}

/* staffing/total: a total row's value `which` equals the sum of that
 * value over the rows that are not totals (read once into info[i] when
 * there are at most STAFF_MAX_ROWS rows; else read again) and state it. */
static void check_total(jxl_ctx *ctx, const jxl_node *rows, const struct row *info, const struct row *total,
                        int which, const char *zh, const char *en)
{
	const jxl_node *parts[STAFF_MAX_ROWS];
	const jxl_node *t = total->v[which];
	size_t i, n = 0, len = H->len(rows);
	jxl_sum s = {.size = sizeof s};
	const char *cat;

	if (H->kind(t) <= JXL_NULL)
		return;
	for (i = 0; i < len; i++) {
		struct row r;
		const struct row *ri = info ? &info[i] : (read_row(H->at(rows, i), &r), &r);
		const jxl_node *v = ri->v[which];
		if (H->kind(v) <= JXL_NULL || ri->is_total)
			continue;
		if (n == STAFF_MAX_ROWS)
			return;
		parts[n++] = v;
	}
	if (n == 0)
		return;
	cat = category(total);
	s.rule = "staffing/total";
	s.total = t;
	s.parts = parts;
	s.nparts = n;
	s.as = JXL_AS_COUNT;
	s.what_zh = H->fmt(ctx, "「%s」%s", cat, zh);   /* a plain format: the host writes it without printf */
	s.what_en = cat;
	s.what_after_en = en;   /* worded by the host only if the sum is broken */
	H->check_sum(ctx, &s);
}

static void check(jxl_ctx *ctx, const jxl_doc *doc)
{
	const jxl_node *rows = H->get(H->root(doc), "staffing");
	struct row info[STAFF_MAX_ROWS];
	size_t i, n = H->len(rows);
	int cached = n <= STAFF_MAX_ROWS;

	if (H->kind(rows) != JXL_ARRAY)
		return;
	for (i = 0; i < n && cached; i++)
		read_row(H->at(rows, i), &info[i]);
	for (i = 0; i < n; i++) {
		struct row r;
		const struct row *ri = cached ? &info[i] : (read_row(H->at(rows, i), &r), &r);
		if (ri->is_total) {
			check_total(ctx, rows, cached ? info : NULL, ri, QUOTA, "编制数", " quota");
			check_total(ctx, rows, cached ? info : NULL, ri, ACTUAL, "实有人数", " headcount");
		}
	}
}

JXL_PLUGIN_DEFINE(H, "staffing", "1.0", rules, check)
