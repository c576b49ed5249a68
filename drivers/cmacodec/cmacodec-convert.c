// SPDX-License-Identifier: GPL-2.0-only
/*
 * cmacodec: the converter node - format conversion, scaling and flips on
 * the emulated core (CTRL.CONVERT), with the same dma-contig buffers and
 * mem2mem scheduling as the codec nodes.
 *
 * Both queues carry raw pictures of the catalogue's Y'CbCr, R'G'B' and
 * GREY formats.  Unlike the codec nodes the converter has no block
 * alignment: a width/height only has to be a multiple of the format's
 * chroma subsampling, and a client's larger bytesperline is honoured, so
 * buffers of other devices (GStreamer pools, DMABUF importers with stride
 * requirements) fit.  OUTPUT and CAPTURE sizes are independent; the core
 * scales the whole OUTPUT picture onto the whole CAPTURE picture.
 *
 * Colorimetry: OUTPUT carries the client's.  CAPTURE has OUTPUT's
 * colorspace and transfer function (the core converts neither primaries
 * nor transfer curves).  Its Y'CbCr matrix and quantization follow OUTPUT
 * unless the client asks for others with V4L2_PIX_FMT_FLAG_SET_CSC, which
 * the Y'CbCr formats advertise (V4L2_FMT_FLAG_CSC_YCBCR_ENC and
 * _QUANTIZATION); R'G'B' is always full range.  The core knows the BT.601
 * and BT.709 matrices; others are done with the nearest, BT.709.
 *
 * Locking is that of the codec nodes (cmacodec.h): node->lock for the
 * ioctls, node->hw_lock around programming a job, ctx->irqlock for the
 * fields the job path reads (formats, flips).
 */
#include <linux/kernel.h>
#include <linux/minmax.h>
#include <media/v4l2-event.h>
#include <media/v4l2-ioctl.h>
#include <media/videobuf2-dma-contig.h>

#include "cmacodec.h"
#include "cmacodec-compat.h"
#include "hw/cmacodec-hw.h"

/* largest bytesperline accepted: a 4096 pixel row of a 32-bit format */
#define CMACODEC_CVT_MAX_BPL	(CMACODEC_MAX_WIDTH * 4)

static struct cmacodec_ctx *cmacodec_cvt_ctx(struct file *file)
{
	return cmacodec_fh_to_ctx(cmacodec_file_to_fh(file));
}

/* the core converts every catalogue format but the HSV ones */
static bool cmacodec_cvt_fmt_ok(const struct cmacodec_pixfmt *raw)
{
	return raw && raw->pixenc != CMACODEC_PIXENC_HSV;
}

/* R'G'B' (GREY is labelled RGB in the catalogue, but it is luma) */
static bool cmacodec_cvt_is_rgb(const struct cmacodec_pixfmt *raw)
{
	return raw->pixenc == CMACODEC_PIXENC_RGB && raw->components >= 3;
}

static const struct cmacodec_pixfmt *cmacodec_cvt_fmt_get(unsigned int index)
{
	const struct cmacodec_pixfmt *raw;
	unsigned int i;

	for (i = 0; (raw = cmacodec_pixfmt_get(i)); i++) {
		if (!cmacodec_cvt_fmt_ok(raw))
			continue;
		if (!index--)
			return raw;
	}
	return NULL;
}

/* cmacodec_mfmt_enum(): the multi-planar layouts the core converts */
static bool cmacodec_cvt_accept(const struct cmacodec_pixfmt *raw,
				const void *arg)
{
	return cmacodec_cvt_fmt_ok(raw);
}

/* a format the converter takes, as ENUM_FMT lists them */
static bool cmacodec_cvt_fmt_find(const struct cmacodec_ctx *ctx, u32 fourcc,
				  struct cmacodec_fmt *fmt)
{
	return cmacodec_fmt_lookup(ctx, fourcc, fmt) &&
	       cmacodec_cvt_fmt_ok(fmt->raw);
}

/**
 * cmacodec_cvt_set_q() - compute a converter format
 * @q:      receives the format (the sequence counter is left alone)
 * @raw:    catalogue entry the converter supports
 * @width:  requested width
 * @height: requested height
 * @bpl:    requested bytesperline, 0 for the smallest
 *
 * Sizes are clamped to CMACODEC_CVT_MIN_SIZE..MAX and rounded up to the
 * chroma subsampling; bytesperline to at least a whole row and to the
 * horizontal subsampling, so that every chroma row is whole bytes.
 */
static void cmacodec_cvt_set_q(struct cmacodec_q_data *q,
			       const struct cmacodec_pixfmt *raw, u32 width,
			       u32 height, u32 bpl)
{
	u32 min_bpl;

	width = clamp(width, CMACODEC_CVT_MIN_SIZE, CMACODEC_MAX_WIDTH);
	height = clamp(height, CMACODEC_CVT_MIN_SIZE, CMACODEC_MAX_HEIGHT);
	width = round_up(width, raw->width_div);
	height = round_up(height, raw->height_div);
	min_bpl = cmacodec_pixfmt_bytesperline(raw, width);

	cmacodec_q_set_raw(q, raw);
	q->coded_w = width;
	q->coded_h = height;
	q->visible_w = width;
	q->visible_h = height;
	q->bytesperline = round_up(clamp(bpl, min_bpl, CMACODEC_CVT_MAX_BPL),
				   raw->width_div);
	q->sizeimage = cmacodec_pixfmt_sizeimage(raw, q->bytesperline, height);
}

/**
 * cmacodec_cvt_set_defaults() - initial state of a converter context
 * @ctx: context being opened
 *
 * The default is the common camera-to-display case: NV12 (or the first
 * format) at 1280x720 in, the same out, BT.709 limited range.
 */
void cmacodec_cvt_set_defaults(struct cmacodec_ctx *ctx)
{
	const struct cmacodec_pixfmt *raw;

	raw = cmacodec_pixfmt_find(CMACODEC_PIX_FMT_NV12);
	if (!cmacodec_cvt_fmt_ok(raw))
		raw = cmacodec_cvt_fmt_get(0);
	cmacodec_cvt_set_q(&ctx->q[CMACODEC_Q_OUT], raw, CMACODEC_DEF_WIDTH,
			   CMACODEC_DEF_HEIGHT, 0);
	cmacodec_cvt_set_q(&ctx->q[CMACODEC_Q_CAP], raw, CMACODEC_DEF_WIDTH,
			   CMACODEC_DEF_HEIGHT, 0);
	ctx->colorspace = V4L2_COLORSPACE_REC709;
	ctx->xfer_func = V4L2_XFER_FUNC_DEFAULT;
	ctx->ycbcr_enc = V4L2_YCBCR_ENC_DEFAULT;
	ctx->quantization = V4L2_QUANTIZATION_DEFAULT;
	ctx->cap_csc = false;
	ctx->cap_ycbcr_enc = V4L2_YCBCR_ENC_DEFAULT;
	ctx->cap_quantization = V4L2_QUANTIZATION_DEFAULT;
}

/*
 * CAPTURE's Y'CbCr matrix and quantization for the CAPTURE format @raw,
 * as reported to the client (DEFAULT allowed).
 */
static void cmacodec_cvt_cap_csc(const struct cmacodec_ctx *ctx,
				 const struct cmacodec_pixfmt *raw,
				 u32 *ycbcr_enc, u32 *quantization)
{
	const struct cmacodec_pixfmt *src = ctx->q[CMACODEC_Q_OUT].raw;

	*ycbcr_enc = ctx->ycbcr_enc;
	*quantization = ctx->quantization;
	if (cmacodec_cvt_is_rgb(raw)) {
		*quantization = V4L2_QUANTIZATION_FULL_RANGE;
	} else if (ctx->cap_csc) {
		*ycbcr_enc = ctx->cap_ycbcr_enc;
		*quantization = ctx->cap_quantization;
	} else if (cmacodec_cvt_is_rgb(src)) {
		/* R'G'B' in, Y'CbCr out: the colorspace's usual encoding */
		*ycbcr_enc = V4L2_YCBCR_ENC_DEFAULT;
		*quantization = V4L2_QUANTIZATION_DEFAULT;
	}
}

static void cmacodec_cvt_fill_pix(const struct cmacodec_ctx *ctx,
				  const struct cmacodec_q_data *q, bool out,
				  struct v4l2_pix_format *pix)
{
	pix->width = q->coded_w;
	pix->height = q->coded_h;
	pix->pixelformat = q->fourcc;
	pix->field = V4L2_FIELD_NONE;
	pix->bytesperline = q->bytesperline;
	pix->sizeimage = q->sizeimage;
	pix->colorspace = ctx->colorspace;
	pix->xfer_func = ctx->xfer_func;
	pix->flags = 0;
	if (out) {
		pix->ycbcr_enc = ctx->ycbcr_enc;
		pix->quantization = ctx->quantization;
	} else {
		cmacodec_cvt_cap_csc(ctx, q->raw, &pix->ycbcr_enc,
				     &pix->quantization);
		if (ctx->cap_csc && !cmacodec_cvt_is_rgb(q->raw))
			pix->flags = V4L2_PIX_FMT_FLAG_SET_CSC;
	}
}

static int cmacodec_cvt_querycap(struct file *file, void *priv,
				 struct v4l2_capability *cap)
{
	strscpy(cap->driver, CMACODEC_NAME, sizeof(cap->driver));
	strscpy(cap->card, CMACODEC_NAME "-converter", sizeof(cap->card));
	strscpy(cap->bus_info, "platform:" CMACODEC_NAME,
		sizeof(cap->bus_info));
	return 0;
}

static int cmacodec_cvt_enum_fmt(struct file *file, void *priv,
				 struct v4l2_fmtdesc *f)
{
	const struct cmacodec_pixfmt *raw = cmacodec_cvt_fmt_get(f->index);
	struct cmacodec_fmt mfmt;
	unsigned int n;

	if (raw) {
		f->pixelformat = raw->fourcc;
	} else {
		/* then the multi-planar ones (multiplanar=1) */
		for (n = 0; cmacodec_cvt_fmt_get(n); n++)
			;
		if (!cmacodec_mfmt_enum(cmacodec_cvt_ctx(file), f->index - n,
					cmacodec_cvt_accept, NULL, &mfmt))
			return -EINVAL;
		raw = mfmt.raw;
		f->pixelformat = mfmt.fourcc;
	}
	if (V4L2_TYPE_IS_CAPTURE(f->type) && !cmacodec_cvt_is_rgb(raw))
		f->flags |= V4L2_FMT_FLAG_CSC_YCBCR_ENC |
			    V4L2_FMT_FLAG_CSC_QUANTIZATION;
	return 0;
}

static int cmacodec_cvt_enum_framesizes(struct file *file, void *priv,
					struct v4l2_frmsizeenum *fsize)
{
	const struct cmacodec_pixfmt *raw;
	struct cmacodec_fmt fmt;

	if (!cmacodec_cvt_fmt_find(cmacodec_cvt_ctx(file), fsize->pixel_format,
				   &fmt) || fsize->index)
		return -EINVAL;
	raw = fmt.raw;
	fsize->type = V4L2_FRMSIZE_TYPE_STEPWISE;
	fsize->stepwise.min_width = round_up(CMACODEC_CVT_MIN_SIZE,
					     raw->width_div);
	fsize->stepwise.max_width = CMACODEC_MAX_WIDTH;
	fsize->stepwise.step_width = raw->width_div;
	fsize->stepwise.min_height = round_up(CMACODEC_CVT_MIN_SIZE,
					      raw->height_div);
	fsize->stepwise.max_height = CMACODEC_MAX_HEIGHT;
	fsize->stepwise.step_height = raw->height_div;
	return 0;
}

static int cmacodec_cvt_g_fmt(struct file *file, void *priv,
			      struct v4l2_format *f)
{
	struct cmacodec_ctx *ctx = cmacodec_cvt_ctx(file);

	cmacodec_cvt_fill_pix(ctx, cmacodec_q_data(ctx, f->type),
			      V4L2_TYPE_IS_OUTPUT(f->type), &f->fmt.pix);
	return 0;
}

/* the matrices and ranges a client may ask CAPTURE for */
static bool cmacodec_cvt_csc_valid(u32 ycbcr_enc, u32 quantization)
{
	return (ycbcr_enc == V4L2_YCBCR_ENC_DEFAULT ||
		ycbcr_enc == V4L2_YCBCR_ENC_601 ||
		ycbcr_enc == V4L2_YCBCR_ENC_709) &&
	       quantization <= V4L2_QUANTIZATION_LIM_RANGE;
}

/*
 * TRY_FMT of either queue into @q and @f.  For CAPTURE, *@csc says whether
 * the client's SET_CSC request is honoured (and @f carries it).
 */
static void cmacodec_cvt_try(struct cmacodec_ctx *ctx, struct v4l2_format *f,
			     struct cmacodec_q_data *q, bool *csc)
{
	struct v4l2_pix_format *pix = &f->fmt.pix;
	struct v4l2_pix_format in = *pix;
	const struct cmacodec_pixfmt *raw;
	bool out = V4L2_TYPE_IS_OUTPUT(f->type);
	struct cmacodec_fmt fmt;
	bool found;

	found = cmacodec_cvt_fmt_find(ctx, pix->pixelformat, &fmt);
	*q = *cmacodec_q_data(ctx, f->type);
	raw = found ? fmt.raw : q->raw;
	cmacodec_cvt_set_q(q, raw, pix->width, pix->height, pix->bytesperline);
	if (found)
		cmacodec_q_set_fmt(q, &fmt);
	cmacodec_cvt_fill_pix(ctx, q, out, pix);
	*csc = false;

	if (out) {
		cmacodec_client_colorimetry(pix, &in);
		return;
	}
	if ((in.flags & V4L2_PIX_FMT_FLAG_SET_CSC) &&
	    !cmacodec_cvt_is_rgb(raw) &&
	    cmacodec_cvt_csc_valid(in.ycbcr_enc, in.quantization)) {
		*csc = true;
		pix->ycbcr_enc = in.ycbcr_enc;
		pix->quantization = in.quantization;
		pix->flags = V4L2_PIX_FMT_FLAG_SET_CSC;
	} else {
		pix->flags = 0;
	}
}

static int cmacodec_cvt_try_fmt(struct file *file, void *priv,
				struct v4l2_format *f)
{
	struct cmacodec_q_data q;
	bool csc;

	cmacodec_cvt_try(cmacodec_cvt_ctx(file), f, &q, &csc);
	return 0;
}

static int cmacodec_cvt_s_fmt(struct file *file, void *priv,
			      struct v4l2_format *f)
{
	struct cmacodec_ctx *ctx = cmacodec_cvt_ctx(file);
	struct vb2_queue *vq = v4l2_m2m_get_vq(ctx->fh.m2m_ctx, f->type);
	struct cmacodec_q_data *cur = cmacodec_q_data(ctx, f->type);
	struct v4l2_pix_format *pix = &f->fmt.pix;
	struct cmacodec_q_data q;
	unsigned long flags;
	bool csc;

	cmacodec_cvt_try(ctx, f, &q, &csc);
	if (vb2_is_busy(vq) &&
	    (q.fourcc != cur->fourcc || q.coded_w != cur->coded_w ||
	     q.coded_h != cur->coded_h || q.bytesperline != cur->bytesperline)) {
		cmacodec_dbg(ctx->cdev->dev, "S_FMT type %u: queue busy\n",
			     f->type);
		return -EBUSY;
	}

	q.sequence = cur->sequence;
	spin_lock_irqsave(&ctx->irqlock, flags);
	*cur = q;
	if (V4L2_TYPE_IS_OUTPUT(f->type)) {
		ctx->colorspace = pix->colorspace;
		ctx->xfer_func = pix->xfer_func;
		ctx->ycbcr_enc = pix->ycbcr_enc;
		ctx->quantization = pix->quantization;
	} else {
		ctx->cap_csc = csc;
		ctx->cap_ycbcr_enc = pix->ycbcr_enc;
		ctx->cap_quantization = pix->quantization;
	}
	spin_unlock_irqrestore(&ctx->irqlock, flags);
	return 0;
}

static int cmacodec_cvt_subscribe_event(struct v4l2_fh *fh,
					const struct v4l2_event_subscription *sub)
{
	return v4l2_ctrl_subscribe_event(fh, sub);
}

/* the converter's ioctls but the format ones */
#define CMACODEC_CVT_IOCTL_OPS						\
	.vidioc_querycap		= cmacodec_cvt_querycap,	\
	.vidioc_enum_fmt_vid_cap	= cmacodec_cvt_enum_fmt,	\
	.vidioc_enum_fmt_vid_out	= cmacodec_cvt_enum_fmt,	\
	.vidioc_enum_framesizes		= cmacodec_cvt_enum_framesizes,	\
	CMACODEC_M2M_BUF_IOCTL_OPS					\
	.vidioc_subscribe_event		= cmacodec_cvt_subscribe_event,	\
	.vidioc_unsubscribe_event	= v4l2_event_unsubscribe,

const struct v4l2_ioctl_ops cmacodec_cvt_ioctl_ops = {
	CMACODEC_CVT_IOCTL_OPS
	.vidioc_g_fmt_vid_cap		= cmacodec_cvt_g_fmt,
	.vidioc_try_fmt_vid_cap		= cmacodec_cvt_try_fmt,
	.vidioc_s_fmt_vid_cap		= cmacodec_cvt_s_fmt,
	.vidioc_g_fmt_vid_out		= cmacodec_cvt_g_fmt,
	.vidioc_try_fmt_vid_out		= cmacodec_cvt_try_fmt,
	.vidioc_s_fmt_vid_out		= cmacodec_cvt_s_fmt,
};

const struct v4l2_ioctl_ops cmacodec_cvt_ioctl_ops_mp = {
	CMACODEC_CVT_IOCTL_OPS
	CMACODEC_MP_FMT_OPS
};

/* the core's ycbcr_enc for a V4L2 one: BT.709, or BT.601 for the 601s */
static u32 cmacodec_cvt_hw_enc(u32 colorspace, u32 ycbcr_enc)
{
	if (ycbcr_enc == V4L2_YCBCR_ENC_DEFAULT)
		ycbcr_enc = V4L2_MAP_YCBCR_ENC_DEFAULT(colorspace);
	if (ycbcr_enc == V4L2_YCBCR_ENC_601 ||
	    ycbcr_enc == V4L2_YCBCR_ENC_XV601)
		return V4L2_YCBCR_ENC_601;
	return V4L2_YCBCR_ENC_709;
}

/* COLORIMETRY / DST_COLORIMETRY value for one side, defaults resolved */
static u32 cmacodec_cvt_hw_colorimetry(const struct cmacodec_ctx *ctx,
				       const struct cmacodec_pixfmt *raw,
				       u32 ycbcr_enc, u32 quantization)
{
	bool rgb = cmacodec_cvt_is_rgb(raw);

	ycbcr_enc = cmacodec_cvt_hw_enc(ctx->colorspace, ycbcr_enc);
	if (rgb)
		quantization = V4L2_QUANTIZATION_FULL_RANGE;
	else if (quantization == V4L2_QUANTIZATION_DEFAULT)
		quantization = V4L2_MAP_QUANTIZATION_DEFAULT(false,
							     ctx->colorspace,
							     ycbcr_enc);
	return CMACODEC_COLORIMETRY(ctx->colorspace, ctx->xfer_func,
				    ycbcr_enc, quantization);
}

/**
 * cmacodec_cvt_run() - program and start one conversion job
 * @ctx: converter context whose job mem2mem runs
 * @src: OUTPUT buffer
 * @dst: CAPTURE buffer
 *
 * Called by device_run with node->hw_lock held.
 */
void cmacodec_cvt_run(struct cmacodec_ctx *ctx, struct vb2_v4l2_buffer *src,
		      struct vb2_v4l2_buffer *dst)
{
	struct cmacodec_hw *hw = ctx->node->hw;
	struct cmacodec_q_data out, cap;
	u32 ctrl = CMACODEC_CTRL_CONVERT, src_col, dst_col, enc, quant;
	unsigned long flags;

	/* formats cannot change while streaming, flips can */
	spin_lock_irqsave(&ctx->irqlock, flags);
	out = ctx->q[CMACODEC_Q_OUT];
	cap = ctx->q[CMACODEC_Q_CAP];
	if (ctx->hflip)
		ctrl |= CMACODEC_CTRL_HFLIP;
	if (ctx->vflip)
		ctrl |= CMACODEC_CTRL_VFLIP;
	src_col = cmacodec_cvt_hw_colorimetry(ctx, out.raw, ctx->ycbcr_enc,
					      ctx->quantization);
	cmacodec_cvt_cap_csc(ctx, cap.raw, &enc, &quant);
	dst_col = cmacodec_cvt_hw_colorimetry(ctx, cap.raw, enc, quant);
	spin_unlock_irqrestore(&ctx->irqlock, flags);

	cmacodec_hw_write(hw, CMACODEC_REG_FOURCC, out.raw->fourcc);
	cmacodec_hw_write(hw, CMACODEC_REG_CODED_SIZE,
			  CMACODEC_SIZE(out.coded_w, out.coded_h));
	cmacodec_hw_write(hw, CMACODEC_REG_PIC_SIZE,
			  CMACODEC_SIZE(out.coded_w, out.coded_h));
	cmacodec_hw_write(hw, CMACODEC_REG_BYTESPERLINE, out.bytesperline);
	cmacodec_hw_write(hw, CMACODEC_REG_COLORIMETRY, src_col);
	cmacodec_hw_write(hw, CMACODEC_REG_DST_FOURCC, cap.raw->fourcc);
	cmacodec_hw_write(hw, CMACODEC_REG_DST_PIC_SIZE,
			  CMACODEC_SIZE(cap.coded_w, cap.coded_h));
	cmacodec_hw_write(hw, CMACODEC_REG_DST_BYTESPERLINE, cap.bytesperline);
	cmacodec_hw_write(hw, CMACODEC_REG_DST_COLORIMETRY, dst_col);
	cmacodec_program_pic(hw, &src->vb2_buf, &out, CMACODEC_REG_SRC_ADDR_LO,
			     CMACODEC_REG_SRC_SIZE, CMACODEC_REG_SRC_P1_ADDR_LO,
			     CMACODEC_CTRL_SRC_MPLANE, &ctrl);
	cmacodec_program_pic(hw, &dst->vb2_buf, &cap, CMACODEC_REG_DST_ADDR_LO,
			     CMACODEC_REG_DST_SIZE, CMACODEC_REG_DST_P1_ADDR_LO,
			     CMACODEC_CTRL_DST_MPLANE, &ctrl);
	cmacodec_hw_write(hw, CMACODEC_REG_CTRL, ctrl);
	cmacodec_hw_write_addr(hw, CMACODEC_REG_REF_ADDR_LO, 0);
	cmacodec_hw_write(hw, CMACODEC_REG_REF_SIZE, 0);
	cmacodec_hw_write(hw, CMACODEC_REG_IRQ_MASK, CMACODEC_IRQ_ALL);
	cmacodec_hw_write(hw, CMACODEC_REG_START, CMACODEC_REG_START_GO);
}
