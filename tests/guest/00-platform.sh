#!/bin/sh
# cmvm: smoke
# cmvm: cost 76
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
# Without -s: this proves the guest's v4l-utils matches the kernel (bookworm's
# 1.22 fails here on format descriptions); streaming compliance at vicodec's
# 1280x720 default costs minutes under KASAN + TCG, and is not ours to test.
# vicodec's decoder is left out: it lacks V4L2_CID_MIN_BUFFERS_FOR_CAPTURE
# and fails two checks of v4l-utils 1.30 on every kernel we test.
check "v4l2-compliance on vicodec's encoder" v4l2-compliance -d "$enc"
check "vicodec's decoder node answers QUERYCAP" v4l2-ctl -d "$dec" --info

# GStreamer runs in the guest and reaches EOS by itself.  (Through vicodec's
# elements, videotestsrc ! v4l2fwhtenc ! v4l2fwhtdec fails to preroll here:
# recorded in the platform notes; cmacodec's pipelines have their own tests.)
out=/tmp/gst.raw
check "gst-launch: videotestsrc ! filesink reaches EOS" \
	timeout 300 gst-launch-1.0 -q videotestsrc num-buffers=5 pattern=smpte \
	! video/x-raw,format=I420,width=320,height=240 ! filesink location=$out
tap "$([ "$(stat -c %s $out 2>/dev/null)" = $((320 * 240 * 3 / 2 * 5)) ]; echo $?)" \
	"GStreamer wrote 5 frames of 320x240 I420"
done_testing
