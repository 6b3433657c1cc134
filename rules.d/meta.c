/* meta.c — metadata: the filing date comes after the evaluated year (meta/year-range is in rules.d/core.json). */
#include <jxlint/rule.h>

#include <stdio.h>
#include <string.h>

#define META_YEAR_MIN 2000
#define META_YEAR_MAX 2100

static const jxl_host *H;

static const jxl_rule_info rules[] = {
	{"meta/filed-before-year-end", JXL_SEV_WARNING, "填报日期不晚于评价年度年末",
	 "filed on or before the end of the evaluated year"},
};

/* The year of this document; a project inside `projects` inherits the
 * file's, read only when it is a plain number (the file's own check
 * reports a year it cannot read, once). */
static const jxl_node *year_of(const jxl_doc *doc, const jxl_node *root)
{
	const jxl_node *v = H->get(root, "year"), *arr, *up;
	const char *k;

	if (v)
		return v;
	if (JXL_HOST_HAS(H, inherited)) {
		up = H->inherited(doc, "year");
	} else { /* a first-edition host: walk up by hand */
		arr = H->parent(root);
		k = H->key(arr);
		up = H->kind(arr) == JXL_ARRAY && k && !strcmp(k, "projects") ? H->get(H->parent(arr), "year") : NULL;
	}
	return H->kind(up) == JXL_NUMBER ? up : NULL;
}

/* The year of a strict YYYY-MM-DD date with a plausible month and day; -1 otherwise. */
static int date_year(const char *s)
{
	int i, m, d;

	if (!s || strlen(s) != 10 || s[4] != '-' || s[7] != '-')
		return -1;
	for (i = 0; i < 10; i++)
		if (i != 4 && i != 7 && (s[i] < '0' || s[i] > '9'))
			return -1;
	m = (s[5] - '0') * 10 + (s[6] - '0');
	d = (s[8] - '0') * 10 + (s[9] - '0');
	if (m < 1 || m > 12 || d < 1 || d > 31)
		return -1;
	return ((s[0] - '0') * 10 + (s[1] - '0')) * 100 + (s[2] - '0') * 10 + (s[3] - '0');
}

static void check(jxl_ctx *ctx, const jxl_doc *doc)
{
	const jxl_node *root = H->root(doc);
	const jxl_node *yn = year_of(doc, root), *fn = H->get(root, "filed");
	const jxl_fig *yf = H->fig(ctx, yn, JXL_AS_ANY);
	const char *filed = H->kind(fn) == JXL_STRING ? H->str(fn) : NULL;
	long long year;
	int fy = date_year(filed);
	jxl_finding f = {.size = sizeof f};

	if (!yf || H->to_int(yf, &year) < 0)
		return;
	if (year < META_YEAR_MIN || year > META_YEAR_MAX)
		return; /* an implausible year (meta/year-range, rules.d/core.json): no date is measured against it */
	if (fy < 0 || fy > year)
		return;
	f.rule = "meta/filed-before-year-end";
	f.node = fn;
	f.msg_zh = H->fmt(ctx, "填报日期 %s 不晚于评价年度 %lld 年 12 月 31 日；自评应在年度结束后填报",
	                  filed, year);
	f.msg_en = H->fmt(ctx, "filed %s, on or before the end of the evaluated year %lld; "
	                  "a self-evaluation is filed after the year ends", filed, year);
	H->emit(ctx, &f);
}

JXL_PLUGIN_DEFINE(H, "meta", "1.0", rules, check)
