#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# The Kbuild check for the kernel options cmacodec needs (CMA, DMA_CMA,
# MEDIA_CONTROLLER, V4L2_MEM2MEM_DEV, VIDEOBUF2_DMA_CONTIG).
#
# Kbuild's scripts/Makefile.build includes the target kernel's
# include/config/auto.conf and then the module's Kbuild; this test does the
# same with the project's real Kbuild and fake auto.conf files, and checks
# the verdict: exit status and the message naming each missing option.
# (scripts/dkms-check.sh does it for real against Debian's stock headers.)
B=${1:-build}
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)
mkdir -p "$B/kconfig"
B=$(cd "$B/kconfig" && pwd)
. "$here/shtap.sh"

# conf NAME OPTION=VALUE...: a fake auto.conf
conf() {
	_f=$B/$1.conf
	shift
	: >"$_f"
	for _o in "$@"; do echo "CONFIG_$_o" >>"$_f"; done
	echo "$_f"
}

# kbuild AUTO_CONF [VAR=VALUE...]: read auto.conf then Kbuild, as
# Makefile.build does; output in $B/out, returns make's status.
kbuild() {
	_c=$1
	shift
	printf '%s\n' "-include $_c" "src := $top" "include $top/Kbuild" \
		'all: ; @echo "obj-m = $(obj-m)"' >"$B/Makefile"
	make --no-print-directory -f "$B/Makefile" "$@" >"$B/out" 2>&1
}

# the message names exactly these options as missing
names() {
	_got=$(sed -n 's/.*the target kernel lacks \(.*\) (cmacodec needs.*/\1/p' "$B/out" | head -n1)
	[ "$_got" = "$*" ]
}

all="MODULES=y CMA=y DMA_CMA=y MEDIA_CONTROLLER=y V4L2_MEM2MEM_DEV=m VIDEOBUF2_DMA_CONTIG=m"

# A kernel with everything: no message, the module is built.
kbuild "$(conf full $all VIDEO_DEV=m)"
rc=$?
ok "$([ $rc = 0 ] && grep -q 'obj-m = cmacodec.o' "$B/out" &&
	! grep -q 'target kernel lacks' "$B/out"; echo $?)" \
	"complete kernel config: no complaint, cmacodec.o built"

# The built-in forms are accepted too.
kbuild "$(conf builtin MODULES=y CMA=y DMA_CMA=y MEDIA_CONTROLLER=y \
	V4L2_MEM2MEM_DEV=y VIDEOBUF2_DMA_CONTIG=y)"
ok $? "V4L2_MEM2MEM_DEV=y and VIDEOBUF2_DMA_CONTIG=y accepted"

# Each option missing alone stops the build, naming it.
for o in CMA DMA_CMA MEDIA_CONTROLLER V4L2_MEM2MEM_DEV VIDEOBUF2_DMA_CONTIG; do
	# shellcheck disable=SC2046 # word splitting wanted
	kbuild "$(conf "no-$o" $(echo "$all" | tr ' ' '\n' | grep -v "^$o="))"
	rc=$?
	ok "$([ $rc != 0 ] && names "CONFIG_$o"; echo $?)" \
		"CONFIG_$o missing: build stops naming CONFIG_$o (make exit $rc)"
done

# Debian bookworm's stock kernel: media controller and vb2-dma-contig, no
# CMA and no v4l2-mem2mem.  An option present as "n" counts as missing.
stock=$(conf stock MODULES=y MEDIA_CONTROLLER=y VIDEOBUF2_DMA_CONTIG=m \
	VIDEO_DEV=m DMA_CMA=n)
kbuild "$stock"
rc=$?
ok "$([ $rc != 0 ] && names CONFIG_CMA CONFIG_DMA_CMA CONFIG_V4L2_MEM2MEM_DEV &&
	grep -q 'CMACODEC_SKIP_CONFIG_CHECK=1 to compile anyway' "$B/out"; echo $?)" \
	"stock-like kernel: build stops naming CONFIG_CMA CONFIG_DMA_CMA CONFIG_V4L2_MEM2MEM_DEV (make exit $rc)"

# The override for compile-only builds: a warning, not an error.
kbuild "$stock" CMACODEC_SKIP_CONFIG_CHECK=1
rc=$?
ok "$([ $rc = 0 ] && names CONFIG_CMA CONFIG_DMA_CMA CONFIG_V4L2_MEM2MEM_DEV &&
	grep -q 'will not load on this kernel' "$B/out" &&
	grep -q 'obj-m = cmacodec.o' "$B/out"; echo $?)" \
	"CMACODEC_SKIP_CONFIG_CHECK=1: same message as a warning, build goes on"

# ... also from the environment (how DKMS passes it through).
CMACODEC_SKIP_CONFIG_CHECK=1 kbuild "$stock"
ok $? "CMACODEC_SKIP_CONFIG_CHECK=1 in the environment is honoured"

# Any other value does not skip.
kbuild "$stock" CMACODEC_SKIP_CONFIG_CHECK=0
rc=$?
ok "$([ $rc != 0 ]; echo $?)" "CMACODEC_SKIP_CONFIG_CHECK=0 does not skip the check"

# `make clean` reads Kbuild without auto.conf: no check there.
kbuild "$B/does-not-exist.conf"
ok $? "no auto.conf read (make clean): no check"

tap_end kconfig
