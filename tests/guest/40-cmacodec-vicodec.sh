#!/bin/sh
# Interoperability with the kernel's vicodec: cmacodec's stream decodes in
# vicodec and vice versa, and both encoders produce the same bytes.
# Streams are stored with v4l2-ctl's per-buffer headers, one frame per
# buffer (cmacodec's decoder needs that; vicodec accepts it).
. "$(dirname "$0")/lib.sh"

# vicodec's smallest size is 640x360; 368 is the next height that needs no
# padding in 4:2:0 (both drivers round the coded height up to 16)
W=640
H=368
N=8
FB=$((W * H * 3 / 2))
MIN_DB=${CMACODEC_MIN_PSNR:-28}

plan 9

check "modprobe cmacodec vicodec" modprobe -a cmacodec vicodec
enc=$(video_node_by_name cmacodec-enc)
dec=$(video_node_by_name cmacodec-dec)
venc=$(video_node_by_name stateful-encoder)
vdec=$(video_node_by_name stateful-decoder)
diag "cmacodec $enc $dec, vicodec $venc $vdec"
cd /tmp || exit 1

gst-launch-1.0 -q videotestsrc num-buffers=$N pattern=smpte \
	! "video/x-raw,format=I420,width=$W,height=$H" \
	! filesink location=vi-in.raw </dev/null >&2 2>&1
tap "$([ "$(stat -c %s vi-in.raw)" = $((FB * N)) ]; echo $?)" "input clip"

# encode DEV OUT, decode DEV IN OUT
encode() {
	v4l2-ctl -d "$1" --set-fmt-video-out=width=$W,height=$H,pixelformat=YU12 \
		--stream-out-mmap --stream-mmap --stream-from=vi-in.raw \
		--stream-to-hdr="$2" </dev/null >&2 2>&1
}
decode() {
	v4l2-ctl -d "$1" --set-fmt-video-out=pixelformat=FWHT \
		--set-fmt-video=pixelformat=YU12 \
		--stream-out-mmap --stream-mmap --stream-from-hdr="$2" \
		--stream-to="$3" </dev/null >&2 2>&1
}
psnr_ok() {
	diag "$2: $(cmacodec-psnr vi-in.raw "$1" --frame $FB 2>&1)"
	cmacodec-psnr vi-in.raw "$1" --frame $FB --min "$MIN_DB" >&2 2>&1
	tap $? "$2: worst frame PSNR >= $MIN_DB dB"
}

check "cmacodec encodes" encode "$enc" cma.fwht
check "vicodec encodes" encode "$venc" vic.fwht
check "vicodec decodes cmacodec's stream" decode "$vdec" cma.fwht cma-by-vic.raw
psnr_ok cma-by-vic.raw "cmacodec -> vicodec"
check "cmacodec decodes vicodec's stream" decode "$dec" vic.fwht vic-by-cma.raw
psnr_ok vic-by-cma.raw "vicodec -> cmacodec"
od -An -tx1 -N 64 cma.fwht >&2
od -An -tx1 -N 64 vic.fwht >&2
tap "$(cmp cma.fwht vic.fwht >&2; echo $?)" \
	"cmacodec's stream is byte-identical to vicodec's"

rmmod cmacodec vicodec
done_testing
