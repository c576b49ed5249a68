#!/bin/sh
# cmvm: cost 21
# Fault injection through debugfs: a core that hangs is failed by its
# watchdog, a core that reports an error fails the job, and in both cases
# streaming goes on, nothing leaks and the next session is clean.
. "$(dirname "$0")/lib.sh"

W=320
H=240
N=6
DBG=/sys/kernel/debug/cmacodec/cmacodec-enc

plan 10

check "modprobe cmacodec hw_watchdog_ms=300" modprobe cmacodec hw_watchdog_ms=300
enc=$(video_node_by_name cmacodec-enc)
check "debugfs fault files present" test -e "$DBG/fault_stall"
cd /tmp || exit 1
base=$(cma_used_kb)

# encode NAME: N frames of the test pattern; the session must end by itself
encode() {
	timeout 300 v4l2-ctl -d "$enc" \
		--set-fmt-video-out=width=$W,height=$H,pixelformat=YU12 \
		--stream-out-mmap --stream-mmap --stream-count=$N \
		--stream-to="$1" --verbose </dev/null >"$1.log" 2>&1
	_rc=$?
	cat "$1.log" >&2
	return $_rc
}

echo 1 >"$DBG/fault_stall"
check "a stalled job is failed by the watchdog; the session ends" \
	encode stall.fwht
tap "$(grep -Eq "[(, ]error[,)]" stall.fwht.log; echo $?)" \
	"the stalled job's buffer came back with the ERROR flag"

echo 2 >"$DBG/fault_error"
check "two failing jobs; the session ends" encode error.fwht

echo 2000 >"$DBG/fault_delay_us"
check "random extra latency; the session ends" encode delay.fwht
echo 0 >"$DBG/fault_delay_us"

check "a clean session afterwards" encode clean.fwht
check "register dump readable" sh -c "cat $DBG/regs >&2"

check "rmmod cmacodec" rmmod cmacodec
after=$(cma_used_kb)
diag "CMA used before $base KiB, after $after KiB"
tap "$([ "$after" -eq "$base" ]; echo $?)" "CMA used back to $base KiB after rmmod"
done_testing
