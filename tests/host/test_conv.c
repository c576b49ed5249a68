// SPDX-License-Identifier: GPL-2.0
/*
 * The converter (cmacodec-conv.c) against a floating-point reference of the
 * model in cmacodec-conv.h, plus exact cases (identity, flips, layout
 * changes), colour bars, a round trip, argument checks and the largest
 * picture.
 */
#include <math.h>
#include <string.h>
#include "conv_ref.h"

/* the bound on |converter - rounded reference| of every sample */
#define MAX_ERR 1

static struct cmacodec_conv_scratch *scratch;
static u32 seed = 12345;

static u32 conv_fourccs[32];
static unsigned int n_fourccs;

/* ---- the tests ---- */

static u32 enc_of(unsigned int i)
{
	return i & 1 ? CMACODEC_CONV_YCBCR_709 : CMACODEC_CONV_YCBCR_601;
}

static u32 quant_of(unsigned int i)
{
	return i & 1 ? CMACODEC_CONV_QUANT_LIMITED : CMACODEC_CONV_QUANT_FULL;
}

struct size_case {
	u32 sw, sh, dw, dh, flags;
	const char *what;
};

static const struct size_case ref_cases[] = {
	{ 38, 22, 38, 22, 0, "38x22 same size" },
	{ 38, 22, 38, 22, CMACODEC_CONV_HFLIP | CMACODEC_CONV_VFLIP,
	  "38x22 flipped" },
	{ 38, 22, 62, 34, 0, "38x22 up to 62x34" },
	{ 38, 22, 20, 12, CMACODEC_CONV_VFLIP, "38x22 down to 20x12, vflip" },
	{ 22, 38, 42, 14, CMACODEC_CONV_HFLIP, "22x38 to 42x14, hflip" },
	{ 2, 2, 10, 6, 0, "2x2 up to 10x6" },
	{ 40, 24, 2, 2, 0, "40x24 down to 2x2" },
	/* only the pairs without subsampling */
	{ 1, 1, 5, 3, CMACODEC_CONV_HFLIP, "1x1 up to 5x3" },
	{ 7, 5, 1, 1, CMACODEC_CONV_VFLIP, "7x5 down to 1x1" },
	{ 3, 7, 9, 2, CMACODEC_CONV_HFLIP | CMACODEC_CONV_VFLIP,
	  "3x7 to 9x2, flipped" },
};

/* w x h is a valid size for the format */
static int size_fits(u32 fourcc, u32 w, u32 h)
{
	const struct cmacodec_pixfmt *f = fmt_of(fourcc);

	return w % f->width_div == 0 && h % f->height_div == 0;
}

static void test_reference(void)
{
	unsigned int ci, a, b, pair = 0;

	for (ci = 0; ci < ARRAY_SIZE(ref_cases); ci++) {
		const struct size_case *sc = &ref_cases[ci];
		int worst = 0, bad_ret = 0, canary = 0;
		double worst_exact = 0;
		char worst_pair[64] = "none";
		unsigned int n = 0;

		for (a = 0; a < n_fourccs; a++) {
			for (b = 0; b < n_fourccs; b++, pair++) {
				struct cmacodec_conv_params p = {
					.flags = sc->flags
				};
				double ex;
				int e;

				if (!size_fits(conv_fourccs[a], sc->sw, sc->sh) ||
				    !size_fits(conv_fourccs[b], sc->dw, sc->dh))
					continue;
				pic_alloc(&p.src, conv_fourccs[a], sc->sw,
					  sc->sh, pair % 5, enc_of(pair),
					  quant_of(pair >> 1));
				pic_alloc(&p.dst, conv_fourccs[b], sc->dw,
					  sc->dh, pair % 3 * 4,
					  enc_of(pair >> 2),
					  quant_of(pair >> 3));
				pic_random(&p.src, &seed);
				memset(p.dst.buf, CANARY, p.dst.size);
				if (cmacodec_conv_run(&p, scratch)) {
					bad_ret++;
				} else {
					canary += !!canary_damage(&p.dst);
					e = ref_max_err(&p, 0, &ex);
					if (e > worst)
						worst = e;
					if (ex > worst_exact) {
						worst_exact = ex;
						snprintf(worst_pair,
							 sizeof(worst_pair),
							 "%s -> %s",
							 test_fourcc_str(conv_fourccs[a]),
							 test_fourcc_str(conv_fourccs[b]));
					}
				}
				n++;
				free(p.src.buf);
				free(p.dst.buf);
			}
		}
		tap_ok(!bad_ret && !canary && worst <= MAX_ERR,
		       "%s: %u pairs, max |err| %d (unrounded %.3f, worst %s), %d failed, %d wrote padding",
		       sc->what, n, worst, worst_exact, worst_pair, bad_ret,
		       canary);
	}
}

/* every sample of src (mirrored as flags say) equals dst's */
static u32 mirror_mismatch(const struct cmacodec_conv_params *p)
{
	const struct cmacodec_conv_pic *s = &p->src, *d = &p->dst;
	unsigned int c, n = ncomps(d->fourcc);
	u32 x, y, w, h, bad = 0;

	for (c = 0; c < n; c++) {
		comp_dims(d, c, &w, &h);
		for (y = 0; y < h; y++)
			for (x = 0; x < w; x++) {
				u32 sx = p->flags & CMACODEC_CONV_HFLIP ?
					 w - 1 - x : x;
				u32 sy = p->flags & CMACODEC_CONV_VFLIP ?
					 h - 1 - y : y;
				u8 want = c == 3 && (!has_alpha(d->fourcc) ||
						     !has_alpha(s->fourcc)) ?
					  0xff : *pic_sample(s, c, sx, sy);

				bad += *pic_sample(d, c, x, y) != want;
			}
	}
	return bad;
}

static void test_exact(void)
{
	static const u32 flag_sets[] = {
		0, CMACODEC_CONV_HFLIP, CMACODEC_CONV_VFLIP,
		CMACODEC_CONV_HFLIP | CMACODEC_CONV_VFLIP,
	};
	unsigned int a, b, fl, i = 0;
	u32 bad_id = 0, bad_flip = 0, bad_pad = 0, bad_layout = 0;
	unsigned int n_layout = 0;

	for (a = 0; a < n_fourccs; a++) {
		for (fl = 0; fl < ARRAY_SIZE(flag_sets); fl++, i++) {
			struct cmacodec_conv_params p = {
				.flags = flag_sets[fl]
			};
			u32 bad;

			pic_alloc(&p.src, conv_fourccs[a], 46, 30, 3 + i % 4,
				  enc_of(i), quant_of(i >> 1));
			pic_alloc(&p.dst, conv_fourccs[a], 46, 30, 9,
				  p.src.ycbcr_enc, p.src.quant);
			pic_random(&p.src, &seed);
			memset(p.dst.buf, CANARY, p.dst.size);
			bad = cmacodec_conv_run(&p, scratch) ? 1 :
			      mirror_mismatch(&p);
			if (bad)
				tap_diag("%s flags %u: %u samples differ",
					 test_fourcc_str(p.src.fourcc),
					 p.flags, bad);
			if (fl)
				bad_flip += !!bad;
			else
				bad_id += !!bad;
			bad_pad += !!canary_damage(&p.dst);
			free(p.src.buf);
			free(p.dst.buf);
		}
	}
	tap_ok(!bad_id, "identity is an exact copy for all %u formats",
	       n_fourccs);
	tap_ok(!bad_flip, "same-size flips are exact mirrors (h, v, hv)");
	tap_ok(!bad_pad, "padding of the destination is never written");

	/* equal colour and subsampling, another layout: sample for sample */
	for (a = 0; a < n_fourccs; a++) {
		for (b = 0; b < n_fourccs; b++, i++) {
			const struct cmacodec_pixfmt *fa, *fb;
			struct cmacodec_conv_params p = {
				.flags = i % 4
			};

			fa = fmt_of(conv_fourccs[a]);
			fb = fmt_of(conv_fourccs[b]);
			if (a == b || cls_of(fa->fourcc) != cls_of(fb->fourcc) ||
			    fa->width_div != fb->width_div ||
			    fa->height_div != fb->height_div)
				continue;
			pic_alloc(&p.src, fa->fourcc, 34, 18, i % 3,
				  enc_of(i), quant_of(i >> 1));
			pic_alloc(&p.dst, fb->fourcc, 34, 18, 0,
				  p.src.ycbcr_enc, p.src.quant);
			pic_random(&p.src, &seed);
			n_layout++;
			if (cmacodec_conv_run(&p, scratch) ||
			    mirror_mismatch(&p)) {
				tap_diag("%s -> %s not exact",
					 test_fourcc_str(fa->fourcc),
					 test_fourcc_str(fb->fourcc));
				bad_layout++;
			}
			free(p.src.buf);
			free(p.dst.buf);
		}
	}
	tap_ok(!bad_layout && n_layout > 50,
	       "%u layout changes with equal colour/subsampling are exact",
	       n_layout);
}

/* colour bars, R'G'B' levels 0..1 in R, G, B order */
static const double bars[8][3] = {
	{ 1, 1, 1 }, { 1, 1, 0 }, { 0, 1, 1 }, { 0, 1, 0 },
	{ 1, 0, 1 }, { 1, 0, 0 }, { 0, 0, 1 }, { 0, 0, 0 },
};

static const char *const bar_names[8] = {
	"white", "yellow", "cyan", "green", "magenta", "red", "blue", "black",
};

/* published 100% bars, limited range: Y, Cb, Cr (BT.601 and BT.709) */
static const u8 bars_601[8][3] = {
	{ 235, 128, 128 }, { 210, 16, 146 }, { 170, 166, 16 },
	{ 145, 54, 34 }, { 106, 202, 222 }, { 81, 90, 240 },
	{ 41, 240, 110 }, { 16, 128, 128 },
};

static const u8 bars_709[8][3] = {
	{ 235, 128, 128 }, { 219, 16, 138 }, { 188, 154, 16 },
	{ 173, 42, 26 }, { 78, 214, 230 }, { 63, 102, 240 },
	{ 32, 240, 118 }, { 16, 128, 128 },
};

/* 8 bars of RGB24 converted to NV24 (4:4:4, so no chroma averaging) */
static void bars_to_yuv(u8 lvl8, u32 enc, u32 quant,
			u8 out[8][3])
{
	struct cmacodec_conv_params p = { 0 };
	unsigned int i, c;

	pic_alloc(&p.src, CMACODEC_PIX_FMT_RGB24, 8, 2, 0, 0, 0);
	pic_alloc(&p.dst, CMACODEC_PIX_FMT_NV24, 8, 2, 0, enc, quant);
	for (i = 0; i < 16; i++) {
		/* catalogue order G, B, R */
		*pic_sample(&p.src, 0, i % 8, i / 8) = bars[i % 8][1] * lvl8;
		*pic_sample(&p.src, 1, i % 8, i / 8) = bars[i % 8][2] * lvl8;
		*pic_sample(&p.src, 2, i % 8, i / 8) = bars[i % 8][0] * lvl8;
	}
	if (cmacodec_conv_run(&p, scratch))
		memset(out, 0, 24);
	else
		for (i = 0; i < 8; i++)
			for (c = 0; c < 3; c++)
				out[i][c] = *pic_sample(&p.dst, c, i, 1);
	free(p.src.buf);
	free(p.dst.buf);
}

/* a tie (full range chroma of 0.5 * 255) may round either way */
#define TIE_EPS 0.000000001

/* got against the formulas for bars of level lvl8 */
static int check_bars(const u8 got[8][3], u8 lvl8, u32 enc, int full)
{
	double kr, kb, ys = full ? 255 : 219;
	double yo = full ? 0 : 16, cs = full ? 255 : 224;
	unsigned int i, c;
	int bad = 0;

	kr_kb(enc, &kr, &kb);
	for (i = 0; i < 8; i++) {
		double r = bars[i][0] * lvl8 / 255;
		double g = bars[i][1] * lvl8 / 255;
		double b = bars[i][2] * lvl8 / 255;
		double y = kr * r + (1 - kr - kb) * g + kb * b;
		double want[3] = {
			yo + ys * y,
			128 + cs * (b - y) / (2 - 2 * kb),
			128 + cs * (r - y) / (2 - 2 * kr),
		};

		for (c = 0; c < 3; c++) {
			double w = clamp255(want[c]);

			if (fabs(got[i][c] - w) <= 0.5 + TIE_EPS)
				continue;
			tap_diag("%s %c: %u, want %.3f", bar_names[i], "YUV"[c],
				 got[i][c], w);
			bad++;
		}
	}
	return bad;
}

static void test_bars(void)
{
	static const u32 encs[2] = { CMACODEC_CONV_YCBCR_601,
				     CMACODEC_CONV_YCBCR_709 };
	static const u32 quants[2] = { CMACODEC_CONV_QUANT_LIMITED,
				       CMACODEC_CONV_QUANT_FULL };
	static const u8 levels[2] = { 255, 191 };
	unsigned int e, q, l, i, c;
	u8 got[8][3];

	for (e = 0; e < 2; e++) {
		for (q = 0; q < 2; q++) {
			for (l = 0; l < 2; l++) {
				bars_to_yuv(levels[l], encs[e], quants[q], got);
				tap_ok(!check_bars(got, levels[l], encs[e], q),
				       "%s bars, BT.%s %s range: the Y'CbCr of the formulas",
				       l ? "75%" : "100%", e ? "709" : "601",
				       q ? "full" : "limited");
			}
		}
	}
	for (e = 0; e < 2; e++) {
		const u8 (*pub)[3] = e ? bars_709 : bars_601;
		int bad = 0;

		bars_to_yuv(255, encs[e], CMACODEC_CONV_QUANT_LIMITED, got);
		for (i = 0; i < 8; i++)
			for (c = 0; c < 3; c++)
				bad += got[i][c] != pub[i][c];
		tap_ok(!bad, "100%% bars BT.%s limited: the published values (yellow %u/%u/%u)",
		       e ? "709" : "601", got[1][0], got[1][1], got[1][2]);
	}

	/*
	 * Published 75% yellow, BT.601 limited: Y' 162, Cb 44, Cr 142 (from
	 * analogue 0.75; 8-bit 191 gives Y' 161.3, 192 gives 162.1): both
	 * ways, 192 to Y'CbCr exactly, and back to R'G'B' within a level
	 * of 0.75 * 255 = 191.25.
	 */
	bars_to_yuv(192, CMACODEC_CONV_YCBCR_601,
		    CMACODEC_CONV_QUANT_LIMITED, got);
	tap_ok(got[1][0] == 162 && got[1][1] == 44 && got[1][2] == 142,
	       "75%% yellow (192) BT.601 limited is Y' 162 Cb 44 Cr 142 (%u %u %u)",
	       got[1][0], got[1][1], got[1][2]);
	{
		struct cmacodec_conv_params p = { 0 };
		int r, g, b;

		pic_alloc(&p.src, CMACODEC_PIX_FMT_NV24, 2, 2, 0,
			  CMACODEC_CONV_YCBCR_601, CMACODEC_CONV_QUANT_LIMITED);
		pic_alloc(&p.dst, CMACODEC_PIX_FMT_RGB24, 2, 2, 0, 0, 0);
		for (i = 0; i < 4; i++) {
			*pic_sample(&p.src, 0, i % 2, i / 2) = 162;
			*pic_sample(&p.src, 1, i % 2, i / 2) = 44;
			*pic_sample(&p.src, 2, i % 2, i / 2) = 142;
		}
		cmacodec_conv_run(&p, scratch);
		g = *pic_sample(&p.dst, 0, 1, 1);
		b = *pic_sample(&p.dst, 1, 1, 1);
		r = *pic_sample(&p.dst, 2, 1, 1);
		tap_ok(fabs(r - 191.25) <= 1 && fabs(g - 191.25) <= 1 && b <= 1,
		       "Y' 162 Cb 44 Cr 142 (BT.601 limited) is 75%% yellow: R' %d G' %d B' %d",
		       r, g, b);
		free(p.src.buf);
		free(p.dst.buf);
	}
}

/* smooth in-gamut R'G'B' picture */
static void smooth_rgb(struct cmacodec_conv_pic *p)
{
	u32 x, y;

	for (y = 0; y < p->height; y++)
		for (x = 0; x < p->width; x++) {
			double fx = (double)x / p->width;
			double fy = (double)y / p->height;

			*pic_sample(p, 0, x, y) = 20 + 200 * fx * fy;
			*pic_sample(p, 1, x, y) =
				128 + 100 * sin(6 * fx + 2 * fy);
			*pic_sample(p, 2, x, y) = 230 - 200 * fy;
		}
}

static double psnr(const struct cmacodec_conv_pic *a,
		   const struct cmacodec_conv_pic *b)
{
	double worst = 99;
	unsigned int c;
	u32 x, y, w, h;

	for (c = 0; c < ncomps(a->fourcc); c++) {
		double sse = 0;

		comp_dims(a, c, &w, &h);
		for (y = 0; y < h; y++)
			for (x = 0; x < w; x++) {
				int d = *pic_sample(a, c, x, y) -
					*pic_sample(b, c, x, y);

				sse += d * d;
			}
		if (sse > 0 && 10 * log10(255.0 * 255 * w * h / sse) < worst)
			worst = 10 * log10(255.0 * 255 * w * h / sse);
	}
	return worst;
}

static void test_round_trip(void)
{
	static const struct {
		u32 yuv, rgb, enc, quant;
	} cases[] = {
		{ CMACODEC_PIX_FMT_NV12, CMACODEC_PIX_FMT_XRGB32,
		  CMACODEC_CONV_YCBCR_709, CMACODEC_CONV_QUANT_LIMITED },
		{ CMACODEC_PIX_FMT_YUV420, CMACODEC_PIX_FMT_RGB24,
		  CMACODEC_CONV_YCBCR_601, CMACODEC_CONV_QUANT_FULL },
		{ CMACODEC_PIX_FMT_YUYV, CMACODEC_PIX_FMT_BGRA32,
		  CMACODEC_CONV_YCBCR_601, CMACODEC_CONV_QUANT_LIMITED },
		{ CMACODEC_PIX_FMT_NV24, CMACODEC_PIX_FMT_BGR24,
		  CMACODEC_CONV_YCBCR_709, CMACODEC_CONV_QUANT_FULL },
	};
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(cases); i++) {
		struct cmacodec_conv_pic rgb0, yuv, rgb, yuv2;
		struct cmacodec_conv_params p = { 0 };
		int ret;
		double v;

		pic_alloc(&rgb0, CMACODEC_PIX_FMT_RGB24, 128, 72, 0, 0, 0);
		pic_alloc(&yuv, cases[i].yuv, 128, 72, 0, cases[i].enc,
			  cases[i].quant);
		pic_alloc(&rgb, cases[i].rgb, 128, 72, 4, 0, 0);
		pic_alloc(&yuv2, cases[i].yuv, 128, 72, 0, cases[i].enc,
			  cases[i].quant);
		smooth_rgb(&rgb0);
		p.src = rgb0;
		p.dst = yuv;
		ret = cmacodec_conv_run(&p, scratch);
		p.src = yuv;
		p.dst = rgb;
		ret |= cmacodec_conv_run(&p, scratch);
		p.src = rgb;
		p.dst = yuv2;
		ret |= cmacodec_conv_run(&p, scratch);
		v = psnr(&yuv, &yuv2);
		tap_ok(!ret && v > 40, "%s -> %s -> %s round trip: PSNR %.1f dB",
		       test_fourcc_str(cases[i].yuv),
		       test_fourcc_str(cases[i].rgb),
		       test_fourcc_str(cases[i].yuv), v);
		free(rgb0.buf);
		free(yuv.buf);
		free(rgb.buf);
		free(yuv2.buf);
	}
}

struct bad_case {
	const char *what;
	int err;
	int side;	/* 0 src, 1 dst */
	u32 fourcc, w, h, enc, quant, flags;
	int bpl_delta;	/* added to the minimal bytesperline */
	int size_delta;	/* added to the minimal size */
	int null_buf;
};

#define E_INV	(-CMACODEC_CONV_EINVAL)
#define E_FCC	(-CMACODEC_CONV_EFOURCC)
#define E_SPC	(-CMACODEC_CONV_ENOSPC)
#define F601	CMACODEC_CONV_YCBCR_601
#define FULL	CMACODEC_CONV_QUANT_FULL
#define LIM	CMACODEC_CONV_QUANT_LIMITED

/* what, err, side, fourcc, w, h, enc, quant, flags, bpl, size, NULL */
#define BC(wh, e, sd, fcc, w_, h_, en, qu, fl, bd, sz, nb) \
	{ .what = (wh), .err = (e), .side = (sd), .fourcc = (fcc), \
	  .w = (w_), .h = (h_), .enc = (en), .quant = (qu), .flags = (fl), \
	  .bpl_delta = (bd), .size_delta = (sz), .null_buf = (nb) }

static const struct bad_case bad_cases[] = {
	BC("HSV24 source", E_FCC, 0, CMACODEC_PIX_FMT_HSV24, 16, 8, F601, FULL,
	   0, 0, 0, 0),
	BC("HSV32 destination", E_FCC, 1, CMACODEC_PIX_FMT_HSV32, 16, 8, F601,
	   FULL, 0, 0, 0, 0),
	BC("FWHT destination", E_FCC, 1, CMACODEC_PIX_FMT_FWHT, 16, 8, F601,
	   FULL, 0, 0, 0, 0),
	BC("fourcc 0 source", E_FCC, 0, 0, 16, 8, F601, FULL, 0, 0, 0, 0),
	BC("width 0", E_INV, 0, CMACODEC_PIX_FMT_NV12, 0, 8, F601, LIM, 0, 0, 0,
	   0),
	BC("height 0", E_INV, 1, CMACODEC_PIX_FMT_RGB24, 16, 0, F601, FULL, 0,
	   0, 0, 0),
	BC("width 4098", E_INV, 1, CMACODEC_PIX_FMT_NV12, 4098, 8, F601, LIM, 0,
	   0, 0, 0),
	BC("height 2162", E_INV, 0, CMACODEC_PIX_FMT_GREY, 16, 2162, F601, FULL,
	   0, 0, 0, 0),
	BC("odd width NV12", E_INV, 0, CMACODEC_PIX_FMT_NV12, 15, 8, F601, LIM,
	   0, 0, 0, 0),
	BC("odd height NV12", E_INV, 1, CMACODEC_PIX_FMT_NV12, 16, 7, F601, LIM,
	   0, 0, 0, 0),
	BC("odd width YUYV", E_INV, 1, CMACODEC_PIX_FMT_YUYV, 15, 7, F601, LIM,
	   0, 0, 0, 0),
	BC("odd height YUV420", E_INV, 0, CMACODEC_PIX_FMT_YUV420, 16, 9, F601,
	   LIM, 0, 0, 0, 0),
	BC("bytesperline too small", E_INV, 0, CMACODEC_PIX_FMT_BGR24, 16, 8,
	   F601, FULL, 0, -1, 0, 0),
	BC("bytesperline too small (dst)", E_INV, 1, CMACODEC_PIX_FMT_YUYV, 16,
	   8, F601, FULL, 0, -1, 0, 0),
	BC("ycbcr_enc 0", E_INV, 0, CMACODEC_PIX_FMT_NV12, 16, 8, 0, LIM, 0, 0,
	   0, 0),
	BC("ycbcr_enc 3", E_INV, 1, CMACODEC_PIX_FMT_YUV422P, 16, 8, 3, LIM, 0,
	   0, 0, 0),
	BC("quant 0", E_INV, 1, CMACODEC_PIX_FMT_NV12, 16, 8, F601, 0, 0, 0, 0,
	   0),
	BC("quant 3", E_INV, 0, CMACODEC_PIX_FMT_GREY, 16, 8, F601, 3, 0, 0, 0,
	   0),
	BC("R'G'B' limited", E_INV, 0, CMACODEC_PIX_FMT_XRGB32, 16, 8, F601,
	   LIM, 0, 0, 0, 0),
	BC("R'G'B' quant 0", E_INV, 1, CMACODEC_PIX_FMT_RGB24, 16, 8, F601, 0,
	   0, 0, 0, 0),
	BC("unknown flag", E_INV, 0, CMACODEC_PIX_FMT_NV12, 16, 8, F601, LIM,
	   0x4, 0, 0, 0),
	BC("NULL buffer", E_INV, 1, CMACODEC_PIX_FMT_NV12, 16, 8, F601, LIM, 0,
	   0, 0, 1),
	BC("source a byte too small", E_SPC, 0, CMACODEC_PIX_FMT_NV12, 16, 8,
	   F601, LIM, 0, 0, -1, 0),
	BC("destination a byte too small", E_SPC, 1, CMACODEC_PIX_FMT_ABGR32,
	   16, 8, F601, FULL, 0, 0, -1, 0),
	BC("padded destination a byte too small", E_SPC, 1,
	   CMACODEC_PIX_FMT_YUV420, 16, 8, F601, LIM, 0, 6, -1, 0),
};

static void test_check(void)
{
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(bad_cases); i++) {
		const struct bad_case *bc = &bad_cases[i];
		struct cmacodec_conv_params p = { .flags = bc->flags };
		struct cmacodec_conv_pic *bad = bc->side ? &p.dst : &p.src;
		const struct cmacodec_pixfmt *f = fmt_of(bc->fourcc);
		u8 *keep;
		int chk, run;
		u32 j, touched = 0;

		pic_alloc(&p.src, CMACODEC_PIX_FMT_NV12, 16, 8, 0, F601, LIM);
		pic_alloc(&p.dst, CMACODEC_PIX_FMT_XRGB32, 16, 8, 0, F601,
			  FULL);
		free(bad->buf);
		memset(bad, 0, sizeof(*bad));
		bad->fourcc = bc->fourcc;
		bad->width = bc->w;
		bad->height = bc->h;
		bad->ycbcr_enc = bc->enc;
		bad->quant = bc->quant;
		if (f) {
			bad->bytesperline = bc->w * f->bpp + bc->bpl_delta;
			bad->size = cmacodec_pixfmt_sizeimage(f,
							      bad->bytesperline,
							      bc->h);
		} else {
			bad->bytesperline = bc->w * 4;
			bad->size = bad->bytesperline * bc->h * 3;
		}
		bad->size += bc->size_delta;
		bad->buf = malloc(bad->size + 64);
		pic_random(&p.src, &seed);
		memset(p.dst.buf, CANARY, p.dst.size);
		keep = malloc(p.dst.size);
		memcpy(keep, p.dst.buf, p.dst.size);
		if (bc->null_buf) {
			free(bad->buf);
			bad->buf = NULL;
		}
		chk = cmacodec_conv_check(&p);
		run = cmacodec_conv_run(&p, scratch);
		if (p.dst.buf)
			for (j = 0; j < p.dst.size; j++)
				touched += p.dst.buf[j] != keep[j];
		tap_ok(chk == bc->err && run == bc->err && !touched,
		       "check rejects %s (%d, run %d, want %d), dst untouched (%u)",
		       bc->what, chk, run, bc->err, touched);
		free(keep);
		free(p.src.buf);
		free(p.dst.buf);
	}
	{
		struct cmacodec_conv_params p = { 0 };

		pic_alloc(&p.src, CMACODEC_PIX_FMT_GREY, 4096, 2160, 0, F601,
			  FULL);
		pic_alloc(&p.dst, CMACODEC_PIX_FMT_BGR24, 1, 1, 0, 0, 0);
		tap_ok(!cmacodec_conv_check(&p),
		       "check accepts 4096x2160 GREY to 1x1 BGR24");
		free(p.src.buf);
		free(p.dst.buf);
	}
}

static void test_largest(void)
{
	static const struct {
		u32 sf, sw, sh, df, dw, dh, flags;
	} cases[] = {
		{ CMACODEC_PIX_FMT_NV12, 4096, 2160, CMACODEC_PIX_FMT_ARGB32,
		  4096, 2160, CMACODEC_CONV_HFLIP | CMACODEC_CONV_VFLIP },
		{ CMACODEC_PIX_FMT_RGB24, 4096, 2160, CMACODEC_PIX_FMT_NV24,
		  4096, 2160, 0 },
		{ CMACODEC_PIX_FMT_YUYV, 2, 2, CMACODEC_PIX_FMT_BGR32, 4096,
		  2160, 0 },
		{ CMACODEC_PIX_FMT_YUV422P, 4096, 2160, CMACODEC_PIX_FMT_NV12,
		  2, 2, CMACODEC_CONV_HFLIP },
		{ CMACODEC_PIX_FMT_RGBA32, 4096, 2160, CMACODEC_PIX_FMT_YVU420,
		  4094, 2158, 0 },
	};
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(cases); i++) {
		struct cmacodec_conv_params p = { .flags = cases[i].flags };
		double ex;
		int ret, e = 99;

		pic_alloc(&p.src, cases[i].sf, cases[i].sw, cases[i].sh, 16,
			  CMACODEC_CONV_YCBCR_709, CMACODEC_CONV_QUANT_LIMITED);
		pic_alloc(&p.dst, cases[i].df, cases[i].dw, cases[i].dh, 0,
			  CMACODEC_CONV_YCBCR_601, CMACODEC_CONV_QUANT_FULL);
		pic_random(&p.src, &seed);
		memset(p.dst.buf, CANARY, p.dst.size);
		ret = cmacodec_conv_run(&p, scratch);
		if (!ret)
			e = ref_max_err(&p, 64, &ex);
		tap_ok(!ret && e <= MAX_ERR,
		       "%s %ux%u -> %s %ux%u: ret %d, max |err| %d at 64x64 points",
		       test_fourcc_str(cases[i].sf), cases[i].sw, cases[i].sh,
		       test_fourcc_str(cases[i].df), cases[i].dw, cases[i].dh,
		       ret, e);
		free(p.src.buf);
		free(p.dst.buf);
	}
}

/*
 * Split a contiguous picture into separately allocated colour planes (a
 * multi-planar buffer); @copy copies the contents.  @short_plane, if not
 * -1, gets a plane one byte too small.
 */
static void pic_split(struct cmacodec_conv_pic *mp,
		      const struct cmacodec_conv_pic *sp, bool copy,
		      int short_plane)
{
	const struct cmacodec_pixfmt *f = cmacodec_pixfmt_find(sp->fourcc);
	unsigned int pl;

	*mp = *sp;
	mp->buf = NULL;
	mp->size = 0;
	for (pl = 0; pl < f->planes; pl++) {
		u32 n = cmacodec_pixfmt_plane_bpl(f, pl, sp->bytesperline) *
			cmacodec_pixfmt_plane_rows(f, pl, sp->height);

		mp->plane[pl] = malloc(n);
		if (!mp->plane[pl]) {
			perror("malloc");
			exit(1);
		}
		mp->plane_size[pl] = n - ((int)pl == short_plane);
		if (copy)
			memcpy(mp->plane[pl],
			       sp->buf + cmacodec_pixfmt_plane_offset(
					f, pl, sp->bytesperline, sp->height),
			       n);
		else
			memset(mp->plane[pl], CANARY, n);
	}
}

/* Does every plane of @mp hold the bytes of the same plane of @sp? */
static bool pic_same(const struct cmacodec_conv_pic *mp,
		     const struct cmacodec_conv_pic *sp)
{
	const struct cmacodec_pixfmt *f = cmacodec_pixfmt_find(sp->fourcc);
	unsigned int pl;

	for (pl = 0; pl < f->planes; pl++)
		if (memcmp(mp->plane[pl],
			   sp->buf + cmacodec_pixfmt_plane_offset(
				f, pl, sp->bytesperline, sp->height),
			   cmacodec_pixfmt_plane_bpl(f, pl, sp->bytesperline) *
			   cmacodec_pixfmt_plane_rows(f, pl, sp->height)))
			return false;
	return true;
}

static void pic_free_planes(struct cmacodec_conv_pic *mp)
{
	unsigned int pl;

	for (pl = 0; pl < CMACODEC_MAX_PLANES; pl++)
		free(mp->plane[pl]);
}

/*
 * Pictures in separate colour planes (multi-planar buffers) convert to
 * the same bytes as contiguous ones, on the converting, scaling,
 * flipping and copying paths; a plane too small is ENOSPC.
 */
static void test_planes(void)
{
	static const struct {
		u32 sf, sw, sh, df, dw, dh, flags;
	} cases[] = {
		{ CMACODEC_PIX_FMT_NV12, 64, 48, CMACODEC_PIX_FMT_YUV420,
		  64, 48, 0 },
		{ CMACODEC_PIX_FMT_YUV420, 64, 48, CMACODEC_PIX_FMT_NV21,
		  32, 24, CMACODEC_CONV_HFLIP },
		{ CMACODEC_PIX_FMT_NV16, 40, 30, CMACODEC_PIX_FMT_NV16,
		  40, 30, 0 },
		{ CMACODEC_PIX_FMT_YUV422P, 48, 32, CMACODEC_PIX_FMT_RGB24,
		  50, 20, CMACODEC_CONV_VFLIP },
	};
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(cases); i++) {
		struct cmacodec_conv_params p = { .flags = cases[i].flags };
		struct cmacodec_conv_params m = p, bad;
		int r1, r2, r3;

		pic_alloc(&p.src, cases[i].sf, cases[i].sw, cases[i].sh, 0,
			  CMACODEC_CONV_YCBCR_709, CMACODEC_CONV_QUANT_LIMITED);
		pic_alloc(&p.dst, cases[i].df, cases[i].dw, cases[i].dh, 0,
			  CMACODEC_CONV_YCBCR_709, CMACODEC_CONV_QUANT_LIMITED);
		pic_random(&p.src, &seed);
		memset(p.dst.buf, CANARY, p.dst.size);
		pic_split(&m.src, &p.src, true, -1);
		pic_split(&m.dst, &p.dst, false, -1);
		r1 = cmacodec_conv_run(&p, scratch);
		r2 = cmacodec_conv_run(&m, scratch);
		tap_ok(!r1 && !r2 && pic_same(&m.dst, &p.dst),
		       "%s %ux%u -> %s %ux%u in separate planes: same bytes as contiguous (%d, %d)",
		       test_fourcc_str(cases[i].sf), cases[i].sw, cases[i].sh,
		       test_fourcc_str(cases[i].df), cases[i].dw, cases[i].dh,
		       r1, r2);
		bad = m;
		pic_split(&bad.dst, &p.dst, false, 0);
		r3 = cmacodec_conv_run(&bad, scratch);
		pic_free_planes(&bad.dst);
		tap_ok(r3 == -CMACODEC_CONV_ENOSPC,
		       "%s: destination plane 0 one byte short: ENOSPC (%d)",
		       test_fourcc_str(cases[i].df), r3);
		pic_free_planes(&m.src);
		pic_free_planes(&m.dst);
		free(p.src.buf);
		free(p.dst.buf);
	}
}

static void test_supported(void)
{
	unsigned int i, n = 0;

	for (i = 0; i < cmacodec_pixfmt_count(); i++) {
		u32 fcc = cmacodec_pixfmt_get(i)->fourcc;

		if (!cmacodec_conv_supported(fcc))
			continue;
		conv_fourccs[n_fourccs++] = fcc;
		n += cmacodec_pixfmt_get(i)->pixenc == CMACODEC_PIXENC_HSV;
	}
	tap_ok(n_fourccs == 26 && !n &&
	       !cmacodec_conv_supported(CMACODEC_PIX_FMT_HSV24) &&
	       !cmacodec_conv_supported(CMACODEC_PIX_FMT_FWHT),
	       "26 formats convertible, not HSV nor FWHT (%u)", n_fourccs);
}

int main(void)
{
	scratch = malloc(sizeof(*scratch));
	if (!scratch) {
		perror("malloc");
		return 1;
	}
	memset(scratch, 0x77, sizeof(*scratch));
	test_supported();
	test_check();
	test_exact();
	test_bars();
	test_round_trip();
	test_reference();
	test_largest();
	test_planes();
	free(scratch);
	return tap_done("test_conv");
}
