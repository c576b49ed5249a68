#!/usr/bin/env bash
# Build (or reuse) the guest root filesystem: Debian trixie minbase with
# current v4l-utils and GStreamer.  Prints its directory on stdout.
#
# Two steps, because debootstrap --include of the GStreamer plugins leaves
# dconf-service unconfigured and /bin/sh missing: a plain minbase first, then
# the extras with apt-get inside a chroot, without recommends.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

suite=trixie
packages=(kmod v4l-utils gstreamer1.0-tools gstreamer1.0-plugins-base
	gstreamer1.0-plugins-good util-linux procps psmisc)
stub=$CMACODEC_TOP/scripts/guest-init-stub.sh

# Bump when the way the rootfs is made changes (not for edits elsewhere here).
recipe=3
hash=$(echo "$recipe $suite ${packages[*]}" | sha256sum | cut -c1-12)
out=$CACHE/rootfs/$suite-$hash

# The init stub is not part of the key: it is refreshed in place, so editing
# it never costs a debootstrap.
sync_stub() {
	cmp -s "$stub" "$1/sbin/cmacodec-init" || install -m 0755 "$stub" "$1/sbin/cmacodec-init"
}

if [ -f "$out/.done" ]; then
	sync_stub "$out"
	ln -sfn "$suite-$hash" "$CACHE/rootfs/current"
	echo "$out"
	exit 0
fi

command -v debootstrap >/dev/null || die "debootstrap missing: run scripts/install-deps.sh"
tmp=$out.tmp
rm -rf "$tmp"
mkdir -p "$tmp"
log "debootstrap $suite minbase into $tmp"
debootstrap --variant=minbase "$suite" "$tmp" "$DEBIAN_MIRROR" >"$CACHE/rootfs/debootstrap.log" 2>&1 ||
	{ tail -n 20 "$CACHE/rootfs/debootstrap.log" >&2; die "debootstrap failed"; }

log "installing ${packages[*]}"
printf 'deb %s %s main\n' "$DEBIAN_MIRROR" "$suite" >"$tmp/etc/apt/sources.list"
cp /etc/resolv.conf "$tmp/etc/resolv.conf"
mount -t proc proc "$tmp/proc"
trap 'umount "$tmp/proc" 2>/dev/null || true' EXIT
chroot "$tmp" /usr/bin/env DEBIAN_FRONTEND=noninteractive PATH=/usr/sbin:/usr/bin:/sbin:/bin \
	sh -c "apt-get update -qq && apt-get install -y -qq --no-install-recommends ${packages[*]} && apt-get clean" \
	>"$CACHE/rootfs/apt.log" 2>&1 || { tail -n 20 "$CACHE/rootfs/apt.log" >&2; die "chroot apt-get failed"; }
# GStreamer's plugin registry, built here once: building it in the guest
# scans every plugin under KASAN + TCG and takes minutes.  In the guest only
# the v4l2 plugin is rescanned, because its device dependencies changed.
chroot "$tmp" /usr/bin/env HOME=/root gst-inspect-1.0 >/dev/null 2>&1 ||
	die "building the GStreamer registry failed"
[ -s "$tmp"/root/.cache/gstreamer-1.0/registry.x86_64.bin ] || die "no GStreamer registry"
umount "$tmp/proc"
trap - EXIT

# Sanity: what the guest needs must be there and configured.
for f in /bin/sh /usr/bin/v4l2-compliance /usr/bin/v4l2-ctl /usr/bin/gst-launch-1.0 /sbin/modprobe; do
	[ -e "$tmp$f" ] || die "rootfs lacks $f"
done
if chroot "$tmp" dpkg --audit | grep -q .; then
	chroot "$tmp" dpkg --audit >&2
	die "rootfs has unconfigured packages"
fi

sync_stub "$tmp"
mkdir -p "$tmp/host" "$tmp/results" "$tmp/kmod" "$tmp/usr/lib/modules"
echo cmacodec-vm >"$tmp/etc/hostname"
rm -f "$tmp/etc/resolv.conf"
touch "$tmp/.done"
mv "$tmp" "$out"
ln -sfn "$suite-$hash" "$CACHE/rootfs/current"
# Older root filesystems are dead weight once a new one is ready.
find "$CACHE/rootfs" -mindepth 1 -maxdepth 1 -type d -name "$suite-*" ! -name "$suite-$hash" \
	-exec rm -rf {} +
log "rootfs ready: $out"
echo "$out"
