/* readall.c — a whole regular file into memory, safely: never blocks on a FIFO or device, never past a size limit. */
#include "readall.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static char *fail(read_err *e, enum read_what what, int errnum, int fd, char *buf)
{
	e->what = what;
	e->errnum = errnum;
	if (fd >= 0)
		close(fd);
	free(buf);
	return NULL;
}

char *read_all(const char *path, size_t max, size_t *len, read_err *e)
{
	memset(e, 0, sizeof *e);
	int fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY);
	if (fd < 0)
		return fail(e, READ_OPEN, errno, -1, NULL);
	struct stat st;
	if (fstat(fd, &st) != 0)
		return fail(e, READ_SPECIAL, 0, fd, NULL);
	if (!S_ISREG(st.st_mode))
		return fail(e, S_ISDIR(st.st_mode) ? READ_DIR : READ_SPECIAL, 0, fd, NULL);
	e->size = (long long)st.st_size;
	if ((size_t)st.st_size > max)
		return fail(e, READ_TOO_LARGE, 0, fd, NULL);
	size_t cap = (size_t)st.st_size + 1, got = 0;   /* +1: a file that grows is seen growing */
	char *buf = malloc(cap + 1);
	if (!buf)
		return fail(e, READ_NOMEM, 0, fd, NULL);
	for (;;) {
		if (got == cap) {
			if (cap > max)
				return fail(e, READ_GREW, 0, fd, buf);
			char *b = realloc(buf, cap * 2 + 1);
			if (!b)
				return fail(e, READ_NOMEM, 0, fd, buf);
			buf = b;
			cap *= 2;
		}
		ssize_t k = read(fd, buf + got, cap - got);
		if (k < 0 && errno == EINTR)
			continue;
		if (k < 0)
			return fail(e, READ_IO, errno, fd, buf);
		if (k == 0)
			break;
		got += (size_t)k;
		/* A short read at the size fstat gave is the end: the read that
		 * would only return 0 is saved. Elsewhere (a file whose size fstat
		 * does not know, such as /proc's) reading goes on until 0. */
		if (got < cap && got == (size_t)st.st_size)
			break;
	}
	close(fd);
	buf[got] = '\0';
	*len = got;
	return buf;
}
