/* indicators.c — the flat indicator table of a project form: full marks against targets, score ranges, group sums. */
#include <jxlint/rule.h>

#include "member_name.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define INDICATORS_MAX_DEPTH 64  /* levels of the score tree searched for a group's item */
#define INDICATORS_STACK_ROWS 64 /* rows of the table kept on the stack; more are malloc'ed */
#define INDICATORS_FEW_GROUPS 16 /* distinct level1 names grouped by a linear search; more are sorted */

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
	const jxl_node *name;        /* "name": its text is only needed for a message */
	const char *level1;          /* H->str of "level1" */
	int bonus;                   /* "kind" is "bonus" */
	const jxl_fig *sfig, *mfig;  /* score and max read as scores */
};

static void read_ind(jxl_ctx *ctx, const jxl_node *n, struct ind *r)
{
	size_t i, len = H->kind(n) == JXL_OBJECT ? H->len(n) : 0;

	memset(r, 0, sizeof *r);
	r->node = n;
	for (i = 0; i < len; i++) {
		const jxl_node *m = H->at(n, i);
		const char *k = H->key(m), *s;
		switch (k[0]) {   /* the rest of the name, compared in place */
		case 's': if (NAME5(k, 'c', 'o', 'r', 'e')) r->score = m; break;
		case 'm': if (NAME3(k, 'a', 'x')) r->max = m; break;
		case 'a': if (NAME6(k, 'c', 't', 'u', 'a', 'l')) r->actual = m; break;
		case 't': if (NAME6(k, 'a', 'r', 'g', 'e', 't')) r->target = m; break;
		case 'n': if (NAME4(k, 'a', 'm', 'e')) r->name = m; break;
		case 'l': if (NAME6(k, 'e', 'v', 'e', 'l', '1')) r->level1 = H->str(m); break;
		case 'k':
			if (NAME4(k, 'i', 'n', 'd')) {
				s = H->str(m);
				r->bonus = s && !strcmp(s, "bonus");
			}
			break;
		}
	}
	r->sfig = r->score ? H->fig(ctx, r->score, JXL_AS_SCORE) : NULL;
	r->mfig = r->max ? H->fig(ctx, r->max, JXL_AS_SCORE) : NULL;
}

static const char *ind_name(const struct ind *r)
{
	const char *s = r->name ? H->str(r->name) : NULL;

	return s && *s ? s : "（未命名指标）";
}

/* indicators/range: 0 ≤ score ≤ max, exactly (a bonus item may be
 * negative), as scores/range in scores.c. cm: score against max, as
 * cmp_value() says (only used when both are stated). */
static void check_range(jxl_ctx *ctx, const struct ind *r, const jxl_fig *zero, int cm)
{
	const jxl_fig *s = r->sfig, *m = r->mfig;
	const jxl_node *at = r->score;
	const char *name;

	if (!s)
		return;
	if (!r->bonus && below_zero(H, r->score, s, zero)) {
		name = ind_name(r);
		emit(ctx, "indicators/range", at, s, NULL,
		     H->fmt(ctx, "「%s」得分 %s 小于 0", name, H->text(ctx, s)),
		     H->fmt(ctx, "%s scores %s, below 0", name, H->text(ctx, s)));
	} else if (m && cm > 0) {
		name = ind_name(r);
		emit(ctx, "indicators/range", at, s, H->sub(ctx, s, m),
		     H->fmt(ctx, "「%s」得分 %s 超过分值 %s", name, H->text(ctx, s), H->text(ctx, m)),
		     H->fmt(ctx, "%s scores %s, above its maximum %s", name, H->text(ctx, s), H->text(ctx, m)));
	}
}

/* --- full marks against target and actual --- */

/* Missing: absent, null, 无 / N/A / 不适用, or a string of only blanks,
 * dashes, slashes and commas (OCR's ", ,"). */
static int missing(const jxl_node *n)
{
	int kind = H->kind(n);
	const char *s;

	if (kind <= JXL_NULL)
		return 1;
	if (kind != JXL_STRING || !(s = H->str(n)))
		return 0;
	switch ((unsigned char)s[0]) {   /* 无 E6 97 A0, 不 E4 B8 8D */
	case 0xE6: if (!strcmp(s, "无")) return 1; break;
	case 'N': if (!strcmp(s, "N/A")) return 1; break;
	case 0xE4: if (!strcmp(s, "不适用")) return 1; break;
	}
	while (*s) {
		if (*s == ' ' || *s == '\t' || *s == ',' || *s == '-' || *s == '/')
			s++;
		else if (!strncmp(s, "—", 3) || !strncmp(s, "－", 3) || !strncmp(s, "，", 3))
			s += 3;
		else
			return 0;
	}
	return 1;
}

/* Whether a node could state a figure: a number, or text with a digit
 * (ASCII or full-width; the host reads no figure without one). Text
 * targets like "按时完成" are not read at all: with a first-edition host
 * they would be reported as unreadable, with peek() they read as nothing.
 * A number's text (str()) is its literal, which has a digit. */
static int has_digit(const jxl_node *n)
{
	/* the bytes that stop the scan: a digit, the first byte of a full-width one, the end */
	static const unsigned char stop[256] = {[0] = 1, ['0'] = 1, ['1'] = 1, ['2'] = 1, ['3'] = 1, ['4'] = 1,
		['5'] = 1, ['6'] = 1, ['7'] = 1, ['8'] = 1, ['9'] = 1, [0xEF] = 1};
	const unsigned char *s = (const unsigned char *)H->str(n);

	if (!s)
		return 0;
	for (;; s++) {
		while (!stop[*s])
			s++;
		if (*s != 0xEF)
			return *s != 0;
		if (s[1] == 0xBC && s[2] >= 0x90 && s[2] <= 0x99)
			return 1;
	}
}

/* The noun after a figure's last digit in the host's text ("人次", "M", ""),
 * without a trailing 以上/以下/以内: *len bytes at the pointer returned. */
static const char *noun(jxl_ctx *ctx, const jxl_fig *f, size_t *len)
{
	static const char *const tails[] = {"以上", "以下", "以内"};
	const char *t = H->text(ctx, f), *p;
	size_t n, i;

	if (!t) {
		*len = 0;
		return "";
	}
	n = strlen(t);
	for (p = t + n; p > t && !(p[-1] >= '0' && p[-1] <= '9'); p--)
		;   /* after the last digit (a byte of a multi-byte character is never one) */
	if (p == t) {
		*len = 0;
		return "";
	}
	n -= (size_t)(p - t);
	for (i = 0; i < 3 && n >= 6; i++)
		if (!memcmp(p + n - 6, tails[i], 6)) {
			n -= 6;   /* one tail at most: the text's own end */
			break;
		}
	*len = n;
	return p;
}

/* Whether the actual surely misses the target (compared as stated): a
 * percent against a percent, or figures with the same noun. The nouns are
 * compared last: most actuals meet their targets, and then none is needed. */
static int misses(jxl_ctx *ctx, const jxl_fig *actual, const jxl_fig *target)
{
	int pa = H->is_percent(actual), dir, c, miss;
	size_t la, lt;
	const char *na, *nt;

	if (pa != H->is_percent(target))
		return 0;
	dir = H->bound(target);
	c = H->cmp_value(actual, target);
	switch (dir) {
	case '<': miss = c >= 0; break;
	case 'L': miss = c > 0; break;
	case '>': miss = !H->is_approx(actual) && c <= 0; break;
	default:  miss = !H->is_approx(actual) && c < 0; break; /* 'G' or a bare target: at least */
	}
	if (!miss || pa)
		return miss;
	na = noun(ctx, actual, &la);
	nt = noun(ctx, target, &lt);
	return la == lt && !memcmp(na, nt, la);
}

/* A target or actual as a figure, or NULL. These fields often hold words
 * around a figure ("全站不能正常访问链接数量低于5%"): with host->peek a
 * text that is not a figure as a whole is skipped, not reported as
 * input/figure. A first-edition host has only fig(), which reports. */
static const jxl_fig *reading(jxl_ctx *ctx, const jxl_node *n)
{
	if (!has_digit(n))
		return NULL;
	if (JXL_HOST_HAS(H, peek)) {
		const jxl_fig *f = H->peek(ctx, n, JXL_AS_ANY);
		if (!f && JXL_HOST_HAS(H, peek_tail))
			f = H->peek_tail(ctx, n, JXL_AS_ANY);   /* "…同步率不低于95%" → ≥95% */
		return f;
	}
	return H->fig(ctx, n, JXL_AS_ANY);
}

/* cm: score against max, as cmp_value() says (both stated). */
static void check_full_marks(jxl_ctx *ctx, const struct ind *r, int cm)
{
	const jxl_fig *s = r->sfig, *m = r->mfig, *a, *t;
	const jxl_node *an = r->actual, *tn = r->target;
	const char *name;

	if (!s || !m || cm != 0)
		return;
	if (missing(an)) {
		name = ind_name(r);
		emit(ctx, "indicators/full-marks-no-actual", present(an) ? an : r->node, s, NULL,
		     H->fmt(ctx, "「%s」得满分 %s，但未填实际完成值", name, H->text(ctx, s)),
		     H->fmt(ctx, "%s has full marks (%s) but no actual value", name, H->text(ctx, s)));
		return;
	}
	a = reading(ctx, an);
	t = a ? reading(ctx, tn) : NULL;
	if (a && t && misses(ctx, a, t)) {
		name = ind_name(r);
		emit(ctx, "indicators/full-marks-missed", an, a, NULL,
		     H->fmt(ctx, "「%s」得满分 %s，但实际完成值 %s 未达到指标值 %s", name, H->text(ctx, s),
		            H->text(ctx, a), H->text(ctx, t)),
		     H->fmt(ctx, "%s has full marks (%s) but its actual %s misses the target %s", name,
		            H->text(ctx, s), H->text(ctx, a), H->text(ctx, t)));
	}
}

/* --- level-1 groups against the score tree --- */

/* Bytes of a group name without a trailing 指标 ("产出" ~ "产出指标"). */
static size_t group_len(const char *s)
{
	size_t n = strlen(s);

	return n >= 6 && !memcmp(s + n - 6, "指标", 6) ? n - 6 : n;
}

/* The score tree searched for a group's item: the first node in preorder
 * below the root, to INDICATORS_MAX_DEPTH levels, named like the group.
 * Nodes are visited once per document, on demand: those seen are kept
 * (with their name's group length), and a search that finds none among
 * them goes on from where the last one stopped. */
struct seen {
	const char *name;
	size_t len;               /* group_len(name), > 0 */
	const jxl_node *score;    /* the node's "score" member, or NULL */
};

struct frame {
	const jxl_node *items;    /* an array of nodes at `depth` */
	size_t i, n;
	int depth;
};

struct tree_index {
	struct frame stack[INDICATORS_MAX_DEPTH + 1];
	int sp;
	struct seen *seen;
	size_t nseen, cap;
	int failed;               /* out of memory: no further search */
};

/* A node's name, score and items ("items" only if a non-empty array). */
static void read_node(const jxl_node *n, const char **name, const jxl_node **score, const jxl_node **items)
{
	size_t i, len = H->kind(n) == JXL_OBJECT ? H->len(n) : 0;

	*name = NULL;
	*score = *items = NULL;
	for (i = 0; i < len; i++) {
		const jxl_node *m = H->at(n, i);
		const char *k = H->key(m);
		switch (k[0]) {
		case 's': if (NAME5(k, 'c', 'o', 'r', 'e')) *score = m; break;
		case 'i': if (NAME5(k, 't', 'e', 'm', 's')) *items = m; break;
		case 'n': if (NAME4(k, 'a', 'm', 'e')) *name = H->str(m); break;
		}
	}
	if (*items && (H->kind(*items) != JXL_ARRAY || H->len(*items) == 0))
		*items = NULL;
}

static void index_push(struct tree_index *x, const jxl_node *items, int depth)
{
	if (items && depth <= INDICATORS_MAX_DEPTH)
		x->stack[x->sp++] = (struct frame){items, 0, H->len(items), depth};
}

static void index_init(struct tree_index *x, const jxl_node *tree)
{
	const char *name;
	const jxl_node *score, *items;

	x->sp = 0;   /* the stack is written before it is read: not cleared (it is 2 KiB) */
	x->seen = NULL;
	x->nseen = x->cap = 0;
	x->failed = 0;
	read_node(tree, &name, &score, &items);   /* the root itself is never a group's item */
	index_push(x, items, 1);
}

static const struct seen *find_named(struct tree_index *x, const char *l1, size_t l1len)
{
	size_t i;

	if (!l1len)
		return NULL;
	for (i = 0; i < x->nseen; i++)
		if (x->seen[i].len == l1len && !memcmp(x->seen[i].name, l1, l1len))
			return &x->seen[i];
	while (x->sp > 0 && !x->failed) {
		struct frame *f = &x->stack[x->sp - 1];
		const char *name;
		const jxl_node *score, *items;
		size_t len;
		int depth = f->depth;
		if (f->i == f->n) {
			x->sp--;
			continue;
		}
		read_node(H->at(f->items, f->i++), &name, &score, &items);
		index_push(x, items, depth + 1);   /* its items come next, in preorder */
		if (!name || !(len = group_len(name)))
			continue;                      /* matches no group */
		if (x->nseen == x->cap) {
			size_t cap = x->cap ? 2 * x->cap : 16;
			struct seen *v = realloc(x->seen, cap * sizeof *v);
			if (!v) {
				x->failed = 1;
				return NULL;
			}
			x->seen = v;
			x->cap = cap;
		}
		x->seen[x->nseen++] = (struct seen){name, len, score};
		if (len == l1len && !memcmp(name, l1, len))
			return &x->seen[x->nseen - 1];
	}
	return NULL;
}

/* A row of the table with a level1, for grouping. */
struct row {
	const char *l1;
	const jxl_node *score;   /* its "score" member, or NULL */
	size_t i;                /* its place in the table */
	size_t g;                /* its group: the place of its level1 among the names in the order first seen */
};

static int by_group(const void *x, const void *y)
{
	const struct row *a = x, *b = y;
	int c = strcmp(a->l1, b->l1);
	return c ? c : (a->i > b->i) - (a->i < b->i);
}

/* indicators/group-sum: the scores item named like level1 = Σ the group's
 * indicator scores. parts: the group's rows' score members, in table order. */
static void check_group(jxl_ctx *ctx, struct tree_index *x, const char *l1, const jxl_node **parts, size_t nparts)
{
	const struct seen *item = find_named(x, l1, group_len(l1));
	size_t k;

	if (!item || !present(item->score))
		return;
	for (k = 0; k < nparts; k++)
		if (!present(parts[k]))
			return;
	jxl_sum s = {.size = sizeof s, .rule = "indicators/group-sum", .total = item->score, .parts = parts,
		     .nparts = nparts, .as = JXL_AS_SCORE, .what_zh = item->name, .what_en = item->name,
		     .what_after_zh = "（指标表中该组得分合计）", .what_after_en = " (its indicators' scores)"};
	H->check_sum(ctx, &s);   /* the group's label is worded by the host only if the sum is broken */
}

/* The groups in the order of their level1 (strcmp), each with its rows in
 * table order. With few distinct names (the usual 产出/效益/满意度) each
 * row finds its name by a linear search and the names alone are sorted;
 * otherwise the rows are sorted. parts: room for nrows pointers. */
static void check_groups(jxl_ctx *ctx, struct row *rows, size_t nrows, const jxl_node *tree, const jxl_node **parts)
{
	const char *names[INDICATORS_FEW_GROUPS];
	size_t i, k, g, ng = 0, np;
	struct tree_index x;

	if (!nrows || !JXL_HOST_HAS(H, scratch))
		return;
	for (i = 0, g = 0; i < nrows && ng <= INDICATORS_FEW_GROUPS; i++) {
		if (g == ng || strcmp(names[g], rows[i].l1))   /* most rows are in the previous row's group */
			for (g = 0; g < ng && strcmp(names[g], rows[i].l1); g++)
				;
		if (g == ng && ng++ < INDICATORS_FEW_GROUPS)
			names[g] = rows[i].l1;
		rows[i].g = g;
	}
	index_init(&x, tree);
	if (ng <= INDICATORS_FEW_GROUPS) {
		size_t order[INDICATORS_FEW_GROUPS];
		for (g = 0; g < ng; g++) {   /* insertion sort of the names: order[k] is the k-th group */
			for (k = g; k > 0 && strcmp(names[order[k - 1]], names[g]) > 0; k--)
				order[k] = order[k - 1];
			order[k] = g;
		}
		for (k = 0; k < ng; k++) {
			for (i = np = 0; i < nrows; i++)
				if (rows[i].g == order[k])
					parts[np++] = rows[i].score;
			check_group(ctx, &x, names[order[k]], parts, np);
		}
	} else {
		qsort(rows, nrows, sizeof *rows, by_group);   /* rows of a group together, in table order */
		for (i = 0; i < nrows; i = k) {
			for (k = i, np = 0; k < nrows && !strcmp(rows[k].l1, rows[i].l1); k++)
				parts[np++] = rows[k].score;
			check_group(ctx, &x, rows[i].l1, parts, np);
		}
	}
	free(x.seen);
}

static void check(jxl_ctx *ctx, const jxl_doc *doc)
{
	const jxl_node *root = H->root(doc), *inds = H->get(root, "indicators"), *tree = H->get(root, "scores");
	size_t i, n = H->len(inds), nrows = 0;
	struct row rowbuf[INDICATORS_STACK_ROWS], *rows = rowbuf;
	const jxl_node *partbuf[INDICATORS_STACK_ROWS], **parts = partbuf;
	const jxl_fig *zero;
	int groups;

	if (H->kind(inds) != JXL_ARRAY)
		return;
	groups = H->kind(tree) == JXL_OBJECT && n;
	if (groups && n > INDICATORS_STACK_ROWS) {
		rows = malloc(n * sizeof *rows);
		parts = malloc(n * sizeof *parts);
		if (!rows || !parts)
			groups = 0;   /* no room: no group is checked */
	}
	zero = H->from_int(ctx, 0);
	for (i = 0; i < n; i++) {
		struct ind r;
		int cm;
		read_ind(ctx, H->at(inds, i), &r);
		cm = r.sfig && r.mfig ? H->cmp_value(r.sfig, r.mfig) : 0;
		check_range(ctx, &r, zero, cm);
		check_full_marks(ctx, &r, cm);
		if (groups && r.level1 && *r.level1)
			rows[nrows++] = (struct row){r.level1, r.score, i, 0};
	}
	if (groups)
		check_groups(ctx, rows, nrows, tree, parts);
	if (rows != rowbuf)
		free(rows);
	if (parts != partbuf)
		free(parts);
}

JXL_PLUGIN_DEFINE(H, "indicators", "1.0", rules, check)
