#!/usr/bin/env bash
# `make check`: everything the project promises, on a fresh bookworm machine.
#
#  1. host packages, test kernels (6.12, 6.1, newest), guest rootfs: built or
#     taken from the cache ($CMACODEC_CACHE, default /var/cache/cmacodec)
#  2. host unit tests of the pure C parts
#  3. the module built for every test kernel (W=1, no warnings), checkpatch
#     --strict and sparse clean, and compiled against Debian's stock
#     linux-headers for 6.1 and 6.12; DKMS add/build against those headers;
#     make install/uninstall into a staging directory
#  4. guest suites: all tests on 6.12, the smoke tests on the others; every
#     boot's kernel log scanned for splats and kmemleak reports
#  5. an arm64 QEMU virt guest (cross-built kernel and initramfs) whose DTB
#     binds the device to a reusable CMA pool: placement and coherency modes
#  6. the harness self-test: a boot that loads a WARNing module must be
#     caught by the splat scanner
# Ends with one line "N passed, N failed, N skipped"; exit 1 on any failure.
#
# The steps overlap, because a cold run must fit CI's 90 minutes on two
# cores: the kernels (6.12, 6.1, 7.3, then arm64) build one after another in
# the background while the host steps run; each guest boots as soon as its
# kernel and modules are there; the primary kernel's suite is split into
# CMACODEC_SHARDS guests (default 2, balanced by the tests' "# cmvm: cost"
# lines); at most CMACODEC_VMS guests (default 3) run at once.  A TCG guest
# keeps about one core busy, so the machine's cores stay full.  Results are
# collected and printed in a fixed order at the end.
#
# Environment: CMACODEC_KERNELS="6.12 6.1 7.3" to choose kernels (the first
# one runs the full suite), CMACODEC_TESTS to choose the full suite's tests.
set -uo pipefail
. "$(dirname "$0")/lib.sh"
S=$CMACODEC_TOP/scripts

kernels=${CMACODEC_KERNELS:-$KERNELS_ALL}
primary=${kernels%% *}
res=$CMACODEC_TOP/build/results
rm -rf "$res"
mkdir -p "$res"
export TAP_TOTALS=$res/totals
: >"$TAP_TOTALS"
t0=$(date +%s)

step() { log "== $* (at $(($(date +%s) - t0))s)"; }
# result RC DESCRIPTION [LOGFILE]: one platform-level check
result() {
	if [ "$1" = 0 ]; then
		echo "ok - $2"
		echo "1 0 0" >>"$TAP_TOTALS"
	else
		echo "not ok - $2"
		[ -n "${3:-}" ] && [ -f "$3" ] && tail -n 30 "$3" | sed 's/^/  # /'
		echo "0 1 0" >>"$TAP_TOTALS"
	fi
}

# tap_script NAME CMD...: a host-side check script that prints TAP
tap_script() {
	local name=$1 t
	shift
	t=$(date +%s)
	"$@" >"$res/$name.tap" 2>"$res/$name.log"
	echo "$? $(($(date +%s) - t))" >"$res/$name.rc"
	"$S/tap-collect.sh" host "$res/$name.tap"
}

step "host packages"
"$S/install-deps.sh" || die "installing host packages failed"

# Sources first (the host tests compile vicodec's codec from 6.12), then
# the background jobs: the guest rootfs, and the kernel chain.
for v in $kernels; do
	"$S/build-kernel.sh" --source "$v" >"$res/source-$v.log" 2>&1
done
# mark FILE TEXT: a background job's status file, written whole at once
# (wait_for below takes the file's existence as "done")
mark() {
	echo "$2" >"$1.tmp"
	mv "$1.tmp" "$1"
}
# wait_for FILE: until a background job has marked it; prints its content
wait_for() {
	while [ ! -f "$1" ]; do sleep 3; done
	cat "$1"
}

step "background: guest rootfs; kernels $kernels and arm64, each with its modules"
( "$S/build-rootfs.sh" >"$res/rootfs.log" 2>&1; mark "$res/rootfs.rc" $? ) &
(
	for v in $kernels; do
		s=$(date +%s)
		"$S/build-kernel.sh" "$v" >"$res/kernel-$v.log" 2>&1
		rc=$?
		mark "$res/kernel-$v.rc" "$rc $(($(date +%s) - s))"
		log "kernel $v ready (exit $rc) at $(($(date +%s) - t0))s" 2>>"$res/timeline"
	done
	"$S/build-kernel-arm64.sh" >"$res/kernel-arm64.log" 2>&1
	mark "$res/kernel-arm64.rc" $?
	log "arm64 kernel ready at $(($(date +%s) - t0))s" 2>>"$res/timeline"
) &

step "host unit tests"
if [ -f "$CMACODEC_TOP/tests/host/Makefile" ]; then
	vsrc=$("$S/build-kernel.sh" --source 6.12 2>"$res/source.log")/drivers/media/test-drivers/vicodec
	make -s --no-print-directory -C "$CMACODEC_TOP/tests/host" check VICODEC_SRC="$vsrc" \
		TAP_DIR="$res/host" >"$res/host.log" 2>&1
	result $? "host unit tests build and run" "$res/host.log"
	"$S/tap-collect.sh" host "$res"/host/*.tap
	make -s --no-print-directory -C "$CMACODEC_TOP/tests/host/tool" check \
		>"$res/host/tool.tap" 2>"$res/host-tool.log"
	echo "$? 0" >"$res/host/tool.rc"
	"$S/tap-collect.sh" host "$res/host/tool.tap"
	make -s --no-print-directory -C "$CMACODEC_TOP/tests/fuzz" check >"$res/fuzz.log" 2>&1
	result $? "codec decoder fuzz run (ASan+UBSan, fixed iterations)" "$res/fuzz.log"
	# libFuzzer, coverage-guided, for a bounded time: 45 s, 15 min in the
	# long mode (CMACODEC_LONG), or CMACODEC_FUZZ_SECONDS
	fuzz_s=45
	[ -n "${CMACODEC_LONG:-}" ] && fuzz_s=900
	fuzz_s=${CMACODEC_FUZZ_SECONDS:-$fuzz_s}
	make -s --no-print-directory -C "$CMACODEC_TOP/tests/fuzz" run \
		SECONDS="$fuzz_s" >"$res/libfuzzer.log" 2>&1
	result $? "libFuzzer on the decoder entry for $fuzz_s s (ASan+UBSan): $(grep -o 'Done [0-9]* runs' "$res/libfuzzer.log")" "$res/libfuzzer.log"
fi

step "compile against Debian's stock headers"
for suite in bookworm bookworm-backports; do
	"$S/compile-stock.sh" "$suite" >"$res/stock-$suite.log" 2>&1
	result $? "module compiles against Debian $suite's stock linux-headers" "$res/stock-$suite.log"
done

step "DKMS against Debian's stock headers"
for suite in bookworm bookworm-backports; do
	tap_script "dkms-$suite" "$S/dkms-check.sh" "$suite"
done

# Guests run in the background, at most $max_vms at once.
max_vms=${CMACODEC_VMS:-3}
shards=${CMACODEC_SHARDS:-2}
vm_pids=()
vm_labels=()
vm_launch() { # LABEL VER TESTS VM-TIMEOUT-S
	local dir=$res/vm-$1 live p
	while :; do
		live=0
		for p in "${vm_pids[@]}"; do kill -0 "$p" 2>/dev/null && live=$((live + 1)); done
		[ $live -lt "$max_vms" ] && break
		sleep 3
	done
	log "guest $1 ($2: $3) starts at $(($(date +%s) - t0))s" 2>>"$res/timeline"
	( "$S/vm-run.sh" -k "$2" -t "$3" -r "$dir" -T "$4" >"$dir.log" 2>&1
	  mark "$dir.rc" $?
	  log "guest $1 done at $(($(date +%s) - t0))s" 2>>"$res/timeline" ) &
	vm_pids+=($!)
	vm_labels+=("$1")
}

declare -A built
rootfs_rc=
for v in $kernels; do
	step "waiting for kernel $v"
	read -r rc secs < <(wait_for "$res/kernel-$v.rc")
	result "$rc" "test kernel $v built (${secs}s here$([ -f "$CACHE/kernels/$v/build-seconds" ] && echo ", $(cat "$CACHE/kernels/$v/build-seconds")s when built"))" "$res/kernel-$v.log"
	[ "$rc" = 0 ] || continue
	"$S/build-modules.sh" "$v" >"$res/modules-$v.log" 2>&1
	rc=$?
	result $rc "modules for $v build with W=1 and no warnings" "$res/modules-$v.log"
	[ $rc = 0 ] || continue
	built[$v]=1
	if [ -z "$rootfs_rc" ]; then
		rootfs_rc=$(wait_for "$res/rootfs.rc")
		result "$rootfs_rc" "guest rootfs (trixie) ready" "$res/rootfs.log"
	fi
	[ "$rootfs_rc" = 0 ] || continue
	if [ "$v" = "$primary" ]; then
		if [ -n "${CMACODEC_TESTS:-}" ]; then
			vm_launch "$v" "$v" "$CMACODEC_TESTS" 4800
		else
			i=0
			while read -r list; do
				i=$((i + 1))
				[ -n "$list" ] && vm_launch "$v-$i" "$v" "$list" 4800
			done < <("$S/guest-shards.sh" "$shards")
		fi
		step "kernel style: checkpatch --strict, sparse"
		"$S/style-check.sh" "$primary" >"$res/style.log" 2>&1
		result $? "driver sources pass checkpatch --strict and sparse (C=2, W=1)" "$res/style.log"
		step "make install / uninstall (kernel $primary)"
		tap_script install "$S/install-check.sh" "$primary"
		vm_launch selftest "$v" 99-selftest-splat 1500
	else
		vm_launch "$v" "$v" @smoke 2400
	fi
done

step "arm64 virt guest: CMA pools from DT reserved-memory, coherency modes"
wait_for "$res/kernel-arm64.rc" >/dev/null
tap_script arm64 "$S/check-arm64.sh" "$res/arm64"
if [ -f "$res/arm64/vm-arm64/tap/arm64-dt.tap" ]; then
	"$S/tap-collect.sh" arm64 "$res/arm64/vm-arm64/tap/arm64-dt.tap"
else
	result 1 "arm64: the guest's TAP (arm64-dt.tap) exists" "$res/arm64.log"
fi

step "waiting for the guests: ${vm_labels[*]}"
wait "${vm_pids[@]}" 2>/dev/null
for label in "${vm_labels[@]}"; do
	dir=$res/vm-$label
	kver=${label%%-[0-9]*} # the primary suite's shards are VER-N
	[ "$label" = selftest ] && continue
	result "$(cat "$dir.rc" 2>/dev/null || echo 1)" "$label: guest booted, ran its tests and powered off ($(cat "$dir/vm-seconds" 2>/dev/null)s)" "$dir.log"
	if ls "$dir"/tap/*.tap >/dev/null 2>&1; then
		"$S/tap-collect.sh" "$kver" "$dir"/tap/*.tap
	fi
	"$S/scan-splats.sh" "$dir" >"$dir/splats.txt" 2>&1
	rc=$?
	result $rc "$label: no kernel splats (BUG/WARNING/KASAN/lockdep/DMA-API/hung task/kmemleak)" "$dir/splats.txt"
	[ $rc = 0 ] || cat "$dir/splats.txt"
	# the udev rule, run by udevadm on the sysfs the guest test recorded
	if [ -f "$dir/tap/85-cmacodec-udev.tap" ]; then
		step "udev rule on $label's sysfs records"
		tap_script "udev-$kver" "$S/udev-check.sh" "$dir/udev-sysfs"
	fi
done
for v in $kernels; do
	[ -n "${built[$v]:-}" ] && [ "$rootfs_rc" = 0 ] ||
		result 1 "$v: guest suite (kernel, modules or rootfs missing)"
done

if [ -n "${built[$primary]:-}" ] && [ "$rootfs_rc" = 0 ]; then
	step "harness self-test: a WARNing module must fail the splat scan"
	dir=$res/vm-selftest
	result "$(cat "$dir.rc" 2>/dev/null || echo 1)" "self-test guest ran" "$dir.log"
	"$S/scan-splats.sh" "$dir" >"$dir/splats.txt" 2>&1
	scan_rc=$?
	result "$([ $scan_rc = 1 ] && grep -q 'cmacodec_splat' "$dir/splats.txt"; echo $?)" \
		"splat scanner fails a run whose guest WARNed (scanner exit $scan_rc)" "$dir/splats.txt"
fi
cat "$res/timeline" >&2

read -r pass fail skip < <(awk '{ p += $1; f += $2; s += $3 } END { print p + 0, f + 0, s + 0 }' "$TAP_TOTALS")
log "make check took $(($(date +%s) - t0))s"
echo "$pass passed, $fail failed, $skip skipped"
[ "$fail" = 0 ] && [ "$pass" -gt 0 ]
