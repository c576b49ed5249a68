// SPDX-License-Identifier: GPL-2.0-only
/*
 * cmacodec: the stateless decoder node.
 *
 * Follows Documentation/userspace-api/media/v4l/dev-stateless-decoder.rst.
 * The client parses the stream: every OUTPUT buffer holds the payload of
 * one frame (no header) and goes in a media request together with the
 * frame's V4L2_CID_STATELESS_FWHT_PARAMS.  The parameters name the
 * reference picture of a P-frame by the timestamp of the OUTPUT buffer it
 * was decoded from, which mem2mem copies to the CAPTURE buffer; the
 * driver finds that CAPTURE buffer and hands its bus address to the core
 * (REFPIC).  The driver keeps no stream state: a resolution change is the
 * client's business (the CAPTURE format only has to be large enough).
 *
 * The node's formats follow the other decoder's: OUTPUT
 * V4L2_PIX_FMT_FWHT_STATELESS, any catalogue format on CAPTURE with its
 * width/height the coded size of the largest picture to decode.  The
 * job itself is programmed in cmacodec-job.c.
 *
 * Locking is that of every node (cmacodec.h); the parameters control is
 * read in device_run under its handler's lock.
 */
#include <linux/kernel.h>
#include <media/media-request.h>
#include <media/v4l2-event.h>
#include <media/v4l2-ioctl.h>

#include "cmacodec.h"
#include "cmacodec-compat.h"

static struct cmacodec_ctx *cmacodec_sl_file_ctx(struct file *file)
{
	return cmacodec_fh_to_ctx(cmacodec_file_to_fh(file));
}

/*
 * OUTPUT: width/height are the picture size the client announces (the
 * frames' own sizes come with their parameters); a buffer holds the
 * largest frame of any raw format at that size, or what the client asks
 * for beyond that.
 */
static void cmacodec_sl_out_fmt(struct cmacodec_q_data *q, u32 width,
				u32 height, u32 sizeimage)
{
	u32 max_size = cmacodec_fwht_worst_size(CMACODEC_MAX_WIDTH,
						CMACODEC_MAX_HEIGHT);

	width = clamp(width, CMACODEC_MIN_WIDTH, CMACODEC_MAX_WIDTH);
	height = clamp(height, CMACODEC_MIN_HEIGHT, CMACODEC_MAX_HEIGHT);
	q->fourcc = V4L2_PIX_FMT_FWHT_STATELESS;
	q->raw = NULL;
	q->mem_planes = 1;
	q->coded_w = width;
	q->coded_h = height;
	q->visible_w = width;
	q->visible_h = height;
	q->bytesperline = 0;
	q->sizeimage = clamp(sizeimage, cmacodec_fwht_worst_size(width, height),
			     max_size);
}

/**
 * cmacodec_sl_set_defaults() - initial formats of a stateless context
 * @ctx: context being opened
 *
 * They match the parameters control's default (1280x720 4:2:0 Y'CbCr).
 */
void cmacodec_sl_set_defaults(struct cmacodec_ctx *ctx)
{
	cmacodec_sl_out_fmt(&ctx->q[CMACODEC_Q_OUT], CMACODEC_DEF_WIDTH,
			    CMACODEC_DEF_HEIGHT, 0);
	cmacodec_set_raw_fmt(&ctx->q[CMACODEC_Q_CAP], cmacodec_pixfmt_get(0),
			     CMACODEC_DEF_WIDTH, CMACODEC_DEF_HEIGHT);
	ctx->colorspace = V4L2_COLORSPACE_REC709;
	ctx->xfer_func = V4L2_XFER_FUNC_DEFAULT;
	ctx->ycbcr_enc = V4L2_YCBCR_ENC_DEFAULT;
	ctx->quantization = V4L2_QUANTIZATION_DEFAULT;
}

static int cmacodec_sl_enum_fmt(struct file *file, void *priv,
				struct v4l2_fmtdesc *f)
{
	const struct cmacodec_pixfmt *raw;
	struct cmacodec_fmt mfmt;

	if (V4L2_TYPE_IS_OUTPUT(f->type)) {
		if (f->index)
			return -EINVAL;
		f->pixelformat = V4L2_PIX_FMT_FWHT_STATELESS;
		return 0;
	}
	raw = cmacodec_pixfmt_get(f->index);
	if (raw) {
		f->pixelformat = raw->fourcc;
		return 0;
	}
	/* then the multi-planar ones (multiplanar=1) */
	if (!cmacodec_mfmt_enum(cmacodec_sl_file_ctx(file),
				f->index - cmacodec_pixfmt_count(), NULL, NULL,
				&mfmt))
		return -EINVAL;
	f->pixelformat = mfmt.fourcc;
	return 0;
}

static int cmacodec_sl_g_fmt(struct file *file, void *priv,
			     struct v4l2_format *f)
{
	struct cmacodec_ctx *ctx = cmacodec_sl_file_ctx(file);
	unsigned long flags;

	spin_lock_irqsave(&ctx->irqlock, flags);
	cmacodec_fill_pix(ctx, cmacodec_q_data(ctx, f->type), &f->fmt.pix);
	spin_unlock_irqrestore(&ctx->irqlock, flags);
	return 0;
}

/* The format @f would result in, in @q and in @f; changes nothing. */
static void cmacodec_sl_try(struct cmacodec_ctx *ctx, struct v4l2_format *f,
			    struct cmacodec_q_data *q)
{
	struct v4l2_pix_format *pix = &f->fmt.pix;
	struct v4l2_pix_format in = *pix;
	struct cmacodec_fmt fmt;
	unsigned long flags;
	bool found;

	spin_lock_irqsave(&ctx->irqlock, flags);
	*q = *cmacodec_q_data(ctx, f->type);
	if (V4L2_TYPE_IS_OUTPUT(f->type)) {
		cmacodec_sl_out_fmt(q, pix->width, pix->height,
				    pix->sizeimage);
	} else {
		found = cmacodec_fmt_lookup(ctx, pix->pixelformat, &fmt);
		cmacodec_set_raw_fmt(q, found ? fmt.raw : q->raw, pix->width,
				     pix->height);
		if (found)
			cmacodec_q_set_fmt(q, &fmt);
	}
	cmacodec_fill_pix(ctx, q, pix);
	spin_unlock_irqrestore(&ctx->irqlock, flags);
	/* the client sets the colorimetry on OUTPUT, CAPTURE reports it */
	if (V4L2_TYPE_IS_OUTPUT(f->type))
		cmacodec_client_colorimetry(pix, &in);
}

static int cmacodec_sl_try_fmt(struct file *file, void *priv,
			       struct v4l2_format *f)
{
	struct cmacodec_q_data q;

	cmacodec_sl_try(cmacodec_sl_file_ctx(file), f, &q);
	return 0;
}

/*
 * S_FMT(OUTPUT) resets CAPTURE to its size, as dev-stateless-decoder.rst
 * says, unless CAPTURE has buffers.  A queue with buffers keeps its
 * format (EBUSY for another one).
 */
static int cmacodec_sl_s_fmt(struct file *file, void *priv,
			     struct v4l2_format *f)
{
	struct cmacodec_ctx *ctx = cmacodec_sl_file_ctx(file);
	struct v4l2_m2m_ctx *m2m_ctx = ctx->fh.m2m_ctx;
	struct cmacodec_q_data *cur = cmacodec_q_data(ctx, f->type);
	struct cmacodec_q_data *cap = &ctx->q[CMACODEC_Q_CAP];
	struct vb2_queue *cap_vq = v4l2_m2m_get_dst_vq(m2m_ctx);
	struct cmacodec_q_data q;
	unsigned long flags;

	cmacodec_sl_try(ctx, f, &q);
	if (vb2_is_busy(v4l2_m2m_get_vq(m2m_ctx, f->type)) &&
	    (q.fourcc != cur->fourcc || q.coded_w != cur->coded_w ||
	     q.coded_h != cur->coded_h || q.sizeimage != cur->sizeimage)) {
		cmacodec_dbg(ctx->cdev->dev, "S_FMT type %u: queue busy\n",
			     f->type);
		return -EBUSY;
	}

	spin_lock_irqsave(&ctx->irqlock, flags);
	*cur = q;
	if (V4L2_TYPE_IS_OUTPUT(f->type)) {
		ctx->colorspace = f->fmt.pix.colorspace;
		ctx->xfer_func = f->fmt.pix.xfer_func;
		ctx->ycbcr_enc = f->fmt.pix.ycbcr_enc;
		ctx->quantization = f->fmt.pix.quantization;
		if (!vb2_is_busy(cap_vq))
			cmacodec_set_raw_fmt(cap, cap->raw, q.coded_w,
					     q.coded_h);
	}
	spin_unlock_irqrestore(&ctx->irqlock, flags);

	cmacodec_dbg(ctx->cdev->dev, "S_FMT type %u: %p4cc %ux%u\n", f->type,
		     &cur->fourcc, cur->coded_w, cur->coded_h);
	return 0;
}

/* the stateless decoder's ioctls but the format ones */
#define CMACODEC_SL_IOCTL_OPS						\
	.vidioc_querycap		= cmacodec_querycap,		\
	.vidioc_enum_fmt_vid_cap	= cmacodec_sl_enum_fmt,		\
	.vidioc_enum_fmt_vid_out	= cmacodec_sl_enum_fmt,		\
	.vidioc_enum_framesizes		= cmacodec_enum_framesizes,	\
	CMACODEC_M2M_BUF_IOCTL_OPS					\
	.vidioc_g_selection		= cmacodec_g_selection,		\
	.vidioc_subscribe_event		= v4l2_ctrl_subscribe_event,	\
	.vidioc_unsubscribe_event	= v4l2_event_unsubscribe,

const struct v4l2_ioctl_ops cmacodec_sl_ioctl_ops = {
	CMACODEC_SL_IOCTL_OPS
	.vidioc_g_fmt_vid_cap		= cmacodec_sl_g_fmt,
	.vidioc_try_fmt_vid_cap		= cmacodec_sl_try_fmt,
	.vidioc_s_fmt_vid_cap		= cmacodec_sl_s_fmt,
	.vidioc_g_fmt_vid_out		= cmacodec_sl_g_fmt,
	.vidioc_try_fmt_vid_out		= cmacodec_sl_try_fmt,
	.vidioc_s_fmt_vid_out		= cmacodec_sl_s_fmt,
};

const struct v4l2_ioctl_ops cmacodec_sl_ioctl_ops_mp = {
	CMACODEC_SL_IOCTL_OPS
	CMACODEC_MP_FMT_OPS
};

/**
 * cmacodec_sl_params_info() - what FWHT parameters say about the stream
 * @p:    the parameters
 * @info: receives size, components, subsampling and pixel encoding
 *
 * Return: 0, or -EINVAL if they name no catalogue format or an
 * unsupported size.
 */
static int cmacodec_sl_params_info(const struct v4l2_ctrl_fwht_params *p,
				   struct cmacodec_stream_info *info)
{
	memset(info, 0, sizeof(*info));
	info->width = p->width;
	info->height = p->height;
	info->components = 1 + ((p->flags & V4L2_FWHT_FL_COMPONENTS_NUM_MSK) >>
				V4L2_FWHT_FL_COMPONENTS_NUM_OFFSET);
	info->width_div = p->flags & V4L2_FWHT_FL_CHROMA_FULL_WIDTH ? 1 : 2;
	info->height_div = p->flags & V4L2_FWHT_FL_CHROMA_FULL_HEIGHT ? 1 : 2;
	info->pixenc = (p->flags & V4L2_FWHT_FL_PIXENC_MSK) >>
		       V4L2_FWHT_FL_PIXENC_OFFSET;
	if (p->version != V4L2_FWHT_VERSION || !info->pixenc ||
	    p->width < CMACODEC_MIN_WIDTH || p->width > CMACODEC_MAX_WIDTH ||
	    p->height < CMACODEC_MIN_HEIGHT || p->height > CMACODEC_MAX_HEIGHT)
		return -EINVAL;
	return 0;
}

/*
 * A frame must fit the CAPTURE format: its size within the coded size,
 * its components and subsampling those of the raw format.  Checked when
 * the client sets the control (also into a request) and again when
 * device_run applies a request (v4l2_ctrl_request_setup()).
 */
static int cmacodec_sl_try_ctrl(struct v4l2_ctrl *ctrl)
{
	struct cmacodec_ctx *ctx = container_of(ctrl->handler,
						struct cmacodec_ctx, hdl);
	const struct v4l2_ctrl_fwht_params *p = ctrl->p_new.p_fwht_params;
	struct cmacodec_stream_info info;
	struct cmacodec_q_data cap;
	unsigned long flags;

	if (ctrl->id != V4L2_CID_STATELESS_FWHT_PARAMS)
		return 0;
	spin_lock_irqsave(&ctx->irqlock, flags);
	cap = ctx->q[CMACODEC_Q_CAP];
	spin_unlock_irqrestore(&ctx->irqlock, flags);

	if (cmacodec_sl_params_info(p, &info)) {
		cmacodec_dbg(ctx->cdev->dev,
			     "FWHT params: version %u, %ux%u, flags %#x unsupported\n",
			     p->version, p->width, p->height, p->flags);
		return -EINVAL;
	}
	if (p->width > cap.coded_w || p->height > cap.coded_h ||
	    !cmacodec_stream_fits(cap.raw, &info)) {
		cmacodec_dbg(ctx->cdev->dev,
			     "FWHT params: %ux%u flags %#x do not fit CAPTURE %p4cc %ux%u\n",
			     p->width, p->height, p->flags, &cap.fourcc,
			     cap.coded_w, cap.coded_h);
		return -EINVAL;
	}
	return 0;
}

/* device_run reads the values itself */
static int cmacodec_sl_s_ctrl(struct v4l2_ctrl *ctrl)
{
	return ctrl->id == V4L2_CID_STATELESS_FWHT_PARAMS ? 0 : -EINVAL;
}

static const struct v4l2_ctrl_ops cmacodec_sl_ctrl_ops = {
	.try_ctrl = cmacodec_sl_try_ctrl,
	.s_ctrl = cmacodec_sl_s_ctrl,
};

/* name, type and default come from the V4L2 core */
static const struct v4l2_ctrl_config cmacodec_sl_params_cfg = {
	.ops = &cmacodec_sl_ctrl_ops,
	.id = V4L2_CID_STATELESS_FWHT_PARAMS,
	.elem_size = sizeof(struct v4l2_ctrl_fwht_params),
};

/**
 * cmacodec_sl_ctrls_init() - add the stateless decoder's controls
 * @ctx: context being opened; errors are left in its handler
 */
void cmacodec_sl_ctrls_init(struct cmacodec_ctx *ctx)
{
	/* the core adds a class control for simple controls only */
	v4l2_ctrl_new_std(&ctx->hdl, NULL, V4L2_CID_CODEC_STATELESS_CLASS, 0, 0,
			  0, 0);
	ctx->sl_params = v4l2_ctrl_new_custom(&ctx->hdl,
					      &cmacodec_sl_params_cfg, NULL);
}

/*
 * MEDIA_REQUEST_IOC_QUEUE: a request of the stateless decoder holds
 * exactly one OUTPUT buffer and the frame's FWHT parameters.  The media
 * device is shared by all nodes, but only this node's OUTPUT queue takes
 * requests (vb2 refuses a request for any other queue).
 */
static int cmacodec_request_validate(struct media_request *req)
{
	struct media_request_object *obj;
	struct v4l2_ctrl_handler *hdl;
	struct cmacodec_ctx *ctx = NULL;
	unsigned int count;
	struct v4l2_ctrl *ctrl;

	list_for_each_entry(obj, &req->objects, list) {
		if (vb2_request_object_is_buffer(obj)) {
			struct vb2_buffer *vb = container_of(obj,
							     struct vb2_buffer,
							     req_obj);

			ctx = vb2_get_drv_priv(vb->vb2_queue);
			break;
		}
	}
	if (!ctx) {
		pr_debug(CMACODEC_NAME ": request without a buffer\n");
		return -ENOENT;
	}

	count = vb2_request_buffer_cnt(req);
	if (count != 1) {
		cmacodec_dbg(ctx->cdev->dev,
			     "request with %u buffers, one is needed\n",
			     count);
		return count ? -EINVAL : -ENOENT;
	}

	hdl = v4l2_ctrl_request_hdl_find(req, &ctx->hdl);
	if (!hdl) {
		cmacodec_dbg(ctx->cdev->dev, "request without controls\n");
		return -ENOENT;
	}
	ctrl = v4l2_ctrl_request_hdl_ctrl_find(hdl,
					       V4L2_CID_STATELESS_FWHT_PARAMS);
	v4l2_ctrl_request_hdl_put(hdl);
	if (!ctrl) {
		cmacodec_dbg(ctx->cdev->dev,
			     "request without FWHT parameters\n");
		return -ENOENT;
	}
	return vb2_request_validate(req);
}

const struct media_device_ops cmacodec_media_ops = {
	.req_validate = cmacodec_request_validate,
	.req_queue = v4l2_m2m_request_queue,
};
