/* extract_score.c — headings and "得 X 分" sentences → the score tree, built only where the structure is clear. */
#include <stdlib.h>
#include <string.h>
#include "extract_int.h"

#define MAX_STMT 8   /* score statements one paragraph may hold and still be read */

enum { K_NONE, K_MAX, K_SCORE, K_TOTAL };

typedef struct stmt {
	int kind;
	ex_fig f;
	size_t la, lb;   /* its label */
} stmt;

static const char *const total_words[] = { "综合得分", "评价得分", "总得分", "总分", "自评总分", "最终得分", "综合评分" };

static int is_points(const ex_fig *f)
{
	return f->f.unit == NUM_UNIT_NOUN && !strcmp(f->f.noun, "分") && !f->qual && !f->f.mag && !f->f.negative;
}

static int kind_of(const char *s, size_t a, size_t b)
{
	static const char *const score_end[] = { "自评得", "自评为", "自评", "得分为", "得分", "评分为", "评为", "得" };
	size_t k, t = ex_back_cps(s, b, a, 12);
	ex_trim(s, &a, &b);
	if (ex_ends(s, a, b, "分值") || ex_ends(s, a, b, "分值为"))
		return K_MAX;
	for (k = 0; k < sizeof total_words / sizeof total_words[0]; k++)
		if (ex_has(s, t, b, total_words[k]))
			return K_TOTAL;
	for (k = 0; k < sizeof score_end / sizeof score_end[0]; k++)
		if (ex_ends(s, a, b, score_end[k]))
			return K_SCORE;
	return K_NONE;
}

/* Score statements in p->buf[lo..hi); returns how many (up to max). */
static size_t statements(const ex_para *p, size_t lo, size_t hi, stmt *out, size_t max, size_t *all)
{
	size_t pos = lo, prev = lo, n = 0;
	ex_fig f;
	*all = 0;
	if (!ex_has(p->buf, lo, hi, "分"))
		return 0;
	while (ex_fig_next(p, hi, &pos, &f)) {
		size_t a = ex_clause_start(p->buf, p->len, prev > lo ? prev : lo, f.lb), b = f.lb;
		int k;
		prev = f.e;
		if (!is_points(&f))
			continue;
		k = kind_of(p->buf, a, b);
		if (k == K_NONE)
			continue;
		(*all)++;
		if (n < max) {
			out[n].kind = k;
			out[n].f = f;
			out[n].la = a;
			out[n].lb = b;
			n++;
		}
	}
	return n;
}

static void set_num(ex_ctx *x, ex_val *v, const ex_para *p, const ex_fig *f)
{
	char buf[64];
	dec_format(f->f.value, buf, sizeof buf);
	ex_val_free(v);
	ex_val_set(x, v, buf, strlen(buf), ex_orig(p, f->b));
	v->raw = 1;
}

/* A name from the start of s[a..b) (not past stop): up to a figure, a
 * comparison, a colon or comma, or a blank before more words ("①上级专项
 * 资金分配的及时性 我局按照…"); 我局… and trailing verbs (得, 为, 至 …) are
 * taken off. Returns its length, or 0 when there is no usable name, e.g.
 * "我局…收入调整预算数均为 563.02 万元" (the words label a figure). */
static int name_at(const char *s, size_t *a, size_t b, size_t stop)
{
	static const char *const subj[] = { "我局", "我单位", "本单位", "我县", "我市", "我区", "我中心" };
	static const char *const tail[] = { "自评得", "得", "为", "等于", "达到", "达", "至", "减少", "增加" };
	size_t i, k, e;
	int l, at_fig = 0;
	if (stop < b)
		b = stop;
	ex_strip_subject(s, a, b);
	for (i = *a; i < b;) {
		uint32_t c = ex_cp(s, b, i, &l);
		if (ex_is_digit(c)) {
			at_fig = 1;
			break;
		}
		if (ex_clause_break(s, b, i) || c == 0x2265 || c == 0x2264 || c == '<' || c == '>' || c == '$' ||
		    c == '.' || c == '(' || c == 0xFF08)
			break;
		if (ex_is_space(c)) {
			size_t j = i;
			while (j < b && ex_is_space(ex_cp(s, b, j, &l)))
				j += (size_t)l;
			if (j < b && ex_is_digit(ex_cp(s, b, j, &l))) {
				at_fig = 1;
				break;
			}
			if (j < b)
				break;
		}
		if (i > *a)
			for (k = 0; k < sizeof subj / sizeof subj[0]; k++)
				if (ex_starts(s, i, b, subj[k]))
					goto done;
		i += (size_t)l;
	}
done:
	e = i;
	ex_trim(s, a, &e);
	if (at_fig && (ex_ends(s, *a, e, "为") || ex_ends(s, *a, e, "是")))
		return 0;
	for (k = 0; k < sizeof tail / sizeof tail[0]; k++)
		if (ex_ends(s, *a, e, tail[k])) {
			e -= strlen(tail[k]);
			break;
		}
	ex_trim(s, a, &e);
	if (*a >= e || ex_ncps(s, *a, e) > EX_NAME_MAX)
		return 0;
	return (int)(e - *a);
}

static void set_name(ex_ctx *x, ex_node *n, const ex_para *p, size_t a, size_t b, size_t stop)
{
	size_t a2 = a;
	int len = name_at(p->buf, &a2, b, stop);
	if (len > 0) {
		ex_val_free(&n->name);
		ex_val_text(x, &n->name, p, a2, a2 + (size_t)len, EX_NAME_MAX);
	}
}

/* "预算执行得 19 分。预算完成率 1% 得 5 分；…": the first sentence is
 * "name得X分" alone; every later segment (；/。) gives one child. */
static int group_head(const ex_para *p, size_t lo, size_t hi, stmt *head, size_t *rest)
{
	stmt st[1];
	size_t all, i, a = lo, b;
	int l;
	uint32_t c;
	if (!statements(p, lo, hi, st, 1, &all) || st[0].kind != K_SCORE)
		return 0;
	b = st[0].lb;
	ex_trim(p->buf, &a, &b);
	if (!ex_ends(p->buf, a, b, "得") || a == b)
		return 0;
	for (i = a; i < b; i++)
		if (ex_clause_break(p->buf, p->len, i) || ex_is_digit((unsigned char)p->buf[i]))
			return 0;
	i = st[0].f.e;
	while (i < hi && ex_is_space(ex_cp(p->buf, hi, i, &l)))
		i += (size_t)l;
	c = ex_cp(p->buf, hi, i, &l);
	if (i < hi && c != 0x3002 && c != 0xFF1A && c != ':' && c != 0xFF1B && c != ';')
		return 0;
	*head = st[0];
	head->la = a;
	*rest = i < hi ? i + (size_t)l : hi;
	return 1;
}

static void read_group(ex_ctx *x, ex_node *n, const ex_para *p, const stmt *head, size_t rest, size_t hi)
{
	size_t a = rest, seg[64][2], nseg = 0, k;
	stmt st[64];
	set_name(x, n, p, head->la, head->lb, head->lb);
	set_num(x, &n->score, p, &head->f);
	if (!n->off)
		n->off = ex_orig(p, head->la);
	ex_trim(p->buf, &a, &hi);
	if (ex_starts(p->buf, a, hi, "其中"))
		a += strlen("其中");
	if (ex_starts(p->buf, a, hi, "："))
		a += strlen("：");
	while (a < hi) {
		size_t e = a, all, sa, sb;
		int l = 0;
		while (e < hi && !((l = ex_sent_break(p->buf, p->len, e)) && (p->buf[e] != '!' && p->buf[e] != '?')))
			e++;
		sa = a;
		sb = e;
		ex_trim(p->buf, &sa, &sb);
		if (sa < sb) {
			if (nseg == 64 || statements(p, sa, sb, &st[nseg], 1, &all) != 1 || all != 1 ||
			    st[nseg].kind != K_SCORE)
				return;  /* a segment without exactly one score: the children are doubtful */
			seg[nseg][0] = sa;
			seg[nseg][1] = sb;
			nseg++;
		}
		a = e < hi ? e + (size_t)l : hi;
	}
	for (k = 0; k < nseg; k++) {
		ex_node *c = ex_node_add(x, n);
		if (!c)
			return;
		c->off = ex_orig(p, seg[k][0]);
		set_name(x, c, p, seg[k][0], seg[k][1], st[k].f.lb);
		set_num(x, &c->score, p, &st[k].f);
	}
}

static int total_block(const ex_node *n)
{
	static const char *const w[] = { "自评分数", "自评结论", "评价结论", "自评得分", "评价得分", "自评结果", "评价结果", "总分" };
	size_t k;
	if (!n->name.s)
		return 0;
	for (k = 0; k < sizeof w / sizeof w[0]; k++)
		if (strstr(n->name.s, w[k]))
			return 1;
	return 0;
}

typedef struct scan {
	ex_ctx *x;
	ex_doc *d;
	const int *depth;   /* heading depth of each paragraph, 0 for body */
	size_t a, b;
} scan;

/* "投入 10 分": a heading that is only a name and its points (its 分值). */
static int name_points(const ex_para *p, size_t lo, size_t hi, stmt *st)
{
	size_t pos = lo, e = hi, a = lo, b;
	ex_fig f, g;
	ex_trim(p->buf, &a, &e);
	if (ex_ends(p->buf, a, e, "。"))
		e -= strlen("。");
	if (!ex_fig_next(p, e, &pos, &f) || !is_points(&f) || f.e != e || ex_fig_next(p, e, &pos, &g))
		return 0;
	b = f.lb;
	ex_trim(p->buf, &a, &b);
	if (a == b || kind_of(p->buf, a, b) != K_NONE)
		return 0;
	for (pos = a; pos < b; pos++)
		if (ex_clause_break(p->buf, p->len, pos))
			return 0;
	st->f = f;
	st->la = a;
	st->lb = b;
	st->kind = K_MAX;
	return 1;
}

static void read_block(scan *sc, ex_node *n, size_t h, int dep, size_t *k);

/* Statements that belong to the node itself: one score (and a 分值) or nothing. */
typedef struct own {
	stmt st[MAX_STMT];
	size_t n;
	int doubt;
} own;

static void own_add(own *o, const ex_para *p, size_t lo, size_t hi)
{
	stmt st[MAX_STMT];
	size_t all, k, m = statements(p, lo, hi, st, MAX_STMT, &all);
	if (all > m)
		o->doubt = 1;
	for (k = 0; k < m; k++) {
		if (st[k].kind == K_TOTAL)
			continue;
		if (o->n == MAX_STMT) {
			o->doubt = 1;
			return;
		}
		o->st[o->n++] = st[k];
	}
}

static void own_resolve(scan *sc, ex_node *n, own *o, size_t *who)
{
	size_t k, ns = 0, nm = 0, is = 0, im = 0;
	for (k = 0; k < o->n; k++) {
		if (o->st[k].kind == K_SCORE)
			ns++, is = k;
		else if (o->st[k].kind == K_MAX)
			nm++, im = k;
	}
	if (total_block(n)) {
		if (ns >= 1 && !sc->d->scores.score.s)
			set_num(sc->x, &sc->d->scores.score, &sc->x->t->p[who[is]], &o->st[is].f);
		return;
	}
	if (o->doubt || ns > 1 || nm > 1)
		return;
	if (ns == 1 && !n->score.s)
		set_num(sc->x, &n->score, &sc->x->t->p[who[is]], &o->st[is].f);
	if (nm == 1 && !n->max.s)
		set_num(sc->x, &n->max, &sc->x->t->p[who[im]], &o->st[im].f);
}

static void read_block(scan *sc, ex_node *n, size_t h, int dep, size_t *k)
{
	ex_ctx *x = sc->x;
	own o;
	size_t who[MAX_STMT], before;
	memset(&o, 0, sizeof o);
	if (h != EX_NONE) {
		const ex_para *p = &x->t->p[h];
		stmt head;
		size_t rest;
		n->off = ex_orig(p, 0);
		if (name_points(p, p->body, p->len, &head)) {
			set_name(x, n, p, head.la, head.lb, head.lb);
			set_num(x, &n->max, p, &head.f);
		} else if (group_head(p, p->body, p->len, &head, &rest)) {
			read_group(x, n, p, &head, rest, p->len);
		} else {
			set_name(x, n, p, p->body, p->len, p->len);
			before = o.n;
			own_add(&o, p, p->body, p->len);
			while (before < o.n)
				who[before++] = h;
		}
	}
	while (*k < sc->b && !x->oom) {
		size_t i = *k;
		const ex_para *p = &x->t->p[i];
		if (p->row) {
			(*k)++;
			continue;
		}
		if (sc->depth[i] == 0) {
			stmt head;
			size_t rest;
			(*k)++;
			if (h == EX_NONE)
				continue;  /* text before the first heading: only the total is read */
			if (group_head(p, p->body, p->len, &head, &rest)) {
				/* "2、产出" then "产出得 20 分。…": the paragraph scores the heading itself */
				ex_node probe;
				ex_node *c;
				memset(&probe, 0, sizeof probe);
				set_name(x, &probe, p, head.la, head.lb, head.lb);
				if (!n->score.s && !n->n && n->name.s && probe.name.s && !strcmp(n->name.s, probe.name.s))
					c = n;
				else
					c = ex_node_add(x, n);
				ex_val_free(&probe.name);
				if (c)
					read_group(x, c, p, &head, rest, p->len);
			} else {
				before = o.n;
				own_add(&o, p, p->body, p->len);
				while (before < o.n)
					who[before++] = i;
			}
		} else if (sc->depth[i] > dep) {
			ex_node *c = ex_node_add(x, n);
			(*k)++;
			if (!c) {
				size_t skip = *k;
				while (skip < sc->b && (sc->depth[skip] == 0 || sc->depth[skip] > sc->depth[i]))
					skip++;
				*k = skip;
				continue;
			}
			read_block(sc, c, i, sc->depth[i], k);
		} else
			break;
	}
	if (h != EX_NONE)
		own_resolve(sc, n, &o, who);
}

/* Drop nodes with no score, no 分值 and nothing below them. */
static int prune(ex_node *n)
{
	size_t k, m = 0;
	for (k = 0; k < n->n; k++) {
		if (prune(&n->items[k]))
			n->items[m++] = n->items[k];
		else
			ex_node_release(&n->items[k]);
	}
	n->n = m;
	return n->score.s || n->max.s || n->n;
}

/* Heading depths by the order in which a report uses its marker families;
 * a marker out of sequence is body text ("无结转\n1.结余结转率 …"). */
static void outline(const ex_text *t, size_t a, size_t b, int *depth)
{
	int fam[EX_MAX_DEPTH], last[EX_MAX_DEPTH], nst = 0, d;
	size_t k;
	for (k = a; k < b; k++) {
		const ex_para *p = &t->p[k];
		depth[k - a] = 0;
		if (p->row || p->fam == EX_FAM_NONE)
			continue;
		for (d = nst - 1; d >= 0 && fam[d] != p->fam; d--)
			;
		if (d >= 0) {
			if (p->num != last[d] + 1)
				continue;
			nst = d + 1;
			last[d] = p->num;
			depth[k - a] = d + 1;
		} else if (p->num == 1 && nst < EX_MAX_DEPTH) {
			fam[nst] = p->fam;
			last[nst] = 1;
			nst++;
			depth[k - a] = nst;
		}
	}
}

static const char *const grades[] = { "不合格", "优秀", "良好", "中等", "合格", "较差", "优", "良", "中", "差" };

/* "考核等级为优秀", "评价等级：良" in p[lo..hi) */
static void read_grade(ex_ctx *x, ex_doc *d, const ex_para *p, size_t lo, size_t hi)
{
	static const char *const lead[] = { "等级为", "等级是", "等级：", "等级:", "等次为", "评价结果为", "评价结论为" };
	size_t k, g, i;
	if (d->scores.grade.s)
		return;
	for (k = 0; k < sizeof lead / sizeof lead[0]; k++) {
		if ((i = ex_find(p->buf, lo, hi, lead[k])) == EX_NONE)
			continue;
		i += strlen(lead[k]);
		while (i < hi && p->buf[i] == ' ')
			i++;
		for (g = 0; g < sizeof grades / sizeof grades[0]; g++)
			if (ex_starts(p->buf, i, hi, grades[g])) {
				ex_val_set(x, &d->scores.grade, grades[g], strlen(grades[g]), ex_orig(p, i));
				return;
			}
	}
}

void ex_read_scores(ex_ctx *x, ex_doc *d, size_t a, size_t b)
{
	scan sc;
	int *depth;
	size_t k, all;
	ex_node *root = &d->scores;
	if (b <= a)
		return;
	depth = calloc(b - a, sizeof *depth);
	if (!depth) {
		x->oom = 1;
		return;
	}
	outline(x->t, a, b, depth);
	/* the total, and a grade stated with it */
	for (k = a; k < b && !root->score.s; k++) {
		const ex_para *p = &x->t->p[k];
		stmt st[MAX_STMT];
		size_t m = statements(p, p->body, p->len, st, MAX_STMT, &all), j;
		for (j = 0; j < m; j++)
			if (st[j].kind == K_TOTAL) {
				set_num(x, &root->score, p, &st[j].f);
				read_grade(x, d, p, p->body, p->len);
				break;
			}
	}
	sc.x = x;
	sc.d = d;
	sc.depth = depth - a;
	sc.a = a;
	sc.b = b;
	k = a;
	read_block(&sc, root, EX_NONE, 0, &k);
	free(depth);
	prune(root);
	/* a single unscored heading above everything scored adds nothing */
	while (root->n == 1 && !root->items[0].score.s && !root->items[0].max.s && root->items[0].n) {
		ex_node only = root->items[0];
		free(root->items);
		ex_val_free(&only.name);
		ex_val_free(&only.grade);
		root->items = only.items;
		root->n = only.n;
		root->cap = only.cap;
	}
	if (root->score.s || root->n || root->grade.s) {
		ex_val_free(&root->name);
		ex_val_set(x, &root->name, "总分", strlen("总分"), root->score.s ? root->score.off : root->n ? root->items[0].off : 0);
		if (!root->off)
			root->off = root->name.off;
	}
}
