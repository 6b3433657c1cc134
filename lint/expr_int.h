/* expr_int.h — what the lexer (expr_lex.c) and the parser (expr.c) share. Internal to the expression language. */
#ifndef JXL_EXPR_INT_H
#define JXL_EXPR_INT_H

#include "expr.h"

enum tok {
	T_EOF = 0, T_NUM, T_STR, T_NAME, T_DOLLAR,
	T_LP, T_RP, T_LB, T_RB, T_COMMA, T_DOT, T_COLON, T_STARSTAR,
	T_PLUS, T_MINUS, T_MUL, T_DIV,
	T_EQ, T_NE, T_LT, T_LE, T_GT, T_GE, T_ASSIGN,
	T_AND, T_OR, T_NOT, T_ALL, T_ANY, T_NONE, T_IN, T_WHERE, T_TRUE, T_FALSE, T_NULL
};

typedef struct lexer {
	const char *s;
	size_t n, i;
	enum tok tok;
	size_t off, len;           /* the current token */
	num_fig num;               /* T_NUM */
	char *str;                 /* T_STR (decoded, in the arena) */
	size_t slen;
} lexer;

typedef struct parser {
	arena *a;
	lexer lx;
	int depth;
	expr_err *err;
	int failed;
} parser;

/* Record the first error at off; returns NULL so that callers can `return expr_fail_at(…)`. */
void *expr_fail_at(parser *p, size_t off, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
void *expr_unexpected(parser *p, const char *wanted);
/* Advance to the next token (0, or -1 with the error recorded). */
int expr_next(parser *p);
const char *expr_tok_desc(const parser *p, char *buf, size_t n);
/* The code point at s[i] and its byte length (1 for a stray byte). */
unsigned expr_utf8_at(const char *s, size_t n, size_t i, size_t *len);
int expr_is_plain_name(const char *k);

#endif
