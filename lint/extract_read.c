/* extract_read.c — labels of figures, and the funds, rates and staffing a report states in its sentences. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "extract_int.h"

/* ---- labels ---- */

/* Blanks and these words are taken off the end of a label. */
static const char *const copulas[] = { "为", "是", "等于", "达到", "达", "：", ":", "共计", "共" };

void ex_strip_copulas(const char *s, size_t a, size_t *b)
{
	int again = 1, guard = 4;
	while (again && guard-- > 0) {
		size_t k;
		again = 0;
		ex_trim(s, &a, b);
		for (k = 0; k < sizeof copulas / sizeof copulas[0]; k++)
			if (ex_ends(s, a, *b, copulas[k])) {
				*b -= strlen(copulas[k]);
				again = 1;
				break;
			}
	}
	ex_trim(s, &a, b);
}

/* Subject words and a leading year taken off the front of a name. */
void ex_strip_subject(const char *s, size_t *a, size_t b)
{
	static const char *const subj[] = { "其中", "我局", "我单位", "本单位", "本部门", "我部门", "我县", "我市",
		                            "我区", "我中心", "截至目前", "：", ":", "，" };
	int again = 1, guard = 8;
	while (again && guard-- > 0) {
		size_t k, i;
		int l, digits = 0;
		again = 0;
		ex_trim(s, a, &b);
		for (k = 0; k < sizeof subj / sizeof subj[0]; k++)
			if (ex_starts(s, *a, b, subj[k])) {
				*a += strlen(subj[k]);
				again = 1;
				break;
			}
		if (again)
			continue;
		for (i = *a; i < b && s[i] >= '0' && s[i] <= '9'; i++)
			digits++;
		if (digits == 4) {
			while (i < b && s[i] == ' ')
				i++;
			if (ex_starts(s, i, b, "年度"))
				*a = i + strlen("年度"), again = 1;
			else if (ex_starts(s, i, b, "年") && !ex_is_digit(ex_cp(s, b, i + 3, &l)))
				*a = i + strlen("年"), again = 1;
		}
	}
}

/* The label of a figure: from the start of its clause (or the end of the
 * figure before it) to the figure, trimmed. */
void ex_label_of(const ex_para *p, size_t lo, size_t prev_end, const ex_fig *f, size_t *a, size_t *b)
{
	static const char *const subj[] = { "我局", "我单位", "本单位", "本部门", "我县", "我市", "我区", "我中心" };
	size_t from = prev_end > lo ? prev_end : lo, k, i;
	*a = ex_clause_start(p->buf, p->len, from, f->lb);
	*b = f->lb;
	ex_trim(p->buf, a, b);
	/* "在职人员控制率：100%": the name is the clause before the colon */
	if (*a == *b && *a > from && (ex_ends(p->buf, from, *a, "：") || ex_ends(p->buf, from, *a, ":"))) {
		*b = *a - (ex_ends(p->buf, from, *a, "：") ? strlen("：") : 1);
		*a = ex_clause_start(p->buf, p->len, from, *b);
		ex_trim(p->buf, a, b);
		return;
	}
	/* a subject starts the label: "结转结余率 我局财政拨款收入563.02万元" */
	for (k = 0; k < sizeof subj / sizeof subj[0]; k++)
		for (i = *a; (i = ex_find(p->buf, i, *b, subj[k])) != EX_NONE; i++)
			if (i > *a)
				*a = i;
}

int ex_has_any(const char *s, size_t a, size_t b, const char *const *w, size_t n)
{
	size_t k;
	for (k = 0; k < n; k++)
		if (ex_has(s, a, b, w[k]))
			return 1;
	return 0;
}


/* ---- fields ---- */

int ex_fund_field(const char *s, size_t a, size_t b)
{
	static const char *const never[] = { "率", "三公", "公用经费", "采购", "专项", "上级", "转移支付", "监管", "费用",
		                             "奖补", "划拨", "减少", "增加", "变动", "节约", "资产", "差异", "平均" };
	size_t t = ex_back_cps(s, b, a, EX_LABEL_TAIL);
	if (EX_HAS_ANY(s, t, b, never))
		return -1;
	if (ex_has(s, t, b, "年初结转") || ex_has(s, t, b, "上年结转"))
		return EX_INCOME_CARRYOVER;
	if (ex_has(s, t, b, "基本支出结余") || ex_has(s, t, b, "基本支出结转"))
		return EX_BAL_BASIC;
	if (ex_has(s, t, b, "项目支出结余") || ex_has(s, t, b, "项目支出结转"))
		return EX_BAL_PROJECT;
	if (ex_has(s, t, b, "结余") || ex_has(s, t, b, "结转"))
		return EX_BAL_TOTAL;
	if (ex_has(s, t, b, "调整后") || ex_has(s, t, b, "调减后") || ex_has(s, t, b, "调增后") ||
	    ex_has(s, t, b, "调整预算"))
		return EX_BUDGET_ADJUSTED;
	if (ex_has(s, t, b, "预算") && !ex_has(s, t, b, "支出"))
		return ex_has(s, t, b, "年初") ? EX_BUDGET_INITIAL : EX_BUDGET_TOTAL;
	if (ex_has(s, t, b, "收到财政资金") || ex_has(s, t, b, "收入决算") ||
	    (ex_has(s, t, b, "财政拨款") && ex_has(s, t, b, "收入")))
		return EX_INCOME_APPROPRIATION;
	if (ex_has(s, t, b, "其他收入"))
		return EX_INCOME_OTHER;
	if (ex_has(s, t, b, "收入"))
		return EX_INCOME_TOTAL;
	if (ex_has(s, t, b, "基本支出"))
		return EX_EXP_BASIC;
	if (ex_has(s, t, b, "项目支出") && !ex_has(s, t, b, "本项目支出"))
		return EX_EXP_PROJECT;
	if (ex_has(s, t, b, "支出"))
		return EX_EXP_TOTAL;
	return -1;
}

/* 三公经费 and 政府采购 figures, or -1. */
static int other_field(const char *s, size_t a, size_t b)
{
	size_t t = ex_back_cps(s, b, a, EX_LABEL_TAIL);
	if (ex_has(s, t, b, "率"))
		return -1;
	if (ex_has(s, t, b, "三公")) {
		if (ex_has(s, t, b, "上年"))
			return EX_TP_LAST_YEAR;
		if (ex_has(s, t, b, "实际") || ex_has(s, t, b, "决算") || ex_has(s, t, b, "支出"))
			return EX_TP_ACTUAL;
		if (ex_has(s, t, b, "预算") && !ex_has(s, t, b, "减少") && !ex_has(s, t, b, "增加") &&
		    !ex_has(s, t, b, "变动") && !ex_has(s, t, b, "压减") && !ex_has(s, t, b, "调整"))
			return EX_TP_BUDGET;
		return -1;
	}
	if (ex_has(s, t, b, "采购")) {
		if (ex_has(s, t, b, "计划") || ex_has(s, t, b, "预算"))
			return EX_PROC_PLAN;
		if (ex_has(s, t, b, "实际"))
			return EX_PROC_ACTUAL;
	}
	return -1;
}

void ex_set_field(ex_ctx *x, ex_doc *d, int f, const char *text, size_t off)
{
	if (f < 0 || d->field[f].s)
		return;
	ex_val_set(x, &d->field[f], text, strlen(text), off);
}

static int section_total(int f)
{
	if (f >= EX_INCOME_CARRYOVER && f <= EX_INCOME_TOTAL)
		return EX_INCOME_TOTAL;
	if (f >= EX_EXP_BASIC && f <= EX_EXP_TOTAL)
		return EX_EXP_TOTAL;
	if (f >= EX_BAL_BASIC && f <= EX_BAL_TOTAL)
		return EX_BAL_TOTAL;
	if (f >= EX_BUDGET_INITIAL && f <= EX_BUDGET_TOTAL)
		return EX_BUDGET_TOTAL;
	return -1;
}

static int is_money(const ex_fig *f)
{
	return f->f.unit == NUM_UNIT_YUAN && !f->qual;
}

/* "A和B均为 X": each of A and B is X. */
static int read_both(ex_ctx *x, ex_doc *d, const char *s, size_t a, size_t b, const ex_fig *f, size_t off)
{
	static const char *const both[] = { "均为", "均是", "都是", "都为" };
	static const char *const ands[] = { "和", "与", "及", "、" };
	size_t k, i, start = a, end = b;
	int found = 0;
	for (k = 0; k < sizeof both / sizeof both[0]; k++)
		if (ex_ends(s, a, b, both[k])) {
			end = b - strlen(both[k]);
			found = 1;
		}
	if (!found)
		return 0;
	for (i = start; i <= end;) {
		size_t next = end, wl = 0;
		for (k = 0; k < sizeof ands / sizeof ands[0]; k++) {
			size_t q = ex_find(s, i, end, ands[k]);
			if (q != EX_NONE && q < next)
				next = q, wl = strlen(ands[k]);
		}
		{
			int fld = other_field(s, i, next);
			if (fld < 0)
				fld = ex_fund_field(s, i, next);
			ex_set_field(x, d, fld, f->text, off);
		}
		if (next == end)
			break;
		i = next + wl;
	}
	return 1;
}

/* One money figure and its label [a, b); last is the field the sentence named before. */
static void fund_fig(ex_ctx *x, ex_doc *d, const ex_para *p, const ex_fig *f, size_t a, size_t b, int *last)
{
	int fld;
	size_t off = ex_orig(p, f->b), b2 = b;
	if (!is_money(f) || a == b || read_both(x, d, p->buf, a, b, f, off))
		return;
	ex_strip_copulas(p->buf, a, &b2);
	if (b2 - a <= strlen("合计") && (ex_starts(p->buf, a, b2, "合计") || ex_starts(p->buf, a, b2, "总计"))) {
		ex_set_field(x, d, section_total(*last), f->text, off);
		return;
	}
	fld = other_field(p->buf, a, b);
	if (fld < 0)
		fld = ex_fund_field(p->buf, a, b);
	if (fld >= 0)
		*last = fld;
	ex_set_field(x, d, fld, f->text, off);
}

/* ---- rates ---- */

/* Which rate a label (ending just before the figure) names, or -1.
 * tp: the sentence is about 三公经费. */
static int rate_for(const char *s, size_t a, size_t b, int tp, int *copula)
{
	static const char *const never[] = { "专项", "上级", "平均", "公用", "项目完成", "目标", "网办" };
	static const char *const exec[] = { "预算执行率", "预算完成率", "支出执行率", "支出完成率", "资金执行率" };
	size_t b0 = b, t, k;
	ex_trim(s, &a, &b0);
	b = b0;
	ex_strip_copulas(s, a, &b);
	*copula = b != b0;
	if (!ex_ends(s, a, b, "率"))
		return -1;
	t = ex_back_cps(s, b, a, 12);
	if (ex_has(s, t, b, "采购"))
		return ex_ends(s, t, b, "执行率") || ex_ends(s, t, b, "完成率") ? EX_RATE_PROCUREMENT : -1;
	if (ex_has(s, t, b, "三公") || (tp && ex_ends(s, t, b, "变动率"))) {
		if (ex_ends(s, t, b, "控制率") || ex_ends(s, t, b, "执行率"))
			return EX_RATE_TP_CONTROL;
		if (ex_ends(s, t, b, "变动率") || ex_ends(s, t, b, "增减率"))
			return EX_RATE_TP_CHANGE;
		return -1;
	}
	if (ex_ends(s, t, b, "结转结余率") || ex_ends(s, t, b, "结余结转率") || ex_ends(s, t, b, "结余率") ||
	    ex_ends(s, t, b, "结转率"))
		return EX_RATE_CARRYOVER;
	if (ex_ends(s, t, b, "人员控制率") || ex_ends(s, t, b, "编制控制率"))
		return EX_RATE_STAFF_CONTROL;
	if (ex_ends(s, t, b, "差异率"))
		return ex_has(s, t, b, "预决算") ? EX_RATE_BUDGET_FINAL_DIFF : -1;
	if (EX_HAS_ANY(s, t, b, never))
		return -1;
	if (ex_ends(s, t, b, "基本支出执行率") || ex_ends(s, t, b, "基本支出预算执行率"))
		return EX_RATE_BASIC_EXECUTION;
	if (ex_ends(s, t, b, "项目支出执行率") || ex_ends(s, t, b, "项目支出预算执行率"))
		return EX_RATE_PROJECT_EXECUTION;
	for (k = 0; k < sizeof exec / sizeof exec[0]; k++)
		if (ex_ends(s, t, b, exec[k]))
			return EX_RATE_EXECUTION;
	if (b - a == strlen("执行率") && ex_ends(s, a, b, "执行率"))
		return EX_RATE_EXECUTION;
	return -1;
}

int ex_rate_of(const char *s, size_t a, size_t b, int tp)
{
	int copula;
	return rate_for(s, a, b, tp, &copula);
}

static void rate_fig(ex_ctx *x, ex_doc *d, const ex_para *p, const ex_fig *f, size_t a, size_t b, int tp)
{
	int r, copula, l;
	if (f->qual || a == b || (f->f.unit != NUM_UNIT_PERCENT && f->f.unit != NUM_UNIT_NONE))
		return;
	if (ex_cp(p->buf, p->len, f->e, &l) == 0x7684)  /* 的: a criterion ("10%的") */
		return;
	r = rate_for(p->buf, a, b, tp, &copula);
	if (r < 0 || (f->f.unit == NUM_UNIT_NONE && !copula) || d->rate[r].s)
		return;
	ex_val_set(x, &d->rate[r], f->text, strlen(f->text), ex_orig(p, f->b));
}

/* Funds and rates: each figure of the sentence with its label. */
static void read_figures(ex_ctx *x, ex_doc *d, const ex_para *p, size_t lo, size_t hi, int money, int rates)
{
	size_t pos = lo, prev = lo, a, b;
	int tp = ex_has(p->buf, lo, hi, "三公"), last = -1;
	ex_fig f;
	while (ex_fig_next(p, hi, &pos, &f)) {
		ex_label_of(p, lo, prev, &f, &a, &b);
		prev = f.e;
		if (money)
			fund_fig(x, d, p, &f, a, b, &last);
		if (rates)
			rate_fig(x, d, p, &f, a, b, tp);
	}
}

/* ---- staffing ---- */

enum { ST_NONE, ST_QUOTA, ST_QUOTA_IF, ST_ACTUAL };

typedef struct st_fig {
	int kind;
	size_t a, b;          /* label */
	ex_fig f;
} st_fig;

static int staff_kind(const char *s, size_t a, size_t b)
{
	size_t t = ex_back_cps(s, b, a, EX_LABEL_TAIL), b2 = b;
	int actual = ex_has(s, t, b, "实有") || ex_has(s, t, b, "在职") || ex_has(s, t, b, "实际") ||
	             ex_has(s, t, b, "现有");
	if (ex_has(s, t, b, "编制"))
		return actual ? ST_NONE : ST_QUOTA;
	if (actual)
		return ST_ACTUAL;
	ex_strip_copulas(s, a, &b2);
	if (ex_ends(s, a, b2, "人员数"))
		return ST_QUOTA_IF;
	return ST_NONE;
}

static void staff_category(ex_ctx *x, ex_staff *row, const ex_para *p, const st_fig *q)
{
	const char *s = p->buf;
	size_t a = q->a, b = q->b, k;
	char cat[64];
	if (q->kind == ST_QUOTA) {
		size_t e = EX_NONE, i = a, c;
		while ((i = ex_find(s, i, b, "编制")) != EX_NONE)
			e = i++;
		c = ex_back_cps(s, e, a, 2);
		if (ex_starts(s, c, e, "核定"))
			c = e;
		for (k = c; k < e;) {
			int l;
			if (!ex_is_cjk(ex_cp(s, e, k, &l))) {
				c = e;
				break;
			}
			k += (size_t)l;
		}
		if (e - c + strlen("编制") >= sizeof cat)
			return;
		memcpy(cat, s + c, e - c);
		memcpy(cat + (e - c), "编制", strlen("编制") + 1);
		ex_val_set(x, &row->category, cat, strlen(cat), ex_orig(p, c));
		return;
	}
	ex_strip_copulas(s, a, &b);
	b -= strlen("数");
	a = ex_back_cps(s, b, a, 8);
	ex_strip_subject(s, &a, b);
	ex_val_text(x, &row->category, p, a, b, EX_NAME_MAX);
}

static void set_raw(ex_ctx *x, ex_val *v, const ex_fig *f, const ex_para *p)
{
	char buf[64];
	dec_format(f->f.value, buf, sizeof buf);
	ex_val_set(x, v, buf, strlen(buf), ex_orig(p, f->b));
	v->raw = 1;
}

/* Quota ("核定行政编制14名") paired with the actual count that follows
 * within the next three head counts ("实有人员13人"), across sentences of
 * one paragraph. */
static void read_staffing(ex_ctx *x, ex_doc *d, const ex_para *p)
{
	st_fig win[4];
	size_t nw = 0, pos = p->body, prev = p->body;
	ex_fig f;
	for (;;) {
		int more = ex_fig_next(p, p->len, &pos, &f);
		if (more) {
			st_fig *w;
			size_t lo = ex_clause_start(p->buf, p->len, prev > p->body ? prev : p->body, f.lb);
			prev = f.e;
			if (f.f.unit != NUM_UNIT_NOUN || (strcmp(f.f.noun, "人") && strcmp(f.f.noun, "名")) ||
			    f.qual || f.f.decimals || f.f.mag)
				continue;
			w = &win[nw++];
			w->f = f;
			w->a = lo;
			w->b = f.lb;
			ex_trim(p->buf, &w->a, &w->b);
			w->kind = staff_kind(p->buf, w->a, w->b);
			if (w->kind == ST_NONE) {
				nw--;
				continue;
			}
		}
		/* decide on win[0] once it has three successors or the paragraph ended */
		while (nw && (nw == 4 || !more)) {
			st_fig *q = &win[0];
			size_t k;
			if (q->kind == ST_QUOTA || q->kind == ST_QUOTA_IF) {
				for (k = 1; k < nw; k++) {
					if (win[k].kind != ST_ACTUAL)
						break;
					if (q->kind == ST_QUOTA_IF && !ex_starts(p->buf, win[k].a, win[k].b, "实有"))
						break;
					if (d->nstaff < EX_MAX_ITEMS) {
						ex_staff *row;
						if (d->nstaff == d->capstaff) {
							size_t cap = d->capstaff ? d->capstaff * 2 : 4;
							ex_staff *nr = realloc(d->staff, cap * sizeof *nr);
							if (!nr) {
								x->oom = 1;
								return;
							}
							d->staff = nr;
							d->capstaff = cap;
						}
						row = &d->staff[d->nstaff++];
						memset(row, 0, sizeof *row);
						staff_category(x, row, p, q);
						set_raw(x, &row->quota, &q->f, p);
						set_raw(x, &row->actual, &win[k].f, p);
						memmove(&win[1], &win[k + 1], (nw - k - 1) * sizeof win[0]);
						nw -= k;
					}
					break;
				}
			}
			memmove(&win[0], &win[1], (nw - 1) * sizeof win[0]);
			nw--;
		}
		if (!more)
			break;
	}
}

/* ---- sentences ---- */

void ex_read_sentences(ex_ctx *x, ex_doc *d, size_t a, size_t b)
{
	size_t k;
	for (k = a; k < b && !x->oom; k++) {
		const ex_para *p = &x->t->p[k];
		size_t lo = p->body;
		if (!p->row && (ex_has(p->buf, 0, p->len, "编制") || ex_has(p->buf, 0, p->len, "人员数")))
			read_staffing(x, d, p);
		while (lo < p->len) {
			size_t hi = lo;
			int l = 0;
			while (hi < p->len && !(l = ex_sent_break(p->buf, p->len, hi)))
				hi++;
			/* cheap tests first: each figure pass costs a num_parse per number */
			{
				int money = ex_has(p->buf, lo, hi, "元"), rates = ex_has(p->buf, lo, hi, "率");
				if (money || rates)
					read_figures(x, d, p, lo, hi, money, rates);
			}
			ex_read_breakdowns(x, d, p, lo, hi);
			ex_read_claims(x, d, p, lo, hi);
			lo = hi + (size_t)(l ? l : 1);
		}
	}
}
