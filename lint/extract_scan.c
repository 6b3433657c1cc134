/* extract_scan.c — the words of a report text: UTF-8 code points, string search, sentence and clause breaks, list markers. */
#include <stdlib.h>
#include <string.h>
#include "extract_int.h"

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
