#!/bin/sh
# cmvm: cost 195
# The driver's promises at the edges: four instances at once, full-HD and
# odd sizes, the QP ladder, corrupted streams, a too-small imported DMABUF
# and CMA exhaustion - each failing cleanly and leaving the device usable.
. "$(dirname "$0")/lib.sh"

MIN_DB=28
plan 26

check "modprobe cmacodec" modprobe cmacodec
enc=$(cmacodec_node enc)
dec=$(cmacodec_node dec)
cd /tmp || exit 1

gen() { # gen GST_FORMAT W H FRAMES FILE
	gst-launch-1.0 -q videotestsrc num-buffers="$4" pattern=smpte \
		! "video/x-raw,format=$1,width=$2,height=$3" \
		! filesink location="$5" </dev/null >&2 2>&1
}

# rt NAME FOURCC W H FILE [encoder args...]: encode FILE, decode it back
# to NAME.dec; the caller checks the result
rt() {
	_n=$1 _cc=$2 _w=$3 _h=$4 _in=$5
	shift 5
	v4l2-ctl -d "$enc" --set-fmt-video-out=width=$_w,height=$_h,pixelformat=$_cc \
		"$@" --stream-out-mmap --stream-mmap --stream-from="$_in" \
		--stream-to-hdr="$_n.fwht" </dev/null >"$_n.log" 2>&1 &&
	v4l2-ctl -d "$dec" --set-fmt-video=pixelformat=$_cc --stream-out-mmap \
		--stream-mmap --stream-from-hdr="$_n.fwht" --stream-to="$_n.dec" \
		</dev/null >>"$_n.log" 2>&1
	_rc=$?
	cat "$_n.log" >&2
	return $_rc
}

# --- four instances at once --------------------------------------------------
gen I420 320 240 6 i420.raw
gen NV12 352 288 6 nv12.raw
gen YUY2 176 144 6 yuyv.raw
gen RGB 200 120 6 rgb.raw
rt inst1 YU12 320 240 i420.raw & p1=$!
rt inst2 NV12 352 288 nv12.raw & p2=$!
rt inst3 YUYV 176 144 yuyv.raw & p3=$!
rt inst4 RGB3 200 120 rgb.raw & p4=$!
ok4=0
wait $p1 || ok4=1
wait $p2 || ok4=1
wait $p3 || ok4=1
wait $p4 || ok4=1
tap $ok4 "four encode+decode sessions at once all complete"
q=0
cmacodec-psnr i420.raw inst1.dec --frame $((320 * 240 * 3 / 2)) --min $MIN_DB >&2 2>&1 || q=1
cmacodec-psnr nv12.raw inst2.dec --frame $((352 * 288 * 3 / 2)) --min $MIN_DB >&2 2>&1 || q=1
cmacodec-psnr yuyv.raw inst3.dec --frame $((176 * 144 * 2)) --min $MIN_DB >&2 2>&1 || q=1
cmacodec-psnr rgb.raw inst4.dec --frame $((200 * 120 * 3)) --min $MIN_DB >&2 2>&1 || q=1
tap $q "each of the four outputs matches its own source (PSNR >= $MIN_DB dB)"

# --- full HD and a size that is not a multiple of 16 ------------------------
# Buffers have the coded size (16-aligned: 1920x1088 for both sizes here)
# with the picture in the crop/compose rectangle, and v4l2-ctl moves whole
# buffers: the clip is made at the buffer size, and the visible parts of
# source and result are compared.
gen I420 1920 1088 2 hd.raw
for vis in 1920x1080 1912x1076; do
	vw=${vis%x*} vh=${vis#*x}
	rt "hd$vw" YU12 "$vw" "$vh" hd.raw
	tap $? "$vis YU12 round trip (buffers 1920x1088)"
	cmacodec-crop hd.raw "src$vw.vis" "$vw" "$vh" 1920 1088 >&2 2>&1 &&
		cmacodec-crop "hd$vw.dec" "hd$vw.vis" "$vw" "$vh" 1920 1088 >&2 2>&1 &&
		cmacodec-psnr "src$vw.vis" "hd$vw.vis" --frame $((vw * vh * 3 / 2)) \
			--min $MIN_DB >&2 2>&1
	tap $? "$vis: the visible picture, PSNR >= $MIN_DB dB"
done

# --- the QP ladder: quality falls as QP rises, each above its floor ----------
prev=1000
ladder=0
for qp_db in 1:40 8:30 20:24; do
	qp=${qp_db%:*} floor=${qp_db#*:}
	rt "qp$qp" YU12 320 240 i420.raw \
		--set-ctrl=fwht_i_frame_qp_value=$qp,fwht_p_frame_qp_value=$qp
	tap $? "QP $qp round trip"
	db=$(cmacodec-psnr i420.raw "qp$qp.dec" --frame $((320 * 240 * 3 / 2)) 2>&1 |
		sed -n 's/.*worst_frame=\([0-9]*\).*/\1/p')
	diag "QP $qp: worst frame ${db:-?} dB (floor $floor dB)"
	tap "$([ "${db:-0}" -ge "$floor" ]; echo $?)" "QP $qp: worst frame >= $floor dB"
	[ "${db:-0}" -le "$prev" ] || ladder=1
	prev=${db:-0}
done
tap $ladder "PSNR does not rise with QP"

# --- corrupted stream: ERROR on the bad frame, the rest decodes --------------
FB=$((320 * 240 * 3 / 2))
rt clean YU12 320 240 i420.raw --set-ctrl=video_gop_size=1 >/dev/null 2>&1
# the 3rd frame's header claims a 64-byte payload: the decoder runs out of
# coefficients (a truncated frame), then hunts for the next frame's magic
off=$(LC_ALL=C grep -obUaP '\x4f\x4f\x4f\x4f\xff\xff\xff\xff' clean.fwht |
	sed -n 3p | cut -d: -f1)
cp clean.fwht bad.fwht
printf '\000\000\000\100' | dd of=bad.fwht bs=1 seek=$((off + 40)) conv=notrunc 2>/dev/null
diag "frame 3 at byte ${off:-?}; $(cmp -l clean.fwht bad.fwht | wc -l) bytes changed"
v4l2-ctl -d "$dec" --set-fmt-video=pixelformat=YU12 --stream-out-mmap \
	--stream-mmap --stream-from-hdr=bad.fwht --stream-to=bad.dec --verbose \
	</dev/null >bad.log 2>&1
rc=$?
grep -E "VIDIOC_DQBUF|error" bad.log >&2
tap $rc "decoding a stream with a corrupted frame ends normally"
grep -Eq "[(, ]error[,)]" bad.log
tap $? "the corrupted frame's CAPTURE buffer has the ERROR flag"
tail -c $FB bad.dec >bad.last
tail -c $FB i420.raw >src.last
cmacodec-psnr src.last bad.last --frame $FB --min $MIN_DB >&2 2>&1
tap $? "the frames after it decode correctly (last frame PSNR >= $MIN_DB dB)"

# --- imported DMABUF too small; CMA exhausted ---------------------------------
heap=$(cma_heap_path)
tap_from cmacodec-edge small-dmabuf "$enc" "$heap"
base=$(cma_used_kb)
tap_from cmacodec-edge exhaust "$enc"
tap "$([ "$(cma_used_kb)" -eq "$base" ]; echo $?)" "CMA use back to $base KiB after the exhaustion"
rt after YU12 320 240 i420.raw
tap $? "the device works after all of the above"

check "rmmod cmacodec" rmmod cmacodec
done_testing
