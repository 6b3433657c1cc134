/* pack_int.h — what pack.c (a pack, its template, its errors) and pack_rule.c (one rule and its expressions) share while a pack is loaded. Internal. */
#ifndef JXL_PACK_INT_H
#define JXL_PACK_INT_H

#include "doc.h"
#include "pack.h"

/* One pack being loaded: where its errors go, and whether there were any. */
typedef struct loader {
	pack *p;
	const char *path;
	const char *text;
	size_t n;
	pack_errs *errs;
	size_t errs_at_start;
	const registry *reg;
} loader;

void pack_err_at(loader *L, int line, int col, const char *fmt, ...) __attribute__((format(printf, 4, 5)));
/* Has this pack had an error since its loading began? */
static inline int pack_failed(const loader *L)
{
	return L->errs->n + L->errs->dropped > L->errs_at_start;
}
static inline const jxl_node *pack_member(const jxl_node *obj, const char *key)
{
	return doc_get(obj, key);
}
/* Where byte idx of a JSON string's decoded value is in the pack's text. */
void pack_string_pos(loader *L, const jxl_node *str, size_t idx, int *line, int *col);
/* obj's keys against keys (NULL-terminated; "$…" keys are comments): an
 * unknown key (with the nearest known one) or a key given twice is an error. */
void pack_check_keys(loader *L, const jxl_node *obj, const char *what, const char *const *keys);
/* obj's text member key, copied, or NULL (an error when it is required, or not text). */
const char *pack_want_string(loader *L, const jxl_node *obj, const char *key, const char *what, int required);
/* {"zh": …, "en": …}; either may be left out when the other is there,
 * unless both are required. 0, or -1 when either is missing. */
int pack_want_zh_en(loader *L, const jxl_node *obj, const char *key, const char *what, int required,
		    const char **zh, const char **en, const jxl_node **zh_node, const jxl_node **en_node);
/* obj's member key compiled as an expression with names (its text in *src),
 * or NULL: an error when it is required, not text or does not compile. */
expr *pack_want_expr(loader *L, const jxl_node *obj, const char *key, const char *what, int required,
		     const expr_names *names, const char **src);
/* The pack's rule number index, read from its object n into r (errors located). */
void pack_build_rule(loader *L, const jxl_node *n, size_t index, pack_rule *r);

#endif
