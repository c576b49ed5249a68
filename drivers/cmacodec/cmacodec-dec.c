// SPDX-License-Identifier: GPL-2.0-only
/*
 * cmacodec: the decoder's bitstream buffer.
 *
 * The core decodes one frame from one contiguous bus address range.  The
 * OUTPUT queue carries a continuous byte stream (frames may span buffers
 * and buffers may hold several frames), so, like stateful decoders with a
 * bitstream ring buffer, the driver assembles each frame with the CPU in a
 * per-context CMA buffer (the "bitstream buffer") and hands the core that
 * buffer.  The assembler looks for the 8 magic bytes, reads and checks the
 * header, then collects the payload.
 *
 * The bitstream buffer is allocated on first use with the OUTPUT buffer
 * size, grown for larger frames, and freed at OUTPUT STREAMOFF.
 *
 * All assembler state is under ctx->bs_lock and is only touched in process
 * context: device_run() and, while the stream format is not known yet, the
 * OUTPUT buf_queue().  No job of the context runs meanwhile (mem2mem runs
 * one job at a time, and no job runs before the format is known).
 */
#include <linux/dma-mapping.h>
#include <linux/kernel.h>
#include <linux/string.h>
#include <linux/cmacodec.h>

#include "cmacodec.h"

#define CMACODEC_HDR_SIZE	CMACODEC_FWHT_HEADER_SIZE
#define CMACODEC_MAGIC_SIZE	8

/**
 * cmacodec_bs_free_locked() - free the bitstream buffer, reset the parser
 * @ctx: decoder context, bs_lock held
 */
void cmacodec_bs_free_locked(struct cmacodec_ctx *ctx)
{
	if (ctx->bs_cpu) {
		cmacodec_mem_untrack(ctx, &ctx->bs_rec);
		dma_free_coherent(ctx->cdev->dev, ctx->bs_size, ctx->bs_cpu,
				  ctx->bs_dma);
	}
	ctx->bs_cpu = NULL;
	ctx->bs_size = 0;
	ctx->bs_fill = 0;
	ctx->bs_need = 0;
	ctx->src_off = 0;
}

/* Make room for a frame of @need bytes, keeping what is assembled. */
static int cmacodec_bs_grow(struct cmacodec_ctx *ctx, u32 need)
{
	struct cmacodec_mem_buf_desc desc = {
		.kind = CMACODEC_MEM_BITSTREAM,
		.index = -1,
	};
	dma_addr_t dma;
	u8 *cpu;

	if (ctx->bs_cpu && need <= ctx->bs_size)
		return 0;
	/* a frame too large for the memory left is the client's ENOMEM */
	cpu = dma_alloc_coherent(ctx->cdev->dev, need, &dma,
				 GFP_KERNEL | __GFP_NOWARN);
	if (!cpu) {
		cmacodec_dbg(ctx->cdev->dev,
			     "no memory for a %u-byte bitstream buffer\n", need);
		return -ENOMEM;
	}
	if (ctx->bs_cpu) {
		memcpy(cpu, ctx->bs_cpu, ctx->bs_fill);
		cmacodec_mem_untrack(ctx, &ctx->bs_rec);
		dma_free_coherent(ctx->cdev->dev, ctx->bs_size, ctx->bs_cpu,
				  ctx->bs_dma);
	}
	ctx->bs_cpu = cpu;
	ctx->bs_dma = dma;
	ctx->bs_size = need;
	desc.size = need;
	desc.dma = dma;
	cmacodec_mem_track(ctx, &ctx->bs_rec, &desc, false);
	return 0;
}

/*
 * Feed one byte to the magic search.  The magic is 4f 4f 4f 4f ff ff ff ff
 * and never occurs inside a frame, so a small state machine suffices.
 */
static void cmacodec_bs_hunt(struct cmacodec_ctx *ctx, u8 b)
{
	static const u8 magic[CMACODEC_MAGIC_SIZE] = {
		0x4f, 0x4f, 0x4f, 0x4f, 0xff, 0xff, 0xff, 0xff
	};
	u32 n = ctx->bs_fill;

	if (b == magic[n])
		n++;
	else if (b == 0x4f)
		n = n == 4 ? 4 : 1;	/* 4f 4f 4f 4f 4f: still 4 of them */
	else
		n = 0;
	ctx->bs_fill = n;
	if (n == CMACODEC_MAGIC_SIZE)
		memcpy(ctx->bs_cpu, magic, sizeof(magic));
}

/*
 * The OUTPUT buffer at the head is used up: give it back.  If it was the
 * last one before a STOP command, the drain ends here, without a frame:
 * the next CAPTURE buffer (now, or when it is queued) is an empty LAST one.
 */
static void cmacodec_bs_consume_src(struct cmacodec_ctx *ctx,
				    enum vb2_buffer_state state)
{
	struct v4l2_m2m_ctx *m2m_ctx = ctx->fh.m2m_ctx;
	struct vb2_v4l2_buffer *src, *dst;
	unsigned long flags;

	spin_lock_irqsave(&ctx->irqlock, flags);
	src = v4l2_m2m_next_src_buf(m2m_ctx);
	if (src && v4l2_m2m_is_last_draining_src_buf(m2m_ctx, src)) {
		dst = v4l2_m2m_dst_buf_remove(m2m_ctx);
		if (dst) {
			cmacodec_set_raw_payloads(&dst->vb2_buf,
						  &ctx->q[CMACODEC_Q_CAP],
						  false);
			dst->sequence = ctx->q[CMACODEC_Q_CAP].sequence++;
			dst->field = V4L2_FIELD_NONE;
			cmacodec_queue_eos(ctx);
			v4l2_m2m_last_buffer_done(m2m_ctx, dst);
		} else {
			m2m_ctx->next_buf_last = true;
		}
	}
	src = v4l2_m2m_src_buf_remove(m2m_ctx);
	if (src) {
		src->sequence = ctx->q[CMACODEC_Q_OUT].sequence++;
		v4l2_m2m_buf_done(src, state);
	}
	ctx->src_off = 0;
	spin_unlock_irqrestore(&ctx->irqlock, flags);
}

/* The header is complete in the bitstream buffer: check it. */
static void cmacodec_bs_header_done(struct cmacodec_ctx *ctx)
{
	if (cmacodec_parse_header(ctx, ctx->bs_cpu, CMACODEC_HDR_SIZE,
				  &ctx->bs_info) ||
	    cmacodec_bs_grow(ctx, ctx->bs_info.frame_size)) {
		/* not a frame after all: hunt for the next magic */
		ctx->bs_fill = 0;
		return;
	}
	ctx->bs_need = ctx->bs_info.frame_size;
}

/**
 * cmacodec_bs_assemble() - collect the next frame from the OUTPUT queue
 * @ctx:         decoder context, bs_lock held
 * @header_only: stop as soon as a valid header is in (stream format
 *               detection)
 *
 * Copies OUTPUT data into the bitstream buffer, returning OUTPUT buffers
 * as they are used up.
 *
 * Return: %CMACODEC_BS_FRAME if a whole frame (header in ctx->bs_info) is
 * in the bitstream buffer, %CMACODEC_BS_HEADER if @header_only and its
 * header is, %CMACODEC_BS_NEED_DATA if the OUTPUT queue ran dry first.
 */
enum cmacodec_bs_state cmacodec_bs_assemble(struct cmacodec_ctx *ctx,
					    bool header_only)
{
	struct v4l2_m2m_ctx *m2m_ctx = ctx->fh.m2m_ctx;
	struct vb2_v4l2_buffer *src;
	u32 len, n;
	u8 *data;

	for (;;) {
		if (ctx->bs_need && ctx->bs_fill == ctx->bs_need)
			return CMACODEC_BS_FRAME;
		if (header_only && ctx->bs_need)
			return CMACODEC_BS_HEADER;

		src = v4l2_m2m_next_src_buf(m2m_ctx);
		if (!src)
			return CMACODEC_BS_NEED_DATA;
		if (!ctx->bs_cpu &&
		    cmacodec_bs_grow(ctx, ctx->q[CMACODEC_Q_OUT].sizeimage))
			return CMACODEC_BS_NEED_DATA;
		len = vb2_get_plane_payload(&src->vb2_buf, 0);
		data = vb2_plane_vaddr(&src->vb2_buf, 0);
		if (!data) {
			/* an imported buffer the CPU cannot map */
			cmacodec_dbg(ctx->cdev->dev,
				     "OUTPUT buffer %u not mappable\n",
				     src->vb2_buf.index);
			cmacodec_bs_consume_src(ctx, VB2_BUF_STATE_ERROR);
			continue;
		}

		while (ctx->src_off < len &&
		       !(ctx->bs_need && ctx->bs_fill == ctx->bs_need)) {
			if (ctx->bs_fill < CMACODEC_MAGIC_SIZE) {
				cmacodec_bs_hunt(ctx, data[ctx->src_off++]);
				continue;
			}
			if (!ctx->bs_need) {
				n = min(CMACODEC_HDR_SIZE - ctx->bs_fill,
					len - ctx->src_off);
				memcpy(ctx->bs_cpu + ctx->bs_fill,
				       data + ctx->src_off, n);
				ctx->bs_fill += n;
				ctx->src_off += n;
				if (ctx->bs_fill == CMACODEC_HDR_SIZE)
					cmacodec_bs_header_done(ctx);
				if (header_only && ctx->bs_need)
					break;
				continue;
			}
			n = min(ctx->bs_need - ctx->bs_fill,
				len - ctx->src_off);
			memcpy(ctx->bs_cpu + ctx->bs_fill, data + ctx->src_off,
			       n);
			ctx->bs_fill += n;
			ctx->src_off += n;
		}
		/*
		 * A buffer that ends exactly with a frame is returned when
		 * that frame is decoded (it may carry the drain's end).
		 */
		if (ctx->src_off >= len &&
		    !(ctx->bs_need && ctx->bs_fill == ctx->bs_need))
			cmacodec_bs_consume_src(ctx, VB2_BUF_STATE_DONE);
	}
}

/**
 * cmacodec_bs_frame_done() - the frame in the bitstream buffer was used
 * @ctx: decoder context, bs_lock held
 */
void cmacodec_bs_frame_done(struct cmacodec_ctx *ctx)
{
	ctx->bs_fill = 0;
	ctx->bs_need = 0;
}
