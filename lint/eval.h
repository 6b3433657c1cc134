/* eval.h — evaluate rule expressions over one document: exact decimals with precision intervals, explicit outcomes, a step limit.
 *
 * Every value is exact (fig.h: scaled decimals with the interval their
 * stated precision allows). A missing figure, a division by zero, a type or
 * unit mismatch and running out of steps are values too (EV_MISSING,
 * EV_ERR), never a crash: the caller (packrun.c) skips the rule and says why.
 * Library code: never prints, never exits.
 */
#ifndef JXL_EVAL_H
#define JXL_EVAL_H

#include "expr.h"
#include "fig.h"
#include "host.h"

/* Limits, each tested at the limit and one past it (tests/expr/limits.tsv). */
#define EVAL_MAX_STEPS 200000   /* per evaluation of one rule on one document */

enum ev_type {
	EV_MISSING = 0,  /* absent, null, written as missing ("—"), or unreadable */
	EV_BOOL,
	EV_FIG,
	EV_STR,
	EV_NODE,         /* a value of the submission, not yet read as a figure or text */
	EV_LIST,
	EV_ERR           /* see eval_env.err */
};

enum eval_errcode { EVE_NONE = 0, EVE_DIV0, EVE_TYPE, EVE_UNIT, EVE_STEPS, EVE_OVERFLOW, EVE_AMBIGUOUS };

typedef struct ev_val ev_val;
struct ev_val {                /* 32 bytes: values are copied a lot */
	unsigned char t;           /* enum ev_type */
	unsigned char b;           /* EV_BOOL: 0 or 1; EV_LIST: a selection (for "N elements match") */
	unsigned absent : 1;       /* EV_MISSING: no such key (as opposed to written as missing) */
	unsigned isnull : 1;       /* EV_MISSING: the literal null */
	unsigned lit : 1;          /* EV_FIG: written in the rule (bare numbers take the money_unit next to money) */
	unsigned n;                /* EV_LIST: elements (a list is never longer than EVAL_MAX_STEPS) */
	union {
		const jxl_fig *f;      /* EV_FIG */
		const char *s;         /* EV_STR */
		ev_val *items;         /* EV_LIST */
	};
	const jxl_node *node;      /* EV_NODE; for EV_FIG/EV_STR the node it was read from, if any */
	const expr *at;            /* EV_MISSING: the path that was missing */
};

/* A pack's template of score weights (pack.c builds it; weight() reads it). */
typedef struct tmpl_node {
	const char **names;        /* aliases; matched ignoring blanks and quote marks */
	const char **norms;        /* the same without them (eval_norm_name), or NULL: made when needed */
	size_t *lens, *nlens;      /* strlen of each name and of its norm, or NULL */
	size_t nnames;
	const char *kind;          /* or matched by "kind" (execution, bonus) */
	dec max;
	int has_max;
	int bonus;                 /* "kind": "bonus": not counted in its parent's total */
	struct tmpl_node *items;
	size_t nitems;
	int line, col;             /* in the pack */
	unsigned long serial;      /* the root's: its pack's serial (pack_prepare.c), or 0 */
	const jxl_fig *maxfig;     /* max as weight() gives it (pack_prepare.c), or NULL: made when asked for */
} tmpl_node;

/* Extra tolerance from configuration, added to the stated precision. */
typedef struct eval_tol {
	int has_money, has_percent, has_number;
	dec money;                 /* 元 */
	dec percent;               /* percent points */
	dec number;                /* counts, scores, plain numbers */
} eval_tol;

/* Members already looked up, by object and key (the same key text is one
 * pointer within a pack: pack.c interns them): a pack run on one document
 * looks up i.level1 of each indicator a dozen times. An entry is valid for
 * one document: packrun_doc starts a new generation for each. */
#define EVAL_KEYCACHE 1024
typedef struct eval_keyslot {
	unsigned long gen;
	const jxl_node *obj;
	const char *key;
	const jxl_node *val;   /* the member, or NULL */
} eval_keyslot;
typedef struct eval_keycache {
	unsigned long gen;
	eval_keyslot v[EVAL_KEYCACHE];
} eval_keycache;

typedef struct eval_env {
	jxl_ctx *ctx;              /* figures are read through the host: each unreadable one is reported once */
	const jxl_doc *doc;
	arena *a;
	long steps, max_steps;
	const eval_tol *tol;       /* or NULL */
	eval_keycache *kc;         /* or NULL */
	const tmpl_node *tmpl;     /* or NULL */
	const char *wname;         /* the last name weight() looked up in tmpl (within one rule; wlen long), */
	size_t wlen;
	const tmpl_node *wnode;    /* and what it found: rows often repeat a name */
	/* The last list of nodes a path with [*] or ** reached, and the steps it
	 * took: an assertion and its lets go through scores.items** each. */
	const expr *walk_x;
	const jxl_node *walk_from;
	const jxl_node *const *walk_v;
	size_t walk_n;
	long walk_steps;
	int walk_rc;
	const jxl_node *as_topnode; /* the top-level value the last figure read is in, */
	int as_top;                /* how figures there are read, */
	const jxl_node *as_gp;     /* and the figure's grandparent (below that value), or NULL */
	const jxl_node *wfor;      /* the last node weight() looked up, */
	const tmpl_node *wfor_t;   /* and its template node */
	expr *const *lets;         /* the rule's named sub-expressions, by slot */
	size_t nlets;
	ev_val *letv;
	unsigned char *letstate;   /* 0 not yet, 1 being evaluated, 2 done */
	unsigned long letruns;     /* lets evaluated so far (packrun.c's format_msg) */
	/* The last comparison of two figures: what a message's {lhs} {rhs} {diff} show. */
	const expr *cmp;           /* or NULL: then lhs and rhs mean nothing */
	int cmp_held;              /* did that comparison hold? */
	/* The first error (EV_ERR) and the first missing path. */
	int err;
	const expr *err_at;
	const expr *missing_at;
	/* Not cleared by eval_init: each is written before it is read. */
	ev_val lhs, rhs;
	ev_val vars[EXPR_MAX_VARS + 16];   /* bound by the iterations in scope (expr_resolve gives slots only to those) */
	char err_msg[240];         /* written with err */
} eval_env;

/* Start an evaluation of one rule on one document (steps and outcomes reset). */
void eval_init(eval_env *e, jxl_ctx *ctx, const jxl_doc *doc, arena *a);
void eval_set_lets(eval_env *e, expr *const *lets, size_t n);

ev_val eval_expr(eval_env *e, const expr *x);
/* 1 true, 0 false, -1 missing, -2 error (EV_ERR, or not a truth value: sets err). */
int eval_truth(eval_env *e, ev_val v);
/* eval_truth(e, eval_expr(e, x)), the same steps and outcomes, without
 * building the values of conditions (and, or, not, ==, exists) on the way. */
int eval_cond(eval_env *e, const expr *x);
/* Values gone through one by one: a list's values, or nodes of the
 * submission (element i is then the value {EV_NODE, nodes[i], at}). */
typedef struct eval_seq {
	const ev_val *vals;        /* or NULL */
	const jxl_node *const *nodes;
	size_t n;
	const expr *at;
} eval_seq;

static inline ev_val eval_seq_get(const eval_seq *s, size_t i)
{
	if (s->vals)
		return s->vals[i];
	return (ev_val){.t = EV_NODE, .node = s->nodes[i], .at = s->at};
}

/* The elements `x in SEQ` iterates: a list, an array's elements or an
 * object's member values. Returns 0, or -1 with *fail the missing or error value. */
int eval_items(eval_env *e, const expr *seq, eval_seq *items, ev_val *fail);
/* Read a value as a figure: EV_FIG, EV_MISSING or EV_ERR. */
ev_val eval_fig(eval_env *e, ev_val v);
/* x − y with units aligned, or NULL. */
const jxl_fig *eval_diff(eval_env *e, ev_val x, ev_val y);

/* Text of a value for a message: a stated figure as written, a computed
 * one at sensible precision, a name for an object of the submission. */
const char *eval_text(eval_env *e, ev_val v, int zh);
/* Where a value was stated: its node, or NULL. */
const jxl_node *eval_node_of(ev_val v);
/* The path a missing value came from, as text ("income.total"). */
const char *eval_missing_text(eval_env *e, const expr *at);

/* A name without blanks and quote marks, as weight() matches names (“三公”经费
 * = "三公"经费 = 三公经费), at most cap − 1 bytes. Returns its length. */
size_t eval_norm_name(const char *s, char *out, size_t cap);
#define EVAL_NAME_MAX 256      /* the cap weight() normalises names with */

/* The first template node named `name` (weight('name')). */
const tmpl_node *eval_tmpl_by_name(const tmpl_node *t, const char *name);

/* How figures at n are read (enum jxl_as), from where n is in the submission. */
int eval_as_for(const jxl_doc *d, const jxl_node *n);

#endif
