/* jparse_test.c — jparse's two scanning paths agree, and every node's line:column is where its text starts.
 *
 *   build/tests/jparse_test [dir …]     (default: fixtures)
 *
 * Every *.json under the directories, and a fixed set of generated documents
 * (inline objects of Chinese and ASCII strings, CR/CRLF/LF line ends, strings
 * across 16-byte boundaries, escapes, texts shorter than 16 bytes), is parsed
 * twice: by the library's jparse (SSE2 on x86-64) and by this file's copy of
 * lint/jparse.c compiled without SSE2. Both must give the same error, or
 * trees equal in every field. Each node's (line, col) and key's (kline, kcol)
 * are then turned back into a byte offset by a plain walk over the text,
 * which must hold the value's first byte (or the key's quote and name), in
 * document order. The text handed to jparse is an exact-size copy, so a read
 * past its end shows under ASan (make check). */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "decode.h"
#include "jparse.h"

/* The portable path of the same parser, under other names. */
#undef __SSE2__
#define jparse jparse_portable
#define jparse_linecol jparse_linecol_portable
#include "../lint/jparse.c"
#if JPARSE_SSE2
#error "the copy of jparse.c here must be the portable one"
#endif
#undef jparse
#undef jparse_linecol

static int passed, failed;

static void bad(const char *what, const char *why)
{
	printf("FAIL %s: %s\n", what, why);
	failed++;
}

/* The byte offset of code point col on line (1-based, lines as jparse_linecol counts them), or n. */
static size_t offset_of(const char *s, size_t n, int line, int col)
{
	int l = 1, c = 1;
	for (size_t i = 0; i < n; i++) {
		if (l == line && c == col && ((unsigned char)s[i] & 0xC0) != 0x80)
			return i;
		if (s[i] == '\n' || (s[i] == '\r' && (i + 1 >= n || s[i + 1] != '\n'))) {
			l++;
			c = 1;
		} else if (((unsigned char)s[i] & 0xC0) != 0x80) {
			c++;
		}
	}
	return n;
}

/* Does the text at off start the value n (or, key: n's key in quotes)? */
static int starts_there(const char *s, size_t len, size_t off, const jxl_node *n, int key)
{
	if (off >= len)
		return 0;
	char c = s[off];
	if (key) {   /* the name follows its quote, unless it is written with escapes */
		size_t k = strlen(n->key), e = off + 1;
		while (e < len && s[e] != '"' && s[e] != '\\')
			e++;
		return c == '"' && e < len && (s[e] == '\\' || (e - off - 1 == k && !memcmp(s + off + 1, n->key, k)));
	}
	switch (n->kind) {
	case JXL_OBJECT: return c == '{';
	case JXL_ARRAY: return c == '[';
	case JXL_STRING: return c == '"';
	case JXL_NUMBER: return len - off >= n->slen && !memcmp(s + off, n->str, n->slen);
	case JXL_BOOL: return c == (n->bval ? 't' : 'f');
	default: return c == 'n';
	}
}

/* Every node's positions point at its text, in document order. */
static int check_positions(const char *s, size_t len, const jxl_node *n, size_t *last, char *why, size_t wn)
{
	if (n->key) {
		size_t k = offset_of(s, len, n->kline, n->kcol);
		if ((*last != (size_t)-1 && k <= *last) || !starts_there(s, len, k, n, 1)) {
			snprintf(why, wn, "key \"%.40s\" at %d:%d is not there", n->key, n->kline, n->kcol);
			return -1;
		}
		*last = k;
	}
	size_t v = offset_of(s, len, n->line, n->col);
	if ((*last != (size_t)-1 && v <= *last) || !starts_there(s, len, v, n, 0)) {
		snprintf(why, wn, "value (kind %d) at %d:%d is not there", (int)n->kind, n->line, n->col);
		return -1;
	}
	*last = v;
	for (size_t i = 0; i < n->nkids; i++)
		if (check_positions(s, len, n->kids[i], last, why, wn))
			return -1;
	return 0;
}

/* Two trees with the same fields (pointers compared by what they point at). */
static int same_tree(const jxl_node *a, const jxl_node *b)
{
	if (a->kind != b->kind || a->ktag != b->ktag || a->line != b->line || a->col != b->col || a->kline != b->kline ||
	    a->kcol != b->kcol || a->index != b->index || a->bval != b->bval || a->has_lint != b->has_lint ||
	    !a->key != !b->key || (a->key && strcmp(a->key, b->key)) || a->slen != b->slen || !a->str != !b->str ||
	    (a->str && memcmp(a->str, b->str, a->slen + 1)) || a->nkids != b->nkids || !a->more != !b->more ||
	    (a->more && (!a->more->sup != !b->more->sup || !doc_lint_member(a) != !doc_lint_member(b) ||
			 !doc_source_member(a) != !doc_source_member(b) ||
			 (doc_lint_member(a) && doc_lint_member(a)->index != doc_lint_member(b)->index) ||
			 (doc_source_member(a) && doc_source_member(a)->index != doc_source_member(b)->index))))
		return 0;
	for (size_t i = 0; i < a->nkids; i++)
		if (a->kids[i]->parent != a || b->kids[i]->parent != b || !same_tree(a->kids[i], b->kids[i]))
			return 0;
	return 1;
}

static void check_text(const char *what, const char *text, size_t n)
{
	char *t = malloc(n ? n : 1);   /* exact size, no NUL: jparse keeps to the length */
	memcpy(t, text, n);
	arena a1, a2;
	arena_init(&a1);
	arena_init(&a2);
	jparse_err e1, e2;
	jxl_node *r1 = jparse(&a1, t, n, &e1), *r2 = jparse_portable(&a2, t, n, &e2);
	char why[200];
	size_t last = (size_t)-1;
	if (!r1 != !r2)
		bad(what, "one path parses it, the other does not");
	else if (!r1 && (e1.off != e2.off || e1.line != e2.line || e1.col != e2.col || strcmp(e1.msg, e2.msg) ||
			 strcmp(e1.msg_zh, e2.msg_zh) || e1.limit != e2.limit))
		bad(what, "the two paths give different errors");
	else if (r1 && !same_tree(r1, r2))
		bad(what, "the two paths build different trees");
	else if (r1 && check_positions(t, n, r1, &last, why, sizeof why))
		bad(what, why);
	else
		passed++;
	arena_release(&a1);
	arena_release(&a2);
	free(t);
}

static void check_file(const char *path)
{
	FILE *f = fopen(path, "rb");
	unsigned char *buf = NULL;
	long len;
	decode_result dr;
	decode_err de;
	if (!f) {
		bad(path, "cannot read");
		return;
	}
	if (fseek(f, 0, SEEK_END) == 0 && (len = ftell(f)) >= 0 && fseek(f, 0, SEEK_SET) == 0 && (buf = malloc((size_t)len + 1)))
		len = (long)fread(buf, 1, (size_t)len, f);
	fclose(f);
	if (buf && decode_bytes(buf, (size_t)len, NULL, &dr, &de) == 0) {   /* undecodable input never reaches jparse */
		check_text(path, dr.utf8, dr.len);
		free(dr.utf8);
	}
	free(buf);
}

static int by_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Every *.json below dir, in name order. */
static void check_dir(const char *dir)
{
	DIR *d = opendir(dir);
	char **names = NULL;
	size_t k = 0, cap = 0;
	struct dirent *e;
	if (!d) {
		bad(dir, "cannot open");
		return;
	}
	while ((e = readdir(d))) {
		if (e->d_name[0] == '.')
			continue;
		if (k == cap)
			names = realloc(names, (cap = cap ? 2 * cap : 64) * sizeof *names);
		size_t len = strlen(dir) + strlen(e->d_name) + 2;
		names[k] = malloc(len);
		snprintf(names[k++], len, "%s/%s", dir, e->d_name);
	}
	closedir(d);
	qsort(names, k, sizeof *names, by_name);
	for (size_t i = 0; i < k; i++) {
		struct stat st;
		size_t len = strlen(names[i]);
		if (stat(names[i], &st) == 0 && S_ISDIR(st.st_mode))
			check_dir(names[i]);
		else if (len > 5 && !strcmp(names[i] + len - 5, ".json"))
			check_file(names[i]);
		free(names[i]);
	}
	free(names);
}

/* Generated documents: pieces that move strings of Chinese and ASCII across
 * 16-byte boundaries and line ends, in inline and pretty-printed objects. */
static void check_generated(void)
{
	static const char *const words[] = {"a", "工勤编制", "L26: 核定编制3名", "x\\\"y", "预算执行率100%以上的项目",
		"0123456789abcdef", "\\u6536\\u5165", "é", "", "source", "$lint", "😀 emoji"};
	static const char *const breaks[] = {"\n", "\r\n", "\r", " ", "\n    ", "\t"};
	unsigned seed = 12345;
	char doc[4096], what[64];
	for (int d = 0; d < 3000; d++) {
		size_t o = 0;
		int items = 1 + d % 7;
		o += (size_t)snprintf(doc + o, sizeof doc - o, "%s{", d % 5 ? "" : "  ");
		for (int i = 0; i < items && o < sizeof doc - 300; i++) {
			seed = seed * 1103515245u + 12345u;
			const char *k = words[(seed >> 8) % 12], *v = words[(seed >> 16) % 12], *br = breaks[(seed >> 4) % 6];
			switch ((seed >> 24) % 4) {
			case 0: o += (size_t)snprintf(doc + o, sizeof doc - o, "%s\"%s%d\": \"%s\"", i ? "," : "", k, i, v); break;
			case 1: o += (size_t)snprintf(doc + o, sizeof doc - o, "%s%s\"%s%d\":%s%d.5", i ? "," : "", br, k, i, br, (int)(seed % 1000)); break;
			case 2: o += (size_t)snprintf(doc + o, sizeof doc - o, "%s\"%s%d\": {\"%s\": [\"%s\", true, null, -1e3]}%s", i ? "," : "",
						       k, i, v, k, br); break;
			default: o += (size_t)snprintf(doc + o, sizeof doc - o, "%s%s\"%s%d\": [%s\"%s\"%s]", i ? "," : "", br, k, i, br, v, br); break;
			}
		}
		o += (size_t)snprintf(doc + o, sizeof doc - o, "}%s", d % 3 ? "\n" : "");
		snprintf(what, sizeof what, "generated #%d", d);
		check_text(what, doc, o);
		if (d % 10 == 0)   /* and cut short: errors at every kind of place */
			check_text(what, doc, o / 2 + (size_t)d % 7);
	}
}

/* A key tag keeps a name's length mod 65536 (doc.h): a member named
 * "form" + 65535 × "x" + "m" has the tag of "form" and its first four bytes,
 * and must still not answer for it, in either order; nor may "form" answer
 * for the long name. */
static void check_key_tag_wrap(void)
{
	size_t klen = 4 + 65535 + 1, cap = klen + 64;
	char *key = malloc(klen + 1), *text = malloc(cap);
	if (!key || !text) {
		bad("key tag wrap", "out of memory");
		free(key), free(text);
		return;
	}
	memcpy(key, "form", 4);
	memset(key + 4, 'x', 65535);
	key[klen - 1] = 'm';
	key[klen] = '\0';
	for (int order = 0; order < 2; order++) {
		size_t n = order ? (size_t)snprintf(text, cap, "{\"%s\": \"long\", \"form\": \"short\"}", key)
				 : (size_t)snprintf(text, cap, "{\"form\": \"short\", \"%s\": \"long\"}", key);
		arena a;
		arena_init(&a);
		jparse_err je;
		jxl_node *root = jparse(&a, text, n, &je);
		const jxl_node *s = root ? doc_get(root, "form") : NULL, *l = root ? doc_get(root, key) : NULL;
		if (!s || !l || strcmp(s->str, "short") || strcmp(l->str, "long"))
			bad("key tag wrap", order ? "the long name first: doc_get mixes the names up"
						  : "the long name last: doc_get mixes the names up");
		else
			passed++;
		arena_release(&a);
	}
	free(key);
	free(text);
}

/* A backslash before a NUL byte is no escape (the decoder refuses NUL
 * first, but jparse must not rely on it), on both paths. */
static void check_nul_escape(void)
{
	static const char text[] = {'{', '"', 'a', '"', ':', '"', '\\', '\0', '"', '}'};
	arena a;
	arena_init(&a);
	jparse_err je, je2;
	jxl_node *r = jparse(&a, text, sizeof text, &je), *r2 = jparse_portable(&a, text, sizeof text, &je2);
	if (r || r2 || je.off != 6 || je2.off != 6)
		bad("backslash NUL", "accepted as an escape, or refused elsewhere than at the backslash");
	else
		passed++;
	arena_release(&a);
}

int main(int argc, char **argv)
{
	if (argc > 1)
		for (int i = 1; i < argc; i++)
			check_dir(argv[i]);
	else
		check_dir("fixtures");
	check_generated();
	check_key_tag_wrap();
	check_nul_escape();
	printf("%d passed, %d failed\n", passed, failed);
	return failed != 0;
}
