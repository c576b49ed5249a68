/* SPDX-License-Identifier: GPL-2.0 */
/* Host shim for vicodec sources: see linux/types.h */
#ifndef CMACODEC_SHIM_LINUX_ERRNO_H
#define CMACODEC_SHIM_LINUX_ERRNO_H
#include_next <linux/errno.h>
#endif
