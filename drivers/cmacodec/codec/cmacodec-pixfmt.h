/* SPDX-License-Identifier: GPL-2.0 */
/*
 * cmacodec: catalogue of the raw pixel formats the FWHT codec handles.
 *
 * Pure data and size arithmetic.  This is the one codec header the V4L2
 * glue includes; it carries nothing of the codec internals.
 *
 * Terminology used throughout:
 *  - visible size: the picture size (V4L2 crop/compose rectangle), the
 *    size written in the FWHT stream header;
 *  - coded size: the buffer layout size (V4L2 format width/height), the
 *    visible size rounded up to a multiple of 8 * subsampling factor so
 *    that every component plane covers whole 8x8 blocks;
 *  - single-plane layout: all colour planes follow each other in one
 *    buffer: plane 0 (luma or packed pixels) is bytesperline * coded_height
 *    bytes, then the chroma plane(s).
 */
#ifndef CMACODEC_PIXFMT_H
#define CMACODEC_PIXFMT_H

#include "cmacodec-codec-types.h"

/* Same value as the kernel's v4l2_fourcc() */
#define CMACODEC_FOURCC(a, b, c, d) \
	((u32)(a) | ((u32)(b) << 8) | ((u32)(c) << 16) | ((u32)(d) << 24))

#define CMACODEC_PIX_FMT_YUV420		CMACODEC_FOURCC('Y', 'U', '1', '2')
#define CMACODEC_PIX_FMT_YVU420		CMACODEC_FOURCC('Y', 'V', '1', '2')
#define CMACODEC_PIX_FMT_YUV422P	CMACODEC_FOURCC('4', '2', '2', 'P')
#define CMACODEC_PIX_FMT_NV12		CMACODEC_FOURCC('N', 'V', '1', '2')
#define CMACODEC_PIX_FMT_NV21		CMACODEC_FOURCC('N', 'V', '2', '1')
#define CMACODEC_PIX_FMT_NV16		CMACODEC_FOURCC('N', 'V', '1', '6')
#define CMACODEC_PIX_FMT_NV61		CMACODEC_FOURCC('N', 'V', '6', '1')
#define CMACODEC_PIX_FMT_NV24		CMACODEC_FOURCC('N', 'V', '2', '4')
#define CMACODEC_PIX_FMT_NV42		CMACODEC_FOURCC('N', 'V', '4', '2')
#define CMACODEC_PIX_FMT_YUYV		CMACODEC_FOURCC('Y', 'U', 'Y', 'V')
#define CMACODEC_PIX_FMT_YVYU		CMACODEC_FOURCC('Y', 'V', 'Y', 'U')
#define CMACODEC_PIX_FMT_UYVY		CMACODEC_FOURCC('U', 'Y', 'V', 'Y')
#define CMACODEC_PIX_FMT_VYUY		CMACODEC_FOURCC('V', 'Y', 'U', 'Y')
#define CMACODEC_PIX_FMT_BGR24		CMACODEC_FOURCC('B', 'G', 'R', '3')
#define CMACODEC_PIX_FMT_RGB24		CMACODEC_FOURCC('R', 'G', 'B', '3')
#define CMACODEC_PIX_FMT_HSV24		CMACODEC_FOURCC('H', 'S', 'V', '3')
#define CMACODEC_PIX_FMT_BGR32		CMACODEC_FOURCC('B', 'G', 'R', '4')
#define CMACODEC_PIX_FMT_XBGR32		CMACODEC_FOURCC('X', 'R', '2', '4')
#define CMACODEC_PIX_FMT_ABGR32		CMACODEC_FOURCC('A', 'R', '2', '4')
#define CMACODEC_PIX_FMT_RGB32		CMACODEC_FOURCC('R', 'G', 'B', '4')
#define CMACODEC_PIX_FMT_XRGB32		CMACODEC_FOURCC('B', 'X', '2', '4')
#define CMACODEC_PIX_FMT_ARGB32		CMACODEC_FOURCC('B', 'A', '2', '4')
#define CMACODEC_PIX_FMT_BGRX32		CMACODEC_FOURCC('R', 'X', '2', '4')
#define CMACODEC_PIX_FMT_BGRA32		CMACODEC_FOURCC('R', 'A', '2', '4')
#define CMACODEC_PIX_FMT_RGBX32		CMACODEC_FOURCC('X', 'B', '2', '4')
#define CMACODEC_PIX_FMT_RGBA32		CMACODEC_FOURCC('A', 'B', '2', '4')
#define CMACODEC_PIX_FMT_HSV32		CMACODEC_FOURCC('H', 'S', 'V', '4')
#define CMACODEC_PIX_FMT_GREY		CMACODEC_FOURCC('G', 'R', 'E', 'Y')
/* The compressed format itself */
#define CMACODEC_PIX_FMT_FWHT		CMACODEC_FOURCC('F', 'W', 'H', 'T')

/* Pixel encodings; the values are those of the stream header field */
#define CMACODEC_PIXENC_YUV		1
#define CMACODEC_PIXENC_RGB		2
#define CMACODEC_PIXENC_HSV		3

/* Component indices, in the order the FWHT stream stores them */
enum cmacodec_comp {
	CMACODEC_COMP_LUMA = 0,	/* Y, or G for RGB, S for HSV */
	CMACODEC_COMP_CB = 1,	/* Cb, or B for RGB, V for HSV */
	CMACODEC_COMP_CR = 2,	/* Cr, or R for RGB, H for HSV */
	CMACODEC_COMP_ALPHA = 3,	/* A or X byte of 32-bit formats */
	CMACODEC_COMP_MAX = 4,
};

/* Colour planes in a buffer layout: at most 3 */
#define CMACODEC_MAX_PLANES		3

/**
 * struct cmacodec_comp_pos - where one component lives in the layout
 * @plane:	colour plane index (0: luma/packed plane)
 * @offset:	byte offset of the first sample inside a row of that plane
 * @step:	bytes between two horizontally adjacent samples
 */
struct cmacodec_comp_pos {
	u8 plane;
	u8 offset;
	u8 step;
};

/**
 * struct cmacodec_pixfmt - one raw format of the catalogue
 * @fourcc:	V4L2 pixel format code
 * @components:	1 (GREY), 3 (Y/Cb/Cr or R/G/B) or 4 (plus alpha)
 * @width_div:	horizontal chroma subsampling (1 or 2)
 * @height_div:	vertical chroma subsampling (1 or 2)
 * @pixenc:	CMACODEC_PIXENC_* written in the stream header
 * @bpp:	bytes per pixel in plane 0; bytesperline = coded_width * bpp
 * @chroma_bpp: bytes per chroma sample position in a chroma plane
 *		(1 for planar, 2 for Cb/Cr interleaved); 0 if none
 * @planes:	colour planes in the buffer (1, 2 or 3)
 * @mem_planes:	V4L2 memory planes (buffers); 1 for every format here
 * @comp:	position of each of the @components components
 */
struct cmacodec_pixfmt {
	u32 fourcc;
	u8 components;
	u8 width_div;
	u8 height_div;
	u8 pixenc;
	u8 bpp;
	u8 chroma_bpp;
	u8 planes;
	u8 mem_planes;
	struct cmacodec_comp_pos comp[CMACODEC_COMP_MAX];
};

/**
 * cmacodec_pixfmt_count() - number of formats in the catalogue
 *
 * Return: the number of raw formats, for enumeration.
 */
unsigned int cmacodec_pixfmt_count(void);

/**
 * cmacodec_pixfmt_get() - catalogue entry by index
 * @index: 0 .. cmacodec_pixfmt_count() - 1
 *
 * Return: the entry, or NULL if @index is out of range.
 */
const struct cmacodec_pixfmt *cmacodec_pixfmt_get(unsigned int index);

/**
 * cmacodec_pixfmt_find() - catalogue entry by fourcc
 * @fourcc: V4L2 pixel format code
 *
 * Return: the entry, or NULL if the format is not supported.
 */
const struct cmacodec_pixfmt *cmacodec_pixfmt_find(u32 fourcc);

/**
 * cmacodec_pixfmt_find_compatible() - raw formats a stream can decode to
 * @components: number of components of the stream
 * @width_div: horizontal chroma subsampling of the stream
 * @height_div: vertical chroma subsampling of the stream
 * @pixenc: CMACODEC_PIXENC_* of the stream, 0 to accept any
 * @index: return the @index-th match (0 = the preferred one)
 *
 * Return: the matching entry, or NULL when there are no more.
 */
const struct cmacodec_pixfmt *
cmacodec_pixfmt_find_compatible(u32 components, u32 width_div, u32 height_div,
				u32 pixenc, unsigned int index);

/**
 * cmacodec_pixfmt_coded_width() - buffer width for a visible width
 * @fmt: raw format
 * @width: visible width in pixels
 *
 * Return: @width rounded up to a multiple of 8 * @fmt->width_div.
 */
u32 cmacodec_pixfmt_coded_width(const struct cmacodec_pixfmt *fmt, u32 width);

/**
 * cmacodec_pixfmt_coded_height() - buffer height for a visible height
 * @fmt: raw format
 * @height: visible height in pixels
 *
 * Return: @height rounded up to a multiple of 8 * @fmt->height_div.
 */
u32 cmacodec_pixfmt_coded_height(const struct cmacodec_pixfmt *fmt,
				 u32 height);

/**
 * cmacodec_pixfmt_bytesperline() - bytesperline of plane 0
 * @fmt: raw format
 * @coded_width: coded width in pixels
 *
 * Return: the value V4L2 reports as bytesperline (as vicodec does).
 */
u32 cmacodec_pixfmt_bytesperline(const struct cmacodec_pixfmt *fmt,
				 u32 coded_width);

/**
 * cmacodec_pixfmt_plane_bpl() - bytes per row of a colour plane
 * @fmt: raw format
 * @plane: colour plane index
 * @bytesperline: bytesperline of plane 0
 *
 * Return: bytes per row of @plane, 0 if @plane does not exist.
 */
u32 cmacodec_pixfmt_plane_bpl(const struct cmacodec_pixfmt *fmt,
			      unsigned int plane, u32 bytesperline);

/**
 * cmacodec_pixfmt_plane_rows() - rows of a colour plane
 * @fmt: raw format
 * @plane: colour plane index
 * @coded_height: coded height of plane 0
 *
 * Return: number of rows of @plane, 0 if @plane does not exist.
 */
u32 cmacodec_pixfmt_plane_rows(const struct cmacodec_pixfmt *fmt,
			       unsigned int plane, u32 coded_height);

/**
 * cmacodec_pixfmt_plane_offset() - offset of a colour plane in the buffer
 * @fmt: raw format
 * @plane: colour plane index
 * @bytesperline: bytesperline of plane 0
 * @coded_height: coded height of plane 0
 *
 * Return: byte offset of @plane in a single-plane (contiguous) buffer.
 */
u32 cmacodec_pixfmt_plane_offset(const struct cmacodec_pixfmt *fmt,
				 unsigned int plane, u32 bytesperline,
				 u32 coded_height);

/**
 * cmacodec_pixfmt_sizeimage() - size of a whole raw frame
 * @fmt: raw format
 * @bytesperline: bytesperline of plane 0
 * @coded_height: coded height
 *
 * With bytesperline = cmacodec_pixfmt_bytesperline() this is the same
 * number vicodec reports.
 *
 * Return: bytes of all colour planes of a single-plane buffer.
 */
u32 cmacodec_pixfmt_sizeimage(const struct cmacodec_pixfmt *fmt,
			      u32 bytesperline, u32 coded_height);

/**
 * cmacodec_pixfmt_fwht_sizeimage() - compressed buffer size for a raw format
 * @fmt: raw format being encoded or decoded to
 * @coded_width: coded width of the raw frames
 * @coded_height: coded height of the raw frames
 *
 * This is vicodec's number (coded_width * coded_height * 3 + header) unless
 * the encoder's true worst case for @fmt at any visible size that fits the
 * coded size is larger (4-component formats, whose four raw planes need
 * 4 bytes per pixel, and frames so small that one coded block outgrows a
 * raw plane); then it is that worst case.  An output buffer of
 * this size never makes cmacodec_fwht_encode() fail with
 * CMACODEC_FWHT_ENOSPC.
 *
 * Return: bytes, header included; 0 for a zero size.
 */
u32 cmacodec_pixfmt_fwht_sizeimage(const struct cmacodec_pixfmt *fmt,
				   u32 coded_width, u32 coded_height);

#endif /* CMACODEC_PIXFMT_H */
