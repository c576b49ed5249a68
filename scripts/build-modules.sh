#!/usr/bin/env bash
# Build the project's kernel modules for one test kernel (or any KERNEL_DIR).
#
#   build-modules.sh VER            modules for the cached test kernel VER
#
# Sources are copied into build/kbuild/VER so that several kernels can be
# built from one checkout.  The guest's complete module tree (the kernel's
# modules plus ours in extra/, depmod run here on the host, which is far
# cheaper than in a TCG guest) is assembled in build/modroot/VER/.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

ver=${1:?usage: build-modules.sh VER}
kdir=$CACHE/kernels/$ver
[ -f "$kdir/done" ] || die "kernel $ver not built"
rel=$(cat "$kdir/release")
modroot=$CMACODEC_TOP/build/modroot/$ver
out=$modroot/lib/modules/$rel/extra
work=$CMACODEC_TOP/build/kbuild/$ver
rm -rf "$modroot"
mkdir -p "$modroot" "$work/driver" "$work/harness"
cp -a "$kdir/modroot/." "$modroot/"
rm -f "$modroot/lib/modules/$rel/build" "$modroot/lib/modules/$rel/source"
mkdir -p "$out"

kbuild() { # DIR
	make -C "$kdir/build" M="$1" W=1 modules >"$1/build.log" 2>&1 ||
		{ cat "$1/build.log" >&2; die "module build in $1 failed for $ver"; }
	if grep -E 'warning:|error:' "$1/build.log" >&2; then
		die "module build in $1 has warnings for $ver"
	fi
}

# Host-built helper programs the guest tests call (on the guest's PATH).
make -s -C "$CMACODEC_TOP/tests/tools" OUT="$CMACODEC_TOP/build/guest-bin" ||
	die "building guest helper programs failed"
make -s -C "$CMACODEC_TOP/userspace" OUT="$CMACODEC_TOP/build/guest-bin" ||
	die "building the cmacodec tool failed"

rsync -a --delete "$CMACODEC_TOP/tests/harness/" "$work/harness/"
kbuild "$work/harness"
cp "$work/harness/cmacodec_splat.ko" "$out/"

if [ -f "$CMACODEC_TOP/Kbuild" ]; then
	rsync -a --delete --exclude='*.o' --exclude='*.ko' --exclude='.*.cmd' \
		"$CMACODEC_TOP/Kbuild" "$CMACODEC_TOP/Makefile" "$CMACODEC_TOP/drivers" \
		"$CMACODEC_TOP/uapi" "$work/driver/"
	kbuild "$work/driver"
	find "$work/driver" -name '*.ko' -exec cp {} "$out/" \;
fi
depmod -b "$modroot" "$rel" || die "depmod for $rel failed"
log "modules for $ver ($rel): $(cd "$out" && echo *.ko)"
