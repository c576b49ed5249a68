// SPDX-License-Identifier: GPL-2.0-only
/*
 * cmacodec: platform driver, video nodes, media controller, file handles.
 *
 * The module registers a platform driver and, for machines without a
 * device tree node for it, its own platform device.  Probe powers up four
 * emulated cores (encoder, decoder, converter and stateless decoder), each
 * behind its own video node and mem2mem scheduler, and one media
 * controller device.
 *
 * Lifetime: the driver structure is freed by the v4l2_device release
 * callback, after the last file handle is closed, so that a handle that is
 * still open across unbind can finish its jobs (the cores are destroyed
 * there too).
 */
#include <linux/dma-mapping.h>
#include <linux/module.h>
#include <linux/mod_devicetable.h>
#include <linux/of.h>
#include <linux/platform_device.h>
#include <linux/cpu.h>
#include <linux/slab.h>
#include <linux/workqueue.h>
#include <media/v4l2-event.h>
#include <media/v4l2-ioctl.h>
#include <media/videobuf2-dma-contig.h>

#include "cmacodec.h"
#include "cmacodec-compat.h"
#include "hw/cmacodec-hw.h"

/* driver messages themselves are dev_dbg(): use dynamic debug for them */
static unsigned int debug;
module_param(debug, uint, 0644);
MODULE_PARM_DESC(debug,
		 "V4L2 core debug flags of new video nodes, as in /sys/class/video4linux/videoN/dev_debug (default 0)");

/*
 * 32 by default: many codec IPs are 32-bit bus masters.  It also makes
 * buffer placement meaningful: dma-contig buffers must come from CMA (or
 * other memory) below 4 GiB, as they would on such a SoC.
 */
static unsigned int dma_bits = 32;
module_param(dma_bits, uint, 0444);
MODULE_PARM_DESC(dma_bits,
		 "DMA address width of the emulated cores, 32..64 (default 32)");

static unsigned int hw_watchdog_ms = 5000;
module_param(hw_watchdog_ms, uint, 0444);
MODULE_PARM_DESC(hw_watchdog_ms,
		 "time after which the core fails an unfinished job, in ms (default 5000)");

static bool multiplanar;
module_param(multiplanar, bool, 0444);
MODULE_PARM_DESC(multiplanar,
		 "use the multi-planar API: *_MPLANE buffer types and the formats with a buffer per colour plane, NV12M, YUV420M, ... (default N)");

static unsigned int hw_ns_per_pixel = 2;
module_param(hw_ns_per_pixel, uint, 0444);
MODULE_PARM_DESC(hw_ns_per_pixel,
		 "modelled processing time of the core per pixel, in ns (default 2)");

/**
 * struct cmacodec_role_desc - what distinguishes the video nodes
 * @name:     video node name (how user space finds the node)
 * @caps:     CMACODEC_CAPS_* of the node's core
 * @function: media entity function of the processing entity
 * @ioctl_ops: the node's ioctls
 * @ioctl_ops_mp: the same with the _MPLANE format ioctls (multiplanar=1)
 */
struct cmacodec_role_desc {
	const char *name;
	u32 caps;
	u32 function;
	const struct v4l2_ioctl_ops *ioctl_ops;
	const struct v4l2_ioctl_ops *ioctl_ops_mp;
};

static const struct cmacodec_role_desc cmacodec_roles[CMACODEC_NUM_ROLES] = {
	[CMACODEC_ENCODER] = {
		.name = CMACODEC_NAME "-enc",
		.caps = CMACODEC_CAPS_ENCODE | CMACODEC_CAPS_DECODE,
		.function = MEDIA_ENT_F_PROC_VIDEO_ENCODER,
		.ioctl_ops = &cmacodec_ioctl_ops,
		.ioctl_ops_mp = &cmacodec_ioctl_ops_mp,
	},
	[CMACODEC_DECODER] = {
		.name = CMACODEC_NAME "-dec",
		.caps = CMACODEC_CAPS_ENCODE | CMACODEC_CAPS_DECODE,
		.function = MEDIA_ENT_F_PROC_VIDEO_DECODER,
		.ioctl_ops = &cmacodec_ioctl_ops,
		.ioctl_ops_mp = &cmacodec_ioctl_ops_mp,
	},
	[CMACODEC_CONVERTER] = {
		.name = CMACODEC_NAME "-conv",
		.caps = CMACODEC_CAPS_CONVERT,
		.function = MEDIA_ENT_F_PROC_VIDEO_SCALER,
		.ioctl_ops = &cmacodec_cvt_ioctl_ops,
		.ioctl_ops_mp = &cmacodec_cvt_ioctl_ops_mp,
	},
	[CMACODEC_STATELESS] = {
		.name = CMACODEC_NAME "-stateless-dec",
		.caps = CMACODEC_CAPS_DECODE | CMACODEC_CAPS_STATELESS,
		.function = MEDIA_ENT_F_PROC_VIDEO_DECODER,
		.ioctl_ops = &cmacodec_sl_ioctl_ops,
		.ioctl_ops_mp = &cmacodec_sl_ioctl_ops_mp,
	},
};

static int cmacodec_open(struct file *file)
{
	struct cmacodec_node *node = video_drvdata(file);
	struct cmacodec_ctx *ctx;
	int ret;

	if (mutex_lock_interruptible(&node->lock))
		return -ERESTARTSYS;

	ctx = kzalloc(sizeof(*ctx), GFP_KERNEL);
	if (!ctx) {
		ret = -ENOMEM;
		goto err_unlock;
	}
	ctx->node = node;
	ctx->cdev = node->cdev;
	spin_lock_init(&ctx->irqlock);
	mutex_init(&ctx->bs_lock);
	v4l2_fh_init(&ctx->fh, video_devdata(file));
	if (node->role == CMACODEC_CONVERTER)
		cmacodec_cvt_set_defaults(ctx);
	else if (node->role == CMACODEC_STATELESS)
		cmacodec_sl_set_defaults(ctx);
	else
		cmacodec_ctx_set_defaults(ctx);

	ret = cmacodec_ctrls_init(ctx);
	if (ret)
		goto err_fh;

	ctx->fh.m2m_ctx = v4l2_m2m_ctx_init(node->m2m_dev, ctx,
					    cmacodec_queue_init);
	if (IS_ERR(ctx->fh.m2m_ctx)) {
		ret = PTR_ERR(ctx->fh.m2m_ctx);
		goto err_ctrls;
	}

	cmacodec_mem_ctx_add(ctx);
	cmacodec_fh_add(&ctx->fh, file);
	mutex_unlock(&node->lock);
	return 0;

err_ctrls:
	v4l2_ctrl_handler_free(&ctx->hdl);
err_fh:
	v4l2_fh_exit(&ctx->fh);
	mutex_destroy(&ctx->bs_lock);
	kfree(ctx);
err_unlock:
	mutex_unlock(&node->lock);
	return ret;
}

static int cmacodec_release(struct file *file)
{
	struct cmacodec_node *node = video_drvdata(file);
	struct cmacodec_ctx *ctx = cmacodec_fh_to_ctx(cmacodec_file_to_fh(file));

	mutex_lock(&node->lock);
	/*
	 * Waits for a running job and stops streaming, which frees the REF
	 * and bitstream buffers.
	 */
	v4l2_m2m_ctx_release(ctx->fh.m2m_ctx);
	mutex_unlock(&node->lock);
	cmacodec_mem_ctx_del(ctx);

	cmacodec_fh_del(&ctx->fh, file);
	v4l2_fh_exit(&ctx->fh);
	v4l2_ctrl_handler_free(&ctx->hdl);
	mutex_destroy(&ctx->bs_lock);
	kfree(ctx);
	return 0;
}

static const struct v4l2_file_operations cmacodec_fops = {
	.owner		= THIS_MODULE,
	.open		= cmacodec_open,
	.release	= cmacodec_release,
	.poll		= v4l2_m2m_fop_poll,
	.unlocked_ioctl	= video_ioctl2,
	.mmap		= v4l2_m2m_fop_mmap,
};

static void cmacodec_nop_work(struct work_struct *work)
{
}

/*
 * Wait until every work item queued on the system workqueue's per-CPU
 * pools before the call has started (schedule_on_each_cpu() is not
 * exported to modules).
 */
static void cmacodec_sync_system_wq(void)
{
	struct work_struct work;
	unsigned int cpu;

	cpus_read_lock();
	for_each_online_cpu(cpu) {
		INIT_WORK_ONSTACK(&work, cmacodec_nop_work);
		schedule_work_on(cpu, &work);
		flush_work(&work);
		destroy_work_on_stack(&work);
	}
	cpus_read_unlock();
}

static void cmacodec_v4l2_release(struct v4l2_device *v4l2_dev)
{
	struct cmacodec_dev *cdev = container_of(v4l2_dev, struct cmacodec_dev,
						 v4l2_dev);
	int i;

	/*
	 * mem2mem queues its job work on the system workqueue after every
	 * job (schedule_work() in v4l2_m2m_job_finish() and
	 * v4l2_m2m_buf_done_and_job_finish()), and v4l2_m2m_release() frees
	 * the m2m_dev without waiting for it: a job that completed just
	 * before the last close can leave that work pending, and it then
	 * reads freed memory (KASAN slab-use-after-free in assign_work(),
	 * seen once under TCG in the lifecycle test).  Every context is gone
	 * here, so no job is queued and the pending work only finds an empty
	 * queue, without sleeping; a no-op work run on every CPU's pool of
	 * the system workqueue (FIFO per pool) starts after it, and so after
	 * it has finished.
	 */
	cmacodec_sync_system_wq();

	for (i = 0; i < CMACODEC_NUM_ROLES; i++) {
		struct cmacodec_node *node = &cdev->nodes[i];

		cmacodec_hw_destroy(node->hw);
		if (!IS_ERR_OR_NULL(node->m2m_dev))
			v4l2_m2m_release(node->m2m_dev);
		mutex_destroy(&node->hw_lock);
		mutex_destroy(&node->lock);
	}
	media_device_cleanup(&cdev->mdev);
	v4l2_device_unregister(&cdev->v4l2_dev);
	/* every handle is closed: no buffer of the memory-region is left */
	cmacodec_mem_release_area(cdev);
	put_device(cdev->dev);
	kfree(cdev);
}

/* Power up the core of a node and create its scheduler. */
static int cmacodec_node_init(struct cmacodec_dev *cdev,
			      enum cmacodec_role role)
{
	struct cmacodec_node *node = &cdev->nodes[role];
	struct cmacodec_hw_config cfg = {
		.name = cmacodec_roles[role].name,
		/* every core can take colour planes at separate addresses */
		.caps = cmacodec_roles[role].caps | CMACODEC_CAPS_MPLANE,
		.max_width = CMACODEC_MAX_WIDTH,
		.max_height = CMACODEC_MAX_HEIGHT,
		.ns_per_pixel = hw_ns_per_pixel,
		.watchdog_ms = max(hw_watchdog_ms, 10U),
	};
	u32 id;

	node->hw = cmacodec_hw_create(cdev->dev, &cfg, cmacodec_irq_handler,
				      node);
	if (IS_ERR(node->hw)) {
		int ret = PTR_ERR(node->hw);

		node->hw = NULL;
		return ret;
	}
	id = cmacodec_hw_read(node->hw, CMACODEC_REG_ID);
	if (id >> 8 != CMACODEC_HW_ID_MAGIC) {
		dev_err(cdev->dev, "unknown core id %#x\n", id);
		return -ENODEV;
	}
	if (cdev->mplane && !(cmacodec_hw_read(node->hw, CMACODEC_REG_CAPS) &
			      CMACODEC_CAPS_MPLANE)) {
		dev_err(cdev->dev,
			"%s: the core takes no per-plane addresses: no multiplanar=1\n",
			cfg.name);
		return -ENODEV;
	}

	node->m2m_dev = v4l2_m2m_init(&cmacodec_m2m_ops);
	if (IS_ERR(node->m2m_dev))
		return PTR_ERR(node->m2m_dev);
	return 0;
}

static int cmacodec_node_register(struct cmacodec_dev *cdev,
				  enum cmacodec_role role)
{
	struct cmacodec_node *node = &cdev->nodes[role];
	const struct cmacodec_role_desc *desc = &cmacodec_roles[role];
	struct video_device *vfd = &node->vfd;
	int ret;

	strscpy(vfd->name, desc->name, sizeof(vfd->name));
	vfd->vfl_dir = VFL_DIR_M2M;
	vfd->fops = &cmacodec_fops;
	node->base_ops = desc->ioctl_ops;
	vfd->ioctl_ops = cdev->mplane ? desc->ioctl_ops_mp : desc->ioctl_ops;
	vfd->minor = -1;
	vfd->release = video_device_release_empty;
	vfd->lock = &node->lock;
	vfd->v4l2_dev = &cdev->v4l2_dev;
	vfd->device_caps = (cdev->mplane ? V4L2_CAP_VIDEO_M2M_MPLANE :
					   V4L2_CAP_VIDEO_M2M) |
			   V4L2_CAP_STREAMING;
	vfd->dev_debug = debug;
	if (role == CMACODEC_ENCODER) {
		v4l2_disable_ioctl(vfd, VIDIOC_DECODER_CMD);
		v4l2_disable_ioctl(vfd, VIDIOC_TRY_DECODER_CMD);
	} else if (role == CMACODEC_DECODER) {
		v4l2_disable_ioctl(vfd, VIDIOC_ENCODER_CMD);
		v4l2_disable_ioctl(vfd, VIDIOC_TRY_ENCODER_CMD);
	}
	video_set_drvdata(vfd, node);

	ret = video_register_device(vfd, VFL_TYPE_VIDEO, -1);
	if (ret)
		return ret;
	node->registered = true;

	ret = v4l2_m2m_register_media_controller(node->m2m_dev, vfd,
						 desc->function);
	if (ret)
		return ret;
	node->mc_registered = true;

	dev_info(cdev->dev, "%s registered as %s\n", vfd->name,
		 video_device_node_name(vfd));
	return 0;
}

/* Undo cmacodec_node_register(); the rest goes in the v4l2 release. */
static void cmacodec_node_unregister(struct cmacodec_node *node)
{
	if (node->mc_registered)
		v4l2_m2m_unregister_media_controller(node->m2m_dev);
	node->mc_registered = false;
	if (node->registered)
		video_unregister_device(&node->vfd);
	node->registered = false;
}

static int cmacodec_probe(struct platform_device *pdev)
{
	struct device *dev = &pdev->dev;
	struct cmacodec_dev *cdev;
	int i, ret;

	if (dma_bits < 32 || dma_bits > 64) {
		dev_err(dev, "dma_bits=%u out of range\n", dma_bits);
		return -EINVAL;
	}
	ret = dma_set_mask_and_coherent(dev, DMA_BIT_MASK(dma_bits));
	if (ret) {
		dev_err(dev, "no usable %u-bit DMA\n", dma_bits);
		return ret;
	}
	/* buffers are contiguous: one segment of any size */
	ret = vb2_dma_contig_set_max_seg_size(dev, UINT_MAX);
	if (ret)
		return ret;

	cdev = kzalloc(sizeof(*cdev), GFP_KERNEL);
	if (!cdev)
		return -ENOMEM;
	cdev->dev = get_device(dev);
	cdev->mplane = multiplanar;
	cmacodec_mem_dev_init(cdev);
	for (i = 0; i < CMACODEC_NUM_ROLES; i++) {
		cdev->nodes[i].cdev = cdev;
		cdev->nodes[i].role = i;
		mutex_init(&cdev->nodes[i].lock);
		mutex_init(&cdev->nodes[i].hw_lock);
	}

	cdev->mdev.dev = dev;
	strscpy(cdev->mdev.model, CMACODEC_NAME, sizeof(cdev->mdev.model));
	strscpy(cdev->mdev.bus_info, "platform:" CMACODEC_NAME,
		sizeof(cdev->mdev.bus_info));
	/* media requests, for the stateless decoder */
	cdev->mdev.ops = &cmacodec_media_ops;
	media_device_init(&cdev->mdev);
	cdev->v4l2_dev.mdev = &cdev->mdev;

	ret = v4l2_device_register(dev, &cdev->v4l2_dev);
	if (ret) {
		media_device_cleanup(&cdev->mdev);
		for (i = 0; i < CMACODEC_NUM_ROLES; i++) {
			mutex_destroy(&cdev->nodes[i].hw_lock);
			mutex_destroy(&cdev->nodes[i].lock);
		}
		put_device(cdev->dev);
		kfree(cdev);
		return ret;
	}
	/* from here on, cmacodec_v4l2_release() frees everything */
	cdev->v4l2_dev.release = cmacodec_v4l2_release;
	platform_set_drvdata(pdev, cdev);

	ret = cmacodec_mem_select_area(cdev);
	if (ret)
		goto err_put;

	for (i = 0; i < CMACODEC_NUM_ROLES; i++) {
		ret = cmacodec_node_init(cdev, i);
		if (ret)
			goto err_put;
	}
	for (i = 0; i < CMACODEC_NUM_ROLES; i++) {
		ret = cmacodec_node_register(cdev, i);
		if (ret)
			goto err_unregister;
	}
	ret = media_device_register(&cdev->mdev);
	if (ret)
		goto err_unregister;
	cmacodec_debugfs_init(cdev);
	cmacodec_mem_report_area(cdev);
	return 0;

err_unregister:
	for (i = CMACODEC_NUM_ROLES - 1; i >= 0; i--)
		cmacodec_node_unregister(&cdev->nodes[i]);
err_put:
	dev_err(dev, "probe failed: %d\n", ret);
	v4l2_device_put(&cdev->v4l2_dev);
	return ret;
}

static void cmacodec_remove(struct platform_device *pdev)
{
	struct cmacodec_dev *cdev = platform_get_drvdata(pdev);
	int i;

	cmacodec_debugfs_exit(cdev);
	media_device_unregister(&cdev->mdev);
	for (i = CMACODEC_NUM_ROLES - 1; i >= 0; i--)
		cmacodec_node_unregister(&cdev->nodes[i]);
	v4l2_device_disconnect(&cdev->v4l2_dev);
	v4l2_device_put(&cdev->v4l2_dev);
}

static const struct of_device_id cmacodec_of_match[] = {
	{ .compatible = "cmacodec,fwht-codec" },
	{ }
};
MODULE_DEVICE_TABLE(of, cmacodec_of_match);

static struct platform_driver cmacodec_pdrv = {
	.probe = cmacodec_probe,
	CMACODEC_PLATFORM_REMOVE(cmacodec_remove),
	.driver = {
		.name = CMACODEC_NAME,
		.of_match_table = cmacodec_of_match,
	},
};

static struct platform_device *cmacodec_pdev;

/*
 * The device tree describes the device (and maybe its memory-region): the
 * OF core has created its platform device.  A second device of our own
 * would probe as well, and where the node is called "cmacodec" its name
 * would clash and fail the module load.
 */
static bool __init cmacodec_dt_has_device(void)
{
	struct device_node *np;

	for_each_matching_node(np, cmacodec_of_match) {
		if (of_device_is_available(np)) {
			of_node_put(np);
			return true;
		}
	}
	return false;
}

static int __init cmacodec_init(void)
{
	int ret;

	ret = platform_driver_register(&cmacodec_pdrv);
	if (ret)
		return ret;
	if (cmacodec_dt_has_device())
		return 0;

	/* no firmware description on a PC: provide the device ourselves */
	cmacodec_pdev = platform_device_register_simple(CMACODEC_NAME,
							PLATFORM_DEVID_NONE,
							NULL, 0);
	if (IS_ERR(cmacodec_pdev)) {
		platform_driver_unregister(&cmacodec_pdrv);
		return PTR_ERR(cmacodec_pdev);
	}
	return 0;
}

static void __exit cmacodec_exit(void)
{
	/* NULL (nothing to do) when the device tree has the device */
	platform_device_unregister(cmacodec_pdev);
	platform_driver_unregister(&cmacodec_pdrv);
}

module_init(cmacodec_init);
module_exit(cmacodec_exit);

MODULE_DESCRIPTION("FWHT mem2mem codec for an emulated core with CMA buffers");
MODULE_AUTHOR("cmacodec developers");
MODULE_LICENSE("GPL");
