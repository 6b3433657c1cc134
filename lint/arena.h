/* arena.h — a bump allocator: everything one document owns, freed at once. */
#ifndef JXL_ARENA_H
#define JXL_ARENA_H

#include <stddef.h>
#include <stdarg.h>

typedef struct arena_block arena_block;
typedef struct arena {
	arena_block *head;
	unsigned char *cur, *end;   /* the free room of the head block */
	size_t used;      /* bytes handed out, for limits */
} arena;

void arena_init(arena *a);
void arena_release(arena *a);
/* Zeroed memory; aborts on out of memory (the host's one allowed abort). */
void *arena_alloc(arena *a, size_t n);
/* The same, not zeroed (for cJSON's nodes and strings, which it fills itself). */
void *arena_alloc_slow(arena *a, size_t n);
static inline void *arena_alloc_raw(arena *a, size_t n)
{
	n = (n + 15) & ~(size_t)15;
	if ((size_t)(a->end - a->cur) >= n) {   /* the usual case: room in the head block */
		void *p = a->cur;
		a->cur += n;
		a->used += n;
		return p;
	}
	return arena_alloc_slow(a, n);
}
/* Free the blocks this thread keeps for reuse (at the end of a thread or of the run). */
void arena_cache_drop(void);
char *arena_strndup(arena *a, const char *s, size_t n);
char *arena_strdup(arena *a, const char *s);
char *arena_vprintf(arena *a, const char *fmt, va_list ap);
/* What vsnprintf(buf, cap, fmt, ap) writes, without it, for a format of
 * only literal text, %s (not NULL), %d, %zu and %%: the length, or -1
 * (and buf anything) for any other format or a text that does not fit.
 * arena_vprintf's first try; tests/arena_format_test.c holds it to vsnprintf. */
int arena_format_simple(char *buf, size_t cap, const char *fmt, va_list ap);
char *arena_printf(arena *a, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

#endif
