/* SPDX-License-Identifier: GPL-2.0 */
/* Host shim for vicodec sources: see linux/types.h */
#ifndef CMACODEC_SHIM_LINUX_KERNEL_H
#define CMACODEC_SHIM_LINUX_KERNEL_H
#include <stdio.h>
#include <linux/types.h>
#include <linux/bitops.h>

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))
#define round_up(x, y) ((((x) - 1) | ((__typeof__(x))((y) - 1))) + 1)
#define noinline_for_stack __attribute__((noinline))
#define pr_err(...) fprintf(stderr, __VA_ARGS__)
#endif
