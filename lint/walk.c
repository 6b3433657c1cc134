/* walk.c — the files a run lints, in command-line order with directories walked sorted, handed out a batch at a time. */
#include "walk.h"

#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

/* One directory being walked: its entries, sorted, and where the walk is. */
typedef struct frame {
	char *dir;
	char **names;
	size_t n, i;
	dev_t dev;
	ino_t ino;
} frame;

struct file_walk {
	const opts *o;
	int quiet;                 /* a counting pass: no notes on stderr */
	size_t arg;                /* the next command-line path */
	char *root;                /* realpath of the directory argument being walked: links out of it are not followed */
	frame stack[RUN_MAX_DIR_DEPTH + 1];
	int depth;
};

/* ---- the list ---------------------------------------------------------------- */

int files_add(file_list *fl, const char *path, const char *err)
{
	if (fl->n == fl->cap) {
		size_t cap = fl->cap ? fl->cap * 2 : 64;
		char **v = realloc(fl->v, cap * sizeof *v);
		char **e = v ? realloc(fl->err, cap * sizeof *e) : NULL;
		if (!v || !e) {
			if (v)
				fl->v = v;
			return -1;
		}
		fl->v = v;
		fl->err = e;
		fl->cap = cap;
	}
	fl->v[fl->n] = strdup(path);
	fl->err[fl->n] = err ? strdup(err) : NULL;
	fl->n++;
	return 0;
}

void files_release(file_list *fl)
{
	for (size_t i = 0; i < fl->n; i++) {
		free(fl->v[i]);
		free(fl->err[i]);
	}
	free(fl->v);
	free(fl->err);
	memset(fl, 0, sizeof *fl);
}

/* ---- the walk ------------------------------------------------------------------ */

/* An entry's name is kept after one byte of its readdir type (DT_*). */
static int by_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a + 1, *(char *const *)b + 1);
}

/* Does path resolve to root or below it? 1 yes, 0 no, -1 it does not resolve
 * (a dangling link or a loop: left to be reported as unreadable). */
static int inside(const char *root, const char *path)
{
	char *real = realpath(path, NULL);
	if (!real)
		return -1;
	if (!root)
		return free(real), 0;
	size_t n = strlen(root);
	int in = !strncmp(real, root, n) && (real[n] == '/' || real[n] == '\0' || (n == 1 && root[0] == '/'));
	free(real);
	return in;
}

/* Start walking dir: push its sorted entries, or put dir in the list with
 * why it cannot be walked (0 when it was pushed or skipped, 1 when listed). */
static int enter(file_walk *w, file_list *fl, const char *dir)
{
	struct stat st;
	if (stat(dir, &st) != 0)
		return files_add(fl, dir, strerror(errno)), 1;
	for (int i = 0; i < w->depth; i++)
		if (w->stack[i].dev == st.st_dev && w->stack[i].ino == st.st_ino)
			return 0;   /* a symlink loop: this directory is already being walked */
	if (w->depth >= RUN_MAX_DIR_DEPTH)
		return files_add(fl, dir, "directories nested too deep"), 1;
	DIR *d = opendir(dir);
	if (!d)
		return files_add(fl, dir, strerror(errno)), 1;
	frame *f = &w->stack[w->depth++];
	memset(f, 0, sizeof *f);
	f->dir = strdup(dir);
	f->dev = st.st_dev;
	f->ino = st.st_ino;
	size_t cap = 0;
	struct dirent *e;
	while ((e = readdir(d))) {
		if (e->d_name[0] == '.')
			continue;   /* ., .., and hidden entries such as .git */
		if (f->n == cap) {
			cap = cap ? cap * 2 : 32;
			char **v = realloc(f->names, cap * sizeof *v);
			if (!v)
				break;
			f->names = v;
		}
		size_t nl = strlen(e->d_name);
		char *nm = malloc(nl + 2);
		if (!nm)
			break;
		nm[0] = (char)e->d_type;   /* DT_REG needs no stat: most entries of a batch */
		memcpy(nm + 1, e->d_name, nl + 1);
		f->names[f->n++] = nm;
	}
	closedir(d);
	if (f->n)
		qsort(f->names, f->n, sizeof *f->names, by_str);
	return 0;
}

static void leave(file_walk *w)
{
	frame *f = &w->stack[--w->depth];
	for (size_t i = f->i; i < f->n; i++)
		free(f->names[i]);
	free(f->names);
	free(f->dir);
}

/* The next entry of the innermost directory: a .json file is listed, a
 * directory entered. 1 when something was listed. */
static int step(file_walk *w, file_list *fl)
{
	frame *f = &w->stack[w->depth - 1];
	if (f->i == f->n) {
		leave(w);
		return 0;
	}
	char *entry = f->names[f->i++], *name = entry + 1;
	unsigned char type = (unsigned char)entry[0];
	size_t len = strlen(f->dir) + strlen(name) + 2;
	char *p = malloc(len);
	int listed = 0;
	if (p) {
		snprintf(p, len, "%s%s%s", f->dir, f->dir[strlen(f->dir) - 1] == '/' ? "" : "/", name);
		struct stat cs;
		int reg = type == DT_REG;   /* from readdir: neither a link nor a directory, no stat needed */
		if (!reg && lstat(p, &cs) == 0 && S_ISLNK(cs.st_mode) && inside(w->root, p) == 0) {
			if (!w->quiet)
				fprintf(stderr, "jxlint: %s: a symbolic link out of %s; not followed (name it to lint it)\n", p,
					w->root);
		} else if (!reg && stat(p, &cs) == 0 && S_ISDIR(cs.st_mode)) {
			listed = enter(w, fl, p);
		} else {
			size_t nl = strlen(name);
			if (nl > 5 && !strcmp(name + nl - 5, ".json"))
				listed = !files_add(fl, p, NULL);
		}
		free(p);
	}
	free(entry);
	return listed;
}

file_walk *file_walk_open(const opts *o, int quiet)
{
	file_walk *w = calloc(1, sizeof *w);
	if (w) {
		w->o = o;
		w->quiet = quiet;
	}
	return w;
}

size_t file_walk_next(file_walk *w, file_list *fl, size_t max)
{
	memset(fl, 0, sizeof *fl);
	while (fl->n < max) {
		if (w->depth) {
			step(w, fl);
			if (!w->depth) {
				free(w->root);
				w->root = NULL;
			}
			continue;
		}
		if (w->arg >= w->o->npaths)
			break;
		const char *path = w->o->paths[w->arg++];
		struct stat st;
		if (stat(path, &st) == 0 && S_ISDIR(st.st_mode)) {
			w->root = realpath(path, NULL);
			enter(w, fl, path);
			if (!w->depth) {
				free(w->root);
				w->root = NULL;
			}
		} else {
			files_add(fl, path, NULL);
		}
	}
	return fl->n;
}

void file_walk_close(file_walk *w)
{
	if (!w)
		return;
	while (w->depth)
		leave(w);
	free(w->root);
	free(w);
}

size_t files_count(const opts *o)
{
	file_walk *w = file_walk_open(o, 1);
	size_t total = 0, k;
	file_list fl;
	while (w && (k = file_walk_next(w, &fl, 4096))) {
		total += k;
		files_release(&fl);
	}
	file_walk_close(w);
	return total;
}
