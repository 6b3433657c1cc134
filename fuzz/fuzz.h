/* fuzz.h — shared by the libFuzzer targets: a named invariant failure, and skipping findings already reported. */
#ifndef JXL_FUZZ_H
#define JXL_FUZZ_H

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "decode.h"

/* Print which invariant broke (the crash report then says why), and crash. */
#define FUZZ_FAIL(what) fuzz_fail(__FILE__, __LINE__, what)
static inline void fuzz_fail(const char *file, int line, const char *what)
{
	fprintf(stderr, "%s:%d: invariant broken: %s\n", file, line, what);
	__builtin_trap();
}

/* FUZZ_IGNORE=name,… skips a reported, not yet fixed finding so fuzzing can look past it
 * (docs/reliability.md lists the names). FUZZ_STRICT=1 turns on checks of disagreements
 * that are not crashes (jparse vs cJSON, extractor positions). */
static inline int fuzz_ignored(const char *name)
{
	const char *v = getenv("FUZZ_IGNORE");
	return v && strstr(v, name);
}

static inline int fuzz_strict(void)
{
	return getenv("FUZZ_STRICT") != NULL;
}

/* The input decoded as jxlint decodes a file, then copied to a buffer of
 * exactly its length with no NUL after it, so that a reader that goes past
 * the length it is given is caught by AddressSanitizer. NULL when the input
 * is empty or does not decode; else *dr holds the decoded text (free
 * dr->utf8 and the copy). */
static inline char *fuzz_decoded_copy(const uint8_t *data, size_t size, decode_result *dr)
{
	decode_err de;
	if (size == 0 || decode_bytes(data, size, NULL, dr, &de))
		return NULL;
	char *text = malloc(dr->len ? dr->len : 1);
	if (!text)
		FUZZ_FAIL("out of memory");
	memcpy(text, dr->utf8, dr->len);
	return text;
}

#endif
