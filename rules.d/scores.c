/* scores.c — the score tree: sums, maxima, ranges, total, grade, execution cap (the indicator table is indicators.c; scores/max-missing is in rules.d/core.json). */
#include <jxlint/rule.h>

#include "member_name.h"

#include <stdio.h>
#include <string.h>

#define SCORES_MAX_DEPTH 64   /* levels of the score tree that are walked */
#define SCORES_STACK_PARTS 64 /* part pointers of a sum kept on the stack; more come from host scratch */
#define SCORES_POOL_ITEMS 128 /* items of a tree read into check's frame; more come from host scratch */

static const jxl_host *H;

static const jxl_rule_info rules[] = {
	{"scores/sum", JXL_SEV_ERROR, "得分不等于其分项得分之和", "a score is not the sum of its items' scores"},
	{"scores/max-sum", JXL_SEV_ERROR, "分值不等于其分项分值之和", "a maximum is not the sum of its items' maxima"},
	{"scores/range", JXL_SEV_ERROR, "得分小于 0 或超过分值", "a score below 0 or above its maximum"},
	{"scores/total-max", JXL_SEV_WARNING, "总分分值不是 100", "the total maximum is not 100"},
	{"scores/grade", JXL_SEV_ERROR, "评价等级与总分所在档次不符", "the grade does not match the total's band"},
	{"scores/execution-cap", JXL_SEV_WARNING, "预算执行率不足 100%，而得分超过按执行率计算的上限或为满分",
	 "score above what the budget execution rate allows, or full marks with execution below 100%"},
};

/* --- small readers --- */

static const jxl_fig *num(jxl_ctx *ctx, long long v)
{
	return H->from_int(ctx, v);
}

/* A finding about a comparison: the stated figure and, where one helps,
 * by how much it is off (there is no computed value to show). */
static void emit(jxl_ctx *ctx, const char *rule, int sev, const jxl_node *at, const jxl_fig *stated,
                 const jxl_fig *difference, const char *zh, const char *en)
{
	jxl_finding f = {.size = sizeof f};

	f.rule = rule;
	f.severity = sev;
	f.node = at;
	f.stated = stated;
	f.difference = difference;
	f.msg_zh = zh;
	f.msg_en = en;
	H->emit(ctx, &f);
}

/* --- per node: sum, max-sum, range --- */

/* What one score node states, read in one pass over its members (the last
 * of a repeated key wins, as with get()). Every figure the rules below use
 * is read here, once: a node's score and max, nothing else. */
struct item {
	const jxl_node *score, *max, *items, *grade; /* items: a non-empty array, else NULL */
	const char *name;                            /* H->str of "name" */
	unsigned bonus : 1, execution : 1;           /* "kind" is "bonus" / "execution" */
	const jxl_fig *sfig, *mfig;                  /* score and max read as scores (NULL: absent or unreadable) */
	size_t nkids;                                /* items in `items` */
	struct item *kids;                           /* the items, once walk has read them */
};

static void read_item(jxl_ctx *ctx, const jxl_node *n, struct item *it)
{
	const jxl_host *h = H;   /* in a register across the calls below (H is a global they might change) */
	size_t i, len = h->kind(n) == JXL_OBJECT ? h->len(n) : 0;

	memset(it, 0, sizeof *it);
	for (i = 0; i < len; i++) {
		const jxl_node *m = h->at(n, i);
		const char *k = h->key(m), *s;
		switch (k[0]) {   /* the rest of the name, compared in place */
		case 's': if (NAME5(k, 'c', 'o', 'r', 'e')) it->score = m; break;
		case 'm': if (NAME3(k, 'a', 'x')) it->max = m; break;
		case 'i': if (NAME5(k, 't', 'e', 'm', 's')) it->items = m; break;
		case 'n': if (NAME4(k, 'a', 'm', 'e')) it->name = h->str(m); break;
		case 'g': if (NAME5(k, 'r', 'a', 'd', 'e')) it->grade = m; break;
		case 'k':
			if (NAME4(k, 'i', 'n', 'd')) {
				s = h->str(m);
				it->bonus = s && !strcmp(s, "bonus");
				it->execution = s && !strcmp(s, "execution");
			}
			break;
		}
	}
	if (it->items && (h->kind(it->items) != JXL_ARRAY || (it->nkids = h->len(it->items)) == 0))
		it->items = NULL;
	it->sfig = it->score ? h->fig(ctx, it->score, JXL_AS_SCORE) : NULL;
	it->mfig = it->max ? h->fig(ctx, it->max, JXL_AS_SCORE) : NULL;
}

/* Room for the items walk reads, handed out in order: a tree's usual
 * items fit in `own` (in check's frame, which outlives the walk); more
 * come from host scratch. */
struct pool {
	struct item own[SCORES_POOL_ITEMS];
	size_t used;
};

/* The items of `it`, each read once; NULL when it has none (or no room:
 * a host without scratch reads none, as before the pool). */
static struct item *read_items(jxl_ctx *ctx, struct pool *p, const struct item *it)
{
	size_t i, n = it->nkids;
	struct item *v = NULL;

	if (!it->items || !JXL_HOST_HAS(H, scratch))
		return NULL;
	if (n <= SCORES_POOL_ITEMS - p->used) {
		v = &p->own[p->used];
		p->used += n;
	} else if (!(v = H->scratch(ctx, n * sizeof *v))) {
		return NULL;
	}
	for (i = 0; i < n; i++)
		read_item(ctx, H->at(it->items, i), &v[i]);
	return v;
}

static const char *item_name(const struct item *it, const char *dflt)
{
	return it->name && *it->name ? it->name : dflt;
}

/* The score nodes that make up a node's items (`kids`, read already, or
 * NULL to read them): an item without a score contributes its own items.
 * The first `cap` go to parts, all are counted in *n. -1 when an item has
 * neither (or the tree is too deep). */
static int collect(jxl_ctx *ctx, const jxl_node *items, const struct item *kids, const jxl_node **parts,
		   size_t cap, size_t *n, int depth)
{
	size_t i, len = H->len(items);

	if (depth > SCORES_MAX_DEPTH)
		return -1;
	for (i = 0; i < len; i++) {
		struct item own;
		const struct item *it = kids ? &kids[i] : (read_item(ctx, H->at(items, i), &own), &own);
		if (it->sfig) {
			if (*n < cap)
				parts[*n] = it->score;
			(*n)++;
		} else if (!it->items || collect(ctx, it->items, NULL, parts, cap, n, depth + 1) < 0) {
			return -1;
		}
	}
	return 0;
}

/* Room for n part pointers: the stack buffer, or host scratch for more
 * (any n, so no node is too large to check). */
static const jxl_node **parts_for(jxl_ctx *ctx, const jxl_node **buf, size_t n)
{
	if (n <= SCORES_STACK_PARTS)
		return buf;
	return JXL_HOST_HAS(H, scratch) ? H->scratch(ctx, n * sizeof(const jxl_node *)) : NULL;
}

static void check_sum(jxl_ctx *ctx, const struct item *node, const struct item *kids, int depth)
{
	const jxl_node *buf[SCORES_STACK_PARTS], **parts = buf;
	size_t n = 0, again = 0;

	if (!node->sfig || !node->items || collect(ctx, node->items, kids, buf, SCORES_STACK_PARTS, &n, depth + 1) < 0 ||
	    !JXL_HOST_HAS(H, scratch))   /* a host without scratch has no room for any sum, as before */
		return;
	if (n > SCORES_STACK_PARTS) {   /* collected again, into room for all (the figures are read already) */
		if (!(parts = parts_for(ctx, buf, n)))
			return;
		collect(ctx, node->items, kids, parts, n, &again, depth + 1);
	}
	const char *what = item_name(node, "总分");
	jxl_sum s = {.size = sizeof s, .rule = "scores/sum", .total = node->score, .parts = parts, .nparts = n,
		     .as = JXL_AS_SCORE, .what_zh = what, .what_en = what};
	H->check_sum(ctx, &s);
}

/* node max = Σ items' max, when every item states one and none is a bonus item. */
static void check_max_sum(jxl_ctx *ctx, const struct item *node, const struct item *kids)
{
	const jxl_node *buf[SCORES_STACK_PARTS], **parts;
	size_t i, n = node->nkids;

	if (!node->mfig || !kids)
		return;
	for (i = 0; i < n; i++)
		if (kids[i].bonus || !kids[i].mfig)
			return;
	if (!(parts = parts_for(ctx, buf, n)))
		return;
	for (i = 0; i < n; i++)
		parts[i] = kids[i].max;
	const char *what = item_name(node, "总分");
	jxl_sum s = {.size = sizeof s, .rule = "scores/max-sum", .total = node->max, .parts = parts, .nparts = n,
		     .as = JXL_AS_SCORE, .what_zh = what, .what_en = what,
		     .what_after_zh = "的分值", .what_after_en = " maximum"};   /* worded by the host only if the sum is broken */
	H->check_sum(ctx, &s);
}

/* scores/range: 0 ≤ score ≤ max, exactly (a bonus item may be negative). */
static void check_range(jxl_ctx *ctx, const struct item *node, const jxl_fig *zero)
{
	const jxl_fig *s = node->sfig, *m = node->mfig;
	const char *name;

	if (!s)
		return;
	if (!node->bonus && below_zero(H, node->score, s, zero)) {
		name = item_name(node, "总分");
		emit(ctx, "scores/range", 0, node->score, s, NULL,
		     H->fmt(ctx, "「%s」得分 %s 小于 0", name, H->text(ctx, s)),
		     H->fmt(ctx, "%s scores %s, below 0", name, H->text(ctx, s)));
	} else if (m && H->cmp_value(s, m) > 0) {
		name = item_name(node, "总分");
		emit(ctx, "scores/range", 0, node->score, s, H->sub(ctx, s, m),
		     H->fmt(ctx, "「%s」得分 %s 超过分值 %s", name, H->text(ctx, s), H->text(ctx, m)),
		     H->fmt(ctx, "%s scores %s, above its maximum %s", name, H->text(ctx, s), H->text(ctx, m)));
	}
}

/* --- the tree walk --- */

struct walk {
	jxl_ctx *ctx;
	const jxl_fig *zero;
	const struct item *exec;   /* the budget-execution item, if any */
	struct pool *pool;
};

/* A node, read as *it: its checks, then its items'. Its items stay in it->kids. */
static void walk(struct walk *w, struct item *it, int depth)
{
	size_t i, n = it->nkids;
	struct item *kids;

	if (depth > SCORES_MAX_DEPTH)
		return;
	it->kids = kids = read_items(w->ctx, w->pool, it);
	check_range(w->ctx, it, w->zero);
	if (it->items) {   /* a leaf has no sums: most nodes are leaves, so not even the calls */
		check_sum(w->ctx, it, kids, depth);
		check_max_sum(w->ctx, it, kids);
	}
	if (!w->exec && depth > 0 &&
	    (it->execution || (it->name && it->name[0] == "预"[0] && !strcmp(it->name, "预算执行率"))))
		w->exec = it;
	for (i = 0; kids && i < n; i++)
		walk(w, &kids[i], depth + 1);
}

/* --- whole-tree rules --- */

/* Only the max and kind of a node, as check_total_max reads them when
 * walk could not (a host without scratch). */
static const struct item *read_max(jxl_ctx *ctx, const jxl_node *n, struct item *it)
{
	const char *k = H->str(H->get(n, "kind"));

	memset(it, 0, sizeof *it);
	it->max = H->get(n, "max");
	it->mfig = H->fig(ctx, it->max, JXL_AS_SCORE);
	it->bonus = k && !strcmp(k, "bonus");
	return it;
}

/* Root max is 100, or 100 plus its bonus items' maxima; without a root max,
 * the non-bonus items' maxima total 100. */
static void check_total_max(jxl_ctx *ctx, const struct item *root)
{
	const jxl_fig *hundred = num(ctx, 100), *m = root->mfig;
	const jxl_fig *bonus = NULL, *rest = NULL, *net;
	size_t i, n = root->kids ? root->nkids : 0;
	int known = 1; /* every non-bonus item states its max */

	if (m && H->cmp_value(m, hundred) == 0)
		return;
	if (!root->kids && root->items)   /* a host without scratch: walk read no items */
		n = root->nkids;
	for (i = 0; i < n && known; i++) {
		struct item own;
		const struct item *it = root->kids ? &root->kids[i] : read_max(ctx, H->at(root->items, i), &own);
		const jxl_fig *x = it->mfig;
		const jxl_fig **acc = it->bonus ? &bonus : &rest;
		if (x)
			*acc = *acc ? H->add(ctx, *acc, x) : x;
		if (x ? !*acc : acc == &rest)
			known = 0;
	}
	if (m) {
		net = bonus ? H->sub(ctx, m, bonus) : NULL;
		if (net && H->cmp_value(net, hundred) == 0)
			return;
		emit(ctx, "scores/total-max", 0, root->max, m, H->sub(ctx, m, hundred),
		     H->fmt(ctx, "「%s」分值为 %s，不是 100", item_name(root, "总分"), H->text(ctx, m)),
		     H->fmt(ctx, "%s has a maximum of %s, not 100", item_name(root, "总分"), H->text(ctx, m)));
	} else if (known && rest && H->cmp_value(rest, hundred) != 0) {
		emit(ctx, "scores/total-max", 0, root->items, rest, H->sub(ctx, rest, hundred),
		     H->fmt(ctx, "各项分值合计 %s（不含加减分项），不是 100", H->text(ctx, rest)),
		     H->fmt(ctx, "the items' maxima total %s (bonus items excluded), not 100", H->text(ctx, rest)));
	}
}

/* Grade bands: 优 ≥ 90 > 良 ≥ 80 > 中 ≥ 60 > 差. */
static const struct band {
	const char *zh, *en, *range_zh, *range_en, *names[3];
	int floor;
} bands[] = {
	{"优", "excellent", "90 分及以上", "90 and above", {"优", "优秀", NULL}, 90},
	{"良", "good", "80 分至不足 90 分", "80 to under 90", {"良", "良好", NULL}, 80},
	{"中", "fair", "60 分至不足 80 分", "60 to under 80", {"中", "中等", "合格"}, 60},
	{"差", "poor", "60 分以下", "under 60", {"差", "较差", "不合格"}, 0},
};

static void check_grade(jxl_ctx *ctx, const struct item *root)
{
	const char *g = root->grade ? H->str(root->grade) : NULL;
	const jxl_fig *t = root->sfig;
	int said = -1, is = 0, i, j;

	if (!g || !t)
		return;
	for (i = 0; i < 4 && said < 0; i++)
		for (j = 0; j < 3 && bands[i].names[j]; j++)
			if (!strcmp(g, bands[i].names[j]))
				said = i;
	if (said < 0)
		return;
	while (is < 3 && H->cmp_value(t, num(ctx, bands[is].floor)) < 0)
		is++;
	if (is == said)
		return;
	emit(ctx, "scores/grade", 0, root->grade, NULL, NULL,
	     H->fmt(ctx, "等级「%s」与总分 %s 不符：%s 分属「%s」（%s）", g, H->text(ctx, t), H->text(ctx, t),
	            bands[is].zh, bands[is].range_zh),
	     H->fmt(ctx, "grade %s does not match the total %s, which is %s (%s, %s)", g, H->text(ctx, t),
	            bands[is].zh, bands[is].en, bands[is].range_en));
}

/* --- scores/execution-cap --- */

#define EXEC_ITEM_MAX 10 /* the 预算执行率 分值 of the national project template */

/* a and b both known and a surely above b. */
static int above(const jxl_fig *a, const jxl_fig *b)
{
	return a && b && H->cmp(a, b) > 0;
}

/* n ÷ d as a percent (99.5% is pct(995, 1000)). */
static const jxl_fig *pct(jxl_ctx *ctx, long long n, long long d)
{
	return H->div(ctx, num(ctx, n), num(ctx, d));
}

/* x − y surely above 1/k: k·x − 1 surely above k·y. k = 200 allows the
 * ½·0.01 point that rounding a score to 2 decimals explains; k = 2 is
 * the half point between info and warning. Needs host->mul. It implies
 * above(x, y), which callers test first: it needs no arithmetic. */
static int exceeds(jxl_ctx *ctx, const jxl_fig *x, const jxl_fig *y, long long k)
{
	const jxl_fig *kx = x ? H->mul(ctx, x, num(ctx, k)) : NULL;
	const jxl_fig *ky = y ? H->mul(ctx, y, num(ctx, k)) : NULL;

	return above(kx ? H->sub(ctx, kx, num(ctx, 1)) : NULL, ky);
}

/* A computed figure with 2 decimals (8.34, 83.39%), or up to 4 while 2
 * would make it read like `apart` (99.996% is not shown as 100.00%). */
static const char *shown(jxl_ctx *ctx, const jxl_fig *f, const jxl_fig *apart)
{
	int p = 2;

	if (!f)
		return "?";
	if (!JXL_HOST_HAS(H, text_places))
		return H->text(ctx, f);
	while (p < 4 && apart && !strcmp(H->text_places(ctx, f, p), H->text_places(ctx, apart, p)))
		p++;
	return H->text_places(ctx, f, p);
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

/* The figures of the execution rate R = spending ÷ base, as rates/execution
 * computes it: base is the budget (adjusted, else total, else initial —
 * the first that states a figure); a department form that writes no
 * budget figure at all is measured against its income total. *zh and *en name
 * the rate for a message, ready to be followed by its value ("预算执行率 ",
 * or with the income total named). Every figure is read here, whether or
 * not the rate is then needed; the division is left to rate_below_full(). */
struct exec_rate {
	const jxl_fig *spent, *base, *r, *full;   /* r and full (100%) once made */
	const char *zh, *en;
};

static void exec_rate_read(jxl_ctx *ctx, const jxl_doc *doc, const jxl_node *root, struct exec_rate *e)
{
	static const char *const keys[] = {"adjusted", "total", "initial"};
	const jxl_node *b = H->get(root, "budget");
	int any = 0;
	size_t i;

	e->spent = H->fig(ctx, H->get(H->get(root, "expenditure"), "total"), JXL_AS_MONEY);
	e->base = e->r = e->full = NULL;
	e->zh = "预算执行率 ";
	e->en = "execution rate ";
	for (i = 0; i < 3 && !e->base; i++) {
		const jxl_node *k = H->get(b, keys[i]);
		any |= written(k);
		e->base = H->fig(ctx, k, JXL_AS_MONEY);
	}
	if (!e->base && !any && H->form(doc) == 'd') {
		e->base = H->fig(ctx, H->get(H->get(root, "income"), "total"), JXL_AS_MONEY);
		e->zh = "预算执行率（未填预算，以收入合计为分母）";
		e->en = "execution rate (no budget stated; measured against the income total) ";
	}
}

/* 100% as a computed rate (1 ÷ 1), made once it is needed. */
static const jxl_fig *full_of(jxl_ctx *ctx, struct exec_rate *e)
{
	if (!e->full)
		e->full = pct(ctx, 1, 1);
	return e->full;
}

/* R, when it is surely below 100% (else NULL: no finding). A rate surely
 * below 99 needs no 100% to tell (1 ÷ 1 is 100% within far less than a
 * point); one nearer 100% is compared with it. */
static const jxl_fig *rate_below_full(jxl_ctx *ctx, struct exec_rate *e)
{
	e->r = e->spent && e->base ? H->div(ctx, e->spent, e->base) : NULL;
	if (!e->r)
		return NULL;
	if (H->cmp(e->r, num(ctx, 99)) < 0)
		return e->r;
	return above(full_of(ctx, e), e->r) ? e->r : NULL;
}

/* Project forms, and forms that mark an item "kind": "execution": the
 * execution item (max m, default 10) may score at most R·m, and the
 * total at most rootmax − m + R·m (national template: 90 + R·10). Fires
 * when the execution item scores above R·m, or — with no scored execution
 * item — when the total is 100 and above that cap; beyond the ½·0.01
 * point of 2-decimal rounding in both cases. Warning when the excess is
 * over 0.5 points, info otherwise. Without host->mul it does not run.
 * What needs no arithmetic is tested before R is computed. */
static void cap_by_formula(jxl_ctx *ctx, const struct item *tree, const struct item *exec, struct exec_rate *e)
{
	const jxl_fig *s = exec ? exec->sfig : NULL, *m = exec ? exec->mfig : NULL, *t = tree->sfig;
	const jxl_fig *rmax = tree->mfig, *cap, *rest, *r;
	const char *rt;   /* the rate as shown, made only for a finding */
	int sev;

	if (!JXL_HOST_HAS(H, mul) || (s && !m))
		return; /* a scored execution item without its max: nothing to measure against */
	if (!s && (!t || H->cmp_value(t, num(ctx, 100)) != 0))
		return; /* neither a scored execution item nor a total of 100 */
	if (!(r = rate_below_full(ctx, e)))
		return;
	if (!m)
		m = num(ctx, EXEC_ITEM_MAX);
	if (!rmax)
		rmax = num(ctx, 100);
	cap = H->mul(ctx, r, m); /* R·m points */
	if (s) {
		if (!above(s, cap) || !exceeds(ctx, s, cap, 200))
			return;
		sev = exceeds(ctx, s, cap, 2) ? JXL_SEV_DEFAULT : JXL_SEV_INFO;
		rt = shown(ctx, r, full_of(ctx, e));
		emit(ctx, "scores/execution-cap", sev, exec->score, s, NULL,
		     H->fmt(ctx, "%s%s：「%s」（分值 %s）按「执行率 × 分值」最多得 %s 分，自评 %s 分",
		            e->zh, rt, item_name(exec, "预算执行率"), H->text(ctx, m), shown(ctx, cap, s), H->text(ctx, s)),
		     H->fmt(ctx, "%s%s: %s (max %s), scored as rate × max, can score at most %s; self-scored %s",
		            e->en, rt, item_name(exec, "预算执行率"), H->text(ctx, m), shown(ctx, cap, s), H->text(ctx, s)));
		return;
	}
	rest = H->sub(ctx, rmax, m);
	cap = cap && rest ? H->add(ctx, rest, cap) : NULL; /* rootmax − m + R·m */
	if (!above(t, cap) || !exceeds(ctx, t, cap, 200))
		return;
	sev = exceeds(ctx, t, cap, 2) ? JXL_SEV_DEFAULT : JXL_SEV_INFO;
	rt = shown(ctx, r, full_of(ctx, e));
	emit(ctx, "scores/execution-cap", sev, tree->score, t, NULL,
	     H->fmt(ctx, "%s%s 低于 100%%：预算执行按「执行率 × %s 分」计分，总分最多 %s 分，自评 %s 分",
	            e->zh, rt, H->text(ctx, m), shown(ctx, cap, t), H->text(ctx, t)),
	     H->fmt(ctx, "%s%s is below 100%%: with budget execution scored as rate × %s, "
	            "the total can be at most %s; self-scored %s", e->en, rt, H->text(ctx, m), shown(ctx, cap, t),
	            H->text(ctx, t)));
}

/* Department forms without a marked execution item: their templates score
 * execution in tiers of their own, so only full marks (root score = root
 * max, 100 when none is stated) with R below 100% is reported — warning,
 * info when R may be 99.5% or more (seed 004-6: 100 points at 33.61%). */
static void full_marks_below(jxl_ctx *ctx, const struct item *tree, struct exec_rate *e)
{
	const jxl_fig *t = tree->sfig, *rmax = tree->mfig, *r;
	const char *rt;

	if (!rmax)
		rmax = num(ctx, 100);
	if (!t || H->cmp_value(t, rmax) != 0 || !(r = rate_below_full(ctx, e)))
		return;
	rt = shown(ctx, r, full_of(ctx, e));
	emit(ctx, "scores/execution-cap", above(pct(ctx, 995, 1000), r) ? JXL_SEV_DEFAULT : JXL_SEV_INFO,
	     tree->score, t, NULL,
	     H->fmt(ctx, "%s%s 低于 100%%，但总分为满分 %s 分：按执行率计分的指标不应得满分",
	            e->zh, rt, H->text(ctx, t)),
	     H->fmt(ctx, "%s%s is below 100%%, yet the total has full marks (%s): "
	            "the items scored on budget execution cannot all have full marks", e->en, rt, H->text(ctx, t)));
}

/* scores/execution-cap: with the execution rate R surely below 100% (a
 * rate from rounded figures whose interval reaches 100% is not), the
 * project template's formula where it applies, full marks otherwise on
 * department forms. One finding per tree at most. */
static void check_exec_cap(jxl_ctx *ctx, const jxl_doc *doc, const jxl_node *root, const struct item *tree,
                           const struct item *exec)
{
	struct exec_rate e;
	int form, formula;

	exec_rate_read(ctx, doc, root, &e);
	form = H->form(doc);
	formula = form == 'p' || (exec && exec->execution);
	if (formula)
		cap_by_formula(ctx, tree, exec, &e);
	else if (form == 'd')
		full_marks_below(ctx, tree, &e);
}

static void check(jxl_ctx *ctx, const jxl_doc *doc)
{
	const jxl_node *root = H->root(doc), *tree = H->get(root, "scores");
	struct pool pool;
	struct walk w = {ctx, NULL, NULL, &pool};
	struct item top;

	if (H->kind(tree) != JXL_OBJECT)
		return;
	pool.used = 0;
	w.zero = num(ctx, 0);
	read_item(ctx, tree, &top);
	walk(&w, &top, 0);
	check_total_max(ctx, &top);
	check_grade(ctx, &top);
	check_exec_cap(ctx, doc, root, &top, w.exec);
}

JXL_PLUGIN_DEFINE(H, "scores", "1.0", rules, check)
