/* readall_test.c — read_all on files of many sizes, at and over the limit, on what is not a regular file, and on files whose size fstat does not know. */
#include "readall.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "gen_random.h"

static int pass, fail;

static void check(int ok, const char *what, const char *detail)
{
	if (ok) {
		pass++;
	} else {
		fail++;
		printf("FAIL %s: %s\n", what, detail);
	}
}

static const char *write_file(const char *dir, size_t size, unsigned char *content)
{
	static char path[600];
	snprintf(path, sizeof path, "%s/f%zu", dir, size);
	for (size_t i = 0; i < size; i++)
		content[i] = (unsigned char)next();   /* NUL bytes included */
	FILE *f = fopen(path, "wb");
	if (!f || fwrite(content, 1, size, f) != size || fclose(f)) {
		perror(path);
		exit(2);
	}
	return path;
}

/* Every size around the buffer edges: the bytes read are the file's, NUL-terminated. */
static void sizes(const char *dir)
{
	static const size_t v[] = {1, 2, 15, 16, 17, 4095, 4096, 4097, 65535, 65536, 65537, 1000003};
	unsigned char *content = malloc(1000003);
	for (size_t k = 0; k < sizeof v / sizeof *v; k++) {
		const char *path = write_file(dir, v[k], content);
		size_t len = 0;
		read_err e;
		char *buf = read_all(path, 1u << 24, &len, &e);
		char d[100];
		snprintf(d, sizeof d, "size %zu: got %zu bytes, error %d", v[k], len, (int)e.what);
		check(buf && e.what == READ_OK && len == v[k] && !memcmp(buf, content, len) && buf[len] == '\0', "sizes", d);
		free(buf);
		/* exactly at the limit is read; one byte over is refused with its size */
		buf = read_all(path, v[k], &len, &e);
		check(buf && len == v[k], "at the limit", d);
		free(buf);
		buf = read_all(path, v[k] - 1, &len, &e);
		check(!buf && e.what == READ_TOO_LARGE && e.size == (long long)v[k], "over the limit", d);
	}
	free(content);
}

static void not_regular(const char *dir)
{
	size_t len;
	read_err e;
	char path[600];
	check(!read_all(dir, 100, &len, &e) && e.what == READ_DIR, "a directory", "not READ_DIR");
	snprintf(path, sizeof path, "%s/fifo", dir);
	if (mkfifo(path, 0600) == 0)   /* never blocks: opened without waiting for a writer, refused on fstat */
		check(!read_all(path, 100, &len, &e) && e.what == READ_SPECIAL, "a FIFO", "not READ_SPECIAL");
	check(!read_all("/dev/null", 100, &len, &e) && e.what == READ_SPECIAL, "a device", "not READ_SPECIAL");
	snprintf(path, sizeof path, "%s/absent", dir);
	check(!read_all(path, 100, &len, &e) && e.what == READ_OPEN && e.errnum == ENOENT, "an absent file", "not READ_OPEN/ENOENT");
	snprintf(path, sizeof path, "%s/empty", dir);
	FILE *f = fopen(path, "w");
	if (f)
		fclose(f);
	char *buf = read_all(path, 100, &len, &e);
	check(buf && len == 0 && buf[0] == '\0', "an empty file", "not read as 0 bytes");
	free(buf);
}

/* /proc files are regular files whose fstat size is 0: they are read to
 * their end all the same (a short read is the end only at fstat's size),
 * and one longer than the limit is seen growing past it. */
static void size_unknown(void)
{
	size_t len = 0;
	read_err e;
	struct stat st;
	if (stat("/proc/self/status", &st) || !S_ISREG(st.st_mode) || st.st_size != 0)
		return;   /* not Linux's /proc */
	char *buf = read_all("/proc/self/status", 1u << 20, &len, &e);
	char d[100];
	snprintf(d, sizeof d, "got %zu bytes, error %d", len, (int)e.what);
	check(buf && len > 100 && !strncmp(buf, "Name:", 5) && strlen(buf) == len && buf[len - 1] == '\n', "/proc/self/status", d);
	free(buf);
	buf = read_all("/proc/self/status", 10, &len, &e);
	check(!buf && e.what == READ_GREW, "/proc/self/status over 10 bytes", "not READ_GREW");
	/* smaps comes a page or so per read: short reads that are not its end */
	static char chunk[1 << 16];
	size_t total = 0, reads = 0;
	int fd = open("/proc/self/smaps", O_RDONLY);
	for (ssize_t k; fd >= 0 && (k = read(fd, chunk, sizeof chunk)) > 0; reads++)
		total += (size_t)k;
	if (fd >= 0)
		close(fd);
	if (reads < 4)
		return;   /* too short here to show it */
	buf = read_all("/proc/self/smaps", 1u << 24, &len, &e);
	snprintf(d, sizeof d, "%zu bytes in %zu reads, read_all %zu", total, reads, len);
	check(buf && len + 2048 > total && buf[len - 1] == '\n', "/proc/self/smaps (short reads)", d);   /* its maps may change a little */
	free(buf);
}

int main(void)
{
	char dir[] = "/tmp/jxlint-readall-XXXXXX";
	if (!mkdtemp(dir)) {
		perror("mkdtemp");
		return 2;
	}
	sizes(dir);
	not_regular(dir);
	size_unknown();
	char cmd[700];
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
	if (system(cmd) != 0)
		fprintf(stderr, "readall_test: could not remove %s\n", dir);
	printf("%d passed, %d failed\n", pass, fail);
	return fail != 0;
}
