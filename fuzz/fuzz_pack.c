/* fuzz_pack.c — libFuzzer target: a declarative rule pack (JSON a repository may carry) → pack_parse, whole or refused; and config_glob. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"
#include "config.h"
#include "pack.h"
#include "rules.h"

static registry reg;

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc, (void)argv;
	if (registry_init(&reg))
		abort();
	return 0;
}

/* Input: a pack's JSON text; or, when it starts with "glob:", "glob:PATTERN<TAB>PATH" for the
 * .jxlint.json "ignore" matcher. */
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size >= 5 && !memcmp(data, "glob:", 5)) {
		if (fuzz_ignored("glob"))   /* exponential backtracking, reported */
			return 0;
		char buf[2 * 4096];
		size_t n = size - 5 < sizeof buf - 1 ? size - 5 : sizeof buf - 1;
		memcpy(buf, data + 5, n);
		buf[n] = '\0';
		char *tab = strchr(buf, '\t');
		if (tab) {
			*tab = '\0';
			(void)config_glob(buf, tab + 1);
		}
		return 0;
	}
	/* an exact-size copy without a NUL */
	char *text = malloc(size ? size : 1);
	memcpy(text, data, size);
	pack_errs errs;
	pack_errs_init(&errs);
	pack *p = pack_parse("fuzz.json", text, size, &reg, &errs);
	if (!p && errs.n == 0)
		FUZZ_FAIL("a pack refused without an error");
	if (p && errs.n != 0)
		FUZZ_FAIL("a pack accepted with errors (never a half-load)");
	for (size_t i = 0; i < errs.n; i++)
		if (errs.v[i].line < 0 || errs.v[i].col < 0 || !memchr(errs.v[i].msg, '\0', sizeof errs.v[i].msg) ||
		    errs.v[i].msg[0] == '\0')
			FUZZ_FAIL("a pack error without a location or message");
	if (p)
		pack_free(p);
	pack_errs_release(&errs);
	free(text);
	return 0;
}
