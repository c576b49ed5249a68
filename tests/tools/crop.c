// SPDX-License-Identifier: GPL-2.0
/*
 * cmacodec-crop - cut the visible picture out of padded YU12 frames.
 *
 *   cmacodec-crop IN OUT W H STRIDE ROWS
 *
 * IN holds YU12 (I420) frames as a V4L2 buffer lays them out: a STRIDE x
 * ROWS luma plane, then two STRIDE/2 x ROWS/2 chroma planes.  OUT gets the
 * W x H visible part of each frame, tightly packed (what GStreamer writes
 * for even widths that are a multiple of 8).  Exit 0, or 1 with a message
 * (I/O error, IN not a whole number of frames, W/H beyond STRIDE/ROWS).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct crop {
	unsigned long w, h, stride, rows;
};

static int copy_plane(FILE *in, FILE *out, const struct crop *c, int shift,
		      unsigned char *line)
{
	unsigned long stride = c->stride >> shift, w = c->w >> shift;
	unsigned long y, rows = c->rows >> shift, h = c->h >> shift;

	for (y = 0; y < rows; y++) {
		if (fread(line, 1, stride, in) != stride)
			return y == 0 && shift == 0 ? 1 : -1;
		if (y < h && fwrite(line, 1, w, out) != w)
			return -2;
	}
	return 0;
}

int main(int argc, char **argv)
{
	struct crop c;
	unsigned char *line;
	unsigned long frames = 0;
	FILE *in, *out;
	int r = 0;

	if (argc != 7) {
		fprintf(stderr, "usage: cmacodec-crop IN OUT W H STRIDE ROWS\n");
		return 1;
	}
	c.w = strtoul(argv[3], NULL, 0);
	c.h = strtoul(argv[4], NULL, 0);
	c.stride = strtoul(argv[5], NULL, 0);
	c.rows = strtoul(argv[6], NULL, 0);
	if (!c.w || !c.h || c.w > c.stride || c.h > c.rows) {
		fprintf(stderr, "cmacodec-crop: %lux%lu does not fit %lux%lu\n",
			c.w, c.h, c.stride, c.rows);
		return 1;
	}
	in = fopen(argv[1], "rb");
	out = fopen(argv[2], "wb");
	line = malloc(c.stride);
	if (!in || !out || !line) {
		fprintf(stderr, "cmacodec-crop: %s: %s\n", !in ? argv[1] : argv[2],
			strerror(errno));
		return 1;
	}
	while (!(r = copy_plane(in, out, &c, 0, line))) {
		if (copy_plane(in, out, &c, 1, line) || copy_plane(in, out, &c, 1, line)) {
			r = -1;
			break;
		}
		frames++;
	}
	if (r < 0 || fclose(out)) {
		fprintf(stderr, "cmacodec-crop: %s: %s after %lu frames\n", argv[1],
			r == -1 ? "truncated frame" : "write error", frames);
		return 1;
	}
	fclose(in);
	free(line);
	fprintf(stderr, "cmacodec-crop: %lu frames of %lux%lu from %lux%lu\n",
		frames, c.w, c.h, c.stride, c.rows);
	return frames ? 0 : 1;
}
