# SPDX-License-Identifier: GPL-2.0-only
#
# cmacodec: build entry points.
#
#   make [KERNEL_DIR=...]        build cmacodec.ko against KERNEL_DIR
#   make clean
#   make checkpatch              checkpatch --strict on the driver sources
#   make sparse                  rebuild everything with sparse (C=2)
#   make install                 module (modules_install), uapi header, the
#                                cmacodec tool and its man page, udev rule,
#                                example modprobe.d file; DESTDIR and PREFIX
#                                are honoured (see README, Installing)
#   make uninstall
#   make dkms-src                the DKMS source tree in /usr/src/cmacodec-VER
#   make dkms-install            dkms-src, then dkms add, build and install
#   make dkms-uninstall
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

.PHONY: all modules clean checkpatch sparse install uninstall \
	install-modules install-headers install-tool install-config \
	dkms-src dkms-install dkms-uninstall

all: modules

modules:
	$(MAKE) -C $(KERNEL_DIR) M=$(CURDIR) modules

clean:
	$(MAKE) -C $(KERNEL_DIR) M=$(CURDIR) clean

checkpatch:
	$(CHECKPATCH) --no-tree --strict --quiet -f $(CMACODEC_SOURCES)

sparse:
	$(MAKE) -C $(KERNEL_DIR) M=$(CURDIR) C=2 modules

# Installation.  kbuild's modules_install puts the module into
# /lib/modules/<release>/$(INSTALL_MOD_DIR) (updates/, which depmod searches
# first and recent kbuild uses by default; 6.1's default is extra/) and runs
# depmod when the kernel tree has a System.map.  <release> is the one the
# kernel tree was built as, from its utsrelease.h (Debian's stock 6.1
# headers carry a wrong include/config/kernel.release).  User-space files
# go under PREFIX, configuration under SYSCONFDIR.
PREFIX ?= /usr/local
INCLUDEDIR ?= $(PREFIX)/include
SYSCONFDIR ?= /etc
UDEVRULESDIR ?= $(SYSCONFDIR)/udev/rules.d
MODPROBEDIR ?= $(SYSCONFDIR)/modprobe.d
INSTALL_MOD_DIR ?= updates
INSTALL_MOD_PATH ?= $(DESTDIR)
KERNEL_RELEASE = $(shell sed -n 's/.*UTS_RELEASE "\(.*\)"/\1/p' \
			$(KERNEL_DIR)/include/generated/utsrelease.h)

install: install-modules install-headers install-tool install-config

install-modules: modules
	$(MAKE) -C $(KERNEL_DIR) M=$(CURDIR) KERNELRELEASE=$(KERNEL_RELEASE) \
		INSTALL_MOD_PATH=$(INSTALL_MOD_PATH) \
		INSTALL_MOD_DIR=$(INSTALL_MOD_DIR) modules_install

install-headers:
	install -D -m 0644 uapi/linux/cmacodec.h \
		$(DESTDIR)$(INCLUDEDIR)/linux/cmacodec.h

install-tool:
	$(MAKE) -C userspace install DESTDIR=$(DESTDIR) PREFIX=$(PREFIX)

# The modprobe.d file is an example (all commented out): an existing one,
# maybe edited, is kept.
install-config:
	install -D -m 0644 udev/60-cmacodec.rules \
		$(DESTDIR)$(UDEVRULESDIR)/60-cmacodec.rules
	[ -e $(DESTDIR)$(MODPROBEDIR)/cmacodec.conf ] || \
		install -D -m 0644 modprobe.d/cmacodec.conf \
			$(DESTDIR)$(MODPROBEDIR)/cmacodec.conf

uninstall:
	rm -f $(INSTALL_MOD_PATH)/lib/modules/$(KERNEL_RELEASE)/$(INSTALL_MOD_DIR)/cmacodec.ko*
	rm -f $(DESTDIR)$(INCLUDEDIR)/linux/cmacodec.h
	rm -f $(DESTDIR)$(UDEVRULESDIR)/60-cmacodec.rules
	$(MAKE) -C userspace uninstall DESTDIR=$(DESTDIR) PREFIX=$(PREFIX)
	@echo "kept $(DESTDIR)$(MODPROBEDIR)/cmacodec.conf (remove it by hand if unchanged)"

# DKMS: the module's sources (nothing else: no build products, which an
# in-tree `make` leaves, among them *.mod.c) and dkms.conf, which carries
# the version.
DKMS_NAME := cmacodec
DKMS_VERSION := $(shell sed -n 's/^PACKAGE_VERSION="\(.*\)"/\1/p' dkms.conf)
DKMS_SRCDIR ?= /usr/src/$(DKMS_NAME)-$(DKMS_VERSION)
DKMS_FILES = dkms.conf Kbuild $(sort $(shell find drivers uapi -type f \
		-name '*.[ch]' ! -name '*.mod.c'))

dkms-src:
	rm -rf $(DESTDIR)$(DKMS_SRCDIR)
	for f in $(DKMS_FILES); do \
		install -D -m 0644 $$f $(DESTDIR)$(DKMS_SRCDIR)/$$f || exit 1; \
	done

dkms-install: dkms-src
	dkms add -m $(DKMS_NAME) -v $(DKMS_VERSION)
	dkms build -m $(DKMS_NAME) -v $(DKMS_VERSION)
	dkms install -m $(DKMS_NAME) -v $(DKMS_VERSION)

dkms-uninstall:
	-dkms remove -m $(DKMS_NAME) -v $(DKMS_VERSION) --all
	rm -rf $(DKMS_SRCDIR)

# Test platform: check, demo, vm-shell, vm-check, bench, kernels, rootfs.
include scripts/platform.mk
