#!/bin/sh
# cmvm: smoke
# cmvm: cost 24
# CMA accounting: cmacodec's buffers come from CMA.  While an encoder
# session holds 4 OUTPUT and 4 CAPTURE buffers and streams, the CMA
# area's used count is higher by exactly their page-aligned sizes plus the
# core's REF buffer; after the session it is back where it was.  CmaFree
# is only reported: the page allocator borrows free CMA pages for movable
# allocations and parks freed ones on per-cpu lists, so it is noisy.
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

base=$(cma_used_kb)
free_base=$(cma_free_kb)
cma_sampler_start /tmp/cma-samples.txt
v4l2-ctl -d "$enc" --set-fmt-video-out=width=$W,height=$H,pixelformat=YU12 \
	--stream-out-mmap=$NB --stream-mmap=$NB --stream-count=4 \
	--stream-sleep count=0,sleep=4000 --stream-to=/dev/null \
	</dev/null >&2 2>&1
rc=$?
sleep 0.2
cma_sampler_stop
tap $rc "encoder session with $NB+$NB buffers streamed"

peak=$(sort -n /tmp/cma-samples.txt | tail -n1)
rise=$((peak - base))
diag "CMA used: base $base KiB, peak $peak KiB: rise $rise KiB, expected $expect_kb KiB ($(wc -l </tmp/cma-samples.txt) samples)"
tap "$([ "$rise" -eq "$expect_kb" ]; echo $?)" \
	"CMA used rose by exactly the page-aligned buffer sizes + REF ($expect_kb KiB)"

after=$(cma_used_kb)
diag "CMA used after the session: $after KiB; CmaFree $free_base KiB before, $(cma_free_kb) KiB after"
tap "$([ "$after" -eq "$base" ]; echo $?)" "CMA used back to $base KiB after close"

check "rmmod cmacodec" rmmod cmacodec
done_testing
