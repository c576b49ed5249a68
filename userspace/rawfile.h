/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * cmacodec tool: raw frame formats and the raw file layout.
 *
 * Raw files use the layout v4l2-ctl reads and writes for the FWHT codecs:
 * the colour planes of a frame follow each other with no padding, each
 * plane holding the visible area only (rows of step * width / width_div
 * bytes, height / height_div rows).  A V4L2 buffer holds the same planes
 * with bytesperline-sized rows and coded-height rows; converting between
 * the two is done here, row by row, straight between file and buffer.
 */
#ifndef CMACODEC_TOOL_RAWFILE_H
#define CMACODEC_TOOL_RAWFILE_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#define RAW_MAX_PLANES 3

/*
 * struct raw_fmt - a raw format as vicodec/v4l2-ctl describe it
 * @fourcc:     V4L2 pixel format
 * @name:       printable fourcc
 * @desc:       description
 * @planes:     colour planes in the buffer
 * @luma_step:  bytes per pixel in plane 0 (and the alpha plane)
 * @chroma_step: bytes per chroma sample position in planes 1, 2
 * @width_div:  horizontal chroma subsampling
 * @height_div: vertical chroma subsampling
 */
struct raw_fmt {
	uint32_t fourcc;
	const char *name;
	const char *desc;
	unsigned int planes;
	unsigned int luma_step;
	unsigned int chroma_step;
	unsigned int width_div;
	unsigned int height_div;
};

/*
 * struct raw_plane - where one plane is, in the file and in a buffer
 * @row_bytes:   bytes of a visible row (file row size)
 * @rows:        visible rows (file)
 * @stride:      bytes per row in the buffer
 * @buf_offset:  offset of the plane in the buffer
 */
struct raw_plane {
	size_t row_bytes;
	size_t rows;
	size_t stride;
	size_t buf_offset;
};

/*
 * struct raw_layout - a raw frame in a file and in a V4L2 buffer
 * @fmt:       format
 * @planes:    per plane geometry
 * @frame_bytes: bytes of one frame in the file
 * @buf_bytes: bytes the planes span in the buffer
 * @packed:    the buffer layout is the file layout (one contiguous copy)
 */
struct raw_layout {
	const struct raw_fmt *fmt;
	struct raw_plane planes[RAW_MAX_PLANES];
	size_t frame_bytes;
	size_t buf_bytes;
	int packed;
};

const struct raw_fmt *raw_fmt_find(uint32_t fourcc);
const struct raw_fmt *raw_fmt_get(unsigned int index);
/* "YU12" or an alias ("I420", "yuv420") to a catalogue entry */
const struct raw_fmt *raw_fmt_parse(const char *s);
/* printable fourcc into buf[5] */
const char *fourcc_str(uint32_t fourcc, char buf[5]);

/* bytes of one visible frame in a raw file, 0 for a zero size */
size_t raw_frame_bytes(const struct raw_fmt *fmt, unsigned int width,
		       unsigned int height);

/*
 * raw_layout_init() - geometry of a frame
 * @lay:    filled in
 * @fmt:    raw format
 * @vis_w, @vis_h: visible size (file)
 * @bytesperline: bytesperline of plane 0 in the buffer
 * @coded_h: buffer height (V4L2 format height)
 *
 * Return: 0, or -1 if the visible area does not fit the buffer geometry.
 */
int raw_layout_init(struct raw_layout *lay, const struct raw_fmt *fmt,
		    unsigned int vis_w, unsigned int vis_h,
		    unsigned int bytesperline, unsigned int coded_h);

/*
 * raw_read_frame() - read one frame from @f into a buffer
 * Return: 1 frame read, 0 clean end of file, -1 partial frame (*got holds
 * the bytes that were there), -2 read error (errno set).
 */
int raw_read_frame(FILE *f, const struct raw_layout *lay, uint8_t *buf,
		   size_t *got);

/* raw_write_frame() - write the visible area of a buffer; 0 or -1 (errno) */
int raw_write_frame(FILE *f, const struct raw_layout *lay,
		    const uint8_t *buf);

/* Fill a buffer with a moving test pattern (bench input). */
void raw_fill_pattern(const struct raw_layout *lay, uint8_t *buf,
		      unsigned int frame);

#endif /* CMACODEC_TOOL_RAWFILE_H */
