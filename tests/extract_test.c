/* extract_test.c — golden tests for the narrative-report reader: every NAME.txt in the given directories
 * is extracted and compared with its expected JSON; UPDATE=1 rewrites the expectations.
 *
 *   build/tests/extract_test [dir …]     (default: tests/extract fixtures/text)
 *
 * In tests/extract the expectation of NAME.txt is NAME.json; elsewhere it is
 * NAME.extract.json. A missing expectation is written and counts as a failure.
 * Each position must name a pointer that resolves in the JSON and a line and
 * column inside the text, where the text of a string or number value starts
 * (its first character, or for a date its year).
 * The limits of extract_int.h are checked at the limit and one past it on
 * generated text (run_limits). */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cJSON.h>
#include "extract.h"
#include "extract_int.h"

#define MAX_FILES 4096

static char *read_file(const char *path, size_t *n)
{
	FILE *f = fopen(path, "rb");
	char *buf = NULL;
	long len;
	if (!f)
		return NULL;
	if (fseek(f, 0, SEEK_END) == 0 && (len = ftell(f)) >= 0 && fseek(f, 0, SEEK_SET) == 0 &&
	    (buf = malloc((size_t)len + 1))) {
		*n = fread(buf, 1, (size_t)len, f);
		buf[*n] = '\0';
	}
	fclose(f);
	return buf;
}

static int write_file(const char *path, const char *s, size_t n)
{
	FILE *f = fopen(path, "wb");
	int ok;
	if (!f)
		return -1;
	ok = fwrite(s, 1, n, f) == n;
	return fclose(f) == 0 && ok ? 0 : -1;
}

static int cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* RFC 6901 */
static cJSON *resolve(cJSON *root, const char *ptr)
{
	cJSON *cur = root;
	char key[4096];
	while (*ptr && cur) {
		size_t k = 0;
		if (*ptr != '/')
			return NULL;
		ptr++;
		while (*ptr && *ptr != '/' && k + 1 < sizeof key) {
			if (ptr[0] == '~' && ptr[1] == '0')
				key[k++] = '~', ptr += 2;
			else if (ptr[0] == '~' && ptr[1] == '1')
				key[k++] = '/', ptr += 2;
			else
				key[k++] = *ptr++;
		}
		key[k] = '\0';
		if (cJSON_IsArray(cur)) {
			char *end;
			long i = strtol(key, &end, 10);
			if (*end || i < 0)
				return NULL;
			cur = cJSON_GetArrayItem(cur, (int)i);
		} else if (cJSON_IsObject(cur))
			cur = cJSON_GetObjectItemCaseSensitive(cur, key);
		else
			return NULL;
	}
	return cur;
}

/* Byte offsets where each line starts. */
typedef struct lines {
	size_t *at;
	size_t n;
} lines;

static int lines_init(lines *ls, const char *s, size_t n)
{
	size_t i, k = 1;
	for (i = 0; i < n; i++)
		k += s[i] == '\n';
	if (!(ls->at = malloc(k * sizeof *ls->at)))
		return -1;
	ls->n = 0;
	ls->at[ls->n++] = 0;
	for (i = 0; i < n; i++)
		if (s[i] == '\n')
			ls->at[ls->n++] = i + 1;
	return 0;
}

/* Byte offset of line:col (col in code points) in s, or -1. */
static long offset_of(const lines *ls, const char *s, size_t n, int line, int col)
{
	size_t i;
	int c = 1;
	if (line < 1 || col < 1 || (size_t)line > ls->n)
		return -1;
	i = ls->at[line - 1];
	while (i < n && c < col && s[i] != '\n') {
		i++;
		while (i < n && ((unsigned char)s[i] & 0xC0) == 0x80)
			i++;
		c++;
	}
	return c == col ? (long)i : -1;
}

/* Does the value's first character start the text at off? ("１" for "1" is fine.) */
static int starts_here(const char *s, size_t n, long off, const char *v)
{
	unsigned char a = (unsigned char)s[off], b = (unsigned char)v[0];
	size_t m = strlen(v) < 3 ? strlen(v) : 3;
	if ((size_t)off >= n)
		return 0;
	if (b < 0x80) {
		if (a == b)
			return 1;
		/* full-width digit in the text */
		return (size_t)off + 3 <= n && a == 0xEF && (unsigned char)s[off + 1] == 0xBC &&
		       (unsigned char)s[off + 2] == 0x90 + (b - '0');
	}
	return (size_t)off + m <= n && !memcmp(s + off, v, m);
}

/* Values below v, v itself not counted. */
static size_t values_below(const cJSON *v)
{
	size_t k = 0;
	const cJSON *c;
	for (c = v->child; c; c = c->next)
		k += 1 + values_below(c);
	return k;
}

static int check_positions(const char *name, const char *txt, size_t n, const extract_result *r, cJSON *root)
{
	size_t k, j;
	int bad = 0;
	if (values_below(root) != r->npos) {
		printf("FAIL %s: %zu values but %zu positions\n", name, values_below(root), r->npos);
		bad = 1;
	}
	for (k = 0; k < r->npos; k++)
		for (j = k + 1; j < r->npos && j < k + 64; j++)
			if (!strcmp(r->pos[k].pointer, r->pos[j].pointer)) {
				printf("FAIL %s: two positions for %s\n", name, r->pos[k].pointer);
				bad = 1;
			}
	lines ls;
	if (lines_init(&ls, txt, n)) {
		printf("FAIL %s: out of memory\n", name);
		return 1;
	}
	for (k = 0; k < r->npos; k++) {
		const extract_pos *p = &r->pos[k];
		cJSON *v = resolve(root, p->pointer);
		long off = offset_of(&ls, txt, n, p->line, p->col);
		if (!v) {
			printf("FAIL %s: position pointer %s does not resolve\n", name, p->pointer);
			bad = 1;
			continue;
		}
		if (off < 0) {
			printf("FAIL %s: position %s at %d:%d is outside the text\n", name, p->pointer, p->line, p->col);
			bad = 1;
			continue;
		}
		if (!strcmp(p->pointer, "/form") || (strlen(p->pointer) > 5 && !strcmp(p->pointer + strlen(p->pointer) - 5, "/form")))
			continue;
		if (cJSON_IsString(v) || cJSON_IsRaw(v)) {
			const char *sv = cJSON_IsString(v) ? v->valuestring : v->valuestring;
			if (!strcmp(p->pointer + strlen(p->pointer) - 5, "/name") && !strcmp(sv, "总分"))
				continue;  /* the root's name is supplied */
			if (!starts_here(txt, n, off, sv)) {
				printf("FAIL %s: %s = \"%s\" but %d:%d reads \"%.12s\"\n", name, p->pointer, sv, p->line, p->col,
				       txt + off);
				bad = 1;
			}
		}
	}
	free(ls.at);
	return bad;
}

/* Print the first differing line of two texts. */
static void show_diff(const char *name, const char *want, const char *got)
{
	int line = 1;
	const char *a = want, *b = got;
	while (*a && *a == *b) {
		if (*a == '\n')
			line++;
		a++, b++;
	}
	while (a > want && a[-1] != '\n')
		a--, b--;
	printf("FAIL %s: differs at line %d\n  want: %.*s\n  got:  %.*s\n", name, line, (int)strcspn(a, "\n"), a,
	       (int)strcspn(b, "\n"), b);
}

static int run_case(const char *dir, const char *file, int fixtures, int update)
{
	char path[4096], exp[4096], name[4096], err[200];
	size_t n = 0, en = 0, base = strlen(file) - 4;
	char *txt, *want;
	extract_result r;
	cJSON *root;
	int bad = 0;
	snprintf(path, sizeof path, "%s/%s", dir, file);
	snprintf(exp, sizeof exp, "%s/%.*s%s", dir, (int)base, file, fixtures ? ".extract.json" : ".json");
	snprintf(name, sizeof name, "%s", path);
	if (!(txt = read_file(path, &n))) {
		printf("FAIL %s: cannot read\n", name);
		return 1;
	}
	if (extract_text(txt, n, &r, err, sizeof err)) {
		printf("FAIL %s: extract_text: %s\n", name, err);
		free(txt);
		return 1;
	}
	if (!(root = cJSON_Parse(r.json))) {
		printf("FAIL %s: output is not JSON\n", name);
		bad = 1;
	} else {
		bad |= check_positions(name, txt, n, &r, root);
		cJSON_Delete(root);
	}
	want = read_file(exp, &en);
	if (update || !want) {
		char *out = malloc(r.len + 2);
		if (!out || (memcpy(out, r.json, r.len), out[r.len] = '\n', write_file(exp, out, r.len + 1)))
			printf("FAIL %s: cannot write %s\n", name, exp);
		free(out);
		if (!want) {
			printf("FAIL %s: no expectation; wrote %s (review it)\n", name, exp);
			bad = 1;
		}
	} else {
		size_t wl = en;
		while (wl && (want[wl - 1] == '\n'))
			wl--;
		if (wl != r.len || memcmp(want, r.json, wl)) {
			want[wl] = '\0';
			show_diff(name, want, r.json);
			bad = 1;
		}
	}
	free(want);
	free(txt);
	extract_result_release(&r);
	return bad;
}

static int run_dir(const char *dir, int update, int *pass, int *failn)
{
	DIR *dp = opendir(dir);
	struct dirent *de;
	char *files[MAX_FILES];
	size_t nf = 0, k;
	int fixtures = !strstr(dir, "tests/extract");
	if (!dp) {
		printf("FAIL %s: cannot open directory\n", dir);
		(*failn)++;
		return 1;
	}
	while ((de = readdir(dp)) && nf < MAX_FILES) {
		size_t l = strlen(de->d_name);
		if (l > 4 && !strcmp(de->d_name + l - 4, ".txt") && (files[nf] = strdup(de->d_name)))
			nf++;
	}
	closedir(dp);
	qsort(files, nf, sizeof files[0], cmp);
	for (k = 0; k < nf; k++) {
		if (run_case(dir, files[k], fixtures, update))
			(*failn)++;
		else
			(*pass)++;
		free(files[k]);
	}
	return 0;
}

/* rep copies of unit, then tail. */
static char *repeat(const char *unit, size_t rep, const char *tail, size_t *n)
{
	size_t ul = strlen(unit), tl = strlen(tail), k;
	char *s = malloc(ul * rep + tl + 1);
	if (!s)
		return NULL;
	for (k = 0; k < rep; k++)
		memcpy(s + k * ul, unit, ul);
	memcpy(s + ul * rep, tail, tl + 1);
	*n = ul * rep + tl;
	return s;
}

/* Elements of the array at ptr in the extraction of s, or -1 on error. */
static int count(const char *s, size_t n, const char *ptr)
{
	extract_result r;
	char err[200];
	cJSON *root, *a;
	int k = -1;
	if (extract_text(s, n, &r, err, sizeof err))
		return -1;
	if ((root = cJSON_Parse(r.json))) {
		a = resolve(root, ptr);
		k = a ? cJSON_GetArraySize(a) : 0;
		cJSON_Delete(root);
	}
	extract_result_release(&r);
	return k;
}

static void limit_case(const char *what, int ok, int *pass, int *failn)
{
	if (ok)
		(*pass)++;
	else {
		printf("FAIL limit: %s\n", what);
		(*failn)++;
	}
}

static void run_limits(int *pass, int *failn)
{
	size_t n;
	char *s, err[200];
	extract_result r;
	int rc;
	/* EX_MAX_TEXT bytes are read; one more is refused with a message */
	if ((s = malloc(EX_MAX_TEXT + 1))) {
		memset(s, ' ', EX_MAX_TEXT + 1);
		rc = extract_text(s, EX_MAX_TEXT, &r, err, sizeof err);
		limit_case("text at EX_MAX_TEXT is read", rc == 0, pass, failn);
		if (!rc)
			extract_result_release(&r);
		rc = extract_text(s, EX_MAX_TEXT + 1, &r, err, sizeof err);
		limit_case("text over EX_MAX_TEXT is refused", rc == -1 && err[0] && !r.json, pass, failn);
		free(s);
	}
	/* EX_MAX_ITEMS claims are kept, the next is not */
	if ((s = repeat("1+1=2。", EX_MAX_ITEMS, "", &n))) {
		limit_case("EX_MAX_ITEMS claims", count(s, n, "/claims") == EX_MAX_ITEMS, pass, failn);
		free(s);
	}
	if ((s = repeat("1+1=2。", EX_MAX_ITEMS + 1, "", &n))) {
		limit_case("EX_MAX_ITEMS + 1 claims", count(s, n, "/claims") == EX_MAX_ITEMS, pass, failn);
		free(s);
	}
	/* EX_MAX_PROJECTS project reports; past it the rest stay in the last */
	if ((s = repeat("项目名称：甲\n自评 1 分。\n", EX_MAX_PROJECTS, "", &n))) {
		limit_case("EX_MAX_PROJECTS projects", count(s, n, "/projects") == EX_MAX_PROJECTS, pass, failn);
		free(s);
	}
	if ((s = repeat("项目名称：甲\n自评 1 分。\n", EX_MAX_PROJECTS + 1, "", &n))) {
		limit_case("EX_MAX_PROJECTS + 1 projects", count(s, n, "/projects") == EX_MAX_PROJECTS, pass, failn);
		free(s);
	}
}

int main(int argc, char **argv)
{
	static const char *const defaults[] = { "tests/extract", "fixtures/text" };
	const char *u = getenv("UPDATE");
	int update = u && !strcmp(u, "1"), pass = 0, failn = 0, k;
	if (argc > 1)
		for (k = 1; k < argc; k++)
			run_dir(argv[k], update, &pass, &failn);
	else
		for (k = 0; k < 2; k++)
			run_dir(defaults[k], update, &pass, &failn);
	run_limits(&pass, &failn);
	printf("%d passed, %d failed\n", pass, failn);
	return failn ? 1 : 0;
}
