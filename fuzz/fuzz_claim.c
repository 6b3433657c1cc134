/* fuzz_claim.c — libFuzzer target: a claim's text ("A/B×100%=C%") through claim_check, the interval evaluator. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"
#include "arena.h"
#include "diag.h"
#include "doc.h"
#include "host.h"
#include "rules.h"

static registry reg;

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc, (void)argv;
	if (registry_init(&reg))
		abort();
	static const jxl_rule_info r = {"fuzz/claim", JXL_SEV_ERROR, "算式", "claim"};
	char why[200];
	if (registry_add(&reg, &r, "fuzz", why, sizeof why))
		abort();
	return 0;
}

/* The first byte picks the document's money unit; the rest is the claim text. */
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const int mags[] = {0, 3, 4, 8};
	if (size == 0)
		return 0;
	int mag = mags[data[0] % 4];
	data++, size--;
	arena a;
	arena_init(&a);
	diag dg;
	diag_init(&dg, &a, "fuzz.json");
	check_env env = {.a = &a, .dg = &dg, .reg = &reg};
	jxl_doc d;
	memset(&d, 0, sizeof d);
	d.a = &a;
	d.money_mag = mag;
	d.money_unit_stated = 1;
	/* a string node as doc_build makes it: NUL-terminated, no NUL inside */
	jxl_node n;
	memset(&n, 0, sizeof n);
	n.kind = JXL_STRING;
	n.str = arena_strndup(&a, (const char *)data, size);
	n.slen = strlen(n.str);
	n.line = n.col = 1;
	d.root = &n;
	jxl_ctx ctx = {.env = &env, .doc = &d, .origin = "fuzz"};
	int rc = claim_check(&ctx, "fuzz/claim", &n);
	if (rc != JXL_HOLDS && rc != JXL_BROKEN && rc != JXL_SKIPPED)
		FUZZ_FAIL("claim_check returned an unknown verdict");
	if (rc == JXL_HOLDS && dg.n != 0)
		FUZZ_FAIL("\"holds\" but a finding was emitted");
	if (rc != JXL_HOLDS && dg.n == 0)
		FUZZ_FAIL("not checked or broken, yet no finding: a silent pass");
	for (size_t i = 0; i < dg.n; i++)
		if (!dg.v[i].msg_en || !dg.v[i].msg_zh)
			FUZZ_FAIL("a finding without its message");
	diag_release(&dg);
	arena_release(&a);
	return 0;
}
