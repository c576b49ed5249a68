#!/bin/sh
# cmvm: cost 76
# Interoperability with the kernel's vicodec: cmacodec's stream decodes in
# vicodec and vice versa, each decode byte-identical to the one by the
# stream's own driver, and both encoders produce the same bytes.
# Streams are stored with v4l2-ctl's per-buffer headers, one frame per
# OUTPUT buffer, which both decoders take.
. "$(dirname "$0")/lib.sh"

# vicodec's smallest size is 640x360.  640x368 needs no padding in 4:2:0;
# 640x360 does: both drivers round the OUTPUT format up to 16 lines and
# default the crop to all of it (dev-encoder.rst), so the crop is set to
# the visible size and the streams say 640x360.
SIZES="640x368 640x360"
N=8
MIN_DB=${CMACODEC_MIN_PSNR:-28}

plan $((1 + 2 * 12))

check "modprobe cmacodec vicodec" modprobe -a cmacodec vicodec
enc=$(video_node_by_name cmacodec-enc)
dec=$(video_node_by_name cmacodec-dec)
venc=$(video_node_by_name stateful-encoder)
vdec=$(video_node_by_name stateful-decoder)
diag "cmacodec $enc $dec, vicodec $venc $vdec"
cd /tmp || exit 1

# encode DEV IN OUT, decode DEV IN OUT (W and H set by interop)
encode() {
	v4l2-ctl -d "$1" --set-fmt-video-out=width=$W,height=$H,pixelformat=YU12 \
		--set-selection-output=target=crop,width=$W,height=$H \
		--stream-out-mmap --stream-mmap --stream-from="$2" \
		--stream-to-hdr="$3" </dev/null >&2 2>&1
}
decode() {
	v4l2-ctl -d "$1" --set-fmt-video-out=pixelformat=FWHT \
		--set-fmt-video=pixelformat=YU12 \
		--stream-out-mmap --stream-mmap --stream-from-hdr="$2" \
		--stream-to="$3" </dev/null >&2 2>&1
}
# psnr_ok SRC DECODED DESC
psnr_ok() {
	diag "$3: $(cmacodec-psnr "$1" "$2" --frame $FB 2>&1)"
	cmacodec-psnr "$1" "$2" --frame $FB --min "$MIN_DB" >&2 2>&1
	tap $? "$3: worst frame PSNR >= $MIN_DB dB"
}
same() { # A B DESC
	cmp "$1" "$2" >&2
	tap $? "$3"
}

# interop WxH: the 12 checks at one size
interop() {
	W=${1%x*} H=${1#*x}
	FB=$((W * H * 3 / 2))
	s=$1
	gst-launch-1.0 -q videotestsrc num-buffers=$N pattern=smpte \
		! "video/x-raw,format=I420,width=$W,height=$H" \
		! filesink location=in-$s.raw </dev/null >&2 2>&1
	tap "$([ "$(stat -c %s in-$s.raw)" = $((FB * N)) ]; echo $?)" "$s: input clip"

	check "$s: cmacodec encodes" encode "$enc" in-$s.raw cma-$s.fwht
	check "$s: vicodec encodes" encode "$venc" in-$s.raw vic-$s.fwht
	check "$s: vicodec decodes cmacodec's stream" decode "$vdec" cma-$s.fwht cma-by-vic-$s.raw
	psnr_ok in-$s.raw cma-by-vic-$s.raw "$s: cmacodec -> vicodec"
	check "$s: cmacodec decodes vicodec's stream" decode "$dec" vic-$s.fwht vic-by-cma-$s.raw
	psnr_ok in-$s.raw vic-by-cma-$s.raw "$s: vicodec -> cmacodec"
	# Bit-exact: a stream decodes to the same bytes whichever driver decodes it
	check "$s: cmacodec decodes its own stream" decode "$dec" cma-$s.fwht cma-by-cma-$s.raw
	same cma-by-cma-$s.raw cma-by-vic-$s.raw \
		"$s: cmacodec's stream: vicodec's decode is byte-identical to cmacodec's"
	check "$s: vicodec decodes its own stream" decode "$vdec" vic-$s.fwht vic-by-vic-$s.raw
	same vic-by-vic-$s.raw vic-by-cma-$s.raw \
		"$s: vicodec's stream: cmacodec's decode is byte-identical to vicodec's"
	od -An -tx1 -N 64 cma-$s.fwht >&2
	od -An -tx1 -N 64 vic-$s.fwht >&2
	same cma-$s.fwht vic-$s.fwht "$s: cmacodec's stream is byte-identical to vicodec's"
}

for size in $SIZES; do
	interop "$size"
done

rmmod cmacodec vicodec
done_testing
