/* host.h — the host side of the plugin ABI: the services table, check contexts, core findings. */
#ifndef JXL_HOST_H
#define JXL_HOST_H

#include <jxlint/rule.h>

#include "arena.h"
#include "diag.h"
#include "doc.h"
#include "fig.h"
#include "rules.h"

/* A sum relation as checked, kept to find a single culprit (locate.c). */
typedef struct relation {
	const jxl_fig *total;
	const jxl_fig **parts;
	const int *signs;
	size_t nparts;
	int broken;
	size_t finding;            /* index in the diag when broken */
} relation;

#define HOST_SMALL_INTS 101   /* the integers plugins compare with most (0, 10, 60, 90, 100): one figure each per file */

/* One file's checking state, shared by every check call on it. */
typedef struct check_env {
	arena *a;
	diag *dg;
	const registry *reg;
	relation *rel;
	size_t nrel, relcap;
	const struct config *cfg;  /* the file's configuration (config.h): severities, tolerance; NULL for none */
	const jxl_fig *small_int[HOST_SMALL_INTS];   /* from_int(0..100), made once per file (figures are read-only) */
} check_env;

struct jxl_ctx {
	check_env *env;
	const jxl_doc *doc;
	const char *origin;        /* plugin path, or "core" */
};

const jxl_host *host_table(void);

/* The severity of rule for this file: its default, then the file's
 * configuration, then the command line's --rule; 0 = off. */
int host_severity(const check_env *env, const char *rule);

/* host_fig for a node not read as `as` yet: reads it, keeps it, reports it. */
const jxl_fig *host_fig_first(jxl_ctx *ctx, const jxl_node *n, int as);

/* Read a figure, reporting input/figure or input/unit once per node.
 * Inline: most calls find the figure kept on the node already. */
static inline const jxl_fig *host_fig(jxl_ctx *ctx, const jxl_node *n, int as)
{
	if (!n || as < 1 || as >= DOC_AS_SLOTS)
		return NULL;
	if (n->figs && n->figs->done[as])
		return n->figs->fig[as];
	return host_fig_first(ctx, n, as);
}

/* Emit a core finding at n (or at line:col when n is NULL). */
finding *host_emit_core(jxl_ctx *ctx, const jxl_node *n, int line, int col, const char *rule,
			int severity, const char *msg_zh, const char *msg_en);

/* A finding of rule at n (or at line:col when n is NULL), its severity
 * resolved (severity 0: the rule's); NULL when it is off or suppressed
 * there. The caller fills its texts. */
finding *host_add_at(jxl_ctx *ctx, const jxl_node *n, int line, int col, const char *rule, int severity);

/* host_check.c: the stated, computed and difference texts of f (the
 * difference computed when df is NULL and the units agree) and the
 * tolerance they were compared with; places as fig_text takes them. */
void host_fill_figures(jxl_ctx *ctx, finding *f, const jxl_fig *st, const jxl_fig *co, const jxl_fig *df, int places);
/* The check_sum and check_rate of the host table (jxlint/rule.h). */
int host_check_sum(jxl_ctx *ctx, const jxl_sum *s);
int host_check_rate(jxl_ctx *ctx, const jxl_rate *r);

/* Remember that the suppression sup silenced something (it is not reported as unused). */
void host_note_used(check_env *env, const jxl_node *sup);

/* Findings that only the whole file can tell: unused suppressions. */
void host_finish(jxl_ctx *ctx);

/* claim.c */
int claim_check(jxl_ctx *ctx, const char *rule, const jxl_node *text);

/* locate.c: name the one figure that would reconcile every broken sum. */
void locate_culprits(check_env *env, const jxl_doc *d);

#endif
