/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * cmacodec emulated FWHT codec core: internals shared between the core's
 * register/sequencing model (cmacodec-hw.c) and its processing engine
 * (cmacodec-hw-engine.c), which is the only file that calls the codec core.
 */
#ifndef CMACODEC_HW_PRIV_H
#define CMACODEC_HW_PRIV_H

#include <linux/types.h>

#include "cmacodec-hw-regs.h"

/**
 * struct cmacodec_hw_job - job registers latched at START
 * @seq:         job number, to recognise a stale job after a reset
 * @ctrl:        CTRL
 * @fourcc:      FOURCC
 * @pic_w:       visible width (PIC_SIZE)
 * @pic_h:       visible height (PIC_SIZE)
 * @coded_w:     coded width (CODED_SIZE)
 * @coded_h:     coded height (CODED_SIZE)
 * @bytesperline: BYTESPERLINE
 * @qp:          QP
 * @colorimetry: COLORIMETRY
 * @src:         SRC bus address
 * @dst:         DST bus address
 * @ref:         REF bus address
 * @src_size:    SRC_SIZE
 * @dst_size:    DST_SIZE
 * @ref_size:    REF_SIZE
 * @dst_fourcc:  DST_FOURCC (convert)
 * @dst_w:       DST_PIC_SIZE width (convert)
 * @dst_h:       DST_PIC_SIZE height (convert)
 * @dst_bytesperline: DST_BYTESPERLINE (convert)
 * @dst_colorimetry: DST_COLORIMETRY (convert)
 * @hdr_version: HDR_VERSION (stateless decode)
 * @hdr_flags:   HDR_FLAGS (stateless decode)
 * @refpic:      REFPIC bus address (stateless decode)
 * @refpic_size: REFPIC_SIZE (stateless decode)
 * @src_pl:      SRC_P1, SRC_P2 bus addresses (CTRL.SRC_MPLANE)
 * @src_pl_size: SRC_P1, SRC_P2 sizes
 * @dst_pl:      DST_P1, DST_P2 bus addresses (CTRL.DST_MPLANE)
 * @dst_pl_size: DST_P1, DST_P2 sizes
 * @refpic_pl:   REFPIC_P1, REFPIC_P2 bus addresses (CTRL.DST_MPLANE)
 * @refpic_pl_size: REFPIC_P1, REFPIC_P2 sizes
 */
struct cmacodec_hw_job {
	u32 seq;
	u32 ctrl;
	u32 fourcc;
	u32 pic_w;
	u32 pic_h;
	u32 coded_w;
	u32 coded_h;
	u32 bytesperline;
	u32 qp;
	u32 colorimetry;
	u64 src;
	u64 dst;
	u64 ref;
	u32 src_size;
	u32 dst_size;
	u32 ref_size;
	u32 dst_fourcc;
	u32 dst_w;
	u32 dst_h;
	u32 dst_bytesperline;
	u32 dst_colorimetry;
	u32 hdr_version;
	u32 hdr_flags;
	u64 refpic;
	u32 refpic_size;
	u64 src_pl[2];
	u32 src_pl_size[2];
	u64 dst_pl[2];
	u32 dst_pl_size[2];
	u64 refpic_pl[2];
	u32 refpic_pl_size[2];
};

/* colour planes of a raw picture the core addresses */
#define CMACODEC_HW_PLANES	3

/**
 * struct cmacodec_hw_maps - the job's buffers, mapped for the engine
 * @src:         SRC colour planes ([1], [2] NULL without CTRL.SRC_MPLANE)
 * @src_size:    bytes at each of @src
 * @dst:         DST colour planes ([1], [2] NULL without CTRL.DST_MPLANE)
 * @dst_size:    bytes at each of @dst
 * @ref:         REF (NULL for a conversion)
 * @refpic:      REFPIC colour planes (all NULL unless
 *               cmacodec_hw_job_has_refpic())
 * @refpic_size: bytes at each of @refpic
 */
struct cmacodec_hw_maps {
	u8 *src[CMACODEC_HW_PLANES];
	u32 src_size[CMACODEC_HW_PLANES];
	u8 *dst[CMACODEC_HW_PLANES];
	u32 dst_size[CMACODEC_HW_PLANES];
	u8 *ref;
	u8 *refpic[CMACODEC_HW_PLANES];
	u32 refpic_size[CMACODEC_HW_PLANES];
};

/**
 * struct cmacodec_hw_result - outcome of a job, committed at completion
 * @irq:   IRQ_STATUS bits to raise
 * @error: ERROR_CODE
 * @len:   RESULT_LEN
 * @flags: RESULT_FLAGS
 */
struct cmacodec_hw_result {
	u32 irq;
	u32 error;
	u32 len;
	u32 flags;
};

/* a stateless decode that reads its reference from REFPIC */
static inline bool cmacodec_hw_job_has_refpic(const struct cmacodec_hw_job *job)
{
	const u32 need = CMACODEC_CTRL_DECODE | CMACODEC_CTRL_STATELESS |
			 CMACODEC_CTRL_REF_PIC;

	return (job->ctrl & (need | CMACODEC_CTRL_CONVERT)) == need;
}

struct cmacodec_hw_engine;

struct cmacodec_hw_engine *cmacodec_hw_engine_create(void);
void cmacodec_hw_engine_destroy(struct cmacodec_hw_engine *eng);

u32 cmacodec_hw_engine_ref_size(u32 fourcc, u32 coded_w, u32 coded_h);
u32 cmacodec_hw_engine_dst_size(u32 fourcc, u32 coded_w, u32 coded_h);
u32 cmacodec_hw_engine_check(const struct cmacodec_hw_job *job,
			     u32 max_w, u32 max_h);
void cmacodec_hw_engine_run(struct cmacodec_hw_engine *eng,
			    const struct cmacodec_hw_job *job,
			    const struct cmacodec_hw_maps *m,
			    struct cmacodec_hw_result *res);

#endif /* CMACODEC_HW_PRIV_H */
