#!/usr/bin/env bash
# Cross-build what the arm64 DT guest runs: cmacodec.ko against the cached
# arm64 test kernel (scripts/build-kernel-arm64.sh; W=1, no warnings
# allowed), the static /init test program (tests/arm64/dt-init.c) and the
# initramfs holding both.
#
#   build-modules-arm64.sh [VERSION]      default 6.12
#
# Output in build/arm64/VERSION/: cmacodec.ko, init, initramfs.cpio.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

ver=${1:-6.12}
cross=aarch64-linux-gnu-
kdir=$CACHE/kernels/arm64-$ver
[ -f "$kdir/done" ] || die "arm64 kernel $ver not built: run scripts/build-kernel-arm64.sh $ver"
command -v "${cross}gcc" >/dev/null || die "${cross}gcc missing: run scripts/install-deps.sh"
out=$CMACODEC_TOP/build/arm64/$ver
work=$out/kbuild
mkdir -p "$work"

rsync -a --delete --exclude='*.o' --exclude='*.ko' --exclude='.*.cmd' \
	"$CMACODEC_TOP/Kbuild" "$CMACODEC_TOP/Makefile" "$CMACODEC_TOP/drivers" \
	"$CMACODEC_TOP/uapi" "$work/"
nice -n 19 make -C "$kdir/build" M="$work" ARCH=arm64 CROSS_COMPILE="$cross" \
	W=1 -j2 modules >"$work/build.log" 2>&1 ||
	{ cat "$work/build.log" >&2; die "cmacodec.ko cross-build for arm64 $ver failed"; }
if grep -E 'warning:|error:' "$work/build.log" >&2; then
	die "cmacodec.ko cross-build for arm64 $ver has warnings"
fi
cp "$work/cmacodec.ko" "$out/cmacodec.ko"
"${cross}strip" --strip-debug "$out/cmacodec.ko"

"${cross}gcc" -static -O2 -Wall -Wextra -Werror -I"$CMACODEC_TOP/uapi" \
	-o "$out/init" "$CMACODEC_TOP/tests/arm64/dt-init.c" ||
	die "cross-building tests/arm64/dt-init.c failed"

# gen_init_cpio: no root needed for /dev/console, the kernel's own tool
gen=$kdir/build/usr/gen_init_cpio
[ -x "$gen" ] || die "$gen missing (the arm64 kernel build makes it)"
cat >"$out/initramfs.list" <<LIST
dir /dev 0755 0 0
nod /dev/console 0600 0 0 c 5 1
dir /proc 0755 0 0
dir /sys 0755 0 0
file /init $out/init 0755 0 0
file /cmacodec.ko $out/cmacodec.ko 0644 0 0
LIST
"$gen" "$out/initramfs.list" >"$out/initramfs.cpio" ||
	die "gen_init_cpio failed"
log "arm64 $ver: cmacodec.ko ($(cat "$kdir/release")), init and initramfs in $out"
