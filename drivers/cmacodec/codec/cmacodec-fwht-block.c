// SPDX-License-Identifier: GPL-2.0
/*
 * cmacodec: FWHT block layer - 8x8 sequency-ordered Walsh-Hadamard
 * transform, quantisation and run-length coding of one block.
 *
 * Integer only.  Intermediate results are stored as 16-bit values at the
 * same points as the reference implementation, so that even malformed
 * streams decode to the same bytes.
 */
#include "cmacodec-fwht-priv.h"

/* Raster index of the n-th coefficient in zig-zag order */
static const u8 cmacodec_zigzag[64] = {
	0, 1, 8, 2, 9, 16, 3, 10, 17, 24, 4, 11, 18, 25, 32, 5,
	12, 19, 26, 33, 40, 6, 13, 20, 27, 34, 41, 48, 7, 14, 21, 28,
	35, 42, 49, 56, 15, 22, 29, 36, 43, 50, 57, 23, 30, 37, 44, 51,
	58, 31, 38, 45, 52, 59, 39, 46, 53, 60, 47, 54, 61, 55, 62, 63,
};

/* Quantiser right-shift per coefficient, intra blocks */
static const u8 cmacodec_qshift_intra[64] = {
	2, 2, 2, 2, 2, 2, 2, 2,
	2, 2, 2, 2, 2, 2, 2, 2,
	2, 2, 2, 2, 2, 2, 2, 3,
	2, 2, 2, 2, 2, 2, 3, 6,
	2, 2, 2, 2, 2, 3, 6, 6,
	2, 2, 2, 2, 3, 6, 6, 6,
	2, 2, 2, 3, 6, 6, 6, 6,
	2, 2, 3, 6, 6, 6, 6, 8,
};

/* Quantiser right-shift per coefficient, inter blocks */
static const u8 cmacodec_qshift_inter[64] = {
	3, 3, 3, 3, 3, 3, 3, 3,
	3, 3, 3, 3, 3, 3, 3, 3,
	3, 3, 3, 3, 3, 3, 3, 3,
	3, 3, 3, 3, 3, 3, 3, 6,
	3, 3, 3, 3, 3, 3, 6, 6,
	3, 3, 3, 3, 3, 6, 6, 9,
	3, 3, 3, 3, 6, 6, 9, 9,
	3, 3, 3, 6, 6, 9, 9, 10,
};

/*
 * One 8-point transform in sequency order: three butterfly stages over
 * v[0], v[s], ... v[7s], in place.  Results are truncated to 16 bits on
 * store.
 */
static inline void cmacodec_wht8(s16 *v, unsigned int s)
{
	s32 a0 = v[0] + v[s], a1 = v[0] - v[s];
	s32 a2 = v[2 * s] + v[3 * s], a3 = v[2 * s] - v[3 * s];
	s32 a4 = v[4 * s] + v[5 * s], a5 = v[4 * s] - v[5 * s];
	s32 a6 = v[6 * s] + v[7 * s], a7 = v[6 * s] - v[7 * s];
	s32 b0 = a0 + a2, b1 = a0 - a2, b2 = a1 - a3, b3 = a1 + a3;
	s32 b4 = a4 + a6, b5 = a4 - a6, b6 = a5 - a7, b7 = a5 + a7;

	v[0] = (s16)(b0 + b4);
	v[s] = (s16)(b0 - b4);
	v[2 * s] = (s16)(b1 - b5);
	v[3 * s] = (s16)(b1 + b5);
	v[4 * s] = (s16)(b2 + b6);
	v[5 * s] = (s16)(b2 - b6);
	v[6 * s] = (s16)(b3 - b7);
	v[7 * s] = (s16)(b3 + b7);
}

void cmacodec_fwht_forward(s16 *blk)
{
	unsigned int i;

	for (i = 0; i < 8; i++)
		cmacodec_wht8(blk + 8 * i, 1);
	for (i = 0; i < 8; i++)
		cmacodec_wht8(blk + i, 8);
}

void cmacodec_fwht_inverse(const s16 *coef, s16 *out, bool inter)
{
	s16 bias = inter ? 0 : 128;
	unsigned int i;

	memcpy(out, coef, 64 * sizeof(*out));
	for (i = 0; i < 8; i++)
		cmacodec_wht8(out + 8 * i, 1);
	for (i = 0; i < 8; i++)
		cmacodec_wht8(out + i, 8);
	/* the transform gains 64: scale back, re-centre intra pixels */
	for (i = 0; i < 64; i++)
		out[i] = (s16)((out[i] >> 6) + bias);
}

void cmacodec_fwht_quantise(s16 *coef, s16 *deq, bool inter, u16 qp)
{
	const u8 *shift = inter ? cmacodec_qshift_inter : cmacodec_qshift_intra;
	int lim = qp;
	unsigned int i;

	for (i = 0; i < 64; i++) {
		int q = coef[i] >> shift[i];

		if (q >= -lim && q <= lim) {
			coef[i] = 0;
			deq[i] = 0;
		} else {
			coef[i] = (s16)q;
			deq[i] = (s16)((u32)q << shift[i]);
		}
	}
}

void cmacodec_fwht_dequantise(s16 *coef, bool inter)
{
	const u8 *shift = inter ? cmacodec_qshift_inter : cmacodec_qshift_intra;
	unsigned int i;

	for (i = 0; i < 64; i++)
		coef[i] = (s16)((u32)coef[i] << shift[i]);
}

static inline void cmacodec_put_be16(u8 *p, u16 v)
{
	p[0] = v >> 8;
	p[1] = v & 0xff;
}

static inline u16 cmacodec_get_be16(const u8 *p)
{
	return (u16)(p[0] << 8 | p[1]);
}

unsigned int cmacodec_fwht_rle_put(const s16 *coef, bool inter, u8 *out)
{
	unsigned int words = 1, zeros_at_end = 0, end, n;
	int last;

	cmacodec_put_be16(out, inter ? CMACODEC_FWHT_HDR_INTER : 0);
	for (last = 63; last >= 0 && !coef[cmacodec_zigzag[last]]; last--)
		zeros_at_end++;
	/* a long enough zero tail is sent as a single end-of-block word */
	end = zeros_at_end > CMACODEC_FWHT_RUN_MAX ? 64 - zeros_at_end : 64;

	n = 0;
	while (n < end) {
		unsigned int run = 0;
		s16 val;

		for (;;) {
			val = coef[cmacodec_zigzag[n]];
			if (val || run == CMACODEC_FWHT_RUN_MAX)
				break;
			run++;
			n++;
			if (n == end) {
				/* the last zero is sent as the value itself */
				run--;
				break;
			}
		}
		cmacodec_put_be16(out + 2 * words,
				  (u16)(((u32)val << 4) | run));
		words++;
		n++;
	}
	if (zeros_at_end > CMACODEC_FWHT_RUN_MAX) {
		cmacodec_put_be16(out + 2 * words, CMACODEC_FWHT_RUN_END);
		words++;
	}
	return words;
}

u32 cmacodec_fwht_rle_get(const u8 *in, u32 avail, s16 *coef, u16 *hdr)
{
	unsigned int n = 0;
	u32 used = 1;

	if (!avail)
		return 0;
	*hdr = cmacodec_get_be16(in);
	while (n < 64) {
		u16 w;
		unsigned int run;

		if (used >= avail)
			return 0;
		w = cmacodec_get_be16(in + 2 * used);
		used++;
		run = w & 0xf;
		if (run == CMACODEC_FWHT_RUN_END) {
			while (n < 64)
				coef[cmacodec_zigzag[n++]] = 0;
			break;
		}
		while (run-- && n < 64)
			coef[cmacodec_zigzag[n++]] = 0;
		/* coefficients beyond the 64th are dropped */
		if (n < 64)
			coef[cmacodec_zigzag[n]] = (s16)w >> 4;
		n++;
	}
	return used;
}
