#!/bin/sh
# cmvm: smoke
# The test kernel and guest userland provide what cmacodec needs, and the
# kernel's own vicodec works with them (the reference we are compared with).
. "$(dirname "$0")/lib.sh"
plan 10

tap "$([ "$(awk '/^CmaTotal:/ { print $2 }' /proc/meminfo)" -gt 0 ]; echo $?)" \
	"CMA area present (CmaTotal > 0)"
tap "$([ -d /sys/kernel/debug/cma ] && ls /sys/kernel/debug/cma | grep -q .; echo $?)" \
	"CMA debugfs lists an area"
check "system dma-buf heap" test -c /dev/dma_heap/system
check "CMA dma-buf heap" sh -c 'ls /dev/dma_heap | grep -qv "^system$"'
check "modprobe vicodec vim2m vivid" modprobe -a vicodec vim2m vivid
check "v4l2-mem2mem and videobuf2-dma-contig loaded as modules" \
	sh -c 'grep -q "^v4l2_mem2mem " /proc/modules && modprobe videobuf2-dma-contig'

enc=$(video_node_by_name stateful-encoder)
dec=$(video_node_by_name stateful-decoder)
diag "vicodec encoder $enc decoder $dec"
check "v4l2-compliance -s on vicodec's encoder" v4l2-compliance -d "$enc" -s
check "v4l2-compliance -s on vicodec's decoder" v4l2-compliance -d "$dec" -s

# A GStreamer pipeline through vicodec that must reach EOS by itself.
out=/tmp/vicodec-gst.raw
check "gst-launch: videotestsrc ! v4l2fwhtenc ! v4l2fwhtdec reaches EOS" \
	timeout 120 gst-launch-1.0 -q videotestsrc num-buffers=10 pattern=smpte \
	! video/x-raw,format=I420,width=320,height=240 ! v4l2fwhtenc ! v4l2fwhtdec \
	! video/x-raw,format=I420 ! filesink location=$out
tap "$([ "$(stat -c %s $out 2>/dev/null)" = $((320 * 240 * 3 / 2 * 10)) ]; echo $?)" \
	"decoded output holds 10 frames of 320x240 I420"
done_testing
