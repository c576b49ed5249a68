// SPDX-License-Identifier: GPL-2.0-only
/*
 * cmacodec tool: messages, time, progress line.
 */
#include <stdarg.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "common.h"

static void vmsg(const char *prefix, const char *fmt, va_list ap)
{
	fprintf(stderr, TOOL_NAME ": %s", prefix);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
}

void msg_err(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vmsg("", fmt, ap);
	va_end(ap);
}

void msg_warn(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vmsg("warning: ", fmt, ap);
	va_end(ap);
}

void msg_debug(int on, const char *fmt, ...)
{
	va_list ap;

	if (!on)
		return;
	va_start(ap, fmt);
	vmsg("debug: ", fmt, ap);
	va_end(ap);
}

uint64_t now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000ULL + (uint64_t)ts.tv_nsec;
}

void progress_init(struct progress *p, const char *what, int force)
{
	p->enabled = force || isatty(STDERR_FILENO);
	p->shown = 0;
	p->what = what;
	p->start_ns = now_ns();
	p->last_ns = p->start_ns;
}

void progress_update(struct progress *p, unsigned int frames)
{
	uint64_t t;
	double secs;

	if (!p->enabled)
		return;
	t = now_ns();
	if (t - p->start_ns < 1000000000ULL || t - p->last_ns < 200000000ULL)
		return;
	p->last_ns = t;
	secs = (double)(t - p->start_ns) / 1e9;
	fprintf(stderr, "\r%s: %u frames, %.1f fps, %.1f s ", p->what, frames,
		frames / secs, secs);
	fflush(stderr);
	p->shown = 1;
}

void progress_done(struct progress *p)
{
	if (p->shown)
		fputc('\n', stderr);
	p->shown = 0;
}

void str_copy(char *dst, size_t len, const char *src)
{
	size_t n = strlen(src);

	if (!len)
		return;
	if (n >= len)
		n = len - 1;
	memcpy(dst, src, n);
	dst[n] = '\0';
}
