/* num_ascii_test.c — num_fast_ascii (num.h) against num_parse_general, num_plain_prefix against num_fast_plain: every text they read, read the same. */
#include <glob.h>
#include <stdio.h>
#include <string.h>

#include "num.h"

/* Every text over a small alphabet up to this length: digits, the point,
 * the percent sign and what must send a text to the general path. */
#define ASCII_ALPHABET "019.%-, "
#define ASCII_MAX_LEN 6

struct counts {
	int pass, fail;   /* cases: one an edge text, one a length of the exhaustive texts, one a table file */
	long bad, read;   /* texts read differently; texts the fast path took */
	long prefixes;    /* texts num_plain_prefix read a start of */
};

/* The fast path agrees with the general one on s[0..n): it declines, or
 * the general path reads the same figure (the members a formula uses, and
 * the rest as num_fast_plain promises them). */
static void check(const char *s, size_t n, struct counts *c)
{
	num_fig f, g;
	num_err e;

	memset(&f, 0x5A, sizeof f);
	if (!num_fast_ascii(s, n, &f))
		return;
	c->read++;
	if (num_parse_general(s, n, &g, &e) == NUM_OK && f.value.coef == g.value.coef && f.value.exp == g.value.exp &&
	    f.decimals == g.decimals && f.mag == g.mag && f.unit == g.unit && f.qual == g.qual && f.approx == g.approx &&
	    f.negative == g.negative && f.noun[0] == g.noun[0])
		return;
	if (c->bad++ < 20)
		printf("FAIL: \"%.*s\": num_fast_ascii and num_parse_general disagree\n", (int)n, s);
}

/* num_plain_prefix agrees with num_fast_plain on s[0..n): what it reads
 * (when it reads; its caller reads the others otherwise) is the longest
 * start of s that num_fast_plain reads, read the same. */
static void check_prefix(const char *s, size_t n, struct counts *c)
{
	num_fig f, g;
	size_t len, k, longest = 0;

	memset(&f, 0x5A, sizeof f);
	len = num_plain_prefix(s, n, &f);
	for (k = 1; k <= n && len; k++)
		if (num_fast_plain(s, k, &g))
			longest = k;
	if (len == longest && (!len || (num_fast_plain(s, len, &g) && f.value.coef == g.value.coef &&
					f.value.exp == g.value.exp && f.decimals == g.decimals && f.mag == g.mag &&
					f.unit == g.unit && f.qual == g.qual && f.approx == g.approx &&
					f.negative == g.negative && f.noun[0] == g.noun[0]))) {
		c->prefixes += len > 0;
		return;
	}
	if (c->bad++ < 20)
		printf("FAIL: \"%.*s\": num_plain_prefix read %zu bytes, num_fast_plain %zu, or read them otherwise\n", (int)n,
		       s, len, longest);
}

/* One case done: passed when no text since `bad` was read differently. */
static void tally(struct counts *c, long bad)
{
	if (c->bad == bad)
		c->pass++;
	else
		c->fail++;
}

/* Every string of length len over the alphabet, in buf. */
static void every(char *buf, size_t at, size_t len, struct counts *c)
{
	const char *a = ASCII_ALPHABET;

	if (at == len) {
		check(buf, len, c);
		check_prefix(buf, len, c);
		return;
	}
	for (; *a; a++) {
		buf[at] = *a;
		every(buf, at + 1, len, c);
	}
}

/* The first field of every line of the tables in tests/num: texts chosen for the parser's edges. */
static void tables(struct counts *c)
{
	glob_t g;
	char line[4096];
	size_t i;

	if (glob("tests/num/*.tsv", 0, NULL, &g) != 0) {
		printf("FAIL: tests/num/*.tsv not found (run from the repository root)\n");
		c->fail++;
		return;
	}
	for (i = 0; i < g.gl_pathc; i++) {
		FILE *f = fopen(g.gl_pathv[i], "r");
		long bad = c->bad;
		while (f && fgets(line, sizeof line, f)) {
			size_t n = strcspn(line, "\t\n");
			if (line[0] != '#') {
				check(line, n, c);
				check_prefix(line, n, c);
			}
		}
		if (f)
			fclose(f);
		tally(c, bad);
	}
	globfree(&g);
}

int main(void)
{
	static const char *const edges[] = {
		"1234567890123456789", "12345678901234567890", "1234567890123456789%", "123456789012345678.9",
		"1234567890.123456789", "0.0000000000000000001", "00012.50%", "0%", "0.00%", "100.00%", "%", "%%",
		"5%%", "1.5.%", ".5%", "5.%", "-5%", "5 %", "5%5", "1505449.00", "69.49%",
	};
	struct counts c = {0, 0, 0, 0, 0};
	char buf[ASCII_MAX_LEN];
	size_t i;
	long bad;

	for (i = 0; i < sizeof edges / sizeof *edges; i++) {
		bad = c.bad;
		check(edges[i], strlen(edges[i]), &c);
		check_prefix(edges[i], strlen(edges[i]), &c);
		tally(&c, bad);
	}
	for (i = 0; i <= ASCII_MAX_LEN; i++) {
		bad = c.bad;
		every(buf, 0, i, &c);
		tally(&c, bad);
	}
	tables(&c);
	if (c.read < 1000) {   /* the comparison means something only if the fast path reads texts */
		printf("FAIL: num_fast_ascii read only %ld texts\n", c.read);
		c.fail++;
	}
	if (c.prefixes < 1000) {
		printf("FAIL: num_plain_prefix read only %ld texts\n", c.prefixes);
		c.fail++;
	}
	printf("%d passed, %d failed\n", c.pass, c.fail);
	return c.fail != 0;
}
