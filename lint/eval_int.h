/* eval_int.h — what eval.c, eval_path.c and eval_fn.c share: value makers, outcomes, the step counter. Internal to the evaluator. */
#ifndef JXL_EVAL_INT_H
#define JXL_EVAL_INT_H

#include "eval.h"

ev_val eval_bool(int b);
ev_val eval_figv(const jxl_fig *f, int lit);
ev_val eval_missing(const expr *at, int absent);
ev_val eval_nodev(const jxl_node *n);
/* An EV_ERR value; the first error's code and message stay in e. */
ev_val eval_fail(eval_env *e, int code, const expr *at, const char *fmt, ...) __attribute__((format(printf, 4, 5)));
/* v, remembering the first missing path for the rule's note. */
ev_val eval_note_missing(eval_env *e, ev_val v);
/* Count one step: -1 (with EVE_STEPS) past the limit. */
int eval_step(eval_env *e, const expr *at);
/* 1 true, 0 false, -1 missing, -2 error, as a value. */
ev_val eval_tv(int t, const expr *at);

/* Absent, null, or written as missing ("—", "无"). */
int eval_empty_text(const jxl_node *n);
/* Could the node be read as a figure (nothing is reported)? */
int eval_readable_figure(const jxl_node *n);
int eval_exists_val(const ev_val *v);

jxl_fig *eval_copy_fig(eval_env *e, const jxl_fig *f);
/* Bring two figures to comparable units (DESIGN: a bare rule number next to money takes the money_unit). */
int eval_align(eval_env *e, ev_val *x, ev_val *y, const expr *at, const char *what);
ev_val eval_arith(eval_env *e, const expr *x, int op, ev_val a, ev_val b);

/* A path: one value, or a list (with want_list, or when it has [*], ** or a selection). */
ev_val eval_path(eval_env *e, const expr *x, int want_list);
ev_val eval_call(eval_env *e, const expr *x);
ev_val eval_quant(eval_env *e, const expr *x);

#endif
