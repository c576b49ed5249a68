// SPDX-License-Identifier: GPL-2.0
/*
 * cmacodec-psnr - compare two raw video files byte by byte.
 *
 *   cmacodec-psnr A B [--frame BYTES] [--min DB]
 *
 * Prints the PSNR over all bytes (and the worst frame's, with --frame).
 * Exits 0 when the files have the same size and the PSNR (worst frame's
 * with --frame) is at least --min; 1 otherwise; 2 on usage or I/O errors.
 */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct psnr_opts {
	const char *a, *b;
	unsigned long frame;
	double min_db;
};

struct psnr_acc {
	double sse, frame_sse, worst_db;
	unsigned long long n, frame_n, frames;
};

static double psnr_db(double sse, unsigned long long n)
{
	if (!n)
		return 0;
	if (sse == 0)
		return 99.0;
	return 10.0 * log10(255.0 * 255.0 * (double)n / sse);
}

static int parse_args(int argc, char **argv, struct psnr_opts *o)
{
	int i, pos = 0;

	memset(o, 0, sizeof(*o));
	o->min_db = -1;
	for (i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--frame") && i + 1 < argc) {
			o->frame = strtoul(argv[++i], NULL, 0);
		} else if (!strcmp(argv[i], "--min") && i + 1 < argc) {
			o->min_db = strtod(argv[++i], NULL);
		} else if (argv[i][0] != '-' && pos < 2) {
			if (pos++ == 0)
				o->a = argv[i];
			else
				o->b = argv[i];
		} else {
			return -1;
		}
	}
	return pos == 2 ? 0 : -1;
}

static void end_frame(struct psnr_acc *acc)
{
	double db = psnr_db(acc->frame_sse, acc->frame_n);

	if (!acc->frame_n)
		return;
	if (!acc->frames || db < acc->worst_db)
		acc->worst_db = db;
	acc->frames++;
	acc->frame_sse = 0;
	acc->frame_n = 0;
}

static FILE *open_or_report(const char *path)
{
	FILE *f = fopen(path, "rb");

	if (!f)
		fprintf(stderr, "cmacodec-psnr: cannot open %s: %s\n", path, strerror(errno));
	return f;
}

int main(int argc, char **argv)
{
	struct psnr_opts o;
	struct psnr_acc acc = { 0 };
	FILE *fa, *fb;
	int ca, cb, ret;

	if (parse_args(argc, argv, &o)) {
		fprintf(stderr, "usage: cmacodec-psnr A B [--frame BYTES] [--min DB]\n");
		return 2;
	}
	fa = open_or_report(o.a);
	fb = fa ? open_or_report(o.b) : NULL;
	if (!fa || !fb)
		return 2;
	for (;;) {
		ca = getc(fa);
		cb = getc(fb);
		if (ca == EOF || cb == EOF)
			break;
		acc.sse += (double)(ca - cb) * (ca - cb);
		acc.frame_sse += (double)(ca - cb) * (ca - cb);
		acc.n++;
		if (++acc.frame_n == o.frame)
			end_frame(&acc);
	}
	end_frame(&acc);
	if (ca != cb) {
		fprintf(stderr, "cmacodec-psnr: %s and %s differ in size (%s is shorter)\n",
			o.a, o.b, ca == EOF ? o.a : o.b);
		return 1;
	}
	printf("psnr=%.2f dB bytes=%llu", psnr_db(acc.sse, acc.n), acc.n);
	if (o.frame)
		printf(" frames=%llu worst_frame=%.2f dB", acc.frames, acc.worst_db);
	printf("\n");
	ret = o.min_db >= 0 && (o.frame ? acc.worst_db : psnr_db(acc.sse, acc.n)) < o.min_db;
	if (ret)
		fprintf(stderr, "cmacodec-psnr: below the %.2f dB minimum\n", o.min_db);
	fclose(fa);
	fclose(fb);
	return ret;
}
