/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The ioctl fuzzer's pieces shared by its two files: a seeded generator
 * and the table of how often each ioctl returned each errno.
 */
#ifndef CMACODEC_FUZZUTIL_H
#define CMACODEC_FUZZUTIL_H

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <linux/videodev2.h>

#define FZ_MAX_ERRNO 160

/* xorshift64*: the same sequence for the same seed on every machine */
static inline uint32_t fz_rand(uint64_t *s)
{
	if (!*s)
		*s = 0x2545f4914f6cdd1dull;
	*s ^= *s >> 12;
	*s ^= *s << 25;
	*s ^= *s >> 27;
	return (uint32_t)((*s * 0x2545f4914f6cdd1dull) >> 32);
}

/* uniform-enough in [0, n) for the small n used here */
static inline uint32_t fz_below(uint64_t *s, uint32_t n)
{
	return n ? fz_rand(s) % n : 0;
}

static inline unsigned long fz_clamp(unsigned long v, unsigned long lo,
				     unsigned long hi)
{
	return v < lo ? lo : v > hi ? hi : v;
}

#define FZ_IOC(x) { x, #x }
static const struct fz_ioc {
	unsigned long req;
	const char *name;
} fz_iocs[] = {
	FZ_IOC(VIDIOC_QUERYCAP), FZ_IOC(VIDIOC_G_FMT), FZ_IOC(VIDIOC_S_FMT),
	FZ_IOC(VIDIOC_TRY_FMT), FZ_IOC(VIDIOC_REQBUFS),
	FZ_IOC(VIDIOC_CREATE_BUFS), FZ_IOC(VIDIOC_QUERYBUF),
	FZ_IOC(VIDIOC_PREPARE_BUF), FZ_IOC(VIDIOC_QBUF), FZ_IOC(VIDIOC_DQBUF),
	FZ_IOC(VIDIOC_STREAMON), FZ_IOC(VIDIOC_STREAMOFF),
	FZ_IOC(VIDIOC_EXPBUF), FZ_IOC(VIDIOC_G_CTRL), FZ_IOC(VIDIOC_S_CTRL),
	FZ_IOC(VIDIOC_G_EXT_CTRLS), FZ_IOC(VIDIOC_S_EXT_CTRLS),
	FZ_IOC(VIDIOC_TRY_EXT_CTRLS), FZ_IOC(VIDIOC_QUERY_EXT_CTRL),
	FZ_IOC(VIDIOC_G_SELECTION), FZ_IOC(VIDIOC_S_SELECTION),
	FZ_IOC(VIDIOC_ENCODER_CMD), FZ_IOC(VIDIOC_TRY_ENCODER_CMD),
	FZ_IOC(VIDIOC_DECODER_CMD), FZ_IOC(VIDIOC_TRY_DECODER_CMD),
	FZ_IOC(VIDIOC_SUBSCRIBE_EVENT), FZ_IOC(VIDIOC_UNSUBSCRIBE_EVENT),
	FZ_IOC(VIDIOC_DQEVENT),
};
#define FZ_NIOCS (sizeof(fz_iocs) / sizeof(fz_iocs[0]))

/** struct fz_stats - calls per ioctl and result (0: success) */
struct fz_stats {
	unsigned long n[FZ_NIOCS][FZ_MAX_ERRNO];
};

static inline struct fz_stats *fz_stats_new(void)
{
	struct fz_stats *st = calloc(1, sizeof(*st));

	if (!st) {
		perror("calloc");
		exit(1);
	}
	return st;
}

/* one raw ioctl (no EINTR restart: the fuzzer interrupts on purpose) */
static inline int fz_ioctl(struct fz_stats *st, int fd, unsigned long req,
			   void *arg)
{
	int r = ioctl(fd, req, arg), e = r ? errno : 0;
	unsigned int i;

	for (i = 0; i < FZ_NIOCS; i++)
		if (fz_iocs[i].req == req)
			break;
	if (i < FZ_NIOCS)
		__atomic_fetch_add(&st->n[i][e < FZ_MAX_ERRNO ? e : 0], 1,
				   __ATOMIC_RELAXED);
	errno = e;
	return r;
}

/* "# VIDIOC_X: ok N, EINVAL N, ..." for every ioctl that was called */
static inline void fz_stats_print(const struct fz_stats *st)
{
	unsigned int i, e;

	for (i = 0; i < FZ_NIOCS; i++) {
		char line[1024];
		size_t len = 0;
		unsigned long total = 0;

		for (e = 0; e < FZ_MAX_ERRNO; e++) {
			if (!st->n[i][e])
				continue;
			total += st->n[i][e];
			len += snprintf(line + len, sizeof(line) - len, "%s%s %lu",
					len ? ", " : "",
					e ? strerrorname_np(e) : "ok",
					st->n[i][e]);
			if (len >= sizeof(line))
				break;
		}
		if (total)
			printf("# %s: %s\n", fz_iocs[i].name, line);
	}
}

int fz_streams(uint64_t seed, unsigned long count, const char *enc,
	       const char *dec);

#endif /* CMACODEC_FUZZUTIL_H */
