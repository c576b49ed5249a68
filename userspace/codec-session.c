// SPDX-License-Identifier: GPL-2.0-only
/*
 * cmacodec tool: what encoder and decoder sessions share - statistics,
 * polling.
 */
#include <errno.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>

#include "codec-session.h"

/* a stuck job is failed by the driver's watchdog long before this */
#define SESSION_TIMEOUT_MS 30000

static int grow(uint64_t **arr, unsigned int *cap, unsigned int need)
{
	unsigned int n = *cap ? *cap : 64;
	uint64_t *p;

	if (need < *cap)
		return 0;
	while (n <= need)
		n *= 2;
	p = realloc(*arr, n * sizeof(**arr));
	if (!p)
		return -1;
	memset(p + *cap, 0, (n - *cap) * sizeof(*p));
	*arr = p;
	*cap = n;
	return 0;
}

void stats_free(struct run_stats *st)
{
	free(st->lat_ns);
	free(st->t_queued);
	st->lat_ns = NULL;
	st->t_queued = NULL;
	st->nlat = st->lat_cap = st->tq_cap = 0;
}

int stats_queued(struct run_stats *st, unsigned int seq)
{
	if (grow(&st->t_queued, &st->tq_cap, seq)) {
		msg_err("out of memory");
		return -1;
	}
	st->t_queued[seq] = now_ns();
	return 0;
}

void stats_done(struct run_stats *st, uint64_t seq)
{
	if (seq >= st->tq_cap || !st->t_queued[seq])
		return;
	if (grow(&st->lat_ns, &st->lat_cap, st->nlat))
		return;
	st->lat_ns[st->nlat++] = now_ns() - st->t_queued[seq];
}

int session_poll(int fd, const char *what)
{
	struct pollfd p = { .fd = fd, .events = POLLIN | POLLOUT | POLLPRI };
	int ret;

	do {
		ret = poll(&p, 1, SESSION_TIMEOUT_MS);
	} while (ret < 0 && errno == EINTR);
	if (ret < 0) {
		msg_err("%s: poll failed: %s", what, strerror(errno));
		return -1;
	}
	if (!ret) {
		msg_err("%s: no buffer completed within %d s: the driver seems stuck (see dmesg)",
			what, SESSION_TIMEOUT_MS / 1000);
		return -1;
	}
	if (p.revents & (POLLERR | POLLNVAL) &&
	    !(p.revents & (POLLIN | POLLOUT | POLLPRI))) {
		msg_err("%s: poll reports an error condition (%#x)", what,
			p.revents);
		return -1;
	}
	return p.revents;
}
