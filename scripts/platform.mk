# Test platform targets, included by the top-level Makefile.
# See docs/testing.md.

KVER ?= 6.12
PLATFORM := $(CURDIR)/scripts

.PHONY: check demo vm-shell vm-check kernels rootfs vm-modules host-test bench

# The test command (README, .ci/run): builds or reuses kernels and rootfs,
# runs host tests and the guest suites, ends with "N passed, N failed".
check:
	$(PLATFORM)/check.sh

# The main job on the test VM: load cmacodec, push a clip through it.
demo:
	$(PLATFORM)/demo.sh

# A shell in the guest (kernel KVER) with the modules installed.
vm-shell: vm-modules
	$(PLATFORM)/vm-run.sh -k $(KVER) -m shell

# The guest suite on one kernel: make vm-check KVER=6.1 TESTS='10-*'
TESTS ?= *
vm-check: vm-modules
	$(PLATFORM)/vm-run.sh -k $(KVER) -t '$(TESTS)' -r $(CURDIR)/build/results/vm-$(KVER)
	$(PLATFORM)/tap-collect.sh $(KVER) $(CURDIR)/build/results/vm-$(KVER)/tap/*.tap
	$(PLATFORM)/scan-splats.sh $(CURDIR)/build/results/vm-$(KVER)

# Benchmarks, cmacodec vs vicodec (not part of check): docs/performance.md
# and its plot from one run; raw results in build/bench/.  See bench/.
bench: vm-modules
	$(PLATFORM)/bench.sh -k $(KVER)

kernels:
	for v in 6.12 6.1 7.3; do $(PLATFORM)/build-kernel.sh $$v || exit 1; done

rootfs:
	$(PLATFORM)/build-rootfs.sh

vm-modules:
	$(PLATFORM)/install-deps.sh
	$(PLATFORM)/build-kernel.sh $(KVER)
	$(PLATFORM)/build-rootfs.sh
	$(PLATFORM)/build-modules.sh $(KVER)

host-test:
	$(MAKE) -C tests/host check
