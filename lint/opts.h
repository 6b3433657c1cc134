/* opts.h — command-line options: the table, parsing, usage text. */
#ifndef JXL_OPTS_H
#define JXL_OPTS_H

#include <stddef.h>
#include <stdio.h>

#define OPTS_DEFAULT_MAX_FILE (64L * 1024 * 1024)   /* bytes; --max-file-size */
#define OPTS_MAX_JOBS 256

enum out_format { FMT_TEXT, FMT_JSON, FMT_SARIF };
enum lang { LANG_EN, LANG_ZH };
enum command { CMD_LINT, CMD_LIST_RULES, CMD_EXTRACT, CMD_HELP, CMD_VERSION, CMD_EXPLAIN, CMD_PRINT_CONFIG, CMD_CHECK_PACKS };

typedef struct opts {
	enum command cmd;
	enum out_format format;
	enum lang lang;
	int jobs;
	long max_warnings;          /* -1: no limit */
	int quiet;
	int color;
	long max_file_size;
	int parse_only;             /* --parse-only: read and parse, run no rules (a benchmarking aid) */
	int timing;                 /* --timing: the time of each part, on stderr after the run */
	const char *encoding;       /* --encoding, or NULL */
	int input_text;             /* --input text (1), json (0), or by extension (-1) */
	const char *rules_dir;      /* --rules-dir */
	const char **plugins;       /* --plugin */
	size_t nplugins;
	const char **overrides;     /* --rule ID=SEV */
	size_t noverrides;
	const char *changed;        /* --changed[=REF]: lint the files changed against REF (default HEAD), or NULL */
	const char *baseline;       /* --baseline FILE: drop the findings it records */
	const char *write_baseline; /* --write-baseline FILE: record today's findings */
	const char **packs;         /* --pack NAME|FILE: declarative rule packs for every file */
	size_t npacks;
	const char *config_file;    /* --config FILE: this configuration for every file, no discovery */
	int no_config;              /* --no-config */
	const char *explain;        /* --explain RULE */
	const char *print_config;   /* --print-config FILE */
	const char **paths;
	size_t npaths;
} opts;

/* Parse argv. Returns 0, or -1 with a message in why (usage error: exit 2). */
int opts_parse(opts *o, int argc, char **argv, char *why, size_t n);
void opts_release(opts *o);
void opts_usage(FILE *out);

#endif
