/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * cmacodec-stateful: what its two files share (stateful.c: the V4L2
 * sessions and checks; stateful-convert.c: raw layouts).
 */
#ifndef CMACODEC_STATEFUL_H
#define CMACODEC_STATEFUL_H

#include <stddef.h>

/* the whole file @path, malloc()ed, its length in *@n; NULL on error */
unsigned char *slurp(const char *path, size_t *n);

/*
 * convert() - I420 frames of @w x @h in @in to raw format @fcc in @outp;
 * *@frame gets the frame size, *@pad the padding byte's offset in each
 * pixel of an X format or -1.  Return: 0, or 2 on error.
 */
int convert(const char *fcc, unsigned int w, unsigned int h, const char *in,
	    const char *outp, size_t *frame, int *pad);
int cmd_convert(const char *fcc, unsigned int w, unsigned int h,
		const char *in, const char *outp);
int cmd_strip(const char *in, const char *outp, unsigned int step,
	      unsigned int off);

#endif /* CMACODEC_STATEFUL_H */
