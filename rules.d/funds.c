/* funds.c — funds identities: income, spending, balance and budget totals, overspending, unit magnitude. */
#include <jxlint/rule.h>

#include <stdio.h>
#include <string.h>

static const jxl_host *H;

static const jxl_rule_info rules[] = {
	{"funds/income-total", JXL_SEV_ERROR,
	 "收入合计不等于年初结转结余、本年财政拨款收入与其他收入之和",
	 "income total is not carry-over + appropriation + other income"},
	{"funds/expenditure-total", JXL_SEV_ERROR,
	 "支出合计不等于基本支出与项目支出之和", "spending total is not basic + project spending"},
	{"funds/balance-total", JXL_SEV_ERROR,
	 "年末结转结余不等于基本支出与项目支出结转结余之和", "year-end balance is not basic + project balance"},
	{"funds/budget-total", JXL_SEV_ERROR,
	 "预算总额不等于基本支出与项目支出预算之和，或不等于各资金来源、各预算级次之和",
	 "budget total is not basic + project, or not the sum by source or by level"},
	{"funds/balance", JXL_SEV_ERROR,
	 "年末结转结余不等于收入合计减支出合计", "year-end balance is not income total minus spending total"},
	{"funds/project-balance", JXL_SEV_ERROR,
	 "项目预算不等于支出与结余之和", "project budget is not spending + balance"},
	{"funds/overspend", JXL_SEV_WARNING,
	 "支出超过预算", "spending above the budget"},
	{"funds/unit-magnitude", JXL_SEV_WARNING,
	 "金额的数量级与金额单位不符", "money figures implausible for their unit"},
};

/* A money field and how a reviewer names it. */
struct field {
	const char *sec, *key, *zh, *en;
};

/* Every money field, in the order a reader meets them (unit-magnitude
 * reports the first offending one). */
static const struct field money[] = {
	{"budget", "initial", "年初预算数", "initial budget"},
	{"budget", "adjusted", "调整后预算数", "adjusted budget"},
	{"budget", "basic", "基本支出预算", "basic budget"},
	{"budget", "project", "项目支出预算", "project budget"},
	{"budget", "total", "预算总额", "budget total"},
	{"income", "carryover", "年初结转结余", "carry-over"},
	{"income", "appropriation", "本年财政拨款收入", "appropriation"},
	{"income", "other", "其他收入", "other income"},
	{"income", "total", "收入合计", "income total"},
	{"expenditure", "basic", "基本支出", "basic spending"},
	{"expenditure", "project", "项目支出", "project spending"},
	{"expenditure", "total", "支出合计", "spending total"},
	{"balance", "basic", "基本支出结转结余", "basic balance"},
	{"balance", "project", "项目支出结转结余", "project balance"},
	{"balance", "total", "年末结转结余", "year-end balance"},
	{"three_public", "budget", "三公经费预算", "三公 budget"},
	{"three_public", "actual", "三公经费支出", "三公 spending"},
	{"three_public", "last_year", "上年三公经费预算", "last year's 三公 budget"},
	{"procurement", "plan", "政府采购计划", "procurement plan"},
	{"procurement", "actual", "政府采购实际金额", "procurement actual"},
};

static int present(const jxl_node *n)
{
	return H->kind(n) > JXL_NULL;
}

/* A node states a money figure: not absent, not written as missing, readable. */
static int states(jxl_ctx *ctx, const jxl_node *n)
{
	return H->fig(ctx, n, JXL_AS_MONEY) != NULL;
}

/* The budget rates and balances are measured against: adjusted, else
 * total, else initial — the first that states a figure. */
static const jxl_node *budget_of(jxl_ctx *ctx, const jxl_node *root, const char **zh)
{
	static const char *const keys[] = {"adjusted", "total", "initial"};
	static const char *const names[] = {"调整后预算数", "预算总额", "年初预算数"};
	const jxl_node *b = H->get(root, "budget");
	size_t i;

	for (i = 0; i < 3; i++)
		if (states(ctx, H->get(b, keys[i]))) {
			if (zh)
				*zh = names[i];
			return H->get(b, keys[i]);
		}
	return NULL;
}

/* total = Σ parts. With `need_all`, every named part must state a figure
 * (seed 002-7: an empty project-spending cell is not zero); otherwise the
 * parts that are present are summed and an absent one is not mentioned
 * (the host leaves out parts written as missing and skips on unreadable ones). */
static void sum_of(jxl_ctx *ctx, const char *rule, const jxl_node *sec, const char *total,
                   const char *const *keys, size_t nkeys, int need_all,
                   const char *zh, const char *en)
{
	const jxl_node *parts[4];
	size_t i, n = 0;
	jxl_sum s = {.size = sizeof s};

	if (!present(H->get(sec, total)))
		return;
	for (i = 0; i < nkeys && n < 4; i++) {
		const jxl_node *p = H->get(sec, keys[i]);
		if (need_all && !states(ctx, p))
			return; /* absent, written as missing ("—", ", ,"), or unreadable */
		if (present(p))
			parts[n++] = p;
	}
	if (n == 0)
		return;
	s.rule = rule;
	s.total = H->get(sec, total);
	s.parts = parts;
	s.nparts = n;
	s.as = JXL_AS_MONEY;
	s.what_zh = zh;
	s.what_en = en;
	H->check_sum(ctx, &s);
}

/* budget.total = Σ members of budget.<map> (by_source, by_level). A
 * source or level that received nothing is written 0 or omitted; a member
 * listed as null or "—" is a cell whose value is unknown (seed 002-2: OCR
 * truncated 财政拨款), so the host skips the identity rather than read it as 0. */
static void sum_of_map(jxl_ctx *ctx, const jxl_node *budget, const char *map, const char *zh, const char *en)
{
	enum { MAX_MEMBERS = 64 };
	const jxl_node *parts[MAX_MEMBERS];
	const jxl_node *m = H->get(budget, map);
	size_t i, n = 0, len = H->len(m);
	jxl_sum s = {.size = sizeof s};

	if (H->kind(m) != JXL_OBJECT || !present(H->get(budget, "total")) || len > MAX_MEMBERS)
		return;
	for (i = 0; i < len; i++)
		parts[n++] = H->at(m, i);
	if (n == 0)
		return;
	s.rule = "funds/budget-total";
	s.total = H->get(budget, "total");
	s.parts = parts;
	s.nparts = n;
	s.as = JXL_AS_MONEY;
	s.what_zh = zh;
	s.what_en = en;
	H->check_sum(ctx, &s);
}

static void check_totals(jxl_ctx *ctx, const jxl_node *root)
{
	static const char *const income[] = {"carryover", "appropriation", "other"};
	static const char *const bp[] = {"basic", "project"};
	const jxl_node *budget = H->get(root, "budget");

	sum_of(ctx, "funds/income-total", H->get(root, "income"), "total", income, 3, 0,
	       "收入合计", "income total");
	sum_of(ctx, "funds/expenditure-total", H->get(root, "expenditure"), "total", bp, 2, 1,
	       "支出合计", "spending total");
	sum_of(ctx, "funds/balance-total", H->get(root, "balance"), "total", bp, 2, 1,
	       "年末结转结余", "year-end balance");
	sum_of(ctx, "funds/budget-total", budget, "total", bp, 2, 1, "预算总额", "budget total");
	sum_of_map(ctx, budget, "by_source", "预算总额（按资金来源）", "budget total (by source)");
	sum_of_map(ctx, budget, "by_level", "预算总额（按预算级次）", "budget total (by level)");
}

/* funds/balance: balance = income − spending; funds/project-balance:
 * budget = spending + balance. Every term must state a figure: an empty
 * cell left out of a difference would change its meaning. */
static void check_balances(jxl_ctx *ctx, const jxl_doc *doc, const jxl_node *root)
{
	static const int minus[] = {+1, -1};
	const jxl_node *bal = H->path(root, "balance.total");
	const jxl_node *parts[2] = {H->path(root, "income.total"), H->path(root, "expenditure.total")};
	const char *bzh = NULL;
	const jxl_node *budget = budget_of(ctx, root, &bzh);
	jxl_sum s = {.size = sizeof s};

	s.as = JXL_AS_MONEY;
	s.parts = parts;
	s.nparts = 2;
	if (states(ctx, bal) && states(ctx, parts[0]) && states(ctx, parts[1])) {
		s.rule = "funds/balance";
		s.total = bal;
		s.signs = minus;
		s.what_zh = "年末结转结余（收入合计 − 支出合计）";
		s.what_en = "year-end balance (income total − spending total)";
		H->check_sum(ctx, &s);
	}
	parts[0] = H->path(root, "expenditure.total");
	parts[1] = bal;
	if (H->form(doc) == 'p' && states(ctx, budget) && states(ctx, parts[0]) && states(ctx, parts[1])) {
		s.rule = "funds/project-balance";
		s.total = budget;
		s.signs = NULL;
		s.what_zh = H->fmt(ctx, "%s（支出 + 结余）", bzh);
		s.what_en = "project budget (spending + balance)";
		H->check_sum(ctx, &s);
	}
}

/* funds/overspend: spending surely above the budget. */
static void check_overspend(jxl_ctx *ctx, const jxl_node *root)
{
	const char *bzh = "预算";
	const jxl_node *en = H->path(root, "expenditure.total");
	const jxl_fig *spent = H->fig(ctx, en, JXL_AS_MONEY);
	const jxl_fig *budget = H->fig(ctx, budget_of(ctx, root, &bzh), JXL_AS_MONEY);
	const jxl_fig *over;
	jxl_finding f = {.size = sizeof f};

	if (!spent || !budget || H->cmp(spent, budget) <= 0)
		return;
	over = H->sub(ctx, spent, budget);
	f.rule = "funds/overspend";
	f.node = en;
	f.stated = spent;
	f.difference = over;
	f.msg_zh = H->fmt(ctx, "支出合计 %s 高于%s %s，超支 %s", H->text(ctx, spent), bzh,
	                  H->text(ctx, budget), over ? H->text(ctx, over) : "?");
	f.msg_en = H->fmt(ctx, "spending total %s is above the budget %s (%s) by %s", H->text(ctx, spent),
	                  H->text(ctx, budget), bzh, over ? H->text(ctx, over) : "?");
	H->emit(ctx, &f);
}

/* money_unit of this document; a project inside `projects` inherits the file's. */
static const char *money_unit(const jxl_doc *doc, const jxl_node *root)
{
	const jxl_node *u, *arr;
	const char *k;

	if (JXL_HOST_HAS(H, inherited))
		return H->str(H->inherited(doc, "money_unit"));
	u = H->get(root, "money_unit"); /* a first-edition host: walk up by hand */
	arr = H->parent(root);
	k = H->key(arr);
	if (!u && H->kind(arr) == JXL_ARRAY && k && !strcmp(k, "projects"))
		u = H->get(H->parent(arr), "money_unit");
	return H->str(u);
}

/* Power of ten of a unit word in s (亿 8, 万 4, 千 3, 元 0), or dflt. */
static int mag_of(const char *s, int dflt)
{
	if (!s)
		return dflt;
	if (strstr(s, "亿"))
		return 8;
	if (strstr(s, "万"))
		return 4;
	if (strstr(s, "千"))
		return 3;
	return strstr(s, "元") ? 0 : dflt;
}

/* The unit a money node is written in: a string's own unit word, else the
 * document's money_unit (dflt). */
static int written_mag(const jxl_node *n, int dflt)
{
	return mag_of(H->kind(n) == JXL_STRING ? H->str(n) : NULL, dflt);
}

/* |f| ≥ 10^p (value in 元). */
static int at_least_pow10(jxl_ctx *ctx, const jxl_fig *f, int p)
{
	long long t = 1;
	int i;

	for (i = 0; i < p; i++)
		t *= 10;
	return H->cmp_value(f, H->from_int(ctx, t)) >= 0 || H->cmp_value(f, H->from_int(ctx, -t)) <= 0;
}

static void magnitude_finding(jxl_ctx *ctx, int sev, const jxl_node *n, const jxl_fig *f, const struct field *fd,
                              const char *zh, const char *en)
{
	jxl_finding r = {.size = sizeof r};

	r.rule = "funds/unit-magnitude";
	r.severity = sev;
	r.node = n;
	r.stated = f;
	r.msg_zh = H->fmt(ctx, "「%s」%s：%s", fd->zh, H->text(ctx, f), zh);
	r.msg_en = H->fmt(ctx, "%s %s: %s", fd->en, H->text(ctx, f), en);
	H->emit(ctx, &r);
}

/* The 元 case needs this many figures: one or two small amounts are
 * common in short or test submissions. */
#define FUNDS_SMALL_MIN 3

/* funds/unit-magnitude, once per document: a figure read in 万元/亿元 with
 * an integer part of 7 digits or more (warning), or — when bare figures
 * are 元 — every 元 figure below 100, not all zero, and at least
 * FUNDS_SMALL_MIN of them (info: a weak signal). */
static void check_magnitude(jxl_ctx *ctx, const jxl_doc *doc, const jxl_node *root)
{
	const char *u = money_unit(doc, root);
	int dflt = mag_of(u, 0);
	const struct field *first = NULL;
	const jxl_node *first_n = NULL;
	const jxl_fig *first_f = NULL;
	int nonzero = 0, plausible = 0;
	size_t i, nyuan = 0;

	for (i = 0; i < sizeof money / sizeof money[0]; i++) {
		const jxl_node *n = H->get(H->get(root, money[i].sec), money[i].key);
		const jxl_fig *f = present(n) ? H->fig(ctx, n, JXL_AS_MONEY) : NULL;
		int mag = written_mag(n, dflt), d;

		if (!f)
			continue;
		if (mag >= 4 && at_least_pow10(ctx, f, mag + 6)) {
			for (d = 7; mag + d <= 18 && at_least_pow10(ctx, f, mag + d); d++)
				;
			magnitude_finding(ctx, JXL_SEV_DEFAULT, n, f, &money[i],
			                  H->fmt(ctx, "按%s读，整数部分有 %d 位，数量级不合理；这些数字更像以元为单位",
			                         mag == 8 ? "亿元" : "万元", d),
			                  H->fmt(ctx, "read in %s its integer part has %d digits, implausible; "
			                         "the figures look like 元", mag == 8 ? "亿元" : "万元", d));
			return;
		}
		if (mag != 0 || dflt != 0)
			continue;
		if (at_least_pow10(ctx, f, 2))
			plausible = 1; /* a 元 figure of 100 or more */
		nyuan++;
		if (!first) {
			first = &money[i];
			first_n = n;
			first_f = f;
		}
		if (H->cmp_value(f, H->from_int(ctx, 0)) != 0)
			nonzero = 1;
	}
	if (first && nonzero && !plausible && nyuan >= FUNDS_SMALL_MIN)
		magnitude_finding(ctx, JXL_SEV_INFO, first_n, first_f, first,
		                  H->fmt(ctx, "金额单位为%s，但所有按元读的金额都小于 100 元；这些数字更像以万元为单位",
		                         u ? u : "元（未写 money_unit）"),
		                  H->fmt(ctx, "money unit is %s but every figure read in 元 is below 100; "
		                         "the figures look like 万元", u ? u : "元 (no money_unit given)"));
}

static void check(jxl_ctx *ctx, const jxl_doc *doc)
{
	const jxl_node *root = H->root(doc);

	check_totals(ctx, root);
	check_balances(ctx, doc, root);
	check_overspend(ctx, root);
	check_magnitude(ctx, doc, root);
}

JXL_PLUGIN_DEFINE(H, "funds", "1.0", rules, check)
