/* rules.c — the rule registry: core rules, plugin rules, severity overrides. */
#include "rules.h"

#include <fnmatch.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Rules the host emits itself: about the input, and the arithmetic services
 * (rates, claims) whose side findings are the host's to name. */
static const jxl_rule_info core_rules[] = {
	{"input/read", JXL_SEV_ERROR, "文件无法读取", "the file cannot be read"},
	{"input/config", JXL_SEV_ERROR, "文件的配置有错误，未检查", "the file's configuration was refused: not checked"},
	{"input/empty", JXL_SEV_ERROR, "文件为空", "the file is empty"},
	{"input/too-large", JXL_SEV_ERROR, "文件超过大小上限", "the file is larger than the limit"},
	{"input/encoding", JXL_SEV_ERROR, "编码无法识别或含非法字节", "undecodable bytes or unknown encoding"},
	{"input/json", JXL_SEV_ERROR, "JSON 格式错误", "malformed JSON"},
	{"input/not-object", JXL_SEV_ERROR, "顶层不是 JSON 对象", "the top level is not a JSON object"},
	{"input/type", JXL_SEV_ERROR, "字段类型错误", "a field has the wrong type"},
	{"input/unknown-key", JXL_SEV_INFO, "未知字段（可能拼写错误）", "unknown key (a typo?)"},
	{"input/duplicate-key", JXL_SEV_WARNING, "同一对象中字段重复", "the same key twice in one object"},
	{"input/figure", JXL_SEV_WARNING, "数字无法识别", "a figure that cannot be read"},
	{"input/unit", JXL_SEV_WARNING, "单位与字段不符", "a unit that does not fit the field"},
	{"input/nothing-read", JXL_SEV_INFO, "报告中没有读到可检查的数字", "a report in which nothing could be read to check"},
	{"input/money-unit", JXL_SEV_INFO, "未声明金额单位，按元处理", "no money_unit: amounts read as 元"},
	{"input/suppression", JXL_SEV_WARNING, "规则屏蔽未写理由或格式错误", "a suppression without a reason, or malformed"},
	{"input/unused-suppression", JXL_SEV_INFO, "规则屏蔽未屏蔽任何问题", "a suppression that silenced nothing"},
	{"rates/ratio-form", JXL_SEV_WARNING, "比率写成了小数而非百分数", "a rate written as a ratio where a percent is expected"},
	{"rates/truncated", JXL_SEV_WARNING, "比率末位差异可由截位解释", "a last-digit difference that truncation explains"},
	{"rates/not-checked", JXL_SEV_INFO, "比率缺少计算所需的数字，无法复核", "a stated rate whose figures are missing: not recomputed"},
	{"rates/zero-denominator", JXL_SEV_INFO, "分母为零，比率无定义", "the denominator is zero: the rate is undefined"},
	{"claim/percent-slip", JXL_SEV_WARNING, "算式中百分号或倍数写错", "a percent written as a ratio, or ×1% for ×100%"},
	{"claim/precedence", JXL_SEV_INFO, "算式缺少括号", "a formula that holds only with parentheses it lacks"},
	{"claim/unreadable", JXL_SEV_INFO, "算式无法解析", "a formula that cannot be read"},
	{"pack/skipped", JXL_SEV_INFO, "规则包的规则因缺少数字、除数为零等未执行", "a pack rule was not checked: a figure was missing, a division by zero, …"},
};

int registry_init(registry *r)
{
	memset(r, 0, sizeof *r);
	char why[200];
	for (size_t i = 0; i < sizeof core_rules / sizeof *core_rules; i++)
		if (registry_add(r, &core_rules[i], "core", why, sizeof why))
			return -1;
	return 0;
}

void registry_release(registry *r)
{
	plugin_unload_all(r);
	for (size_t i = 0; i < r->nrules; i++) {
		free((char *)r->rules[i].id);
		free((char *)r->rules[i].summary_zh);
		free((char *)r->rules[i].summary_en);
	}
	for (size_t i = 0; i < r->nov; i++)
		free(r->ov[i].pattern);
	free(r->ov);
	free(r->rules);
	free(r->slot);
	memset(r, 0, sizeof *r);
}

static int valid_id(const char *id)
{
	if (!id || !*id || strlen(id) > 64 || !strchr(id, '/'))
		return 0;
	for (const char *p = id; *p; p++)
		if (!((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') || *p == '-' || *p == '/' || *p == '_' || *p == '.'))
			return 0;
	return 1;
}

static char *dupz(const char *s)
{
	return strdup(s ? s : "");
}

static int index_rule(registry *r, size_t i);

int registry_add(registry *r, const jxl_rule_info *info, const char *origin, char *why, size_t n)
{
	if (!valid_id(info->id)) {
		snprintf(why, n, "malformed rule id '%.64s' (want family/name in [a-z0-9-])", info->id ? info->id : "(null)");
		return -1;
	}
	const rule_def *old = registry_find(r, info->id);
	if (old) {
		snprintf(why, n, "rule '%s' is already defined by %s", info->id, old->origin);
		return -1;
	}
	if (info->severity < JXL_SEV_INFO || info->severity > JXL_SEV_ERROR) {
		snprintf(why, n, "rule '%s' has no valid default severity", info->id);
		return -1;
	}
	if (r->nrules == r->cap) {
		size_t cap = r->cap ? r->cap * 2 : 64;
		rule_def *v = realloc(r->rules, cap * sizeof *v);
		if (!v) {
			snprintf(why, n, "out of memory");
			return -1;
		}
		r->rules = v;
		r->cap = cap;
	}
	rule_def *d = &r->rules[r->nrules++];
	d->id = dupz(info->id);
	d->severity = info->severity;
	d->summary_zh = dupz(info->summary_zh);
	d->summary_en = dupz(info->summary_en);
	d->origin = origin;
	if (index_rule(r, r->nrules - 1)) {
		snprintf(why, n, "out of memory");
		return -1;
	}
	return 0;
}

static size_t id_hash(const char *s)
{
	size_t h = 2166136261u;
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 16777619u;
	return h;
}

/* Put rule i in the index (growing it when half full). -1 on out of memory. */
static int index_rule(registry *r, size_t i)
{
	if (2 * (r->nrules + 1) > r->nslot) {
		size_t n = r->nslot ? 2 * r->nslot : 128;
		unsigned *s = calloc(n, sizeof *s);
		if (!s)
			return -1;
		free(r->slot);
		r->slot = s;
		r->nslot = n;
		for (size_t k = 0; k < r->nrules; k++)
			if (k != i)
				index_rule(r, k);
	}
	size_t m = r->nslot - 1, h = id_hash(r->rules[i].id) & m;
	while (r->slot[h])
		h = (h + 1) & m;
	r->slot[h] = (unsigned)i + 1;
	return 0;
}

void registry_truncate(registry *r, size_t n)
{
	while (r->nrules > n) {
		r->nrules--;
		free((char *)r->rules[r->nrules].id);
		free((char *)r->rules[r->nrules].summary_zh);
		free((char *)r->rules[r->nrules].summary_en);
	}
	if (r->slot)
		memset(r->slot, 0, r->nslot * sizeof *r->slot);
	for (size_t k = 0; k < r->nrules; k++)
		index_rule(r, k);
}

/* Called for every finding and every checked relation: hashed, not a scan. */
const rule_def *registry_find(const registry *r, const char *id)
{
	if (!r->nslot || !id)
		return NULL;
	size_t m = r->nslot - 1;
	for (size_t h = id_hash(id) & m; r->slot[h]; h = (h + 1) & m)
		if (!strcmp(r->rules[r->slot[h] - 1].id, id))
			return &r->rules[r->slot[h] - 1];
	return NULL;
}

int registry_override_severity(const registry *r, const char *id, int base)
{
	for (size_t i = 0; i < r->nov; i++)
		if (!strcmp(r->ov[i].pattern, id) || !fnmatch(r->ov[i].pattern, id, 0))
			base = r->ov[i].severity;
	return base;
}

int registry_severity(const registry *r, const char *id)
{
	const rule_def *d = registry_find(r, id);
	return registry_override_severity(r, id, d ? d->severity : JXL_SEV_ERROR);
}

const char *severity_name(int sev)
{
	switch (sev) {
	case JXL_SEV_ERROR: return "error";
	case JXL_SEV_WARNING: return "warning";
	case JXL_SEV_INFO: return "info";
	default: return "off";
	}
}

int severity_parse(const char *s)
{
	if (!strcmp(s, "error") || !strcmp(s, "2") || !strcmp(s, "3"))
		return JXL_SEV_ERROR;
	if (!strcmp(s, "warning") || !strcmp(s, "warn") || !strcmp(s, "1"))
		return JXL_SEV_WARNING;
	if (!strcmp(s, "info"))
		return JXL_SEV_INFO;
	if (!strcmp(s, "off") || !strcmp(s, "0"))
		return 0;
	return -1;
}

int registry_override(registry *r, const char *spec, char *why, size_t n)
{
	const char *eq = strrchr(spec, '=');
	if (!eq || eq == spec) {
		snprintf(why, n, "'%s': expected RULE=SEVERITY (error, warning, info or off)", spec);
		return -1;
	}
	int sev = severity_parse(eq + 1);
	if (sev < 0) {
		snprintf(why, n, "'%s': unknown severity '%s' (error, warning, info or off)", spec, eq + 1);
		return -1;
	}
	rule_override *v = realloc(r->ov, (r->nov + 1) * sizeof *v);
	if (!v) {
		snprintf(why, n, "out of memory");
		return -1;
	}
	r->ov = v;
	r->ov[r->nov].pattern = strndup(spec, (size_t)(eq - spec));
	r->ov[r->nov].severity = sev;
	r->nov++;
	return 0;
}

static int by_id(const void *a, const void *b)
{
	return strcmp((*(const rule_def *const *)a)->id, (*(const rule_def *const *)b)->id);
}

const rule_def **registry_sorted(const registry *r)
{
	const rule_def **v = malloc((r->nrules + 1) * sizeof *v);
	if (!v)
		return NULL;
	for (size_t i = 0; i < r->nrules; i++)
		v[i] = &r->rules[i];
	qsort(v, r->nrules, sizeof *v, by_id);
	v[r->nrules] = NULL;
	return v;
}
