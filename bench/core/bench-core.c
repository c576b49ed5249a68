// SPDX-License-Identifier: GPL-2.0
/*
 * bench-core: the codec core's cost per frame, cmacodec vs vicodec.
 *
 * Encodes an I frame and a P frame of the same synthetic scene with
 * cmacodec's core and with vicodec's codec-fwht.c (compiled from the
 * kernel tree, see bench/Makefile), then decodes both streams with both
 * decoders.  The streams must be byte-identical and the decoded pictures
 * identical, or the program fails (exit 1).  Each measured operation runs
 * alone between callgrind client requests: under
 * `valgrind --tool=callgrind --collect-atstart=no` every one becomes a
 * dump whose trigger names it ("cmacodec enc I 1280x720", ...);
 * bench/core/run.sh reads them.  Outside valgrind the requests do
 * nothing and the program only checks bit-exactness.
 *
 * vicodec's decode includes vicodec-core's copy of the decoded frame into
 * its reference (copy_cap_to_ref()), which its driver does for every
 * frame; cmacodec's core writes the reference as it decodes.
 *
 * usage: bench-core WxH [QP]
 */
#include <string.h>
#include <valgrind/callgrind.h>
#include "picture.h"
#include "vicodec-glue.h"

#define GOP	16

struct bench {
	u32 w, h;
	u16 qp;
	struct test_frame src[2];	/* I, P */
	struct test_frame cma_dst, vic_dst;
	u8 *cma_out[2], *vic_out[2];
	int cma_len[2], vic_len[2];
	u32 out_size;
	u32 ref_size;
	u8 *enc_ref, *dec_ref;
	struct cmacodec_fwht_enc enc;
	struct cmacodec_fwht_dec dec;
	struct v4l2_fwht_state venc, vdec;
	int failed;
};

static void measure_start(void)
{
	CALLGRIND_TOGGLE_COLLECT;
}

static void measure_end(const struct bench *b, const char *impl,
			const char *op, int frame)
{
	char label[80];

	CALLGRIND_TOGGLE_COLLECT;
	snprintf(label, sizeof(label), "%s %s %c %ux%u", impl, op,
		 frame ? 'P' : 'I', b->w, b->h);
	CALLGRIND_DUMP_STATS_AT(label);
}

static void check(struct bench *b, int cond, const char *fmt, int frame)
{
	printf("%sok - ", cond ? "" : "not ");
	printf(fmt, frame ? 'P' : 'I', b->w, b->h);
	printf("\n");
	b->failed |= !cond;
}

static int setup(struct bench *b)
{
	struct vic_cfg vc = { CMACODEC_PIX_FMT_YUV420, b->w, b->h, 0, 0,
			      b->qp, b->qp, GOP };
	unsigned int i;

	for (i = 0; i < 2; i++) {
		if (test_frame_alloc(&b->src[i], vc.fourcc, b->w, b->h))
			return -1;
		bench_picture_fill(&b->src[i], i);
	}
	if (test_frame_alloc(&b->cma_dst, vc.fourcc, b->w, b->h) ||
	    test_frame_alloc(&b->vic_dst, vc.fourcc, b->w, b->h))
		return -1;
	b->out_size = cmacodec_pixfmt_fwht_sizeimage(b->src[0].fmt,
						     b->src[0].coded_w,
						     b->src[0].coded_h);
	for (i = 0; i < 2; i++) {
		b->cma_out[i] = malloc(b->out_size);
		b->vic_out[i] = malloc(b->out_size * 2);
		if (!b->cma_out[i] || !b->vic_out[i])
			return -1;
	}
	b->ref_size = cmacodec_fwht_ref_size(vc.fourcc, b->w, b->h);
	b->enc_ref = malloc(b->ref_size);
	b->dec_ref = malloc(b->ref_size);
	vc.coded_w = b->src[0].coded_w;
	vc.coded_h = b->src[0].coded_h;
	if (!b->enc_ref || !b->dec_ref ||
	    vic_state_init(&b->venc, &vc) || vic_state_init(&b->vdec, &vc) ||
	    b->venc.stride != b->src[0].bpl)
		return -1;
	if (cmacodec_fwht_enc_init(&b->enc, vc.fourcc, b->w, b->h, b->enc_ref,
				   b->ref_size) ||
	    cmacodec_fwht_dec_init(&b->dec, vc.fourcc, b->w, b->h, b->dec_ref,
				   b->ref_size))
		return -1;
	return 0;
}

static void encode(struct bench *b, int frame)
{
	struct cmacodec_fwht_enc_params p = {
		.i_frame_qp = b->qp, .p_frame_qp = b->qp,
		.is_intra = !frame, .next_is_intra = false,
		.color = { V4L2_COLORSPACE_REC709, V4L2_XFER_FUNC_709,
			   V4L2_YCBCR_ENC_709, V4L2_QUANTIZATION_LIM_RANGE },
	};
	struct cmacodec_fwht_raw raw;
	u32 flags = 0;
	int n, vn;

	test_raw(&b->src[frame], &raw);
	measure_start();
	n = cmacodec_fwht_encode(&b->enc, &raw, &p, b->cma_out[frame],
				 b->out_size, &flags);
	measure_end(b, "cmacodec", "enc", frame);

	measure_start();
	vn = v4l2_fwht_encode(&b->venc, b->src[frame].buf, b->vic_out[frame]);
	measure_end(b, "vicodec", "enc", frame);

	b->cma_len[frame] = n;
	b->vic_len[frame] = vn;
	printf("# %c frame %ux%u: %d bytes (cmacodec), %d bytes (vicodec), flags %08x\n",
	       frame ? 'P' : 'I', b->w, b->h, n, vn, flags);
	check(b, n > 0 && n == vn && !memcmp(b->cma_out[frame],
					     b->vic_out[frame], n),
	      "encode %c %ux%u: streams byte-identical", frame);
	check(b, !!(flags & CMACODEC_FWHT_FL_I_FRAME) == !frame &&
	      !(flags & (CMACODEC_FWHT_FL_LUMA_IS_UNCOMPRESSED |
			 CMACODEC_FWHT_FL_CB_IS_UNCOMPRESSED |
			 CMACODEC_FWHT_FL_CR_IS_UNCOMPRESSED)),
	      "encode %c %ux%u: frame type as asked, no raw planes", frame);
}

static u32 picture_diff(const struct test_frame *a, const struct test_frame *b)
{
	unsigned int c;
	u32 x, y, w, h, d = 0;

	for (c = 0; c < a->fmt->components; c++) {
		test_visible_dims(a, c, &w, &h);
		for (y = 0; y < h; y++)
			for (x = 0; x < w; x++)
				d += *test_sample(a, c, x, y) !=
				     *test_sample(b, c, x, y);
	}
	return d;
}

static void decode(struct bench *b, int frame)
{
	struct cmacodec_fwht_raw raw;
	u8 *stream = b->cma_out[frame];
	int n, vn;

	test_raw(&b->cma_dst, &raw);
	measure_start();
	n = cmacodec_fwht_decode(&b->dec, stream, (u32)b->cma_len[frame], &raw,
				 NULL);
	measure_end(b, "cmacodec", "dec", frame);

	measure_start();
	memcpy(&b->vdec.header, stream, sizeof(b->vdec.header));
	vn = v4l2_fwht_decode(&b->vdec, stream + sizeof(b->vdec.header),
			      b->vic_dst.buf);
	vic_copy_cap_to_ref(b->vic_dst.buf, &b->vdec);
	measure_end(b, "vicodec", "dec", frame);

	check(b, n == b->cma_len[frame] && vn >= 0 &&
	      !picture_diff(&b->cma_dst, &b->vic_dst),
	      "decode %c %ux%u: pictures identical", frame);
	printf("# %c frame %ux%u: PSNR %.1f dB against the source\n",
	       frame ? 'P' : 'I', b->w, b->h,
	       test_psnr(&b->src[frame], &b->cma_dst));
}

int main(int argc, char **argv)
{
	struct bench b;

	memset(&b, 0, sizeof(b));
	b.qp = argc > 2 ? (u16)atoi(argv[2]) : CMACODEC_FWHT_QP_DEFAULT;
	if (argc < 2 || sscanf(argv[1], "%ux%u", &b.w, &b.h) != 2 ||
	    !b.w || !b.h || b.w > CMACODEC_FWHT_MAX_WIDTH ||
	    b.h > CMACODEC_FWHT_MAX_HEIGHT || b.qp < CMACODEC_FWHT_QP_MIN ||
	    b.qp > CMACODEC_FWHT_QP_MAX) {
		fprintf(stderr, "usage: %s WxH [QP]  (QP %d..%d)\n", argv[0],
			CMACODEC_FWHT_QP_MIN, CMACODEC_FWHT_QP_MAX);
		return 2;
	}
	if (setup(&b)) {
		fprintf(stderr, "bench-core: set-up failed for %ux%u (out of memory or vicodec state)\n",
			b.w, b.h);
		return 1;
	}
	encode(&b, 0);
	encode(&b, 1);
	decode(&b, 0);
	decode(&b, 1);
	return b.failed;
}
