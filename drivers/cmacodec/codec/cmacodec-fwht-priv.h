/* SPDX-License-Identifier: GPL-2.0 */
/*
 * cmacodec: FWHT codec internals shared by the block layer
 * (cmacodec-fwht-block.c: transform, quantisation, run-length coding) and
 * the frame layer (cmacodec-fwht.c: geometry, layout, header;
 * cmacodec-fwht-enc.c, cmacodec-fwht-dec.c).
 * Not for use outside drivers/cmacodec/codec/.
 */
#ifndef CMACODEC_FWHT_PRIV_H
#define CMACODEC_FWHT_PRIV_H

#include "cmacodec-codec-types.h"
#include "cmacodec-fwht.h"

/*
 * Coded block layout (all words big-endian):
 *  - one header word: bit 15 set for an inter (P) block, bits 1..12 the
 *    number of following blocks that repeat this one, bit 0 always 0;
 *  - run-length words: bits 4..15 a signed coefficient, bits 0..3 the
 *    number of zero coefficients before it (0..14), in zig-zag order; a
 *    run of 15 means "the rest of the block is zero".
 */
#define CMACODEC_FWHT_HDR_INTER		0x8000
#define CMACODEC_FWHT_HDR_REPEAT_MASK	0x1ffe
#define CMACODEC_FWHT_HDR_REPEAT_ONE	0x0002
#define CMACODEC_FWHT_RUN_MAX		14
#define CMACODEC_FWHT_RUN_END		15
/* Header word plus at most 64 coefficient words */
#define CMACODEC_FWHT_BLOCK_MAX_WORDS	65

/**
 * cmacodec_fwht_forward() - forward 8x8 Walsh-Hadamard transform
 * @blk: 64 samples in raster order (centred pixels or deltas), replaced
 *	by the coefficients
 */
void cmacodec_fwht_forward(s16 *blk);

/**
 * cmacodec_fwht_inverse() - inverse 8x8 transform of dequantised data
 * @coef: 64 dequantised coefficients
 * @out: 64 reconstructed samples (pixels for intra, deltas for inter;
 *	not clamped)
 * @inter: inverse of an inter block (no +128 offset)
 */
void cmacodec_fwht_inverse(const s16 *coef, s16 *out, bool inter);

/**
 * cmacodec_fwht_quantise() - quantise coefficients, keep the dequantised
 * @coef: coefficients, replaced by the quantised values
 * @deq: receives what the decoder will reconstruct from @coef
 * @inter: use the inter table
 * @qp: quantised values within [-qp, qp] become 0
 */
void cmacodec_fwht_quantise(s16 *coef, s16 *deq, bool inter, u16 qp);

/**
 * cmacodec_fwht_dequantise() - undo the quantiser shift
 * @coef: 64 quantised coefficients, replaced by dequantised values
 * @inter: use the inter table
 */
void cmacodec_fwht_dequantise(s16 *coef, bool inter);

/**
 * cmacodec_fwht_rle_put() - run-length code one block
 * @coef: 64 quantised coefficients (raster order)
 * @inter: set the inter bit in the block header word
 * @out: room for CMACODEC_FWHT_BLOCK_MAX_WORDS words
 *
 * Return: number of 16-bit words written (header included).
 */
unsigned int cmacodec_fwht_rle_put(const s16 *coef, bool inter, u8 *out);

/**
 * cmacodec_fwht_rle_get() - decode one run-length coded block
 * @in: coded words
 * @avail: words available at @in
 * @coef: receives 64 quantised coefficients (raster order)
 * @hdr: receives the block header word
 *
 * Return: words consumed, or 0 if the block runs past @avail.
 */
u32 cmacodec_fwht_rle_get(const u8 *in, u32 avail, s16 *coef, u16 *hdr);

/* ---------------------------------------------------------------------
 * Frame layer (cmacodec-fwht.c)
 */

/**
 * struct cmacodec_geom - block geometry of the component planes
 * @ncomp: number of components
 * @w: samples per row of each component plane, as coded in the stream
 * @h: rows of each component plane
 * @bw: blocks per row
 * @bh: block rows
 * @ref_off: offset of each plane in the reference memory
 * @ref_size: total reference bytes
 */
struct cmacodec_geom {
	unsigned int ncomp;
	u32 w[CMACODEC_COMP_MAX];
	u32 h[CMACODEC_COMP_MAX];
	u32 bw[CMACODEC_COMP_MAX];
	u32 bh[CMACODEC_COMP_MAX];
	u32 ref_off[CMACODEC_COMP_MAX];
	u32 ref_size;
};

/**
 * struct cmacodec_layout - where the components of a raw frame are
 * @base: address of the first sample of each component
 * @stride: bytes between rows
 * @step: bytes between samples in a row
 */
struct cmacodec_layout {
	u8 *base[CMACODEC_COMP_MAX];
	u32 stride[CMACODEC_COMP_MAX];
	u32 step[CMACODEC_COMP_MAX];
};

/* CMACODEC_FWHT_FL_*_IS_UNCOMPRESSED bit of each component */
extern const u32 cmacodec_raw_flag[CMACODEC_COMP_MAX];

static inline u8 cmacodec_clamp_u8(s16 v)
{
	if (v < 0)
		return 0;
	if (v > 255)
		return 255;
	return (u8)v;
}

/*
 * Copy the 8x8 block at @src (rows @stride bytes apart, samples @step
 * bytes apart) into @blk in raster order: the encoder's input and the
 * stateless decoder's reference load.
 */
static inline void cmacodec_gather(const u8 *src, u32 stride, u32 step,
				   u8 *blk)
{
	unsigned int r, c;

	for (r = 0; r < 8; r++, src += stride, blk += 8) {
		if (step == 1) {
			memcpy(blk, src, 8);
			continue;
		}
		for (c = 0; c < 8; c++)
			blk[c] = src[c * step];
	}
}

/* Block geometry of every component plane of a frame */
void cmacodec_geom_init(struct cmacodec_geom *g,
			const struct cmacodec_pixfmt *fmt, u32 width, u32 height);

/* 1..CMACODEC_FWHT_MAX_WIDTH x 1..CMACODEC_FWHT_MAX_HEIGHT? */
bool cmacodec_size_ok(u32 width, u32 height);

/*
 * Component addresses of a raw frame; fails unless every sample the codec
 * may touch lies inside the buffer(s).
 */
int cmacodec_layout_init(struct cmacodec_layout *lay,
			 const struct cmacodec_pixfmt *fmt,
			 const struct cmacodec_geom *g,
			 const struct cmacodec_fwht_raw *raw, u32 width,
			 u32 height);

/* Common checks of cmacodec_fwht_enc_init() and cmacodec_fwht_dec_init() */
int cmacodec_ctx_setup(const struct cmacodec_pixfmt **pfmt, u32 fourcc,
		       u32 width, u32 height, void *ref, u32 ref_size);

#endif /* CMACODEC_FWHT_PRIV_H */
