/* changed.h — --changed[=REF]: the submissions git sees as changed, asked of git with a fixed argv (no shell).
 *
 * Changed against REF means `git diff --name-only REF` (the working tree
 * against REF) plus untracked files that are not ignored; the default,
 * HEAD, is staged + unstaged changes + untracked files (and works before
 * the first commit). Deleted files, hidden paths (a component starting
 * with '.', as a directory walk skips them) and files that are not
 * .json — or .txt/.md reports, unless --input json — are left out.
 * Paths are made relative to the current directory (from a subdirectory,
 * files elsewhere in the work tree come out as ../…); the command line's
 * paths, if any, keep only the changed files at or below them.
 */
#ifndef JXL_CHANGED_H
#define JXL_CHANGED_H

#include <stddef.h>

#include "opts.h"
#include "run.h"

#define CHANGED_MAX_GIT_OUTPUT (64L * 1024 * 1024)   /* bytes read from one git command */

/* Fill fl (initialised here; files_release it) with the changed files, sorted.
 * -1 with why filled when git cannot be run or fails (a tool error: exit 2). */
int changed_collect(const opts *o, file_list *fl, char *why, size_t n);

#endif
