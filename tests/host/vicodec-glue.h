/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The driver-side glue of vicodec (vicodec-core.c) that the user-space
 * builds of its codec need: state set-up and the copy of a decoded frame
 * into the decoder's reference.  Shared by test_vicodec and bench/core.
 */
#ifndef CMACODEC_VICODEC_GLUE_H
#define CMACODEC_VICODEC_GLUE_H

#include <linux/videodev2.h>
#include "codec-v4l2-fwht.h"

/**
 * struct vic_cfg - what vicodec_start_streaming() takes from the context
 * @fourcc: raw format
 * @w: visible width
 * @h: visible height
 * @coded_w: coded width (multiple of 8)
 * @coded_h: coded height
 * @qp_i: I-frame QP
 * @qp_p: P-frame QP
 * @gop: GOP size
 */
struct vic_cfg {
	u32 fourcc;
	u32 w, h;
	u32 coded_w, coded_h;
	u16 qp_i, qp_p;
	unsigned int gop;
};

/* vicodec-core.c: vicodec_start_streaming() for one side; 0 or -1 */
int vic_state_init(struct v4l2_fwht_state *st, const struct vic_cfg *cfg);
/* vicodec-core.c: copy_cap_to_ref() */
void vic_copy_cap_to_ref(const u8 *cap, struct v4l2_fwht_state *st);

#endif
