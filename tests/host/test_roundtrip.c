// SPDX-License-Identifier: GPL-2.0
/*
 * Encode -> decode round trips for every catalogue format at several sizes
 * (multiples of 8/16 and not), I-frames and GOPs with P-frames.
 */
#include "testlib.h"

#define PSNR_QP1	38.0	/* near-lossless */
#define PSNR_QPDEF	28.0	/* default QP on the smooth pattern */
#define RAW_FLAGS	(CMACODEC_FWHT_FL_LUMA_IS_UNCOMPRESSED | \
			 CMACODEC_FWHT_FL_CB_IS_UNCOMPRESSED | \
			 CMACODEC_FWHT_FL_CR_IS_UNCOMPRESSED | \
			 CMACODEC_FWHT_FL_ALPHA_IS_UNCOMPRESSED)
#define PSNR_NOISE	48.0	/* raw planes: only 0xff -> 0xfe differs */

static const u32 sizes[][2] = {
	{ 1, 1 }, { 8, 8 }, { 17, 9 }, { 33, 31 }, { 64, 48 },
	{ 130, 66 }, { 320, 240 },
};

struct codec {
	struct cmacodec_fwht_enc enc;
	struct cmacodec_fwht_dec dec;
	u8 *enc_ref, *dec_ref, *out;
	u32 out_size;
	struct test_frame src, dst;
};

static int codec_open(struct codec *k, u32 fourcc, u32 w, u32 h)
{
	u32 ref_size = cmacodec_fwht_ref_size(fourcc, w, h);

	memset(k, 0, sizeof(*k));
	if (test_frame_alloc(&k->src, fourcc, w, h) ||
	    test_frame_alloc(&k->dst, fourcc, w, h))
		return -1;
	k->out_size = cmacodec_pixfmt_fwht_sizeimage(k->src.fmt,
						     k->src.coded_w,
						     k->src.coded_h);
	k->enc_ref = malloc(ref_size);
	k->dec_ref = malloc(ref_size);
	k->out = malloc(k->out_size);
	if (!k->enc_ref || !k->dec_ref || !k->out)
		return -1;
	if (cmacodec_fwht_enc_init(&k->enc, fourcc, w, h, k->enc_ref,
				   ref_size) ||
	    cmacodec_fwht_dec_init(&k->dec, fourcc, w, h, k->dec_ref,
				   ref_size))
		return -1;
	return 0;
}

static void codec_close(struct codec *k)
{
	test_frame_free(&k->src);
	test_frame_free(&k->dst);
	free(k->enc_ref);
	free(k->dec_ref);
	free(k->out);
}

/* Encode k->src, decode into k->dst; return the stream size or < 0 */
static int codec_run(struct codec *k, const struct cmacodec_fwht_enc_params *p,
		     u32 *flags)
{
	struct cmacodec_fwht_raw raw;
	int n, m;

	test_raw(&k->src, &raw);
	n = cmacodec_fwht_encode(&k->enc, &raw, p, k->out, k->out_size,
				 flags);
	if (n < 0) {
		tap_diag("encode: %s", cmacodec_fwht_strerror(n));
		return n;
	}
	test_raw(&k->dst, &raw);
	m = cmacodec_fwht_decode(&k->dec, k->out, (u32)n, &raw, NULL);
	if (m != n) {
		tap_diag("decode: %d (%s)", m, cmacodec_fwht_strerror(m));
		return m < 0 ? m : -1;
	}
	return n;
}

static void params_init(struct cmacodec_fwht_enc_params *p, u16 qp)
{
	memset(p, 0, sizeof(*p));
	p->i_frame_qp = qp;
	p->p_frame_qp = qp;
	p->is_intra = true;
	p->next_is_intra = false;
	p->color.colorspace = 8;	/* V4L2_COLORSPACE_SRGB */
}

static void test_intra(u32 fourcc, u32 w, u32 h, u16 qp, double min_psnr,
		       enum test_pattern pat)
{
	struct cmacodec_fwht_enc_params p;
	struct codec k;
	double psnr = 0;
	u32 flags = 0;
	int n = -1;

	if (!codec_open(&k, fourcc, w, h)) {
		params_init(&p, qp);
		test_fill(&k.src, pat, 0, w * h);
		n = codec_run(&k, &p, &flags);
		if (n > 0)
			psnr = test_psnr(&k.src, &k.dst);
	}
	tap_ok(n > 0 && psnr >= min_psnr && (flags & CMACODEC_FWHT_FL_I_FRAME),
	       "%s %ux%u %s I-frame qp %u: %d bytes, PSNR %.1f dB (>= %.0f)",
	       test_fourcc_str(fourcc), w, h,
	       pat == PATTERN_NOISE ? "noise" : "smooth", qp, n, psnr,
	       min_psnr);
	codec_close(&k);
}

/*
 * P-blocks at the default QP on a picture whose moving edge is large
 * compared with the frame: tiny frames score low.
 */
static double gop_psnr_floor(u32 w, u32 h)
{
	if (w * h < 64)
		return 14.0;
	if (w * h < 1024)
		return 22.0;
	return PSNR_QPDEF;
}

/* vicodec's GOP bookkeeping, as vicodec-core drives its encoder */
static void test_gop(u32 fourcc, u32 w, u32 h, u16 qp, unsigned int frames,
		     unsigned int gop_size)
{
	struct cmacodec_fwht_enc_params p;
	unsigned int t, gop_cnt = 0, pframes = 0;
	double worst = 99.0, min_psnr = gop_psnr_floor(w, h);
	u32 ref_size = cmacodec_fwht_ref_size(fourcc, w, h);
	unsigned int ref_mismatch = 0;
	bool diverged = false;
	struct codec k;
	bool ok = !codec_open(&k, fourcc, w, h);

	params_init(&p, qp);
	for (t = 0; ok && t < frames; t++) {
		u32 flags = 0;
		double psnr;

		p.is_intra = gop_cnt == 0;
		p.next_is_intra = gop_cnt == gop_size - 1;
		test_fill(&k.src, PATTERN_SMOOTH, t, 7);
		if (codec_run(&k, &p, &flags) < 0) {
			ok = false;
			break;
		}
		if (flags & CMACODEC_FWHT_FL_I_FRAME) {
			gop_cnt = 0;
			diverged = false;
		}
		/*
		 * vicodec quirk (kept for bit-exactness): a plane stored raw
		 * leaves the encoder's reference partly stale until the next
		 * I-frame.
		 */
		if (flags & RAW_FLAGS)
			diverged = true;
		else
			pframes++;
		if (++gop_cnt >= gop_size)
			gop_cnt = 0;
		psnr = test_psnr(&k.src, &k.dst);
		if (psnr < worst)
			worst = psnr;
		/* encoder reconstruction == decoder output, bit for bit */
		if (!p.next_is_intra && !diverged &&
		    memcmp(k.enc_ref, k.dec_ref, ref_size))
			ref_mismatch++;
	}
	/* a 1x1 frame cannot beat intra coding */
	/* planes under 512 samples are always stored raw (as vicodec does) */
	tap_ok(ok && worst >= min_psnr && (pframes > 0 || w * h < 4096) &&
	       !ref_mismatch,
	       "%s %ux%u GOP %u x%u qp %u: %u P-frames, worst PSNR %.1f dB (>= %.0f), enc/dec reference mismatches %u",
	       test_fourcc_str(fourcc), w, h, gop_size, frames, qp, pframes,
	       worst, min_psnr, ref_mismatch);
	codec_close(&k);
}

static void test_enospc(void)
{
	struct cmacodec_fwht_enc_params p;
	struct cmacodec_fwht_raw raw;
	struct codec k;
	int n = 0;

	if (!codec_open(&k, CMACODEC_PIX_FMT_ARGB32, 64, 64)) {
		params_init(&p, 1);
		test_fill(&k.src, PATTERN_NOISE, 0, 3);
		test_raw(&k.src, &raw);
		/* enough for vicodec's 3 bytes/pixel, not for 4 raw planes */
		n = cmacodec_fwht_encode(&k.enc, &raw, &p, k.out,
					 64 * 64 * 3 + 44, NULL);
	}
	tap_ok(n == -CMACODEC_FWHT_ENOSPC, "ARGB32 noise into 3 B/px: ENOSPC");
	n = cmacodec_fwht_encode(&k.enc, &raw, &p, k.out, k.out_size, NULL);
	tap_ok(n > 64 * 64 * 3 + 44 && (u32)n <= k.out_size,
	       "ARGB32 noise fits cmacodec_pixfmt_fwht_sizeimage (%d <= %u)",
	       n, k.out_size);
	codec_close(&k);
}

/* @raw with its colour planes copied into separate allocations */
static void raw_split(const struct test_frame *f,
		      struct cmacodec_fwht_raw *raw, u8 fill, int short_plane)
{
	unsigned int pl;

	test_raw((struct test_frame *)f, raw);
	for (pl = 0; pl < f->fmt->planes; pl++) {
		u32 off = cmacodec_pixfmt_plane_offset(f->fmt, pl, f->bpl,
						       f->coded_h);
		u32 n = cmacodec_pixfmt_plane_bpl(f->fmt, pl, f->bpl) *
			cmacodec_pixfmt_plane_rows(f->fmt, pl, f->coded_h);

		raw->plane[pl] = malloc(n);
		if (!raw->plane[pl])
			exit(1);
		raw->plane_size[pl] = n - ((int)pl == short_plane);
		if (fill)
			memset(raw->plane[pl], fill, n);
		else
			memcpy(raw->plane[pl], f->buf + off, n);
	}
	raw->buf = NULL;
	raw->size = 0;
}

static bool raw_same(const struct test_frame *f,
		     const struct cmacodec_fwht_raw *raw)
{
	unsigned int pl;

	for (pl = 0; pl < f->fmt->planes; pl++)
		if (memcmp(raw->plane[pl],
			   f->buf + cmacodec_pixfmt_plane_offset(f->fmt, pl,
								 f->bpl,
								 f->coded_h),
			   cmacodec_pixfmt_plane_bpl(f->fmt, pl, f->bpl) *
			   cmacodec_pixfmt_plane_rows(f->fmt, pl, f->coded_h)))
			return false;
	return true;
}

static void raw_free(struct cmacodec_fwht_raw *raw)
{
	unsigned int pl;

	for (pl = 0; pl < CMACODEC_MAX_PLANES; pl++)
		free(raw->plane[pl]);
}

/*
 * Multi-planar buffers (NV12M, YUV420M, ...): a frame whose colour planes
 * are separate allocations encodes to the same stream and decodes to the
 * same bytes as the contiguous frame; a plane too small is refused.
 */
static void test_planes(u32 fourcc)
{
	struct cmacodec_fwht_enc_params p;
	struct cmacodec_fwht_raw in, out, bad;
	struct codec k, m;
	u8 *stream = NULL;
	int n1 = -1, n2 = -2, d1 = -1, d2 = -2, e = 0;
	bool ok = !codec_open(&k, fourcc, 96, 64) &&
		  !codec_open(&m, fourcc, 96, 64);

	if (ok) {
		params_init(&p, CMACODEC_FWHT_QP_DEFAULT);
		test_fill(&k.src, PATTERN_SMOOTH, 1, 5);
		memcpy(m.src.buf, k.src.buf, k.src.size);
		stream = malloc(k.out_size);
		n1 = codec_run(&k, &p, NULL);
		raw_split(&m.src, &in, 0, -1);
		n2 = cmacodec_fwht_encode(&m.enc, &in, &p, m.out, m.out_size,
					  NULL);
		raw_split(&m.dst, &out, 0x5a, -1);
		if (n2 > 0)
			d2 = cmacodec_fwht_decode(&m.dec, m.out, (u32)n2, &out,
						  NULL);
		d1 = n1;
		raw_split(&m.dst, &bad, 0x5a, (int)m.dst.fmt->planes - 1);
		if (n2 > 0)
			e = cmacodec_fwht_decode(&m.dec, m.out, (u32)n2, &bad,
						 NULL);
		raw_free(&bad);
	}
	tap_ok(ok && n1 > 0 && n1 == n2 && !memcmp(k.out, m.out, (size_t)n1) &&
	       d2 == d1 && raw_same(&k.dst, &out),
	       "%s 96x64 in separate planes: same stream (%d/%d bytes) and same decoded bytes as contiguous",
	       test_fourcc_str(fourcc), n1, n2);
	tap_ok(ok && e < 0,
	       "%s: last plane one byte short: refused (%s)",
	       test_fourcc_str(fourcc), cmacodec_fwht_strerror(e));
	if (ok) {
		raw_free(&in);
		raw_free(&out);
	}
	free(stream);
	codec_close(&k);
	codec_close(&m);
}

int main(void)
{
	unsigned int i, s;

	for (i = 0; i < cmacodec_pixfmt_count(); i++) {
		u32 fourcc = cmacodec_pixfmt_get(i)->fourcc;

		for (s = 0; s < ARRAY_SIZE(sizes); s++) {
			u32 w = sizes[s][0], h = sizes[s][1];

			test_intra(fourcc, w, h, 1, PSNR_QP1, PATTERN_SMOOTH);
			test_intra(fourcc, w, h, CMACODEC_FWHT_QP_DEFAULT,
				   PSNR_QPDEF, PATTERN_SMOOTH);
			test_gop(fourcc, w, h, CMACODEC_FWHT_QP_DEFAULT, 7, 3);
		}
		test_intra(fourcc, 64, 40, 1, PSNR_NOISE, PATTERN_NOISE);
	}
	test_enospc();
	test_planes(CMACODEC_PIX_FMT_NV12);
	test_planes(CMACODEC_PIX_FMT_YUV420);
	test_planes(CMACODEC_PIX_FMT_YUV422P);
	test_planes(CMACODEC_PIX_FMT_NV24);
	return tap_done("test_roundtrip");
}
