/* jparse_escape.h — a JSON string's escapes, for jparse.c: \uXXXX digits and the unescaped value. */
#ifndef JXL_JPARSE_ESCAPE_H
#define JXL_JPARSE_ESCAPE_H

#include <stddef.h>

/* The value of the four hex digits at s[off..off+4) (bytes at or past n
 * count as not hex), or -1. */
long jparse_hex4(const char *s, size_t n, size_t off);

/* The escaped string value raw[0..rlen) (quotes excluded, every escape
 * checked already, a \u high surrogate followed by its low half)
 * unescaped at out, which may be raw itself: an escape never takes more
 * bytes than it is written with. NUL-terminated; *len stops at a \u0000,
 * as a C string does. */
char *jparse_unescape(const char *raw, size_t rlen, char *out, size_t *len);

#endif
