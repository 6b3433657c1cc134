/* rates.c — stated rates recomputed from the figures (docs/submission.md "Rates"), and procurement plausibility. */
#include <jxlint/rule.h>

#include <stdio.h>
#include <string.h>

static const jxl_host *H;

static const jxl_rule_info rules[] = {
	{"rates/execution", JXL_SEV_ERROR, "预算执行率与支出、预算不符",
	 "execution rate does not match spending ÷ budget"},
	{"rates/basic-execution", JXL_SEV_ERROR, "基本支出执行率与基本支出、基本支出预算不符",
	 "basic execution rate does not match basic spending ÷ basic budget"},
	{"rates/project-execution", JXL_SEV_ERROR, "项目支出执行率与项目支出、项目支出预算不符",
	 "project execution rate does not match project spending ÷ project budget"},
	{"rates/carryover", JXL_SEV_ERROR, "结转结余率与年末结转结余、预算不符",
	 "carry-over rate does not match balance ÷ budget"},
	{"rates/procurement", JXL_SEV_ERROR, "政府采购执行率与实际采购、采购计划不符",
	 "procurement rate does not match actual ÷ plan"},
	{"rates/three-public-control", JXL_SEV_ERROR, "三公经费控制率与三公经费支出、预算不符",
	 "三公 control rate does not match spending ÷ budget"},
	{"rates/three-public-change", JXL_SEV_ERROR, "三公经费变动率与本年、上年三公经费预算不符",
	 "三公 change rate does not match (budget − last year) ÷ last year"},
	{"rates/staff-control", JXL_SEV_ERROR, "在职人员控制率与实有人数、编制数不符",
	 "staff control rate does not match headcount ÷ quota"},
	{"rates/budget-final-diff", JXL_SEV_ERROR, "预决算差异率与决算数、预算数不符",
	 "budget-vs-final difference rate does not match |final − budget| ÷ budget"},
	{"rates/procurement-plausible", JXL_SEV_WARNING,
	 "政府采购计划高于预算，或实际采购高于全年支出",
	 "procurement plan above the budget, or procurement above the year's spending"},
};

/* How a rate's numerator and denominator are found. */
enum how {
	PLAIN,   /* num ÷ den, both paths; den NULL means the budget */
	CHANGE,  /* (num − den) ÷ den */
	STAFF,   /* Σ actual ÷ Σ quota over staffing rows that are not totals */
	DIFF     /* |final − budget| ÷ budget */
};

static const struct rate {
	const char *key, *rule, *zh, *en;
	enum how how;
	const char *num, *den;
} rates_tab[] = {
	{"execution", "rates/execution", "预算执行率", "execution rate", PLAIN, "expenditure.total", NULL},
	{"basic_execution", "rates/basic-execution", "基本支出执行率", "basic execution rate",
	 PLAIN, "expenditure.basic", "budget.basic"},
	{"project_execution", "rates/project-execution", "项目支出执行率", "project execution rate",
	 PLAIN, "expenditure.project", "budget.project"},
	{"carryover", "rates/carryover", "结转结余率", "carry-over rate", PLAIN, "balance.total", NULL},
	{"procurement", "rates/procurement", "政府采购执行率", "procurement rate",
	 PLAIN, "procurement.actual", "procurement.plan"},
	{"three_public_control", "rates/three-public-control", "三公经费控制率", "三公 control rate",
	 PLAIN, "three_public.actual", "three_public.budget"},
	{"three_public_change", "rates/three-public-change", "三公经费变动率", "三公 change rate",
	 CHANGE, "three_public.budget", "three_public.last_year"},
	{"staff_control", "rates/staff-control", "在职人员控制率", "staff control rate", STAFF, NULL, NULL},
	{"budget_final_diff", "rates/budget-final-diff", "预决算差异率", "budget-vs-final difference rate",
	 DIFF, NULL, NULL},
};

static int present(const jxl_node *n)
{
	return H->kind(n) > JXL_NULL;
}

/* The budget rates are measured against: adjusted, else total, else
 * initial — the first that states a figure. */
static const jxl_node *budget_of(jxl_ctx *ctx, const jxl_node *root)
{
	static const char *const keys[] = {"adjusted", "total", "initial"};
	const jxl_node *b = H->get(root, "budget");
	size_t i;

	for (i = 0; i < 3; i++)
		if (H->fig(ctx, H->get(b, keys[i]), JXL_AS_MONEY))
			return H->get(b, keys[i]);
	return NULL;
}

/* Whether a node writes something in place of a figure: anything but
 * absent, null, 无 / N/A / 不适用, or only blanks, dashes, slashes and
 * commas. An unreadable budget counts as written: it is reported, and
 * nothing is measured against income instead. */
static int written(const jxl_node *n)
{
	static const char *const none[] = {"无", "N/A", "不适用"};
	const char *s = H->str(n);
	size_t i;

	if (H->kind(n) <= JXL_NULL)
		return 0;
	if (H->kind(n) != JXL_STRING || !s)
		return 1;
	for (i = 0; i < 3; i++)
		if (!strcmp(s, none[i]))
			return 0;
	while (*s) {
		if (strchr(" \t,-/", *s))
			s++;
		else if (!strncmp(s, "—", 3) || !strncmp(s, "－", 3) || !strncmp(s, "，", 3))
			s += 3;
		else
			return 1;
	}
	return 0;
}

/* No budget figure is written at all (an unreadable one does not count as
 * none: it is reported, and the rate is then skipped). */
static int no_budget(const jxl_node *root)
{
	static const char *const keys[] = {"adjusted", "total", "initial"};
	const jxl_node *b = H->get(root, "budget");
	size_t i;

	for (i = 0; i < 3; i++)
		if (written(H->get(b, keys[i])))
			return 0;
	return 1;
}

/* The first of the paths a, b, c that states a money figure. */
static const jxl_fig *first_of(jxl_ctx *ctx, const jxl_node *root, const char *a, const char *b, const char *c)
{
	const jxl_fig *f = H->fig(ctx, H->path(root, a), JXL_AS_MONEY);

	if (!f)
		f = H->fig(ctx, H->path(root, b), JXL_AS_MONEY);
	return f ? f : H->fig(ctx, H->path(root, c), JXL_AS_MONEY);
}

static int is_total_row(const jxl_node *row)
{
	const char *c = H->str(H->get(row, "category"));

	return H->truthy(H->get(row, "total")) ||
	       (c && (!strcmp(c, "合计") || !strcmp(c, "总计") || !strcmp(c, "小计")));
}

/* Σ field over staffing rows that are not totals; NULL if a row lacks it. */
static const jxl_fig *staff_sum(jxl_ctx *ctx, const jxl_node *rows, const char *field)
{
	const jxl_fig *sum = NULL;
	size_t i, n = H->len(rows);

	for (i = 0; i < n; i++) {
		const jxl_node *row = H->at(rows, i);
		const jxl_fig *v;
		if (is_total_row(row))
			continue;
		if (!(v = H->fig(ctx, H->get(row, field), JXL_AS_COUNT)))
			return NULL;
		sum = sum ? H->add(ctx, sum, v) : v;
		if (!sum)
			return NULL;
	}
	return sum;
}

/* Fill r's numerator and denominator for rate t; 0, or -1 to skip. */
static int operands(jxl_ctx *ctx, const jxl_node *root, const struct rate *t, jxl_rate *r)
{
	const jxl_fig *a, *b;

	switch (t->how) {
	case PLAIN:
		r->num = H->path(root, t->num);
		r->den = t->den ? H->path(root, t->den) : budget_of(ctx, root);
		return 0;
	case CHANGE:
		a = H->fig(ctx, H->path(root, t->num), JXL_AS_MONEY);
		r->den = H->path(root, t->den);
		b = H->fig(ctx, r->den, JXL_AS_MONEY);
		r->num_fig = a && b ? H->sub(ctx, a, b) : NULL;
		return r->num_fig ? 0 : -1;
	case STAFF:
		r->num_fig = staff_sum(ctx, H->get(root, "staffing"), "actual");
		r->den_fig = staff_sum(ctx, H->get(root, "staffing"), "quota");
		return r->num_fig && r->den_fig ? 0 : -1;
	case DIFF:
		a = first_of(ctx, root, "income.appropriation", "income.total", "expenditure.total");
		r->den = budget_of(ctx, root);
		b = H->fig(ctx, r->den, JXL_AS_MONEY);
		r->num_fig = a && b ? H->sub(ctx, a, b) : NULL;
		r->absolute = 1;
		return r->num_fig ? 0 : -1;
	}
	return -1;
}

static void check_rates(jxl_ctx *ctx, const jxl_doc *doc, const jxl_node *root)
{
	const jxl_node *stated = H->get(root, "rates");
	size_t i;

	for (i = 0; i < sizeof rates_tab / sizeof rates_tab[0]; i++) {
		const struct rate *t = &rates_tab[i];
		jxl_rate r = {.size = sizeof r};

		r.stated = H->get(stated, t->key);
		if (!present(r.stated) || operands(ctx, root, t, &r) < 0)
			continue;
		r.rule = t->rule;
		r.what_zh = t->zh;
		r.what_en = t->en;
		if (!strcmp(t->key, "execution") && H->form(doc) == 'd' && no_budget(root)) {
			/* a department report that states no budget: 预算完成率
			 * against 收入合计 (seed 003-11), and the message says so */
			r.den = H->path(root, "income.total");
			r.what_zh = "预算执行率（未填预算，以收入合计为分母）";
			r.what_en = "execution rate (no budget stated; measured against the income total)";
		}
		H->check_rate(ctx, &r);
	}
}

/* A computed percent for a message, with 2 decimals: no stated rate sets
 * the precision here. */
static const char *pct_text(jxl_ctx *ctx, const jxl_fig *f)
{
	return JXL_HOST_HAS(H, text_places) ? H->text_places(ctx, f, 2) : H->text(ctx, f);
}

/* One rates/procurement-plausible finding: `big` surely above `ref`. */
static void above(jxl_ctx *ctx, const jxl_node *bn, const jxl_node *rn,
                  const char *bzh, const char *ben, const char *rzh, const char *ren)
{
	const jxl_fig *big = H->fig(ctx, bn, JXL_AS_MONEY);
	const jxl_fig *ref = H->fig(ctx, rn, JXL_AS_MONEY);
	const jxl_fig *ratio;
	const char *rt;
	jxl_finding f = {.size = sizeof f};

	if (!big || !ref || H->cmp(big, ref) <= 0)
		return;
	ratio = H->div(ctx, big, ref);
	rt = ratio ? pct_text(ctx, ratio) : "?";
	f.rule = "rates/procurement-plausible";
	f.node = bn;
	f.stated = big;
	f.difference = H->sub(ctx, big, ref);
	f.msg_zh = H->fmt(ctx, "%s %s 高于%s %s（为其 %s），数字可能包含合同总额或下属单位",
	                  bzh, H->text(ctx, big), rzh, H->text(ctx, ref), rt);
	f.msg_en = H->fmt(ctx, "%s %s is above %s %s (%s of it); it may count contract values or "
	                  "subordinate units", ben, H->text(ctx, big), ren, H->text(ctx, ref), rt);
	H->emit(ctx, &f);
}

static void check(jxl_ctx *ctx, const jxl_doc *doc)
{
	const jxl_node *root = H->root(doc);

	check_rates(ctx, doc, root);
	above(ctx, H->path(root, "procurement.plan"), budget_of(ctx, root),
	      "政府采购计划", "procurement plan", "预算", "the budget");
	above(ctx, H->path(root, "procurement.actual"), H->path(root, "expenditure.total"),
	      "政府采购实际金额", "procurement actual", "全年支出", "the year's spending");
}

JXL_PLUGIN_DEFINE(H, "rates", "1.0", rules, check)
