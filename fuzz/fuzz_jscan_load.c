/* fuzz_jscan_load.c — libFuzzer target: bytes → decode → jscan → cJSON → doc_build → doc_init, as run.c loads a file. */
#include <cJSON.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"
#include "arena.h"
#include "decode.h"
#include "doc.h"
#include "jscan.h"

static void walk(arena *a, const jxl_node *n, const char *text, size_t tlen, int depth)
{
	if (depth > JSCAN_MAX_DEPTH + 1 || n->line < 1 || n->col < 1)
		FUZZ_FAIL("a node deeper than the limit, or without line/column");
	(void)doc_pointer(a, n);
	(void)doc_label(a, n, depth & 1);
	(void)doc_disabled(n, "funds/income-total");
	if (n->kind == JXL_NUMBER && (!n->str || n->slen == 0))
		FUZZ_FAIL("a number node without its literal");
	for (size_t i = 0; i < n->nkids; i++) {
		if (n->kids[i]->parent != n || (n->kind == JXL_OBJECT && !n->kids[i]->key))
			FUZZ_FAIL("a child whose parent or key is wrong");
		walk(a, n->kids[i], text, tlen, depth + 1);
	}
}

/* A \uD800-\uDFFF escape: jscan accepts it, cJSON refuses an unpaired one. */
static int has_surrogate_escape(const char *s, size_t n)
{
	for (size_t i = 0; i + 3 < n; i++)
		if (s[i] == '\\' && s[i + 1] == 'u' && (s[i + 2] == 'd' || s[i + 2] == 'D') && strchr("89abcdefABCDEF", s[i + 3]))
			return 1;
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	decode_result dr;
	decode_err de;
	if (size == 0 || decode_bytes(data, size, NULL, &dr, &de))
		return 0;
	/* an exact-size copy without the NUL: jscan must respect the length */
	char *text = malloc(dr.len ? dr.len : 1);
	memcpy(text, dr.utf8, dr.len);
	size_t tlen = dr.len;
	jscan_pos *pos = NULL;
	size_t npos = 0;
	jscan_err je;
	memset(&je, 0, sizeof je);
	if (jscan(text, tlen, &pos, &npos, &je)) {
		if (je.off > tlen || je.line < 1 || je.col < 1 || je.msg[0] == '\0')
			FUZZ_FAIL("jscan error outside the text, or without line/column/message");
		if (je.msg_zh[0] == '\0' || !memchr(je.msg_zh, '\0', sizeof je.msg_zh) ||
		    utf8_valid_prefix((const unsigned char *)je.msg_zh, strlen(je.msg_zh)) != strlen(je.msg_zh))
			FUZZ_FAIL("jscan error without a Chinese message, or one that is not UTF-8");
	} else {
		for (size_t i = 0; i < npos; i++)
			if (pos[i].off + pos[i].len > tlen || pos[i].line < 1 || pos[i].col < 1 || pos[i].len == 0)
				FUZZ_FAIL("a value position outside the text");
		/* cJSON gets the NUL-terminated copy, as in run.c */
		const char *end = NULL;
		cJSON *cj = cJSON_ParseWithLengthOpts(dr.utf8, dr.len, &end, 0);
		if (cj) {
			arena a;
			arena_init(&a);
			jxl_node *root = doc_build(&a, cj, dr.utf8, pos, npos);
			if (!root)   /* jscan and cJSON agree the text is JSON but disagree on its values: a bug */
				FUZZ_FAIL("jscan and cJSON accept the text but doc_build refuses it");
			jxl_doc d, sub;
			doc_init(&d, &a, root, "fuzz.json", NULL);
			const jxl_node *projects = doc_get(root, "projects");
			for (size_t i = 0; projects && i < projects->nkids; i++)
				if (projects->kids[i]->kind == JXL_OBJECT)
					doc_init(&sub, &a, projects->kids[i], "fuzz.json", &d);
			(void)doc_path(root, "scores.items[0].score");
			(void)doc_path(root, "staffing[category=行政编制].quota");
			walk(&a, root, dr.utf8, dr.len, 0);
			arena_release(&a);
			cJSON_Delete(cj);
		} else if (fuzz_strict() && !(fuzz_ignored("surrogate") && has_surrogate_escape(dr.utf8, dr.len))) {
			FUZZ_FAIL("jscan accepted what cJSON refuses (FUZZ_STRICT)");
		}
	}
	free(pos);
	free(text);
	free(dr.utf8);
	return 0;
}
