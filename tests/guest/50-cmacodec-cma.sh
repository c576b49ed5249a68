#!/bin/sh
# cmvm: smoke
# CMA accounting: cmacodec's buffers come from CMA.  While an encoder
# session holds 4 OUTPUT and 4 CAPTURE buffers and streams, CmaFree is
# lower by exactly their page-aligned sizes plus the core's REF buffer;
# after the session it is back where it was.
. "$(dirname "$0")/lib.sh"

W=1280
H=720
NB=4
PAGE=$(getconf PAGESIZE)

plan 6

check "modprobe cmacodec" modprobe cmacodec
enc=$(video_node_by_name cmacodec-enc)
cd /tmp || exit 1

palign() { echo $((($1 + PAGE - 1) / PAGE * PAGE)); }

v4l2-ctl -d "$enc" --set-fmt-video-out=width=$W,height=$H,pixelformat=YU12 \
	--get-fmt-video-out --get-fmt-video >fmt.txt 2>&1
cat fmt.txt >&2
# v4l2-ctl prints the CAPTURE format first
cap_size=$(awk '/Size Image/ { print $4 }' fmt.txt | sed -n 1p)
out_size=$(awk '/Size Image/ { print $4 }' fmt.txt | sed -n 2p)
tap "$([ -n "$out_size" ] && [ -n "$cap_size" ]; echo $?)" \
	"format sizes: OUTPUT $out_size, CAPTURE $cap_size"

# The core's REF buffer: one reference picture (8x8 blocks of every
# component, i.e. the frame size for YU12 at a 16-aligned size) and a
# 64-byte context record.
ref_size=$((W * H * 3 / 2 + 64))
expect=$((NB * $(palign "$out_size") + NB * $(palign "$cap_size") + \
	$(palign $ref_size)))
expect_kb=$((expect / 1024))

base=$(cma_free_kb)
cma_sampler_start /tmp/cma-samples.txt
v4l2-ctl -d "$enc" --set-fmt-video-out=width=$W,height=$H,pixelformat=YU12 \
	--stream-out-mmap=$NB --stream-mmap=$NB --stream-count=4 \
	--stream-sleep count=0,sleep=4000 --stream-to=/dev/null \
	</dev/null >&2 2>&1
rc=$?
sleep 0.2
cma_sampler_stop
tap $rc "encoder session with $NB+$NB buffers streamed"

low=$(sort -n /tmp/cma-samples.txt | head -n1)
drop=$((base - low))
diag "CmaFree base $base KiB, lowest $low KiB: drop $drop KiB, expected $expect_kb KiB ($(wc -l </tmp/cma-samples.txt) samples)"
# CmaFree counts free pages of the CMA area; the page allocator lends
# some of them to movable allocations and takes them back at any time, so
# both the base and the low point carry a little noise: allow 64 KiB below
# and 1 MiB above cmacodec's own allocations (the smallest is 1.3 MiB).
tap "$([ "$drop" -ge $((expect_kb - 64)) ] && [ "$drop" -le $((expect_kb + 1024)) ]; echo $?)" \
	"CmaFree dropped by the page-aligned buffer sizes + REF ($expect_kb KiB)"

after=$(cma_free_kb)
diag "CmaFree after the session: $after KiB"
# Freed CMA pages go back to the page allocator, whose movable allocations
# may take a few of them right away; the smallest buffer here is 1.3 MiB,
# so a 64 KiB slack cannot hide a leaked one.
tap "$([ "$after" -ge $((base - 64)) ]; echo $?)" \
	"CmaFree back to $base KiB after close (64 KiB slack)"

check "rmmod cmacodec" rmmod cmacodec
done_testing
