/* fuzz.h — shared by the libFuzzer targets: a named invariant failure, and skipping findings already reported. */
#ifndef JXL_FUZZ_H
#define JXL_FUZZ_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Print which invariant broke (the crash report then says why), and crash. */
#define FUZZ_FAIL(what) fuzz_fail(__FILE__, __LINE__, what)
static inline void fuzz_fail(const char *file, int line, const char *what)
{
	fprintf(stderr, "%s:%d: invariant broken: %s\n", file, line, what);
	__builtin_trap();
}

/* FUZZ_IGNORE=name,… skips a reported, not yet fixed finding so fuzzing can look past it
 * (docs/reliability.md lists the names). FUZZ_STRICT=1 turns on checks of disagreements
 * that are not crashes (jscan vs cJSON, extractor positions). */
static inline int fuzz_ignored(const char *name)
{
	const char *v = getenv("FUZZ_IGNORE");
	return v && strstr(v, name);
}

static inline int fuzz_strict(void)
{
	return getenv("FUZZ_STRICT") != NULL;
}

#endif
