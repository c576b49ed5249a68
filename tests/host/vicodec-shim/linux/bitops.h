/* SPDX-License-Identifier: GPL-2.0 */
/* Host shim for vicodec sources: see linux/types.h */
#ifndef CMACODEC_SHIM_LINUX_BITOPS_H
#define CMACODEC_SHIM_LINUX_BITOPS_H
#ifndef BIT
#define BIT(n) (1UL << (n))
#endif
/* the 6.1 uapi v4l2-controls.h uses GENMASK() */
#ifndef GENMASK
#define GENMASK(h, l) (((~0UL) >> (8 * sizeof(long) - 1 - (h))) & (~0UL << (l)))
#endif
#endif
