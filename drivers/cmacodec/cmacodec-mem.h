/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * cmacodec: accounting of the DMA memory the device holds.
 *
 * Every buffer a context holds is recorded: the vb2 buffers of both queues
 * (allocated by vb2-dma-contig for MMAP, or imported DMABUFs) and the
 * driver's own REF and bitstream buffers.  The records feed debugfs
 * (cmacodec/buffers, cmacodec/area) and the per-instance and per-device
 * caps on allocated bytes (module parameters mem_limit_inst_kb and
 * mem_limit_dev_kb), which REQBUFS/CREATE_BUFS cannot exceed.
 *
 * Locking: cdev->mem_lock (spinlock, process context only) protects the
 * device's record list, its context list and every byte counter.  It nests
 * inside node->lock and ctx->bs_lock and takes no other lock.
 */
#ifndef CMACODEC_MEM_H
#define CMACODEC_MEM_H

#include <linux/list.h>
#include <linux/sched.h>
#include <linux/types.h>

struct cmacodec_ctx;
struct cmacodec_dev;

/**
 * enum cmacodec_mem_kind - what a recorded buffer is for
 * @CMACODEC_MEM_OUTPUT:    a vb2 buffer of the OUTPUT queue
 * @CMACODEC_MEM_CAPTURE:   a vb2 buffer of the CAPTURE queue
 * @CMACODEC_MEM_REF:       the core's reference buffer
 * @CMACODEC_MEM_BITSTREAM: the decoder's bitstream buffer
 */
enum cmacodec_mem_kind {
	CMACODEC_MEM_OUTPUT,
	CMACODEC_MEM_CAPTURE,
	CMACODEC_MEM_REF,
	CMACODEC_MEM_BITSTREAM,
};

/**
 * struct cmacodec_mem_buf_desc - a buffer to be recorded
 * @kind:     what it is for
 * @index:    vb2 buffer index, -1 for the driver's own buffers
 * @size:     bytes (page-aligned by the callee for allocated buffers)
 * @dma:      bus address
 * @imported: an imported DMABUF
 * @attrs:    DMA_ATTR_* of the allocation
 * @non_coherent: non-coherent memory
 */
struct cmacodec_mem_buf_desc {
	enum cmacodec_mem_kind kind;
	int index;
	size_t size;
	dma_addr_t dma;
	bool imported;
	unsigned long attrs;
	bool non_coherent;
};

/**
 * struct cmacodec_mem_rec - one buffer the device holds
 * @list:     entry in cdev->mem_list, under cdev->mem_lock
 * @ctx:      the context holding it
 * @buf:      the buffer; @buf.size page-aligned for allocated buffers
 * @pid:      thread group of the task that allocated or imported it
 * @comm:     that task's name
 * @linked:   on cdev->mem_list
 */
struct cmacodec_mem_rec {
	struct list_head list;
	struct cmacodec_ctx *ctx;
	struct cmacodec_mem_buf_desc buf;
	pid_t pid;
	char comm[TASK_COMM_LEN];
	bool linked;
};

struct vb2_mem_ops;

const struct vb2_mem_ops *cmacodec_mem_vb2_ops(void);
void cmacodec_mem_dev_init(struct cmacodec_dev *cdev);
void cmacodec_mem_ctx_add(struct cmacodec_ctx *ctx);
void cmacodec_mem_ctx_del(struct cmacodec_ctx *ctx);
int cmacodec_mem_track(struct cmacodec_ctx *ctx, struct cmacodec_mem_rec *rec,
		       const struct cmacodec_mem_buf_desc *desc, bool capped);
void cmacodec_mem_untrack(struct cmacodec_ctx *ctx,
			  struct cmacodec_mem_rec *rec);
int cmacodec_mem_select_area(struct cmacodec_dev *cdev);
void cmacodec_mem_release_area(struct cmacodec_dev *cdev);
void cmacodec_mem_report_area(struct cmacodec_dev *cdev);
void cmacodec_mem_debugfs_init(struct cmacodec_dev *cdev);

#endif /* CMACODEC_MEM_H */
