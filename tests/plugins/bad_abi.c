/* bad_abi.c — a plugin built for a future ABI: jxlint must refuse it with a reason, not run it. */
#include <jxlint/rule.h>

static void check(jxl_ctx *ctx, const jxl_doc *doc) { (void)ctx; (void)doc; }

JXL_EXPORT int JXL_PLUGIN_ENTRY(const jxl_host *h, jxl_plugin *out, char *why, size_t n)
{
	(void)h; (void)why; (void)n;
	out->size = sizeof *out;
	out->abi_version = JXL_ABI_VERSION + 1;
	out->name = "bad";
	out->check = check;
	return 0;
}
