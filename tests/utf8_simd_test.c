/* utf8_simd_test.c — the SIMD UTF-8 checks (AVX2, SSSE3) and decode.c's scalar one, each held to a plain reading of RFC 3629 on generated and exhaustive cases. */
#include "decode.h"
#include "utf8_simd.h"

#include <stdio.h>
#include <string.h>

#include "gen_random.h"

#define CASES 200000   /* generated buffers */
#define MAXLEN 300

/* RFC 3629, byte by byte, written for clarity: the oracle. */
static int reference(const unsigned char *s, size_t n)
{
	for (size_t i = 0; i < n;) {
		unsigned c = s[i], need, min;
		if (c < 0x80) {
			i++;
			continue;
		}
		if (c >= 0xC2 && c <= 0xDF)
			need = 1, min = 0x80;
		else if (c >= 0xE0 && c <= 0xEF)
			need = 2, min = 0x800;
		else if (c >= 0xF0 && c <= 0xF4)
			need = 3, min = 0x10000;
		else
			return 0;
		if (n - i <= need)
			return 0;
		unsigned cp = c & (0x3F >> need);
		for (unsigned k = 1; k <= need; k++) {
			if ((s[i + k] & 0xC0) != 0x80)
				return 0;
			cp = cp << 6 | (s[i + k] & 0x3F);
		}
		if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
			return 0;
		i += need + 1;
	}
	return 1;
}

static long checked[3], wrong;
static int widths_seen[3];

/* Every check agrees with the reference on s[0..n). */
static void same(const unsigned char *s, size_t n, const char *what)
{
	int want = reference(s, n);
	static const int widths[2] = {32, 16};
	for (int w = 0; w < 2; w++) {
		int got = utf8_all_valid_simd(s, n, widths[w]);
		if (got < 0)
			continue;   /* this CPU lacks it, or n = 0 */
		widths_seen[w] = 1;
		checked[w]++;
		if (got != want && ++wrong <= 10)
			printf("FAIL %s: %d-byte check says %d, RFC 3629 %d (n = %zu)\n", what, widths[w], got, want, n);
	}
	checked[2]++;
	if ((utf8_valid_prefix(s, n) == n) != want && ++wrong <= 10)
		printf("FAIL %s: utf8_valid_prefix says %d, RFC 3629 %d (n = %zu)\n", what, !want, want, n);
}

/* One character, valid or (now and then) a wrong one of every kind. */
static size_t put_char(unsigned char *p)
{
	static const unsigned char bad[][4] = {
		{0xC0, 0x80}, {0xC1, 0xBF}, {0xE0, 0x80, 0x80}, {0xE0, 0x9F, 0xBF}, {0xED, 0xA0, 0x80}, {0xED, 0xBF, 0xBF},
		{0xF0, 0x80, 0x80, 0x80}, {0xF0, 0x8F, 0xBF, 0xBF}, {0xF4, 0x90, 0x80, 0x80}, {0xF5, 0x80, 0x80, 0x80},
		{0xFF}, {0xFE}, {0x80}, {0xBF}, {0xC2}, {0xE4, 0xB8}, {0xF0, 0x9F, 0x98}};
	static const unsigned char bad_len[] = {2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 1, 1, 1, 1, 1, 2, 3};
	if (pick(40) == 0) {
		int k = pick((int)sizeof bad_len);
		memcpy(p, bad[k], bad_len[k]);
		return bad_len[k];
	}
	unsigned cp;
	switch (pick(6)) {
	case 0: case 1: cp = (unsigned)pick(0x80); break;
	case 2: cp = 0x80 + (unsigned)pick(0x800 - 0x80); break;
	case 3: cp = 0x4E00 + (unsigned)pick(0x5200); break;   /* CJK, as the submissions are */
	case 4: cp = 0x800 + (unsigned)pick(0x10000 - 0x800); if (cp >= 0xD800 && cp <= 0xDFFF) cp -= 0x800; break;
	default: cp = 0x10000 + (unsigned)pick(0x100000); break;
	}
	if (cp < 0x80) {
		p[0] = (unsigned char)cp;
		return 1;
	}
	if (cp < 0x800) {
		p[0] = (unsigned char)(0xC0 | cp >> 6), p[1] = (unsigned char)(0x80 | (cp & 0x3F));
		return 2;
	}
	if (cp < 0x10000) {
		p[0] = (unsigned char)(0xE0 | cp >> 12), p[1] = (unsigned char)(0x80 | (cp >> 6 & 0x3F));
		p[2] = (unsigned char)(0x80 | (cp & 0x3F));
		return 3;
	}
	p[0] = (unsigned char)(0xF0 | cp >> 18), p[1] = (unsigned char)(0x80 | (cp >> 12 & 0x3F));
	p[2] = (unsigned char)(0x80 | (cp >> 6 & 0x3F)), p[3] = (unsigned char)(0x80 | (cp & 0x3F));
	return 4;
}

static void generated(void)
{
	unsigned char buf[MAXLEN + 4];
	for (int c = 0; c < CASES; c++) {
		size_t n = 0, len = (size_t)pick(MAXLEN);
		while (n < len)
			n += put_char(buf + n);
		if (pick(4) == 0 && n)   /* a byte changed anywhere, often at a block's edge */
			buf[pick(3) ? (size_t)pick((int)n) : (size_t)(pick(8) * 16 + pick(3)) % n] = (unsigned char)next();
		if (pick(8) == 0 && n)   /* cut short */
			n = (size_t)pick((int)n);
		same(buf, n, "generated");
	}
}

/* Every pair of bytes, and every lead byte with every second byte before a
 * third and fourth, at each place around the 16- and 32-byte block edges,
 * in ASCII and in Chinese text. */
static void exhaustive(void)
{
	static const size_t at[] = {0, 14, 15, 30, 31, 32, 46, 47, 61, 62, 63};
	unsigned char buf[96];
	for (int fill = 0; fill < 2; fill++) {
		for (size_t i = 0; i + 3 <= sizeof buf; i += 3)   /* "中" or "abc" */
			memcpy(buf + i, fill ? "\xE4\xB8\xAD" : "abc", 3);
		for (size_t k = 0; k < sizeof at / sizeof *at; k++) {
			size_t p = fill ? at[k] / 3 * 3 : at[k];
			for (unsigned a = 0x70; a < 0x100; a++)
				for (unsigned b = 0; b < 0x100; b++) {
					unsigned char save[4];
					memcpy(save, buf + p, 4);
					buf[p] = (unsigned char)a, buf[p + 1] = (unsigned char)b, buf[p + 2] = 0x80, buf[p + 3] = 0xBF;
					same(buf, sizeof buf, "pairs");
					same(buf, p + 2, "pairs at the end");
					memcpy(buf + p, save, 4);
				}
		}
	}
}

int main(void)
{
	generated();
	exhaustive();
	printf("utf8: %ld buffers against RFC 3629; AVX2 %s (%ld), SSSE3 %s (%ld); %ld disagreements\n", checked[2],
	       widths_seen[0] ? "checked" : "not on this CPU", checked[0], widths_seen[1] ? "checked" : "not on this CPU",
	       checked[1], wrong);
	printf("%d passed, %d failed\n", wrong == 0, wrong != 0);
	return wrong != 0;
}
