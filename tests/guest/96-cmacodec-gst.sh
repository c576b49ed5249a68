#!/bin/sh
# GStreamer finds cmacodec's nodes (v4l2fwhtenc/v4l2fwhtdec) and encodes
# and decodes through them with MMAP on every queue and with DMABUF
# between encoder and decoder, proving which memory path was taken
# (gst-tests/, docs/testing.md).
. "$(dirname "$0")/lib.sh"
. "$CMACODEC_TOP/gst-tests/lib.sh"
. "$CMACODEC_TOP/gst-tests/codec.sh"

plan 17
gst_codec_setup                          # 3
gst_codec_mmap_batch I420:320x240        # 1 + 2 + 4
gst_codec_dmabuf_batch bitstream         # 2 + 4
check "rmmod cmacodec" rmmod cmacodec
done_testing
