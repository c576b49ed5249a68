/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Helpers the guest-side benchmark tools share: a monotonic clock and
 * sorting of sample arrays.
 */
#ifndef CMACODEC_BENCHUTIL_H
#define CMACODEC_BENCHUTIL_H

#include <stdint.h>
#include <stdlib.h>
#include <time.h>

/* monotonic time in nanoseconds */
static inline uint64_t now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000ULL + (uint64_t)ts.tv_nsec;
}

/* qsort() comparison of two uint64_t samples */
static inline int cmp_u64(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;

	return x < y ? -1 : x > y;
}

#endif
