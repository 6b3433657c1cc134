/* jsonpool.c — JSON text to a located document, cJSON's nodes allocated in the document's arena. */
#include "jsonpool.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

/* The arena of the parse this thread is running, if any. cJSON's hooks are
 * process-wide; this pointer is what makes them per parse. */
static __thread arena *pool;

static void *pool_malloc(size_t n)
{
	return pool ? arena_alloc_raw(pool, n) : malloc(n);
}

static void pool_free(void *p)
{
	if (!pool)   /* during a pooled parse cJSON frees only what it dropped on an error: the arena owns it */
		free(p);
}

static pthread_once_t hooks_once = PTHREAD_ONCE_INIT;

static void install_hooks(void)
{
	cJSON_Hooks h = {.malloc_fn = pool_malloc, .free_fn = pool_free};
	cJSON_InitHooks(&h);
}

jxl_node *jsonpool_doc(arena *a, const char *text, size_t n, cJSON **cj_out, jscan_err *je)
{
	jscan_pos *pos = NULL;
	size_t npos = 0;
	if (cj_out)
		*cj_out = NULL;
	if (jscan(text, n, &pos, &npos, je))
		return NULL;
	pthread_once(&hooks_once, install_hooks);
	const char *end = NULL;
	pool = a;
	cJSON *cj = cJSON_ParseWithLengthOpts(text, n, &end, 0);
	pool = NULL;
	jxl_node *root = cj ? doc_build(a, cj, text, pos, npos) : NULL;
	free(pos);
	if (!root) {
		memset(je, 0, sizeof *je);
		je->line = je->col = 1;
		if (end && end >= text && end <= text + n) {
			je->off = (size_t)(end - text);
			jscan_linecol(text, n, je->off, &je->line, &je->col);
		}
		return NULL;
	}
	if (cj_out)
		*cj_out = cj;
	return root;
}
