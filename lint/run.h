/* run.h — the pipeline for one file (bytes → decode → parse → rules → findings) and for many, on N threads. */
#ifndef JXL_RUN_H
#define JXL_RUN_H

#include "arena.h"
#include "diag.h"
#include "opts.h"
#include "rules.h"
#include "walk.h"


typedef struct file_result {
	const char *path;
	arena a;                   /* owns every string of the findings */
	diag dg;
	const char *encoding;
	size_t bytes;
	char *extracted;           /* `jxlint extract`: the JSON read from a text report */
} file_result;

/* Lint one file into r (initialised here; release with file_result_release).
 * preset_error: a problem found while collecting (e.g. an unreadable
 * directory); it becomes the file's input/read finding. */
void run_file(const opts *o, const registry *reg, const char *path, const char *preset_error, file_result *r);
void file_result_release(file_result *r);

/* Lint every file on o->jobs threads and hand results to `sink` in list
 * order (so output never depends on the thread count). */
typedef void (*result_sink)(void *user, file_result *r);
void run_all(const opts *o, const registry *reg, const file_list *fl, result_sink sink, void *user);

#endif
