/* funds.c — funds identities: income, spending, balance and budget totals, overspending, unit magnitude. */
#include <jxlint/rule.h>

#include <stdio.h>
#include <string.h>

#include "member_name.h"

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

/* The sections the money fields are in, and the member names read in them. */
enum { SEC_BUDGET, SEC_INCOME, SEC_EXPENDITURE, SEC_BALANCE, SEC_THREE_PUBLIC, SEC_PROCUREMENT, NSECTIONS };

enum key {
	K_NONE, K_INITIAL, K_ADJUSTED, K_BASIC, K_PROJECT, K_TOTAL, K_CARRYOVER, K_APPROPRIATION, K_OTHER,
	K_BUDGET, K_ACTUAL, K_LAST_YEAR, K_PLAN, K_BY_SOURCE, K_BY_LEVEL
};

/* A money field and how a reviewer names it. */
struct field {
	int sec;
	enum key key;
	const char *zh, *en;
};

/* Every money field, in the order a reader meets them (unit-magnitude
 * reports the first offending one), a section's fields together. */
static const struct field money[] = {
	{SEC_BUDGET, K_INITIAL, "年初预算数", "initial budget"},
	{SEC_BUDGET, K_ADJUSTED, "调整后预算数", "adjusted budget"},
	{SEC_BUDGET, K_BASIC, "基本支出预算", "basic budget"},
	{SEC_BUDGET, K_PROJECT, "项目支出预算", "project budget"},
	{SEC_BUDGET, K_TOTAL, "预算总额", "budget total"},
	{SEC_INCOME, K_CARRYOVER, "年初结转结余", "carry-over"},
	{SEC_INCOME, K_APPROPRIATION, "本年财政拨款收入", "appropriation"},
	{SEC_INCOME, K_OTHER, "其他收入", "other income"},
	{SEC_INCOME, K_TOTAL, "收入合计", "income total"},
	{SEC_EXPENDITURE, K_BASIC, "基本支出", "basic spending"},
	{SEC_EXPENDITURE, K_PROJECT, "项目支出", "project spending"},
	{SEC_EXPENDITURE, K_TOTAL, "支出合计", "spending total"},
	{SEC_BALANCE, K_BASIC, "基本支出结转结余", "basic balance"},
	{SEC_BALANCE, K_PROJECT, "项目支出结转结余", "project balance"},
	{SEC_BALANCE, K_TOTAL, "年末结转结余", "year-end balance"},
	{SEC_THREE_PUBLIC, K_BUDGET, "三公经费预算", "三公 budget"},
	{SEC_THREE_PUBLIC, K_ACTUAL, "三公经费支出", "三公 spending"},
	{SEC_THREE_PUBLIC, K_LAST_YEAR, "上年三公经费预算", "last year's 三公 budget"},
	{SEC_PROCUREMENT, K_PLAN, "政府采购计划", "procurement plan"},
	{SEC_PROCUREMENT, K_ACTUAL, "政府采购实际金额", "procurement actual"},
};

enum { BUDGET_INITIAL, BUDGET_ADJUSTED, BUDGET_BASIC, BUDGET_PROJECT, BUDGET_TOTAL, INCOME_CARRYOVER,
       INCOME_APPROPRIATION, INCOME_OTHER, INCOME_TOTAL, EXP_BASIC, EXP_PROJECT, EXP_TOTAL, BAL_BASIC,
       BAL_PROJECT, BAL_TOTAL, NMONEY = sizeof money / sizeof money[0] };

/* The budget's breakdowns of its total, summed by sum_of_map. */
enum { BY_SOURCE, BY_LEVEL, NMAPS };

/* One document's money fields and budget breakdowns, each looked up once. */
struct doc_nodes {
	const jxl_node *m[NMONEY];   /* as money[] lists them */
	const jxl_node *map[NMAPS];
};

/* Which section a member of the root is, or -1: each name compared to its
 * end, as get() compares it (the longer ones by strcmp, which compares
 * many bytes at a time). */
static int section_of(const char *k)
{
	switch (k[0]) {
	case 'b':
		if (NAME6(k, 'u', 'd', 'g', 'e', 't'))
			return SEC_BUDGET;
		return !strcmp(k + 1, "alance") ? SEC_BALANCE : -1;
	case 'i': return NAME6(k, 'n', 'c', 'o', 'm', 'e') ? SEC_INCOME : -1;
	case 'e': return !strcmp(k + 1, "xpenditure") ? SEC_EXPENDITURE : -1;
	case 't': return !strcmp(k + 1, "hree_public") ? SEC_THREE_PUBLIC : -1;
	case 'p': return !strcmp(k + 1, "rocurement") ? SEC_PROCUREMENT : -1;
	}
	return -1;
}

/* Which of the names money[] and the breakdowns use a section's member is. */
static enum key key_of(const char *k)
{
	switch (k[0]) {
	case 't': return NAME5(k, 'o', 't', 'a', 'l') ? K_TOTAL : K_NONE;
	case 'b':
		if (NAME5(k, 'a', 's', 'i', 'c'))
			return K_BASIC;
		if (NAME6(k, 'u', 'd', 'g', 'e', 't'))
			return K_BUDGET;
		return !strcmp(k + 1, "y_source") ? K_BY_SOURCE : !strcmp(k + 1, "y_level") ? K_BY_LEVEL : K_NONE;
	case 'p':
		if (NAME4(k, 'l', 'a', 'n'))
			return K_PLAN;
		return !strcmp(k + 1, "roject") ? K_PROJECT : K_NONE;
	case 'a':
		if (NAME6(k, 'c', 't', 'u', 'a', 'l'))
			return K_ACTUAL;
		return !strcmp(k + 1, "djusted") ? K_ADJUSTED : !strcmp(k + 1, "ppropriation") ? K_APPROPRIATION : K_NONE;
	case 'i': return !strcmp(k + 1, "nitial") ? K_INITIAL : K_NONE;
	case 'c': return !strcmp(k + 1, "arryover") ? K_CARRYOVER : K_NONE;
	case 'o': return NAME5(k, 't', 'h', 'e', 'r') ? K_OTHER : K_NONE;
	case 'l': return !strcmp(k + 1, "ast_year") ? K_LAST_YEAR : K_NONE;
	}
	return K_NONE;
}

/* The fields of section s (money[first] on, and the breakdowns of the
 * budget) in one walk over its members: the last of a name wins, as
 * with get. */
static void find_fields(const jxl_node *sec, int s, size_t first, struct doc_nodes *d)
{
	size_t i, j, len = H->kind(sec) == JXL_OBJECT ? H->len(sec) : 0;

	for (i = 0; i < len; i++) {
		const jxl_node *m = H->at(sec, i);
		enum key k = key_of(H->key(m));
		if (k == K_NONE)
			continue;
		if (s == SEC_BUDGET && (k == K_BY_SOURCE || k == K_BY_LEVEL)) {
			d->map[k == K_BY_SOURCE ? BY_SOURCE : BY_LEVEL] = m;
			continue;
		}
		for (j = first; j < NMONEY && money[j].sec == s; j++)
			if (money[j].key == k) {
				d->m[j] = m;
				break;
			}
	}
}

/* d: cleared by the caller. The sections in one walk over the root's
 * members, then each section's fields in one walk over its own. */
static void find_nodes(const jxl_node *root, struct doc_nodes *d)
{
	const jxl_node *sec[NSECTIONS] = {NULL};
	size_t i, len = H->kind(root) == JXL_OBJECT ? H->len(root) : 0;
	int s;

	for (i = 0; i < len; i++) {
		const jxl_node *m = H->at(root, i);
		if ((s = section_of(H->key(m))) >= 0)
			sec[s] = m;
	}
	for (i = 0; i < NMONEY; i++)
		if (i == 0 || money[i].sec != money[i - 1].sec)
			find_fields(sec[money[i].sec], money[i].sec, i, d);
}

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
static const jxl_node *budget_of(jxl_ctx *ctx, const struct doc_nodes *d, const char **zh)
{
	static const int keys[] = {BUDGET_ADJUSTED, BUDGET_TOTAL, BUDGET_INITIAL};
	static const char *const names[] = {"调整后预算数", "预算总额", "年初预算数"};
	size_t i;

	for (i = 0; i < 3; i++)
		if (states(ctx, d->m[keys[i]])) {
			*zh = names[i];
			return d->m[keys[i]];
		}
	return NULL;
}

/* total = Σ parts (the money fields first .. first + nparts - 1). With
 * `need_all`, every named part must state a figure (seed 002-7: an empty
 * project-spending cell is not zero); otherwise the parts that are present
 * are summed and an absent one is not mentioned (the host leaves out parts
 * written as missing and skips on unreadable ones). */
static void sum_of(jxl_ctx *ctx, const char *rule, const struct doc_nodes *d, int total, int first, int nparts,
                   int need_all, const char *zh, const char *en)
{
	const jxl_node *parts[3];
	int i, n = 0;
	jxl_sum s = {.size = sizeof s};

	if (!present(d->m[total]))
		return;
	for (i = first; i < first + nparts; i++) {
		const jxl_node *p = d->m[i];
		if (need_all && !states(ctx, p))
			return; /* absent, written as missing ("—", ", ,"), or unreadable */
		if (present(p))
			parts[n++] = p;
	}
	if (n == 0)
		return;
	s.rule = rule;
	s.total = d->m[total];
	s.parts = parts;
	s.nparts = (size_t)n;
	s.as = JXL_AS_MONEY;
	s.what_zh = zh;
	s.what_en = en;
	H->check_sum(ctx, &s);
}

/* budget.total = Σ members of budget.<map> (by_source, by_level). A
 * source or level that received nothing is written 0 or omitted; a member
 * listed as null or "—" is a cell whose value is unknown (seed 002-2: OCR
 * truncated 财政拨款), so the host skips the identity rather than read it as 0. */
static void sum_of_map(jxl_ctx *ctx, const struct doc_nodes *d, int map, const char *zh, const char *en)
{
	enum { MAX_MEMBERS = 64 };
	const jxl_node *parts[MAX_MEMBERS];
	const jxl_node *m = d->map[map];
	size_t i, n = 0, len = H->len(m);
	jxl_sum s = {.size = sizeof s};

	if (H->kind(m) != JXL_OBJECT || !present(d->m[BUDGET_TOTAL]) || len > MAX_MEMBERS)
		return;
	for (i = 0; i < len; i++)
		parts[n++] = H->at(m, i);
	if (n == 0)
		return;
	s.rule = "funds/budget-total";
	s.total = d->m[BUDGET_TOTAL];
	s.parts = parts;
	s.nparts = n;
	s.as = JXL_AS_MONEY;
	s.what_zh = zh;
	s.what_en = en;
	H->check_sum(ctx, &s);
}

static void check_totals(jxl_ctx *ctx, const struct doc_nodes *d)
{
	sum_of(ctx, "funds/income-total", d, INCOME_TOTAL, INCOME_CARRYOVER, 3, 0, "收入合计", "income total");
	sum_of(ctx, "funds/expenditure-total", d, EXP_TOTAL, EXP_BASIC, 2, 1, "支出合计", "spending total");
	sum_of(ctx, "funds/balance-total", d, BAL_TOTAL, BAL_BASIC, 2, 1, "年末结转结余", "year-end balance");
	sum_of(ctx, "funds/budget-total", d, BUDGET_TOTAL, BUDGET_BASIC, 2, 1, "预算总额", "budget total");
	sum_of_map(ctx, d, BY_SOURCE, "预算总额（按资金来源）", "budget total (by source)");
	sum_of_map(ctx, d, BY_LEVEL, "预算总额（按预算级次）", "budget total (by level)");
}

/* funds/balance: balance = income − spending; funds/project-balance:
 * budget = spending + balance. Every term must state a figure: an empty
 * cell left out of a difference would change its meaning. */
static void check_balances(jxl_ctx *ctx, const jxl_doc *doc, const struct doc_nodes *d,
                           const jxl_node *budget, const char *bzh)
{
	static const int minus[] = {+1, -1};
	const jxl_node *bal = d->m[BAL_TOTAL];
	const jxl_node *parts[2] = {d->m[INCOME_TOTAL], d->m[EXP_TOTAL]};
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
	parts[0] = d->m[EXP_TOTAL];
	parts[1] = bal;
	if (H->form(doc) == 'p' && states(ctx, budget) && states(ctx, parts[0]) && states(ctx, parts[1])) {
		s.rule = "funds/project-balance";
		s.total = budget;
		s.signs = NULL;
		s.what_zh = bzh;
		s.what_after_zh = "（支出 + 结余）";   /* worded by the host only if the sum is broken */
		s.what_en = "project budget (spending + balance)";
		H->check_sum(ctx, &s);
	}
}

/* funds/overspend: spending surely above the budget. */
static void check_overspend(jxl_ctx *ctx, const struct doc_nodes *d, const jxl_node *bn, const char *bzh)
{
	const jxl_node *en = d->m[EXP_TOTAL];
	const jxl_fig *spent = H->fig(ctx, en, JXL_AS_MONEY);
	const jxl_fig *budget = H->fig(ctx, bn, JXL_AS_MONEY);
	const jxl_fig *over;
	jxl_finding f = {.size = sizeof f};

	if (!spent || !budget || H->cmp(spent, budget) <= 0)
		return;
	over = H->sub(ctx, spent, budget);
	f.rule = "funds/overspend";
	f.node = en;
	f.stated = spent;
	f.difference = over;
	f.msg_zh = H->fmt(ctx, "支出合计 %s 高于%s %s，超支 %s", H->text(ctx, spent), bzh ? bzh : "预算",
	                  H->text(ctx, budget), over ? H->text(ctx, over) : "?");
	f.msg_en = H->fmt(ctx, "spending total %s is above the budget %s (%s) by %s", H->text(ctx, spent),
	                  H->text(ctx, budget), bzh ? bzh : "预算", over ? H->text(ctx, over) : "?");
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

/* Power of ten of a unit word in s (亿 8, 万 4, 千 3, 元 0), or dflt: the
 * first in that order that s holds anywhere, found in one pass. */
static int mag_of(const char *s, int dflt)
{
	unsigned seen = 0;

	if (!s)
		return dflt;
	for (; *s; s++) {
		/* 亿 E4 BA BF, 万 E4 B8 87, 千 E5 8D 83, 元 E5 85 83 */
		unsigned char c = (unsigned char)s[0];
		if (c != 0xE4 && c != 0xE5)
			continue;
		if (c == 0xE4 && (unsigned char)s[1] == 0xBA && (unsigned char)s[2] == 0xBF)
			return 8;
		if (c == 0xE4 && (unsigned char)s[1] == 0xB8 && (unsigned char)s[2] == 0x87)
			seen |= 4;
		else if (c == 0xE5 && (unsigned char)s[1] == 0x8D && (unsigned char)s[2] == 0x83)
			seen |= 2;
		else if (c == 0xE5 && (unsigned char)s[1] == 0x85 && (unsigned char)s[2] == 0x83)
			seen |= 1;
	}
	return seen & 4 ? 4 : seen & 2 ? 3 : seen & 1 ? 0 : dflt;
}

/* The unit a money node is written in: a string's own unit word, else the
 * document's money_unit (dflt). */
static int written_mag(const jxl_node *n, int dflt)
{
	return mag_of(H->kind(n) == JXL_STRING ? H->str(n) : NULL, dflt);
}

/* ±10^p as figures, made once per check call (p ≤ 18), and the figure
 * being looked at as an integer when it is one (then no figure is needed). */
struct pow10s {
	const jxl_fig *f[19][2];
	const jxl_fig *of;   /* the figure `v` is of */
	int exact;           /* v is its value */
	long long v;
};

/* 10^0 … 10^18, the thresholds at_least_pow10 is asked about. */
static const long long pow10_ll[19] = {
	1LL, 10LL, 100LL, 1000LL, 10000LL, 100000LL, 1000000LL, 10000000LL, 100000000LL, 1000000000LL,
	10000000000LL, 100000000000LL, 1000000000000LL, 10000000000000LL, 100000000000000LL,
	1000000000000000LL, 10000000000000000LL, 100000000000000000LL, 1000000000000000000LL,
};

/* |f| ≥ 10^p (value in 元). */
static int at_least_pow10(jxl_ctx *ctx, struct pow10s *pw, const jxl_fig *f, int p)
{
	long long t = pow10_ll[p];

	if (pw->of != f) {
		pw->of = f;
		pw->exact = H->to_int(f, &pw->v) == 0;
	}
	if (pw->exact)
		return pw->v >= t || pw->v <= -t;
	if (!pw->f[p][0]) {
		pw->f[p][0] = H->from_int(ctx, t);
		pw->f[p][1] = H->from_int(ctx, -t);
	}
	return H->cmp_value(f, pw->f[p][0]) >= 0 || H->cmp_value(f, pw->f[p][1]) <= 0;
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
static void check_magnitude(jxl_ctx *ctx, const jxl_doc *doc, const jxl_node *root, const struct doc_nodes *dn)
{
	const char *u = money_unit(doc, root);
	int dflt = mag_of(u, 0);
	const struct field *first = NULL;
	const jxl_node *first_n = NULL;
	const jxl_fig *first_f = NULL, *zero = NULL;
	int nonzero = 0, plausible = 0;
	size_t i, nyuan = 0;
	struct pow10s pw = {.of = NULL};

	for (i = 0; i < NMONEY; i++) {
		const jxl_node *n = dn->m[i];
		const jxl_fig *f = present(n) ? H->fig(ctx, n, JXL_AS_MONEY) : NULL;
		int mag, d;

		if (!f)
			continue;
		mag = written_mag(n, dflt);
		if (mag >= 4 && at_least_pow10(ctx, &pw, f, mag + 6)) {
			for (d = 7; mag + d <= 18 && at_least_pow10(ctx, &pw, f, mag + d); d++)
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
		/* once one figure is of 100 元 or more, or not zero, no other can change the outcome */
		if (!plausible && at_least_pow10(ctx, &pw, f, 2))
			plausible = 1; /* a 元 figure of 100 or more */
		nyuan++;
		if (!first) {
			first = &money[i];
			first_n = n;
			first_f = f;
		}
		if (!nonzero && !plausible) {
			if (!zero)
				zero = H->from_int(ctx, 0);
			nonzero = H->cmp_value(f, zero) != 0;
		}
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
	struct doc_nodes d = {0};
	const jxl_node *budget;
	const char *bzh = NULL;

	find_nodes(root, &d);
	check_totals(ctx, &d);
	budget = budget_of(ctx, &d, &bzh);
	check_balances(ctx, doc, &d, budget, bzh);
	check_overspend(ctx, &d, budget, bzh);
	check_magnitude(ctx, doc, root, &d);
}

JXL_PLUGIN_DEFINE(H, "funds", "1.0", rules, check)
