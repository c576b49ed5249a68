#!/usr/bin/env bash
# Boot a cmacodec test kernel under QEMU and run guest tests (or a shell).
#
#   vm-run.sh -k VER [-m check|shell] [-t 'GLOB,GLOB'] [-r RESULTS_DIR]
#             [-T TIMEOUT_S] [-M MEM_MB] [-c CMA] [-a 'EXTRA CMDLINE']
#
# The kernel (scripts/build-kernel.sh VER) and rootfs (scripts/build-rootfs.sh)
# must exist.  Shares: the rootfs read-only as /, this checkout read-only as
# /host, RESULTS_DIR writable as /results, the kernel modules as /kmod.
# Exit: 0 the guest finished its run (tests may still have failed: read
# RESULTS_DIR), 2 hard timeout, 3 the guest died without finishing (panic,
# oops in init, ...).  The serial console is in RESULTS_DIR/console.log.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

ver=6.12 mode=check tests='*' results= timeout=1500 mem=2048 cma=256M extra=
test_timeout=600
while getopts k:m:t:r:T:M:c:a:p: opt; do
	case $opt in
	k) ver=$OPTARG ;;
	m) mode=$OPTARG ;;
	t) tests=$OPTARG ;;
	r) results=$OPTARG ;;
	T) timeout=$OPTARG ;;
	M) mem=$OPTARG ;;
	c) cma=$OPTARG ;;
	a) extra=$OPTARG ;;
	p) test_timeout=$OPTARG ;;
	*) sed -n '2,13p' "$0" >&2; exit 64 ;;
	esac
done

kdir=$CACHE/kernels/$ver
[ -f "$kdir/done" ] || die "kernel $ver not built: run scripts/build-kernel.sh $ver"
modroot=$CMACODEC_TOP/build/modroot/$ver
[ -d "$modroot/lib/modules" ] || die "module tree for $ver missing: run scripts/build-modules.sh $ver"
rootfs=$CACHE/rootfs/current
[ -f "$rootfs/.done" ] || die "guest rootfs missing: run scripts/build-rootfs.sh"
results=${results:-$CMACODEC_TOP/build/results/$ver-$mode}
rm -rf "$results"
mkdir -p "$results"

# KVM hangs on some hosts although /dev/kvm exists: probe it once per host
# boot with a kernel that panics at once, and fall back to TCG.
accel_for_host() {
	local cache_file=$CACHE/accel.$(cat /proc/sys/kernel/random/boot_id)
	if [ -n "${CMACODEC_ACCEL:-}" ]; then
		echo "$CMACODEC_ACCEL"
		return
	fi
	if [ ! -f "$cache_file" ]; then
		local accel=tcg
		if [ -w /dev/kvm ] && timeout -k 5 30 qemu-system-x86_64 -accel kvm \
			-nodefaults -no-user-config -display none -m 256 -no-reboot \
			-kernel "$kdir/bzImage" -append "panic=-1 console=ttyS0" \
			-serial none >/dev/null 2>&1; then
			accel=kvm
		fi
		echo "$accel" >"$cache_file"
	fi
	cat "$cache_file"
}
accel=$(accel_for_host)
# la57=off: with 5-level paging, an interrupt taken early in start_kernel
# (identify_cpu) made KASAN report a wild access in handle_edge_irq on
# 6.12 and 7.3 (the direct map moves to 0xff11...); no real x86 test rig
# of ours has LA57, so the guest CPU does not either.
cpu=max,la57=off
[ "$accel" = kvm ] && cpu=host

# root=rootfs, the 9p share's tag: kernels without CONFIG_BLOCK mount a
# non-block root only by that name (6.1 strips a leading /dev/ from it and
# would look for a share named "root")
append="console=ttyS0 root=rootfs rootfstype=9p"
# cache=loose: the rootfs never changes under a running guest, and without
# a page cache every exec pages its binary and libraries in over 9p.
append+=" rootflags=trans=virtio,version=9p2000.L,msize=524288,cache=loose ro"
# pci=noacpi: route PCI interrupts by the BIOS's $PIR table.  pc's ACPI
# _PRT method loops over every slot, and under TCG + KASAN each virtio
# device hit ACPI's 30 s AML loop timeout: 2 minutes of every boot.
append+=" init=/sbin/cmacodec-init panic=-1 cma=$cma loglevel=5 pci=noacpi"
append+=" cmvm.mode=$mode cmvm.tests=$tests cmvm.timeout=$test_timeout $extra"
# the reliability tests' long mode (docs/testing.md); make check never sets it
[ -n "${CMACODEC_LONG:-}" ] && append+=" cmvm.long=$CMACODEC_LONG"

share() { # share ID PATH TAG [ro]
	local id=$1 o
	shift
	o="local,id=$id,path=$1,security_model=none,multidevs=remap"
	[ "${3:-}" = ro ] && o+=",readonly=on"
	printf '%s\n' -fsdev "$o" -device "virtio-9p-pci,fsdev=$id,mount_tag=$2"
}
mapfile -t shares < <(share fs0 "$rootfs" rootfs ro; share fs1 "$CMACODEC_TOP" host ro
	share fs2 "$results" results; share fs3 "$modroot" kmod ro)

machine=${CMACODEC_MACHINE:-pc}
qemu=(qemu-system-x86_64 -machine "$machine" -accel "$accel" -cpu "$cpu" -smp 2 -m "$mem"
	-nodefaults -no-user-config -no-reboot -vga none
	-kernel "$kdir/bzImage" -append "$append" "${shares[@]}")

log "booting $ver ($(cat "$kdir/release")) under $accel, mode $mode, tests '$tests'"
start=$(date +%s)
if [ "$mode" = shell ]; then
	"${qemu[@]}" -nographic -serial mon:stdio
	exit 0
fi
# boot ATTEMPT: one run of the guest; sets rc
boot() {
	# Stamp console lines with host seconds since start (the guest's clock
	# is only roughly right under TCG): console.timed shows where time goes.
	: >"$results/console.log"
	tail -n +1 -F "$results/console.log" 2>/dev/null | while IFS= read -r line; do
		printf -v now '%(%s)T' -1
		printf '%4d %s\n' $((now - start)) "$line"
	done >"$results/console.timed" &
	stamper=$!
	set +e
	timeout -k 10 "$timeout" "${qemu[@]}" -display none -monitor none \
		-serial "file:$results/console.log" </dev/null
	rc=$?
	set -e
	sleep 1
	kill $stamper 2>/dev/null
	pkill -f "tail -n +1 -F $results/console.log" 2>/dev/null || true
}
boot
# A guest kernel that dies before our init even starts (seen once: an int3
# oops in timekeeping while 7.3 patched a static key under TCG on a machine
# running five guests) has run none of the project's code: boot once more,
# keep the first console and say so.  A second such boot fails the run.
if [ $rc != 124 ] && [ ! -f "$results/finished" ] &&
	! grep -q "cmacodec-init: started" "$results/console.log"; then
	mv "$results/console.log" "$results/boot-failed-before-init.txt"
	log "VM $ver died before init started (qemu exit $rc), booting again; first console kept as boot-failed-before-init.txt:"
	grep -m 5 -E "Oops|panic|BUG" "$results/boot-failed-before-init.txt" >&2 || true
	boot
fi
echo "$(($(date +%s) - start))" >"$results/vm-seconds"
if [ $rc = 124 ]; then
	log "VM $ver hit the ${timeout}s timeout"
	exit 2
fi
if [ ! -f "$results/finished" ]; then
	log "VM $ver ended without finishing its run (qemu exit $rc); console tail:"
	tail -n 30 "$results/console.log" >&2
	exit 3
fi
log "VM $ver finished in $(($(date +%s) - start))s"
