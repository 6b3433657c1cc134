/* config_int.h — what config.c (finding and assigning configurations) and config_read.c (reading one file) share. Internal. */
#ifndef JXL_CONFIG_INT_H
#define JXL_CONFIG_INT_H

#include <string.h>

#include "config.h"

static inline int config_ends_with(const char *s, const char *suffix)
{
	size_t a = strlen(s), b = strlen(suffix);
	return a >= b && !strcmp(s + a - b, suffix);
}

/* Does the name say native code (a .so, .dylib or .dll)? A configuration and --pack never load it. */
static inline int config_is_native(const char *s)
{
	return config_ends_with(s, ".so") || strstr(s, ".so.") || config_ends_with(s, ".dylib") || config_ends_with(s, ".dll");
}

config *config_new(void);
void config_free(config *c);
/* Enable p in c (once; a pack already there keeps its place). 0, or -1 out of memory. */
int config_add_pack(config *c, pack *p, int from);
/* Load the configuration file at path (real, absolute) for the repository dir,
 * once per run (a path loaded before gives the same config): NULL with
 * located errors in errs when it is refused. */
config *config_load(config_set *cs, const char *path, const char *dir, pack_errs *errs);

#endif
