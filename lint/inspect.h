/* inspect.h — what jxlint can tell about its own rules and configuration: --list-rules, --explain, --print-config, rules check; and loading packs and configuration for a run. */
#ifndef JXL_INSPECT_H
#define JXL_INSPECT_H

#include "config.h"
#include "opts.h"
#include "pack.h"
#include "rules.h"

/* Load the install's packs, --pack and --config; hook the configuration
 * into the registry. Errors (located) go to stderr. Returns 0 or 2. */
int inspect_setup(registry *reg, pack_set *ps, config_set *cs, const opts *o, const char *rules_dir);
/* Print located pack or configuration errors to stderr as "jxlint: FILE:LINE:COL: message". Returns 2. */
int inspect_errors(const pack_errs *e);

void inspect_list_rules(const registry *reg, const pack_set *ps, const config_set *cs, const opts *o);
int inspect_explain(const registry *reg, const pack_set *ps, const opts *o);
int inspect_print_config(const registry *reg, config_set *cs, const opts *o);
/* jxlint rules check [PACK...]: 0 all well, 1 problems found, 2 usage error. */
int inspect_check_packs(registry *reg, const opts *o, const char *rules_dir);

#endif
