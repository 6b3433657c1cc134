/* extract_test.c — golden tests for the narrative-report reader: every NAME.txt in the given directories
 * is extracted and compared with its expected JSON; UPDATE=1 rewrites the expectations.
 *
 *   build/tests/extract_test [dir …]     (default: tests/extract fixtures/text)
 *
 * In tests/extract the expectation of NAME.txt is NAME.json; elsewhere it is
 * NAME.extract.json. A missing expectation is written and counts as a failure.
 * Each position must name a pointer that resolves in the JSON and a line and
 * column inside the text, where the text of a string or number value starts
 * (its first character, or for a date its year). */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cJSON.h>
#include "extract.h"

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

/* Byte offset of line:col (col in code points) in s, or -1. */
static long offset_of(const char *s, size_t n, int line, int col)
{
	size_t i = 0;
	int l = 1, c = 1;
	if (line < 1 || col < 1)
		return -1;
	while (i < n && l < line) {
		if (s[i++] == '\n')
			l++;
	}
	if (l != line)
		return -1;
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

static int check_positions(const char *name, const char *txt, size_t n, const extract_result *r, cJSON *root)
{
	size_t k;
	int bad = 0;
	for (k = 0; k < r->npos; k++) {
		const extract_pos *p = &r->pos[k];
		cJSON *v = resolve(root, p->pointer);
		long off = offset_of(txt, n, p->line, p->col);
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
	printf("%d passed, %d failed\n", pass, failn);
	return failn ? 1 : 0;
}
