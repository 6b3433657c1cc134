/* progress.c — one line of progress on a terminal for long runs: "\r[123/4567] path", cleared at the end. */
#include "progress.h"

#include <string.h>
#include <sys/ioctl.h>
#include <time.h>
#include <unistd.h>

static long long now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

void progress_init(progress *p, FILE *out, size_t total, int wanted)
{
	memset(p, 0, sizeof *p);
	p->out = out;
	p->total = total;
	p->on = wanted && total > PROGRESS_MIN_FILES && isatty(fileno(out));
	p->width = 80;
	struct winsize ws;
	if (p->on && ioctl(fileno(out), TIOCGWINSZ, &ws) == 0 && ws.ws_col > 20)
		p->width = ws.ws_col;
	p->last_ms = -PROGRESS_INTERVAL_MS;
}

/* Columns a UTF-8 string takes, counting every non-ASCII character as two (CJK file names). */
static int columns(const char *s)
{
	int w = 0;
	for (const unsigned char *c = (const unsigned char *)s; *c; c++)
		if ((*c & 0xC0) != 0x80)
			w += *c < 0x80 ? 1 : 2;
	return w;
}

void progress_step(progress *p, size_t done, const char *path)
{
	if (!p->on)
		return;
	long long t = now_ms();
	if (done != 1 && done != p->total && t - p->last_ms < PROGRESS_INTERVAL_MS)
		return;
	p->last_ms = t;
	char head[64];
	int hl = snprintf(head, sizeof head, "[%zu/%zu] ", done, p->total);
	int room = p->width - 1 - hl;
	const char *tail = path;
	if (room < 4) {
		tail = "";
	} else if (columns(path) > room) {   /* keep the end of the path: "…name.json" */
		while (*tail && columns(tail) > room - 1) {
			tail++;
			while ((*tail & 0xC0) == 0x80)
				tail++;
		}
		fprintf(p->out, "\r\033[K%s…%s", head, tail);
		fflush(p->out);
		p->drawn = 1;
		return;
	}
	fprintf(p->out, "\r\033[K%s%s", head, tail);
	fflush(p->out);
	p->drawn = 1;
}

void progress_clear(progress *p)
{
	if (!p->on || !p->drawn)
		return;
	fputs("\r\033[K", p->out);
	fflush(p->out);
	p->drawn = 0;
}
