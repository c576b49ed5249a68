// SPDX-License-Identifier: GPL-2.0
/*
 * cmacodec: FWHT frame layer, shared part - plane geometry, raw frame
 * layout, stream header parsing, error strings.  The encoder is in
 * cmacodec-fwht-enc.c, the decoder in cmacodec-fwht-dec.c, the block
 * maths in cmacodec-fwht-block.c.
 *
 * Reference frame layout (private to the core, the same for encoder and
 * decoder): one plane per component in stream order (luma, Cb, Cr, alpha),
 * each a run of 8x8 blocks of 64 bytes in raster block order.  A plane of
 * w x h samples has ceil(w / 8) x ceil(h / 8) blocks, where chroma planes
 * have (width / width_div) x (height / height_div) samples (rounded down,
 * as the stream defines them).
 */
#include "cmacodec-fwht.h"
#include "cmacodec-fwht-priv.h"

const u32 cmacodec_raw_flag[CMACODEC_COMP_MAX] = {
	CMACODEC_FWHT_FL_LUMA_IS_UNCOMPRESSED,
	CMACODEC_FWHT_FL_CB_IS_UNCOMPRESSED,
	CMACODEC_FWHT_FL_CR_IS_UNCOMPRESSED,
	CMACODEC_FWHT_FL_ALPHA_IS_UNCOMPRESSED,
};

static const char * const cmacodec_fwht_errstr[CMACODEC_FWHT_ERR_COUNT] = {
	[CMACODEC_FWHT_OK] = "success",
	[CMACODEC_FWHT_EINVAL] = "invalid argument",
	[CMACODEC_FWHT_EFOURCC] = "unsupported raw pixel format",
	[CMACODEC_FWHT_ENOSPC] = "buffer too small",
	[CMACODEC_FWHT_ETRUNC] = "compressed frame truncated",
	[CMACODEC_FWHT_EMAGIC] = "bad magic in stream header",
	[CMACODEC_FWHT_EVERSION] = "unsupported stream header version",
	[CMACODEC_FWHT_ESIZE] = "frame width or height zero or too large",
	[CMACODEC_FWHT_EFLAGS] = "bad component count or pixel encoding",
	[CMACODEC_FWHT_EFORMAT] = "stream does not match the raw format",
	[CMACODEC_FWHT_ERESOLUTION] = "stream size differs from the configured size",
	[CMACODEC_FWHT_ECORRUPT] = "corrupt compressed payload",
	[CMACODEC_FWHT_ENOREF] = "P-frame without a reference frame",
};

const char *cmacodec_fwht_strerror(int err)
{
	unsigned int e = err < 0 ? (unsigned int)-err : (unsigned int)err;

	if (e >= CMACODEC_FWHT_ERR_COUNT)
		return "unknown error";
	return cmacodec_fwht_errstr[e];
}

void cmacodec_geom_init(struct cmacodec_geom *g,
			const struct cmacodec_pixfmt *fmt, u32 width, u32 height)
{
	u32 off = 0;
	unsigned int c;

	g->ncomp = fmt->components;
	for (c = 0; c < g->ncomp; c++) {
		bool chroma = c == CMACODEC_COMP_CB || c == CMACODEC_COMP_CR;

		g->w[c] = chroma ? width / fmt->width_div : width;
		g->h[c] = chroma ? height / fmt->height_div : height;
		g->bw[c] = (g->w[c] + 7) / 8;
		g->bh[c] = (g->h[c] + 7) / 8;
		g->ref_off[c] = off;
		off += g->bw[c] * g->bh[c] * 64;
	}
	g->ref_size = off;
}

bool cmacodec_size_ok(u32 width, u32 height)
{
	return width && height && width <= CMACODEC_FWHT_MAX_WIDTH &&
	       height <= CMACODEC_FWHT_MAX_HEIGHT;
}

u32 cmacodec_fwht_ref_size(u32 fourcc, u32 width, u32 height)
{
	const struct cmacodec_pixfmt *fmt = cmacodec_pixfmt_find(fourcc);
	struct cmacodec_geom g;

	if (!fmt || !cmacodec_size_ok(width, height))
		return 0;
	cmacodec_geom_init(&g, fmt, width, height);
	return g.ref_size;
}

/*
 * Samples of component @c that the codec touches: the whole block grid,
 * and for the decoder also every visible chroma sample (see
 * cmacodec_fill_chroma_edge()).
 */
static void cmacodec_touched(const struct cmacodec_pixfmt *fmt,
			     const struct cmacodec_geom *g, unsigned int c,
			     u32 width, u32 height, u32 *cols, u32 *rows)
{
	u32 vis_w = width, vis_h = height;

	if (c == CMACODEC_COMP_CB || c == CMACODEC_COMP_CR) {
		vis_w = (width + fmt->width_div - 1) / fmt->width_div;
		vis_h = (height + fmt->height_div - 1) / fmt->height_div;
	}
	*cols = g->bw[c] * 8 > vis_w ? g->bw[c] * 8 : vis_w;
	*rows = g->bh[c] * 8 > vis_h ? g->bh[c] * 8 : vis_h;
}

/*
 * Resolve the component addresses of @raw and check that every sample the
 * codec may touch lies inside the buffer(s).
 */
CMACODEC_NOINLINE int
cmacodec_layout_init(struct cmacodec_layout *lay,
		     const struct cmacodec_pixfmt *fmt,
		     const struct cmacodec_geom *g,
		     const struct cmacodec_fwht_raw *raw, u32 width, u32 height)
{
	u8 *pbase[CMACODEC_MAX_PLANES];
	u32 pbpl[CMACODEC_MAX_PLANES], prows[CMACODEC_MAX_PLANES];
	u32 bpl = raw->bytesperline, coded_h = raw->coded_height;
	u64 end = 0;
	unsigned int p, c;

	if (!bpl) {
		u32 coded_w = cmacodec_pixfmt_coded_width(fmt, width);

		bpl = cmacodec_pixfmt_bytesperline(fmt, coded_w);
	}
	if (!coded_h)
		coded_h = cmacodec_pixfmt_coded_height(fmt, height);

	for (p = 0; p < fmt->planes; p++) {
		u64 bytes;

		pbpl[p] = cmacodec_pixfmt_plane_bpl(fmt, p, bpl);
		prows[p] = cmacodec_pixfmt_plane_rows(fmt, p, coded_h);
		bytes = (u64)pbpl[p] * prows[p];
		if (raw->plane[0]) {
			pbase[p] = raw->plane[p];
			if (!pbase[p] || bytes > raw->plane_size[p])
				return -CMACODEC_FWHT_ENOSPC;
		} else {
			if (!raw->buf)
				return -CMACODEC_FWHT_EINVAL;
			pbase[p] = raw->buf + end;
			end += bytes;
			if (end > raw->size)
				return -CMACODEC_FWHT_ENOSPC;
		}
	}

	for (c = 0; c < g->ncomp; c++) {
		const struct cmacodec_comp_pos *pos = &fmt->comp[c];
		u32 cols, rows;

		cmacodec_touched(fmt, g, c, width, height, &cols, &rows);
		if (rows > prows[pos->plane] ||
		    (cols && (u64)pos->offset + (u64)(cols - 1) * pos->step >=
			     pbpl[pos->plane]))
			return -CMACODEC_FWHT_ENOSPC;
		lay->base[c] = pbase[pos->plane] + pos->offset;
		lay->stride[c] = pbpl[pos->plane];
		lay->step[c] = pos->step;
	}
	return 0;
}

int cmacodec_ctx_setup(const struct cmacodec_pixfmt **pfmt, u32 fourcc,
		       u32 width, u32 height, void *ref, u32 ref_size)
{
	const struct cmacodec_pixfmt *fmt = cmacodec_pixfmt_find(fourcc);

	if (!fmt)
		return -CMACODEC_FWHT_EFOURCC;
	if (!cmacodec_size_ok(width, height))
		return -CMACODEC_FWHT_ESIZE;
	if (!ref)
		return -CMACODEC_FWHT_EINVAL;
	if (ref_size < cmacodec_fwht_ref_size(fourcc, width, height))
		return -CMACODEC_FWHT_ENOSPC;
	*pfmt = fmt;
	return 0;
}

/* ---------------------------------------------------------------------
 * Stream header
 */

int cmacodec_fwht_parse_header(const u8 *buf, u32 len,
			       struct cmacodec_fwht_stream_info *info)
{
	struct cmacodec_fwht_header h;
	u32 flags;

	if (!buf || !info)
		return -CMACODEC_FWHT_EINVAL;
	memset(info, 0, sizeof(*info));
	if (len < CMACODEC_FWHT_HEADER_SIZE)
		return -CMACODEC_FWHT_ETRUNC;
	memcpy(&h, buf, sizeof(h));
	if (h.magic1 != CMACODEC_FWHT_MAGIC1 ||
	    h.magic2 != CMACODEC_FWHT_MAGIC2)
		return -CMACODEC_FWHT_EMAGIC;

	flags = cmacodec_be32_to_cpu(h.flags);
	info->version = cmacodec_be32_to_cpu(h.version);
	info->width = cmacodec_be32_to_cpu(h.width);
	info->height = cmacodec_be32_to_cpu(h.height);
	info->flags = flags;
	info->width_div = flags & CMACODEC_FWHT_FL_CHROMA_FULL_WIDTH ? 1 : 2;
	info->height_div = flags & CMACODEC_FWHT_FL_CHROMA_FULL_HEIGHT ? 1 : 2;
	info->is_intra = !!(flags & CMACODEC_FWHT_FL_I_FRAME);
	info->color.colorspace = cmacodec_be32_to_cpu(h.colorspace);
	info->color.xfer_func = cmacodec_be32_to_cpu(h.xfer_func);
	info->color.ycbcr_enc = cmacodec_be32_to_cpu(h.ycbcr_enc);
	info->color.quantization = cmacodec_be32_to_cpu(h.quantization);
	info->payload_size = cmacodec_be32_to_cpu(h.size);
	info->frame_size = info->payload_size + CMACODEC_FWHT_HEADER_SIZE;
	if (info->frame_size < info->payload_size)
		info->frame_size = 0xffffffffU;

	if (!info->version || info->version > CMACODEC_FWHT_VERSION)
		return -CMACODEC_FWHT_EVERSION;
	if (!cmacodec_size_ok(info->width, info->height))
		return -CMACODEC_FWHT_ESIZE;
	info->components = 3;
	if (info->version >= 2) {
		info->components = 1 + ((flags &
					 CMACODEC_FWHT_FL_COMPONENTS_NUM_MSK) >>
					CMACODEC_FWHT_FL_COMPONENTS_NUM_OFFSET);
		info->pixenc = (flags & CMACODEC_FWHT_FL_PIXENC_MSK) >>
			       CMACODEC_FWHT_FL_PIXENC_OFFSET;
		if (!info->pixenc)
			return -CMACODEC_FWHT_EFLAGS;
	}
	if (!cmacodec_pixfmt_find_compatible(info->components, info->width_div,
					     info->height_div, info->pixenc, 0))
		return -CMACODEC_FWHT_EFLAGS;
	return 0;
}
