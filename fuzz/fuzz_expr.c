/* fuzz_expr.c — libFuzzer target: the rule-expression language of packs: parse, resolve, evaluate over a document. */
#include <cJSON.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "jparse.h"
#include "fuzz.h"
#include "arena.h"
#include "diag.h"
#include "doc.h"
#include "eval.h"
#include "expr.h"
#include "host.h"
#include "rules.h"

static registry reg;

/* The document of tests/expr/docs.tsv: every section an expression may walk. */
static const char default_doc[] =
	"{\"form\": \"project\", \"money_unit\": \"元\", \"budget\": {\"adjusted\": 27000, \"total\": \"2.7万元\"},"
	" \"expenditure\": {\"total\": 22516, \"basic\": \"1,000.50\"}, \"income\": {\"total\": \"—\"},"
	" \"rates\": {\"execution\": \"83.39%\"},"
	" \"staffing\": [{\"category\": \"行政编制\", \"quota\": 14, \"actual\": 13}, {\"category\": \"合计\", \"quota\": 26, \"total\": true}],"
	" \"breakdowns\": [{\"total\": \"922路\", \"parts\": {\"在线\": 883, \"离线\": 31}}],"
	" \"scores\": {\"name\": \"总分\", \"max\": 100, \"score\": 100, \"items\": [{\"name\": \"产出指标\", \"max\": 50, \"score\": 50,"
	" \"items\": [{\"name\": \"数量\", \"score\": 30}]}, {\"name\": \"预算执行率\", \"kind\": \"execution\", \"max\": 10, \"score\": 10}]},"
	" \"indicators\": [{\"level1\": \"产出指标\", \"level2\": \"数量指标\", \"name\": \"培训人次\", \"target\": \"≥3000人次\", \"actual\": \"30062人次\", \"max\": 25}],"
	" \"claims\": [{\"text\": \"1+1=2\"}], \"projects\": [{\"project\": \"p\"}]}";

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc, (void)argv;
	if (registry_init(&reg))
		abort();
	return 0;
}

static jxl_node *load(arena *a, const char *json, size_t n)
{
	char *text = arena_strndup(a, json, n);
	jparse_err je;
	jxl_node *root = jparse(a, text, n, &je);
	return root && root->kind == JXL_OBJECT ? root : NULL;
}

/* Input: EXPR, optionally followed by "\n@" and a JSON document to evaluate it over. */
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *s = (const char *)data;
	size_t n = size;
	const char *docsrc = default_doc;
	size_t docn = sizeof default_doc - 1;
	for (size_t i = 0; i + 1 < size; i++)
		if (s[i] == '\n' && s[i + 1] == '@') {
			n = i;
			docsrc = s + i + 2;
			docn = size - i - 2;
			break;
		}
	arena a;
	arena_init(&a);
	diag dg;
	diag_init(&dg, &a, "fuzz.json");
	jxl_node *root = load(&a, docsrc, docn);
	if (!root) {
		diag_release(&dg);
		arena_release(&a);
		return 0;
	}
	jxl_doc d;
	doc_init(&d, &a, root, "fuzz.json", NULL);
	check_env env = {.a = &a, .dg = &dg, .reg = &reg};
	jxl_ctx ctx = {.env = &env, .doc = &d, .origin = "fuzz"};

	/* an exact-size copy without a NUL: the lexer must respect the length */
	char *text = malloc(n ? n : 1);
	memcpy(text, s, n);
	expr_err err;
	memset(&err, 0, sizeof err);
	expr *e = expr_parse(&a, text, n, &err);
	if (!e) {
		if (err.off > n || err.msg[0] == '\0' || !memchr(err.msg, '\0', sizeof err.msg))
			FUZZ_FAIL("a parse error outside the text, or without a message");
	} else {
		char canon[512];
		expr_print(e, canon, sizeof canon);
		if (e->height > EXPR_MAX_HEIGHT)
			FUZZ_FAIL("a tree higher than EXPR_MAX_HEIGHT was accepted");
		/* resolve against the format (as a pack load does); if that refuses, a fresh tree freely */
		expr_names strict = {.check_paths = 1};
		expr_names loose = {.placeholders = 1};
		expr_err rerr;
		int ok = expr_resolve(e, &strict, &rerr) == 0;
		if (!ok && (e = expr_parse(&a, text, n, &err)) != NULL)
			ok = expr_resolve(e, &loose, &rerr) == 0;
		if (ok) {
			eval_env ev;
			eval_init(&ev, &ctx, &d, &a);
			ev_val v = eval_expr(&ev, e);
			if (ev.steps > ev.max_steps + 64)
				FUZZ_FAIL("evaluation ran past EVAL_MAX_STEPS");
			if (v.t == EV_ERR && (!ev.err || !memchr(ev.err_msg, '\0', sizeof ev.err_msg)))
				FUZZ_FAIL("an error value without its code or message");
			if (v.t != EV_ERR) {
				(void)eval_text(&ev, v, 0);
				(void)eval_text(&ev, v, 1);
				(void)eval_truth(&ev, v);
			}
		} else if (e && (rerr.off > n || rerr.msg[0] == '\0')) {
			FUZZ_FAIL("a resolve error outside the text, or without a message");
		}
	}
	free(text);
	diag_release(&dg);
	arena_release(&a);
	return 0;
}
