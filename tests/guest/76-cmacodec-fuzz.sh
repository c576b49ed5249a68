#!/bin/sh
# cmvm: cost 195
# An in-guest ioctl fuzzer on the four nodes (several threads and handles,
# dup'ed handles, a handle closed while DQBUF sleeps on it), then random
# and mutated FWHT streams through the decoder.  Passes when the fuzzer
# completes, the device still round-trips a clip, the module unloads and
# kmemleak and the splat scan stay quiet.  Fixed seeds, fixed counts.
# CMACODEC_LONG=1: ten times the operations and streams.
. "$(dirname "$0")/lib.sh"

SEED=${CMACODEC_FUZZ_SEED:-7}
ITERS=800
STREAMS=36
if [ -n "$CMACODEC_LONG" ]; then
	ITERS=8000
	STREAMS=360
fi
plan 9

cd /tmp || exit 1
kmemleak_mark
check "modprobe cmacodec" modprobe cmacodec
enc=$(cmacodec_node enc)
dec=$(cmacodec_node dec)
conv=$(cmacodec_node conv)
sl=$(cmacodec_node stateless-dec)

t0=$(date +%s)
tap_from cmacodec-ioctl-fuzz ioctls "$SEED" "$ITERS" 3 "$enc" "$dec" "$conv" "$sl"
grep '^#' tap_from.out
diag "ioctl fuzzing took $(($(date +%s) - t0)) s"
t0=$(date +%s)
tap_from cmacodec-ioctl-fuzz streams "$SEED" "$STREAMS" "$enc" "$dec"
grep '^#' tap_from.out
diag "stream fuzzing took $(($(date +%s) - t0)) s"

check "an encode+decode round trip works after the fuzzing" roundtrip_ok after
check "rmmod cmacodec" rmmod cmacodec
tap "$([ ! -d /sys/module/cmacodec ]; echo $?)" "the module is gone"
kmemleak_new fuzz
done_testing
