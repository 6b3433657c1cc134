/* arena.c — a bump allocator: everything one document owns, freed at once. */
#include "arena.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define ARENA_BLOCK 16384

struct arena_block {
	arena_block *next;
	size_t cap;
	_Alignas(16) unsigned char data[];
};

void arena_init(arena *a)
{
	a->head = NULL;
	a->cur = a->end = NULL;
	a->used = 0;
}

/* Blocks of the standard size are kept per thread between documents, so
 * that linting a batch does not go back to malloc (and through glibc's
 * consolidation of the previous document's chunks) for every file. Not
 * under AddressSanitizer: there a released block must stay poisoned. */
#if defined(__SANITIZE_ADDRESS__)
#define ARENA_CACHE_MAX 0
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define ARENA_CACHE_MAX 0
#endif
#endif
#ifndef ARENA_CACHE_MAX
#define ARENA_CACHE_MAX 128   /* 2 MiB per thread at most */
#endif

static __thread arena_block *cache;
static __thread size_t ncache;

void arena_release(arena *a)
{
	arena_block *b = a->head;
	while (b) {
		arena_block *next = b->next;
		if (b->cap == ARENA_BLOCK && ARENA_CACHE_MAX > 0 && ncache + 1 <= ARENA_CACHE_MAX) {
			b->next = cache;
			cache = b;
			ncache++;
		} else {
			free(b);
		}
		b = next;
	}
	a->head = NULL;
	a->cur = a->end = NULL;
	a->used = 0;
}

void arena_cache_drop(void)
{
	while (cache) {
		arena_block *next = cache->next;
		free(cache);
		cache = next;
	}
	ncache = 0;
}

/* No room in the head block for n (a multiple of 16): a new block. */
void *arena_alloc_slow(arena *a, size_t n)
{
	size_t cap = n > ARENA_BLOCK ? n : ARENA_BLOCK;
	arena_block *b;
	if (cap == ARENA_BLOCK && cache) {
		b = cache;
		cache = b->next;
		ncache--;
	} else if (!(b = malloc(sizeof *b + cap))) {
		fputs("jxlint: out of memory\n", stderr);
		abort();
	}
	b->cap = cap;
	a->used += n;
	if (a->head && cap > ARENA_BLOCK) {   /* a big one goes under the current block, which keeps its room */
		b->next = a->head->next;
		a->head->next = b;
		return b->data;
	}
	b->next = a->head;
	a->head = b;
	a->cur = b->data + n;
	a->end = b->data + cap;
	return b->data;
}

void *arena_alloc(arena *a, size_t n)
{
	void *p = arena_alloc_raw(a, n);
	memset(p, 0, n);
	return p;
}

char *arena_strndup(arena *a, const char *s, size_t n)
{
	char *p = arena_alloc_raw(a, n + 1);
	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

char *arena_strdup(arena *a, const char *s)
{
	return s ? arena_strndup(a, s, strlen(s)) : NULL;
}

/* Append n bytes of s at *len in buf (cap bytes, the last kept for the NUL): 0 when they do not fit. */
static int put(char *buf, size_t cap, size_t *len, const char *s, size_t n)
{
	if (n >= cap - *len)
		return 0;
	memcpy(buf + *len, s, n);
	*len += n;
	return 1;
}

int arena_format_simple(char *buf, size_t cap, const char *fmt, va_list ap)
{
	size_t len = 0;
	for (;;) {
		const char *pc = strchr(fmt, '%');
		if (!put(buf, cap, &len, fmt, pc ? (size_t)(pc - fmt) : strlen(fmt)))
			return -1;
		if (!pc)
			break;
		char num[24], *e = num + sizeof num, *d = e;
		const char *s;
		size_t n;
		if (pc[1] == 's') {
			if (!(s = va_arg(ap, const char *)))
				return -1;   /* vsnprintf's "(null)" is its own affair */
			n = strlen(s);
			fmt = pc + 2;
		} else if (pc[1] == 'd' || (pc[1] == 'z' && pc[2] == 'u')) {
			int neg = 0;
			unsigned long long u;
			if (pc[1] == 'd') {
				int v = va_arg(ap, int);
				neg = v < 0;
				u = neg ? 0ull - (unsigned long long)v : (unsigned long long)v;
				fmt = pc + 2;
			} else {
				u = va_arg(ap, size_t);
				fmt = pc + 3;
			}
			do
				*--d = (char)('0' + u % 10);
			while (u /= 10);
			if (neg)
				*--d = '-';
			s = d;
			n = (size_t)(e - d);
		} else if (pc[1] == '%') {
			s = "%";
			n = 1;
			fmt = pc + 2;
		} else {
			return -1;
		}
		if (!put(buf, cap, &len, s, n))
			return -1;
	}
	buf[len] = '\0';
	return (int)len;
}

char *arena_vprintf(arena *a, const char *fmt, va_list ap)
{
	char small[256];   /* most texts fit: formatted once, then copied */
	va_list ap2;
	va_copy(ap2, ap);
	int n = arena_format_simple(small, sizeof small, fmt, ap2);   /* most formats: "%s为 %s，…" */
	va_end(ap2);
	if (n >= 0)
		return arena_strndup(a, small, (size_t)n);
	va_copy(ap2, ap);
	n = vsnprintf(small, sizeof small, fmt, ap2);
	va_end(ap2);
	if (n < 0)
		return arena_strdup(a, "");
	if ((size_t)n < sizeof small)
		return arena_strndup(a, small, (size_t)n);
	char *p = arena_alloc_raw(a, (size_t)n + 1);
	vsnprintf(p, (size_t)n + 1, fmt, ap);
	return p;
}

char *arena_printf(arena *a, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	char *p = arena_vprintf(a, fmt, ap);
	va_end(ap);
	return p;
}
