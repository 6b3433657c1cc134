/* extract_para.c — report text → paragraphs (wrapped lines joined, table cells apart) and the line:column of a byte. */
#include <stdlib.h>
#include <string.h>
#include "extract_int.h"

#define EX_CK_STEP 4096   /* bytes between line/column checkpoints */

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
