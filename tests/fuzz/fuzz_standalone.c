// SPDX-License-Identifier: GPL-2.0
/*
 * Runs the fuzz target without libFuzzer: over deterministic inputs made
 * from valid streams (every format, several sizes, I- and P-frames)
 * mutated in various ways, plus pure noise; or over files given on the
 * command line.  "--seeds DIR" writes the unmutated streams as a libFuzzer
 * seed corpus.
 */
#include <stdio.h>
#include <stdlib.h>
#include "cmacodec-fwht.h"

int LLVMFuzzerTestOneInput(const u8 *data, size_t size);

#define MAX_STREAM (1 << 20)
#define NSEEDS 64

struct seed {
	u8 *data;	/* selector byte + stream */
	u32 len;
};

static struct seed seeds[NSEEDS];
static unsigned int nseeds;

static u32 rnd(u32 *s)
{
	u32 x = *s;

	x ^= x << 13;
	x ^= x >> 17;
	x ^= x << 5;
	*s = x;
	return x;
}

static void add_seed(const u8 *stream, int len, u8 sel)
{
	if (len <= 0 || nseeds >= NSEEDS)
		return;
	seeds[nseeds].data = malloc(len + 1);
	seeds[nseeds].data[0] = sel;
	memcpy(seeds[nseeds].data + 1, stream, len);
	seeds[nseeds].len = len + 1;
	nseeds++;
}

/* Two frames (I then P) of a random-ish picture for one format/size */
static void make_seeds(const struct cmacodec_pixfmt *fmt, u32 w, u32 h,
		       u32 *rng, bool noisy)
{
	struct cmacodec_fwht_enc_params p = {
		.i_frame_qp = 1 + rnd(rng) % 31, .p_frame_qp = 1 + rnd(rng) % 31,
		.is_intra = true,
	};
	u32 ref_size = cmacodec_fwht_ref_size(fmt->fourcc, w, h);
	u32 cw = cmacodec_pixfmt_coded_width(fmt, w);
	u32 ch = cmacodec_pixfmt_coded_height(fmt, h);
	struct cmacodec_fwht_raw raw = { 0 };
	struct cmacodec_fwht_enc enc;
	u8 *ref = malloc(ref_size), *out = malloc(MAX_STREAM);
	unsigned int f;
	u32 i;

	raw.bytesperline = cmacodec_pixfmt_bytesperline(fmt, cw);
	raw.coded_height = ch;
	raw.size = cmacodec_pixfmt_sizeimage(fmt, raw.bytesperline, ch);
	raw.buf = malloc(raw.size);
	cmacodec_fwht_enc_init(&enc, fmt->fourcc, w, h, ref, ref_size);
	for (f = 0; f < 2; f++) {
		for (i = 0; i < raw.size; i++)
			raw.buf[i] = noisy ? rnd(rng) >> 24 :
				     (u8)((i * 7 + f * 3) >> 3);
		add_seed(out, cmacodec_fwht_encode(&enc, &raw, &p, out,
						   MAX_STREAM, NULL),
			 (u8)(rnd(rng) & 0x3f));
		p.is_intra = false;
	}
	free(raw.buf);
	free(ref);
	free(out);
}

static void mutate(u8 *buf, u32 *len, u32 *rng)
{
	unsigned int n = 1 + rnd(rng) % 8, i;

	for (i = 0; i < n && *len > 1; i++) {
		u32 pos = 1 + rnd(rng) % (*len - 1);

		switch (rnd(rng) % 6) {
		case 0:
			buf[pos] ^= 1 << (rnd(rng) % 8);
			break;
		case 1:
			buf[pos] = rnd(rng) >> 24;
			break;
		case 2:	/* header field */
			buf[1 + 8 + 4 * (rnd(rng) % 9) + rnd(rng) % 4] =
				rnd(rng) >> 24;
			break;
		case 3:
			*len = pos;
			break;
		case 4:
			buf[pos] = 0xff;
			break;
		default:
			buf[0] = rnd(rng) >> 24;
			break;
		}
	}
}

static int write_seeds(const char *dir)
{
	unsigned int i;

	for (i = 0; i < nseeds; i++) {
		char path[512];
		FILE *f;

		snprintf(path, sizeof(path), "%s/seed-%02u", dir, i);
		f = fopen(path, "wb");
		if (!f || fwrite(seeds[i].data, 1, seeds[i].len, f) !=
			  seeds[i].len) {
			perror(path);
			return 1;
		}
		fclose(f);
	}
	printf("wrote %u seeds to %s\n", nseeds, dir);
	return 0;
}

static int run_files(int argc, char **argv)
{
	static u8 buf[1 << 24];
	int i;

	for (i = 1; i < argc; i++) {
		FILE *f = fopen(argv[i], "rb");
		size_t n;

		if (!f) {
			perror(argv[i]);
			return 1;
		}
		n = fread(buf, 1, sizeof(buf), f);
		fclose(f);
		LLVMFuzzerTestOneInput(buf, n);
	}
	printf("ok - %d files\n", argc - 1);
	return 0;
}

int main(int argc, char **argv)
{
	static const u32 sizes[][2] = { { 16, 16 }, { 17, 9 }, { 64, 48 } };
	unsigned long iters = 20000, i;
	u32 rng = 2024;
	unsigned int f;
	u8 *buf;

	for (f = 0; f < cmacodec_pixfmt_count(); f++) {
		const u32 *s = sizes[f % 3];

		make_seeds(cmacodec_pixfmt_get(f), s[0], s[1], &rng, f & 1);
	}
	if (argc == 3 && !strcmp(argv[1], "--seeds"))
		return write_seeds(argv[2]);
	if (argc == 3 && !strcmp(argv[1], "--iterations"))
		iters = strtoul(argv[2], NULL, 0);
	else if (argc > 1)
		return run_files(argc, argv);

	buf = malloc(MAX_STREAM + 1);
	if (!buf)
		return 1;
	for (i = 0; i < iters; i++) {
		u32 len;

		if (i % 16 == 15) {	/* pure noise */
			u32 j;

			len = rnd(&rng) % 512;
			for (j = 0; j < len; j++)
				buf[j] = rnd(&rng) >> 24;
		} else {
			const struct seed *sd = &seeds[rnd(&rng) % nseeds];

			len = sd->len;
			memcpy(buf, sd->data, len);
			if (i % 8)
				mutate(buf, &len, &rng);
		}
		LLVMFuzzerTestOneInput(buf, len);
	}
	printf("1..1\nok 1 - decoder survived %lu inputs from %u seed streams\n",
	       iters, nseeds);
	printf("fuzz: 1 passed, 0 failed\n");
	free(buf);
	return 0;
}
