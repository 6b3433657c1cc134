/* walk.h — the files a run lints, in command-line order with directories walked sorted, handed out a batch at a time. */
#ifndef JXL_WALK_H
#define JXL_WALK_H

#include <stddef.h>

#include "opts.h"

#define RUN_MAX_DIR_DEPTH 64   /* directories nested deeper are reported, not walked */

/* Paths to lint, each with why it cannot be read (NULL when it can): a path
 * that cannot be used stays in the list, to be reported as a finding in its place. */
typedef struct file_list {
	char **v;
	char **err;                /* NULL, or why v[i] cannot be read */
	size_t n, cap;
} file_list;
/* Append one path (and why it cannot be read, or NULL); -1 when out of memory. */
int files_add(file_list *fl, const char *path, const char *err);
void files_release(file_list *fl);

/* The command line's paths, expanded: a directory gives every *.json below
 * it, sorted, each directory visited once (symlink loops are cut, links out
 * of the directory are not followed and noted on stderr unless quiet). The
 * walk holds one directory's entries per level, never the whole list, so a
 * run's memory does not grow with the number of files. */
typedef struct file_walk file_walk;
file_walk *file_walk_open(const opts *o, int quiet);
/* Fill fl (initialised here) with the next files, at most max; 0 at the end. */
size_t file_walk_next(file_walk *w, file_list *fl, size_t max);
void file_walk_close(file_walk *w);
/* How many files the walk gives (a quiet pass, for a progress line's total). */
size_t files_count(const opts *o);

#endif
