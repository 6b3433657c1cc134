/* timing.c — --timing: per-thread tables of the time each part took, merged as threads end, shown costliest first. */
#include "timing.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

int timing_on;

typedef struct part {
	const void *key;           /* NULL: an empty slot */
	enum timing_kind kind;
	const char *group, *name;
	uint64_t ns, calls;
} part;

typedef struct table {
	part *v;
	size_t cap, n;             /* cap: a power of two, at most half full */
	int lost;                  /* out of memory once: some time not counted */
} table;

static _Thread_local table mine;
static table run;
static pthread_mutex_t run_mu = PTHREAD_MUTEX_INITIALIZER;

static size_t slot_of(const table *t, const void *key)
{
	size_t h = (size_t)((uintptr_t)key * 0x9E3779B97F4A7C15u >> 20);
	for (size_t i = h & (t->cap - 1);; i = (i + 1) & (t->cap - 1))
		if (t->v[i].key == key || !t->v[i].key)
			return i;
}

/* The entry for key in t, made if new; NULL out of memory. */
static part *entry(table *t, const void *key, enum timing_kind kind, const char *group, const char *name)
{
	if (2 * (t->n + 1) > t->cap) {
		size_t cap = t->cap ? 2 * t->cap : 64;
		part *v = calloc(cap, sizeof *v);
		if (!v) {
			t->lost = 1;
			return NULL;
		}
		table bigger = {.v = v, .cap = cap, .n = t->n, .lost = t->lost};
		for (size_t i = 0; i < t->cap; i++)
			if (t->v[i].key)
				bigger.v[slot_of(&bigger, t->v[i].key)] = t->v[i];
		free(t->v);
		*t = bigger;
	}
	part *p = &t->v[slot_of(t, key)];
	if (!p->key) {
		*p = (part){.key = key, .kind = kind, .group = group, .name = name};
		t->n++;
	}
	return p;
}

void timing_add(const void *key, enum timing_kind kind, const char *group, const char *name, uint64_t *t0)
{
	uint64_t now = timing_now();
	part *p = entry(&mine, key, kind, group, name);
	if (p) {
		p->ns += now - *t0;
		p->calls++;
	}
	*t0 = now;
}

void timing_flush(void)
{
	pthread_mutex_lock(&run_mu);
	run.lost |= mine.lost;
	for (size_t i = 0; i < mine.cap; i++) {
		const part *q = &mine.v[i];
		part *p = q->key ? entry(&run, q->key, q->kind, q->group, q->name) : NULL;
		if (p) {
			p->ns += q->ns;
			p->calls += q->calls;
		}
	}
	pthread_mutex_unlock(&run_mu);
	free(mine.v);
	mine = (table){0};
}

static int costlier_first(const void *a, const void *b)
{
	const part *x = a, *y = b;
	if (x->ns != y->ns)
		return x->ns < y->ns ? 1 : -1;
	if (x->kind != y->kind)
		return x->kind < y->kind ? -1 : 1;
	int c = strcmp(x->group ? x->group : "", y->group ? y->group : "");
	return c ? c : strcmp(x->name, y->name);
}

void timing_report(FILE *out, uint64_t wall_ns, size_t files, int threads, int zh)
{
	timing_flush();   /* the calling thread's own */
	part *v = malloc((run.n + 1) * sizeof *v);
	if (!v) {
		fputs("jxlint: --timing: out of memory\n", out);
		return;
	}
	size_t n = 0;
	uint64_t sum = 0;
	for (size_t i = 0; i < run.cap; i++)
		if (run.v[i].key) {
			v[n++] = run.v[i];
			sum += run.v[i].ns;
		}
	qsort(v, n, sizeof *v, costlier_first);
	/* with one thread the parts lie within the wall time; the rest is
	 * starting up, finding files and waiting. With several, their sum is
	 * thread time and may exceed it. */
	uint64_t other = threads == 1 && wall_ns > sum ? wall_ns - sum : 0;
	uint64_t total = sum + other;
	if (zh)
		fprintf(out, "jxlint 计时：%zu 个文件，用时 %.3f 秒，%d 个线程%s\n", files, (double)wall_ns / 1e9, threads,
			threads > 1 ? "（各部分为各线程用时之和）" : "");
	else
		fprintf(out, "jxlint timing: %zu file%s in %.3f s (wall), %d thread%s%s\n", files, files == 1 ? "" : "s",
			(double)wall_ns / 1e9, threads, threads == 1 ? "" : "s", threads > 1 ? " (parts: time summed over the threads)" : "");
	fprintf(out, "%12s %7s %9s  %s\n", "ms", zh ? "占比" : "share", zh ? "次数" : "calls", zh ? "部分" : "part");
	for (size_t i = 0; i <= n; i++) {
		const part *p = i < n ? &v[i] : NULL;
		uint64_t ns = p ? p->ns : other;
		if (!p && threads != 1)
			break;
		fprintf(out, "%12.3f %6.1f%% ", (double)ns / 1e6, total ? 100.0 * (double)ns / (double)total : 0.0);
		if (!p) {
			fprintf(out, "%9s  %s\n", "", zh ? "其他（启动、读取配置、查找文件及其余）" : "other (starting up, configurations, finding files, the rest)");
			continue;
		}
		fprintf(out, "%9llu  ", (unsigned long long)p->calls);
		switch (p->kind) {
		case TIMING_PHASE: fprintf(out, "%s\n", zh && p->group ? p->group : p->name); break;
		case TIMING_PLUGIN: fprintf(out, "%s %s\n", zh ? "插件" : "plugin", p->name); break;
		case TIMING_PACK_RULE: fprintf(out, "%s %s: %s\n", zh ? "规则包" : "pack", p->group, p->name); break;
		case TIMING_PACK_APPLIES: fprintf(out, "%s %s: %s\n", zh ? "规则包" : "pack", p->group, zh ? "（适用判断 applies）" : "(applies)"); break;
		}
	}
	if (run.lost)
		fputs(zh ? "（内存不足：部分用时未计入）\n" : "(out of memory: some time was not counted)\n", out);
	free(v);
	free(run.v);
	run = (table){0};
}
