/* utf8_simd.h — is a whole buffer valid UTF-8? Thirty-two bytes at a time with AVX2, sixteen with SSSE3, when the CPU has them. */
#ifndef JXL_UTF8_SIMD_H
#define JXL_UTF8_SIMD_H

#include <stddef.h>

/* 1 when s[0..n) is valid UTF-8 (RFC 3629: no overlongs, surrogates or code
 * points past U+10FFFF), 0 when it is not, -1 when this cannot tell (no
 * SSSE3, not x86-64, n = 0): the caller then checks byte by byte, and
 * finds where the text stops being UTF-8 that way in any case. AVX2 when
 * the CPU has it, else SSSE3. */
int utf8_all_valid_fast(const unsigned char *s, size_t n);

/* The same with one width: 32 (AVX2) or 16 (SSSE3); -1 when the CPU lacks
 * it. For tests/utf8_simd_test.c, which holds each to the scalar check. */
int utf8_all_valid_simd(const unsigned char *s, size_t n, int width);

#endif
