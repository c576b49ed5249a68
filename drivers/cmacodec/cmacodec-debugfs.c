// SPDX-License-Identifier: GPL-2.0-only
/*
 * cmacodec: debugfs, for tests.
 *
 *   /sys/kernel/debug/cmacodec/<node>/regs            register dump
 *   /sys/kernel/debug/cmacodec/<node>/fault_stall     the next N jobs hang
 *   /sys/kernel/debug/cmacodec/<node>/fault_error     the next N jobs fail
 *   /sys/kernel/debug/cmacodec/<node>/fault_delay_us  random extra latency
 *
 *   /sys/kernel/debug/cmacodec/buffers, area    see cmacodec-mem.c
 *
 * <node> is the video node name (cmacodec-enc, cmacodec-dec).  The fault
 * files are write-only and take a decimal number.
 */
#include <linux/debugfs.h>
#include <linux/seq_file.h>

#include "cmacodec.h"
#include "hw/cmacodec-hw.h"

static int cmacodec_regs_show(struct seq_file *s, void *unused)
{
	struct cmacodec_node *node = s->private;
	u32 reg;

	for (reg = 0; reg < CMACODEC_REG_BANK_SIZE; reg += 4)
		seq_printf(s, "%03x: %08x\n", reg,
			   cmacodec_hw_read(node->hw, reg));
	return 0;
}
DEFINE_SHOW_ATTRIBUTE(cmacodec_regs);

#define CMACODEC_FAULT_ATTR(name, fault)				\
static int cmacodec_##name##_set(void *data, u64 val)			\
{									\
	struct cmacodec_node *node = data;				\
									\
	if (val > U32_MAX)						\
		return -EINVAL;						\
	cmacodec_hw_inject_fault(node->hw, fault, val);			\
	return 0;							\
}									\
DEFINE_DEBUGFS_ATTRIBUTE(cmacodec_##name##_fops, NULL,			\
			 cmacodec_##name##_set, "%llu\n")

CMACODEC_FAULT_ATTR(fault_stall, CMACODEC_HW_FAULT_STALL);
CMACODEC_FAULT_ATTR(fault_error, CMACODEC_HW_FAULT_ERROR);
CMACODEC_FAULT_ATTR(fault_delay, CMACODEC_HW_FAULT_DELAY);

/**
 * cmacodec_debugfs_init() - create the debugfs files of a device
 * @cdev: the device, with its cores powered up
 *
 * Failures are not fatal (debugfs may be absent); nothing to check.
 */
void cmacodec_debugfs_init(struct cmacodec_dev *cdev)
{
	int i;

	cdev->debugfs = debugfs_create_dir(CMACODEC_NAME, NULL);
	cmacodec_mem_debugfs_init(cdev);
	for (i = 0; i < CMACODEC_NUM_ROLES; i++) {
		struct cmacodec_node *node = &cdev->nodes[i];
		struct dentry *dir;

		dir = debugfs_create_dir(node->vfd.name, cdev->debugfs);
		debugfs_create_file("regs", 0400, dir, node,
				    &cmacodec_regs_fops);
		debugfs_create_file_unsafe("fault_stall", 0200, dir, node,
					   &cmacodec_fault_stall_fops);
		debugfs_create_file_unsafe("fault_error", 0200, dir, node,
					   &cmacodec_fault_error_fops);
		debugfs_create_file_unsafe("fault_delay_us", 0200, dir, node,
					   &cmacodec_fault_delay_fops);
	}
}

/**
 * cmacodec_debugfs_exit() - remove the debugfs files of a device
 * @cdev: the device
 */
void cmacodec_debugfs_exit(struct cmacodec_dev *cdev)
{
	debugfs_remove_recursive(cdev->debugfs);
	cdev->debugfs = NULL;
}
