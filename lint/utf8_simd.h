/* utf8_simd.h — is a whole buffer valid UTF-8? Sixteen bytes at a time with SSSE3 when the CPU has it. */
#ifndef JXL_UTF8_SIMD_H
#define JXL_UTF8_SIMD_H

#include <stddef.h>

/* 1 when s[0..n) is valid UTF-8 (RFC 3629: no overlongs, surrogates or code
 * points past U+10FFFF), 0 when it is not, -1 when this cannot tell (no
 * SSSE3, not x86-64, n = 0): the caller then checks byte by byte, and
 * finds where the text stops being UTF-8 that way in any case. */
int utf8_all_valid_fast(const unsigned char *s, size_t n);

#endif
