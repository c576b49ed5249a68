#!/bin/sh
# cmvm: cost 60
# cmvm: smoke
# The stateless decoder (cmacodec-stateless-dec, dev-stateless-decoder.rst):
# v4l2-compliance, then v4l2-ctl as the client - it parses the per-buffer
# headers of a stream written with --stream-to-hdr, queues each payload in
# a media request with V4L2_CID_STATELESS_FWHT_PARAMS and names the
# reference by timestamp.  For the same stream its output is byte-identical
# to the stateful decoder's, for a stream with P-frames and for streams
# whose resolution changes every frame and every other frame (CAPTURE
# sized for the larger picture, as test-media does with vicodec).
# cmacodec-stateless (tests/tools/stateless.c) checks what v4l2-ctl does
# not: the request rules and the errors.
. "$(dirname "$0")/lib.sh"

W1=320 H1=240 W2=640 H2=480
F1=$((W1 * H1 * 3 / 2)) F2=$((W2 * H2 * 3 / 2))
N=12

plan 32

check "modprobe cmacodec" modprobe cmacodec
enc=$(cmacodec_node enc)
dec=$(cmacodec_node dec)
sl=$(cmacodec_node stateless-dec)
tap $? "stateless decoder node present ($sl)"
v4l2-ctl -d "$sl" --list-formats-out >/tmp/sl-fmts.txt 2>&1
cat /tmp/sl-fmts.txt >&2
grep -q "'FWHT'.*Stateless" /tmp/sl-fmts.txt ||
	grep -q "'SFWH'" /tmp/sl-fmts.txt
tap $? "OUTPUT format: FWHT stateless"
v4l2-ctl -d "$sl" --list-ctrls >/tmp/sl-ctrls.txt 2>&1
cat /tmp/sl-ctrls.txt >&2
grep -q "fwht_stateless_parameters" /tmp/sl-ctrls.txt
tap $? "V4L2_CID_STATELESS_FWHT_PARAMS present"
compliance "stateless decoder" -d "$sl"
cd /tmp || exit 1

gen_clip I420 $W1 $H1 $N a.raw
gen_clip I420 $W2 $H2 4 b.raw
tap "$([ "$(stat -c %s a.raw)" = $((F1 * N)) ] &&
	[ "$(stat -c %s b.raw)" = $((F2 * 4)) ]; echo $?)" "input clips"

# encode W H IN OUT: our encoder, per-buffer headers (v4l2-ctl's "hdr")
encode() {
	v4l2-ctl -d "$enc" --set-fmt-video-out=width=$1,height=$2,pixelformat=YU12 \
		--stream-out-mmap --stream-mmap --stream-from="$3" \
		--stream-to-hdr="$4" </dev/null >&2 2>&1
}
head -c $F1 a.raw >a1.raw
head -c $((2 * F1)) a.raw >a2.raw
head -c $F2 b.raw >b1.raw
head -c $((2 * F2)) b.raw >b2.raw
encode $W1 $H1 a.raw seq.hdr &&
	encode $W1 $H1 a1.raw a1.hdr && encode $W1 $H1 a2.raw a2.hdr &&
	encode $W2 $H2 b1.raw b1.hdr && encode $W2 $H2 b2.raw b2.hdr
tap $? "streams encoded"
# resolution change every frame, and every other frame (I P I P ...)
cat a1.hdr b1.hdr a1.hdr b1.hdr a1.hdr b1.hdr >mix1.hdr
cat a2.hdr b2.hdr a2.hdr b2.hdr >mix2.hdr

# stateful DEV IN OUT / stateless IN OUT [v4l2-ctl args]
stateful() {
	v4l2-ctl -d "$dec" --set-fmt-video-out=pixelformat=FWHT \
		--set-fmt-video=pixelformat=YU12 --stream-out-mmap --stream-mmap \
		--stream-from-hdr="$1" --stream-to="$2" </dev/null >&2 2>&1
}
stateless() {
	_in=$1 _out=$2
	shift 2
	v4l2-ctl -d "$sl" "$@" --stream-out-mmap --stream-mmap --verbose \
		--stream-from-hdr="$_in" --stream-to="$_out" </dev/null \
		>"$_out.log" 2>&1
	_rc=$?
	cat "$_out.log" >&2
	return $_rc
}
# same A B BYTES DESC: both files BYTES long and identical
same() {
	[ "$(stat -c %s "$1")" = "$3" ] && [ "$(stat -c %s "$2")" = "$3" ] &&
		cmp "$1" "$2" >&2
	tap $? "$4"
}

check "stateful decode of the 12-frame stream" stateful seq.hdr seq.full.raw
check "stateless decode of the 12-frame stream" stateless seq.hdr seq.sl.raw \
	--set-fmt-video=width=$W1,height=$H1,pixelformat=YU12
same seq.full.raw seq.sl.raw $((F1 * N)) \
	"12 frames: the stateless output is byte-identical to the stateful one"
# v4l2-ctl --verbose: "cap dqbuf: ... (keyframe, ...)" / "(P-frame, ...)"
pf=$(grep -c "^cap dqbuf.*P-frame" seq.sl.raw.log)
kf=$(grep -c "^cap dqbuf.*keyframe" seq.sl.raw.log)
diag "stateless CAPTURE buffers: $kf key frames, $pf P-frames"
tap "$([ "$pf" -ge 8 ] && [ "$kf" -ge 1 ]; echo $?)" \
	"the stream's P-frames were decoded as P-frames from their reference ($pf)"

check "stateful decode, resolution change every frame" stateful mix1.hdr mix1.full.raw
check "stateless decode, resolution change every frame" stateless mix1.hdr mix1.sl.raw \
	--set-fmt-video=width=$W2,height=$H2,pixelformat=YU12
same mix1.full.raw mix1.sl.raw $((3 * (F1 + F2))) \
	"resolution change every frame: byte-identical to the stateful decoder"

check "stateful decode, resolution change every other frame" stateful mix2.hdr mix2.full.raw
check "stateless decode, resolution change every other frame" stateless mix2.hdr mix2.sl.raw \
	--set-fmt-video=width=$W2,height=$H2,pixelformat=YU12
same mix2.full.raw mix2.sl.raw $((4 * (F1 + F2))) \
	"resolution change every other frame: byte-identical to the stateful decoder"
pf=$(grep -c "^cap dqbuf.*P-frame" mix2.sl.raw.log)
tap "$([ "$pf" -eq 4 ]; echo $?)" "every other frame: 4 P-frames across the changes ($pf)"

# the request rules and the error paths
tap_from cmacodec-stateless "$sl" seq.hdr

done_testing
