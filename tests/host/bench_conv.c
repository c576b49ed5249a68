// SPDX-License-Identifier: GPL-2.0
/*
 * Converter speed on the host: milliseconds per frame (best of N, CPU
 * time of this thread, so other load on the machine matters less), next
 * to memcpy() of the destination frame.  Not a test: `make bench`.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "cmacodec-conv.h"

#define RUNS 10

static double now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
	return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static void pic_init(struct cmacodec_conv_pic *p, u32 fourcc, u32 w, u32 h,
		     u32 enc, u32 quant)
{
	const struct cmacodec_pixfmt *f = cmacodec_pixfmt_find(fourcc);
	u32 i;

	memset(p, 0, sizeof(*p));
	p->fourcc = fourcc;
	p->width = w;
	p->height = h;
	p->bytesperline = w * f->bpp;
	p->ycbcr_enc = enc;
	p->quant = f->pixenc == CMACODEC_PIXENC_YUV ||
		   fourcc == CMACODEC_PIX_FMT_GREY ? quant :
		   CMACODEC_CONV_QUANT_FULL;
	p->size = cmacodec_pixfmt_sizeimage(f, p->bytesperline, h);
	p->buf = malloc(p->size);
	if (!p->buf) {
		perror("malloc");
		exit(1);
	}
	for (i = 0; i < p->size; i++)
		p->buf[i] = (u8)(i * 7 + i / 4096);
}

static void bench(const char *what, u32 sf, u32 sw, u32 sh, u32 df, u32 dw,
		  u32 dh, u32 dquant, struct cmacodec_conv_scratch *sc)
{
	struct cmacodec_conv_params p = { 0 };
	double best = 1e9, best_cpy = 1e9, t;
	unsigned int i;
	u8 *copy;

	pic_init(&p.src, sf, sw, sh, CMACODEC_CONV_YCBCR_709,
		 CMACODEC_CONV_QUANT_LIMITED);
	pic_init(&p.dst, df, dw, dh, CMACODEC_CONV_YCBCR_709, dquant);
	copy = malloc(p.dst.size);
	for (i = 0; i < RUNS; i++) {
		t = now_ms();
		if (cmacodec_conv_run(&p, sc)) {
			fprintf(stderr, "%s: cmacodec_conv_run failed\n", what);
			exit(1);
		}
		t = now_ms() - t;
		if (t < best)
			best = t;
		t = now_ms();
		memcpy(copy, p.src.buf, p.dst.size < p.src.size ?
		       p.dst.size : p.src.size);
		memcpy(copy, p.dst.buf, p.dst.size);
		t = now_ms() - t;
		if (t < best_cpy)
			best_cpy = t;
	}
	printf("%-34s %8.2f ms/frame  (memcpy of src+dst bytes %6.2f ms, %.1fx)\n",
	       what, best, best_cpy, best / best_cpy);
	free(copy);
	free(p.src.buf);
	free(p.dst.buf);
}

int main(void)
{
	struct cmacodec_conv_scratch *sc = malloc(sizeof(*sc));

	if (!sc) {
		perror("malloc");
		return 1;
	}
	bench("NV12 1080p -> XRGB32 1080p", CMACODEC_PIX_FMT_NV12, 1920, 1080,
	      CMACODEC_PIX_FMT_XRGB32, 1920, 1080, CMACODEC_CONV_QUANT_FULL, sc);
	bench("NV12 1080p -> NV12 720p", CMACODEC_PIX_FMT_NV12, 1920, 1080,
	      CMACODEC_PIX_FMT_NV12, 1280, 720, CMACODEC_CONV_QUANT_LIMITED,
	      sc);
	bench("NV12 1080p -> NV12 1080p (copy)", CMACODEC_PIX_FMT_NV12, 1920,
	      1080, CMACODEC_PIX_FMT_NV12, 1920, 1080,
	      CMACODEC_CONV_QUANT_LIMITED, sc);
	bench("XRGB32 1080p -> NV12 720p", CMACODEC_PIX_FMT_XRGB32, 1920, 1080,
	      CMACODEC_PIX_FMT_NV12, 1280, 720, CMACODEC_CONV_QUANT_LIMITED,
	      sc);
	bench("NV12 2160p -> XRGB32 2160p", CMACODEC_PIX_FMT_NV12, 4096, 2160,
	      CMACODEC_PIX_FMT_XRGB32, 4096, 2160, CMACODEC_CONV_QUANT_FULL, sc);
	free(sc);
	return 0;
}
