/* jparse.h — JSON text to a located document tree in one pass: positions, literals, readable errors. */
#ifndef JXL_JPARSE_H
#define JXL_JPARSE_H

#include <stddef.h>

#include "arena.h"
#include "doc.h"

#define JPARSE_MAX_DEPTH 128        /* nesting of objects and arrays */
#define JPARSE_MAX_VALUES 2000000   /* values in one document: memory stays bounded (about 200 B each) */

typedef struct jparse_err {
	int limit;           /* 1: well-formed so far, but past a limit (too large), not malformed */
	size_t off;
	int line, col;
	char msg[160];       /* English, lowercase: "trailing comma before '}'" */
	char msg_zh[240];    /* the same in Chinese (UTF-8): "“}”前有多余的逗号" */
} jparse_err;

/* Parse s[0..n) (UTF-8; s need not be NUL-terminated) into a tree of
 * jxl_node in `a`: every value with the line:column where it starts (and
 * its key's), strings unescaped, numbers as their literal, objects with
 * their "$lint" and "source" members and suppression index. Nothing to
 * free: the tree goes with the arena. Returns the root, or NULL with err
 * filled when the text is not JSON or is past a limit. */
jxl_node *jparse(arena *a, const char *s, size_t n, jparse_err *err);

/* Line and column (code points) of byte offset off. */
void jparse_linecol(const char *s, size_t n, size_t off, int *line, int *col);

#endif
