/* expr.h — the rule-expression language of packs: lexer, table-driven precedence-climbing parser with a depth limit, name resolution.
 *
 * The grammar, in EBNF, is in docs/rules-language.md; the .tsv files of tests/expr
 * exercise every production. Library code: never prints, never exits;
 * errors come back in an expr_err with the byte offset in the text.
 */
#ifndef JXL_EXPR_H
#define JXL_EXPR_H

#include <stddef.h>

#include "arena.h"
#include "num.h"
#include "shape.h"

/* Limits, each tested at the limit and one past it (tests/expr/limits.tsv). */
#define EXPR_MAX_DEPTH  64     /* nesting of sub-expressions (parentheses, operands, arguments) */
#define EXPR_MAX_HEIGHT 256    /* levels of the tree, chains included: a + b + … of 256 terms is refused (use sum) */
#define EXPR_MAX_TEXT   4096   /* bytes of one expression */
#define EXPR_MAX_ARGS   16     /* arguments of one call */
#define EXPR_MAX_SEGS   32     /* steps of one path */
#define EXPR_MAX_VARS   8      /* nested iteration variables in scope at once */

enum expr_kind {
	EX_NUM = 1,   /* a number or figure literal: num */
	EX_STR,       /* 'text' or "text": str */
	EX_BOOL,      /* true, false: bval */
	EX_NULL,      /* null */
	EX_PATH,      /* root + segs */
	EX_UNARY,     /* op a */
	EX_BINARY,    /* a op b */
	EX_CALL,      /* fn(args) or fn(binding) */
	EX_QUANT,     /* all/any/none binding: body */
	EX_LIST       /* [a, b, …]: args */
};

enum expr_op {
	OP_OR = 1, OP_AND, OP_NOT,
	OP_EQ, OP_NE, OP_LT, OP_LE, OP_GT, OP_GE,
	OP_ADD, OP_SUB, OP_MUL, OP_DIV, OP_NEG
};

enum expr_fn { FN_SUM = 1, FN_COUNT, FN_MIN, FN_MAX, FN_ABS, FN_ROUND, FN_EXISTS, FN_WEIGHT, FN_FIRST };
enum expr_quant { Q_ALL = 1, Q_ANY, Q_NONE };
/* Leaves of a test (expr.tleaf, below). */
enum expr_tleaf {
	TL_TEXT = 1, TL_EXISTS, TL_EXISTS_ALL, TL_EXISTS_ABS, TL_EXISTS_WEIGHT,
	TL_IN      /* not a leaf: p == 'a' or p == 'b' or … (left to right, one path, at most EXPR_TEST_CHAIN ors) */
};
/* Not limits of the language: a longer chain, or a test with more distinct
 * paths, is evaluated step by step (tests/expr/fast.tsv). */
#define EXPR_TEST_CHAIN 16     /* ors of a TL_IN chain */
#define EXPR_TEST_PATHS 8      /* distinct paths in one test */

/* Where a path starts. */
enum expr_root {
	ROOT_UNRESOLVED = 0,
	ROOT_DOC,      /* a top-level key of the submission: name */
	ROOT_DOLLAR,   /* $: the submission itself */
	ROOT_VAR,      /* an iteration variable: slot */
	ROOT_LET,      /* a named sub-expression of the rule: slot */
	ROOT_LHS, ROOT_RHS, ROOT_DIFF   /* message placeholders only */
};

enum seg_kind {
	SEG_KEY = 1,   /* .name or ["name"] */
	SEG_INDEX,     /* [N], [-N] from the end */
	SEG_STAR,      /* [*]: every element (or member value) */
	SEG_SELECT,    /* [field = literal], [field != literal]: the elements that match */
	SEG_RECURSE    /* ** after a key: that key's elements, theirs, and so on */
};

typedef struct expr expr;
struct tmpl_node;

typedef struct expr_seg {
	enum seg_kind kind;
	const char *key;           /* SEG_KEY, SEG_RECURSE (the key repeated); SEG_SELECT: the field */
	size_t klen;               /* strlen(key) */
	unsigned ktag;             /* doc_key_tag(key, klen): members are told apart by their tags first */
	long index;                /* SEG_INDEX */
	int negate;                /* SEG_SELECT with != */
	const expr *value;         /* SEG_SELECT: a literal */
	size_t off;
} expr_seg;

/* "NAME in SEQ [where COND]" and, in quantifiers and sum/min/max, ": BODY". */
typedef struct expr_bind {
	const char *var;
	int slot;                  /* set by expr_resolve */
	const shape *shape;        /* set by expr_resolve: the shape of the elements */
	expr *seq, *where, *body;  /* where and body may be NULL (count has no body) */
} expr_bind;

struct expr {
	enum expr_kind kind;
	size_t off, len;           /* the text it was parsed from */
	int height;                /* levels of the tree below and including it */
	int op;                    /* enum expr_op / expr_fn / expr_quant */
	num_fig num;               /* EX_NUM */
	const char *str;           /* EX_STR (NUL-terminated UTF-8) */
	size_t slen;
	int bval;                  /* EX_BOOL */
	int root;                  /* EX_PATH: enum expr_root */
	const char *name;          /* EX_PATH: the root name; EX_CALL: the function name */
	int slot;                  /* EX_PATH: variable or let slot */
	expr_seg *segs;
	size_t nsegs;
	int plural;                /* EX_PATH with [*], ** or a [field=…] selection: a list */
	int simple;                /* EX_PATH of keys and indexes only (n.max, $.year): one node, no list */
	/* Set by expr_resolve for the evaluator (eval_cond.c). A test is and,
	 * or, not over leaves (tleaf) that compare a simple path with a text,
	 * or ask whether a simple path, one ending in [*], abs() of a simple
	 * path or weight() of one (or of a variable) exists; eval_cond decides
	 * it in one go. The path of a leaf is number tpid among the distinct
	 * paths of its test; tmax bounds the steps it takes (plus one for each
	 * element of a [*] path when tstar; tstar1 is that leaf when there is
	 * one); tvars has a bit for each variable its paths start at. */
	unsigned char test, tleaf, tpid, tstar;
	unsigned tvars;
	int tmax;
	const expr *tstar1;
	/* A test that is one leaf under nots (not exists(n.max), i.level1 ==
	 * 'a' or i.level1 == 'b' or …) on a path from a variable, as eval_cond
	 * decides it without walking it: that path (tlpath; NULL when the test
	 * is not one), the leaf (tlleaf; the first of an or-chain), its kind
	 * (tlkind: TL_EXISTS, TL_TEXT or TL_IN), the nots above it and the
	 * texts an or-chain compares with (tln). A text leaf's text is ttext;
	 * the leaves of an or-chain are linked left to right by tnext. */
	const expr *tlpath, *tlleaf, *tnext;
	const char *ttext;
	size_t ttlen;              /* strlen(ttext) */
	unsigned char tlkind, tlnots, tln;
	/* weight('name'): the template it was looked up in when the pack was
	 * loaded (pack.c), and the node found there (or NULL). */
	const struct tmpl_node *wtmpl, *wnode;
	expr *a, *b;               /* operands */
	expr **args;               /* EX_CALL */
	size_t nargs;
	expr_bind *bind;           /* EX_QUANT, and EX_CALL in binding form */
};

typedef struct expr_err {
	size_t off;                /* byte offset in the text */
	char msg[240];
} expr_err;

/* Parse s[0..n). Returns the tree (in the arena) or NULL with err filled. */
expr *expr_parse(arena *a, const char *s, size_t n, expr_err *err);

/* Names an expression may use besides the submission's keys. */
typedef struct expr_names {
	const char *const *lets;   /* a rule's named sub-expressions, by slot */
	size_t nlets;
	const char *const *vars;   /* iteration variables already bound outside (slots 0..nvars-1) */
	const shape *const *var_shapes;  /* their shapes, or NULL */
	size_t nvars;
	int placeholders;          /* allow lhs, rhs, diff (message placeholders) */
	int check_paths;           /* check keys against the submission's shape */
} expr_names;

/* Resolve every name (variables, lets, placeholders, submission keys) and
 * check paths against the format, functions' arguments and bindings.
 * Returns 0, or -1 with err at the offending name. */
int expr_resolve(expr *e, const expr_names *names, expr_err *err);

/* The variables bound by a top-level `all`/`none` chain of e (at most max). */
size_t expr_top_vars(const expr *e, const char **vars, const shape **shapes, size_t max);

/* Canonical text of the tree, for tests and --explain: "(+ 1 (* 2 3))". */
size_t expr_print(const expr *e, char *buf, size_t n);

const char *expr_fn_name(int fn);
/* Does the identifier name a function? Returns enum expr_fn or 0. */
int expr_fn_lookup(const char *name, size_t len);

#endif
