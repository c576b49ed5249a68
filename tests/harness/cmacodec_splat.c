// SPDX-License-Identifier: GPL-2.0
/*
 * cmacodec_splat - a throwaway module that WARNs on load.
 *
 * Only the test harness's self-test loads it: a run that loads it must be
 * failed by scripts/scan-splats.sh, which proves the scanner catches splats.
 */
#include <linux/bug.h>
#include <linux/init.h>
#include <linux/module.h>

static int __init cmacodec_splat_init(void)
{
	WARN(1, "cmacodec_splat: deliberate warning for the harness self-test\n");
	return 0;
}

static void __exit cmacodec_splat_exit(void)
{
}

module_init(cmacodec_splat_init);
module_exit(cmacodec_splat_exit);
MODULE_DESCRIPTION("cmacodec test harness self-test: WARNs on load");
MODULE_LICENSE("GPL");
