/* extract_read.c — what a report says about itself (unit, year, dates, form) and the funds, staffing, rates and breakdowns in its sentences. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "extract_int.h"

#define NONE ((size_t)-1)

/* ---- labels ---- */

/* Blanks and these words are taken off the end of a label. */
static const char *const copulas[] = { "为", "是", "等于", "达到", "达", "：", ":", "共计", "共" };

static void strip_copulas(const char *s, size_t a, size_t *b)
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
static void strip_subject(const char *s, size_t *a, size_t b)
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
static void label_of(const ex_para *p, size_t lo, size_t prev_end, const ex_fig *f, size_t *a, size_t *b)
{
	size_t from = prev_end > lo ? prev_end : lo;
	*a = ex_clause_start(p->buf, p->len, from, f->lb);
	*b = f->lb;
	ex_trim(p->buf, a, b);
}

static int has_any(const char *s, size_t a, size_t b, const char *const *w, size_t n)
{
	size_t k;
	for (k = 0; k < n; k++)
		if (ex_has(s, a, b, w[k]))
			return 1;
	return 0;
}

#define HAS_ANY(s, a, b, list) has_any(s, a, b, list, sizeof list / sizeof list[0])

/* ---- fields ---- */

int ex_fund_field(const char *s, size_t a, size_t b)
{
	static const char *const never[] = { "率", "三公", "公用经费", "采购", "专项", "上级", "转移支付", "监管", "费用",
		                             "奖补", "划拨", "减少", "增加", "变动", "节约", "资产", "差异", "平均" };
	size_t t = ex_back_cps(s, b, a, EX_LABEL_TAIL);
	if (HAS_ANY(s, t, b, never))
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
			if (q != NONE && q < next)
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

static void read_funds(ex_ctx *x, ex_doc *d, const ex_para *p, size_t lo, size_t hi)
{
	size_t pos = lo, prev = lo, a, b;
	int last = -1;
	ex_fig f;
	while (ex_fig_next(p, hi, &pos, &f)) {
		int fld;
		size_t off = ex_orig(p, f.b);
		label_of(p, lo, prev, &f, &a, &b);
		prev = f.e;
		if (!is_money(&f) || a == b)
			continue;
		if (read_both(x, d, p->buf, a, b, &f, off))
			continue;
		{
			size_t b2 = b;
			strip_copulas(p->buf, a, &b2);
			if (b2 - a <= strlen("合计") && (ex_starts(p->buf, a, b2, "合计") || ex_starts(p->buf, a, b2, "总计"))) {
				ex_set_field(x, d, section_total(last), f.text, off);
				continue;
			}
		}
		fld = other_field(p->buf, a, b);
		if (fld < 0)
			fld = ex_fund_field(p->buf, a, b);
		if (fld >= 0)
			last = fld;
		ex_set_field(x, d, fld, f.text, off);
	}
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
	strip_copulas(s, a, &b);
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
	if (HAS_ANY(s, t, b, never))
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

static void read_rates(ex_ctx *x, ex_doc *d, const ex_para *p, size_t lo, size_t hi)
{
	size_t pos = lo, prev = lo, a, b;
	int tp = ex_has(p->buf, lo, hi, "三公");
	ex_fig f;
	while (ex_fig_next(p, hi, &pos, &f)) {
		int r, copula, l;
		uint32_t next;
		label_of(p, lo, prev, &f, &a, &b);
		prev = f.e;
		if (f.qual || a == b)
			continue;
		if (f.f.unit != NUM_UNIT_PERCENT && f.f.unit != NUM_UNIT_NONE)
			continue;
		next = ex_cp(p->buf, p->len, f.e, &l);
		if (next == 0x7684)  /* 的: a criterion ("10%的") */
			continue;
		r = rate_for(p->buf, a, b, tp, &copula);
		if (r < 0 || (f.f.unit == NUM_UNIT_NONE && !copula) || d->rate[r].s)
			continue;
		ex_val_set(x, &d->rate[r], f.text, strlen(f.text), ex_orig(p, f.b));
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
	strip_copulas(s, a, &b2);
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
		size_t e = NONE, i = a, c;
		while ((i = ex_find(s, i, b, "编制")) != NONE)
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
	strip_copulas(s, a, &b);
	b -= strlen("数");
	a = ex_back_cps(s, b, a, 8);
	strip_subject(s, &a, b);
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

/* ---- breakdowns ---- */

static ex_bd *bd_new(ex_ctx *x, ex_doc *d)
{
	ex_bd *b;
	if (d->nbd >= EX_MAX_ITEMS)
		return NULL;
	if (d->nbd == d->capbd) {
		size_t cap = d->capbd ? d->capbd * 2 : 4;
		ex_bd *nb = realloc(d->bd, cap * sizeof *nb);
		if (!nb) {
			x->oom = 1;
			return NULL;
		}
		d->bd = nb;
		d->capbd = cap;
	}
	b = &d->bd[d->nbd];
	memset(b, 0, sizeof *b);
	return b;
}

static int same_kind(const ex_fig *a, const ex_fig *b)
{
	return a->f.unit == b->f.unit && !strcmp(a->f.noun, b->f.noun);
}

/* Take the part name p->buf[a..b): trailing 的有/有/为, leading 其中 off. */
static int part_name(const ex_para *p, size_t *a, size_t *b)
{
	static const char *const tail[] = { "的有", "有", "为", "达", "共" };
	size_t k;
	strip_subject(p->buf, a, *b);
	ex_trim(p->buf, a, b);
	for (k = 0; k < sizeof tail / sizeof tail[0]; k++)
		if (ex_ends(p->buf, *a, *b, tail[k])) {
			*b -= strlen(tail[k]);
			break;
		}
	ex_trim(p->buf, a, b);
	return *a < *b && ex_ncps(p->buf, *a, *b) <= EX_NAME_MAX;
}

static int bd_has_name(const ex_bd *b, const char *s, size_t a, size_t e)
{
	size_t k;
	for (k = 0; k < b->nparts; k++)
		if (strlen(b->parts[k].name.s) == e - a && !memcmp(b->parts[k].name.s, s + a, e - a))
			return 1;
	return 0;
}

static void bd_finish(ex_ctx *x, ex_doc *d, ex_bd *b, const ex_para *p, size_t src_a, size_t src_b)
{
	size_t k;
	if (b->nparts < 2 || !b->total.s) {
		ex_val_free(&b->name);
		ex_val_free(&b->total);
		for (k = 0; k < b->nparts; k++) {
			ex_val_free(&b->parts[k].name);
			ex_val_free(&b->parts[k].fig);
		}
		return;
	}
	ex_val_text(x, &b->source, p, src_a, src_b, EX_SOURCE_MAX);
	d->nbd++;
}

/* Add part [a, e) = f to b; 0 if the name is unusable. */
static int bd_part(ex_ctx *x, ex_bd *b, const ex_para *p, size_t a, size_t e, const ex_fig *f)
{
	ex_part *pt;
	if (b->nparts >= EX_MAX_PARTS || !part_name(p, &a, &e) || bd_has_name(b, p->buf, a, e))
		return 0;
	pt = &b->parts[b->nparts++];
	ex_val_text(x, &pt->name, p, a, e, EX_NAME_MAX);
	ex_val_set(x, &pt->fig, f->text, strlen(f->text), ex_orig(p, f->b));
	if (!pt->name.s || !pt->fig.s) {
		b->nparts--;
		ex_val_free(&pt->name);
		ex_val_free(&pt->fig);
		return 0;
	}
	return 1;
}

/* The one figure of clause [a, e), or 0. */
static int one_fig(const ex_para *p, size_t a, size_t e, ex_fig *f)
{
	size_t pos = a;
	ex_fig g;
	if (!ex_fig_next(p, e, &pos, f))
		return 0;
	return !ex_fig_next(p, e, &pos, &g);
}

static size_t clause_end(const ex_para *p, size_t i, size_t hi)
{
	while (i < hi && !ex_clause_break(p->buf, p->len, i))
		i++;
	return i;
}

/* "共922路，其中在线883路，离线31路，…": a whole, then 其中 and two or more
 * parts of the same kind, each clause a name and its figure. */
static void read_bd_total(ex_ctx *x, ex_doc *d, const ex_para *p, size_t lo, size_t hi)
{
	size_t c = lo;
	while (c < hi) {
		size_t ce = clause_end(p, c, hi), gong = ex_find(p->buf, c, ce, "共"), pos = gong;
		size_t c2, e2, a2, last_end;
		ex_fig tot, pf;
		ex_bd *b;
		c2 = ce < hi ? ce + (size_t)ex_clause_break(p->buf, p->len, ce) : hi;
		if (gong == NONE || !ex_fig_next(p, ce, &pos, &tot) || ex_ncps(p->buf, gong, tot.lb) > 8 ||
		    tot.f.unit != NUM_UNIT_NOUN || c2 >= hi) {
			c = c2;
			continue;
		}
		e2 = clause_end(p, c2, hi);
		a2 = c2;
		ex_trim(p->buf, &a2, &e2);
		if (!ex_starts(p->buf, a2, e2, "其中") || !one_fig(p, a2, e2, &pf) || !same_kind(&tot, &pf) ||
		    pf.e != e2 || !(b = bd_new(x, d))) {
			c = c2;
			continue;
		}
		{
			char name[256];
			size_t na = c, nb = gong, a3 = gong + strlen("共"), b3 = tot.lb, l1, l2;
			strip_subject(p->buf, &na, nb);
			ex_trim(p->buf, &na, &nb);
			ex_trim(p->buf, &a3, &b3);
			l1 = nb - na;
			l2 = b3 - a3;
			if (l1 + l2 > 0 && l1 + l2 < sizeof name) {
				memcpy(name, p->buf + na, l1);
				memcpy(name + l1, p->buf + a3, l2);
				ex_val_set(x, &b->name, name, l1 + l2, ex_orig(p, l1 ? na : a3));
			}
		}
		ex_val_set(x, &b->total, tot.text, strlen(tot.text), ex_orig(p, tot.b));
		last_end = tot.e;
		while (c2 < hi) {
			e2 = clause_end(p, c2, hi);
			a2 = c2;
			ex_trim(p->buf, &a2, &e2);
			if (!one_fig(p, a2, e2, &pf) || !same_kind(&tot, &pf) || pf.e != e2 ||
			    !bd_part(x, b, p, a2, pf.lb, &pf))
				break;
			last_end = e2;
			e2 = clause_end(p, c2, hi);
			c2 = e2 < hi ? e2 + (size_t)ex_clause_break(p->buf, p->len, e2) : hi;
		}
		bd_finish(x, d, b, p, c, last_end);
		c = c2;
	}
}

/* "汇聚 580 个视频点位到市级雪亮平台（县雪亮平台 380 个、智慧遥田 150 个、电信云视频 50 个）" */
static void read_bd_paren(ex_ctx *x, ex_doc *d, const ex_para *p, size_t lo, size_t hi)
{
	size_t pos = lo;
	ex_fig tot;
	while (ex_fig_next(p, hi, &pos, &tot)) {
		size_t i = tot.e, open = NONE, close, a, k;
		int l;
		ex_bd *b;
		if (tot.f.unit != NUM_UNIT_NOUN)
			continue;
		for (k = 0; k < 20 && i < hi; k++) {
			uint32_t c = ex_cp(p->buf, p->len, i, &l);
			if (c == 0xFF08 || c == '(') {
				open = i + (size_t)l;
				break;
			}
			if (ex_clause_break(p->buf, p->len, i) || ex_is_digit(c))
				break;
			i += (size_t)l;
		}
		if (open == NONE)
			continue;
		close = open;
		while (close < hi && p->buf[close] != ')' && !ex_starts(p->buf, close, hi, "）") &&
		       !ex_sent_break(p->buf, p->len, close))
			close++;
		if (close >= hi || ex_sent_break(p->buf, p->len, close))
			continue;
		if (!(b = bd_new(x, d)))
			return;
		a = tot.e;
		k = i;
		ex_trim(p->buf, &a, &k);
		if (a < k)
			ex_val_text(x, &b->name, p, a, k, EX_NAME_MAX);
		ex_val_set(x, &b->total, tot.text, strlen(tot.text), ex_orig(p, tot.b));
		for (a = open; a < close;) {
			size_t e = a, ia, ie;
			ex_fig pf;
			while (e < close && !ex_starts(p->buf, e, close, "、") && !ex_starts(p->buf, e, close, "，"))
				e++;
			ia = a;
			ie = e;
			ex_trim(p->buf, &ia, &ie);
			if (!one_fig(p, ia, ie, &pf) || !same_kind(&tot, &pf) || pf.e != ie ||
			    !bd_part(x, b, p, ia, pf.lb, &pf)) {
				b->nparts = 0;  /* every item must be a part */
				break;
			}
			a = e < close ? e + strlen("、") : close;
		}
		if (b->nparts < 2) {
			for (k = 0; k < EX_MAX_PARTS; k++) {
				ex_val_free(&b->parts[k].name);
				ex_val_free(&b->parts[k].fig);
			}
			b->nparts = 0;
		}
		bd_finish(x, d, b, p, ex_clause_start(p->buf, p->len, lo, tot.lb),
		          close + strlen("）") <= p->len && ex_starts(p->buf, close, p->len, "）") ? close + strlen("）") : close + 1);
		pos = close;
	}
}

/* ---- sentences ---- */

void ex_read_sentences(ex_ctx *x, ex_doc *d, size_t a, size_t b)
{
	size_t k;
	for (k = a; k < b && !x->oom; k++) {
		const ex_para *p = &x->t->p[k];
		size_t lo = p->body;
		if (!p->row)
			read_staffing(x, d, p);
		while (lo < p->len) {
			size_t hi = lo;
			int l = 0;
			while (hi < p->len && !(l = ex_sent_break(p->buf, p->len, hi)))
				hi++;
			read_funds(x, d, p, lo, hi);
			read_rates(x, d, p, lo, hi);
			read_bd_total(x, d, p, lo, hi);
			read_bd_paren(x, d, p, lo, hi);
			ex_read_claims(x, d, p, lo, hi);
			lo = hi + (size_t)(l ? l : 1);
		}
	}
}

/* ---- what the report says about itself ---- */

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

/* "label：" at the start of p's text: the value's start, or NONE. */
static size_t labelled(const ex_para *p, const char *label)
{
	size_t i = p->body;
	int l;
	uint32_t c;
	if (!ex_starts(p->buf, i, p->len, label))
		return NONE;
	i = blanks(p->buf, p->len, i + strlen(label));
	c = ex_cp(p->buf, p->len, i, &l);
	if (c != 0xFF1A && c != ':')
		return i == p->len && p->row ? p->len : NONE;
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
		if ((i = ex_find(p->buf, 0, p->len, proj[k])) != NONE) {
			set_form(x, d, p, i, "project");
			return;
		}
	for (k = 0; k < 3; k++)
		if ((i = ex_find(p->buf, 0, p->len, dept[k])) != NONE) {
			set_form(x, d, p, i, "department");
			return;
		}
}

void ex_read_meta(ex_ctx *x, ex_doc *d, size_t a, size_t b)
{
	ex_text *t = x->t;
	size_t k, title = 0, last[2] = { NONE, NONE };
	int have_year = 0;
	for (k = a; k < b && !x->oom; k++) {
		const ex_para *p = &t->p[k];
		size_t v, i, e;
		char date[16];
		int y;
		if ((v = labelled(p, "填报日期")) != NONE && !d->filed.s) {
			if (parse_date(p->buf, p->len, v, date, &e))
				ex_val_set(x, &d->filed, date, strlen(date), ex_orig(p, v));
		} else if ((v = labelled(p, "评价年度")) != NONE) {
			if ((y = parse_year(p->buf, p->len, v, 0)))
				set_year(x, d, y, ex_orig(p, v), 4, &have_year);
		} else if ((v = labelled(p, "单位名称")) != NONE || (v = labelled(p, "评价单位")) != NONE ||
		           (v = labelled(p, "部门名称")) != NONE) {
			if (v == p->len && p->row && k + 1 < b && t->p[k + 1].row == p->row)
				read_unit_value(x, d, &t->p[k + 1], 0, t->p[k + 1].len);
			else
				read_unit_value(x, d, p, v, p->len);
		} else if ((v = labelled(p, "项目名称")) != NONE) {
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
			title_form(x, d, p);
			for (i = 0; i < p->len; i++)
				if (ex_is_digit((unsigned char)p->buf[i]) && (y = parse_year(p->buf, p->len, i, 1))) {
					set_year(x, d, y, ex_orig(p, i), 2, &have_year);
					break;
				}
		}
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
	if (last[0] != NONE) {
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
