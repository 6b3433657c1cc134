/* report.h — the output formats' common interface; each format is its own file (report_*.c). */
#ifndef JXL_REPORT_H
#define JXL_REPORT_H

#include <stdio.h>

#include "opts.h"
#include "version.h"
#include "rules.h"
#include "run.h"

typedef struct summary {
	size_t files;
	size_t counts[4];          /* by severity 1..3 */
	size_t files_with_errors;
	size_t unreadable;         /* files that could not be read at all */
	size_t unchecked;          /* figures or parts that could not be checked */
	size_t baselined;          /* findings dropped because --baseline records them */
	int exit_code;             /* decided by main before end() */
} summary;

typedef struct reporter {
	FILE *out;
	const opts *o;
	const registry *reg;
	size_t nfindings;          /* written so far */
	void (*begin)(struct reporter *);
	void (*file)(struct reporter *, const file_result *);
	void (*end)(struct reporter *, const summary *);
} reporter;

void report_text_init(reporter *r);
void report_json_init(reporter *r);
void report_sarif_init(reporter *r);

/* The message in the run's language. */
const char *report_msg(const reporter *r, const char *zh, const char *en);
/* Write s as a JSON string (quotes included). */
void report_json_str(FILE *out, const char *s);

#endif
