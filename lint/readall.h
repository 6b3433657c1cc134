/* readall.h — a whole regular file into memory, safely: never blocks on a FIFO or device, never past a size limit. */
#ifndef JXL_READALL_H
#define JXL_READALL_H

#include <stddef.h>

enum read_what {
	READ_OK = 0,
	READ_OPEN,        /* open failed: errnum */
	READ_DIR,         /* a directory */
	READ_SPECIAL,     /* not a regular file (FIFO, device, socket), or fstat failed */
	READ_TOO_LARGE,   /* size bytes, over the limit */
	READ_GREW,        /* grew past the limit while being read */
	READ_NOMEM,
	READ_IO           /* read failed: errnum */
};

typedef struct read_err {
	enum read_what what;
	int errnum;
	long long size;
} read_err;

/* The file at path, NUL-terminated (*len bytes before the NUL), at most max
 * bytes. It is opened O_NONBLOCK and read only when it is a regular file.
 * NULL with e filled; each caller words the reason its own way. */
char *read_all(const char *path, size_t max, size_t *len, read_err *e);

#endif
