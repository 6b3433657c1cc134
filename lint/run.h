/* run.h — the pipeline for one file (bytes → decode → parse → rules → findings) and for many, on N threads. */
#ifndef JXL_RUN_H
#define JXL_RUN_H

#include "arena.h"
#include "diag.h"
#include "opts.h"
#include "rules.h"

/* Limits on one file, named here and tested at the limit (fixtures/input). */
#define RUN_MAX_DIR_DEPTH 64

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

/* Expand the command line's paths: directories → every *.json below them,
 * sorted, each directory visited once (symlink loops are cut). A path that
 * cannot be used stays in the list with its error, to be reported as a
 * finding in its place. */
typedef struct file_list {
	char **v;
	char **err;                /* NULL, or why v[i] cannot be read */
	size_t n, cap;
} file_list;
int files_collect(const opts *o, file_list *out);
/* Append one path (and why it cannot be read, or NULL); -1 when out of memory. */
int files_add(file_list *fl, const char *path, const char *err);
void files_release(file_list *fl);

/* Lint every file on o->jobs threads and hand results to `sink` in list
 * order (so output never depends on the thread count). */
typedef void (*result_sink)(void *user, file_result *r);
void run_all(const opts *o, const registry *reg, const file_list *fl, result_sink sink, void *user);

#endif
