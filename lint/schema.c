/* schema.c — the submission format's shape: unknown keys, wrong types, duplicate keys. */
#include "schema.h"
int shape_key_distance(const char *a, const char *b);   /* shape.c: the one key-distance measure */

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define SCHEMA_MAX_DEPTH 64   /* score trees deeper than this are reported, not walked */

enum ftype { F_ANY, F_STR, F_INT, F_FIG, F_BOOL, F_OBJ, F_ARR, F_FIGMAP, F_PARTS, F_TREE, F_SUB };

typedef struct shape shape;
typedef struct field {   /* 32 bytes: a field's place in its table is a shift away */
	const char *key;
	const shape *sub;       /* F_OBJ: its shape; F_ARR: the element's */
	unsigned tag;           /* doc_key_tag of key */
	unsigned len;           /* strlen(key) */
	unsigned quiet;         /* the kinds (bits 1 << enum jxl_kind) of a value with nothing to report or walk below it */
	enum ftype type;
} field;

#define QUIET(t) ((t) == F_STR ? 1u << JXL_STRING | 1u << JXL_NULL                    \
		  : (t) == F_FIG ? 1u << JXL_NUMBER | 1u << JXL_STRING | 1u << JXL_NULL \
		  : (t) == F_BOOL ? 1u << JXL_BOOL : (t) == F_ANY ? ~0u : 0u)

/* A field with its key's tag, folded by the compiler from the literal (a
 * key shorter than 3 bytes does not compile: named() reads 4 bytes). */
#define FLD(k, t, s) {.key = k, .type = t, .sub = s, .len = sizeof k - 1 + 0 * sizeof(char[sizeof k >= 4 ? 1 : -1]), .quiet = QUIET(t), \
			.tag = (unsigned)(sizeof k - 1) << 16 | (unsigned)(unsigned char)k[0] << 8 | (unsigned char)k[sizeof k - 2]}
struct shape {
	const char *name;
	const field *fields;
	size_t n;
};

#define SHAPE(nm, arr) {nm, arr, sizeof arr / sizeof *arr}

static const field f_staff[] = {FLD("category", F_STR, 0), FLD("name", F_STR, 0), FLD("quota", F_FIG, 0), FLD("actual", F_FIG, 0), FLD("total", F_BOOL, 0)};
static const field f_budget[] = {FLD("initial", F_FIG, 0), FLD("adjusted", F_FIG, 0), FLD("basic", F_FIG, 0), FLD("project", F_FIG, 0),
				 FLD("total", F_FIG, 0), FLD("by_source", F_FIGMAP, 0), FLD("by_level", F_FIGMAP, 0)};
static const field f_income[] = {FLD("carryover", F_FIG, 0), FLD("appropriation", F_FIG, 0), FLD("other", F_FIG, 0), FLD("total", F_FIG, 0)};
static const field f_bpt[] = {FLD("basic", F_FIG, 0), FLD("project", F_FIG, 0), FLD("total", F_FIG, 0)};
static const field f_three[] = {FLD("budget", F_FIG, 0), FLD("actual", F_FIG, 0), FLD("last_year", F_FIG, 0)};
static const field f_proc[] = {FLD("plan", F_FIG, 0), FLD("actual", F_FIG, 0)};
static const field f_rates[] = {FLD("execution", F_FIG, 0), FLD("basic_execution", F_FIG, 0), FLD("project_execution", F_FIG, 0),
				FLD("carryover", F_FIG, 0), FLD("procurement", F_FIG, 0), FLD("three_public_control", F_FIG, 0),
				FLD("three_public_change", F_FIG, 0), FLD("staff_control", F_FIG, 0), FLD("budget_final_diff", F_FIG, 0)};
static const field f_indicator[] = {FLD("level1", F_STR, 0), FLD("level2", F_STR, 0), FLD("level3", F_STR, 0), FLD("name", F_STR, 0),
				    FLD("target", F_FIG, 0), FLD("actual", F_FIG, 0), FLD("max", F_FIG, 0), FLD("score", F_FIG, 0),
				    FLD("kind", F_STR, 0), FLD("label", F_STR, 0), FLD("source", F_STR, 0)};
static const field f_breakdown[] = {FLD("name", F_STR, 0), FLD("total", F_FIG, 0), FLD("exhaustive", F_BOOL, 0), FLD("partial", F_BOOL, 0),
				    FLD("parts", F_PARTS, 0), FLD("label", F_STR, 0), FLD("source", F_STR, 0)};
static const field f_claim[] = {FLD("text", F_STR, 0), FLD("label", F_STR, 0), FLD("source", F_STR, 0)};
static const field f_lint[] = {FLD("disable", F_OBJ, 0)};
static const field f_score[] = {FLD("name", F_STR, 0), FLD("max", F_FIG, 0), FLD("score", F_FIG, 0), FLD("grade", F_STR, 0),
				FLD("kind", F_STR, 0), FLD("items", F_TREE, 0), FLD("label", F_STR, 0), FLD("source", F_STR, 0)};

static const shape s_staff = SHAPE("staffing[]", f_staff), s_budget = SHAPE("budget", f_budget),
		   s_income = SHAPE("income", f_income), s_bpt = SHAPE("expenditure/balance", f_bpt),
		   s_three = SHAPE("three_public", f_three), s_proc = SHAPE("procurement", f_proc),
		   s_rates = SHAPE("rates", f_rates), s_indicator = SHAPE("indicators[]", f_indicator),
		   s_breakdown = SHAPE("breakdowns[]", f_breakdown), s_claim = SHAPE("claims[]", f_claim),
		   s_lint = SHAPE("$lint", f_lint), s_score = SHAPE("scores", f_score);

static const field f_top[] = {
	FLD("form", F_STR, 0), FLD("unit", F_STR, 0), FLD("project", F_STR, 0), FLD("year", F_INT, 0), FLD("filed", F_STR, 0),
	FLD("money_unit", F_STR, 0), FLD("staffing", F_ARR, &s_staff), FLD("budget", F_OBJ, &s_budget),
	FLD("income", F_OBJ, &s_income), FLD("expenditure", F_OBJ, &s_bpt), FLD("balance", F_OBJ, &s_bpt),
	FLD("three_public", F_OBJ, &s_three), FLD("procurement", F_OBJ, &s_proc), FLD("rates", F_OBJ, &s_rates),
	FLD("scores", F_OBJ, &s_score), FLD("indicators", F_ARR, &s_indicator), FLD("breakdowns", F_ARR, &s_breakdown),
	FLD("claims", F_ARR, &s_claim), FLD("projects", F_SUB, 0), FLD("source", F_STR, 0),
};
static const shape s_top = SHAPE("submission", f_top);

static const char *closest(const shape *s, const char *key)
{
	const char *best = NULL;
	int bd = 3;
	for (size_t i = 0; i < s->n; i++) {
		int d = shape_key_distance(key, s->fields[i].key);
		if (d < bd || (strcasecmp(key, s->fields[i].key) == 0)) {
			bd = d;
			best = s->fields[i].key;
		}
	}
	return best;
}

/* Findings and the rarer cases of walk_member are functions apart, never
 * inlined: walk_member (and walk_value in it) then only ever ends in a call
 * and keeps no registers of its own (no saves on its way to the usual
 * object or array). */
#if defined(__GNUC__)
#define SCHEMA_APART static __attribute__((noinline))
#else
#define SCHEMA_APART static
#endif

SCHEMA_APART void type_error(jxl_ctx *ctx, const jxl_node *n, const char *want_zh, const char *want_en)
{
	arena *a = ctx->env->a;
	static const char *const kinds[] = {"nothing", "null", "true/false", "a number", "a string", "an array", "an object"};
	static const char *const kinds_zh[] = {"空", "null", "true/false", "数值", "字符串", "数组", "对象"};
	host_emit_core(ctx, n, 0, 0, "input/type", 0,
		       arena_printf(a, "“%s”应为%s，实为%s", doc_label(a, n, 1), want_zh, kinds_zh[n->kind]),
		       arena_printf(a, "\"%s\" should be %s, not %s", doc_label(a, n, 0), want_en, kinds[n->kind]));
	ctx->env->dg->unchecked++;
}

static int by_key(const void *x, const void *y)
{
	const jxl_node *a = *(const jxl_node *const *)x, *b = *(const jxl_node *const *)y;
	int c = strcmp(a->key, b->key);
	return c ? c : a->index - b->index;
}

static void check_duplicates(jxl_ctx *ctx, const jxl_node *obj)
{
	if (obj->nkids < 2)
		return;
	if (obj->nkids <= 16) {   /* the usual object: a pairwise look, no copy and no sort */
		int dup = 0;
		for (size_t i = 1; i < obj->nkids && !dup; i++)
			for (size_t j = 0; j < i && !dup; j++)
				dup = obj->kids[i]->ktag == obj->kids[j]->ktag && !strcmp(obj->kids[i]->key, obj->kids[j]->key);
		if (!dup)
			return;
	}
	const jxl_node **v = arena_alloc(ctx->env->a, obj->nkids * sizeof *v);
	memcpy(v, obj->kids, obj->nkids * sizeof *v);
	qsort(v, obj->nkids, sizeof *v, by_key);
	for (size_t i = 1; i < obj->nkids; i++) {
		if (strcmp(v[i]->key, v[i - 1]->key))
			continue;
		arena *a = ctx->env->a;
		finding *f = host_emit_core(ctx, v[i], 0, 0, "input/duplicate-key", 0,
			arena_printf(a, "字段“%s”重复出现（第 %d 行已有），以后者为准", v[i]->key, v[i - 1]->kline),
			arena_printf(a, "key \"%s\" appears again (first at line %d); the last one is used", v[i]->key, v[i - 1]->kline));
		if (f && v[i]->kline) {
			f->line = v[i]->kline;
			f->col = v[i]->kcol;
		}
	}
}

static void walk_obj(jxl_ctx *ctx, const jxl_node *obj, const shape *s, int depth);
static void walk_elems(jxl_ctx *ctx, const jxl_node *arr, const shape *s, int depth);

/* The rarer cases of walk_value, each apart (SCHEMA_APART). */
SCHEMA_APART void check_int(jxl_ctx *ctx, const jxl_node *n)
{
	if (n->kind != JXL_NUMBER || strpbrk(n->str, ".eE"))
		type_error(ctx, n, "整数", "a whole number");
}

/* The members of a map of figures (object) or a list of parts (array). */
SCHEMA_APART void walk_figures(jxl_ctx *ctx, const jxl_node *n)
{
	for (size_t i = 0; i < n->nkids; i++) {
		const jxl_node *k = n->kids[i];
		if (k->key && k->key[0] == '$')
			continue;
		if (k->kind != JXL_NUMBER && k->kind != JXL_STRING && k->kind != JXL_NULL)
			type_error(ctx, k, "数字（数值或字符串）", "a figure (a number or a string)");
	}
	if (n->kind == JXL_OBJECT)
		check_duplicates(ctx, n);
}

SCHEMA_APART void too_deep(jxl_ctx *ctx, const jxl_node *n)
{
	host_emit_core(ctx, n, 0, 0, "input/type", 0, "评分树层级过深，未检查", "score tree nested too deep; not checked");
	ctx->env->dg->unchecked++;
}

/* The elements of "projects": each a submission of its own. */
SCHEMA_APART void walk_projects(jxl_ctx *ctx, const jxl_node *n, int depth)
{
	for (size_t i = 0; i < n->nkids; i++) {
		if (n->kids[i]->kind != JXL_OBJECT)
			type_error(ctx, n->kids[i], "对象", "an object");
		else
			walk_obj(ctx, n->kids[i], &s_top, depth + 1);
	}
}

static void walk_value(jxl_ctx *ctx, const jxl_node *n, const field *fd, int depth)
{
	switch (fd->type) {
	case F_STR:
		if (n->kind != JXL_STRING && n->kind != JXL_NULL)
			type_error(ctx, n, "字符串", "a string");
		break;
	case F_INT:
		check_int(ctx, n);
		break;
	case F_BOOL:
		if (n->kind != JXL_BOOL)
			type_error(ctx, n, "true 或 false", "true or false");
		break;
	case F_FIG:
		if (n->kind != JXL_NUMBER && n->kind != JXL_STRING && n->kind != JXL_NULL)
			type_error(ctx, n, "数字（数值或字符串）", "a figure (a number or a string)");
		break;
	case F_OBJ:
		if (n->kind != JXL_OBJECT)
			type_error(ctx, n, "对象", "an object");
		else if (fd->sub)
			walk_obj(ctx, n, fd->sub, depth + 1);
		break;
	case F_ARR:
		if (n->kind != JXL_ARRAY) {
			type_error(ctx, n, "数组", "an array");
			break;
		}
		walk_elems(ctx, n, fd->sub, depth + 1);
		break;
	case F_FIGMAP:
	case F_PARTS:
		if (n->kind != JXL_OBJECT && !(fd->type == F_PARTS && n->kind == JXL_ARRAY)) {
			type_error(ctx, n, fd->type == F_PARTS ? "对象或数组" : "对象", fd->type == F_PARTS ? "an object or an array" : "an object");
			break;
		}
		walk_figures(ctx, n);
		break;
	case F_TREE:
		if (n->kind != JXL_ARRAY) {
			type_error(ctx, n, "数组", "an array");
			break;
		}
		if (depth > SCHEMA_MAX_DEPTH)
			too_deep(ctx, n);
		else
			walk_elems(ctx, n, &s_score, depth + 1);
		break;
	case F_SUB:
		if (n->kind != JXL_ARRAY) {
			type_error(ctx, n, "数组", "an array");
			break;
		}
		walk_projects(ctx, n, depth);
		break;
	case F_ANY:
		break;
	}
}

static void unknown_key(jxl_ctx *ctx, const jxl_node *k, const shape *s)
{
	arena *a = ctx->env->a;
	const char *near = closest(s, k->key);
	finding *f = host_emit_core(ctx, k, 0, 0, "input/unknown-key", 0,
		near ? arena_printf(a, "未知字段“%s”（在 %s 中）；是否应为“%s”？", k->key, s->name, near)
		     : arena_printf(a, "未知字段“%s”（在 %s 中），将被忽略", k->key, s->name),
		near ? arena_printf(a, "unknown key \"%s\" in %s; did you mean \"%s\"?", k->key, s->name, near)
		     : arena_printf(a, "unknown key \"%s\" in %s; it is ignored", k->key, s->name));
	if (f && k->kline) {
		f->line = k->kline;
		f->col = k->kcol;
	}
}

static void check_enum(jxl_ctx *ctx, const jxl_node *n, const char *const *allowed, const char *what)
{
	if (!n || n->kind != JXL_STRING)
		return;
	for (const char *const *p = allowed; *p; p++)
		if (!strcmp(n->str, *p))
			return;
	arena *a = ctx->env->a;
	host_emit_core(ctx, n, 0, 0, "input/type", JXL_SEV_WARNING,
		       arena_printf(a, "%s 的值“%s”无法识别", what, n->str),
		       arena_printf(a, "%s \"%s\" is not one of the known values", what, n->str));
}

/* Is member k named exactly f->key? The tag has told the length and the
 * first and last bytes apart: with equal tags, k's name holds at least
 * f->len bytes and then a NUL or more bytes (a name longer by a multiple of
 * 65536), so the f->len + 1 bytes with the NUL can be read and compared, in
 * two overlapping words (no field is shorter than 3 bytes: FLD). Each word
 * ends in its own return 0: GCC then branches on it where named() is
 * inlined, instead of making an int of the last comparison and testing it. */
#if defined(__GNUC__)
#define SCHEMA_INLINE static inline __attribute__((always_inline))
#else
#define SCHEMA_INLINE static inline
#endif
SCHEMA_INLINE int named(const jxl_node *k, const field *f)
{
	const char *a = k->key, *b = f->key;
	size_t n = f->len + 1;
	if (k->ktag != f->tag)
		return 0;
	if (n <= 8) {
		uint32_t x, y;
		memcpy(&x, a, 4);
		memcpy(&y, b, 4);
		if (x != y)
			return 0;
		memcpy(&x, a + n - 4, 4);
		memcpy(&y, b + n - 4, 4);
		if (x != y)
			return 0;
		return 1;
	}
	if (n <= 16) {
		uint64_t x, y;
		memcpy(&x, a, 8);
		memcpy(&y, b, 8);
		if (x != y)
			return 0;
		memcpy(&x, a + n - 8, 8);
		memcpy(&y, b + n - 8, 8);
		if (x != y)
			return 0;
		return 1;
	}
	return doc_same_bytes(a, b, n);
}

#define SCHEMA_FAST_KIDS 64   /* members one walk remembers; larger objects take the general walk */
#define BIT_COMMENT 30        /* field bits for "$comment" and "$lint" (no shape has 30 fields) */
#define BIT_LINT    31
_Static_assert(sizeof f_top / sizeof *f_top < BIT_COMMENT, "every shape's fields fit below the $-name bits");

/* A member of an object of shape s that names none of its fields. */
SCHEMA_APART void no_field(jxl_ctx *ctx, const jxl_node *k, const shape *s)
{
	if (s != &s_lint || strcmp(k->key, "disable"))
		unknown_key(ctx, k, s);
}

/* One member of obj (of shape s) whose field is fd (NULL: none). */
static void walk_member(jxl_ctx *ctx, const jxl_node *k, const field *fd, const shape *s, int depth)
{
	if (!fd) {
		no_field(ctx, k, s);
		return;
	}
	if (s == &s_lint) {
		if (k->kind != JXL_OBJECT)
			type_error(ctx, k, "对象", "an object");
		return;
	}
	walk_value(ctx, k, fd, depth);
}

static void walk_lint(jxl_ctx *ctx, const jxl_node *k, int depth)
{
	if (k->kind != JXL_OBJECT)
		type_error(ctx, k, "对象", "an object");
	else
		walk_obj(ctx, k, &s_lint, depth + 1);
}

/* An object of more than SCHEMA_FAST_KIDS members: each looked up in turn. */
static void walk_obj_general(jxl_ctx *ctx, const jxl_node *obj, const shape *s, int depth)
{
	check_duplicates(ctx, obj);
	for (size_t i = 0; i < obj->nkids; i++) {
		const jxl_node *k = obj->kids[i];
		const field *fd = NULL;
		if (k->key[0] == '$' && !strcmp(k->key, "$comment"))
			continue;
		if (k->key[0] == '$' && !strcmp(k->key, "$lint")) {
			walk_lint(ctx, k, depth);
			continue;
		}
		for (size_t j = 0; j < s->n && !fd; j++)
			if (s->fields[j].tag == k->ktag && !strcmp(s->fields[j].key, k->key))
				fd = &s->fields[j];
		walk_member(ctx, k, fd, s, depth);
	}
	if (s == &s_top) {
		static const char *const forms[] = {"department", "project", NULL};
		static const char *const units[] = {"元", "千元", "万元", "亿元", NULL};
		check_enum(ctx, doc_get(obj, "form"), forms, "form");
		check_enum(ctx, doc_get(obj, "money_unit"), units, "money_unit");
	}
}

enum { K_LINT = 0xFE, K_UNKNOWN = 0xFF };   /* in place of a field's place */

/* The object's members in one look: each member's field (searched from
 * after the last one found: keys mostly come in the order of the shape's
 * table); a duplicate is possible only when a field or $-name comes twice
 * or a member has no field, and then check_duplicates looks. Only the
 * members with something to report or to walk below them are visited
 * again, in order: the findings are the same, in the same order, as a
 * visit of every member would make. */

/* The fields of an object's members, position by position, for the next
 * element of the same array: its members mostly come in the same order. */
typedef struct layout {
	size_t n;                              /* members, or 0: nothing to reuse */
	const field *f[SCHEMA_FAST_KIDS];      /* each member's field */
} layout;

SCHEMA_INLINE void walk_obj_body(jxl_ctx *ctx, const jxl_node *obj, const shape *s, int depth, layout *lay)
{
	static const field comment = FLD("$comment", F_ANY, 0), lint = FLD("$lint", F_ANY, 0);
	struct { unsigned char i, f; } act[SCHEMA_FAST_KIDS];   /* members to visit again, and their fields */
	const field *const first = s->fields, *const end = s->fields + s->n;
	const field *hint = first;
	size_t n = obj->nkids, nact = 0;
	uint32_t seen = 0, again = 0;
	int odd = 0, dollar = 0;
	if (lay)
		lay->n = 0;
	if (n > SCHEMA_FAST_KIDS) {
		walk_obj_general(ctx, obj, s, depth);
		return;
	}
	for (size_t i = 0; i < n; i++) {
		const jxl_node *k = obj->kids[i];
		const field *f = hint;
		uint32_t bit;
		if (!named(k, f)) {   /* not the field after the last one: a $-name, or look round the table */
			if ((k->ktag >> 8 & 0xFF) == '$' && named(k, &comment)) {
				dollar = 1;   /* not a field: no layout */
				bit = (uint32_t)1 << BIT_COMMENT;
				again |= seen & bit;
				seen |= bit;
				continue;
			}
			if ((k->ktag >> 8 & 0xFF) == '$' && named(k, &lint)) {
				bit = (uint32_t)1 << BIT_LINT;
				again |= seen & bit;
				seen |= bit;
				act[nact].i = (unsigned char)i;
				act[nact++].f = K_LINT;
				dollar = 1;
				continue;
			}
			for (f = hint + 1 == end ? first : hint + 1; f != hint && !named(k, f); f = f + 1 == end ? first : f + 1)
				;
			if (f == hint) {
				act[nact].i = (unsigned char)i;
				act[nact++].f = K_UNKNOWN;
				odd = 1;
				continue;
			}
		}
		bit = (uint32_t)1 << (f - first);
		again |= seen & bit;
		seen |= bit;
		hint = f + 1 == end ? first : f + 1;
		if (lay)
			lay->f[i] = f;
		if (!(f->quiet >> k->kind & 1)) {
			act[nact].i = (unsigned char)i;
			act[nact++].f = (unsigned char)(f - first);
		}
	}
	if (odd || again)
		check_duplicates(ctx, obj);
	if (lay && !odd && !dollar && !again)
		lay->n = n;
	for (size_t a = 0; a < nact; a++) {
		const jxl_node *k = obj->kids[act[a].i];
		if (act[a].f == K_LINT)
			walk_lint(ctx, k, depth);
		else
			walk_member(ctx, k, act[a].f == K_UNKNOWN ? NULL : &first[act[a].f], s, depth);
	}
	if (s == &s_top) {
		static const char *const forms[] = {"department", "project", NULL};
		static const char *const units[] = {"元", "千元", "万元", "亿元", NULL};
		check_enum(ctx, doc_get(obj, "form"), forms, "form");
		check_enum(ctx, doc_get(obj, "money_unit"), units, "money_unit");
	}
}

static void walk_obj(jxl_ctx *ctx, const jxl_node *obj, const shape *s, int depth)
{
	walk_obj_body(ctx, obj, s, depth, NULL);
}

/* walk_obj_body of an object whose members are named as lay says, one by
 * one, with neither $-names nor duplicates: 1, or 0 when they are not
 * (nothing done). */
SCHEMA_INLINE int walk_same(jxl_ctx *ctx, const jxl_node *obj, const shape *s, int depth, const layout *lay)
{
	unsigned char act[SCHEMA_FAST_KIDS];   /* members to visit again */
	size_t n = obj->nkids, nact = 0;
	if (n != lay->n)
		return 0;
	for (size_t i = 0; i < n; i++) {
		const jxl_node *k = obj->kids[i];
		const field *f = lay->f[i];
		if (!named(k, f))
			return 0;
		if (!(f->quiet >> k->kind & 1))
			act[nact++] = (unsigned char)i;
	}
	for (size_t a = 0; a < nact; a++)
		walk_member(ctx, obj->kids[act[a]], lay->f[act[a]], s, depth);
	return 1;
}

/* The objects of an array of shape s (its other elements are reported):
 * one call for them all. */
static void walk_elems(jxl_ctx *ctx, const jxl_node *arr, const shape *s, int depth)
{
	layout lay;
	lay.n = 0;
	for (size_t i = 0; i < arr->nkids; i++) {
		const jxl_node *el = arr->kids[i];
		if (el->kind != JXL_OBJECT)
			type_error(ctx, el, "对象", "an object");
		else if (!lay.n || !walk_same(ctx, el, s, depth, &lay))
			walk_obj_body(ctx, el, s, depth, &lay);
	}
}

void schema_check(jxl_ctx *ctx, const jxl_node *root)
{
	walk_obj(ctx, root, &s_top, 0);
}
