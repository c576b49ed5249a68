#!/bin/sh
# cmvm: cost 217
# The cmacodec command-line tool (userspace/, built into build/guest-bin):
# every subcommand, each checked by its result - PSNR against the source,
# byte equality between io modes, v4l2-ctl interoperability (hdr streams),
# the zero-copy count of transcode, CMA usage deltas - and bad input (missing
# file, impossible size, truncated or garbage stream, driver not loaded)
# failing with the documented exit code and a message naming the problem.
. "$(dirname "$0")/lib.sh"

W=320
H=240
N=10
FB=$((W * H * 3 / 2))
MIN_DB=${CMACODEC_MIN_PSNR:-30}
T=/tmp/cmacodec-tool
PAGE=$(getconf PAGESIZE)

plan 63

mkdir -p $T && cd $T || exit 1

# expect_fail DESC EXIT_CODE PATTERN CMD...: CMD must exit with EXIT_CODE
# and print PATTERN (grep -E) on stderr
expect_fail() {
	_d=$1 _rc=$2 _pat=$3
	shift 3
	"$@" >ef.out 2>ef.err </dev/null
	_got=$?
	sed 's/^/  stderr: /' ef.err >&2
	[ "$_got" -eq "$_rc" ] && grep -Eq -- "$_pat" ef.err
	tap $? "$_d (exit $_got, want $_rc, message /$_pat/)"
}

# psnr A B FRAME_BYTES [MIN]: passes when the worst frame is >= MIN dB
psnr() {
	diag "$1 vs $2: $(cmacodec-psnr "$1" "$2" --frame "$3" 2>&1 | tail -n1)"
	cmacodec-psnr "$1" "$2" --frame "$3" --min "${4:-$MIN_DB}" >&2 2>&1
}

command -v cmacodec >/dev/null
tap $? "cmacodec is on PATH ($(command -v cmacodec))"
check "modprobe cmacodec vicodec" modprobe -a cmacodec vicodec
# by full name: "cmacodec-enc" contains "dec" too
enc=$(video_node_by_name cmacodec-enc)
dec=$(video_node_by_name cmacodec-dec)
gen_clip I420 $W $H $N in.yuv
gen_clip NV12 $W $H $N in-nv12.yuv
# 200x100: not a multiple of the 16x16 YU12 coding step, rows 4-byte
# aligned so that GStreamer's I420 has no padding
gen_clip I420 200 100 $N in-200.yuv
tap "$([ "$(stat -c %s in.yuv)" = $((FB * N)) ]; echo $?)" "input clips"

# --- help, usage errors ---------------------------------------------------
ok_help=0
for c in enc dec transcode bench cma-test info; do
	cmacodec $c --help | grep -q "^Usage: cmacodec $c" || ok_help=1
done
tap $ok_help "--help of every subcommand"
expect_fail "unknown option" 2 "unknown option '--bogus'" \
	cmacodec enc in.yuv o.fwht --size ${W}x$H --format YU12 --bogus

# --- info -------------------------------------------------------------------
cmacodec info >info.txt 2>&1
rc=$?
cat info.txt >&2
[ $rc -eq 0 ] && grep -q "cmacodec-enc" info.txt && grep -q "cmacodec-dec" info.txt &&
	grep -q "YU12" info.txt && grep -q "CmaTotal" info.txt
tap $? "info: nodes, formats and the CMA area"
# the default search is the media controller's, not the sysfs fallback
[ "$(grep -Ec "^    found through /dev/media[0-9]+, entity 'cmacodec-(enc|dec)-proc'" info.txt)" = 2 ] &&
	grep -q "bus_info 'platform:cmacodec' driver 'cmacodec'" info.txt
tap $? "info: both nodes found through the media device platform:cmacodec, which is listed"

# --- enc / dec, MMAP and DMABUF ----------------------------------------------
cmacodec enc in.yuv mmap.fwht --size ${W}x$H --format YU12 >&2 2>&1
tap $? "enc YU12 ${W}x$H (mmap)"
head -c 8 mmap.fwht | od -An -tx1 | tr -d ' \n' | grep -q 4f4f4f4fffffffff
tap $? "enc: the stream starts with the FWHT magic"
cmacodec dec mmap.fwht dec.yuv >&2 2>&1
tap $? "dec (mmap)"
psnr in.yuv dec.yuv $FB
tap $? "enc+dec mmap: $N frames, worst PSNR >= $MIN_DB dB"

# The tool allocates its buffers before it reads the first frame: fed
# through a FIFO, it holds them until the input comes, so CMA use is read
# while they exist rather than sampled in a race with a short run.
# 4 OUTPUT buffers of a YU12 frame at least
need=$((4 * ((FB + PAGE - 1) / PAGE * PAGE) / 1024))
base=$(cma_used_kb)
rm -f enc.fifo && mkfifo enc.fifo
cmacodec enc - dmabuf.fwht --size ${W}x$H --format YU12 --io dmabuf <enc.fifo >&2 2>&1 &
encpid=$!
exec 3>enc.fifo
peak=$base
i=0
while [ $i -lt 300 ] && [ $((peak - base)) -lt $need ]; do
	sleep 0.1
	peak=$(cma_used_kb)
	i=$((i + 1))
done
cat in.yuv >&3
exec 3>&-
wait $encpid
tap $? "enc --io dmabuf (CMA heap buffers imported)"
after=$(cma_used_kb)
diag "CMA used before $base kB, while waiting for input $peak kB, after $after kB (need a rise >= $need kB)"
tap "$([ $((peak - base)) -ge $need ]; echo $?)" "dmabuf encode: CMA used rose by >= $need kB while streaming"
tap "$([ "$after" -eq "$base" ]; echo $?)" \
	"dmabuf encode: CMA used back to $base kB afterwards"
cmp mmap.fwht dmabuf.fwht >&2
tap $? "enc: dmabuf and mmap streams identical"
cmacodec dec dmabuf.fwht dec-dma.yuv --io dmabuf >&2 2>&1 && cmp dec.yuv dec-dma.yuv >&2
tap $? "dec --io dmabuf: identical to the mmap decode"

cmacodec enc in-nv12.yuv nv12.fwht --size ${W}x$H --format NV12 >&2 2>&1 &&
	cmacodec dec nv12.fwht dec-nv12.yuv --format NV12 >&2 2>&1 &&
	psnr in-nv12.yuv dec-nv12.yuv $FB
tap $? "NV12 round trip, PSNR >= $MIN_DB dB"

cmacodec enc in-200.yuv 200.fwht --size 200x100 --format I420 >&2 2>&1 &&
	cmacodec dec 200.fwht dec-200.yuv >&2 2>&1
tap $? "200x100 (coded 208x112: crop/compose) round trip"
tap "$([ "$(stat -c %s dec-200.yuv)" = $((30000 * N)) ]; echo $?)" \
	"200x100: decoded file holds the visible area only ($((30000 * N)) bytes)"
psnr in-200.yuv dec-200.yuv 30000
tap $? "200x100: PSNR >= $MIN_DB dB"

# --- raw files in v4l2-ctl's layouts -------------------------------------------
# The same stream through `cmacodec dec` and `v4l2-ctl --stream-to` must give
# the same raw file: the tool writes the visible area in v4l2-ctl's layout
# whatever the driver's padding (bytesperline, coded height).  The sizes
# are not multiples of the 16x16 coding step; 330x186 has odd chroma sizes.
# The content is any bytes of the right length (from the SMPTE clip).
gen_clip I420 352 288 4 layout-src.yuv
# lay_raw FOURCC W H: lay.raw, 3 frames; prints the frame size
lay_raw() {
	case $1 in
	YU12 | NV12) _fb=$(($2 * $3 * 3 / 2)) ;;
	YUYV) _fb=$(($2 * $3 * 2)) ;;
	RGB3) _fb=$(($2 * $3 * 3)) ;;
	GREY) _fb=$(($2 * $3)) ;;
	esac
	head -c $((_fb * 3)) layout-src.yuv >lay.raw
	echo $_fb
}
for size in 200x100 330x186; do
	w=${size%x*} h=${size#*x}
	for f in YU12 NV12 YUYV RGB3; do
		fb=$(lay_raw $f $w $h)
		rm -f lay.hdr lay-tool.raw lay-v4l.raw
		cmacodec enc lay.raw lay.hdr --size "$size" --format $f --hdr >&2 2>&1 &&
			cmacodec dec lay.hdr lay-tool.raw --format $f >&2 2>&1 &&
			v4l2-ctl -d "$dec" --set-fmt-video-out=pixelformat=FWHT \
				--set-fmt-video=pixelformat=$f --stream-out-mmap --stream-mmap \
				--stream-from-hdr=lay.hdr --stream-to=lay-v4l.raw </dev/null >&2 2>&1
		diag "$f $size: tool $(stat -c %s lay-tool.raw 2>/dev/null) bytes, v4l2-ctl $(stat -c %s lay-v4l.raw 2>/dev/null), 3 frames of $fb"
		[ "$(stat -c %s lay-tool.raw)" = $((fb * 3)) ] && cmp lay-tool.raw lay-v4l.raw >&2
		tap $? "$f $size: dec writes the raw file v4l2-ctl --stream-to writes ($((fb * 3)) bytes)"
	done
done
# The other way: the same raw file through `cmacodec enc` and `v4l2-ctl
# --stream-from` (the same crop: the encoder's default crop is its whole
# 16-aligned OUTPUT format, dev-encoder.rst) must give the same stream.
# The padding the driver's buffer adds is coded too wherever an 8x8 block
# straddles the visible edge, and v4l2-ctl leaves its test pattern there;
# so these sizes keep every plane a whole number of blocks while the
# buffers are still padded (bytesperline 624 for 600 bytes of RGB3).
for f in RGB3 GREY; do
	fb=$(lay_raw $f 200 96)
	rm -f lay-tool.fwht lay-v4l.fwht
	cmacodec enc lay.raw lay-tool.fwht --size 200x96 --format $f >&2 2>&1 &&
		v4l2-ctl -d "$enc" --set-fmt-video-out=width=200,height=96,pixelformat=$f \
			--set-selection-output=target=crop,width=200,height=96 \
			--get-fmt-video-out --stream-out-mmap --stream-mmap \
			--stream-from=lay.raw --stream-to=lay-v4l.fwht </dev/null >&2 2>&1
	[ -s lay-tool.fwht ] && cmp lay-tool.fwht lay-v4l.fwht >&2
	tap $? "$f 200x96 (padded to 208 wide): enc reads the raw file as v4l2-ctl --stream-from does (same stream)"
done

cmacodec enc in.yuv qp1.fwht --size ${W}x$H --format YU12 --qp 1 --gop 1 >&2 2>&1 &&
	cmacodec enc in.yuv qp31.fwht --size ${W}x$H --format YU12 --qp 31 >&2 2>&1
s1=$(stat -c %s qp1.fwht) s31=$(stat -c %s qp31.fwht)
diag "qp 1 gop 1: $s1 bytes, qp 31: $s31 bytes"
tap "$([ "$s1" -gt "$s31" ]; echo $?)" "--qp/--gop reach the encoder (qp 1 stream larger than qp 31)"
cmacodec dec qp1.fwht dec-qp1.yuv >&2 2>&1 && psnr in.yuv dec-qp1.yuv $FB 40
tap $? "qp 1 decodes with PSNR >= 40 dB"

# --- v4l2-ctl hdr streams, both ways -------------------------------------------
cmacodec enc in.yuv tool.hdr --size ${W}x$H --format YU12 --hdr >&2 2>&1 &&
	v4l2-ctl -d "$dec" --set-fmt-video-out=pixelformat=FWHT \
		--set-fmt-video=pixelformat=YU12 --stream-out-mmap --stream-mmap \
		--stream-from-hdr=tool.hdr --stream-to=v4l2-dec.yuv </dev/null >&2 2>&1 &&
	psnr in.yuv v4l2-dec.yuv $FB
tap $? "enc --hdr: v4l2-ctl --stream-from-hdr decodes it (PSNR >= $MIN_DB dB)"
v4l2-ctl -d "$enc" --set-fmt-video-out=width=$W,height=$H,pixelformat=YU12 \
	--stream-out-mmap --stream-mmap --stream-from=in.yuv \
	--stream-to-hdr=v4l2.hdr </dev/null >&2 2>&1 &&
	cmacodec dec v4l2.hdr dec-v4l2.yuv >dec-v4l2.out 2>&1 &&
	grep -q "hdr" dec-v4l2.out && cmp dec.yuv dec-v4l2.yuv >&2
cat dec-v4l2.out >&2
tap $? "dec reads a v4l2-ctl --stream-to-hdr stream (same frames as the plain one)"

# --- device discovery by bus_info (-z) ---------------------------------------------
cmacodec -z platform:cmacodec -v enc in.yuv z.fwht --size ${W}x$H --format YU12 >z.out 2>&1
rc=$?
cat z.out >&2
[ $rc -eq 0 ] && grep -Eq "debug: /dev/media[0-9]+ \(bus_info 'platform:cmacodec'\): entity 'cmacodec-enc-proc' -> $enc\$" z.out &&
	cmp mmap.fwht z.fwht >&2
tap $? "-z platform:cmacodec: enc finds $enc through the media topology, same stream"
cmacodec dec mmap.fwht z.yuv --bus-info=platform:cmacodec -v >z.out 2>&1
rc=$?
cat z.out >&2
# two decoder entities (stateful, stateless): the tool prefers the stateful
[ $rc -eq 0 ] &&
	grep -Eq "entity 'cmacodec-dec-proc' -> $dec \(the preferred of several\)\$" z.out &&
	cmp dec.yuv z.yuv >&2
tap $? "--bus-info=platform:cmacodec: dec finds $dec (not the stateless decoder), same frames"
expect_fail "-z platform:nonexistent" 3 \
	"no media device with bus_info 'platform:nonexistent' \(found: [^)]*platform:cmacodec[^)]*\); is the module loaded\?" \
	cmacodec -z platform:nonexistent enc in.yuv z.fwht --size ${W}x$H --format YU12

# --- transcode: zero copy ----------------------------------------------------------
base=$(cma_used_kb)
cmacodec transcode mmap.fwht trans.fwht >trans.out 2>&1
rc=$?
cat trans.out >&2
tap $rc "transcode (decoder CAPTURE exported, imported by the encoder)"
grep -q "frame data copied by the CPU: 0 bytes" trans.out
tap $? "transcode: zero-copy count is 0 bytes"
grep -Eq "$N passed to the encoder as DMABUF" trans.out
tap $? "transcode: all $N frames passed as DMABUF"
cmacodec dec trans.fwht dec-trans.yuv >&2 2>&1 && psnr in.yuv dec-trans.yuv $FB 28
tap $? "transcoded stream decodes, PSNR >= 28 dB against the source"
after=$(cma_used_kb)
tap "$([ "$after" -eq "$base" ]; echo $?)" \
	"transcode: CMA used back to $base kB afterwards (now $after kB)"

# --- progress line -------------------------------------------------------------------
# The line appears after the first second: the module is reloaded with a
# modelled core time of 4 us per pixel, about 0.3 s per ${W}x$H frame, so the
# $N frames take about 3 s on any host and the line must be there.
rmmod cmacodec && modprobe cmacodec hw_ns_per_pixel=4000
t0=$(date +%s%N)
cmacodec enc in.yuv prog.fwht --size ${W}x$H --format YU12 --progress 2>prog.err
rc=$?
ms=$((($(date +%s%N) - t0) / 1000000))
tr '\r' '\n' <prog.err >&2
diag "slow encode: $ms ms"
[ $rc -eq 0 ] && [ $ms -ge 1500 ] && cmp mmap.fwht prog.fwht >&2 &&
	tr '\r' '\n' <prog.err | grep -Eq "^enc: [0-9]+ frames, [0-9.]+ fps"
tap $? "--progress: live fps line during a $ms ms run (hw_ns_per_pixel=4000)"
rmmod cmacodec && modprobe cmacodec
check "cmacodec reloaded with the default hw_ns_per_pixel" test -e /sys/module/cmacodec

# --- bench ----------------------------------------------------------------------------
cmacodec bench --sizes 640x360 --frames 5 --vs vicodec -v >bench.out 2>&1
rc=$?
cat bench.out >&2
tap $rc "bench --vs vicodec"
[ "$(grep -Ec '^(cmacodec|vicodec) +(enc|dec) +640x360 +(mmap|dmabuf) +[0-9]' bench.out)" = 8 ]
tap $? "bench: fps/latency/cpu rows for 2 drivers x enc/dec x mmap/dmabuf"
[ "$(grep -c '^ratio cmacodec/vicodec' bench.out)" = 4 ]
tap $? "bench: cmacodec/vicodec ratios"
grep -Eq "debug: /dev/media[0-9]+ \(bus_info 'platform:vicodec'\): entity 'stateful-encoder-proc'" bench.out &&
	grep -Eq "debug: /dev/media[0-9]+ \(bus_info 'platform:vicodec'\): entity 'stateful-decoder-proc'" bench.out
tap $? "bench --vs vicodec: vicodec's stateful encoder and decoder found through platform:vicodec"

# --- cma-test ---------------------------------------------------------------------------
base=$(cma_used_kb)
cmacodec cma-test --count 8 --buf-size 1M,256K >cma.out 2>&1
rc=$?
cat cma.out >&2
tap $rc "cma-test basic,frag: every CmaFree delta as expected (exit $rc)"
[ "$(grep -c 'alloc #.*ok$' cma.out)" = 8 ] && [ "$(grep -c 'free #.*ok$' cma.out)" -ge 8 ] &&
	grep -q "pattern read-back: 8 buffers.*ok" cma.out
tap $? "cma-test: 8 allocations and frees checked, pattern read back"
cmacodec cma-test --scenario exhaust --buf-size 4M >cmax.out 2>&1
rc=$?
cat cmax.out >&2
tap $rc "cma-test exhaust: ENOMEM at the end of the area, all memory back"
after=$(cma_used_kb)
tap "$([ "$after" -eq "$base" ]; echo $?)" \
	"cma-test: CMA used back to $base kB (now $after kB)"

# --- bad input ------------------------------------------------------------------------------
expect_fail "missing input file" 4 "cannot open input /nonexistent.yuv: No such file" \
	cmacodec enc /nonexistent.yuv o.fwht --size ${W}x$H --format YU12
expect_fail "size 0x0" 2 "invalid frame size '0x0'" \
	cmacodec enc in.yuv o.fwht --size 0x0 --format YU12
expect_fail "size 99999x99999" 2 "invalid frame size '99999x99999'" \
	cmacodec enc in.yuv o.fwht --size 99999x99999 --format YU12
expect_fail "size 8192x8192 (beyond the encoder)" 2 "8192x8192 is not supported" \
	cmacodec enc in.yuv o.fwht --size 8192x8192 --format YU12
expect_fail "raw input not a whole number of frames" 4 "partial frame" \
	cmacodec enc in.yuv o.fwht --size 328x240 --format YU12
head -c $(($(stat -c %s mmap.fwht) - 100)) mmap.fwht >trunc.fwht
expect_fail "truncated stream" 4 "truncated at byte [0-9]+: frame $N is incomplete" \
	cmacodec dec trunc.fwht trunc.yuv
tap "$([ "$(stat -c %s trunc.yuv)" = $((FB * (N - 1))) ]; echo $?)" \
	"truncated stream: the $((N - 1)) complete frames were decoded"
expect_fail "garbage stream" 4 "not an FWHT stream" cmacodec dec /etc/passwd g.yuv
: >empty.fwht
expect_fail "empty stream" 4 "empty" cmacodec dec empty.fwht e.yuv

rmmod vicodec
rmmod cmacodec
expect_fail "driver not loaded: enc" 3 "no cmacodec encoder found: no media device with bus_info 'platform:cmacodec' \(found: [^)]*\), no video node named 'cmacodec-enc'.*\(is the module loaded\? try: modprobe cmacodec\)" \
	cmacodec enc in.yuv o.fwht --size ${W}x$H --format YU12
expect_fail "driver not loaded: info" 3 "modprobe cmacodec" cmacodec info

done_testing
