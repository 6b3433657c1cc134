/* run.c — the pipeline for one file (bytes → decode → parse → rules → findings) and for many, on N threads. */
#include "run.h"
#include "jparse.h"
#include "readall.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "decode.h"
#include "doc.h"
#include "extract.h"
#include "host.h"
#include "num.h"
#include "schema.h"
#include "config.h"
#include "packrun.h"
#include "timing.h"

/* ---- reading ------------------------------------------------------------- */

static void input_finding(file_result *r, const registry *reg, int line, int col, const char *rule,
			  const char *zh, const char *en, int fatal)
{
	check_env env = {.a = &r->a, .dg = &r->dg, .reg = reg, .cfg = config_lookup(reg->configs, r->path)};
	jxl_doc d;
	memset(&d, 0, sizeof d);
	jxl_ctx ctx = {.env = &env, .doc = &d, .origin = "core"};
	host_emit_core(&ctx, NULL, line, col, rule, 0, zh, en);
	if (fatal)
		r->dg.fatal = 1;    /* counted as unreadable, not as unchecked figures */
}

/* Read the whole input (readall.c), the reason worded for a finding. */
static unsigned char *read_input(const opts *o, const char *path, size_t *len, char *why, size_t n, int *rule_too_large)
{
	read_err e;
	char *buf = read_all(path, (size_t)o->max_file_size, len, &e);
	*rule_too_large = e.what == READ_TOO_LARGE || e.what == READ_GREW;
	switch (e.what) {
	case READ_OK: break;
	case READ_OPEN: snprintf(why, n, "cannot open: %s", strerror(e.errnum)); break;
	case READ_DIR: snprintf(why, n, "is a directory"); break;
	case READ_SPECIAL: snprintf(why, n, "not a regular file (a FIFO, device or socket is never read)"); break;
	case READ_TOO_LARGE:
		snprintf(why, n, "%lld bytes, over the limit of %ld (--max-file-size)", e.size, o->max_file_size);
		break;
	case READ_GREW: snprintf(why, n, "grew past the limit of %ld bytes while being read", o->max_file_size); break;
	case READ_NOMEM: snprintf(why, n, "out of memory"); break;
	case READ_IO: snprintf(why, n, "read error: %s", strerror(e.errnum)); break;
	}
	return (unsigned char *)buf;
}

static int is_text_path(const opts *o, const char *path)
{
	if (o->input_text >= 0)
		return o->input_text;
	size_t n = strlen(path);
	return (n > 4 && !strcasecmp(path + n - 4, ".txt")) || (n > 3 && !strcasecmp(path + n - 3, ".md"));
}

/* ---- checking ------------------------------------------------------------ */

/* --timing's phases: English, then Chinese (their addresses are the keys) */
static const char *const T_READ[] = {"read", "读取文件"}, *const T_DECODE[] = {"decode", "解码"},
		  *const T_EXTRACT[] = {"extract (text reports)", "提取（文本报告）"}, *const T_PARSE[] = {"parse", "解析"},
		  *const T_SCHEMA[] = {"schema", "结构检查"}, *const T_FINISH[] = {"suppressions and culprits", "屏蔽与定位"},
		  *const T_SORT[] = {"sort", "排序"};

/* A phase's time since *t0, when --timing is on. */
static inline void phase(const char *const name[2], uint64_t *t0)
{
	if (timing_on)
		timing_add(name, TIMING_PHASE, name[1], name[0], t0);
}

static void check_doc(check_env *env, const registry *reg, const jxl_doc *d)
{
	uint64_t t0 = timing_on ? timing_now() : 0;
	for (size_t i = 0; i < reg->nplugins; i++) {
		jxl_ctx ctx = {.env = env, .doc = d, .origin = reg->plugins[i].path};
		reg->plugins[i].p.check(&ctx, d);
		if (timing_on) {
			const char *base = strrchr(reg->plugins[i].path, '/');
			timing_add(&reg->plugins[i], TIMING_PLUGIN, NULL, base ? base + 1 : reg->plugins[i].path, &t0);
		}
	}
	const config *cfg = env->cfg;   /* then the declarative packs this file's configuration enables */
	for (size_t i = 0; cfg && i < cfg->npacks; i++) {
		jxl_ctx ctx = {.env = env, .doc = d, .origin = cfg->packs[i].p->path};
		packrun_doc(&ctx, cfg->packs[i].p, d, config_tolerance(cfg));
	}
}

/* Is any money figure written without its own unit (so money_unit matters)? */
static int has_bare_money(const jxl_node *root)
{
	static const char *const secs[] = {"budget", "income", "expenditure", "balance", "three_public", "procurement"};
	const jxl_node *projects = doc_get(root, "projects");
	size_t nroots = 1 + (projects && projects->kind == JXL_ARRAY ? projects->nkids : 0);
	for (size_t r = 0; r < nroots; r++) {
		const jxl_node *top = r == 0 ? root : projects->kids[r - 1];
		for (size_t i = 0; i < sizeof secs / sizeof *secs; i++) {
			const jxl_node *sec = doc_get(top, secs[i]);
			for (size_t k = 0; sec && sec->kind == JXL_OBJECT && k < sec->nkids; k++) {
				const jxl_node *f = sec->kids[k];
				num_fig nf;
				if (f->kind == JXL_NUMBER)
					return 1;
				if (f->kind == JXL_STRING && num_parse(f->str, f->slen, &nf, NULL) == NUM_OK &&
				    nf.unit == NUM_UNIT_NONE)
					return 1;
			}
		}
	}
	return 0;
}

/* Did a text report yield any section a rule reads? (Its header alone does not count.) */
static int read_anything(const jxl_node *root)
{
	static const char *const header[] = {"form", "unit", "project", "year", "filed", "money_unit", "source"};
	for (size_t i = 0; root->kind == JXL_OBJECT && i < root->nkids; i++) {
		size_t k = 0;
		while (k < sizeof header / sizeof *header && strcmp(root->kids[i]->key, header[k]))
			k++;
		if (k == sizeof header / sizeof *header)
			return 1;
	}
	return 0;
}

/* Has the file, or one of its projects, a section of money? */
static int has_money(const jxl_node *root, const jxl_node *projects)
{
	static const char *const money_keys[] = {"budget", "income", "expenditure", "balance", "three_public", "procurement"};
	for (size_t i = 0; i < 6; i++)
		if (doc_get(root, money_keys[i]))
			return 1;
	if (projects && projects->kind == JXL_ARRAY)
		for (size_t i = 0; i < projects->nkids; i++)
			for (size_t k = 0; k < 6; k++)
				if (doc_get(projects->kids[i], money_keys[k]))
					return 1;
	return 0;
}

static void check_tree(file_result *r, const registry *reg, jxl_node *root, const char *path)
{
	check_env env = {.a = &r->a, .dg = &r->dg, .reg = reg, .cfg = config_lookup(reg->configs, path)};
	jxl_doc top;
	doc_init(&top, &r->a, root, path, NULL);
	jxl_ctx ctx = {.env = &env, .doc = &top, .origin = "core"};
	if (root->kind != JXL_OBJECT) {
		host_emit_core(&ctx, root, 0, 0, "input/not-object", 0, "顶层应为 JSON 对象（{…}）",
			       "the top level must be a JSON object ({…})");
		return;
	}
	uint64_t t0 = timing_on ? timing_now() : 0;
	schema_check(&ctx, root);
	phase(T_SCHEMA, &t0);
	const jxl_node *projects = doc_get(root, "projects");
	if (!top.money_unit_stated && !doc_get(root, "money_unit") && has_money(root, projects) && has_bare_money(root))
		host_emit_core(&ctx, root, 0, 0, "input/money-unit", 0, "未写明 money_unit，无单位的金额按元（精确到分）处理",
			       "no money_unit: amounts written without a unit are read as exact 元");
	check_doc(&env, reg, &top);
	if (projects && projects->kind == JXL_ARRAY) {
		for (size_t i = 0; i < projects->nkids; i++) {
			if (projects->kids[i]->kind != JXL_OBJECT)
				continue;
			jxl_doc sub;
			doc_init(&sub, &r->a, projects->kids[i], path, &top);
			check_doc(&env, reg, &sub);
		}
	}
	t0 = timing_on ? timing_now() : 0;
	host_finish(&ctx);
	locate_culprits(&env, &top);
	phase(T_FINISH, &t0);
}

#define RUN_QUOTE_BEFORE 12   /* characters of a report quoted before a finding's column */
#define RUN_QUOTE_AFTER  48   /* and from it on */

/* A finding on a text report quotes the words it was read from: the
 * extractor's own sentence when it kept one, else the report line around
 * the finding's column (code points, cut at the line's ends). */
static void quote_sources(file_result *r, const char *text, size_t len)
{
	for (size_t i = 0; i < r->dg.n; i++) {
		finding *f = &r->dg.v[i];
		if (f->source || f->line <= 0)
			continue;
		const char *p = text, *end = text + len;
		for (int l = 1; l < f->line && p < end; l++) {
			const char *nl = memchr(p, '\n', (size_t)(end - p));
			p = nl ? nl + 1 : end;
		}
		const char *eol = memchr(p, '\n', (size_t)(end - p));
		if (!eol)
			eol = end;
		/* the column, in code points, then a window around it */
		const char *at = p;
		for (int c = 1; c < f->col && at < eol; c++)
			do at++; while (at < eol && ((unsigned char)*at & 0xC0) == 0x80);
		const char *from = at;
		for (int c = 0; c < RUN_QUOTE_BEFORE && from > p; c++)
			do from--; while (from > p && ((unsigned char)*from & 0xC0) == 0x80);
		const char *to = at;
		for (int c = 0; c < RUN_QUOTE_AFTER && to < eol; c++)
			do to++; while (to < eol && ((unsigned char)*to & 0xC0) == 0x80);
		while (to > from && (to[-1] == '\r' || to[-1] == ' '))
			to--;
		if (to > from)
			f->source = arena_strndup(&r->a, from, (size_t)(to - from));
	}
}

void run_file(const opts *o, const registry *reg, const char *path, const char *preset_error, file_result *r)
{
	memset(r, 0, sizeof *r);
	r->path = path;
	arena_init(&r->a);
	diag_init(&r->dg, &r->a, path);
	char why[300];
	if (preset_error && !strncmp(preset_error, CONFIG_REFUSED, strlen(CONFIG_REFUSED))) {
		const char *cfg = preset_error + strlen(CONFIG_REFUSED);   /* its .jxlint.json was refused: not linted at all */
		input_finding(r, reg, 0, 0, "input/config", arena_printf(&r->a, "未检查：所在目录的配置 %s 有错误，已拒绝（错误见标准错误输出）", cfg),
			      arena_printf(&r->a, "not checked: its configuration %s was refused (the errors are on stderr)", cfg), 1);
		return;
	}
	if (preset_error) {
		input_finding(r, reg, 0, 0, "input/read", arena_printf(&r->a, "无法读取：%s", preset_error),
			      arena_printf(&r->a, "cannot be read: %s", preset_error), 1);
		return;
	}
	size_t len = 0;
	int too_large;
	uint64_t t0 = timing_on ? timing_now() : 0;
	unsigned char *bytes = read_input(o, path, &len, why, sizeof why, &too_large);
	if (!bytes) {
		input_finding(r, reg, 0, 0, too_large ? "input/too-large" : "input/read",
			      arena_printf(&r->a, "无法读取：%s", why), arena_printf(&r->a, "cannot be read: %s", why), 1);
		return;
	}
	r->bytes = len;
	phase(T_READ, &t0);
	if (len == 0) {
		input_finding(r, reg, 0, 0, "input/empty", "文件为空", "the file is empty", 1);
		free(bytes);
		return;
	}
	decode_result dr;
	decode_err de;
	if (decode_take(bytes, len, o->encoding, &dr, &de)) {
		input_finding(r, reg, 0, 0, "input/encoding", arena_printf(&r->a, "无法解码（字节偏移 %zu）：%s", de.offset, de.msg_zh),
			      arena_printf(&r->a, "cannot decode (byte offset %zu): %s", de.offset, de.msg), 1);
		return;
	}
	r->encoding = dr.encoding;
	phase(T_DECODE, &t0);
	char *text = dr.utf8;
	size_t tlen = dr.len;
	extract_result ex = {0};
	int is_text = is_text_path(o, path);
	if (is_text) {
		char err[200] = "";
		if (extract_text(dr.utf8, dr.len, &ex, err, sizeof err)) {
			free(dr.utf8);
			input_finding(r, reg, 0, 0, "input/read", arena_printf(&r->a, "无法读取报告文本：%s", err),
				      arena_printf(&r->a, "cannot read the report text: %s", err), 1);
			return;
		}
		text = ex.json;
		tlen = ex.len;
		phase(T_EXTRACT, &t0);
		if (o->cmd == CMD_EXTRACT)
			r->extracted = arena_strndup(&r->a, ex.json, ex.len);
	}
	jparse_err je;
	jxl_node *root = jparse(&r->a, text, tlen, &je);   /* lives and dies with r->a */
	phase(T_PARSE, &t0);
	if (!root) {
		const char *zh = arena_printf(&r->a, je.limit ? "文件过大：%s" : "JSON 格式错误：%s", je.msg_zh);
		const char *en = arena_printf(&r->a, je.limit ? "too large: %s" : "malformed JSON: %s", je.msg);
		input_finding(r, reg, je.line, je.col, je.limit ? "input/too-large" : "input/json", zh, en, 1);
	} else {
		if (is_text) {   /* findings point into the report, not the JSON made from it */
			for (size_t i = 0; i < ex.npos; i++) {
				jxl_node *n = (jxl_node *)doc_resolve(root, ex.pos[i].pointer);
				if (n) {
					n->line = n->kline = ex.pos[i].line;
					n->col = n->kcol = ex.pos[i].col;
				}
			}
		}
		if (is_text && o->cmd != CMD_EXTRACT && !read_anything(root))
			input_finding(r, reg, 1, 1, "input/nothing-read",
				      "报告中没有读到任何可检查的数字（资金、比率、人员、评分、算式）：未做检查",
				      "nothing in this report could be read as figures to check (funds, rates, staffing, "
				      "scores, formulas): it was not checked", 0), r->dg.unchecked++;
		if (o->cmd != CMD_EXTRACT && !o->parse_only)
			check_tree(r, reg, root, path);
	}
	if (is_text) {
		extract_result_release(&ex);
		quote_sources(r, dr.utf8, dr.len);
	}
	free(dr.utf8);
	t0 = timing_on ? timing_now() : 0;
	diag_sort(&r->dg);
	if (o->quiet)
		diag_filter(&r->dg, JXL_SEV_ERROR);
	phase(T_SORT, &t0);
}

void file_result_release(file_result *r)
{
	diag_release(&r->dg);
	arena_release(&r->a);
}

/* ---- many files on N threads ------------------------------------------------ */

typedef struct pool {
	const opts *o;
	const registry *reg;
	const file_list *fl;
	result_sink sink;
	void *user;
	file_result *res;          /* a ring of `window` slots: file i is in res[i % window] */
	unsigned char *done;
	size_t next;               /* next file to take */
	size_t handed;             /* results handed to the sink so far */
	size_t window;             /* how far the threads may run ahead of the sink: memory stays flat */
	int draining;              /* a thread is handing results on */
	int waiting;               /* threads waiting for the window to move */
	pthread_mutex_t mu;
	pthread_cond_t cv;
} pool;

/* Every thread (the main one too) takes the next file, lints it and, when
 * that file is the next to be handed on and no other thread is handing
 * results on, hands on it and every finished file after it, in order. No
 * thread does nothing but wait, and a file's result is released on the
 * thread that hands it on, mostly the one that made it (its arena blocks
 * are reused there). Threads wait only when they are `window` files ahead
 * of the sink, so the mutex is almost never contended. */
static void *worker(void *arg)
{
	pool *p = arg;
	pthread_mutex_lock(&p->mu);
	for (;;) {
		while (p->next < p->fl->n && p->next >= p->handed + p->window) {
			p->waiting++;
			pthread_cond_wait(&p->cv, &p->mu);
			p->waiting--;
		}
		if (p->next >= p->fl->n)
			break;
		size_t i = p->next++;
		pthread_mutex_unlock(&p->mu);
		run_file(p->o, p->reg, p->fl->v[i], p->fl->err[i], &p->res[i % p->window]);
		pthread_mutex_lock(&p->mu);
		p->done[i % p->window] = 1;
		if (p->draining)
			continue;   /* the thread handing results on will see it */
		p->draining = 1;
		size_t moved = 0;
		while (p->handed < p->fl->n && p->done[p->handed % p->window]) {
			file_result *r = &p->res[p->handed % p->window];
			pthread_mutex_unlock(&p->mu);
			p->sink(p->user, r);
			file_result_release(r);
			pthread_mutex_lock(&p->mu);
			p->done[p->handed % p->window] = 0;   /* the slot is free for file handed + window */
			p->handed++;
			moved++;
		}
		p->draining = 0;
		if (moved && p->waiting)
			pthread_cond_broadcast(&p->cv);
	}
	pthread_mutex_unlock(&p->mu);
	arena_cache_drop();   /* the blocks this thread kept for reuse */
	if (timing_on)
		timing_flush();
	return NULL;
}

void run_all(const opts *o, const registry *reg, const file_list *fl, result_sink sink, void *user)
{
	if (o->jobs <= 1 || fl->n <= 1) {
		for (size_t i = 0; i < fl->n; i++) {
			file_result r;
			run_file(o, reg, fl->v[i], fl->err[i], &r);
			sink(user, &r);
			file_result_release(&r);
		}
		return;
	}
	pool p = {.o = o, .reg = reg, .fl = fl, .sink = sink, .user = user, .window = 4 * (size_t)o->jobs};
	if (p.window > fl->n)
		p.window = fl->n;
	p.res = calloc(p.window, sizeof *p.res);   /* not one per file: memory does not grow with the file count */
	p.done = calloc(p.window, 1);
	size_t nt = (size_t)o->jobs < fl->n ? (size_t)o->jobs : fl->n;
	pthread_t *th = calloc(nt, sizeof *th);
	if (!p.res || !p.done || !th) {
		fputs("jxlint: out of memory\n", stderr);
		exit(2);
	}
	pthread_mutex_init(&p.mu, NULL);
	pthread_cond_init(&p.cv, NULL);
	size_t started = 0;   /* the main thread is one of the nt */
	while (started + 1 < nt && !pthread_create(&th[started], NULL, worker, &p))
		started++;
	worker(&p);
	for (size_t t = 0; t < started; t++)
		pthread_join(th[t], NULL);
	pthread_mutex_destroy(&p.mu);
	pthread_cond_destroy(&p.cv);
	free(th);
	free(p.res);
	free(p.done);
}
