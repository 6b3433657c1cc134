/* jsonpool.h — JSON text to a located document, cJSON's nodes allocated in the document's arena. */
#ifndef JXL_JSONPOOL_H
#define JXL_JSONPOOL_H

#include <stddef.h>
#include <cJSON.h>

#include "arena.h"
#include "doc.h"
#include "jscan.h"

/* Scan text (positions, literals, readable errors), parse it with cJSON and
 * build the located tree, all of it in `a`: no malloc per value, nothing to
 * delete, the tree goes with the arena. The nodes' keys and strings are
 * cJSON's. On success returns the root (and the cJSON tree in *cj when cj is
 * not NULL; never pass it to cJSON_Delete). Returns NULL when the text is
 * not JSON: je is jscan's error, or, in the unexpected case that cJSON
 * refuses what jscan accepted, je->msg is "" and je->line:col is where cJSON
 * stopped. Elsewhere cJSON keeps using malloc and free. */
jxl_node *jsonpool_doc(arena *a, const char *text, size_t n, cJSON **cj, jscan_err *je);

#endif
