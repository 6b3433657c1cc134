/* extract_scan.c — report text → paragraphs (wrapped lines joined, table cells apart), list markers, sentences, positions. */
#include <stdlib.h>
#include <string.h>
#include "extract_int.h"

#define EX_CK_STEP 4096   /* bytes between line/column checkpoints */

/* ---- UTF-8 ---- */

uint32_t ex_cp(const char *s, size_t n, size_t i, int *len)
{
	const unsigned char *u = (const unsigned char *)s + i;
	size_t left = i < n ? n - i : 0;
	uint32_t c;
	int l, k;
	if (!left) {
		*len = 0;
		return 0;
	}
	if (u[0] < 0x80) {
		*len = 1;
		return u[0];
	}
	if ((u[0] & 0xE0) == 0xC0)
		l = 2, c = u[0] & 0x1F;
	else if ((u[0] & 0xF0) == 0xE0)
		l = 3, c = u[0] & 0x0F;
	else if ((u[0] & 0xF8) == 0xF0)
		l = 4, c = u[0] & 0x07;
	else {
		*len = 1;
		return 0xFFFD;
	}
	if ((size_t)l > left) {
		*len = 1;
		return 0xFFFD;
	}
	for (k = 1; k < l; k++) {
		if ((u[k] & 0xC0) != 0x80) {
			*len = 1;
			return 0xFFFD;
		}
		c = c << 6 | (u[k] & 0x3F);
	}
	*len = l;
	return c;
}

uint32_t ex_cp_before(const char *s, size_t i, size_t lo, int *len)
{
	size_t j = i;
	int l;
	uint32_t c;
	if (i <= lo) {
		*len = 0;
		return 0;
	}
	j--;
	while (j > lo && i - j < 4 && ((unsigned char)s[j] & 0xC0) == 0x80)
		j--;
	c = ex_cp(s, i, j, &l);
	if ((size_t)l != i - j) {
		*len = 1;
		return 0xFFFD;
	}
	*len = l;
	return c;
}

int ex_is_space(uint32_t c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v' || c == 0xA0 ||
	       c == 0x3000 || c == 0xFEFF || c == 0x202F || (c >= 0x2000 && c <= 0x200B);
}

int ex_is_digit(uint32_t c)
{
	return (c >= '0' && c <= '9') || (c >= 0xFF10 && c <= 0xFF19);
}

int ex_is_cjk(uint32_t c)
{
	return (c >= 0x3400 && c <= 0x4DBF) || (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0xF900 && c <= 0xFAFF);
}

size_t ex_back_cps(const char *s, size_t i, size_t lo, int k)
{
	int l;
	while (k-- > 0 && i > lo) {
		ex_cp_before(s, i, lo, &l);
		i -= (size_t)l;
	}
	return i;
}

size_t ex_ncps(const char *s, size_t a, size_t b)
{
	size_t k = 0;
	for (; a < b; a++)
		if (((unsigned char)s[a] & 0xC0) != 0x80)
			k++;
	return k;
}

/* ---- small string helpers ---- */

size_t ex_find(const char *s, size_t a, size_t b, const char *w)
{
	size_t m = strlen(w);
	if (!m || b < a || b - a < m)
		return (size_t)-1;
	for (; a + m <= b; a++)
		if (s[a] == w[0] && !memcmp(s + a, w, m))
			return a;
	return (size_t)-1;
}

int ex_has(const char *s, size_t a, size_t b, const char *w)
{
	return ex_find(s, a, b, w) != (size_t)-1;
}

int ex_ends(const char *s, size_t a, size_t b, const char *w)
{
	size_t m = strlen(w);
	return b >= a && b - a >= m && !memcmp(s + b - m, w, m);
}

int ex_starts(const char *s, size_t a, size_t b, const char *w)
{
	size_t m = strlen(w);
	return b >= a && b - a >= m && !memcmp(s + a, w, m);
}

void ex_trim(const char *s, size_t *a, size_t *b)
{
	int l;
	while (*a < *b && ex_is_space(ex_cp(s, *b, *a, &l)))
		*a += (size_t)l;
	while (*b > *a && ex_is_space(ex_cp_before(s, *b, *a, &l)))
		*b -= (size_t)l;
}

/* ---- sentences and clauses ---- */

int ex_sent_break(const char *s, size_t n, size_t i)
{
	int l;
	unsigned char u = (unsigned char)s[i];
	uint32_t c;
	if (u != '!' && u != '?' && u != ';' && u != 0xE3 && u != 0xEF)
		return 0;  /* every break starts with one of these bytes */
	c = ex_cp(s, n, i, &l);
	switch (c) {
	case 0x3002: case 0xFF01: case 0xFF1F: case 0xFF1B: case '!': case '?': case ';':
		return l;
	}
	return 0;
}

/* An ASCII comma between digit groups: "18,807,267.11", "24, 028". */
int ex_thousands_comma(const char *s, size_t n, size_t i)
{
	size_t j = i + 1, k;
	if (i == 0 || s[i - 1] < '0' || s[i - 1] > '9')
		return 0;
	if (j < n && s[j] == ' ')
		j++;
	for (k = 0; k < 3; k++, j++)
		if (j >= n || s[j] < '0' || s[j] > '9')
			return 0;
	return j >= n || s[j] < '0' || s[j] > '9';
}

int ex_clause_break(const char *s, size_t n, size_t i)
{
	int l;
	unsigned char u = (unsigned char)s[i];
	uint32_t c;
	if (u != ',' && u != ':' && u != '!' && u != '?' && u != ';' && u != 0xE3 && u != 0xEF)
		return 0;
	if ((l = ex_sent_break(s, n, i)))
		return l;
	c = ex_cp(s, n, i, &l);
	switch (c) {
	case 0xFF0C: case 0x3001: case 0xFF1A: case ':':
		return l;
	case ',':
		return ex_thousands_comma(s, n, i) ? 0 : 1;
	}
	return 0;
}

size_t ex_clause_start(const char *s, size_t n, size_t lo, size_t i)
{
	size_t j = i;
	int l;
	while (j > lo) {
		size_t k = j;
		ex_cp_before(s, j, lo, &l);
		k -= (size_t)l;
		if (ex_clause_break(s, n, k))
			return j;
		j = k;
	}
	return lo;
}

/* ---- list markers ---- */

static int cn_digit(uint32_t c)
{
	static const uint32_t d[] = { 0x4E00, 0x4E8C, 0x4E09, 0x56DB, 0x4E94, 0x516D, 0x4E03, 0x516B, 0x4E5D };
	int k;
	for (k = 0; k < 9; k++)
		if (d[k] == c)
			return k + 1;
	return 0;
}

/* 一 … 九十九 at s[*i]; 0 if none. */
static int cn_numeral(const char *s, size_t n, size_t *i)
{
	int l, a, v = 0;
	size_t j = *i;
	uint32_t c = ex_cp(s, n, j, &l);
	if ((a = cn_digit(c))) {
		v = a;
		j += (size_t)l;
		c = ex_cp(s, n, j, &l);
	}
	if (c == 0x5341) {  /* 十 */
		v = (v ? v : 1) * 10;
		j += (size_t)l;
		c = ex_cp(s, n, j, &l);
		if ((a = cn_digit(c))) {
			v += a;
			j += (size_t)l;
		}
	}
	if (v)
		*i = j;
	return v;
}

/* 1 or 2 ASCII or full-width digits at s[*i]. */
static int small_number(const char *s, size_t n, size_t *i)
{
	int l, v = 0, k = 0;
	size_t j = *i;
	uint32_t c;
	while (k < 3 && (c = ex_cp(s, n, j, &l)) && ex_is_digit(c)) {
		v = v * 10 + (int)(c >= 0xFF10 ? c - 0xFF10 : c - '0');
		j += (size_t)l;
		k++;
	}
	if (k == 0 || k > 2 || v == 0)
		return 0;
	*i = j;
	return v;
}

int ex_marker(const char *s, size_t n, int *num, size_t *mlen)
{
	size_t i = 0, j;
	int l, v, fam = EX_FAM_NONE;
	uint32_t c = ex_cp(s, n, 0, &l);
	if (c == '(' || c == 0xFF08) {
		j = (size_t)l;
		if ((v = cn_numeral(s, n, &j)))
			fam = EX_FAM_CN_PAREN;
		else if ((v = small_number(s, n, &j)))
			fam = EX_FAM_NUM_PAREN;
		c = ex_cp(s, n, j, &l);
		if (!fam || (c != ')' && c != 0xFF09))
			return EX_FAM_NONE;
		i = j + (size_t)l;
	} else if (c >= 0x2460 && c <= 0x2473) {
		v = (int)(c - 0x245F);
		fam = EX_FAM_CIRCLED;
		i = (size_t)l;
	} else if (ex_starts(s, 0, n, "指标")) {
		j = strlen("指标");
		while (ex_is_space(ex_cp(s, n, j, &l)))
			j += (size_t)l;
		if (!(v = small_number(s, n, &j)))
			return EX_FAM_NONE;
		while (ex_is_space(ex_cp(s, n, j, &l)))
			j += (size_t)l;
		c = ex_cp(s, n, j, &l);
		if (c != ':' && c != 0xFF1A)
			return EX_FAM_NONE;
		fam = EX_FAM_INDICATOR;
		i = j + (size_t)l;
	} else {
		j = 0;
		if ((v = cn_numeral(s, n, &j))) {
			if (ex_cp(s, n, j, &l) != 0x3001)
				return EX_FAM_NONE;
			fam = EX_FAM_CN_DUN;
			i = j + (size_t)l;
		} else if ((v = small_number(s, n, &j))) {
			c = ex_cp(s, n, j, &l);
			if (c == 0x3001)
				fam = EX_FAM_NUM_DUN;
			else if (c == ')' || c == 0xFF09)
				fam = EX_FAM_NUM_RPAREN;
			else if (c == '.' || c == 0xFF0E) {
				int l2;
				if (ex_is_digit(ex_cp(s, n, j + (size_t)l, &l2)))
					return EX_FAM_NONE;
				fam = EX_FAM_NUM_DOT;
			} else
				return EX_FAM_NONE;
			i = j + (size_t)l;
		} else
			return EX_FAM_NONE;
	}
	while (i < n && ex_is_space(ex_cp(s, n, i, &l)))
		i += (size_t)l;
	*num = v;
	*mlen = i;
	return fam;
}

/* ---- paragraphs ---- */

size_t ex_orig(const ex_para *p, size_t w)
{
	size_t lo = 0, hi = p->npc;
	if (!p->npc)
		return 0;
	while (hi - lo > 1) {
		size_t mid = lo + (hi - lo) / 2;
		if (p->pc[mid].w <= w)
			lo = mid;
		else
			hi = mid;
	}
	return p->pc[lo].o + (w - p->pc[lo].w);
}

static int para_add(ex_para *p, const char *src, size_t o, size_t len)
{
	char *nb;
	if (!len)
		return 0;
	if (!p->npc || p->pc[p->npc - 1].o + (p->len - p->pc[p->npc - 1].w) != o) {
		if (p->npc == p->cappc) {
			size_t cap = p->cappc ? p->cappc * 2 : 4;
			ex_piece *np = realloc(p->pc, cap * sizeof *np);
			if (!np)
				return -1;
			p->pc = np;
			p->cappc = cap;
		}
		p->pc[p->npc].w = p->len;
		p->pc[p->npc].o = o;
		p->npc++;
	}
	nb = realloc(p->buf, p->len + len + 1);
	if (!nb)
		return -1;
	p->buf = nb;
	memcpy(p->buf + p->len, src + o, len);
	p->len += len;
	p->buf[p->len] = '\0';
	return 0;
}

/* Append the cleaned text of s[a..b) to p: blanks at both ends and "**"
 * dropped; a leading markdown '#' run dropped when lead is set. */
static int para_add_clean(ex_para *p, const char *s, size_t a, size_t b, int lead)
{
	size_t i;
	ex_trim(s, &a, &b);
	if (lead && a < b && s[a] == '#') {
		size_t j = a;
		while (j < b && s[j] == '#')
			j++;
		if (j == b || s[j] == ' ') {
			a = j;
			ex_trim(s, &a, &b);
		}
	}
	while (a < b) {
		i = ex_find(s, a, b, "**");
		if (i == (size_t)-1)
			i = b;
		if (para_add(p, s, a, i - a))
			return -1;
		a = i < b ? i + 2 : b;
		if (p->len == 0)
			ex_trim(s, &a, &b);
	}
	return 0;
}

static ex_para *para_new(ex_text *t)
{
	ex_para *p;
	if (t->np == t->capp) {
		size_t cap = t->capp ? t->capp * 2 : 64;
		ex_para *np = realloc(t->p, cap * sizeof *np);
		if (!np)
			return NULL;
		t->p = np;
		t->capp = cap;
	}
	p = &t->p[t->np++];
	memset(p, 0, sizeof *p);
	return p;
}

static void para_drop_if_empty(ex_text *t)
{
	ex_para *p = &t->p[t->np - 1];
	if (p->len == 0) {
		free(p->buf);
		free(p->pc);
		t->np--;
	}
}

static int terminal_punct(uint32_t c)
{
	switch (c) {
	case 0x3002: case 0xFF01: case 0xFF1F: case 0xFF1B: case 0xFF1A: case '!': case '?': case ';': case ':':
		return 1;
	}
	return 0;
}

static int ascii_alnum(uint32_t c)
{
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

/* Does the cleaned line s[0..n) start with "label：" (a short run without punctuation)? */
static int starts_with_label(const char *s, size_t n)
{
	size_t i = 0;
	int l, k = 0;
	uint32_t c;
	while (i < n && k <= 10) {
		c = ex_cp(s, n, i, &l);
		if (c == 0xFF1A || c == ':')
			return k > 0;
		if (!ex_is_cjk(c) && !ex_is_space(c))
			return 0;
		i += (size_t)l;
		k++;
	}
	return 0;
}

/* May line m (cleaned) continue paragraph p, whose last line had lastn code points? */
static int joins(const ex_para *p, size_t lastn, const ex_para *m)
{
	int l, num;
	size_t ml;
	uint32_t end, first;
	if (lastn < EX_WRAP_MIN || !p->len || !m->len)
		return 0;
	end = ex_cp_before(p->buf, p->len, 0, &l);
	first = ex_cp(m->buf, m->len, 0, &l);
	if (terminal_punct(end) || (ascii_alnum(end) && ascii_alnum(first)))
		return 0;
	if (ex_marker(m->buf, m->len, &num, &ml) != EX_FAM_NONE || starts_with_label(m->buf, m->len))
		return 0;
	return 1;
}

static int add_cells(ex_text *t, const char *s, size_t a, size_t b, int row)
{
	int cell = 0;
	while (a <= b) {
		size_t e = a;
		ex_para *p;
		while (e < b && s[e] != '\t')
			e++;
		if (!(p = para_new(t)))
			return -1;
		p->row = row;
		p->cell = cell++;
		if (para_add_clean(p, s, a, e, 0))
			return -1;
		para_drop_if_empty(t);
		a = e + 1;
	}
	return 0;
}

static int build_paragraphs(ex_text *t)
{
	const char *s = t->s;
	size_t n = t->n, a = 0, lastn = 0;
	int open = 0, row = 0;
	while (a < n) {
		size_t b = a, e;
		while (b < n && s[b] != '\n')
			b++;
		e = b;
		if (e > a && s[e - 1] == '\r')
			e--;
		if (memchr(s + a, '\t', e - a)) {
			open = 0;
			if (add_cells(t, s, a, e, ++row))
				return -1;
		} else {
			ex_para line;
			memset(&line, 0, sizeof line);
			if (para_add_clean(&line, s, a, e, 1)) {
				free(line.buf);
				free(line.pc);
				return -1;
			}
			if (line.len) {
				ex_para *p = open ? &t->p[t->np - 1] : NULL;
				size_t k, linen = ex_ncps(line.buf, 0, line.len);
				if (p && joins(p, lastn, &line)) {
					for (k = 0; k < line.npc; k++) {
						size_t w2 = k + 1 < line.npc ? line.pc[k + 1].w : line.len;
						if (para_add(p, s, line.pc[k].o, w2 - line.pc[k].w))
							break;
					}
					free(line.buf);
					free(line.pc);
					if (k < line.npc)
						return -1;
				} else {
					if (!(p = para_new(t))) {
						free(line.buf);
						free(line.pc);
						return -1;
					}
					*p = line;
					p->fam = ex_marker(p->buf, p->len, &p->num, &p->body);
					if (p->fam == EX_FAM_NONE)
						p->num = 0, p->body = 0;
					open = 1;
				}
				lastn = linen;
			}
		}
		a = b + 1;
	}
	return 0;
}

/* ---- positions ---- */

static int build_checkpoints(ex_text *t)
{
	size_t i, k = 0;
	int line = 1, col = 1;
	t->nck = t->n / EX_CK_STEP + 1;
	t->ck = malloc(t->nck * sizeof *t->ck);
	if (!t->ck)
		return -1;
	for (i = 0; i <= t->n; i++) {
		if (i % EX_CK_STEP == 0) {
			t->ck[k].line = line;
			t->ck[k].col = col;
			k++;
		}
		if (i == t->n)
			break;
		if (t->s[i] == '\n')
			line++, col = 1;
		else if (((unsigned char)t->s[i] & 0xC0) != 0x80)
			col++;
	}
	return 0;
}

void ex_text_pos(const ex_text *t, size_t off, int *line, int *col)
{
	size_t k, i;
	if (off > t->n)
		off = t->n;
	k = off / EX_CK_STEP;
	*line = t->ck[k].line;
	*col = t->ck[k].col;
	for (i = k * EX_CK_STEP; i < off; i++) {
		if (t->s[i] == '\n')
			(*line)++, *col = 1;
		else if (((unsigned char)t->s[i] & 0xC0) != 0x80)
			(*col)++;
	}
}

int ex_text_init(ex_text *t, const char *s, size_t n)
{
	memset(t, 0, sizeof *t);
	t->s = s;
	t->n = n;
	if (build_checkpoints(t) || build_paragraphs(t)) {
		ex_text_release(t);
		return -1;
	}
	return 0;
}

void ex_text_release(ex_text *t)
{
	size_t k;
	for (k = 0; k < t->np; k++) {
		free(t->p[k].buf);
		free(t->p[k].pc);
	}
	free(t->p);
	free(t->ck);
	memset(t, 0, sizeof *t);
}
