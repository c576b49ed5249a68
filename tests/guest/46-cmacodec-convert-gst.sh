#!/bin/sh
# cmvm: cost 140
# GStreamer and the converter node: discovered as v4l2convert without any
# configuration; conversion and scaling checked against GStreamer's
# software reference (videoconvert ! videoscale method=bilinear) by PSNR;
# chained with the encoder and decoder with DMABUF between the converter
# and the encoder, proven by the driver's list of held buffers (debugfs
# cmacodec/buffers marks the encoder's OUTPUT buffers "imported").
# Pipelines: gst-tests/convert.sh.
. "$(dirname "$0")/lib.sh"
. "$CMACODEC_TOP/gst-tests/lib.sh"
. "$CMACODEC_TOP/gst-tests/convert.sh"
plan 13

# another converter (vim2m) would take the name v4l2convert
modprobe -r vim2m 2>/dev/null
check "modprobe cmacodec" modprobe cmacodec
conv=$(cmacodec_node conv)
gst_fresh_registry
gst-inspect-1.0 v4l2convert >/tmp/gst-inspect-conv.txt 2>&1
cat /tmp/gst-inspect-conv.txt >&2
grep -q "$conv" /tmp/gst-inspect-conv.txt
tap $? "GStreamer discovers the converter as v4l2convert (device $conv)"

gst_vs_sw nv12-bgrx "video/x-raw,format=NV12,width=640,height=360" \
	"video/x-raw,format=BGRx,width=320,height=180" 3 30
tap $? "NV12 640x360 -> BGRx 320x180 matches videoconvert/videoscale (PSNR >= 30 dB every frame)"
gst_vs_sw i420-yuy2 "video/x-raw,format=I420,width=320,height=240" \
	"video/x-raw,format=YUY2,width=320,height=240" 3 35
tap $? "I420 -> YUY2 320x240 matches videoconvert (PSNR >= 35 dB)"
gst_vs_sw bgrx-nv12 "video/x-raw,format=BGRx,width=320,height=240" \
	"video/x-raw,format=NV12,width=640,height=480" 3 30
tap $? "BGRx 320x240 -> NV12 640x480 (upscale) matches videoconvert/videoscale (PSNR >= 30 dB)"
gst_vs_sw yuy2-gray "video/x-raw,format=YUY2,width=320,height=240" \
	"video/x-raw,format=GRAY8,width=160,height=120" 3 30
tap $? "YUY2 320x240 -> GRAY8 160x120 matches videoconvert/videoscale (PSNR >= 30 dB)"

# chain NAME CONV-CAPTURE-IO ENC-OUTPUT-IO: a live 10 fps source (so the
# pipeline runs long enough to sample what the driver holds) through the
# converter, the encoder and the decoder
chain() {
	gst_run_sampling "chain-$1" \
		videotestsrc is-live=true num-buffers=20 pattern=smpte \
		! "video/x-raw,format=BGRx,width=320,height=240,framerate=10/1" \
		! v4l2convert capture-io-mode="$2" ! "video/x-raw,format=I420" \
		! v4l2fwhtenc output-io-mode="$3" ! v4l2fwhtdec \
		! "video/x-raw,format=I420" ! filesink location="/tmp/chain-$1.yuv"
}
gst_run chain-ref videotestsrc num-buffers=20 pattern=smpte \
	! "video/x-raw,format=BGRx,width=320,height=240" ! videoconvert \
	! "video/x-raw,format=I420" ! filesink location=/tmp/chain-ref.yuv

F=$((320 * 240 * 3 / 2))
chain dmabuf dmabuf dmabuf-import &&
	[ "$(stat -c %s /tmp/chain-dmabuf.yuv)" -eq $((20 * F)) ]
tap $? "BGRx -> v4l2convert -> DMABUF -> v4l2fwhtenc -> v4l2fwhtdec reaches EOS with all 20 frames"
imp=$(gst_mem_rows cmacodec-enc output imported)
all=$(gst_mem_rows cmacodec-enc output)
diag "dmabuf chain: encoder OUTPUT buffers seen $all, imported $imp"
[ "$imp" -gt 0 ] && [ "$imp" = "$all" ]
tap $? "the encoder's OUTPUT buffers were the converter's imported dma-bufs (debugfs buffers)"
chain mmap mmap mmap
tap $? "the same chain with MMAP on both sides reaches EOS"
imp=$(gst_mem_rows cmacodec-enc output imported)
all=$(gst_mem_rows cmacodec-enc output)
diag "mmap chain: encoder OUTPUT buffers seen $all, imported $imp"
[ "$all" -gt 0 ] && [ "$imp" = 0 ]
tap $? "with MMAP the encoder's OUTPUT buffers are its own (the DMABUF check can fail)"
cmp /tmp/chain-dmabuf.yuv /tmp/chain-mmap.yuv >&2
tap $? "DMABUF and MMAP chains give byte-identical frames"
# the FWHT codec at its default QP (20) costs most of the PSNR here; the
# conversion alone is checked against videoconvert above
cmacodec-psnr /tmp/chain-mmap.yuv /tmp/chain-ref.yuv --frame $F --min 22 >&2
tap $? "the chain's frames are the source's (PSNR >= 22 dB vs videoconvert, FWHT at QP 20)"

check "rmmod cmacodec" rmmod cmacodec
done_testing
