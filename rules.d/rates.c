/* rates.c — stated rates recomputed from the figures (docs/submission.md "Rates"), and procurement plausibility. */
#include <jxlint/rule.h>

#include <stdio.h>
#include <string.h>

#include "member_name.h"

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
	PLAIN,   /* num ÷ den; den NONE means the budget */
	CHANGE,  /* (num − den) ÷ den */
	STAFF,   /* Σ actual ÷ Σ quota over staffing rows that are not totals */
	DIFF     /* |final − budget| ÷ budget */
};

/* The money fields the rates read, each looked up once per document. */
enum field {
	EXP_TOTAL, EXP_BASIC, EXP_PROJECT, BUDGET_BASIC, BUDGET_PROJECT, BUDGET_ADJUSTED, BUDGET_TOTAL,
	BUDGET_INITIAL, BALANCE_TOTAL, PROC_ACTUAL, PROC_PLAN, TP_ACTUAL, TP_BUDGET, TP_LAST_YEAR,
	INCOME_APPROPRIATION, INCOME_TOTAL, NFIELDS, NONE = -1
};

static const struct rate {
	const char *key, *rule, *zh, *en;
	enum how how;
	int num, den;   /* enum field */
} rates_tab[] = {
	{"execution", "rates/execution", "预算执行率", "execution rate", PLAIN, EXP_TOTAL, NONE},
	{"basic_execution", "rates/basic-execution", "基本支出执行率", "basic execution rate",
	 PLAIN, EXP_BASIC, BUDGET_BASIC},
	{"project_execution", "rates/project-execution", "项目支出执行率", "project execution rate",
	 PLAIN, EXP_PROJECT, BUDGET_PROJECT},
	{"carryover", "rates/carryover", "结转结余率", "carry-over rate", PLAIN, BALANCE_TOTAL, NONE},
	{"procurement", "rates/procurement", "政府采购执行率", "procurement rate",
	 PLAIN, PROC_ACTUAL, PROC_PLAN},
	{"three_public_control", "rates/three-public-control", "三公经费控制率", "三公 control rate",
	 PLAIN, TP_ACTUAL, TP_BUDGET},
	{"three_public_change", "rates/three-public-change", "三公经费变动率", "三公 change rate",
	 CHANGE, TP_BUDGET, TP_LAST_YEAR},
	{"staff_control", "rates/staff-control", "在职人员控制率", "staff control rate", STAFF, NONE, NONE},
	{"budget_final_diff", "rates/budget-final-diff", "预决算差异率", "budget-vs-final difference rate",
	 DIFF, NONE, NONE},
};

#define NRATES (sizeof rates_tab / sizeof rates_tab[0])

/* Does a member called key answer get(obj, name)? As the host's get
 * matches: the same name, to its end (a longer name with the same tag,
 * 65536 bytes longer, is another name: tests/cases/rates-long-key.sh).
 * The first bytes first: most names differ there, without a call. */
static int answers(const char *key, const char *name)
{
	return key[0] == name[0] && !strcmp(key + 1, name + 1);
}

/* out[i] = get(obj, names[i]) for every i, in one walk over obj's members
 * (the last of a name wins, as with get). */
static void get_all(const jxl_node *obj, const char *const *names, size_t n, const jxl_node **out)
{
	size_t i, j, len = H->kind(obj) == JXL_OBJECT ? H->len(obj) : 0;

	for (j = 0; j < n; j++)
		out[j] = NULL;
	for (i = 0; i < len; i++) {
		const jxl_node *k = H->at(obj, i);
		const char *key = H->key(k);
		for (j = 0; j < n; j++)
			if (answers(key, names[j])) {
				out[j] = k;
				break;
			}
	}
}

/* One document's nodes, looked up once. */
struct doc_nodes {
	const jxl_node *staffing;
	const jxl_node *f[NFIELDS];
	const jxl_node *stated[NRATES];   /* rates.<key> */
	const jxl_node *budget;           /* budget_of(), once known */
	int budget_known;
};

/* The sections the rates read, in one walk over the root's members (most
 * of which are other sections), each name compared in place: the last of
 * a name wins, as with get. */
enum { S_EXPENDITURE, S_BUDGET, S_BALANCE, S_PROCUREMENT, S_THREE_PUBLIC, S_INCOME, S_RATES, S_STAFFING, NSECTIONS };

static void find_sections(const jxl_node *root, const jxl_node **sec)
{
	size_t i, len = H->kind(root) == JXL_OBJECT ? H->len(root) : 0;

	for (i = 0; i < NSECTIONS; i++)
		sec[i] = NULL;
	for (i = 0; i < len; i++) {
		const jxl_node *m = H->at(root, i);
		const char *k = H->key(m);
		switch (k[0]) {
		case 'b':
			if (NAME6(k, 'u', 'd', 'g', 'e', 't'))
				sec[S_BUDGET] = m;
			else if (!strcmp(k + 1, "alance"))
				sec[S_BALANCE] = m;
			break;
		case 'e': if (!strcmp(k + 1, "xpenditure")) sec[S_EXPENDITURE] = m; break;
		case 'i': if (NAME6(k, 'n', 'c', 'o', 'm', 'e')) sec[S_INCOME] = m; break;
		case 'p': if (!strcmp(k + 1, "rocurement")) sec[S_PROCUREMENT] = m; break;
		case 'r': if (NAME5(k, 'a', 't', 'e', 's')) sec[S_RATES] = m; break;
		case 's': if (!strcmp(k + 1, "taffing")) sec[S_STAFFING] = m; break;
		case 't': if (!strcmp(k + 1, "hree_public")) sec[S_THREE_PUBLIC] = m; break;
		}
	}
}

static void find_nodes(const jxl_node *root, struct doc_nodes *d)
{
	static const char *const expenditure[] = {"total", "basic", "project"};
	static const char *const budget[] = {"basic", "project", "adjusted", "total", "initial"};
	static const char *const balance[] = {"total"};
	static const char *const procurement[] = {"actual", "plan"};
	static const char *const three_public[] = {"actual", "budget", "last_year"};
	static const char *const income[] = {"appropriation", "total"};
	const char *keys[NRATES];
	const jxl_node *sec[NSECTIONS];
	size_t i;

	find_sections(root, sec);
	get_all(sec[S_EXPENDITURE], expenditure, 3, &d->f[EXP_TOTAL]);
	get_all(sec[S_BUDGET], budget, 5, &d->f[BUDGET_BASIC]);
	get_all(sec[S_BALANCE], balance, 1, &d->f[BALANCE_TOTAL]);
	get_all(sec[S_PROCUREMENT], procurement, 2, &d->f[PROC_ACTUAL]);
	get_all(sec[S_THREE_PUBLIC], three_public, 3, &d->f[TP_ACTUAL]);
	get_all(sec[S_INCOME], income, 2, &d->f[INCOME_APPROPRIATION]);
	for (i = 0; i < NRATES; i++)
		keys[i] = rates_tab[i].key;
	get_all(sec[S_RATES], keys, NRATES, d->stated);
	d->staffing = sec[S_STAFFING];
}

static int present(const jxl_node *n)
{
	return H->kind(n) > JXL_NULL;
}

/* The budget rates are measured against: adjusted, else total, else
 * initial — the first that states a figure (read once: later calls read
 * nothing new). */
static const jxl_node *budget_of(jxl_ctx *ctx, struct doc_nodes *d)
{
	static const int keys[] = {BUDGET_ADJUSTED, BUDGET_TOTAL, BUDGET_INITIAL};
	size_t i;

	if (!d->budget_known) {
		d->budget_known = 1;
		for (i = 0; i < 3 && !d->budget; i++)
			if (H->fig(ctx, d->f[keys[i]], JXL_AS_MONEY))
				d->budget = d->f[keys[i]];
	}
	return d->budget;
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
static int no_budget(const struct doc_nodes *d)
{
	return !written(d->f[BUDGET_ADJUSTED]) && !written(d->f[BUDGET_TOTAL]) && !written(d->f[BUDGET_INITIAL]);
}

/* The first of the fields a, b, c that states a money figure. */
static const jxl_fig *first_of(jxl_ctx *ctx, const struct doc_nodes *d, int a, int b, int c)
{
	const jxl_fig *f = H->fig(ctx, d->f[a], JXL_AS_MONEY);

	if (!f)
		f = H->fig(ctx, d->f[b], JXL_AS_MONEY);
	return f ? f : H->fig(ctx, d->f[c], JXL_AS_MONEY);
}

#define RATES_STAFF_ROWS 64   /* staffing rows read once for both sums; a larger table is read for each */

/* The staffing rows as the two sums read them: each row's actual and
 * quota and whether it is a total row (category 合计/总计/小计, or "total"
 * true), for the first RATES_STAFF_ROWS rows. */
struct staff {
	const jxl_node *rows;
	size_t n;                                  /* rows read, or 0 */
	const jxl_node *v[RATES_STAFF_ROWS][2];    /* actual, quota */
	unsigned char total[RATES_STAFF_ROWS];
};

/* A row's actual and quota (v[0], v[1]), and whether it is a total row. */
static int staff_row(const jxl_node *row, const jxl_node **v)
{
	static const char *const names[4] = {"category", "total", "actual", "quota"};
	const jxl_node *m[4];
	const char *c;

	get_all(row, names, 4, m);
	c = H->str(m[0]);
	v[0] = m[2];
	v[1] = m[3];
	/* 合计 总计 小计: six bytes, the last three 计 */
	return H->truthy(m[1]) || (c && strlen(c) == 6 && !memcmp(c + 3, "计", 3) &&
	                           (!memcmp(c, "合", 3) || !memcmp(c, "总", 3) || !memcmp(c, "小", 3)));
}

static void staff_read(const jxl_node *rows, struct staff *st)
{
	size_t i, n = H->len(rows);

	st->rows = rows;
	st->n = n <= RATES_STAFF_ROWS ? n : 0;
	for (i = 0; i < st->n; i++)
		st->total[i] = (unsigned char)staff_row(H->at(rows, i), st->v[i]);
}

/* Σ actual (which 0) or quota (1) over the staffing rows that are not
 * totals; NULL if a row lacks it. */
static const jxl_fig *staff_sum(jxl_ctx *ctx, const struct staff *st, int which)
{
	const jxl_fig *sum = NULL;
	size_t i, n = H->len(st->rows);

	for (i = 0; i < n; i++) {
		const jxl_node *row[2], *const *vs = st->n ? st->v[i] : row;
		const jxl_fig *v;
		if (st->n ? st->total[i] : staff_row(H->at(st->rows, i), row))
			continue;
		if (!(v = H->fig(ctx, vs[which], JXL_AS_COUNT)))
			return NULL;
		sum = sum ? H->add(ctx, sum, v) : v;
		if (!sum)
			return NULL;
	}
	return sum;
}

/* Fill r's numerator and denominator for rate t; 0, or -1 to skip. */
static int operands(jxl_ctx *ctx, struct doc_nodes *d, const struct rate *t, jxl_rate *r)
{
	const jxl_fig *a, *b;
	struct staff st;

	switch (t->how) {
	case PLAIN:
		r->num = d->f[t->num];
		r->den = t->den != NONE ? d->f[t->den] : budget_of(ctx, d);
		return 0;
	case CHANGE:
		a = H->fig(ctx, d->f[t->num], JXL_AS_MONEY);
		r->den = d->f[t->den];
		b = H->fig(ctx, r->den, JXL_AS_MONEY);
		r->num_fig = a && b ? H->sub(ctx, a, b) : NULL;
		return r->num_fig ? 0 : -1;
	case STAFF:
		staff_read(d->staffing, &st);
		r->num_fig = staff_sum(ctx, &st, 0);
		r->den_fig = staff_sum(ctx, &st, 1);
		return r->num_fig && r->den_fig ? 0 : -1;
	case DIFF:
		a = first_of(ctx, d, INCOME_APPROPRIATION, INCOME_TOTAL, EXP_TOTAL);
		r->den = budget_of(ctx, d);
		b = H->fig(ctx, r->den, JXL_AS_MONEY);
		r->num_fig = a && b ? H->sub(ctx, a, b) : NULL;
		r->absolute = 1;
		return r->num_fig ? 0 : -1;
	}
	return -1;
}

static void check_rates(jxl_ctx *ctx, const jxl_doc *doc, struct doc_nodes *d)
{
	size_t i;

	for (i = 0; i < NRATES; i++) {
		const struct rate *t = &rates_tab[i];
		jxl_rate r = {.size = sizeof r};

		r.stated = d->stated[i];
		if (!present(r.stated) || operands(ctx, d, t, &r) < 0)
			continue;
		r.rule = t->rule;
		r.what_zh = t->zh;
		r.what_en = t->en;
		if (i == 0 && H->form(doc) == 'd' && no_budget(d)) {
			/* execution: a department report that states no budget:
			 * 预算完成率 against 收入合计 (seed 003-11), and the message says so */
			r.den = d->f[INCOME_TOTAL];
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
	struct doc_nodes d = {0};

	find_nodes(H->root(doc), &d);
	check_rates(ctx, doc, &d);
	above(ctx, d.f[PROC_PLAN], budget_of(ctx, &d), "政府采购计划", "procurement plan", "预算", "the budget");
	above(ctx, d.f[PROC_ACTUAL], d.f[EXP_TOTAL], "政府采购实际金额", "procurement actual", "全年支出", "the year's spending");
}

JXL_PLUGIN_DEFINE(H, "rates", "1.0", rules, check)
