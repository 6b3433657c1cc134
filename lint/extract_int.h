/* extract_int.h — shared pieces of the narrative-report reader (extract*.c); not a public header. */
#ifndef JXL_EXTRACT_INT_H
#define JXL_EXTRACT_INT_H

#include <stddef.h>
#include <stdint.h>
#include "num.h"

/* Limits. Work is linear in the text; these bound what one report can produce. */
#define EX_MAX_TEXT     (64u << 20)  /* bytes of report text; longer is an error */
#define EX_MAX_ITEMS    10000        /* entries per section: staffing rows, claims, breakdowns, score nodes */
#define EX_MAX_PARTS    64           /* parts of one breakdown */
#define EX_MAX_PROJECTS 1000         /* project reports in one file */
#define EX_MAX_DEPTH    12           /* heading levels followed by the score tree */
#define EX_WRAP_MIN     20           /* code points: a shorter line is never a wrapped one */
#define EX_SOURCE_MAX   80           /* code points of a "source" fragment */
#define EX_NAME_MAX     40           /* code points of a name or category */
#define EX_LABEL_TAIL   24           /* code points before a figure where its label's keyword must be */
#define EX_FIG_TEXT     96           /* bytes of one figure's cleaned text */

#define EX_NONE ((size_t)-1)         /* "no offset" */

/* ---- text: paragraphs with a map back to the original bytes (extract_para.c); its words (extract_scan.c) ---- */

/* From buffer offset w on, the paragraph's bytes come from original offset o. */
typedef struct ex_piece {
	size_t w, o;
} ex_piece;

/* List-marker families, in no particular order: depth comes from the order
 * in which a report uses them. */
enum ex_family {
	EX_FAM_NONE = 0,
	EX_FAM_CN_DUN,     /* 一、 */
	EX_FAM_CN_PAREN,   /* （一） (一) */
	EX_FAM_NUM_DUN,    /* 1、 */
	EX_FAM_NUM_DOT,    /* 1. 1． */
	EX_FAM_NUM_PAREN,  /* （1） (1) */
	EX_FAM_NUM_RPAREN, /* 1） 1) */
	EX_FAM_CIRCLED,    /* ① */
	EX_FAM_INDICATOR   /* 指标 1： */
};

/* A paragraph (wrapped lines joined) or one table cell, cleaned: leading
 * and trailing blanks, markdown '#' and '**' removed. */
typedef struct ex_para {
	char *buf;
	size_t len;
	ex_piece *pc;
	size_t npc, cappc;
	int row, cell;    /* table row (1-based) and cell index; row 0: running text */
	int fam, num;     /* list marker at the start, EX_FAM_NONE if none */
	size_t body;      /* offset in buf where the text after the marker starts */
} ex_para;

typedef struct ex_ck {
	int line, col;
} ex_ck;

typedef struct ex_text {
	const char *s;
	size_t n;
	ex_ck *ck;        /* line and column at every EX_CK_STEP-th byte */
	size_t nck;
	ex_para *p;
	size_t np, capp;
} ex_text;

int ex_text_init(ex_text *t, const char *s, size_t n);   /* 0, or -1 out of memory */
void ex_text_release(ex_text *t);
void ex_text_pos(const ex_text *t, size_t off, int *line, int *col);
size_t ex_orig(const ex_para *p, size_t w);               /* buffer offset → original offset */

/* UTF-8 */
uint32_t ex_cp(const char *s, size_t n, size_t i, int *len);     /* code point at i (U+FFFD if bad) */
uint32_t ex_cp_before(const char *s, size_t i, size_t lo, int *len); /* code point ending at i, 0 at lo */
int ex_is_space(uint32_t c);
int ex_is_digit(uint32_t c);
int ex_is_cjk(uint32_t c);
size_t ex_back_cps(const char *s, size_t i, size_t lo, int k);   /* i stepped back k code points, not below lo */
size_t ex_ncps(const char *s, size_t a, size_t b);               /* code points in s[a..b) */

/* The list marker at s[0..n): family, number, length including the blanks after it. */
int ex_marker(const char *s, size_t n, int *num, size_t *mlen);

/* Byte-string search in s[a..b); returns the offset or (size_t)-1. */
size_t ex_find(const char *s, size_t a, size_t b, const char *w);
int ex_has(const char *s, size_t a, size_t b, const char *w);
int ex_ends(const char *s, size_t a, size_t b, const char *w);
int ex_starts(const char *s, size_t a, size_t b, const char *w);

/* Sentences end at 。！？!?；; clauses also at ，、：: and at an ASCII comma
 * that is not a thousands separator. Each returns the delimiter's byte
 * length at i, or 0. */
int ex_sent_break(const char *s, size_t n, size_t i);
int ex_clause_break(const char *s, size_t n, size_t i);
int ex_thousands_comma(const char *s, size_t n, size_t i);  /* ',' at i groups digits */
/* Start of the clause holding position i (not below lo). */
size_t ex_clause_start(const char *s, size_t n, size_t lo, size_t i);
/* Trim blanks from both ends of [*a, *b). */
void ex_trim(const char *s, size_t *a, size_t *b);

/* One figure cut out of a paragraph and read by num_parse. */
typedef struct ex_fig {
	size_t b, e;       /* the figure: first digit through its unit */
	size_t ne;         /* end of its digits */
	size_t lb;         /* start of a comparison word or sign written before it (== b if none) */
	num_fig f;
	int qual;          /* written with a comparison (≥, 不低于, 以上 …) or an approximation (余, 约 …) */
	char text[EX_FIG_TEXT]; /* as written, blanks, '$' and LaTeX escapes removed */
} ex_fig;

/* The next figure in p->buf[*pos..hi) (context for exclusions may be read
 * outside). Dates, document numbers, phone numbers, list labels, ranges
 * and ordinals are skipped. Returns 1 and advances *pos past it, or 0. */
int ex_fig_next(const ex_para *p, size_t hi, size_t *pos, ex_fig *out);
/* End of the digits of a number starting at s[i] (groups, one decimal point, OCR blanks). */
size_t ex_number_end(const char *s, size_t n, size_t i);
/* Copy s[a..b) to out without blanks, '$' and the backslash of "\%"; 0 if it does not fit. */
size_t ex_clean_copy(const char *s, size_t a, size_t b, char *out, size_t cap);

/* ---- the submission being built (extract.c emits it) ---- */

typedef struct ex_val {
	char *s;           /* NULL: absent */
	size_t off;        /* original byte offset it came from */
	int raw;           /* s is a JSON number literal */
} ex_val;

enum ex_field {
	EX_BUDGET_INITIAL, EX_BUDGET_ADJUSTED, EX_BUDGET_BASIC, EX_BUDGET_PROJECT, EX_BUDGET_TOTAL,
	EX_INCOME_CARRYOVER, EX_INCOME_APPROPRIATION, EX_INCOME_OTHER, EX_INCOME_TOTAL,
	EX_EXP_BASIC, EX_EXP_PROJECT, EX_EXP_TOTAL,
	EX_BAL_BASIC, EX_BAL_PROJECT, EX_BAL_TOTAL,
	EX_TP_BUDGET, EX_TP_ACTUAL, EX_TP_LAST_YEAR,
	EX_PROC_PLAN, EX_PROC_ACTUAL,
	EX_NFIELDS
};

enum ex_rate {
	EX_RATE_EXECUTION, EX_RATE_BASIC_EXECUTION, EX_RATE_PROJECT_EXECUTION, EX_RATE_CARRYOVER,
	EX_RATE_PROCUREMENT, EX_RATE_TP_CONTROL, EX_RATE_TP_CHANGE, EX_RATE_STAFF_CONTROL,
	EX_RATE_BUDGET_FINAL_DIFF,
	EX_NRATES
};

extern const char *const ex_field_section[EX_NFIELDS];
extern const char *const ex_field_key[EX_NFIELDS];
extern const char *const ex_rate_key[EX_NRATES];

typedef struct ex_staff {
	ex_val category, quota, actual;
} ex_staff;

typedef struct ex_node {
	ex_val name, max, score, grade;
	struct ex_node *items;
	size_t n, cap;
	size_t off;        /* where the node's text starts */
} ex_node;

typedef struct ex_part {
	ex_val name, fig;
} ex_part;

typedef struct ex_bd {
	ex_val name, total, source;
	ex_part parts[EX_MAX_PARTS];
	size_t nparts;
} ex_bd;

typedef struct ex_claim {
	ex_val text, label, source;
} ex_claim;

typedef struct ex_doc {
	ex_val form, unit, project, year, filed;
	ex_staff *staff;
	size_t nstaff, capstaff;
	ex_val field[EX_NFIELDS];
	ex_val rate[EX_NRATES];
	ex_node scores;    /* root; present when it has a score, grade or items */
	ex_bd *bd;
	size_t nbd, capbd;
	ex_claim *cl;
	size_t ncl, capcl;
	struct ex_doc *proj;
	size_t nproj;
} ex_doc;

typedef struct ex_ctx {
	ex_text *t;
	int oom;           /* an allocation failed: the result is abandoned */
	size_t nodes;      /* score nodes made, against EX_MAX_ITEMS */
} ex_ctx;

/* Values. Each sets x->oom on failure and leaves v absent. */
void ex_val_set(ex_ctx *x, ex_val *v, const char *s, size_t n, size_t off);
/* Set from paragraph text p->buf[a..b) (trimmed), cut to max code points. */
void ex_val_text(ex_ctx *x, ex_val *v, const ex_para *p, size_t a, size_t b, int max);
void ex_val_free(ex_val *v);
void ex_node_release(ex_node *n);
ex_node *ex_node_add(ex_ctx *x, ex_node *parent);         /* a new empty child, or NULL */
void ex_doc_release(ex_doc *d);

/* Labels (extract_read.c). The label of figure f: from the start of its
 * clause, or the end of the figure before it (prev_end), to the figure. */
void ex_label_of(const ex_para *p, size_t lo, size_t prev_end, const ex_fig *f, size_t *a, size_t *b);
void ex_strip_copulas(const char *s, size_t a, size_t *b);   /* 为, 是, 等于, 达, ： off the end */
void ex_strip_subject(const char *s, size_t *a, size_t b);   /* 其中, 我局, a year off the front */
int ex_has_any(const char *s, size_t a, size_t b, const char *const *w, size_t n);
#define EX_HAS_ANY(s, a, b, list) ex_has_any(s, a, b, list, sizeof list / sizeof list[0])

/* Readers: paragraphs [a, b) of the text into d (extract_meta.c, extract_read.c, extract_score.c). */
void ex_read_meta(ex_ctx *x, ex_doc *d, size_t a, size_t b);
void ex_read_sentences(ex_ctx *x, ex_doc *d, size_t a, size_t b);
void ex_read_scores(ex_ctx *x, ex_doc *d, size_t a, size_t b);
/* Breakdowns of one sentence p->buf[lo..hi) (extract_bd.c). */
void ex_read_breakdowns(ex_ctx *x, ex_doc *d, const ex_para *p, size_t lo, size_t hi);
/* Claims of one sentence p->buf[lo..hi) (extract_claim.c). */
void ex_read_claims(ex_ctx *x, ex_doc *d, const ex_para *p, size_t lo, size_t hi);
/* The fund field a label names (its last EX_LABEL_TAIL code points), or -1. */
int ex_fund_field(const char *s, size_t a, size_t b);
/* The rate a label names (ending just before its figure), or -1; tp: the sentence is about 三公经费. */
int ex_rate_of(const char *s, size_t a, size_t b, int tp);
/* Set field f of d from figure text, unless already set. */
void ex_set_field(ex_ctx *x, ex_doc *d, int f, const char *text, size_t off);

#endif
