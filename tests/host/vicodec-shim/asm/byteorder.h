/* SPDX-License-Identifier: GPL-2.0 */
/* Host shim for vicodec sources: see linux/types.h */
#ifndef CMACODEC_SHIM_ASM_BYTEORDER_H
#define CMACODEC_SHIM_ASM_BYTEORDER_H
#include_next <asm/byteorder.h>
#include <arpa/inet.h>
#endif
