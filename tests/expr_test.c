/* expr_test.c — table-driven tests of the rule-expression parser and evaluator: every .tsv file in tests/expr, `input<TAB>expected` per line. */
#include <cJSON.h>
#include <glob.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "jparse.h"
#include "config.h"
#include "eval.h"
#include "expr.h"
#include "host.h"

/*
 * Lines of a .tsv file:
 *   #mode parse   expected is expr_print() of the tree, or `error@OFF: substring`
 *   #mode check   the tree is also resolved against the submission's shape:
 *                 expected is `ok` or `error@OFF: substring`
 *   #mode eval    evaluated over the current document: expected is
 *                   true | false | missing | "text" | node:/json/pointer |
 *                   VALUE[UNIT] [LO, HI]   (UNIT: 元, %, # for a count; the
 *                                           interval only when not exact) |
 *                   [v1, v2, …] for a list |
 *                   CODE: substring  (CODE: div0 type unit steps overflow ambiguous)
 *   #mode text    evaluated, then eval_text() as a message shows it
 *   #mode steps   evaluated: expected is the number of steps it took
 *   #mode glob    input is "PATTERN PATH" (an ignore pattern of .jxlint.json and a
 *                 path relative to the configuration): expected is match or -
 *   @doc JSON     the document for the following lines (one line of JSON)
 *   @steps N      step limit for the following evaluations (0: EVAL_MAX_STEPS)
 *   @lets a=EXPR;b=EXPR   named sub-expressions for the following lines
 *   @tol money=FIG percent=FIG number=FIG   extra tolerance (empty: none)
 *   @template JSON        weights tree: {"max":100,"items":[{"name":"投入","max":10}]}
 * Other lines starting with '#' and blank lines are comments.
 */

enum mode { MODE_NONE, MODE_PARSE, MODE_CHECK, MODE_EVAL, MODE_TEXT, MODE_STEPS, MODE_GLOB };

typedef struct state {
	enum mode mode;
	arena a;                  /* the current document and everything evaluated over it */
	registry reg;
	diag dg;
	check_env env;
	jxl_doc doc;
	int have_doc;
	long steps;
	char lets_src[4096];
	eval_tol tol;
	int have_tol;
	tmpl_node *tmpl;
	int passed, failed;
} state;

static int load_doc(state *st, const char *json)
{
	arena_release(&st->a);
	arena_init(&st->a);
	diag_release(&st->dg);
	diag_init(&st->dg, &st->a, "test");
	size_t n = strlen(json);
	char *text = arena_strndup(&st->a, json, n);
	jparse_err je;
	jxl_node *root = jparse(&st->a, text, n, &je);
	if (!root)
		return fprintf(stderr, "bad @doc: %s\n", je.msg), -1;
	doc_init(&st->doc, &st->a, root, "test", NULL);
	memset(&st->env, 0, sizeof st->env);
	st->env.a = &st->a;
	st->env.dg = &st->dg;
	st->env.reg = &st->reg;
	st->have_doc = 1;
	st->tmpl = NULL;
	return 0;
}

static void fig_canon(const jxl_fig *f, char *buf, size_t n)
{
	char v[96], lo[96], hi[96];
	dec_format(dec_normal(f->v), v, sizeof v);
	const char *unit = f->unit == FIG_MONEY ? "元" : f->unit == FIG_PERCENT ? "%" : f->unit == FIG_COUNT ? "#" :
			   f->unit == FIG_RATIO ? " ratio" : "";
	if (!f->lo_inf && !f->hi_inf && !dec_cmp(f->lo, f->v) && !dec_cmp(f->hi, f->v)) {
		snprintf(buf, n, "%s%s", v, unit);
		return;
	}
	dec_format(dec_normal(f->lo), lo, sizeof lo);
	dec_format(dec_normal(f->hi), hi, sizeof hi);
	snprintf(buf, n, "%s%s [%s, %s]", v, unit, f->lo_inf ? "-inf" : lo, f->hi_inf ? "inf" : hi);
}

static void canon(state *st, const eval_env *e, ev_val v, char *buf, size_t n)
{
	static const char *const codes[] = {"none", "div0", "type", "unit", "steps", "overflow", "ambiguous"};
	switch (v.t) {
	case EV_MISSING: snprintf(buf, n, "%s", v.isnull ? "null" : "missing"); break;
	case EV_BOOL: snprintf(buf, n, "%s", v.b ? "true" : "false"); break;
	case EV_FIG: fig_canon(v.f, buf, n); break;
	case EV_STR: snprintf(buf, n, "\"%s\"", v.s); break;
	case EV_NODE:
		if (v.node->kind == JXL_NUMBER || v.node->kind == JXL_STRING) {
			/* a figure of the submission shows as the figure it states; other text as text */
			num_fig nf;
			num_err ne;
			int rc = num_parse(v.node->str, v.node->slen, &nf, &ne);
			if (rc == NUM_OK) {
				ev_val f = eval_fig((eval_env *)e, v);
				if (f.t == EV_FIG) {
					fig_canon(f.f, buf, n);
					break;
				}
			}
			if (rc == NUM_EMPTY) {
				snprintf(buf, n, "missing");
				break;
			}
			snprintf(buf, n, "\"%s\"", v.node->str);
		} else if (v.node->kind == JXL_BOOL) {
			snprintf(buf, n, "%s", v.node->bval ? "true" : "false");
		} else {
			snprintf(buf, n, "node:%s", doc_pointer(&st->a, v.node));
		}
		break;
	case EV_LIST: {
		size_t len = (size_t)snprintf(buf, n, "[");
		for (size_t i = 0; i < v.n && len < n; i++) {
			char item[256];
			canon(st, e, v.items[i], item, sizeof item);
			len += (size_t)snprintf(buf + len, n - len, "%s%s", i ? ", " : "", item);
		}
		if (len < n)
			snprintf(buf + len, n - len, "]");
		break;
	}
	case EV_ERR: snprintf(buf, n, "%s: %s", codes[e->err >= 0 && e->err <= 6 ? e->err : 0], e->err_msg); break;
	}
}

/* Parse "a=EXPR;b=EXPR" into lets. Returns the count. */
static size_t parse_lets(state *st, const char *src, const char **names, expr **lets, size_t max)
{
	size_t k = 0;
	char *copy = arena_strdup(&st->a, src);
	for (char *save = NULL, *part = strtok_r(copy, ";", &save); part && k < max; part = strtok_r(NULL, ";", &save)) {
		char *eq = strchr(part, '=');
		if (!eq)
			continue;
		*eq = '\0';
		names[k] = part;
		expr_err err;
		lets[k] = expr_parse(&st->a, eq + 1, strlen(eq + 1), &err);
		if (!lets[k]) {
			fprintf(stderr, "bad @lets %s: %s\n", part, err.msg);
			continue;
		}
		k++;
	}
	for (size_t i = 0; i < k; i++) {
		expr_names nm = {.lets = names, .nlets = k};
		expr_err err;
		if (expr_resolve(lets[i], &nm, &err))
			fprintf(stderr, "bad @lets %s: %s\n", names[i], err.msg);
	}
	return k;
}

static int set_tol(state *st, const char *spec)
{
	memset(&st->tol, 0, sizeof st->tol);
	st->have_tol = 0;
	char copy[512];
	size_t sl = strlen(spec) < sizeof copy - 1 ? strlen(spec) : sizeof copy - 1;
	memcpy(copy, spec, sl);
	copy[sl] = '\0';
	for (char *save = NULL, *part = strtok_r(copy, " ", &save); part; part = strtok_r(NULL, " ", &save)) {
		char *eq = strchr(part, '=');
		if (!eq)
			return -1;
		*eq = '\0';
		num_fig nf;
		num_err ne;
		if (num_parse(eq + 1, strlen(eq + 1), &nf, &ne) != NUM_OK)
			return -1;
		dec v = nf.value;
		if (nf.unit == NUM_UNIT_PERMILLE)
			v = dec_shift(v, -1);
		if (!strcmp(part, "money")) st->tol.has_money = 1, st->tol.money = v;
		else if (!strcmp(part, "percent")) st->tol.has_percent = 1, st->tol.percent = v;
		else if (!strcmp(part, "number")) st->tol.has_number = 1, st->tol.number = v;
		else return -1;
		st->have_tol = 1;
	}
	return 0;
}

static tmpl_node *build_tmpl(arena *a, const cJSON *j)
{
	tmpl_node *t = arena_alloc(a, sizeof *t);
	const cJSON *nm = cJSON_GetObjectItemCaseSensitive(j, "name");
	const cJSON *mx = cJSON_GetObjectItemCaseSensitive(j, "max");
	const cJSON *kd = cJSON_GetObjectItemCaseSensitive(j, "kind");
	const cJSON *it = cJSON_GetObjectItemCaseSensitive(j, "items");
	if (cJSON_IsString(nm)) {
		t->names = arena_alloc(a, sizeof *t->names);
		t->names[0] = arena_strdup(a, nm->valuestring);
		t->nnames = 1;
	}
	if (cJSON_IsString(kd))
		t->kind = arena_strdup(a, kd->valuestring);
	if (cJSON_IsNumber(mx)) {
		t->has_max = 1;
		t->max = dec_from_int((long long)(mx->valuedouble * 100 + (mx->valuedouble >= 0 ? 0.5 : -0.5)));
		t->max.exp = -2;
	}
	if (cJSON_IsArray(it)) {
		t->nitems = (size_t)cJSON_GetArraySize(it);
		t->items = arena_alloc(a, (t->nitems ? t->nitems : 1) * sizeof *t->items);
		size_t i = 0;
		for (const cJSON *c = it->child; c; c = c->next, i++)
			t->items[i] = *build_tmpl(a, c);
	}
	return t;
}

static int check_error(const char *got_msg, size_t got_off, const char *expected)
{
	/* error@OFF: substring, or error: substring */
	const char *colon = strstr(expected, ": ");
	if (!colon)
		return 0;
	if (!strncmp(expected, "error@", 6) && (size_t)strtoul(expected + 6, NULL, 10) != got_off)
		return 0;
	return strstr(got_msg, colon + 2) != NULL;
}

static void run_line(state *st, const char *file, int lineno, const char *input, const char *expected)
{
	char got[4096] = "";
	int ok = 0;
	expr_err err;
	size_t n = strlen(input);
	if (!st->have_doc)
		load_doc(st, "{}");
	expr *e = expr_parse(&st->a, input, n, &err);
	const char *names[32];
	expr *lets[32];
	size_t nlets = st->lets_src[0] ? parse_lets(st, st->lets_src, names, lets, 32) : 0;
	if (e && st->mode != MODE_PARSE) {
		expr_names nm = {.lets = names, .nlets = nlets, .check_paths = st->mode == MODE_CHECK};
		if (expr_resolve(e, &nm, &err))
			e = NULL;
	}
	if (!e) {
		snprintf(got, sizeof got, "error@%zu: %s", err.off, err.msg);
		ok = check_error(err.msg, err.off, expected);
	} else if (st->mode == MODE_PARSE) {
		expr_print(e, got, sizeof got);
		ok = !strcmp(got, expected);
	} else if (st->mode == MODE_CHECK) {
		snprintf(got, sizeof got, "ok");
		ok = !strcmp(expected, "ok");
	} else {
		jxl_ctx ctx = {.env = &st->env, .doc = &st->doc, .origin = "test"};
		eval_env ev;
		eval_init(&ev, &ctx, &st->doc, &st->a);
		if (st->steps)
			ev.max_steps = st->steps;
		eval_set_lets(&ev, lets, nlets);
		if (st->have_tol)
			ev.tol = &st->tol;
		ev.tmpl = st->tmpl;
		ev_val v = eval_expr(&ev, e);
		if (st->mode == MODE_TEXT)
			snprintf(got, sizeof got, "%s", v.t == EV_ERR ? "?" : eval_text(&ev, v, 0));
		else if (st->mode == MODE_STEPS && v.t != EV_ERR)
			snprintf(got, sizeof got, "%ld", ev.steps);
		else
			canon(st, &ev, v, got, sizeof got);
		const char *c = strstr(expected, ": ");
		if (v.t == EV_ERR && c && expected[0] != '"')
			ok = !strncmp(got, expected, (size_t)(c - expected) + 2) && strstr(got + (c - expected) + 2, c + 2);
		else
			ok = !strcmp(got, expected);
	}
	if (ok) {
		st->passed++;
	} else {
		st->failed++;
		printf("%s:%d: %.200s\n    expected: %.300s\n    got:      %.300s\n", file, lineno, input, expected, got);
	}
}

static void run_tsv(state *st, const char *path)
{
	FILE *f = fopen(path, "r");
	if (!f) {
		printf("%s: cannot open\n", path);
		st->failed++;
		return;
	}
	st->mode = MODE_NONE;
	st->have_doc = 0;
	st->steps = 0;
	st->lets_src[0] = '\0';
	st->have_tol = 0;
	st->tmpl = NULL;
	static char line[1 << 20];
	int lineno = 0;
	while (fgets(line, sizeof line, f)) {
		lineno++;
		size_t len = strlen(line);
		while (len && (line[len - 1] == '\n' || line[len - 1] == '\r'))
			line[--len] = '\0';
		if (!strncmp(line, "#mode ", 6)) {
			const char *m = line + 6;
			st->mode = !strcmp(m, "parse") ? MODE_PARSE : !strcmp(m, "check") ? MODE_CHECK
				 : !strcmp(m, "eval") ? MODE_EVAL : !strcmp(m, "text") ? MODE_TEXT
				 : !strcmp(m, "steps") ? MODE_STEPS : !strcmp(m, "glob") ? MODE_GLOB : MODE_NONE;
			continue;
		}
		if (!len || line[0] == '#')
			continue;
		if (!strncmp(line, "@doc ", 5)) {
			if (load_doc(st, line + 5))
				st->failed++;
			continue;
		}
		if (!strncmp(line, "@steps ", 7)) {
			st->steps = strtol(line + 7, NULL, 10);
			continue;
		}
		if (!strncmp(line, "@lets", 5)) {
			const char *src = line[5] ? line + 6 : "";
			size_t sl = strlen(src) < sizeof st->lets_src - 1 ? strlen(src) : sizeof st->lets_src - 1;
			memcpy(st->lets_src, src, sl);
			st->lets_src[sl] = '\0';
			continue;
		}
		if (!strncmp(line, "@tol", 4)) {
			if (set_tol(st, line[4] ? line + 5 : "")) {
				printf("%s:%d: bad @tol\n", path, lineno);
				st->failed++;
			}
			continue;
		}
		if (!strncmp(line, "@template ", 10)) {
			cJSON *j = cJSON_Parse(line + 10);
			if (!st->have_doc)
				load_doc(st, "{}");
			st->tmpl = j ? build_tmpl(&st->a, j) : NULL;
			cJSON_Delete(j);
			continue;
		}
		char *tab = strchr(line, '\t');
		if (!tab || st->mode == MODE_NONE) {
			printf("%s:%d: no tab or no #mode\n", path, lineno);
			st->failed++;
			continue;
		}
		*tab = '\0';
		if (st->mode == MODE_GLOB) {
			char *sp = strchr(line, ' ');
			const char *got = sp && (*sp = '\0', config_glob(line, sp + 1)) ? "match" : "-";
			if (!strcmp(got, tab + 1)) {
				st->passed++;
			} else {
				st->failed++;
				printf("%s:%d: %s %s\n    expected: %s\n    got:      %s\n", path, lineno, line, sp ? sp + 1 : "", tab + 1, got);
			}
			continue;
		}
		run_line(st, path, lineno, line, tab + 1);
	}
	fclose(f);
}

int main(int argc, char **argv)
{
	const char *dir = argc > 1 ? argv[1] : "tests/expr";
	state st;
	memset(&st, 0, sizeof st);
	arena_init(&st.a);
	diag_init(&st.dg, &st.a, "test");
	if (registry_init(&st.reg)) {
		puts("registry_init failed");
		return 1;
	}
	char pattern[4096];
	snprintf(pattern, sizeof pattern, "%s/*.tsv", dir);
	glob_t g;
	if (glob(pattern, 0, NULL, &g) != 0) {
		printf("no .tsv files in %s\n0 passed, 1 failed\n", dir);
		return 1;
	}
	for (size_t i = 0; i < g.gl_pathc; i++)
		run_tsv(&st, g.gl_pathv[i]);
	globfree(&g);
	diag_release(&st.dg);
	arena_release(&st.a);
	registry_release(&st.reg);
	printf("%d passed, %d failed\n", st.passed, st.failed);
	return st.failed ? 1 : 0;
}
