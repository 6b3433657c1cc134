/* shape.h — the submission's shape as rule expressions see it: which keys each section has, for checking pack paths. */
#ifndef JXL_SHAPE_H
#define JXL_SHAPE_H

#include <stddef.h>

/* What a value of the format (docs/submission.md) is. */
enum shape_kind {
	SH_ANY = 0,   /* unknown or free-form: anything goes below it */
	SH_FIG,       /* a figure (number or figure text) */
	SH_STR,       /* a name, a date, a label */
	SH_BOOL,
	SH_OBJ,       /* an object with known keys */
	SH_ARR,       /* a list of `elem` */
	SH_MAP        /* an object (or list) of figures under any names: parts, by_source, by_level */
};

typedef struct shape shape;
typedef struct shape_field {
	const char *key;
	const shape *sub;
} shape_field;
struct shape {
	enum shape_kind kind;
	const char *name;          /* for messages: "income", "staffing[]" */
	const shape_field *fields; /* SH_OBJ */
	size_t nfields;
	const shape *elem;         /* SH_ARR */
};

/* The whole submission (an element of `projects` has the same shape). */
const shape *shape_root(void);
const shape *shape_any(void);
/* Member `key` of an object shape: its shape, or NULL when the object is
 * closed and has no such key (then *hint names the closest known key, or
 * NULL). Keys starting with '$' ($lint, $comment) are allowed everywhere. */
const shape *shape_member(const shape *s, const char *key, const char **hint);
/* Edit distance of two short keys (for "did you mean"), capped at 99. */
int shape_key_distance(const char *a, const char *b);
/* Known keys of an object shape, ", "-separated, into buf. */
void shape_keys(const shape *s, char *buf, size_t n);

#endif
