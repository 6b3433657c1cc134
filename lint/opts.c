/* opts.c — command-line options: the table, parsing, usage text. */
#include "opts.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static const char usage_text[] =
"usage: jxlint [options] FILE|DIR...\n"
"       jxlint extract REPORT.txt      print the submission JSON read from a narrative report\n"
"       jxlint --list-rules | --explain RULE | --print-config FILE\n"
"       jxlint rules check [PACK...]   validate rule packs (default: every pack of the install)\n"
"\n"
"Checks the figures in budget-performance self-evaluation submissions\n"
"(绩效自评报告/自评表). A directory means every *.json under it.\n"
"\n"
"  -f, --format FMT        text (default), json, sarif\n"
"      --lang zh|en        language of messages (default: from LC_ALL/LC_MESSAGES/LANG)\n"
"  -j, --jobs N            lint files on N threads (output identical to -j 1)\n"
"      --max-warnings N    exit 1 when there are more than N warnings\n"
"  -q, --quiet             report errors only\n"
"      --parse-only        read, decode and parse every file, build its document, run no rules:\n"
"                          a benchmarking aid (the floor bench/run.sh compares with)\n"
"      --timing            after the run, print on stderr the time each part took: reading,\n"
"                          parsing, each plugin, each pack rule (costliest first)\n"
"      --rule ID=SEVERITY  set a rule's severity: error, warning, info or off (ID may be a glob)\n"
"      --plugin FILE       load another rule plugin (native code: only from the command line)\n"
"      --rules-dir DIR     load the built-in rule plugins from DIR\n"
"      --encoding NAME     read inputs in this encoding (default: detect)\n"
"      --input json|text   how to read inputs (default: .txt/.md are text reports)\n"
"      --max-file-size N   refuse inputs larger than N bytes (default 64 MiB)\n"
"      --changed[=REF]     lint the files git sees as changed against REF (default HEAD:\n"
"                          staged, unstaged, untracked); with paths, only those below them\n"
"      --baseline FILE     report only findings that FILE (from --write-baseline) does not record\n"
"      --write-baseline FILE  record today's findings in FILE, to adopt jxlint on existing data\n"
"      --pack NAME|FILE    check with a declarative rule pack too (rules.d/NAME.json, or a file)\n"
"      --config FILE       use this configuration for every file (no .jxlint.json discovery)\n"
"      --no-config         use no configuration file\n"
"      --list-rules        list every rule with its id, severity, source and summary\n"
"      --explain RULE      print a rule's documentation, formula and example\n"
"      --print-config FILE print the configuration in force for FILE (JSON)\n"
"  -h, --help              this text\n"
"      --version           print the version\n"
"\n"
"Exit status: 0 no errors (and warnings within --max-warnings), 1 errors or\n"
"too many warnings, 2 usage error or an input that could not be read.\n";

void opts_usage(FILE *out)
{
	fputs(usage_text, out);
}

static enum lang lang_from_env(void)
{
	const char *vars[] = {"LC_ALL", "LC_MESSAGES", "LANG"};
	for (size_t i = 0; i < 3; i++) {
		const char *v = getenv(vars[i]);
		if (v && *v)
			return !strncmp(v, "zh", 2) ? LANG_ZH : LANG_EN;
	}
	return LANG_EN;
}

static int push(const char ***v, size_t *n, const char *s)
{
	const char **nv = realloc(*v, (*n + 1) * sizeof *nv);
	if (!nv)
		return -1;
	nv[(*n)++] = s;
	*v = nv;
	return 0;
}

static int parse_long(const char *s, long lo, long hi, long *out)
{
	char *end;
	long v = strtol(s, &end, 10);
	if (!*s || *end || v < lo || v > hi)
		return -1;
	*out = v;
	return 0;
}

/* "--name=value" or "--name value" */
static const char *value_of(int argc, char **argv, int *i, const char *arg, const char *name)
{
	size_t len = strlen(name);
	if (strncmp(arg, name, len))
		return NULL;
	if (arg[len] == '=')
		return arg + len + 1;
	if (arg[len] == '\0' && *i + 1 < argc)
		return argv[++*i];
	return NULL;
}

int opts_parse(opts *o, int argc, char **argv, char *why, size_t n)
{
	memset(o, 0, sizeof *o);
	o->jobs = 1;
	o->max_warnings = -1;
	o->max_file_size = OPTS_DEFAULT_MAX_FILE;
	o->input_text = -1;
	o->lang = lang_from_env();
	int i = 1;
	if (argc > 1 && !strcmp(argv[1], "extract")) {
		o->cmd = CMD_EXTRACT;
		o->input_text = 1;
		i = 2;
	} else if (argc > 1 && !strcmp(argv[1], "rules")) {
		if (argc < 3 || strcmp(argv[2], "check"))
			return snprintf(why, n, "'jxlint rules' takes 'check' (jxlint rules check [PACK...])"), -1;
		o->cmd = CMD_CHECK_PACKS;
		i = 3;
	}
	int only_paths = 0;
	for (; i < argc; i++) {
		const char *a = argv[i], *v;
		long num;
		if (only_paths || a[0] != '-' || !strcmp(a, "-")) {
			if (push(&o->paths, &o->npaths, a))
				return snprintf(why, n, "out of memory"), -1;
			continue;
		}
		if (!strcmp(a, "--")) {
			only_paths = 1;
		} else if (!strcmp(a, "-h") || !strcmp(a, "--help")) {
			o->cmd = CMD_HELP;
		} else if (!strcmp(a, "--version")) {
			o->cmd = CMD_VERSION;
		} else if (!strcmp(a, "--list-rules")) {
			o->cmd = CMD_LIST_RULES;
		} else if (!strcmp(a, "--check-packs")) {
			o->cmd = CMD_CHECK_PACKS;
		} else if ((v = value_of(argc, argv, &i, a, "--explain"))) {
			o->cmd = CMD_EXPLAIN;
			o->explain = v;
		} else if ((v = value_of(argc, argv, &i, a, "--print-config"))) {
			o->cmd = CMD_PRINT_CONFIG;
			o->print_config = v;
		} else if ((v = value_of(argc, argv, &i, a, "--pack"))) {
			if (push(&o->packs, &o->npacks, v))
				return snprintf(why, n, "out of memory"), -1;
		} else if ((v = value_of(argc, argv, &i, a, "--config"))) {
			o->config_file = v;
		} else if (!strcmp(a, "--no-config")) {
			o->no_config = 1;
		} else if (!strcmp(a, "-q") || !strcmp(a, "--quiet")) {
			o->quiet = 1;
		} else if (!strcmp(a, "--parse-only")) {
			o->parse_only = 1;
		} else if (!strcmp(a, "--timing")) {
			o->timing = 1;
		} else if ((v = value_of(argc, argv, &i, a, "--format")) || (v = value_of(argc, argv, &i, a, "-f"))) {
			if (!strcmp(v, "text")) o->format = FMT_TEXT;
			else if (!strcmp(v, "json")) o->format = FMT_JSON;
			else if (!strcmp(v, "sarif")) o->format = FMT_SARIF;
			else return snprintf(why, n, "unknown format '%s' (text, json or sarif)", v), -1;
		} else if ((v = value_of(argc, argv, &i, a, "--lang"))) {
			if (!strcmp(v, "zh")) o->lang = LANG_ZH;
			else if (!strcmp(v, "en")) o->lang = LANG_EN;
			else return snprintf(why, n, "unknown language '%s' (zh or en)", v), -1;
		} else if ((v = value_of(argc, argv, &i, a, "--jobs")) || (v = value_of(argc, argv, &i, a, "-j"))) {
			if (parse_long(v, 1, OPTS_MAX_JOBS, &num))
				return snprintf(why, n, "-j takes a number from 1 to %d, not '%s'", OPTS_MAX_JOBS, v), -1;
			o->jobs = (int)num;
		} else if (!strncmp(a, "-j", 2) && a[2]) {
			if (parse_long(a + 2, 1, OPTS_MAX_JOBS, &num))
				return snprintf(why, n, "-j takes a number from 1 to %d, not '%s'", OPTS_MAX_JOBS, a + 2), -1;
			o->jobs = (int)num;
		} else if ((v = value_of(argc, argv, &i, a, "--max-warnings"))) {
			if (parse_long(v, 0, 1000000000L, &num))
				return snprintf(why, n, "--max-warnings takes a number ≥ 0, not '%s'", v), -1;
			o->max_warnings = num;
		} else if ((v = value_of(argc, argv, &i, a, "--max-file-size"))) {
			if (parse_long(v, 1, 1L << 40, &num))
				return snprintf(why, n, "--max-file-size takes a number of bytes, not '%s'", v), -1;
			o->max_file_size = num;
		} else if ((v = value_of(argc, argv, &i, a, "--rule"))) {
			if (push(&o->overrides, &o->noverrides, v))
				return snprintf(why, n, "out of memory"), -1;
		} else if ((v = value_of(argc, argv, &i, a, "--plugin"))) {
			if (push(&o->plugins, &o->nplugins, v))
				return snprintf(why, n, "out of memory"), -1;
		} else if ((v = value_of(argc, argv, &i, a, "--rules-dir"))) {
			o->rules_dir = v;
		} else if ((v = value_of(argc, argv, &i, a, "--encoding"))) {
			o->encoding = v;
		} else if (!strcmp(a, "--changed")) {
			o->changed = "HEAD";
		} else if (!strncmp(a, "--changed=", 10)) {
			o->changed = a + 10;
		} else if ((v = value_of(argc, argv, &i, a, "--write-baseline"))) {
			o->write_baseline = v;
		} else if ((v = value_of(argc, argv, &i, a, "--baseline"))) {
			o->baseline = v;
		} else if ((v = value_of(argc, argv, &i, a, "--input"))) {
			if (!strcmp(v, "text")) o->input_text = 1;
			else if (!strcmp(v, "json")) o->input_text = 0;
			else return snprintf(why, n, "--input takes json or text, not '%s'", v), -1;
		} else {
			return snprintf(why, n, "unknown option '%s' (see jxlint --help)", a), -1;
		}
	}
	if (o->cmd == CMD_LINT && !o->npaths && !o->changed)
		return snprintf(why, n, "no files to lint (see jxlint --help)"), -1;
	if (o->cmd == CMD_EXTRACT && o->npaths != 1)
		return snprintf(why, n, "extract takes exactly one report file"), -1;
	if (o->config_file && o->no_config)
		return snprintf(why, n, "--config and --no-config contradict each other"), -1;
	o->color = 0;
	return 0;
}

void opts_release(opts *o)
{
	free(o->paths);
	free(o->plugins);
	free(o->packs);
	free(o->overrides);
	memset(o, 0, sizeof *o);
}
