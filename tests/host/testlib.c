// SPDX-License-Identifier: GPL-2.0
/*
 * cmacodec host tests: TAP output, raw test frames, synthetic pictures.
 */
#include <math.h>
#include <stdarg.h>
#include "testlib.h"

static int tap_count;
static int tap_failed;

void tap_ok(int cond, const char *fmt, ...)
{
	va_list ap;

	tap_count++;
	if (!cond)
		tap_failed++;
	printf("%sok %d - ", cond ? "" : "not ", tap_count);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	printf("\n");
	fflush(stdout);
}

void tap_diag(const char *fmt, ...)
{
	va_list ap;

	printf("# ");
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	printf("\n");
}

int tap_failures(void)
{
	return tap_failed;
}

int tap_done(const char *suite)
{
	printf("1..%d\n", tap_count);
	printf("%s: %d passed, %d failed\n", suite, tap_count - tap_failed,
	       tap_failed);
	return tap_failed || !tap_count ? 1 : 0;
}

u32 test_rand(u32 *s)
{
	u32 x = *s ? *s : 0x12345678;

	x ^= x << 13;
	x ^= x >> 17;
	x ^= x << 5;
	*s = x;
	return x;
}

const char *test_fourcc_str(u32 fourcc)
{
	static char s[8][5];
	static unsigned int n;
	char *p = s[n++ % 8];

	p[0] = fourcc & 0xff;
	p[1] = (fourcc >> 8) & 0xff;
	p[2] = (fourcc >> 16) & 0xff;
	p[3] = fourcc >> 24;
	p[4] = 0;
	return p;
}

int test_frame_alloc(struct test_frame *f, u32 fourcc, u32 width, u32 height)
{
	memset(f, 0, sizeof(*f));
	f->fmt = cmacodec_pixfmt_find(fourcc);
	if (!f->fmt)
		return -1;
	f->width = width;
	f->height = height;
	f->coded_w = cmacodec_pixfmt_coded_width(f->fmt, width);
	f->coded_h = cmacodec_pixfmt_coded_height(f->fmt, height);
	f->bpl = cmacodec_pixfmt_bytesperline(f->fmt, f->coded_w);
	f->size = cmacodec_pixfmt_sizeimage(f->fmt, f->bpl, f->coded_h);
	f->buf = malloc(f->size);
	if (!f->buf)
		return -1;
	memset(f->buf, 0x5a, f->size);
	return 0;
}

void test_frame_free(struct test_frame *f)
{
	free(f->buf);
	f->buf = NULL;
}

static bool is_chroma(unsigned int c)
{
	return c == CMACODEC_COMP_CB || c == CMACODEC_COMP_CR;
}

u8 *test_sample(const struct test_frame *f, unsigned int c, u32 x, u32 y)
{
	const struct cmacodec_comp_pos *pos = &f->fmt->comp[c];
	u32 off = cmacodec_pixfmt_plane_offset(f->fmt, pos->plane, f->bpl,
					       f->coded_h);
	u32 bpl = cmacodec_pixfmt_plane_bpl(f->fmt, pos->plane, f->bpl);

	return f->buf + off + y * bpl + pos->offset + x * pos->step;
}

void test_coded_dims(const struct test_frame *f, unsigned int c, u32 *w,
		     u32 *h)
{
	*w = is_chroma(c) ? f->coded_w / f->fmt->width_div : f->coded_w;
	*h = is_chroma(c) ? f->coded_h / f->fmt->height_div : f->coded_h;
}

void test_visible_dims(const struct test_frame *f, unsigned int c, u32 *w,
		       u32 *h)
{
	u32 wd = is_chroma(c) ? f->fmt->width_div : 1;
	u32 hd = is_chroma(c) ? f->fmt->height_div : 1;

	*w = f->width / wd;
	*h = f->height / hd;
}

static int tri(int n)
{
	n &= 511;
	return n < 256 ? n : 511 - n;
}

static u8 smooth(unsigned int c, u32 x, u32 y, unsigned int t,
		 u32 sx, u32 sy)
{
	/* a square moving diagonally over slow gradients */
	int sq_x = (int)((t * 5 + 3) % 64) * (int)sx / 4;
	int sq_y = (int)((t * 3 + 1) % 48) * (int)sy / 4;
	int px = (int)(x * sx), py = (int)(y * sy);

	if (px >= sq_x && px < sq_x + 24 && py >= sq_y && py < sq_y + 16)
		return (u8)(200 - 30 * c);
	return (u8)(16 + (tri(3 * px + 7 * (int)t + 40 * (int)c) +
			  tri(2 * py + 3 * (int)t)) * 224 / 510);
}

/*
 * A static smooth picture under a checkerboard whose amplitude alternates
 * between 40 and 72: consecutive frames differ by a +-32 checkerboard,
 * which is cheaper to code as a delta than as intra (the block's own
 * spread is larger), so P-blocks carry top-sequency coefficients.
 */
static u8 checker(unsigned int c, u32 x, u32 y, unsigned int t)
{
	int base = 100 + (smooth(c, x, y, 0, 1, 1) - 16) / 4;
	int amp = (t & 1) ? 72 : 40;

	return (u8)(base + (((x + y) & 1) ? amp : -amp));
}

void test_fill(struct test_frame *f, enum test_pattern pat, unsigned int t,
	       u32 seed)
{
	u32 rng = seed * 2654435761u + t + 1;
	unsigned int c;

	for (c = 0; c < f->fmt->components; c++) {
		u32 w, h, x, y;
		u32 sx = is_chroma(c) ? f->fmt->width_div : 1;
		u32 sy = is_chroma(c) ? f->fmt->height_div : 1;

		test_coded_dims(f, c, &w, &h);
		for (y = 0; y < h; y++) {
			for (x = 0; x < w; x++) {
				u8 v;

				if (pat == PATTERN_NOISE)
					v = test_rand(&rng) >> 24;
				else if (pat == PATTERN_CHECKER)
					v = checker(c, x, y, t);
				else if (pat == PATTERN_FLAT)
					v = (u8)(60 + 50 * c + t);
				else
					v = smooth(c, x, y, t, sx, sy);
				*test_sample(f, c, x, y) = v;
			}
		}
	}
}

double test_psnr(const struct test_frame *a, const struct test_frame *b)
{
	double worst = 99.0;
	unsigned int c;

	for (c = 0; c < a->fmt->components; c++) {
		double sse = 0, psnr;
		u32 w, h, x, y;

		test_visible_dims(a, c, &w, &h);
		for (y = 0; y < h; y++) {
			for (x = 0; x < w; x++) {
				int d = *test_sample(a, c, x, y) -
					*test_sample(b, c, x, y);

				sse += d * d;
			}
		}
		if (!w || !h || sse == 0)
			continue;
		psnr = 10.0 * log10(255.0 * 255.0 * w * h / sse);
		if (psnr < worst)
			worst = psnr;
	}
	return worst;
}

void test_raw(const struct test_frame *f, struct cmacodec_fwht_raw *raw)
{
	memset(raw, 0, sizeof(*raw));
	raw->buf = f->buf;
	raw->size = f->size;
	raw->bytesperline = f->bpl;
	raw->coded_height = f->coded_h;
}
