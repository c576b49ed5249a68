#!/bin/sh
# cmvm: timeout 1200
# cmvm: cost 677
# The device's lifecycle, as v4l-utils' contrib/test/test-media does it:
# unbind and rebind the platform device with handles open and while
# streaming, rmmod while an exported DMABUF is held by another process,
# repeated load/unload; a kmemleak scan after each phase.
# CMACODEC_LONG=1 (vm-run.sh passes it on): 100 load/unload cycles, not 20.
. "$(dirname "$0")/lib.sh"

# Each cycle costs 6-7 s under TCG with KASAN, lockdep and kmemleak on
# 6.12 (measured: the diag lines), so make check runs the 20 of the
# reliability plan and the long mode 100.
CYCLES=20
[ -n "$CMACODEC_LONG" ] && CYCLES=100
DRV=/sys/bus/platform/drivers/cmacodec
plan 34

cd /tmp || exit 1

kmemleak_mark
t0=$(date +%s)
# phase NAME: how long the phase took (the suite has a time budget)
phase() {
	diag "phase $1: $(($(date +%s) - t0)) s"
	t0=$(date +%s)
}

# wait_line FILE TEXT: until FILE has a line TEXT (60 s at most)
wait_line() {
	_i=0
	while ! grep -qx "$2" "$1" 2>/dev/null; do
		_i=$((_i + 1))
		[ $_i -le 120 ] || return 1
		sleep 0.5
	done
}

# (subshell: cmacodec_node's variables would overwrite check's)
nodes_gone() ( ! cmacodec_node enc >/dev/null && ! cmacodec_node dec >/dev/null )

# encode_ok NAME: 2 frames through the current encoder node
encode_ok() {
	_enc=$(cmacodec_node enc) || return 1
	timeout 120 v4l2-ctl -d "$_enc" \
		--set-fmt-video-out=width=320,height=240,pixelformat=YU12 \
		--stream-out-mmap --stream-mmap --stream-count=2 \
		--stream-to="$1.fwht" </dev/null >&2 2>&1 && [ -s "$1.fwht" ]
}

unbind() { echo cmacodec >"$DRV/unbind"; }
bind() { echo cmacodec >"$DRV/bind" && sleep 1; }

# --- unbind with handles open -------------------------------------------------
check "modprobe cmacodec" modprobe cmacodec
enc=$(cmacodec_node enc)
dec=$(cmacodec_node dec)
rm -f hold.fifo && mkfifo hold.fifo
cmacodec-lifecycle hold "$enc" "$dec" <hold.fifo >hold.out 2>hold.err &
holder=$!
exec 3>hold.fifo
check "both nodes open with buffers" wait_line hold.out "# ready"
check "unbind with handles open" unbind
check "the video nodes are gone" nodes_gone
exec 3>&-
wait $holder
cat hold.err >&2
tap_from cat hold.out
check "rebind" bind
check "an encode works after the rebind" encode_ok rebind1
phase unbind-open
kmemleak_new unbind-open

# --- unbind while streaming ---------------------------------------------------
enc=$(cmacodec_node enc)
cmacodec-lifecycle stream "$enc" </dev/null >stream.out 2>stream.err &
streamer=$!
timeout 600 v4l2-ctl -d "$enc" \
	--set-fmt-video-out=width=320,height=240,pixelformat=YU12 \
	--stream-out-mmap --stream-mmap --stream-count=100000 \
	--stream-to=/dev/null </dev/null >v4l2ctl.log 2>&1 &
ctl=$!
check "streaming started" wait_line stream.out "# ready"
sleep 2
check "unbind while two clients stream" unbind
wait $streamer
cat stream.err >&2
tap_from cat stream.out
# v4l2-ctl may report the error or just stop: it must end by itself
i=0
while kill -0 $ctl 2>/dev/null && [ $i -lt 60 ]; do
	sleep 1
	i=$((i + 1))
done
kill -0 $ctl 2>/dev/null
tap $((!$?)) "v4l2-ctl's stream ends by itself after the unbind"
kill $ctl 2>/dev/null
wait $ctl
tail -n 3 v4l2ctl.log >&2
check "rebind" bind
check "an encode works after the rebind" encode_ok rebind2
check "rmmod cmacodec" rmmod cmacodec
phase unbind-streaming
kmemleak_new unbind-streaming

# --- rmmod while another process holds an exported DMABUF ---------------------
check "modprobe cmacodec" modprobe cmacodec
rm -f exp.fifo && mkfifo exp.fifo
cmacodec-lifecycle expbuf "$(cmacodec_node enc)" <exp.fifo >exp.out 2>exp.err &
holder=$!
exec 4>exp.fifo
check "DMABUF exported" wait_line exp.out "# ready"
rmmod cmacodec >rmmod.log 2>&1
rc=$?
cat rmmod.log >&2
diag "rmmod with the DMABUF held: exit $rc: $(cat rmmod.log)"
# the DMABUF pins the module (cmacodec_mem_get_dmabuf())
tap "$( ([ $rc -ne 0 ] && grep -qi "in use" rmmod.log && [ -d /sys/module/cmacodec ]); echo $?)" \
	"rmmod with the DMABUF held is refused (in use), the module stays"
exec 4>&-
wait $holder
cat exp.err >&2
tap_from cat exp.out
check "rmmod works once the holder has exited" rmmod cmacodec
phase rmmod-expbuf
kmemleak_new rmmod-expbuf

# --- repeated load/unload -----------------------------------------------------
bad=0
i=0
while [ $i -lt $CYCLES ]; do
	i=$((i + 1))
	_c0=$(date +%s)
	timeout 300 modprobe cmacodec && _c1=$(date +%s) &&
		cmacodec_node enc >/dev/null && cmacodec_node dec >/dev/null &&
		timeout 300 rmmod cmacodec || {
		diag "load/unload cycle $i failed"
		bad=$((bad + 1))
		rmmod cmacodec 2>/dev/null
	}
	diag "cycle $i: modprobe $((${_c1:-0} - _c0)) s, rmmod $(($(date +%s) - ${_c1:-0})) s"
done
tap $bad "$CYCLES load/unload cycles, nodes present each time"
check "modprobe after the cycles" modprobe cmacodec
check "an encode works after the cycles" encode_ok cycles
check "rmmod cmacodec" rmmod cmacodec
phase load-unload
kmemleak_new load-unload
done_testing
