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
# SIZES are FORMAT:WxH.  Proves the MMAP path: the driver lists buffers of
# both nodes, none imported, and no dma-buf of ours is exported.
gst_codec_mmap_batch() {
	gst_batch_begin mmap
	for _s in "$@"; do
		_f=${_s%%:*} _wh=${_s#*:}
		_caps=format=$_f,width=${_wh%x*},height=${_wh#*x}
		gst_branch "$_f-$_wh" "$GST_N" "$_caps" \
			"$ENC name=e$_f$_wh output-io-mode=mmap capture-io-mode=mmap ! $DEC name=d$_f$_wh output-io-mode=mmap capture-io-mode=mmap" \
			"$_caps"
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
