/* staffing.c — staffing rules: total rows equal to their rows (the smallest complete plugin; staffing/over-quota is in rules.d/core.json). */
#include <jxlint/rule.h>

#include <stdio.h>
#include <string.h>

/* The host's service table: set once by the entry point, read-only after. */
static const jxl_host *H;

static const jxl_rule_info rules[] = {
	{"staffing/total", JXL_SEV_ERROR,
	 "合计行的编制数或实有人数不等于各行之和", "a total row does not equal the sum of the other rows"},
};

#define STAFF_MAX_ROWS 256   /* rows one sum takes; a larger table is not checked */

/* A total row: category 合计/总计/小计, or "total": true. */
static int is_total(const jxl_node *row)
{
	const char *c;

	if (H->truthy(H->get(row, "total")))
		return 1;
	c = H->str(H->get(row, "category"));
	/* 合计 总计 小计: six bytes, the last three 计 */
	return c && strlen(c) == 6 && !memcmp(c + 3, "计", 3) &&
	       (!memcmp(c, "合", 3) || !memcmp(c, "总", 3) || !memcmp(c, "小", 3));
}

static const char *category(const jxl_node *row)
{
	const char *c = H->str(H->get(row, "category"));
	return c ? c : "（未命名）";
}

/* staffing/total: a total row's `field` equals the sum of that field over
 * the rows that are not totals (tot[i], when there are at most
 * STAFF_MAX_ROWS rows; else asked again) and state it. */
static void check_total(jxl_ctx *ctx, const jxl_node *rows, const unsigned char *tot, const jxl_node *total,
                        const char *field, const char *zh, const char *en)
{
	const jxl_node *parts[STAFF_MAX_ROWS];
	const jxl_node *t = H->get(total, field);
	size_t i, n = 0, len = H->len(rows);
	jxl_sum s = {.size = sizeof s};
	const char *cat;

	if (H->kind(t) <= JXL_NULL)
		return;
	for (i = 0; i < len; i++) {
		const jxl_node *row = H->at(rows, i);
		const jxl_node *v = H->get(row, field);
		if (H->kind(v) <= JXL_NULL || (tot ? tot[i] : is_total(row)))
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
	s.what_zh = H->fmt(ctx, "「%s」%s", cat, zh);
	s.what_en = cat;
	s.what_after_en = en;   /* worded by the host only if the sum is broken */
	H->check_sum(ctx, &s);
}

static void check(jxl_ctx *ctx, const jxl_doc *doc)
{
	const jxl_node *rows = H->get(H->root(doc), "staffing");
	unsigned char tot[STAFF_MAX_ROWS];
	size_t i, n = H->len(rows);
	int cached = n <= STAFF_MAX_ROWS;

	if (H->kind(rows) != JXL_ARRAY)
		return;
	for (i = 0; i < n && cached; i++)
		tot[i] = (unsigned char)is_total(H->at(rows, i));
	for (i = 0; i < n; i++) {
		const jxl_node *row = H->at(rows, i);
		if (cached ? tot[i] : is_total(row)) {
			check_total(ctx, rows, cached ? tot : NULL, row, "quota", "编制数", " quota");
			check_total(ctx, rows, cached ? tot : NULL, row, "actual", "实有人数", " headcount");
		}
	}
}

JXL_PLUGIN_DEFINE(H, "staffing", "1.0", rules, check)
