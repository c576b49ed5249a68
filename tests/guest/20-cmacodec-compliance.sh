#!/bin/sh
# cmvm: smoke
# cmvm: cost 309
# v4l2-compliance with streaming on both cmacodec nodes, and on the media
# device.  The decoder is also fed a real stream produced by the encoder.
# Each run must end with 0 failures and 0 warnings; DMABUFs are imported
# from cmacodec itself and from vivid's dma-contig allocator.
. "$(dirname "$0")/lib.sh"
plan 9

modprobe cmacodec
enc=$(video_node_by_name cmacodec-enc)
dec=$(video_node_by_name cmacodec-dec)
diag "encoder $enc decoder $dec"

compliance "-s 10 on the encoder" -d "$enc" -s 10
# The decoder needs a real stream to stream (see --stream-from-hdr below)
compliance "on the decoder (no streaming)" -d "$dec"

# A small FWHT stream for the decoder's streaming tests, stored with
# v4l2-ctl's per-buffer size headers so that each OUTPUT buffer v4l2-compliance
# queues holds one whole frame (the decoder also takes a continuous byte
# stream, V4L2_FMT_FLAG_CONTINUOUS_BYTESTREAM: 30-cmacodec-roundtrip).
stream=/tmp/compliance.fwht
v4l2-ctl -d "$enc" --set-fmt-video-out=width=320,height=240,pixelformat=YU12 \
	--stream-out-mmap --stream-mmap --stream-count=10 \
	--stream-to-hdr="$stream" </dev/null >&2 2>&1
tap "$([ -s "$stream" ]; echo $?)" "encoder produced a stream for the decoder"
compliance "-s 10 --stream-from-hdr on the decoder" -d "$dec" -s 10 \
	--stream-from-hdr "FWHT=$stream"

# DMABUF: buffers exported by cmacodec itself
compliance "-s 10 with DMABUF (exported by the encoder)" -d "$enc" -s 10 -e "$enc"
compliance "-s 10 --stream-from-hdr with DMABUF (exported by the decoder)" -d "$dec" -s 10 \
	--stream-from-hdr "FWHT=$stream" -e "$dec"

# DMABUF: buffers exported by vivid's video capture node, allocated by
# vb2-dma-contig (allocators=1)
modprobe -r vivid 2>/dev/null # 00-platform may have loaded it with defaults
modprobe vivid n_devs=1 allocators=1 node_types=0x1
viv=$(video_node_by_name vivid-000-vid-cap)
# v4l2-compliance backs each of our buffers with one of vivid's, so vivid's
# must be at least as large as our biggest (the 720p encoder's FWHT
# CAPTURE buffers): 1920x1080 YUYV
v4l2-ctl -d "$viv" --set-fmt-video=width=1920,height=1080,pixelformat=YUYV >&2 2>&1
compliance "-s 10 with DMABUF (exported by vivid, dma-contig)" -d "$enc" -s 10 -e "$viv"
compliance "-s 10 --stream-from-hdr on the decoder with DMABUF (exported by vivid)" \
	-d "$dec" -s 10 --stream-from-hdr "FWHT=$stream" -e "$viv"
rmmod vivid

media=
for m in /dev/media*; do
	media-ctl -d "$m" -p 2>/dev/null | grep -q "driver *cmacodec" && media=$m
done
compliance "on the media device ($media)" -M "$media"

rmmod cmacodec
done_testing
