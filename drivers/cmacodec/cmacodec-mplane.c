// SPDX-License-Identifier: GPL-2.0-only
/*
 * cmacodec: the multi-planar API (module parameter multiplanar=1).
 *
 * With multiplanar=1 every node offers the *_MPLANE buffer types only
 * (V4L2_CAP_VIDEO_M2M_MPLANE) and, besides the catalogue's formats (one
 * memory plane each), the formats that keep each colour plane in a buffer
 * of its own: NV12M, NV21M, NV16M, NV61M, YUV420M, YVU420M and YUV422M.
 * Each of them has the colour plane layout of a catalogue format (NV12M
 * that of NV12, ...): the queue's format records that layout in
 * q->raw, the core is programmed with its fourcc and gets one address per
 * plane (CTRL.SRC_MPLANE / DST_MPLANE, the *_P1 / *_P2 registers).
 *
 * The format ioctls of the nodes are written for struct v4l2_pix_format.
 * Each node has two ioctl tables: with multiplanar=1 it uses the one whose
 * format ioctls are the _MPLANE ones (a node must not answer the buffer
 * types its caps do not name: the V4L2 core routes a type to the driver
 * whenever its op exists).  They translate: cmacodec_mp_fmt() turns a
 * v4l2_pix_format_mplane into a v4l2_pix_format (plane 0's bytesperline
 * and sizeimage), calls the node's handler and turns its answer back,
 * with each plane's bytesperline and sizeimage from the catalogue's
 * layout rules.
 */
#include <linux/kernel.h>
#include <media/v4l2-ioctl.h>
#include <media/videobuf2-dma-contig.h>

#include "cmacodec.h"
#include "cmacodec-compat.h"
#include "hw/cmacodec-hw.h"

/**
 * struct cmacodec_mfmt - a format with one buffer per colour plane
 * @fourcc: its V4L2 pixel format
 * @base:   the catalogue format with the same colour plane layout
 */
struct cmacodec_mfmt {
	u32 fourcc;
	u32 base;
};

static const struct cmacodec_mfmt cmacodec_mfmts[] = {
	{ V4L2_PIX_FMT_NV12M, V4L2_PIX_FMT_NV12 },
	{ V4L2_PIX_FMT_NV21M, V4L2_PIX_FMT_NV21 },
	{ V4L2_PIX_FMT_NV16M, V4L2_PIX_FMT_NV16 },
	{ V4L2_PIX_FMT_NV61M, V4L2_PIX_FMT_NV61 },
	{ V4L2_PIX_FMT_YUV420M, V4L2_PIX_FMT_YUV420 },
	{ V4L2_PIX_FMT_YVU420M, V4L2_PIX_FMT_YVU420 },
	{ V4L2_PIX_FMT_YUV422M, V4L2_PIX_FMT_YUV422P },
};

/**
 * cmacodec_fmt_lookup() - a raw V4L2 pixel format the node may offer
 * @ctx:    context (the multi-planar formats exist with multiplanar=1)
 * @fourcc: V4L2 pixel format
 * @fmt:    receives the format
 *
 * Return: true if @fourcc is a catalogue format, or a multi-planar one
 * and the device uses the multi-planar API.
 */
bool cmacodec_fmt_lookup(const struct cmacodec_ctx *ctx, u32 fourcc,
			 struct cmacodec_fmt *fmt)
{
	unsigned int i;

	fmt->raw = cmacodec_pixfmt_find(fourcc);
	if (fmt->raw) {
		fmt->fourcc = fourcc;
		fmt->mem_planes = 1;
		return true;
	}
	if (!ctx->cdev->mplane)
		return false;
	for (i = 0; i < ARRAY_SIZE(cmacodec_mfmts); i++) {
		if (cmacodec_mfmts[i].fourcc != fourcc)
			continue;
		fmt->raw = cmacodec_pixfmt_find(cmacodec_mfmts[i].base);
		fmt->fourcc = fourcc;
		fmt->mem_planes = fmt->raw->planes;
		return true;
	}
	return false;
}

/**
 * cmacodec_mfmt_enum() - the @index-th multi-planar format of a node
 * @ctx:    context (there are none without multiplanar=1)
 * @index:  index among the multi-planar formats (ENUM_FMT lists them
 *          after the catalogue's)
 * @accept: which colour plane layouts the node takes, NULL for all
 * @arg:    passed to @accept
 * @fmt:    receives the format
 *
 * Return: true, or false when @index is past the end.
 */
bool cmacodec_mfmt_enum(const struct cmacodec_ctx *ctx, unsigned int index,
			bool (*accept)(const struct cmacodec_pixfmt *raw,
				       const void *arg),
			const void *arg, struct cmacodec_fmt *fmt)
{
	const struct cmacodec_pixfmt *raw;
	unsigned int i;

	if (!ctx->cdev->mplane)
		return false;
	for (i = 0; i < ARRAY_SIZE(cmacodec_mfmts); i++) {
		raw = cmacodec_pixfmt_find(cmacodec_mfmts[i].base);
		if (accept && !accept(raw, arg))
			continue;
		if (!index--) {
			fmt->fourcc = cmacodec_mfmts[i].fourcc;
			fmt->raw = raw;
			fmt->mem_planes = raw->planes;
			return true;
		}
	}
	return false;
}

/**
 * cmacodec_q_set_raw() - give a queue a raw layout
 * @q:   queue format
 * @raw: catalogue format
 *
 * A queue that already has @raw's layout in a multi-planar format keeps
 * that format (the decoder re-deriving CAPTURE from a stream keeps the
 * client's NV12M); otherwise it becomes the catalogue format itself.
 */
void cmacodec_q_set_raw(struct cmacodec_q_data *q,
			const struct cmacodec_pixfmt *raw)
{
	if (q->raw != raw || q->mem_planes < 2) {
		q->fourcc = raw->fourcc;
		q->mem_planes = 1;
	}
	q->raw = raw;
}

/**
 * cmacodec_q_set_fmt() - give a queue the pixel format a client chose
 * @q:   queue format whose layout (raw, sizes) is already @fmt->raw's
 * @fmt: the client's format
 */
void cmacodec_q_set_fmt(struct cmacodec_q_data *q,
			const struct cmacodec_fmt *fmt)
{
	q->fourcc = fmt->fourcc;
	q->mem_planes = fmt->mem_planes;
}

/**
 * cmacodec_q_plane_size() - bytes of one memory plane of a frame
 * @q: queue format
 * @p: memory plane
 *
 * Return: the buffer size the plane needs (sizeimage for a one-plane
 * format), 0 for a plane the format does not have.
 */
u32 cmacodec_q_plane_size(const struct cmacodec_q_data *q, unsigned int p)
{
	if (q->mem_planes < 2)
		return p ? 0 : q->sizeimage;
	if (p >= q->mem_planes)
		return 0;
	return cmacodec_pixfmt_plane_bpl(q->raw, p, q->bytesperline) *
	       cmacodec_pixfmt_plane_rows(q->raw, p, q->coded_h);
}

/**
 * cmacodec_set_raw_payloads() - bytesused of every plane of a raw buffer
 * @vb:   the buffer
 * @q:    its queue's format
 * @full: a whole frame (each plane's size) or nothing (0)
 */
void cmacodec_set_raw_payloads(struct vb2_buffer *vb,
			       const struct cmacodec_q_data *q, bool full)
{
	unsigned int p;

	for (p = 0; p < vb->num_planes; p++)
		vb2_set_plane_payload(vb, p,
				      full ? cmacodec_q_plane_size(q, p) : 0);
}

/**
 * cmacodec_mp_fmt() - an _MPLANE format ioctl through its one-plane twin
 * @file: the open node
 * @priv: passed on
 * @f:    the client's format, of an _MPLANE type
 * @fn:   the node's handler for struct v4l2_pix_format
 *
 * Return: what @fn returns.
 */
static int cmacodec_mp_fmt(struct file *file, void *priv,
			   struct v4l2_format *f,
			   int (*fn)(struct file *file, void *priv,
				     struct v4l2_format *f))
{
	struct cmacodec_ctx *ctx = cmacodec_fh_to_ctx(cmacodec_file_to_fh(file));
	struct v4l2_pix_format_mplane *mp = &f->fmt.pix_mp;
	struct v4l2_format sf = {
		.type = V4L2_TYPE_IS_OUTPUT(f->type) ?
			V4L2_BUF_TYPE_VIDEO_OUTPUT :
			V4L2_BUF_TYPE_VIDEO_CAPTURE,
	};
	struct v4l2_pix_format *pix = &sf.fmt.pix;
	struct cmacodec_fmt fmt;
	unsigned int p;
	int ret;

	pix->width = mp->width;
	pix->height = mp->height;
	pix->pixelformat = mp->pixelformat;
	pix->field = mp->field;
	pix->bytesperline = mp->plane_fmt[0].bytesperline;
	pix->sizeimage = mp->plane_fmt[0].sizeimage;
	pix->colorspace = mp->colorspace;
	pix->flags = mp->flags;
	pix->ycbcr_enc = mp->ycbcr_enc;
	pix->quantization = mp->quantization;
	pix->xfer_func = mp->xfer_func;

	ret = fn(file, priv, &sf);
	if (ret)
		return ret;

	memset(mp, 0, sizeof(*mp));
	mp->width = pix->width;
	mp->height = pix->height;
	mp->pixelformat = pix->pixelformat;
	mp->field = pix->field;
	mp->colorspace = pix->colorspace;
	mp->flags = pix->flags;
	mp->ycbcr_enc = pix->ycbcr_enc;
	mp->quantization = pix->quantization;
	mp->xfer_func = pix->xfer_func;
	if (!cmacodec_fmt_lookup(ctx, pix->pixelformat, &fmt) ||
	    fmt.mem_planes < 2) {
		mp->num_planes = 1;
		mp->plane_fmt[0].bytesperline = pix->bytesperline;
		mp->plane_fmt[0].sizeimage = pix->sizeimage;
		return 0;
	}
	mp->num_planes = fmt.mem_planes;
	for (p = 0; p < fmt.mem_planes; p++) {
		u32 bpl = cmacodec_pixfmt_plane_bpl(fmt.raw, p,
						    pix->bytesperline);

		mp->plane_fmt[p].bytesperline = bpl;
		mp->plane_fmt[p].sizeimage =
			bpl * cmacodec_pixfmt_plane_rows(fmt.raw, p,
							 pix->height);
	}
	return 0;
}

/*
 * The _MPLANE format ioctls of every node (CMACODEC_MP_FMT_OPS): the
 * node's own one-plane ones, through cmacodec_mp_fmt().
 */
static const struct v4l2_ioctl_ops *cmacodec_base_ops(struct file *file)
{
	struct cmacodec_node *node = video_drvdata(file);

	return node->base_ops;
}

int cmacodec_mp_g_fmt(struct file *file, void *priv, struct v4l2_format *f)
{
	const struct v4l2_ioctl_ops *ops = cmacodec_base_ops(file);

	return cmacodec_mp_fmt(file, priv, f,
			       V4L2_TYPE_IS_OUTPUT(f->type) ?
			       ops->vidioc_g_fmt_vid_out :
			       ops->vidioc_g_fmt_vid_cap);
}

int cmacodec_mp_try_fmt(struct file *file, void *priv,
			struct v4l2_format *f)
{
	const struct v4l2_ioctl_ops *ops = cmacodec_base_ops(file);

	return cmacodec_mp_fmt(file, priv, f,
			       V4L2_TYPE_IS_OUTPUT(f->type) ?
			       ops->vidioc_try_fmt_vid_out :
			       ops->vidioc_try_fmt_vid_cap);
}

int cmacodec_mp_s_fmt(struct file *file, void *priv, struct v4l2_format *f)
{
	const struct v4l2_ioctl_ops *ops = cmacodec_base_ops(file);

	return cmacodec_mp_fmt(file, priv, f,
			       V4L2_TYPE_IS_OUTPUT(f->type) ?
			       ops->vidioc_s_fmt_vid_out :
			       ops->vidioc_s_fmt_vid_cap);
}

/**
 * cmacodec_program_pic() - the core's address registers of a raw picture
 * @hw:         the core, node->hw_lock held
 * @vb:         the buffer
 * @q:          its queue's format
 * @addr_lo:    the picture's *_ADDR_LO register (plane 0)
 * @size_reg:   its *_SIZE register
 * @p1_reg:     the *_P1_ADDR_LO register of its plane group
 * @mplane_bit: the CTRL bit that makes the core use the plane group
 * @ctrl:       CTRL value being built; @mplane_bit is set when the
 *              format has more than one memory plane
 *
 * Unused plane registers are cleared, so that a core never follows an
 * address of an earlier job.
 */
void cmacodec_program_pic(struct cmacodec_hw *hw, struct vb2_buffer *vb,
			  const struct cmacodec_q_data *q, u32 addr_lo,
			  u32 size_reg, u32 p1_reg, u32 mplane_bit, u32 *ctrl)
{
	unsigned int p;

	cmacodec_hw_write_addr(hw, addr_lo,
			       vb2_dma_contig_plane_dma_addr(vb, 0));
	cmacodec_hw_write(hw, size_reg, vb2_plane_size(vb, 0));
	if (q->mem_planes > 1)
		*ctrl |= mplane_bit;
	for (p = 1; p < CMACODEC_MAX_PLANES; p++) {
		bool used = q->mem_planes > 1 && p < vb->num_planes;

		cmacodec_hw_write_addr(hw, CMACODEC_REG_PLANE_ADDR_LO(p1_reg, p),
				       used ? vb2_dma_contig_plane_dma_addr(vb, p)
					    : 0);
		cmacodec_hw_write(hw, CMACODEC_REG_PLANE_SIZE(p1_reg, p),
				  used ? vb2_plane_size(vb, p) : 0);
	}
}
