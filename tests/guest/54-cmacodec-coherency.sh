#!/bin/sh
# cmvm: cost 81
# Coherency modes (docs/memory.md, "Coherency"): the module parameters
# write_combine, no_kernel_mapping and cache_hints reach the allocations
# (debugfs cmacodec/buffers attributes; the NON_COHERENT flag accepted and
# kept with the cache-hints capability), the decoder's CPU-parsed OUTPUT
# keeps its kernel mapping, and encoding and decoding with all three stay
# bit-exact with the default mode; v4l2-compliance streams with them.
. "$(dirname "$0")/lib.sh"

W=320
H=240
N=5
plan 44

cd /tmp || exit 1
gen_clip I420 $W $H $N coh-in.yuv
cma=$(cma_area_dir)

check "modprobe cmacodec (default mode)" modprobe cmacodec
enc=$(cmacodec_node enc)
dec=$(cmacodec_node dec)
tap_from cmacodec-memcheck buffers "$enc" 2 "$cma" coherent
cmacodec enc coh-in.yuv coh-ref.fwht --size ${W}x$H --format YU12 >&2 2>&1 &&
	cmacodec dec coh-ref.fwht coh-ref.yuv >&2 2>&1
tap $? "default mode: reference encode and decode"
check "rmmod cmacodec" rmmod cmacodec

check "modprobe cmacodec write_combine=1 no_kernel_mapping=1 cache_hints=1" \
	modprobe cmacodec write_combine=1 no_kernel_mapping=1 cache_hints=1
enc=$(cmacodec_node enc)
dec=$(cmacodec_node dec)
tap_from cmacodec-memcheck buffers "$enc" 2 "$cma" coherent,wc,nomap
tap_from cmacodec-memcheck buffers "$enc" 2 "$cma" non-coherent nc
tap_from cmacodec-memcheck buffers "$dec" 2 "$cma" coherent,wc
cmacodec enc coh-in.yuv coh.fwht --size ${W}x$H --format YU12 >&2 2>&1 &&
	cmp coh-ref.fwht coh.fwht >&2
tap $? "all three modes: the encoder's stream is identical to the default mode's"
cmacodec dec coh.fwht coh.yuv >&2 2>&1 && cmp coh-ref.yuv coh.yuv >&2
tap $? "all three modes: the decoded frames are identical to the default mode's"
compliance "-s 5 on the encoder with cache hints, write-combine, no kernel mapping" \
	-d "$enc" -s 5
check "rmmod cmacodec" rmmod cmacodec
done_testing
