/* expr_names.c — after parsing: resolve names (variables, lets, placeholders, submission keys), check paths against the format, print trees. */
#include "expr_int.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

/* ---- name resolution ---------------------------------------------------------- */

typedef struct resolver {
	const expr_names *names;
	const char *vars[EXPR_MAX_VARS + 16];
	const shape *shapes[EXPR_MAX_VARS + 16];
	size_t nvars;
	expr_err *err;
	int depth;
} resolver;

static int rfail(resolver *r, size_t off, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static int rfail(resolver *r, size_t off, const char *fmt, ...)
{
	r->err->off = off;
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(r->err->msg, sizeof r->err->msg, fmt, ap);
	va_end(ap);
	return -1;
}

static int resolve(resolver *r, expr *e);

/* Walk the path's steps over the format's shapes; returns the shape reached
 * (of each element, for a plural path) or NULL on error. */
static const shape *path_shape(resolver *r, expr *e, const shape *s)
{
	int check = r->names->check_paths;
	const char *where = e->name ? e->name : "$";
	for (size_t i = 0; i < e->nsegs; i++) {
		expr_seg *sg = &e->segs[i];
		const char *hint;
		switch (sg->kind) {
		case SEG_KEY:
			if (s->kind == SH_ARR && check)
				return rfail(r, sg->off, "'%s' is a list: write %s[*].%s (every element), %s[0] or %s[field=…]", where,
					     where, sg->key, where, where), NULL;
			if (check && (s->kind == SH_FIG || s->kind == SH_STR || s->kind == SH_BOOL))
				return rfail(r, sg->off, "'%s' is a %s and has no key '%s'", where, s->name, sg->key), NULL;
			{
				const shape *m = shape_member(s, sg->key, &hint);
				if (!m && check) {
					char keys[400];
					shape_keys(s, keys, sizeof keys);
					if (hint)
						return rfail(r, sg->off, "unknown key '%s' in %s: did you mean '%s'?", sg->key, s->name, hint), NULL;
					return rfail(r, sg->off, "unknown key '%s' in %s (known: %s)", sg->key, s->name, keys), NULL;
				}
				s = m ? m : shape_any();
			}
			where = sg->key;
			break;
		case SEG_RECURSE: {
			const shape *m = shape_member(s, sg->key, &hint);
			if (!m && check)
				return rfail(r, sg->off, "unknown key '%s' in %s%s%s%s", sg->key, s->name, hint ? ": did you mean '" : "",
					     hint ? hint : "", hint ? "'?" : ""), NULL;
			if (!m)
				m = shape_any();
			if (m->kind == SH_ARR)
				m = m->elem;
			if (check && m->kind != SH_ANY && !shape_member(m, sg->key, &hint))
				return rfail(r, sg->off, "'%s**' repeats '%s', but the elements of %s have no '%s'", sg->key, sg->key,
					     sg->key, sg->key), NULL;
			s = m;
			where = sg->key;
			break;
		}
		case SEG_INDEX: case SEG_STAR: case SEG_SELECT:
			if (sg->kind == SEG_SELECT && s->kind == SH_OBJ && i > 0 && e->segs[i - 1].kind == SEG_SELECT) {
				/* a second selection filters the elements the first one kept */
			} else if (check && s->kind != SH_ARR && s->kind != SH_MAP && s->kind != SH_ANY) {
				return rfail(r, sg->off, "'%s' is not a list: [ ] selects elements of a list", where), NULL;
			} else {
				s = s->kind == SH_ARR ? s->elem : shape_any();
			}
			if (sg->kind == SEG_SELECT && check && !shape_member(s, sg->key, &hint))
				return rfail(r, sg->off, "unknown field '%s' in %s%s%s%s", sg->key, s->name, hint ? ": did you mean '" : "",
					     hint ? hint : "", hint ? "'?" : ""), NULL;
			break;
		}
	}
	return s;
}

static const shape *resolve_path(resolver *r, expr *e)
{
	const shape *s = shape_any();
	if (e->root == ROOT_DOLLAR) {
		s = shape_root();
	} else {
		const char *nm = e->name;
		int found = 0;
		for (size_t i = r->nvars; i-- > 0;) {
			if (!strcmp(r->vars[i], nm)) {
				e->root = ROOT_VAR;
				e->slot = (int)i;
				s = r->shapes[i] ? r->shapes[i] : shape_any();
				found = 1;
				break;
			}
		}
		for (size_t i = 0; !found && i < r->names->nlets; i++) {
			if (!strcmp(r->names->lets[i], nm)) {
				e->root = ROOT_LET;
				e->slot = (int)i;
				found = 1;
			}
		}
		if (!found && r->names->placeholders) {
			static const char *const ph[] = {"lhs", "rhs", "diff"};
			for (int i = 0; i < 3; i++)
				if (!strcmp(nm, ph[i])) {
					e->root = ROOT_LHS + i;
					found = 1;
				}
		}
		if (!found) {
			const char *hint;
			const shape *m = shape_member(shape_root(), nm, &hint);
			if (!m && r->names->check_paths) {
				if (hint)
					return rfail(r, e->off, "unknown name '%s': not a key of the submission, a variable or a let (did you mean '%s'?)",
						     nm, hint), NULL;
				return rfail(r, e->off, "unknown name '%s': not a key of the submission, a variable or a let", nm), NULL;
			}
			e->root = ROOT_DOC;
			s = m ? m : shape_any();
		}
		if ((e->root == ROOT_LET || e->root >= ROOT_LHS) && e->nsegs)
			return rfail(r, e->segs[0].off, "'%s' is a value, not a place in the submission: it has no keys", nm), NULL;
	}
	return path_shape(r, e, s);
}

static int resolve_bind(resolver *r, expr_bind *b, size_t at)
{
	const shape *s = shape_any();
	if (b->seq->kind == EX_PATH) {
		if (!(s = resolve_path(r, b->seq)))
			return -1;
		if (!b->seq->plural)
			s = s->kind == SH_ARR ? s->elem : shape_any();
	} else if (resolve(r, b->seq)) {
		return -1;
	}
	if (r->nvars >= r->names->nvars + EXPR_MAX_VARS)
		return rfail(r, at, "more than %d nested iterations", EXPR_MAX_VARS);
	b->slot = (int)r->nvars;
	b->shape = s;
	r->vars[r->nvars] = b->var;
	r->shapes[r->nvars] = s;
	r->nvars++;
	int rc = (b->where && resolve(r, b->where)) || (b->body && resolve(r, b->body)) ? -1 : 0;
	r->nvars--;
	return rc;
}

static int resolve(resolver *r, expr *e)
{
	if (++r->depth > EXPR_MAX_HEIGHT + 8)
		return rfail(r, e->off, "expression nested too deeply");
	int rc = 0;
	switch (e->kind) {
	case EX_PATH:
		if (e->root == ROOT_UNRESOLVED || e->root == ROOT_DOC || e->root == ROOT_DOLLAR || e->root == ROOT_VAR)
			rc = resolve_path(r, e) ? 0 : -1;
		break;
	case EX_UNARY:
		rc = resolve(r, e->a);
		break;
	case EX_BINARY:
		rc = resolve(r, e->a) || resolve(r, e->b) ? -1 : 0;
		break;
	case EX_CALL: case EX_LIST:
		if (e->bind)
			rc = resolve_bind(r, e->bind, e->off);
		for (size_t i = 0; !rc && i < e->nargs; i++)
			rc = resolve(r, e->args[i]);
		break;
	case EX_QUANT:
		rc = resolve_bind(r, e->bind, e->off);
		break;
	default:
		break;
	}
	r->depth--;
	return rc;
}

/* ---- tests: conditions the evaluator decides in one go ------------------------ */

/* A path of keys and indexes with one step at least, whose value is one
 * node; with star, also one ending in [*] after them (n.items[*]). Not the
 * form, which the evaluator may make up. */
static int test_path(const expr *p, int star)
{
	if (p->kind != EX_PATH || !p->nsegs)
		return 0;
	if (!(p->root == ROOT_VAR || p->root == ROOT_DOLLAR || (p->root == ROOT_DOC && strcmp(p->name, "form"))))
		return 0;
	if (p->root == ROOT_VAR && (p->slot < 0 || p->slot >= 32))
		return 0;
	if (p->simple)
		return 1;
	if (!star || p->segs[p->nsegs - 1].kind != SEG_STAR)
		return 0;
	for (size_t i = 0; i + 1 < p->nsegs; i++)
		if (p->segs[i].kind != SEG_KEY && p->segs[i].kind != SEG_INDEX)
			return 0;
	return 1;
}

static int same_path(const expr *p, const expr *q)
{
	if (p->root != q->root || p->nsegs != q->nsegs)
		return 0;
	if (p->root == ROOT_VAR && p->slot != q->slot)
		return 0;
	if (p->root == ROOT_DOC && strcmp(p->name, q->name))
		return 0;
	for (size_t i = 0; i < p->nsegs; i++) {
		const expr_seg *a = &p->segs[i], *b = &q->segs[i];
		if (a->kind != b->kind || (a->kind == SEG_KEY ? strcmp(a->key, b->key) != 0 : a->kind == SEG_INDEX && a->index != b->index))
			return 0;
	}
	return 1;
}

/* The path a leaf of a test reads (its kind in *kind), or NULL when x is not a leaf. */
static expr *test_leaf(expr *x, int *kind)
{
	if (x->kind == EX_BINARY && (x->op == OP_EQ || x->op == OP_NE)) {
		*kind = TL_TEXT;
		if (x->b->kind == EX_STR && test_path(x->a, 0))
			return x->a;
		if (x->a->kind == EX_STR && test_path(x->b, 0))
			return x->b;
		return NULL;
	}
	if (x->kind != EX_CALL || x->op != FN_EXISTS || x->bind || x->nargs != 1)
		return NULL;
	expr *a = x->args[0];
	if (test_path(a, 1)) {
		*kind = a->simple ? TL_EXISTS : TL_EXISTS_ALL;
		return a;
	}
	if (a->kind == EX_CALL && a->op == FN_ABS && !a->bind && a->nargs == 1 && test_path(a->args[0], 0)) {
		*kind = TL_EXISTS_ABS;
		return a->args[0];
	}
	if (a->kind == EX_CALL && a->op == FN_WEIGHT && !a->bind && a->nargs == 1) {
		expr *w = a->args[0];   /* weight(n.name), or weight(n) of a variable */
		*kind = TL_EXISTS_WEIGHT;
		if (test_path(w, 0) || (w->kind == EX_PATH && w->root == ROOT_VAR && !w->nsegs && w->slot >= 0 && w->slot < 32))
			return w;
	}
	return NULL;
}

/* Is x a test? Numbers the paths of its leaves (paths[], at most EXPR_TEST_PATHS). */
static int is_test(expr *x, const expr **paths, int *np)
{
	if (x->kind == EX_BINARY && (x->op == OP_AND || x->op == OP_OR))
		return is_test(x->a, paths, np) && is_test(x->b, paths, np);
	if (x->kind == EX_UNARY && x->op == OP_NOT)
		return is_test(x->a, paths, np);
	int kind;
	expr *p = test_leaf(x, &kind);
	if (!p)
		return 0;
	if (!p->nsegs)   /* a variable itself: nothing to follow */
		return 1;
	int k = 0;
	while (k < *np && !same_path(paths[k], p))
		k++;
	if (k == *np) {
		if (*np == EXPR_TEST_PATHS)
			return 0;
		paths[(*np)++] = p;
	}
	p->tpid = (unsigned char)k;
	return 1;
}

/* The path of a text leaf. */
static const expr *text_path(const expr *x)
{
	return x->a->kind == EX_STR ? x->b : x->a;
}

/* How many leaves an or-chain of path == 'text' of one path has (0: x is not one). */
static int chain_len(const expr *x, int *pid)
{
	if (x->tleaf == TL_TEXT) {
		if (x->op != OP_EQ)
			return 0;
		*pid = text_path(x)->tpid;
		return 1;
	}
	if (!(x->kind == EX_BINARY && x->op == OP_OR) || x->b->tleaf != TL_TEXT || x->b->op != OP_EQ)
		return 0;
	int n = chain_len(x->a, pid);
	return n && text_path(x->b)->tpid == *pid ? n + 1 : 0;
}

/* Test x (marked) as one leaf under nots on a path from a variable, when it is one. */
static void set_one_leaf(expr *x)
{
	expr *l = x;
	int nots = 0;
	while (!l->tleaf && l->kind == EX_UNARY) {
		l = l->a;
		nots++;
	}
	expr *first = l, *spine[EXPR_TEST_CHAIN];
	int ors = 0;
	const expr *p;
	switch (l->tleaf) {
	case TL_EXISTS:
		p = l->args[0];
		break;
	case TL_TEXT:
		p = text_path(l);
		break;
	case TL_IN:
		while (first->tleaf == TL_IN && ors < EXPR_TEST_CHAIN) {
			spine[ors++] = first;
			first = first->a;
		}
		p = text_path(first);
		for (int j = ors - 1; j >= 0; j--) {   /* the leaves, left to right */
			(j == ors - 1 ? first : spine[j + 1]->b)->tnext = spine[j]->b;
		}
		break;
	default:
		return;
	}
	if (p->root != ROOT_VAR || nots > 255)
		return;
	x->tlpath = p;
	x->tlleaf = first;
	x->tlkind = l->tleaf;
	x->tlnots = (unsigned char)nots;
	x->tln = (unsigned char)(ors + 1);
}

/* Mark the nodes of test x, with the steps each takes at most: its own,
 * and for a leaf eval_expr's of its operands and eval_path's of its path. */
static void set_test(expr *x)
{
	x->test = 1;
	if ((x->kind == EX_BINARY && (x->op == OP_AND || x->op == OP_OR)) || (x->kind == EX_UNARY && x->op == OP_NOT)) {
		expr *b = x->kind == EX_BINARY ? x->b : NULL;
		set_test(x->a);
		if (b)
			set_test(b);
		x->tleaf = 0;
		x->tmax = 1 + x->a->tmax + (b ? b->tmax : 0);
		x->tvars = x->a->tvars | (b ? b->tvars : 0);
		x->tstar = x->a->tstar || (b && b->tstar);
		x->tstar1 = x->a->tstar && !(b && b->tstar) ? x->a->tstar1 : !x->a->tstar && b && b->tstar ? b->tstar1 : NULL;
		int pid, n = b && x->op == OP_OR ? chain_len(x, &pid) : 0;
		if (n >= 2 && n <= EXPR_TEST_CHAIN + 1)
			x->tleaf = TL_IN;
		set_one_leaf(x);
		return;
	}
	int kind;
	expr *p = test_leaf(x, &kind);
	int keys = 2 * (int)p->nsegs;   /* a step on each node, one for each value found */
	x->tleaf = (unsigned char)kind;
	x->tvars = p->root == ROOT_VAR ? 1u << p->slot : 0;
	x->tstar = kind == TL_EXISTS_ALL;
	x->tstar1 = x->tstar ? x : NULL;
	if (kind == TL_TEXT) {
		x->ttext = x->a->kind == EX_STR ? x->a->str : x->b->str;
		x->ttlen = strlen(x->ttext);
	}
	set_one_leaf(x);
	switch (kind) {
	case TL_TEXT: x->tmax = 3 + keys; break;         /* ==, the path, the text */
	case TL_EXISTS: x->tmax = 1 + keys; break;       /* exists (its path is not an operand) */
	case TL_EXISTS_ALL: x->tmax = 1 + keys; break;   /* the [*] on its container counts as a key */
	default: x->tmax = 3 + keys; break;              /* exists, abs or weight, the path */
	}
}

/* Mark every largest test in e. */
static void mark_tests(expr *e, int depth)
{
	if (!e || depth > EXPR_MAX_HEIGHT + 8)
		return;
	const expr *paths[EXPR_TEST_PATHS];
	int np = 0;
	if (is_test(e, paths, &np)) {
		set_test(e);
		return;
	}
	mark_tests(e->a, depth + 1);
	mark_tests(e->b, depth + 1);
	for (size_t i = 0; i < e->nargs; i++)
		mark_tests(e->args[i], depth + 1);
	if (e->bind) {
		mark_tests(e->bind->seq, depth + 1);
		mark_tests(e->bind->where, depth + 1);
		mark_tests(e->bind->body, depth + 1);
	}
}

int expr_resolve(expr *e, const expr_names *names, expr_err *err)
{
	resolver r;
	memset(&r, 0, sizeof r);
	memset(err, 0, sizeof *err);
	r.names = names;
	r.err = err;
	for (size_t i = 0; i < names->nvars && i < EXPR_MAX_VARS; i++) {
		r.vars[i] = names->vars[i];
		r.shapes[i] = names->var_shapes ? names->var_shapes[i] : NULL;
	}
	r.nvars = names->nvars < EXPR_MAX_VARS ? names->nvars : EXPR_MAX_VARS;
	if (resolve(&r, e))
		return -1;
	mark_tests(e, 0);
	return 0;
}

size_t expr_top_vars(const expr *e, const char **vars, const shape **shapes, size_t max)
{
	size_t n = 0;
	while (e && e->kind == EX_QUANT && (e->op == Q_ALL || e->op == Q_NONE) && n < max) {
		vars[n] = e->bind->var;
		if (shapes)
			shapes[n] = e->bind->shape;
		n++;
		if (e->op == Q_NONE)
			break;
		e = e->bind->body;
	}
	return n;
}

/* ---- printing ------------------------------------------------------------------ */

typedef struct out {
	char *buf;
	size_t n, len;
} out;

static void put(out *o, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void put(out *o, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int k = vsnprintf(o->len < o->n ? o->buf + o->len : NULL, o->len < o->n ? o->n - o->len : 0, fmt, ap);
	va_end(ap);
	if (k > 0)
		o->len += (size_t)k;
}

static void put_str(out *o, const char *s)
{
	put(o, "\"");
	for (; *s; s++) {
		if (*s == '"' || *s == '\\')
			put(o, "\\%c", *s);
		else if (*s == '\n')
			put(o, "\\n");
		else
			put(o, "%c", *s);
	}
	put(o, "\"");
}

static void print(out *o, const expr *e);

static void print_bind(out *o, const expr_bind *b)
{
	put(o, "%s in ", b->var);
	print(o, b->seq);
	if (b->where) {
		put(o, " where ");
		print(o, b->where);
	}
	if (b->body) {
		put(o, " : ");
		print(o, b->body);
	}
}

static const char *const op_text[] = {
	[OP_OR] = "or", [OP_AND] = "and", [OP_NOT] = "not", [OP_EQ] = "==", [OP_NE] = "!=", [OP_LT] = "<",
	[OP_LE] = "<=", [OP_GT] = ">", [OP_GE] = ">=", [OP_ADD] = "+", [OP_SUB] = "-", [OP_MUL] = "*",
	[OP_DIV] = "/", [OP_NEG] = "-",
};

static void print(out *o, const expr *e)
{
	switch (e->kind) {
	case EX_NUM:
		put(o, "%s", e->str);
		break;
	case EX_STR:
		put_str(o, e->str);
		break;
	case EX_BOOL:
		put(o, "%s", e->bval ? "true" : "false");
		break;
	case EX_NULL:
		put(o, "null");
		break;
	case EX_PATH:
		put(o, "%s", e->name ? e->name : "$");
		for (size_t i = 0; i < e->nsegs; i++) {
			const expr_seg *sg = &e->segs[i];
			switch (sg->kind) {
			case SEG_KEY: case SEG_RECURSE:
				if (expr_is_plain_name(sg->key))
					put(o, ".%s", sg->key);
				else {
					put(o, "[");
					put_str(o, sg->key);
					put(o, "]");
				}
				if (sg->kind == SEG_RECURSE)
					put(o, "**");
				break;
			case SEG_INDEX:
				put(o, "[%ld]", sg->index);
				break;
			case SEG_STAR:
				put(o, "[*]");
				break;
			case SEG_SELECT:
				put(o, "[%s%s", sg->key, sg->negate ? "!=" : "=");
				print(o, sg->value);
				put(o, "]");
				break;
			}
		}
		break;
	case EX_UNARY:
		put(o, "(%s ", op_text[e->op]);
		print(o, e->a);
		put(o, ")");
		break;
	case EX_BINARY:
		put(o, "(%s ", op_text[e->op]);
		print(o, e->a);
		put(o, " ");
		print(o, e->b);
		put(o, ")");
		break;
	case EX_CALL:
		put(o, "(%s", e->name);
		if (e->bind) {
			put(o, " ");
			print_bind(o, e->bind);
		}
		for (size_t i = 0; i < e->nargs; i++) {
			put(o, " ");
			print(o, e->args[i]);
		}
		put(o, ")");
		break;
	case EX_QUANT:
		put(o, "(%s ", e->op == Q_ALL ? "all" : e->op == Q_ANY ? "any" : "none");
		print_bind(o, e->bind);
		put(o, ")");
		break;
	case EX_LIST:
		put(o, "[");
		for (size_t i = 0; i < e->nargs; i++) {
			put(o, "%s", i ? ", " : "");
			print(o, e->args[i]);
		}
		put(o, "]");
		break;
	}
}

size_t expr_print(const expr *e, char *buf, size_t n)
{
	out o = {buf, n, 0};
	if (n)
		buf[0] = '\0';
	print(&o, e);
	return o.len;
}

