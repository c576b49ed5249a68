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

# gst_codec_dmabuf_batch BRANCH...: 2 + 4 per io branch + 2 per format
# branch lines.  BRANCHes:
#   bitstream: the encoder exports its CAPTURE buffers, the decoder imports
#              them on OUTPUT (zero-copy bitstream) and exports its CAPTURE;
#   frames:    frames a decoder exports are imported by a second encoder's
#              OUTPUT (zero-copy raw frames), decoded again;
#   FORMAT:WxH: gst_codec_format_branch of 4 frames riding along in the
#              same gst-launch process (its start-up is what costs under
#              TCG); only the io branches ask for dmabuf-import, and their
#              io modes are checked in GStreamer's log as well.
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
		*:*) gst_codec_format_branch "$_b" 4 ;;
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
		*) continue ;;
		esac
		_imp=$(gst_mem_rows "$_node" output imported)
		diag "dmabuf $_b: $_node OUTPUT buffers imported: $_imp of $(gst_mem_rows "$_node" output); GStreamer io modes $_m"
		tap "$([ "$_imp" -gt 0 ]; echo $?)" "gst dmabuf/$_b: the $_what queue held imported dma-bufs"
		tap "$([ "$_m" = "$_want" ]; echo $?)" \
			"gst dmabuf/$_b: GStreamer used dmabuf (4) / dmabuf-import (5) where asked ($_want)"
	done
}

# gst_codec_format_branch FORMAT:WxH FRAMES: adds to the current batch a
# round trip of a FORMAT source with default io modes (gst_batch_check
# judges it: 2 lines).  The encoder reads FORMAT itself; a videoconvert
# follows the decoder unless FORMAT is I420, for the GStreamer 1.26.2
# limitation gst_codec_mmap_batch describes: the decoder announces the
# catalogue's first layout that fits the stream (YU12 for 4:2:0, BGR3 for
# 3-component RGB) and a capsfilter asking for another gets 0 frames.
# That conversion only repacks (BGR -> RGB).
#
# For RGB sources a capssetter between encoder and decoder restates the
# FWHT caps' colorimetry, another GStreamer 1.26.2 limitation: the encoder
# copies its input's colorimetry (sRGB, an RGB matrix) into its video/x-fwht
# caps, while GStreamer reads a coded format's colorimetry as YUV, so the
# decoder's sink caps never offer an RGB matrix and refuse the encoder's
# (not-negotiated, 0 frames).  1:4:7:1 is what GStreamer calls V4L2's SRGB
# colorspace on a non-RGB format (full range, BT.601 matrix, sRGB
# transfer, BT.709 primaries): the same colorspace, spelt the way the
# decoder accepts.
gst_codec_format_branch() {
	_f=${1%%:*} _wh=${1#*:}
	_caps=format=$_f,width=${_wh%x*},height=${_wh#*x}
	_mid='' _tail=''
	case $_f in
	RGB | BGR | ?RGB | ?BGR | RGB? | BGR?)
		_mid=" ! capssetter caps=video/x-fwht,colorimetry=1:4:7:1" ;;
	esac
	[ "$_f" = I420 ] || _tail=" ! videoconvert"
	gst_branch "$_f-$_wh" "$2" "$_caps" "$ENC$_mid ! $DEC$_tail" "$_caps"
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

# gst_codec_caps_change: 6 lines.  Two streams of different resolution
# (320x240 then 640x480, I420) concatenated: concat sends the second
# one's caps after the first one's end, so the encoder and the decoder
# renegotiate mid-stream.  The FWHT stream recorded behind the encoder
# (both resolutions) is then decoded from files whose caps say 320x240
# only, so only the decoder's SOURCE_CHANGE event tells the new size.
# Both outputs are judged by gst_check_two against the raw frames the
# encoder was fed.
#
# The recording is one file per FWHT frame (multifilesink, read back by
# multifilesrc): v4l2videodec's sink caps say parsed=true, one frame per
# buffer, and GStreamer has no FWHT parser to cut filesrc's 4 KiB blocks
# into frames.  The caps must be fixed (colorimetry too) for the same
# reason: nothing upstream of the decoder would fill them in.
gst_codec_caps_change() {
	gst_batch_begin capschange
	_n1=4 _n2=3
	_f1=$(gst_frame_bytes I420 320 240) _f2=$(gst_frame_bytes I420 640 480)
	_d=$GST_DIR
	set -f
	gst_launch "$_d/gst.log" 300 concat name=c ! tee name=t \
		t. ! queue ! filesink location="$_d/ref.raw" \
		t. ! queue ! "$ENC" ! tee name=f \
		f. ! queue ! multifilesink location="$_d/frame%02d.fwht" \
		f. ! queue ! "$DEC" ! video/x-raw,format=I420 ! filesink location="$_d/out.raw" \
		videotestsrc num-buffers=$_n1 pattern=smpte \
		! video/x-raw,format=I420,width=320,height=240,framerate=30/1 ! c. \
		videotestsrc num-buffers=$_n2 pattern=ball \
		! video/x-raw,format=I420,width=640,height=480,framerate=30/1 ! c.
	_rc=$?
	set +f
	cat "$_d/gst.log" >&2
	tap $_rc "gst capschange: 320x240 then 640x480 through encoder and decoder reaches EOS"
	head -c $((_n1 * _f1)) "$_d/ref.raw" >"$_d/ref1"
	tail -c +$((_n1 * _f1 + 1)) "$_d/ref.raw" >"$_d/ref2"
	gst_check_two "$_d/out.raw" "enc+dec"
	# shellcheck disable=SC2046 # one size per word
	diag "capschange: recorded FWHT frames (bytes):" $(stat -c %s "$_d"/frame*.fwht 2>/dev/null)
	gst_launch "$_d/gst-file.log" 300 multifilesrc location="$_d/frame%02d.fwht" \
		caps=video/x-fwht,width=320,height=240,framerate=30/1,colorimetry=bt601 \
		! "$DEC" ! video/x-raw,format=I420 ! filesink location="$_d/file.raw"
	_rc=$?
	cat "$_d/gst-file.log" >&2
	tap $_rc "gst capschange: the recorded two-resolution FWHT stream decodes from files to EOS"
	gst_check_two "$_d/file.raw" "file decode"
}

# gst_check_two FILE WHAT: 2 lines.  FILE must hold gst_codec_caps_change's
# _n1 frames of _f1 bytes then _n2 frames of _f2 bytes (size), and each
# part must reach GST_MIN_PSNR against the same part of ref.raw (ref1,
# ref2).  One process per step: under TCG each fork+exec costs about a
# second.
gst_check_two() {
	_sz=$(stat -c %s "$1" 2>/dev/null || echo 0)
	diag "capschange $2: $_sz bytes, expected $((_n1 * _f1 + _n2 * _f2))"
	[ "$_sz" = $((_n1 * _f1 + _n2 * _f2)) ]
	tap $? "gst capschange $2: $_n1 frames 320x240 and $_n2 frames 640x480"
	head -c $((_n1 * _f1)) "$1" >"$GST_DIR/out1"
	tail -c +$((_n1 * _f1 + 1)) "$1" >"$GST_DIR/out2"
	_p1=$(cmacodec-psnr "$GST_DIR/ref1" "$GST_DIR/out1" --frame "$_f1" --min "$GST_MIN_PSNR" 2>&1)
	_r1=$?
	_p2=$(cmacodec-psnr "$GST_DIR/ref2" "$GST_DIR/out2" --frame "$_f2" --min "$GST_MIN_PSNR" 2>&1)
	_r2=$?
	# shellcheck disable=SC2086 # unquoted: a failure's two lines on one
	diag "capschange $2: 320x240" $_p1 "; 640x480" $_p2
	[ $_r1 = 0 ] && [ $_r2 = 0 ]
	tap $? "gst capschange $2: both resolutions' worst frame PSNR >= $GST_MIN_PSNR dB"
}

# gst_codec_cpu FRAMES: 2 lines, one per io mode: the 1080p I420
# encode+decode pipeline exited 0 and GStreamer's log names the io modes
# asked for (else the two times would not compare what they claim).  The
# process's user, sys and real seconds are diagnostics only, never
# asserted: MMAP on every queue vs the encoder exporting its CAPTURE
# buffers to the decoder's OUTPUT and the decoder exporting its CAPTURE.
gst_codec_cpu() {
	gst_batch_begin cpu
	for _m in mmap dmabuf; do
		_imp=mmap _want="ecpu:src=2 dcpu:sink=2 dcpu:src=2"
		[ $_m = dmabuf ] && _imp=dmabuf-import _want="ecpu:src=4 dcpu:sink=5 dcpu:src=4"
		_t=$(GST_DEBUG=v4l2:4
			export GST_DEBUG
			gst_cpu_time "$GST_DIR/$_m.log" videotestsrc num-buffers="$1" pattern=smpte \
			! video/x-raw,format=I420,width=1920,height=1080,framerate=30/1 \
			! "$ENC" name=ecpu output-io-mode=mmap capture-io-mode=$_m \
			! "$DEC" name=dcpu output-io-mode=$_imp capture-io-mode=$_m ! fakesink)
		cat "$GST_DIR/$_m.log" >&2
		_l=$GST_DIR/$_m.log
		_got="ecpu:src=$(gst_io_mode ecpu src "$_l") dcpu:sink=$(gst_io_mode dcpu sink "$_l") dcpu:src=$(gst_io_mode dcpu src "$_l")"
		diag "cpu: 1080p I420, $1 frames, encoder CAPTURE $_m -> decoder OUTPUT $_imp, decoder CAPTURE $_m (io modes $_got): user sys real s: $_t"
		_rc=
		read -r _rc <"$GST_DIR/$_m.log.rc"
		[ "$_rc" = 0 ] && [ -n "$_t" ] && [ "$_got" = "$_want" ]
		tap $? "gst cpu: 1080p encode+decode with $_m ran, io modes $_want"
	done
}
