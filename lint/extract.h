/* extract.h — a narrative report (UTF-8 text) → the submission JSON it states, with source positions. */
#ifndef JXL_EXTRACT_H
#define JXL_EXTRACT_H

#include <stddef.h>

/* Where one extracted JSON value came from in the text. `pointer` is an
 * RFC 6901 JSON pointer into the produced JSON ("/claims/3/text");
 * line and col are 1-based, col counted in characters (code points). */
typedef struct extract_pos {
	char *pointer;
	int line, col;
} extract_pos;

typedef struct extract_result {
	char *json;          /* NUL-terminated submission JSON (docs/submission.md), pretty-printed */
	size_t len;
	extract_pos *pos;    /* one entry per value the extractor placed (objects, arrays, figures) */
	size_t npos;
} extract_result;

/* Read the report text s[0..n) (UTF-8, already decoded, no BOM; not
 * necessarily NUL-terminated) and fill *out. Never prints, never exits.
 * Returns 0, or -1 with a message in err (out of memory, text over the
 * size limit). An unreadable sentence is skipped, not an error. */
int extract_text(const char *s, size_t n, extract_result *out, char *err, size_t errn);
void extract_result_release(extract_result *r);

#endif
