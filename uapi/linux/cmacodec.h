/* SPDX-License-Identifier: GPL-2.0-only WITH Linux-syscall-note */
/*
 * cmacodec user-space ABI.
 *
 * The compressed format produced and consumed by cmacodec is
 * V4L2_PIX_FMT_FWHT ('FWHT'), bit-compatible with the kernel's vicodec
 * driver (stream header version 3).  Every compressed frame starts with
 * struct cmacodec_fwht_header, followed by cmacodec_fwht_header.size bytes
 * of payload.
 */
#ifndef _UAPI_LINUX_CMACODEC_H
#define _UAPI_LINUX_CMACODEC_H

#include <linux/const.h>
#include <linux/types.h>
#include <linux/v4l2-controls.h>

/*
 * Stream header
 *
 * magic1/magic2 are byte-symmetric (0x4f4f4f4f, 0xffffffff), so they read
 * the same in any byte order; all other fields are big-endian.  The eight
 * magic bytes can never occur inside a compressed payload, which lets a
 * parser resynchronise on them.
 */
#define CMACODEC_FWHT_MAGIC1			0x4f4f4f4fU
#define CMACODEC_FWHT_MAGIC2			0xffffffffU

/* Header version written by the encoder; the decoder accepts 1..3. */
#define CMACODEC_FWHT_VERSION			3

/*
 * struct cmacodec_fwht_header - header in front of every FWHT frame
 * @magic1:	CMACODEC_FWHT_MAGIC1
 * @magic2:	CMACODEC_FWHT_MAGIC2
 * @version:	CMACODEC_FWHT_VERSION
 * @width:	visible width in pixels
 * @height:	visible height in pixels
 * @flags:	CMACODEC_FWHT_FL_* bits and fields
 * @colorspace:	enum v4l2_colorspace value
 * @xfer_func:	enum v4l2_xfer_func value
 * @ycbcr_enc:	enum v4l2_ycbcr_encoding value
 * @quantization: enum v4l2_quantization value
 * @size:	number of payload bytes following this header
 */
struct cmacodec_fwht_header {
	__u32 magic1;
	__u32 magic2;
	__be32 version;
	__be32 width;
	__be32 height;
	__be32 flags;
	__be32 colorspace;
	__be32 xfer_func;
	__be32 ycbcr_enc;
	__be32 quantization;
	__be32 size;
};

#define CMACODEC_FWHT_HEADER_SIZE		44

/* Header flags (host order, after be32 conversion) */
/* The frame is interlaced */
#define CMACODEC_FWHT_FL_IS_INTERLACED		_BITUL(0)
/* Interlaced: the bottom field comes first */
#define CMACODEC_FWHT_FL_IS_BOTTOM_FIRST	_BITUL(1)
/* The frame is one field of an alternate-field stream */
#define CMACODEC_FWHT_FL_IS_ALTERNATE		_BITUL(2)
/* Alternate: this is the bottom field */
#define CMACODEC_FWHT_FL_IS_BOTTOM_FIELD	_BITUL(3)
/* Per-component "stored raw" bits */
#define CMACODEC_FWHT_FL_LUMA_IS_UNCOMPRESSED	_BITUL(4)
#define CMACODEC_FWHT_FL_CB_IS_UNCOMPRESSED	_BITUL(5)
#define CMACODEC_FWHT_FL_CR_IS_UNCOMPRESSED	_BITUL(6)
/* Chroma is not vertically / horizontally subsampled */
#define CMACODEC_FWHT_FL_CHROMA_FULL_HEIGHT	_BITUL(7)
#define CMACODEC_FWHT_FL_CHROMA_FULL_WIDTH	_BITUL(8)
#define CMACODEC_FWHT_FL_ALPHA_IS_UNCOMPRESSED	_BITUL(9)
/* The frame does not depend on a reference frame */
#define CMACODEC_FWHT_FL_I_FRAME		_BITUL(10)

/* Number of components minus one (version >= 2) */
#define CMACODEC_FWHT_FL_COMPONENTS_NUM_OFFSET	16
#define CMACODEC_FWHT_FL_COMPONENTS_NUM_MSK	0x00070000U

/* Pixel encoding (version >= 2) */
#define CMACODEC_FWHT_FL_PIXENC_OFFSET		19
#define CMACODEC_FWHT_FL_PIXENC_MSK		0x00180000U
#define CMACODEC_FWHT_FL_PIXENC_YUV		0x00080000U
#define CMACODEC_FWHT_FL_PIXENC_RGB		0x00100000U
#define CMACODEC_FWHT_FL_PIXENC_HSV		0x00180000U

/*
 * Private controls
 *
 * An out-of-tree driver cannot reserve a V4L2_CID_USER_<DRIVER>_BASE block
 * in linux/v4l2-controls.h, so cmacodec takes CMACODEC_CID_COUNT IDs at
 * V4L2_CID_USER_BASE + 0x1f00: in the user class, far above the blocks
 * the kernel reserves there (the highest, in 7.3, starts below
 * V4L2_CID_USER_BASE + 0x1200).  tests/host/test-uapi.sh checks the range
 * against the v4l2-controls.h of the machine and of every test kernel.
 *
 * Both controls are read-only and volatile, on both video nodes: they
 * read the node's core, whichever file handle asks.
 */
#define CMACODEC_CID_BASE			(V4L2_CID_USER_BASE + 0x1f00)
#define CMACODEC_CID_COUNT			16

/* Jobs the core has completed (done or failed) since the probe */
#define CMACODEC_CID_JOBS_COMPLETED		(CMACODEC_CID_BASE + 0)
/*
 * Time the core's last job took from START to its completion interrupt, in
 * microseconds: at least the modelled processing time (hw_ns_per_pixel)
 */
#define CMACODEC_CID_LAST_JOB_TIME_US		(CMACODEC_CID_BASE + 1)

#endif /* _UAPI_LINUX_CMACODEC_H */
