/* indicators.c — the flat indicator table of a project form: full marks against targets, score ranges, group sums. */
#include <jxlint/rule.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define INDICATORS_MAX_DEPTH 64  /* levels of the score tree searched for a group's item */

static const jxl_host *H;

static const jxl_rule_info rules[] = {
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

static const char *name_of(const jxl_node *n, const char *dflt)
{
	const char *s = H->str(H->get(n, "name"));
	return s && *s ? s : dflt;
}

/* A score-tree node's items, or NULL when it has none. */
static const jxl_node *items_of(const jxl_node *n)
{
	const jxl_node *it = H->get(n, "items");
	return H->kind(it) == JXL_ARRAY && H->len(it) > 0 ? it : NULL;
}

static void emit(jxl_ctx *ctx, const char *rule, const jxl_node *at, const jxl_fig *stated,
                 const jxl_fig *difference, const char *zh, const char *en)
{
	jxl_finding f = {.size = sizeof f};

	f.rule = rule;
	f.node = at;
	f.stated = stated;
	f.difference = difference;
	f.msg_zh = zh;
	f.msg_en = en;
	H->emit(ctx, &f);
}

/* What one indicator row states, read in one pass over its members (the
 * last of a repeated key wins, as with get()). */
struct ind {
	const jxl_node *node, *score, *max, *actual, *target;
	const char *name, *kind, *level1;   /* H->str of "name", "kind", "level1" */
	const jxl_fig *sfig, *mfig;         /* score and max read as scores */
};

static void read_ind(jxl_ctx *ctx, const jxl_node *n, struct ind *r)
{
	size_t i, len = H->kind(n) == JXL_OBJECT ? H->len(n) : 0;

	memset(r, 0, sizeof *r);
	r->node = n;
	for (i = 0; i < len; i++) {
		const jxl_node *m = H->at(n, i);
		const char *k = H->key(m);
		switch (k[0]) {   /* the second byte tells score from source */
		case 's': if (k[1] == 'c' && !strcmp(k, "score")) r->score = m; break;
		case 'm': if (!strcmp(k, "max")) r->max = m; break;
		case 'a': if (!strcmp(k, "actual")) r->actual = m; break;
		case 't': if (!strcmp(k, "target")) r->target = m; break;
		case 'n': if (!strcmp(k, "name")) r->name = H->str(m); break;
		case 'k': if (!strcmp(k, "kind")) r->kind = H->str(m); break;
		case 'l': if (!strcmp(k, "level1")) r->level1 = H->str(m); break;
		}
	}
	r->sfig = H->fig(ctx, r->score, JXL_AS_SCORE);
	r->mfig = H->fig(ctx, r->max, JXL_AS_SCORE);
}

static const char *ind_name(const struct ind *r)
{
	return r->name && *r->name ? r->name : "（未命名指标）";
}

/* indicators/range: 0 ≤ score ≤ max, exactly (a bonus item may be
 * negative), as scores/range in scores.c. */
static void check_range(jxl_ctx *ctx, const struct ind *r, const char *name)
{
	const jxl_fig *s = r->sfig, *m = r->mfig;
	const jxl_node *at = r->score;

	if (!s)
		return;
	if (!(r->kind && !strcmp(r->kind, "bonus")) && H->cmp_value(s, H->from_int(ctx, 0)) < 0)
		emit(ctx, "indicators/range", at, s, NULL,
		     H->fmt(ctx, "「%s」得分 %s 小于 0", name, H->text(ctx, s)),
		     H->fmt(ctx, "%s scores %s, below 0", name, H->text(ctx, s)));
	else if (m && H->cmp_value(s, m) > 0)
		emit(ctx, "indicators/range", at, s, H->sub(ctx, s, m),
		     H->fmt(ctx, "「%s」得分 %s 超过分值 %s", name, H->text(ctx, s), H->text(ctx, m)),
		     H->fmt(ctx, "%s scores %s, above its maximum %s", name, H->text(ctx, s), H->text(ctx, m)));
}

/* --- full marks against target and actual --- */

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
 * (ASCII or full-width). Used only with a first-edition host, to keep
 * text targets like "按时完成" from being reported as unreadable. */
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
 * without a trailing 以上/以下/以内: *len bytes at the pointer returned. */
static const char *noun(jxl_ctx *ctx, const jxl_fig *f, size_t *len)
{
	static const char *const tails[] = {"以上", "以下", "以内"};
	const char *t = H->text(ctx, f), *p = NULL, *q;
	size_t n, i;

	for (q = t; q && *q; q++)
		if (*q >= '0' && *q <= '9')
			p = q + 1;
	if (!p) {
		*len = 0;
		return "";
	}
	n = strlen(p);
	for (i = 0; i < 3; i++)
		if (n >= 6 && !strcmp(p + n - 6, tails[i]))
			n -= 6;
	*len = n;
	return p;
}

/* Whether the actual surely misses the target (compared as stated). */
static int misses(jxl_ctx *ctx, const jxl_fig *actual, const jxl_fig *target)
{
	int dir = H->bound(target), c = H->cmp_value(actual, target);
	size_t la, lt;
	const char *na, *nt;

	if (H->is_percent(actual) != H->is_percent(target))
		return 0;
	if (!H->is_percent(actual) && (na = noun(ctx, actual, &la), nt = noun(ctx, target, &lt), la != lt || memcmp(na, nt, la)))
		return 0;
	switch (dir) {
	case '<': return c >= 0;
	case 'L': return c > 0;
	case '>': return !H->is_approx(actual) && c <= 0;
	default:  return !H->is_approx(actual) && c < 0; /* 'G' or a bare target: at least */
	}
}

/* A target or actual as a figure, or NULL. These fields often hold words
 * around a figure ("全站不能正常访问链接数量低于5%"): with host->peek a
 * text that is not a figure as a whole is skipped, not reported as
 * input/figure. A first-edition host has only fig(), which reports. */
static const jxl_fig *reading(jxl_ctx *ctx, const jxl_node *n)
{
	if (JXL_HOST_HAS(H, peek)) {
		const jxl_fig *f = H->peek(ctx, n, JXL_AS_ANY);
		if (!f && JXL_HOST_HAS(H, peek_tail))
			f = H->peek_tail(ctx, n, JXL_AS_ANY);   /* "…同步率不低于95%" → ≥95% */
		return f;
	}
	return has_digit(n) ? H->fig(ctx, n, JXL_AS_ANY) : NULL;
}

static void check_full_marks(jxl_ctx *ctx, const struct ind *r)
{
	const jxl_fig *s = r->sfig, *m = r->mfig, *a, *t;
	const jxl_node *an = r->actual, *tn = r->target;
	const char *name = ind_name(r);

	if (!s || !m || H->cmp_value(s, m) != 0)
		return;
	if (missing(an)) {
		emit(ctx, "indicators/full-marks-no-actual", present(an) ? an : r->node, s, NULL,
		     H->fmt(ctx, "「%s」得满分 %s，但未填实际完成值", name, H->text(ctx, s)),
		     H->fmt(ctx, "%s has full marks (%s) but no actual value", name, H->text(ctx, s)));
		return;
	}
	a = reading(ctx, an);
	t = a ? reading(ctx, tn) : NULL;
	if (a && t && misses(ctx, a, t))
		emit(ctx, "indicators/full-marks-missed", an, a, NULL,
		     H->fmt(ctx, "「%s」得满分 %s，但实际完成值 %s 未达到指标值 %s", name, H->text(ctx, s),
		            H->text(ctx, a), H->text(ctx, t)),
		     H->fmt(ctx, "%s has full marks (%s) but its actual %s misses the target %s", name,
		            H->text(ctx, s), H->text(ctx, a), H->text(ctx, t)));
}

/* --- level-1 groups against the score tree --- */

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

	if (depth > INDICATORS_MAX_DEPTH)
		return NULL;
	if (depth > 0 && same_group(name_of(node, ""), name))
		return node;
	for (i = 0; i < n; i++)
		if ((hit = find_named(H->at(items, i), name, depth + 1)))
			return hit;
	return NULL;
}

/* A row of the table, for grouping by level1 without comparing every pair. */
struct row {
	const char *l1;
	size_t i;
};

static int by_group(const void *x, const void *y)
{
	const struct row *a = x, *b = y;
	int c = strcmp(a->l1, b->l1);
	return c ? c : (a->i > b->i) - (a->i < b->i);
}

/* indicators/group-sum: the scores item named like level1 = Σ the group's indicator scores. */
static void check_group(jxl_ctx *ctx, const jxl_node *inds, const struct row *rows, size_t nrows,
			const jxl_node *tree)
{
	const jxl_node **parts;
	const char *l1 = rows[0].l1;
	const jxl_node *item = find_named(tree, l1, 0);
	size_t k;
	jxl_sum s = {.size = sizeof s};

	if (!item || !present(H->get(item, "score")) || !JXL_HOST_HAS(H, scratch) ||
	    !(parts = H->scratch(ctx, nrows * sizeof *parts)))
		return;
	for (k = 0; k < nrows; k++) {
		const jxl_node *ind = H->at(inds, rows[k].i);
		if (!present(H->get(ind, "score")))
			return;
		parts[k] = H->get(ind, "score");
	}
	s.rule = "indicators/group-sum";
	s.total = H->get(item, "score");
	s.parts = parts;
	s.nparts = nrows;
	s.as = JXL_AS_SCORE;
	s.what_zh = s.what_en = name_of(item, l1);
	s.what_after_zh = "（指标表中该组得分合计）";   /* worded by the host only if the sum is broken */
	s.what_after_en = " (its indicators' scores)";
	H->check_sum(ctx, &s);
}

static void check_groups(jxl_ctx *ctx, const jxl_node *inds, const jxl_node *tree)
{
	size_t i, k, n = H->len(inds), nrows = 0;
	struct row *rows = malloc(n * sizeof *rows);

	if (!rows)
		return;
	for (i = 0; i < n; i++) {
		const char *l1 = level1(H->at(inds, i));
		if (*l1)
			rows[nrows++] = (struct row){l1, i};
	}
	qsort(rows, nrows, sizeof *rows, by_group);   /* rows of a group together, in table order */
	for (i = 0; i < nrows; i = k) {
		for (k = i + 1; k < nrows && !strcmp(rows[k].l1, rows[i].l1); k++)
			;
		check_group(ctx, inds, rows + i, k - i, tree);
	}
	free(rows);
}

static void check_indicators(jxl_ctx *ctx, const jxl_node *root)
{
	const jxl_node *inds = H->get(root, "indicators"), *tree = H->get(root, "scores");
	size_t i, n = H->len(inds);

	if (H->kind(inds) != JXL_ARRAY)
		return;
	for (i = 0; i < n; i++) {
		struct ind r;
		read_ind(ctx, H->at(inds, i), &r);
		check_range(ctx, &r, ind_name(&r));
		check_full_marks(ctx, &r);
	}
	if (H->kind(tree) == JXL_OBJECT && n)
		check_groups(ctx, inds, tree);
}

static void check(jxl_ctx *ctx, const jxl_doc *doc)
{
	check_indicators(ctx, H->root(doc));
}

JXL_PLUGIN_DEFINE(H, "indicators", "1.0", rules, check)
