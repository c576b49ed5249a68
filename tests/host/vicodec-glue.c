// SPDX-License-Identifier: GPL-2.0
/*
 * vicodec-core.c's state set-up and reference copy, mirrored for the
 * user-space builds of vicodec's codec (see vicodec-glue.h).
 */
#include <stdlib.h>
#include <string.h>
#include "vicodec-glue.h"

/* vicodec-core.c: total_frame_size() */
static u32 vic_ref_size(const struct v4l2_fwht_pixfmt_info *info, u32 cw,
			u32 ch)
{
	u32 size = cw * ch, chroma_div = info->width_div * info->height_div;

	if (info->components_num == 4)
		return 2 * size + 2 * (size / chroma_div);
	if (info->components_num == 3)
		return size + 2 * (size / chroma_div);
	return size;
}

int vic_state_init(struct v4l2_fwht_state *st, const struct vic_cfg *cfg)
{
	const struct v4l2_fwht_pixfmt_info *info =
		v4l2_fwht_find_pixfmt(cfg->fourcc);
	u32 size, chroma_div;

	memset(st, 0, sizeof(*st));
	if (!info)
		return -1;
	st->info = info;
	st->visible_width = cfg->w;
	st->visible_height = cfg->h;
	st->coded_width = cfg->coded_w;
	st->coded_height = cfg->coded_h;
	st->stride = cfg->coded_w * info->bytesperline_mult;
	st->ref_stride = cfg->coded_w * info->luma_alpha_step;
	st->gop_size = cfg->gop;
	st->i_frame_qp = cfg->qp_i;
	st->p_frame_qp = cfg->qp_p;
	st->colorspace = V4L2_COLORSPACE_REC709;
	st->xfer_func = V4L2_XFER_FUNC_709;
	st->ycbcr_enc = V4L2_YCBCR_ENC_709;
	st->quantization = V4L2_QUANTIZATION_LIM_RANGE;
	st->ref_frame.buf = calloc(1, vic_ref_size(info, cfg->coded_w,
						   cfg->coded_h));
	if (!st->ref_frame.buf)
		return -1;
	size = cfg->coded_w * cfg->coded_h;
	chroma_div = info->width_div * info->height_div;
	st->ref_frame.luma = st->ref_frame.buf;
	if (info->components_num < 3)
		return 0;
	st->ref_frame.cb = st->ref_frame.luma + size;
	st->ref_frame.cr = st->ref_frame.cb + size / chroma_div;
	if (info->components_num == 4)
		st->ref_frame.alpha = st->ref_frame.cr + size / chroma_div;
	return 0;
}

void vic_copy_cap_to_ref(const u8 *cap, struct v4l2_fwht_state *st)
{
	const struct v4l2_fwht_pixfmt_info *info = st->info;
	u32 cap_stride = st->stride, ref_stride = st->ref_stride;
	u8 *ref = st->ref_frame.buf;
	unsigned int p, i;

	for (p = 0; p < info->planes_num; p++) {
		unsigned int h_div = (p == 1 || p == 2) ? info->height_div : 1;
		const u8 *rc = cap;
		u8 *rr = ref;

		if (info->planes_num == 3 && p == 1) {
			cap_stride /= 2;
			ref_stride /= 2;
		}
		if (p == 1 && (info->id == V4L2_PIX_FMT_NV24 ||
			       info->id == V4L2_PIX_FMT_NV42)) {
			cap_stride *= 2;
			ref_stride *= 2;
		}
		for (i = 0; i < st->visible_height / h_div; i++) {
			memcpy(rr, rc, ref_stride);
			rr += ref_stride;
			rc += cap_stride;
		}
		cap += cap_stride * (st->coded_height / h_div);
		ref += ref_stride * (st->coded_height / h_div);
	}
}
