/* scores.c — the score tree (sums, maxima, ranges, grade, execution cap) and the indicator table. */
#include <jxlint/rule.h>

#include <stdio.h>
#include <string.h>

#define SCORES_MAX_DEPTH 64   /* levels of the score tree that are walked */
#define SCORES_MAX_PARTS 256  /* addends of one sum; a larger node is not checked */

static const jxl_host *H;

static const jxl_rule_info rules[] = {
	{"scores/sum", JXL_SEV_ERROR, "得分不等于其分项得分之和", "a score is not the sum of its items' scores"},
	{"scores/max-sum", JXL_SEV_ERROR, "分值不等于其分项分值之和", "a maximum is not the sum of its items' maxima"},
	{"scores/range", JXL_SEV_ERROR, "得分小于 0 或超过分值", "a score below 0 or above its maximum"},
	{"scores/total-max", JXL_SEV_WARNING, "总分分值不是 100", "the total maximum is not 100"},
	{"scores/grade", JXL_SEV_ERROR, "评价等级与总分所在档次不符", "the grade does not match the total's band"},
	{"scores/execution-cap", JXL_SEV_WARNING, "预算执行率不足 100% 而得分超过按执行率计算的上限",
	 "score above what the budget execution rate allows"},
	{"scores/max-missing", JXL_SEV_INFO, "部分指标未写分值，无法核对得分是否超过分值",
	 "items without a maximum: score ≤ max cannot be checked"},
	{"indicators/full-marks-missed", JXL_SEV_WARNING, "指标得满分，但实际完成值未达到指标值",
	 "full marks on an indicator whose actual value misses its target"},
	{"indicators/full-marks-no-actual", JXL_SEV_WARNING, "指标得满分，但未填实际完成值",
	 "full marks on an indicator with no actual value"},
	{"indicators/range", JXL_SEV_ERROR, "指标得分小于 0 或超过分值", "an indicator score below 0 or above its maximum"},
	{"indicators/group-sum", JXL_SEV_ERROR, "一级指标得分不等于指标表中该组得分之和",
	 "a level-1 group's score is not the sum of its indicators' scores"},
};

/* --- small readers --- */

static int present(const jxl_node *n)
{
	return H->kind(n) > JXL_NULL;
}

static const jxl_fig *score_of(jxl_ctx *ctx, const jxl_node *n)
{
	return H->fig(ctx, H->get(n, "score"), JXL_AS_SCORE);
}

static const jxl_fig *max_of(jxl_ctx *ctx, const jxl_node *n)
{
	return H->fig(ctx, H->get(n, "max"), JXL_AS_SCORE);
}

static const char *name_of(const jxl_node *n, const char *dflt)
{
	const char *s = H->str(H->get(n, "name"));
	return s && *s ? s : dflt;
}

static int kind_is(const jxl_node *n, const char *k)
{
	const char *s = H->str(H->get(n, "kind"));
	return s && !strcmp(s, k);
}

static int is_exec(const jxl_node *n)
{
	return kind_is(n, "execution") || !strcmp(name_of(n, ""), "预算执行率");
}

/* A node's items, or NULL when it has none. */
static const jxl_node *items_of(const jxl_node *n)
{
	const jxl_node *it = H->get(n, "items");
	return H->kind(it) == JXL_ARRAY && H->len(it) > 0 ? it : NULL;
}

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

/* The score nodes that make up a node's items: an item without a score
 * contributes its own items. -1 when an item has neither (or too many). */
static int collect(jxl_ctx *ctx, const jxl_node *items, const jxl_node **parts, size_t *n, int depth)
{
	size_t i, len = H->len(items);

	if (depth > SCORES_MAX_DEPTH)
		return -1;
	for (i = 0; i < len; i++) {
		const jxl_node *it = H->at(items, i);
		if (score_of(ctx, it)) {
			if (*n == SCORES_MAX_PARTS)
				return -1;
			parts[(*n)++] = H->get(it, "score");
		} else if (!items_of(it) || collect(ctx, items_of(it), parts, n, depth + 1) < 0) {
			return -1;
		}
	}
	return 0;
}

static void check_sum(jxl_ctx *ctx, const jxl_node *node, int depth)
{
	const jxl_node *parts[SCORES_MAX_PARTS];
	size_t n = 0;
	jxl_sum s = {.size = sizeof s};

	if (!score_of(ctx, node) || !items_of(node) || collect(ctx, items_of(node), parts, &n, depth + 1) < 0)
		return;
	s.rule = "scores/sum";
	s.total = H->get(node, "score");
	s.parts = parts;
	s.nparts = n;
	s.as = JXL_AS_SCORE;
	s.what_zh = s.what_en = name_of(node, "总分");
	H->check_sum(ctx, &s);
}

/* node max = Σ items' max, when every item states one and none is a bonus item. */
static void check_max_sum(jxl_ctx *ctx, const jxl_node *node)
{
	const jxl_node *parts[SCORES_MAX_PARTS];
	const jxl_node *items = items_of(node);
	size_t i, n = H->len(items);
	jxl_sum s = {.size = sizeof s};

	if (!max_of(ctx, node) || !items || n > SCORES_MAX_PARTS)
		return;
	for (i = 0; i < n; i++) {
		const jxl_node *it = H->at(items, i);
		if (kind_is(it, "bonus") || !max_of(ctx, it))
			return;
		parts[i] = H->get(it, "max");
	}
	s.rule = "scores/max-sum";
	s.total = H->get(node, "max");
	s.parts = parts;
	s.nparts = n;
	s.as = JXL_AS_SCORE;
	s.what_zh = H->fmt(ctx, "%s的分值", name_of(node, "总分"));
	s.what_en = H->fmt(ctx, "%s maximum", name_of(node, "总分"));
	H->check_sum(ctx, &s);
}

/* 0 ≤ score ≤ max, exactly (a bonus item may be negative). Shared by scores/range and indicators/range. */
static void check_range(jxl_ctx *ctx, const char *rule, const jxl_node *node, const char *name)
{
	const jxl_fig *s = score_of(ctx, node), *m = max_of(ctx, node);
	const jxl_node *at = H->get(node, "score");

	if (!s)
		return;
	if (!kind_is(node, "bonus") && H->cmp_value(s, num(ctx, 0)) < 0)
		emit(ctx, rule, 0, at, s, NULL,
		     H->fmt(ctx, "「%s」得分 %s 小于 0", name, H->text(ctx, s)),
		     H->fmt(ctx, "%s scores %s, below 0", name, H->text(ctx, s)));
	else if (m && H->cmp_value(s, m) > 0)
		emit(ctx, rule, 0, at, s, H->sub(ctx, s, m),
		     H->fmt(ctx, "「%s」得分 %s 超过分值 %s", name, H->text(ctx, s), H->text(ctx, m)),
		     H->fmt(ctx, "%s scores %s, above its maximum %s", name, H->text(ctx, s), H->text(ctx, m)));
}

/* --- the tree walk --- */

struct walk {
	jxl_ctx *ctx;
	size_t leaves;           /* items without sub-items that state a score */
	size_t leaves_nomax;     /* … of which state no max */
	const jxl_node *exec;    /* the budget-execution item, if any */
};

static void walk(struct walk *w, const jxl_node *node, int depth)
{
	const jxl_node *items = items_of(node);
	size_t i, n = H->len(items);

	if (depth > SCORES_MAX_DEPTH)
		return;
	check_range(w->ctx, "scores/range", node, name_of(node, "总分"));
	check_sum(w->ctx, node, depth);
	check_max_sum(w->ctx, node);
	if (!items && depth > 0 && score_of(w->ctx, node)) {
		w->leaves++;
		if (!present(H->get(node, "max")))
			w->leaves_nomax++;
	}
	if (!w->exec && depth > 0 && is_exec(node))
		w->exec = node;
	for (i = 0; i < n; i++)
		walk(w, H->at(items, i), depth + 1);
}

/* --- whole-tree rules --- */

/* Root max is 100, or 100 plus its bonus items' maxima; without a root max,
 * the non-bonus items' maxima total 100. */
static void check_total_max(jxl_ctx *ctx, const jxl_node *root)
{
	const jxl_fig *hundred = num(ctx, 100), *m = max_of(ctx, root);
	const jxl_fig *bonus = NULL, *rest = NULL, *net;
	const jxl_node *items = items_of(root);
	size_t i, n = H->len(items);
	int known = 1; /* every non-bonus item states its max */

	if (m && H->cmp_value(m, hundred) == 0)
		return;
	for (i = 0; i < n && known; i++) {
		const jxl_node *it = H->at(items, i);
		const jxl_fig *x = max_of(ctx, it);
		const jxl_fig **acc = kind_is(it, "bonus") ? &bonus : &rest;
		if (x)
			*acc = *acc ? H->add(ctx, *acc, x) : x;
		if (x ? !*acc : acc == &rest)
			known = 0;
	}
	if (m) {
		net = bonus ? H->sub(ctx, m, bonus) : NULL;
		if (net && H->cmp_value(net, hundred) == 0)
			return;
		emit(ctx, "scores/total-max", 0, H->get(root, "max"), m, H->sub(ctx, m, hundred),
		     H->fmt(ctx, "「%s」分值为 %s，不是 100", name_of(root, "总分"), H->text(ctx, m)),
		     H->fmt(ctx, "%s has a maximum of %s, not 100", name_of(root, "总分"), H->text(ctx, m)));
	} else if (known && rest && H->cmp_value(rest, hundred) != 0) {
		emit(ctx, "scores/total-max", 0, H->get(root, "items"), rest, H->sub(ctx, rest, hundred),
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

static void check_grade(jxl_ctx *ctx, const jxl_node *root)
{
	const char *g = H->str(H->get(root, "grade"));
	const jxl_fig *t = score_of(ctx, root);
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
	emit(ctx, "scores/grade", 0, H->get(root, "grade"), NULL, NULL,
	     H->fmt(ctx, "等级「%s」与总分 %s 不符：%s 分属「%s」（%s）", g, H->text(ctx, t), H->text(ctx, t),
	            bands[is].zh, bands[is].range_zh),
	     H->fmt(ctx, "grade %s does not match the total %s, which is %s (%s, %s)", g, H->text(ctx, t),
	            bands[is].zh, bands[is].en, bands[is].range_en));
}

/* Points shown from a figure the host computed as a percent (host->div
 * yields percents; points = a ÷ (b ÷ max) come back with a % sign). */
static const char *points(jxl_ctx *ctx, const jxl_fig *f)
{
	const char *t = f ? H->text(ctx, f) : NULL;
	size_t n = t ? strlen(t) : 0;

	if (n && t[n - 1] == '%')
		return H->fmt(ctx, "%.*s", (int)(n - 1), t);
	return t ? t : "?";
}

/* a and b both known and a surely above b. */
static int above(const jxl_fig *a, const jxl_fig *b)
{
	return a && b && H->cmp(a, b) > 0;
}

/* (2x − 1) ÷ 2m as a percent: above the rate R exactly when x − R·m > 0.5 points. */
static const jxl_fig *half_point_over(jxl_ctx *ctx, const jxl_fig *x, const jxl_fig *m)
{
	const jxl_fig *x2 = H->add(ctx, x, x), *m2 = H->add(ctx, m, m);
	const jxl_fig *d = x2 ? H->sub(ctx, x2, num(ctx, 1)) : NULL;
	return d && m2 ? H->div(ctx, d, m2) : NULL;
}

/* The budget: adjusted, else total, else initial — the first that states a figure. */
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

/* The execution item (max m) scores above R·m beyond the ½·0.01 point its
 * 2-decimal rounding explains: s ÷ m − 0.5/m % surely above R. */
static int item_over(jxl_ctx *ctx, const jxl_fig *s, const jxl_fig *m, const jxl_fig *r)
{
	const jxl_fig *share = H->div(ctx, s, m), *tol = NULL;
	long long mi;

	if (share && H->to_int(m, &mi) == 0 && mi > 0 && mi < 1000000)
		tol = H->div(ctx, num(ctx, 1), num(ctx, 200 * mi));
	return above(tol ? H->sub(ctx, share, tol) : share, r);
}

/* scores/execution-cap, on project forms or where an item has kind
 * "execution". With the execution rate R = spending ÷ budget
 * surely below 100%, the execution item (max m) may score at most R·m and
 * the total at most rootmax − m + R·m (national template: 90 + R·10).
 * Fires when the execution item scores above R·m, or — with no scored
 * execution item — when the total is 100. Warning when the excess is over
 * 0.5 points, info otherwise. Percents only come from host->div, and
 * points = spending ÷ (budget ÷ m) are shown without their % sign. */
static void check_exec_cap(jxl_ctx *ctx, const jxl_doc *doc, const jxl_node *tree, const jxl_node *exec)
{
	const jxl_node *root = H->root(doc);
	const jxl_fig *spent = H->fig(ctx, H->path(root, "expenditure.total"), JXL_AS_MONEY);
	const jxl_fig *budget = H->fig(ctx, budget_of(ctx, root), JXL_AS_MONEY);
	const jxl_fig *s = score_of(ctx, exec), *m = max_of(ctx, exec), *t = score_of(ctx, tree);
	const jxl_fig *rmax = max_of(ctx, tree), *r, *full, *per, *cap, *x;
	const char *rt;
	int sev;

	if (H->form(doc) != 'p' && !kind_is(exec, "execution"))
		return; /* department forms score execution their own way unless marked */
	if (!spent || !budget)
		return;
	r = H->div(ctx, spent, budget);
	full = H->div(ctx, num(ctx, 1), num(ctx, 1));
	if (!above(full, r))
		return;
	rt = H->text(ctx, r);
	if (s && !m)
		return; /* a scored execution item without its max: nothing to measure against */
	if (!m)
		m = num(ctx, 10);
	if (!rmax)
		rmax = num(ctx, 100);
	per = H->div(ctx, budget, m);
	cap = per ? H->div(ctx, spent, per) : NULL; /* R·m points */
	if (s) {
		if (!item_over(ctx, s, m, r))
			return;
		sev = above(half_point_over(ctx, s, m), r) ? JXL_SEV_DEFAULT : JXL_SEV_INFO;
		emit(ctx, "scores/execution-cap", sev, H->get(exec, "score"), s, NULL,
		     H->fmt(ctx, "预算执行率 %s：「%s」（分值 %s）按「执行率 × 分值」最多得 %s 分，自评 %s 分",
		            rt, name_of(exec, "预算执行率"), H->text(ctx, m), points(ctx, cap), H->text(ctx, s)),
		     H->fmt(ctx, "execution rate %s: %s (max %s), scored as rate × max, can score at most %s; self-scored %s",
		            rt, name_of(exec, "预算执行率"), H->text(ctx, m), points(ctx, cap), H->text(ctx, s)));
		return;
	}
	if (!t || H->cmp_value(t, num(ctx, 100)) != 0)
		return;
	x = H->add(ctx, t, m); /* the execution item's implied score: t − rmax + m */
	x = x ? H->sub(ctx, x, rmax) : NULL;
	if (!above(x ? H->div(ctx, x, m) : NULL, r))
		return;
	sev = above(half_point_over(ctx, x, m), r) ? JXL_SEV_DEFAULT : JXL_SEV_INFO;
	x = H->sub(ctx, rmax, m);
	cap = cap && x ? H->add(ctx, x, cap) : NULL;
	emit(ctx, "scores/execution-cap", sev, H->get(tree, "score"), t, NULL,
	     H->fmt(ctx, "预算执行率 %s 低于 100%%：预算执行按「执行率 × %s 分」计分，总分最多 %s 分，自评 %s 分",
	            rt, H->text(ctx, m), points(ctx, cap), H->text(ctx, t)),
	     H->fmt(ctx, "execution rate %s is below 100%%: with budget execution scored as rate × %s, "
	            "the total can be at most %s; self-scored %s", rt, H->text(ctx, m), points(ctx, cap),
	            H->text(ctx, t)));
}

static void check_tree(jxl_ctx *ctx, const jxl_doc *doc, const jxl_node *tree)
{
	struct walk w = {ctx, 0, 0, NULL};

	if (H->kind(tree) != JXL_OBJECT)
		return;
	walk(&w, tree, 0);
	check_total_max(ctx, tree);
	check_grade(ctx, tree);
	check_exec_cap(ctx, doc, tree, w.exec);
	if (w.leaves_nomax > 0)
		emit(ctx, "scores/max-missing", 0, tree, NULL, NULL,
		     H->fmt(ctx, "%zu 个末级指标中有 %zu 个未写分值，无法核对得分是否超过分值", w.leaves, w.leaves_nomax),
		     H->fmt(ctx, "%zu of %zu items state no max; score ≤ max cannot be checked", w.leaves_nomax, w.leaves));
}

/* --- indicators --- */

/* Missing: absent, null, 无 / N/A / 不适用, or a string of only blanks,
 * dashes, slashes and commas (OCR's ", ,"). */
static int missing(const jxl_node *n)
{
	static const char *const none[] = {"无", "N/A", "不适用"};
	const char *s = H->str(n);
	size_t i;

	if (!present(n))
		return 1;
	if (H->kind(n) != JXL_STRING || !s)
		return 0;
	for (i = 0; i < 3; i++)
		if (!strcmp(s, none[i]))
			return 1;
	while (*s) {
		if (strchr(" \t,-/", *s))
			s++;
		else if (!strncmp(s, "—", 3) || !strncmp(s, "－", 3) || !strncmp(s, "，", 3))
			s += 3;
		else
			return 0;
	}
	return 1;
}

/* Whether a node could state a figure: a number, or text with a digit
 * (ASCII or full-width). Text targets like "按时完成" are not read. */
static int has_digit(const jxl_node *n)
{
	const unsigned char *s = (const unsigned char *)H->str(n);

	if (H->kind(n) == JXL_NUMBER)
		return 1;
	for (; s && *s; s++)
		if ((*s >= '0' && *s <= '9') || (s[0] == 0xEF && s[1] == 0xBC && s[2] >= 0x90 && s[2] <= 0x99))
			return 1;
	return 0;
}

/* The noun after a figure's last digit in the host's text ("人次", "M", ""),
 * without a trailing 以上/以下/以内. */
static const char *noun(jxl_ctx *ctx, const jxl_fig *f)
{
	static const char *const tails[] = {"以上", "以下", "以内"};
	const char *t = H->text(ctx, f), *p = NULL, *q;
	size_t n, i;

	for (q = t; q && *q; q++)
		if (*q >= '0' && *q <= '9')
			p = q + 1;
	if (!p)
		return "";
	n = strlen(p);
	for (i = 0; i < 3; i++)
		if (n >= 6 && !strcmp(p + n - 6, tails[i]))
			n -= 6;
	return H->fmt(ctx, "%.*s", (int)n, p);
}

/* Whether the actual surely misses the target (compared as stated). */
static int misses(jxl_ctx *ctx, const jxl_fig *actual, const jxl_fig *target)
{
	int dir = H->bound(target), c = H->cmp_value(actual, target);

	if (H->is_percent(actual) != H->is_percent(target))
		return 0;
	if (!H->is_percent(actual) && strcmp(noun(ctx, actual), noun(ctx, target)))
		return 0;
	switch (dir) {
	case '<': return c >= 0;
	case 'L': return c > 0;
	case '>': return !H->is_approx(actual) && c <= 0;
	default:  return !H->is_approx(actual) && c < 0; /* 'G' or a bare target: at least */
	}
}

static void check_full_marks(jxl_ctx *ctx, const jxl_node *ind)
{
	const jxl_fig *s = score_of(ctx, ind), *m = max_of(ctx, ind), *a, *t;
	const jxl_node *an = H->get(ind, "actual"), *tn = H->get(ind, "target");
	const char *name = name_of(ind, "（未命名指标）");

	if (!s || !m || H->cmp_value(s, m) != 0)
		return;
	if (missing(an)) {
		emit(ctx, "indicators/full-marks-no-actual", 0, present(an) ? an : ind, s, NULL,
		     H->fmt(ctx, "「%s」得满分 %s，但未填实际完成值", name, H->text(ctx, s)),
		     H->fmt(ctx, "%s has full marks (%s) but no actual value", name, H->text(ctx, s)));
		return;
	}
	if (!has_digit(an) || !has_digit(tn))
		return;
	a = H->fig(ctx, an, JXL_AS_ANY);
	t = H->fig(ctx, tn, JXL_AS_ANY);
	if (a && t && misses(ctx, a, t))
		emit(ctx, "indicators/full-marks-missed", 0, an, a, NULL,
		     H->fmt(ctx, "「%s」得满分 %s，但实际完成值 %s 未达到指标值 %s", name, H->text(ctx, s),
		            H->text(ctx, a), H->text(ctx, t)),
		     H->fmt(ctx, "%s has full marks (%s) but its actual %s misses the target %s", name,
		            H->text(ctx, s), H->text(ctx, a), H->text(ctx, t)));
}

static const char *level1(const jxl_node *ind)
{
	const char *s = H->str(H->get(ind, "level1"));
	return s ? s : "";
}

/* Group names match exactly or without a trailing 指标 ("产出" ~ "产出指标"). */
static int same_group(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b);

	if (la >= 6 && !strcmp(a + la - 6, "指标"))
		la -= 6;
	if (lb >= 6 && !strcmp(b + lb - 6, "指标"))
		lb -= 6;
	return la == lb && la > 0 && !memcmp(a, b, la);
}

static const jxl_node *find_named(const jxl_node *node, const char *name, int depth)
{
	const jxl_node *items = items_of(node), *hit;
	size_t i, n = H->len(items);

	if (depth > SCORES_MAX_DEPTH)
		return NULL;
	if (depth > 0 && same_group(name_of(node, ""), name))
		return node;
	for (i = 0; i < n; i++)
		if ((hit = find_named(H->at(items, i), name, depth + 1)))
			return hit;
	return NULL;
}

/* indicators/group-sum: the scores item named like level1 = Σ the group's indicator scores. */
static void check_group(jxl_ctx *ctx, const jxl_node *inds, size_t first, const jxl_node *tree)
{
	const jxl_node *parts[SCORES_MAX_PARTS];
	const char *l1 = level1(H->at(inds, first));
	const jxl_node *item = find_named(tree, l1, 0);
	size_t i, n = 0, len = H->len(inds);
	jxl_sum s = {.size = sizeof s};

	if (!item || !present(H->get(item, "score")))
		return;
	for (i = first; i < len; i++) {
		const jxl_node *ind = H->at(inds, i);
		if (strcmp(level1(ind), l1))
			continue;
		if (!present(H->get(ind, "score")) || n == SCORES_MAX_PARTS)
			return;
		parts[n++] = H->get(ind, "score");
	}
	s.rule = "indicators/group-sum";
	s.total = H->get(item, "score");
	s.parts = parts;
	s.nparts = n;
	s.as = JXL_AS_SCORE;
	s.what_zh = H->fmt(ctx, "%s（指标表中该组得分合计）", name_of(item, l1));
	s.what_en = H->fmt(ctx, "%s (its indicators' scores)", name_of(item, l1));
	H->check_sum(ctx, &s);
}

static void check_indicators(jxl_ctx *ctx, const jxl_node *root)
{
	const jxl_node *inds = H->get(root, "indicators"), *tree = H->get(root, "scores");
	size_t i, j, n = H->len(inds);

	if (H->kind(inds) != JXL_ARRAY)
		return;
	for (i = 0; i < n; i++) {
		const jxl_node *ind = H->at(inds, i);
		const char *l1 = level1(ind);
		check_range(ctx, "indicators/range", ind, name_of(ind, "（未命名指标）"));
		check_full_marks(ctx, ind);
		if (!*l1 || H->kind(tree) != JXL_OBJECT)
			continue;
		for (j = 0; j < i; j++) /* once per group, at its first row */
			if (!strcmp(l1, level1(H->at(inds, j))))
				break;
		if (j == i)
			check_group(ctx, inds, i, tree);
	}
}

static void check(jxl_ctx *ctx, const jxl_doc *doc)
{
	const jxl_node *root = H->root(doc);

	check_tree(ctx, doc, H->get(root, "scores"));
	check_indicators(ctx, root);
}

JXL_EXPORT int JXL_PLUGIN_ENTRY(const jxl_host *host, jxl_plugin *out, char *why, size_t n)
{
	if (!host || host->abi_version != JXL_ABI_VERSION || host->size < sizeof(jxl_host)) {
		if (why && n)
			snprintf(why, n, "needs plugin ABI %d", JXL_ABI_VERSION);
		return -1;
	}
	H = host;
	memset(out, 0, sizeof *out);
	out->size = sizeof *out;
	out->abi_version = JXL_ABI_VERSION;
	out->name = "scores";
	out->version = "1.0";
	out->rules = rules;
	out->nrules = sizeof rules / sizeof rules[0];
	out->check = check;
	return 0;
}
