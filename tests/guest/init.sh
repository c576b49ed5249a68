#!/bin/sh
# Guest side of the test VM: started by /sbin/cmacodec-init with the shares
# mounted (/host = this checkout, read-only; /results = writable; /kmod = the
# kernel's modules).  Reads its orders from the kernel command line:
#   cmvm.mode=check|demo|shell  run the selected tests, the demo, or a shell
# (/kmod is the module tree build/modroot/VER: the kernel's and ours)
#   cmvm.tests=GLOB[,GLOB]   which tests/guest/NN-*.sh to run (default: all
#                            but the 99-selftest-* ones, which run only when
#                            named); @smoke selects the tests carrying a
#                            "# cmvm: smoke" line
#   cmvm.timeout=SECONDS     per-test timeout (default 600; a test's own
#                            "# cmvm: timeout SECONDS" line may raise it)
#   cmvm.dir=DIR             where the NN-*.sh scripts are, relative to /host
#                            (default tests/guest; make bench uses bench/guest)
#   cmvm.long=1              long mode: exported to the tests as
#                            CMACODEC_LONG (more cycles, more fuzzing)
# Every test writes TAP to /results/tap/NAME.tap; the host collects them.
export PATH=/host/build/guest-bin:/usr/sbin:/usr/bin:/sbin:/bin
export HOME=/root LANG=C.UTF-8 CMACODEC_TOP=/host

arg() { tr ' ' '\n' </proc/cmdline | sed -n "s/^cmvm\.$1=//p" | tail -n1; }
say() { echo "cmvm: [$(cut -d' ' -f1 /proc/uptime)s] $*" >/dev/console; }

say "init started"
mode=$(arg mode)
tests=$(arg tests | tr ',' ' ')
timeout=$(arg timeout)
dir=$(arg dir)
CMACODEC_LONG=$(arg long)
export CMACODEC_LONG
: "${mode:=check}" "${tests:=*}" "${timeout:=600}" "${dir:=tests/guest}"
rel=$(uname -r)

mount -t debugfs debugfs /sys/kernel/debug
mount -t configfs configfs /sys/kernel/config 2>/dev/null

# Modules: the kernel's own plus the project's in extra/, with depmod
# already run on the host (scripts/build-modules.sh).
mount --bind /kmod/lib/modules /lib/modules

finish() {
	if [ -w /sys/kernel/debug/kmemleak ]; then
		# Two scans, as kmemleak documents, so fresh objects settle first.
		echo scan >/sys/kernel/debug/kmemleak
		sleep 2
		echo scan >/sys/kernel/debug/kmemleak
		cat /sys/kernel/debug/kmemleak >/results/kmemleak.txt
	fi
	dmesg >/results/dmesg.txt
	echo "$rel" >/results/release
	echo done >/results/finished
	sync
	poweroff -f
}

case "$mode" in
demo)
	/bin/sh /host/tests/guest/demo.sh 2>&1 | tee /results/demo.log >/dev/console
	finish
	;;
shell)
	say "shell on $rel; modules in /lib/modules/$rel/extra; tests in /host/tests/guest; exit to power off"
	setsid sh -c 'exec /bin/bash -l </dev/ttyS0 >/dev/ttyS0 2>&1'
	finish
	;;
esac

mkdir -p /results/tap
say "running tests on $rel: $tests (in $dir)"
for t in "/host/$dir"/[0-9][0-9]-*.sh; do
	name=$(basename "$t" .sh)
	run=0
	set -f # the patterns are for case, not for globbing in the cwd
	for pat in $tests; do
		case "$pat" in
		@smoke) grep -q '^# cmvm: smoke' "$t" && run=1 ;;
		\*) case "$name" in 99-selftest-*) ;; *) run=1 ;; esac ;;
		*) case "$name" in $pat) run=1 ;; esac ;;
		esac
	done
	set +f
	[ $run = 1 ] || continue
	start=$(date +%s)
	echo "--- $name" >/dev/kmsg
	# a test may ask for more time: a line "# cmvm: timeout SECONDS"
	t_timeout=$(sed -n 's/^# cmvm: timeout \([0-9][0-9]*\)$/\1/p' "$t" | head -n1)
	t_timeout=${t_timeout:-$timeout}
	[ "$t_timeout" -lt "$timeout" ] && t_timeout=$timeout
	timeout -k 10 "$t_timeout" /bin/sh "$t" >"/results/tap/$name.tap" 2>"/results/tap/$name.log"
	rc=$?
	[ $rc = 124 ] && echo "# TIMEOUT after ${t_timeout}s" >>"/results/tap/$name.tap"
	echo "$rc $(($(date +%s) - start))" >"/results/tap/$name.rc"
	say "$name: exit $rc in $(($(date +%s) - start))s"
done
finish
