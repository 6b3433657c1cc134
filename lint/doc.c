/* doc.c — the normalised submission: a tree of located values, its form and money unit, read-only to rules. */
#include "doc.h"

#include <fnmatch.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>


/* doc_get of a key of 65536 bytes or more, whose tag a shorter name may
 * have: compared with strcmp (apart, so that the usual scan makes no call). */
__attribute__((noinline)) static const jxl_node *get_long(const jxl_node *obj, const char *key, unsigned tag)
{
	for (size_t i = obj->nkids; i-- > 0;)
		if (obj->kids[i]->ktag == tag && !strcmp(obj->kids[i]->key, key))
			return obj->kids[i];
	return NULL;
}

const jxl_node *doc_get(const jxl_node *obj, const char *key)
{
	if (!obj || obj->kind != JXL_OBJECT || !key)
		return NULL;
	/* Last one wins, as in most JSON readers; duplicates are reported. */
	size_t len = strlen(key);
	unsigned tag = doc_key_tag(key, len);
	if (len > 0xFFFF)
		return get_long(obj, key, tag);
	for (size_t i = obj->nkids; i-- > 0;) {
		const jxl_node *k = obj->kids[i];   /* most names differ in length, first or last byte */
		/* equal tags: k's name is as long, or longer by a multiple of 65536 */
		if (k->ktag == tag && doc_same_bytes(k->key, key, len) && !k->key[len])
			return k;
	}
	return NULL;
}

static int money_mag_of(const char *u)
{
	if (!u)
		return -1;
	if (!strcmp(u, "元"))
		return 0;
	if (!strcmp(u, "千元"))
		return 3;
	if (!strcmp(u, "万元"))
		return 4;
	if (!strcmp(u, "亿元"))
		return 8;
	return -1;
}

void doc_init(jxl_doc *d, arena *a, jxl_node *root, const char *path, const jxl_doc *parent)
{
	memset(d, 0, sizeof *d);
	d->a = a;
	d->root = root;
	d->path = path;
	d->parent = parent;
	const jxl_node *f = doc_get(root, "form");
	if (f && f->kind == JXL_STRING)
		d->form = !strcmp(f->str, "project") ? 'p' : !strcmp(f->str, "department") ? 'd' : 0;
	else if (parent)
		d->form = 'p';
	const jxl_node *mu = doc_get(root, "money_unit");
	int mag = mu && mu->kind == JXL_STRING ? money_mag_of(mu->str) : -1;
	if (mag >= 0) {
		d->money_mag = mag;
		d->money_unit_stated = 1;
	} else if (parent) {
		d->money_mag = parent->money_mag;
		d->money_unit_stated = parent->money_unit_stated;
	}
}

/* One step of a path: a key, [N], or [field=value]. */
static const jxl_node *step_select(const jxl_node *arr, const char *sel, size_t len)
{
	if (!arr || arr->kind != JXL_ARRAY)
		return NULL;
	const char *eq = memchr(sel, '=', len);
	if (!eq) {
		size_t i = 0;
		for (size_t k = 0; k < len; k++) {
			if (sel[k] < '0' || sel[k] > '9' || i > 100000000)
				return NULL;
			i = i * 10 + (size_t)(sel[k] - '0');
		}
		return len && i < arr->nkids ? arr->kids[i] : NULL;
	}
	size_t flen = (size_t)(eq - sel);
	const char *val = eq + 1;
	size_t vlen = len - flen - 1;
	if (vlen >= 2 && (val[0] == '"' || val[0] == '\'') && val[vlen - 1] == val[0])
		val++, vlen -= 2;
	for (size_t i = 0; i < arr->nkids; i++) {
		const jxl_node *it = arr->kids[i];
		if (it->kind != JXL_OBJECT)
			continue;
		for (size_t k = it->nkids; k-- > 0;) {
			const jxl_node *m = it->kids[k];
			if (strlen(m->key) == flen && !memcmp(m->key, sel, flen)) {
				if (m->str && m->slen == vlen && !memcmp(m->str, val, vlen))
					return it;
				break;
			}
		}
	}
	return NULL;
}

const jxl_node *doc_path(const jxl_node *from, const char *path)
{
	const jxl_node *n = from;
	const char *p = path;
	char key[256];
	while (n && *p) {
		if (*p == '.') {
			p++;
			continue;
		}
		if (*p == '[') {
			const char *end = strchr(p, ']');
			if (!end)
				return NULL;
			n = step_select(n, p + 1, (size_t)(end - p - 1));
			p = end + 1;
			continue;
		}
		size_t len = strcspn(p, ".[");
		if (len >= sizeof key)
			return NULL;
		memcpy(key, p, len);
		key[len] = '\0';
		n = doc_get(n, key);
		p += len;
	}
	return n;
}

const jxl_node *doc_resolve(const jxl_node *root, const char *p)
{
	const jxl_node *n = root;
	while (n && *p == '/') {
		p++;
		size_t len = strcspn(p, "/");
		char key[4096];
		size_t k = 0;
		for (size_t i = 0; i < len && k + 1 < sizeof key; i++) {
			if (p[i] == '~' && i + 1 < len) {
				key[k++] = p[i + 1] == '1' ? '/' : '~';
				i++;
			} else {
				key[k++] = p[i];
			}
		}
		key[k] = '\0';
		if (n->kind == JXL_OBJECT) {
			n = doc_get(n, key);
		} else if (n->kind == JXL_ARRAY) {
			size_t idx = (size_t)strtoul(key, NULL, 10);
			n = idx < n->nkids ? n->kids[idx] : NULL;
		} else {
			n = NULL;
		}
		p += len;
	}
	return n;
}

const char *doc_pointer(arena *a, const jxl_node *n)
{
	/* room for the worst case (every byte of a name escaped, 11 for an
	 * index), then the pointer written backwards from its end in one pass */
	size_t cap = 1;
	for (const jxl_node *m = n; m && m->parent; m = m->parent)
		cap += 1 + (m->parent->kind == JXL_OBJECT ? 2 * strlen(m->key) : 11);
	char *buf = arena_alloc_raw(a, cap);
	size_t end = cap - 1;
	buf[end] = '\0';
	for (; n && n->parent; n = n->parent) {
		if (n->parent->kind == JXL_OBJECT) {
			for (const char *k = n->key + strlen(n->key); k-- > n->key;) {
				if (*k == '~' || *k == '/') {
					buf[--end] = *k == '~' ? '0' : '1';
					buf[--end] = '~';
				} else {
					buf[--end] = *k;
				}
			}
		} else {   /* the index in decimal (no snprintf: ~800 instructions a call) */
			unsigned v = n->index < 0 ? 0u - (unsigned)n->index : (unsigned)n->index;
			do
				buf[--end] = (char)('0' + v % 10);
			while (v /= 10);
			if (n->index < 0)
				buf[--end] = '-';
		}
		buf[--end] = '/';
	}
	return buf + end;
}

static const char *name_of(const jxl_node *obj)
{
	static const char *const keys[] = {"name", "category", "label"};
	for (size_t i = 0; i < 3; i++) {
		const jxl_node *k = doc_get(obj, keys[i]);
		if (k && k->kind == JXL_STRING && k->slen)
			return k->str;
	}
	return NULL;
}

/* What reviewers call the figures of the format (docs/submission.md). */
static const struct { const char *sec, *key, *zh, *en; } field_names[] = {
	{"budget", "initial", "年初预算数", "initial budget"},
	{"budget", "adjusted", "调整后预算数", "adjusted budget"},
	{"budget", "basic", "基本支出预算", "basic budget"},
	{"budget", "project", "项目支出预算", "project budget"},
	{"budget", "total", "预算总额", "budget total"},
	{"income", "carryover", "年初结转结余", "carry-over"},
	{"income", "appropriation", "本年财政拨款收入", "appropriation"},
	{"income", "other", "其他收入", "other income"},
	{"income", "total", "收入合计", "income total"},
	{"expenditure", "basic", "基本支出", "basic spending"},
	{"expenditure", "project", "项目支出", "project spending"},
	{"expenditure", "total", "支出合计", "spending total"},
	{"balance", "basic", "基本支出结转结余", "basic balance"},
	{"balance", "project", "项目支出结转结余", "project balance"},
	{"balance", "total", "年末结转结余", "year-end balance"},
	{"three_public", "budget", "三公经费预算", "三公 budget"},
	{"three_public", "actual", "三公经费支出", "三公 spending"},
	{"three_public", "last_year", "上年三公经费预算", "last year's 三公 budget"},
	{"procurement", "plan", "政府采购计划", "procurement plan"},
	{"procurement", "actual", "政府采购金额", "procurement actual"},
	{"rates", "execution", "预算执行率", "execution rate"},
	{"rates", "basic_execution", "基本支出执行率", "basic execution rate"},
	{"rates", "project_execution", "项目支出执行率", "project execution rate"},
	{"rates", "carryover", "结转结余率", "carry-over rate"},
	{"rates", "procurement", "政府采购执行率", "procurement execution rate"},
	{"rates", "three_public_control", "三公经费控制率", "三公 control rate"},
	{"rates", "three_public_change", "三公经费变动率", "三公 change rate"},
	{"rates", "staff_control", "在职人员控制率", "staff control rate"},
	{"rates", "budget_final_diff", "预决算差异率", "budget-vs-final difference"},
};

static int is_map(const jxl_node *obj)
{
	static const char *const maps[] = {"parts", "by_source", "by_level"};
	for (size_t i = 0; obj && obj->key && i < 3; i++)
		if (!strcmp(obj->key, maps[i]))
			return 1;
	return 0;
}

const char *doc_label(arena *a, const jxl_node *n, int zh)
{
	if (!n)
		return "";
	if (n->kind == JXL_OBJECT && name_of(n))
		return name_of(n);
	const jxl_node *obj = n->parent;
	if (n->key && obj && obj->key && obj->parent && obj->parent->kind == JXL_OBJECT) {
		for (size_t i = 0; i < sizeof field_names / sizeof *field_names; i++)   /* first bytes first: no call for most */
			if (obj->key[0] == field_names[i].sec[0] && n->key[0] == field_names[i].key[0] &&
			    !strcmp(obj->key, field_names[i].sec) && !strcmp(n->key, field_names[i].key))
				return zh ? field_names[i].zh : field_names[i].en;
	}
	if (is_map(obj))
		return n->key ? n->key : "";   /* a part listed without a name: just its figure */
	const char *nm = obj && obj->kind == JXL_OBJECT ? name_of(obj) : NULL;
	if (nm && n->key) {
		if (!strcmp(n->key, "score"))
			return nm;
		if (!strcmp(n->key, "max"))
			return arena_printf(a, zh ? "%s分值" : "%s max", nm);
		if (!strcmp(n->key, "quota"))
			return arena_printf(a, zh ? "%s编制数" : "%s quota", nm);
		if (!strcmp(n->key, "actual"))
			return arena_printf(a, zh ? "%s实有数" : "%s actual", nm);
		return arena_printf(a, "%s.%s", nm, n->key);
	}
	if (n->key && obj && obj->key && obj->parent && obj->parent->kind == JXL_OBJECT)
		return arena_printf(a, "%s.%s", obj->key, n->key);
	if (n->key)
		return n->key;
	if (obj && obj->key)
		return arena_printf(a, "%s[%d]", obj->key, n->index);
	return doc_pointer(a, n);
}

/* The patterns of one "$lint.disable" object, sorted by their literal
 * prefix (what comes before the first * ? or [), so that a rule id is
 * matched against only the patterns whose prefix it starts with. */
struct sup_index {
	struct sup_pat {
		const char *pat;
		size_t plen;         /* length of the literal prefix */
		int glob;
		const jxl_node *entry;
	} *v;
	size_t n;
};

static int by_prefix(const void *x, const void *y)
{
	const struct sup_pat *a = x, *b = y;
	size_t m = a->plen < b->plen ? a->plen : b->plen;
	int c = memcmp(a->pat, b->pat, m);
	if (c)
		return c;
	if (a->plen != b->plen)
		return a->plen < b->plen ? -1 : 1;
	return a->entry->index - b->entry->index;
}

struct sup_index *sup_index_build(arena *a, const jxl_node *dis)
{
	struct sup_index *ix = arena_alloc(a, sizeof *ix);
	ix->v = dis->nkids ? arena_alloc(a, dis->nkids * sizeof *ix->v) : NULL;
	for (size_t i = 0; i < dis->nkids; i++) {
		struct sup_pat *p = &ix->v[ix->n++];
		p->pat = dis->kids[i]->key;
		p->plen = strcspn(p->pat, "*?[\\");
		p->glob = p->pat[p->plen] != '\0';
		p->entry = dis->kids[i];
	}
	if (ix->n > 1)
		qsort(ix->v, ix->n, sizeof *ix->v, by_prefix);
	return ix;
}

/* The first pattern (in document order) of ix matching rule, or NULL. */
static const jxl_node *sup_match(const struct sup_index *ix, const char *rule)
{
	const jxl_node *best = NULL;
	size_t rlen = strlen(rule);
	for (size_t len = 0; len <= rlen; len++) {
		/* the patterns whose literal prefix is exactly rule[0..len) */
		size_t lo = 0, hi = ix->n;
		while (lo < hi) {
			size_t mid = (lo + hi) / 2;
			const struct sup_pat *p = &ix->v[mid];
			size_t m = p->plen < len ? p->plen : len;
			int c = memcmp(p->pat, rule, m);
			if (!c)
				c = p->plen < len ? -1 : p->plen > len ? 1 : 0;
			if (c < 0)
				lo = mid + 1;
			else
				hi = mid;
		}
		for (size_t k = lo; k < ix->n && ix->v[k].plen == len && !memcmp(ix->v[k].pat, rule, len); k++) {
			const struct sup_pat *p = &ix->v[k];
			int hit = p->glob ? !fnmatch(p->pat, rule, 0) : len == rlen;
			if (hit && (!best || p->entry->index < best->index))
				best = p->entry;
		}
	}
	return best;
}

const jxl_node *doc_disabled(const jxl_node *n, const char *rule)
{
	for (; n; n = n->parent) {
		const jxl_node *lint = doc_lint_member(n);
		if (!lint || lint->kind != JXL_OBJECT)
			continue;
		const jxl_node *dis = doc_get(lint, "disable");
		if (!dis || dis->kind != JXL_OBJECT || !dis->more || !dis->more->sup)
			continue;
		const jxl_node *hit = sup_match(dis->more->sup, rule);
		if (hit)
			return hit;
	}
	return NULL;
}
