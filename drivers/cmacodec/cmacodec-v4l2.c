// SPDX-License-Identifier: GPL-2.0-only
/*
 * cmacodec: V4L2 ioctls - format negotiation, selection, encoder and
 * decoder commands, events and controls.
 *
 * Formats follow Documentation/userspace-api/media/v4l/dev-encoder.rst and
 * dev-decoder.rst.  The raw side (encoder OUTPUT, decoder CAPTURE) offers
 * every format of the codec catalogue.  Its width/height are the coded
 * size: the visible size rounded up to whole 8x8 blocks of every plane.
 * The visible size is the encoder's OUTPUT crop rectangle and the
 * decoder's CAPTURE compose rectangle.
 */
#include <linux/kernel.h>
#include <linux/minmax.h>
#include <media/v4l2-event.h>
#include <media/v4l2-ioctl.h>

#include <linux/cmacodec.h>

#include "cmacodec.h"
#include "cmacodec-compat.h"
#include "hw/cmacodec-hw.h"

static struct cmacodec_ctx *cmacodec_file_ctx(struct file *file)
{
	return cmacodec_fh_to_ctx(cmacodec_file_to_fh(file));
}

/* Compressed buffer size for frames of @raw at a visible size. */
static u32 cmacodec_fwht_size(const struct cmacodec_pixfmt *raw, u32 width,
			      u32 height)
{
	u32 coded_w = cmacodec_pixfmt_coded_width(raw, width);
	u32 coded_h = cmacodec_pixfmt_coded_height(raw, height);

	return cmacodec_pixfmt_fwht_sizeimage(raw, coded_w, coded_h);
}

/**
 * cmacodec_fwht_worst_size() - largest compressed frame at a size
 * @width:  visible width
 * @height: visible height
 *
 * Return: the largest compressed frame of any raw format, header included.
 */
u32 cmacodec_fwht_worst_size(u32 width, u32 height)
{
	const struct cmacodec_pixfmt *raw;
	unsigned int i;
	u32 size = 0;

	for (i = 0; (raw = cmacodec_pixfmt_get(i)); i++)
		size = max(size, cmacodec_fwht_size(raw, width, height));
	return size;
}

/**
 * cmacodec_set_raw_fmt() - compute a raw format
 * @q:      receives the format (the sequence counter is left alone)
 * @raw:    catalogue entry
 * @width:  requested width, clamped to the supported range
 * @height: requested height, clamped to the supported range
 *
 * The coded size is the request rounded up to whole blocks; the visible
 * size (crop/compose rectangle) is reset to it, as dev-encoder.rst wants
 * for S_FMT(OUTPUT).  Callers that know better (the decoder, from the
 * stream) set the visible size afterwards.
 */
void cmacodec_set_raw_fmt(struct cmacodec_q_data *q,
			  const struct cmacodec_pixfmt *raw, u32 width,
			  u32 height)
{
	width = clamp(width, CMACODEC_MIN_WIDTH, CMACODEC_MAX_WIDTH);
	height = clamp(height, CMACODEC_MIN_HEIGHT, CMACODEC_MAX_HEIGHT);

	cmacodec_q_set_raw(q, raw);
	q->coded_w = cmacodec_pixfmt_coded_width(raw, width);
	q->coded_h = cmacodec_pixfmt_coded_height(raw, height);
	q->visible_w = q->coded_w;
	q->visible_h = q->coded_h;
	q->bytesperline = cmacodec_pixfmt_bytesperline(raw, q->coded_w);
	q->sizeimage = cmacodec_pixfmt_sizeimage(raw, q->bytesperline,
						 q->coded_h);
}

/**
 * cmacodec_set_fwht_fmt() - compute an FWHT format
 * @q:      receives the format (the sequence counter is left alone)
 * @raw:    raw format the frames are coded from, NULL if unknown (then
 *          the buffer is sized for the worst raw format)
 * @width:  frame width
 * @height: frame height
 */
void cmacodec_set_fwht_fmt(struct cmacodec_q_data *q,
			   const struct cmacodec_pixfmt *raw, u32 width,
			   u32 height)
{
	width = clamp(width, CMACODEC_MIN_WIDTH, CMACODEC_MAX_WIDTH);
	height = clamp(height, CMACODEC_MIN_HEIGHT, CMACODEC_MAX_HEIGHT);

	q->fourcc = V4L2_PIX_FMT_FWHT;
	q->raw = NULL;
	q->mem_planes = 1;
	q->coded_w = round_up(width, CMACODEC_FWHT_STEP);
	q->coded_h = round_up(height, CMACODEC_FWHT_STEP);
	q->visible_w = q->coded_w;
	q->visible_h = q->coded_h;
	q->bytesperline = 0;
	if (raw)
		q->sizeimage = cmacodec_fwht_size(raw, width, height);
	else
		q->sizeimage = cmacodec_fwht_worst_size(width, height);
}

/**
 * cmacodec_stream_fits() - can a stream be decoded into a raw format?
 * @raw:  catalogue entry
 * @info: parsed stream header
 *
 * Return: true if @raw has the stream's components and subsampling.
 */
bool cmacodec_stream_fits(const struct cmacodec_pixfmt *raw,
			  const struct cmacodec_stream_info *info)
{
	return raw && raw->components == info->components &&
	       raw->width_div == info->width_div &&
	       raw->height_div == info->height_div &&
	       (!info->pixenc || raw->pixenc == info->pixenc);
}

/**
 * cmacodec_dec_apply_stream() - set the decoder CAPTURE format from a
 *                               stream header
 * @ctx:  decoder context
 * @info: parsed header
 *
 * Keeps the current raw format if the stream can be decoded into it,
 * otherwise picks the catalogue's preferred one.  Called with the node
 * lock held (buf_queue) or from device_run with ctx->irqlock held while
 * CAPTURE is not being reconfigured (mem2mem runs no job while a queue is
 * being set up).
 */
void cmacodec_dec_apply_stream(struct cmacodec_ctx *ctx,
			       const struct cmacodec_stream_info *info)
{
	struct cmacodec_q_data *cap = &ctx->q[CMACODEC_Q_CAP];
	const struct cmacodec_pixfmt *raw = cap->raw;

	if (!cmacodec_stream_fits(raw, info))
		raw = cmacodec_pixfmt_find_compatible(info->components,
						      info->width_div,
						      info->height_div,
						      info->pixenc, 0);
	/* cmacodec_parse_header() made sure there is one */
	if (WARN_ON_ONCE(!raw))
		return;

	cmacodec_set_raw_fmt(cap, raw, info->width, info->height);
	cap->visible_w = info->width;
	cap->visible_h = info->height;
	ctx->colorspace = info->colorspace;
	ctx->xfer_func = info->xfer_func;
	ctx->ycbcr_enc = info->ycbcr_enc;
	ctx->quantization = info->quantization;
	ctx->stream = *info;
	ctx->fmt_known = true;
}

/**
 * cmacodec_ctx_set_defaults() - initial formats and parameters of a context
 * @ctx: context being opened
 */
void cmacodec_ctx_set_defaults(struct cmacodec_ctx *ctx)
{
	const struct cmacodec_pixfmt *raw = cmacodec_pixfmt_get(0);
	struct cmacodec_q_data *out = &ctx->q[CMACODEC_Q_OUT];
	struct cmacodec_q_data *cap = &ctx->q[CMACODEC_Q_CAP];

	if (cmacodec_is_enc(ctx)) {
		cmacodec_set_raw_fmt(out, raw, CMACODEC_DEF_WIDTH,
				     CMACODEC_DEF_HEIGHT);
		cmacodec_set_fwht_fmt(cap, raw, out->coded_w, out->coded_h);
	} else {
		cmacodec_set_fwht_fmt(out, NULL, CMACODEC_DEF_WIDTH,
				      CMACODEC_DEF_HEIGHT);
		cmacodec_set_raw_fmt(cap, raw, CMACODEC_DEF_WIDTH,
				     CMACODEC_DEF_HEIGHT);
	}
	ctx->colorspace = V4L2_COLORSPACE_REC709;
	ctx->xfer_func = V4L2_XFER_FUNC_DEFAULT;
	ctx->ycbcr_enc = V4L2_YCBCR_ENC_DEFAULT;
	ctx->quantization = V4L2_QUANTIZATION_DEFAULT;
	ctx->gop_size = CMACODEC_GOP_DEF;
	ctx->i_frame_qp = CMACODEC_QP_DEF;
	ctx->p_frame_qp = CMACODEC_QP_DEF;
}

/**
 * cmacodec_querycap() - VIDIOC_QUERYCAP of the codec nodes
 * @file: the open node
 * @priv: unused
 * @cap:  filled in
 *
 * Return: 0.
 */
int cmacodec_querycap(struct file *file, void *priv,
		      struct v4l2_capability *cap)
{
	strscpy(cap->driver, CMACODEC_NAME, sizeof(cap->driver));
	strscpy(cap->card, CMACODEC_NAME, sizeof(cap->card));
	strscpy(cap->bus_info, "platform:" CMACODEC_NAME,
		sizeof(cap->bus_info));
	return 0;
}

/* cmacodec_mfmt_enum(): the layouts a known stream decodes into */
static bool cmacodec_fits_stream(const struct cmacodec_pixfmt *raw,
				 const void *stream)
{
	return cmacodec_stream_fits(raw, stream);
}

static int cmacodec_enum_fmt(struct file *file, struct v4l2_fmtdesc *f)
{
	struct cmacodec_ctx *ctx = cmacodec_file_ctx(file);
	struct cmacodec_stream_info stream;
	const struct cmacodec_pixfmt *raw;
	struct cmacodec_fmt mfmt;
	unsigned int n;
	unsigned long flags;
	bool known;

	if (!cmacodec_is_raw_queue(ctx, f->type)) {
		if (f->index)
			return -EINVAL;
		f->pixelformat = V4L2_PIX_FMT_FWHT;
		if (!cmacodec_is_enc(ctx))
			f->flags = V4L2_FMT_FLAG_DYN_RESOLUTION |
				   V4L2_FMT_FLAG_CONTINUOUS_BYTESTREAM;
		return 0;
	}

	/* once the stream is known, only the formats it decodes into */
	spin_lock_irqsave(&ctx->irqlock, flags);
	known = !cmacodec_is_enc(ctx) && ctx->fmt_known;
	stream = ctx->stream;
	spin_unlock_irqrestore(&ctx->irqlock, flags);
	if (known)
		raw = cmacodec_pixfmt_find_compatible(stream.components,
						      stream.width_div,
						      stream.height_div,
						      stream.pixenc, f->index);
	else
		raw = cmacodec_pixfmt_get(f->index);
	if (raw) {
		f->pixelformat = raw->fourcc;
		return 0;
	}

	/* then the multi-planar ones (multiplanar=1) */
	if (known)
		for (n = 0; cmacodec_pixfmt_find_compatible(stream.components,
							    stream.width_div,
							    stream.height_div,
							    stream.pixenc, n);
		     n++)
			;
	else
		n = cmacodec_pixfmt_count();
	if (!cmacodec_mfmt_enum(ctx, f->index - n,
				known ? cmacodec_fits_stream : NULL, &stream,
				&mfmt))
		return -EINVAL;
	f->pixelformat = mfmt.fourcc;
	return 0;
}

static int cmacodec_enum_fmt_vid(struct file *file, void *priv,
				 struct v4l2_fmtdesc *f)
{
	return cmacodec_enum_fmt(file, f);
}

/**
 * cmacodec_fill_pix() - a queue's format as V4L2 reports it
 * @ctx: context (colorimetry)
 * @q:   the queue's format
 * @pix: filled in
 */
void cmacodec_fill_pix(const struct cmacodec_ctx *ctx,
		       const struct cmacodec_q_data *q,
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
	pix->ycbcr_enc = ctx->ycbcr_enc;
	pix->quantization = ctx->quantization;
	pix->flags = 0;
}

static int cmacodec_g_fmt(struct file *file, void *priv,
			  struct v4l2_format *f)
{
	struct cmacodec_ctx *ctx = cmacodec_file_ctx(file);
	unsigned long flags;

	spin_lock_irqsave(&ctx->irqlock, flags);
	cmacodec_fill_pix(ctx, cmacodec_q_data(ctx, f->type), &f->fmt.pix);
	spin_unlock_irqrestore(&ctx->irqlock, flags);
	return 0;
}

/**
 * cmacodec_sanitize_colorimetry() - replace unknown colorimetry values
 * @pix: format from the client; values the driver does not know become
 *       the defaults
 */
void cmacodec_sanitize_colorimetry(struct v4l2_pix_format *pix)
{
	if (!pix->colorspace || pix->colorspace > V4L2_COLORSPACE_DCI_P3)
		pix->colorspace = V4L2_COLORSPACE_REC709;
	if (pix->xfer_func > V4L2_XFER_FUNC_SMPTE2084)
		pix->xfer_func = V4L2_XFER_FUNC_DEFAULT;
	if (pix->ycbcr_enc > V4L2_YCBCR_ENC_SMPTE240M)
		pix->ycbcr_enc = V4L2_YCBCR_ENC_DEFAULT;
	if (pix->quantization > V4L2_QUANTIZATION_LIM_RANGE)
		pix->quantization = V4L2_QUANTIZATION_DEFAULT;
}

/**
 * cmacodec_client_colorimetry() - an OUTPUT format keeps the client's
 *                                 colorimetry
 * @pix: the format being answered
 * @in:  the format the client passed
 */
void cmacodec_client_colorimetry(struct v4l2_pix_format *pix,
				 const struct v4l2_pix_format *in)
{
	pix->colorspace = in->colorspace;
	pix->xfer_func = in->xfer_func;
	pix->ycbcr_enc = in->ycbcr_enc;
	pix->quantization = in->quantization;
	cmacodec_sanitize_colorimetry(pix);
}

/*
 * Compute the format @f would result in, into @q.  Does not change the
 * context.
 */
static void cmacodec_try_fmt_q_locked(struct cmacodec_ctx *ctx,
				      struct v4l2_format *f,
				      struct cmacodec_q_data *q)
{
	struct v4l2_pix_format *pix = &f->fmt.pix;
	const struct cmacodec_q_data *out = &ctx->q[CMACODEC_Q_OUT];
	const struct cmacodec_q_data *cur = cmacodec_q_data(ctx, f->type);
	struct cmacodec_fmt fmt;
	bool found;
	u32 max_size;

	*q = *cur;
	found = cmacodec_fmt_lookup(ctx, pix->pixelformat, &fmt);
	if (!found) {
		fmt.raw = cmacodec_pixfmt_get(0);
		fmt.fourcc = fmt.raw->fourcc;
		fmt.mem_planes = 1;
	}
	if (cmacodec_is_enc(ctx)) {
		if (V4L2_TYPE_IS_OUTPUT(f->type)) {
			cmacodec_set_raw_fmt(q, fmt.raw, pix->width,
					     pix->height);
			cmacodec_q_set_fmt(q, &fmt);
		} else {
			/*
			 * The coded size follows the OUTPUT format; sizeimage
			 * is the client's wish, at least what a frame needs
			 * (dev-encoder.rst).
			 */
			cmacodec_set_fwht_fmt(q, out->raw, out->coded_w,
					      out->coded_h);
			max_size = cmacodec_fwht_worst_size(CMACODEC_MAX_WIDTH,
							    CMACODEC_MAX_HEIGHT);
			q->sizeimage = clamp(pix->sizeimage, q->sizeimage,
					     max_size);
		}
		return;
	}

	if (V4L2_TYPE_IS_OUTPUT(f->type)) {
		cmacodec_set_fwht_fmt(q, NULL, pix->width, pix->height);
		/*
		 * The OUTPUT queue carries a byte stream: any buffer size
		 * works, within reason; 0 asks for one that holds a frame.
		 */
		max_size = cmacodec_fwht_worst_size(CMACODEC_MAX_WIDTH,
						    CMACODEC_MAX_HEIGHT);
		if (pix->sizeimage)
			q->sizeimage = clamp_t(u32, pix->sizeimage,
					       CMACODEC_MIN_BS_SIZE, max_size);
		return;
	}

	if (ctx->fmt_known) {
		/* the stream dictates size and the kind of format */
		if (found && cmacodec_stream_fits(fmt.raw, &ctx->stream)) {
			cmacodec_set_raw_fmt(q, fmt.raw, ctx->stream.width,
					     ctx->stream.height);
			cmacodec_q_set_fmt(q, &fmt);
		} else {
			cmacodec_set_raw_fmt(q, cur->raw, ctx->stream.width,
					     ctx->stream.height);
		}
		q->visible_w = ctx->stream.width;
		q->visible_h = ctx->stream.height;
	} else {
		cmacodec_set_raw_fmt(q, fmt.raw, pix->width, pix->height);
		cmacodec_q_set_fmt(q, &fmt);
	}
}

/*
 * The decoder's job path may change the CAPTURE format and the stream
 * information on a resolution change, under ctx->irqlock.
 */
static void cmacodec_try_fmt_q(struct cmacodec_ctx *ctx,
			       struct v4l2_format *f,
			       struct cmacodec_q_data *q)
{
	unsigned long flags;

	spin_lock_irqsave(&ctx->irqlock, flags);
	cmacodec_try_fmt_q_locked(ctx, f, q);
	spin_unlock_irqrestore(&ctx->irqlock, flags);
}

/* TRY_FMT: fill @f with the format it would result in, in @q as well. */
static void cmacodec_try_fmt_common(struct cmacodec_ctx *ctx,
				    struct v4l2_format *f,
				    struct cmacodec_q_data *q)
{
	struct v4l2_pix_format *pix = &f->fmt.pix;
	struct v4l2_pix_format in = *pix;

	cmacodec_try_fmt_q(ctx, f, q);
	cmacodec_fill_pix(ctx, q, pix);
	/*
	 * OUTPUT carries the colorimetry set by the client; CAPTURE reports
	 * it (the decoder replaces it with the stream's once it is known).
	 */
	if (V4L2_TYPE_IS_OUTPUT(f->type))
		cmacodec_client_colorimetry(pix, &in);
}

static int cmacodec_try_fmt(struct file *file, void *priv,
			    struct v4l2_format *f)
{
	struct cmacodec_q_data q;

	cmacodec_try_fmt_common(cmacodec_file_ctx(file), f, &q);
	return 0;
}

static bool cmacodec_fmt_differs(const struct cmacodec_q_data *a,
				 const struct cmacodec_q_data *b)
{
	return a->fourcc != b->fourcc || a->coded_w != b->coded_w ||
	       a->coded_h != b->coded_h || a->sizeimage != b->sizeimage ||
	       a->bytesperline != b->bytesperline;
}

static int cmacodec_s_fmt(struct file *file, void *priv,
			  struct v4l2_format *f)
{
	struct cmacodec_ctx *ctx = cmacodec_file_ctx(file);
	struct v4l2_m2m_ctx *m2m_ctx = ctx->fh.m2m_ctx;
	struct cmacodec_q_data *cur = cmacodec_q_data(ctx, f->type);
	struct cmacodec_q_data *out = &ctx->q[CMACODEC_Q_OUT];
	struct cmacodec_q_data *cap = &ctx->q[CMACODEC_Q_CAP];
	struct vb2_queue *vq = v4l2_m2m_get_vq(m2m_ctx, f->type);
	struct vb2_queue *cap_vq =
		v4l2_m2m_get_vq(m2m_ctx, V4L2_BUF_TYPE_VIDEO_CAPTURE);
	struct cmacodec_q_data q, enc_cap;
	unsigned long flags;

	cmacodec_try_fmt_common(ctx, f, &q);

	if (vb2_is_busy(vq) && cmacodec_fmt_differs(&q, cur)) {
		cmacodec_dbg(ctx->cdev->dev, "S_FMT type %u: queue busy\n",
			     f->type);
		return -EBUSY;
	}

	if (cmacodec_is_enc(ctx) && V4L2_TYPE_IS_OUTPUT(f->type)) {
		/* the CAPTURE format follows; its buffers must still fit */
		enc_cap = *cap;
		cmacodec_set_fwht_fmt(&enc_cap, q.raw, q.coded_w, q.coded_h);
		/*
		 * Keep the buffer size a client set on CAPTURE: GStreamer
		 * sets CAPTURE first and sizes its pool from that answer.
		 */
		enc_cap.sizeimage = max(enc_cap.sizeimage, ctx->enc_cap_size);
		if (vb2_is_busy(cap_vq)) {
			if (enc_cap.sizeimage > cap->sizeimage) {
				cmacodec_dbg(ctx->cdev->dev,
					     "S_FMT: CAPTURE buffers too small\n");
				return -EBUSY;
			}
			enc_cap.sizeimage = cap->sizeimage;
		}
	}

	/* the job path reads the formats under ctx->irqlock */
	spin_lock_irqsave(&ctx->irqlock, flags);
	if (cmacodec_is_enc(ctx) && V4L2_TYPE_IS_OUTPUT(f->type)) {
		*out = q;
		*cap = enc_cap;
		ctx->colorspace = f->fmt.pix.colorspace;
		ctx->xfer_func = f->fmt.pix.xfer_func;
		ctx->ycbcr_enc = f->fmt.pix.ycbcr_enc;
		ctx->quantization = f->fmt.pix.quantization;
	} else if (!cmacodec_is_enc(ctx) && V4L2_TYPE_IS_OUTPUT(f->type)) {
		*out = q;
		ctx->colorspace = f->fmt.pix.colorspace;
		ctx->xfer_func = f->fmt.pix.xfer_func;
		ctx->ycbcr_enc = f->fmt.pix.ycbcr_enc;
		ctx->quantization = f->fmt.pix.quantization;
		/* until the stream says otherwise, CAPTURE has this size */
		if (!ctx->fmt_known && !vb2_is_busy(cap_vq))
			cmacodec_set_raw_fmt(cap, cap->raw, q.coded_w,
					     q.coded_h);
	} else {
		*cur = q;
		if (cmacodec_is_enc(ctx))
			ctx->enc_cap_size = q.sizeimage;
	}
	spin_unlock_irqrestore(&ctx->irqlock, flags);

	cmacodec_dbg(ctx->cdev->dev, "S_FMT type %u: %p4cc %ux%u (%ux%u)\n",
		     f->type, &cur->fourcc, cur->coded_w, cur->coded_h,
		     cur->visible_w, cur->visible_h);
	return 0;
}

/**
 * cmacodec_g_selection() - VIDIOC_G_SELECTION of the codec nodes
 * @file: the open node
 * @priv: unused
 * @s:    target in, rectangle out
 *
 * The encoder's OUTPUT crop and the decoders' CAPTURE compose rectangle.
 *
 * Return: 0, or -EINVAL for another queue or target.
 */
int cmacodec_g_selection(struct file *file, void *priv,
			 struct v4l2_selection *s)
{
	struct cmacodec_ctx *ctx = cmacodec_file_ctx(file);
	struct cmacodec_q_data *q;
	unsigned long flags;
	bool visible;

	if (cmacodec_is_enc(ctx) && s->type == V4L2_BUF_TYPE_VIDEO_OUTPUT) {
		switch (s->target) {
		case V4L2_SEL_TGT_CROP:
			visible = true;
			break;
		case V4L2_SEL_TGT_CROP_DEFAULT:
		case V4L2_SEL_TGT_CROP_BOUNDS:
			visible = false;
			break;
		default:
			return -EINVAL;
		}
	} else if (!cmacodec_is_enc(ctx) &&
		   s->type == V4L2_BUF_TYPE_VIDEO_CAPTURE) {
		switch (s->target) {
		case V4L2_SEL_TGT_COMPOSE:
		case V4L2_SEL_TGT_COMPOSE_DEFAULT:
			visible = true;
			break;
		case V4L2_SEL_TGT_COMPOSE_BOUNDS:
		case V4L2_SEL_TGT_COMPOSE_PADDED:
			visible = false;
			break;
		default:
			return -EINVAL;
		}
	} else {
		return -EINVAL;
	}

	q = cmacodec_q_data(ctx, s->type);
	s->r.left = 0;
	s->r.top = 0;
	spin_lock_irqsave(&ctx->irqlock, flags);
	s->r.width = visible ? q->visible_w : q->coded_w;
	s->r.height = visible ? q->visible_h : q->coded_h;
	spin_unlock_irqrestore(&ctx->irqlock, flags);
	return 0;
}

static int cmacodec_s_selection(struct file *file, void *priv,
				struct v4l2_selection *s)
{
	struct cmacodec_ctx *ctx = cmacodec_file_ctx(file);
	struct cmacodec_q_data *q = &ctx->q[CMACODEC_Q_OUT];
	unsigned long flags;

	if (!cmacodec_is_enc(ctx) || s->type != V4L2_BUF_TYPE_VIDEO_OUTPUT ||
	    s->target != V4L2_SEL_TGT_CROP)
		return -EINVAL;

	/*
	 * The core codes the top-left rectangle of the buffer; a new size
	 * makes it start a new stream with an I frame.
	 */
	spin_lock_irqsave(&ctx->irqlock, flags);
	q->visible_w = clamp(s->r.width, CMACODEC_MIN_WIDTH, q->coded_w);
	q->visible_h = clamp(s->r.height, CMACODEC_MIN_HEIGHT, q->coded_h);
	spin_unlock_irqrestore(&ctx->irqlock, flags);
	s->r.left = 0;
	s->r.top = 0;
	s->r.width = q->visible_w;
	s->r.height = q->visible_h;
	return 0;
}

/*
 * ENC_CMD/DEC_CMD STOP and START: the mem2mem drain helpers, made atomic
 * with job completion by ctx->irqlock.
 */
static int cmacodec_codec_cmd(struct cmacodec_ctx *ctx, struct file *file,
			      u32 cmd, bool stop)
{
	struct v4l2_m2m_ctx *m2m_ctx = ctx->fh.m2m_ctx;
	bool was_stopped, stopped;
	unsigned long flags;
	int ret;

	if (!vb2_is_streaming(v4l2_m2m_get_src_vq(m2m_ctx)))
		return 0;

	spin_lock_irqsave(&ctx->irqlock, flags);
	was_stopped = v4l2_m2m_has_stopped(m2m_ctx);
	if (cmacodec_is_enc(ctx)) {
		struct v4l2_encoder_cmd ec = { .cmd = cmd };

		ret = v4l2_m2m_encoder_cmd(file, m2m_ctx, &ec);
	} else {
		struct v4l2_decoder_cmd dc = { .cmd = cmd };

		ret = v4l2_m2m_decoder_cmd(file, m2m_ctx, &dc);
	}
	stopped = v4l2_m2m_has_stopped(m2m_ctx);
	/* nothing left to drain: the LAST buffer (if any) is out already */
	if (!ret && stop && stopped)
		cmacodec_queue_eos(ctx);
	spin_unlock_irqrestore(&ctx->irqlock, flags);
	if (ret)
		return ret;

	if (!stop && was_stopped) {
		/* resume after a drain */
		vb2_clear_last_buffer_dequeued(v4l2_m2m_get_dst_vq(m2m_ctx));
		v4l2_m2m_try_schedule(m2m_ctx);
	}
	return 0;
}

static int cmacodec_encoder_cmd(struct file *file, void *priv,
				struct v4l2_encoder_cmd *ec)
{
	struct cmacodec_ctx *ctx = cmacodec_file_ctx(file);
	int ret;

	ret = v4l2_m2m_ioctl_try_encoder_cmd(file, priv, ec);
	if (ret)
		return ret;
	return cmacodec_codec_cmd(ctx, file, ec->cmd,
				  ec->cmd == V4L2_ENC_CMD_STOP);
}

static int cmacodec_decoder_cmd(struct file *file, void *priv,
				struct v4l2_decoder_cmd *dc)
{
	struct cmacodec_ctx *ctx = cmacodec_file_ctx(file);
	int ret;

	ret = v4l2_m2m_ioctl_try_decoder_cmd(file, priv, dc);
	if (ret)
		return ret;
	return cmacodec_codec_cmd(ctx, file, dc->cmd,
				  dc->cmd == V4L2_DEC_CMD_STOP);
}

/**
 * cmacodec_enum_framesizes() - VIDIOC_ENUM_FRAMESIZES of the codec nodes
 * @file:  the open node
 * @priv:  unused
 * @fsize: pixel format in, its sizes out
 *
 * The sizes a client may ask for, not the coded sizes the driver pads
 * them to: S_FMT rounds a raw format up to whole 8x8 blocks of every plane
 * and the crop (encoder) or compose (decoder) rectangle keeps the visible
 * size.  So a raw format steps by its chroma subsampling (2 for 4:2:0),
 * as the converter does, and FWHT, whose header holds any visible size,
 * by 1.  GStreamer turns these steps into caps ranges: a step of 16 made
 * 4:2:0 sizes such as 200x100 fail to negotiate.
 *
 * Return: 0, or -EINVAL for an unknown format or an index other than 0.
 */
int cmacodec_enum_framesizes(struct file *file, void *priv,
			     struct v4l2_frmsizeenum *fsize)
{
	struct cmacodec_fmt fmt;
	u32 step_w = 1, step_h = 1;

	if (fsize->pixel_format != V4L2_PIX_FMT_FWHT &&
	    fsize->pixel_format != V4L2_PIX_FMT_FWHT_STATELESS) {
		if (!cmacodec_fmt_lookup(cmacodec_file_ctx(file),
					 fsize->pixel_format, &fmt))
			return -EINVAL;
		step_w = fmt.raw->width_div;
		step_h = fmt.raw->height_div;
	}
	if (fsize->index)
		return -EINVAL;

	fsize->type = V4L2_FRMSIZE_TYPE_STEPWISE;
	fsize->stepwise.min_width = round_up(CMACODEC_MIN_WIDTH, step_w);
	fsize->stepwise.max_width = round_down(CMACODEC_MAX_WIDTH, step_w);
	fsize->stepwise.step_width = step_w;
	fsize->stepwise.min_height = round_up(CMACODEC_MIN_HEIGHT, step_h);
	fsize->stepwise.max_height = round_down(CMACODEC_MAX_HEIGHT, step_h);
	fsize->stepwise.step_height = step_h;
	return 0;
}

static int cmacodec_subscribe_event(struct v4l2_fh *fh,
				    const struct v4l2_event_subscription *sub)
{
	struct cmacodec_ctx *ctx = cmacodec_fh_to_ctx(fh);

	switch (sub->type) {
	case V4L2_EVENT_SOURCE_CHANGE:
		if (cmacodec_is_enc(ctx))
			return -EINVAL;
		return v4l2_src_change_event_subscribe(fh, sub);
	case V4L2_EVENT_EOS:
		return v4l2_event_subscribe(fh, sub, 0, NULL);
	default:
		return v4l2_ctrl_subscribe_event(fh, sub);
	}
}

/* the codec nodes' ioctls but the format ones */
#define CMACODEC_CODEC_IOCTL_OPS					\
	.vidioc_querycap		= cmacodec_querycap,		\
	.vidioc_enum_fmt_vid_cap	= cmacodec_enum_fmt_vid,	\
	.vidioc_enum_fmt_vid_out	= cmacodec_enum_fmt_vid,	\
	.vidioc_enum_framesizes		= cmacodec_enum_framesizes,	\
	CMACODEC_M2M_BUF_IOCTL_OPS					\
	.vidioc_g_selection		= cmacodec_g_selection,		\
	.vidioc_s_selection		= cmacodec_s_selection,		\
	.vidioc_try_encoder_cmd		= v4l2_m2m_ioctl_try_encoder_cmd,	\
	.vidioc_encoder_cmd		= cmacodec_encoder_cmd,		\
	.vidioc_try_decoder_cmd		= v4l2_m2m_ioctl_try_decoder_cmd,	\
	.vidioc_decoder_cmd		= cmacodec_decoder_cmd,		\
	.vidioc_subscribe_event		= cmacodec_subscribe_event,	\
	.vidioc_unsubscribe_event	= v4l2_event_unsubscribe,

const struct v4l2_ioctl_ops cmacodec_ioctl_ops = {
	CMACODEC_CODEC_IOCTL_OPS
	.vidioc_g_fmt_vid_cap		= cmacodec_g_fmt,
	.vidioc_try_fmt_vid_cap		= cmacodec_try_fmt,
	.vidioc_s_fmt_vid_cap		= cmacodec_s_fmt,
	.vidioc_g_fmt_vid_out		= cmacodec_g_fmt,
	.vidioc_try_fmt_vid_out		= cmacodec_try_fmt,
	.vidioc_s_fmt_vid_out		= cmacodec_s_fmt,
};

const struct v4l2_ioctl_ops cmacodec_ioctl_ops_mp = {
	CMACODEC_CODEC_IOCTL_OPS
	CMACODEC_MP_FMT_OPS
};

static int cmacodec_s_ctrl(struct v4l2_ctrl *ctrl)
{
	struct cmacodec_ctx *ctx = container_of(ctrl->handler,
						struct cmacodec_ctx, hdl);

	switch (ctrl->id) {
	case V4L2_CID_MPEG_VIDEO_GOP_SIZE:
		WRITE_ONCE(ctx->gop_size, ctrl->val);
		return 0;
	case V4L2_CID_FWHT_I_FRAME_QP:
		WRITE_ONCE(ctx->i_frame_qp, ctrl->val);
		return 0;
	case V4L2_CID_FWHT_P_FRAME_QP:
		WRITE_ONCE(ctx->p_frame_qp, ctrl->val);
		return 0;
	case V4L2_CID_MIN_BUFFERS_FOR_OUTPUT:
	case V4L2_CID_MIN_BUFFERS_FOR_CAPTURE:
		return 0;
	case V4L2_CID_HFLIP:
	case V4L2_CID_VFLIP: {
		unsigned long flags;

		/* the converter's device_run reads them under irqlock */
		spin_lock_irqsave(&ctx->irqlock, flags);
		if (ctrl->id == V4L2_CID_HFLIP)
			ctx->hflip = ctrl->val;
		else
			ctx->vflip = ctrl->val;
		spin_unlock_irqrestore(&ctx->irqlock, flags);
		return 0;
	}
	}
	return -EINVAL;
}

/* the core's counters (uapi/linux/cmacodec.h, private controls) */
static int cmacodec_g_volatile_ctrl(struct v4l2_ctrl *ctrl)
{
	struct cmacodec_ctx *ctx = container_of(ctrl->handler,
						struct cmacodec_ctx, hdl);
	struct cmacodec_hw *hw = ctx->node->hw;

	switch (ctrl->id) {
	case CMACODEC_CID_JOBS_COMPLETED:
		ctrl->val = cmacodec_hw_read(hw, CMACODEC_REG_JOB_COUNT) &
			    INT_MAX;
		return 0;
	case CMACODEC_CID_LAST_JOB_TIME_US:
		ctrl->val = cmacodec_hw_read(hw, CMACODEC_REG_CYCLES_US) &
			    INT_MAX;
		return 0;
	}
	return -EINVAL;
}

static const struct v4l2_ctrl_ops cmacodec_ctrl_ops = {
	.s_ctrl = cmacodec_s_ctrl,
	.g_volatile_ctrl = cmacodec_g_volatile_ctrl,
};

static const struct v4l2_ctrl_config cmacodec_ctrl_jobs = {
	.ops = &cmacodec_ctrl_ops,
	.id = CMACODEC_CID_JOBS_COMPLETED,
	.name = "Jobs Completed",
	.type = V4L2_CTRL_TYPE_INTEGER,
	.min = 0,
	.max = INT_MAX,
	.step = 1,
	.flags = V4L2_CTRL_FLAG_READ_ONLY | V4L2_CTRL_FLAG_VOLATILE,
};

static const struct v4l2_ctrl_config cmacodec_ctrl_job_time = {
	.ops = &cmacodec_ctrl_ops,
	.id = CMACODEC_CID_LAST_JOB_TIME_US,
	.name = "Last Job Time (us)",
	.type = V4L2_CTRL_TYPE_INTEGER,
	.min = 0,
	.max = INT_MAX,
	.step = 1,
	.flags = V4L2_CTRL_FLAG_READ_ONLY | V4L2_CTRL_FLAG_VOLATILE,
};

/**
 * cmacodec_ctrls_init() - create the controls of a context
 * @ctx: context being opened
 *
 * Return: 0 or a negative errno; on failure nothing is left to free.
 */
int cmacodec_ctrls_init(struct cmacodec_ctx *ctx)
{
	struct v4l2_ctrl_handler *hdl = &ctx->hdl;
	int ret;

	v4l2_ctrl_handler_init(hdl, 6);
	v4l2_ctrl_new_custom(hdl, &cmacodec_ctrl_jobs, NULL);
	v4l2_ctrl_new_custom(hdl, &cmacodec_ctrl_job_time, NULL);
	if (cmacodec_is_enc(ctx)) {
		v4l2_ctrl_new_std(hdl, &cmacodec_ctrl_ops,
				  V4L2_CID_MPEG_VIDEO_GOP_SIZE, 1,
				  CMACODEC_GOP_MAX, 1, CMACODEC_GOP_DEF);
		v4l2_ctrl_new_std(hdl, &cmacodec_ctrl_ops,
				  V4L2_CID_FWHT_I_FRAME_QP, CMACODEC_QP_MIN,
				  CMACODEC_QP_MAX, 1, CMACODEC_QP_DEF);
		v4l2_ctrl_new_std(hdl, &cmacodec_ctrl_ops,
				  V4L2_CID_FWHT_P_FRAME_QP, CMACODEC_QP_MIN,
				  CMACODEC_QP_MAX, 1, CMACODEC_QP_DEF);
		v4l2_ctrl_new_std(hdl, &cmacodec_ctrl_ops,
				  V4L2_CID_MIN_BUFFERS_FOR_OUTPUT, 1, 1, 1, 1);
	} else if (cmacodec_is_dec(ctx)) {
		v4l2_ctrl_new_std(hdl, &cmacodec_ctrl_ops,
				  V4L2_CID_MIN_BUFFERS_FOR_CAPTURE, 1, 1, 1, 1);
	} else if (cmacodec_is_sl(ctx)) {
		cmacodec_sl_ctrls_init(ctx);
	} else {
		v4l2_ctrl_new_std(hdl, &cmacodec_ctrl_ops, V4L2_CID_HFLIP,
				  0, 1, 1, 0);
		v4l2_ctrl_new_std(hdl, &cmacodec_ctrl_ops, V4L2_CID_VFLIP,
				  0, 1, 1, 0);
	}
	ret = hdl->error;
	if (!ret)
		ret = v4l2_ctrl_handler_setup(hdl);
	if (ret) {
		v4l2_ctrl_handler_free(hdl);
		return ret;
	}
	ctx->fh.ctrl_handler = hdl;
	return 0;
}
