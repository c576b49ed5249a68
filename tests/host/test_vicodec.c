// SPDX-License-Identifier: GPL-2.0
/*
 * Bit-exactness against the kernel's vicodec.
 *
 * vicodec's codec-fwht.c and codec-v4l2-fwht.c are compiled from the kernel
 * tree (VICODEC_SRC) with small user-space shims.  Both encoders get the
 * same raw frames with the same QPs and GOP; the streams must be
 * byte-identical.  Each stream is then decoded by the other side's decoder
 * and the pictures must be identical.  The driver-side glue of vicodec
 * (vicodec-core.c) is mirrored: the GOP counter here, the state set-up and
 * the copy of the decoded frame into the decoder reference in
 * vicodec-glue.c (shared with bench/core).
 */
#include "vicodec-glue.h"
#include "testlib.h"

#define RAW_FLAGS	(CMACODEC_FWHT_FL_LUMA_IS_UNCOMPRESSED | \
			 CMACODEC_FWHT_FL_CB_IS_UNCOMPRESSED | \
			 CMACODEC_FWHT_FL_CR_IS_UNCOMPRESSED | \
			 CMACODEC_FWHT_FL_ALPHA_IS_UNCOMPRESSED)

struct vcase {
	u32 fourcc;
	u32 w, h;
	u16 qp_i, qp_p;
	unsigned int frames, gop;
	enum test_pattern pat;
};

/* vicodec_start_streaming() for the case's size, QPs and GOP */
static int vic_case_init(struct v4l2_fwht_state *st, const struct vcase *vc,
			 const struct test_frame *f)
{
	struct vic_cfg cfg = { vc->fourcc, vc->w, vc->h, f->coded_w,
			       f->coded_h, vc->qp_i, vc->qp_p, vc->gop };

	return vic_state_init(st, &cfg);
}

static const u32 raw_flag[CMACODEC_COMP_MAX] = {
	CMACODEC_FWHT_FL_LUMA_IS_UNCOMPRESSED,
	CMACODEC_FWHT_FL_CB_IS_UNCOMPRESSED,
	CMACODEC_FWHT_FL_CR_IS_UNCOMPRESSED,
	CMACODEC_FWHT_FL_ALPHA_IS_UNCOMPRESSED,
};

/*
 * Compare the samples the stream codes (floor-sized chroma) of @a with
 * @b, except for components whose raw-flag is in @raw: those must equal
 * the source with 0xff stored as 0xfe, and components before the last raw
 * one are skipped (vicodec's raw-plane memcpy clobbers them in @b).
 */
static u32 picture_diff(const struct test_frame *a, const struct test_frame *b,
			const struct test_frame *src, u32 raw)
{
	unsigned int c, last_raw = 0;
	u32 diffs = 0;

	for (c = 0; c < a->fmt->components; c++)
		if (raw & raw_flag[c])
			last_raw = c + 1;
	for (c = 0; c < a->fmt->components; c++) {
		bool is_raw = raw & raw_flag[c];
		u32 w, h, x, y;

		if (!is_raw && c < last_raw)
			continue;
		test_visible_dims(a, c, &w, &h);
		for (y = 0; y < h; y++) {
			for (x = 0; x < w; x++) {
				u8 va = *test_sample(a, c, x, y), vb;

				if (is_raw) {
					vb = *test_sample(src, c, x, y);
					vb = vb == 0xff ? 0xfe : vb;
				} else {
					vb = *test_sample(b, c, x, y);
				}
				diffs += va != vb;
			}
		}
	}
	return diffs;
}

/*
 * vicodec's decoder copies a raw ("uncompressed") plane with memcpy(),
 * ignoring the sample step, so it only decodes such planes right for
 * fully planar formats.  Its output is not compared after a raw plane in
 * any other format (until the next I-frame).
 */
static bool vic_raw_planes_ok(const struct cmacodec_pixfmt *fmt)
{
	unsigned int c;

	for (c = 0; c < fmt->components; c++)
		if (fmt->comp[c].step != 1)
			return false;
	return true;
}

struct side {
	struct test_frame dst;
	u8 *out;
};

static void run_case(const struct vcase *vc)
{
	struct v4l2_fwht_state venc, vdec;
	struct cmacodec_fwht_enc enc;
	struct cmacodec_fwht_dec dec;
	struct test_frame src;
	struct side ours = { 0 }, vic = { 0 };
	u32 ref_size = cmacodec_fwht_ref_size(vc->fourcc, vc->w, vc->h);
	u8 *enc_ref = malloc(ref_size), *dec_ref = malloc(ref_size);
	unsigned int t, gop_cnt = 0, stream_diff = 0, pic_diff = 0;
	unsigned int pframes = 0, raw_frames = 0, compared = 0;
	bool setup, vic_tainted = false;
	u32 out_size = 0;
	char name[96];
	int err = 0;

	snprintf(name, sizeof(name), "%s %ux%u qp %u/%u gop %u x%u %s",
		 test_fourcc_str(vc->fourcc), vc->w, vc->h, vc->qp_i, vc->qp_p,
		 vc->gop, vc->frames,
		 vc->pat == PATTERN_NOISE ? "noise" :
		 vc->pat == PATTERN_FLAT ? "flat" :
		 vc->pat == PATTERN_CHECKER ? "checker" : "smooth");
	setup = !test_frame_alloc(&src, vc->fourcc, vc->w, vc->h) &&
		!test_frame_alloc(&ours.dst, vc->fourcc, vc->w, vc->h) &&
		!test_frame_alloc(&vic.dst, vc->fourcc, vc->w, vc->h) &&
		enc_ref && dec_ref;
	if (setup) {
		out_size = cmacodec_pixfmt_fwht_sizeimage(src.fmt, src.coded_w,
							  src.coded_h);
		ours.out = malloc(out_size);
		vic.out = malloc(out_size * 2);
		setup = ours.out && vic.out &&
			!vic_case_init(&venc, vc, &src) &&
			!vic_case_init(&vdec, vc, &src) &&
			venc.stride == src.bpl &&
			!cmacodec_fwht_enc_init(&enc, vc->fourcc, vc->w, vc->h,
						enc_ref, ref_size) &&
			!cmacodec_fwht_dec_init(&dec, vc->fourcc, vc->w, vc->h,
						dec_ref, ref_size);
	}

	for (t = 0; setup && t < vc->frames; t++) {
		struct cmacodec_fwht_enc_params p = {
			.i_frame_qp = vc->qp_i,
			.p_frame_qp = vc->qp_p,
			.is_intra = gop_cnt == 0,
			.next_is_intra = gop_cnt == vc->gop - 1,
			.color = { V4L2_COLORSPACE_REC709, V4L2_XFER_FUNC_709,
				   V4L2_YCBCR_ENC_709,
				   V4L2_QUANTIZATION_LIM_RANGE },
		};
		struct cmacodec_fwht_raw raw;
		int n, vn, m;
		u32 flags = 0;

		test_fill(&src, vc->pat, t, vc->w + vc->h);
		test_raw(&src, &raw);
		n = cmacodec_fwht_encode(&enc, &raw, &p, ours.out, out_size,
					 &flags);
		vn = v4l2_fwht_encode(&venc, src.buf, vic.out);
		if (n < 0 || vn < 0) {
			tap_diag("frame %u: encode %d / vicodec %d", t, n, vn);
			err++;
			break;
		}
		if (n != vn || memcmp(ours.out, vic.out, n)) {
			int at = 0;

			while (at < n && at < vn && ours.out[at] == vic.out[at])
				at++;
			tap_diag("frame %u: stream differs (%d vs %d bytes, first at %d, flags %08x vs %08x)",
				 t, n, vn, at, flags,
				 ntohl(((struct fwht_cframe_hdr *)vic.out)->flags));
			stream_diff++;
		}
		/* vicodec-core's GOP counter (venc keeps its own) */
		if (flags & CMACODEC_FWHT_FL_I_FRAME) {
			gop_cnt = 0;
			vic_tainted = false;
		} else {
			pframes++;
		}
		if (++gop_cnt >= vc->gop)
			gop_cnt = 0;
		if (gop_cnt != venc.gop_cnt) {
			tap_diag("frame %u: GOP counters differ", t);
			err++;
		}
		if (flags & RAW_FLAGS) {
			raw_frames++;
			if (!vic_raw_planes_ok(src.fmt))
				vic_tainted = true;
		}

		/* our decoder on vicodec's stream */
		test_raw(&ours.dst, &raw);
		m = cmacodec_fwht_decode(&dec, vic.out, (u32)vn, &raw, NULL);
		if (m != vn) {
			tap_diag("frame %u: decode: %s", t,
				 cmacodec_fwht_strerror(m));
			err++;
			break;
		}
		/* vicodec's decoder on our stream */
		memcpy(&vdec.header, ours.out, sizeof(vdec.header));
		if (v4l2_fwht_decode(&vdec, ours.out + sizeof(vdec.header),
				     vic.dst.buf) < 0) {
			tap_diag("frame %u: vicodec decode failed", t);
			err++;
			break;
		}
		vic_copy_cap_to_ref(vic.dst.buf, &vdec);
		if (!vic_tainted) {
			u32 d = picture_diff(&ours.dst, &vic.dst, &src, 0);

			compared++;
			if (d) {
				tap_diag("frame %u: %u samples differ", t, d);
				pic_diff++;
			}
		} else if (flags & CMACODEC_FWHT_FL_I_FRAME) {
			/* raw planes against the source, others vicodec */
			u32 d = picture_diff(&ours.dst, &vic.dst, &src,
					     flags & RAW_FLAGS);

			compared++;
			if (d) {
				tap_diag("frame %u: %u samples differ (raw planes checked against the source)",
					 t, d);
				pic_diff++;
			}
		}
	}

	tap_ok(setup && !err && !stream_diff,
	       "encode %s: streams byte-identical (%u P-frames, %u with raw planes)",
	       name, pframes, raw_frames);
	tap_ok(setup && !err && !pic_diff && compared,
	       "decode %s: pictures identical (%u frames compared)", name,
	       compared);

	if (setup) {
		free(venc.ref_frame.buf);
		free(vdec.ref_frame.buf);
	}
	test_frame_free(&src);
	test_frame_free(&ours.dst);
	test_frame_free(&vic.dst);
	free(ours.out);
	free(vic.out);
	free(enc_ref);
	free(dec_ref);
}

static void check_constants(void)
{
	unsigned int i;
	int bad = 0;

	tap_ok(CMACODEC_FWHT_VERSION == V4L2_FWHT_VERSION &&
	       CMACODEC_FWHT_FL_IS_INTERLACED == V4L2_FWHT_FL_IS_INTERLACED &&
	       CMACODEC_FWHT_FL_IS_BOTTOM_FIRST ==
	       V4L2_FWHT_FL_IS_BOTTOM_FIRST &&
	       CMACODEC_FWHT_FL_IS_ALTERNATE == V4L2_FWHT_FL_IS_ALTERNATE &&
	       CMACODEC_FWHT_FL_IS_BOTTOM_FIELD ==
	       V4L2_FWHT_FL_IS_BOTTOM_FIELD &&
	       CMACODEC_FWHT_FL_LUMA_IS_UNCOMPRESSED ==
	       V4L2_FWHT_FL_LUMA_IS_UNCOMPRESSED &&
	       CMACODEC_FWHT_FL_CB_IS_UNCOMPRESSED ==
	       V4L2_FWHT_FL_CB_IS_UNCOMPRESSED &&
	       CMACODEC_FWHT_FL_CR_IS_UNCOMPRESSED ==
	       V4L2_FWHT_FL_CR_IS_UNCOMPRESSED &&
	       CMACODEC_FWHT_FL_CHROMA_FULL_HEIGHT ==
	       V4L2_FWHT_FL_CHROMA_FULL_HEIGHT &&
	       CMACODEC_FWHT_FL_CHROMA_FULL_WIDTH ==
	       V4L2_FWHT_FL_CHROMA_FULL_WIDTH &&
	       CMACODEC_FWHT_FL_ALPHA_IS_UNCOMPRESSED ==
	       V4L2_FWHT_FL_ALPHA_IS_UNCOMPRESSED &&
	       CMACODEC_FWHT_FL_I_FRAME == V4L2_FWHT_FL_I_FRAME &&
	       CMACODEC_FWHT_FL_COMPONENTS_NUM_MSK ==
	       V4L2_FWHT_FL_COMPONENTS_NUM_MSK &&
	       CMACODEC_FWHT_FL_COMPONENTS_NUM_OFFSET ==
	       V4L2_FWHT_FL_COMPONENTS_NUM_OFFSET &&
	       CMACODEC_FWHT_FL_PIXENC_MSK == V4L2_FWHT_FL_PIXENC_MSK &&
	       CMACODEC_FWHT_FL_PIXENC_YUV == V4L2_FWHT_FL_PIXENC_YUV &&
	       CMACODEC_FWHT_FL_PIXENC_RGB == V4L2_FWHT_FL_PIXENC_RGB &&
	       CMACODEC_FWHT_FL_PIXENC_HSV == V4L2_FWHT_FL_PIXENC_HSV &&
	       CMACODEC_FWHT_MAGIC1 == FWHT_MAGIC1 &&
	       CMACODEC_FWHT_MAGIC2 == FWHT_MAGIC2 &&
	       CMACODEC_FWHT_HEADER_SIZE == sizeof(struct fwht_cframe_hdr) &&
	       CMACODEC_PIX_FMT_FWHT == V4L2_PIX_FMT_FWHT,
	       "uapi constants equal V4L2/vicodec ones");

	/* same formats, same order, same parameters as vicodec's table */
	for (i = 0; ; i++) {
		const struct v4l2_fwht_pixfmt_info *v = v4l2_fwht_get_pixfmt(i);
		const struct cmacodec_pixfmt *o = cmacodec_pixfmt_get(i);

		if (!v || !o) {
			bad += !!v != !!o;
			break;
		}
		if (v->id != o->fourcc || v->components_num != o->components ||
		    v->width_div != o->width_div ||
		    v->height_div != o->height_div ||
		    v->pixenc != (u32)o->pixenc << CMACODEC_FWHT_FL_PIXENC_OFFSET ||
		    v->bytesperline_mult != o->bpp ||
		    v->luma_alpha_step != o->comp[0].step ||
		    (o->components > 1 &&
		     v->chroma_step != o->comp[1].step) ||
		    v->planes_num != o->planes ||
		    1280 * 720 * v->sizeimage_mult / v->sizeimage_div !=
		    cmacodec_pixfmt_sizeimage(o, 1280 * o->bpp, 720)) {
			tap_diag("catalogue entry %u (%s) differs", i,
				 test_fourcc_str(o->fourcc));
			bad++;
		}
	}
	tap_ok(!bad && i == cmacodec_pixfmt_count(),
	       "catalogue matches vicodec's format table (%u formats)", i);
}

int main(void)
{
	static const struct vcase big[] = {
		{ CMACODEC_PIX_FMT_YUV420, 1280, 720, 20, 20, 4, 3, PATTERN_SMOOTH },
		{ CMACODEC_PIX_FMT_NV12, 1280, 720, 1, 1, 2, 2, PATTERN_SMOOTH },
		{ CMACODEC_PIX_FMT_YUYV, 1280, 720, 10, 25, 3, 3, PATTERN_SMOOTH },
		{ CMACODEC_PIX_FMT_RGB24, 1280, 720, 20, 20, 2, 2, PATTERN_SMOOTH },
		{ CMACODEC_PIX_FMT_ARGB32, 1280, 720, 31, 31, 2, 2, PATTERN_SMOOTH },
		{ CMACODEC_PIX_FMT_GREY, 1280, 720, 5, 5, 3, 3, PATTERN_SMOOTH },
		{ CMACODEC_PIX_FMT_YUV420, 1920, 1080, 20, 20, 3, 3, PATTERN_SMOOTH },
		{ CMACODEC_PIX_FMT_RGB32, 1920, 1080, 20, 20, 1, 1, PATTERN_SMOOTH },
		{ CMACODEC_PIX_FMT_YUV420, 1920, 1080, 20, 20, 2, 2, PATTERN_FLAT },
		{ CMACODEC_PIX_FMT_NV24, 1918, 1080, 12, 18, 2, 2, PATTERN_SMOOTH },
		{ CMACODEC_PIX_FMT_YUV422P, 721, 481, 20, 20, 4, 4, PATTERN_SMOOTH },
		{ CMACODEC_PIX_FMT_HSV24, 641, 359, 20, 20, 3, 3, PATTERN_SMOOTH },
	};
	static const u32 sizes[][2] = { { 64, 48 }, { 17, 9 }, { 130, 66 } };
	static const u16 qps[][2] = { { 20, 20 }, { 1, 1 }, { 31, 5 } };
	unsigned int i, s;

	check_constants();
	for (i = 0; i < cmacodec_pixfmt_count(); i++) {
		u32 fourcc = cmacodec_pixfmt_get(i)->fourcc;

		for (s = 0; s < 3; s++) {
			struct vcase vc = {
				fourcc, sizes[s][0], sizes[s][1], qps[s][0],
				qps[s][1], 6, 4, PATTERN_SMOOTH,
			};

			run_case(&vc);
		}
		{
			struct vcase noise = {
				fourcc, 96, 64, 20, 20, 4, 2, PATTERN_NOISE,
			};
			struct vcase tiny = {
				fourcc, 16, 16, 20, 20, 3, 3, PATTERN_NOISE,
			};
			struct vcase checker = {
				fourcc, 64, 48, 1, 1, 4, 4, PATTERN_CHECKER,
			};

			run_case(&noise);
			run_case(&tiny);
			run_case(&checker);
		}
	}
	for (i = 0; i < ARRAY_SIZE(big); i++)
		run_case(&big[i]);
	return tap_done("test_vicodec");
}
