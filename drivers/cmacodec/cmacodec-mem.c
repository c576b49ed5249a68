// SPDX-License-Identifier: GPL-2.0-only
/*
 * cmacodec: accounting of the DMA memory the device holds, its caps and
 * its debugfs view (see cmacodec-mem.h for the lock).
 *
 *   /sys/kernel/debug/cmacodec/buffers  every buffer held, per-instance and
 *                                       device totals, the caps
 *   /sys/kernel/debug/cmacodec/area     the CMA area the device allocates
 *                                       from, as far as the kernel tells
 *
 * Both files are root-only (0400): they show bus addresses.
 */
#include <linux/cma.h>
#include <linux/debugfs.h>
#include <linux/dma-buf.h>
#include <linux/dma-map-ops.h>
#include <linux/mm.h>
#include <linux/module.h>
#include <linux/of.h>
#include <linux/of_reserved_mem.h>
#include <linux/seq_file.h>
#include <linux/vmstat.h>
#include <media/videobuf2-dma-contig.h>

#include "cmacodec.h"

/* the CMA area API is usable: exported (Kbuild probe) and DMA_CMA built */
#if defined(CMACODEC_HAVE_CMA_AREA_API) && defined(CONFIG_DMA_CMA)
#define CMACODEC_CMA_AREAS 1
#endif

static unsigned int mem_limit_inst_kb;
module_param(mem_limit_inst_kb, uint, 0644);
MODULE_PARM_DESC(mem_limit_inst_kb,
		 "most DMA memory one open file handle may allocate, in KiB; REQBUFS/CREATE_BUFS beyond it get fewer buffers or ENOMEM (default 0: no limit)");

static unsigned int mem_limit_dev_kb;
module_param(mem_limit_dev_kb, uint, 0644);
MODULE_PARM_DESC(mem_limit_dev_kb,
		 "most DMA memory all handles together may allocate, in KiB (default 0: no limit)");

static char *cma_area;
module_param(cma_area, charp, 0444);
MODULE_PARM_DESC(cma_area,
		 "name of the CMA area to allocate from (kernels that export the CMA area API to modules, 7.3+; elsewhere use a device-tree memory-region); default: the device's own or the default area");

static const char * const cmacodec_mem_kind_names[] = {
	[CMACODEC_MEM_OUTPUT] = "output",
	[CMACODEC_MEM_CAPTURE] = "capture",
	[CMACODEC_MEM_REF] = "ref",
	[CMACODEC_MEM_BITSTREAM] = "bitstream",
};

/*
 * vb2-dma-contig's memops with one change: a buffer exported with EXPBUF
 * holds a reference on this module rather than on videobuf2-dma-contig's
 * (which this module pins anyway).  Without it, once the video node is
 * closed nothing of ours is referenced by the DMABUF and rmmod succeeds
 * while another process still holds the buffer; with it rmmod is refused
 * ("in use") until the last DMABUF fd is closed.  Filled once, on first
 * use; never changed afterwards.
 */
static struct vb2_mem_ops cmacodec_vb2_memops;
static DEFINE_MUTEX(cmacodec_vb2_memops_lock);

static struct dma_buf *cmacodec_mem_get_dmabuf(struct vb2_buffer *vb,
					       void *buf_priv,
					       unsigned long flags)
{
	struct dma_buf *dbuf;

	dbuf = vb2_dma_contig_memops.get_dmabuf(vb, buf_priv, flags);
	if (IS_ERR_OR_NULL(dbuf) || dbuf->owner == THIS_MODULE)
		return dbuf;
	/*
	 * The dma-buf is new and not yet installed in an fd: nobody else
	 * sees the owner change.  Its release drops dbuf->owner's reference.
	 * We run in an ioctl of our own file, so our refcount is not zero.
	 */
	__module_get(THIS_MODULE);
	module_put(dbuf->owner);
	dbuf->owner = THIS_MODULE;
	return dbuf;
}

/**
 * cmacodec_mem_vb2_ops() - the memops of every cmacodec queue
 *
 * Return: vb2_dma_contig_memops, except that exported buffers pin the
 * module (see cmacodec_mem_get_dmabuf()).
 */
const struct vb2_mem_ops *cmacodec_mem_vb2_ops(void)
{
	mutex_lock(&cmacodec_vb2_memops_lock);
	if (!cmacodec_vb2_memops.get_dmabuf) {
		cmacodec_vb2_memops = vb2_dma_contig_memops;
		cmacodec_vb2_memops.get_dmabuf = cmacodec_mem_get_dmabuf;
	}
	mutex_unlock(&cmacodec_vb2_memops_lock);
	return &cmacodec_vb2_memops;
}

/**
 * cmacodec_mem_dev_init() - initialise a device's accounting
 * @cdev: the device, before any file handle is opened
 */
void cmacodec_mem_dev_init(struct cmacodec_dev *cdev)
{
	spin_lock_init(&cdev->mem_lock);
	INIT_LIST_HEAD(&cdev->mem_list);
	INIT_LIST_HEAD(&cdev->mem_ctxs);
	atomic_set(&cdev->next_ctx_id, 0);
}

/**
 * cmacodec_mem_ctx_add() - make a new context visible to the accounting
 * @ctx: the context being opened
 *
 * Numbers the context (its "instance" in debugfs) and records who opened it.
 */
void cmacodec_mem_ctx_add(struct cmacodec_ctx *ctx)
{
	struct cmacodec_dev *cdev = ctx->cdev;

	ctx->id = atomic_inc_return(&cdev->next_ctx_id);
	ctx->pid = task_tgid_nr(current);
	get_task_comm(ctx->comm, current);
	spin_lock(&cdev->mem_lock);
	list_add_tail(&ctx->mem_ctx_list, &cdev->mem_ctxs);
	spin_unlock(&cdev->mem_lock);
}

/**
 * cmacodec_mem_ctx_del() - remove a context from the accounting
 * @ctx: the context being released, after its queues and buffers are gone
 */
void cmacodec_mem_ctx_del(struct cmacodec_ctx *ctx)
{
	struct cmacodec_dev *cdev = ctx->cdev;

	spin_lock(&cdev->mem_lock);
	list_del(&ctx->mem_ctx_list);
	spin_unlock(&cdev->mem_lock);
	if (ctx->mem_nbufs)
		dev_err(cdev->dev, "instance %u released holding %u buffers\n",
			ctx->id, ctx->mem_nbufs);
}

/* Would @size more allocated bytes pass the caps?  mem_lock held. */
static bool cmacodec_mem_fits(struct cmacodec_ctx *ctx, size_t size)
{
	u64 inst = (u64)READ_ONCE(mem_limit_inst_kb) * SZ_1K;
	u64 dev = (u64)READ_ONCE(mem_limit_dev_kb) * SZ_1K;

	if (inst && ctx->mem_alloc_bytes + size > inst) {
		cmacodec_dbg(ctx->cdev->dev,
			     "instance %u: %zu more bytes would pass mem_limit_inst_kb=%llu (holds %zu)\n",
			     ctx->id, size, inst / SZ_1K, ctx->mem_alloc_bytes);
		return false;
	}
	if (dev && ctx->cdev->mem_alloc_bytes + size > dev) {
		cmacodec_dbg(ctx->cdev->dev,
			     "instance %u: %zu more bytes would pass mem_limit_dev_kb=%llu (device holds %zu)\n",
			     ctx->id, size, dev / SZ_1K,
			     ctx->cdev->mem_alloc_bytes);
		return false;
	}
	return true;
}

/**
 * cmacodec_mem_track() - record a buffer the device now holds
 * @ctx:    the context holding it
 * @rec:    the record, owned by the caller, not yet tracked
 * @desc:   the buffer
 * @capped: refuse the buffer if it would pass the memory caps
 *
 * The caps bound the memory allocated for the device (MMAP buffers, REF,
 * bitstream); imported DMABUFs are someone else's and only listed.  Only
 * vb2 buffers are refused (@capped): for those vb2 turns the refusal into
 * fewer buffers than asked for, or ENOMEM.  The driver's own buffers still
 * count against later requests.
 *
 * Return: 0, or -ENOMEM if @capped and the buffer does not fit.
 */
int cmacodec_mem_track(struct cmacodec_ctx *ctx, struct cmacodec_mem_rec *rec,
		       const struct cmacodec_mem_buf_desc *desc, bool capped)
{
	struct cmacodec_dev *cdev = ctx->cdev;
	size_t size = desc->imported ? desc->size : PAGE_ALIGN(desc->size);

	rec->ctx = ctx;
	rec->buf = *desc;
	rec->buf.size = size;
	rec->pid = task_tgid_nr(current);
	get_task_comm(rec->comm, current);

	spin_lock(&cdev->mem_lock);
	if (capped && !desc->imported && !cmacodec_mem_fits(ctx, size)) {
		spin_unlock(&cdev->mem_lock);
		return -ENOMEM;
	}
	list_add_tail(&rec->list, &cdev->mem_list);
	rec->linked = true;
	ctx->mem_nbufs++;
	if (desc->imported) {
		ctx->mem_import_bytes += size;
	} else {
		ctx->mem_alloc_bytes += size;
		cdev->mem_alloc_bytes += size;
	}
	spin_unlock(&cdev->mem_lock);
	return 0;
}

/**
 * cmacodec_mem_untrack() - forget a buffer the device no longer holds
 * @ctx: the context that held it
 * @rec: its record; nothing happens if it is not tracked
 */
void cmacodec_mem_untrack(struct cmacodec_ctx *ctx,
			  struct cmacodec_mem_rec *rec)
{
	struct cmacodec_dev *cdev = ctx->cdev;

	spin_lock(&cdev->mem_lock);
	if (rec->linked) {
		list_del(&rec->list);
		rec->linked = false;
		ctx->mem_nbufs--;
		if (rec->buf.imported) {
			ctx->mem_import_bytes -= rec->buf.size;
		} else {
			ctx->mem_alloc_bytes -= rec->buf.size;
			cdev->mem_alloc_bytes -= rec->buf.size;
		}
	}
	spin_unlock(&cdev->mem_lock);
}

/* "imported", or the allocation's kind and attributes, e.g. "coherent,wc" */
static const char *cmacodec_mem_attr_name(const struct cmacodec_mem_rec *rec,
					  char *buf, size_t len)
{
	if (rec->buf.imported)
		return "imported";
	snprintf(buf, len, "%s%s%s",
		 rec->buf.non_coherent ? "non-coherent" : "coherent",
		 rec->buf.attrs & DMA_ATTR_WRITE_COMBINE ? ",wc" : "",
		 rec->buf.attrs & DMA_ATTR_NO_KERNEL_MAPPING ? ",nomap" : "");
	return buf;
}

static int cmacodec_buffers_show(struct seq_file *s, void *unused)
{
	struct cmacodec_dev *cdev = s->private;
	struct cmacodec_mem_rec *rec;
	struct cmacodec_ctx *ctx;
	unsigned int n = 0;
	char attrs[32];

	seq_puts(s, "inst node         queue     index     bytes dma_start          dma_end            attrs                task\n");
	spin_lock(&cdev->mem_lock);
	list_for_each_entry(rec, &cdev->mem_list, list) {
		dma_addr_t end = rec->buf.dma + rec->buf.size - 1;

		seq_printf(s, "%4u %-12s %-9s %5d %9zu %pad %pad %-20s %s[%d]\n",
			   rec->ctx->id, rec->ctx->node->vfd.name,
			   cmacodec_mem_kind_names[rec->buf.kind], rec->buf.index,
			   rec->buf.size, &rec->buf.dma, &end,
			   cmacodec_mem_attr_name(rec, attrs, sizeof(attrs)),
			   rec->comm, rec->pid);
		n++;
	}
	list_for_each_entry(ctx, &cdev->mem_ctxs, mem_ctx_list)
		seq_printf(s, "instance %u %s opened by %s[%d]: %u buffers, %zu bytes allocated, %zu bytes imported\n",
			   ctx->id, ctx->node->vfd.name, ctx->comm, ctx->pid,
			   ctx->mem_nbufs, ctx->mem_alloc_bytes,
			   ctx->mem_import_bytes);
	seq_printf(s, "device: %u buffers, %zu bytes allocated; limits: instance %u KiB, device %u KiB (0: none)\n",
		   n, cdev->mem_alloc_bytes, READ_ONCE(mem_limit_inst_kb),
		   READ_ONCE(mem_limit_dev_kb));
	spin_unlock(&cdev->mem_lock);
	return 0;
}
DEFINE_SHOW_ATTRIBUTE(cmacodec_buffers);

/*
 * The kernel tells modules the name of a device's CMA area only where it
 * exports dev_get_cma_area() and cma_get_name() (a compile probe in Kbuild:
 * 7.3 does, 6.1 and 6.12 do not).
 */
static const char *cmacodec_mem_area_name(struct cmacodec_dev *cdev)
{
#ifdef CMACODEC_CMA_AREAS
	struct cma *cma = dev_get_cma_area(cdev->dev);

	return cma ? cma_get_name(cma) : NULL;
#else
	return NULL;
#endif
}

/* the device has an area of its own (DT memory-region) */
static bool cmacodec_mem_own_area(struct device *dev)
{
#ifdef CONFIG_DMA_CMA
	return dev->cma_area;
#else
	return false;
#endif
}

static int cmacodec_area_show(struct seq_file *s, void *unused)
{
	struct cmacodec_dev *cdev = s->private;
	const char *name = cmacodec_mem_area_name(cdev);
	dma_addr_t lo = DMA_MAPPING_ERROR, hi = 0;
	struct cmacodec_mem_rec *rec;
	size_t held;

	spin_lock(&cdev->mem_lock);
	held = cdev->mem_alloc_bytes;
	list_for_each_entry(rec, &cdev->mem_list, list) {
		if (rec->buf.imported)
			continue;
		lo = min(lo, rec->buf.dma);
		hi = max(hi, rec->buf.dma + rec->buf.size - 1);
	}
	spin_unlock(&cdev->mem_lock);

	seq_printf(s, "area: %s\n", name ? name :
		   "the device's default CMA area (this kernel does not export its name to modules)");
	seq_printf(s, "device_area: %s\n",
		   cmacodec_mem_own_area(cdev->dev) ? "own (memory-region)" :
		   "default");
	seq_printf(s, "dma_mask_bits: %u\n", fls64(dma_get_mask(cdev->dev)));
	seq_printf(s, "held_bytes: %zu\n", held);
	if (held)
		seq_printf(s, "held_dma_span: %pad %pad\n", &lo, &hi);
	seq_printf(s, "cma_free_kb_all_areas: %lu\n",
		   global_zone_page_state(NR_FREE_CMA_PAGES) << (PAGE_SHIFT - 10));
	return 0;
}
DEFINE_SHOW_ATTRIBUTE(cmacodec_area);

#ifdef CMACODEC_CMA_AREAS
/* the CMA area called @name, or NULL; the names of all in @names */
static struct cma *cmacodec_mem_find_area(const char *name, char *names,
					  size_t len)
{
	struct cma *cma;
	unsigned int i;
	size_t used = 0;

	names[0] = '\0';
	for (i = 0; (cma = dma_contiguous_get_area_by_idx(i)); i++) {
		if (!strcmp(cma_get_name(cma), name))
			return cma;
		used += scnprintf(names + used, len - used, "%s%s",
				  used ? ", " : "", cma_get_name(cma));
	}
	return NULL;
}
#endif

/**
 * cmacodec_mem_select_area() - honour memory-region and cma_area=
 * @cdev: the device, before any DMA allocation
 *
 * A device-tree node's memory-region (a shared-dma-pool, reusable for CMA)
 * becomes the device's own area through of_reserved_mem_device_init().
 * The cma_area= parameter names an area instead, on kernels whose CMA
 * area API modules can use (a Kbuild probe); elsewhere it is refused.
 *
 * Return: 0, or a negative errno with the reason logged.
 */
int cmacodec_mem_select_area(struct cmacodec_dev *cdev)
{
	struct device *dev = cdev->dev;
	int ret;

	if (dev->of_node &&
	    of_find_property(dev->of_node, "memory-region", NULL)) {
		ret = of_reserved_mem_device_init(dev);
		if (ret) {
			dev_err(dev, "memory-region unusable: %d\n", ret);
			return ret;
		}
		cdev->rmem_attached = true;
	}
	if (!cma_area || !cma_area[0])
		return 0;
#ifdef CMACODEC_CMA_AREAS
	{
		char names[128];
		struct cma *cma = cmacodec_mem_find_area(cma_area, names,
							 sizeof(names));

		if (!cma) {
			dev_err(dev, "cma_area=%s: no such CMA area (there are: %s)\n",
				cma_area, names[0] ? names : "none");
			ret = -ENOENT;
			goto err_release;
		}
		/*
		 * Not undone at remove: a buffer exported with EXPBUF may
		 * outlive the driver and is freed to dev_get_cma_area().
		 */
		dev->cma_area = cma;
		return 0;
	}
#else
	dev_err(dev, "cma_area=%s: this kernel does not export the CMA area API to modules (7.3 does); bind the device to an area with a device-tree memory-region instead (docs/memory.md)\n",
		cma_area);
	ret = -EOPNOTSUPP;
	goto err_release;
#endif
err_release:
	cmacodec_mem_release_area(cdev);
	return ret;
}

/**
 * cmacodec_mem_release_area() - detach the memory-region again
 * @cdev: the device, its DMA buffers all freed (the v4l2 release)
 */
void cmacodec_mem_release_area(struct cmacodec_dev *cdev)
{
	if (cdev->rmem_attached)
		of_reserved_mem_device_release(cdev->dev);
	cdev->rmem_attached = false;
}

/**
 * cmacodec_mem_report_area() - say at probe where buffers will come from
 * @cdev: the device, its DMA mask set
 */
void cmacodec_mem_report_area(struct cmacodec_dev *cdev)
{
	const char *name = cmacodec_mem_area_name(cdev);

	if (name)
		dev_info(cdev->dev, "DMA buffers come from CMA area '%s'\n",
			 name);
	else
		dev_info(cdev->dev, "DMA buffers come from the %s CMA area\n",
			 cmacodec_mem_own_area(cdev->dev) ? "device's own" :
			 "default");
}

/**
 * cmacodec_mem_debugfs_init() - create cmacodec/buffers and cmacodec/area
 * @cdev: the device, cdev->debugfs created
 */
void cmacodec_mem_debugfs_init(struct cmacodec_dev *cdev)
{
	debugfs_create_file("buffers", 0400, cdev->debugfs, cdev,
			    &cmacodec_buffers_fops);
	debugfs_create_file("area", 0400, cdev->debugfs, cdev,
			    &cmacodec_area_fops);
}
