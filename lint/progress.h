/* progress.h — one line of progress on a terminal for long runs: "\r[123/4567] path", cleared at the end. */
#ifndef JXL_PROGRESS_H
#define JXL_PROGRESS_H

#include <stddef.h>
#include <stdio.h>

#define PROGRESS_MIN_FILES 50        /* runs of more files than this show progress */
#define PROGRESS_INTERVAL_MS 100     /* at most one redraw per interval (first and last always) */

typedef struct progress {
	FILE *out;
	int on;
	int drawn;                   /* a line is on the terminal now */
	size_t total;
	long long last_ms;
	int width;                   /* terminal columns */
} progress;

/* Shows progress only when wanted, out is a terminal and total > PROGRESS_MIN_FILES. */
void progress_init(progress *p, FILE *out, size_t total, int wanted);
/* done files of total are finished, the last being path. */
void progress_step(progress *p, size_t done, const char *path);
/* Erase the line (before other output goes to the same terminal, and at the end). */
void progress_clear(progress *p);

#endif
