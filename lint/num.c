/* num.c — one figure parsed from its folded text (num_text.c) as people write it: grouping, magnitude, unit, qualifiers. */
#include "num.h"
#include "num_int.h"

#include <stdio.h>
#include <string.h>

/*
 * The input is first decoded and folded into code points (full-width
 * digits and ．％＋－（）＜＞＝／ to ASCII, U+2212 to '-', every kind of space
 * to ' ', LaTeX \geq \leq \ge \le \% to ≥ ≤ %, '$' dropped, 項 to 项), each
 * remembering its byte offset. Then, in order:
 *
 *   [qualifier] [sign | '('] number [')'] [余|多] [magnitude] [余|多] [unit] [以上|以下|以内|左右] [')']
 *
 * number is  digits (',' ' '? ddd)* ('.' ' '? digits)? ([eE] [+-]? digits)?
 * (or '.' digits). Qualifiers: a comparison sets `qual`; the loose words
 * (余 多 约 近 左右 超 超过 以上 以下 以内) also set `approx`; 余 and 多 mean
 * "≥" and never override another comparison. A lower and an upper bound
 * together are an error.
 *
 * Most figures come in a few plain shapes ("1,505,449", "98.42%",
 * "563.02万元", "≥95%", "20所") or are words with no figure ("已完成"):
 * num_parse reads those straight from the bytes (num_fast.c)
 * and leaves everything else to the general reading above, which
 * num_parse_general runs alone so the tests can compare the two. The
 * folding and the matching of words on the folded text are num_text.c's.
 */

struct pst {
	const struct num_text *t;
	int i, end;
	num_fig *f;
	num_err *err;
	__int128 coef;
	int sig, frac, open;  /* open: index of '(' + 1, or 0 */
	long long e;
};

void num_put_msg(char *dst, size_t cap, const char *src)
{
	size_t len = strlen(src);
	if (len > cap - 1)
		len = cap - 1;
	memcpy(dst, src, len);
	dst[len] = '\0';
}

/* Fill the error at code point pos: en and zh say the same in English and in Chinese. */
static int fail(const struct pst *p, int pos, const char *en, const char *zh)
{
	if (p->err) {
		p->err->offset = p->t->off[pos];
		num_put_msg(p->err->msg, sizeof p->err->msg, en);
		num_put_msg(p->err->msg_zh, sizeof p->err->msg_zh, zh);
	}
	return NUM_ERROR;
}

/* The same, en and zh each a format with one %lld, filled with v. */
static int failn(const struct pst *p, int pos, const char *en, const char *zh, long long v)
{
	char m_en[sizeof p->err->msg], m_zh[sizeof p->err->msg_zh];
	snprintf(m_en, sizeof m_en, en, v);
	snprintf(m_zh, sizeof m_zh, zh, v);
	return fail(p, pos, m_en, m_zh);
}

static void skip_spaces(struct pst *p)
{
	while (p->i < p->end && p->t->cp[p->i] == ' ')
		p->i++;
}

static uint32_t cur(const struct pst *p)
{
	return p->i < p->end ? p->t->cp[p->i] : 0;
}

static uint32_t at(const struct pst *p, int k)
{
	return k < p->end ? p->t->cp[k] : 0;
}

/* Direction of a comparison: +1 lower bound, -1 upper bound, 0 neither. */
static int qual_dir(enum num_qual q)
{
	return q == NUM_QUAL_GE || q == NUM_QUAL_GT ? 1 : q == NUM_QUAL_LE || q == NUM_QUAL_LT ? -1 : 0;
}

/* Merge a qualifier into the figure; weak ones (余 多) only fill a gap. */
static int set_qual(struct pst *p, enum num_qual q, int approx, int weak, int pos)
{
	num_fig *f = p->f;
	f->approx |= approx;
	if (f->qual == NUM_QUAL_NONE || (!weak && qual_dir(f->qual) == 0 && qual_dir(q) != 0)) {
		f->qual = q;
		return 0;
	}
	if (!weak && qual_dir(q) * qual_dir(f->qual) < 0)
		return fail(p, pos, "a lower and an upper bound together", "同时写了下限和上限");
	return 0;
}

const struct num_word num_prefixes[] = {
	{ "大于或等于", NUM_QUAL_GE, 0 }, { "小于或等于", NUM_QUAL_LE, 0 },
	{ "大于等于", NUM_QUAL_GE, 0 }, { "小于等于", NUM_QUAL_LE, 0 },
	{ "不低于", NUM_QUAL_GE, 0 }, { "不少于", NUM_QUAL_GE, 0 }, { "不小于", NUM_QUAL_GE, 0 },
	{ "不高于", NUM_QUAL_LE, 0 }, { "不超过", NUM_QUAL_LE, 0 }, { "不多于", NUM_QUAL_LE, 0 },
	{ "不大于", NUM_QUAL_LE, 0 }, { "超过", NUM_QUAL_GT, 1 }, { "达到", NUM_QUAL_GE, 0 },
	{ "至少", NUM_QUAL_GE, 0 }, { "低于", NUM_QUAL_LT, 0 }, { "高于", NUM_QUAL_GT, 0 },
	{ "大于", NUM_QUAL_GT, 0 }, { "小于", NUM_QUAL_LT, 0 }, { "多于", NUM_QUAL_GT, 0 },
	{ "少于", NUM_QUAL_LT, 0 }, { ">=", NUM_QUAL_GE, 0 }, { "<=", NUM_QUAL_LE, 0 },
	{ "≥", NUM_QUAL_GE, 0 }, { "≤", NUM_QUAL_LE, 0 }, { "≧", NUM_QUAL_GE, 0 },
	{ "≦", NUM_QUAL_LE, 0 }, { ">", NUM_QUAL_GT, 0 }, { "<", NUM_QUAL_LT, 0 },
	{ "超", NUM_QUAL_GT, 1 }, { "达", NUM_QUAL_GE, 0 }, { "约", NUM_QUAL_APPROX, 1 },
	{ "近", NUM_QUAL_APPROX, 1 },
};

_Static_assert(sizeof num_prefixes / sizeof num_prefixes[0] == N_PREFIX, "N_PREFIX (num_int.h) counts num_prefixes");

/* Found once at load time: each prefix word's first code point and length
 * in bytes, and the words chained by first code point so a lookup visits
 * only a few: prefix_head[c & 63] is the first word whose first code point
 * has those low bits, prefix_next[k] the next such word after k, N_PREFIX
 * the end. A chain keeps the table's order (the first word that matches wins). */
static uint32_t prefix_first[N_PREFIX];
size_t num_prefix_len[N_PREFIX];
static unsigned char prefix_head[64], prefix_next[N_PREFIX];

__attribute__((constructor)) static void init_prefix_first(void)
{
	memset(prefix_head, N_PREFIX, sizeof prefix_head);
	for (size_t k = N_PREFIX; k-- > 0;) {
		num_prefix_len[k] = strlen(num_prefixes[k].w);
		num_utf8_next((const unsigned char *)num_prefixes[k].w, num_prefix_len[k], 0, &prefix_first[k]);
		prefix_next[k] = prefix_head[prefix_first[k] & 63];
		prefix_head[prefix_first[k] & 63] = (unsigned char)k;
	}
}

/* The first prefix word, in table order, whose whole UTF-8 text is at s[0..n); N_PREFIX when none.
 * c is the code point s starts with (only a filter: the bytes decide). */
size_t num_prefix_at(const unsigned char *s, size_t n, uint32_t c)
{
	size_t k;
	for (k = prefix_head[c & 63]; k < N_PREFIX; k = prefix_next[k])
		if (prefix_first[k] == c && n >= num_prefix_len[k] && !memcmp(s, num_prefixes[k].w, num_prefix_len[k]))
			break;
	return k;
}

static const struct num_word suffixes[] = {
	{ "以上", NUM_QUAL_GE, 1 }, { "以下", NUM_QUAL_LE, 1 },
	{ "以内", NUM_QUAL_LE, 1 }, { "左右", NUM_QUAL_APPROX, 1 },
};

static void parse_prefix(struct pst *p)
{
	size_t k;
	uint32_t c = cur(p);
	if (c < 0x80 && c != '>' && c != '<')
		return;   /* a digit, a sign, '(': no prefix word starts with one */
	for (k = prefix_head[c & 63]; k < N_PREFIX; k = prefix_next[k]) {
		int m = prefix_first[k] == c ? num_match(p->t, p->i, p->end, num_prefixes[k].w) : 0;
		if (m) {
			p->f->qual = num_prefixes[k].q;
			p->f->approx = (unsigned)num_prefixes[k].approx;
			p->i += m;
			skip_spaces(p);
			return;
		}
	}
}

static int has_digit(const struct num_text *t, int i, int end)
{
	for (; i < end; i++)
		if (is_digit(t->cp[i]))
			return 1;
	return 0;
}

/* Nothing that can start a number where one must start. */
static int no_number(const struct pst *p)
{
	static const char *const bad[] = { "infinity", "inf", "nan" };
	size_t k;
	for (k = 0; k < sizeof bad / sizeof bad[0]; k++) {
		int m = num_ascii_ieq(p->t, p->i, p->end, bad[k]);
		if (m) {
			char m_en[sizeof p->err->msg], m_zh[sizeof p->err->msg_zh];
			const struct num_text *t = p->t;
			int len = (int)(t->off[p->i + m] - t->off[p->i]);
			snprintf(m_en, sizeof m_en, "not a number: %.*s", len, t->s + t->off[p->i]);
			snprintf(m_zh, sizeof m_zh, "“%.*s”不是数字", len, t->s + t->off[p->i]);
			return fail(p, p->i, m_en, m_zh);
		}
	}
	if (!has_digit(p->t, p->i, p->end))
		return fail(p, p->i, "not a number", "其中没有阿拉伯数字");
	return fail(p, p->i, "unexpected text before the number", "数字前面有多余的文字");
}

static int parse_sign(struct pst *p)
{
	uint32_t c = cur(p);
	if (c == '-' || c == '+' || c == '(') {
		p->f->negative = c != '+';
		p->open = c == '(' ? p->i + 1 : 0;
		p->i++;
		skip_spaces(p);
		c = cur(p);
		if (c == '-' || c == '+' || c == '(')
			return fail(p, p->i, "two signs", "数字前有两个正负号");
	}
	return 0;
}

static int add_digit(struct pst *p)
{
	int d = (int)(cur(p) - '0');
	if (p->sig || d)
		p->sig++;
	if (p->sig > NUM_MAX_DIGITS)
		return failn(p, p->i, "more than %lld digits", "超过 %lld 位有效数字", NUM_MAX_DIGITS);
	p->coef = p->coef * 10 + d;
	p->i++;
	return 0;
}

/* A run of digits; its count in *count. */
static int digit_run(struct pst *p, int *count)
{
	int start = p->i;
	while (is_digit(cur(p)))
		if (add_digit(p))
			return NUM_ERROR;
	*count = p->i - start;
	return 0;
}

/* Integer part: digits, then groups of exactly three after each comma. */
static int parse_int(struct pst *p)
{
	int first, n, lead = p->i;
	if (digit_run(p, &first))
		return NUM_ERROR;
	while (cur(p) == ',' && first > 0) {
		int comma = p->i, group;
		if (first > 3)
			return failn(p, lead, "digit group of %lld before a comma", "逗号前的数字组有 %lld 位（应为 1–3 位）", first);
		if (p->t->cp[lead] == '0')
			return fail(p, comma, "a comma after a leading zero", "以 0 开头的数字中有逗号");
		p->i++;
		if (cur(p) == ' ')
			p->i++;
		group = p->i;
		if (digit_run(p, &n))
			return NUM_ERROR;
		if (n == 0)
			return fail(p, comma, "no digits after a comma", "逗号后面没有数字");
		if (n != 3)
			return failn(p, group, "digit group of %lld after a comma", "逗号后的数字组有 %lld 位（应为 3 位）", n);
	}
	return 0;
}

/* '.', one optional space, digits. */
static int parse_frac(struct pst *p)
{
	int dot = p->i;
	if (cur(p) != '.')
		return 0;
	p->i++;
	if (cur(p) == ' ' && is_digit(at(p, p->i + 1)))
		p->i++;
	if (digit_run(p, &p->frac))
		return NUM_ERROR;
	if (p->frac == 0)
		return fail(p, dot, "no digits after the decimal point", "小数点后面没有数字");
	if (cur(p) == '.')
		return fail(p, p->i, "two decimal points", "有两个小数点");
	if (cur(p) == ',')
		return fail(p, p->i, "a comma after the decimal point", "小数点后面有逗号");
	return 0;
}

/* JSON exponent: [eE] [+-]? digits. */
static void parse_exp(struct pst *p)
{
	uint32_t c = cur(p), s = at(p, p->i + 1);
	int j = p->i + 1, neg = 0;
	long long e = 0;
	if (c != 'e' && c != 'E')
		return;
	if (s == '+' || s == '-') {
		neg = s == '-';
		j++;
	}
	if (!is_digit(at(p, j)))
		return;
	for (; is_digit(at(p, j)); j++)
		if (e < 1000000)
			e = e * 10 + (at(p, j) - '0');
	p->e = neg ? -e : e;
	p->i = j;
}

static int parse_number(struct pst *p)
{
	uint32_t c = cur(p);
	if (!is_digit(c) && !(c == '.' && is_digit(at(p, p->i + 1))))
		return no_number(p);
	if (parse_int(p) || parse_frac(p))
		return NUM_ERROR;
	parse_exp(p);
	return 0;
}

static int is_range_mark(uint32_t c)
{
	return num_is_dash(c) || c == '~' || c == 0xFF5E || c == 0x301C || c == 0x81F3 /* 至 */ ||
	       c == 0x5230 /* 到 */;
}

/* A range mark followed by a number somewhere in cp[i..end): its index, or -1. */
static int find_range(const struct num_text *t, int i, int end)
{
	for (; i < end; i++) {
		int j = i + 1;
		if (!is_range_mark(t->cp[i]))
			continue;
		while (j < end && (t->cp[j] == ' ' || t->cp[j] == '-' || t->cp[j] == '+'))
			j++;
		if (j < end && is_digit(t->cp[j]))
			return i;
	}
	return -1;
}

static int is_noun_cp(uint32_t c)
{
	return (c < 0x80 && num_is_letter((unsigned char)c)) || c == 0xB2 || c == 0xB3 ||
	       (c >= 0x3400 && c <= 0x4DBF) || (c >= 0x4E00 && c <= 0x9FFF) ||
	       (c >= 0xF900 && c <= 0xFAFF) || (c >= 0x3380 && c <= 0x33FF) ||
	       (c >= 0x2100 && c <= 0x214F);
}

/* Encode cp as UTF-8 into b; returns its length. */
static int utf8_put(uint32_t c, char *b)
{
	if (c < 0x80)
		return b[0] = (char)c, 1;
	if (c < 0x800)
		return b[0] = (char)(0xC0 | c >> 6), b[1] = (char)(0x80 | (c & 0x3F)), 2;
	if (c < 0x10000) {
		b[0] = (char)(0xE0 | c >> 12);
		b[1] = (char)(0x80 | ((c >> 6) & 0x3F));
		b[2] = (char)(0x80 | (c & 0x3F));
		return 3;
	}
	b[0] = (char)(0xF0 | c >> 18);
	b[1] = (char)(0x80 | ((c >> 12) & 0x3F));
	b[2] = (char)(0x80 | ((c >> 6) & 0x3F));
	b[3] = (char)(0x80 | (c & 0x3F));
	return 4;
}

static int bad_tail(const struct pst *p, int i, int end)
{
	int r = find_range(p->t, i, end);
	if (r >= 0)
		return fail(p, r, "a range, not one figure", "是一个范围，不是一个数");
	return fail(p, i, "unexpected text after the number", "数字后面有多余的文字");
}

/* The unit is all of cp[i..end): 元, %, ‰, or a noun. */
static int parse_unit(struct pst *p, int i, int end)
{
	num_fig *f = p->f;
	const struct num_text *t = p->t;
	size_t len = 0;
	int k;
	if (i == end)
		return 0;
	if (end - i == 1 && (t->cp[i] == '%' || t->cp[i] == 0x2030 || t->cp[i] == 0x5143)) {
		f->unit = t->cp[i] == '%' ? NUM_UNIT_PERCENT : t->cp[i] == 0x2030 ? NUM_UNIT_PERMILLE : NUM_UNIT_YUAN;
		return 0;
	}
	for (k = i; k < end; k++) {
		char b[4];
		int l = utf8_put(t->cp[k], b);
		if (!is_noun_cp(t->cp[k]) && !(t->cp[k] == '/' && k > i && k + 1 < end))
			return bad_tail(p, k, end);
		if (len + (size_t)l > sizeof f->noun - 1)
			return fail(p, i, "unit too long", "数字后面的单位太长");
		memcpy(f->noun + len, b, (size_t)l);
		len += (size_t)l;
	}
	f->noun[len] = '\0';
	f->unit = NUM_UNIT_NOUN;
	return 0;
}

/* 余 or 多 at p->i: "that much and some more". */
static int parse_more(struct pst *p)
{
	if (cur(p) != 0x4F59 && cur(p) != 0x591A)
		return 0;
	if (set_qual(p, NUM_QUAL_GE, 1, 1, p->i))
		return NUM_ERROR;
	p->i++;
	skip_spaces(p);
	return 1;
}

static void parse_mag(struct pst *p)
{
	static const struct { const char *w; int mag; } mags[] = {
		{ "万亿", 12 }, { "亿", 8 }, { "万", 4 }, { "千", 3 },
	};
	uint32_t c = cur(p);
	size_t k;
	if (c != 0x4E07 && c != 0x4EBF && c != 0x5343)
		return;   /* not 万, 亿 or 千: no magnitude word starts so */
	for (k = 0; k < sizeof mags / sizeof mags[0]; k++) {
		int m = num_match(p->t, p->i, p->end, mags[k].w);
		if (m) {
			p->f->mag = mags[k].mag;
			p->i += m;
			skip_spaces(p);
			return;
		}
	}
}

/* Strip a trailing 以上/以下/以内/左右 from the end of the tail. */
static int parse_suffix(struct pst *p)
{
	uint32_t c = p->end > p->i ? p->t->cp[p->end - 1] : 0;
	size_t k;
	if (c != 0x4E0A && c != 0x4E0B && c != 0x5185 && c != 0x53F3)
		return 0;   /* not 上, 下, 内 or 右: no suffix word ends so */
	for (k = 0; k < sizeof suffixes / sizeof suffixes[0]; k++) {
		int m = num_match_end(p->t, p->i, p->end, suffixes[k].w);
		if (m) {
			p->end -= m;
			if (set_qual(p, suffixes[k].q, 1, 0, p->end))
				return NUM_ERROR;
			while (p->end > p->i && p->t->cp[p->end - 1] == ' ')
				p->end--;
			return 0;
		}
	}
	return 0;
}

/* Everything after the digits: bracket, magnitude, 余/多, unit, suffix. */
static int parse_tail(struct pst *p)
{
	int more;
	skip_spaces(p);
	if (p->open && cur(p) == ')') {
		p->open = 0;
		p->i++;
		skip_spaces(p);
	}
	if (p->open && p->end > p->i && p->t->cp[p->end - 1] == ')') {
		p->open = 0;
		p->end--;
		while (p->end > p->i && p->t->cp[p->end - 1] == ' ')
			p->end--;
	}
	if (p->open)
		return fail(p, p->open - 1, "unclosed bracket", "缺少右括号");
	if (is_digit(cur(p)))
		return fail(p, p->i, "more than one number", "有不止一个数");
	if (cur(p) == 0xFF0C && is_digit(at(p, p->i + 1)))
		return fail(p, p->i, "full-width comma inside a number", "数字中有全角逗号");
	if (is_range_mark(cur(p)))
		return bad_tail(p, p->i, p->end);
	if ((more = parse_more(p)) < 0)
		return NUM_ERROR;
	parse_mag(p);
	if (!more && parse_more(p) < 0)
		return NUM_ERROR;
	if (parse_suffix(p))
		return NUM_ERROR;
	return parse_unit(p, p->i, p->end);
}

/* Apply sign, exponent and magnitude to the digits read. */
static int finish(struct pst *p, int start)
{
	num_fig *f = p->f;
	long long exp = p->e - p->frac + f->mag;
	if (exp > NUM_MAX_EXP || exp < -NUM_MAX_EXP)
		return fail(p, start, "number out of range", "数字超出范围");
	f->value.coef = f->negative ? -p->coef : p->coef;
	f->value.exp = (int)exp;
	f->decimals = p->frac - p->e > 0 ? (int)(p->frac - p->e) : 0;
	return NUM_OK;
}

static int parse_figure(struct pst *p)
{
	int start;
	parse_prefix(p);
	if (parse_sign(p))
		return NUM_ERROR;
	start = p->i;
	if (parse_number(p) || parse_tail(p))
		return NUM_ERROR;
	return finish(p, start);
}

/* Fold s into t and set p to its extent without leading and trailing
 * blanks (what num_parse and num_is_empty both start with); -1 when s is
 * not valid UTF-8 (err filled). */
static int trimmed(const char *s, size_t n, struct num_text *t, struct pst *p, num_err *err)
{
	if (num_fold(s, n, t, err))
		return -1;
	memset(p, 0, sizeof *p);
	p->t = t;
	p->end = t->n;
	p->err = err;
	skip_spaces(p);
	while (p->end > p->i && t->cp[p->end - 1] == ' ')
		p->end--;
	return 0;
}

/* Fold, trim, the ways of writing "no figure", then the whole grammar. */
static int parse_general(const char *s, size_t n, num_fig *out, num_err *err)
{
	struct num_text t;
	struct pst p;
	int rc;
	if (trimmed(s, n, &t, &p, err))
		return NUM_ERROR;
	p.f = out;
	if (num_text_empty(&t, p.i, p.end))
		return NUM_EMPTY;
	rc = parse_figure(&p);
	if (rc != NUM_OK)
		memset(out, 0, sizeof *out);
	return rc;
}

int num_parse_rest(const char *s, size_t n, num_fig *out, num_err *err)
{
	if (num_fast_words(s, n, err))
		return NUM_ERROR;
	return parse_general(s, n, out, err);
}

int num_parse_general(const char *s, size_t n, num_fig *out, num_err *err)
{
	if (num_begin(n, out, err))
		return NUM_ERROR;
	return parse_general(s, n, out, err);
}

int num_may_start(const char *s, size_t n)
{
	uint32_t c;
	if (!n)
		return 0;
	if ((unsigned char)s[0] < 0x80) {   /* fold_cp turns \t \n \r into ' '; '>' and '<' start prefix words */
		static const char start[] = ".-+( \t\n\r$\\><";
		return is_digit((unsigned char)s[0]) || memchr(start, s[0], sizeof start - 1) != NULL;
	}
	if (!num_utf8_next((const unsigned char *)s, n, 0, &c))
		return 0;
	c = num_fold_cp(c);
	if (is_digit(c) || c == '.' || c == '-' || c == '+' || c == '(' || c == ' ')
		return 1;   /* a number, a sign, a bracket, or a blank (trimmed) */
	for (size_t k = prefix_head[c & 63]; k < N_PREFIX; k = prefix_next[k])
		if (prefix_first[k] == c)
			return 1;
	return 0;
}

int num_is_empty(const char *s, size_t n)
{
	struct num_text t;
	struct pst p;
	uint32_t c;
	if (n > NUM_MAX_TEXT)
		return 0;
	/* Most texts are words: when the first code point folded cannot start a
	 * way of writing "no figure", skip folding the rest. '$' is dropped and
	 * '\\' starts LaTeX (≥ ≤ %) or stays itself: neither starts one. */
	if (n && s[0] != '$' && num_utf8_next((const unsigned char *)s, n, 0, &c) && !num_may_start_empty(num_fold_cp(c)))
		return 0;
	if (trimmed(s, n, &t, &p, NULL))
		return 0;
	return num_text_empty(&t, p.i, p.end);
}

size_t num_describe(const num_fig *f, char *buf, size_t n)
{
	static const char *const quals[] = { "", " >=", " >", " <=", " <", " ~" };
	static const char *const units[] = { "-", "元", "%", "‰" };
	char v[128];
	const char *unit = f->unit == NUM_UNIT_NOUN ? f->noun : units[f->unit];
	int len;
	dec_format(f->value, v, sizeof v);
	len = snprintf(buf, n, "%s d%d m%d %s%s%s%s", v, f->decimals, f->mag, unit, quals[f->qual],
	               f->approx ? " approx" : "", f->negative ? " neg" : "");
	return len < 0 ? 0 : (size_t)len;
}

dec num_half_ulp(const num_fig *f)
{
	dec h = { 5, f->mag - f->decimals - 1 };
	return h;
}
