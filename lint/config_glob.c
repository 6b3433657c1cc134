/* config_glob.c — the "ignore" patterns of .jxlint.json, gitignore-style: *, ?, [..], ** across directories, a trailing / for directories.
 *
 * A configuration is untrusted input, so matching takes time proportional to
 * the pattern times the path, never exponential backtracking: within a path
 * segment the classic greedy wildcard algorithm (one resumption point for the
 * last *), across segments a table over (pattern segment, path segment).
 */
#include "config.h"

#include <fnmatch.h>
#include <string.h>

#define GLOB_MAX_SEGS 128   /* segments of a pattern or a path looked at */

/* Does c match the class at p ("[abc]", "[!a-z]")? *end is set past it; -1 when p is not a class. */
static int class_match(const char *p, size_t plen, char c, size_t *end)
{
	const char *close = memchr(p + 1, ']', plen - 1);
	if (!close || close == p + 1)
		return -1;
	char cls[64], one[2] = {c, 0};
	size_t len = (size_t)(close - p + 1);
	if (len >= sizeof cls)
		return -1;
	memcpy(cls, p, len);
	cls[len] = '\0';
	*end = len;
	return fnmatch(cls, one, 0) == 0;
}

/* One segment against one pattern segment: * ? [..], nothing crosses '/' (there is none). */
static int seg_match(const char *p, size_t pn, const char *s, size_t sn)
{
	size_t pi = 0, si = 0, star_p = (size_t)-1, star_s = 0;
	while (si < sn) {
		if (pi < pn && p[pi] == '*') {
			while (pi < pn && p[pi] == '*')
				pi++;
			star_p = pi;
			star_s = si;
			continue;
		}
		if (pi < pn) {
			size_t adv = 1;
			int ok;
			if (p[pi] == '?')
				ok = 1;
			else if (p[pi] == '[' && (ok = class_match(p + pi, pn - pi, s[si], &adv)) >= 0)
				;
			else
				ok = p[pi] == s[si], adv = 1;
			if (ok) {
				pi += adv;
				si++;
				continue;
			}
		}
		if (star_p == (size_t)-1)
			return 0;
		pi = star_p;        /* let the last * take one more character */
		si = ++star_s;
	}
	while (pi < pn && p[pi] == '*')
		pi++;
	return pi == pn;
}

typedef struct segs {
	const char *at[GLOB_MAX_SEGS];
	size_t len[GLOB_MAX_SEGS];
	size_t n;
} segs;

static int split(const char *s, size_t n, segs *out)
{
	out->n = 0;
	size_t i = 0;
	while (i <= n) {
		size_t j = i;
		while (j < n && s[j] != '/')
			j++;
		if (j > i) {
			if (out->n == GLOB_MAX_SEGS)
				return -1;
			out->at[out->n] = s + i;
			out->len[out->n++] = j - i;
		}
		i = j + 1;
	}
	return 0;
}

static int is_globstar(const segs *p, size_t i)
{
	return p->len[i] == 2 && p->at[i][0] == '*' && p->at[i][1] == '*';
}

/* Pattern segments against the first k path segments, exactly; ** takes any number of them. */
static int segs_match(const segs *p, const segs *s, size_t k)
{
	unsigned char ok[GLOB_MAX_SEGS + 1][GLOB_MAX_SEGS + 1];   /* ok[i][j]: p[i..] matches s[j..k) */
	memset(ok, 0, sizeof ok);
	for (size_t i = p->n + 1; i-- > 0;) {
		for (size_t j = k + 1; j-- > 0;) {
			if (i == p->n)
				ok[i][j] = j == k;
			else if (is_globstar(p, i))
				ok[i][j] = ok[i + 1][j] || (j < k && ok[i][j + 1]);
			else
				ok[i][j] = j < k && seg_match(p->at[i], p->len[i], s->at[j], s->len[j]) && ok[i + 1][j + 1];
		}
	}
	return ok[0][0];
}

int config_glob(const char *pattern, const char *path)
{
	if (!strncmp(pattern, "./", 2))
		pattern += 2;
	int anchored = pattern[0] == '/';
	if (anchored)
		pattern++;
	size_t len = strlen(pattern);
	if (!len || len > CONFIG_MAX_GLOB)
		return 0;
	int dir_only = pattern[len - 1] == '/';
	segs p, s;
	if (split(pattern, dir_only ? len - 1 : len, &p) || !p.n || split(path, strlen(path), &s))
		return 0;
	if (p.n > 1)
		anchored = 1;
	size_t last = dir_only ? s.n - (s.n > 0) : s.n;   /* path segments a match may end at: not the file for dir/ */
	if (!anchored) {   /* a bare name: any directory name (or, unless dir/, the file name) on the path */
		for (size_t j = 0; j < last; j++)
			if (seg_match(p.at[0], p.len[0], s.at[j], s.len[j]))
				return 1;
		return 0;
	}
	for (size_t k = 1; k <= last; k++)   /* anchored: the path or one of its directories */
		if (segs_match(&p, &s, k))
			return 1;
	return 0;
}
