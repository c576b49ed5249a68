// SPDX-License-Identifier: GPL-2.0
/*
 * cmacodec: raw pixel format catalogue and buffer size arithmetic.
 *
 * The table order is the preference order used when a decoder picks a
 * default raw format for a stream (same order as vicodec's table, so the
 * same default comes out).
 */
#include "cmacodec-pixfmt.h"
#include "../../../uapi/linux/cmacodec.h"

/* Component positions: { plane, byte offset, step } */
#define CPOS(p, o, s) { .plane = (p), .offset = (o), .step = (s) }

/* Y, Cb, Cr in three planes */
#define PLANAR3(cb_plane, cr_plane) \
	.planes = 3, .bpp = 1, .chroma_bpp = 1, \
	.comp = { CPOS(0, 0, 1), CPOS(cb_plane, 0, 1), CPOS(cr_plane, 0, 1) }

/* Y plane plus one plane of interleaved chroma */
#define SEMIPLANAR(cb_off, cr_off) \
	.planes = 2, .bpp = 1, .chroma_bpp = 2, \
	.comp = { CPOS(0, 0, 1), CPOS(1, cb_off, 2), CPOS(1, cr_off, 2) }

/* Packed 4:2:2: two pixels in four bytes */
#define PACKED422(y_off, cb_off, cr_off) \
	.planes = 1, .bpp = 2, \
	.comp = { CPOS(0, y_off, 2), CPOS(0, cb_off, 4), CPOS(0, cr_off, 4) }

/* Packed 24-bit: G in the middle; luma = G, Cb = B, Cr = R */
#define PACKED24(b_off, r_off) \
	.planes = 1, .bpp = 3, \
	.comp = { CPOS(0, 1, 3), CPOS(0, b_off, 3), CPOS(0, r_off, 3) }

/* Packed 32-bit: luma = G, Cb = B, Cr = R, alpha = A or X */
#define PACKED32(g_off, b_off, r_off, a_off) \
	.planes = 1, .bpp = 4, \
	.comp = { CPOS(0, g_off, 4), CPOS(0, b_off, 4), CPOS(0, r_off, 4), \
		  CPOS(0, a_off, 4) }

#define YUV(wd, hd) \
	.components = 3, .width_div = (wd), .height_div = (hd), \
	.pixenc = CMACODEC_PIXENC_YUV, .mem_planes = 1

#define ENC3(enc) \
	.components = 3, .width_div = 1, .height_div = 1, \
	.pixenc = (enc), .mem_planes = 1

#define ENC4(enc) \
	.components = 4, .width_div = 1, .height_div = 1, \
	.pixenc = (enc), .mem_planes = 1

static const struct cmacodec_pixfmt cmacodec_pixfmts[] = {
	{ .fourcc = CMACODEC_PIX_FMT_YUV420, YUV(2, 2), PLANAR3(1, 2) },
	{ .fourcc = CMACODEC_PIX_FMT_YVU420, YUV(2, 2), PLANAR3(2, 1) },
	{ .fourcc = CMACODEC_PIX_FMT_YUV422P, YUV(2, 1), PLANAR3(1, 2) },
	{ .fourcc = CMACODEC_PIX_FMT_NV12, YUV(2, 2), SEMIPLANAR(0, 1) },
	{ .fourcc = CMACODEC_PIX_FMT_NV21, YUV(2, 2), SEMIPLANAR(1, 0) },
	{ .fourcc = CMACODEC_PIX_FMT_NV16, YUV(2, 1), SEMIPLANAR(0, 1) },
	{ .fourcc = CMACODEC_PIX_FMT_NV61, YUV(2, 1), SEMIPLANAR(1, 0) },
	{ .fourcc = CMACODEC_PIX_FMT_NV24, YUV(1, 1), SEMIPLANAR(0, 1) },
	{ .fourcc = CMACODEC_PIX_FMT_NV42, YUV(1, 1), SEMIPLANAR(1, 0) },
	{ .fourcc = CMACODEC_PIX_FMT_YUYV, YUV(2, 1), PACKED422(0, 1, 3) },
	{ .fourcc = CMACODEC_PIX_FMT_YVYU, YUV(2, 1), PACKED422(0, 3, 1) },
	{ .fourcc = CMACODEC_PIX_FMT_UYVY, YUV(2, 1), PACKED422(1, 0, 2) },
	{ .fourcc = CMACODEC_PIX_FMT_VYUY, YUV(2, 1), PACKED422(1, 2, 0) },
	{ .fourcc = CMACODEC_PIX_FMT_BGR24, ENC3(CMACODEC_PIXENC_RGB),
	  PACKED24(0, 2) },
	{ .fourcc = CMACODEC_PIX_FMT_RGB24, ENC3(CMACODEC_PIXENC_RGB),
	  PACKED24(2, 0) },
	{ .fourcc = CMACODEC_PIX_FMT_HSV24, ENC3(CMACODEC_PIXENC_HSV),
	  PACKED24(2, 0) },
	{ .fourcc = CMACODEC_PIX_FMT_BGR32, ENC4(CMACODEC_PIXENC_RGB),
	  PACKED32(1, 0, 2, 3) },
	{ .fourcc = CMACODEC_PIX_FMT_XBGR32, ENC4(CMACODEC_PIXENC_RGB),
	  PACKED32(1, 0, 2, 3) },
	{ .fourcc = CMACODEC_PIX_FMT_ABGR32, ENC4(CMACODEC_PIXENC_RGB),
	  PACKED32(1, 0, 2, 3) },
	{ .fourcc = CMACODEC_PIX_FMT_RGB32, ENC4(CMACODEC_PIXENC_RGB),
	  PACKED32(2, 3, 1, 0) },
	{ .fourcc = CMACODEC_PIX_FMT_XRGB32, ENC4(CMACODEC_PIXENC_RGB),
	  PACKED32(2, 3, 1, 0) },
	{ .fourcc = CMACODEC_PIX_FMT_ARGB32, ENC4(CMACODEC_PIXENC_RGB),
	  PACKED32(2, 3, 1, 0) },
	{ .fourcc = CMACODEC_PIX_FMT_BGRX32, ENC4(CMACODEC_PIXENC_RGB),
	  PACKED32(2, 1, 3, 0) },
	{ .fourcc = CMACODEC_PIX_FMT_BGRA32, ENC4(CMACODEC_PIXENC_RGB),
	  PACKED32(2, 1, 3, 0) },
	{ .fourcc = CMACODEC_PIX_FMT_RGBX32, ENC4(CMACODEC_PIXENC_RGB),
	  PACKED32(1, 2, 0, 3) },
	{ .fourcc = CMACODEC_PIX_FMT_RGBA32, ENC4(CMACODEC_PIXENC_RGB),
	  PACKED32(1, 2, 0, 3) },
	{ .fourcc = CMACODEC_PIX_FMT_HSV32, ENC4(CMACODEC_PIXENC_HSV),
	  PACKED32(2, 3, 1, 0) },
	/* vicodec labels GREY as RGB-encoded; keep that for compatibility */
	{ .fourcc = CMACODEC_PIX_FMT_GREY, .components = 1, .width_div = 1,
	  .height_div = 1, .pixenc = CMACODEC_PIXENC_RGB, .mem_planes = 1,
	  .planes = 1, .bpp = 1, .comp = { CPOS(0, 0, 1) } },
};

#define CMACODEC_NUM_PIXFMTS ARRAY_SIZE(cmacodec_pixfmts)

unsigned int cmacodec_pixfmt_count(void)
{
	return CMACODEC_NUM_PIXFMTS;
}

const struct cmacodec_pixfmt *cmacodec_pixfmt_get(unsigned int index)
{
	if (index >= CMACODEC_NUM_PIXFMTS)
		return NULL;
	return &cmacodec_pixfmts[index];
}

const struct cmacodec_pixfmt *cmacodec_pixfmt_find(u32 fourcc)
{
	unsigned int i;

	for (i = 0; i < CMACODEC_NUM_PIXFMTS; i++)
		if (cmacodec_pixfmts[i].fourcc == fourcc)
			return &cmacodec_pixfmts[i];
	return NULL;
}

const struct cmacodec_pixfmt *
cmacodec_pixfmt_find_compatible(u32 components, u32 width_div, u32 height_div,
				u32 pixenc, unsigned int index)
{
	unsigned int i;

	for (i = 0; i < CMACODEC_NUM_PIXFMTS; i++) {
		const struct cmacodec_pixfmt *f = &cmacodec_pixfmts[i];

		if (f->components != components || f->width_div != width_div ||
		    f->height_div != height_div)
			continue;
		if (pixenc && f->pixenc != pixenc)
			continue;
		if (!index)
			return f;
		index--;
	}
	return NULL;
}

static u32 cmacodec_round_up(u32 v, u32 align)
{
	return (v + align - 1) / align * align;
}

u32 cmacodec_pixfmt_coded_width(const struct cmacodec_pixfmt *fmt, u32 width)
{
	return cmacodec_round_up(width, 8 * fmt->width_div);
}

u32 cmacodec_pixfmt_coded_height(const struct cmacodec_pixfmt *fmt,
				 u32 height)
{
	return cmacodec_round_up(height, 8 * fmt->height_div);
}

u32 cmacodec_pixfmt_bytesperline(const struct cmacodec_pixfmt *fmt,
				 u32 coded_width)
{
	return coded_width * fmt->bpp;
}

u32 cmacodec_pixfmt_plane_bpl(const struct cmacodec_pixfmt *fmt,
			      unsigned int plane, u32 bytesperline)
{
	if (plane >= fmt->planes)
		return 0;
	if (!plane)
		return bytesperline;
	return bytesperline * fmt->chroma_bpp / fmt->width_div;
}

u32 cmacodec_pixfmt_plane_rows(const struct cmacodec_pixfmt *fmt,
			       unsigned int plane, u32 coded_height)
{
	if (plane >= fmt->planes)
		return 0;
	if (!plane)
		return coded_height;
	return coded_height / fmt->height_div;
}

u32 cmacodec_pixfmt_plane_offset(const struct cmacodec_pixfmt *fmt,
				 unsigned int plane, u32 bytesperline,
				 u32 coded_height)
{
	u32 offset = 0;
	unsigned int p;

	for (p = 0; p < plane && p < fmt->planes; p++)
		offset += cmacodec_pixfmt_plane_bpl(fmt, p, bytesperline) *
			  cmacodec_pixfmt_plane_rows(fmt, p, coded_height);
	return offset;
}

u32 cmacodec_pixfmt_sizeimage(const struct cmacodec_pixfmt *fmt,
			      u32 bytesperline, u32 coded_height)
{
	return cmacodec_pixfmt_plane_offset(fmt, fmt->planes, bytesperline,
					    coded_height);
}

/*
 * Worst-case compressed size of one component plane of w x h samples
 * (any visible size that fits).  The encoder stores a plane raw before
 * its run-length data outgrows the raw size, except that the first block
 * (at most 65 16-bit words) is always written.
 */
static u32 cmacodec_plane_bound(u32 w, u32 h)
{
	u32 raw = cmacodec_round_up(w, 8) * cmacodec_round_up(h, 8);
	u32 first_block = 65 * 2;

	return raw > first_block ? raw : first_block;
}

u32 cmacodec_pixfmt_fwht_sizeimage(const struct cmacodec_pixfmt *fmt,
				   u32 coded_width, u32 coded_height)
{
	u32 vicodec_size, worst;

	if (!coded_width || !coded_height)
		return 0;
	vicodec_size = coded_width * coded_height * 3 +
		       CMACODEC_FWHT_HEADER_SIZE;
	worst = CMACODEC_FWHT_HEADER_SIZE +
		cmacodec_plane_bound(coded_width, coded_height);
	if (fmt->components >= 3)
		worst += 2 * cmacodec_plane_bound(coded_width / fmt->width_div,
						  coded_height / fmt->height_div);
	if (fmt->components == 4)
		worst += cmacodec_plane_bound(coded_width, coded_height);
	return worst > vicodec_size ? worst : vicodec_size;
}
