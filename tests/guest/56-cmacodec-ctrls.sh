#!/bin/sh
# cmvm: cost 32
# The private controls (uapi/linux/cmacodec.h): "Jobs Completed" and "Last
# Job Time (us)" read the node's core, from any file handle.  An encode of
# N frames advances the encoder's job count by exactly N and leaves the
# decoder's alone; the last job's time, START to completion interrupt, is
# at least its modelled time (coded pixels x hw_ns_per_pixel), which the
# model never beats; both are read-only (VIDIOC_S_CTRL fails).
. "$(dirname "$0")/lib.sh"

W=320
H=240
N=6
NS=2000
plan 9

cd /tmp || exit 1
gen_clip I420 $W $H $N ctl-in.yuv
check "modprobe cmacodec hw_ns_per_pixel=$NS" modprobe cmacodec hw_ns_per_pixel=$NS
enc=$(cmacodec_node enc)
dec=$(cmacodec_node dec)

# ctrl NODE NAME: the control's value
ctrl() { v4l2-ctl -d "$1" --get-ctrl="$2" 2>/dev/null | sed -n "s/^$2: //p"; }

v4l2-ctl -d "$enc" --list-ctrls >ctl-list.txt 2>&1
cat ctl-list.txt >&2
grep -q 'jobs_completed 0x00982800 (int) *: .*flags=read-only, volatile' ctl-list.txt &&
	grep -q 'last_job_time_us 0x00982801 (int) *: .*flags=read-only, volatile' ctl-list.txt
tap $? "both controls listed at CMACODEC_CID_BASE (0x00982800), read-only and volatile"

e0=$(ctrl "$enc" jobs_completed)
d0=$(ctrl "$dec" jobs_completed)
cmacodec enc ctl-in.yuv ctl.fwht --size ${W}x$H --format YU12 >&2 2>&1
tap $? "encode $N frames"
e1=$(ctrl "$enc" jobs_completed)
d1=$(ctrl "$dec" jobs_completed)
diag "encoder jobs $e0 -> $e1, decoder jobs $d0 -> $d1"
tap "$([ -n "$e0" ] && [ $((e1 - e0)) -eq $N ]; echo $?)" "the encoder's job count rose by exactly $N"
tap "$([ -n "$d0" ] && [ "$d1" -eq "$d0" ]; echo $?)" "the decoder's job count did not move"
t=$(ctrl "$enc" last_job_time_us)
want=$((W * H * NS / 1000))
diag "last job time $t us (modelled: $want us)"
tap "$([ -n "$t" ] && [ "$t" -ge $want ] && [ "$t" -lt 10000000 ]; echo $?)" \
	"last job time $t us: no less than the modelled $W x $H x $NS ns"
cmacodec dec ctl.fwht ctl.yuv >&2 2>&1
tap "$([ "$(ctrl "$dec" jobs_completed)" -eq $((d1 + N)) ]; echo $?)" \
	"decoding them advances the decoder's count by $N"
v4l2-ctl -d "$enc" --set-ctrl=jobs_completed=0 >&2 2>&1
tap "$([ $? -ne 0 ] && [ "$(ctrl "$enc" jobs_completed)" -eq "$e1" ]; echo $?)" \
	"VIDIOC_S_CTRL on the read-only count fails and changes nothing"
check "rmmod cmacodec" rmmod cmacodec
done_testing
