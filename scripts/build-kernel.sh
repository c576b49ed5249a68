#!/usr/bin/env bash
# Build (or reuse) a cmacodec test kernel.
#
#   build-kernel.sh VERSION      e.g. 6.12, 6.1, 7.3
#   build-kernel.sh --source VERSION   only fetch + extract; print the source dir
#
# Prints the kernel's cache directory on stdout.  It holds:
#   bzImage   the kernel
#   build/    the configured and built tree (KERNEL_DIR for module builds)
#   modroot/  modules_install output (lib/modules/<release>/...)
#   release   the kernel release string
# The directory is keyed by the source package version and a hash of the
# config fragments, so a changed fragment or a new package rebuilds it.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

source_only=
if [ "${1:-}" = --source ]; then
	source_only=1
	shift
fi
ver=${1:?usage: build-kernel.sh [--source] VERSION}
cfgdir=$CMACODEC_TOP/kernel/config
fragments=("$cfgdir/guest.config" "$cfgdir/base.config" "$cfgdir/trim.config" "$cfgdir/debug.config")

# make check builds kernels in the background while other steps fetch
# sources: one fetch + extract at a time (the lock is released at exit).
mkdir -p "$CACHE"
exec 8>"$CACHE/.source.lock"
flock 8
debdir=$CACHE/debs
deb=$(ls "$debdir"/linux-source-"$ver"_*.deb 2>/dev/null | sort -V | tail -n1 || true)
if [ -z "$deb" ]; then
	# shellcheck disable=SC2046
	"$CMACODEC_TOP/scripts/apt-private.sh" download "$debdir" \
		"$(kernel_suite "$ver" | tr ' ' ',')" "linux-source-$ver"
	deb=$(ls "$debdir"/linux-source-"$ver"_*.deb | sort -V | tail -n1)
fi
pkgver=$(dpkg-deb -f "$deb" Version)

# Bump when the way a kernel is built changes (not for other edits here).
recipe=2
hash=$( { echo "$recipe $pkgver"; cat "${fragments[@]}"; gcc --version | head -n1; } |
	sha256sum | cut -c1-12)
key=$ver-$hash
out=$CACHE/kernels/$key
if [ -z "$source_only" ] && [ -f "$out/done" ]; then
	ln -sfn "$key" "$CACHE/kernels/$ver"
	echo "$out"
	exit 0
fi

src=$CACHE/src/linux-source-$pkgver
if [ ! -f "$src/.extracted" ]; then
	log "extracting linux-source $pkgver"
	rm -rf "$src" "$src.tmp"
	mkdir -p "$src.tmp"
	dpkg-deb --fsys-tarfile "$deb" |
		tar -x -C "$src.tmp" --wildcards './usr/src/linux-source-*.tar.*'
	tarball=$(ls "$src.tmp"/usr/src/linux-source-*.tar.*)
	mkdir -p "$src"
	tar -xf "$tarball" -C "$src" --strip-components=1
	rm -rf "$src.tmp"
	touch "$src/.extracted"
fi
if [ -n "$source_only" ]; then
	echo "$src"
	exit 0
fi
flock -u 8

export CCACHE_DIR=$CACHE/ccache CCACHE_MAXSIZE=${CCACHE_MAXSIZE:-25G}
export KBUILD_BUILD_TIMESTAMP="2026-01-01" KBUILD_BUILD_USER=cmacodec KBUILD_BUILD_HOST=ci
build=$out/build
mkdir -p "$build"
jobs=$(($(nproc) + 1))
mk() { make -C "$src" O="$build" CC="ccache gcc" -j"$jobs" "$@"; }

log "configuring $ver ($pkgver) in $build"
# allnoconfig, not defconfig: only what the VM and the tests use is built
# (guest.config), which keeps a cold build of a KASAN + lockdep kernel short.
mk allnoconfig >/dev/null
mk kvm_guest.config >/dev/null
"$src/scripts/kconfig/merge_config.sh" -m -O "$build" "$build/.config" "${fragments[@]}" >/dev/null
mk olddefconfig >/dev/null

# Every option we asked for must have survived olddefconfig.
cat "$cfgdir/guest.config" "$cfgdir/base.config" "$cfgdir/debug.config" |
	kconfig_check "$build/.config" "$cfgdir/optional.list" "kernel $ver" || exit 1

log "building $ver with -j$jobs (log: $out/build.log)"
start=$(date +%s)
if ! mk bzImage modules >"$out/build.log" 2>&1; then
	tail -n 40 "$out/build.log" >&2
	die "kernel $ver build failed"
fi
rm -rf "$out/modroot"
mk INSTALL_MOD_PATH="$out/modroot" INSTALL_MOD_STRIP=1 modules_install >>"$out/build.log" 2>&1
cp "$build/arch/x86/boot/bzImage" "$out/bzImage"
mk -s kernelrelease >"$out/release"
echo "$(($(date +%s) - start))" >"$out/build-seconds"
touch "$out/done"
ln -sfn "$key" "$CACHE/kernels/$ver"
log "kernel $ver built in $(cat "$out/build-seconds")s"
echo "$out"
