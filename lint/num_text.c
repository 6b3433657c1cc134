/* num_text.c — a figure's text folded into code points (full-width forms, LaTeX, spaces), and words matched on it. */
#include "num_int.h"

#include <string.h>

/* Decode one UTF-8 sequence at s[i..n); its length, or 0 when invalid. */
int num_utf8_next(const unsigned char *s, size_t n, size_t i, uint32_t *cp)
{
	unsigned c = s[i];
	int len, k;
	uint32_t v;
	if (c < 0x80) {
		*cp = c;
		return 1;
	}
	if (c >= 0xC2 && c <= 0xDF)
		len = 2, v = c & 0x1F;
	else if (c >= 0xE0 && c <= 0xEF)
		len = 3, v = c & 0x0F;
	else if (c >= 0xF0 && c <= 0xF4)
		len = 4, v = c & 0x07;
	else
		return 0;
	if (n - i < (size_t)len)
		return 0;
	for (k = 1; k < len; k++) {
		if ((s[i + k] & 0xC0) != 0x80)
			return 0;
		v = v << 6 | (s[i + k] & 0x3F);
	}
	if ((len == 3 && v < 0x800) || (len == 4 && (v < 0x10000 || v > 0x10FFFF)) ||
	    (v >= 0xD800 && v <= 0xDFFF))
		return 0;
	*cp = v;
	return len;
}

uint32_t num_fold_cp(uint32_t c)
{
	if (c >= 0xFF10 && c <= 0xFF19)
		return c - 0xFF10 + '0';
	if ((c >= 0xFF21 && c <= 0xFF3A) || (c >= 0xFF41 && c <= 0xFF5A))
		return c - 0xFF21 + 'A';
	switch (c) {
	case 0xFF0E: return '.';
	case 0xFF05: return '%';
	case 0xFF0B: return '+';
	case 0xFF0D: case 0x2212: return '-';
	case 0xFF08: return '(';
	case 0xFF09: return ')';
	case 0xFF1C: return '<';
	case 0xFF1E: return '>';
	case 0xFF1D: return '=';
	case 0xFF0F: return '/';
	case 0x9805: return 0x9879;  /* 項 → 项 */
	case '\t': case '\n': case '\r': case 0xA0: case 0x3000: case 0x202F:
		return ' ';
	}
	if (c >= 0x2000 && c <= 0x200A)
		return ' ';
	return c;
}

int num_is_letter(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

/* A LaTeX command at s[i] ('\\'): its folded code point and length, or 0. */
static int latex(const char *s, size_t n, size_t i, uint32_t *cp)
{
	static const struct { const char *w; uint32_t cp; } cmd[] = {
		{ "\\geq", 0x2265 }, { "\\leq", 0x2264 }, { "\\ge", 0x2265 }, { "\\le", 0x2264 },
	};
	size_t k, len;
	if (i + 1 < n && s[i + 1] == '%') {
		*cp = '%';
		return 2;
	}
	for (k = 0; k < sizeof cmd / sizeof cmd[0]; k++) {
		len = strlen(cmd[k].w);
		if (n - i >= len && !memcmp(s + i, cmd[k].w, len) &&
		    (i + len == n || !num_is_letter((unsigned char)s[i + len]))) {
			*cp = cmd[k].cp;
			return (int)len;
		}
	}
	return 0;
}

int num_fold(const char *s, size_t n, struct num_text *t, num_err *err)
{
	size_t i = 0;
	t->s = s;
	t->n = 0;
	while (i < n) {
		unsigned char b = (unsigned char)s[i];
		uint32_t c;
		int len;
		if (b < 0x80 && b != '\\' && b != '$') {   /* fold_cp of ASCII: only \t \n \r change (to ' ') */
			t->cp[t->n] = b == '\t' || b == '\n' || b == '\r' ? ' ' : b;
			t->off[t->n++] = i++;
			continue;
		}
		len = num_utf8_next((const unsigned char *)s, n, i, &c);
		if (!len) {
			if (err) {
				err->offset = i;
				num_put_msg(err->msg, sizeof err->msg, "invalid utf-8");
				num_put_msg(err->msg_zh, sizeof err->msg_zh, "不是有效的 UTF-8 文本");
			}
			return -1;
		}
		if (c == '\\') {
			int l = latex(s, n, i, &c);
			len = l ? l : len;
		} else if (c == '$') {
			i += (size_t)len;
			continue;
		}
		t->cp[t->n] = num_fold_cp(c);
		t->off[t->n++] = i;
		i += (size_t)len;
	}
	t->off[t->n] = n;
	return 0;
}

int num_is_dash(uint32_t c)
{
	return c == '-' || c == 0x2014 || c == 0x2013 || c == 0x2015;
}

/* If the UTF-8 word w is at cp[i..end), its length in code points; else 0. */
int num_match(const struct num_text *t, int i, int end, const char *w)
{
	uint32_t c0;
	if (i >= end)
		return 0;
	c0 = t->cp[i];
	if (c0 < 0x80 ? (unsigned char)w[0] != c0 : (unsigned char)w[0] < 0x80)
		return 0;   /* the first byte already differs: most calls stop here */
	if (c0 >= 0x800 && c0 < 0x10000 && ((unsigned char)w[0] != (0xE0 | c0 >> 12) ||
	    (unsigned char)w[1] != (0x80 | ((c0 >> 6) & 0x3F)) || (unsigned char)w[2] != (0x80 | (c0 & 0x3F))))
		return 0;   /* a CJK character that is not the word's first */
	size_t k = 0, wn = strlen(w);
	int j = i;
	while (k < wn) {
		uint32_t c;
		int len = num_utf8_next((const unsigned char *)w, wn, k, &c);
		if (j >= end || t->cp[j] != c)
			return 0;
		k += (size_t)len;
		j++;
	}
	return j - i;
}

/* Same, at the end of cp[i..end): the word's length, or 0. */
int num_match_end(const struct num_text *t, int i, int end, const char *w)
{
	int wl = 0;
	for (const char *c = w; *c; c++)
		wl += (*c & 0xC0) != 0x80;
	return end - wl >= i && num_match(t, end - wl, end, w) == wl ? wl : 0;
}

int num_ascii_ieq(const struct num_text *t, int i, int end, const char *w)
{
	int k = 0;
	for (; w[k]; k++) {
		uint32_t c = i + k < end ? t->cp[i + k] : 0;
		if (c >= 'A' && c <= 'Z')
			c += 'a' - 'A';
		if (c != (uint32_t)w[k])
			return 0;
	}
	return k;
}

/* Could a way of writing "no figure" (below) start with the folded code point c? */
int num_may_start_empty(uint32_t c)
{
	return num_is_dash(c) || c == ' ' || c == ',' || c == 0xFF0C || c == '/' || c == 0x65E0 /* 无 */ ||
	       c == 0x4E0D /* 不 */ || c == 'n' || c == 'N';
}

/* "", dashes, "/", commas, 无, N/A, 不适用: a missing value, not zero. */
int num_text_empty(const struct num_text *t, int i, int end)
{
	int k, dashes = 1, commas = 1;
	if (i < end && !num_may_start_empty(t->cp[i]))
		return 0;   /* most texts stop here */
	for (k = i; k < end; k++) {
		uint32_t c = t->cp[k];
		dashes &= num_is_dash(c) || c == ' ';
		commas &= c == ',' || c == 0xFF0C || c == ' ';
	}
	if (dashes || commas)
		return 1;
	if ((end - i == 1 && t->cp[i] == '/') || num_match(t, i, end, "无") == end - i ||
	    num_match(t, i, end, "不适用") == end - i)
		return 1;
	return num_ascii_ieq(t, i, end, "n/a") == end - i;
}

