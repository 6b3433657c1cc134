/* utf8_simd.c — is a whole buffer valid UTF-8? Thirty-two bytes at a time with AVX2, sixteen with SSSE3, when the CPU has them (decode.c's scalar check answers otherwise). */
#include "utf8_simd.h"

#if defined(__x86_64__) && defined(__GNUC__)
#include <string.h>
#include <immintrin.h>

/* The lookup algorithm of Keiser and Lemire ("Validating UTF-8 in less than
 * one instruction per byte", 2021): each byte, its predecessor's high and low
 * nibbles and its own high nibble index three tables of error classes; a
 * byte pair is wrong when all three agree on a class. A continuation byte
 * that should be the 3rd or 4th of a character is told apart by the bytes
 * two and three back. */
enum {
	TOO_SHORT = 1 << 0,      /* 11______ followed by 0_______ or 11______ */
	TOO_LONG = 1 << 1,       /* 0_______ 10______ */
	OVERLONG_3 = 1 << 2,     /* 11100000 100_____ */
	TOO_LARGE = 1 << 3,      /* 11110100 1001____, 11110100 101_____, 11110101+ 10______ */
	SURROGATE = 1 << 4,      /* 11101101 101_____ */
	OVERLONG_2 = 1 << 5,     /* 1100000_ 10______ */
	TOO_LARGE_1000 = 1 << 6, /* 11110101+ 1000____ */
	OVERLONG_4 = 1 << 6,     /* 11110000 1000____ */
	TWO_CONTS = 1 << 7,      /* 10______ 10______ */
	CARRY = TOO_SHORT | TOO_LONG | TWO_CONTS
};

/* The three tables: the error classes of a byte's predecessor's high and
 * low nibbles and of its own high nibble (shared by both widths). */
static const unsigned char t1_[16] = {TOO_LONG, TOO_LONG, TOO_LONG, TOO_LONG, TOO_LONG, TOO_LONG, TOO_LONG, TOO_LONG,
	TWO_CONTS, TWO_CONTS, TWO_CONTS, TWO_CONTS, TOO_SHORT | OVERLONG_2, TOO_SHORT,
	TOO_SHORT | OVERLONG_3 | SURROGATE, TOO_SHORT | TOO_LARGE | TOO_LARGE_1000 | OVERLONG_4};
static const unsigned char t2_[16] = {CARRY | OVERLONG_3 | OVERLONG_2 | OVERLONG_4, CARRY | OVERLONG_2, CARRY, CARRY,
	CARRY | TOO_LARGE, CARRY | TOO_LARGE | TOO_LARGE_1000, CARRY | TOO_LARGE | TOO_LARGE_1000,
	CARRY | TOO_LARGE | TOO_LARGE_1000, CARRY | TOO_LARGE | TOO_LARGE_1000, CARRY | TOO_LARGE | TOO_LARGE_1000,
	CARRY | TOO_LARGE | TOO_LARGE_1000, CARRY | TOO_LARGE | TOO_LARGE_1000, CARRY | TOO_LARGE | TOO_LARGE_1000,
	CARRY | TOO_LARGE | TOO_LARGE_1000 | SURROGATE, CARRY | TOO_LARGE | TOO_LARGE_1000,
	CARRY | TOO_LARGE | TOO_LARGE_1000};
static const unsigned char t3_[16] = {TOO_SHORT, TOO_SHORT, TOO_SHORT, TOO_SHORT, TOO_SHORT, TOO_SHORT, TOO_SHORT, TOO_SHORT,
	TOO_LONG | OVERLONG_2 | TWO_CONTS | OVERLONG_3 | TOO_LARGE_1000 | OVERLONG_4,
	TOO_LONG | OVERLONG_2 | TWO_CONTS | OVERLONG_3 | TOO_LARGE,
	TOO_LONG | OVERLONG_2 | TWO_CONTS | SURROGATE | TOO_LARGE,
	TOO_LONG | OVERLONG_2 | TWO_CONTS | SURROGATE | TOO_LARGE, TOO_SHORT, TOO_SHORT, TOO_SHORT, TOO_SHORT};

__attribute__((target("ssse3"))) static __m128i prev(__m128i cur, __m128i before, int k)
{
	switch (k) {   /* the byte k places back, across the block boundary */
	case 1: return _mm_alignr_epi8(cur, before, 15);
	case 2: return _mm_alignr_epi8(cur, before, 14);
	default: return _mm_alignr_epi8(cur, before, 13);
	}
}

__attribute__((target("ssse3"))) static __m128i block_errors(__m128i in, __m128i before)
{
	const __m128i t1 = _mm_loadu_si128((const __m128i *)(const void *)t1_), t2 = _mm_loadu_si128((const __m128i *)(const void *)t2_),
		      t3 = _mm_loadu_si128((const __m128i *)(const void *)t3_);
	const __m128i low4 = _mm_set1_epi8(0x0F);
	__m128i p1 = prev(in, before, 1);
	__m128i b1h = _mm_shuffle_epi8(t1, _mm_and_si128(_mm_srli_epi16(p1, 4), low4));
	__m128i b1l = _mm_shuffle_epi8(t2, _mm_and_si128(p1, low4));
	__m128i b2h = _mm_shuffle_epi8(t3, _mm_and_si128(_mm_srli_epi16(in, 4), low4));
	__m128i special = _mm_and_si128(_mm_and_si128(b1h, b1l), b2h);
	/* 3rd or 4th byte of a character: the byte two back is 111_____ or three back 1111____ */
	__m128i third = _mm_subs_epu8(prev(in, before, 2), _mm_set1_epi8((char)(0xE0 - 0x80)));
	__m128i fourth = _mm_subs_epu8(prev(in, before, 3), _mm_set1_epi8((char)(0xF0 - 0x80)));
	__m128i must23 = _mm_and_si128(_mm_or_si128(third, fourth), _mm_set1_epi8((char)0x80));
	return _mm_xor_si128(must23, special);
}

/* A block whose last bytes begin a character that the next block must finish. */
__attribute__((target("ssse3"))) static __m128i incomplete(__m128i in)
{
	const __m128i max = _mm_setr_epi8(-1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1,
					  (char)(0xF0 - 1), (char)(0xE0 - 1), (char)(0xC0 - 1));
	return _mm_subs_epu8(in, max);
}

__attribute__((target("ssse3"))) static int all_valid_ssse3(const unsigned char *s, size_t n)
{
	__m128i before = _mm_setzero_si128(), err = _mm_setzero_si128(), pending = _mm_setzero_si128();
	size_t i = 0;
	for (;; i += 16) {
		__m128i in;
		if (n - i >= 16) {
			in = _mm_loadu_si128((const __m128i *)(const void *)(s + i));
		} else {   /* the last bytes, padded with ASCII (which ends any character still open) */
			unsigned char last[16] = {0};
			memcpy(last, s + i, n - i);
			in = _mm_loadu_si128((const __m128i *)(const void *)last);
		}
		if (!_mm_movemask_epi8(in)) {   /* all ASCII: only a character left open before is wrong */
			err = _mm_or_si128(err, pending);
			pending = _mm_setzero_si128();
		} else {
			err = _mm_or_si128(err, block_errors(in, before));
			pending = incomplete(in);
		}
		before = in;
		if (n - i <= 16)
			break;
	}
	err = _mm_or_si128(err, pending);
	return _mm_movemask_epi8(_mm_cmpeq_epi8(err, _mm_setzero_si128())) == 0xFFFF;
}

/* ---- the same, thirty-two bytes at a time (AVX2) ------------------------------ */

/* The byte k places back: AVX2 shifts within each 128-bit lane, so the bytes
 * that cross the middle of the block (or come from the block before) are
 * put beside each lane first. */
__attribute__((target("avx2"))) static __m256i prev32(__m256i cur, __m256i before, int k)
{
	__m256i joined = _mm256_permute2x128_si256(before, cur, 0x21);   /* before's high lane, cur's low lane */
	switch (k) {
	case 1: return _mm256_alignr_epi8(cur, joined, 15);
	case 2: return _mm256_alignr_epi8(cur, joined, 14);
	default: return _mm256_alignr_epi8(cur, joined, 13);
	}
}

__attribute__((target("avx2"))) static __m256i block_errors32(__m256i in, __m256i before)
{
	/* the same tables in both lanes (vpshufb looks up within a lane) */
	const __m256i t1 = _mm256_broadcastsi128_si256(_mm_loadu_si128((const __m128i *)(const void *)t1_));
	const __m256i t2 = _mm256_broadcastsi128_si256(_mm_loadu_si128((const __m128i *)(const void *)t2_));
	const __m256i t3 = _mm256_broadcastsi128_si256(_mm_loadu_si128((const __m128i *)(const void *)t3_));
	const __m256i low4 = _mm256_set1_epi8(0x0F);
	__m256i p1 = prev32(in, before, 1);
	__m256i b1h = _mm256_shuffle_epi8(t1, _mm256_and_si256(_mm256_srli_epi16(p1, 4), low4));
	__m256i b1l = _mm256_shuffle_epi8(t2, _mm256_and_si256(p1, low4));
	__m256i b2h = _mm256_shuffle_epi8(t3, _mm256_and_si256(_mm256_srli_epi16(in, 4), low4));
	__m256i special = _mm256_and_si256(_mm256_and_si256(b1h, b1l), b2h);
	__m256i third = _mm256_subs_epu8(prev32(in, before, 2), _mm256_set1_epi8((char)(0xE0 - 0x80)));
	__m256i fourth = _mm256_subs_epu8(prev32(in, before, 3), _mm256_set1_epi8((char)(0xF0 - 0x80)));
	__m256i must23 = _mm256_and_si256(_mm256_or_si256(third, fourth), _mm256_set1_epi8((char)0x80));
	return _mm256_xor_si256(must23, special);
}

__attribute__((target("avx2"))) static __m256i incomplete32(__m256i in)
{
	const __m256i max = _mm256_setr_epi8(-1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1,
					     -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1,
					     (char)(0xF0 - 1), (char)(0xE0 - 1), (char)(0xC0 - 1));
	return _mm256_subs_epu8(in, max);
}

__attribute__((target("avx2"))) static int all_valid_avx2(const unsigned char *s, size_t n)
{
	__m256i before = _mm256_setzero_si256(), err = _mm256_setzero_si256(), pending = _mm256_setzero_si256();
	for (size_t i = 0;; i += 32) {
		__m256i in;
		if (n - i >= 32) {
			in = _mm256_loadu_si256((const __m256i *)(const void *)(s + i));
		} else {   /* the last bytes, padded with ASCII (which ends any character still open) */
			unsigned char last[32] = {0};
			memcpy(last, s + i, n - i);
			in = _mm256_loadu_si256((const __m256i *)(const void *)last);
		}
		if (!_mm256_movemask_epi8(in)) {   /* all ASCII: only a character left open before is wrong */
			err = _mm256_or_si256(err, pending);
			pending = _mm256_setzero_si256();
		} else {
			err = _mm256_or_si256(err, block_errors32(in, before));
			pending = incomplete32(in);
		}
		before = in;
		if (n - i <= 32)
			break;
	}
	err = _mm256_or_si256(err, pending);
	return _mm256_testz_si256(err, err);
}

static int have_ssse3, have_avx2;

__attribute__((constructor)) static void find_simd(void)
{
	__builtin_cpu_init();
	have_ssse3 = __builtin_cpu_supports("ssse3");
	have_avx2 = __builtin_cpu_supports("avx2");
}

int utf8_all_valid_simd(const unsigned char *s, size_t n, int width)
{
	if (n == 0)
		return -1;
	if (width == 32)
		return have_avx2 ? all_valid_avx2(s, n) : -1;
	if (width == 16)
		return have_ssse3 ? all_valid_ssse3(s, n) : -1;
	return -1;
}

int utf8_all_valid_fast(const unsigned char *s, size_t n)
{
	if (n == 0)
		return -1;
	if (have_avx2)
		return all_valid_avx2(s, n);
	return have_ssse3 ? all_valid_ssse3(s, n) : -1;
}

#else

int utf8_all_valid_simd(const unsigned char *s, size_t n, int width)
{
	(void)s;
	(void)n;
	(void)width;
	return -1;
}

int utf8_all_valid_fast(const unsigned char *s, size_t n)
{
	(void)s;
	(void)n;
	return -1;
}

#endif
