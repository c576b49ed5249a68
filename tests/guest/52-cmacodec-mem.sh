#!/bin/sh
# cmvm: smoke
# cmvm: cost 42
# The driver's memory accounting (cmacodec-mem.c): debugfs cmacodec/buffers
# lists exactly the buffers a handle holds, with their sizes, disjoint DMA
# ranges and owner, and the CMA area grows by exactly those bytes;
# cmacodec/area names the CMA area where the kernel exports that to
# modules; both files are root-only; the per-instance and per-device caps
# (mem_limit_inst_kb, mem_limit_dev_kb) turn REQBUFS/CREATE_BUFS beyond
# them into fewer buffers or ENOMEM, and memory freed under a cap is usable
# again.  On the converter node, patterns written into MMAP buffers from
# user space are read by the hardware model at their bus addresses and
# written into other MMAP buffers that user space reads back (readback).
. "$(dirname "$0")/lib.sh"

plan 34

check "modprobe cmacodec" modprobe cmacodec
enc=$(cmacodec_node enc)
dbg=/sys/kernel/debug/cmacodec
cma=$(cma_area_dir)
cd /tmp || exit 1

tap_from cmacodec-memcheck buffers "$enc" 4 "$cma"
tap_from cmacodec-memcheck limits "$enc"
tap_from cmacodec-memcheck stale "$enc"
tap_from cmacodec-memcheck noncontig "$enc" "$(cma_heap_path)"
tap_from cmacodec-memcheck readback "$(cmacodec_node conv)" 4 "$cma"

cat $dbg/area >area.txt 2>&1
cat area.txt >&2
# kernels that export dma_contiguous_get_area_by_idx() (7.3) also export
# dev_get_cma_area() and cma_get_name(): the driver must use them
if grep -q ' __ksymtab_dma_contiguous_get_area_by_idx$' /proc/kallsyms; then
	want="area: $(basename "$cma")"
else
	want="does not export its name"
fi
grep -q "$want" area.txt
tap $? "cmacodec/area: '$want'"
dmesg | grep -q "cmacodec.*DMA buffers come from"
tap $? "probe says which CMA area buffers come from"

perm=$(stat -c %a $dbg/buffers $dbg/area | tr '\n' ' ')
tap "$([ "$perm" = "400 400 " ]; echo $?)" "cmacodec/buffers and area are root-only (modes $perm)"
# debugfs itself is 0700 on most kernels; a non-root reader must fail either way
setpriv --reuid=65534 --regid=65534 --clear-groups cat $dbg/buffers >/dev/null 2>&1
tap "$([ $? -ne 0 ]; echo $?)" "an unprivileged user cannot read the DMA addresses"

check "rmmod cmacodec" rmmod cmacodec
tap "$([ ! -e $dbg ]; echo $?)" "rmmod removes cmacodec's debugfs directory"

# --- cma_area=: honoured where the CMA area API is exported, else refused ---
name=$(basename "$cma")
nodes_absent() { ! cmacodec_node enc >/dev/null && ! cmacodec_node dec >/dev/null; }
if grep -q ' __ksymtab_dma_contiguous_get_area_by_idx$' /proc/kallsyms; then
	modprobe cmacodec cma_area=nonexistent >&2 2>&1
	dmesg | grep -q "cma_area=nonexistent: no such CMA area (there are: .*$name"
	tap $? "cma_area=nonexistent: the probe fails naming the areas there are"
	nodes_absent
	tap $? "cma_area=nonexistent: no video nodes"
	rmmod cmacodec
	modprobe cmacodec cma_area="$name" >&2 2>&1 && grep -q "^area: $name\$" $dbg/area &&
		cmacodec-memcheck buffers "$(cmacodec_node enc)" 2 "$cma" >&2
	tap $? "cma_area=$name: probes, cmacodec/area names it, buffers come from it"
else
	modprobe cmacodec cma_area="$name" >&2 2>&1
	dmesg | grep -q "cma_area=$name: this kernel does not export the CMA area API"
	tap $? "cma_area= refused on a kernel that does not export the CMA area API"
	nodes_absent
	tap $? "cma_area= refused: no video nodes"
	dmesg | grep -q "cma_area=$name: .*device-tree memory-region"
	tap $? "the refusal points to the device-tree way"
fi
check "rmmod cmacodec" rmmod cmacodec
done_testing
