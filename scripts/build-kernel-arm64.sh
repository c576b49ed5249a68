#!/usr/bin/env bash
# Build (or reuse) the arm64 test kernel for the QEMU virt DT guest
# (scripts/vm-run-arm64.sh), cross-compiled from the same linux-source as
# the x86 kernels.
#
#   build-kernel-arm64.sh [VERSION]      default 6.12
#
# Prints the kernel's cache directory on stdout.  It holds:
#   Image     the kernel
#   build/    the configured and built tree (KERNEL_DIR for module builds)
#   release   the kernel release string
# Keyed like build-kernel.sh: source package version, the fragment
# (kernel/config-arm64/virt.config), this recipe and the cross compiler.
# Builds with nice -n 19 and -j2 at most: the machine runs other guests.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

ver=${1:-6.12}
cross=aarch64-linux-gnu-
fragment=$CMACODEC_TOP/kernel/config-arm64/virt.config
command -v "${cross}gcc" >/dev/null ||
	die "${cross}gcc missing: run scripts/install-deps.sh"
[ -f "$fragment" ] || die "missing $fragment"

# fetch + extract the source exactly as for the x86 kernels
src=$("$CMACODEC_TOP/scripts/build-kernel.sh" --source "$ver")
[ -f "$src/Makefile" ] || die "no kernel source for $ver in '$src'"
pkgver=${src##*/linux-source-}

# Bump when the way the kernel is built changes (not for other edits here).
recipe=1
hash=$( { echo "arm64 $recipe $pkgver"; cat "$fragment"; "${cross}gcc" --version | head -n1; } |
	sha256sum | cut -c1-12)
key=arm64-$ver-$hash
out=$CACHE/kernels/$key
if [ -f "$out/done" ]; then
	ln -sfn "$key" "$CACHE/kernels/arm64-$ver"
	echo "$out"
	exit 0
fi

export CCACHE_DIR=$CACHE/ccache CCACHE_MAXSIZE=${CCACHE_MAXSIZE:-25G}
export KBUILD_BUILD_TIMESTAMP="2026-01-01" KBUILD_BUILD_USER=cmacodec KBUILD_BUILD_HOST=ci
build=$out/build
rm -rf "$out"
mkdir -p "$build"
jobs=$(nproc)
[ "$jobs" -gt 2 ] && jobs=2
mk() {
	nice -n 19 make -C "$src" O="$build" ARCH=arm64 CROSS_COMPILE="$cross" \
		CC="ccache ${cross}gcc" -j"$jobs" "$@"
}

log "configuring arm64 $ver ($pkgver) in $build"
mk allnoconfig >/dev/null
"$src/scripts/kconfig/merge_config.sh" -m -O "$build" "$build/.config" "$fragment" >/dev/null
mk olddefconfig >/dev/null

# Every option we asked for must have survived olddefconfig.
kconfig_check "$build/.config" /dev/null "arm64 kernel $ver" <"$fragment" || exit 1

log "building arm64 $ver with nice -n 19 -j$jobs (log: $out/build.log)"
start=$(date +%s)
# modules too: modpost writes Module.symvers, which M= builds need
if ! mk Image modules >"$out/build.log" 2>&1; then
	tail -n 40 "$out/build.log" >&2
	die "arm64 kernel $ver build failed"
fi
cp "$build/arch/arm64/boot/Image" "$out/Image"
mk -s kernelrelease >"$out/release"
echo "$(($(date +%s) - start))" >"$out/build-seconds"
touch "$out/done"
ln -sfn "$key" "$CACHE/kernels/arm64-$ver"
log "arm64 kernel $ver built in $(cat "$out/build-seconds")s"
echo "$out"
