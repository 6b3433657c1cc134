/* pack.c — declarative rule packs (JSON files in rules.d): load, validate whole or refuse with located errors, register their rules. */
#include "jparse.h"
#include "pack.h"

#include <cJSON.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "doc.h"

/* ---- errors ---------------------------------------------------------------------- */

void pack_errs_init(pack_errs *e)
{
	memset(e, 0, sizeof *e);
	arena_init(&e->a);
}

void pack_errs_release(pack_errs *e)
{
	arena_release(&e->a);
	memset(e, 0, sizeof *e);
}

void pack_errs_add(pack_errs *e, const char *file, int line, int col, const char *fmt, ...)
{
	if (e->n == PACK_MAX_ERRORS) {
		e->dropped++;
		return;
	}
	pack_err *x = &e->v[e->n++];
	x->file = arena_strdup(&e->a, file ? file : "?");
	x->line = line;
	x->col = col;
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(x->msg, sizeof x->msg, fmt, ap);
	va_end(ap);
}

/* ---- loading state ---------------------------------------------------------------------- */

typedef struct loader {
	pack *p;
	const char *path;
	const char *text;
	size_t n;
	pack_errs *errs;
	size_t errs_at_start;
	const registry *reg;
} loader;

static void err_at(loader *L, int line, int col, const char *fmt, ...) __attribute__((format(printf, 4, 5)));
static void err_at(loader *L, int line, int col, const char *fmt, ...)
{
	char msg[300];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	pack_errs_add(L->errs, L->path, line, col, "%s", msg);
}

static int failed(const loader *L)
{
	return L->errs->n + L->errs->dropped > L->errs_at_start;
}

/* Byte offset of line:col (col in code points) in the text. */
static size_t offset_at(const char *s, size_t n, int line, int col)
{
	size_t i = 0;
	for (int l = 1; l < line && i < n; i++)
		if (s[i] == '\n')
			l++;
	for (int c = 1; c < col && i < n;) {
		i++;
		if (i >= n || ((unsigned char)s[i] & 0xC0) != 0x80)
			c++;
	}
	return i;
}

static int hex4(const char *s)
{
	int v = 0;
	for (int i = 0; i < 4; i++) {
		char c = s[i];
		v = v * 16 + (c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : c >= 'A' && c <= 'F' ? c - 'A' + 10 : 0);
	}
	return v;
}

static int utf8_len(unsigned cp)
{
	return cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
}

/* Where byte `idx` of a JSON string's decoded value is in the file. */
static void string_pos(loader *L, const jxl_node *str, size_t idx, int *line, int *col)
{
	size_t i = offset_at(L->text, L->n, str->line, str->col) + 1;   /* after the quote */
	size_t d = 0;
	while (d < idx && i < L->n && L->text[i] != '"') {
		if (L->text[i] == '\\' && i + 1 < L->n) {
			if (L->text[i + 1] == 'u' && i + 5 < L->n) {
				unsigned cp = (unsigned)hex4(L->text + i + 2);
				size_t raw = 6;
				if (cp >= 0xD800 && cp < 0xDC00 && i + 11 < L->n && L->text[i + 6] == '\\' && L->text[i + 7] == 'u') {
					cp = 0x10000 + ((cp - 0xD800) << 10) + ((unsigned)hex4(L->text + i + 8) - 0xDC00);
					raw = 12;
				}
				d += (size_t)utf8_len(cp);
				if (d > idx)
					break;
				i += raw;
			} else {
				d++;
				i += 2;
			}
		} else {
			d++;
			i++;
		}
	}
	jparse_linecol(L->text, L->n, i, line, col);
}

/* ---- small readers ----------------------------------------------------------------- */

static const jxl_node *member(const jxl_node *obj, const char *key)
{
	return doc_get(obj, key);
}

static void check_keys(loader *L, const jxl_node *obj, const char *what, const char *const *keys)
{
	for (size_t i = 0; i < obj->nkids; i++) {
		const char *k = obj->kids[i]->key;
		if (k[0] == '$')
			continue;   /* $comment */
		int ok = 0, best = 3;
		const char *hint = NULL;
		for (size_t j = 0; keys[j] && !ok; j++)
			ok = !strcmp(k, keys[j]);
		for (size_t j = 0; keys[j] && !ok; j++) {   /* the nearest key, only for the message */
			int d = shape_key_distance(k, keys[j]);
			if (d < best) {
				best = d;
				hint = keys[j];
			}
		}
		for (size_t j = i + 1; ok && j < obj->nkids; j++)
			if (!strcmp(obj->kids[j]->key, k))
				err_at(L, obj->kids[j]->kline, obj->kids[j]->kcol, "%s: key \"%s\" given twice", what, k);
		if (ok)
			continue;
		if (!strcmp(k, "plugin") || !strcmp(k, "plugins") || !strcmp(k, "native") || !strcmp(k, "library"))
			err_at(L, obj->kids[i]->kline, obj->kids[i]->kcol,
			       "%s: a pack is declarative and cannot load native code (key \"%s\")", what, k);
		else if (hint)
			err_at(L, obj->kids[i]->kline, obj->kids[i]->kcol, "%s: unknown key \"%s\" (did you mean \"%s\"?)", what, k, hint);
		else
			err_at(L, obj->kids[i]->kline, obj->kids[i]->kcol, "%s: unknown key \"%s\"", what, k);
	}
}

static const char *want_string(loader *L, const jxl_node *obj, const char *key, const char *what, int required)
{
	const jxl_node *n = member(obj, key);
	if (!n) {
		if (required)
			err_at(L, obj->line, obj->col, "%s: \"%s\" is required", what, key);
		return NULL;
	}
	if (n->kind != JXL_STRING || (required && !n->slen)) {
		err_at(L, n->line, n->col, "%s: \"%s\" must be a %stext", what, key, required ? "non-empty " : "");
		return NULL;
	}
	return arena_strdup(&L->p->a, n->str);
}

/* {"zh": …, "en": …}; either may be left out when the other is there, unless both are required. */
static int want_zh_en(loader *L, const jxl_node *obj, const char *key, const char *what, int required,
		      const char **zh, const char **en, const jxl_node **zh_node, const jxl_node **en_node)
{
	*zh = *en = NULL;
	const jxl_node *n = member(obj, key);
	if (!n) {
		if (required)
			err_at(L, obj->line, obj->col, "%s: \"%s\" is required: {\"zh\": \"…\", \"en\": \"…\"}", what, key);
		return -1;
	}
	if (n->kind == JXL_STRING) {
		err_at(L, n->line, n->col, "%s: \"%s\" must give both languages: {\"zh\": \"…\", \"en\": \"…\"}", what, key);
		return -1;
	}
	if (n->kind != JXL_OBJECT) {
		err_at(L, n->line, n->col, "%s: \"%s\" must be {\"zh\": \"…\", \"en\": \"…\"}", what, key);
		return -1;
	}
	static const char *const keys[] = {"zh", "en", NULL};
	char w[200];
	snprintf(w, sizeof w, "%s.%s", what, key);
	check_keys(L, n, w, keys);
	*zh = want_string(L, n, "zh", w, 1);
	*en = want_string(L, n, "en", w, 1);
	if (zh_node)
		*zh_node = member(n, "zh");
	if (en_node)
		*en_node = member(n, "en");
	return *zh && *en ? 0 : -1;
}

/* ---- expressions in a pack ------------------------------------------------------------ */

static expr *compile(loader *L, const jxl_node *str, const char *src, size_t len, size_t base, const expr_names *names)
{
	expr_err err;
	expr *e = expr_parse(&L->p->a, src, len, &err);
	if (e && !expr_resolve(e, names, &err))
		return e;
	int line, col;
	string_pos(L, str, base + err.off, &line, &col);
	err_at(L, line, col, "%s", err.msg);
	return NULL;
}

static expr *want_expr(loader *L, const jxl_node *obj, const char *key, const char *what, int required,
		       const expr_names *names, const char **src)
{
	const jxl_node *n = member(obj, key);
	*src = NULL;
	if (!n) {
		if (required)
			err_at(L, obj->line, obj->col, "%s: \"%s\" is required", what, key);
		return NULL;
	}
	if (n->kind != JXL_STRING || !n->slen) {
		err_at(L, n->line, n->col, "%s: \"%s\" must be an expression (text)", what, key);
		return NULL;
	}
	*src = arena_strdup(&L->p->a, n->str);
	return compile(L, n, n->str, n->slen, 0, names);
}

/* "text {expr} text", with {{ and }} for literal braces. */
static void compile_msg(loader *L, const jxl_node *str, const char *what, pack_msg *m, const expr_names *names)
{
	const char *s = str->str;
	size_t n = str->slen;
	m->src = arena_strdup(&L->p->a, s);
	pack_msg_part parts[128];
	size_t np = 0;
	char lit[2048];
	size_t ll = 0;
	for (size_t i = 0; i < n;) {
		if (np >= 126) {
			err_at(L, str->line, str->col, "%s: too many placeholders (at most 60)", what);
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
			string_pos(L, str, i, &line, &col);
			err_at(L, line, col, "%s: '}' without '{' (write }} for a brace)", what);
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
			string_pos(L, str, i, &line, &col);
			err_at(L, line, col, "%s: '{' without '}' (write {{ for a brace)", what);
			return;
		}
		if (ll) {
			parts[np].text = arena_strndup(&L->p->a, lit, ll);
			parts[np++].ph = NULL;
			ll = 0;
		}
		size_t from = i + 1, len = (size_t)(close - s) - from;
		expr *e = compile(L, str, s + from, len, from, names);
		if (!e)
			return;
		parts[np].text = NULL;
		parts[np++].ph = e;
		i = (size_t)(close - s) + 1;
	}
	if (ll) {
		parts[np].text = arena_strndup(&L->p->a, lit, ll);
		parts[np++].ph = NULL;
	}
	m->n = np;
	m->parts = arena_alloc(&L->p->a, (np ? np : 1) * sizeof *parts);
	memcpy(m->parts, parts, np * sizeof *parts);
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

/* ---- template of weights ------------------------------------------------------------------ */

static int read_dec(const jxl_node *n, dec *out)
{
	if (!n || (n->kind != JXL_NUMBER && n->kind != JXL_STRING))
		return -1;
	num_fig nf;
	num_err ne;
	if (num_parse(n->str, n->slen, &nf, &ne) != NUM_OK || nf.unit != NUM_UNIT_NONE || nf.qual)
		return -1;
	*out = nf.negative && dec_sign(nf.value) > 0 ? dec_neg(nf.value) : nf.value;
	return 0;
}

static void build_tmpl(loader *L, const jxl_node *n, tmpl_node *t, int depth, int is_root)
{
	const char *what = "template";
	if (n->kind != JXL_OBJECT) {
		err_at(L, n->line, n->col, "%s: each node is an object {\"name\": …, \"max\": …, \"items\": […]}", what);
		return;
	}
	if (depth > PACK_MAX_TMPL_DEPTH) {
		err_at(L, n->line, n->col, "%s: more than %d levels", what, PACK_MAX_TMPL_DEPTH);
		return;
	}
	static const char *const keys[] = {"name", "max", "kind", "items", "source", NULL};
	check_keys(L, n, what, keys);
	t->line = n->line;
	t->col = n->col;
	const jxl_node *nm = member(n, "name");
	if (nm && nm->kind == JXL_STRING && nm->slen) {
		t->names = arena_alloc(&L->p->a, sizeof *t->names);
		t->names[0] = arena_strdup(&L->p->a, nm->str);
		t->nnames = 1;
	} else if (nm && nm->kind == JXL_ARRAY && nm->nkids) {
		t->names = arena_alloc(&L->p->a, nm->nkids * sizeof *t->names);
		for (size_t i = 0; i < nm->nkids; i++) {
			if (nm->kids[i]->kind != JXL_STRING || !nm->kids[i]->slen) {
				err_at(L, nm->kids[i]->line, nm->kids[i]->col, "%s: a name is non-empty text", what);
				return;
			}
			t->names[t->nnames++] = arena_strdup(&L->p->a, nm->kids[i]->str);
		}
	} else if (nm) {
		err_at(L, nm->line, nm->col, "%s: \"name\" is a name or a list of names (aliases)", what);
	}
	if (t->nnames) {   /* as weight() compares them, once for every document */
		t->norms = arena_alloc(&L->p->a, t->nnames * sizeof *t->norms);
		t->lens = arena_alloc(&L->p->a, t->nnames * sizeof *t->lens);
		t->nlens = arena_alloc(&L->p->a, t->nnames * sizeof *t->nlens);
		for (size_t i = 0; i < t->nnames; i++) {
			char y[EVAL_NAME_MAX];
			size_t len = eval_norm_name(t->names[i], y, sizeof y);
			t->norms[i] = arena_strndup(&L->p->a, y, len);
			t->lens[i] = strlen(t->names[i]);
			t->nlens[i] = len;
		}
	}
	const jxl_node *kd = member(n, "kind");
	if (kd && (kd->kind != JXL_STRING || !kd->slen))
		err_at(L, kd->line, kd->col, "%s: \"kind\" is text (execution, bonus)", what);
	else if (kd)
		t->kind = arena_strdup(&L->p->a, kd->str);
	t->bonus = t->kind && !strcmp(t->kind, "bonus");
	if (!is_root && !t->nnames && !t->kind)
		err_at(L, n->line, n->col, "%s: a node below the root needs a \"name\" (or a \"kind\") to be matched by", what);
	const jxl_node *mx = member(n, "max");
	if (mx) {
		if (read_dec(mx, &t->max))
			err_at(L, mx->line, mx->col, "%s: \"max\" is a number of points", what);
		else
			t->has_max = 1;
	}
	const jxl_node *it = member(n, "items");
	if (it && it->kind != JXL_ARRAY) {
		err_at(L, it->line, it->col, "%s: \"items\" is a list of nodes", what);
	} else if (it && it->nkids) {
		t->items = arena_alloc(&L->p->a, it->nkids * sizeof *t->items);
		t->nitems = it->nkids;
		for (size_t i = 0; i < it->nkids; i++)
			build_tmpl(L, it->kids[i], &t->items[i], depth + 1, 0);
	}
}

/* ---- rules ------------------------------------------------------------------------------------- */

/* Does the rule have this example, a submission (an object)? Its line in *line. */
static int has_example(loader *L, const jxl_node *rule_node, const char *which, int *line)
{
	const jxl_node *ex = member(rule_node, "example");
	const jxl_node *n = ex ? member(ex, which) : NULL;
	if (!n)
		return 0;
	*line = n->line;
	if (n->kind != JXL_OBJECT) {
		err_at(L, n->line, n->col, "rule example: \"%s\" is a submission (an object)", which);
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

static void build_rule(loader *L, const jxl_node *n, size_t index, pack_rule *r)
{
	const char *what = "rule";
	r->pack = L->p;
	r->index = index;
	r->line = n->line;
	r->col = n->col;
	if (n->kind != JXL_OBJECT) {
		err_at(L, n->line, n->col, "a rule is an object with id, severity, message and assert");
		return;
	}
	static const char *const keys[] = {"id", "severity", "summary", "doc", "when", "let", "assert", "at",
					   "message", "example", "source", NULL};
	r->id = want_string(L, n, "id", what, 1);
	char w[120];
	snprintf(w, sizeof w, "rule %s", r->id ? r->id : "(no id)");
	check_keys(L, n, w, keys);
	if (r->id && !valid_id(r->id)) {
		const jxl_node *idn = member(n, "id");
		err_at(L, idn->line, idn->col, "%s: an id is family/name in lowercase a-z, 0-9, '-' (e.g. \"hunan/weights\")", w);
	}
	const char *sev = want_string(L, n, "severity", w, 1);
	if (sev) {
		r->severity = !strcmp(sev, "error") ? JXL_SEV_ERROR : !strcmp(sev, "warning") ? JXL_SEV_WARNING
			    : !strcmp(sev, "info") ? JXL_SEV_INFO : 0;
		if (!r->severity) {
			const jxl_node *sn = member(n, "severity");
			err_at(L, sn->line, sn->col, "%s: severity is \"error\", \"warning\" or \"info\", not \"%s\"", w, sev);
		}
	}
	if (member(n, "summary"))
		want_zh_en(L, n, "summary", w, 0, &r->summary_zh, &r->summary_en, NULL, NULL);
	if (member(n, "doc"))
		want_zh_en(L, n, "doc", w, 0, &r->doc_zh, &r->doc_en, NULL, NULL);
	/* lets */
	const jxl_node *lets = member(n, "let");
	if (lets && lets->kind != JXL_OBJECT) {
		err_at(L, lets->line, lets->col, "%s: \"let\" is an object of named expressions {\"name\": \"expr\"}", w);
		lets = NULL;
	}
	if (lets && lets->nkids > PACK_MAX_LETS) {
		err_at(L, lets->line, lets->col, "%s: more than %d named expressions", w, PACK_MAX_LETS);
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
				err_at(L, ln->kline, ln->kcol, "%s: \"%s\" cannot name an expression (letters, digits, _; not a keyword, function or lhs/rhs/diff)",
				       w, ln->key);
			else if (is_top_key(ln->key))
				err_at(L, ln->kline, ln->kcol, "%s: \"%s\" would hide the submission's key %s: choose another name", w,
				       ln->key, ln->key);
		}
		expr_names nm = {.lets = r->let_names, .nlets = r->nlets, .check_paths = 1};
		for (size_t i = 0; i < r->nlets; i++) {
			const jxl_node *ln = lets->kids[i];
			if (ln->kind != JXL_STRING || !ln->slen) {
				err_at(L, ln->line, ln->col, "%s: let \"%s\" must be an expression (text)", w, ln->key);
				continue;
			}
			r->let_src[i] = arena_strdup(&L->p->a, ln->str);
			r->lets[i] = compile(L, ln, ln->str, ln->slen, 0, &nm);
		}
		if (!failed(L)) {
			for (size_t i = 0; i < r->nlets; i++) {
				unsigned char state[PACK_MAX_LETS] = {0};
				if (let_cycle(r, i, state)) {
					err_at(L, lets->kids[i]->kline, lets->kids[i]->kcol, "%s: let \"%s\" is defined in terms of itself",
					       w, r->let_names[i]);
					break;
				}
			}
		}
	}
	expr_names nm = {.lets = r->let_names, .nlets = r->nlets, .check_paths = 1};
	r->when = want_expr(L, n, "when", w, 0, &nm, &r->when_src);
	r->assert = want_expr(L, n, "assert", w, 1, &nm, &r->assert_src);
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
		r->at = want_expr(L, n, "at", w, 0, &inner, &r->at_src);
	const jxl_node *zh = NULL, *en = NULL;
	if (!want_zh_en(L, n, "message", w, 1, &(const char *){NULL}, &(const char *){NULL}, &zh, &en) && r->assert) {
		expr_names ph = inner;
		ph.placeholders = 1;
		compile_msg(L, zh, "message.zh", &r->msg_zh, &ph);
		compile_msg(L, en, "message.en", &r->msg_en, &ph);
	}
	if (!r->summary_en && r->msg_en.src)
		r->summary_en = r->msg_en.src;
	if (!r->summary_zh && r->msg_zh.src)
		r->summary_zh = r->msg_zh.src;
	const jxl_node *ex = member(n, "example");
	if (ex) {
		static const char *const exkeys[] = {"bad", "ok", NULL};
		if (ex->kind != JXL_OBJECT)
			err_at(L, ex->line, ex->col, "%s: \"example\" is {\"bad\": {…}, \"ok\": {…}}", w);
		else
			check_keys(L, ex, "example", exkeys);
		r->has_bad = has_example(L, n, "bad", &r->ex_bad_line);
		r->has_ok = has_example(L, n, "ok", &r->ex_ok_line);
	}
}

/* ---- the pack ----------------------------------------------------------------------------------- */

static void build_pack(loader *L, const jxl_node *root)
{
	pack *p = L->p;
	if (root->kind != JXL_OBJECT) {
		err_at(L, root->line, root->col, "a pack is a JSON object with \"pack\" and \"rules\"");
		return;
	}
	static const char *const keys[] = {"pack", "title", "version", "source", "description", "default", "applies",
					   "template", "rules", NULL};
	check_keys(L, root, "pack", keys);
	p->name = want_string(L, root, "pack", "pack", 1);
	if (p->name && !pack_is_name(p->name)) {
		const jxl_node *nn = member(root, "pack");
		err_at(L, nn->line, nn->col, "pack: a pack's name is lowercase a-z, 0-9 and '-' (e.g. \"hunan-dept\")");
	}
	if (member(root, "title"))
		want_zh_en(L, root, "title", "pack", 0, &p->title_zh, &p->title_en, NULL, NULL);
	if (member(root, "description"))
		want_zh_en(L, root, "description", "pack", 0, &p->description_zh, &p->description_en, NULL, NULL);
	p->version = want_string(L, root, "version", "pack", 0);
	p->source = want_string(L, root, "source", "pack", 0);
	const jxl_node *d = member(root, "default");
	if (d && d->kind != JXL_BOOL)
		err_at(L, d->line, d->col, "pack: \"default\" is true or false");
	p->is_default = d && d->kind == JXL_BOOL && d->bval;
	if (p->is_default) {   /* kept for rules check: ignored in a pack that is not the install's */
		p->said_default = 1;
		p->default_line = d->line;
		p->default_col = d->col;
	}
	expr_names none = {.check_paths = 1};
	p->applies = want_expr(L, root, "applies", "pack", 0, &none, &p->applies_src);
	const jxl_node *t = member(root, "template");
	if (t) {
		p->tmpl = arena_alloc(&p->a, sizeof *p->tmpl);
		p->tmpl_line = t->line;
		p->tmpl_col = t->col;
		build_tmpl(L, t, p->tmpl, 0, 1);
	}
	const jxl_node *rules = member(root, "rules");
	if (!rules) {
		err_at(L, root->line, root->col, "pack: \"rules\" is required (a list of rules)");
		return;
	}
	if (rules->kind != JXL_ARRAY) {
		err_at(L, rules->line, rules->col, "pack: \"rules\" is a list of rules");
		return;
	}
	if (rules->nkids > PACK_MAX_RULES) {
		err_at(L, rules->line, rules->col, "pack: more than %d rules", PACK_MAX_RULES);
		return;
	}
	p->nrules = rules->nkids;
	p->rules = arena_alloc(&p->a, (p->nrules ? p->nrules : 1) * sizeof *p->rules);
	for (size_t i = 0; i < p->nrules; i++) {
		build_rule(L, rules->kids[i], i, &p->rules[i]);
		const char *id = p->rules[i].id;
		for (size_t j = 0; id && j < i; j++)
			if (p->rules[j].id && !strcmp(p->rules[j].id, id))
				err_at(L, p->rules[i].line, p->rules[i].col, "rule %s: the id is used twice in this pack (first at line %d)", id,
				       p->rules[j].line);
		const rule_def *old = id && L->reg ? registry_find(L->reg, id) : NULL;
		if (old)
			err_at(L, p->rules[i].line, p->rules[i].col, "rule %s: the id is already defined by %s", id, pack_origin_shown(old->origin));
	}
}

pack *pack_parse(const char *path, const char *text, size_t n, const registry *reg, pack_errs *errs)
{
	pack *p = calloc(1, sizeof *p);
	if (!p) {
		pack_errs_add(errs, path, 0, 0, "out of memory");
		return NULL;
	}
	arena_init(&p->a);
	p->path = strdup(path);
	loader L = {.p = p, .path = p->path, .text = text, .n = n, .errs = errs, .errs_at_start = errs->n + errs->dropped, .reg = reg};
	jparse_err je;
	jxl_node *root = jparse(&p->a, text, n, &je);   /* the tree lives in p->a */
	if (!root) {
		err_at(&L, je.line, je.col, "malformed JSON: %s", je.msg);
		pack_free(p);
		return NULL;
	}
	p->src = arena_strndup(&p->a, text, n);   /* what the rules' examples are printed from, when asked */
	p->srclen = n;
	build_pack(&L, root);
	if (failed(&L)) {
		pack_free(p);
		return NULL;
	}
	pack_prepare(p);
	return p;
}

void pack_free(pack *p)
{
	if (!p)
		return;
	arena_release(&p->a);
	free(p->path);
	free(p->real);
	free(p);
}

