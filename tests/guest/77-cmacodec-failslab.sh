#!/bin/sh
# cmvm: cost 258
# failslab and fail_page_alloc aimed at the driver: the Nth allocation of
# open, REQBUFS and probe fails, for every N the operation has (fail-nth);
# then modprobe with make-it-fail, failing after growing byte budgets
# ("space").  Every failure must give an error or be survived, the same
# operation must work right after, nothing may leak or splat.
. "$(dirname "$0")/lib.sh"

DBG=/sys/kernel/debug
plan 17

cd /tmp || exit 1
if [ ! -d $DBG/failslab ] || [ ! -d $DBG/fail_page_alloc ]; then
	for i in $(seq 17); do skip "fault injection" "no failslab/fail_page_alloc"; done
	exit 0
fi

# fault attributes: save, set, restore
ATTRS="probability interval times space verbose task-filter ignore-gfp-wait"
save_attrs() {
	for a in failslab fail_page_alloc; do
		for f in $ATTRS min-order ignore-gfp-highmem; do
			[ -e "$DBG/$a/$f" ] && echo "$a $f $(cat "$DBG/$a/$f")"
		done
	done >fault.saved
}
restore_attrs() {
	while read -r a f v; do echo "$v" >"$DBG/$a/$f"; done <fault.saved
}
# sleeping (GFP_KERNEL) and order-0 allocations count too; nothing fails
# unless asked for (probability 0, fail-nth or make-it-fail only)
arm() {
	for a in failslab fail_page_alloc; do
		echo 0 >"$DBG/$a/probability"
		echo 0 >"$DBG/$a/verbose"
		echo N >"$DBG/$a/ignore-gfp-wait"
		echo N >"$DBG/$a/task-filter"
		echo 0 >"$DBG/$a/space"
	done
	echo 0 >"$DBG/fail_page_alloc/min-order"
	echo N >"$DBG/fail_page_alloc/ignore-gfp-highmem"
}
# (a subshell: cmacodec_node's variables would overwrite check's)
nodes_present() ( cmacodec_node enc && cmacodec_node dec )
save_attrs
kmemleak_mark
check "modprobe cmacodec" modprobe cmacodec
enc=$(cmacodec_node enc)
dec=$(cmacodec_node dec)
arm

# --- the Nth allocation of an operation fails, N = 1, 2, ... ----------------
# (FN_ENV: settings for cmacodec-failnth, see its header)
FN_ENV=
failnth() {
	# shellcheck disable=SC2086
	tap_from env $FN_ENV cmacodec-failnth "$@"
	grep '^#' tap_from.out
}
failnth open "$enc"
failnth reqbufs "$enc"
failnth reqbufs "$dec"
# a probe costs seconds under TCG: every allocation up to the 20th, then
# every 15th
FN_ENV="CMACODEC_FAILNTH_DENSE=20 CMACODEC_FAILNTH_STEP=15"
failnth bind /sys/bus/platform/drivers/cmacodec cmacodec cmacodec-enc
check "the nodes are back after the probe rounds" nodes_present
check "rmmod cmacodec" rmmod cmacodec

# --- modprobe with make-it-fail: one failure after a byte budget -------------
# (the budget counts modprobe's own allocations too: small ones fail the
# exec or the module load, larger ones reach the probe)
outcomes=
bad=0
hit=0
RUNS="failslab:0 failslab:65536 failslab:1048576 fail_page_alloc:1048576"
[ -n "$CMACODEC_LONG" ] && RUNS="failslab:0 failslab:4096 failslab:32768
	failslab:131072 failslab:524288 failslab:2097152 fail_page_alloc:0
	fail_page_alloc:1048576 fail_page_alloc:8388608"
n=0
for a_space in $RUNS; do
	n=$((n + 1))
	a=${a_space%:*} space=${a_space#*:}
	echo Y >"$DBG/$a/task-filter"
	echo 1 >"$DBG/$a/interval"
	echo "$space" >"$DBG/$a/space"
	echo 1 >"$DBG/$a/times"
	echo 100 >"$DBG/$a/probability"
	sh -c 'echo 1 >/proc/self/make-it-fail && exec modprobe cmacodec' >&2 2>&1
	rc=$?
	left=$(cat "$DBG/$a/times")
	echo 0 >"$DBG/$a/probability"
	echo N >"$DBG/$a/task-filter"
	[ "$left" = 0 ] && hit=$((hit + 1))
	if [ -d /sys/module/cmacodec ]; then
		if cmacodec_node enc >/dev/null; then o=loaded; else o=probe-failed; fi
		rmmod cmacodec || { bad=$((bad + 1)); o="$o,rmmod-FAILED"; }
	else
		o="not-loaded(rc=$rc)"
	fi
	[ "$left" = 0 ] || o="$o,no-failure-injected"
	outcomes="$outcomes $a:$space=$o"
done
diag "modprobe under make-it-fail:$outcomes"
tap $bad "modprobe with one failing allocation: loads, fails or fails its probe; rmmod works each time"
tap "$([ $hit -ge 2 ]; echo $?)" "a failure was injected in $hit of $n modprobe runs"

restore_attrs
check "a clean modprobe afterwards" modprobe cmacodec
check "an encode+decode round trip works" roundtrip_ok after
check "rmmod cmacodec" rmmod cmacodec
kmemleak_new failslab
done_testing
