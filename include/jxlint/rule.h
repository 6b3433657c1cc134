/* jxlint/rule.h — the plugin ABI: read-only access to a normalised submission and a sink for findings.
 *
 * A rule plugin is a shared object that includes only this header and
 * exports one symbol, JXL_PLUGIN_ENTRY. The host calls it once at start-up
 * with a table of host services; the plugin fills a jxl_plugin describing
 * its rules and its check function. It links against nothing in the host.
 *
 * Stability: structs begin with their size (and the plugin description with
 * the ABI version) and only ever grow at the end. Handles (jxl_doc,
 * jxl_node, jxl_ctx, jxl_fig) are opaque. Strings the host returns are
 * borrowed and live until the check function returns; strings a plugin
 * passes to the host are copied. A plugin never prints, never exits, keeps
 * no host pointer past its check call (the host table itself excepted) and
 * keeps no mutable global state: the host may check several documents at
 * once on different threads.
 *
 * How to add a rule family: write rules.d/NAME.c against this header
 * (see rules.d/staffing.c for the smallest complete example), list its
 * rules in a jxl_rule_info array, document each id in docs/rules.md, and
 * add fixtures under fixtures/rules/ that trigger and clear each rule.
 * The Makefile builds every rules.d/ C files into plugins; nothing registers it.
 */
#ifndef JXLINT_RULE_H
#define JXLINT_RULE_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#define JXL_ABI_VERSION 1

#if defined(__GNUC__)
#define JXL_EXPORT __attribute__((visibility("default")))
#else
#define JXL_EXPORT
#endif

/* The one exported symbol:
 *   int jxlint_plugin_entry(const jxl_host *host, jxl_plugin *out,
 *                           char *why, size_t why_size);
 * returns 0, or -1 with a reason in why (e.g. "needs ABI 2"). */
#define JXL_PLUGIN_ENTRY jxlint_plugin_entry
#define JXL_PLUGIN_ENTRY_NAME "jxlint_plugin_entry"

typedef struct jxl_doc jxl_doc;   /* one submission, or one project inside one */
typedef struct jxl_node jxl_node; /* one JSON value of it */
typedef struct jxl_ctx jxl_ctx;   /* one check call: where findings go */
typedef struct jxl_fig jxl_fig;   /* an exact figure (value, unit, precision) */

enum jxl_kind {
	JXL_ABSENT = 0, /* a NULL node */
	JXL_NULL, JXL_BOOL, JXL_NUMBER, JXL_STRING, JXL_ARRAY, JXL_OBJECT
};

enum jxl_severity { JXL_SEV_DEFAULT = 0, JXL_SEV_INFO = 1, JXL_SEV_WARNING = 2, JXL_SEV_ERROR = 3 };

/* How a figure is meant, which decides its unit and whether it is exact. */
enum jxl_as {
	JXL_AS_MONEY = 1,  /* 元/万元/亿元; bare numbers take the money_unit */
	JXL_AS_COUNT,      /* head and item counts: exact */
	JXL_AS_SCORE,      /* points: exact */
	JXL_AS_RATE,       /* a percent; a bare number is a ratio */
	JXL_AS_ANY         /* whatever it says; bare numbers are exact */
};

/* The outcome of a check the host evaluated. */
enum jxl_outcome {
	JXL_HOLDS = 0,     /* within the stated precision */
	JXL_BROKEN = 1,    /* a finding was emitted */
	JXL_SKIPPED = 2    /* a figure was missing or unreadable */
};

/* A rule a plugin provides. */
typedef struct jxl_rule_info {
	const char *id;          /* stable: "family/name", lowercase, [a-z0-9/-] */
	int severity;            /* default: JXL_SEV_INFO … JXL_SEV_ERROR */
	const char *summary_zh;  /* one line */
	const char *summary_en;
} jxl_rule_info;

/* A finding. Only rule and node are required. */
typedef struct jxl_finding {
	uint32_t size;           /* sizeof(jxl_finding) as the plugin was built */
	const char *rule;        /* one of this plugin's rule ids */
	int severity;            /* JXL_SEV_DEFAULT: the rule's (configured) severity */
	const jxl_node *node;    /* where: line:col and JSON pointer */
	const char *msg_zh;      /* the message, Chinese */
	const char *msg_en;      /* the message, English */
	const char *computation; /* e.g. "5 + 4 + 1 = 10" */
	const jxl_fig *stated;   /* optional */
	const jxl_fig *computed; /* optional */
	const jxl_fig *difference; /* optional; computed by the host when stated and computed are given and this is NULL */
} jxl_finding;

/* A sum relation: total = Σ parts. The host evaluates it with interval
 * arithmetic, emits the finding (with every addend, stated and computed
 * values, difference) and remembers it to name a single culprit. */
typedef struct jxl_sum {
	uint32_t size;           /* sizeof(jxl_sum) */
	const char *rule;
	const jxl_node *total;   /* the stated whole */
	const jxl_node *const *parts;
	size_t nparts;
	const int *signs;        /* optional: +1/-1 per part (balance = income - spending); NULL: all +1 */
	int as;                  /* enum jxl_as */
	const char *what_zh;     /* what the whole is, e.g. "收入合计" */
	const char *what_en;
	int mode;                /* JXL_SUM_EQ, or JXL_SUM_LE (parts may fall short) */
	int short_severity;      /* with JXL_SUM_LE: severity when parts fall short; 0 = no finding */
	/* --- added in ABI 1, third edition (the host reads them when size says they are there) --- */
	/* Appended to what_zh / what_en when a finding is worded ("的分值", " maximum"), so that
	 * a plugin need not format a label for every sum, most of which hold. NULL: nothing.
	 * A host of an earlier edition ignores them (its message then lacks the suffix). */
	const char *what_after_zh;
	const char *what_after_en;
} jxl_sum;

enum { JXL_SUM_EQ = 0, JXL_SUM_LE = 1 };

/* A rate relation: stated = numerator ÷ denominator (as a percent). */
typedef struct jxl_rate {
	uint32_t size;
	const char *rule;
	const jxl_node *stated;      /* the stated rate */
	const jxl_node *num;
	const jxl_node *den;
	const jxl_fig *num_fig;      /* alternatives to num/den when the plugin computed them */
	const jxl_fig *den_fig;
	int absolute;                /* rate of |num| */
	const char *what_zh;
	const char *what_en;
	int as;                      /* how num and den are read (enum jxl_as); 0 = money */
} jxl_rate;

/* Host services. Every node function accepts NULL and returns an empty
 * answer for it, so chains like get(get(root, "income"), "total") are safe. */
typedef struct jxl_host {
	uint32_t size;               /* sizeof(jxl_host) as the host was built */
	uint32_t abi_version;

	/* --- the document --- */
	const jxl_node *(*root)(const jxl_doc *doc);
	int (*form)(const jxl_doc *doc);                 /* 'd' department, 'p' project, 0 unknown */
	/* Member of an object by exact key (case-sensitive); NULL if absent. */
	const jxl_node *(*get)(const jxl_node *obj, const char *key);
	/* "income.total", "scores.items[2].score", "staffing[category=行政编制].quota" */
	const jxl_node *(*path)(const jxl_node *from, const char *path);
	int (*kind)(const jxl_node *n);
	size_t (*len)(const jxl_node *n);                /* items of an array or members of an object */
	const jxl_node *(*at)(const jxl_node *n, size_t i);
	const char *(*key)(const jxl_node *n);           /* member name in its parent object, or NULL */
	const char *(*str)(const jxl_node *n);           /* string value (UTF-8), or number literal; else NULL */
	int (*truthy)(const jxl_node *n);                /* true, or a non-zero number */
	const jxl_node *(*parent)(const jxl_node *n);

	/* --- figures --- */
	/* The figure a node states, read as `as`. NULL when the node is absent,
	 * null or empty ("—"); when the text cannot be read the host reports it
	 * (input/figure) and returns NULL. */
	const jxl_fig *(*fig)(jxl_ctx *ctx, const jxl_node *n, int as);
	/* Arithmetic (intervals propagate); NULL on overflow or ÷0. */
	const jxl_fig *(*add)(jxl_ctx *ctx, const jxl_fig *a, const jxl_fig *b);
	const jxl_fig *(*sub)(jxl_ctx *ctx, const jxl_fig *a, const jxl_fig *b);
	const jxl_fig *(*div)(jxl_ctx *ctx, const jxl_fig *a, const jxl_fig *b); /* a ratio as a percent */
	const jxl_fig *(*from_int)(jxl_ctx *ctx, long long v);
	/* Compare intervals: -1 a surely below b, 0 they overlap, 1 surely above. */
	int (*cmp)(const jxl_fig *a, const jxl_fig *b);
	/* Exact comparison of the stated values, ignoring precision. */
	int (*cmp_value)(const jxl_fig *a, const jxl_fig *b);
	int (*is_approx)(const jxl_fig *f);             /* 余/多/约: a lower bound, not an amount */
	int (*bound)(const jxl_fig *f);                  /* target direction: 0 none, '>' '<' ('G' ≥, 'L' ≤) */
	int (*is_percent)(const jxl_fig *f);             /* written with % (or ‰) */
	/* Text of a figure as a reviewer writes it ("563.02万元", "87.93%"). */
	const char *(*text)(jxl_ctx *ctx, const jxl_fig *f);
	/* An integer view, for counts and small thresholds: 0 and *out, or -1 if not an integer. */
	int (*to_int)(const jxl_fig *f, long long *out);

	/* --- findings --- */
	void (*emit)(jxl_ctx *ctx, const jxl_finding *f);
	int (*check_sum)(jxl_ctx *ctx, const jxl_sum *s);    /* enum jxl_outcome */
	int (*check_rate)(jxl_ctx *ctx, const jxl_rate *r);  /* enum jxl_outcome */
	/* Evaluate a written formula ("A/B×100%=C%") and compare with its result. */
	int (*check_claim)(jxl_ctx *ctx, const char *rule, const jxl_node *claim_text);
	/* A message formatted into host memory valid for this check call. */
	const char *(*fmt)(jxl_ctx *ctx, const char *format, ...)
#if defined(__GNUC__)
		__attribute__((format(printf, 2, 3)))
#endif
		;
	/* Severity of a rule for this run (after configuration); 0 when off. */
	int (*severity)(jxl_ctx *ctx, const char *rule);
	/* The document being checked (for plugins that walk from the root). */
	const jxl_doc *(*doc)(jxl_ctx *ctx);

	/* --- added in ABI 1, second edition: check host->size before use --- */
	/* a × b (intervals propagate); NULL on overflow. */
	const jxl_fig *(*mul)(jxl_ctx *ctx, const jxl_fig *a, const jxl_fig *b);
	/* Text with exactly `places` decimals (percents keep their %). */
	const char *(*text_places)(jxl_ctx *ctx, const jxl_fig *f, int places);
	/* Like fig(), but a node that cannot be read is not reported: for
	 * fields that may hold words as well as figures (indicator targets). */
	const jxl_fig *(*peek)(jxl_ctx *ctx, const jxl_node *n, int as);
	/* A top-level key of the document, or of the file it is a project of
	 * (money_unit, year, unit are inherited by `projects` elements). */
	const jxl_node *(*inherited)(const jxl_doc *doc, const char *key);
	/* The one figure a text ends with, qualifier included: "…同步率不低于95%"
	 * → ≥95%, "…联网率达90%以上" → ≥90%. NULL when the text does not end
	 * with a figure (or ends with a long noun). Never reports. */
	const jxl_fig *(*peek_tail)(jxl_ctx *ctx, const jxl_node *n, int as);
	/* n zeroed bytes that live until the check call returns (NULL if n is
	 * absurd): for arrays sized by the document, so no rule needs a limit. */
	void *(*scratch)(jxl_ctx *ctx, size_t n);
} jxl_host;

/* Does this host provide the member `m` (added after the first edition)? */
#define JXL_HOST_HAS(host, m) ((host)->size >= offsetof(jxl_host, m) + sizeof((host)->m) && (host)->m)

/* What a plugin provides. */
typedef struct jxl_plugin {
	uint32_t size;               /* sizeof(jxl_plugin) as the plugin was built */
	uint32_t abi_version;        /* JXL_ABI_VERSION the plugin was built for */
	const char *name;            /* "funds" */
	const char *version;         /* "1.0" */
	const jxl_rule_info *rules;
	size_t nrules;
	/* Check one document. Called once per submission and once per element
	 * of its `projects` array. */
	void (*check)(jxl_ctx *ctx, const jxl_doc *doc);
} jxl_plugin;

typedef int (*jxl_plugin_entry_fn)(const jxl_host *host, jxl_plugin *out, char *why, size_t why_size);

/* The usual entry point, for plugins that need nothing more: it refuses a
 * host of another ABI (a first-edition host, up to `doc`, is accepted;
 * later members are used through JXL_HOST_HAS), keeps the host table in
 * host_var, and describes the plugin from a static rules array.
 *
 *   static const jxl_host *H;
 *   static const jxl_rule_info rules[] = {…};
 *   static void check(jxl_ctx *ctx, const jxl_doc *doc) {…}
 *   JXL_PLUGIN_DEFINE(H, "funds", "1.0", rules, check)
 */
static inline void jxl_reason_(char *why, size_t n, const char *s)
{
	size_t i = 0;
	if (!why || !n)
		return;
	for (; s[i] && i + 1 < n; i++)
		why[i] = s[i];
	why[i] = '\0';
}

#define JXL_STR2_(x) #x
#define JXL_STR_(x) JXL_STR2_(x)
#define JXL_PLUGIN_DEFINE(host_var, NAME, VERSION, RULES, CHECK)                                          \
	JXL_EXPORT int JXL_PLUGIN_ENTRY(const jxl_host *host_, jxl_plugin *out_, char *why_, size_t n_)  \
	{                                                                                                \
		if (!host_ || host_->abi_version != JXL_ABI_VERSION || host_->size < offsetof(jxl_host, mul)) { \
			jxl_reason_(why_, n_, "needs jxlint plugin ABI " JXL_STR_(JXL_ABI_VERSION));       \
			return -1;                                                                       \
		}                                                                                        \
		host_var = host_;                                                                        \
		out_->size = sizeof *out_;                                                               \
		out_->abi_version = JXL_ABI_VERSION;                                                     \
		out_->name = NAME;                                                                       \
		out_->version = VERSION;                                                                 \
		out_->rules = RULES;                                                                     \
		out_->nrules = sizeof RULES / sizeof RULES[0];                                           \
		out_->check = CHECK;                                                                     \
		return 0;                                                                                \
	}

#ifdef __cplusplus
}
#endif
#endif
