/* packrun.h — check one document against the rules of a pack: evaluate, place and word each finding, say why a rule was skipped. */
#ifndef JXL_PACKRUN_H
#define JXL_PACKRUN_H

#include "eval.h"
#include "host.h"
#include "pack.h"

/* Run every rule of p on d (when the pack applies to d). */
void packrun_doc(jxl_ctx *ctx, const pack *p, const jxl_doc *d, const eval_tol *tol);
/* Run one rule (for examples and tests). Returns the number of findings it emitted. */
size_t packrun_rule(jxl_ctx *ctx, const pack_rule *r, const jxl_doc *d, const eval_tol *tol);
/* Does p apply to d ("applies", when given)? */
int packrun_applies(jxl_ctx *ctx, const pack *p, const jxl_doc *d);

#endif
