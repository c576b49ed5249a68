#!/usr/bin/env bash
# What a DKMS user on Debian does, against Debian's stock linux-headers of a
# suite (bookworm: 6.1, bookworm-backports: 6.12), with the distribution's
# dkms (3.0.10 on bookworm).  Prints TAP.
#
#   dkms-check.sh SUITE
#
#  1. `make dkms-src` lays out the DKMS source tree (dkms.conf + sources)
#  2. dkms add registers it
#  3. dkms build without more ado must FAIL: the stock kernels lack CMA and
#     v4l2-mem2mem, and make.log must name exactly the options that the
#     kernel's auto.conf lacks (this script finds those itself)
#  4. dkms build with CMACODEC_SKIP_CONFIG_CHECK=1 KBUILD_MODPOST_WARN=1
#     (compile only) must succeed, and dkms must hold a cmacodec.ko whose
#     vermagic is the stock kernel's release, built without compiler
#     warnings
#
# DKMS runs on a private tree: --dkmstree and --sourcetree point under
# build/dkms/SUITE, the kernel tree is given by --kernelsourcedir (nothing
# in /lib/modules), and module signing is pointed at files there as well
# (dkms 3.0.10 would otherwise create /var/lib/dkms/mok.key when it finds
# a sign-file).  The host's /var/lib/dkms and /usr/src are checked to be
# unchanged.
set -uo pipefail
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/tap.sh"

suite=${1:?usage: dkms-check.sh SUITE}
work=$CMACODEC_TOP/build/dkms/$suite
rm -rf "$work"
mkdir -p "$work/tree"
ver=$(sed -n 's/^PACKAGE_VERSION="\(.*\)"/\1/p' "$CMACODEC_TOP/dkms.conf")
arch=$(uname -m)

# the host's DKMS state, to compare at the end
host_state() {
	ls -d /var/lib/dkms/cmacodec /var/lib/dkms/mok.key /usr/src/cmacodec-* 2>/dev/null
}
before=$(host_state)

kdir=$("$CMACODEC_TOP/scripts/stock-headers.sh" "$suite" 2>"$work/headers.log")
tap_ok "$([ -d "$kdir/include" ]; echo $?)" "$suite: stock linux-headers at ${kdir:-?}" "$work/headers.log"
[ -d "$kdir/include" ] || { tap_end; exit 1; }
rel=$(sed -n 's/.*UTS_RELEASE "\(.*\)"/\1/p' "$kdir/include/generated/utsrelease.h")
tap_diag "kernel release $rel, dkms $(dkms --version 2>&1), cmacodec $ver"

# What the stock kernel lacks, by our own reading of its auto.conf.
missing=()
for o in CMA DMA_CMA MEDIA_CONTROLLER V4L2_MEM2MEM_DEV VIDEOBUF2_DMA_CONTIG; do
	grep -qE "^CONFIG_$o=[ym]$" "$kdir/include/config/auto.conf" || missing+=("CONFIG_$o")
done
tap_diag "$suite's kernel lacks: ${missing[*]:-nothing}"

dk() {
	sign_file=/nonexistent/sign-file \
		mok_signing_key=$work/mok.key mok_certificate=$work/mok.pub \
		dkms "$@" --dkmstree "$work/tree" --sourcetree "$work/src"
}
tree=$work/tree/cmacodec/$ver

tap_check "make dkms-src lays out the DKMS source tree" "$work/dkms-src.log" \
	make -C "$CMACODEC_TOP" --no-print-directory dkms-src \
	DESTDIR="$work" DKMS_SRCDIR=/src/cmacodec-"$ver"

tap_check "dkms add cmacodec/$ver" "$work/add.log" dk add -m cmacodec -v "$ver"

# 3. The plain build: must stop, naming what is missing.
dk build -m cmacodec -v "$ver" -k "$rel" --kernelsourcedir "$kdir" >"$work/build-plain.log" 2>&1
rc=$?
cp "$tree/build/make.log" "$work/make-plain.log" 2>/dev/null
named=$(sed -n 's/.*the target kernel lacks \(.*\) (cmacodec needs.*/\1/p' "$work/make-plain.log" 2>/dev/null | head -n1)
if [ ${#missing[@]} -gt 0 ]; then
	tap_ok "$([ $rc != 0 ] && [ "$named" = "${missing[*]}" ]; echo $?)" \
		"dkms build on the stock kernel fails, make.log naming ${missing[*]} (dkms exit $rc)" \
		"$work/build-plain.log"
else
	tap_ok "$([ $rc = 0 ]; echo $?)" "dkms build on a kernel with everything succeeds" \
		"$work/build-plain.log"
fi

# 4. Compile only: must build, and dkms must hold the module.
CMACODEC_SKIP_CONFIG_CHECK=1 KBUILD_MODPOST_WARN=1 \
	dk build -m cmacodec -v "$ver" -k "$rel" --kernelsourcedir "$kdir" >"$work/build.log" 2>&1
tap_ok $? "dkms build with CMACODEC_SKIP_CONFIG_CHECK=1 KBUILD_MODPOST_WARN=1" "$work/build.log"

ko=$(ls "$tree/$rel/$arch/module/"cmacodec.ko* 2>/dev/null | head -n1)
tap_ok "$([ -n "$ko" ]; echo $?)" "dkms tree holds ${ko#"$work/"}" "$work/build.log"
vermagic=$(modinfo -F vermagic "$ko" 2>/dev/null)
tap_ok "$([ "${vermagic%% *}" = "$rel" ] && [ "$(modinfo -F name "$ko" 2>/dev/null)" = cmacodec ]; echo $?)" \
	"the module is cmacodec built for $rel (vermagic: ${vermagic:-none})"

mlog=$tree/$rel/$arch/log/make.log
grep -E '(warning|error):' "$mlog" 2>/dev/null | grep -v 'modpost:' >"$work/warnings.log"
tap_ok "$([ -f "$mlog" ] && [ ! -s "$work/warnings.log" ]; echo $?)" \
	"dkms make.log: no compiler warnings" "$work/warnings.log"

dk status -m cmacodec -v "$ver" >"$work/status.log" 2>&1
tap_ok "$(grep -q "cmacodec/$ver, $rel, $arch: built" "$work/status.log"; echo $?)" \
	"dkms status: cmacodec/$ver, $rel, $arch: built" "$work/status.log"

after=$(host_state)
tap_ok "$([ "$before" = "$after" ]; echo $?)" \
	"host /var/lib/dkms and /usr/src untouched (cmacodec entries: ${after:-none})"
tap_end
