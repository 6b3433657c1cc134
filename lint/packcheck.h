/* packcheck.h — `jxlint rules check`: what loading cannot see in a pack — weights that do not add up, examples that do not behave, duplicate, redundant and contradictory rules. */
#ifndef JXL_PACKCHECK_H
#define JXL_PACKCHECK_H

#include "diag.h"
#include "pack.h"

/* A problem found in a pack. */
typedef struct packcheck_note {
	const char *file;
	int line, col;
	int severity;              /* JXL_SEV_ERROR or JXL_SEV_WARNING */
	char msg[400];
} packcheck_note;

typedef struct packcheck {
	packcheck_note *v;
	size_t n, cap;
	size_t errors, warnings;
} packcheck;

void packcheck_init(packcheck *c);
void packcheck_release(packcheck *c);
/* Check one loaded (and registered) pack; `others` are the packs checked with it. */
void packcheck_pack(packcheck *c, const registry *reg, const pack *p, pack *const *others, size_t nothers);

/* Lint the JSON text `json` with rule r alone (for examples and --explain).
 * Findings go to dg (in arena a). Returns -1 when the text is not a JSON object. */
int packcheck_example(const registry *reg, const pack_rule *r, const char *json, arena *a, diag *dg);

#endif
