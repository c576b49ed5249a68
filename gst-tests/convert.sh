#!/bin/sh
# GStreamer pipelines on the converter node (sourced by
# tests/guest/46-cmacodec-convert-gst.sh after tests/guest/lib.sh and
# gst-tests/lib.sh).
#
# gst_fresh_registry: make GStreamer rescan its plugins, so its v4l2 plugin
# probes the nodes of the module loaded now (the registry in the root
# filesystem was written without them)
gst_fresh_registry() {
	GST_REGISTRY=/tmp/gst-registry-$$.bin
	export GST_REGISTRY
	rm -f "$GST_REGISTRY"
	gst-inspect-1.0 >/dev/null 2>&1
}

# gst_run NAME PIPELINE...: gst-launch-1.0 under a timeout; 0 only when the
# pipeline reached EOS by itself ("Got EOS" in its output)
gst_run() {
	_gname=$1
	shift
	timeout 300 gst-launch-1.0 -e "$@" >"/tmp/gst-$_gname.log" 2>&1 </dev/null
	_grc=$?
	cat "/tmp/gst-$_gname.log" >&2
	[ $_grc -eq 0 ] && grep -q "Got EOS from element" "/tmp/gst-$_gname.log"
}

# gst_run_sampling NAME PIPELINE...: gst_run while the shared memory
# sampler (gst-tests/lib.sh: bash builtins only, every 0.1 s) records the
# driver's list of held buffers into $GST_DIR/mem.samples, GST_DIR being
# $GST_WORK/NAME; count rows with gst_mem_rows afterwards.  The first version
# forked cat per sample; under TCG in CI it once saw no buffer of a 2-s run.
gst_run_sampling() {
	gst_batch_begin "$1"
	gst_mem_sampler_start
	gst_run "$@"
	_grc=$?
	gst_mem_sampler_stop
	return $_grc
}

# gst_vs_sw NAME IN-CAPS OUT-CAPS FRAMES MIN-DB: the same videotestsrc frames
# through v4l2convert and through videoconvert ! videoscale (bilinear), the
# software reference; passes when both reach EOS with FRAMES frames and the
# PSNR of every frame is at least MIN-DB
gst_vs_sw() {
	_n=$1 _in=$2 _out=$3 _frames=$4 _min=$5
	rm -f "/tmp/cvt-$_n-hw.raw" "/tmp/cvt-$_n-sw.raw"
	gst_run "$_n-hw" videotestsrc num-buffers="$_frames" pattern=smpte ! "$_in" \
		! v4l2convert ! "$_out" ! filesink location="/tmp/cvt-$_n-hw.raw" &&
	gst_run "$_n-sw" videotestsrc num-buffers="$_frames" pattern=smpte ! "$_in" \
		! videoconvert ! videoscale method=bilinear ! "$_out" \
		! filesink location="/tmp/cvt-$_n-sw.raw" || return 1
	_sz=$(stat -c %s "/tmp/cvt-$_n-sw.raw")
	[ "$_sz" -gt 0 ] && [ $((_sz % _frames)) -eq 0 ] || return 1
	cmacodec-psnr "/tmp/cvt-$_n-hw.raw" "/tmp/cvt-$_n-sw.raw" \
		--frame $((_sz / _frames)) --min "$_min" >&2
}
