/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Host shim for vicodec sources: the system's uapi videodev2.h plus
 * pr_err, which codec-v4l2-fwht.c gets through kernel headers.
 */
#ifndef CMACODEC_SHIM_LINUX_VIDEODEV2_H
#define CMACODEC_SHIM_LINUX_VIDEODEV2_H
#include <linux/bitops.h>
#include_next <linux/videodev2.h>
#include <linux/kernel.h>
#endif
