/* SPDX-License-Identifier: GPL-2.0 */
/*
 * cmacodec codec core: the only place that knows whether the core is
 * built into the kernel module or into a host (user-space) program.
 *
 * The core includes nothing but this file and its own headers.  It never
 * allocates, locks or sleeps.
 *
 * The uapi header is reached with a path relative to this directory
 * (../../../uapi/linux/cmacodec.h), so neither build needs extra -I flags.
 */
#ifndef CMACODEC_CODEC_TYPES_H
#define CMACODEC_CODEC_TYPES_H

#ifdef __KERNEL__

#include <linux/kernel.h>	/* ARRAY_SIZE() on every kernel version */
#include <linux/types.h>
#include <linux/string.h>
#include <asm/byteorder.h>

/* keeps big per-plane workers out of their callers' stack frames */
#define CMACODEC_NOINLINE noinline_for_stack

static inline u32 cmacodec_be32_to_cpu(__be32 v)
{
	return be32_to_cpu(v);
}

static inline __be32 cmacodec_cpu_to_be32(u32 v)
{
	return cpu_to_be32(v);
}

#else /* !__KERNEL__ */

#include <stdint.h>
#include <stddef.h>
#include <string.h>
#include <stdbool.h>
#include <linux/types.h>

/* the same base types the kernel uses on every architecture */
typedef unsigned char u8;
typedef unsigned short u16;
typedef unsigned int u32;
typedef unsigned long long u64;
typedef signed char s8;
typedef short s16;
typedef int s32;
typedef long long s64;

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))
/*
 * Out of line only matters for the kernel's stack frame limit; host builds
 * (tests, fuzzer, bench) let the compiler decide.
 */
#define CMACODEC_NOINLINE

static inline u32 cmacodec_be32_to_cpu(__be32 v)
{
	const u8 *b = (const u8 *)&v;

	return ((u32)b[0] << 24) | ((u32)b[1] << 16) |
	       ((u32)b[2] << 8) | (u32)b[3];
}

static inline __be32 cmacodec_cpu_to_be32(u32 v)
{
	__be32 r;
	u8 *b = (u8 *)&r;

	b[0] = v >> 24;
	b[1] = v >> 16;
	b[2] = v >> 8;
	b[3] = v;
	return r;
}

#endif /* __KERNEL__ */

#endif /* CMACODEC_CODEC_TYPES_H */
