/* SPDX-License-Identifier: GPL-2.0 */
/*
 * cmacodec codec core: the converter -- colour conversion, bilinear
 * scaling and flips between the raw formats of the catalogue.
 *
 * Pure C like the rest of the core: no allocation, no locking, no floating
 * point, no 64-bit division.  The caller provides the scratch memory
 * (struct cmacodec_conv_scratch, fixed size) and both pictures in the
 * single-plane layout of cmacodec-pixfmt.h (colour planes one after the
 * other, chroma bytesperline derived from plane 0's).
 *
 * Model of one conversion:
 *  1. every destination sample position is mapped to the source with the
 *     pixel centres aligned (src = (dst + 0.5) * src_size / dst_size - 0.5,
 *     clamped to the picture), mirrored first when HFLIP/VFLIP is set;
 *  2. each source component is interpolated bilinearly at that position
 *     in its own plane's resolution (chroma of 4:2:x sources at half
 *     resolution, chroma sited at the centre of its luma samples);
 *  3. the interpolated pixel is converted from the source's encoding
 *     (Y'CbCr with the source's matrix and range, or R'G'B') to the
 *     destination's; R'G'B' is always full range; the alpha channel is
 *     carried over, or opaque (0xff) when the source has none; X bytes
 *     (including those of the deprecated BGR32/RGB32) are written 0xff;
 *  4. destination chroma from a Y'CbCr source is interpolated in the
 *     source chroma plane at the destination chroma sample's own position
 *     (1. and 2. between the two chroma planes; Cb/Cr after a Y'CbCr to
 *     Y'CbCr conversion do not depend on Y'), so equal layouts map chroma
 *     sample to chroma sample; subsampled destination chroma from an
 *     R'G'B' source is the average of the converted chroma of the luma
 *     positions it covers (2 or 4).
 * GREY is Y' alone: as a source its chroma is neutral, as a destination
 * only Y' is written; its range counts, its matrix is that of the other
 * side (GREY to or from Y'CbCr only changes the range).  Transfer
 * function and primaries are not changed (no gamut or gamma conversion),
 * as in most hardware scalers.
 */
#ifndef CMACODEC_CONV_H
#define CMACODEC_CONV_H

#include "cmacodec-codec-types.h"
#include "cmacodec-pixfmt.h"

/* largest picture either side of a conversion */
#define CMACODEC_CONV_MAX_WIDTH		4096U
#define CMACODEC_CONV_MAX_HEIGHT	2160U

/* Y'CbCr matrices; the values are V4L2's enum v4l2_ycbcr_encoding */
#define CMACODEC_CONV_YCBCR_601		1
#define CMACODEC_CONV_YCBCR_709		2

/* ranges; the values are V4L2's enum v4l2_quantization */
#define CMACODEC_CONV_QUANT_FULL	1
#define CMACODEC_CONV_QUANT_LIMITED	2

/* flags of struct cmacodec_conv_params */
#define CMACODEC_CONV_HFLIP		0x1U
#define CMACODEC_CONV_VFLIP		0x2U

/* errors (negative return values) */
#define CMACODEC_CONV_EINVAL		1	/* bad size, stride or colour */
#define CMACODEC_CONV_EFOURCC		2	/* format cannot be converted */
#define CMACODEC_CONV_ENOSPC		3	/* a buffer is too small */

/**
 * struct cmacodec_conv_pic - one side of a conversion
 * @fourcc:	 raw format; every catalogue format except the HSV ones
 * @width:	 picture width in pixels, a multiple of the format's
 *		 horizontal subsampling, 1 .. CMACODEC_CONV_MAX_WIDTH
 * @height:	 picture height, a multiple of the vertical subsampling,
 *		 1 .. CMACODEC_CONV_MAX_HEIGHT
 * @bytesperline: bytes per row of plane 0, at least width * bpp
 * @ycbcr_enc:	 CMACODEC_CONV_YCBCR_*; ignored for R'G'B' formats
 * @quant:	 CMACODEC_CONV_QUANT_*; must be FULL for R'G'B' formats
 * @buf:	 the picture (single-plane layout)
 * @size:	 bytes at @buf; at least cmacodec_pixfmt_sizeimage()
 * @plane:	 optional per-colour-plane start addresses (multi-planar
 *		 buffers such as NV12M); when @plane[0] is NULL the planes
 *		 follow each other from @buf and @buf/@size are used
 * @plane_size: bytes at each @plane, at least the plane's bytes per row
 *		 times its rows
 */
struct cmacodec_conv_pic {
	u32 fourcc;
	u32 width;
	u32 height;
	u32 bytesperline;
	u32 ycbcr_enc;
	u32 quant;
	u8 *buf;
	u32 size;
	u8 *plane[CMACODEC_MAX_PLANES];
	u32 plane_size[CMACODEC_MAX_PLANES];
};

/**
 * struct cmacodec_conv_params - one conversion job
 * @src:   the source picture (only read)
 * @dst:   the destination picture (every sample of it is written,
 *	   padding bytes beyond width * bpp are left alone)
 * @flags: CMACODEC_CONV_HFLIP, CMACODEC_CONV_VFLIP
 */
struct cmacodec_conv_params {
	struct cmacodec_conv_pic src;
	struct cmacodec_conv_pic dst;
	u32 flags;
};

/**
 * struct cmacodec_conv_map - source position of every destination column
 * @idx: left source sample of the pair interpolated
 * @w:   weight of the right sample, 0 .. 4095 (1/4096 units)
 */
struct cmacodec_conv_map {
	u16 idx[CMACODEC_CONV_MAX_WIDTH];
	u16 w[CMACODEC_CONV_MAX_WIDTH];
};

/**
 * struct cmacodec_conv_comp - where the samples of one component are
 * @base:  first sample of row 0
 * @bpl:   bytes per row of its plane
 * @step:  bytes between two samples of a row
 * @w:     samples per row
 * @h:     rows
 */
struct cmacodec_conv_comp {
	u8 *base;
	u32 bpl;
	u32 step;
	u32 w;
	u32 h;
};

/**
 * struct cmacodec_conv_side - one picture of a job, resolved
 * @fmt:   catalogue entry
 * @cls:   class: Y'CbCr, GREY or R'G'B' (private enum)
 * @alpha: the format has an alpha channel (not an X byte)
 * @comp:  the components that exist (@fmt->components of them)
 */
struct cmacodec_conv_side {
	const struct cmacodec_pixfmt *fmt;
	u8 cls;
	u8 alpha;
	struct cmacodec_conv_comp comp[CMACODEC_COMP_MAX];
};

/**
 * struct cmacodec_conv_job - one conversion, resolved
 * @s:	      source
 * @d:	      destination
 * @m:	      matrix from source to destination components, Q12, applied
 *	      to Q8 samples
 * @k:	      offsets added after @m, with rounding, Q20
 * @vflip:    mirror rows
 * @ident:    @m is the identity (no matrix needed)
 * @cross:    destination Y' (or R'G'B') depends on source components
 *	      other than its own
 * @need_lc:  source chroma is needed at the destination luma positions
 * @map_kind: kind of each column map in use (identity, whole samples,
 *	      interpolation)
 */
struct cmacodec_conv_job {
	struct cmacodec_conv_side s, d;
	s32 m[3][3];
	s32 k[3];
	bool vflip;
	bool ident;
	bool cross;
	bool need_lc;
	u8 map_kind[3];
};

/**
 * struct cmacodec_conv_scratch - working memory of one conversion
 * @map: column maps: destination luma grid to source plane 0, destination
 *	 luma grid to source chroma plane, destination chroma grid to
 *	 source chroma plane
 * @vt:	 one source row after vertical interpolation (8 fraction bits),
 *	 plus a copy of its last sample
 * @q:	 up to four components of one destination row (8 fraction bits)
 * @acc: chroma sums of the destination luma positions of one
 *	 destination chroma row (R'G'B' to subsampled Y'CbCr)
 * @job: the job being run, resolved (kept here, off the kernel stack)
 *
 * Opaque to callers; sized for CMACODEC_CONV_MAX_WIDTH: 120 KiB (123168
 * bytes on 64-bit): allocate it once, never on the stack; one scratch per
 * conversion running at a time.
 */
struct cmacodec_conv_scratch {
	struct cmacodec_conv_map map[3];
	u16 vt[CMACODEC_CONV_MAX_WIDTH + 2];
	u16 q[4][CMACODEC_CONV_MAX_WIDTH];
	u32 acc[2][CMACODEC_CONV_MAX_WIDTH];
	struct cmacodec_conv_job job;
};

/**
 * cmacodec_conv_supported() - can the converter read and write a format
 * @fourcc: V4L2 pixel format code
 *
 * Return: true for the catalogue's Y'CbCr, R'G'B' and GREY formats.
 */
bool cmacodec_conv_supported(u32 fourcc);

/**
 * cmacodec_conv_check() - validate a job without running it
 * @p: the job
 *
 * EINVAL also covers a NULL buffer, unknown flags and a bytesperline above
 * 256 KiB (which keeps the size arithmetic in 32 bits).  Source and
 * destination must not overlap (not checked).
 *
 * Return: 0, or -CMACODEC_CONV_E* saying what is wrong.
 */
int cmacodec_conv_check(const struct cmacodec_conv_params *p);

/**
 * cmacodec_conv_run() - convert, scale and flip one picture
 * @p:       the job; checked as by cmacodec_conv_check() first
 * @scratch: working memory, contents need not be initialised
 *
 * Return: 0, or -CMACODEC_CONV_E* (then @p->dst is not touched).
 */
int cmacodec_conv_run(const struct cmacodec_conv_params *p,
		      struct cmacodec_conv_scratch *scratch);

#endif /* CMACODEC_CONV_H */
