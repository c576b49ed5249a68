// SPDX-License-Identifier: GPL-2.0
/*
 * bench: deterministic natural-looking test pictures (see picture.h).
 */
#include "picture.h"

/* camera pan per frame, in scene pixels */
#define PAN_X	3
#define PAN_Y	2

static u32 hash3(u32 x, u32 y, u32 z)
{
	u32 h = x * 0x8da6b343u ^ y * 0xd8163841u ^ z * 0xcb1ab31fu;

	h ^= h >> 15;
	h *= 0x2c1b3c6du;
	h ^= h >> 12;
	h *= 0x297a2d39u;
	return h ^ (h >> 15);
}

/* bilinear value noise, lattice spacing 1 << shift, result 0..255 */
static u32 value_noise(u32 x, u32 y, unsigned int shift, u32 seed)
{
	u32 ix = x >> shift, iy = y >> shift, m = (1u << shift) - 1;
	u32 fx = x & m, fy = y & m, n = 1u << shift;
	u32 a = hash3(ix, iy, seed) & 0xff, b = hash3(ix + 1, iy, seed) & 0xff;
	u32 c = hash3(ix, iy + 1, seed) & 0xff;
	u32 d = hash3(ix + 1, iy + 1, seed) & 0xff;
	u32 top = a * (n - fx) + b * fx, bot = c * (n - fx) + d * fx;

	return (top * (n - fy) + bot * fy) >> (2 * shift);
}

struct disc {
	int x, y, r, dx, dy, level;
};

static const struct disc discs[] = {
	{ 300, 200, 90, 5, 1, 230 },
	{ 900, 500, 140, -4, 2, 40 },
	{ 1500, 300, 60, 2, -3, 200 },
	{ 600, 800, 110, 6, 0, 70 },
};

/* scene sample at scene coordinates (sx, sy) for component c, frame t */
static u8 scene(unsigned int c, int sx, int sy, unsigned int t)
{
	u32 ux = (u32)(sx + 4096), uy = (u32)(sy + 4096);
	int v;
	unsigned int i;

	/* 1/2 clouds, 1/4 texture, 1/8 fine detail */
	v = (int)(value_noise(ux, uy, 7, c) * 4 +
		  value_noise(ux, uy, 5, c + 8) * 2 +
		  value_noise(ux, uy, 3, c + 16)) / 7;
	if (c)	/* chroma: smoother, around neutral */
		v = 128 + (v - 128) / 2;
	for (i = 0; i < ARRAY_SIZE(discs); i++) {
		const struct disc *d = &discs[i];
		int ex = sx - (d->x + d->dx * (int)t), ey = sy - (d->y + d->dy * (int)t);

		if (ex * ex + ey * ey <= d->r * d->r)
			v = c ? 128 + (int)(i * 37 % 64) - 32 : d->level +
				(v - 128) / 4;
	}
	/* sensor grain, new every frame */
	v += (int)(hash3(ux, uy, 0x51ed + t * 4 + c) & 3) - 1;
	return v < 0 ? 0 : v > 255 ? 255 : (u8)v;
}

void bench_picture_fill(struct test_frame *f, unsigned int t)
{
	unsigned int c;

	for (c = 0; c < f->fmt->components; c++) {
		u32 w, h, x, y, xs = 1, ys = 1;

		test_coded_dims(f, c, &w, &h);
		if (w < f->coded_w)
			xs = f->coded_w / w;
		if (h < f->coded_h)
			ys = f->coded_h / h;
		for (y = 0; y < h; y++)
			for (x = 0; x < w; x++)
				*test_sample(f, c, x, y) =
					scene(c, (int)(x * xs) + PAN_X * (int)t,
					      (int)(y * ys) + PAN_Y * (int)t, t);
	}
}
