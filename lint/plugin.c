/* plugin.c — load rule plugins with dlopen and check the ABI handshake before trusting them. */
#include <dirent.h>
#include <dlfcn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "host.h"
#include "rules.h"

int plugin_load(registry *r, const char *path, char *why, size_t n)
{
	void *h = dlopen(path, RTLD_NOW | RTLD_LOCAL);
	if (!h) {
		snprintf(why, n, "cannot load plugin %s: %s", path, dlerror());
		return -1;
	}
	jxl_plugin_entry_fn entry;
	*(void **)&entry = dlsym(h, JXL_PLUGIN_ENTRY_NAME);
	if (!entry) {
		snprintf(why, n, "%s is not a jxlint plugin (no %s symbol)", path, JXL_PLUGIN_ENTRY_NAME);
		dlclose(h);
		return -1;
	}
	jxl_plugin p;
	memset(&p, 0, sizeof p);
	char pwhy[200] = "";
	if (entry(host_table(), &p, pwhy, sizeof pwhy) != 0) {
		snprintf(why, n, "plugin %s refused to load: %s", path, pwhy[0] ? pwhy : "no reason given");
		dlclose(h);
		return -1;
	}
	if (p.abi_version != JXL_ABI_VERSION || p.size < offsetof(jxl_plugin, check) + sizeof p.check || !p.check) {
		snprintf(why, n, "plugin %s was built for ABI %u (this jxlint speaks %d) or is incomplete",
			 path, p.abi_version, JXL_ABI_VERSION);
		dlclose(h);
		return -1;
	}
	plugin_ent *v = realloc(r->plugins, (r->nplugins + 1) * sizeof *v);
	if (!v) {
		dlclose(h);
		snprintf(why, n, "out of memory");
		return -1;
	}
	r->plugins = v;
	char *owned = strdup(path);
	for (size_t i = 0; i < p.nrules; i++) {
		char rwhy[200];
		if (registry_add(r, &p.rules[i], owned, rwhy, sizeof rwhy)) {
			snprintf(why, n, "plugin %s: %s", path, rwhy);
			size_t keep = r->nrules;   /* roll back this plugin's rules */
			while (keep && r->rules[keep - 1].origin == owned)
				keep--;
			registry_truncate(r, keep);
			free(owned);
			dlclose(h);
			return -1;
		}
	}
	plugin_ent *e = &r->plugins[r->nplugins++];
	e->handle = h;
	e->p = p;
	e->path = owned;
	return 0;
}

static int by_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

int plugin_load_dir(registry *r, const char *dir, char *why, size_t n)
{
	DIR *d = opendir(dir);
	if (!d) {
		snprintf(why, n, "cannot open rules directory %s", dir);
		return -1;
	}
	char **names = NULL;
	size_t count = 0;
	struct dirent *e;
	while ((e = readdir(d))) {
		size_t len = strlen(e->d_name);
		if (len < 4 || strcmp(e->d_name + len - 3, ".so"))
			continue;
		char **nv = realloc(names, (count + 1) * sizeof *nv);
		if (!nv)
			break;
		names = nv;
		names[count++] = strdup(e->d_name);
	}
	closedir(d);
	if (count)
		qsort(names, count, sizeof *names, by_name);
	int rc = 0;
	for (size_t i = 0; i < count; i++) {
		if (!rc) {
			char path[4096];
			snprintf(path, sizeof path, "%s/%s", dir, names[i]);
			rc = plugin_load(r, path, why, n);
		}
		free(names[i]);
	}
	free(names);
	return rc;
}

void plugin_unload_all(registry *r)
{
	for (size_t i = 0; i < r->nplugins; i++) {
		/* leave the code mapped under sanitizers so leak reports keep symbols */
		if (!getenv("JXLINT_NO_DLCLOSE"))
			dlclose(r->plugins[i].handle);
		free(r->plugins[i].path);
	}
	free(r->plugins);
	r->plugins = NULL;
	r->nplugins = 0;
}
