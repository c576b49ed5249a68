#!/usr/bin/env bash
# make bench: side-by-side figures of cmacodec and vicodec (issue 7), written
# to docs/performance.md with a plot.  Not part of make check; not timed
# tests: it fails only when something is wrong (outputs not bit-exact, a run
# that fails, a kernel splat), never because a figure is slow.
#
#   bench.sh [-k VER] [-n]     -n: no VM (codec core figures only)
#
# 1. the codec core under callgrind on the host (bench/core/run.sh)
# 2. one short VM boot running bench/guest/ (fps, REQBUFS, transcode,
#    converter vs memcpy)
# 3. scripts/bench-report.sh: docs/performance.md + docs/performance-*.png
# Raw results stay in build/bench/.  Expects the modules for VER built
# (make bench does that first: the vm-modules target).
set -euo pipefail
. "$(dirname "$0")/lib.sh"

ver=6.12 vm=1
while getopts k:n opt; do
	case $opt in
	k) ver=$OPTARG ;;
	n) vm=0 ;;
	*) sed -n '2,13p' "$0" >&2; exit 64 ;;
	esac
done
out=$CMACODEC_TOP/build/bench
start=$(date +%s)
mkdir -p "$out"
rm -f "$out/durations"

step() { # NAME CMD...: run, record its duration
	local name=$1 t0=$(date +%s)
	shift
	log "bench: $name"
	"$@"
	echo "$name $(($(date +%s) - t0))" >>"$out/durations"
}

step deps "$CMACODEC_TOP/scripts/bench-deps.sh"
step build make -s -C "$CMACODEC_TOP/bench" core guest
step core "$CMACODEC_TOP/bench/core/run.sh" "$out"
rm -rf "$out/vm"
if [ $vm = 1 ]; then
	# one boot, bench/guest/ only; the guest writes build/bench/vm/bench/
	# 1 GiB: less memory for the page-cache fill (and kmemleak) to cover
	step vm "$CMACODEC_TOP/scripts/vm-run.sh" -k "$ver" -t '*' -T 1800 -p 1500 -M 1024 \
		-a cmvm.dir=bench/guest -r "$out/vm"
	"$CMACODEC_TOP/scripts/tap-collect.sh" "bench-$ver" "$out/vm/tap/"*.tap
	"$CMACODEC_TOP/scripts/scan-splats.sh" "$out/vm"
fi
echo "total $(($(date +%s) - start))" >>"$out/durations"
"$CMACODEC_TOP/scripts/bench-report.sh" "$out"
log "bench: done in $(($(date +%s) - start)) s; docs/performance.md written"
