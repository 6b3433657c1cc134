/* pack_rule.c — one rule of a pack: its id, severity, texts, lets, expressions and messages, checked as it is read; the expressions of a pack compiled with their errors located in the pack's text. */
#include "pack_int.h"

#include <cJSON.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- expressions in a pack ------------------------------------------------------------ */

static expr *compile(loader *L, const jxl_node *str, const char *src, size_t len, size_t base, const expr_names *names)
{
	expr_err err;
	expr *e = expr_parse(&L->p->a, src, len, &err);
	if (e && !expr_resolve(e, names, &err))
		return e;
	int line, col;
	pack_string_pos(L, str, base + err.off, &line, &col);
	pack_err_at(L, line, col, "%s", err.msg);
	return NULL;
}

expr *pack_want_expr(loader *L, const jxl_node *obj, const char *key, const char *what, int required,
		       const expr_names *names, const char **src)
{
	const jxl_node *n = pack_member(obj, key);
	*src = NULL;
	if (!n) {
		if (required)
			pack_err_at(L, obj->line, obj->col, "%s: \"%s\" is required", what, key);
		return NULL;
	}
	if (n->kind != JXL_STRING || !n->slen) {
		pack_err_at(L, n->line, n->col, "%s: \"%s\" must be an expression (text)", what, key);
		return NULL;
	}
	*src = arena_strdup(&L->p->a, n->str);
	return compile(L, n, n->str, n->slen, 0, names);
}

static pack_msg_part literal(loader *L, const char *lit, size_t ll)
{
	const char *t = arena_strndup(&L->p->a, lit, ll);
	return (pack_msg_part){.text = t, .len = strlen(t), .share = -1};   /* a \u0000 ends it */
}

/* "text {expr} text", with {{ and }} for literal braces. */
static void compile_msg(loader *L, const jxl_node *str, const char *what, pack_msg *m, const expr_names *names)
{
	const char *s = str->str;
	size_t n = str->slen;
	m->src = arena_strndup(&L->p->a, s, n);   /* every byte: share_placeholders compares placeholders in it */
	pack_msg_part parts[128];
	size_t np = 0;
	char lit[2048];
	size_t ll = 0;
	for (size_t i = 0; i < n;) {
		if (np >= 126) {
			pack_err_at(L, str->line, str->col, "%s: too many placeholders (at most 60)", what);
			return;
		}
		if ((s[i] == '{' && i + 1 < n && s[i + 1] == '{') || (s[i] == '}' && i + 1 < n && s[i + 1] == '}')) {
			if (ll < sizeof lit - 1)
				lit[ll++] = s[i];
			i += 2;
			continue;
		}
		if (s[i] == '}') {
			int line, col;
			pack_string_pos(L, str, i, &line, &col);
			pack_err_at(L, line, col, "%s: '}' without '{' (write }} for a brace)", what);
			return;
		}
		if (s[i] != '{') {
			if (ll < sizeof lit - 1)
				lit[ll++] = s[i];
			i++;
			continue;
		}
		const char *close = memchr(s + i + 1, '}', n - i - 1);
		if (!close) {
			int line, col;
			pack_string_pos(L, str, i, &line, &col);
			pack_err_at(L, line, col, "%s: '{' without '}' (write {{ for a brace)", what);
			return;
		}
		if (ll) {
			parts[np] = literal(L, lit, ll);
			np++;
			ll = 0;
		}
		size_t from = i + 1, len = (size_t)(close - s) - from;
		expr *e = compile(L, str, s + from, len, from, names);
		if (!e)
			return;
		parts[np++] = (pack_msg_part){.ph = e, .at = from, .len = len, .share = -1};
		i = (size_t)(close - s) + 1;
	}
	if (ll)
		parts[np++] = literal(L, lit, ll);
	m->n = np;
	m->parts = arena_alloc(&L->p->a, (np ? np : 1) * sizeof *parts);
	memcpy(m->parts, parts, np * sizeof *parts);
}

/* Give the placeholders written the same way more than once in the two
 * messages (compiled with the same names: the same expression) a slot each,
 * so that a finding evaluates them once (packrun.c, format_msg). */
static void share_placeholders(pack_rule *r)
{
	pack_msg *m[2] = {&r->msg_zh, &r->msg_en};
	int slots = 0;
	for (int a = 0; a < 2; a++)
		for (size_t i = 0; i < m[a]->n; i++) {
			pack_msg_part *p = &m[a]->parts[i];
			if (!p->ph)
				continue;
			for (int b = 0; b <= a && p->share < 0; b++)   /* an earlier one written the same way */
				for (size_t j = 0; j < (b == a ? i : m[b]->n); j++) {
					pack_msg_part *q = &m[b]->parts[j];
					if (!q->ph || q->len != p->len || memcmp(m[b]->src + q->at, m[a]->src + p->at, p->len))
						continue;
					if (q->share < 0 && slots < PACK_MSG_SHARED)
						q->share = slots++;
					p->share = q->share;
					break;
				}
		}
}

const char *pack_origin_shown(const char *origin)
{
	const char *d = origin ? strstr(origin, "/rules.d/") : NULL;
	return d && !strchr(d + 9, '/') ? d + 1 : origin;
}

static int valid_id(const char *id)
{
	if (!id || !*id || strlen(id) > 64)
		return 0;
	const char *slash = strchr(id, '/');
	if (!slash || slash == id || !slash[1] || strchr(slash + 1, '/'))
		return 0;
	for (const char *p = id; *p; p++)
		if (!((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') || *p == '-' || *p == '/' || *p == '_' || *p == '.'))
			return 0;
	return 1;
}

int pack_is_name(const char *s)
{
	if (!s || !*s || strlen(s) > 64)
		return 0;
	for (const char *p = s; *p; p++)
		if (!((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') || *p == '-'))
			return 0;
	return 1;
}

static int valid_let_name(const char *s)
{
	if (!s || !((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') || *s == '_') || strlen(s) > 40)
		return 0;
	for (const char *p = s; *p; p++)
		if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') || *p == '_'))
			return 0;
	static const char *const reserved[] = {"and", "or", "not", "all", "any", "none", "in", "where", "true",
					       "false", "null", "lhs", "rhs", "diff", NULL};
	for (size_t i = 0; reserved[i]; i++)
		if (!strcmp(s, reserved[i]))
			return 0;
	return !expr_fn_lookup(s, strlen(s));
}

/* Does e refer to let k (directly)? Collects the lets it uses into uses[]. */
static void let_uses(const expr *e, unsigned char *uses, size_t n)
{
	if (!e)
		return;
	if (e->kind == EX_PATH && e->root == ROOT_LET && (size_t)e->slot < n)
		uses[e->slot] = 1;
	let_uses(e->a, uses, n);
	let_uses(e->b, uses, n);
	for (size_t i = 0; i < e->nargs; i++)
		let_uses(e->args[i], uses, n);
	if (e->bind) {
		let_uses(e->bind->seq, uses, n);
		let_uses(e->bind->where, uses, n);
		let_uses(e->bind->body, uses, n);
	}
}

static int let_cycle(const pack_rule *r, size_t k, unsigned char *state)
{
	if (state[k] == 1)
		return 1;
	if (state[k] == 2)
		return 0;
	state[k] = 1;
	unsigned char uses[PACK_MAX_LETS] = {0};
	let_uses(r->lets[k], uses, r->nlets);
	for (size_t j = 0; j < r->nlets; j++)
		if (uses[j] && let_cycle(r, j, state))
			return 1;
	state[k] = 2;
	return 0;
}

/* ---- rules ------------------------------------------------------------------------------------- */

/* Does the rule have this example, a submission (an object)? Its line in *line. */
static int has_example(loader *L, const jxl_node *rule_node, const char *which, int *line)
{
	const jxl_node *ex = pack_member(rule_node, "example");
	const jxl_node *n = ex ? pack_member(ex, which) : NULL;
	if (!n)
		return 0;
	*line = n->line;
	if (n->kind != JXL_OBJECT) {
		pack_err_at(L, n->line, n->col, "rule example: \"%s\" is a submission (an object)", which);
		return 0;
	}
	return 1;
}

const char *pack_rule_example(const pack_rule *r, int ok)
{
	if (!r || !r->pack || !(ok ? r->has_ok : r->has_bad))
		return NULL;
	if (r->example_text[ok])
		return r->example_text[ok];
	pack *p = (pack *)r->pack;   /* the texts are the only part of a loaded pack made later */
	cJSON *cj = cJSON_ParseWithLength(p->src, p->srclen);
	const cJSON *rules = cJSON_GetObjectItemCaseSensitive(cj, "rules");
	const cJSON *e = cJSON_GetObjectItemCaseSensitive(
		cJSON_GetObjectItemCaseSensitive(cJSON_GetArrayItem(rules, (int)r->index), "example"), ok ? "ok" : "bad");
	char *txt = e ? cJSON_PrintUnformatted(e) : NULL;
	if (txt)
		((pack_rule *)r)->example_text[ok] = arena_strdup(&p->a, txt);
	cJSON_free(txt);
	cJSON_Delete(cj);
	return r->example_text[ok];
}

/* Is key a top-level key of the submission? shape_member's answer,
 * without its search for the closest key (a valid let name is none). */
static int is_top_key(const char *key)
{
	const shape *s = shape_root();
	for (size_t i = 0; i < s->nfields; i++)
		if (!strcmp(s->fields[i].key, key))
			return s->fields[i].sub != NULL;
	return 0;
}

void pack_build_rule(loader *L, const jxl_node *n, size_t index, pack_rule *r)
{
	const char *what = "rule";
	r->pack = L->p;
	r->index = index;
	r->line = n->line;
	r->col = n->col;
	if (n->kind != JXL_OBJECT) {
		pack_err_at(L, n->line, n->col, "a rule is an object with id, severity, message and assert");
		return;
	}
	static const char *const keys[] = {"id", "severity", "summary", "doc", "when", "let", "assert", "at",
					   "message", "example", "source", NULL};
	r->id = pack_want_string(L, n, "id", what, 1);
	char w[120];
	snprintf(w, sizeof w, "rule %s", r->id ? r->id : "(no id)");
	pack_check_keys(L, n, w, keys);
	if (r->id && !valid_id(r->id)) {
		const jxl_node *idn = pack_member(n, "id");
		pack_err_at(L, idn->line, idn->col, "%s: an id is family/name in lowercase a-z, 0-9, '-' (e.g. \"hunan/weights\")", w);
	}
	const char *sev = pack_want_string(L, n, "severity", w, 1);
	if (sev) {
		r->severity = !strcmp(sev, "error") ? JXL_SEV_ERROR : !strcmp(sev, "warning") ? JXL_SEV_WARNING
			    : !strcmp(sev, "info") ? JXL_SEV_INFO : 0;
		if (!r->severity) {
			const jxl_node *sn = pack_member(n, "severity");
			pack_err_at(L, sn->line, sn->col, "%s: severity is \"error\", \"warning\" or \"info\", not \"%s\"", w, sev);
		}
	}
	if (pack_member(n, "summary"))
		pack_want_zh_en(L, n, "summary", w, 0, &r->summary_zh, &r->summary_en, NULL, NULL);
	if (pack_member(n, "doc"))
		pack_want_zh_en(L, n, "doc", w, 0, &r->doc_zh, &r->doc_en, NULL, NULL);
	/* lets */
	const jxl_node *lets = pack_member(n, "let");
	if (lets && lets->kind != JXL_OBJECT) {
		pack_err_at(L, lets->line, lets->col, "%s: \"let\" is an object of named expressions {\"name\": \"expr\"}", w);
		lets = NULL;
	}
	if (lets && lets->nkids > PACK_MAX_LETS) {
		pack_err_at(L, lets->line, lets->col, "%s: more than %d named expressions", w, PACK_MAX_LETS);
		lets = NULL;
	}
	if (lets && lets->nkids) {
		r->nlets = lets->nkids;
		r->let_names = arena_alloc(&L->p->a, r->nlets * sizeof *r->let_names);
		r->let_src = arena_alloc(&L->p->a, r->nlets * sizeof *r->let_src);
		r->lets = arena_alloc(&L->p->a, r->nlets * sizeof *r->lets);
		for (size_t i = 0; i < r->nlets; i++) {
			const jxl_node *ln = lets->kids[i];
			r->let_names[i] = arena_strdup(&L->p->a, ln->key);
			if (!valid_let_name(ln->key))
				pack_err_at(L, ln->kline, ln->kcol, "%s: \"%s\" cannot name an expression (letters, digits, _; not a keyword, function or lhs/rhs/diff)",
				       w, ln->key);
			else if (is_top_key(ln->key))
				pack_err_at(L, ln->kline, ln->kcol, "%s: \"%s\" would hide the submission's key %s: choose another name", w,
				       ln->key, ln->key);
		}
		expr_names nm = {.lets = r->let_names, .nlets = r->nlets, .check_paths = 1};
		for (size_t i = 0; i < r->nlets; i++) {
			const jxl_node *ln = lets->kids[i];
			if (ln->kind != JXL_STRING || !ln->slen) {
				pack_err_at(L, ln->line, ln->col, "%s: let \"%s\" must be an expression (text)", w, ln->key);
				continue;
			}
			r->let_src[i] = arena_strdup(&L->p->a, ln->str);
			r->lets[i] = compile(L, ln, ln->str, ln->slen, 0, &nm);
		}
		if (!pack_failed(L)) {
			for (size_t i = 0; i < r->nlets; i++) {
				unsigned char state[PACK_MAX_LETS] = {0};
				if (let_cycle(r, i, state)) {
					pack_err_at(L, lets->kids[i]->kline, lets->kids[i]->kcol, "%s: let \"%s\" is defined in terms of itself",
					       w, r->let_names[i]);
					break;
				}
			}
		}
	}
	expr_names nm = {.lets = r->let_names, .nlets = r->nlets, .check_paths = 1};
	r->when = pack_want_expr(L, n, "when", w, 0, &nm, &r->when_src);
	r->assert = pack_want_expr(L, n, "assert", w, 1, &nm, &r->assert_src);
	/* the variables of a top-level all/none are in scope for "at" and the message */
	const char *vars[EXPR_MAX_VARS];
	const shape *shapes[EXPR_MAX_VARS];
	size_t nv = r->assert ? expr_top_vars(r->assert, vars, shapes, EXPR_MAX_VARS) : 0;
	if (nv > 1)
		nv = 1;   /* one finding per element of the outermost iteration */
	expr_names inner = nm;
	inner.vars = vars;
	inner.var_shapes = shapes;
	inner.nvars = nv;
	/* "at" and the message see the assertion's variables: when the assertion
	 * did not compile, they are not compiled either, so that one mistake is
	 * one error (not also "unknown name" for every placeholder) */
	if (r->assert)
		r->at = pack_want_expr(L, n, "at", w, 0, &inner, &r->at_src);
	const jxl_node *zh = NULL, *en = NULL;
	if (!pack_want_zh_en(L, n, "message", w, 1, &(const char *){NULL}, &(const char *){NULL}, &zh, &en) && r->assert) {
		expr_names ph = inner;
		ph.placeholders = 1;
		compile_msg(L, zh, "message.zh", &r->msg_zh, &ph);
		compile_msg(L, en, "message.en", &r->msg_en, &ph);
		share_placeholders(r);
	}
	if (!r->summary_en && r->msg_en.src)
		r->summary_en = r->msg_en.src;
	if (!r->summary_zh && r->msg_zh.src)
		r->summary_zh = r->msg_zh.src;
	const jxl_node *ex = pack_member(n, "example");
	if (ex) {
		static const char *const exkeys[] = {"bad", "ok", NULL};
		if (ex->kind != JXL_OBJECT)
			pack_err_at(L, ex->line, ex->col, "%s: \"example\" is {\"bad\": {…}, \"ok\": {…}}", w);
		else
			pack_check_keys(L, ex, "example", exkeys);
		r->has_bad = has_example(L, n, "bad", &r->ex_bad_line);
		r->has_ok = has_example(L, n, "ok", &r->ex_ok_line);
	}
}
