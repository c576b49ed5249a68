#!/bin/sh
# cmvm: cost 320
# GStreamer finds cmacodec's nodes (v4l2fwhtenc/v4l2fwhtdec) and encodes
# and decodes through them with MMAP on every queue (4:2:0 sizes that are
# not multiples of 16, NV12 and YUY2 sources too) and with DMABUF between
# encoder and decoder, proving which memory path was taken (gst-tests/,
# docs/testing.md).
. "$(dirname "$0")/lib.sh"
. "$CMACODEC_TOP/gst-tests/lib.sh"
. "$CMACODEC_TOP/gst-tests/codec.sh"

plan 26
gst_codec_setup                          # 3
gst_codec_framesizes                     # 1
gst_codec_mmap_batch I420:320x240 I420:200x100:NV12 I420:322x242:NV12 \
	NV12:320x240 YUY2:322x242        # 1 + 2 * 5 + 4
gst_codec_dmabuf_batch bitstream         # 2 + 4
check "rmmod cmacodec" rmmod cmacodec
done_testing
