#!/bin/sh
# make bench, guest side (run only by make bench: init.sh cmvm.dir=bench/guest).
# Frames per second of encode and decode, cmacodec vs vicodec on the same
# frames, MMAP and DMABUF; REQBUFS latency of 8 x 1080p NV12 buffers, idle
# and with the page cache filled; CPU time of transcoding with DMABUF
# (zero-copy) vs MMAP plus memcpy; the converter's 1080p NV12 -> XRGB32
# frame time vs a memcpy of the frame.  Raw figures go to /results/bench/ for
# scripts/bench.sh.  Assertions are on correctness only (every run
# succeeds, both transcodes give the same stream), never on speed.
. /host/tests/guest/lib.sh
R=/results/bench
FRAMES=8	# per bench run (size x io x driver x enc/dec)
TC_FRAMES=6	# transcoded 1080p frames per mode
REPS=5		# REQBUFS repetitions per state
t0=$(date +%s)
# step NAME: the guest seconds since the last step, as a diagnostic
step() { diag "step $1: $(($(date +%s) - t0)) s"; echo "$1 $(($(date +%s) - t0))" >>$R/steps.txt; t0=$(date +%s); }
mkdir -p $R
: >$R/steps.txt
cd "$(mktemp -d)" || exit 1
plan 14

# The modelled hardware time off: fps then measures the software (the
# core on the host CPU plus the V4L2 path), like vicodec's.
check "modprobe vicodec, cmacodec hw_ns_per_pixel=0" \
	sh -c 'modprobe vicodec && modprobe cmacodec hw_ns_per_pixel=0'
hw=$(cat /sys/module/cmacodec/parameters/hw_ns_per_pixel)
tap "$([ "$hw" = 0 ]; echo $?)" "hw_ns_per_pixel is 0 (read back: $hw)"
{
	echo "kernel $(uname -r)"
	echo "hw_ns_per_pixel $hw"
	echo "cpus $(nproc)"
	grep -m1 'model name' /proc/cpuinfo
	grep -E '^(MemTotal|CmaTotal):' /proc/meminfo
} >$R/guest.txt

# --- fps --------------------------------------------------------------------
cmacodec bench --sizes 1280x720,1920x1080 --frames "$FRAMES" --io mmap,dmabuf \
	--vs vicodec >$R/fps.txt 2>fps.err
rc=$?
cat fps.err >&2
tap $rc "bench --vs vicodec, 720p and 1080p, mmap and dmabuf ($FRAMES frames per run)"
rows=$(grep -Ec '^(cmacodec|vicodec) +(enc|dec) +(1280x720|1920x1080) +(mmap|dmabuf) +[0-9]' $R/fps.txt)
tap "$([ "$rows" = 16 ]; echo $?)" "bench: 16 result rows (2 drivers x enc/dec x 2 sizes x 2 io; got $rows)"
step fps

# --- zero-copy transcode ----------------------------------------------------
gen_clip I420 1920 1080 "$TC_FRAMES" clip.yuv
check "a 1080p source clip ($TC_FRAMES frames)" \
	cmacodec enc clip.yuv clip.fwht --size 1920x1080 --format YU12 --quiet
cmacodec transcode clip.fwht dmabuf.fwht >$R/transcode-dmabuf.txt 2>&1
tap $? "transcode, DMABUF (zero-copy)"
cmacodec transcode clip.fwht copy.fwht --copy >$R/transcode-copy.txt 2>&1
tap $? "transcode --copy (MMAP plus memcpy)"
cat $R/transcode-*.txt >&2
cmp dmabuf.fwht copy.fwht >&2
tap $? "both transcodes give the same stream"
grep -q "frame data copied by the CPU: 0 bytes" $R/transcode-dmabuf.txt
tap $? "zero-copy transcode copied no frame data"
step transcode

# --- CMA: REQBUFS latency ---------------------------------------------------
enc=$(cmacodec_node enc)
cma_free_kb >cma-free-idle
cmacodec-bench-reqbufs "$enc" 1920x1080 NV12 8 $REPS >$R/reqbufs-idle.txt
tap $? "REQBUFS 8 x 1080p NV12, idle: $(cat $R/reqbufs-idle.txt)"
# Fill the page cache with file pages on a tmpfs of its own (shmem pages
# are movable, so the page allocator puts them into CMA pageblocks too
# once free memory outside CMA runs short): 32 MiB at a time until CMA is
# mostly taken or only FILL_FLOOR_MB of memory is left free.
FILL_FLOOR_MB=96
mem_free_kb() { awk '/^MemFree:/ { print $2 }' /proc/meminfo; }
mkdir -p /mnt/bench-fill
mount -t tmpfs -o size=100% tmpfs /mnt/bench-fill
fill_mb=0
while [ "$(mem_free_kb)" -gt $(((FILL_FLOOR_MB + 32) * 1024)) ] &&
	[ "$(cma_free_kb)" -gt 32768 ]; do
	dd if=/dev/zero of=/mnt/bench-fill/f$fill_mb bs=1M count=32 2>/dev/null ||
		break
	fill_mb=$((fill_mb + 32))
done
echo "fill_mb $fill_mb cma_free_kb_idle $(cat cma-free-idle) cma_free_kb_filled $(cma_free_kb) memfree_kb_filled $(mem_free_kb)" >$R/fill.txt
cat $R/fill.txt >&2
cmacodec-bench-reqbufs "$enc" 1920x1080 NV12 8 $REPS >$R/reqbufs-filled.txt
tap $? "REQBUFS 8 x 1080p NV12, page cache filled ($(cat $R/fill.txt)): $(cat $R/reqbufs-filled.txt)"
umount /mnt/bench-fill
step reqbufs

# --- converter ----------------------------------------------------------------
# 1080p NV12 -> XRGB32 per frame through the converter node (QBUF to DQBUF,
# one frame in flight, after warm-up frames) vs a plain memcpy of the
# XRGB32 frame in the same process (bench/tools/conv.c).  The tool fails
# when the node's output is wrong at its sample pixels; the time itself is
# only reported (scripts/bench-report.sh, converter_row).
CONV_FRAMES=30
conv=$(cmacodec_node conv)
cmacodec-bench-conv "${conv:--}" $CONV_FRAMES 3 >$R/converter.txt
tap $? "converter 1080p NV12 -> XRGB32 vs memcpy ($CONV_FRAMES frames, output checked): $(cat $R/converter.txt)"
step converter

check "rmmod cmacodec" rmmod cmacodec
check "rmmod vicodec" rmmod vicodec
done_testing
