/* jparse_scan.h — jparse.c's byte scanners: string runs, spaces, UTF-8 continuation bytes; SSE2 or eight bytes at a time. */
#ifndef JXL_JPARSE_SCAN_H
#define JXL_JPARSE_SCAN_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

/* Each scanner reads only s[0..n) (s need not be NUL-terminated): a load of
 * sixteen or eight bytes is made only when that many are left before n, or
 * (count_cont) when it ends at or before the range's end. The parser's copy
 * `own` has n + 1 bytes and gets the same stores as the loads. These run
 * once per token, so they are inline: a call costs more than most runs. */

#ifdef __GNUC__
#define JPARSE_INLINE inline __attribute__((always_inline))
#else
#define JPARSE_INLINE inline
#endif

/* UTF-8 continuation bytes (10xxxxxx) among the eight bytes of w. */
static inline size_t cont8(uint64_t w)
{
	uint64_t cont = w & ~(w << 1) & 0x8080808080808080u;   /* bit 7 set, bit 6 clear */
	return (size_t)(((cont >> 7) * 0x0101010101010101u) >> 56);
}

#if defined(__SSE2__) && defined(__GNUC__)
#include <emmintrin.h>
#define JPARSE_SSE2 1
#else
#define JPARSE_SSE2 0
#endif

#if JPARSE_SSE2
/* 1 for each UTF-8 continuation byte (10xxxxxx) of s[0..16) that mask has a 1 for, else 0. */
static inline __m128i cont16(const unsigned char *s, __m128i mask)
{
	__m128i v = _mm_loadu_si128((const __m128i *)(const void *)s);
	return _mm_and_si128(_mm_cmpeq_epi8(_mm_and_si128(v, _mm_set1_epi8((char)0xC0)), _mm_set1_epi8((char)0x80)), mask);
}

/* 16 zeros then 16 ones: at tail_ones + r, 1 for the last r of 16 bytes. */
static const unsigned char tail_ones[32] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
					    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1};
#endif

/* UTF-8 continuation bytes among s[from..to): counted only when a column
 * after them is asked for (most strings with them end their line). */
static JPARSE_INLINE size_t count_cont(const unsigned char *s, size_t from, size_t to)
{
	size_t c = 0;
#if JPARSE_SSE2
	if (to >= 16) {   /* every load within s[0..to): the last one ends at to, its bytes before from masked off */
		const __m128i zero = _mm_setzero_si128();
		__m128i sum = zero;   /* two 64-bit sums of eight bytes each (psadbw against zero) */
		for (; to - from > 16; from += 16)
			sum = _mm_add_epi64(sum, _mm_sad_epu8(cont16(s + from, _mm_set1_epi8(1)), zero));
		__m128i tail = _mm_loadu_si128((const __m128i *)(const void *)(tail_ones + (to - from)));
		sum = _mm_add_epi64(sum, _mm_sad_epu8(cont16(s + to - 16, tail), zero));
		return (size_t)_mm_cvtsi128_si32(sum) + (size_t)_mm_cvtsi128_si32(_mm_srli_si128(sum, 8));
	}
#endif
	for (; to - from >= 8; from += 8) {
		uint64_t w;
		memcpy(&w, s + from, 8);
		c += cont8(w);
	}
	for (; from < to; from++)
		c += (s[from] & 0xC0) == 0x80;
	return c;
}

/* The first byte at or after i that is not a space: indentation, the long
 * white space runs of pretty-printed JSON, sixteen bytes at a time. */
static inline size_t skip_spaces(const char *s, size_t i, size_t n)
{
#if JPARSE_SSE2
	const __m128i sp = _mm_set1_epi8(' ');
	while (n - i >= 16) {   /* the load stays within s[0..n) */
		unsigned m = (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(_mm_loadu_si128((const __m128i *)(const void *)(s + i)), sp)) ^ 0xFFFF;
		if (m)
			return i + (unsigned)__builtin_ctz(m);
		i += 16;
	}
#endif
	while (i < n && s[i] == ' ')
		i++;
	return i;
}

/* Which of the eight bytes of w end a run of plain string bytes: '"',
 * '\\' or a control character (< 0x20)? (Bytes >= 0x80 are plain.) The
 * high bit of each such byte is set; of the bytes after the first one,
 * others may be too, so only the first set bit is exact. */
static inline uint64_t special8(uint64_t w)
{
	const uint64_t ones = 0x0101010101010101u, highs = 0x8080808080808080u;
	uint64_t q = w ^ (ones * '"'), b = w ^ (ones * '\\');
	uint64_t has_q = (q - ones) & ~q & highs;          /* a zero byte of q: a '"' */
	uint64_t has_b = (b - ones) & ~b & highs;          /* a backslash */
	uint64_t has_c = (w - ones * 0x20) & ~w & highs;   /* a byte below 0x20 */
	return has_q | has_b | has_c;
}

#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__ && defined(__GNUC__)
#define JPARSE_WORD_TAIL 1   /* the first special byte of a word found by its lowest set bit */
#else
#define JPARSE_WORD_TAIL 0
#endif

/* Copy the plain bytes of a string from i on to the same offsets in own, up
 * to the first '"', '\\' or control byte (or n), and return where that is;
 * *high gets a bit when any byte >= 0x80 may be among them. Loads and stores
 * of sixteen or eight bytes are made only while that many are left before n
 * (own has n + 1 bytes); the bytes they copy past the stop are copied again
 * when their own value is read. */
static JPARSE_INLINE size_t copy_plain(const unsigned char *s, unsigned char *own, size_t i, size_t n, uint64_t *high)
{
#if JPARSE_SSE2
	const __m128i quote = _mm_set1_epi8('"'), bslash = _mm_set1_epi8('\\'), ctl = _mm_set1_epi8(0x1F);
	__m128i any = _mm_setzero_si128();
	for (; n - i >= 16; i += 16) {
		__m128i v = _mm_loadu_si128((const __m128i *)(const void *)(s + i));
		_mm_storeu_si128((__m128i *)(void *)(own + i), v);
		any = _mm_or_si128(any, v);
		__m128i sp = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(v, quote), _mm_cmpeq_epi8(v, bslash)),
					  _mm_cmpeq_epi8(_mm_max_epu8(v, ctl), ctl));   /* max(v, 0x1F) == 0x1F: v <= 0x1F */
		unsigned m = (unsigned)_mm_movemask_epi8(sp);
		if (m) {
			*high |= (unsigned)_mm_movemask_epi8(any);
			return i + (unsigned)__builtin_ctz(m);
		}
	}
	*high |= (unsigned)_mm_movemask_epi8(any);
#endif
	for (; n - i >= 8; i += 8) {   /* without SSE2, and the last bytes of the text with it */
		uint64_t w, m;
		memcpy(&w, s + i, 8);
		memcpy(own + i, &w, 8);
		*high |= w & 0x8080808080808080u;
		if ((m = special8(w))) {
#if JPARSE_WORD_TAIL
			i += (unsigned)__builtin_ctzll(m) >> 3;   /* the plain bytes before the first special one */
#endif
			break;
		}
	}
	for (; i < n && s[i] >= 0x20 && s[i] != '"' && s[i] != '\\'; i++) {
		*high |= s[i] & 0x80;
		own[i] = s[i];
	}
	return i;
}

#endif
