/* fuzz_parse.c — libFuzzer target: bytes → decode → jparse → doc_init, as run.c loads a file, with cJSON as the oracle. */
#include <cJSON.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"
#include "arena.h"
#include "decode.h"
#include "doc.h"
#include "jparse.h"

static void walk(arena *a, const jxl_node *n, int depth)
{
	if (depth > JPARSE_MAX_DEPTH + 1 || n->line < 1 || n->col < 1)
		FUZZ_FAIL("a node deeper than the limit, or without line/column");
	(void)doc_pointer(a, n);
	(void)doc_label(a, n, depth & 1);
	(void)doc_disabled(n, "funds/income-total");
	if (n->kind == JXL_NUMBER && (!n->str || n->slen == 0))
		FUZZ_FAIL("a number node without its literal");
	for (size_t i = 0; i < n->nkids; i++) {
		if (n->kids[i]->parent != n || n->kids[i]->index != (int)i || (n->kind == JXL_OBJECT && !n->kids[i]->key))
			FUZZ_FAIL("a child whose parent, index or key is wrong");
		walk(a, n->kids[i], depth + 1);
	}
}

/* The tree jparse built is the one cJSON reads from the same text: the
 * same kinds, member names, strings, truth values and numbers. */
static void same_tree(const jxl_node *n, const cJSON *c, int depth)
{
	if (depth > JPARSE_MAX_DEPTH + 1)
		FUZZ_FAIL("deeper than the limit");
	if (n->key && (!c->string || strcmp(n->key, c->string)))
		FUZZ_FAIL("a member name that differs from cJSON's");
	switch (n->kind) {
	case JXL_OBJECT:
	case JXL_ARRAY: {
		if (n->kind == JXL_OBJECT ? !cJSON_IsObject(c) : !cJSON_IsArray(c))
			FUZZ_FAIL("a container of another kind than cJSON's");
		size_t k = 0;
		for (const cJSON *ch = c->child; ch; ch = ch->next, k++) {
			if (k >= n->nkids)
				FUZZ_FAIL("fewer members or items than cJSON finds");
			same_tree(n->kids[k], ch, depth + 1);
		}
		if (k != n->nkids)
			FUZZ_FAIL("more members or items than cJSON finds");
		break;
	}
	case JXL_STRING:
		if (!cJSON_IsString(c) || strcmp(n->str, c->valuestring) || n->slen != strlen(n->str))
			FUZZ_FAIL("a string that differs from cJSON's");
		break;
	case JXL_NUMBER: {
		double d = strtod(n->str, NULL);
		if (!cJSON_IsNumber(c) || (d != c->valuedouble && !(isnan(d) && isnan(c->valuedouble))))
			FUZZ_FAIL("a number whose literal is not cJSON's value");
		break;
	}
	case JXL_BOOL:
		if (!cJSON_IsBool(c) || n->bval != cJSON_IsTrue(c))
			FUZZ_FAIL("a truth value that differs from cJSON's");
		break;
	case JXL_NULL:
		if (!cJSON_IsNull(c))
			FUZZ_FAIL("a null that cJSON reads as something else");
		break;
	default:
		FUZZ_FAIL("a node of no kind");
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	decode_result dr;
	char *text = fuzz_decoded_copy(data, size, &dr);   /* jparse must respect the length */
	if (!text)
		return 0;
	size_t tlen = dr.len;
	arena a;
	arena_init(&a);
	jparse_err je;
	jxl_node *root = jparse(&a, text, tlen, &je);
	if (!root) {
		if (je.off > tlen || je.line < 1 || je.col < 1 || je.msg[0] == '\0')
			FUZZ_FAIL("jparse error outside the text, or without line/column/message");
		if (je.msg_zh[0] == '\0' || !memchr(je.msg_zh, '\0', sizeof je.msg_zh) ||
		    utf8_valid_prefix((const unsigned char *)je.msg_zh, strlen(je.msg_zh)) != strlen(je.msg_zh))
			FUZZ_FAIL("jparse error without a Chinese message, or one that is not UTF-8");
	} else {
		jxl_doc d, sub;
		doc_init(&d, &a, root, "fuzz.json", NULL);
		const jxl_node *projects = doc_get(root, "projects");
		for (size_t i = 0; projects && i < projects->nkids; i++)
			if (projects->kids[i]->kind == JXL_OBJECT)
				doc_init(&sub, &a, projects->kids[i], "fuzz.json", &d);
		(void)doc_path(root, "scores.items[0].score");
		(void)doc_path(root, "staffing[category=行政编制].quota");
		walk(&a, root, 0);
		/* cJSON gets the NUL-terminated copy; it must accept what jparse accepts, and read the same */
		cJSON *cj = cJSON_ParseWithLengthOpts(dr.utf8, dr.len, NULL, 0);
		if (cj)
			same_tree(root, cj, 0);
		else if (fuzz_strict())
			FUZZ_FAIL("jparse accepted what cJSON refuses (FUZZ_STRICT)");
		cJSON_Delete(cj);
	}
	arena_release(&a);
	free(text);
	free(dr.utf8);
	return 0;
}
