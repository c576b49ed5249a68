#!/bin/sh
# cmvm: smoke
# cmvm: cost 88
# Encode -> decode round trips through cmacodec with v4l2-ctl, for several
# raw formats; the decoded frames must be close to the
# input (PSNR) and the stream must be a valid FWHT stream.  Streams are
# stored with v4l2-ctl's per-buffer headers (--stream-to-hdr), one frame
# per OUTPUT buffer; the plain-file check below feeds the decoder a
# continuous byte stream instead.  (DMABUF import/export is covered by
# 20-cmacodec-compliance.)
. "$(dirname "$0")/lib.sh"

W=320
H=240
N=10
MIN_DB=${CMACODEC_MIN_PSNR:-28}

# gstreamer name, V4L2 fourcc, bytes per frame at WxH
FORMATS="I420:YU12:$((W * H * 3 / 2))
NV12:NV12:$((W * H * 3 / 2))
YUY2:YUYV:$((W * H * 2))
RGB:RGB3:$((W * H * 3))
GRAY8:GREY:$((W * H))"

plan $((1 + 4 * 5 + 3))

check "modprobe cmacodec" modprobe cmacodec
enc=$(video_node_by_name cmacodec-enc)
dec=$(video_node_by_name cmacodec-dec)
diag "encoder $enc decoder $dec"
cd /tmp || exit 1

# roundtrip GST FOURCC FRAME_BYTES [extra v4l2-ctl args for both sides]
roundtrip() {
	gst=$1 cc=$2 fb=$3
	shift 3
	in=in-$cc.raw fwht=out-$cc.fwht outf=dec-$cc.raw
	rm -f "$in" "$fwht" "$outf"
	gst-launch-1.0 -q videotestsrc num-buffers=$N pattern=smpte \
		! "video/x-raw,format=$gst,width=$W,height=$H" \
		! filesink location="$in" </dev/null >&2 2>&1
	v4l2-ctl -d "$enc" \
		--set-fmt-video-out=width=$W,height=$H,pixelformat=$cc \
		--stream-out-mmap --stream-mmap "$@" \
		--stream-from="$in" --stream-to-hdr="$fwht" </dev/null >&2 2>&1
	tap $? "$cc: encode $N frames of ${W}x$H"
	head -c 64 "$fwht" | od -An -tx1 | tr -d ' \n' | grep -q 4f4f4f4fffffffff
	tap $? "$cc: the first frame starts with the FWHT magic"
	v4l2-ctl -d "$dec" --set-fmt-video-out=pixelformat=FWHT \
		--set-fmt-video=pixelformat=$cc \
		--stream-out-mmap --stream-mmap "$@" \
		--stream-from-hdr="$fwht" --stream-to="$outf" </dev/null >&2 2>&1
	tap $? "$cc: decode"
	diag "$cc: $(stat -c %s "$fwht") bytes coded; $(cmacodec-psnr "$in" "$outf" --frame "$fb" 2>&1)"
	cmacodec-psnr "$in" "$outf" --frame "$fb" --min "$MIN_DB" >&2 2>&1
	tap $? "$cc: decoded $N frames, worst frame PSNR >= $MIN_DB dB"
}

while IFS=: read -r gst cc fb; do
	roundtrip "$gst" "$cc" "$fb"
done <<EOF
$FORMATS
EOF

# A plain FWHT file (frames back to back, no per-buffer headers) is a
# continuous byte stream: OUTPUT buffers cut frames anywhere.
v4l2-ctl -d "$enc" --set-fmt-video-out=width=$W,height=$H,pixelformat=YU12 \
	--stream-out-mmap --stream-mmap --stream-from=in-YU12.raw \
	--stream-to=plain.fwht </dev/null >&2 2>&1
v4l2-ctl -d "$dec" --set-fmt-video-out=pixelformat=FWHT,sizeimage=16384 \
	--set-fmt-video=pixelformat=YU12 --stream-out-mmap --stream-mmap \
	--stream-from=plain.fwht --stream-to=plain-dec.raw </dev/null >&2 2>&1
tap $? "YU12: decode a plain FWHT file through 16 KiB OUTPUT buffers"
cmacodec-psnr in-YU12.raw plain-dec.raw --frame $((W * H * 3 / 2)) \
	--min "$MIN_DB" >&2 2>&1
tap $? "YU12: all $N frames decoded from the byte stream, PSNR >= $MIN_DB dB"

# Drain: the encoder's last CAPTURE buffer is flagged LAST and EOS is
# signalled (v4l2-ctl stops on it, so a clean exit within the timeout)
timeout 60 v4l2-ctl -d "$enc" \
	--set-fmt-video-out=width=$W,height=$H,pixelformat=YU12 \
	--stream-out-mmap --stream-mmap --stream-from=in-YU12.raw \
	--stream-to=/dev/null </dev/null >&2 2>&1
tap $? "encoder drains to EOS at the end of the input"

rmmod cmacodec
done_testing
