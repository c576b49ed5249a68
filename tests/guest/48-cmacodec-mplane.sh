#!/bin/sh
# cmvm: cost 135
# cmvm: smoke
# multiplanar=1: every node offers the *_MPLANE buffer types and the
# formats with one buffer per colour plane (NV12M, YUV420M, ...).
# v4l2-compliance on the four nodes (streaming on the encoder, the decoder
# and the converter), then the same jobs in both modes: the encoder fed NV12M
# writes the stream it writes from NV12, the decoders write NV12M and
# YUV420M frames with the bytes of NV12 and YU12 ones, the converter's
# NV12M -> YUV420M is its NV12 -> YU12.  v4l2-ctl reads and writes a
# multi-planar frame plane after plane, which for these formats is the
# contiguous frame's layout, so the files compare directly.  The memory
# accounting lists each plane of a multi-planar buffer (cmacodec-memcheck).
. "$(dirname "$0")/lib.sh"

W=320 H=240 N=6
FB=$((W * H * 3 / 2))

plan 29

cd /tmp || exit 1
gen_clip NV12 $W $H $N in.nv12
tap "$([ "$(stat -c %s in.nv12)" = $((FB * N)) ]; echo $?)" "input clip"

# nodes: the four nodes of the loaded module
nodes() {
	enc=$(cmacodec_node enc) && dec=$(cmacodec_node dec) &&
		conv=$(cmacodec_node conv) && sl=$(cmacodec_node stateless-dec)
}

# jobs MODE RAW420 RAW420P: encode, decode twice, convert, decode statelessly
jobs() {
	_m=$1 _nv=$2 _yu=$3
	v4l2-ctl -d "$enc" --set-fmt-video-out=width=$W,height=$H,pixelformat=$_nv \
		--stream-out-mmap --stream-mmap --stream-from=in.nv12 \
		--stream-to-hdr="$_m.hdr" </dev/null >&2 2>&1 &&
	v4l2-ctl -d "$dec" --set-fmt-video-out=pixelformat=FWHT \
		--set-fmt-video=pixelformat=$_nv --stream-out-mmap --stream-mmap \
		--stream-from-hdr="$_m.hdr" --stream-to="$_m.dec.nv12" \
		</dev/null >&2 2>&1 &&
	v4l2-ctl -d "$dec" --set-fmt-video-out=pixelformat=FWHT \
		--set-fmt-video=pixelformat=$_yu --stream-out-mmap --stream-mmap \
		--stream-from-hdr="$_m.hdr" --stream-to="$_m.dec.yu12" \
		</dev/null >&2 2>&1 &&
	v4l2-ctl -d "$conv" --set-fmt-video-out=width=$W,height=$H,pixelformat=$_nv \
		--set-fmt-video=width=$W,height=$H,pixelformat=$_yu \
		--stream-out-mmap --stream-mmap --stream-from=in.nv12 \
		--stream-to="$_m.conv.yu12" </dev/null >&2 2>&1 &&
	v4l2-ctl -d "$sl" --set-fmt-video=width=$W,height=$H,pixelformat=$_nv \
		--stream-out-mmap --stream-mmap --stream-from-hdr="$_m.hdr" \
		--stream-to="$_m.sl.nv12" </dev/null >&2 2>&1
}

# the single-planar reference
check "modprobe cmacodec (single-planar)" modprobe cmacodec
nodes
check "single-planar: encode NV12, decode to NV12 and YU12, convert, decode statelessly" \
	jobs sp NV12 YU12
rmmod cmacodec

check "modprobe cmacodec multiplanar=1" modprobe cmacodec multiplanar=1
nodes
tap $? "four nodes ($enc $dec $conv $sl)"
n=0
for d in $enc $dec $conv $sl; do
	v4l2-ctl -d "$d" --info 2>&1 | grep -q "Video Memory-to-Memory Multiplanar" &&
		n=$((n + 1))
done
tap "$([ $n -eq 4 ]; echo $?)" "all four nodes are multi-planar mem2mem devices ($n)"
v4l2-ctl -d "$enc" --list-formats-out >/tmp/mp-fmts.txt 2>&1
cat /tmp/mp-fmts.txt >&2
nm=0
for f in NM12 NM21 NM16 NM61 YM12 YM21 YM16; do
	grep -q "'$f'" /tmp/mp-fmts.txt && nm=$((nm + 1))
done
tap "$([ $nm -eq 7 ]; echo $?)" "the encoder lists the 7 formats with a buffer per plane ($nm)"

compliance "multiplanar encoder, -s 10" -d "$enc" -s 10
gen_clip I420 $W $H 4 c.raw
v4l2-ctl -d "$enc" --set-fmt-video-out=width=$W,height=$H,pixelformat=YU12 \
	--stream-out-mmap --stream-mmap --stream-from=c.raw \
	--stream-to-hdr=c.hdr </dev/null >&2 2>&1
compliance "multiplanar decoder, -s 10 --stream-from-hdr" -d "$dec" -s 10 \
	--stream-from-hdr c.hdr
compliance "multiplanar converter, -s 10" -d "$conv" -s 10
compliance "multiplanar stateless decoder" -d "$sl"
# the memory accounting: a record per plane (planes are separate allocations)
tap_from cmacodec-memcheck mplane "$enc" 2 "$(cma_area_dir)"

check "multiplanar: encode NV12M, decode to NV12M and YUV420M, convert, decode statelessly" \
	jobs mp NM12 YM12
same() { # A B DESC
	[ "$(stat -c %s "$1")" = "$(stat -c %s "$2")" ] && [ -s "$1" ] &&
		cmp "$1" "$2" >&2
	tap $? "$3"
}
same sp.hdr mp.hdr "the encoder's stream from NV12M is its stream from NV12"
same sp.dec.nv12 mp.dec.nv12 "the decoder's NV12M frames are its NV12 frames"
same sp.dec.yu12 mp.dec.yu12 "the decoder's YUV420M frames are its YU12 frames"
same sp.conv.yu12 mp.conv.yu12 "the converter's NV12M -> YUV420M is its NV12 -> YU12"
same sp.sl.nv12 mp.sl.nv12 "the stateless decoder's NV12M frames are its NV12 frames"
tap "$([ "$(stat -c %s mp.dec.nv12)" = $((FB * N)) ]; echo $?)" \
	"$N decoded frames of $FB bytes"
diag "$(cmacodec-psnr in.nv12 mp.dec.nv12 --frame $FB 2>&1)"
cmacodec-psnr in.nv12 mp.dec.nv12 --frame $FB --min 28 >&2 2>&1
tap $? "multi-planar round trip: PSNR >= 28 dB"
check "rmmod" rmmod cmacodec

done_testing
