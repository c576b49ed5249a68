// SPDX-License-Identifier: GPL-2.0
/*
 * cmacodec: FWHT encoder - block decisions, run-length output with block
 * repeats, raw-plane fallback, reference update, stream header.
 */
#include "cmacodec-fwht.h"
#include "cmacodec-fwht-priv.h"

/* Internal per-plane result bits of the encoder */
#define CMACODEC_PLANE_INTER	0x1	/* at least one inter block */
#define CMACODEC_PLANE_RAW	0x2	/* stored uncompressed */

/**
 * struct cmacodec_enc_plane - one component plane being encoded
 * @src: first sample in the raw frame
 * @stride: raw bytes between rows
 * @step: raw bytes between samples
 * @ref: reference blocks of this plane
 * @bw: blocks per row
 * @bh: block rows
 * @samples: w * h of the plane, decides when it is stored raw
 */
struct cmacodec_enc_plane {
	const u8 *src;
	u32 stride;
	u32 step;
	u8 *ref;
	u32 bw;
	u32 bh;
	u32 samples;
};

/**
 * struct cmacodec_enc_out - output cursor
 * @buf: start of the payload
 * @size: bytes available at @buf
 * @pos: bytes written so far
 */
struct cmacodec_enc_out {
	u8 *buf;
	u32 size;
	u32 pos;
};

/*
 * Inter or intra?  Compare the block's spread around its own mean with
 * its distance to the reference block; leave cur - ref in @delta.
 */
static bool cmacodec_prefer_inter(const u8 *cur, const u8 *ref, s16 *delta)
{
	s32 sum = 0, spread = 0, dist = 0, mean;
	unsigned int i;

	for (i = 0; i < 64; i++)
		sum += cur[i];
	mean = sum >> 6;
	for (i = 0; i < 64; i++) {
		s32 d = cur[i] - mean;
		s32 e = cur[i] - ref[i];

		spread += d < 0 ? -d : d;
		dist += e < 0 ? -e : e;
		delta[i] = (s16)e;
	}
	return spread > dist;
}

/* Rebuild a block as the decoder will, into the reference */
static void cmacodec_reconstruct(const s16 *deq, s16 *tmp, u8 *ref,
				 bool inter)
{
	unsigned int i;

	cmacodec_fwht_inverse(deq, tmp, inter);
	for (i = 0; i < 64; i++)
		ref[i] = cmacodec_clamp_u8(inter ? (s16)(tmp[i] + ref[i]) :
					   tmp[i]);
}

/*
 * Transform, quantise and (optionally) reconstruct one block.
 * Return: true if it was coded as an inter block.
 */
static bool cmacodec_enc_block(struct cmacodec_fwht_work *w, const u8 *cur,
			       u8 *ref, bool intra_frame, bool update_ref,
			       const struct cmacodec_fwht_enc_params *params)
{
	s16 *coef = w->blk[0], *deq = w->blk[1];
	bool inter = false;
	unsigned int i;

	if (!intra_frame)
		inter = cmacodec_prefer_inter(cur, ref, coef);
	if (!inter)
		for (i = 0; i < 64; i++)
			coef[i] = (s16)(cur[i] - 128);
	cmacodec_fwht_forward(coef);
	cmacodec_fwht_quantise(coef, deq, inter, inter ? params->p_frame_qp :
			       params->i_frame_qp);
	if (update_ref)
		cmacodec_reconstruct(deq, w->blk[2], ref, inter);
	return inter;
}

/*
 * Append a coded block, or fold it into the previous one when it is an
 * exact repeat (same words, same block type, repeat count not full).
 */
static u32 cmacodec_emit(struct cmacodec_enc_out *o, u32 words,
			 u32 last_words)
{
	u8 *cur = o->buf + o->pos;

	if (last_words == words &&
	    !memcmp(cur + 2, cur - 2 * words + 2, 2 * words - 2)) {
		u8 *prev = cur - 2 * words;
		u16 ph = (u16)(prev[0] << 8 | prev[1]);

		if (!((prev[0] ^ cur[0]) & 0x80) &&
		    (ph & CMACODEC_FWHT_HDR_REPEAT_MASK) <
		    CMACODEC_FWHT_HDR_REPEAT_MASK) {
			ph += CMACODEC_FWHT_HDR_REPEAT_ONE;
			prev[0] = ph >> 8;
			prev[1] = ph & 0xff;
			return words;
		}
	}
	o->pos += 2 * words;
	return words;
}

/* Store a plane uncompressed; 0xff becomes 0xfe so no magic can appear */
static int cmacodec_enc_plane_raw(const struct cmacodec_enc_plane *pl,
				  struct cmacodec_enc_out *o, u32 start)
{
	u32 cols = pl->bw * 8, rows = pl->bh * 8, r, c;
	u8 *dst = o->buf + start;

	if ((u64)start + (u64)cols * rows > o->size)
		return -CMACODEC_FWHT_ENOSPC;
	for (r = 0; r < rows; r++) {
		const u8 *s = pl->src + r * pl->stride;

		for (c = 0; c < cols; c++, s += pl->step)
			*dst++ = *s == 0xff ? 0xfe : *s;
	}
	o->pos = start + cols * rows;
	return 0;
}

/*
 * Encode one component plane.  Once the run-length data reaches 512 bytes
 * short of the plane's sample count the plane is stored raw instead; for
 * planes of fewer than 512 samples that happens right after the first
 * block (vicodec computes the limit as a pointer that then lies before
 * the plane start).
 * Return: CMACODEC_PLANE_* bits, or a negative error code.
 */
static CMACODEC_NOINLINE int
cmacodec_enc_plane(struct cmacodec_fwht_work *w,
		   const struct cmacodec_enc_plane *pl, struct cmacodec_enc_out *o,
		   bool intra_frame, bool update_ref,
		   const struct cmacodec_fwht_enc_params *params)
{
	s64 limit = (s64)o->pos + 2 * (s64)(pl->samples / 2) - 512;
	u32 start = o->pos, last_words = 0, bx, by;
	u8 *ref = pl->ref;
	int res = 0;

	for (by = 0; by < pl->bh; by++) {
		const u8 *row = pl->src + by * 8 * pl->stride;

		for (bx = 0; bx < pl->bw; bx++, ref += 64) {
			bool inter;
			u32 words;

			if ((u64)o->pos + 2 * CMACODEC_FWHT_BLOCK_MAX_WORDS >
			    o->size)
				return -CMACODEC_FWHT_ENOSPC;
			cmacodec_gather(row + bx * 8 * pl->step, pl->stride,
					pl->step, w->pix[0]);
			inter = cmacodec_enc_block(w, w->pix[0], ref,
						   intra_frame, update_ref,
						   params);
			if (inter)
				res |= CMACODEC_PLANE_INTER;
			words = cmacodec_fwht_rle_put(w->blk[0], inter,
						      o->buf + o->pos);
			last_words = cmacodec_emit(o, words, last_words);
			if ((s64)o->pos >= limit) {
				res = cmacodec_enc_plane_raw(pl, o, start);
				return res < 0 ? res : CMACODEC_PLANE_RAW;
			}
		}
	}
	return res;
}

static void cmacodec_write_header(u8 *out, u32 width, u32 height, u32 flags,
				  const struct cmacodec_fwht_colorimetry *col,
				  u32 payload)
{
	struct cmacodec_fwht_header h;

	h.magic1 = CMACODEC_FWHT_MAGIC1;
	h.magic2 = CMACODEC_FWHT_MAGIC2;
	h.version = cmacodec_cpu_to_be32(CMACODEC_FWHT_VERSION);
	h.width = cmacodec_cpu_to_be32(width);
	h.height = cmacodec_cpu_to_be32(height);
	h.flags = cmacodec_cpu_to_be32(flags);
	h.colorspace = cmacodec_cpu_to_be32(col->colorspace);
	h.xfer_func = cmacodec_cpu_to_be32(col->xfer_func);
	h.ycbcr_enc = cmacodec_cpu_to_be32(col->ycbcr_enc);
	h.quantization = cmacodec_cpu_to_be32(col->quantization);
	h.size = cmacodec_cpu_to_be32(payload);
	memcpy(out, &h, sizeof(h));
}

/* Header flags that describe the format rather than this frame */
static u32 cmacodec_format_flags(const struct cmacodec_pixfmt *fmt)
{
	u32 flags = (u32)(fmt->components - 1) <<
		    CMACODEC_FWHT_FL_COMPONENTS_NUM_OFFSET;

	flags |= (u32)fmt->pixenc << CMACODEC_FWHT_FL_PIXENC_OFFSET;
	if (fmt->width_div == 1)
		flags |= CMACODEC_FWHT_FL_CHROMA_FULL_WIDTH;
	if (fmt->height_div == 1)
		flags |= CMACODEC_FWHT_FL_CHROMA_FULL_HEIGHT;
	return flags;
}

int cmacodec_fwht_enc_init(struct cmacodec_fwht_enc *enc, u32 fourcc,
			   u32 width, u32 height, void *ref, u32 ref_size)
{
	int ret;

	if (!enc)
		return -CMACODEC_FWHT_EINVAL;
	memset(enc, 0, sizeof(*enc));
	ret = cmacodec_ctx_setup(&enc->fmt, fourcc, width, height, ref,
				 ref_size);
	if (ret)
		return ret;
	enc->width = width;
	enc->height = height;
	enc->ref = ref;
	enc->ref_size = ref_size;
	return 0;
}

#define CMACODEC_FIELD_FLAGS \
	(CMACODEC_FWHT_FL_IS_INTERLACED | CMACODEC_FWHT_FL_IS_BOTTOM_FIRST | \
	 CMACODEC_FWHT_FL_IS_ALTERNATE | CMACODEC_FWHT_FL_IS_BOTTOM_FIELD)

static bool cmacodec_params_ok(const struct cmacodec_fwht_enc_params *p)
{
	return p->i_frame_qp >= CMACODEC_FWHT_QP_MIN &&
	       p->i_frame_qp <= CMACODEC_FWHT_QP_MAX &&
	       p->p_frame_qp >= CMACODEC_FWHT_QP_MIN &&
	       p->p_frame_qp <= CMACODEC_FWHT_QP_MAX;
}

/*
 * Note on the reference: like vicodec, the reference is left as it is
 * when @next_is_intra is set, and a plane that falls back to raw storage
 * keeps the blocks reconstructed before the fallback.  Following these
 * rules exactly is what keeps the P-frames byte-identical to vicodec's.
 */
/*
 * Encode all component planes behind the header position.
 * Return: header flags of the frame, or a negative error code.
 */
static CMACODEC_NOINLINE s64
cmacodec_enc_frame(struct cmacodec_fwht_enc *enc,
		   const struct cmacodec_fwht_raw *src,
		   const struct cmacodec_fwht_enc_params *params,
		   struct cmacodec_enc_out *o)
{
	struct cmacodec_layout lay;
	struct cmacodec_geom g;
	bool intra, inter_seen = false;
	u32 flags;
	unsigned int c;
	int ret;

	cmacodec_geom_init(&g, enc->fmt, enc->width, enc->height);
	ret = cmacodec_layout_init(&lay, enc->fmt, &g, src, enc->width,
				   enc->height);
	if (ret)
		return ret;

	intra = params->is_intra || !enc->ref_valid;
	flags = cmacodec_format_flags(enc->fmt) |
		(params->field_flags & CMACODEC_FIELD_FLAGS);
	for (c = 0; c < g.ncomp; c++) {
		struct cmacodec_enc_plane pl = {
			.src = lay.base[c],
			.stride = lay.stride[c],
			.step = lay.step[c],
			.ref = enc->ref + g.ref_off[c],
			.bw = g.bw[c],
			.bh = g.bh[c],
			.samples = g.w[c] * g.h[c],
		};

		ret = cmacodec_enc_plane(&enc->work, &pl, o, intra,
					 !params->next_is_intra, params);
		if (ret < 0)
			return ret;
		if (ret & CMACODEC_PLANE_RAW)
			flags |= cmacodec_raw_flag[c];
		else if (ret & CMACODEC_PLANE_INTER)
			inter_seen = true;
	}
	if (!inter_seen)
		flags |= CMACODEC_FWHT_FL_I_FRAME;
	return flags;
}

int cmacodec_fwht_encode(struct cmacodec_fwht_enc *enc,
			 const struct cmacodec_fwht_raw *src,
			 const struct cmacodec_fwht_enc_params *params,
			 u8 *out, u32 out_size, u32 *out_flags)
{
	struct cmacodec_enc_out o;
	s64 flags;

	if (!enc || !enc->fmt || !src || !params || !out ||
	    !cmacodec_params_ok(params))
		return -CMACODEC_FWHT_EINVAL;
	if (out_size < CMACODEC_FWHT_HEADER_SIZE)
		return -CMACODEC_FWHT_ENOSPC;
	o.buf = out + CMACODEC_FWHT_HEADER_SIZE;
	o.size = out_size - CMACODEC_FWHT_HEADER_SIZE;
	o.pos = 0;
	flags = cmacodec_enc_frame(enc, src, params, &o);
	if (flags < 0) {
		/* a half-written reference is no reference */
		enc->ref_valid = false;
		return (int)flags;
	}
	enc->ref_valid = true;
	cmacodec_write_header(out, enc->width, enc->height, (u32)flags,
			      &params->color, o.pos);
	if (out_flags)
		*out_flags = (u32)flags;
	return (int)(o.pos + CMACODEC_FWHT_HEADER_SIZE);
}
