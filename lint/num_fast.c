/* num_fast.c — num_parse, and the figures in the few shapes nearly every one is written in, read straight from the bytes (num.c reads the rest). */
#include "num.h"
#include "num_int.h"

#include <string.h>

/* The three bytes of w (one character of U+0800..U+FFFF) at s? */
static int is3(const unsigned char *s, const char *w)
{
	return s[0] == (unsigned char)w[0] && s[1] == (unsigned char)w[1] && s[2] == (unsigned char)w[2];
}

/* The CJK ideograph (U+4E00..U+9FFF, a noun character) that s[i..e) starts with, or 0. */
static inline __attribute__((always_inline)) uint32_t ideograph_at(const unsigned char *s, size_t i, size_t e)
{
	uint32_t c;
	if (e - i < 3 || s[i] < 0xE4 || s[i] > 0xE9 || (s[i + 1] & 0xC0) != 0x80 || (s[i + 2] & 0xC0) != 0x80)
		return 0;
	c = (uint32_t)(s[i] & 0x0F) << 12 | (uint32_t)(s[i + 1] & 0x3F) << 6 | (uint32_t)(s[i + 2] & 0x3F);
	return c >= 0x4E00 ? c : 0;
}

/* The code point of the one- or three-byte character that s[i..e) starts with; anything when
 * it is neither (only a filter for prefix_at, which compares the bytes). */
static inline __attribute__((always_inline)) uint32_t lead_cp(const unsigned char *s, size_t i, size_t e)
{
	if (s[i] < 0x80 || e - i < 3)
		return s[i];
	return (uint32_t)(s[i] & 0x0F) << 12 | (uint32_t)(s[i + 1] & 0x3F) << 6 | (uint32_t)(s[i + 2] & 0x3F);
}

/*
 * The shapes nearly every figure is written in, read straight from the bytes
 * (no folding): ASCII blanks around, and between them
 *
 *   [prefix word ' '*] ['-' | '+'] ' '* d+ (',' ' '? ddd)* ('.' ' '? d+)? ' '* [万亿|亿|万|千 ' '*] [% ％ ‰ 元 | noun]
 *
 * at most 19 digits, the noun 1 to 7 CJK ideographs. Returns 1 with *out
 * filled exactly as the general path fills it (fuzz_num and tests/num compare
 * the two), or 0 with *out untouched for anything else and anything doubtful,
 * errors included: other blanks or signs, full-width forms, exponents,
 * brackets, LaTeX, ".5", bad grouping, ASCII or mixed nouns, 項 (folded to
 * 项), a noun starting with 余 多 (a qualifier) or 至 到 (a range), or ending
 * with 上 下 内 右 (以上 以下 以内 左右).
 */
static inline __attribute__((always_inline)) int fast_figure(const char *str, size_t n, num_fig *out)
{
	const unsigned char *s = (const unsigned char *)str;
	size_t i = 0, e = n, d0, nd, nb, k;
	unsigned long long v = 0;   /* 19 digits always fit; they never reach NUM_MAX_DIGITS or NUM_MAX_EXP */
	int frac = 0, mag = 0, neg = 0;
	enum num_qual qual = NUM_QUAL_NONE;
	unsigned approx = 0;
	enum num_unit unit = NUM_UNIT_NONE;

	while (i < e && s[i] == ' ')
		i++;
	while (e > i && s[e - 1] == ' ')
		e--;
	if (i < e && (s[i] >= 0x80 || s[i] == '>' || s[i] == '<')) {   /* parse_prefix: the same words in the same order */
		if ((k = num_prefix_at(s + i, e - i, lead_cp(s, i, e))) == N_PREFIX)
			return 0;
		qual = num_prefixes[k].q;
		approx = (unsigned)num_prefixes[k].approx;
		for (i += num_prefix_len[k]; i < e && s[i] == ' '; i++)
			;
	}
	if (i < e && (s[i] == '-' || s[i] == '+'))
		for (neg = s[i++] == '-'; i < e && s[i] == ' '; i++)
			;
	i = num_digits_to(s, d0 = i, e, &v);
	if (i == d0 || (i < e && s[i] == ',' && (i - d0 > 3 || s[d0] == '0')))
		return 0;
	nd = i - d0;
	while (i < e && s[i] == ',') {   /* groups of exactly three, one optional blank after the comma */
		i += i + 1 < e && s[i + 1] == ' ' ? 2 : 1;
		if (e - i < 3 || !is_digit(s[i]) || !is_digit(s[i + 1]) || !is_digit(s[i + 2]) ||
		    (e - i > 3 && is_digit(s[i + 3])))
			return 0;
		v = v * 1000 + (unsigned)((s[i] - '0') * 100 + (s[i + 1] - '0') * 10 + (s[i + 2] - '0'));
		i += 3;
		nd += 3;
	}
	if (i < e && s[i] == '.') {
		if (e - i > 2 && s[i + 1] == ' ' && is_digit(s[i + 2]))
			i++;
		d0 = ++i;
		i = num_digits_to(s, d0, e, &v);
		if (i == d0)
			return 0;
		frac = (int)(i - d0);
		nd += (size_t)frac;
	}
	if (nd > 19)
		return 0;
	while (i < e && s[i] == ' ')
		i++;
	if (e - i >= 3) {   /* parse_mag: 万亿 before 万 */
		if (is3(s + i, "万"))
			mag = e - i >= 6 && is3(s + i + 3, "亿") ? 12 : 4;
		else if (is3(s + i, "亿"))
			mag = 8;
		else if (is3(s + i, "千"))
			mag = 3;
		for (i += mag == 12 ? 6 : mag ? 3 : 0; mag && i < e && s[i] == ' '; i++)
			;
	}
	nb = e - i;
	if (nb == 1 && s[i] == '%')
		unit = NUM_UNIT_PERCENT;
	else if (nb == 3 && is3(s + i, "％"))
		unit = NUM_UNIT_PERCENT;
	else if (nb == 3 && is3(s + i, "‰"))
		unit = NUM_UNIT_PERMILLE;
	else if (nb == 3 && is3(s + i, "元"))
		unit = NUM_UNIT_YUAN;
	else if (nb) {
		uint32_t c = 0;
		if (nb % 3 || nb > sizeof out->noun - 1)
			return 0;
		for (k = i; k < e; k += 3) {
			c = ideograph_at(s, k, e);
			if (!c || c == 0x9805 /* 項 */ ||
			    (k == i && (c == 0x4F59 /* 余 */ || c == 0x591A /* 多 */ || c == 0x81F3 /* 至 */ || c == 0x5230 /* 到 */)))
				return 0;
		}
		if (c == 0x4E0A || c == 0x4E0B || c == 0x5185 || c == 0x53F3)   /* 上 下 内 右 */
			return 0;
		memcpy(out->noun, s + i, nb);   /* the rest of noun is still zero */
		unit = NUM_UNIT_NOUN;
	}
	out->value.coef = neg ? -(__int128)v : (__int128)v;
	out->value.exp = mag - frac;
	out->decimals = frac;
	out->mag = mag;
	out->unit = unit;
	out->qual = qual;
	if (approx)   /* bit-fields: store only what is not zero already */
		out->approx = 1;
	if (neg)
		out->negative = 1;
	return 1;
}

int num_fast_figure(const char *str, size_t n, num_fig *out)
{
	return fast_figure(str, n, out);
}

/* Here rather than in num.c so that the fast reading is inlined: one frame for the
 * figures nearly every text is (num_parse_rest reads the others). */
int num_parse(const char *s, size_t n, num_fig *out, num_err *err)
{
	if (num_begin(n, out, err))
		return NUM_ERROR;
	if (fast_figure(s, n, out))
		return NUM_OK;
	return num_parse_rest(s, n, out, err);
}

/*
 * Words where a figure should be ("已完成", "达到预期"): only CJK ideographs
 * (U+4E00..U+9FFF but 項), no blank. Unless the text is 无 or 不适用 (no
 * figure), the general path reads a prefix word if there is one, finds no
 * number after it and says "not a number" there. Returns NUM_ERROR with err
 * filled exactly so, or 0 for any other text.
 */
int num_fast_words(const char *str, size_t n, num_err *err)
{
	const unsigned char *s = (const unsigned char *)str;
	size_t i, k;
	if (!n || n % 3 || (n == 3 && is3(s, "无")) || (n == 9 && !memcmp(s, "不适用", 9)))
		return 0;
	for (i = 0; i < n; i += 3) {
		uint32_t c = ideograph_at(s, i, n);
		if (!c || c == 0x9805)
			return 0;
	}
	k = num_prefix_at(s, n, lead_cp(s, 0, n));
	if (err) {
		err->offset = k < N_PREFIX ? num_prefix_len[k] : 0;
		num_put_msg(err->msg, sizeof err->msg, "not a number");
		num_put_msg(err->msg_zh, sizeof err->msg_zh, "其中没有阿拉伯数字");
	}
	return NUM_ERROR;
}
