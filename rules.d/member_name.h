/* member_name.h — for the built-in rule plugins: a member's name compared in place, without a call; a figure's sign told from its node. */
#ifndef JXL_RULES_MEMBER_NAME_H
#define JXL_RULES_MEMBER_NAME_H

#include <jxlint/rule.h>

/* Is k, whose first byte the caller has matched already (a switch on k[0]),
 * the name with the given remaining bytes? Each test stops at the first
 * difference, so no byte past the end of a shorter name is read. */
#define NAME3(k, b, c) ((k)[1] == (b) && (k)[2] == (c) && !(k)[3])
#define NAME4(k, b, c, d) ((k)[1] == (b) && (k)[2] == (c) && (k)[3] == (d) && !(k)[4])
#define NAME5(k, b, c, d, e) ((k)[1] == (b) && (k)[2] == (c) && (k)[3] == (d) && (k)[4] == (e) && !(k)[5])
#define NAME6(k, b, c, d, e, f) ((k)[1] == (b) && (k)[2] == (c) && (k)[3] == (d) && (k)[4] == (e) && (k)[5] == (f) && !(k)[6])

/* The same for a longer name, its remaining bytes given as a string
 * ("xhaustive" for "exhaustive"): strcmp(k + 1, rest) == 0, inline (a call
 * to strcmp would be one more symbol for the loader to bind in each
 * plugin). */
static inline int name_rest(const char *k, const char *rest)
{
	for (k++; *rest && *k == *rest; k++, rest++)
		;
	return *k == *rest;
}

/* Whether f, the figure node n states (read as a score or a count),
 * is below zero, zero being h->from_int(0). A JSON number is negative only
 * if its literal starts with '-' (the JSON grammar; the figure is the
 * literal's value): most scores are such numbers, and need no comparison.
 * Text ("-2", "−3") is compared. fixtures/rules/{scores,indicators}/
 * range-sign-bad hold the two ways to the findings of the comparison. */
static inline int below_zero(const jxl_host *h, const jxl_node *n, const jxl_fig *f, const jxl_fig *zero)
{
	if (h->kind(n) == JXL_NUMBER && h->str(n)[0] != '-')
		return 0;
	return h->cmp_value(f, zero) < 0;
}

#endif
