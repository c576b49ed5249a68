// SPDX-License-Identifier: GPL-2.0
/*
 * Stateless decoding in the core: every frame decoded by a fresh decoder
 * context from its payload and a separate header, with the reference
 * loaded from a previously decoded picture (cmacodec_fwht_dec_set_ref()),
 * gives the same bytes as a stateful decode of the same stream - also
 * when the resolution changes every frame or every other frame - and
 * the error paths fail cleanly.
 */
#include "testlib.h"

#define HDR	CMACODEC_FWHT_HEADER_SIZE
#define GOP	4
#define FILL	0x5a	/* output buffers start with this byte everywhere */

/* one coded frame of a test stream */
struct sframe {
	u32 w, h;
	u8 *bits;	/* header + payload */
	int len;
	bool intra;
};

static void params_init(struct cmacodec_fwht_enc_params *p)
{
	memset(p, 0, sizeof(*p));
	p->i_frame_qp = CMACODEC_FWHT_QP_DEFAULT;
	p->p_frame_qp = CMACODEC_FWHT_QP_DEFAULT;
	p->color.colorspace = 8;	/* V4L2_COLORSPACE_SRGB */
}

/*
 * Encode @n frames; frame t is sizes[t / @run % 2]: @run 0 keeps the
 * first size.  The encoder starts over at each size change (its first
 * frame is then an I-frame), as a stateful encoder is restarted.
 */
static int encode_stream(u32 fourcc, const u32 sizes[2][2], unsigned int run,
			 unsigned int n, struct sframe *out)
{
	struct cmacodec_fwht_enc_params p;
	struct cmacodec_fwht_enc enc;
	struct cmacodec_fwht_raw raw;
	struct test_frame src = { 0 };
	unsigned int t, gop = 0;
	u8 *ref = NULL;
	int ret = 0;

	params_init(&p);
	for (t = 0; t < n && !ret; t++) {
		unsigned int s = run ? t / run % 2 : 0;
		u32 w = sizes[s][0], h = sizes[s][1], size, flags = 0;

		if (!t || w != src.width || h != src.height) {
			test_frame_free(&src);
			free(ref);
			size = cmacodec_fwht_ref_size(fourcc, w, h);
			ref = malloc(size);
			if (!ref || test_frame_alloc(&src, fourcc, w, h) ||
			    cmacodec_fwht_enc_init(&enc, fourcc, w, h, ref,
						   size))
				return -1;
			gop = 0;
		}
		test_fill(&src, PATTERN_SMOOTH, t, 11);
		test_raw(&src, &raw);
		size = cmacodec_pixfmt_fwht_sizeimage(src.fmt, src.coded_w,
						      src.coded_h);
		out[t].bits = malloc(size);
		if (!out[t].bits)
			return -1;
		p.is_intra = gop == 0;
		p.next_is_intra = gop == GOP - 1;
		out[t].len = cmacodec_fwht_encode(&enc, &raw, &p, out[t].bits,
						  size, &flags);
		out[t].w = w;
		out[t].h = h;
		out[t].intra = flags & CMACODEC_FWHT_FL_I_FRAME;
		if (out[t].len < 0)
			ret = -1;
		if (out[t].intra)
			gop = 0;
		if (++gop >= GOP)
			gop = 0;
	}
	test_frame_free(&src);
	free(ref);
	return ret;
}

/* Stateful: one context for the whole stream, re-initialised on a change */
static int decode_stateful(u32 fourcc, const struct sframe *in,
			   unsigned int n, struct test_frame *pic)
{
	struct cmacodec_fwht_dec dec;
	struct cmacodec_fwht_raw raw;
	unsigned int t;
	u8 *ref = NULL;
	u32 size;
	int ret = 0;

	for (t = 0; t < n && !ret; t++) {
		if (!t || in[t].w != in[t - 1].w || in[t].h != in[t - 1].h) {
			free(ref);
			size = cmacodec_fwht_ref_size(fourcc, in[t].w, in[t].h);
			ref = malloc(size);
			if (!ref || cmacodec_fwht_dec_init(&dec, fourcc, in[t].w,
							   in[t].h, ref, size))
				ret = -1;
		}
		if (ret || test_frame_alloc(&pic[t], fourcc, in[t].w, in[t].h)) {
			ret = -1;
			break;
		}
		memset(pic[t].buf, FILL, pic[t].size);
		test_raw(&pic[t], &raw);
		if (cmacodec_fwht_decode(&dec, in[t].bits, (u32)in[t].len, &raw,
					 NULL) != in[t].len)
			ret = -1;
	}
	free(ref);
	return ret;
}

/*
 * Stateless, as the hardware model does it: a fresh context per frame,
 * the header apart from the payload, the reference loaded from the
 * picture @ref_of[t] names (or none for an I-frame).
 */
static int decode_one_stateless(u32 fourcc, const struct sframe *f,
				const struct test_frame *refpic,
				struct test_frame *pic)
{
	struct cmacodec_fwht_dec dec;
	struct cmacodec_fwht_raw raw;
	u32 size = cmacodec_fwht_ref_size(fourcc, f->w, f->h);
	u8 *ref = malloc(size);
	int ret = -1;

	if (!ref || test_frame_alloc(pic, fourcc, f->w, f->h) ||
	    cmacodec_fwht_dec_init(&dec, fourcc, f->w, f->h, ref, size))
		goto out;
	memset(pic->buf, FILL, pic->size);
	if (refpic) {
		test_raw((struct test_frame *)refpic, &raw);
		if (cmacodec_fwht_dec_set_ref(&dec, &raw))
			goto out;
	}
	test_raw(pic, &raw);
	ret = cmacodec_fwht_decode_payload(&dec, f->bits, f->bits + HDR,
					   (u32)f->len - HDR, &raw, NULL);
	ret = ret == f->len - HDR ? 0 : -1;
out:
	free(ref);
	return ret;
}

static void free_pics(struct test_frame *pic, unsigned int n)
{
	unsigned int t;

	for (t = 0; t < n; t++)
		test_frame_free(&pic[t]);
}

/* The stream at one pair of sizes: stateless output == stateful output */
static void test_stream(u32 fourcc, const u32 sizes[2][2], unsigned int run,
			unsigned int n)
{
	struct sframe in[12] = { 0 };
	struct test_frame full[12] = { 0 }, sl[12] = { 0 };
	unsigned int t, same = 0, pframes = 0;
	bool ok = !encode_stream(fourcc, sizes, run, n, in) &&
		  !decode_stateful(fourcc, in, n, full);

	for (t = 0; ok && t < n; t++) {
		/* a P-frame's reference is the picture before it */
		if (decode_one_stateless(fourcc, &in[t],
					 in[t].intra ? NULL : &sl[t - 1],
					 &sl[t])) {
			tap_diag("frame %u: stateless decode failed", t);
			ok = false;
			break;
		}
		pframes += !in[t].intra;
		same += full[t].size == sl[t].size &&
			!memcmp(full[t].buf, sl[t].buf, full[t].size);
	}
	tap_ok(ok && same == n && (pframes || run == 1),
	       "%s %ux%u/%ux%u, size change every %u: %u of %u frames (%u P) byte-identical to the stateful decode",
	       test_fourcc_str(fourcc), sizes[0][0], sizes[0][1], sizes[1][0],
	       sizes[1][1], run, same, n, pframes);
	free_pics(full, n);
	free_pics(sl, n);
	for (t = 0; t < n; t++)
		free(in[t].bits);
}

/* The reference named is used: a different one changes the output */
static void test_wrong_ref(void)
{
	static const u32 sz[2][2] = { { 64, 48 }, { 64, 48 } };
	u32 fourcc = CMACODEC_PIX_FMT_YUV420;
	struct sframe in[3] = { 0 };
	struct test_frame full[3] = { 0 }, a = { 0 }, b = { 0 };
	bool ok = !encode_stream(fourcc, sz, 0, 3, in) &&
		  !decode_stateful(fourcc, in, 3, full) && !in[2].intra;

	/* frame 2 with frame 0 as its reference instead of frame 1 */
	ok = ok && !decode_one_stateless(fourcc, &in[2], &full[1], &a) &&
	     !decode_one_stateless(fourcc, &in[2], &full[0], &b);
	tap_ok(ok && !memcmp(a.buf, full[2].buf, a.size) &&
	       memcmp(b.buf, full[2].buf, b.size),
	       "a P-frame decodes from the reference it is given (right one: identical, wrong one: differs)");
	free_pics(full, 3);
	test_frame_free(&a);
	test_frame_free(&b);
	free(in[0].bits);
	free(in[1].bits);
	free(in[2].bits);
}

/* P-frame without a reference, short payload, too small a picture */
static void test_errors(void)
{
	static const u32 sz[2][2] = { { 64, 48 }, { 64, 48 } };
	u32 fourcc = CMACODEC_PIX_FMT_YUV420;
	u32 size = cmacodec_fwht_ref_size(fourcc, 64, 48);
	struct cmacodec_fwht_dec dec;
	struct cmacodec_fwht_raw raw;
	struct sframe in[2] = { 0 };
	struct test_frame pic = { 0 };
	u8 *ref = malloc(size), bad[HDR];
	int r1 = 0, r2 = 0, r3 = 0, r4 = 0;
	bool ok = ref && !encode_stream(fourcc, sz, 0, 2, in) &&
		  !in[1].intra && !test_frame_alloc(&pic, fourcc, 64, 48);

	if (ok) {
		cmacodec_fwht_dec_init(&dec, fourcc, 64, 48, ref, size);
		test_raw(&pic, &raw);
		r1 = cmacodec_fwht_decode_payload(&dec, in[1].bits,
						  in[1].bits + HDR,
						  (u32)in[1].len - HDR, &raw,
						  NULL);
		r2 = cmacodec_fwht_decode_payload(&dec, in[0].bits,
						  in[0].bits + HDR,
						  (u32)in[0].len - HDR - 1,
						  &raw, NULL);
		memcpy(bad, in[0].bits, HDR);
		bad[0] ^= 1;
		r3 = cmacodec_fwht_decode_payload(&dec, bad, in[0].bits + HDR,
						  (u32)in[0].len - HDR, &raw,
						  NULL);
		raw.size = pic.size / 2;
		r4 = cmacodec_fwht_dec_set_ref(&dec, &raw);
	}
	tap_ok(ok && r1 == -CMACODEC_FWHT_ENOREF,
	       "P-frame without a reference: %s", cmacodec_fwht_strerror(r1));
	tap_ok(ok && r2 == -CMACODEC_FWHT_ETRUNC,
	       "payload one byte short: %s", cmacodec_fwht_strerror(r2));
	tap_ok(ok && r3 == -CMACODEC_FWHT_EMAGIC,
	       "header with a bad magic: %s", cmacodec_fwht_strerror(r3));
	tap_ok(ok && r4 < 0 && !dec.ref_valid,
	       "reference picture too small: %s, reference invalid",
	       cmacodec_fwht_strerror(r4));
	test_frame_free(&pic);
	free(ref);
	free(in[0].bits);
	free(in[1].bits);
}

int main(void)
{
	static const u32 same[2][2] = { { 130, 66 }, { 130, 66 } };
	static const u32 pair[2][2] = { { 64, 48 }, { 96, 72 } };
	static const u32 odd[2][2] = { { 33, 31 }, { 17, 9 } };
	unsigned int i;

	for (i = 0; i < cmacodec_pixfmt_count(); i++) {
		u32 fourcc = cmacodec_pixfmt_get(i)->fourcc;

		test_stream(fourcc, same, 0, 10);
		test_stream(fourcc, pair, 1, 8);
		test_stream(fourcc, pair, 2, 12);
		test_stream(fourcc, odd, 2, 8);
	}
	test_wrong_ref();
	test_errors();
	return tap_done("test_stateless");
}
