/* decode.h — input bytes in any supported encoding → UTF-8, or the byte offset where they stop making sense. */
#ifndef JXL_DECODE_H
#define JXL_DECODE_H

#include <stddef.h>

typedef struct decode_result {
	char *utf8;            /* malloc'd, NUL-terminated; the caller frees */
	size_t len;
	const char *encoding;  /* static: "UTF-8", "UTF-8 with BOM", "UTF-16LE", "UTF-16BE", "GB18030", or the forced name */
} decode_result;

typedef struct decode_err {
	size_t offset;         /* byte offset in the input */
	char msg[400];         /* English: "invalid UTF-8 at byte 10" */
	char msg_zh[480];      /* the same in Chinese (UTF-8): "第 10 字节处不是有效的 UTF-8" */
} decode_err;

/* Decode buf[0..n). force: an iconv encoding name (from --encoding), or
 * NULL to detect: BOM (UTF-8, UTF-16LE/BE), UTF-16 without BOM by its zero
 * bytes, valid UTF-8, else GB18030. A NUL character in the text is refused.
 * Returns 0, or -1 with err filled (no allocation kept). */
int decode_bytes(const unsigned char *buf, size_t n, const char *force, decode_result *out, decode_err *err);

/* The same for a buffer the caller hands over: buf is malloc'd with room for
 * a NUL after its n bytes. It becomes out->utf8 when its bytes are UTF-8
 * without a BOM (no copy); otherwise it is freed. Either way the caller no
 * longer owns buf, and frees out->utf8 as after decode_bytes. */
int decode_take(unsigned char *buf, size_t n, const char *force, decode_result *out, decode_err *err);

/* Length of the longest valid UTF-8 prefix of s[0..n). */
size_t utf8_valid_prefix(const unsigned char *s, size_t n);

#endif
