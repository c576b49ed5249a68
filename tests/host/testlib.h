/* SPDX-License-Identifier: GPL-2.0 */
/*
 * cmacodec host tests: TAP output, raw test frames, synthetic pictures.
 */
#ifndef CMACODEC_TESTLIB_H
#define CMACODEC_TESTLIB_H

#include <stdio.h>
#include <stdlib.h>
#include "cmacodec-fwht.h"

/* TAP */
void tap_ok(int cond, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
void tap_diag(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* Print the plan and a summary line; return the exit status */
int tap_done(const char *suite);
int tap_failures(void);

/* A raw frame in one contiguous buffer, laid out as the driver does */
struct test_frame {
	const struct cmacodec_pixfmt *fmt;
	u32 width, height;	/* visible */
	u32 coded_w, coded_h;
	u32 bpl;
	u32 size;
	u8 *buf;
};

enum test_pattern {
	PATTERN_SMOOTH,	/* gradients plus a moving square */
	PATTERN_NOISE,	/* pseudo-random bytes (forces raw planes) */
	PATTERN_FLAT,	/* constant per component (block repeats) */
	PATTERN_CHECKER, /* checkerboard of alternating amplitude: P-blocks
			  * full of top-sequency deltas */
};

int test_frame_alloc(struct test_frame *f, u32 fourcc, u32 width,
		     u32 height);
void test_frame_free(struct test_frame *f);
/* Address of sample (x, y) of component c */
u8 *test_sample(const struct test_frame *f, unsigned int c, u32 x, u32 y);
/* Samples per row/column of component c in the coded area */
void test_coded_dims(const struct test_frame *f, unsigned int c, u32 *w,
		     u32 *h);
/*
 * Visible samples of component c that the stream codes (chroma: width /
 * width_div, rounded down, as the FWHT format defines it)
 */
void test_visible_dims(const struct test_frame *f, unsigned int c, u32 *w,
		       u32 *h);
/* Fill the whole coded area (padding too) for frame number t */
void test_fill(struct test_frame *f, enum test_pattern pat, unsigned int t,
	       u32 seed);
/* Lowest per-component PSNR over the visible area, in dB (99 = equal) */
double test_psnr(const struct test_frame *ref, const struct test_frame *dec);
void test_raw(const struct test_frame *f, struct cmacodec_fwht_raw *raw);
u32 test_rand(u32 *state);
const char *test_fourcc_str(u32 fourcc);

#endif
