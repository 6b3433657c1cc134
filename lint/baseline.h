/* baseline.h — known findings: record today's by a fingerprint that survives unrelated edits, drop them later.
 *
 * A fingerprint hashes what identifies a finding independently of layout:
 * rule id, file (as given, "./" stripped), JSON pointer, stated and computed
 * figure. Line and column are left out, so inserting lines or reordering
 * keys keeps it; changing a figure in the relation makes a new one.
 *
 * The file (--write-baseline) is one JSON document, entries sorted by file,
 * rule, pointer and fingerprint, identical fingerprints merged with a count:
 *   {"jxlint_baseline": 1, "findings": [
 *     {"fingerprint": "…", "rule": "…", "file": "…", "pointer": "…", "count": 1, "message": "…"}]}
 * Only "fingerprint" and "count" are read back; the rest is for people.
 */
#ifndef JXL_BASELINE_H
#define JXL_BASELINE_H

#include <stddef.h>

#include "arena.h"
#include "diag.h"

#define BASELINE_VERSION 1
#define BASELINE_FP_LEN 16                       /* hex digits: 64 bits */
#define BASELINE_MAX_BYTES (256L * 1024 * 1024)  /* a larger baseline file is refused */

typedef struct baseline_entry {
	const char *fp, *rule, *file, *pointer, *message;   /* owned by the baseline's arena */
	long count;                /* findings recorded with this fingerprint */
	long left;                 /* of those, not matched yet in this run */
} baseline_entry;

typedef struct baseline {
	arena a;
	baseline_entry *v;
	size_t n, cap;
	int sorted;                /* v sorted by fingerprint (after load) */
	const char **seen;         /* files checked in this run (arena strings), for fixed() */
	size_t nseen, capseen;
	size_t dropped;            /* findings dropped by baseline_apply so far */
} baseline;

void baseline_init(baseline *b);
void baseline_release(baseline *b);

/* The fingerprint of finding f of file (BASELINE_FP_LEN hex digits and a NUL). */
void baseline_fingerprint(const char *file, const finding *f, char out[BASELINE_FP_LEN + 1]);

/* Read a baseline file. -1 with why filled when it cannot be read or is not a baseline. */
int baseline_load(baseline *b, const char *path, char *why, size_t n);

/* Drop from dg (the findings of file) every finding the baseline still has a
 * count for, consuming the counts; recounts dg. Returns how many were dropped. */
size_t baseline_apply(baseline *b, const char *file, diag *dg);

/* Entries with counts left over that belong to a file checked in this run:
 * fixed since the baseline was written. Calls each() in file order; returns how many. */
size_t baseline_fixed(const baseline *b, void (*each)(void *user, const baseline_entry *e), void *user);

/* Recording: add every finding of dg; message_zh chooses the language of the
 * human-readable message. Then write the file (atomically: temp file + rename). */
void baseline_record(baseline *b, const char *file, const diag *dg, int message_zh);
int baseline_write(baseline *b, const char *path, char *why, size_t n);

#endif
