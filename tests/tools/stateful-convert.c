// SPDX-License-Identifier: GPL-2.0-only
/*
 * cmacodec-stateful: deterministic input in every raw layout of the
 * catalogue, converted from I420 (the seam: pure data conversion, no V4L2).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "stateful.h"

/* ---- deterministic input in every layout ----------------------------- */

/*
 * Raw layouts of the catalogue.  kind: 0 planar 3 (u: plane of Cb, 1 or 2),
 * 1 semi-planar (u: byte of Cb in a pair), 2 packed 4:2:2 (offsets of
 * Y0 Cb Y1 Cr), 3 packed 24 (offsets of R G B), 4 packed 32 (offsets of R G
 * B A/X, x: the fourth byte is padding), 5 grey.
 */
struct layout {
	const char *fcc;
	int kind, wd, hd, u;
	int off[4];
	int x;
};

static const struct layout layouts[] = {
	{ "YU12", 0, 2, 2, 1, { 0 }, 0 }, { "YV12", 0, 2, 2, 2, { 0 }, 0 },
	{ "422P", 0, 2, 1, 1, { 0 }, 0 },
	{ "NV12", 1, 2, 2, 0, { 0 }, 0 }, { "NV21", 1, 2, 2, 1, { 0 }, 0 },
	{ "NV16", 1, 2, 1, 0, { 0 }, 0 }, { "NV61", 1, 2, 1, 1, { 0 }, 0 },
	{ "NV24", 1, 1, 1, 0, { 0 }, 0 }, { "NV42", 1, 1, 1, 1, { 0 }, 0 },
	{ "YUYV", 2, 2, 1, 0, { 0, 1, 2, 3 }, 0 },
	{ "YVYU", 2, 2, 1, 0, { 0, 3, 2, 1 }, 0 },
	{ "UYVY", 2, 2, 1, 0, { 1, 0, 3, 2 }, 0 },
	{ "VYUY", 2, 2, 1, 0, { 1, 2, 3, 0 }, 0 },
	{ "RGB3", 3, 1, 1, 0, { 0, 1, 2 }, 0 }, { "BGR3", 3, 1, 1, 0, { 2, 1, 0 }, 0 },
	{ "HSV3", 3, 1, 1, 0, { 0, 1, 2 }, 0 },
	{ "BGR4", 4, 1, 1, 0, { 2, 1, 0, 3 }, 1 },
	{ "XR24", 4, 1, 1, 0, { 2, 1, 0, 3 }, 1 },
	{ "AR24", 4, 1, 1, 0, { 2, 1, 0, 3 }, 0 },
	{ "RGB4", 4, 1, 1, 0, { 1, 2, 3, 0 }, 1 },
	{ "BX24", 4, 1, 1, 0, { 1, 2, 3, 0 }, 1 },
	{ "BA24", 4, 1, 1, 0, { 1, 2, 3, 0 }, 0 },
	{ "RX24", 4, 1, 1, 0, { 3, 2, 1, 0 }, 1 },
	{ "RA24", 4, 1, 1, 0, { 3, 2, 1, 0 }, 0 },
	{ "XB24", 4, 1, 1, 0, { 0, 1, 2, 3 }, 1 },
	{ "AB24", 4, 1, 1, 0, { 0, 1, 2, 3 }, 0 },
	{ "HSV4", 4, 1, 1, 0, { 1, 2, 3, 0 }, 1 },
	{ "GREY", 5, 1, 1, 0, { 0 }, 0 },
};

static unsigned char clamp8(int v)
{
	return v < 0 ? 0 : v > 255 ? 255 : v;
}

/* BT.601 limited range to RGB, component @c (0 R, 1 G, 2 B) */
static unsigned char rgb(int y, int u, int v, int c)
{
	int yy = 298 * (y - 16), d = u - 128, e = v - 128;

	if (c == 0)
		return clamp8((yy + 409 * e + 128) >> 8);
	if (c == 1)
		return clamp8((yy - 100 * d - 208 * e + 128) >> 8);
	return clamp8((yy + 516 * d + 128) >> 8);
}

/*
 * Convert I420 WxH frames of IN into FOURCC.  Chroma is subsampled by
 * picking, upsampled by repeating; alpha is a horizontal ramp, padding 0.
 * Prints the frame size and the padding byte's offset ("-": none).
 */
int convert(const char *fcc, unsigned int w, unsigned int h,
		   const char *in, const char *outp, size_t *frame, int *pad)
{
	const struct layout *l = NULL;
	size_t fsz = (size_t)w * h * 3 / 2, osz, n, i;
	unsigned char *d, *o;
	unsigned int x, y, frames = 0;
	FILE *fo;

	for (i = 0; i < sizeof(layouts) / sizeof(layouts[0]); i++)
		if (!strcmp(layouts[i].fcc, fcc))
			l = &layouts[i];
	d = slurp(in, &n);
	if (!l || !d || w % 2 || h % 2 || !n || n % fsz) {
		fprintf(stderr, "convert: unknown %s or %s not I420 %ux%u\n", fcc, in, w, h);
		return 2;
	}
	osz = l->kind == 0 || l->kind == 1 ? (size_t)w * h * (1 + 2.0 / (l->wd * l->hd)) :
	      l->kind == 2 ? (size_t)w * h * 2 : l->kind == 3 ? (size_t)w * h * 3 :
	      l->kind == 4 ? (size_t)w * h * 4 : (size_t)w * h;
	o = malloc(osz);
	fo = fopen(outp, "wb");
	if (!o || !fo)
		return 2;
	for (; frames < n / fsz; frames++) {
		const unsigned char *Y = d + frames * fsz, *U = Y + w * h, *V = U + w * h / 4;
		unsigned int cw = w / l->wd, ch = h / l->hd;

		for (y = 0; y < h; y++) {
			for (x = 0; x < w; x++) {
				int yv = Y[y * w + x], uv = U[(y / 2) * (w / 2) + x / 2];
				int vv = V[(y / 2) * (w / 2) + x / 2];
				unsigned char *p;
				int c;

				switch (l->kind) {
				case 0:
				case 1:
				case 5:
					o[y * w + x] = yv;
					if (l->kind == 5 || x % l->wd || y % l->hd)
						break;
					p = o + w * h;
					if (l->kind == 0) {
						p[(l->u == 1 ? 0 : cw * ch) + (y / l->hd) * cw + x / l->wd] = uv;
						p[(l->u == 1 ? cw * ch : 0) + (y / l->hd) * cw + x / l->wd] = vv;
					} else {
						p += (size_t)(y / l->hd) * cw * 2 + (x / l->wd) * 2;
						p[l->u] = uv;
						p[!l->u] = vv;
					}
					break;
				case 2:
					p = o + (size_t)y * w * 2 + (x & ~1U) * 2;
					p[l->off[x & 1 ? 2 : 0]] = yv;
					p[l->off[1]] = uv;
					p[l->off[3]] = vv;
					break;
				case 3:
				case 4:
					p = o + ((size_t)y * w + x) * (l->kind == 3 ? 3 : 4);
					for (c = 0; c < 3; c++)
						p[l->off[c]] = rgb(yv, uv, vv, c);
					if (l->kind == 4)
						p[l->off[3]] = l->x ? 0 : x * 255 / (w - 1);
					break;
				}
			}
		}
		if (fwrite(o, 1, osz, fo) != osz)
			return 2;
	}
	if (fclose(fo))
		return 2;
	*frame = osz;
	*pad = l->kind == 4 && l->x ? l->off[3] : -1;
	free(o);
	free(d);
	return 0;
}

int cmd_convert(const char *fcc, unsigned int w, unsigned int h,
		       const char *in, const char *outp)
{
	size_t frame;
	int pad, r = convert(fcc, w, h, in, outp, &frame, &pad);

	if (r)
		return r;
	if (pad < 0)
		printf("%zu -\n", frame);
	else
		printf("%zu %d\n", frame, pad);
	return 0;
}

/* Copy IN to OUT without the byte at @off of every @step bytes. */
int cmd_strip(const char *in, const char *outp, unsigned int step,
		     unsigned int off)
{
	unsigned char *d;
	size_t n, i;
	FILE *fo;

	if (!step || off >= step)
		return 2;
	d = slurp(in, &n);
	fo = fopen(outp, "wb");
	if (!d || !fo || n % step)
		return 2;
	for (i = 0; i < n; i++)
		if (i % step != off)
			putc(d[i], fo);
	free(d);
	return fclose(fo) ? 2 : 0;
}
