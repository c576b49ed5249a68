// SPDX-License-Identifier: GPL-2.0
/*
 * cmacodec codec core: the converter (model: see cmacodec-conv.h).
 *
 * Fixed point throughout:
 *  - positions and interpolation weights have CONV_WBITS fraction bits;
 *  - interpolated samples are u16 with 8 fraction bits ("Q8"), so the
 *    rounding to 8 bits happens once, after the colour conversion;
 *  - the colour conversion is one 3x3 matrix plus offsets ("M", "K"),
 *    composed per job from the source's decode and the destination's
 *    encode matrix (both Q16, derived from Kr/Kb at compile time),
 *    applied with CONV_MBITS fraction bits.
 *
 * A job works row by row: the column maps are computed once per job, the
 * row positions once per destination row; a row of a source component is
 * first interpolated vertically (at source resolution), then horizontally
 * into the destination grid, then converted and stored.  Equal sizes skip
 * the interpolation, equal colour encodings skip the matrix, and a job
 * that changes nothing is a row copy.
 */
#include "cmacodec-conv.h"

#define CONV_WBITS	12
#define CONV_WONE	4096	/* 1 << CONV_WBITS */
#define CONV_MBITS	12
/* shift from (Q8 sample * matrix coefficient) to an 8-bit value */
#define CONV_OSHIFT	(CONV_MBITS + 8)
#define CONV_Q8_MAX	(255 << 8)
/* largest bytesperline: keeps every size computation inside 32 bits */
#define CONV_MAX_BPL	262144U

enum cmacodec_conv_class {
	CONV_CLASS_YUV,
	CONV_CLASS_GREY,
	CONV_CLASS_RGB,
};

enum cmacodec_conv_map_kind {
	CONV_MAP_IDENT,		/* same size, no flip: sample x is x */
	CONV_MAP_INT,		/* whole samples only (flip, size 1) */
	CONV_MAP_LERP,		/* interpolation */
};

enum cmacodec_conv_map_id {
	CONV_MAP_LUMA,		/* dst luma grid -> src plane 0 */
	CONV_MAP_LC,		/* dst luma grid -> src chroma plane */
	CONV_MAP_CC,		/* dst chroma grid -> src chroma plane */
};

/* Q16 of n / d, rounded, for positive constants (folded at compile time) */
#define CONV_Q16(n, d)	((s32)(((s64)(n) * 131072 / (d) + 1) / 2))

/**
 * struct cmacodec_conv_matrix - one Y'CbCr encoding, Q16
 * @kr: Kr
 * @kg: Kg = 1 - Kr - Kb
 * @kb: Kb
 * @dec_g_cb: G' per Cb (decode, full range)
 * @dec_g_cr: G' per Cr
 * @dec_b_cb: B' per Cb
 * @dec_r_cr: R' per Cr
 * @enc_cb_g: Cb per G' (encode, full range)
 * @enc_cb_r: Cb per R' (Cb per B' is 1/2)
 * @enc_cr_g: Cr per G'
 * @enc_cr_b: Cr per B' (Cr per R' is 1/2)
 */
struct cmacodec_conv_matrix {
	s32 kr, kg, kb;
	s32 dec_g_cb, dec_g_cr, dec_b_cb, dec_r_cr;
	s32 enc_cb_g, enc_cb_r, enc_cr_g, enc_cr_b;
};

/*
 * From Kr and Kb (in units of 1/10000 below):
 *   Y' = Kr R' + Kg G' + Kb B'
 *   Cb = (B' - Y') / (2 (1 - Kb)),  Cr = (R' - Y') / (2 (1 - Kr))
 * and its inverse
 *   R' = Y' + 2 (1 - Kr) Cr,  B' = Y' + 2 (1 - Kb) Cb,
 *   G' = Y' - 2 Kb (1 - Kb) / Kg Cb - 2 Kr (1 - Kr) / Kg Cr
 */
#define K601_R	2990
#define K601_B	1140
#define K601_G	(10000 - K601_R - K601_B)
#define K709_R	2126
#define K709_B	722
#define K709_G	(10000 - K709_R - K709_B)

static const struct cmacodec_conv_matrix cmacodec_conv_601 = {
	.kr = CONV_Q16(K601_R, 10000),
	.kg = CONV_Q16(K601_G, 10000),
	.kb = CONV_Q16(K601_B, 10000),
	.dec_g_cb = -CONV_Q16(2LL * K601_B * (10000 - K601_B),
			      K601_G * 10000LL),
	.dec_g_cr = -CONV_Q16(2LL * K601_R * (10000 - K601_R),
			      K601_G * 10000LL),
	.dec_b_cb = CONV_Q16(2 * (10000 - K601_B), 10000),
	.dec_r_cr = CONV_Q16(2 * (10000 - K601_R), 10000),
	.enc_cb_g = -CONV_Q16(K601_G, 2 * (10000 - K601_B)),
	.enc_cb_r = -CONV_Q16(K601_R, 2 * (10000 - K601_B)),
	.enc_cr_g = -CONV_Q16(K601_G, 2 * (10000 - K601_R)),
	.enc_cr_b = -CONV_Q16(K601_B, 2 * (10000 - K601_R)),
};

static const struct cmacodec_conv_matrix cmacodec_conv_709 = {
	.kr = CONV_Q16(K709_R, 10000),
	.kg = CONV_Q16(K709_G, 10000),
	.kb = CONV_Q16(K709_B, 10000),
	.dec_g_cb = -CONV_Q16(2LL * K709_B * (10000 - K709_B),
			      K709_G * 10000LL),
	.dec_g_cr = -CONV_Q16(2LL * K709_R * (10000 - K709_R),
			      K709_G * 10000LL),
	.dec_b_cb = CONV_Q16(2 * (10000 - K709_B), 10000),
	.dec_r_cr = CONV_Q16(2 * (10000 - K709_R), 10000),
	.enc_cb_g = -CONV_Q16(K709_G, 2 * (10000 - K709_B)),
	.enc_cb_r = -CONV_Q16(K709_R, 2 * (10000 - K709_B)),
	.enc_cr_g = -CONV_Q16(K709_G, 2 * (10000 - K709_R)),
	.enc_cr_b = -CONV_Q16(K709_B, 2 * (10000 - K709_R)),
};

static u8 cmacodec_conv_class_of(u32 fourcc)
{
	const struct cmacodec_pixfmt *f = cmacodec_pixfmt_find(fourcc);

	if (fourcc == CMACODEC_PIX_FMT_GREY)
		return CONV_CLASS_GREY;
	return f->pixenc == CMACODEC_PIXENC_YUV ? CONV_CLASS_YUV :
						  CONV_CLASS_RGB;
}

static bool cmacodec_conv_has_alpha(u32 fourcc)
{
	return fourcc == CMACODEC_PIX_FMT_ABGR32 ||
	       fourcc == CMACODEC_PIX_FMT_ARGB32 ||
	       fourcc == CMACODEC_PIX_FMT_BGRA32 ||
	       fourcc == CMACODEC_PIX_FMT_RGBA32;
}

bool cmacodec_conv_supported(u32 fourcc)
{
	const struct cmacodec_pixfmt *f = cmacodec_pixfmt_find(fourcc);

	return f && f->pixenc != CMACODEC_PIXENC_HSV;
}

static int cmacodec_conv_check_pic(const struct cmacodec_conv_pic *pic)
{
	const struct cmacodec_pixfmt *f;

	if (!cmacodec_conv_supported(pic->fourcc))
		return -CMACODEC_CONV_EFOURCC;
	f = cmacodec_pixfmt_find(pic->fourcc);
	if (!pic->width || !pic->height ||
	    pic->width > CMACODEC_CONV_MAX_WIDTH ||
	    pic->height > CMACODEC_CONV_MAX_HEIGHT ||
	    pic->width % f->width_div || pic->height % f->height_div)
		return -CMACODEC_CONV_EINVAL;
	if (pic->bytesperline < pic->width * f->bpp ||
	    pic->bytesperline > CONV_MAX_BPL)
		return -CMACODEC_CONV_EINVAL;
	if (cmacodec_conv_class_of(pic->fourcc) == CONV_CLASS_RGB) {
		if (pic->quant != CMACODEC_CONV_QUANT_FULL)
			return -CMACODEC_CONV_EINVAL;
	} else {
		if (pic->ycbcr_enc != CMACODEC_CONV_YCBCR_601 &&
		    pic->ycbcr_enc != CMACODEC_CONV_YCBCR_709)
			return -CMACODEC_CONV_EINVAL;
		if (pic->quant != CMACODEC_CONV_QUANT_FULL &&
		    pic->quant != CMACODEC_CONV_QUANT_LIMITED)
			return -CMACODEC_CONV_EINVAL;
	}
	if (pic->plane[0]) {
		unsigned int pl;

		for (pl = 0; pl < f->planes; pl++) {
			if (!pic->plane[pl])
				return -CMACODEC_CONV_EINVAL;
			if ((u64)pic->plane_size[pl] <
			    (u64)cmacodec_pixfmt_plane_bpl(f, pl,
							   pic->bytesperline) *
			    cmacodec_pixfmt_plane_rows(f, pl, pic->height))
				return -CMACODEC_CONV_ENOSPC;
		}
		return 0;
	}
	if (!pic->buf)
		return -CMACODEC_CONV_EINVAL;
	if (pic->size < cmacodec_pixfmt_sizeimage(f, pic->bytesperline,
						  pic->height))
		return -CMACODEC_CONV_ENOSPC;
	return 0;
}

/* first byte of colour plane @pl of @pic */
static u8 *cmacodec_conv_plane(const struct cmacodec_conv_pic *pic,
			       const struct cmacodec_pixfmt *f, unsigned int pl)
{
	if (pic->plane[0])
		return pic->plane[pl];
	return pic->buf + cmacodec_pixfmt_plane_offset(f, pl, pic->bytesperline,
						       pic->height);
}

int cmacodec_conv_check(const struct cmacodec_conv_params *p)
{
	int ret;

	ret = cmacodec_conv_check_pic(&p->src);
	if (ret)
		return ret;
	ret = cmacodec_conv_check_pic(&p->dst);
	if (ret)
		return ret;
	if (p->flags & ~(CMACODEC_CONV_HFLIP | CMACODEC_CONV_VFLIP))
		return -CMACODEC_CONV_EINVAL;
	return 0;
}

static void cmacodec_conv_side_init(struct cmacodec_conv_side *sd,
				    const struct cmacodec_conv_pic *pic)
{
	const struct cmacodec_pixfmt *f = cmacodec_pixfmt_find(pic->fourcc);
	unsigned int c;

	sd->fmt = f;
	sd->cls = cmacodec_conv_class_of(pic->fourcc);
	sd->alpha = cmacodec_conv_has_alpha(pic->fourcc);
	for (c = 0; c < f->components; c++) {
		const struct cmacodec_comp_pos *pos = &f->comp[c];
		struct cmacodec_conv_comp *cc = &sd->comp[c];
		bool sub = sd->cls == CONV_CLASS_YUV &&
			   (c == CMACODEC_COMP_CB || c == CMACODEC_COMP_CR);

		cc->base = cmacodec_conv_plane(pic, f, pos->plane) + pos->offset;
		cc->bpl = cmacodec_pixfmt_plane_bpl(f, pos->plane,
						    pic->bytesperline);
		cc->step = pos->step;
		cc->w = sub ? pic->width / f->width_div : pic->width;
		cc->h = sub ? pic->height / f->height_div : pic->height;
	}
}

/**
 * cmacodec_conv_pos() - source position of a destination sample
 * @d:    destination sample index
 * @dn:   destination samples
 * @sn:   source samples
 * @flip: mirror @d first
 * @idx:  returns the left (upper) source sample
 * @w:    returns the weight of the next sample, 0 .. CONV_WONE - 1
 *
 * src = (d + 0.5) * sn / dn - 0.5, clamped to 0 .. sn - 1, in 32-bit
 * arithmetic for any size up to 8192.  At the last source sample @w is 0,
 * so @idx + 1 is only read with a non-zero weight, i.e. when it exists.
 */
static void cmacodec_conv_pos(u32 d, u32 dn, u32 sn, bool flip, u32 *idx,
			      u32 *w)
{
	u32 num, q, r;
	s32 pos;

	if (flip)
		d = dn - 1 - d;
	num = (2 * d + 1) * sn;
	q = num / (2 * dn);
	r = num % (2 * dn);
	pos = (s32)(q * CONV_WONE + (r * CONV_WONE + dn) / (2 * dn)) -
	      CONV_WONE / 2;
	if (pos < 0)
		pos = 0;
	*idx = (u32)pos >> CONV_WBITS;
	*w = (u32)pos & (CONV_WONE - 1);
	if (*idx >= sn - 1) {
		*idx = sn - 1;
		*w = 0;
	}
}

/**
 * cmacodec_conv_map_init() - column map of one grid pair
 * @m:    the map to fill
 * @dn:   destination samples per row
 * @sn:   source samples per row
 * @flip: mirror
 *
 * Return: CONV_MAP_IDENT, CONV_MAP_INT or CONV_MAP_LERP.
 */
static u8 cmacodec_conv_map_init(struct cmacodec_conv_map *m, u32 dn, u32 sn,
				 bool flip)
{
	bool lerp = false, ident = dn == sn;
	u32 x, idx, w;

	for (x = 0; x < dn; x++) {
		cmacodec_conv_pos(x, dn, sn, flip, &idx, &w);
		m->idx[x] = idx;
		m->w[x] = w;
		lerp |= w != 0;
		ident &= idx == x;
	}
	if (lerp)
		return CONV_MAP_LERP;
	return ident ? CONV_MAP_IDENT : CONV_MAP_INT;
}

/**
 * cmacodec_conv_interp() - one component row in the destination grid
 * @sc:   scratch (for the vertically interpolated row and the maps)
 * @out:  returns @dn Q8 samples
 * @cc:   the source component
 * @d:    destination row index
 * @dh:   destination rows of this grid
 * @vflip: mirror rows
 * @map:  CONV_MAP_* id of the column map
 * @kind: its CONV_MAP_* kind
 * @dn:   destination samples per row
 */
static void cmacodec_conv_interp(struct cmacodec_conv_scratch *sc, u16 *out,
				 const struct cmacodec_conv_comp *cc, u32 d,
				 u32 dh, bool vflip, unsigned int map,
				 u8 kind, u32 dn)
{
	const u16 *idx = sc->map[map].idx, *wt = sc->map[map].w;
	u16 *vt = kind == CONV_MAP_IDENT ? out : sc->vt;
	const u8 *p0, *p1;
	u32 r0, wy, x, n = cc->w, step = cc->step;

	cmacodec_conv_pos(d, dh, cc->h, vflip, &r0, &wy);
	p0 = cc->base + r0 * cc->bpl;
	if (!wy) {
		for (x = 0; x < n; x++, p0 += step)
			vt[x] = *p0 << 8;
	} else {
		p1 = p0 + cc->bpl;
		/* a + (b - a) * w: one multiplication per sample */
		for (x = 0; x < n; x++, p0 += step, p1 += step) {
			s32 a = *p0;

			vt[x] = ((a << CONV_WBITS) + (*p1 - a) * (s32)wy +
				 (1 << (CONV_WBITS - 9))) >> (CONV_WBITS - 8);
		}
	}
	if (kind == CONV_MAP_IDENT)
		return;
	if (kind == CONV_MAP_INT) {
		for (x = 0; x < dn; x++)
			out[x] = vt[idx[x]];
		return;
	}
	/* read with weight 0 at the last column: keep it defined */
	vt[n] = vt[n - 1];
	for (x = 0; x < dn; x++) {
		const u16 *v = vt + idx[x];
		s32 a = v[0];

		out[x] = ((a << CONV_WBITS) + (v[1] - a) * (s32)wt[x] +
			  CONV_WONE / 2) >> CONV_WBITS;
	}
}

static inline u8 cmacodec_conv_clamp(s32 v)
{
	if (v < 0)
		return 0;
	return v > 255 ? 255 : v;
}

/* store Q8 samples unchanged (rounded to 8 bits) */
static void cmacodec_conv_store(const struct cmacodec_conv_comp *cc, u32 row,
				const u16 *q, u32 n)
{
	u8 *p = cc->base + row * cc->bpl;
	u32 x, step = cc->step;

	for (x = 0; x < n; x++, p += step)
		*p = (q[x] + 128) >> 8;
}

static void cmacodec_conv_fill(const struct cmacodec_conv_comp *cc, u32 row,
			       u8 v, u32 n)
{
	u8 *p = cc->base + row * cc->bpl;
	u32 x, step = cc->step;

	for (x = 0; x < n; x++, p += step)
		*p = v;
}

/**
 * cmacodec_conv_mat_row() - one converted component of a row
 * @j:     the job (matrix row @i of it)
 * @i:     destination component 0 .. 2
 * @cc:    where to store it
 * @row:   destination row
 * @q:     the three source components, Q8
 * @n:     samples
 * @cross: use source components 1 and 2 (else only component @i)
 */
static void cmacodec_conv_mat_row(const struct cmacodec_conv_job *j,
				  unsigned int i,
				  const struct cmacodec_conv_comp *cc, u32 row,
				  u16 (*q)[CMACODEC_CONV_MAX_WIDTH], u32 n,
				  bool cross)
{
	const u16 *q0 = q[0], *q1 = q[1], *q2 = q[2];
	s32 m0 = j->m[i][0], m1 = j->m[i][1], m2 = j->m[i][2], k = j->k[i];
	u8 *p = cc->base + row * cc->bpl;
	u32 x, step = cc->step;

	if (!cross) {
		const u16 *qi = q[i];

		m0 = j->m[i][i];
		for (x = 0; x < n; x++, p += step)
			*p = cmacodec_conv_clamp((m0 * qi[x] + k) >>
						 CONV_OSHIFT);
		return;
	}
	for (x = 0; x < n; x++, p += step)
		*p = cmacodec_conv_clamp((m0 * q0[x] + m1 * q1[x] +
					  m2 * q2[x] + k) >> CONV_OSHIFT);
}

/**
 * cmacodec_conv_rgb_row() - store one R'G'B' destination row
 * @j:   the job
 * @sc:  scratch holding the source components in @sc->q
 * @row: destination row
 * @n:   pixels
 */
static void cmacodec_conv_rgb_row(const struct cmacodec_conv_job *j,
				  struct cmacodec_conv_scratch *sc, u32 row,
				  u32 n)
{
	const struct cmacodec_comp_pos *pos = j->d.fmt->comp;
	const struct cmacodec_conv_comp *dc = j->d.comp;
	const u16 *q0 = sc->q[0], *q1 = sc->q[1], *q2 = sc->q[2];
	s32 k0 = j->k[0], k1 = j->k[1], k2 = j->k[2];
	s32 m00, m01, m02, m10, m11, m12, m20, m21, m22;
	/* all three are in plane 0 with the same step */
	u8 *p = dc[0].base - pos[0].offset + row * dc[0].bpl;
	u32 o0 = pos[0].offset, o1 = pos[1].offset, o2 = pos[2].offset;
	u32 x, step = dc[0].step;

	if (j->ident) {
		for (x = 0; x < n; x++, p += step) {
			p[o0] = (q0[x] + 128) >> 8;
			p[o1] = (q1[x] + 128) >> 8;
			p[o2] = (q2[x] + 128) >> 8;
		}
		return;
	}
	/* in locals: the u8 stores could alias j->m for the compiler */
	m00 = j->m[0][0];
	m01 = j->m[0][1];
	m02 = j->m[0][2];
	m10 = j->m[1][0];
	m11 = j->m[1][1];
	m12 = j->m[1][2];
	m20 = j->m[2][0];
	m21 = j->m[2][1];
	m22 = j->m[2][2];
	if (m10 == m00 && m20 == m00 && !m12 && !m21) {
		/* Y'CbCr source: one Y' term, five products a pixel */
		for (x = 0; x < n; x++, p += step) {
			s32 y = m00 * q0[x], b = q1[x], c = q2[x];

			p[o0] = cmacodec_conv_clamp((y + m01 * b + m02 * c +
						     k0) >> CONV_OSHIFT);
			p[o1] = cmacodec_conv_clamp((y + m11 * b + k1) >>
						    CONV_OSHIFT);
			p[o2] = cmacodec_conv_clamp((y + m22 * c + k2) >>
						    CONV_OSHIFT);
		}
		return;
	}
	for (x = 0; x < n; x++, p += step) {
		s32 a = q0[x], b = q1[x], c = q2[x];

		p[o0] = cmacodec_conv_clamp((m00 * a + m01 * b + m02 * c +
					     k0) >> CONV_OSHIFT);
		p[o1] = cmacodec_conv_clamp((m10 * a + m11 * b + m12 * c +
					     k1) >> CONV_OSHIFT);
		p[o2] = cmacodec_conv_clamp((m20 * a + m21 * b + m22 * c +
					     k2) >> CONV_OSHIFT);
	}
}

/**
 * cmacodec_conv_acc_row() - add one row's converted chroma to the sums
 * @j:  the job (R'G'B' source, Y'CbCr destination)
 * @sc: scratch: source components in @sc->q, sums in @sc->acc
 * @n:  pixels
 */
static void cmacodec_conv_acc_row(const struct cmacodec_conv_job *j,
				  struct cmacodec_conv_scratch *sc, u32 n)
{
	const u16 *q0 = sc->q[0], *q1 = sc->q[1], *q2 = sc->q[2];
	u32 sh = j->d.fmt->width_div == 2 ? 1 : 0;
	unsigned int i;
	u32 x;

	for (i = 1; i <= 2; i++) {
		s32 m0 = j->m[i][0], m1 = j->m[i][1], m2 = j->m[i][2];
		/* Q8 result: drop the rounding of the 8-bit result again */
		s32 k = j->k[i] - (1 << (CONV_OSHIFT - 1)) +
			(1 << (CONV_MBITS - 1));
		u32 *acc = sc->acc[i - 1];

		for (x = 0; x < n; x++) {
			s32 v = (m0 * q0[x] + m1 * q1[x] + m2 * q2[x] + k) >>
				CONV_MBITS;

			acc[x >> sh] += v < 0 ? 0 :
					v > CONV_Q8_MAX ? CONV_Q8_MAX : v;
		}
	}
}

/* store the averaged chroma sums as destination chroma row @row */
static void cmacodec_conv_acc_flush(const struct cmacodec_conv_job *j,
				    struct cmacodec_conv_scratch *sc, u32 row)
{
	u32 sh = (j->d.fmt->width_div == 2) + (j->d.fmt->height_div == 2);
	u32 n = j->d.comp[CMACODEC_COMP_CB].w, x;
	unsigned int i;

	for (i = 0; i < 2; i++) {
		const struct cmacodec_conv_comp *cc = &j->d.comp[1 + i];
		u8 *p = cc->base + row * cc->bpl;
		u32 *acc = sc->acc[i];

		for (x = 0; x < n; x++, p += cc->step) {
			*p = (acc[x] + (1U << (7 + sh))) >> (8 + sh);
			acc[x] = 0;
		}
	}
}

/* code value of 0 (Y') or of neutral chroma, component @c */
static s32 cmacodec_conv_offset(bool rgb, bool lim, unsigned int c)
{
	if (rgb)
		return 0;
	if (c)
		return 128;
	return lim ? 16 : 0;
}

/* Q16 product */
static s32 cmacodec_conv_mul16(s32 a, s32 b)
{
	return (s32)(((s64)a * b + (1 << 15)) >> 16);
}

/**
 * cmacodec_conv_matrix_init() - compose the job's colour conversion
 * @j: the job, with @j->s and @j->d resolved
 * @s: source picture
 * @d: destination picture
 *
 * M = E * D, where D decodes source components (Y'CbCr less offsets, or
 * G'B'R') to full range G'B'R' and E encodes G'B'R' to the destination
 * components.  Equal colour encodings give the identity without any
 * arithmetic; Y'CbCr to Y'CbCr never lets Y' into Cb/Cr (exactly zero in
 * theory, so it is made exactly zero here).
 */
static CMACODEC_NOINLINE void
cmacodec_conv_matrix_init(struct cmacodec_conv_job *j,
			  const struct cmacodec_conv_pic *s,
			  const struct cmacodec_conv_pic *d)
{
	bool s_rgb = j->s.cls == CONV_CLASS_RGB, d_rgb = j->d.cls ==
						      CONV_CLASS_RGB;
	bool s_lim = !s_rgb && s->quant == CMACODEC_CONV_QUANT_LIMITED;
	bool d_lim = !d_rgb && d->quant == CMACODEC_CONV_QUANT_LIMITED;
	const struct cmacodec_conv_matrix *sm, *dm;
	/* decode (source to G'B'R'), encode (G'B'R' to destination) */
	s32 mat[2][3][3];
	s32 (*dec)[3] = mat[0], (*enc)[3] = mat[1];
	unsigned int r, c, t;

	sm = s->ycbcr_enc == CMACODEC_CONV_YCBCR_709 ? &cmacodec_conv_709 :
						       &cmacodec_conv_601;
	dm = d->ycbcr_enc == CMACODEC_CONV_YCBCR_709 ? &cmacodec_conv_709 :
						       &cmacodec_conv_601;
	/* GREY has the matrix of the other side */
	if (j->s.cls == CONV_CLASS_GREY && !d_rgb)
		sm = dm;
	if (j->d.cls == CONV_CLASS_GREY && !s_rgb)
		dm = sm;
	memset(mat, 0, sizeof(mat));
	j->ident = s_rgb == d_rgb &&
		   (s_rgb || (s_lim == d_lim &&
			      (s->ycbcr_enc == d->ycbcr_enc ||
			       j->s.cls == CONV_CLASS_GREY ||
			       j->d.cls == CONV_CLASS_GREY)));
	if (j->ident) {
		memset(j->m, 0, sizeof(j->m));
		for (r = 0; r < 3; r++) {
			j->m[r][r] = 1 << CONV_MBITS;
			j->k[r] = 1 << (CONV_OSHIFT - 1);
		}
		j->cross = false;
		return;
	}
	if (s_rgb) {
		for (r = 0; r < 3; r++)
			dec[r][r] = 1 << 16;
	} else {
		s32 ys = s_lim ? CONV_Q16(255, 219) : 1 << 16;
		s32 cs = s_lim ? CONV_Q16(255, 224) : 1 << 16;

		/* rows G', B', R'; columns Y', Cb, Cr */
		dec[0][0] = ys;
		dec[1][0] = ys;
		dec[2][0] = ys;
		if (j->s.cls == CONV_CLASS_YUV) {
			dec[0][1] = cmacodec_conv_mul16(sm->dec_g_cb, cs);
			dec[0][2] = cmacodec_conv_mul16(sm->dec_g_cr, cs);
			dec[1][1] = cmacodec_conv_mul16(sm->dec_b_cb, cs);
			dec[2][2] = cmacodec_conv_mul16(sm->dec_r_cr, cs);
		}
	}
	if (d_rgb) {
		for (r = 0; r < 3; r++)
			enc[r][r] = 1 << 16;
	} else {
		s32 ys = d_lim ? CONV_Q16(219, 255) : 1 << 16;
		s32 cs = d_lim ? CONV_Q16(224, 255) : 1 << 16;

		/* rows Y', Cb, Cr; columns G', B', R' */
		enc[0][0] = cmacodec_conv_mul16(dm->kg, ys);
		enc[0][1] = cmacodec_conv_mul16(dm->kb, ys);
		enc[0][2] = cmacodec_conv_mul16(dm->kr, ys);
		enc[1][0] = cmacodec_conv_mul16(dm->enc_cb_g, cs);
		enc[1][1] = cs / 2;
		enc[1][2] = cmacodec_conv_mul16(dm->enc_cb_r, cs);
		enc[2][0] = cmacodec_conv_mul16(dm->enc_cr_g, cs);
		enc[2][1] = cmacodec_conv_mul16(dm->enc_cr_b, cs);
		enc[2][2] = cs / 2;
	}
	for (r = 0; r < 3; r++) {
		for (c = 0; c < 3; c++) {
			s64 v = 0;

			for (t = 0; t < 3; t++)
				v += (s64)enc[r][t] * dec[t][c];
			/* Q32 to Q12, rounded */
			j->m[r][c] = (s32)((v + (1LL << 19)) >> 20);
		}
	}
	if (!s_rgb && !d_rgb) {
		j->m[1][0] = 0;
		j->m[2][0] = 0;
	}
	for (r = 0; r < 3; r++) {
		s32 k = (cmacodec_conv_offset(d_rgb, d_lim, r) << CONV_OSHIFT) +
			(1 << (CONV_OSHIFT - 1));

		for (c = 0; c < 3; c++)
			k -= j->m[r][c] *
			     (cmacodec_conv_offset(s_rgb, s_lim, c) << 8);
		j->k[r] = k;
	}
	j->cross = j->s.cls == CONV_CLASS_RGB ||
		   (j->s.cls == CONV_CLASS_YUV && (j->m[0][1] || j->m[0][2]));
}

/* same format, size and colour, no flip: copy the rows */
static void cmacodec_conv_copy(const struct cmacodec_conv_params *p,
			       const struct cmacodec_conv_job *j)
{
	const struct cmacodec_pixfmt *f = j->s.fmt;
	unsigned int pl;
	u32 y;

	for (pl = 0; pl < f->planes; pl++) {
		u32 rows = cmacodec_pixfmt_plane_rows(f, pl, p->src.height);
		u32 sbpl = cmacodec_pixfmt_plane_bpl(f, pl,
						     p->src.bytesperline);
		u32 dbpl = cmacodec_pixfmt_plane_bpl(f, pl,
						     p->dst.bytesperline);
		u32 len = pl ? p->src.width / f->width_div * f->chroma_bpp :
			       p->src.width * f->bpp;
		const u8 *s = cmacodec_conv_plane(&p->src, f, pl);
		u8 *d = cmacodec_conv_plane(&p->dst, f, pl);

		for (y = 0; y < rows; y++)
			memcpy(d + y * dbpl, s + y * sbpl, len);
	}
	if (f->components == 4 && !j->d.alpha)
		for (y = 0; y < p->dst.height; y++)
			cmacodec_conv_fill(&j->d.comp[CMACODEC_COMP_ALPHA], y,
					   0xff, p->dst.width);
}

/**
 * cmacodec_conv_luma_rows() - everything stored at destination luma positions
 * @j:  the job
 * @sc: scratch
 *
 * Per destination row: R'G'B' (and alpha), or Y' (and, from an R'G'B'
 * source, the chroma sums, stored every height_div rows).
 */
static CMACODEC_NOINLINE void
cmacodec_conv_luma_rows(const struct cmacodec_conv_job *j,
			struct cmacodec_conv_scratch *sc)
{
	const struct cmacodec_conv_side *s = &j->s, *d = &j->d;
	u32 dw = d->comp[0].w, dh = d->comp[0].h, hd = d->fmt->height_div, y;
	u8 kl = j->map_kind[CONV_MAP_LUMA], klc = j->map_kind[CONV_MAP_LC];
	bool rgb_src = s->cls == CONV_CLASS_RGB;
	bool yuv_dst = d->cls == CONV_CLASS_YUV;
	bool alpha = d->fmt->components == 4;
	unsigned int c;

	if (rgb_src && yuv_dst)
		memset(sc->acc, 0, sizeof(sc->acc));
	for (y = 0; y < dh; y++) {
		cmacodec_conv_interp(sc, sc->q[0], &s->comp[0], y, dh,
				     j->vflip, CONV_MAP_LUMA, kl, dw);
		if (rgb_src) {
			for (c = 1; c < 3; c++)
				cmacodec_conv_interp(sc, sc->q[c],
						     &s->comp[c], y, dh,
						     j->vflip, CONV_MAP_LUMA,
						     kl, dw);
		} else if (j->need_lc) {
			for (c = 1; c < 3; c++)
				cmacodec_conv_interp(sc, sc->q[c],
						     &s->comp[c], y, dh,
						     j->vflip, CONV_MAP_LC,
						     klc, dw);
		}
		if (d->cls == CONV_CLASS_RGB) {
			cmacodec_conv_rgb_row(j, sc, y, dw);
		} else if (j->ident) {
			cmacodec_conv_store(&d->comp[0], y, sc->q[0], dw);
		} else {
			cmacodec_conv_mat_row(j, 0, &d->comp[0], y, sc->q,
					      dw, j->cross);
		}
		if (rgb_src && yuv_dst) {
			cmacodec_conv_acc_row(j, sc, dw);
			if ((y + 1) % hd == 0)
				cmacodec_conv_acc_flush(j, sc, y / hd);
		}
		if (!alpha)
			continue;
		if (s->alpha && d->alpha) {
			cmacodec_conv_interp(sc, sc->q[3], &s->comp[3], y, dh,
					     j->vflip, CONV_MAP_LUMA, kl, dw);
			cmacodec_conv_store(&d->comp[3], y, sc->q[3], dw);
		} else {
			cmacodec_conv_fill(&d->comp[3], y, 0xff, dw);
		}
	}
}

/**
 * cmacodec_conv_chroma_rows() - Y'CbCr destination chroma from Y'CbCr/GREY
 * @j:  the job
 * @sc: scratch
 *
 * Interpolates the source chroma planes at the destination chroma grid and
 * applies the chroma part of the matrix.
 */
static CMACODEC_NOINLINE void
cmacodec_conv_chroma_rows(const struct cmacodec_conv_job *j,
			  struct cmacodec_conv_scratch *sc)
{
	const struct cmacodec_conv_comp *dc = j->d.comp, *scc = j->s.comp;
	u32 dw = dc[1].w, dh = dc[1].h, y;
	u8 kind = j->map_kind[CONV_MAP_CC];
	unsigned int c;

	for (y = 0; y < dh; y++) {
		if (j->s.cls == CONV_CLASS_GREY) {
			cmacodec_conv_fill(&dc[1], y, 128, dw);
			cmacodec_conv_fill(&dc[2], y, 128, dw);
			continue;
		}
		for (c = 1; c < 3; c++)
			cmacodec_conv_interp(sc, sc->q[c], &scc[c], y, dh,
					     j->vflip, CONV_MAP_CC, kind, dw);
		for (c = 1; c < 3; c++) {
			if (j->ident)
				cmacodec_conv_store(&dc[c], y, sc->q[c], dw);
			else
				cmacodec_conv_mat_row(j, c, &dc[c], y, sc->q,
						      dw, true);
		}
	}
}

/*
 * The Y' part of a Y'CbCr to Y'CbCr row uses source components 1 and 2
 * only with cross terms; cmacodec_conv_mat_row() with cross reads all three
 * rows of @q, so they must hold defined samples.
 */
static void cmacodec_conv_neutral(struct cmacodec_conv_scratch *sc, u32 n)
{
	u32 x;

	for (x = 0; x < n; x++) {
		sc->q[1][x] = 128 << 8;
		sc->q[2][x] = 128 << 8;
	}
}

int cmacodec_conv_run(const struct cmacodec_conv_params *p,
		      struct cmacodec_conv_scratch *sc)
{
	struct cmacodec_conv_job *j = &sc->job;
	bool hflip = p->flags & CMACODEC_CONV_HFLIP;
	u32 dw = p->dst.width;
	int ret;

	ret = cmacodec_conv_check(p);
	if (ret)
		return ret;
	memset(j, 0, sizeof(*j));
	cmacodec_conv_side_init(&j->s, &p->src);
	cmacodec_conv_side_init(&j->d, &p->dst);
	j->vflip = p->flags & CMACODEC_CONV_VFLIP;
	cmacodec_conv_matrix_init(j, &p->src, &p->dst);
	if (p->src.fourcc == p->dst.fourcc && !p->flags && j->ident &&
	    p->src.width == dw && p->src.height == p->dst.height) {
		cmacodec_conv_copy(p, j);
		return 0;
	}
	j->need_lc = j->s.cls == CONV_CLASS_YUV &&
		    (j->d.cls == CONV_CLASS_RGB || j->cross);
	j->map_kind[CONV_MAP_LUMA] =
		cmacodec_conv_map_init(&sc->map[CONV_MAP_LUMA], dw,
				       p->src.width, hflip);
	if (j->need_lc)
		j->map_kind[CONV_MAP_LC] =
			cmacodec_conv_map_init(&sc->map[CONV_MAP_LC], dw,
					       j->s.comp[1].w, hflip);
	if (j->s.cls == CONV_CLASS_GREY)
		cmacodec_conv_neutral(sc, dw);
	cmacodec_conv_luma_rows(j, sc);
	if (j->d.cls == CONV_CLASS_YUV && j->s.cls != CONV_CLASS_RGB) {
		if (j->s.cls == CONV_CLASS_YUV)
			j->map_kind[CONV_MAP_CC] =
				cmacodec_conv_map_init(&sc->map[CONV_MAP_CC],
						       j->d.comp[1].w,
						       j->s.comp[1].w, hflip);
		cmacodec_conv_chroma_rows(j, sc);
	}
	return 0;
}
