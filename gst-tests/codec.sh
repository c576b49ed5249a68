# shellcheck shell=sh
# GStreamer tests of cmacodec's encoder and decoder nodes (v4l2fwhtenc,
# v4l2fwhtdec).  Source after tests/guest/lib.sh and gst-tests/lib.sh; each
# function prints a fixed number of TAP lines (said above it) so the
# wrappers in tests/guest/9N-cmacodec-gst*.sh can keep their plans.

GST_N=${GST_N:-6}

# gst_codec_setup: 3 lines.  Loads cmacodec, re-probes the v4l2 plugin and
# sets ENC and DEC to the elements driving cmacodec's nodes.
gst_codec_setup() {
	check "modprobe cmacodec" modprobe cmacodec
	gst_registry cmacodec
	diag "v4l2 elements: $(tr '\n' ' ' <"$GST_WORK/v4l2-elements.txt")"
	ENC=$(gst_find_element fwhtenc "$(cmacodec_node enc)")
	tap $? "GStreamer exposes cmacodec-enc ($(cmacodec_node enc)) as element ${ENC:-(none)}"
	DEC=$(gst_find_element fwhtdec "$(cmacodec_node dec)")
	tap $? "GStreamer exposes cmacodec-dec ($(cmacodec_node dec)) as element ${DEC:-(none)}"
}

# gst_codec_mmap_batch SIZES...: 1 + 2 per size + 4 lines.  MMAP on every
# queue (set explicitly: "auto" picks DMABUF for the encoder's CAPTURE);
# SIZES are FORMAT:WxH[:CMP], any size the format's subsampling allows
# (the driver pads to whole 8x8 blocks internally, crop and compose keep
# the visible size).  Proves the MMAP path: the driver lists buffers of
# both nodes, none imported, and no dma-buf of ours is exported.
#
# A videoconvert follows the decoder unless FORMAT is I420 and no CMP is
# given, for two GStreamer 1.26.2 limitations (docs/testing.md):
# - the FWHT stream does not say which raw layout it was coded from, so
#   after SOURCE_CHANGE the decoder's CAPTURE format is the first of the
#   catalogue that fits (YU12 for 4:2:0, 422P for 4:2:2); v4l2videodec
#   then sets the format downstream wants (S_FMT NV12 succeeds) but puts
#   the one G_FMT gave before (I420) in its caps, which a capsfilter
#   asking for NV12 refuses: 0 frames.  The videoconvert takes what the
#   decoder announces; I420 -> NV12 and Y42B -> YUY2 only repack.
# - with padding (coded 208x112 for 200x100), v4l2videodec copies into a
#   pool of the padded layout plus a video meta even when downstream (a
#   filesink) takes no meta, so the file would hold the padded planes.
#   For such sizes CMP names the format both the test and the reference
#   chain convert to before the comparison (NV12 for I420: a repack).
gst_codec_mmap_batch() {
	gst_batch_begin mmap
	for _s in "$@"; do
		_f=${_s%%:*} _wh=${_s#*:}
		_cmp=${_wh#*:}
		[ "$_cmp" = "$_wh" ] && _cmp=$_f
		_wh=${_wh%%:*}
		_caps=format=$_f,width=${_wh%x*},height=${_wh#*x}
		_tail='' _ref=''
		[ "$_f" = I420 ] && [ "$_cmp" = I420 ] || _tail=" ! videoconvert"
		[ "$_cmp" = "$_f" ] || _ref=videoconvert
		gst_branch "$_f-$_wh" "$GST_N" "$_caps" \
			"$ENC name=e$_f$_wh output-io-mode=mmap capture-io-mode=mmap ! $DEC name=d$_f$_wh output-io-mode=mmap capture-io-mode=mmap$_tail" \
			"format=$_cmp,width=${_wh%x*},height=${_wh#*x}" "$_ref"
	done
	gst_mem_sampler_start
	GST_HOLD_US=400000 gst_batch_run 300
	gst_mem_sampler_stop
	gst_batch_check
	_all=$(($(gst_mem_rows cmacodec-enc output) + $(gst_mem_rows cmacodec-dec output)))
	diag "mmap: $_all OUTPUT buffers listed, $(gst_mem_rows cmacodec-dec capture) decoder CAPTURE buffers"
	tap "$([ "$_all" -gt 0 ]; echo $?)" "gst mmap: the driver listed the pipeline's buffers while it ran"
	_imp=$(($(gst_mem_rows cmacodec-enc output imported) + $(gst_mem_rows cmacodec-enc capture imported) +
		$(gst_mem_rows cmacodec-dec output imported) + $(gst_mem_rows cmacodec-dec capture imported)))
	tap "$([ "$_imp" = 0 ]; echo $?)" "gst mmap: no imported buffer on any queue ($_imp)"
	_exp=$(gst_dmabuf_exports)
	tap "$([ "$_exp" = 0 ]; echo $?)" "gst mmap: no dma-buf exported ($_exp)"
	_modes=$(grep -o 'accessing buffers via mode [0-9]' "$GST_DIR/gst.log" | sort | uniq -c | tr -s ' \n' ' ')
	diag "mmap: GStreamer: $_modes"
	! grep -q 'accessing buffers via mode [^2]' "$GST_DIR/gst.log" &&
		grep -q 'accessing buffers via mode 2' "$GST_DIR/gst.log"
	tap $? "gst mmap: GStreamer used mode 2 (mmap) on every queue"
}

# gst_codec_dmabuf_batch BRANCH...: 2 + 4 per branch lines.  BRANCHes:
#   bitstream: the encoder exports its CAPTURE buffers, the decoder imports
#              them on OUTPUT (zero-copy bitstream) and exports its CAPTURE;
#   frames:    frames a decoder exports are imported by a second encoder's
#              OUTPUT (zero-copy raw frames), decoded again.
# Proof from both sides: the driver's buffer list shows imported buffers on
# the importing queue, the kernel's dma-buf list shows our exports, and
# GStreamer's log shows the io mode of each pad.
gst_codec_dmabuf_batch() {
	gst_batch_begin dmabuf
	_c=format=I420,width=320,height=240
	for _b in "$@"; do
		case $_b in
		bitstream) gst_branch bitstream "$GST_N" "$_c" \
			"$ENC name=ea output-io-mode=mmap capture-io-mode=dmabuf ! $DEC name=da output-io-mode=dmabuf-import capture-io-mode=dmabuf" "$_c" ;;
		frames) gst_branch frames "$GST_N" "$_c" \
			"$ENC name=eb ! $DEC name=db capture-io-mode=dmabuf ! $ENC name=ec output-io-mode=dmabuf-import ! $DEC name=dc capture-io-mode=mmap" \
			"$_c" "" ball ;;
		esac
	done
	gst_mem_sampler_start
	GST_HOLD_US=400000 gst_batch_run 300
	gst_mem_sampler_stop
	gst_batch_check
	_exp=$(gst_dmabuf_exports)
	tap "$([ "$_exp" -gt 0 ]; echo $?)" "gst dmabuf: cmacodec's buffers were exported as dma-bufs ($_exp)"
	for _b in "$@"; do
		case $_b in
		bitstream) _node=cmacodec-dec _what="decoder's OUTPUT" _want="ea:src=4 da:sink=5 da:src=4"
			_m="ea:src=$(gst_io_mode ea src) da:sink=$(gst_io_mode da sink) da:src=$(gst_io_mode da src)" ;;
		frames) _node=cmacodec-enc _what="encoder's OUTPUT" _want="db:src=4 ec:sink=5"
			_m="db:src=$(gst_io_mode db src) ec:sink=$(gst_io_mode ec sink)" ;;
		esac
		_imp=$(gst_mem_rows "$_node" output imported)
		diag "dmabuf $_b: $_node OUTPUT buffers imported: $_imp of $(gst_mem_rows "$_node" output); GStreamer io modes $_m"
		tap "$([ "$_imp" -gt 0 ]; echo $?)" "gst dmabuf/$_b: the $_what queue held imported dma-bufs"
		tap "$([ "$_m" = "$_want" ]; echo $?)" \
			"gst dmabuf/$_b: GStreamer used dmabuf (4) / dmabuf-import (5) where asked ($_want)"
	done
}

# gst_codec_framesizes: 1 line.  VIDIOC_ENUM_FRAMESIZES steps by the
# format's subsampling (YU12 2x2, YUYV 2x1) and by 1 for FWHT: the steps
# GStreamer turns into caps ranges (width=[64, 4096, 2]).
gst_codec_framesizes() {
	_enc=$(cmacodec_node enc)
	for _fs in YU12:2/2 YUYV:2/1 FWHT:1/1; do
		_got=$(v4l2-ctl -d "$_enc" --list-framesizes="${_fs%%:*}" 2>&1 |
			sed -n 's/.*with step \([0-9]*\/[0-9]*\).*/\1/p')
		_all="$_all ${_fs%%:*}=${_got:-none}"
		[ "$_got" = "${_fs#*:}" ] || _bad=1
	done
	diag "framesizes on $_enc:$_all"
	tap "${_bad:-0}" "ENUM_FRAMESIZES steps YU12 2/2, YUYV 2/1, FWHT 1/1 ($_all )"
}
