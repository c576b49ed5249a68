#!/bin/sh
# cmvm: cost 88
# The converter node (cmacodec-conv): found by name, a SCALER entity in the
# media graph, v4l2-compliance clean with streaming (MMAP, and DMABUF
# imported from vivid's dma-contig buffers), and its output byte-identical
# to the codec core's converter model for the formats, sizes, strides,
# colorimetry and flips set through V4L2 (tests/tools/convcheck.c).
# Not a smoke test: the converter shares everything kernel-version
# dependent (vb2, m2m, memory) with the codec nodes, which the smoke tests
# cover on 6.1 and 7.3; this keeps those boots short.
. "$(dirname "$0")/lib.sh"
plan 16

# a 4096x2160 conversion takes seconds under TCG: give the watchdog room
check "modprobe cmacodec hw_watchdog_ms=60000" modprobe cmacodec hw_watchdog_ms=60000
conv=$(cmacodec_node conv)
tap "$([ -c "$conv" ]; echo $?)" "converter node found by name: $conv"

v4l2-ctl -d "$conv" --info >/tmp/conv-info.txt 2>&1
cat /tmp/conv-info.txt >&2
grep -q "entity 'cmacodec-conv-proc' (Video Scaler)" /tmp/conv-info.txt
tap $? "media graph: the node's data links lead to a Video Scaler entity"
grep -q "Card type *: cmacodec-converter" /tmp/conv-info.txt &&
	grep -q "Bus info *: platform:cmacodec" /tmp/conv-info.txt
tap $? "QUERYCAP: card cmacodec-converter, bus platform:cmacodec"

compliance "-s 10 on the converter" -d "$conv" -s 10
modprobe -r vivid 2>/dev/null
modprobe vivid n_devs=1 allocators=1 node_types=0x1
viv=$(video_node_by_name vivid-000-vid-cap)
v4l2-ctl -d "$viv" --set-fmt-video=width=1920,height=1080,pixelformat=YUYV >&2 2>&1
compliance "-s 10 with DMABUF (exported by vivid, dma-contig)" -d "$conv" -s 10 -e "$viv"
rmmod vivid

heap=$(cma_heap_path)
tap_from cmacodec-convcheck "$conv" "$heap"

check "rmmod cmacodec" rmmod cmacodec
done_testing
