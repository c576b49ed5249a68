#!/bin/sh
# cmvm: cost 273
# The classic CMA test module's sweep from user space (`cmacodec cma-test
# --scenario sweep`, through the CMA dma-heap): buffers of 1..10 MiB, every
# page written and read back, freed, three rounds; the area back where it
# was after every free.  Once idle, once with the page cache filling the
# CMA area (tmpfs file pages are movable, so the page allocator puts them
# into CMA pageblocks once memory outside runs short) and a background
# reader streaming those files, so each allocation must migrate pages out
# of its range.  The allocation latencies of both runs are reported, not
# asserted.
. "$(dirname "$0")/lib.sh"

FILL_FLOOR_MB=128	# leave this much memory free while filling
plan 8

cd /tmp || exit 1
base=$(cma_used_kb)
cmacodec cma-test --scenario sweep --count 3 >sweep-idle.out 2>&1
rc=$?
cat sweep-idle.out >&2
tap $rc "sweep 1..10 MiB x 3, idle: every CmaFree step as expected (exit $rc)"
grep -q "sweep: 30 allocations, every page checked: ok" sweep-idle.out
tap $? "idle: 30 allocations, every page read back intact"
diag "idle: $(grep '^  sweep: ' sweep-idle.out | sed 's/.*; //')"

mem_free_kb() { awk '/^MemFree:/ { print $2 }' /proc/meminfo; }
mkdir -p /mnt/cma-fill
mount -t tmpfs -o size=100% tmpfs /mnt/cma-fill
free0=$(cma_free_kb)
n=0
while [ "$(mem_free_kb)" -gt $(((FILL_FLOOR_MB + 32) * 1024)) ] &&
	[ "$(cma_free_kb)" -gt 65536 ]; do
	dd if=/dev/zero of=/mnt/cma-fill/f$n bs=1M count=32 2>/dev/null || break
	n=$((n + 1))
done
free1=$(cma_free_kb)
diag "filled $((n * 32)) MiB of tmpfs: CmaFree $free0 -> $free1 kB, MemFree $(mem_free_kb) kB"
tap "$([ "$free1" -lt "$free0" ]; echo $?)" \
	"the page cache took CMA pages (CmaFree $free0 -> $free1 kB)"
( while :; do cat /mnt/cma-fill/f* >/dev/null; done ) &
reader=$!
cmacodec cma-test --scenario sweep --count 3 >sweep-filled.out 2>&1
rc=$?
kill $reader
wait $reader 2>/dev/null
cat sweep-filled.out >&2
tap $rc "sweep 1..10 MiB x 3, page cache filled, reader running: every step as expected (exit $rc)"
grep -q "sweep: 30 allocations, every page checked: ok" sweep-filled.out
tap $? "filled: 30 allocations, every page read back intact"
diag "filled: $(grep '^  sweep: ' sweep-filled.out | sed 's/.*; //')"
grep -E '^ +(1|10) MiB: alloc latency' sweep-idle.out | sed 's/^ */idle: /' | while read -r l; do diag "$l"; done
grep -E '^ +(1|10) MiB: alloc latency' sweep-filled.out | sed 's/^ */filled: /' | while read -r l; do diag "$l"; done
tap "$(grep -q "10 MiB: alloc latency min [0-9]* med [0-9]* max [0-9]* us" sweep-filled.out; echo $?)" \
	"latency per size reported (1..10 MiB, min/med/max)"
rm -f /mnt/cma-fill/f*
umount /mnt/cma-fill
after=$(cma_used_kb)
tap "$([ "$after" -eq "$base" ]; echo $?)" "CMA used back to $base kB (now $after kB)"
check "the CMA heap still allocates 10 MiB" \
	cmacodec cma-test --scenario basic --count 1 --buf-size 10M
done_testing
