/* baseline.c — known findings: record today's by a fingerprint that survives unrelated edits, drop them later. */
#include "baseline.h"
#include "readall.h"

#include <cJSON.h>
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "report.h"

void baseline_init(baseline *b)
{
	memset(b, 0, sizeof *b);
	arena_init(&b->a);
}

void baseline_release(baseline *b)
{
	free(b->v);
	free(b->seen);
	arena_release(&b->a);
	memset(b, 0, sizeof *b);
}

/* "./a/./b.json" and "a/b.json" name the same file for the baseline. */
static const char *canonical(const char *path)
{
	while (path[0] == '.' && path[1] == '/') {
		path += 2;
		while (*path == '/')
			path++;
	}
	return path;
}

/* ---- fingerprint ----------------------------------------------------------- */

static uint64_t fnv(uint64_t h, const char *s)
{
	for (const unsigned char *p = (const unsigned char *)(s ? s : ""); *p; p++) {
		h ^= *p;
		h *= 0x100000001b3ULL;
	}
	h ^= 0xff;                 /* field separator: no byte of UTF-8 text */
	h *= 0x100000001b3ULL;
	return h;
}

void baseline_fingerprint(const char *file, const finding *f, char out[BASELINE_FP_LEN + 1])
{
	uint64_t h = 0xcbf29ce484222325ULL;
	h = fnv(h, "jxlint-fingerprint-1");
	h = fnv(h, f->rule);
	h = fnv(h, canonical(file));
	arena tmp;   /* for the pointer, which the finding makes only when asked */
	arena_init(&tmp);
	h = fnv(h, diag_pointer(&tmp, f));
	arena_release(&tmp);
	h = fnv(h, f->stated);
	h = fnv(h, f->computed);
	h ^= h >> 33;              /* spread FNV's weak high bits (murmur3 finaliser) */
	h *= 0xff51afd7ed558ccdULL;
	h ^= h >> 33;
	h *= 0xc4ceb9fe1a85ec53ULL;
	h ^= h >> 33;
	snprintf(out, BASELINE_FP_LEN + 1, "%016llx", (unsigned long long)h);
}

/* ---- entries ---------------------------------------------------------------- */

static baseline_entry *add_entry(baseline *b)
{
	if (b->n == b->cap) {
		size_t cap = b->cap ? b->cap * 2 : 64;
		baseline_entry *v = realloc(b->v, cap * sizeof *v);
		if (!v) {
			fputs("jxlint: out of memory\n", stderr);
			abort();
		}
		b->v = v;
		b->cap = cap;
	}
	baseline_entry *e = &b->v[b->n++];
	memset(e, 0, sizeof *e);
	return e;
}

static int by_fp(const void *pa, const void *pb)
{
	const baseline_entry *a = pa, *b = pb;
	return strcmp(a->fp, b->fp);
}

static int cmp_str(const char *a, const char *b)
{
	return strcmp(a ? a : "", b ? b : "");
}

static int by_place(const void *pa, const void *pb)
{
	const baseline_entry *a = pa, *b = pb;
	int c;
	if ((c = cmp_str(a->file, b->file)) || (c = cmp_str(a->rule, b->rule)) ||
	    (c = cmp_str(a->pointer, b->pointer)) || (c = strcmp(a->fp, b->fp)))
		return c;
	return cmp_str(a->message, b->message);
}

/* Sort with cmp and merge neighbours of equal fingerprint (counts added). */
static void sort_merge(baseline *b, int (*cmp)(const void *, const void *))
{
	if (b->n > 1)
		qsort(b->v, b->n, sizeof *b->v, cmp);
	size_t k = 0;
	for (size_t i = 0; i < b->n; i++) {
		if (k && !strcmp(b->v[k - 1].fp, b->v[i].fp)) {
			b->v[k - 1].count += b->v[i].count;
			b->v[k - 1].left += b->v[i].left;
		} else {
			b->v[k++] = b->v[i];
		}
	}
	b->n = k;
}

/* ---- reading ------------------------------------------------------------------ */

static char *read_file(const char *path, size_t *len, char *why, size_t n)
{
	read_err e;
	char *text = read_all(path, BASELINE_MAX_BYTES, len, &e);
	switch (e.what) {
	case READ_OK: break;
	case READ_OPEN: snprintf(why, n, "%s: cannot open: %s", path, strerror(e.errnum)); break;
	case READ_DIR: case READ_SPECIAL: snprintf(why, n, "%s: not a regular file", path); break;
	case READ_TOO_LARGE: case READ_GREW: snprintf(why, n, "%s: larger than %ld bytes", path, BASELINE_MAX_BYTES); break;
	case READ_NOMEM: snprintf(why, n, "%s: out of memory", path); break;
	case READ_IO: snprintf(why, n, "%s: read error", path); break;
	}
	return text;
}

static const char *str_member(const cJSON *o, const char *key)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key);
	return cJSON_IsString(v) ? v->valuestring : NULL;
}

static int is_fp(const char *s)
{
	if (!s || strlen(s) != BASELINE_FP_LEN)
		return 0;
	for (; *s; s++)
		if (!((*s >= '0' && *s <= '9') || (*s >= 'a' && *s <= 'f')))
			return 0;
	return 1;
}

int baseline_load(baseline *b, const char *path, char *why, size_t n)
{
	size_t len = 0;
	char *text = read_file(path, &len, why, n);
	if (!text)
		return -1;
	cJSON *root = cJSON_ParseWithLength(text, len);
	free(text);
	if (!root)
		return snprintf(why, n, "%s: not a JSON document", path), -1;
	int rc = -1;
	const cJSON *ver = cJSON_GetObjectItemCaseSensitive(root, "jxlint_baseline");
	const cJSON *list = cJSON_GetObjectItemCaseSensitive(root, "findings");
	if (!cJSON_IsNumber(ver) || !cJSON_IsArray(list)) {
		snprintf(why, n, "%s: not a jxlint baseline (no \"jxlint_baseline\" and \"findings\")", path);
		goto out;
	}
	if (ver->valuedouble != BASELINE_VERSION) {
		snprintf(why, n, "%s: baseline version %g, this jxlint reads version %d", path, ver->valuedouble, BASELINE_VERSION);
		goto out;
	}
	size_t i = 0;
	const cJSON *it;
	cJSON_ArrayForEach(it, list) {
		const char *fp = str_member(it, "fingerprint");
		const cJSON *cnt = cJSON_GetObjectItemCaseSensitive(it, "count");
		if (!cJSON_IsObject(it) || !is_fp(fp)) {
			snprintf(why, n, "%s: entry %zu has no fingerprint of %d hex digits", path, i, BASELINE_FP_LEN);
			goto out;
		}
		long count = 1;
		if (cnt) {
			if (!cJSON_IsNumber(cnt) || cnt->valuedouble < 1 || cnt->valuedouble > 1e9 ||
			    cnt->valuedouble != (double)(long)cnt->valuedouble) {
				snprintf(why, n, "%s: entry %zu: count must be a whole number ≥ 1", path, i);
				goto out;
			}
			count = (long)cnt->valuedouble;
		}
		baseline_entry *e = add_entry(b);
		e->fp = arena_strdup(&b->a, fp);
		const char *s;
		e->rule = (s = str_member(it, "rule")) ? arena_strdup(&b->a, s) : "";
		e->file = (s = str_member(it, "file")) ? arena_strdup(&b->a, canonical(s)) : "";
		e->pointer = (s = str_member(it, "pointer")) ? arena_strdup(&b->a, s) : "";
		e->message = (s = str_member(it, "message")) ? arena_strdup(&b->a, s) : "";
		e->count = e->left = count;
		i++;
	}
	sort_merge(b, by_fp);
	b->sorted = 1;
	rc = 0;
out:
	cJSON_Delete(root);
	return rc;
}

/* ---- applying ------------------------------------------------------------------- */

static baseline_entry *find(const baseline *b, const char *fp)
{
	size_t lo = 0, hi = b->n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int c = strcmp(b->v[mid].fp, fp);
		if (!c)
			return &b->v[mid];
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

static void note_seen(baseline *b, const char *file)
{
	if (b->nseen == b->capseen) {
		size_t cap = b->capseen ? b->capseen * 2 : 64;
		const char **v = realloc(b->seen, cap * sizeof *v);
		if (!v) {
			fputs("jxlint: out of memory\n", stderr);
			abort();
		}
		b->seen = v;
		b->capseen = cap;
	}
	b->seen[b->nseen++] = arena_strdup(&b->a, canonical(file));
}

size_t baseline_apply(baseline *b, const char *file, diag *dg)
{
	note_seen(b, file);
	size_t k = 0, dropped = 0;
	for (size_t i = 0; i < dg->n; i++) {
		char fp[BASELINE_FP_LEN + 1];
		baseline_fingerprint(file, &dg->v[i], fp);
		baseline_entry *e = b->sorted ? find(b, fp) : NULL;
		if (e && e->left > 0) {
			e->left--;
			dropped++;
			continue;
		}
		dg->v[k++] = dg->v[i];
	}
	dg->n = k;
	memset(dg->counts, 0, sizeof dg->counts);
	for (size_t i = 0; i < dg->n; i++)
		if (dg->v[i].severity >= 1 && dg->v[i].severity <= 3)
			dg->counts[dg->v[i].severity]++;
	b->dropped += dropped;
	return dropped;
}

static int by_place_ptr(const void *a, const void *b)
{
	return by_place(*(const baseline_entry *const *)a, *(const baseline_entry *const *)b);
}

static int by_str(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

size_t baseline_fixed(const baseline *b, void (*each)(void *user, const baseline_entry *e), void *user)
{
	if (!b->n || !b->nseen)
		return 0;
	const char **seen = malloc(b->nseen * sizeof *seen);
	const baseline_entry **left = malloc(b->n * sizeof *left);
	if (!seen || !left) {
		free(seen);
		free(left);
		return 0;
	}
	memcpy(seen, b->seen, b->nseen * sizeof *seen);
	qsort(seen, b->nseen, sizeof *seen, by_str);
	size_t nleft = 0;
	for (size_t i = 0; i < b->n; i++) {
		const baseline_entry *e = &b->v[i];
		if (e->left > 0 && bsearch(&e->file, seen, b->nseen, sizeof *seen, by_str))
			left[nleft++] = e;
	}
	if (nleft > 1)   /* report in file order (entries are kept sorted by fingerprint) */
		qsort(left, nleft, sizeof *left, by_place_ptr);
	for (size_t i = 0; i < nleft && each; i++)
		each(user, left[i]);
	free(seen);
	free(left);
	return nleft;
}

/* ---- recording and writing -------------------------------------------------------- */

void baseline_record(baseline *b, const char *file, const diag *dg, int message_zh)
{
	for (size_t i = 0; i < dg->n; i++) {
		const finding *f = &dg->v[i];
		char fp[BASELINE_FP_LEN + 1];
		baseline_fingerprint(file, f, fp);
		baseline_entry *e = add_entry(b);
		const char *msg = message_zh ? f->msg_zh : f->msg_en;
		if (!msg)
			msg = f->msg_zh ? f->msg_zh : f->msg_en;
		e->fp = arena_strdup(&b->a, fp);
		e->rule = arena_strdup(&b->a, f->rule);
		e->file = arena_strdup(&b->a, canonical(file));
		e->pointer = diag_pointer(&b->a, f);
		e->message = arena_strdup(&b->a, msg ? msg : "");
		e->count = e->left = 1;
	}
}

int baseline_write(baseline *b, const char *path, char *why, size_t n)
{
	sort_merge(b, by_place);
	b->sorted = 0;
	size_t plen = strlen(path);
	char *tmp = malloc(plen + 32);
	if (!tmp)
		return snprintf(why, n, "out of memory"), -1;
	snprintf(tmp, plen + 32, "%s.tmp%ld", path, (long)getpid());
	FILE *out = fopen(tmp, "w");
	if (!out) {
		snprintf(why, n, "%s: cannot write: %s", path, strerror(errno));
		free(tmp);
		return -1;
	}
	fprintf(out, "{\n  \"jxlint_baseline\": %d,\n  \"tool\": \"jxlint\",\n  \"findings\": [", BASELINE_VERSION);
	for (size_t i = 0; i < b->n; i++) {
		const baseline_entry *e = &b->v[i];
		fprintf(out, "%s\n    {\"fingerprint\": \"%s\", \"rule\": ", i ? "," : "", e->fp);
		report_json_str(out, e->rule);
		fputs(", \"file\": ", out);
		report_json_str(out, e->file);
		fputs(", \"pointer\": ", out);
		report_json_str(out, e->pointer);
		fprintf(out, ", \"count\": %ld, \"message\": ", e->count);
		report_json_str(out, e->message);
		fputc('}', out);
	}
	fputs(b->n ? "\n  ]\n}\n" : "]\n}\n", out);
	int bad = ferror(out);
	bad |= fclose(out) != 0;
	if (bad || rename(tmp, path) != 0) {
		snprintf(why, n, "%s: cannot write: %s", path, strerror(errno));
		unlink(tmp);
		free(tmp);
		return -1;
	}
	free(tmp);
	return 0;
}
