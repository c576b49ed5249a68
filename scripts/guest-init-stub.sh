#!/bin/sh
# PID 1 of the test VM, installed into the guest rootfs as /sbin/cmacodec-init.
#
# The rootfs is a read-only 9p share.  This stub puts a tmpfs overlay on top
# (so tests may write anywhere), pivots into it and hands over to the
# project's tests/guest/init.sh on the "host" share.  It stays tiny so that
# test changes never touch the rootfs.
export PATH=/usr/sbin:/usr/bin:/sbin:/bin
[ "$1" = stage2 ] || echo "cmacodec-init: started" >/dev/console
if [ "$1" != stage2 ]; then
	mount -t proc proc /proc
	mount -t tmpfs -o mode=0755 tmpfs /mnt
	mkdir -p /mnt/upper /mnt/work /mnt/root
	if mount -t overlay overlay \
		-o lowerdir=/,upperdir=/mnt/upper,workdir=/mnt/work /mnt/root; then
		mkdir -p /mnt/root/oldroot
		umount /proc
		cd /mnt/root && pivot_root . oldroot &&
			exec chroot . /sbin/cmacodec-init stage2
	fi
	echo "cmacodec-init: overlay root failed, staying on the read-only root"
	umount /proc 2>/dev/null
fi
mount -t proc proc /proc
mount -t sysfs sys /sys
mount -t devtmpfs dev /dev 2>/dev/null
for d in /tmp /run; do mount -t tmpfs tmpfs "$d"; done
opts=trans=virtio,version=9p2000.L,msize=524288
mkdir -p /host /results /kmod
# Read-only shares are cached (nothing changes them during a run); results
# are not, so what the guest writes is on the host at once.
mount -t 9p -o ro,cache=loose,$opts host /host || echo "cmacodec-init: cannot mount host share"
mount -t 9p -o $opts results /results || echo "cmacodec-init: cannot mount results share"
mount -t 9p -o ro,cache=loose,$opts kmod /kmod || echo "cmacodec-init: cannot mount kmod share"
if [ -f /host/tests/guest/init.sh ]; then
	exec /bin/sh /host/tests/guest/init.sh
fi
echo "cmacodec-init: /host/tests/guest/init.sh missing"
echo o >/proc/sysrq-trigger
