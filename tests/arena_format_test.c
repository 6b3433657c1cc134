/* arena_format_test.c — arena_format_simple held to vsnprintf: the same text whenever it formats one, and -1 only for what it leaves to vsnprintf. */
#include "arena.h"

#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

static int pass, fail;

/* simple: whether arena_format_simple should format this (fmt of its kind, no NULL, fits in cap). */
static void check(size_t cap, int simple, const char *fmt, ...)
{
	char want[512], got[512];
	va_list ap, ap2;
	va_start(ap, fmt);
	va_copy(ap2, ap);
	int nw = vsnprintf(want, cap, fmt, ap);
	int ng = arena_format_simple(got, cap, fmt, ap2);
	va_end(ap2);
	va_end(ap);
	if (ng >= 0 ? !simple || ng != nw || strcmp(got, want) : simple) {
		printf("FAIL: \"%s\" (cap %zu): vsnprintf %d \"%s\", arena_format_simple %d \"%s\"\n", fmt, cap, nw, want, ng,
		       ng >= 0 ? got : "");
		fail++;
	} else {
		pass++;
	}
}

int main(void)
{
	static const int ints[] = {0, 1, -1, 9, 10, 99, 100, -100, 12345, INT_MAX, INT_MIN, INT_MIN + 1};
	static const size_t sizes[] = {0, 1, 10, 999, 123456789, (size_t)-1};
	static const char *const strs[] = {"", "a", "万元", "“563.02 万元”", "%d%s", "100%"};
	char longs[300];
	memset(longs, 'x', sizeof longs - 1);
	longs[sizeof longs - 1] = '\0';

	check(256, 1, "");
	check(256, 1, "plain text, 中文");
	check(256, 1, "100%%");
	check(256, 1, "%%%%%%");
	check(256, 1, "%s%s", "a", "b");
	check(256, 1, "%s为 %s，%s：%s，相差 %s%s", "总额", "563.02 万元", "各项合计", "400.00 + 163.01", "0.01", "");
	check(256, 1, "算式乘以 100%% 后结果写成 %s，应写为百分数 %s%%", "0.5", "50");
	check(256, 1, "one figure alone reconciles %s: change %s from %s to %s", "it", "x", "1", "2");
	check(256, 1, "all %zu broken sums", (size_t)3);
	check(256, 1, "字段“%s”重复出现（第 %d 行已有），以后者为准", "a", 12);
	for (size_t i = 0; i < sizeof ints / sizeof *ints; i++) {
		check(256, 1, "%d", ints[i]);
		check(256, 1, "[%d] %s", ints[i], "x");
	}
	for (size_t i = 0; i < sizeof sizes / sizeof *sizes; i++)
		check(256, 1, "(%zu items)", sizes[i]);
	for (size_t i = 0; i < sizeof strs / sizeof *strs; i++)
		check(256, 1, "«%s»%s", strs[i], strs[i]);
	/* the room: a text that fills cap - 1 bytes fits, one more does not */
	for (size_t n = 0; n < 12; n++) {
		char s[16];
		memset(s, 'y', n);
		s[n] = '\0';
		check(8, n + 2 <= 7, "<%s>", s);
		check(8, n <= 7, "%s", s);
		check(8, n + 1 <= 7, "%d%s", 5, s);
	}
	check(256, 0, "%s", longs);
	check(256, 0, "%s%s", "a", longs + 44);
	check(256, 1, "%s", longs + 44);   /* 255 bytes */
	check(256, 0, "%s", longs + 43);
	/* left to vsnprintf: every other conversion, flags, widths, precisions, NULL */
	check(256, 0, "%s", (const char *)NULL);
	check(256, 0, "%.*s", 2, "abc");
	check(256, 0, "%5d", 3);
	check(256, 0, "%-3s|", "a");
	check(256, 0, "%u", 3u);
	check(256, 0, "%lld", 3ll);
	check(256, 0, "%x", 255);
	check(256, 0, "%c", 'a');
	check(256, 0, "%zd", (size_t)1);
	check(256, 0, "%s %g", "a", 1.5);
	printf("%d passed, %d failed\n", pass, fail);
	return fail != 0;
}
