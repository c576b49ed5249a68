#!/usr/bin/env bash
# Compile the project's modules against Debian's stock linux-headers of a
# suite, as a DKMS user would.  Debian's stock kernels lack options the driver
# needs at run time (CMA among them), so this proves the code compiles cleanly
# there (no warnings); modpost's unresolved symbols are reported, not fatal,
# and so is the Kbuild check for those options (CMACODEC_SKIP_CONFIG_CHECK=1:
# it prints which ones the kernel lacks).
#
#   compile-stock.sh SUITE
set -euo pipefail
. "$(dirname "$0")/lib.sh"

suite=${1:?usage: compile-stock.sh SUITE}
kdir=$("$CMACODEC_TOP/scripts/stock-headers.sh" "$suite")
work=$CMACODEC_TOP/build/kbuild/stock-$suite
rm -rf "$work"
mkdir -p "$work"
if [ -f "$CMACODEC_TOP/Kbuild" ]; then
	cp -a "$CMACODEC_TOP/Kbuild" "$CMACODEC_TOP/Makefile" "$CMACODEC_TOP/drivers" \
		"$CMACODEC_TOP/uapi" "$work/"
else
	cp -a "$CMACODEC_TOP/tests/harness/." "$work/"
fi
log "compiling against $kdir"
make -C "$kdir" M="$work" W=1 KBUILD_MODPOST_WARN=1 CMACODEC_SKIP_CONFIG_CHECK=1 modules 2>&1 | tee "$work/build.log"
[ "${PIPESTATUS[0]}" = 0 ] || die "build failed against $kdir"
if grep -E '(warning|error):' "$work/build.log" | grep -v 'modpost:'; then
	die "compiler warnings against $kdir"
fi
grep 'modpost:' "$work/build.log" || true
ls "$work"/*.ko "$work"/*/*.ko 2>/dev/null || true
