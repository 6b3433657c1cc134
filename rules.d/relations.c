/* relations.c — wholes and their parts (breakdowns) and arithmetic written in prose (claims). */
#include <jxlint/rule.h>

#include <stdio.h>
#include <string.h>

#include "member_name.h"


static const jxl_host *H;

static const jxl_rule_info rules[] = {
	{"breakdown/sum", JXL_SEV_ERROR, "分项之和超过总数，或（穷举时）不足总数",
	 "parts add up to more than the whole, or (when exhaustive) to less"},
	{"claim/arith", JXL_SEV_ERROR, "文中算式的结果与其数字不符",
	 "a formula written in the report does not give its stated result"},
};

#define RELATIONS_STACK_PARTS 32   /* parts a breakdown usually has: no host memory for them */

/* Room for n part pointers: `stack` when they fit, else from the host
 * (any n, so no breakdown is too large to check). */
static const jxl_node **parts_for(jxl_ctx *ctx, size_t n, const jxl_node **stack)
{
	if (n <= RELATIONS_STACK_PARTS)
		return stack;
	return JXL_HOST_HAS(H, scratch) ? H->scratch(ctx, n * sizeof(const jxl_node *)) : NULL;
}

/* breakdown/sum: Σ parts ≤ total (above: error); short of it: error when
 * the parts are declared exhaustive, nothing when they are declared a
 * selection ("partial": true, 其中/包括 naming only some), else a warning.
 * A breakdown that says both is read as exhaustive: the stricter reading. */
static void check_breakdown(jxl_ctx *ctx, const jxl_node *b)
{
	const jxl_node *stack[RELATIONS_STACK_PARTS], **parts;
	const jxl_node *p = NULL, *total = NULL, *nm = NULL, *exhaustive = NULL, *partial = NULL;
	const char *name;
	size_t i, n = 0, len = H->kind(b) == JXL_OBJECT ? H->len(b) : 0;
	int pk;
	jxl_sum s = {.size = sizeof s};

	for (i = 0; i < len; i++) {   /* its members in one walk (the last of a name wins, as with get) */
		const jxl_node *m = H->at(b, i);
		const char *k = H->key(m);
		switch (k[0]) {   /* the rest of the name, compared in place */
		case 'p':
			if (NAME5(k, 'a', 'r', 't', 's'))
				p = m;
			else if (name_rest(k, "artial"))
				partial = m;
			break;
		case 't': if (NAME5(k, 'o', 't', 'a', 'l')) total = m; break;
		case 'n': if (NAME4(k, 'a', 'm', 'e')) nm = m; break;
		case 'e': if (name_rest(k, "xhaustive")) exhaustive = m; break;
		}
	}
	pk = H->kind(p);
	if ((pk != JXL_OBJECT && pk != JXL_ARRAY) || H->kind(total) <= JXL_NULL)
		return;
	len = H->len(p);
	if (!(parts = parts_for(ctx, len, stack)))
		return;
	for (i = 0; i < len; i++) {
		const jxl_node *q = H->at(p, i);
		if (H->kind(q) > JXL_NULL)
			parts[n++] = q;
	}
	if (n == 0)
		return;
	name = H->str(nm);
	s.rule = "breakdown/sum";
	s.total = total;
	s.parts = parts;
	s.nparts = n;
	s.as = JXL_AS_ANY;
	s.what_zh = s.what_en = name && *name ? name : "总数";
	s.mode = JXL_SUM_LE;
	if (H->truthy(exhaustive))
		s.short_severity = JXL_SEV_ERROR;
	else if (H->truthy(partial))
		s.short_severity = 0; /* a selection: falling short is expected */
	else
		s.short_severity = JXL_SEV_WARNING;
	H->check_sum(ctx, &s);
}

static void check(jxl_ctx *ctx, const jxl_doc *doc)
{
	const jxl_node *root = H->root(doc);
	const jxl_node *bs = H->get(root, "breakdowns"), *cs = H->get(root, "claims");
	size_t i, n;

	if (H->kind(bs) == JXL_ARRAY)
		for (i = 0, n = H->len(bs); i < n; i++)
			check_breakdown(ctx, H->at(bs, i));
	if (H->kind(cs) == JXL_ARRAY)
		for (i = 0, n = H->len(cs); i < n; i++) {
			const jxl_node *text = H->get(H->at(cs, i), "text");
			if (H->kind(text) == JXL_STRING)
				H->check_claim(ctx, "claim/arith", text);
		}
}

JXL_PLUGIN_DEFINE(H, "relations", "1.0", rules, check)
