/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Host shim: lets vicodec's codec-fwht.c / codec-v4l2-fwht.c (read from
 * the kernel tree, never copied here) build in user space for the
 * bit-exactness test.  Only what those two files use.
 */
#ifndef CMACODEC_SHIM_LINUX_TYPES_H
#define CMACODEC_SHIM_LINUX_TYPES_H

#include_next <linux/types.h>
#include <stdint.h>
#include <stddef.h>
#include <stdbool.h>

/* same base types as drivers/cmacodec/codec/cmacodec-codec-types.h */
typedef unsigned char u8;
typedef unsigned short u16;
typedef unsigned int u32;
typedef unsigned long long u64;
typedef signed char s8;
typedef short s16;
typedef int s32;
typedef long long s64;

#endif
