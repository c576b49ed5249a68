# shellcheck shell=sh
# TAP helpers and device lookup for guest tests.  Source it:
#   . "$(dirname "$0")/lib.sh"
# Each test script prints a plan ("plan N") and one ok/not ok line per check.

_tap_n=0
_tap_fail=0

plan() { echo "1..$1"; }

# ok COND_EXIT_STATUS DESCRIPTION
tap() {
	_tap_n=$((_tap_n + 1))
	if [ "$1" -eq 0 ]; then
		echo "ok $_tap_n - $2"
	else
		echo "not ok $_tap_n - $2"
		_tap_fail=$((_tap_fail + 1))
	fi
}

# check DESCRIPTION CMD...: runs CMD, passes when it exits 0; output goes to
# the test's log (stderr) so a failure can be read afterwards.
check() {
	_d=$1
	shift
	"$@" >&2 2>&1
	tap $? "$_d"
}

skip() {
	_tap_n=$((_tap_n + 1))
	echo "ok $_tap_n - $1 # SKIP $2"
}

diag() { echo "# $*"; }

# compliance NAME ARGS...: run v4l2-compliance, keep its totals in the TAP;
# passes with 0 failures and 0 warnings
compliance() {
	_name=$1
	shift
	v4l2-compliance "$@" >/tmp/compliance.txt 2>&1
	_rc=$?
	cat /tmp/compliance.txt >&2
	_tot=$(grep "^Total for" /tmp/compliance.txt | tail -n1)
	echo "# $_tot"
	# exit 0 alone does not mean no warnings
	echo "$_tot" | grep -Eq "Failed: 0, Warnings: 0$" || _rc=1
	tap $_rc "v4l2-compliance $_name: 0 failures, 0 warnings"
}

# gen_clip GST_FORMAT W H FRAMES FILE: a raw clip from videotestsrc (SMPTE
# bars), in GStreamer's layout for GST_FORMAT (I420, NV12, YUY2, ...)
gen_clip() {
	gst-launch-1.0 -q videotestsrc num-buffers="$4" pattern=smpte \
		! "video/x-raw,format=$1,width=$2,height=$3" \
		! filesink location="$5" </dev/null >&2 2>&1
}

# tap_from CMD...: run a helper program that prints unnumbered "ok - ..." /
# "not ok - ..." lines (tests/tools/) and turn each into a TAP line; its
# stderr goes to the test's log.
tap_from() {
	"$@" >tap_from.out 2>tap_from.err
	cat tap_from.err >&2
	while read -r _st _rest; do
		case "$_st" in
		ok) tap 0 "${_rest#- }" ;;
		not) tap 1 "${_rest#ok - }" ;;
		esac
	done <tap_from.out
}

done_testing() { exit $((_tap_fail > 0)); }

# video_node_by_name NAME: /dev/videoN whose V4L2 card/name matches NAME.
video_node_by_name() {
	for _d in /sys/class/video4linux/video*; do
		[ -e "$_d/name" ] || continue
		if [ "$(cat "$_d/name")" = "$1" ]; then
			echo "/dev/$(basename "$_d")"
			return 0
		fi
	done
	return 1
}

# cma_free_kb: CmaFree from /proc/meminfo in KiB.
cma_free_kb() { awk '/^CmaFree:/ { print $2 }' /proc/meminfo; }

# cmacodec_node enc|dec|conv|stateless-dec: the cmacodec video node named
# cmacodec-WORD (the nodes are told apart by name, never by number; the
# whole name is matched: "cmacodec-stateless-dec" also ends in "-dec").
cmacodec_node() {
	for _d in /sys/class/video4linux/video*; do
		case "$(readlink "$_d/device/driver" 2>/dev/null)" in
		*/cmacodec) ;;
		*) continue ;;
		esac
		case "$(cat "$_d/name")" in
		"cmacodec-$1")
			echo "/dev/$(basename "$_d")"
			return 0
			;;
		esac
	done
	return 1
}

# cma_area_dir: debugfs directory of the default CMA area (the one cma=
# creates is called "reserved"; $CMA_AREA picks another).
cma_area_dir() {
	for _a in "${CMA_AREA:-reserved}" ""; do
		for _d in /sys/kernel/debug/cma/$_a*; do
			[ -r "$_d/used" ] && { echo "$_d"; return 0; }
		done
	done
	return 1
}

# cma_heap_path: the CMA dma-heap's device node (named after its area)
cma_heap_path() {
	for _h in /dev/dma_heap/reserved /dev/dma_heap/*; do
		case "$_h" in */system*) continue ;; esac
		[ -e "$_h" ] && { echo "$_h"; return 0; }
	done
	return 1
}

# cma_used_kb: KiB allocated from the default CMA area, read from the
# area's own bitmap (debugfs cma/<area>/used, in pages).  Unlike CmaFree
# it is exact: pages the page allocator borrows or keeps on its per-cpu
# lists do not count, only cma_alloc()/cma_release() move it.
cma_used_kb() {
	_dir=$(cma_area_dir) || return 1
	echo $(($(cat "$_dir/used") * $(getconf PAGESIZE) / 1024))
}

# cma_sampler_start FILE / cma_sampler_stop: record cma_used_kb every 50 ms.
# Bash builtins only (read from the file, read -t on a FIFO as the sleep):
# under TCG a fork+exec per sample can take longer than the window sampled.
cma_sampler_start() {
	_dir=$(cma_area_dir) || return 1
	rm -f "$1.fifo" && mkfifo "$1.fifo" || return 1
	# shellcheck disable=SC2016 # $0, $1, $2 and $p are bash's
	bash -c 'exec 3<>"$0.fifo"
		while :; do
			read -r p <"$1/used" && echo $((p * $2 / 1024))
			read -r -t 0.05 -u 3 _
		done' "$1" "$_dir" "$(getconf PAGESIZE)" >"$1" 2>/dev/null &
	_cma_sampler=$!
}
cma_sampler_stop() { kill "$_cma_sampler" 2>/dev/null; wait "$_cma_sampler" 2>/dev/null; }

# kmemleak_mark: remember the objects kmemleak reports now (a scan), so
# that kmemleak_new finds only those a later phase adds; no "clear", which
# would hide earlier tests' leaks from the harness's final scan.  A scan
# takes 10-30 s under TCG: a mark left by an earlier test of this boot
# (/tmp/kmemleak.base) is reused.
kmemleak_mark() {
	[ -w /sys/kernel/debug/kmemleak ] || return 0
	[ -f /tmp/kmemleak.base ] && return 0
	echo scan >/sys/kernel/debug/kmemleak
	sed -n 's/^unreferenced object \(0x[0-9a-f]*\).*/\1/p' \
		/sys/kernel/debug/kmemleak | sort >/tmp/kmemleak.base
}

# kmemleak_new NAME: one check, no object reported since kmemleak_mark (or
# the last kmemleak_new); the report goes to the log and
# /results/kmemleak-NAME.txt, then the mark moves on
kmemleak_new() {
	if [ ! -w /sys/kernel/debug/kmemleak ]; then
		skip "kmemleak: nothing new after $1" "no kmemleak"
		return
	fi
	sleep 6 # kmemleak reports only objects older than 5 s
	_kt=$(date +%s)
	echo scan >/sys/kernel/debug/kmemleak
	sed -n 's/^unreferenced object \(0x[0-9a-f]*\).*/\1/p' \
		/sys/kernel/debug/kmemleak | sort >/tmp/kmemleak.now
	_kn=$(comm -13 /tmp/kmemleak.base /tmp/kmemleak.now | wc -l)
	if [ "$_kn" -gt 0 ]; then
		cat /sys/kernel/debug/kmemleak >"/results/kmemleak-$1.txt" 2>/dev/null
		cat /sys/kernel/debug/kmemleak >&2
		diag "kmemleak: $_kn new objects after $1, $(grep -c cmacodec /sys/kernel/debug/kmemleak) lines name cmacodec"
	fi
	mv /tmp/kmemleak.now /tmp/kmemleak.base
	diag "kmemleak scan after $1: $(($(date +%s) - _kt)) s"
	tap "$_kn" "kmemleak: nothing new after $1"
}

# roundtrip_ok NAME: 4 frames 320x240 through the encoder and back through
# the decoder, the result close to the source (PSNR >= 28 dB)
roundtrip_ok() {
	_re=$(cmacodec_node enc) && _rd=$(cmacodec_node dec) || return 1
	gen_clip I420 320 240 4 "$1.yuv" &&
		v4l2-ctl -d "$_re" --set-fmt-video-out=width=320,height=240,pixelformat=YU12 \
			--stream-out-mmap --stream-mmap --stream-from="$1.yuv" \
			--stream-to-hdr="$1.fwht" </dev/null >&2 2>&1 &&
		v4l2-ctl -d "$_rd" --set-fmt-video=pixelformat=YU12 --stream-out-mmap \
			--stream-mmap --stream-from-hdr="$1.fwht" --stream-to="$1.dec" \
			</dev/null >&2 2>&1 &&
		cmacodec-psnr "$1.yuv" "$1.dec" --frame $((320 * 240 * 3 / 2)) \
			--min 28 >&2 2>&1
}
