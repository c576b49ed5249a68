// SPDX-License-Identifier: GPL-2.0
/*
 * Pixel format catalogue: lookup, sizes (same numbers vicodec reports),
 * plane layout and component positions.
 */
#include "testlib.h"

struct size_case {
	u32 fourcc, w, h;
	u32 coded_w, coded_h, bpl, sizeimage;
};

static const struct size_case size_cases[] = {
	{ CMACODEC_PIX_FMT_YUV420, 1, 1, 16, 16, 16, 384 },
	{ CMACODEC_PIX_FMT_YUV420, 17, 9, 32, 16, 32, 768 },
	{ CMACODEC_PIX_FMT_YUV420, 1918, 1080, 1920, 1088, 1920, 3133440 },
	{ CMACODEC_PIX_FMT_YUV420, 4096, 2160, 4096, 2160, 4096, 13271040 },
	{ CMACODEC_PIX_FMT_NV12, 1280, 720, 1280, 720, 1280, 1382400 },
	{ CMACODEC_PIX_FMT_NV21, 17, 9, 32, 16, 32, 768 },
	{ CMACODEC_PIX_FMT_YUV422P, 4096, 2160, 4096, 2160, 4096, 17694720 },
	{ CMACODEC_PIX_FMT_NV16, 17, 9, 32, 16, 32, 1024 },
	{ CMACODEC_PIX_FMT_NV24, 1918, 1080, 1920, 1080, 1920, 6220800 },
	{ CMACODEC_PIX_FMT_YUYV, 17, 9, 32, 16, 64, 1024 },
	{ CMACODEC_PIX_FMT_UYVY, 1918, 1080, 1920, 1080, 3840, 4147200 },
	{ CMACODEC_PIX_FMT_RGB24, 1918, 1080, 1920, 1080, 5760, 6220800 },
	{ CMACODEC_PIX_FMT_HSV24, 1, 1, 8, 8, 24, 192 },
	{ CMACODEC_PIX_FMT_ARGB32, 1, 1, 8, 8, 32, 256 },
	{ CMACODEC_PIX_FMT_BGRX32, 4096, 2160, 4096, 2160, 16384, 35389440 },
	{ CMACODEC_PIX_FMT_GREY, 17, 9, 24, 16, 24, 384 },
	{ CMACODEC_PIX_FMT_GREY, 1, 1, 8, 8, 8, 64 },
};

static void test_lookup(void)
{
	unsigned int i, n = cmacodec_pixfmt_count(), found = 0;

	tap_ok(n == 28, "catalogue has 28 formats (%u)", n);
	for (i = 0; i < n; i++)
		found += cmacodec_pixfmt_find(cmacodec_pixfmt_get(i)->fourcc) ==
			 cmacodec_pixfmt_get(i);
	tap_ok(found == n, "every entry found by its fourcc");
	tap_ok(!cmacodec_pixfmt_get(n), "get() past the end is NULL");
	tap_ok(!cmacodec_pixfmt_find(CMACODEC_PIX_FMT_FWHT) &&
	       !cmacodec_pixfmt_find(0),
	       "FWHT and 0 are not raw formats");
	tap_ok(CMACODEC_PIX_FMT_YUV420 == 0x32315559 &&
	       CMACODEC_PIX_FMT_RGB24 == 0x33424752 &&
	       CMACODEC_PIX_FMT_FWHT == 0x54485746,
	       "fourcc values equal v4l2_fourcc()");
	tap_ok(cmacodec_pixfmt_find_compatible(3, 2, 2, CMACODEC_PIXENC_YUV,
					       0)->fourcc ==
	       CMACODEC_PIX_FMT_YUV420 &&
	       cmacodec_pixfmt_find_compatible(3, 2, 2, CMACODEC_PIXENC_YUV,
					       3)->fourcc ==
	       CMACODEC_PIX_FMT_NV21 &&
	       !cmacodec_pixfmt_find_compatible(3, 2, 2, CMACODEC_PIXENC_YUV, 4),
	       "4:2:0 streams decode to YU12, YV12, NV12, NV21");
	tap_ok(cmacodec_pixfmt_find_compatible(4, 1, 1, 0, 0)->fourcc ==
	       CMACODEC_PIX_FMT_BGR32 &&
	       cmacodec_pixfmt_find_compatible(1, 1, 1, CMACODEC_PIXENC_RGB,
					       0)->fourcc ==
	       CMACODEC_PIX_FMT_GREY &&
	       !cmacodec_pixfmt_find_compatible(2, 1, 1, 0, 0) &&
	       !cmacodec_pixfmt_find_compatible(3, 2, 2, CMACODEC_PIXENC_RGB,
						0),
	       "compatible-format lookup by components/subsampling/encoding");
}

static void test_sizes(void)
{
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(size_cases); i++) {
		const struct size_case *sc = &size_cases[i];
		const struct cmacodec_pixfmt *f = cmacodec_pixfmt_find(sc->fourcc);
		u32 cw = cmacodec_pixfmt_coded_width(f, sc->w);
		u32 ch = cmacodec_pixfmt_coded_height(f, sc->h);
		u32 bpl = cmacodec_pixfmt_bytesperline(f, cw);
		u32 size = cmacodec_pixfmt_sizeimage(f, bpl, ch);

		tap_ok(cw == sc->coded_w && ch == sc->coded_h &&
		       bpl == sc->bpl && size == sc->sizeimage,
		       "%s %ux%u: coded %ux%u bpl %u sizeimage %u",
		       test_fourcc_str(sc->fourcc), sc->w, sc->h, cw, ch, bpl,
		       size);
	}
}

static void test_planes(void)
{
	const struct cmacodec_pixfmt *yu12 =
		cmacodec_pixfmt_find(CMACODEC_PIX_FMT_YUV420);
	const struct cmacodec_pixfmt *nv24 =
		cmacodec_pixfmt_find(CMACODEC_PIX_FMT_NV24);
	const struct cmacodec_pixfmt *nv12 =
		cmacodec_pixfmt_find(CMACODEC_PIX_FMT_NV12);

	tap_ok(cmacodec_pixfmt_plane_offset(yu12, 1, 1920, 1088) == 2088960 &&
	       cmacodec_pixfmt_plane_offset(yu12, 2, 1920, 1088) == 2611200 &&
	       cmacodec_pixfmt_plane_bpl(yu12, 2, 1920) == 960 &&
	       cmacodec_pixfmt_plane_rows(yu12, 2, 1088) == 544 &&
	       cmacodec_pixfmt_plane_bpl(yu12, 3, 1920) == 0,
	       "YU12 plane offsets/strides (vicodec: cb = luma + size, cr = cb + size / 4)");
	tap_ok(cmacodec_pixfmt_plane_bpl(nv12, 1, 1920) == 1920 &&
	       cmacodec_pixfmt_plane_rows(nv12, 1, 1080) == 540 &&
	       cmacodec_pixfmt_plane_bpl(nv24, 1, 1920) == 3840 &&
	       cmacodec_pixfmt_plane_rows(nv24, 1, 1080) == 1080,
	       "NV12/NV24 chroma plane strides");
}

static void test_fwht_size(void)
{
	const struct cmacodec_pixfmt *yu12 =
		cmacodec_pixfmt_find(CMACODEC_PIX_FMT_YUV420);
	const struct cmacodec_pixfmt *argb =
		cmacodec_pixfmt_find(CMACODEC_PIX_FMT_ARGB32);
	const struct cmacodec_pixfmt *grey =
		cmacodec_pixfmt_find(CMACODEC_PIX_FMT_GREY);

	tap_ok(cmacodec_pixfmt_fwht_sizeimage(yu12, 1920, 1088) ==
	       1920 * 1088 * 3 + 44 &&
	       cmacodec_pixfmt_fwht_sizeimage(grey, 1280, 720) ==
	       1280 * 720 * 3 + 44,
	       "compressed size bound is vicodec's w * h * 3 + header");
	tap_ok(cmacodec_pixfmt_fwht_sizeimage(argb, 64, 64) == 4 * 4096 + 44,
	       "4-component bound covers four raw planes");
	tap_ok(cmacodec_pixfmt_fwht_sizeimage(yu12, 16, 16) >= 44 + 3 * 130 &&
	       cmacodec_pixfmt_fwht_sizeimage(yu12, 0, 16) == 0,
	       "tiny frames: room for a first block per plane; 0 for 0");
}

/* Every component must land on its own bytes, inside the frame */
static void test_positions(void)
{
	unsigned int i, bad = 0;

	for (i = 0; i < cmacodec_pixfmt_count(); i++) {
		const struct cmacodec_pixfmt *f = cmacodec_pixfmt_get(i);
		struct test_frame fr;
		unsigned int c, pass;

		if (test_frame_alloc(&fr, f->fourcc, 24, 16)) {
			bad++;
			continue;
		}
		for (pass = 0; pass < 2; pass++) {
			for (c = 0; c < f->components; c++) {
				u32 w, h, x, y;

				test_coded_dims(&fr, c, &w, &h);
				for (y = 0; y < h; y++) {
					for (x = 0; x < w; x++) {
						u8 *p = test_sample(&fr, c, x, y);
						u8 v = (u8)(c * 64 + x + y);

						if (p < fr.buf ||
						    p >= fr.buf + fr.size)
							bad++;
						else if (!pass)
							*p = v;
						else if (*p != v)
							bad++;
					}
				}
			}
		}
		test_frame_free(&fr);
	}
	tap_ok(!bad, "component positions are disjoint and inside the buffer");
}

int main(void)
{
	test_lookup();
	test_sizes();
	test_planes();
	test_fwht_size();
	test_positions();
	return tap_done("test_pixfmt");
}
