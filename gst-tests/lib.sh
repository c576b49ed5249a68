# shellcheck shell=sh
# GStreamer pipeline tests: helpers shared by the gst-tests/*.sh suites.
# Source it after tests/guest/lib.sh (it uses tap/diag/skip):
#   . /host/tests/guest/lib.sh; . /host/gst-tests/lib.sh
#
# A test is a "batch": one gst-launch-1.0 process running one or more
# branches side by side (gst-launch's start-up costs 15-40 s under TCG, so
# branches share it).  Each branch is
#   videotestsrc ! SRC caps ! tee, then
#     queue ! [REF chain !] OUT caps ! filesink ID.ref, and
#     queue ! TEST chain ! OUT caps ! filesink ID.out
# (the first tee output goes to ID.ref, the second through TEST), and is
# judged by frame count (file size) and PSNR of ID.out against ID.ref.
# Adding a pipeline is one gst_branch line, e.g. a converter checked
# against GStreamer's software reference:
#   gst_branch conv-scale 5 format=NV12,width=640,height=480 \
#       "$CONV" format=I420,width=320,height=240 "videoconvert ! videoscale"

GST_WORK=${GST_WORK:-/tmp/gst-tests}
GST_MIN_PSNR=${GST_MIN_PSNR:-28}
export GST_DEBUG_NO_COLOR=1

# gst_registry TAG: use a private registry for the devices present now.  It
# starts as a copy of the rootfs's prebuilt one (made without any video
# device), so the v4l2 plugin, which depends on /dev/video*, is always
# re-probed while the other plugins are not rescanned.  The element list
# goes to $GST_WORK/v4l2-elements.txt.
gst_registry() {
	mkdir -p "$GST_WORK"
	GST_REGISTRY=$GST_WORK/registry-$1.bin
	export GST_REGISTRY
	rm -f "$GST_REGISTRY"
	for _r in "$HOME"/.cache/gstreamer-1.0/registry.*.bin; do
		[ -f "$_r" ] && cp "$_r" "$GST_REGISTRY"
	done
	gst-inspect-1.0 video4linux2 >"$GST_WORK/v4l2-plugin.txt" 2>&2
	sed -n 's/^  \(v4l2[a-z0-9]*\): .*/\1/p' "$GST_WORK/v4l2-plugin.txt" \
		>"$GST_WORK/v4l2-elements.txt"
	cat "$GST_WORK/v4l2-plugin.txt" >&2
}

# gst_element_device ELEMENT: the device node a v4l2 m2m element drives
# (its read-only "device" property)
gst_element_device() {
	gst-inspect-1.0 "$1" 2>/dev/null | grep -A3 '^  device ' |
		sed -n 's/.*Default: "\(.*\)"/\1/p' | head -n1
}

# gst_find_element SUFFIX NODE: the element named v4l2*SUFFIX (fwhtenc,
# fwhtdec, convert) whose device is NODE.  GStreamer calls the first device
# of a kind v4l2SUFFIX and every further one v4l2videoNSUFFIX (N from
# /dev/videoN), in probe order; the name is looked up, never guessed.
gst_find_element() {
	for _e in $(grep -x "v4l2[a-z0-9]*$1" "$GST_WORK/v4l2-elements.txt"); do
		if [ "$(gst_element_device "$_e")" = "$2" ]; then
			echo "$_e"
			return 0
		fi
	done
	return 1
}

# gst_frame_bytes FORMAT W H: bytes of one frame in GStreamer's default
# layout (rows padded to 4 bytes)
gst_frame_bytes() {
	_w=$2 _h=$3
	_cw=$(((_w + 1) / 2)) _ch=$(((_h + 1) / 2))
	r4() { echo $((($1 + 3) / 4 * 4)); }
	case "$1" in
	I420 | YV12) echo $(($(r4 "$_w") * _h + 2 * $(r4 "$_cw") * _ch)) ;;
	NV12 | NV21) echo $(($(r4 "$_w") * _h + $(r4 $((2 * _cw))) * _ch)) ;;
	Y42B) echo $(($(r4 "$_w") * _h + 2 * $(r4 "$_cw") * _h)) ;;
	NV16 | NV61) echo $(($(r4 "$_w") * _h * 2)) ;;
	YUY2 | UYVY | YVYU) echo $(($(r4 $((2 * _w))) * _h)) ;;
	RGB | BGR) echo $(($(r4 $((3 * _w))) * _h)) ;;
	BGRx | BGRA | RGBx | RGBA | xRGB | ARGB | xBGR | ABGR) echo $((4 * _w * _h)) ;;
	GRAY8) echo $(($(r4 "$_w") * _h)) ;;
	*) echo 0 ;;
	esac
}

# caps_field CAPS NAME: a field of "format=I420,width=320,..."
caps_field() { echo "$1" | tr ',' '\n' | sed -n "s/^$2=//p"; }

# gst_batch_begin NAME: start collecting branches for one gst-launch run
gst_batch_begin() {
	GST_BATCH=$1
	GST_DIR=$GST_WORK/$1
	rm -rf "$GST_DIR"
	mkdir -p "$GST_DIR"
	: >"$GST_DIR/branches"
}

# GST_HOLD_US: if set, an identity sleeping that long per frame ends every
# test chain, so that the pipeline holds its buffers long enough for the
# memory sampler to see them (the io-mode batches set it).
#
# gst_branch ID FRAMES SRC_CAPS TEST_CHAIN OUT_CAPS [REF_CHAIN [PATTERN]]
# CAPS are video/x-raw fields ("format=I420,width=320,height=240"); the
# chains are gst-launch fragments ("v4l2fwhtenc ! v4l2fwhtdec"); an empty
# REF_CHAIN compares with the source itself.  PATTERN: videotestsrc's
# (default smpte; keep it deterministic).
gst_branch() {
	echo "$1|$2|$3|$4|$5|${6:-}|${7:-smpte}" >>"$GST_DIR/branches"
}

# the gst-launch description of all branches of the batch
gst_batch_pipeline() {
	while IFS='|' read -r _id _n _src _test _out _ref _pat; do
		_rf=${_ref:+$_ref !}
		printf '%s ' "videotestsrc num-buffers=$_n pattern=$_pat" \
			"! video/x-raw,$_src,framerate=30/1 ! tee name=t_$_id" \
			"t_$_id. ! queue ! $_rf video/x-raw,$_out" \
			"! filesink location=$GST_DIR/$_id.ref" \
			"t_$_id. ! queue ! $_test ! video/x-raw,$_out" \
			"${GST_HOLD_US:+! identity sleep-time=$GST_HOLD_US}" \
			"! filesink location=$GST_DIR/$_id.out"
	done <"$GST_DIR/branches"
}

# gst_launch LOG TIMEOUT PIPELINE-WORDS...: gst-launch-1.0 under timeout;
# passes (0) only if it exited 0 after its bus saw EOS
gst_launch() {
	_log=$1 _to=$2
	shift 2
	echo "gst-launch-1.0 -e $*" >"$_log"
	GST_DEBUG=${GST_DEBUG:-v4l2:4} timeout -k 5 "$_to" \
		gst-launch-1.0 -e "$@" </dev/null >"$_log.out" 2>>"$_log"
	_rc=$?
	cat "$_log.out" >>"$_log"
	[ $_rc = 124 ] && echo "TIMEOUT after ${_to}s" >>"$_log"
	[ $_rc = 0 ] && grep -q 'Got EOS from element "pipeline0"' "$_log.out"
}

# gst_batch_run TIMEOUT: run the batch; one TAP line (EOS within TIMEOUT)
gst_batch_run() {
	set -f
	# shellcheck disable=SC2046 # the description is split into words
	gst_launch "$GST_DIR/gst.log" "$1" $(gst_batch_pipeline)
	_rc=$?
	set +f
	cat "$GST_DIR/gst.log" >&2
	tap $_rc "gst $GST_BATCH: $(wc -l <"$GST_DIR/branches") branch(es) reach EOS by themselves within $1 s"
}

# gst_batch_check [MIN_DB]: two TAP lines per branch: all frames arrived
# (output size = FRAMES frames of OUT caps, for the reference as well), and
# the worst frame's PSNR against the reference is at least MIN_DB
gst_batch_check() {
	_min=${1:-$GST_MIN_PSNR}
	while IFS='|' read -r _id _n _src _test _out _ref _pat; do
		_fb=$(gst_frame_bytes "$(caps_field "$_out" format)" \
			"$(caps_field "$_out" width)" "$(caps_field "$_out" height)")
		_got=$(stat -c %s "$GST_DIR/$_id.out" 2>/dev/null || echo 0)
		_refb=$(stat -c %s "$GST_DIR/$_id.ref" 2>/dev/null || echo 0)
		diag "$_id: $_got bytes out, $_refb reference, $((_n * _fb)) expected ($_n x $_fb)"
		# an empty FRAMES or unknown format expects 0 bytes: never a pass
		tap "$([ "$_got" -gt 0 ] && [ "$_got" = $((_n * _fb)) ] && [ "$_refb" = "$_got" ]; echo $?)" \
			"gst $GST_BATCH/$_id: all $_n frames decoded ($_out)"
		_p=$(cmacodec-psnr "$GST_DIR/$_id.ref" "$GST_DIR/$_id.out" --frame "$_fb" 2>&1)
		diag "$_id: $_p"
		cmacodec-psnr "$GST_DIR/$_id.ref" "$GST_DIR/$_id.out" --frame "$_fb" \
			--min "$_min" >/dev/null 2>&1
		tap $? "gst $GST_BATCH/$_id: worst frame PSNR >= $_min dB"
	done <"$GST_DIR/branches"
}

# gst_branches: number of branches of the batch (for plans: 1 + 2 each)
gst_branches() { wc -l <"$GST_DIR/branches"; }

# --- proof of the memory path ---------------------------------------------
# gst_mem_sampler_start / gst_mem_sampler_stop: record the driver's buffer
# list (debugfs cmacodec/buffers) and the kernel's dma-buf list
# (debugfs dma_buf/bufinfo) every 0.1 s into $GST_DIR/mem.samples.  The
# loop is bash builtins only (read from the files, read -t on a FIFO as the
# sleep): under TCG a fork+exec per sample took seconds and missed the few
# seconds a short pipeline holds its buffers.
gst_mem_sampler_start() {
	mkfifo "$GST_DIR/sampler.fifo"
	# shellcheck disable=SC2016 # $0 and $l are bash's
	bash -c 'exec 3<>"$0.fifo"
		while :; do
			for f in /sys/kernel/debug/cmacodec/buffers /sys/kernel/debug/dma_buf/bufinfo; do
				while IFS= read -r l; do printf "%s\n" "$l"; done <"$f"
			done
			echo "=== sample"
			read -r -t 0.1 -u 3 _
		done' "$GST_DIR/sampler" >"$GST_DIR/mem.samples" 2>&1 &
	_gst_sampler=$!
}
gst_mem_sampler_stop() {
	kill "$_gst_sampler" 2>/dev/null
	wait "$_gst_sampler" 2>/dev/null
	diag "$GST_BATCH: $(grep -c '^=== sample' "$GST_DIR/mem.samples") samples of cmacodec/buffers"
}

# gst_mem_rows NODE QUEUE [ATTR]: distinct buffers (vb2 index + DMA start)
# the driver listed for NODE's QUEUE during the run, only those whose
# attributes are ATTR ("imported") if given
gst_mem_rows() {
	awk -v node="$1" -v q="$2" -v attr="${3:-}" \
		'$2 == node && $3 == q && (attr == "" || $8 == attr) { print $4, $6 }' \
		"$GST_DIR/mem.samples" | sort -u | wc -l
}

# gst_dmabuf_exports: dma-bufs exported by videobuf2-dma-contig (cmacodec's
# allocator; vicodec's is vmalloc) seen during the run (distinct inodes)
gst_dmabuf_exports() {
	awk '$5 == "videobuf2_dma_contig" { print $6 }' "$GST_DIR/mem.samples" |
		sort -u | wc -l
}

# gst_io_mode ELEMENT PAD [LOG]: the io mode GStreamer says it used
# (GstV4l2IOMode: 2 mmap, 4 dmabuf, 5 dmabuf-import), from its v4l2:4 log
# (the batch's $GST_DIR/gst.log unless LOG is given)
gst_io_mode() {
	sed -n "s/.*setup_pool:<$1:$2> accessing buffers via mode \([0-9]\).*/\1/p" \
		"${3:-$GST_DIR/gst.log}" | tail -n1
}

# gst_cpu_time LOG PIPELINE-WORDS...: run gst-launch; prints "USER SYS REAL"
# seconds of the process (its rusage, via bash's time); exit status in LOG.rc
gst_cpu_time() {
	_log=$1
	shift
	bash -c 'TIMEFORMAT="%U %S %R"
		time timeout -k 5 600 gst-launch-1.0 -q "$@" </dev/null >"$0" 2>&1
		echo $? >"$0.rc"' "$_log" "$@" 2>&1 | tail -n1
}
