/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * cmacodec emulated FWHT codec core: register map.
 *
 * The core is a single-job DMA master with a bank of 32-bit registers.
 * All offsets are in bytes from the start of the bank; every register is
 * 32 bits wide and naturally aligned.  Access types:
 *
 *   RO    read only, writes are ignored
 *   RW    read/write, latched by the core when START is written
 *   WO    write only, reads return 0
 *   W1C   write 1 to clear
 *
 * Programming sequence for one job:
 *
 *   1. Wait for STATUS.BUSY == 0 (the driver never starts a second job
 *      while one is running; the core ignores START while BUSY).
 *   2. Program CTRL, FOURCC, PIC_SIZE, CODED_SIZE, BYTESPERLINE, QP,
 *      COLORIMETRY and the SRC/DST/REF address and size registers.
 *      REF_SIZE_REQ then tells how large the REF buffer must be for the
 *      programmed FOURCC/CODED_SIZE.
 *   3. Write CMACODEC_REG_START_GO to START.  The core latches all RW
 *      registers, sets STATUS.BUSY and runs the job.  Changing RW registers
 *      while BUSY does not affect the running job.
 *   4. On completion the core clears STATUS.BUSY, sets IRQ_STATUS.DONE or
 *      IRQ_STATUS.ERROR (plus IRQ_STATUS.WATCHDOG if the job timed out),
 *      fills RESULT_LEN, RESULT_FLAGS and ERROR_CODE and raises its
 *      interrupt if the bit is enabled in IRQ_MASK.
 *   5. The interrupt handler reads IRQ_STATUS and writes the value back
 *      to acknowledge it.
 *
 * Memory: the core reads and writes memory only at the bus (DMA) addresses
 * in the *_ADDR_LO/HI register pairs, and never beyond the matching *_SIZE.
 * A raw picture's colour planes follow each other from its address
 * (single-plane layout), or, with CTRL.SRC_MPLANE / CTRL.DST_MPLANE on a
 * core with CAPS.MPLANE, planes 1 and 2 are at the *_P1 / *_P2 registers
 * (multi-planar buffers such as NV12M; DST_MPLANE also applies to REFPIC,
 * which has DST's layout).
 * An address range that is not backed by system RAM is a bus fault
 * (ERROR_CODE_BUS_FAULT).
 *
 * Encode (CTRL.DECODE == 0):
 *   SRC   raw picture, layout given by FOURCC, CODED_SIZE, BYTESPERLINE;
 *         only the top-left PIC_SIZE rectangle is coded.
 *   DST   one compressed frame: struct cmacodec_fwht_header followed by
 *         the payload.  RESULT_LEN is the number of bytes written.
 *   REF   the core's reference picture (reconstruction of the previous
 *         frame), read for P frames and rewritten after every frame.  The
 *         driver allocates it; its content is private to the core.
 * Decode (CTRL.DECODE == 1):
 *   SRC   one compressed frame (header + payload), SRC_SIZE bytes.
 *   DST   raw picture in FOURCC / CODED_SIZE / BYTESPERLINE layout.  The
 *         header must describe a picture that fits CODED_SIZE.
 *   REF   as for encode: read for P frames, rewritten after every frame.
 * Stateless decode (CTRL.DECODE == 1 and CTRL.STATELESS == 1, cores with
 * CAPS.STATELESS): the driver parsed the stream, the core keeps nothing
 * between jobs.
 *   SRC   the compressed payload of one frame (no header), SRC_SIZE bytes.
 *         The header is in registers: PIC_SIZE (visible size),
 *         HDR_VERSION, HDR_FLAGS (CMACODEC_FWHT_FL_*, I_FRAME included)
 *         and COLORIMETRY.
 *   DST   as for decode.
 *   REFPIC with CTRL.REF_PIC: the reference picture, a raw picture the
 *         core decoded before, in the DST layout (FOURCC, CODED_SIZE,
 *         BYTESPERLINE), REFPIC_SIZE bytes; read only.  Without it only
 *         an I-frame decodes (a P-frame fails with ERR_STREAM).
 *   REF   scratch memory (REF_SIZE_REQ bytes); its content is not kept.
 * Convert (CTRL.CONVERT == 1, cores with CAPS.CONVERT):
 *   SRC   raw picture: FOURCC, CODED_SIZE (the picture size), BYTESPERLINE,
 *         Y'CbCr matrix and range in COLORIMETRY.
 *   DST   raw picture: DST_FOURCC, DST_PIC_SIZE, DST_BYTESPERLINE,
 *         DST_COLORIMETRY.  The core scales SRC to DST bilinearly,
 *         converts colour and mirrors as CTRL.HFLIP/VFLIP say
 *         (codec/cmacodec-conv.h is its exact model).  RESULT_LEN is the
 *         size of the DST picture.
 *   REF   not used; REF_ADDR/REF_SIZE are ignored.
 */
#ifndef CMACODEC_HW_REGS_H
#define CMACODEC_HW_REGS_H

#include <linux/bits.h>

/* RO: identification, CMACODEC_HW_ID_MAGIC in [31:8], revision in [7:0] */
#define CMACODEC_REG_ID			0x000
#define   CMACODEC_HW_ID_MAGIC		0x434d43	/* "CMC" */
#define   CMACODEC_HW_ID_REV		0x01
#define   CMACODEC_HW_ID_VALUE		((CMACODEC_HW_ID_MAGIC << 8) | \
					 CMACODEC_HW_ID_REV)

/* RO: capabilities */
#define CMACODEC_REG_CAPS		0x004
#define   CMACODEC_CAPS_ENCODE		BIT(0)
#define   CMACODEC_CAPS_DECODE		BIT(1)
#define   CMACODEC_CAPS_CONVERT		BIT(2)
#define   CMACODEC_CAPS_STATELESS	BIT(3)
#define   CMACODEC_CAPS_MPLANE		BIT(4)

/* RO: largest supported picture, width in [15:0], height in [31:16] */
#define CMACODEC_REG_MAX_SIZE		0x008

/* RW: job control */
#define CMACODEC_REG_CTRL		0x010
/* 0: encode SRC (raw) into DST (FWHT); 1: decode SRC (FWHT) into DST */
#define   CMACODEC_CTRL_DECODE		BIT(0)
/* encode: code this frame as an I frame (no reference) */
#define   CMACODEC_CTRL_I_FRAME		BIT(1)
/* encode: the next frame will be an I frame, skip the reference update */
#define   CMACODEC_CTRL_NEXT_IS_I	BIT(2)
/* convert SRC (raw) into DST (raw); DECODE and the frame bits are ignored */
#define   CMACODEC_CTRL_CONVERT		BIT(3)
/* convert: mirror the picture left-right / top-bottom */
#define   CMACODEC_CTRL_HFLIP		BIT(4)
#define   CMACODEC_CTRL_VFLIP		BIT(5)
/* decode: stateless, header in registers, SRC is the payload alone */
#define   CMACODEC_CTRL_STATELESS	BIT(6)
/* stateless decode: load the reference from REFPIC */
#define   CMACODEC_CTRL_REF_PIC		BIT(7)
/* raw SRC / DST (and REFPIC): colour planes 1, 2 at the *_P1, *_P2 registers */
#define   CMACODEC_CTRL_SRC_MPLANE	BIT(8)
#define   CMACODEC_CTRL_DST_MPLANE	BIT(9)

/* WO: write CMACODEC_REG_START_GO to start the programmed job */
#define CMACODEC_REG_START		0x014
#define   CMACODEC_REG_START_GO		BIT(0)

/*
 * WO: write CMACODEC_REG_RESET_GO for a soft reset: the running job is
 * abandoned without an interrupt, STATUS/IRQ_STATUS/result registers are
 * cleared, configuration registers keep their values.
 */
#define CMACODEC_REG_RESET		0x018
#define   CMACODEC_REG_RESET_GO		BIT(0)

/* RO: core status */
#define CMACODEC_REG_STATUS		0x020
#define   CMACODEC_STATUS_BUSY		BIT(0)

/* W1C: interrupt status; RW: interrupt enable (same bit layout) */
#define CMACODEC_REG_IRQ_STATUS		0x024
#define CMACODEC_REG_IRQ_MASK		0x028
#define   CMACODEC_IRQ_DONE		BIT(0)
#define   CMACODEC_IRQ_ERROR		BIT(1)
#define   CMACODEC_IRQ_WATCHDOG		BIT(2)
#define   CMACODEC_IRQ_ALL		(CMACODEC_IRQ_DONE | \
					 CMACODEC_IRQ_ERROR | \
					 CMACODEC_IRQ_WATCHDOG)

/* RO: why the last job failed, valid when IRQ_STATUS.ERROR is set */
#define CMACODEC_REG_ERROR_CODE		0x02c
#define   CMACODEC_ERR_NONE		0
/* inconsistent or unsupported job registers */
#define   CMACODEC_ERR_BAD_PARAM	1
/* an address range is not backed by memory */
#define   CMACODEC_ERR_BUS_FAULT	2
/* decode: the compressed frame is malformed */
#define   CMACODEC_ERR_STREAM		3
/* the result does not fit into DST_SIZE */
#define   CMACODEC_ERR_DST_OVERFLOW	4
/* REF_SIZE is smaller than REF_SIZE_REQ */
#define   CMACODEC_ERR_REF_SIZE		5
/* the watchdog expired before the job completed */
#define   CMACODEC_ERR_TIMEOUT		6
/* error injected for testing */
#define   CMACODEC_ERR_INJECTED		7

/* RO: number of bytes the last job wrote to DST */
#define CMACODEC_REG_RESULT_LEN		0x030

/* RO: properties of the last coded/decoded frame */
#define CMACODEC_REG_RESULT_FLAGS	0x034
#define   CMACODEC_RESULT_P_FRAME	BIT(0)

/* RO: modelled duration of the last job in microseconds */
#define CMACODEC_REG_CYCLES_US		0x038

/* RO: number of jobs completed (DONE or ERROR) since reset */
#define CMACODEC_REG_JOB_COUNT		0x03c

/* RW: source, destination and reference buffers */
#define CMACODEC_REG_SRC_ADDR_LO	0x040
#define CMACODEC_REG_SRC_ADDR_HI	0x044
#define CMACODEC_REG_SRC_SIZE		0x048
#define CMACODEC_REG_DST_ADDR_LO	0x050
#define CMACODEC_REG_DST_ADDR_HI	0x054
#define CMACODEC_REG_DST_SIZE		0x058
#define CMACODEC_REG_REF_ADDR_LO	0x060
#define CMACODEC_REG_REF_ADDR_HI	0x064
#define CMACODEC_REG_REF_SIZE		0x068

/* RW: visible picture, width in [15:0], height in [31:16] */
#define CMACODEC_REG_PIC_SIZE		0x070
/* RW: coded (buffer) size, width in [15:0], height in [31:16] */
#define CMACODEC_REG_CODED_SIZE		0x074
#define   CMACODEC_SIZE(w, h)		(((h) << 16) | ((w) & 0xffff))
#define   CMACODEC_SIZE_W(v)		((v) & 0xffff)
#define   CMACODEC_SIZE_H(v)		((v) >> 16)
/* RW: bytes per line of the first plane of the raw picture */
#define CMACODEC_REG_BYTESPERLINE	0x078
/* RW: V4L2 fourcc of the raw picture */
#define CMACODEC_REG_FOURCC		0x07c

/* RW: quantisation parameters, I frames in [7:0], P frames in [15:8] */
#define CMACODEC_REG_QP			0x080
#define   CMACODEC_QP(i, p)		((((p) & 0xff) << 8) | ((i) & 0xff))
#define   CMACODEC_QP_I(v)		((v) & 0xff)
#define   CMACODEC_QP_P(v)		(((v) >> 8) & 0xff)

/*
 * RW: encode: colorimetry written to the stream header, colorspace in
 * [7:0], xfer_func in [15:8], ycbcr_enc in [23:16], quantization in [31:24]
 */
#define CMACODEC_REG_COLORIMETRY	0x084
#define   CMACODEC_COLORIMETRY(cs, xf, ycc, q) \
	(((q) & 0xff) << 24 | ((ycc) & 0xff) << 16 | \
	 ((xf) & 0xff) << 8 | ((cs) & 0xff))

/* RO: REF buffer size needed for the programmed FOURCC and CODED_SIZE */
#define CMACODEC_REG_REF_SIZE_REQ	0x088

/* RO: DST buffer size that is always enough for an encode job */
#define CMACODEC_REG_DST_SIZE_REQ	0x08c

/* RW: convert: V4L2 fourcc of the DST picture */
#define CMACODEC_REG_DST_FOURCC		0x090
/* RW: convert: DST picture size, width in [15:0], height in [31:16] */
#define CMACODEC_REG_DST_PIC_SIZE	0x094
/* RW: convert: bytes per line of the first plane of the DST picture */
#define CMACODEC_REG_DST_BYTESPERLINE	0x098
/*
 * RW: convert: Y'CbCr matrix and range of the DST picture, same layout as
 * COLORIMETRY; COLORIMETRY describes SRC.  The core uses only ycbcr_enc
 * (V4L2_YCBCR_ENC_601 or _709) and quantization (V4L2_QUANTIZATION_FULL_RANGE
 * or _LIM_RANGE), both resolved by the driver (no DEFAULT).
 */
#define CMACODEC_REG_DST_COLORIMETRY	0x09c

/* RW: stateless decode: header version of the frame (1..3) */
#define CMACODEC_REG_HDR_VERSION	0x0a0
/* RW: stateless decode: header flags of the frame (CMACODEC_FWHT_FL_*) */
#define CMACODEC_REG_HDR_FLAGS		0x0a4

/* RW: stateless decode: the reference picture */
#define CMACODEC_REG_REFPIC_ADDR_LO	0x0b0
#define CMACODEC_REG_REFPIC_ADDR_HI	0x0b4
#define CMACODEC_REG_REFPIC_SIZE	0x0b8

/*
 * RW: colour planes 1 and 2 of SRC, DST and REFPIC, used with
 * CTRL.SRC_MPLANE / CTRL.DST_MPLANE: per plane an address pair and a
 * size, 0x10 apart; a plane the format does not have is not read.
 */
#define CMACODEC_REG_SRC_P1_ADDR_LO	0x100
#define CMACODEC_REG_DST_P1_ADDR_LO	0x120
#define CMACODEC_REG_REFPIC_P1_ADDR_LO	0x140
/* plane @n (1 or 2) of the group starting at @p1: ADDR_LO, ADDR_HI, SIZE */
#define   CMACODEC_REG_PLANE_ADDR_LO(p1, n)	((p1) + ((n) - 1) * 0x10)
#define   CMACODEC_REG_PLANE_ADDR_HI(p1, n)	((p1) + ((n) - 1) * 0x10 + 4)
#define   CMACODEC_REG_PLANE_SIZE(p1, n)	((p1) + ((n) - 1) * 0x10 + 8)

/* size of the register bank */
#define CMACODEC_REG_BANK_SIZE		0x200

#endif /* CMACODEC_HW_REGS_H */
