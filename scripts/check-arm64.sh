#!/usr/bin/env bash
# The arm64 DT step of `make check` (scripts/check.sh), runnable alone:
# builds (or reuses) the arm64 test kernel, cross-builds cmacodec.ko and the
# initramfs, boots the virt guest with the CMA-pool DTB, scans its kernel log.
#
#   check-arm64.sh RESULTS_DIR [VERSION]      TAP on stdout
#
# The guest's own TAP is RESULTS_DIR/vm-arm64/tap/arm64-dt.tap: the caller
# collects it (scripts/tap-collect.sh arm64 ...), as check.sh does.
set -uo pipefail
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/tap.sh"
S=$CMACODEC_TOP/scripts

res=${1:?usage: check-arm64.sh RESULTS_DIR [VERSION]}
ver=${2:-6.12}
mkdir -p "$res"

"$S/build-kernel-arm64.sh" "$ver" >"$res/kernel-arm64.log" 2>&1
krc=$?
tap_ok $krc "arm64 test kernel $ver built ($(cat "$CACHE/kernels/arm64-$ver/build-seconds" 2>/dev/null || echo '?')s when built)" "$res/kernel-arm64.log"
mrc=1
if [ $krc = 0 ]; then
	"$S/build-modules-arm64.sh" "$ver" >"$res/modules-arm64.log" 2>&1
	mrc=$?
fi
tap_ok $mrc "cmacodec.ko cross-built for arm64 $ver (W=1, no warnings), static /init and initramfs" "$res/modules-arm64.log"
if [ $mrc = 0 ]; then
	"$S/vm-run-arm64.sh" -k "$ver" -r "$res/vm-arm64" -T "${CMACODEC_ARM64_TIMEOUT:-300}" \
		>"$res/vm-arm64.log" 2>&1
	tap_ok $? "arm64 virt guest booted with the CMA-pool DTB, ran its test and powered off ($(cat "$res/vm-arm64/vm-seconds" 2>/dev/null || echo '?')s)" "$res/vm-arm64.log"
	"$S/scan-splats.sh" "$res/vm-arm64" >"$res/vm-arm64-splats.txt" 2>&1
	tap_ok $? "arm64: no kernel splats (BUG/WARNING/Oops/...)" "$res/vm-arm64-splats.txt"
else
	tap_ok 1 "arm64 virt guest (not run: no module or initramfs)"
fi
tap_end
