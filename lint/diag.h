/* diag.h — the findings sink: one list per file, copied strings, sorted, counted by severity. */
#ifndef JXL_DIAG_H
#define JXL_DIAG_H

#include <stddef.h>

#include "arena.h"

typedef struct finding {
	int line, col;
	int severity;              /* enum jxl_severity */
	const char *rule;
	const char *msg_zh, *msg_en;
	const struct jxl_node *node;  /* where it is (NULL: line:col of the file); its JSON pointer is made when asked for (diag_pointer) */
	const char *computation;   /* "5 + 4 + 1 = 10" */
	const char *stated, *computed, *difference, *tolerance;
	const char *hint_zh, *hint_en;  /* e.g. the one figure that would reconcile everything */
	const char *source;        /* the sentence a text report stated it in */
	unsigned seq;              /* emission order, for a stable sort */
} finding;

typedef struct diag {
	arena *a;                  /* borrowed: the file's */
	const char *file;
	finding *v;
	size_t n, cap;
	int counts[4];             /* by severity 1..3 */
	int unchecked;             /* things asked for that could not be checked */
	int fatal;                 /* the input could not be read at all: exit 2 */
} diag;

void diag_init(diag *d, arena *a, const char *file);
void diag_release(diag *d);
/* A new zeroed finding at line:col; the caller fills the rest (arena strings). */
finding *diag_add(diag *d, int line, int col, int severity, const char *rule);
/* Sort by line, column, rule, emission order; then recount. */
void diag_sort(diag *d);
/* Drop findings below min_severity (e.g. --quiet) and recount. */
void diag_filter(diag *d, int min_severity);
int diag_worst(const diag *d);
/* f's JSON pointer ("" for the whole file), in a: made only when a format
 * or a baseline shows it (the text report does not), from f's node, which
 * lives as long as the file's arena, as f's texts do. */
const char *diag_pointer(arena *a, const finding *f);

#endif
