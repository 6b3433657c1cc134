/* timing.h — --timing: the wall time each part of a run took (reading, parsing, each plugin, each pack rule), summed over files and threads. */
#ifndef JXL_TIMING_H
#define JXL_TIMING_H

#include <stdint.h>
#include <stdio.h>
#include <time.h>

/* Set once, before any file is linted; every call below is skipped when 0. */
extern int timing_on;

static inline uint64_t timing_now(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (uint64_t)t.tv_sec * 1000000000u + (uint64_t)t.tv_nsec;
}

/* What a part is, for its line in the report. */
enum timing_kind {
	TIMING_PHASE,              /* name: reading, parsing, …; group: the same in Chinese */
	TIMING_PLUGIN,             /* name: the plugin's file */
	TIMING_PACK_RULE,          /* group: the pack, name: the rule */
	TIMING_PACK_APPLIES        /* group: the pack (its "applies" test) */
};

/* The time since *t0 to the part `key` (one per part: a phase's name, a
 * plugin, a pack rule); *t0 becomes now, so that consecutive parts are
 * timed with one clock read each. group and name must live until
 * timing_report. On this thread's own table: no locking. */
void timing_add(const void *key, enum timing_kind kind, const char *group, const char *name, uint64_t *t0);

/* Add this thread's table to the run's (each thread, as it ends). */
void timing_flush(void);

/* The run's table, costliest part first, and what the parts do not cover
 * (starting up, finding files) as "other": wall_ns is the run's wall time. */
void timing_report(FILE *out, uint64_t wall_ns, size_t files, int threads, int zh);

#endif
