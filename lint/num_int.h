/* num_int.h — what num.c and num_fast.c share: the prefix words, a digit test, a message copy. Not for other modules. */
#ifndef JXL_NUM_INT_H
#define JXL_NUM_INT_H

#include <stddef.h>
#include <stdint.h>

#include "num.h"

/* A qualifier word and what it says. */
struct num_word {
	const char *w;
	enum num_qual q;
	int approx;
};

#define N_PREFIX 32   /* words of num_prefixes, checked against the table at compile time */

/* The words a figure may start with (≥, 不低于, 约 …), in the order they are tried. */
extern const struct num_word num_prefixes[N_PREFIX];
extern size_t num_prefix_len[N_PREFIX];   /* each word's length in bytes, filled at load */

/* The first prefix word, in table order, whose whole UTF-8 text is at s[0..n); N_PREFIX when none.
 * c is the code point s starts with (only a filter: the bytes decide). */
size_t num_prefix_at(const unsigned char *s, size_t n, uint32_t c);

/* Copy src into dst[cap], cut short if it must be: what snprintf(dst, cap, "%s", src) does, cheaper. */
void num_put_msg(char *dst, size_t cap, const char *src);

static inline int is_digit(uint32_t c)
{
	return c >= '0' && c <= '9';
}

/* The two fast readings of num_parse (num_fast.c); each returns 0 for a text it leaves to the general path. */
int num_fast_figure(const char *str, size_t n, num_fig *out);   /* 1: *out filled as the general path fills it */
int num_fast_words(const char *str, size_t n, num_err *err);   /* NUM_ERROR: words, no figure, err as the general path */

#endif
