/* fuzz_decode.c — libFuzzer target: any bytes → decode_bytes (detection, iconv, NUL refusal) and its invariants. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"
#include "decode.h"

/* Forced encodings a user may pass with --encoding; the first byte picks one for the second run. */
static const char *const forced[] = {"UTF-8", "GB18030", "UTF-16LE", "UTF-16BE", "GBK"};

static void check(const unsigned char *buf, size_t n, const char *force)
{
	decode_result r;
	decode_err e;
	memset(&e, 0, sizeof e);
	if (decode_bytes(buf, n, force, &r, &e) == 0) {
		/* the result is NUL-terminated valid UTF-8 without a NUL inside */
		if (!r.utf8 || r.utf8[r.len] != '\0' || memchr(r.utf8, '\0', r.len) ||
		    utf8_valid_prefix((const unsigned char *)r.utf8, r.len) != r.len || !r.encoding)
			FUZZ_FAIL("decoded text is not NUL-terminated valid UTF-8 without NUL");
		free(r.utf8);
	} else {
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
	check(buf, size, NULL);
	if (size)
		check(buf, size, forced[data[0] % (sizeof forced / sizeof *forced)]);
	free(buf);
	return 0;
}
