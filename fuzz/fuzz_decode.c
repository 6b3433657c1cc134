/* fuzz_decode.c — libFuzzer target: any bytes → decode_bytes and decode_take (detection, iconv, NUL refusal), their invariants, and the UTF-8 checks (scalar fast paths, SSSE3 whole-buffer) against a plain one. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"
#include "decode.h"
#include "utf8_simd.h"

/* Forced encodings a user may pass with --encoding; the first byte picks one for the second run. */
static const char *const forced[] = {"UTF-8", "GB18030", "UTF-16LE", "UTF-16BE", "GBK"};

/* The longest valid UTF-8 prefix, one code point at a time (RFC 3629): what utf8_valid_prefix's fast paths must agree with. */
static size_t plain_utf8_prefix(const unsigned char *s, size_t n)
{
	size_t i = 0;
	while (i < n) {
		unsigned c = s[i], cp, min;
		size_t len = c < 0x80 ? 1 : c >= 0xC2 && c <= 0xDF ? 2 : c >= 0xE0 && c <= 0xEF ? 3 : c >= 0xF0 && c <= 0xF4 ? 4 : 0;
		if (!len || n - i < len)
			return i;
		min = len == 1 ? 0 : len == 2 ? 0x80 : len == 3 ? 0x800 : 0x10000;
		cp = c & (0xFF >> (len + 1));
		for (size_t k = 1; k < len; k++) {
			if ((s[i + k] & 0xC0) != 0x80)
				return i;
			cp = cp << 6 | (s[i + k] & 0x3F);
		}
		if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
			return i;
		i += len;
	}
	return n;
}

static void check(const unsigned char *buf, size_t n, const char *force)
{
	decode_result r, t;
	decode_err e, te;
	memset(&e, 0, sizeof e);
	/* decode_take on its own copy must say exactly what decode_bytes says */
	unsigned char *own = malloc(n + 1);
	memcpy(own, buf, n);
	int trc = decode_take(own, n, force, &t, &te);
	if (decode_bytes(buf, n, force, &r, &e) == 0) {
		if (trc || t.len != r.len || memcmp(t.utf8, r.utf8, r.len) || strcmp(t.encoding, r.encoding))
			FUZZ_FAIL("decode_take and decode_bytes disagree on a text both should decode");
		/* the result is NUL-terminated valid UTF-8 without a NUL inside */
		if (!r.utf8 || r.utf8[r.len] != '\0' || memchr(r.utf8, '\0', r.len) ||
		    utf8_valid_prefix((const unsigned char *)r.utf8, r.len) != r.len || !r.encoding)
			FUZZ_FAIL("decoded text is not NUL-terminated valid UTF-8 without NUL");
		free(r.utf8);
		free(t.utf8);
	} else {
		if (!trc || te.offset != e.offset || strcmp(te.msg, e.msg))
			FUZZ_FAIL("decode_take and decode_bytes disagree on an error");
		/* the error points into the input and says something */
		if (e.msg[0] == '\0' || !memchr(e.msg, '\0', sizeof e.msg))
			FUZZ_FAIL("an error without a message");
		if (e.msg_zh[0] == '\0' || !memchr(e.msg_zh, '\0', sizeof e.msg_zh) ||
		    utf8_valid_prefix((const unsigned char *)e.msg_zh, strlen(e.msg_zh)) != strlen(e.msg_zh))
			FUZZ_FAIL("an error without a Chinese message, or one that is not UTF-8");
		if (e.offset > n && !fuzz_ignored("decode-offset"))
			FUZZ_FAIL("error offset past the end of the input (an offset in the converted text?)");
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	/* an exact-size copy, so a read past the end is caught */
	unsigned char *buf = malloc(size ? size : 1);
	memcpy(buf, data, size);
	if (utf8_valid_prefix(buf, size) != plain_utf8_prefix(buf, size))
		FUZZ_FAIL("utf8_valid_prefix and the plain check disagree");
	int fast = utf8_all_valid_fast(buf, size);
	if (fast >= 0 && fast != (plain_utf8_prefix(buf, size) == size))
		FUZZ_FAIL("utf8_all_valid_fast and the plain check disagree");
	check(buf, size, NULL);
	if (size)
		check(buf, size, forced[data[0] % (sizeof forced / sizeof *forced)]);
	free(buf);
	return 0;
}
