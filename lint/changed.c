/* changed.c — --changed[=REF]: the submissions git sees as changed, asked of git with a fixed argv (no shell). */
#include "changed.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

extern char **environ;

/* ---- running git ------------------------------------------------------------ */

/* Run git with argv (argv[0] is "git"), capture its stdout. stderr goes to
 * ours unless quiet. Returns git's exit status (0 = success), or -1 when it
 * could not be run at all (why filled). *out is malloc'd, NUL-terminated. */
static int git_capture(const char *const *argv, int quiet, char **out, size_t *len, char *why, size_t n)
{
	*out = NULL;
	*len = 0;
	int fds[2];
	if (pipe2(fds, O_CLOEXEC) != 0)
		return snprintf(why, n, "cannot run git: %s", strerror(errno)), -1;
	posix_spawn_file_actions_t fa;
	posix_spawn_file_actions_init(&fa);
	posix_spawn_file_actions_addopen(&fa, 0, "/dev/null", O_RDONLY, 0);
	posix_spawn_file_actions_adddup2(&fa, fds[1], 1);
	if (quiet)
		posix_spawn_file_actions_addopen(&fa, 2, "/dev/null", O_WRONLY, 0);
	pid_t pid;
	int err = posix_spawnp(&pid, "git", &fa, NULL, (char *const *)argv, environ);
	posix_spawn_file_actions_destroy(&fa);
	close(fds[1]);
	if (err) {
		close(fds[0]);
		return snprintf(why, n, "cannot run git: %s", strerror(err)), -1;
	}
	size_t cap = 4096, got = 0;
	char *buf = malloc(cap + 1);
	int too_much = 0;
	for (;;) {
		if (buf && got == cap) {
			if ((long)cap >= CHANGED_MAX_GIT_OUTPUT) {
				too_much = 1;
				break;
			}
			char *nb = realloc(buf, cap * 2 + 1);
			if (!nb) {
				free(buf);
				buf = NULL;
			} else {
				buf = nb;
				cap *= 2;
			}
		}
		if (!buf)
			break;
		ssize_t k = read(fds[0], buf + got, cap - got);
		if (k < 0 && errno == EINTR)
			continue;
		if (k <= 0)
			break;
		got += (size_t)k;
	}
	close(fds[0]);
	int status;
	while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
		;
	if (!buf || too_much) {
		free(buf);
		return snprintf(why, n, too_much ? "git printed more than %ld bytes" : "out of memory", CHANGED_MAX_GIT_OUTPUT), -1;
	}
	buf[got] = '\0';
	*out = buf;
	*len = got;
	if (WIFEXITED(status))
		return WEXITSTATUS(status) ? WEXITSTATUS(status) : 0;
	return 128;
}

/* ---- lists of names ------------------------------------------------------------ */

typedef struct names {
	char **v;
	size_t n, cap;
} names;

static int names_add(names *s, const char *p, size_t len)
{
	if (s->n == s->cap) {
		size_t cap = s->cap ? s->cap * 2 : 64;
		char **v = realloc(s->v, cap * sizeof *v);
		if (!v)
			return -1;
		s->v = v;
		s->cap = cap;
	}
	char *c = malloc(len + 1);
	if (!c)
		return -1;
	memcpy(c, p, len);
	c[len] = '\0';
	s->v[s->n++] = c;
	return 0;
}

static void names_release(names *s)
{
	for (size_t i = 0; i < s->n; i++)
		free(s->v[i]);
	free(s->v);
	memset(s, 0, sizeof *s);
}

static int by_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Add the NUL-separated names git printed. */
static int names_split(names *s, const char *buf, size_t len)
{
	for (size_t i = 0; i < len;) {
		size_t k = strnlen(buf + i, len - i);
		if (k && names_add(s, buf + i, k))
			return -1;
		i += k + 1;
	}
	return 0;
}

/* Run one git command and add its -z output to s. */
static int git_names(const char *const *argv, names *s, char *why, size_t n)
{
	char *out;
	size_t len;
	int rc = git_capture(argv, 0, &out, &len, why, n);
	if (rc < 0)
		return -1;
	if (rc) {
		free(out);
		return snprintf(why, n, "git %s %s failed (exit %d)", argv[4], argv[5] ? argv[5] : "", rc), -1;
	}
	rc = names_split(s, out, len);
	free(out);
	return rc ? (snprintf(why, n, "out of memory"), -1) : 0;
}

/* ---- which files ------------------------------------------------------------------- */

static int ends_with(const char *s, const char *suffix, int nocase)
{
	size_t a = strlen(s), b = strlen(suffix);
	return a > b && !(nocase ? strcasecmp(s + a - b, suffix) : strcmp(s + a - b, suffix));
}

/* Top-relative path p is one we lint: not hidden, a submission by its name. */
static int wanted(const opts *o, const char *p)
{
	for (const char *c = p; c; c = strchr(c, '/')) {
		if (*c == '/')
			c++;
		if (*c == '.')
			return 0;
	}
	if (ends_with(p, ".json", 0))
		return 1;
	return o->input_text != 0 && (ends_with(p, ".txt", 1) || ends_with(p, ".md", 1));
}

/* p (relative to the top of the work tree) relative to the directory prefix ("a/b/" or ""). */
static char *relative_to(const char *p, const char *prefix)
{
	size_t up = 0;
	const char *rest = p, *pre = prefix;
	while (*pre) {
		size_t len = strcspn(pre, "/");
		if (!strncmp(rest, pre, len) && rest[len] == '/' && up == 0) {
			rest += len + 1;
		} else {
			up++;
		}
		pre += len;
		if (*pre == '/')
			pre++;
	}
	size_t need = up * 3 + strlen(rest) + 1;
	char *r = malloc(need);
	if (!r)
		return NULL;
	r[0] = '\0';
	for (size_t i = 0; i < up; i++)
		strcat(r, "../");
	strcat(r, rest);
	return r;
}

/* abs is at or below one of the scopes (real paths), or there are none. */
static int in_scope(const char *abs, char **scope, size_t nscope)
{
	if (!nscope)
		return 1;
	for (size_t i = 0; i < nscope; i++) {
		size_t len = strlen(scope[i]);
		if (!strncmp(abs, scope[i], len) && (abs[len] == '\0' || abs[len] == '/' || (len == 1 && scope[i][0] == '/')))
			return 1;
	}
	return 0;
}

int changed_collect(const opts *o, file_list *fl, char *why, size_t n)
{
	memset(fl, 0, sizeof *fl);
	const char *ref = o->changed ? o->changed : "HEAD";
	if (!*ref || ref[0] == '-')
		return snprintf(why, n, "--changed: '%s' is not a git revision", ref), -1;

	char *out;
	size_t len;
	const char *const where[] = {"git", "--no-pager", "rev-parse", "--show-toplevel", "--show-prefix", NULL};
	int rc = git_capture(where, 0, &out, &len, why, n);
	if (rc < 0)
		return -1;
	char *nl = rc ? NULL : strchr(out, '\n');
	if (!nl) {
		free(out);
		return snprintf(why, n, "--changed: not inside a git work tree"), -1;
	}
	*nl = '\0';
	char *top = out, *prefix = nl + 1;
	prefix[strcspn(prefix, "\n")] = '\0';

	names all = {0};
	int fail = 0;
	const char *const diff_cached[] = {"git", "--no-pager", "-C", top, "diff", "--cached", "--name-only", "-z",
					   "--no-renames", "--no-ext-diff", "--diff-filter=d", "--", NULL};
	const char *const diff_work[] = {"git", "--no-pager", "-C", top, "diff", "--name-only", "-z",
					 "--no-renames", "--no-ext-diff", "--diff-filter=d", "--", NULL};
	const char *const diff_ref[] = {"git", "--no-pager", "-C", top, "diff", ref, "--name-only", "-z",
					"--no-renames", "--no-ext-diff", "--diff-filter=d", "--", NULL};
	const char *const untracked[] = {"git", "--no-pager", "-C", top, "ls-files", "-z", "--others",
					 "--exclude-standard", NULL};
	if (!strcmp(ref, "HEAD"))   /* staged + unstaged; also before the first commit */
		fail = git_names(diff_cached, &all, why, n) || git_names(diff_work, &all, why, n);
	else
		fail = git_names(diff_ref, &all, why, n);
	fail = fail || git_names(untracked, &all, why, n);

	char **scope = NULL;
	size_t nscope = 0;
	if (!fail && o->npaths) {
		scope = calloc(o->npaths, sizeof *scope);
		for (size_t i = 0; scope && i < o->npaths && !fail; i++) {
			scope[i] = realpath(o->paths[i], NULL);
			if (!scope[i]) {
				snprintf(why, n, "%s: %s", o->paths[i], strerror(errno));
				fail = 1;
			}
			nscope++;
		}
		if (!scope) {
			snprintf(why, n, "out of memory");
			fail = 1;
		}
	}
	if (!fail && all.n) {
		qsort(all.v, all.n, sizeof *all.v, by_str);
		names rel = {0};
		for (size_t i = 0; i < all.n && !fail; i++) {
			if ((i && !strcmp(all.v[i], all.v[i - 1])) || !wanted(o, all.v[i]))
				continue;
			size_t alen = strlen(top) + strlen(all.v[i]) + 2;
			char *abs = malloc(alen);
			if (!abs) {
				fail = 1;
				break;
			}
			snprintf(abs, alen, "%s/%s", top, all.v[i]);
			struct stat st;
			int keep = stat(abs, &st) == 0 && S_ISREG(st.st_mode);   /* deleted since: skipped */
			if (keep && nscope) {
				char *real = realpath(abs, NULL);
				keep = real && in_scope(real, scope, nscope);
				free(real);
			}
			free(abs);
			if (!keep)
				continue;
			char *r = relative_to(all.v[i], prefix);
			if (!r || names_add(&rel, r, strlen(r)))
				fail = 1;
			free(r);
		}
		if (fail)
			snprintf(why, n, "out of memory");
		if (rel.n)
			qsort(rel.v, rel.n, sizeof *rel.v, by_str);
		for (size_t i = 0; !fail && i < rel.n; i++)
			if (files_add(fl, rel.v[i], NULL)) {
				snprintf(why, n, "out of memory");
				fail = 1;
			}
		names_release(&rel);
	}
	for (size_t i = 0; i < nscope; i++)
		free(scope[i]);
	free(scope);
	names_release(&all);
	free(out);
	if (fail) {
		files_release(fl);
		return -1;
	}
	return 0;
}
