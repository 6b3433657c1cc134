/* doc.h — the normalised submission: a tree of located values, its form and money unit, read-only to rules. */
#ifndef JXL_DOC_H
#define JXL_DOC_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <jxlint/rule.h>

#include "arena.h"

struct jxl_fig;

#define DOC_AS_SLOTS 6     /* one cached figure per enum jxl_as */

/* The figures read from one node, one per enum jxl_as (most nodes are never
 * read as a figure, so this is not part of every node). */
struct doc_figs {
	const struct jxl_fig *fig[DOC_AS_SLOTS];
	unsigned char done[DOC_AS_SLOTS];
};

/* What few objects have: a "$lint" or "source" member, a $lint.disable
 * index (kept out of every node: a node is read far more than these). */
struct doc_more {
	const jxl_node *lint_member;   /* an object's "$lint" member (the last), or NULL */
	const jxl_node *source_member; /* an object's "source" member (the last), or NULL */
	struct sup_index *sup;         /* a "$lint": {"disable": {…}} object: its patterns, indexed */
};

/* A value of the document. The fields rules read on nearly every visit
 * come first and the node is 96 bytes (it was 112, two lines of cache
 * read by every walk): the documents of large files do not fit a core's
 * first-level cache, and each check walks them again. */
struct jxl_node {
	enum jxl_kind kind : 8;
	unsigned bval : 1;         /* a true/false value */
	unsigned sup_used : 1;     /* a suppression entry that silenced something */
	unsigned has_lint : 1;     /* containers: a "$lint" member here or below (host_finish looks only there) */
	unsigned ktag;             /* doc_key_tag of key: compared before the name itself */
	const char *key;           /* member name, or NULL */
	jxl_node **kids;
	size_t nkids;
	const char *str;           /* string value (UTF-8) or number literal; NULL otherwise */
	size_t slen;
	struct doc_figs *figs;     /* cache of fig(), made on the first read; per document, so per thread */
	jxl_node *parent;
	int line, col;             /* where the value starts */
	int kline, kcol;           /* where its key starts (object members) */
	int index;                 /* position in the parent */
	struct doc_more *more;     /* NULL for nearly every node */
};

static inline const jxl_node *doc_lint_member(const jxl_node *n) { return n->more ? n->more->lint_member : NULL; }
static inline const jxl_node *doc_source_member(const jxl_node *n) { return n->more ? n->more->source_member : NULL; }

struct jxl_doc {
	arena *a;                  /* borrowed: owned by the file being linted */
	jxl_node *root;
	const char *path;          /* as given on the command line */
	int form;                  /* 'd', 'p', or 0 */
	int money_mag;             /* 0 元, 3 千元, 4 万元, 8 亿元 */
	int money_unit_stated;     /* money_unit was given (here or inherited) */
	const jxl_doc *parent;     /* the file's document for a `projects` element */
};

/* The suppression index of a "$lint": {"disable": {…}} object (jparse.c builds it). */
struct sup_index *sup_index_build(arena *a, const jxl_node *dis);

/* Fill form and money unit from the root (and the parent for projects). */
void doc_init(jxl_doc *d, arena *a, jxl_node *root, const char *path, const jxl_doc *parent);

/* A member name's length and first and last bytes, in one word: two names
 * with different tags differ. */
static inline unsigned doc_key_tag(const char *key, size_t len)
{
	return len ? (unsigned)(len & 0xFFFF) << 16 | (unsigned)(unsigned char)key[0] << 8 | (unsigned char)key[len - 1] : 0;
}

/* Are the n bytes at a and b the same (both hold n)? A word or two at a
 * time, for names and short texts whose lengths are known to be equal. */
static inline int doc_same_bytes(const char *a, const char *b, size_t n)
{
	uint64_t x, y;
	uint32_t u, v;
	if (n >= 8) {
		for (size_t i = 0; i + 8 < n; i += 8) {
			memcpy(&x, a + i, 8);
			memcpy(&y, b + i, 8);
			if (x != y)
				return 0;
		}
		memcpy(&x, a + n - 8, 8);
		memcpy(&y, b + n - 8, 8);
		return x == y;
	}
	if (n >= 4) {
		memcpy(&u, a, 4);
		memcpy(&v, b, 4);
		if (u != v)
			return 0;
		memcpy(&u, a + n - 4, 4);
		memcpy(&v, b + n - 4, 4);
		return u == v;
	}
	/* 0 to 3 bytes: the first, middle and last are all of them */
	return !n || (a[0] == b[0] && a[n / 2] == b[n / 2] && a[n - 1] == b[n - 1]);
}

const jxl_node *doc_get(const jxl_node *obj, const char *key);
/* "income.total", "scores.items[2].score", "staffing[category=行政编制].quota" */
const jxl_node *doc_path(const jxl_node *from, const char *path);
/* The node an RFC 6901 pointer names below root ("/claims/3/text"), or NULL. */
const jxl_node *doc_resolve(const jxl_node *root, const char *pointer);
/* RFC 6901 pointer of n, in the arena. */
const char *doc_pointer(arena *a, const jxl_node *n);
/* What a reviewer calls this value, in Chinese (zh) or English: a known
 * field's name (收入合计), the "name"/"category"/"label" of its object, a
 * part's key, or the key path. In the arena (or static). */
const char *doc_label(arena *a, const jxl_node *n, int zh);
/* Is rule `rule` disabled at n by a "$lint": {"disable": {...}} on n or an
 * ancestor? Returns the disabling node ($lint.disable.<rule>) or NULL. */
const jxl_node *doc_disabled(const jxl_node *n, const char *rule);

#endif
