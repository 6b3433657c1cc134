/* member_name.h — for the built-in rule plugins: a member's name compared in place, without a call. */
#ifndef JXL_RULES_MEMBER_NAME_H
#define JXL_RULES_MEMBER_NAME_H

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

#endif
