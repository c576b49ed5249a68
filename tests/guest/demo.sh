#!/bin/sh
# The demo run by `make demo` inside the VM: load cmacodec, push a clip
# through its encoder and decoder with v4l2-ctl and with GStreamer, and tell
# what happened.  Ends with "demo: OK" or "demo: FAILED ...".
. "$(dirname "$0")/lib.sh"
w=640 h=480 n=30
frame=$((w * h * 3 / 2))
fail() { echo "demo: FAILED: $*"; exit 1; }

echo "== kernel $(uname -r); CMA: $(grep -E '^Cma(Total|Free)' /proc/meminfo | tr -s ' ' | paste -sd' ')"
before=$(cma_used_kb)
modprobe cmacodec || fail "modprobe cmacodec"
enc=$(cmacodec_node enc) || fail "no cmacodec encoder node"
dec=$(cmacodec_node dec) || fail "no cmacodec decoder node"
echo "== cmacodec loaded: encoder $enc, decoder $dec"
v4l2-ctl -z platform:cmacodec --list-devices 2>/dev/null

echo "== a ${w}x$h I420 clip of $n frames from videotestsrc"
gst-launch-1.0 -q videotestsrc num-buffers=$n pattern=ball \
	! video/x-raw,format=I420,width=$w,height=$h ! filesink location=/tmp/clip.yu12 ||
	fail "making the clip"

echo "== v4l2-ctl: encode (MMAP) -> /tmp/clip.fwht"
cma_sampler_start /tmp/cma.enc
v4l2-ctl -d "$enc" --set-fmt-video-out=width=$w,height=$h,pixelformat=YU12 \
	--set-fmt-video=pixelformat=FWHT --stream-mmap --stream-out-mmap \
	--stream-from=/tmp/clip.yu12 --stream-to=/tmp/clip.fwht --stream-count=$n ||
	fail "v4l2-ctl encode"
cma_sampler_stop
echo "   $n frames, $(stat -c %s /tmp/clip.yu12) raw bytes -> $(stat -c %s /tmp/clip.fwht) compressed"

echo "== v4l2-ctl: decode (MMAP) -> /tmp/clip.dec.yu12"
cma_sampler_start /tmp/cma.dec
v4l2-ctl -d "$dec" --set-fmt-video=pixelformat=YU12 --stream-mmap --stream-out-mmap \
	--stream-from=/tmp/clip.fwht --stream-to=/tmp/clip.dec.yu12 ||
	fail "v4l2-ctl decode"
cma_sampler_stop
echo "   decoded $(($(stat -c %s /tmp/clip.dec.yu12) / frame)) frames; quality vs the clip:"
cmacodec-psnr /tmp/clip.yu12 /tmp/clip.dec.yu12 --frame $frame --min 30 ||
	fail "decoded frames differ from the clip"

echo "== GStreamer: the clip ! v4l2fwhtenc ! v4l2fwhtdec (cmacodec's nodes)"
gst-inspect-1.0 video4linux2 2>/dev/null | grep -E 'v4l2.*fwht' | sed 's/^/   /'
# GStreamer's v4l2 elements only accept caps that carry a colorimetry, and
# rawvideoparse sets none unless told.
gst-launch-1.0 -q filesrc location=/tmp/clip.yu12 blocksize=$frame \
	! rawvideoparse format=i420 width=$w height=$h framerate=30/1 \
		colorimetry=bt601 \
	! v4l2fwhtenc ! v4l2fwhtdec ! video/x-raw,format=I420 \
	! filesink location=/tmp/clip.gst.yu12 || fail "GStreamer pipeline"
echo "   GStreamer decoded $(($(stat -c %s /tmp/clip.gst.yu12) / frame)) frames; quality:"
cmacodec-psnr /tmp/clip.yu12 /tmp/clip.gst.yu12 --frame $frame --min 30 ||
	fail "GStreamer output differs from the clip"

during=$(sort -n /tmp/cma.enc /tmp/cma.dec | tail -n1)
rmmod cmacodec
after=$(cma_used_kb)
echo "== CMA area $(basename "$(cma_area_dir)"): used ${before} KiB before, ${during} KiB at the peak" \
	"($(((during - before) / 1024)) MiB of buffers in CMA), ${after} KiB after"
[ "$after" = "$before" ] || fail "CMA usage did not return to its starting value"
echo "demo: OK"
