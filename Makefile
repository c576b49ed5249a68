# SPDX-License-Identifier: GPL-2.0-only
#
# cmacodec: build entry points.
#
#   make [KERNEL_DIR=...]        build cmacodec.ko against KERNEL_DIR
#   make clean
#   make checkpatch              checkpatch --strict on the driver sources
#   make sparse                  rebuild everything with sparse (C=2)
#
# The kernel build reads Kbuild; the targets here only drive it, so more
# targets may be added (below the module targets).

KERNEL_DIR ?= /lib/modules/$(shell uname -r)/build

# checkpatch.pl of the kernel tree; a build tree made with O= has the
# sources behind its 'source' link.
CHECKPATCH ?= $(firstword $(wildcard $(KERNEL_DIR)/scripts/checkpatch.pl \
				     $(KERNEL_DIR)/source/scripts/checkpatch.pl) \
			  checkpatch.pl)
CMACODEC_SOURCES = $(sort $(wildcard drivers/cmacodec/*.[ch] \
			drivers/cmacodec/hw/*.[ch] \
			drivers/cmacodec/codec/*.[ch] uapi/linux/*.h))

.PHONY: all modules clean checkpatch sparse

all: modules

modules:
	$(MAKE) -C $(KERNEL_DIR) M=$(CURDIR) modules

clean:
	$(MAKE) -C $(KERNEL_DIR) M=$(CURDIR) clean

checkpatch:
	$(CHECKPATCH) --no-tree --strict --quiet -f $(CMACODEC_SOURCES)

sparse:
	$(MAKE) -C $(KERNEL_DIR) M=$(CURDIR) C=2 modules

# Test platform: check, demo, vm-shell, vm-check, kernels, rootfs.
include scripts/platform.mk
