// SPDX-License-Identifier: GPL-2.0-only
/*
 * cmacodec emulated FWHT codec core: the processing engine.
 *
 * This is the only part of the model that calls the codec core.  It runs
 * one job on buffers that cmacodec-hw.c has already mapped.
 *
 * The core keeps no state between jobs except what lives in the REF
 * buffer, which the driver allocates (REF_SIZE_REQ bytes) and owns:
 *
 *   +------------------------------+  0
 *   | struct cmacodec_hw_ref_rec   |  the core's context record
 *   +------------------------------+  CMACODEC_HW_REF_REC_SIZE
 *   | codec reference frame        |  cmacodec_fwht_ref_size() bytes
 *   +------------------------------+
 *
 * The context record says whether the reference frame is valid and for
 * which stream (mode, format, size) it was written.  A freshly allocated
 * REF buffer is zeroed by the DMA allocator and therefore invalid, so the
 * first frame after (re)allocation is coded or must be decoded as an I
 * frame.
 */
#include <linux/mm.h>
#include <linux/slab.h>
#include <linux/string.h>

#include "cmacodec-hw-regs.h"
#include "cmacodec-hw-priv.h"
#include "../codec/cmacodec-conv.h"
#include "../codec/cmacodec-fwht.h"

#define CMACODEC_HW_REF_MAGIC		0x43524546	/* "CREF" */
#define CMACODEC_HW_REF_REC_SIZE	64

/**
 * struct cmacodec_hw_ref_rec - core context record at the start of REF
 * @magic:  CMACODEC_HW_REF_MAGIC when the record was ever written
 * @ctrl:   CMACODEC_CTRL_DECODE of the stream the reference belongs to
 * @fourcc: raw format of that stream
 * @width:  visible width of that stream
 * @height: visible height of that stream
 * @valid:  the reference frame holds a usable picture
 */
struct cmacodec_hw_ref_rec {
	u32 magic;
	u32 ctrl;
	u32 fourcc;
	u32 width;
	u32 height;
	u32 valid;
};

/**
 * struct cmacodec_hw_engine - scratch memory of the core
 * @enc: encoder context, rebuilt for every job
 * @dec: decoder context, rebuilt for every job
 * @conv: converter line buffers and coordinate tables
 */
struct cmacodec_hw_engine {
	struct cmacodec_fwht_enc enc;
	struct cmacodec_fwht_dec dec;
	struct cmacodec_conv_scratch conv;
};

/* the scratch memory is over 100 KiB: it need not be physically contiguous */
struct cmacodec_hw_engine *cmacodec_hw_engine_create(void)
{
	return kvzalloc(sizeof(struct cmacodec_hw_engine), GFP_KERNEL);
}

void cmacodec_hw_engine_destroy(struct cmacodec_hw_engine *eng)
{
	kvfree(eng);
}

/**
 * cmacodec_hw_engine_ref_size() - the value of REF_SIZE_REQ
 * @fourcc:  FOURCC register
 * @coded_w: coded width
 * @coded_h: coded height
 *
 * The codec's reference size only grows with the picture size, so the
 * size for the coded size serves every visible size that fits in it.
 *
 * Return: bytes, 0 for an unsupported format or size.
 */
u32 cmacodec_hw_engine_ref_size(u32 fourcc, u32 coded_w, u32 coded_h)
{
	u32 size = cmacodec_fwht_ref_size(fourcc, coded_w, coded_h);

	return size ? size + CMACODEC_HW_REF_REC_SIZE : 0;
}

/**
 * cmacodec_hw_engine_dst_size() - the value of DST_SIZE_REQ
 * @fourcc:  FOURCC register
 * @coded_w: coded width
 * @coded_h: coded height
 *
 * Return: DST bytes that always hold an encoded frame, 0 if unsupported.
 */
u32 cmacodec_hw_engine_dst_size(u32 fourcc, u32 coded_w, u32 coded_h)
{
	const struct cmacodec_pixfmt *fmt = cmacodec_pixfmt_find(fourcc);

	if (!fmt || !coded_w || !coded_h)
		return 0;
	return cmacodec_pixfmt_fwht_sizeimage(fmt, coded_w, coded_h);
}

/**
 * cmacodec_hw_engine_check() - validate the job registers
 * @job:   latched registers
 * @max_w: MAX_SIZE width
 * @max_h: MAX_SIZE height
 *
 * Return: 0 or a CMACODEC_ERR_* code.
 */
u32 cmacodec_hw_engine_check(const struct cmacodec_hw_job *job,
			     u32 max_w, u32 max_h)
{
	const struct cmacodec_pixfmt *fmt = cmacodec_pixfmt_find(job->fourcc);
	u32 min_bpl;

	/* the converter validates its whole job itself, see below */
	if (job->ctrl & CMACODEC_CTRL_CONVERT)
		return job->coded_w > max_w || job->coded_h > max_h ||
		       job->dst_w > max_w || job->dst_h > max_h ?
		       CMACODEC_ERR_BAD_PARAM : 0;
	if (!fmt || !job->coded_w || !job->coded_h ||
	    job->coded_w > max_w || job->coded_h > max_h)
		return CMACODEC_ERR_BAD_PARAM;
	if (job->coded_w != cmacodec_pixfmt_coded_width(fmt, job->coded_w) ||
	    job->coded_h != cmacodec_pixfmt_coded_height(fmt, job->coded_h))
		return CMACODEC_ERR_BAD_PARAM;
	min_bpl = cmacodec_pixfmt_bytesperline(fmt, job->coded_w);
	if (job->bytesperline < min_bpl)
		return CMACODEC_ERR_BAD_PARAM;
	/* the encoder and the stateless decoder take the size from PIC_SIZE */
	if ((!(job->ctrl & CMACODEC_CTRL_DECODE) ||
	     (job->ctrl & CMACODEC_CTRL_STATELESS)) &&
	    (!job->pic_w || !job->pic_h ||
	     job->pic_w > job->coded_w || job->pic_h > job->coded_h))
		return CMACODEC_ERR_BAD_PARAM;
	if (job->ref_size < cmacodec_hw_engine_ref_size(job->fourcc,
							job->coded_w,
							job->coded_h))
		return CMACODEC_ERR_REF_SIZE;
	return 0;
}

/* Was the reference written for this stream, and is it usable? */
static bool cmacodec_hw_ref_valid(const struct cmacodec_hw_ref_rec *rec,
				  u32 ctrl, u32 fourcc, u32 w, u32 h)
{
	return rec->magic == CMACODEC_HW_REF_MAGIC && rec->valid &&
	       rec->ctrl == (ctrl & CMACODEC_CTRL_DECODE) &&
	       rec->fourcc == fourcc && rec->width == w && rec->height == h;
}

static void cmacodec_hw_ref_store(struct cmacodec_hw_ref_rec *rec, u32 ctrl,
				  u32 fourcc, u32 w, u32 h, bool valid)
{
	rec->magic = CMACODEC_HW_REF_MAGIC;
	rec->ctrl = ctrl & CMACODEC_CTRL_DECODE;
	rec->fourcc = fourcc;
	rec->width = w;
	rec->height = h;
	rec->valid = valid;
}

static u32 cmacodec_hw_codec_err(int err)
{
	switch (-err) {
	case CMACODEC_FWHT_ENOSPC:
		return CMACODEC_ERR_DST_OVERFLOW;
	case CMACODEC_FWHT_EINVAL:
	case CMACODEC_FWHT_EFOURCC:
		return CMACODEC_ERR_BAD_PARAM;
	default:
		return CMACODEC_ERR_STREAM;
	}
}

/*
 * A raw picture for the codec core: contiguous from @pl[0], or with
 * @mplane each colour plane at its own address.
 */
static void cmacodec_hw_raw(struct cmacodec_fwht_raw *raw,
			    const struct cmacodec_hw_job *job,
			    u8 * const *pl, const u32 *size, bool mplane)
{
	unsigned int p;

	memset(raw, 0, sizeof(*raw));
	raw->buf = pl[0];
	raw->size = size[0];
	raw->bytesperline = job->bytesperline;
	raw->coded_height = job->coded_h;
	if (!mplane)
		return;
	for (p = 0; p < CMACODEC_HW_PLANES; p++) {
		raw->plane[p] = pl[p];
		raw->plane_size[p] = size[p];
	}
}

static void cmacodec_hw_encode(struct cmacodec_hw_engine *eng,
			       const struct cmacodec_hw_job *job,
			       const struct cmacodec_hw_maps *m,
			       struct cmacodec_hw_result *res)
{
	u8 *dst = m->dst[0], *ref = m->ref;
	struct cmacodec_hw_ref_rec *rec = (struct cmacodec_hw_ref_rec *)ref;
	struct cmacodec_fwht_enc *enc = &eng->enc;
	struct cmacodec_fwht_enc_params params = {
		.i_frame_qp = CMACODEC_QP_I(job->qp),
		.p_frame_qp = CMACODEC_QP_P(job->qp),
		.is_intra = job->ctrl & CMACODEC_CTRL_I_FRAME,
		.next_is_intra = job->ctrl & CMACODEC_CTRL_NEXT_IS_I,
		.color = {
			.colorspace = job->colorimetry & 0xff,
			.xfer_func = (job->colorimetry >> 8) & 0xff,
			.ycbcr_enc = (job->colorimetry >> 16) & 0xff,
			.quantization = job->colorimetry >> 24,
		},
	};
	struct cmacodec_fwht_raw raw;
	bool had_ref;
	u32 flags = 0;
	int ret;

	cmacodec_hw_raw(&raw, job, m->src, m->src_size,
			job->ctrl & CMACODEC_CTRL_SRC_MPLANE);
	ret = cmacodec_fwht_enc_init(enc, job->fourcc, job->pic_w, job->pic_h,
				     ref + CMACODEC_HW_REF_REC_SIZE,
				     job->ref_size - CMACODEC_HW_REF_REC_SIZE);
	if (ret)
		goto err;

	/*
	 * The codec core keeps "the reference is valid" in its context,
	 * which this core rebuilds for every job; the record in REF carries
	 * it from one job to the next.
	 */
	had_ref = cmacodec_hw_ref_valid(rec, job->ctrl, job->fourcc,
					job->pic_w, job->pic_h);
	enc->ref_valid = had_ref;

	ret = cmacodec_fwht_encode(enc, &raw, &params, dst, job->dst_size,
				   &flags);
	cmacodec_hw_ref_store(rec, job->ctrl, job->fourcc, job->pic_w,
			      job->pic_h, ret >= 0 && enc->ref_valid);
	if (ret < 0)
		goto err;

	res->len = ret;
	if (!(flags & CMACODEC_FWHT_FL_I_FRAME))
		res->flags |= CMACODEC_RESULT_P_FRAME;
	return;
err:
	res->irq = CMACODEC_IRQ_ERROR;
	res->error = cmacodec_hw_codec_err(ret);
}

static void cmacodec_hw_decode(struct cmacodec_hw_engine *eng,
			       const struct cmacodec_hw_job *job,
			       const struct cmacodec_hw_maps *m,
			       struct cmacodec_hw_result *res)
{
	u8 *src = m->src[0], *ref = m->ref;
	struct cmacodec_hw_ref_rec *rec = (struct cmacodec_hw_ref_rec *)ref;
	const struct cmacodec_pixfmt *fmt = cmacodec_pixfmt_find(job->fourcc);
	struct cmacodec_fwht_dec *dec = &eng->dec;
	struct cmacodec_fwht_stream_info info;
	struct cmacodec_fwht_raw raw;
	int ret;

	cmacodec_hw_raw(&raw, job, m->dst, m->dst_size,
			job->ctrl & CMACODEC_CTRL_DST_MPLANE);
	ret = cmacodec_fwht_parse_header(src, job->src_size, &info);
	if (ret)
		goto err;
	/* the picture must fit into the programmed buffer layout */
	if (cmacodec_pixfmt_coded_width(fmt, info.width) > job->coded_w ||
	    cmacodec_pixfmt_coded_height(fmt, info.height) > job->coded_h) {
		ret = -CMACODEC_FWHT_ERESOLUTION;
		goto err;
	}

	ret = cmacodec_fwht_dec_init(dec, job->fourcc, info.width, info.height,
				     ref + CMACODEC_HW_REF_REC_SIZE,
				     job->ref_size - CMACODEC_HW_REF_REC_SIZE);
	if (ret)
		goto err;
	/* see cmacodec_hw_encode() */
	dec->ref_valid = cmacodec_hw_ref_valid(rec, job->ctrl, job->fourcc,
					       info.width, info.height);

	ret = cmacodec_fwht_decode(dec, src, job->src_size, &raw, &info);
	cmacodec_hw_ref_store(rec, job->ctrl, job->fourcc, info.width,
			      info.height, ret >= 0 && dec->ref_valid);
	if (ret < 0)
		goto err;

	res->len = cmacodec_pixfmt_sizeimage(fmt, job->bytesperline,
					     job->coded_h);
	if (!info.is_intra)
		res->flags |= CMACODEC_RESULT_P_FRAME;
	return;
err:
	res->irq = CMACODEC_IRQ_ERROR;
	res->error = cmacodec_hw_codec_err(ret);
}

/*
 * Stateless decode: the header comes from registers, the reference from
 * REFPIC; REF is scratch.  The header is rebuilt in the stream's own
 * layout so that the codec core checks it exactly as it checks a frame of
 * a stateful stream.
 */
static void cmacodec_hw_decode_stateless(struct cmacodec_hw_engine *eng,
					 const struct cmacodec_hw_job *job,
					 const struct cmacodec_hw_maps *m,
					 struct cmacodec_hw_result *res)
{
	bool mplane = job->ctrl & CMACODEC_CTRL_DST_MPLANE;
	u8 *src = m->src[0], *ref = m->ref;
	struct cmacodec_hw_ref_rec *rec = (struct cmacodec_hw_ref_rec *)ref;
	const struct cmacodec_pixfmt *fmt = cmacodec_pixfmt_find(job->fourcc);
	struct cmacodec_fwht_dec *dec = &eng->dec;
	struct cmacodec_fwht_stream_info info;
	struct cmacodec_fwht_header hdr = {
		.magic1 = CMACODEC_FWHT_MAGIC1,
		.magic2 = CMACODEC_FWHT_MAGIC2,
		.version = cpu_to_be32(job->hdr_version),
		.width = cpu_to_be32(job->pic_w),
		.height = cpu_to_be32(job->pic_h),
		.flags = cpu_to_be32(job->hdr_flags),
		.colorspace = cpu_to_be32(job->colorimetry & 0xff),
		.xfer_func = cpu_to_be32((job->colorimetry >> 8) & 0xff),
		.ycbcr_enc = cpu_to_be32((job->colorimetry >> 16) & 0xff),
		.quantization = cpu_to_be32(job->colorimetry >> 24),
		.size = cpu_to_be32(job->src_size),
	};
	struct cmacodec_fwht_raw raw;
	int ret;

	cmacodec_hw_raw(&raw, job, m->dst, m->dst_size, mplane);
	/* REF holds no context record for the next job */
	cmacodec_hw_ref_store(rec, job->ctrl, job->fourcc, job->pic_w,
			      job->pic_h, false);
	ret = cmacodec_fwht_dec_init(dec, job->fourcc, job->pic_w, job->pic_h,
				     ref + CMACODEC_HW_REF_REC_SIZE,
				     job->ref_size - CMACODEC_HW_REF_REC_SIZE);
	if (ret)
		goto err;
	if (m->refpic[0]) {
		struct cmacodec_fwht_raw pic;

		cmacodec_hw_raw(&pic, job, m->refpic, m->refpic_size, mplane);
		ret = cmacodec_fwht_dec_set_ref(dec, &pic);
		if (ret)
			goto err;
	}
	ret = cmacodec_fwht_decode_payload(dec, (const u8 *)&hdr, src,
					   job->src_size, &raw, &info);
	if (ret < 0)
		goto err;

	res->len = cmacodec_pixfmt_sizeimage(fmt, job->bytesperline,
					     job->coded_h);
	if (!info.is_intra)
		res->flags |= CMACODEC_RESULT_P_FRAME;
	return;
err:
	res->irq = CMACODEC_IRQ_ERROR;
	res->error = cmacodec_hw_codec_err(ret);
}

static void cmacodec_hw_convert(struct cmacodec_hw_engine *eng,
				const struct cmacodec_hw_job *job,
				const struct cmacodec_hw_maps *m,
				struct cmacodec_hw_result *res)
{
	struct cmacodec_conv_params p = {
		.src = {
			.fourcc = job->fourcc,
			.width = job->coded_w,
			.height = job->coded_h,
			.bytesperline = job->bytesperline,
			.ycbcr_enc = (job->colorimetry >> 16) & 0xff,
			.quant = job->colorimetry >> 24,
			.buf = m->src[0],
			.size = m->src_size[0],
		},
		.dst = {
			.fourcc = job->dst_fourcc,
			.width = job->dst_w,
			.height = job->dst_h,
			.bytesperline = job->dst_bytesperline,
			.ycbcr_enc = (job->dst_colorimetry >> 16) & 0xff,
			.quant = job->dst_colorimetry >> 24,
			.buf = m->dst[0],
			.size = m->dst_size[0],
		},
	};
	const struct cmacodec_pixfmt *dst_fmt;
	unsigned int pl;
	int ret;

	for (pl = 0; pl < CMACODEC_HW_PLANES; pl++) {
		if (job->ctrl & CMACODEC_CTRL_SRC_MPLANE) {
			p.src.plane[pl] = m->src[pl];
			p.src.plane_size[pl] = m->src_size[pl];
		}
		if (job->ctrl & CMACODEC_CTRL_DST_MPLANE) {
			p.dst.plane[pl] = m->dst[pl];
			p.dst.plane_size[pl] = m->dst_size[pl];
		}
	}
	if (job->ctrl & CMACODEC_CTRL_HFLIP)
		p.flags |= CMACODEC_CONV_HFLIP;
	if (job->ctrl & CMACODEC_CTRL_VFLIP)
		p.flags |= CMACODEC_CONV_VFLIP;

	ret = cmacodec_conv_run(&p, &eng->conv);
	if (ret) {
		res->irq = CMACODEC_IRQ_ERROR;
		res->error = ret == -CMACODEC_CONV_ENOSPC ?
			     CMACODEC_ERR_DST_OVERFLOW : CMACODEC_ERR_BAD_PARAM;
		return;
	}
	dst_fmt = cmacodec_pixfmt_find(job->dst_fourcc);
	res->len = cmacodec_pixfmt_sizeimage(dst_fmt, job->dst_bytesperline,
					     job->dst_h);
}

/**
 * cmacodec_hw_engine_run() - process one job
 * @eng: engine scratch memory
 * @job: latched registers, checked with cmacodec_hw_engine_check()
 * @m:   the job's buffers, mapped
 * @res: receives the outcome
 */
void cmacodec_hw_engine_run(struct cmacodec_hw_engine *eng,
			    const struct cmacodec_hw_job *job,
			    const struct cmacodec_hw_maps *m,
			    struct cmacodec_hw_result *res)
{
	if (job->ctrl & CMACODEC_CTRL_CONVERT)
		cmacodec_hw_convert(eng, job, m, res);
	else if ((job->ctrl & CMACODEC_CTRL_DECODE) &&
		 (job->ctrl & CMACODEC_CTRL_STATELESS))
		cmacodec_hw_decode_stateless(eng, job, m, res);
	else if (job->ctrl & CMACODEC_CTRL_DECODE)
		cmacodec_hw_decode(eng, job, m, res);
	else
		cmacodec_hw_encode(eng, job, m, res);
}
