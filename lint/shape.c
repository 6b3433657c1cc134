/* shape.c — the submission's shape as rule expressions see it: which keys each section has, for checking pack paths. */
#include "shape.h"

#include <stdio.h>
#include <string.h>

#define F(k, s) {k, s}
#define OBJ(nm, arr) {SH_OBJ, nm, arr, sizeof arr / sizeof *arr, NULL}

static const shape sh_any = {SH_ANY, "any", NULL, 0, NULL};
static const shape sh_fig = {SH_FIG, "figure", NULL, 0, NULL};
static const shape sh_str = {SH_STR, "text", NULL, 0, NULL};
static const shape sh_bool = {SH_BOOL, "true/false", NULL, 0, NULL};
static const shape sh_map = {SH_MAP, "map of figures", NULL, 0, NULL};

static const shape_field f_staff[] = {F("category", &sh_str), F("name", &sh_str), F("quota", &sh_fig),
				      F("actual", &sh_fig), F("total", &sh_bool), F("label", &sh_str), F("source", &sh_str)};
static const shape_field f_budget[] = {F("initial", &sh_fig), F("adjusted", &sh_fig), F("basic", &sh_fig),
				       F("project", &sh_fig), F("total", &sh_fig), F("by_source", &sh_map),
				       F("by_level", &sh_map), F("source", &sh_str)};
static const shape_field f_income[] = {F("carryover", &sh_fig), F("appropriation", &sh_fig), F("other", &sh_fig),
				       F("total", &sh_fig), F("source", &sh_str)};
static const shape_field f_bpt[] = {F("basic", &sh_fig), F("project", &sh_fig), F("total", &sh_fig), F("source", &sh_str)};
static const shape_field f_three[] = {F("budget", &sh_fig), F("actual", &sh_fig), F("last_year", &sh_fig), F("source", &sh_str)};
static const shape_field f_proc[] = {F("plan", &sh_fig), F("actual", &sh_fig), F("source", &sh_str)};
static const shape_field f_rates[] = {F("execution", &sh_fig), F("basic_execution", &sh_fig), F("project_execution", &sh_fig),
				      F("carryover", &sh_fig), F("procurement", &sh_fig), F("three_public_control", &sh_fig),
				      F("three_public_change", &sh_fig), F("staff_control", &sh_fig),
				      F("budget_final_diff", &sh_fig), F("source", &sh_str)};
static const shape_field f_indicator[] = {F("level1", &sh_str), F("level2", &sh_str), F("level3", &sh_str), F("name", &sh_str),
					  F("target", &sh_fig), F("actual", &sh_fig), F("max", &sh_fig), F("score", &sh_fig),
					  F("kind", &sh_str), F("label", &sh_str), F("source", &sh_str)};
static const shape_field f_breakdown[] = {F("name", &sh_str), F("total", &sh_fig), F("exhaustive", &sh_bool),
					  F("partial", &sh_bool), F("parts", &sh_map), F("label", &sh_str), F("source", &sh_str)};
static const shape_field f_claim[] = {F("text", &sh_str), F("label", &sh_str), F("source", &sh_str)};

static const shape sh_staff = OBJ("staffing[]", f_staff), sh_budget = OBJ("budget", f_budget),
		   sh_income = OBJ("income", f_income), sh_expenditure = OBJ("expenditure", f_bpt),
		   sh_balance = OBJ("balance", f_bpt), sh_three = OBJ("three_public", f_three),
		   sh_proc = OBJ("procurement", f_proc), sh_rates = OBJ("rates", f_rates),
		   sh_indicator = OBJ("indicators[]", f_indicator), sh_breakdown = OBJ("breakdowns[]", f_breakdown),
		   sh_claim = OBJ("claims[]", f_claim);

static const shape sh_staffs = {SH_ARR, "staffing", NULL, 0, &sh_staff};
static const shape sh_indicators = {SH_ARR, "indicators", NULL, 0, &sh_indicator};
static const shape sh_breakdowns = {SH_ARR, "breakdowns", NULL, 0, &sh_breakdown};
static const shape sh_claims = {SH_ARR, "claims", NULL, 0, &sh_claim};

/* The score tree refers to itself through `items`. */
extern const shape sh_score;
static const shape sh_scores_items = {SH_ARR, "items", NULL, 0, &sh_score};
static const shape_field f_score[] = {F("name", &sh_str), F("max", &sh_fig), F("score", &sh_fig), F("grade", &sh_str),
				      F("kind", &sh_str), F("items", &sh_scores_items), F("label", &sh_str), F("source", &sh_str)};
const shape sh_score = OBJ("scores", f_score);

extern const shape sh_top;
static const shape sh_projects = {SH_ARR, "projects", NULL, 0, &sh_top};
static const shape_field f_top[] = {
	F("form", &sh_str), F("unit", &sh_str), F("project", &sh_str), F("year", &sh_fig), F("filed", &sh_str),
	F("money_unit", &sh_str), F("staffing", &sh_staffs), F("budget", &sh_budget), F("income", &sh_income),
	F("expenditure", &sh_expenditure), F("balance", &sh_balance), F("three_public", &sh_three),
	F("procurement", &sh_proc), F("rates", &sh_rates), F("scores", &sh_score), F("indicators", &sh_indicators),
	F("breakdowns", &sh_breakdowns), F("claims", &sh_claims), F("projects", &sh_projects), F("source", &sh_str),
};
const shape sh_top = OBJ("submission", f_top);

const shape *shape_root(void) { return &sh_top; }
const shape *shape_any(void) { return &sh_any; }

int shape_key_distance(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b);
	if (la > 40 || lb > 40)
		return 99;
	int row[41];
	for (size_t j = 0; j <= lb; j++)
		row[j] = (int)j;
	for (size_t i = 1; i <= la; i++) {
		int prev = row[0];
		row[0] = (int)i;
		for (size_t j = 1; j <= lb; j++) {
			int cur = row[j];
			int best = prev + (a[i - 1] != b[j - 1]);
			if (row[j] + 1 < best)
				best = row[j] + 1;
			if (row[j - 1] + 1 < best)
				best = row[j - 1] + 1;
			row[j] = best;
			prev = cur;
		}
	}
	return row[lb];
}

const shape *shape_member(const shape *s, const char *key, const char **hint)
{
	*hint = NULL;
	if (!s || s->kind == SH_ANY || s->kind == SH_MAP || key[0] == '$')
		return &sh_any;
	if (s->kind != SH_OBJ)
		return NULL;
	for (size_t i = 0; i < s->nfields; i++)
		if (s->fields[i].key[0] == key[0] && !strcmp(s->fields[i].key, key))
			return s->fields[i].sub;
	int best = 3;   /* not a field: the nearest one, for the message */
	for (size_t i = 0; i < s->nfields; i++) {
		int d = shape_key_distance(s->fields[i].key, key);
		if (d < best) {
			best = d;
			*hint = s->fields[i].key;
		}
	}
	return NULL;
}

void shape_keys(const shape *s, char *buf, size_t n)
{
	size_t len = 0;
	buf[0] = '\0';
	for (size_t i = 0; s && i < s->nfields && len < n; i++)
		len += (size_t)snprintf(buf + len, n - len, "%s%s", i ? ", " : "", s->fields[i].key);
}
