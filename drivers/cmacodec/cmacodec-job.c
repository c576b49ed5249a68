// SPDX-License-Identifier: GPL-2.0-only
/*
 * cmacodec: mem2mem jobs.
 *
 * device_run() turns a pair of buffers into a job for the core: it writes
 * their bus addresses, sizes and the stream parameters into the core's
 * registers and starts it.  The core's interrupt (cmacodec_irq_handler(),
 * hard irq context) reads the status registers and finishes the job.
 *
 * The decoder reads the stream header of every OUTPUT buffer with the CPU
 * when it is queued (the core has no stream parser), to set up CAPTURE and
 * to notice resolution changes.
 */
#include <linux/kernel.h>
#include <media/v4l2-event.h>
#include <media/videobuf2-dma-contig.h>
#include <linux/cmacodec.h>

#include "cmacodec.h"
#include "cmacodec-compat.h"
#include "hw/cmacodec-hw.h"

static_assert(sizeof(struct cmacodec_fwht_header) ==
	      CMACODEC_FWHT_HEADER_SIZE);
static_assert(CMACODEC_PIX_FMT_FWHT == V4L2_PIX_FMT_FWHT);
static_assert(CMACODEC_PIX_FMT_YUV420 == V4L2_PIX_FMT_YUV420);
static_assert(CMACODEC_PIX_FMT_ABGR32 == V4L2_PIX_FMT_ABGR32);

/**
 * cmacodec_queue_eos() - send V4L2_EVENT_EOS
 * @ctx: context; any context (the event queue has its own lock)
 */
void cmacodec_queue_eos(struct cmacodec_ctx *ctx)
{
	static const struct v4l2_event eos = {
		.type = V4L2_EVENT_EOS,
	};

	v4l2_event_queue_fh(&ctx->fh, &eos);
}

/**
 * cmacodec_queue_source_change() - send a resolution change event
 * @ctx: context; any context
 */
void cmacodec_queue_source_change(struct cmacodec_ctx *ctx)
{
	static const struct v4l2_event ev = {
		.type = V4L2_EVENT_SOURCE_CHANGE,
		.u.src_change.changes = V4L2_EVENT_SRC_CH_RESOLUTION,
	};

	v4l2_event_queue_fh(&ctx->fh, &ev);
}

/**
 * cmacodec_parse_header() - parse and check an FWHT stream header
 * @ctx:  context (for messages)
 * @buf:  start of a compressed frame
 * @len:  bytes at @buf, at least the header
 * @info: receives the header's contents
 *
 * Accepts header versions 1..CMACODEC_FWHT_VERSION of a picture size the
 * driver supports, that decode into some raw format of the catalogue and
 * announce a plausible payload size.  The payload itself is not looked at.
 *
 * Return: 0, or -EINVAL for anything else.
 */
int cmacodec_parse_header(struct cmacodec_ctx *ctx, const void *buf,
			  u32 len, struct cmacodec_stream_info *info)
{
	const struct cmacodec_fwht_header *hdr = buf;
	u32 version, flags, size;

	if (len < sizeof(*hdr)) {
		cmacodec_dbg(ctx->cdev->dev, "frame too short: %u\n", len);
		return -EINVAL;
	}
	if (hdr->magic1 != CMACODEC_FWHT_MAGIC1 ||
	    hdr->magic2 != CMACODEC_FWHT_MAGIC2) {
		cmacodec_dbg(ctx->cdev->dev, "no FWHT magic\n");
		return -EINVAL;
	}

	version = be32_to_cpu(hdr->version);
	flags = be32_to_cpu(hdr->flags);
	size = be32_to_cpu(hdr->size);
	info->width = be32_to_cpu(hdr->width);
	info->height = be32_to_cpu(hdr->height);
	info->width_div = flags & CMACODEC_FWHT_FL_CHROMA_FULL_WIDTH ? 1 : 2;
	info->height_div = flags & CMACODEC_FWHT_FL_CHROMA_FULL_HEIGHT ? 1 : 2;
	if (version >= 2) {
		info->components = 1 + ((flags &
					  CMACODEC_FWHT_FL_COMPONENTS_NUM_MSK) >>
					 CMACODEC_FWHT_FL_COMPONENTS_NUM_OFFSET);
		info->pixenc = (flags & CMACODEC_FWHT_FL_PIXENC_MSK) >>
			       CMACODEC_FWHT_FL_PIXENC_OFFSET;
	} else {
		info->components = 3;
		info->pixenc = 0;
	}
	info->colorspace = be32_to_cpu(hdr->colorspace);
	info->xfer_func = be32_to_cpu(hdr->xfer_func);
	info->ycbcr_enc = be32_to_cpu(hdr->ycbcr_enc);
	info->quantization = be32_to_cpu(hdr->quantization);

	if (!version || version > CMACODEC_FWHT_VERSION) {
		cmacodec_dbg(ctx->cdev->dev, "FWHT version %u\n", version);
		return -EINVAL;
	}
	if (info->width < CMACODEC_MIN_WIDTH ||
	    info->width > CMACODEC_MAX_WIDTH ||
	    info->height < CMACODEC_MIN_HEIGHT ||
	    info->height > CMACODEC_MAX_HEIGHT) {
		cmacodec_dbg(ctx->cdev->dev, "unsupported size %ux%u\n",
			     info->width, info->height);
		return -EINVAL;
	}
	if (version >= 2 && !info->pixenc) {
		cmacodec_dbg(ctx->cdev->dev, "no pixel encoding\n");
		return -EINVAL;
	}
	if (!cmacodec_pixfmt_find_compatible(info->components, info->width_div,
					     info->height_div, info->pixenc,
					     0)) {
		cmacodec_dbg(ctx->cdev->dev,
			     "no raw format for %u components, %u:%u, enc %u\n",
			     info->components, info->width_div,
			     info->height_div, info->pixenc);
		return -EINVAL;
	}
	/* no frame is larger than the worst case of any format */
	if (size > cmacodec_fwht_worst_size(info->width, info->height)) {
		cmacodec_dbg(ctx->cdev->dev, "implausible frame size %u\n",
			     size);
		return -EINVAL;
	}
	info->frame_size = size + sizeof(*hdr);
	/* the core stores colorimetry in 8-bit fields */
	if (info->colorspace > 0xff || info->xfer_func > 0xff ||
	    info->ycbcr_enc > 0xff || info->quantization > 0xff) {
		info->colorspace = V4L2_COLORSPACE_DEFAULT;
		info->xfer_func = V4L2_XFER_FUNC_DEFAULT;
		info->ycbcr_enc = V4L2_YCBCR_ENC_DEFAULT;
		info->quantization = V4L2_QUANTIZATION_DEFAULT;
	}
	return 0;
}

/**
 * cmacodec_job_done() - complete the running job of a context
 * @ctx:      the context whose job ran
 * @state:    VB2_BUF_STATE_DONE or VB2_BUF_STATE_ERROR
 * @len:      CAPTURE payload
 * @p_frame:  the frame was inter-coded
 *
 * Returns the OUTPUT and the CAPTURE buffer and finishes the job.  If the
 * OUTPUT buffer was the last one before a STOP command, the CAPTURE buffer
 * is flagged LAST and EOS is signalled.  Any context: called from the
 * interrupt handler and from device_run.
 */
void cmacodec_job_done(struct cmacodec_ctx *ctx, enum vb2_buffer_state state,
		       u32 len, bool p_frame)
{
	struct v4l2_m2m_ctx *m2m_ctx = ctx->fh.m2m_ctx;
	struct vb2_v4l2_buffer *src, *dst;
	unsigned long flags;

	spin_lock_irqsave(&ctx->irqlock, flags);
	src = v4l2_m2m_next_src_buf(m2m_ctx);
	dst = v4l2_m2m_next_dst_buf(m2m_ctx);
	if (WARN_ON_ONCE(!src || !dst)) {
		spin_unlock_irqrestore(&ctx->irqlock, flags);
		v4l2_m2m_job_finish(ctx->node->m2m_dev, m2m_ctx);
		return;
	}

	dst->sequence = ctx->q[CMACODEC_Q_CAP].sequence++;
	cmacodec_copy_metadata(src, dst);
	dst->field = V4L2_FIELD_NONE;
	dst->flags &= ~(V4L2_BUF_FLAG_LAST | V4L2_BUF_FLAG_KEYFRAME |
			V4L2_BUF_FLAG_PFRAME | V4L2_BUF_FLAG_BFRAME);

	if (state == VB2_BUF_STATE_DONE) {
		if (ctx->q[CMACODEC_Q_CAP].mem_planes > 1)
			cmacodec_set_raw_payloads(&dst->vb2_buf,
						  &ctx->q[CMACODEC_Q_CAP],
						  true);
		else
			vb2_set_plane_payload(&dst->vb2_buf, 0, len);
		/* frame types are the codecs' (a converted frame has none) */
		if (!cmacodec_is_cvt(ctx))
			dst->flags |= p_frame ? V4L2_BUF_FLAG_PFRAME :
						V4L2_BUF_FLAG_KEYFRAME;
	} else {
		cmacodec_set_raw_payloads(&dst->vb2_buf,
					  &ctx->q[CMACODEC_Q_CAP], false);
	}

	if (cmacodec_is_enc(ctx)) {
		/* as vicodec: an I frame (re)starts the GOP */
		if (state != VB2_BUF_STATE_DONE || !p_frame)
			ctx->gop_cnt = 0;
		if (++ctx->gop_cnt >= READ_ONCE(ctx->gop_size))
			ctx->gop_cnt = 0;
	}

	/*
	 * The decoder's OUTPUT buffer may hold more frames: then it stays
	 * queued and only the CAPTURE buffer is returned.
	 */
	if (cmacodec_is_dec(ctx) && !ctx->job_src_done) {
		v4l2_m2m_dst_buf_remove(m2m_ctx);
		v4l2_m2m_buf_done(dst, state);
		spin_unlock_irqrestore(&ctx->irqlock, flags);
		v4l2_m2m_job_finish(ctx->node->m2m_dev, m2m_ctx);
		return;
	}

	src->sequence = ctx->q[CMACODEC_Q_OUT].sequence++;
	/*
	 * EOS is queued before the LAST buffer is returned, so that a client
	 * that sees the buffer also finds the event.
	 */
	if (v4l2_m2m_is_last_draining_src_buf(m2m_ctx, src)) {
		dst->flags |= V4L2_BUF_FLAG_LAST;
		v4l2_m2m_mark_stopped(m2m_ctx);
		cmacodec_queue_eos(ctx);
	}
	v4l2_m2m_buf_done_and_job_finish(ctx->node->m2m_dev, m2m_ctx, state);
	spin_unlock_irqrestore(&ctx->irqlock, flags);
}

/**
 * cmacodec_irq_handler() - the core's interrupt handler
 * @hw:   the core
 * @priv: the node the core belongs to
 *
 * Hard irq context.
 */
void cmacodec_irq_handler(struct cmacodec_hw *hw, void *priv)
{
	struct cmacodec_node *node = priv;
	struct cmacodec_ctx *ctx;
	u32 status, err, len, result;

	status = cmacodec_hw_read(hw, CMACODEC_REG_IRQ_STATUS);
	cmacodec_hw_write(hw, CMACODEC_REG_IRQ_STATUS, status);
	if (!(status & CMACODEC_IRQ_ALL))
		return;

	ctx = v4l2_m2m_get_curr_priv(node->m2m_dev);
	if (!ctx) {
		dev_warn_ratelimited(node->cdev->dev,
				     "interrupt %#x without a job\n", status);
		return;
	}

	len = cmacodec_hw_read(hw, CMACODEC_REG_RESULT_LEN);
	result = cmacodec_hw_read(hw, CMACODEC_REG_RESULT_FLAGS);
	if (status & (CMACODEC_IRQ_ERROR | CMACODEC_IRQ_WATCHDOG)) {
		err = cmacodec_hw_read(hw, CMACODEC_REG_ERROR_CODE);
		dev_dbg_ratelimited(node->cdev->dev,
				    "job failed: irq %#x error %u\n",
				    status, err);
		cmacodec_job_done(ctx, VB2_BUF_STATE_ERROR, 0, false);
		return;
	}
	cmacodec_job_done(ctx, VB2_BUF_STATE_DONE, len,
			  result & CMACODEC_RESULT_P_FRAME);
}

/* DST (the CAPTURE buffer), REF, the interrupt mask; DST's CTRL bit */
static void cmacodec_program_dst_ref(struct cmacodec_hw *hw,
				     struct cmacodec_ctx *ctx,
				     struct vb2_v4l2_buffer *dst, u32 *ctrl)
{
	cmacodec_program_pic(hw, &dst->vb2_buf, &ctx->q[CMACODEC_Q_CAP],
			     CMACODEC_REG_DST_ADDR_LO, CMACODEC_REG_DST_SIZE,
			     CMACODEC_REG_DST_P1_ADDR_LO,
			     CMACODEC_CTRL_DST_MPLANE, ctrl);
	cmacodec_hw_write_addr(hw, CMACODEC_REG_REF_ADDR_LO, ctx->ref_dma);
	cmacodec_hw_write(hw, CMACODEC_REG_REF_SIZE, ctx->ref_size);
	cmacodec_hw_write(hw, CMACODEC_REG_IRQ_MASK, CMACODEC_IRQ_ALL);
}

static void cmacodec_enc_run(struct cmacodec_ctx *ctx,
			     struct vb2_v4l2_buffer *src,
			     struct vb2_v4l2_buffer *dst)
{
	struct cmacodec_hw *hw = ctx->node->hw;
	u32 gop_size = READ_ONCE(ctx->gop_size);
	struct cmacodec_q_data out_copy;
	const struct cmacodec_q_data *out = &out_copy;
	unsigned long flags;
	u32 ctrl = 0;

	/* S_SELECTION may change the visible size while streaming */
	spin_lock_irqsave(&ctx->irqlock, flags);
	out_copy = ctx->q[CMACODEC_Q_OUT];
	spin_unlock_irqrestore(&ctx->irqlock, flags);

	/* gop_cnt only changes in cmacodec_job_done(), never concurrently */
	if (!ctx->gop_cnt)
		ctrl |= CMACODEC_CTRL_I_FRAME;
	if (ctx->gop_cnt == gop_size - 1)
		ctrl |= CMACODEC_CTRL_NEXT_IS_I;

	cmacodec_hw_write(hw, CMACODEC_REG_FOURCC, out->raw->fourcc);
	cmacodec_hw_write(hw, CMACODEC_REG_PIC_SIZE,
			  CMACODEC_SIZE(out->visible_w, out->visible_h));
	cmacodec_hw_write(hw, CMACODEC_REG_CODED_SIZE,
			  CMACODEC_SIZE(out->coded_w, out->coded_h));
	cmacodec_hw_write(hw, CMACODEC_REG_BYTESPERLINE, out->bytesperline);
	cmacodec_hw_write(hw, CMACODEC_REG_QP,
			  CMACODEC_QP(READ_ONCE(ctx->i_frame_qp),
				      READ_ONCE(ctx->p_frame_qp)));
	cmacodec_hw_write(hw, CMACODEC_REG_COLORIMETRY,
			  CMACODEC_COLORIMETRY(ctx->colorspace, ctx->xfer_func,
					       ctx->ycbcr_enc,
					       ctx->quantization));
	cmacodec_program_pic(hw, &src->vb2_buf, out, CMACODEC_REG_SRC_ADDR_LO,
			     CMACODEC_REG_SRC_SIZE, CMACODEC_REG_SRC_P1_ADDR_LO,
			     CMACODEC_CTRL_SRC_MPLANE, &ctrl);
	cmacodec_program_dst_ref(hw, ctx, dst, &ctrl);
	cmacodec_hw_write(hw, CMACODEC_REG_CTRL, ctrl);
	cmacodec_hw_write(hw, CMACODEC_REG_START, CMACODEC_REG_START_GO);
}

/*
 * Decoder: a frame whose header does not match the CAPTURE format ends
 * the sequence: the next CAPTURE buffer comes back empty with LAST, the
 * new format is announced with SOURCE_CHANGE, and no job runs until the
 * client has restarted CAPTURE.  The OUTPUT buffer stays queued and is
 * decoded then.
 */
static void cmacodec_dec_source_change(struct cmacodec_ctx *ctx,
				       struct vb2_v4l2_buffer *src,
				       const struct cmacodec_stream_info *info)
{
	struct v4l2_m2m_ctx *m2m_ctx = ctx->fh.m2m_ctx;
	struct vb2_v4l2_buffer *dst;
	unsigned long flags;

	cmacodec_dbg(ctx->cdev->dev, "resolution change to %ux%u\n",
		     info->width, info->height);

	spin_lock_irqsave(&ctx->irqlock, flags);
	/* CAPTURE is streaming, so its format cannot change under us */
	cmacodec_dec_apply_stream(ctx, info);
	WRITE_ONCE(ctx->source_changed, true);
	/* the event goes first, see cmacodec_job_done() */
	cmacodec_queue_source_change(ctx);
	dst = v4l2_m2m_dst_buf_remove(m2m_ctx);
	if (dst) {
		cmacodec_set_raw_payloads(&dst->vb2_buf,
					  &ctx->q[CMACODEC_Q_CAP], false);
		dst->sequence = ctx->q[CMACODEC_Q_CAP].sequence++;
		cmacodec_copy_metadata(src, dst);
		dst->field = V4L2_FIELD_NONE;
		dst->flags &= ~(V4L2_BUF_FLAG_KEYFRAME | V4L2_BUF_FLAG_PFRAME);
		dst->flags |= V4L2_BUF_FLAG_LAST;
		v4l2_m2m_buf_done(dst, VB2_BUF_STATE_DONE);
	}
	spin_unlock_irqrestore(&ctx->irqlock, flags);

	v4l2_m2m_job_finish(ctx->node->m2m_dev, m2m_ctx);
}

static void cmacodec_dec_run(struct cmacodec_ctx *ctx,
			     struct vb2_v4l2_buffer *src,
			     struct vb2_v4l2_buffer *dst)
{
	struct cmacodec_hw *hw = ctx->node->hw;
	const struct cmacodec_stream_info *info = &ctx->bs_info;
	const struct cmacodec_q_data *cap = &ctx->q[CMACODEC_Q_CAP];
	struct v4l2_m2m_ctx *m2m_ctx = ctx->fh.m2m_ctx;
	u32 ctrl = CMACODEC_CTRL_DECODE;

	mutex_lock(&ctx->bs_lock);
	if (cmacodec_bs_assemble(ctx, false) != CMACODEC_BS_FRAME) {
		/* OUTPUT used up without a whole frame: wait for more */
		mutex_unlock(&ctx->bs_lock);
		v4l2_m2m_job_finish(ctx->node->m2m_dev, m2m_ctx);
		return;
	}
	if (!ctx->fmt_known) {
		ctx->stream = *info;
		ctx->fmt_known = true;
	}
	if (info->width != cap->visible_w || info->height != cap->visible_h ||
	    !cmacodec_stream_fits(cap->raw, info)) {
		/* the frame stays in the bitstream buffer until then */
		src = v4l2_m2m_next_src_buf(m2m_ctx);
		cmacodec_dec_source_change(ctx, src, info);
		mutex_unlock(&ctx->bs_lock);
		return;
	}

	/* the frame's last byte came from the head OUTPUT buffer */
	src = v4l2_m2m_next_src_buf(m2m_ctx);
	ctx->job_src_done = ctx->src_off >=
			    vb2_get_plane_payload(&src->vb2_buf, 0);
	/* the job's completion returns that buffer */
	if (ctx->job_src_done)
		ctx->src_off = 0;

	cmacodec_hw_write(hw, CMACODEC_REG_FOURCC, cap->raw->fourcc);
	cmacodec_hw_write(hw, CMACODEC_REG_PIC_SIZE,
			  CMACODEC_SIZE(info->width, info->height));
	cmacodec_hw_write(hw, CMACODEC_REG_CODED_SIZE,
			  CMACODEC_SIZE(cap->coded_w, cap->coded_h));
	cmacodec_hw_write(hw, CMACODEC_REG_BYTESPERLINE, cap->bytesperline);
	cmacodec_hw_write_addr(hw, CMACODEC_REG_SRC_ADDR_LO, ctx->bs_dma);
	cmacodec_hw_write(hw, CMACODEC_REG_SRC_SIZE, info->frame_size);
	cmacodec_program_dst_ref(hw, ctx, dst, &ctrl);
	cmacodec_hw_write(hw, CMACODEC_REG_CTRL, ctrl);
	/* the core reads the frame now; the next one is assembled later */
	cmacodec_bs_frame_done(ctx);
	mutex_unlock(&ctx->bs_lock);
	cmacodec_hw_write(hw, CMACODEC_REG_START, CMACODEC_REG_START_GO);
}

/*
 * Stateless decoder: apply the request's controls, find the reference
 * picture, program the job.  A request whose parameters no longer fit
 * (the CAPTURE format changed after it was queued), a missing reference
 * or an empty buffer fail the frame: both buffers come back with ERROR.
 */
static void cmacodec_sl_run(struct cmacodec_ctx *ctx,
			    struct vb2_v4l2_buffer *src,
			    struct vb2_v4l2_buffer *dst)
{
	struct media_request *req = src->vb2_buf.req_obj.req;
	const struct cmacodec_q_data *cap = &ctx->q[CMACODEC_Q_CAP];
	struct cmacodec_hw *hw = ctx->node->hw;
	struct v4l2_ctrl_fwht_params p;
	struct vb2_buffer *ref = NULL;
	u32 ctrl = CMACODEC_CTRL_DECODE | CMACODEC_CTRL_STATELESS;
	u32 payload = vb2_get_plane_payload(&src->vb2_buf, 0);
	int ret;

	ret = v4l2_ctrl_request_setup(req, &ctx->hdl);
	v4l2_ctrl_lock(ctx->sl_params);
	p = *ctx->sl_params->p_cur.p_fwht_params;
	v4l2_ctrl_unlock(ctx->sl_params);
	/* the values are taken: the request's controls are done */
	v4l2_ctrl_request_complete(req, &ctx->hdl);
	if (ret) {
		cmacodec_dbg(ctx->cdev->dev,
			     "OUTPUT buffer %u: request parameters refused (%d)\n",
			     src->vb2_buf.index, ret);
		goto fail;
	}
	if (!payload) {
		cmacodec_dbg(ctx->cdev->dev, "OUTPUT buffer %u is empty\n",
			     src->vb2_buf.index);
		goto fail;
	}
	if (!(p.flags & V4L2_FWHT_FL_I_FRAME)) {
		ref = vb2_find_buffer(v4l2_m2m_get_dst_vq(ctx->fh.m2m_ctx),
				      p.backward_ref_ts);
		if (!ref) {
			cmacodec_dbg(ctx->cdev->dev,
				     "no CAPTURE buffer with the reference timestamp %llu\n",
				     p.backward_ref_ts);
			goto fail;
		}
		ctrl |= CMACODEC_CTRL_REF_PIC;
		/* the reference has the layout of the CAPTURE buffers */
		cmacodec_program_pic(hw, ref, cap, CMACODEC_REG_REFPIC_ADDR_LO,
				     CMACODEC_REG_REFPIC_SIZE,
				     CMACODEC_REG_REFPIC_P1_ADDR_LO,
				     CMACODEC_CTRL_DST_MPLANE, &ctrl);
	}

	cmacodec_hw_write(hw, CMACODEC_REG_FOURCC, cap->raw->fourcc);
	cmacodec_hw_write(hw, CMACODEC_REG_PIC_SIZE,
			  CMACODEC_SIZE(p.width, p.height));
	cmacodec_hw_write(hw, CMACODEC_REG_CODED_SIZE,
			  CMACODEC_SIZE(cap->coded_w, cap->coded_h));
	cmacodec_hw_write(hw, CMACODEC_REG_BYTESPERLINE, cap->bytesperline);
	cmacodec_hw_write(hw, CMACODEC_REG_HDR_VERSION, p.version);
	cmacodec_hw_write(hw, CMACODEC_REG_HDR_FLAGS, p.flags);
	cmacodec_hw_write(hw, CMACODEC_REG_COLORIMETRY,
			  CMACODEC_COLORIMETRY(p.colorspace, p.xfer_func,
					       p.ycbcr_enc, p.quantization));
	cmacodec_hw_write_addr(hw, CMACODEC_REG_SRC_ADDR_LO,
			       vb2_dma_contig_plane_dma_addr(&src->vb2_buf, 0));
	cmacodec_hw_write(hw, CMACODEC_REG_SRC_SIZE, payload);
	cmacodec_program_dst_ref(hw, ctx, dst, &ctrl);
	cmacodec_hw_write(hw, CMACODEC_REG_CTRL, ctrl);
	cmacodec_hw_write(hw, CMACODEC_REG_START, CMACODEC_REG_START_GO);
	return;

fail:
	cmacodec_job_done(ctx, VB2_BUF_STATE_ERROR, 0, false);
}

/* mem2mem .device_run: process context, one job per node at a time */
static void cmacodec_device_run(void *priv)
{
	struct cmacodec_ctx *ctx = priv;
	struct v4l2_m2m_ctx *m2m_ctx = ctx->fh.m2m_ctx;
	struct vb2_v4l2_buffer *src = v4l2_m2m_next_src_buf(m2m_ctx);
	struct vb2_v4l2_buffer *dst = v4l2_m2m_next_dst_buf(m2m_ctx);

	mutex_lock(&ctx->node->hw_lock);
	if (cmacodec_is_enc(ctx))
		cmacodec_enc_run(ctx, src, dst);
	else if (cmacodec_is_dec(ctx))
		cmacodec_dec_run(ctx, src, dst);
	else if (cmacodec_is_sl(ctx))
		cmacodec_sl_run(ctx, src, dst);
	else
		cmacodec_cvt_run(ctx, src, dst);
	mutex_unlock(&ctx->node->hw_lock);
}

/* mem2mem .job_ready: called under mem2mem's job_spinlock */
static int cmacodec_job_ready(void *priv)
{
	struct cmacodec_ctx *ctx = priv;

	return !READ_ONCE(ctx->source_changed);
}

const struct v4l2_m2m_ops cmacodec_m2m_ops = {
	.device_run	= cmacodec_device_run,
	.job_ready	= cmacodec_job_ready,
};
