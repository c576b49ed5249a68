// SPDX-License-Identifier: GPL-2.0
/*
 * test_conv's floating-point reference of the converter model in
 * cmacodec-conv.h, and the picture helpers it shares with the tests.
 */
#include <math.h>
#include <string.h>
#include "conv_ref.h"

/* cmacodec_pixfmt_find() with a cache: the reference looks up a lot */
const struct cmacodec_pixfmt *fmt_of(u32 fourcc)
{
	static const struct cmacodec_pixfmt *cache[4];
	static unsigned int next;
	unsigned int i;

	for (i = 0; i < 4; i++)
		if (cache[i] && cache[i]->fourcc == fourcc)
			return cache[i];
	next = (next + 1) % 4;
	cache[next] = cmacodec_pixfmt_find(fourcc);
	return cache[next];
}

int cls_of(u32 fourcc)
{
	if (fourcc == CMACODEC_PIX_FMT_GREY)
		return CLS_GREY;
	return fmt_of(fourcc)->pixenc == CMACODEC_PIXENC_YUV ?
	       CLS_YUV : CLS_RGB;
}

int has_alpha(u32 fourcc)
{
	return fourcc == CMACODEC_PIX_FMT_ABGR32 ||
	       fourcc == CMACODEC_PIX_FMT_ARGB32 ||
	       fourcc == CMACODEC_PIX_FMT_BGRA32 ||
	       fourcc == CMACODEC_PIX_FMT_RGBA32;
}

int pic_alloc(struct cmacodec_conv_pic *p, u32 fourcc, u32 w, u32 h,
	      u32 pad, u32 enc, u32 quant)
{
	const struct cmacodec_pixfmt *f = fmt_of(fourcc);

	memset(p, 0, sizeof(*p));
	p->fourcc = fourcc;
	p->width = w;
	p->height = h;
	p->bytesperline = w * f->bpp + pad;
	p->ycbcr_enc = enc;
	p->quant = cls_of(fourcc) == CLS_RGB ? CMACODEC_CONV_QUANT_FULL : quant;
	p->size = cmacodec_pixfmt_sizeimage(f, p->bytesperline, h);
	p->buf = malloc(p->size);
	if (!p->buf) {
		perror("malloc");
		exit(1);
	}
	return 0;
}

void pic_random(struct cmacodec_conv_pic *p, u32 *seed)
{
	u32 i;

	for (i = 0; i < p->size; i++)
		p->buf[i] = test_rand(seed) >> 8;
}

u8 *pic_sample(const struct cmacodec_conv_pic *p, unsigned int c,
	       u32 x, u32 y)
{
	const struct cmacodec_pixfmt *f = fmt_of(p->fourcc);
	const struct cmacodec_comp_pos *pos = &f->comp[c];
	u32 off = cmacodec_pixfmt_plane_offset(f, pos->plane,
					       p->bytesperline, p->height);
	u32 bpl = cmacodec_pixfmt_plane_bpl(f, pos->plane, p->bytesperline);

	return p->buf + off + y * bpl + pos->offset + x * pos->step;
}

void comp_dims(const struct cmacodec_conv_pic *p, unsigned int c,
	       u32 *w, u32 *h)
{
	const struct cmacodec_pixfmt *f = fmt_of(p->fourcc);

	*w = p->width;
	*h = p->height;
	if (cls_of(p->fourcc) == CLS_YUV && (c == 1 || c == 2)) {
		*w /= f->width_div;
		*h /= f->height_div;
	}
}

unsigned int ncomps(u32 fourcc)
{
	return fmt_of(fourcc)->components;
}

/* bytes of a picture that are not samples must still hold CANARY */
u32 canary_damage(const struct cmacodec_conv_pic *p)
{
	u8 *mask = calloc(p->size, 1);
	unsigned int c;
	u32 x, y, w, h, i, bad = 0;

	for (c = 0; c < ncomps(p->fourcc); c++) {
		comp_dims(p, c, &w, &h);
		for (y = 0; y < h; y++)
			for (x = 0; x < w; x++)
				mask[pic_sample(p, c, x, y) - p->buf] = 1;
	}
	for (i = 0; i < p->size; i++)
		bad += !mask[i] && p->buf[i] != CANARY;
	free(mask);
	return bad;
}

/* ---- the floating-point reference of the model ---- */

static double ref_pos(u32 d, u32 dn, u32 sn, int flip)
{
	double v;

	if (flip)
		d = dn - 1 - d;
	v = (d + 0.5) * sn / dn - 0.5;
	if (v < 0)
		v = 0;
	if (v > sn - 1)
		v = sn - 1;
	return v;
}

/* bilinear sample of source component c at (fx, fy) of its own plane */
static double ref_sample(const struct cmacodec_conv_pic *s, unsigned int c,
			 double fx, double fy)
{
	u32 w, h, x0, y0, x1, y1;
	double wx, wy, a, b;

	comp_dims(s, c, &w, &h);
	x0 = (u32)floor(fx);
	y0 = (u32)floor(fy);
	x1 = x0 + 1 < w ? x0 + 1 : x0;
	y1 = y0 + 1 < h ? y0 + 1 : y0;
	wx = fx - x0;
	wy = fy - y0;
	a = *pic_sample(s, c, x0, y0) * (1 - wx) +
	    *pic_sample(s, c, x1, y0) * wx;
	b = *pic_sample(s, c, x0, y1) * (1 - wx) +
	    *pic_sample(s, c, x1, y1) * wx;
	return a * (1 - wy) + b * wy;
}

void kr_kb(u32 enc, double *kr, double *kb)
{
	*kr = enc == CMACODEC_CONV_YCBCR_709 ? 0.2126 : 0.299;
	*kb = enc == CMACODEC_CONV_YCBCR_709 ? 0.0722 : 0.114;
}

/* GREY takes the matrix of the other side */
static u32 eff_enc(const struct cmacodec_conv_pic *a,
		   const struct cmacodec_conv_pic *other)
{
	if (cls_of(a->fourcc) == CLS_GREY && cls_of(other->fourcc) == CLS_YUV)
		return other->ycbcr_enc;
	return a->ycbcr_enc;
}

/* components in catalogue order (Y'CbCr or G'B'R') to G'B'R' in 0..1 */
static void ref_decode(const struct cmacodec_conv_params *p,
		       const double in[3], double rgb[3])
{
	const struct cmacodec_conv_pic *s = &p->src;
	int lim = s->quant == CMACODEC_CONV_QUANT_LIMITED;
	double kr, kb, y, cb, cr, r, g, b;

	if (cls_of(s->fourcc) == CLS_RGB) {
		rgb[0] = in[0] / 255;
		rgb[1] = in[1] / 255;
		rgb[2] = in[2] / 255;
		return;
	}
	kr_kb(eff_enc(s, &p->dst), &kr, &kb);
	y = (in[0] - (lim ? 16 : 0)) / (lim ? 219 : 255);
	cb = cls_of(s->fourcc) == CLS_GREY ? 0 :
	     (in[1] - 128) / (lim ? 224 : 255);
	cr = cls_of(s->fourcc) == CLS_GREY ? 0 :
	     (in[2] - 128) / (lim ? 224 : 255);
	r = y + 2 * (1 - kr) * cr;
	b = y + 2 * (1 - kb) * cb;
	g = (y - kr * r - kb * b) / (1 - kr - kb);
	rgb[0] = g;
	rgb[1] = b;
	rgb[2] = r;
}

/* G'B'R' in 0..1 to destination components, unrounded */
static void ref_encode(const struct cmacodec_conv_params *p,
		       const double rgb[3], double out[3])
{
	const struct cmacodec_conv_pic *d = &p->dst;
	int lim = d->quant == CMACODEC_CONV_QUANT_LIMITED;
	double kr, kb, y;

	if (cls_of(d->fourcc) == CLS_RGB) {
		out[0] = rgb[0] * 255;
		out[1] = rgb[1] * 255;
		out[2] = rgb[2] * 255;
		return;
	}
	kr_kb(eff_enc(d, &p->src), &kr, &kb);
	y = kr * rgb[2] + (1 - kr - kb) * rgb[0] + kb * rgb[1];
	out[0] = y * (lim ? 219 : 255) + (lim ? 16 : 0);
	out[1] = (rgb[1] - y) / (2 * (1 - kb)) * (lim ? 224 : 255) + 128;
	out[2] = (rgb[2] - y) / (2 * (1 - kr)) * (lim ? 224 : 255) + 128;
}

double clamp255(double v)
{
	return v < 0 ? 0 : v > 255 ? 255 : v;
}

/* source components at destination luma position (x, y), converted */
static void ref_luma_grid(const struct cmacodec_conv_params *p, u32 x, u32 y,
			  double out[4])
{
	const struct cmacodec_conv_pic *s = &p->src, *d = &p->dst;
	int hf = !!(p->flags & CMACODEC_CONV_HFLIP);
	int vf = !!(p->flags & CMACODEC_CONV_VFLIP);
	double in[3] = { 0, 128, 128 }, rgb[3];
	unsigned int c;
	u32 w, h;

	for (c = 0; c < 3; c++) {
		if (c && cls_of(s->fourcc) == CLS_GREY)
			break;
		comp_dims(s, c, &w, &h);
		in[c] = ref_sample(s, c, ref_pos(x, d->width, w, hf),
				   ref_pos(y, d->height, h, vf));
	}
	ref_decode(p, in, rgb);
	ref_encode(p, rgb, out);
	out[3] = 255;
	if (has_alpha(s->fourcc) && has_alpha(d->fourcc))
		out[3] = ref_sample(s, 3, ref_pos(x, d->width, s->width, hf),
				    ref_pos(y, d->height, s->height, vf));
}

/*
 * reference value of destination component c at (x, y) of its own grid;
 * @lg: NULL, or ref_luma_grid() of every destination pixel
 */
static double ref_value(const struct cmacodec_conv_params *p, unsigned int c,
			u32 x, u32 y, const double *lg)
{
	const struct cmacodec_conv_pic *s = &p->src, *d = &p->dst;
	const struct cmacodec_pixfmt *df = fmt_of(d->fourcc);
	int hf = !!(p->flags & CMACODEC_CONV_HFLIP);
	int vf = !!(p->flags & CMACODEC_CONV_VFLIP);
	double v[4], in[3], rgb[3], sum = 0;
	u32 i, j, sw, sh, dw, dh;

	if (cls_of(d->fourcc) != CLS_YUV || c == 0 || c == 3) {
		if (lg)
			return lg[(y * d->width + x) * 4 + c];
		ref_luma_grid(p, x, y, v);
		return v[c];
	}
	if (cls_of(s->fourcc) == CLS_GREY)
		return 128;
	if (cls_of(s->fourcc) == CLS_YUV) {
		comp_dims(d, c, &dw, &dh);
		comp_dims(s, c, &sw, &sh);
		in[0] = 128;
		for (i = 1; i < 3; i++)
			in[i] = ref_sample(s, i, ref_pos(x, dw, sw, hf),
					   ref_pos(y, dh, sh, vf));
		ref_decode(p, in, rgb);
		ref_encode(p, rgb, v);
		return v[c];
	}
	for (j = 0; j < df->height_div; j++)
		for (i = 0; i < df->width_div; i++) {
			u32 lx = x * df->width_div + i;
			u32 ly = y * df->height_div + j;

			if (lg)
				memcpy(v, lg + (ly * d->width + lx) * 4,
				       sizeof(v));
			else
				ref_luma_grid(p, lx, ly, v);
			sum += clamp255(v[c]);
		}
	return sum / (df->width_div * df->height_div);
}

/*
 * Largest |got - round(reference)| over the destination, every
 * component; sampled on a grid of about @samples points per component
 * (0: all)
 */
int ref_max_err(const struct cmacodec_conv_params *p, u32 samples,
		double *worst_exact)
{
	const struct cmacodec_conv_pic *d = &p->dst;
	unsigned int c;
	u32 x, y, w, h, sx = 1, sy = 1;
	double *lg = NULL;
	int worst = 0;

	*worst_exact = 0;
	if (!samples) {
		lg = malloc(sizeof(*lg) * 4 * d->width * d->height);
		for (y = 0; y < d->height; y++)
			for (x = 0; x < d->width; x++)
				ref_luma_grid(p, x, y,
					      lg + (y * d->width + x) * 4);
	}
	for (c = 0; c < ncomps(d->fourcc); c++) {
		comp_dims(d, c, &w, &h);
		if (samples) {
			sx = w / samples + 1;
			sy = h / samples + 1;
		}
		for (y = 0; y < h; y += sy)
			for (x = 0; x < w; x += sx) {
				double r = clamp255(ref_value(p, c, x, y, lg));
				int got = *pic_sample(d, c, x, y);
				int e = abs(got - (int)lround(r));

				if (e > worst)
					worst = e;
				if (fabs(got - r) > *worst_exact)
					*worst_exact = fabs(got - r);
			}
	}
	free(lg);
	return worst;
}
