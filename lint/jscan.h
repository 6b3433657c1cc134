/* jscan.h — a validating scan of JSON text: where every value starts, the literal of every number, readable errors. */
#ifndef JXL_JSCAN_H
#define JXL_JSCAN_H

#include <stddef.h>

#define JSCAN_MAX_DEPTH 128   /* nesting of objects and arrays */
#define JSCAN_MAX_VALUES 2000000  /* values in one document: memory stays bounded (about 300 B each) */

/* One value, in document order (= preorder of the tree). */
typedef struct jscan_pos {
	size_t off, len;     /* the value's text: a number's literal, a string with its quotes, or just '{' / '[' */
	int line, col;       /* 1-based; col counts code points */
	int kline, kcol;     /* the member's key, when the value is an object member; else 0 */
} jscan_pos;

typedef struct jscan_err {
	int limit;           /* 1: well-formed so far, but past a limit (too large), not malformed */
	size_t off;
	int line, col;
	char msg[160];       /* English, lowercase: "trailing comma before '}'" */
	char msg_zh[240];    /* the same in Chinese (UTF-8): "“}”前有多余的逗号" */
} jscan_err;

/* Scan s[0..n). On success *pos (malloc'd, caller frees) holds *npos
 * entries and 0 is returned; on malformed input -1 with err filled. */
int jscan(const char *s, size_t n, jscan_pos **pos, size_t *npos, jscan_err *err);

/* Line and column (code points) of byte offset off. */
void jscan_linecol(const char *s, size_t n, size_t off, int *line, int *col);

#endif
