#!/usr/bin/env bash
# Boot the arm64 test kernel in a QEMU virt guest (TCG) whose DTB declares
# two reusable CMA pools and the cmacodec node on the second
# (tests/arm64/virt-dt.sh), and run the initramfs's /init test
# (tests/arm64/dt-init.c): DT memory-region placement and the coherency
# modes on a non-coherent device.
#
#   vm-run-arm64.sh [-k VER] [-r RESULTS_DIR] [-T TIMEOUT_S]
#
# Needs scripts/build-kernel-arm64.sh VER and scripts/build-modules-arm64.sh
# VER.  RESULTS_DIR (default build/results/arm64-VER) gets console.log (the
# serial console), guest.dtb, tap/arm64-dt.tap (+ .rc), dmesg.txt (the
# guest's kernel log, for scripts/scan-splats.sh), vm-seconds.
# Exit: 0 the guest finished its run (tests may still have failed: read the
# TAP), 2 hard timeout, 3 the guest died without finishing.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

ver=6.12 results='' timeout=300
while getopts k:r:T: opt; do
	case $opt in
	k) ver=$OPTARG ;;
	r) results=$OPTARG ;;
	T) timeout=$OPTARG ;;
	*) sed -n '2,16p' "$0" >&2; exit 64 ;;
	esac
done

kdir=$CACHE/kernels/arm64-$ver
[ -f "$kdir/done" ] || die "arm64 kernel $ver not built: run scripts/build-kernel-arm64.sh $ver"
bdir=$CMACODEC_TOP/build/arm64/$ver
[ -f "$bdir/initramfs.cpio" ] || die "arm64 initramfs for $ver missing: run scripts/build-modules-arm64.sh $ver"
command -v qemu-system-aarch64 >/dev/null || die "qemu-system-aarch64 missing: run scripts/install-deps.sh"
results=${results:-$CMACODEC_TOP/build/results/arm64-$ver}
rm -rf "$results"
mkdir -p "$results/tap"

# The DTB is QEMU's own for exactly these machine options, edited.
machine=(-machine virt -cpu cortex-a57 -smp 1 -m 512)
"$CMACODEC_TOP/tests/arm64/virt-dt.sh" "$results/guest.dtb" "${machine[@]}"

append="console=ttyAMA0 panic=-1 loglevel=5 rdinit=/init cma=32M"
qemu=(qemu-system-aarch64 "${machine[@]}" -accel tcg -nodefaults -no-user-config
	-no-reboot -display none -monitor none -serial "file:$results/console.log"
	-kernel "$kdir/Image" -initrd "$bdir/initramfs.cpio" -dtb "$results/guest.dtb"
	-append "$append")

log "booting arm64 $ver ($(cat "$kdir/release")) on virt with the CMA-pool DTB"
start=$(date +%s)
set +e
timeout -k 10 "$timeout" "${qemu[@]}" </dev/null
rc=$?
set -e
secs=$(($(date +%s) - start))
echo "$secs" >"$results/vm-seconds"

# the guest prefixes its TAP and its kernel log dump (see dt-init.c)
tr -d '\r' <"$results/console.log" >"$results/console.txt"
sed -n 's/^.*cmtap: //p' "$results/console.txt" >"$results/tap/arm64-dt.tap"
sed -n 's/^cmlog: //p' "$results/console.txt" >"$results/dmesg.txt"
finished=0
grep -q '^cmacodec-dt-init: finished' "$results/console.txt" && finished=1
echo "$((1 - finished)) $secs" >"$results/tap/arm64-dt.rc"

if [ $rc = 124 ] || [ $rc = 137 ]; then
	log "arm64 VM hit the ${timeout}s timeout"
	exit 2
fi
if [ $finished = 0 ]; then
	log "arm64 VM ended without finishing its run (qemu exit $rc); console tail:"
	tail -n 30 "$results/console.txt" >&2
	exit 3
fi
touch "$results/finished"
log "arm64 VM finished in ${secs}s"
