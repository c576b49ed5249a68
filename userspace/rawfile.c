// SPDX-License-Identifier: GPL-2.0-only
/*
 * cmacodec tool: raw formats and raw file layout (pure, host-tested).
 */
#include <ctype.h>
#include <string.h>
#include <strings.h>

#include "rawfile.h"

#define FCC(a, b, c, d) \
	((uint32_t)(a) | ((uint32_t)(b) << 8) | ((uint32_t)(c) << 16) | \
	 ((uint32_t)(d) << 24))

/* The formats of cmacodec's (and vicodec's) catalogue, vicodec's numbers. */
static const struct raw_fmt raw_fmts[] = {
	{ FCC('Y', 'U', '1', '2'), "YU12", "YUV 4:2:0 planar", 3, 1, 1, 2, 2 },
	{ FCC('Y', 'V', '1', '2'), "YV12", "YVU 4:2:0 planar", 3, 1, 1, 2, 2 },
	{ FCC('4', '2', '2', 'P'), "422P", "YUV 4:2:2 planar", 3, 1, 1, 2, 1 },
	{ FCC('N', 'V', '1', '2'), "NV12", "Y/CbCr 4:2:0", 2, 1, 2, 2, 2 },
	{ FCC('N', 'V', '2', '1'), "NV21", "Y/CrCb 4:2:0", 2, 1, 2, 2, 2 },
	{ FCC('N', 'V', '1', '6'), "NV16", "Y/CbCr 4:2:2", 2, 1, 2, 2, 1 },
	{ FCC('N', 'V', '6', '1'), "NV61", "Y/CrCb 4:2:2", 2, 1, 2, 2, 1 },
	{ FCC('N', 'V', '2', '4'), "NV24", "Y/CbCr 4:4:4", 2, 1, 2, 1, 1 },
	{ FCC('N', 'V', '4', '2'), "NV42", "Y/CrCb 4:4:4", 2, 1, 2, 1, 1 },
	{ FCC('Y', 'U', 'Y', 'V'), "YUYV", "YUYV 4:2:2", 1, 2, 2, 2, 1 },
	{ FCC('Y', 'V', 'Y', 'U'), "YVYU", "YVYU 4:2:2", 1, 2, 2, 2, 1 },
	{ FCC('U', 'Y', 'V', 'Y'), "UYVY", "UYVY 4:2:2", 1, 2, 2, 2, 1 },
	{ FCC('V', 'Y', 'U', 'Y'), "VYUY", "VYUY 4:2:2", 1, 2, 2, 2, 1 },
	{ FCC('B', 'G', 'R', '3'), "BGR3", "24-bit BGR", 1, 3, 3, 1, 1 },
	{ FCC('R', 'G', 'B', '3'), "RGB3", "24-bit RGB", 1, 3, 3, 1, 1 },
	{ FCC('H', 'S', 'V', '3'), "HSV3", "24-bit HSV", 1, 3, 3, 1, 1 },
	{ FCC('B', 'G', 'R', '4'), "BGR4", "32-bit BGRA/X (deprecated)", 1, 4, 4, 1, 1 },
	{ FCC('X', 'R', '2', '4'), "XR24", "32-bit BGRX", 1, 4, 4, 1, 1 },
	{ FCC('A', 'R', '2', '4'), "AR24", "32-bit BGRA", 1, 4, 4, 1, 1 },
	{ FCC('R', 'G', 'B', '4'), "RGB4", "32-bit XRGB (deprecated)", 1, 4, 4, 1, 1 },
	{ FCC('B', 'X', '2', '4'), "BX24", "32-bit XRGB", 1, 4, 4, 1, 1 },
	{ FCC('B', 'A', '2', '4'), "BA24", "32-bit ARGB", 1, 4, 4, 1, 1 },
	{ FCC('R', 'X', '2', '4'), "RX24", "32-bit RGBX", 1, 4, 4, 1, 1 },
	{ FCC('R', 'A', '2', '4'), "RA24", "32-bit RGBA", 1, 4, 4, 1, 1 },
	{ FCC('X', 'B', '2', '4'), "XB24", "32-bit XBGR", 1, 4, 4, 1, 1 },
	{ FCC('A', 'B', '2', '4'), "AB24", "32-bit ABGR", 1, 4, 4, 1, 1 },
	{ FCC('H', 'S', 'V', '4'), "HSV4", "32-bit XHSV", 1, 4, 4, 1, 1 },
	{ FCC('G', 'R', 'E', 'Y'), "GREY", "8-bit greyscale", 1, 1, 1, 1, 1 },
};

#define N_RAW_FMTS (sizeof(raw_fmts) / sizeof(raw_fmts[0]))

static const struct {
	const char *alias;
	const char *name;
} raw_aliases[] = {
	{ "I420", "YU12" }, { "YUV420", "YU12" }, { "YVU420", "YV12" },
	{ "YUV422P", "422P" }, { "YUY2", "YUYV" }, { "RGB24", "RGB3" },
	{ "BGR24", "BGR3" }, { "GRAY", "GREY" }, { "GRAY8", "GREY" },
	{ "Y8", "GREY" },
};

const struct raw_fmt *raw_fmt_find(uint32_t fourcc)
{
	size_t i;

	for (i = 0; i < N_RAW_FMTS; i++)
		if (raw_fmts[i].fourcc == fourcc)
			return &raw_fmts[i];
	return NULL;
}

const struct raw_fmt *raw_fmt_get(unsigned int index)
{
	return index < N_RAW_FMTS ? &raw_fmts[index] : NULL;
}

const struct raw_fmt *raw_fmt_parse(const char *s)
{
	size_t i;

	for (i = 0; i < sizeof(raw_aliases) / sizeof(raw_aliases[0]); i++)
		if (!strcasecmp(s, raw_aliases[i].alias)) {
			s = raw_aliases[i].name;
			break;
		}
	for (i = 0; i < N_RAW_FMTS; i++)
		if (!strcasecmp(s, raw_fmts[i].name))
			return &raw_fmts[i];
	return NULL;
}

const char *fourcc_str(uint32_t fourcc, char buf[5])
{
	int i;

	for (i = 0; i < 4; i++) {
		char c = (char)((fourcc >> (8 * i)) & 0xff);

		buf[i] = isprint((unsigned char)c) ? c : '.';
	}
	buf[4] = '\0';
	return buf;
}

/* plane p: bytes of a visible row and visible rows */
static void plane_visible(const struct raw_fmt *fmt, unsigned int p,
			  unsigned int w, unsigned int h, size_t *row_bytes,
			  size_t *rows)
{
	unsigned int wdiv = p ? fmt->width_div : 1;
	unsigned int hdiv = p ? fmt->height_div : 1;
	unsigned int step = p ? fmt->chroma_step : fmt->luma_step;

	*row_bytes = (size_t)step * w / wdiv;
	*rows = h / hdiv;
}

size_t raw_frame_bytes(const struct raw_fmt *fmt, unsigned int width,
		       unsigned int height)
{
	size_t total = 0, row_bytes, rows;
	unsigned int p;

	for (p = 0; p < fmt->planes; p++) {
		plane_visible(fmt, p, width, height, &row_bytes, &rows);
		total += row_bytes * rows;
	}
	return total;
}

int raw_layout_init(struct raw_layout *lay, const struct raw_fmt *fmt,
		    unsigned int vis_w, unsigned int vis_h,
		    unsigned int bytesperline, unsigned int coded_h)
{
	size_t off = 0;
	unsigned int p;

	memset(lay, 0, sizeof(*lay));
	lay->fmt = fmt;
	if (!vis_w || !vis_h || vis_h > coded_h ||
	    (size_t)vis_w * fmt->luma_step > bytesperline)
		return -1;
	lay->packed = 1;
	for (p = 0; p < fmt->planes; p++) {
		struct raw_plane *pl = &lay->planes[p];
		unsigned int hdiv = p ? fmt->height_div : 1;

		plane_visible(fmt, p, vis_w, vis_h, &pl->row_bytes, &pl->rows);
		pl->stride = p ? (size_t)bytesperline * fmt->chroma_step /
					 (fmt->luma_step * fmt->width_div) :
				 bytesperline;
		pl->buf_offset = off;
		off += pl->stride * (coded_h / hdiv);
		lay->frame_bytes += pl->row_bytes * pl->rows;
		if (pl->row_bytes > pl->stride)
			return -1;
		if (pl->row_bytes != pl->stride || pl->rows != coded_h / hdiv)
			lay->packed = 0;
	}
	lay->buf_bytes = off;
	return 0;
}

int raw_read_frame(FILE *f, const struct raw_layout *lay, uint8_t *buf,
		   size_t *got)
{
	size_t n, r;
	unsigned int p;

	*got = 0;
	if (lay->packed) {
		n = fread(buf, 1, lay->frame_bytes, f);
		*got = n;
		if (n == lay->frame_bytes)
			return 1;
		if (ferror(f))
			return -2;
		return n ? -1 : 0;
	}
	for (p = 0; p < lay->fmt->planes; p++) {
		const struct raw_plane *pl = &lay->planes[p];

		for (r = 0; r < pl->rows; r++) {
			n = fread(buf + pl->buf_offset + r * pl->stride, 1,
				  pl->row_bytes, f);
			*got += n;
			if (n != pl->row_bytes) {
				if (ferror(f))
					return -2;
				return *got ? -1 : 0;
			}
		}
	}
	return 1;
}

int raw_write_frame(FILE *f, const struct raw_layout *lay,
		    const uint8_t *buf)
{
	unsigned int p;
	size_t r;

	if (lay->packed)
		return fwrite(buf, 1, lay->frame_bytes, f) == lay->frame_bytes ?
			       0 : -1;
	for (p = 0; p < lay->fmt->planes; p++) {
		const struct raw_plane *pl = &lay->planes[p];

		for (r = 0; r < pl->rows; r++)
			if (fwrite(buf + pl->buf_offset + r * pl->stride, 1,
				   pl->row_bytes, f) != pl->row_bytes)
				return -1;
	}
	return 0;
}

void raw_fill_pattern(const struct raw_layout *lay, uint8_t *buf,
		      unsigned int frame)
{
	unsigned int p;
	size_t r, x;

	for (p = 0; p < lay->fmt->planes; p++) {
		const struct raw_plane *pl = &lay->planes[p];

		for (r = 0; r < pl->rows; r++) {
			uint8_t *row = buf + pl->buf_offset + r * pl->stride;

			for (x = 0; x < pl->row_bytes; x++)
				row[x] = (uint8_t)(p * 64 + x / 2 + r / 2 +
						   frame * 3);
		}
	}
}
