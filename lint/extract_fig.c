/* extract_fig.c — cut the figures out of a paragraph, skipping dates, document numbers, phones, labels and ranges. */
#include <string.h>
#include "extract_int.h"

/* Counters and units that may follow a number, longest first. */
static const char *const nouns[] = {
	"平方公里", "平方米", "人次", "小时", "分钟", "公里", "Mbps", "GB", "TB", "MB",
	"人", "名", "个", "项", "項", "件", "条", "路", "张", "次", "家", "枚", "台", "篇", "户",
	"分", "天", "套", "本", "场", "份", "所", "间", "辆", "座", "处", "类", "款", "笔", "岁",
	"M", "G",
};

static size_t match_word(const char *s, size_t n, size_t i, const char *w)
{
	size_t m = strlen(w);
	return i + m <= n && !memcmp(s + i, w, m) ? m : 0;
}

static size_t skip_blanks(const char *s, size_t n, size_t i, int max)
{
	int l;
	while (max-- > 0 && i < n && ex_is_space(ex_cp(s, n, i, &l)))
		i += (size_t)l;
	return i;
}

/* The digits of a number at s[i]: groups ",ddd" (one blank allowed after
 * the comma), one decimal point (one blank allowed after it). */
size_t ex_number_end(const char *s, size_t n, size_t i)
{
	int l, frac = 0;
	uint32_t c;
	for (;;) {
		while (i < n && ex_is_digit(ex_cp(s, n, i, &l)))
			i += (size_t)l;
		c = ex_cp(s, n, i, &l);
		if (c == ',' && !frac && ex_thousands_comma(s, n, i)) {
			i++;
			if (s[i] == ' ')
				i++;
			continue;
		}
		if ((c == '.' || c == 0xFF0E) && !frac) {
			size_t j = i + (size_t)l;
			int l2;
			if (j < n && s[j] == ' ')
				j++;
			if (ex_is_digit(ex_cp(s, n, j, &l2))) {
				frac = 1;
				i = j;
				continue;
			}
		}
		return i;
	}
}

static int range_mark(uint32_t c)
{
	return c == '-' || c == 0xFF0D || c == 0x2014 || c == 0x2013 || c == '~' || c == 0xFF5E || c == 0x81F3;
}

static int is_letter(uint32_t c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

/* Words that make a figure a bound or an estimate when written just before it. */
static const char *const quals_before[] = {
	"不低于", "不少于", "不高于", "不超过", "不多于", "不小于", "不大于", "大于", "小于", "低于", "高于",
	"超过", "多于", "少于", "至少", "约", "近", "超", "≥", "≤", "≧", "≦", ">", "<", "＞", "＜",
	"\\geq", "\\leq", "\\ge", "\\le",
};

static size_t qualifier_before(const char *s, size_t lo, size_t i, int *qual)
{
	size_t j = i, k;
	int l;
	while (j > lo && (s[j - 1] == ' ' || s[j - 1] == '$'))
		j--;
	(void)l;
	for (k = 0; k < sizeof quals_before / sizeof quals_before[0]; k++)
		if (ex_ends(s, lo, j, quals_before[k])) {
			*qual = 1;
			return j - strlen(quals_before[k]);
		}
	return i;
}

/* Copy s[a..b) without blanks, '$' and the backslash of "\%". */
size_t ex_clean_copy(const char *s, size_t a, size_t b, char *out, size_t cap)
{
	size_t k = 0;
	int l;
	while (a < b) {
		uint32_t c = ex_cp(s, b, a, &l);
		if (ex_is_space(c) || c == '$' || (c == '\\' && a + 1 < b && s[a + 1] == '%')) {
			a += (size_t)l;
			continue;
		}
		if (k + (size_t)l + 1 > cap)
			return 0;
		memcpy(out + k, s + a, (size_t)l);
		k += (size_t)l;
		a += (size_t)l;
	}
	out[k] = '\0';
	return k;
}

/* After the number at [nb, ne): magnitude, 余/多, unit, 以上/左右 …; returns the figure's end. */
static size_t unit_end(const char *s, size_t n, size_t ne, int *has_unit)
{
	static const char *const mags[] = { "万亿", "亿", "万", "千" };
	static const char *const tails[] = { "以上", "以下", "以内", "左右" };
	size_t i = skip_blanks(s, n, ne, 2), m, k, end = ne;
	int more = 0;
	*has_unit = 0;
	if ((m = match_word(s, n, i, "余")) || (m = match_word(s, n, i, "多")))
		i += m, more = 1;
	for (k = 0; k < sizeof mags / sizeof mags[0]; k++)
		if ((m = match_word(s, n, i, mags[k]))) {
			i = skip_blanks(s, n, i + m, 1);
			end = i, *has_unit = 1;
			break;
		}
	if (!more && ((m = match_word(s, n, i, "余")) || (m = match_word(s, n, i, "多"))))
		i += m, end = i;
	if ((m = match_word(s, n, i, "\\%")) || (m = match_word(s, n, i, "%")) ||
	    (m = match_word(s, n, i, "％")) || (m = match_word(s, n, i, "‰")) || (m = match_word(s, n, i, "元"))) {
		end = i + m, *has_unit = 1;
	} else {
		for (k = 0; k < sizeof nouns / sizeof nouns[0]; k++)
			if ((m = match_word(s, n, i, nouns[k]))) {
				/* an ASCII unit must be the whole letter run ("2000M", not "3D") */
				int l;
				if (is_letter((unsigned char)nouns[k][0]) && (i != ne || is_letter(ex_cp(s, n, i + m, &l))))
					continue;
				end = i + m, *has_unit = 1;
				break;
			}
	}
	if (*has_unit || more) {
		i = skip_blanks(s, n, end, 1);
		for (k = 0; k < sizeof tails / sizeof tails[0]; k++)
			if ((m = match_word(s, n, i, tails[k]))) {
				end = i + m;
				break;
			}
	}
	return end;
}

/* Is the number at [nb, ne) something other than a figure? *skip is set
 * past what belongs to it (the second number of a range). */
static int not_a_figure(const char *s, size_t n, size_t nb, size_t ne, int has_unit, size_t *skip)
{
	int l, l2;
	uint32_t before = ex_cp_before(s, nb, 0, &l), after;
	size_t i = skip_blanks(s, n, ne, 2), digits = 0, k;
	int frac = 0, lead0 = 0;
	*skip = ne;
	after = ex_cp(s, n, i, &l2);
	/* ranges: 1-7 天, 2023 - 2025 年, 3月20日-3月31日 */
	if (range_mark(after)) {
		size_t j = skip_blanks(s, n, i + (size_t)l2, 2);
		if (ex_is_digit(ex_cp(s, n, j, &l))) {
			*skip = ex_number_end(s, n, j);
			return 1;
		}
	}
	{
		size_t j = nb;
		while (j > 0 && s[j - 1] == ' ')
			j--;
		if (j > 0 && range_mark(ex_cp_before(s, j, 0, &l))) {
			size_t q = j - (size_t)l;
			while (q > 0 && s[q - 1] == ' ')
				q--;
			if (q > 0 && ex_is_digit(ex_cp_before(s, q, 0, &l)))
				return 1;
		}
	}
	/* dates and document numbers: 2023年, 4 月, 15 日, 〔2023〕, [2019], 3号 */
	if (!has_unit && (after == 0x5E74 || after == 0x6708 || after == 0x65E5 || after == 0x53F7))
		return 1;
	if (before == 0x3014 || before == '[' || before == 0x3010 || before == 0xFF3B ||
	    after == 0x3015 || after == ']' || after == 0x3011 || after == 0xFF3D)
		return 1;
	/* ordinals: 第3批, 第 2 路 */
	{
		size_t j = nb;
		while (j > 0 && s[j - 1] == ' ')
			j--;
		if (ex_cp_before(s, j, 0, &l) == 0x7B2C)
			return 1;
	}
	/* list labels: (1) 1、 1） 1.标题 指标 1： */
	if (!has_unit && (after == 0x3001 || after == ':' || after == 0xFF1A))
		return 1;
	if (!has_unit && (after == ')' || after == 0xFF09))
		return 1;
	if (!has_unit && (s[ne] == '.' || ex_cp(s, n, ne, &l) == 0xFF0E))
		return 1;
	/* hotline 12345 and the like glued to a name */
	if (!has_unit && (match_word(s, n, i, "政府") || match_word(s, n, i, "热线") ||
	                  match_word(s, n, i, "政务服务热线") || match_word(s, n, i, "服务热线")))
		return 1;
	/* phone numbers: 13719971687, 0751… */
	for (k = nb; k < ne; k += (size_t)l) {
		uint32_t c = ex_cp(s, ne, k, &l);
		if (c == '.' || c == 0xFF0E)
			frac = 1;
		if (ex_is_digit(c) && !frac) {
			if (!digits && (c == '0' || c == 0xFF10))
				lead0 = 1;
			digits++;
		}
	}
	if (!frac && ((lead0 && digits >= 7) || (digits == 11 && (s[nb] == '1'))))
		return 1;
	return 0;
}

int ex_fig_next(const ex_para *p, size_t hi, size_t *pos, ex_fig *out)
{
	const char *s = p->buf;
	size_t n = p->len, i = *pos;
	int l;
	if (hi > n)
		hi = n;
	while (i < hi) {
		unsigned char u = (unsigned char)s[i];
		uint32_t c, before;
		size_t ne, e, skip, lb;
		int has_unit, qual = 0, lb2;
		char raw[EX_FIG_TEXT];
		num_err err;
		/* fast path: digits are ASCII or full-width (lead byte 0xEF) */
		if (u < 0x80 ? (u < '0' || u > '9') : u != 0xEF) {
			i += u < 0xC0 ? 1 : u < 0xE0 ? 2 : u < 0xF0 ? 3 : 4;
			continue;
		}
		c = ex_cp(s, n, i, &l);
		if (!ex_is_digit(c)) {
			i += (size_t)l;
			continue;
		}
		before = ex_cp_before(s, i, 0, &lb2);
		ne = ex_number_end(s, n, i);
		if (is_letter(before) || before == '_' || before == '.' || before == 0xFF0E) {
			i = ne;
			while (i < n && (is_letter((unsigned char)s[i]) || (s[i] >= '0' && s[i] <= '9')))
				i++;
			continue;
		}
		e = unit_end(s, n, ne, &has_unit);
		if (not_a_figure(s, n, i, ne, has_unit, &skip)) {
			i = skip > ne ? skip : ne;
			continue;
		}
		lb = qualifier_before(s, 0, i, &qual);
		if (!ex_clean_copy(s, i, e, raw, sizeof raw) ||
		    num_parse(raw, strlen(raw), &out->f, &err) != NUM_OK) {
			i = e > ne ? e : ne;
			continue;
		}
		out->b = i;
		out->e = e;
		out->ne = ne;
		out->lb = lb;
		out->qual = qual || out->f.approx || out->f.qual != NUM_QUAL_NONE;
		memcpy(out->text, raw, sizeof raw);
		*pos = e;
		return 1;
	}
	*pos = hi;
	return 0;
}
