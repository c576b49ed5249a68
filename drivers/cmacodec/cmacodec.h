/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * cmacodec: V4L2 mem2mem FWHT encoder/decoder for an emulated codec core
 * with physically contiguous (CMA, videobuf2-dma-contig) buffers.
 *
 * Structure
 * ---------
 * cmacodec-drv.c   platform driver, video nodes, media controller, open/close
 * cmacodec-v4l2.c  ioctls: formats, selection, encoder/decoder commands,
 *                  events, controls
 * cmacodec-vb2.c   videobuf2 queues (dma-contig), per-context REF buffer
 * cmacodec-job.c   mem2mem jobs: programming the core's registers, its
 *                  interrupt, the decoder's stream header parsing
 * cmacodec-dec.c   the decoder's bitstream buffer: frames assembled from
 *                  the OUTPUT byte stream
 * cmacodec-convert.c  the converter node: its formats, colorimetry and
 *                  conversion jobs
 * cmacodec-stateless.c  the stateless decoder node: its formats, the
 *                  FWHT parameters control and media request validation
 * cmacodec-mplane.c  the multi-planar API (multiplanar=1): the formats
 *                  with one buffer per colour plane (NV12M, ...) and the
 *                  _MPLANE format ioctls of every node
 * cmacodec-mem.c   accounting of held DMA memory, its caps, its debugfs
 * cmacodec-debugfs.c  register dump and fault injection for tests
 * hw/              the emulated core; reached only through cmacodec-hw.h
 *
 * Each video node (encoder, decoder, converter, stateless decoder) owns
 * one core and one
 * v4l2_m2m_dev, as on SoCs with separate encoder, decoder and scaler IPs.
 *
 * Locking
 * -------
 * node->lock (mutex, one per video node)
 *	Is video_device.lock and vb2_queue.lock of both queues of every
 *	context opened on the node, so all ioctls, open/release and the vb2
 *	callbacks they cause (queue_setup, buf_prepare/queue, start/stop
 *	streaming) of one node are serialised.  Not taken by the job path.
 * ctx->hdl's lock (the control handler's own mutex)
 *	s_ctrl stores GOP size and QPs with WRITE_ONCE(); device_run reads
 *	them with READ_ONCE(), it needs no consistent snapshot of them.
 *	The stateless decoder's device_run applies a request's controls
 *	(v4l2_ctrl_request_setup()) and copies the FWHT parameters under
 *	it, inside node->hw_lock; its try_ctrl takes ctx->irqlock inside
 *	it to read the CAPTURE format.
 * ctx->irqlock (spinlock, irq-safe, one per context)
 *	Serialises the completion of a job (the core's interrupt handler, in
 *	hard irq context, or device_run when it finishes a job without the
 *	core) with the ENC_CMD/DEC_CMD handlers and the CAPTURE buf_queue, so
 *	that the mem2mem drain state (is_draining, last_src_buf, has_stopped)
 *	and "is this the last buffer" decision are atomic with taking the
 *	buffers off the ready queues.  Also protects the per-queue sequence
 *	counters, the encoder's GOP position, the decoder's
 *	source_changed flag and the converter's formats, colorimetry and
 *	flips, which its device_run reads.
 * mem2mem's job_spinlock and rdy_spinlock nest inside ctx->irqlock
 *	(v4l2_m2m_buf_done_and_job_finish() is called with irqlock held).
 *	.job_ready runs under job_spinlock and therefore must not take
 *	ctx->irqlock; it only reads ctx->source_changed (READ_ONCE).
 * node->hw_lock (mutex, one per node/core)
 *	Makes a sequence of register writes atomic: device_run() programming
 *	a job and writing START, and start_streaming() asking the core for
 *	the REF size of a format, which uses the same FOURCC/CODED_SIZE
 *	registers.  Nests inside node->lock.  The interrupt handler only
 *	touches status registers and does not take it.
 * ctx->bs_lock (mutex, decoder contexts)
 *	The bitstream assembler state (cmacodec-dec.c).  Taken in
 *	device_run() (inside node->hw_lock) and in the OUTPUT buf_queue()
 *	(inside node->lock); never together with ctx->irqlock held.
 * cdev->mem_lock (spinlock, one per device)
 *	The memory accounting (cmacodec-mem.h): the list of held buffers,
 *	the list of contexts and their byte counters.  Innermost: taken
 *	inside node->lock and ctx->bs_lock, never while taking another lock.
 * hw->lock, hw->engine_lock: internal to the core model; the interrupt
 *	handler is called with neither held.
 *
 * Job lifetime: mem2mem calls .device_run in process context; it programs
 * the core and writes START.  The core's interrupt completes the job with
 * v4l2_m2m_buf_done_and_job_finish().  mem2mem's streamoff/release wait
 * for a running job to finish; the core's watchdog bounds that wait.
 */
#ifndef CMACODEC_H
#define CMACODEC_H

#include <linux/device.h>
#include <linux/mutex.h>
#include <linux/spinlock.h>
#include <linux/types.h>
#include <media/media-device.h>
#include <media/v4l2-ctrls.h>
#include <media/v4l2-device.h>
#include <media/v4l2-fh.h>
#include <media/v4l2-mem2mem.h>
#include <media/videobuf2-v4l2.h>

#include "codec/cmacodec-pixfmt.h"
#include "cmacodec-mem.h"

#define CMACODEC_NAME		"cmacodec"

#define CMACODEC_MIN_WIDTH	64U
#define CMACODEC_MIN_HEIGHT	64U
#define CMACODEC_MAX_WIDTH	4096U
#define CMACODEC_MAX_HEIGHT	2160U
#define CMACODEC_DEF_WIDTH	1280U
#define CMACODEC_DEF_HEIGHT	720U

/* smallest converter picture side */
#define CMACODEC_CVT_MIN_SIZE	16U

/* smallest decoder OUTPUT buffer (the stream is a byte stream) */
#define CMACODEC_MIN_BS_SIZE	4096U

/* size alignment of FWHT frames (the codec works on 8x8 blocks) */
#define CMACODEC_FWHT_STEP	8U

#define CMACODEC_GOP_DEF	10
#define CMACODEC_GOP_MAX	16
#define CMACODEC_QP_MIN		1
#define CMACODEC_QP_MAX		31
#define CMACODEC_QP_DEF		20

/* driver messages go through dynamic debug */
#define cmacodec_dbg(dev, fmt, ...)	dev_dbg(dev, fmt, ##__VA_ARGS__)

struct cmacodec_hw;
struct cmacodec_dev;

/**
 * enum cmacodec_role - what a video node does
 * @CMACODEC_ENCODER: stateful encoder, OUTPUT raw -> CAPTURE FWHT
 * @CMACODEC_DECODER: stateful decoder, OUTPUT FWHT -> CAPTURE raw
 * @CMACODEC_CONVERTER: converter/scaler, OUTPUT raw -> CAPTURE raw
 * @CMACODEC_STATELESS: stateless decoder, OUTPUT FWHT payloads in media
 *                      requests -> CAPTURE raw
 * @CMACODEC_NUM_ROLES: number of video nodes
 */
enum cmacodec_role {
	CMACODEC_ENCODER,
	CMACODEC_DECODER,
	CMACODEC_CONVERTER,
	CMACODEC_STATELESS,
	CMACODEC_NUM_ROLES,
};

/**
 * struct cmacodec_node - one video node and the core behind it
 * @cdev:     the device
 * @role:     encoder, decoder or converter
 * @vfd:      the video node
 * @lock:     serialises the node's ioctls, see "Locking" above
 * @m2m_dev:  mem2mem job scheduler of the node
 * @hw:       the emulated core the node's jobs run on
 * @hw_lock:  serialises multi-register sequences on @hw (programming a
 *            job, querying REF_SIZE_REQ)
 * @base_ops: the node's ioctls for struct v4l2_pix_format (with
 *            multiplanar=1 @vfd has their _MPLANE twins, which call them)
 * @registered:    @vfd is registered
 * @mc_registered: @m2m_dev's media entities are registered
 */
struct cmacodec_node {
	struct cmacodec_dev *cdev;
	enum cmacodec_role role;
	struct video_device vfd;
	/* see "Locking" at the top of this file */
	struct mutex lock;
	struct v4l2_m2m_dev *m2m_dev;
	struct cmacodec_hw *hw;
	/* see "Locking" at the top of this file */
	struct mutex hw_lock;
	const struct v4l2_ioctl_ops *base_ops;
	bool registered;
	bool mc_registered;
};

/**
 * struct cmacodec_dev - the driver instance
 * @v4l2_dev: V4L2 device; its release callback frees this structure
 * @mdev:     media controller device
 * @dev:      the platform device's struct device (referenced), used for
 *            DMA and messages
 * @nodes:    encoder, decoder, converter and stateless decoder
 * @debugfs:  debugfs directory (cmacodec-debugfs.c)
 * @mem_lock: protects the memory accounting, see "Locking" above
 * @mem_list: every buffer held (struct cmacodec_mem_rec), under @mem_lock
 * @mem_ctxs: every open context, under @mem_lock
 * @mem_alloc_bytes: bytes allocated for the device, under @mem_lock
 * @next_ctx_id: number of the last context opened
 * @rmem_attached: of_reserved_mem_device_init() attached a memory-region
 * @mplane:   the nodes use the multi-planar API (module parameter
 *            multiplanar, read at probe)
 */
struct cmacodec_dev {
	struct v4l2_device v4l2_dev;
	struct media_device mdev;
	struct device *dev;
	struct cmacodec_node nodes[CMACODEC_NUM_ROLES];
	struct dentry *debugfs;
	/* see "Locking" at the top of this file */
	spinlock_t mem_lock;
	struct list_head mem_list;
	struct list_head mem_ctxs;
	size_t mem_alloc_bytes;
	atomic_t next_ctx_id;
	bool rmem_attached;
	bool mplane;
};

/**
 * struct cmacodec_buf - a vb2 buffer of a cmacodec queue
 * @m2m: mem2mem's buffer (must be first: vb2 allocates this structure)
 * @rec: its memory records (cmacodec-mem.c), one per plane, from buf_init
 *       to buf_cleanup
 */
struct cmacodec_buf {
	struct v4l2_m2m_buffer m2m;
	struct cmacodec_mem_rec rec[VIDEO_MAX_PLANES];
};

/**
 * struct cmacodec_q_data - format of one queue
 * @fourcc:       V4L2 pixel format (NV12M for a multi-planar NV12 layout)
 * @raw:          catalogue entry of a raw format (its colour plane layout;
 *                what the core is programmed with), NULL for FWHT
 * @mem_planes:   memory planes (buffers) per frame: 1, or for the
 *                multi-planar formats one per colour plane
 * @coded_w:      format width (buffer layout)
 * @coded_h:      format height
 * @visible_w:    visible width (encoder crop / decoder compose)
 * @visible_h:    visible height
 * @bytesperline: bytesperline of a raw format, 0 for FWHT
 * @sizeimage:    buffer size
 * @sequence:     sequence number of the next buffer (under ctx->irqlock)
 */
struct cmacodec_q_data {
	u32 fourcc;
	const struct cmacodec_pixfmt *raw;
	u32 mem_planes;
	u32 coded_w;
	u32 coded_h;
	u32 visible_w;
	u32 visible_h;
	u32 bytesperline;
	u32 sizeimage;
	u32 sequence;
};

/**
 * struct cmacodec_stream_info - a stream header as parsed by the driver
 * @width:       visible width
 * @height:      visible height
 * @components:  number of components
 * @width_div:   horizontal chroma subsampling
 * @height_div:  vertical chroma subsampling
 * @pixenc:      pixel encoding, 0 if unknown (version 1)
 * @colorspace:  colorimetry from the header
 * @xfer_func:   colorimetry from the header
 * @ycbcr_enc:   colorimetry from the header
 * @quantization: colorimetry from the header
 * @frame_size:  header + payload bytes
 */
struct cmacodec_stream_info {
	u32 width;
	u32 height;
	u32 components;
	u32 width_div;
	u32 height_div;
	u32 pixenc;
	u32 colorspace;
	u32 xfer_func;
	u32 ycbcr_enc;
	u32 quantization;
	u32 frame_size;
};

/**
 * enum cmacodec_bs_state - what the decoder's bitstream buffer holds
 * @CMACODEC_BS_NEED_DATA: not a whole frame yet, and no more OUTPUT data
 * @CMACODEC_BS_HEADER:    a valid header (when only that was asked for)
 * @CMACODEC_BS_FRAME:     a whole frame
 */
enum cmacodec_bs_state {
	CMACODEC_BS_NEED_DATA,
	CMACODEC_BS_HEADER,
	CMACODEC_BS_FRAME,
};

/**
 * struct cmacodec_ctx - an open file handle: one coding session
 * @fh:          V4L2 file handle (must be first)
 * @node:        the video node
 * @cdev:        the device
 * @hdl:         controls
 * @irqlock:     see "Locking" above
 * @q:           formats: [0] OUTPUT, [1] CAPTURE
 * @colorspace:  colorimetry of the raw side (converter: of OUTPUT, and
 *               CAPTURE's colorspace and transfer function)
 * @xfer_func:   colorimetry of the raw side
 * @ycbcr_enc:   colorimetry of the raw side
 * @quantization: colorimetry of the raw side
 * @cap_csc:     converter: the client set CAPTURE's matrix and range
 *               (V4L2_PIX_FMT_FLAG_SET_CSC)
 * @cap_ycbcr_enc: converter: CAPTURE's matrix when @cap_csc
 * @cap_quantization: converter: CAPTURE's range when @cap_csc
 * @hflip:       converter: V4L2_CID_HFLIP
 * @vflip:       converter: V4L2_CID_VFLIP
 * @gop_size:    encoder: V4L2_CID_MPEG_VIDEO_GOP_SIZE
 * @i_frame_qp:  encoder: V4L2_CID_FWHT_I_FRAME_QP
 * @p_frame_qp:  encoder: V4L2_CID_FWHT_P_FRAME_QP
 * @gop_cnt:     encoder: position of the next frame in its GOP
 * @enc_cap_size: encoder: CAPTURE sizeimage last set with S_FMT(CAPTURE),
 *               0 if never; S_FMT(OUTPUT) keeps CAPTURE at least this big
 * @id:          instance number (debugfs), unique per device
 * @pid:         thread group of the task that opened the context
 * @comm:        name of that task
 * @mem_ctx_list: entry in cdev->mem_ctxs, under cdev->mem_lock
 * @mem_nbufs:   buffers held, under cdev->mem_lock
 * @mem_alloc_bytes: bytes allocated for this context, under cdev->mem_lock
 * @mem_import_bytes: bytes of imported DMABUFs held, under cdev->mem_lock
 * @coherent_attrs: DMA_ATTR_* for coherent MMAP buffers of [0] OUTPUT and
 *               [1] CAPTURE (module parameters, read at open)
 * @ref_cpu:     REF buffer of the core (CPU address, unused by the driver)
 * @ref_dma:     REF buffer bus address
 * @ref_size:    REF buffer size
 * @ref_rec:     REF buffer's memory record
 * @bs_lock:     decoder: protects the bitstream buffer and its parser
 * @bs_cpu:      decoder: bitstream buffer (cmacodec-dec.c), CPU address
 * @bs_dma:      decoder: bitstream buffer bus address
 * @bs_size:     decoder: bitstream buffer size
 * @bs_rec:      decoder: bitstream buffer's memory record
 * @bs_fill:     decoder: bytes of the current frame in the buffer
 * @bs_need:     decoder: size of the current frame, 0 until its header is in
 * @bs_info:     decoder: header of the current frame
 * @src_off:     decoder: bytes of the head OUTPUT buffer already parsed
 * @job_src_done: decoder: the running job's frame ends its OUTPUT buffer
 * @fmt_known:   decoder: the stream format was parsed since OUTPUT
 *               STREAMON (the initial SOURCE_CHANGE event was sent)
 * @stream:      decoder: the last stream header that set the CAPTURE format
 * @source_changed: decoder: a resolution change was signalled; no jobs
 *               until CAPTURE is restarted
 * @sl_params:   stateless decoder: V4L2_CID_STATELESS_FWHT_PARAMS
 */
struct cmacodec_ctx {
	struct v4l2_fh fh;
	struct cmacodec_node *node;
	struct cmacodec_dev *cdev;
	struct v4l2_ctrl_handler hdl;
	/* see "Locking" at the top of this file */
	spinlock_t irqlock;

	struct cmacodec_q_data q[2];
	u32 colorspace;
	u32 xfer_func;
	u32 ycbcr_enc;
	u32 quantization;
	bool cap_csc;
	u32 cap_ycbcr_enc;
	u32 cap_quantization;
	bool hflip;
	bool vflip;

	u32 gop_size;
	u32 i_frame_qp;
	u32 p_frame_qp;
	u32 gop_cnt;
	u32 enc_cap_size;

	u32 id;
	pid_t pid;
	char comm[TASK_COMM_LEN];
	struct list_head mem_ctx_list;
	unsigned int mem_nbufs;
	size_t mem_alloc_bytes;
	size_t mem_import_bytes;
	unsigned long coherent_attrs[2];

	void *ref_cpu;
	dma_addr_t ref_dma;
	size_t ref_size;
	struct cmacodec_mem_rec ref_rec;

	/* see cmacodec-dec.c */
	struct mutex bs_lock;
	u8 *bs_cpu;
	dma_addr_t bs_dma;
	u32 bs_size;
	struct cmacodec_mem_rec bs_rec;
	u32 bs_fill;
	u32 bs_need;
	struct cmacodec_stream_info bs_info;
	u32 src_off;
	bool job_src_done;

	bool fmt_known;
	bool source_changed;
	struct cmacodec_stream_info stream;

	struct v4l2_ctrl *sl_params;
};

#define CMACODEC_Q_OUT	0
#define CMACODEC_Q_CAP	1

static inline struct cmacodec_ctx *cmacodec_fh_to_ctx(struct v4l2_fh *fh)
{
	return container_of(fh, struct cmacodec_ctx, fh);
}

static inline bool cmacodec_is_enc(const struct cmacodec_ctx *ctx)
{
	return ctx->node->role == CMACODEC_ENCODER;
}

static inline bool cmacodec_is_dec(const struct cmacodec_ctx *ctx)
{
	return ctx->node->role == CMACODEC_DECODER;
}

static inline bool cmacodec_is_cvt(const struct cmacodec_ctx *ctx)
{
	return ctx->node->role == CMACODEC_CONVERTER;
}

static inline bool cmacodec_is_sl(const struct cmacodec_ctx *ctx)
{
	return ctx->node->role == CMACODEC_STATELESS;
}

static inline struct cmacodec_q_data *
cmacodec_q_data(struct cmacodec_ctx *ctx, enum v4l2_buf_type type)
{
	return &ctx->q[V4L2_TYPE_IS_OUTPUT(type) ? CMACODEC_Q_OUT :
						   CMACODEC_Q_CAP];
}

/* a queue that carries raw frames: encoder OUTPUT, decoder CAPTURE, both */
static inline bool cmacodec_is_raw_queue(const struct cmacodec_ctx *ctx,
					 enum v4l2_buf_type type)
{
	return cmacodec_is_cvt(ctx) ||
	       V4L2_TYPE_IS_OUTPUT(type) == cmacodec_is_enc(ctx);
}

/* the queue whose streaming owns the core's REF buffer (codec nodes) */
static inline bool cmacodec_is_ref_queue(const struct cmacodec_ctx *ctx,
					 enum v4l2_buf_type type)
{
	return !cmacodec_is_cvt(ctx) && cmacodec_is_raw_queue(ctx, type);
}

/* cmacodec-v4l2.c */
extern const struct v4l2_ioctl_ops cmacodec_ioctl_ops;
extern const struct v4l2_ioctl_ops cmacodec_ioctl_ops_mp;
int cmacodec_ctrls_init(struct cmacodec_ctx *ctx);
void cmacodec_ctx_set_defaults(struct cmacodec_ctx *ctx);
void cmacodec_set_raw_fmt(struct cmacodec_q_data *q,
			  const struct cmacodec_pixfmt *raw, u32 width,
			  u32 height);
void cmacodec_set_fwht_fmt(struct cmacodec_q_data *q,
			   const struct cmacodec_pixfmt *raw, u32 width,
			   u32 height);
bool cmacodec_stream_fits(const struct cmacodec_pixfmt *raw,
			  const struct cmacodec_stream_info *info);
void cmacodec_dec_apply_stream(struct cmacodec_ctx *ctx,
			       const struct cmacodec_stream_info *info);
u32 cmacodec_fwht_worst_size(u32 width, u32 height);
void cmacodec_sanitize_colorimetry(struct v4l2_pix_format *pix);
void cmacodec_client_colorimetry(struct v4l2_pix_format *pix,
				 const struct v4l2_pix_format *in);
int cmacodec_querycap(struct file *file, void *priv,
		      struct v4l2_capability *cap);
void cmacodec_fill_pix(const struct cmacodec_ctx *ctx,
		       const struct cmacodec_q_data *q,
		       struct v4l2_pix_format *pix);
int cmacodec_g_selection(struct file *file, void *priv,
			 struct v4l2_selection *s);
int cmacodec_enum_framesizes(struct file *file, void *priv,
			     struct v4l2_frmsizeenum *fsize);

/* cmacodec-convert.c */
extern const struct v4l2_ioctl_ops cmacodec_cvt_ioctl_ops;
extern const struct v4l2_ioctl_ops cmacodec_cvt_ioctl_ops_mp;
void cmacodec_cvt_set_defaults(struct cmacodec_ctx *ctx);
void cmacodec_cvt_run(struct cmacodec_ctx *ctx, struct vb2_v4l2_buffer *src,
		      struct vb2_v4l2_buffer *dst);

/**
 * struct cmacodec_fmt - a raw V4L2 pixel format
 * @fourcc:     V4L2 pixel format
 * @raw:        catalogue format with its colour plane layout
 * @mem_planes: 1, or raw->planes for a format with one buffer per plane
 */
struct cmacodec_fmt {
	u32 fourcc;
	const struct cmacodec_pixfmt *raw;
	u32 mem_planes;
};

/* cmacodec-mplane.c */
bool cmacodec_fmt_lookup(const struct cmacodec_ctx *ctx, u32 fourcc,
			 struct cmacodec_fmt *fmt);
bool cmacodec_mfmt_enum(const struct cmacodec_ctx *ctx, unsigned int index,
			bool (*accept)(const struct cmacodec_pixfmt *raw,
				       const void *arg),
			const void *arg, struct cmacodec_fmt *fmt);
void cmacodec_q_set_raw(struct cmacodec_q_data *q,
			const struct cmacodec_pixfmt *raw);
void cmacodec_q_set_fmt(struct cmacodec_q_data *q,
			const struct cmacodec_fmt *fmt);
u32 cmacodec_q_plane_size(const struct cmacodec_q_data *q, unsigned int p);
void cmacodec_set_raw_payloads(struct vb2_buffer *vb,
			       const struct cmacodec_q_data *q, bool full);
int cmacodec_mp_g_fmt(struct file *file, void *priv, struct v4l2_format *f);
int cmacodec_mp_try_fmt(struct file *file, void *priv,
			struct v4l2_format *f);
int cmacodec_mp_s_fmt(struct file *file, void *priv, struct v4l2_format *f);

/* the format ioctls of a node of the multi-planar API */
#define CMACODEC_MP_FMT_OPS					\
	.vidioc_g_fmt_vid_cap_mplane	= cmacodec_mp_g_fmt,	\
	.vidioc_try_fmt_vid_cap_mplane	= cmacodec_mp_try_fmt,	\
	.vidioc_s_fmt_vid_cap_mplane	= cmacodec_mp_s_fmt,	\
	.vidioc_g_fmt_vid_out_mplane	= cmacodec_mp_g_fmt,	\
	.vidioc_try_fmt_vid_out_mplane	= cmacodec_mp_try_fmt,	\
	.vidioc_s_fmt_vid_out_mplane	= cmacodec_mp_s_fmt,
void cmacodec_program_pic(struct cmacodec_hw *hw, struct vb2_buffer *vb,
			  const struct cmacodec_q_data *q, u32 addr_lo,
			  u32 size_reg, u32 p1_reg, u32 mplane_bit, u32 *ctrl);

/* cmacodec-stateless.c */
extern const struct v4l2_ioctl_ops cmacodec_sl_ioctl_ops;
extern const struct v4l2_ioctl_ops cmacodec_sl_ioctl_ops_mp;
extern const struct media_device_ops cmacodec_media_ops;
void cmacodec_sl_set_defaults(struct cmacodec_ctx *ctx);
void cmacodec_sl_ctrls_init(struct cmacodec_ctx *ctx);

/* cmacodec-dec.c */
enum cmacodec_bs_state cmacodec_bs_assemble(struct cmacodec_ctx *ctx,
					    bool header_only);
void cmacodec_bs_frame_done(struct cmacodec_ctx *ctx);
void cmacodec_bs_free_locked(struct cmacodec_ctx *ctx);

/* cmacodec-debugfs.c */
void cmacodec_debugfs_init(struct cmacodec_dev *cdev);
void cmacodec_debugfs_exit(struct cmacodec_dev *cdev);

/* cmacodec-vb2.c */
int cmacodec_queue_init(void *priv, struct vb2_queue *src_vq,
			struct vb2_queue *dst_vq);

/* cmacodec-job.c */
extern const struct v4l2_m2m_ops cmacodec_m2m_ops;
void cmacodec_irq_handler(struct cmacodec_hw *hw, void *priv);
void cmacodec_job_done(struct cmacodec_ctx *ctx, enum vb2_buffer_state state,
		       u32 len, bool p_frame);
int cmacodec_parse_header(struct cmacodec_ctx *ctx, const void *buf,
			  u32 len, struct cmacodec_stream_info *info);
void cmacodec_queue_eos(struct cmacodec_ctx *ctx);
void cmacodec_queue_source_change(struct cmacodec_ctx *ctx);

#endif /* CMACODEC_H */
