#!/bin/sh
# GStreamer through cmacodec beyond the smoke test: sizes and formats,
# zero-copy raw frames between decoder and encoder, a resolution change
# mid-stream, and the CPU time of 1080p with MMAP vs DMABUF (reported).
. "$(dirname "$0")/lib.sh"
. "$CMACODEC_TOP/gst-tests/lib.sh"
. "$CMACODEC_TOP/gst-tests/codec.sh"

plan 39
gst_codec_setup                                        # 3
gst_codec_mmap_batch I420:1280x720 GRAY8:640x480       # 1 + 4 + 4 = 9
gst_codec_dmabuf_batch frames                          # 2 + 4
gst_codec_caps_change                                  # 6
# formats beyond I420/GREY, and a size that is not a multiple of 8
gst_codec_formats formats 200 NV12:320x240 YUY2:320x240 BGRx:320x240  # 1 + 6
gst_codec_formats odd 200 I420:324x244 RGB:320x240                    # 1 + 4
gst_codec_cpu 5                                        # 2
check "rmmod cmacodec" rmmod cmacodec
done_testing
