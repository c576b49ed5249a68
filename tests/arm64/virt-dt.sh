#!/usr/bin/env bash
# Make the arm64 guest's DTB: QEMU's own for the given machine options
# (-machine virt,dumpdtb=...), decompiled, with tests/arm64/cmacodec-pools.dtsi
# merged in (two reusable CMA pools, the cmacodec node on pool-b), compiled
# back.  Generated at test time, never committed.
#
#   virt-dt.sh OUT.dtb QEMU-MACHINE-ARGS...
#     e.g. virt-dt.sh guest.dtb -machine virt -cpu cortex-a57 -smp 1 -m 512
#     (the -machine argument must come first and be plain "virt[,...]")
set -euo pipefail
. "$(dirname "$0")/../../scripts/lib.sh"

out=${1:?usage: virt-dt.sh OUT.dtb -machine virt[,OPTS] QEMU-ARGS...}
shift
if [ "${1:-}" != -machine ] || [ -z "${2:-}" ]; then
	die "virt-dt.sh: the QEMU arguments must start with -machine virt[,...]"
fi
machine=$2
shift 2
dtsi=$CMACODEC_TOP/tests/arm64/cmacodec-pools.dtsi
command -v dtc >/dev/null || die "dtc missing: run scripts/install-deps.sh"

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
qemu-system-aarch64 -machine "$machine,dumpdtb=$tmp/virt.dtb" "$@" \
	-nodefaults -no-user-config -display none >"$tmp/qemu.log" 2>&1 ||
	{ cat "$tmp/qemu.log" >&2; die "qemu-system-aarch64 could not dump its DTB"; }
dtc -q -I dtb -O dts -o "$tmp/virt.dts" "$tmp/virt.dtb" ||
	die "dtc could not decompile QEMU's DTB"
cat "$tmp/virt.dts" "$dtsi" >"$tmp/guest.dts"
dtc -q -I dts -O dtb -o "$tmp/guest.dtb" "$tmp/guest.dts" ||
	die "dtc could not compile the guest DTS (QEMU's + $dtsi)"
# the edit must be there: fail now rather than in the guest
dtc -q -I dtb -O dts "$tmp/guest.dtb" | grep -q 'compatible = "cmacodec,fwht-codec"' ||
	die "the compiled DTB lacks the cmacodec node"
mv "$tmp/guest.dtb" "$out"
