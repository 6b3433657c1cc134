/* num_int.h — what num.c, num_fast.c and num_text.c share: the prefix words, the folded text, a digit test, a message copy. Not for other modules. */
#ifndef JXL_NUM_INT_H
#define JXL_NUM_INT_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

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
/* num_parse after num_fast_figure declined the text: num_fast_words, then the general path (num.c). */
int num_parse_rest(const char *s, size_t n, num_fig *out, num_err *err);

/* What both entry points start with: clear *out and the head of *err; refuse text over NUM_MAX_TEXT. */
static inline int num_begin(size_t n, num_fig *out, num_err *err)
{
	memset(out, 0, sizeof *out);
	if (err)
		err->offset = 0, err->msg[0] = err->msg_zh[0] = '\0';   /* not the whole struct: most parses succeed */
	if (n > NUM_MAX_TEXT) {
		if (err) {
			err->offset = NUM_MAX_TEXT;
			snprintf(err->msg, sizeof err->msg, "longer than %d bytes", NUM_MAX_TEXT);
			snprintf(err->msg_zh, sizeof err->msg_zh, "超过 %d 字节", NUM_MAX_TEXT);
		}
		return NUM_ERROR;
	}
	return 0;
}


/* ---- the folded text (num_text.c) ---- */

enum { NUM_MAX_CP = NUM_MAX_TEXT };

/* A figure's text as code points, folded: full-width digits and signs to
 * ASCII, every kind of space to ' ', LaTeX \geq \le \% to ≥ ≤ %, '$' dropped,
 * 項 to 项; each code point remembers its byte offset. */
struct num_text {
	const char *s;               /* the input as written */
	uint32_t cp[NUM_MAX_CP];
	size_t off[NUM_MAX_CP + 1];  /* off[n] is the input length */
	int n;
};

/* Decode one UTF-8 sequence at s[i..n); its length, or 0 when invalid. */
int num_utf8_next(const unsigned char *s, size_t n, size_t i, uint32_t *cp);
uint32_t num_fold_cp(uint32_t c);   /* one code point folded as above */
int num_is_letter(unsigned char c);   /* ASCII a-z A-Z */
/* Fold s[0..n) (n <= NUM_MAX_TEXT) into *t; -1 with err filled when it is not UTF-8. */
int num_fold(const char *s, size_t n, struct num_text *t, num_err *err);
int num_is_dash(uint32_t c);   /* - — – ― */
/* If the UTF-8 word w is at cp[i..end), its length in code points; else 0. */
int num_match(const struct num_text *t, int i, int end, const char *w);
/* Same, at the end of cp[i..end): the word's length, or 0. */
int num_match_end(const struct num_text *t, int i, int end, const char *w);
/* w (lower-case ASCII) at cp[i..end), case-insensitively: its length, or 0. */
int num_ascii_ieq(const struct num_text *t, int i, int end, const char *w);
/* Could a way of writing "no figure" start with the folded code point c? */
int num_may_start_empty(uint32_t c);
/* "", dashes, "/", commas, 无, N/A, 不适用 at cp[i..end): a missing value, not zero. */
int num_text_empty(const struct num_text *t, int i, int end);

#endif
