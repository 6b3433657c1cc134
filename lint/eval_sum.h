/* eval_sum.h — sum()'s additions of figures of one unit, the chain fig_add makes, without a figure for each element. */
#ifndef JXL_EVAL_SUM_H
#define JXL_EVAL_SUM_H

#include "fig.h"

/* A run of additions kept in one register while every figure added is
 * exact (fig_exact, fig.h: the chain's value, bit for bit) and made a
 * figure only when the run ends, with the marks combine() gives a chain
 * (fig_marks). tests/sum_run_test.c holds it to the chain of fig_add. */
typedef struct sum_run {
	const jxl_fig *base;       /* the figure the run adds to, or NULL: no run */
	size_t n;                  /* figures added to it */
	fig_exact x;
	fig_marks m;               /* the chain's marks (its figures are exact: no open ends) */
} sum_run;

/* Add y to base in run r (starting one on base): 1, or 0 with the run as
 * it was (y, or base, is not exact). */
static inline int sum_run_take(sum_run *r, const jxl_fig *base, const jxl_fig *y)
{
	if (!r->base) {
		fig_exact_start(&r->x, base, 1);
		if (!fig_exact_add(&r->x, base, 1))
			return 0;
		r->base = base;
		r->n = 0;
		r->m = fig_marks_start(1);
		fig_marks_add(&r->m, base, 1);
	}
	fig_exact was = r->x;
	if (!fig_exact_add(&r->x, y, 1)) {
		r->x = was;
		return 0;
	}
	r->n++;
	fig_marks_add(&r->m, y, 1);
	return 1;
}

/* The figure fig_add's chain from acc would have made by now (acc itself
 * when the run added nothing to it); the run is over. */
static inline const jxl_fig *sum_run_end(arena *a, sum_run *r, const jxl_fig *acc)
{
	const jxl_fig *base = r->base;
	r->base = NULL;
	if (!base || !r->n)
		return acc;
	dec v = {r->x.s, r->x.e};
	return fig_of_sum(a, v, v, v, &r->m);
}

/* fig_add(acc, y) of two figures of one unit, in the chain run r keeps:
 * acc itself when y went into the run (acc stands for the run's sum until
 * sum_run_end), else the sum (NULL: too large, as fig_add). */
static inline const jxl_fig *sum_run_add(arena *a, sum_run *r, const jxl_fig *acc, const jxl_fig *y)
{
	if (sum_run_take(r, acc, y))
		return acc;
	return fig_add(a, sum_run_end(a, r, acc), y);
}

#endif
