/* SPDX-License-Identifier: GPL-2.0 */
/*
 * test_conv: floating-point reference of the converter and picture helpers.
 */
#ifndef CMACODEC_CONV_REF_H
#define CMACODEC_CONV_REF_H

#include "testlib.h"
#include "cmacodec-conv.h"

/* fill byte of destination buffers: padding must keep it */
#define CANARY 0xa5

enum { CLS_YUV, CLS_GREY, CLS_RGB };

/* cmacodec_pixfmt_find(), cached */
const struct cmacodec_pixfmt *fmt_of(u32 fourcc);
/* CLS_* of a format */
int cls_of(u32 fourcc);
/* an alpha channel, not an X byte */
int has_alpha(u32 fourcc);
/* malloc a picture of bytesperline w * bpp + pad; exits on ENOMEM */
int pic_alloc(struct cmacodec_conv_pic *p, u32 fourcc, u32 w, u32 h, u32 pad,
	      u32 enc, u32 quant);
/* every byte of the buffer pseudo-random */
void pic_random(struct cmacodec_conv_pic *p, u32 *seed);
/* address of sample (x, y) of component c */
u8 *pic_sample(const struct cmacodec_conv_pic *p, unsigned int c, u32 x,
	       u32 y);
/* samples per row and rows of component c */
void comp_dims(const struct cmacodec_conv_pic *p, unsigned int c, u32 *w,
	       u32 *h);
/* components of a format */
unsigned int ncomps(u32 fourcc);
/* bytes that are not samples and no longer hold CANARY */
u32 canary_damage(const struct cmacodec_conv_pic *p);
/* Kr and Kb of a CMACODEC_CONV_YCBCR_* */
void kr_kb(u32 enc, double *kr, double *kb);
/* v clamped to 0 .. 255 */
double clamp255(double v);
/*
 * Largest |converter - rounded reference| over the destination (on a
 * grid of about samples x samples points per component, 0: everywhere);
 * *worst_exact returns the largest distance to the unrounded reference
 */
int ref_max_err(const struct cmacodec_conv_params *p, u32 samples,
		double *worst_exact);

#endif
