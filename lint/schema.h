/* schema.h — the submission format's shape: unknown keys, wrong types, duplicate keys. */
#ifndef JXL_SCHEMA_H
#define JXL_SCHEMA_H

#include "host.h"

/* Check the whole file's tree against docs/submission.md. */
void schema_check(jxl_ctx *ctx, const jxl_node *root);

#endif
