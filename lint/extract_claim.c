/* extract_claim.c — arithmetic written in prose ("A/B×100%=C%") → claims, and the figures and rates they name. */
#include <stdlib.h>
#include <string.h>
#include "extract_int.h"

#define MAX_TOK   256   /* tokens in one side of a chain; a longer side is not read */
#define MAX_SIDES 8     /* sides of one '=' chain */
#define MAX_NEST  16    /* parentheses in one side */

enum { T_NUM, T_OP, T_WORD };

typedef struct tok {
	int kind;
	uint32_t op;         /* T_OP: '+', '-', '*', '/', '(', ')', '%', 0x2030, 0xD7 (×), 0xF7 (÷) */
	size_t a, b;         /* text in the paragraph buffer */
	int money;           /* T_WORD: a money unit (元, 万元 …) */
} tok;

typedef struct side {
	size_t a, b;
	tok t[MAX_TOK];
	size_t n;
	int ok;              /* tokenised within MAX_TOK */
} side;

enum { S_LABEL, S_NUMERIC, S_SYMBOLIC };

static uint32_t op_of(uint32_t c)
{
	switch (c) {
	case '+': case 0xFF0B: return '+';
	case '-': case 0xFF0D: case 0x2212: return '-';
	case '*': case 0xFF0A: case 0x00D7: return c == 0x00D7 ? 0xD7 : '*';
	case '/': case 0xFF0F: return '/';
	case 0x00F7: return 0xF7;
	case '(': case 0xFF08: return '(';
	case ')': case 0xFF09: return ')';
	case '%': case 0xFF05: return '%';
	case 0x2030: return 0x2030;
	}
	return 0;
}

static int is_money_word(const char *s, size_t a, size_t b)
{
	static const char *const w[] = { "元", "万元", "亿元", "千元" };
	size_t k;
	for (k = 0; k < sizeof w / sizeof w[0]; k++)
		if (b - a == strlen(w[k]) && !memcmp(s + a, w[k], b - a))
			return 1;
	return 0;
}

static int push(side *sd, int kind, uint32_t op, size_t a, size_t b)
{
	if (sd->n == MAX_TOK)
		return sd->ok = 0, -1;
	sd->t[sd->n].kind = kind;
	sd->t[sd->n].op = op;
	sd->t[sd->n].a = a;
	sd->t[sd->n].b = b;
	sd->t[sd->n].money = 0;
	sd->n++;
	return 0;
}

/* Split s[a..b) into numbers, operators and word runs; blanks and '$' are dropped. */
static void tokenize(const char *s, size_t n, size_t a, size_t b, side *sd)
{
	size_t i = a;
	int l;
	sd->a = a;
	sd->b = b;
	sd->n = 0;
	sd->ok = 1;
	while (i < b && sd->ok) {
		uint32_t c = ex_cp(s, n, i, &l), op;
		if (ex_is_space(c) || c == '$') {
			i += (size_t)l;
		} else if (ex_is_digit(c)) {
			size_t e = ex_number_end(s, b, i);
			push(sd, T_NUM, 0, i, e);
			i = e;
		} else if (c == '\\') {
			static const struct { const char *w; uint32_t op; } tex[] = {
				{ "\\%", '%' }, { "\\times", 0xD7 }, { "\\div", 0xF7 }, { "\\cdot", 0xD7 },
				{ "\\left", 0 }, { "\\right", 0 },
			};
			size_t k, m = 0;
			for (k = 0; k < sizeof tex / sizeof tex[0]; k++)
				if (ex_starts(s, i, b, tex[k].w)) {
					m = strlen(tex[k].w);
					if (tex[k].op)
						push(sd, T_OP, tex[k].op, i, i + m);
					break;
				}
			if (!m) {
				push(sd, T_WORD, 0, i, i + 1);
				m = 1;
			}
			i += m;
		} else if ((op = op_of(c))) {
			push(sd, T_OP, op, i, i + (size_t)l);
			i += (size_t)l;
		} else {
			size_t e = i;
			while (e < b) {
				uint32_t d = ex_cp(s, n, e, &l);
				if (ex_is_space(d) || d == '$' || d == '\\' || ex_is_digit(d) || op_of(d))
					break;
				e += (size_t)l;
			}
			if (!push(sd, T_WORD, 0, i, e))
				sd->t[sd->n - 1].money = is_money_word(s, i, e);
			i = e;
		}
	}
}

/* expr := term (binop term)* ; term := ['-'] (NUM | '(' expr ')') ['%' | '‰'] */
static int parse_expr(const tok *t, size_t n, size_t *i, int depth);

static int parse_term(const tok *t, size_t n, size_t *i, int depth)
{
	if (*i < n && t[*i].kind == T_OP && t[*i].op == '-')
		(*i)++;
	if (*i >= n)
		return 0;
	if (t[*i].kind == T_NUM) {
		(*i)++;
	} else if (t[*i].kind == T_OP && t[*i].op == '(') {
		if (depth >= MAX_NEST)
			return 0;
		(*i)++;
		if (!parse_expr(t, n, i, depth + 1) || *i >= n || t[*i].kind != T_OP || t[*i].op != ')')
			return 0;
		(*i)++;
	} else
		return 0;
	if (*i < n && t[*i].kind == T_OP && (t[*i].op == '%' || t[*i].op == 0x2030))
		(*i)++;
	return 1;
}

static int parse_expr(const tok *t, size_t n, size_t *i, int depth)
{
	if (!parse_term(t, n, i, depth))
		return 0;
	while (*i < n && t[*i].kind == T_OP &&
	       (t[*i].op == '+' || t[*i].op == '-' || t[*i].op == '*' || t[*i].op == '/' || t[*i].op == 0xD7 ||
	        t[*i].op == 0xF7)) {
		(*i)++;
		if (!parse_term(t, n, i, depth))
			return 0;
	}
	return 1;
}

/* Numeric when every word run is short and next to a number ("在职 10 人",
 * "100万元") and the rest is arithmetic. */
static int classify(const char *s, side *sd)
{
	tok ex[MAX_TOK];
	size_t k, m = 0, nums = 0, ops = 0, i = 0;
	int attached = 1;
	if (!sd->ok || !sd->n)
		return S_SYMBOLIC;
	for (k = 0; k < sd->n; k++) {
		const tok *t = &sd->t[k];
		if (t->kind == T_NUM)
			nums++;
		else if (t->kind == T_OP)
			ops++;
		else {
			int next_num = k + 1 < sd->n && sd->t[k + 1].kind == T_NUM;
			int prev_num = k > 0 && (sd->t[k - 1].kind == T_NUM ||
			                         (sd->t[k - 1].kind == T_OP && sd->t[k - 1].op == '%'));
			if ((!next_num && !prev_num) || ex_ncps(s, t->a, t->b) > 4)
				attached = 0;
			continue;
		}
		ex[m++] = *t;
	}
	if (!nums)
		return ops ? S_SYMBOLIC : S_LABEL;
	if (!attached)
		return S_SYMBOLIC;
	if (!parse_expr(ex, m, &i, 0) || i != m)
		return S_SYMBOLIC;
	return S_NUMERIC;
}

/* The stated result: the side up to its first figure and a word glued to it. */
static void cut_result(side *sd)
{
	size_t k, i, m = 0;
	tok ex[MAX_TOK];
	for (k = 0; k < sd->n; k++)
		if (sd->t[k].kind == T_WORD)
			break;
	if (k == sd->n)
		return;
	/* keep a word right after a number ("100人"), then stop */
	if (k > 0 && sd->t[k - 1].kind == T_NUM)
		k++;
	for (i = 0; i < k; i++)
		if (sd->t[i].kind != T_WORD)
			ex[m++] = sd->t[i];
	i = 0;
	if (m && parse_expr(ex, m, &i, 0) && i == m) {
		sd->n = k;
		sd->b = sd->t[k - 1].b;
	}
}

/* Append the side's text without blanks, '$', LaTeX and (unless words)
 * the words around its numbers; a money unit right after a number stays
 * ("100万元"), since it sets the number's magnitude. */
static size_t side_text(const char *s, const side *sd, int words, char *out, size_t cap, size_t k)
{
	size_t i;
	for (i = 0; i < sd->n; i++) {
		const tok *t = &sd->t[i];
		const char *w = s + t->a;
		size_t len = t->b - t->a;
		char buf[8];
		if (t->kind == T_WORD && !words && !(t->money && i > 0 && sd->t[i - 1].kind == T_NUM))
			continue;
		if (t->kind == T_OP && s[t->a] == '\\') {
			len = t->op == '%' ? 1 : 2;
			memcpy(buf, t->op == '%' ? "%" : t->op == 0xD7 ? "×" : "÷", len);
			w = buf;
		} else if (t->kind == T_NUM) {
			char nb[EX_FIG_TEXT];
			size_t nl = ex_clean_copy(s, t->a, t->b, nb, sizeof nb);
			if (!nl || k + nl + 1 > cap)
				return 0;
			memcpy(out + k, nb, nl);
			k += nl;
			continue;
		}
		if (k + len + 1 > cap)
			return 0;
		memcpy(out + k, w, len);
		k += len;
	}
	out[k] = '\0';
	return k;
}

static const tok *first_num(const side *sd)
{
	size_t k;
	for (k = 0; k < sd->n; k++)
		if (sd->t[k].kind == T_NUM)
			return &sd->t[k];
	return NULL;
}

/* Strip a trailing "×100%" and parentheses around the whole. */
static void core(const side *sd, size_t *a, size_t *b)
{
	const tok *t = sd->t;
	*a = 0;
	*b = sd->n;
	if (*b >= 3 && t[*b - 1].kind == T_OP && t[*b - 1].op == '%' && t[*b - 2].kind == T_NUM &&
	    t[*b - 3].kind == T_OP && (t[*b - 3].op == 0xD7 || t[*b - 3].op == '*'))
		*b -= 3;
	if (*b - *a >= 2 && t[*a].kind == T_OP && t[*a].op == '(' && t[*b - 1].kind == T_OP && t[*b - 1].op == ')') {
		size_t k;
		int depth = 0, whole = 1;
		for (k = *a; k < *b; k++) {
			if (t[k].kind != T_OP)
				continue;
			if (t[k].op == '(')
				depth++;
			else if (t[k].op == ')' && --depth == 0 && k + 1 < *b)
				whole = 0;
		}
		if (whole)
			(*a)++, (*b)--;
	}
}

/* The one top-level '/' in t[a..b), or (size_t)-1. Other top-level operators make it -1. */
static size_t top_div(const tok *t, size_t a, size_t b)
{
	size_t k, at = (size_t)-1;
	int depth = 0;
	for (k = a; k < b; k++) {
		if (t[k].kind != T_OP)
			continue;
		if (t[k].op == '(')
			depth++;
		else if (t[k].op == ')')
			depth--;
		else if (!depth) {
			if (t[k].op != '/' || at != (size_t)-1)
				return (size_t)-1;
			at = k;
		}
	}
	return at;
}

static int field_of(const char *s, size_t a, size_t b)
{
	size_t t = ex_back_cps(s, b, a, EX_LABEL_TAIL);
	if (ex_has(s, t, b, "采购"))
		return ex_has(s, t, b, "计划") ? EX_PROC_PLAN : ex_has(s, t, b, "实际") ? EX_PROC_ACTUAL : -1;
	if (ex_has(s, t, b, "三公"))
		return -1;
	return ex_fund_field(s, a, b);
}

/* "实际采购金额/采购计划金额" = "68854763/68854763": each name gets its number. */
static void align(ex_ctx *x, ex_doc *d, const ex_para *p, const side *sym, const side *num)
{
	size_t sa, sb, na, nb, sd, nd;
	const tok *st = sym->t, *nt = num->t;
	core(sym, &sa, &sb);
	core(num, &na, &nb);
	sd = top_div(st, sa, sb);
	nd = top_div(nt, na, nb);
	if (sd == (size_t)-1 || nd == (size_t)-1 || nd != na + 1 || nb != nd + 2 ||
	    nt[na].kind != T_NUM || nt[nd + 1].kind != T_NUM || sd == sa || sd + 1 == sb)
		return;
	{
		size_t k;
		for (k = sa; k < sb; k++)
			if (st[k].kind == T_NUM || (k != sd && st[k].kind == T_OP && st[k].op != '(' && st[k].op != ')'))
				return;
	}
	{
		struct { size_t a, b; const tok *n; } pair[2] = {
			{ st[sa].a, st[sd - 1].b, &nt[na] }, { st[sd + 1].a, st[sb - 1].b, &nt[nd + 1] }
		};
		int k;
		for (k = 0; k < 2; k++) {
			char buf[EX_FIG_TEXT];
			int f = field_of(p->buf, pair[k].a, pair[k].b);
			if (f < 0 || !ex_clean_copy(p->buf, pair[k].n->a, pair[k].n->b, buf, sizeof buf))
				continue;
			ex_set_field(x, d, f, buf, ex_orig(p, pair[k].n->a));
		}
	}
}

static int has_percent_factor(const side *sd)
{
	size_t k;
	for (k = 0; k + 2 < sd->n; k++)
		if (sd->t[k].kind == T_OP && (sd->t[k].op == 0xD7 || sd->t[k].op == '*') && sd->t[k + 1].kind == T_NUM &&
		    sd->t[k + 2].kind == T_OP && sd->t[k + 2].op == '%')
			return 1;
	return 0;
}

static int side_has_percent(const side *sd)
{
	size_t k;
	for (k = 0; k < sd->n; k++)
		if (sd->t[k].kind == T_OP && (sd->t[k].op == '%' || sd->t[k].op == 0x2030))
			return 1;
	return 0;
}

static ex_claim *claim_new(ex_ctx *x, ex_doc *d)
{
	ex_claim *c;
	if (d->ncl >= EX_MAX_ITEMS)
		return NULL;
	if (d->ncl == d->capcl) {
		size_t cap = d->capcl ? d->capcl * 2 : 4;
		ex_claim *nc = realloc(d->cl, cap * sizeof *nc);
		if (!nc) {
			x->oom = 1;
			return NULL;
		}
		d->cl = nc;
		d->capcl = cap;
	}
	c = &d->cl[d->ncl++];
	memset(c, 0, sizeof *c);
	return c;
}



/* One clause [cs, ce) holding '=' signs at eq[0..ne). */
static void read_chain(ex_ctx *x, ex_doc *d, const ex_para *p, size_t lo, size_t cs, size_t ce, const size_t *eq,
                       const int *eql, size_t ne, int tp)
{
	side *sd;
	int kind[MAX_SIDES];
	size_t ns = ne + 1, k, j, first, la = 0, lb = 0, src_a, text_off;
	char text[1024];
	size_t tl = 0;
	ex_claim *c;
	if (ns > MAX_SIDES)
		return;
	sd = malloc(ns * sizeof *sd);
	if (!sd) {
		x->oom = 1;
		return;
	}
	for (k = 0; k < ns; k++) {
		size_t a = k ? eq[k - 1] + (size_t)eql[k - 1] : cs, b = k < ne ? eq[k] : ce;
		if (k == 0)
			ex_strip_subject(p->buf, &a, b);  /* "我局2022年政府采购执行率" */
		tokenize(p->buf, p->len, a, b, &sd[k]);
		if (k == ns - 1)
			cut_result(&sd[k]);
		kind[k] = classify(p->buf, &sd[k]);
	}
	if (kind[ns - 1] != S_NUMERIC)
		goto out;
	for (first = ns - 1; first > 0 && kind[first - 1] == S_NUMERIC; first--)
		;
	if (first == ns - 1) {
		/* "…×100%=1": only the result is a number; keep the formula when it
		 * is a percent formula whose result lacks the percent sign */
		if (first == 0 || kind[first - 1] != S_SYMBOLIC || !has_percent_factor(&sd[first - 1]) ||
		    side_has_percent(&sd[ns - 1]))
			goto out;
		first--;
	}
	for (j = first; j < ns; j++) {
		size_t r;
		if (j > first)
			text[tl++] = '=';
		r = side_text(p->buf, &sd[j], kind[j] != S_NUMERIC, text + tl, sizeof text - tl - 1, 0);
		if (!r)
			goto out;
		tl += r;
	}
	text[tl] = '\0';
	/* the label: a first side of words, or the clause before a '：' */
	if (first > 0 && kind[0] == S_LABEL) {
		la = sd[0].a;
		lb = sd[0].b;
	} else if (ex_ends(p->buf, lo, cs, "：") || ex_ends(p->buf, lo, cs, ":")) {
		lb = cs - (ex_ends(p->buf, lo, cs, "：") ? strlen("：") : 1);
		la = ex_clause_start(p->buf, p->len, lo, lb);
	}
	if (lb > la) {
		ex_strip_subject(p->buf, &la, lb);
		ex_trim(p->buf, &la, &lb);
	}
	if (!(c = claim_new(x, d)))
		goto out;
	{
		const tok *t0 = kind[first] == S_NUMERIC ? first_num(&sd[first]) : NULL;
		text_off = ex_orig(p, t0 ? t0->a : sd[first].t[0].a);
	}
	ex_val_set(x, &c->text, text, tl, text_off);
	if (lb > la && ex_ncps(p->buf, la, lb) <= EX_NAME_MAX)
		ex_val_text(x, &c->label, p, la, lb, EX_NAME_MAX);
	src_a = lb > la ? la : sd[0].a;
	if (ex_ncps(p->buf, src_a, sd[ns - 1].b) > EX_SOURCE_MAX)
		src_a = ex_back_cps(p->buf, sd[ns - 1].b, src_a, EX_SOURCE_MAX);  /* keep the end: the figures */
	ex_val_text(x, &c->source, p, src_a, sd[ns - 1].b, EX_SOURCE_MAX);
	/* figures named by a formula, and a rate it states */
	if (first > 0 && kind[first - 1] == S_SYMBOLIC && kind[first] == S_NUMERIC)
		align(x, d, p, &sd[first - 1], &sd[first]);
	if (lb > la && side_has_percent(&sd[ns - 1])) {
		int r = ex_rate_of(p->buf, la, lb, tp);
		char buf[EX_FIG_TEXT];
		if (r >= 0 && !d->rate[r].s && side_text(p->buf, &sd[ns - 1], 0, buf, sizeof buf, 0))
			ex_val_set(x, &d->rate[r], buf, strlen(buf), ex_orig(p, first_num(&sd[ns - 1])->a));
	}
out:
	free(sd);
}

static int eq_at(const char *s, size_t n, size_t i, size_t lo)
{
	int l;
	uint32_t c = ex_cp(s, n, i, &l), prev;
	if (c != '=' && c != 0xFF1D)
		return 0;
	prev = ex_cp_before(s, i, lo, &l);
	if (prev == '<' || prev == '>' || prev == '!' || prev == '=' || prev == 0x2264 || prev == 0x2265)
		return 0;
	{
		uint32_t next = ex_cp(s, n, i + (c == '=' ? 1 : 3), &l);
		if (next == '=')
			return 0;
	}
	return c == '=' ? 1 : 3;
}

void ex_read_claims(ex_ctx *x, ex_doc *d, const ex_para *p, size_t lo, size_t hi)
{
	size_t cs = lo;
	int tp;
	if (!memchr(p->buf + lo, '=', hi - lo) && !ex_has(p->buf, lo, hi, "＝"))
		return;
	tp = ex_has(p->buf, lo, hi, "三公");
	while (cs < hi) {
		size_t eq[MAX_SIDES], ne = 0, ce = cs;
		int eql[MAX_SIDES], l;
		while (ce < hi && !(l = ex_clause_break(p->buf, p->len, ce))) {
			int e = eq_at(p->buf, p->len, ce, lo);
			if (e && ne < MAX_SIDES) {
				eq[ne] = ce;
				eql[ne++] = e;
			}
			ce += e ? (size_t)e : 1;
		}
		if (ne && ne < MAX_SIDES && !x->oom)
			read_chain(x, d, p, lo, cs, ce, eq, eql, ne, tp);
		cs = ce < hi ? ce + (size_t)l : hi;
	}
}
