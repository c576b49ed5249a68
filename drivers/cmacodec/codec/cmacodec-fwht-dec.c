// SPDX-License-Identifier: GPL-2.0
/*
 * cmacodec: FWHT decoder - payload parsing into the reference, block
 * repeats, raw planes, output to the raw format.
 */
#include "cmacodec-fwht.h"
#include "cmacodec-fwht-priv.h"

int cmacodec_fwht_dec_init(struct cmacodec_fwht_dec *dec, u32 fourcc,
			   u32 width, u32 height, void *ref, u32 ref_size)
{
	int ret;

	if (!dec)
		return -CMACODEC_FWHT_EINVAL;
	memset(dec, 0, sizeof(*dec));
	ret = cmacodec_ctx_setup(&dec->fmt, fourcc, width, height, ref,
				 ref_size);
	if (ret)
		return ret;
	dec->width = width;
	dec->height = height;
	dec->ref = ref;
	dec->ref_size = ref_size;
	return 0;
}

/**
 * struct cmacodec_dec_in - payload cursor
 * @buf: payload start
 * @words: 16-bit words in the payload
 * @pos: words consumed
 */
struct cmacodec_dec_in {
	const u8 *buf;
	u32 words;
	u32 pos;
};

/* A raw plane: rows of bw * 8 bytes, copied into the reference blocks */
static CMACODEC_NOINLINE int
cmacodec_dec_plane_raw(struct cmacodec_dec_in *in, u8 *ref, u32 bw, u32 bh)
{
	u32 cols = bw * 8, bytes = cols * bh * 8, bx, by, r;
	const u8 *src = in->buf + 2 * in->pos;

	if (bytes / 2 > in->words - in->pos)
		return -CMACODEC_FWHT_ECORRUPT;
	for (by = 0; by < bh; by++)
		for (bx = 0; bx < bw; bx++, ref += 64)
			for (r = 0; r < 8; r++)
				memcpy(ref + 8 * r,
				       src + (by * 8 + r) * cols + bx * 8, 8);
	in->pos += bytes / 2;
	return 0;
}

/* Turn a reconstructed block into reference pixels */
static void cmacodec_dec_store(const s16 *blk, u8 *ref, bool inter)
{
	unsigned int i;

	for (i = 0; i < 64; i++)
		ref[i] = cmacodec_clamp_u8(inter ? (s16)(blk[i] + ref[i]) :
					   blk[i]);
}

/*
 * Decode one run-length coded plane in place over its reference blocks.
 * A block with the inter bit uses the reference when there is one; in an
 * I-frame without reference it is taken as intra (as vicodec's stateless
 * decoder does).
 */
static CMACODEC_NOINLINE int
cmacodec_dec_plane(struct cmacodec_fwht_work *w, struct cmacodec_dec_in *in,
		   u8 *ref, u32 blocks, bool have_ref, bool i_frame)
{
	s16 *coef = w->blk[0], *pixels = w->blk[1], *repeat = w->blk[3];
	u32 repeats = 0, b;
	bool inter = false;
	u16 hdr;

	for (b = 0; b < blocks; b++, ref += 64) {
		u32 used;

		if (repeats) {
			repeats--;
			memcpy(pixels, repeat, 64 * sizeof(*pixels));
			cmacodec_dec_store(pixels, ref, inter);
			continue;
		}
		used = cmacodec_fwht_rle_get(in->buf + 2 * in->pos,
					     in->words - in->pos, coef, &hdr);
		if (!used)
			return -CMACODEC_FWHT_ECORRUPT;
		in->pos += used;
		inter = (hdr & CMACODEC_FWHT_HDR_INTER) && have_ref;
		if ((hdr & CMACODEC_FWHT_HDR_INTER) && !have_ref && !i_frame)
			return -CMACODEC_FWHT_ENOREF;
		cmacodec_fwht_dequantise(coef, inter);
		cmacodec_fwht_inverse(coef, pixels, inter);
		repeats = (hdr & CMACODEC_FWHT_HDR_REPEAT_MASK) >> 1;
		if (repeats)
			memcpy(repeat, pixels, 64 * sizeof(*pixels));
		cmacodec_dec_store(pixels, ref, inter);
	}
	return 0;
}

/* Copy the reference blocks of one component into the raw frame */
static void cmacodec_scatter(const u8 *ref, u32 bw, u32 bh, u8 *dst,
			     u32 stride, u32 step)
{
	u32 bx, by, r, c;

	for (by = 0; by < bh; by++) {
		for (bx = 0; bx < bw; bx++, ref += 64) {
			u8 *d = dst + by * 8 * stride + bx * 8 * step;

			for (r = 0; r < 8; r++, d += stride) {
				if (step == 1) {
					memcpy(d, ref + 8 * r, 8);
					continue;
				}
				for (c = 0; c < 8; c++)
					d[c * step] = ref[8 * r + c];
			}
		}
	}
}

/*
 * With an odd width or height the stream codes width / 2 (rounded down)
 * chroma samples, which can leave the last visible chroma row or column
 * (or, for 1-pixel frames, all chroma) uncoded.  Fill those from the
 * nearest coded sample, or with mid-grey when nothing is coded, so the
 * output does not depend on stale buffer contents.
 */
static void cmacodec_fill_chroma_edge(u8 *dst, u32 stride, u32 step,
				      u32 coded_w, u32 coded_h,
				      u32 need_w, u32 need_h)
{
	u32 r, c;

	for (r = 0; r < need_h; r++) {
		u8 *row = dst + r * stride;
		const u8 *src;

		if (!coded_w || !coded_h) {
			for (c = 0; c < need_w; c++)
				row[c * step] = 128;
			continue;
		}
		src = dst + (r < coded_h ? r : coded_h - 1) * stride;
		for (c = r < coded_h ? coded_w : 0; c < need_w; c++)
			row[c * step] = src[(c < coded_w ? c : coded_w - 1) *
					    step];
	}
}

static CMACODEC_NOINLINE void
cmacodec_dec_output(const struct cmacodec_fwht_dec *dec,
		    const struct cmacodec_geom *g,
		    const struct cmacodec_layout *lay)
{
	const struct cmacodec_pixfmt *fmt = dec->fmt;
	unsigned int c;

	for (c = 0; c < g->ncomp; c++) {
		u32 need_w, need_h;

		cmacodec_scatter(dec->ref + g->ref_off[c], g->bw[c], g->bh[c],
				 lay->base[c], lay->stride[c], lay->step[c]);
		if (c != CMACODEC_COMP_CB && c != CMACODEC_COMP_CR)
			continue;
		need_w = (dec->width + fmt->width_div - 1) / fmt->width_div;
		need_h = (dec->height + fmt->height_div - 1) / fmt->height_div;
		if (need_w > g->bw[c] * 8 || need_h > g->bh[c] * 8)
			cmacodec_fill_chroma_edge(lay->base[c], lay->stride[c],
						  lay->step[c], g->bw[c] * 8,
						  g->bh[c] * 8, need_w, need_h);
	}
}

/* Does the stream described by @info fit the decoder's configuration? */
static int cmacodec_dec_check(const struct cmacodec_fwht_dec *dec,
			      const struct cmacodec_fwht_stream_info *info)
{
	const struct cmacodec_pixfmt *fmt = dec->fmt;

	if (info->components != fmt->components ||
	    info->width_div != fmt->width_div ||
	    info->height_div != fmt->height_div ||
	    (info->pixenc && info->pixenc != fmt->pixenc))
		return -CMACODEC_FWHT_EFORMAT;
	if (info->width != dec->width || info->height != dec->height)
		return -CMACODEC_FWHT_ERESOLUTION;
	return 0;
}

static int cmacodec_dec_planes(struct cmacodec_fwht_dec *dec,
			       const struct cmacodec_geom *g,
			       const struct cmacodec_fwht_stream_info *info,
			       struct cmacodec_dec_in *in)
{
	unsigned int c;
	int ret;

	for (c = 0; c < g->ncomp; c++) {
		u8 *ref = dec->ref + g->ref_off[c];

		if (info->flags & cmacodec_raw_flag[c])
			ret = cmacodec_dec_plane_raw(in, ref, g->bw[c],
						     g->bh[c]);
		else
			ret = cmacodec_dec_plane(&dec->work, in, ref,
						 g->bw[c] * g->bh[c],
						 dec->ref_valid,
						 info->is_intra);
		if (ret)
			return ret;
	}
	return 0;
}

/* Decode the payload into the reference, then write the picture */
static CMACODEC_NOINLINE int
cmacodec_dec_frame(struct cmacodec_fwht_dec *dec, const u8 *payload,
		   const struct cmacodec_fwht_stream_info *info,
		   struct cmacodec_fwht_raw *dst)
{
	struct cmacodec_dec_in in;
	struct cmacodec_layout lay;
	struct cmacodec_geom g;
	int ret;

	cmacodec_geom_init(&g, dec->fmt, dec->width, dec->height);
	if (dst) {
		ret = cmacodec_layout_init(&lay, dec->fmt, &g, dst, dec->width,
					   dec->height);
		if (ret)
			return ret;
	}
	in.buf = payload;
	in.words = info->payload_size / 2;
	in.pos = 0;
	ret = cmacodec_dec_planes(dec, &g, info, &in);
	if (ret) {
		/* the reference is half overwritten now */
		dec->ref_valid = false;
		return ret;
	}
	dec->ref_valid = true;
	if (dst)
		cmacodec_dec_output(dec, &g, &lay);
	return 0;
}

/* Check a parsed header against the context and decode its payload */
static int cmacodec_dec_payload(struct cmacodec_fwht_dec *dec,
				const u8 *payload, u32 len,
				struct cmacodec_fwht_raw *dst,
				const struct cmacodec_fwht_stream_info *info)
{
	int ret;

	if (info->payload_size > len)
		return -CMACODEC_FWHT_ETRUNC;
	ret = cmacodec_dec_check(dec, info);
	if (ret)
		return ret;
	return cmacodec_dec_frame(dec, payload, info, dst);
}

int cmacodec_fwht_decode(struct cmacodec_fwht_dec *dec, const u8 *buf,
			 u32 len, struct cmacodec_fwht_raw *dst,
			 struct cmacodec_fwht_stream_info *info)
{
	struct cmacodec_fwht_stream_info local;
	int ret;

	if (!info)
		info = &local;
	if (!dec || !dec->fmt || !buf)
		return -CMACODEC_FWHT_EINVAL;
	ret = cmacodec_fwht_parse_header(buf, len, info);
	if (ret)
		return ret;
	ret = cmacodec_dec_payload(dec, buf + CMACODEC_FWHT_HEADER_SIZE,
				   len - CMACODEC_FWHT_HEADER_SIZE, dst, info);
	return ret ? ret : (int)info->frame_size;
}

int cmacodec_fwht_decode_payload(struct cmacodec_fwht_dec *dec,
				 const u8 *hdr, const u8 *payload, u32 len,
				 struct cmacodec_fwht_raw *dst,
				 struct cmacodec_fwht_stream_info *info)
{
	struct cmacodec_fwht_stream_info local;
	int ret;

	if (!info)
		info = &local;
	if (!dec || !dec->fmt || !hdr || !payload)
		return -CMACODEC_FWHT_EINVAL;
	ret = cmacodec_fwht_parse_header(hdr, CMACODEC_FWHT_HEADER_SIZE, info);
	if (ret)
		return ret;
	ret = cmacodec_dec_payload(dec, payload, len, dst, info);
	return ret ? ret : (int)info->payload_size;
}

int cmacodec_fwht_dec_set_ref(struct cmacodec_fwht_dec *dec,
			      const struct cmacodec_fwht_raw *pic)
{
	struct cmacodec_layout lay;
	struct cmacodec_geom g;
	unsigned int c;
	u32 bx, by;
	int ret;

	if (!dec || !dec->fmt || !pic)
		return -CMACODEC_FWHT_EINVAL;
	dec->ref_valid = false;
	cmacodec_geom_init(&g, dec->fmt, dec->width, dec->height);
	ret = cmacodec_layout_init(&lay, dec->fmt, &g, pic, dec->width,
				   dec->height);
	if (ret)
		return ret;
	for (c = 0; c < g.ncomp; c++) {
		u8 *ref = dec->ref + g.ref_off[c];

		for (by = 0; by < g.bh[c]; by++) {
			const u8 *row = lay.base[c] + by * 8 * lay.stride[c];

			for (bx = 0; bx < g.bw[c]; bx++, ref += 64)
				cmacodec_gather(row + bx * 8 * lay.step[c],
						lay.stride[c], lay.step[c], ref);
		}
	}
	dec->ref_valid = true;
	return 0;
}
