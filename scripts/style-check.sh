#!/usr/bin/env bash
# Kernel style gates on the driver sources, against one cached test kernel:
#
#   style-check.sh [VER]     (default 6.12)
#
#  - checkpatch.pl --strict (the kernel tree's own) on every driver source,
#    header and the uapi header: no errors, warnings or checks;
#  - sparse (C=2) with W=1 on a copy of the sources: no diagnostics at all.
# The copy keeps the checkout free of build output.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

ver=${1:-6.12}
kdir=$CACHE/kernels/$ver
[ -f "$kdir/done" ] || die "kernel $ver not built"
command -v sparse >/dev/null || die "sparse is not installed (scripts/install-deps.sh)"

status=0
log "checkpatch --strict"
if ! make -s --no-print-directory -C "$CMACODEC_TOP" checkpatch KERNEL_DIR="$kdir/build"; then
	echo "checkpatch --strict found problems (above)"
	status=1
fi

work=$CMACODEC_TOP/build/sparse/$ver
rm -rf "$work"
mkdir -p "$work"
cp -a "$CMACODEC_TOP/Kbuild" "$CMACODEC_TOP/Makefile" "$CMACODEC_TOP/drivers" \
	"$CMACODEC_TOP/uapi" "$work/"
find "$work" \( -name '*.o' -o -name '*.ko' -o -name '.*.cmd' \) -delete
log "sparse C=2 W=1 against $(cat "$kdir/release")"
if ! make -C "$kdir/build" M="$work" C=2 W=1 modules >"$work/sparse.log" 2>&1; then
	cat "$work/sparse.log"
	echo "the sparse build failed"
	status=1
elif grep -E 'warning:|error:' "$work/sparse.log"; then
	echo "sparse reported the diagnostics above"
	status=1
fi
[ $status = 0 ] && log "checkpatch and sparse: clean"
exit $status
