#!/bin/sh
# cmvm: cost 222
# GStreamer through cmacodec beyond the smoke test (96): zero-copy raw
# frames from a decoder into a second encoder over DMABUF, a resolution
# change mid-stream (live and from recorded files), BGRx and RGB
# sources, and the CPU time of a 1080p encode+decode with MMAP vs DMABUF
# (diagnostics only).  gst-tests/codec.sh, docs/testing.md.
. "$(dirname "$0")/lib.sh"
. "$CMACODEC_TOP/gst-tests/lib.sh"
. "$CMACODEC_TOP/gst-tests/codec.sh"

# elapsed PART: a diagnostic of the seconds since the test started, for
# the time budget of the 6.12 run (docs/testing.md)
read -r _t0 _ </proc/uptime
elapsed() {
	read -r _t _ </proc/uptime
	diag "97: $1 done at $((${_t%.*} - ${_t0%.*})) s"
}

plan 22
gst_codec_setup                                              # 3
elapsed setup
gst_codec_dmabuf_batch frames BGRx:320x240 RGB:320x240       # 2 + 4 + 2 * 2
elapsed "dmabuf frames and formats"
gst_codec_caps_change                                        # 6
elapsed "caps change"
gst_codec_cpu 5                                              # 2
elapsed cpu
check "rmmod cmacodec" rmmod cmacodec
done_testing
