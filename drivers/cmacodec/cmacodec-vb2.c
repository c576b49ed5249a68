// SPDX-License-Identifier: GPL-2.0-only
/*
 * cmacodec: videobuf2 queues.
 *
 * Both queues of every node use videobuf2-dma-contig on the platform
 * device: MMAP buffers are dma_alloc_coherent() memory (from CMA), DMABUF
 * imports must be contiguous in the device's bus address space.  USERPTR
 * is not offered: arbitrary user pages are not contiguous.
 *
 * The raw-side queue (encoder OUTPUT, decoder CAPTURE) also owns the
 * core's REF buffer while it streams: its size depends on the raw format.
 */
#include <linux/dma-mapping.h>
#include <media/v4l2-event.h>
#include <media/videobuf2-dma-contig.h>

#include "cmacodec.h"
#include "cmacodec-compat.h"
#include "hw/cmacodec-hw.h"

/*
 * How MMAP buffers are allocated (docs/memory.md, "Coherency"); read when a
 * file handle is opened, so a change applies to handles opened after it.
 */
static bool write_combine;
module_param(write_combine, bool, 0644);
MODULE_PARM_DESC(write_combine,
		 "allocate MMAP buffers with DMA_ATTR_WRITE_COMBINE: on a non-coherent device, uncached but write-combined CPU mappings (default N)");

static bool no_kernel_mapping;
module_param(no_kernel_mapping, bool, 0644);
MODULE_PARM_DESC(no_kernel_mapping,
		 "allocate MMAP buffers the driver never reads with the CPU (all but the decoder's OUTPUT) with DMA_ATTR_NO_KERNEL_MAPPING; their DMABUFs cannot be vmapped by importers (default N)");

static bool cache_hints;
module_param(cache_hints, bool, 0644);
MODULE_PARM_DESC(cache_hints,
		 "let clients ask for non-coherent MMAP buffers (V4L2_MEMORY_FLAG_NON_COHERENT) and skip cache maintenance per buffer (V4L2_BUF_FLAG_NO_CACHE_CLEAN/INVALIDATE) (default N)");

static int cmacodec_queue_setup(struct vb2_queue *vq, unsigned int *nbuffers,
				unsigned int *nplanes, unsigned int sizes[],
				struct device *alloc_devs[])
{
	struct cmacodec_ctx *ctx = vb2_get_drv_priv(vq);
	struct cmacodec_q_data *q = cmacodec_q_data(ctx, vq->type);
	unsigned int p;

	/*
	 * vb2 has set non_coherent_mem from this request's flags.  The
	 * attributes are for coherent allocations only: the non-coherent
	 * allocator refuses (and WARNs at) anything but its own.
	 */
	vq->dma_attrs = vq->non_coherent_mem ? 0 :
		ctx->coherent_attrs[V4L2_TYPE_IS_OUTPUT(vq->type) ?
				    CMACODEC_Q_OUT : CMACODEC_Q_CAP];
	if (*nplanes) {
		if (*nplanes != q->mem_planes)
			return -EINVAL;
		for (p = 0; p < q->mem_planes; p++)
			if (sizes[p] < cmacodec_q_plane_size(q, p))
				return -EINVAL;
		return 0;
	}

	/* one plane, or one per colour plane (NV12M, ...) */
	*nplanes = q->mem_planes;
	for (p = 0; p < q->mem_planes; p++)
		sizes[p] = cmacodec_q_plane_size(q, p);
	return 0;
}

static struct cmacodec_buf *cmacodec_to_buf(struct vb2_buffer *vb)
{
	return container_of(to_vb2_v4l2_buffer(vb), struct cmacodec_buf,
			    m2m.vb);
}

/*
 * A buffer has memory: allocated (MMAP, right after vb2-dma-contig
 * allocated it) or attached and mapped (DMABUF, at QBUF).  Record it, one
 * record per plane (the planes of a multi-planar buffer are separate
 * allocations); an MMAP buffer beyond the memory caps is refused, which
 * vb2 turns into fewer buffers or ENOMEM at REQBUFS/CREATE_BUFS.
 */
static int cmacodec_buf_init(struct vb2_buffer *vb)
{
	struct cmacodec_ctx *ctx = vb2_get_drv_priv(vb->vb2_queue);
	struct cmacodec_buf *buf = cmacodec_to_buf(vb);
	struct cmacodec_mem_buf_desc desc = {
		.kind = V4L2_TYPE_IS_OUTPUT(vb->vb2_queue->type) ?
			CMACODEC_MEM_OUTPUT : CMACODEC_MEM_CAPTURE,
		.index = vb->index,
		.imported = vb->memory == VB2_MEMORY_DMABUF,
		.attrs = vb->vb2_queue->dma_attrs,
		.non_coherent = vb->vb2_queue->non_coherent_mem,
	};
	unsigned int p;
	int ret;

	for (p = 0; p < vb->num_planes; p++) {
		desc.size = vb2_plane_size(vb, p);
		desc.dma = vb2_dma_contig_plane_dma_addr(vb, p);
		ret = cmacodec_mem_track(ctx, &buf->rec[p], &desc, true);
		if (ret)
			goto err_untrack;
	}
	return 0;

err_untrack:
	while (p--)
		cmacodec_mem_untrack(ctx, &buf->rec[p]);
	return ret;
}

static void cmacodec_buf_cleanup(struct vb2_buffer *vb)
{
	struct cmacodec_ctx *ctx = vb2_get_drv_priv(vb->vb2_queue);
	struct cmacodec_buf *buf = cmacodec_to_buf(vb);
	unsigned int p;

	for (p = 0; p < vb->num_planes; p++)
		cmacodec_mem_untrack(ctx, &buf->rec[p]);
}

static int cmacodec_buf_out_validate(struct vb2_buffer *vb)
{
	struct vb2_v4l2_buffer *vbuf = to_vb2_v4l2_buffer(vb);

	if (vbuf->field == V4L2_FIELD_ANY)
		vbuf->field = V4L2_FIELD_NONE;
	if (vbuf->field != V4L2_FIELD_NONE)
		return -EINVAL;
	return 0;
}

static int cmacodec_buf_prepare(struct vb2_buffer *vb)
{
	struct cmacodec_ctx *ctx = vb2_get_drv_priv(vb->vb2_queue);
	struct cmacodec_q_data *q = cmacodec_q_data(ctx, vb->vb2_queue->type);
	unsigned int p;

	for (p = 0; p < vb->num_planes; p++) {
		if (vb2_plane_size(vb, p) < cmacodec_q_plane_size(q, p)) {
			cmacodec_dbg(ctx->cdev->dev,
				     "buffer plane %u too small for type %u (%lu < %u)\n",
				     p, vb->vb2_queue->type,
				     vb2_plane_size(vb, p),
				     cmacodec_q_plane_size(q, p));
			return -EINVAL;
		}
	}
	if (V4L2_TYPE_IS_CAPTURE(vb->vb2_queue->type))
		cmacodec_set_raw_payloads(vb, q, false);
	return 0;
}

static void cmacodec_buf_queue(struct vb2_buffer *vb)
{
	struct vb2_v4l2_buffer *vbuf = to_vb2_v4l2_buffer(vb);
	struct cmacodec_ctx *ctx = vb2_get_drv_priv(vb->vb2_queue);
	struct v4l2_m2m_ctx *m2m_ctx = ctx->fh.m2m_ctx;
	unsigned long flags;

	if (V4L2_TYPE_IS_CAPTURE(vb->vb2_queue->type)) {
		spin_lock_irqsave(&ctx->irqlock, flags);
		/* a drain finished while no CAPTURE buffer was queued */
		if (vb2_is_streaming(vb->vb2_queue) &&
		    v4l2_m2m_dst_buf_is_last(m2m_ctx)) {
			vbuf->field = V4L2_FIELD_NONE;
			vbuf->sequence = ctx->q[CMACODEC_Q_CAP].sequence++;
			/* the event first, see cmacodec_job_done() */
			cmacodec_queue_eos(ctx);
			v4l2_m2m_last_buffer_done(m2m_ctx, vbuf);
		} else {
			v4l2_m2m_buf_queue(m2m_ctx, vbuf);
		}
		spin_unlock_irqrestore(&ctx->irqlock, flags);
		return;
	}

	v4l2_m2m_buf_queue(m2m_ctx, vbuf);
	if (!cmacodec_is_dec(ctx) || ctx->fmt_known)
		return;

	/*
	 * Decoder initialisation (dev-decoder.rst): the first valid header
	 * after OUTPUT STREAMON sets the CAPTURE format and is announced
	 * with SOURCE_CHANGE.  Data before it is skipped (its buffers are
	 * returned).  Later changes are detected when a frame is about to
	 * be decoded.
	 */
	mutex_lock(&ctx->bs_lock);
	if (cmacodec_bs_assemble(ctx, true) != CMACODEC_BS_NEED_DATA) {
		if (vb2_is_streaming(v4l2_m2m_get_dst_vq(m2m_ctx))) {
			/*
			 * CAPTURE was set up before the stream was known:
			 * device_run signals a change if the format does
			 * not fit the stream.
			 */
			ctx->stream = ctx->bs_info;
			ctx->fmt_known = true;
		} else {
			/* no job runs while CAPTURE is not streaming */
			cmacodec_dec_apply_stream(ctx, &ctx->bs_info);
			cmacodec_queue_source_change(ctx);
		}
	}
	mutex_unlock(&ctx->bs_lock);
}

/* Give every buffer still owned by the driver back to vb2. */
static void cmacodec_return_bufs(struct cmacodec_ctx *ctx,
				 struct vb2_queue *vq,
				 enum vb2_buffer_state state)
{
	struct v4l2_m2m_ctx *m2m_ctx = ctx->fh.m2m_ctx;
	struct vb2_v4l2_buffer *vbuf;
	unsigned long flags;

	for (;;) {
		if (V4L2_TYPE_IS_OUTPUT(vq->type))
			vbuf = v4l2_m2m_src_buf_remove(m2m_ctx);
		else
			vbuf = v4l2_m2m_dst_buf_remove(m2m_ctx);
		if (!vbuf)
			break;
		/* a stateless OUTPUT buffer's request completes with it */
		v4l2_ctrl_request_complete(vbuf->vb2_buf.req_obj.req,
					   &ctx->hdl);
		spin_lock_irqsave(&ctx->irqlock, flags);
		v4l2_m2m_buf_done(vbuf, state);
		spin_unlock_irqrestore(&ctx->irqlock, flags);
	}
}

static void cmacodec_free_ref(struct cmacodec_ctx *ctx)
{
	if (!ctx->ref_cpu)
		return;
	cmacodec_mem_untrack(ctx, &ctx->ref_rec);
	dma_free_coherent(ctx->cdev->dev, ctx->ref_size, ctx->ref_cpu,
			  ctx->ref_dma);
	ctx->ref_cpu = NULL;
	ctx->ref_size = 0;
}

/*
 * Allocate the core's REF buffer for the raw format: the size is what the
 * core reports in REF_SIZE_REQ for it.  The core may be running a job of
 * another context meanwhile: job registers are latched at START, and
 * node->hw_lock keeps device_run() from programming one concurrently.
 */
static int cmacodec_alloc_ref(struct cmacodec_ctx *ctx)
{
	const struct cmacodec_q_data *raw = &ctx->q[cmacodec_is_enc(ctx) ?
						     CMACODEC_Q_OUT :
						     CMACODEC_Q_CAP];
	struct cmacodec_mem_buf_desc desc = {
		.kind = CMACODEC_MEM_REF,
		.index = -1,
	};
	struct cmacodec_hw *hw = ctx->node->hw;
	size_t size;

	mutex_lock(&ctx->node->hw_lock);
	cmacodec_hw_write(hw, CMACODEC_REG_FOURCC, raw->raw->fourcc);
	cmacodec_hw_write(hw, CMACODEC_REG_CODED_SIZE,
			  CMACODEC_SIZE(raw->coded_w, raw->coded_h));
	size = cmacodec_hw_read(hw, CMACODEC_REG_REF_SIZE_REQ);
	mutex_unlock(&ctx->node->hw_lock);
	if (!size)
		return -EINVAL;

	cmacodec_free_ref(ctx);
	/* zeroed memory: the core sees no valid reference in it */
	ctx->ref_cpu = dma_alloc_coherent(ctx->cdev->dev, size, &ctx->ref_dma,
					  GFP_KERNEL | __GFP_NOWARN);
	if (!ctx->ref_cpu)
		return -ENOMEM;
	ctx->ref_size = size;
	desc.size = size;
	desc.dma = ctx->ref_dma;
	cmacodec_mem_track(ctx, &ctx->ref_rec, &desc, false);
	return 0;
}

static int cmacodec_start_streaming(struct vb2_queue *vq, unsigned int count)
{
	struct cmacodec_ctx *ctx = vb2_get_drv_priv(vq);
	struct cmacodec_q_data *q = cmacodec_q_data(ctx, vq->type);
	int ret;

	q->sequence = 0;
	v4l2_m2m_update_start_streaming_state(ctx->fh.m2m_ctx, vq);

	if (cmacodec_is_ref_queue(ctx, vq->type)) {
		ctx->gop_cnt = 0;
		ret = cmacodec_alloc_ref(ctx);
		if (ret) {
			cmacodec_dbg(ctx->cdev->dev,
				     "no REF buffer (%d)\n", ret);
			cmacodec_return_bufs(ctx, vq, VB2_BUF_STATE_QUEUED);
			return ret;
		}
	}
	if (cmacodec_is_dec(ctx) && V4L2_TYPE_IS_CAPTURE(vq->type))
		ctx->source_changed = false;
	return 0;
}

static void cmacodec_stop_streaming(struct vb2_queue *vq)
{
	struct cmacodec_ctx *ctx = vb2_get_drv_priv(vq);
	struct v4l2_m2m_ctx *m2m_ctx = ctx->fh.m2m_ctx;
	unsigned long flags;
	bool eos;

	/* mem2mem has waited for a running job of this context to finish */
	cmacodec_return_bufs(ctx, vq, VB2_BUF_STATE_ERROR);

	spin_lock_irqsave(&ctx->irqlock, flags);
	v4l2_m2m_update_stop_streaming_state(m2m_ctx, vq);
	eos = V4L2_TYPE_IS_OUTPUT(vq->type) && v4l2_m2m_has_stopped(m2m_ctx);
	if (cmacodec_is_dec(ctx) && V4L2_TYPE_IS_CAPTURE(vq->type))
		WRITE_ONCE(ctx->source_changed, false);
	spin_unlock_irqrestore(&ctx->irqlock, flags);
	if (eos)
		cmacodec_queue_eos(ctx);

	/* a new OUTPUT stream starts with a new header */
	if (cmacodec_is_dec(ctx) && V4L2_TYPE_IS_OUTPUT(vq->type)) {
		ctx->fmt_known = false;
		mutex_lock(&ctx->bs_lock);
		cmacodec_bs_free_locked(ctx);
		mutex_unlock(&ctx->bs_lock);
	}

	if (cmacodec_is_ref_queue(ctx, vq->type))
		cmacodec_free_ref(ctx);
}

/* a request buffer vb2 cancels before the driver got it */
static void cmacodec_buf_request_complete(struct vb2_buffer *vb)
{
	struct cmacodec_ctx *ctx = vb2_get_drv_priv(vb->vb2_queue);

	v4l2_ctrl_request_complete(vb->req_obj.req, &ctx->hdl);
}

static const struct vb2_ops cmacodec_qops = {
	.queue_setup		= cmacodec_queue_setup,
	.buf_init		= cmacodec_buf_init,
	.buf_cleanup		= cmacodec_buf_cleanup,
	.buf_out_validate	= cmacodec_buf_out_validate,
	.buf_prepare		= cmacodec_buf_prepare,
	.buf_queue		= cmacodec_buf_queue,
	.start_streaming	= cmacodec_start_streaming,
	.stop_streaming		= cmacodec_stop_streaming,
	.buf_request_complete	= cmacodec_buf_request_complete,
	CMACODEC_VB2_WAIT_OPS
};

static int cmacodec_init_vq(struct cmacodec_ctx *ctx, struct vb2_queue *vq,
			    enum v4l2_buf_type type)
{
	unsigned long attrs = 0;

	vq->type = type;
	vq->io_modes = VB2_MMAP | VB2_DMABUF;
	vq->drv_priv = ctx;
	vq->buf_struct_size = sizeof(struct cmacodec_buf);
	vq->ops = &cmacodec_qops;
	/* a failing allocation is the client's ENOMEM, not a kernel warning */
	vq->gfp_flags = __GFP_NOWARN;
	vq->mem_ops = cmacodec_mem_vb2_ops();
	if (READ_ONCE(write_combine))
		attrs |= DMA_ATTR_WRITE_COMBINE;
	/* the decoder's OUTPUT is parsed by the CPU (cmacodec-dec.c) */
	if (READ_ONCE(no_kernel_mapping) &&
	    !(V4L2_TYPE_IS_OUTPUT(type) && cmacodec_is_dec(ctx)))
		attrs |= DMA_ATTR_NO_KERNEL_MAPPING;
	/* applied in queue_setup, once vb2 knows the request's coherency */
	ctx->coherent_attrs[V4L2_TYPE_IS_OUTPUT(type) ? CMACODEC_Q_OUT :
			    CMACODEC_Q_CAP] = attrs;
	vq->dma_attrs = attrs;
	vq->allow_cache_hints = READ_ONCE(cache_hints);
	vq->timestamp_flags = V4L2_BUF_FLAG_TIMESTAMP_COPY;
	vq->lock = &ctx->node->lock;
	vq->dev = ctx->cdev->dev;
	/* dev-stateless-decoder.rst: every frame comes in a media request */
	if (cmacodec_is_sl(ctx) && V4L2_TYPE_IS_OUTPUT(type)) {
		vq->supports_requests = true;
		vq->requires_requests = true;
	}
	return vb2_queue_init(vq);
}

/**
 * cmacodec_queue_init() - mem2mem queue_init callback
 * @priv:   the context
 * @src_vq: OUTPUT queue
 * @dst_vq: CAPTURE queue
 *
 * Return: 0 or a negative errno.
 */
int cmacodec_queue_init(void *priv, struct vb2_queue *src_vq,
			struct vb2_queue *dst_vq)
{
	struct cmacodec_ctx *ctx = priv;
	bool mp = ctx->cdev->mplane;
	int ret;

	ret = cmacodec_init_vq(ctx, src_vq,
			       mp ? V4L2_BUF_TYPE_VIDEO_OUTPUT_MPLANE :
				    V4L2_BUF_TYPE_VIDEO_OUTPUT);
	if (ret)
		return ret;
	return cmacodec_init_vq(ctx, dst_vq,
				mp ? V4L2_BUF_TYPE_VIDEO_CAPTURE_MPLANE :
				     V4L2_BUF_TYPE_VIDEO_CAPTURE);
}
