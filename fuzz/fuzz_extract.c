/* fuzz_extract.c — libFuzzer target: a narrative report (any encoding) → decode → extract_text → JSON that must load. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"
#include "arena.h"
#include "decode.h"
#include "doc.h"
#include "extract.h"
#include "jparse.h"

/* RFC 6901 pointer → node, as run.c resolves the extractor's positions. */
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	decode_result dr;
	char *text = fuzz_decoded_copy(data, size, &dr);   /* the extractor must respect the length */
	if (!text)
		return 0;
	extract_result ex;
	memset(&ex, 0, sizeof ex);
	char err[200] = "";
	if (extract_text(text, dr.len, &ex, err, sizeof err) == 0) {
		/* what it produced is JSON that the loader accepts, and every position names a value in it */
		if (!ex.json || ex.json[ex.len] != '\0')
			FUZZ_FAIL("extracted JSON not NUL-terminated");
		arena a;
		arena_init(&a);
		jparse_err je;
		jxl_node *root = jparse(&a, ex.json, ex.len, &je);
		if (!root)
			FUZZ_FAIL("extracted JSON refused by jparse");
		if (root->kind != JXL_OBJECT)
			FUZZ_FAIL("extracted JSON does not build a document object");
		for (size_t i = 0; i < ex.npos; i++) {
			if (!ex.pos[i].pointer || ex.pos[i].line < 1 || ex.pos[i].col < 1)
				FUZZ_FAIL("a position without pointer, line or column");
			if (!doc_resolve(root, ex.pos[i].pointer) && fuzz_strict())
				FUZZ_FAIL("a position whose pointer names no value (FUZZ_STRICT)");
		}
		arena_release(&a);
		extract_result_release(&ex);
	} else if (err[0] == '\0') {
		FUZZ_FAIL("extract_text refused without saying why");
	}
	free(text);
	free(dr.utf8);
	return 0;
}
