/* sample.c — an external rule plugin, built apart from jxlint, to prove the ABI: flags a unit name containing "测试". */
#include <string.h>

#include <jxlint/rule.h>

static const jxl_host *host;

static const jxl_rule_info rules[] = {
	{"sample/test-unit", JXL_SEV_WARNING, "单位名称含“测试”", "the unit name contains 测试"},
};

static void check(jxl_ctx *ctx, const jxl_doc *doc)
{
	const jxl_node *unit = host->get(host->root(doc), "unit");
	const char *s = host->str(unit);
	if (!s || !strstr(s, "测试"))
		return;
	jxl_finding f = {.size = sizeof f, .rule = "sample/test-unit", .node = unit,
			 .msg_zh = host->fmt(ctx, "单位名称“%s”含“测试”", s),
			 .msg_en = host->fmt(ctx, "the unit name \"%s\" contains 测试", s)};
	host->emit(ctx, &f);
}

JXL_EXPORT int JXL_PLUGIN_ENTRY(const jxl_host *h, jxl_plugin *out, char *why, size_t n)
{
	if (h->abi_version != JXL_ABI_VERSION || h->size < sizeof(jxl_host)) {
		strncpy(why, "needs jxlint plugin ABI 1", n);
		return -1;
	}
	host = h;
	out->size = sizeof *out;
	out->abi_version = JXL_ABI_VERSION;
	out->name = "sample";
	out->version = "1.0";
	out->rules = rules;
	out->nrules = 1;
	out->check = check;
	return 0;
}
