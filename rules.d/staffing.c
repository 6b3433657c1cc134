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

/* A total row: category 合计/总计/小计, or "total": true. */
static int is_total(const jxl_node *row)
{
	const char *c = H->str(H->get(row, "category"));

	if (H->truthy(H->get(row, "total")))
		return 1;
	return c && (!strcmp(c, "合计") || !strcmp(c, "总计") || !strcmp(c, "小计"));
}

static const char *category(const jxl_node *row)
{
	const char *c = H->str(H->get(row, "category"));
	return c ? c : "（未命名）";
}

/* staffing/total: a total row's `field` equals the sum of that field over
 * the rows that are not totals and state it. */
static void check_total(jxl_ctx *ctx, const jxl_node *rows, const jxl_node *total,
                        const char *field, const char *zh, const char *en)
{
	enum { MAX_ROWS = 256 };
	const jxl_node *parts[MAX_ROWS];
	size_t i, n = 0, len = H->len(rows);
	jxl_sum s = {.size = sizeof s};

	if (H->kind(H->get(total, field)) <= JXL_NULL)
		return;
	for (i = 0; i < len; i++) {
		const jxl_node *row = H->at(rows, i);
		const jxl_node *v = H->get(row, field);
		if (is_total(row) || H->kind(v) <= JXL_NULL)
			continue;
		if (n == MAX_ROWS)
			return;
		parts[n++] = v;
	}
	if (n == 0)
		return;
	s.rule = "staffing/total";
	s.total = H->get(total, field);
	s.parts = parts;
	s.nparts = n;
	s.as = JXL_AS_COUNT;
	s.what_zh = H->fmt(ctx, "「%s」%s", category(total), zh);
	s.what_en = H->fmt(ctx, "%s %s", category(total), en);
	H->check_sum(ctx, &s);
}

static void check(jxl_ctx *ctx, const jxl_doc *doc)
{
	const jxl_node *rows = H->get(H->root(doc), "staffing");
	size_t i, n = H->len(rows);

	if (H->kind(rows) != JXL_ARRAY)
		return;
	for (i = 0; i < n; i++) {
		const jxl_node *row = H->at(rows, i);
		if (is_total(row)) {
			check_total(ctx, rows, row, "quota", "编制数", "quota");
			check_total(ctx, rows, row, "actual", "实有人数", "headcount");
		}
	}
}

JXL_PLUGIN_DEFINE(H, "staffing", "1.0", rules, check)
