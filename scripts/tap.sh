# shellcheck shell=bash
# TAP output for host-side check scripts (dkms-check.sh, install-check.sh,
# udev-check.sh).  Sourced, not run.  Each script prints its checks, then
# tap_end prints the plan and returns non-zero if any failed;
# scripts/tap-collect.sh reads the result like a guest test's.

_tap_n=0
_tap_fail=0

# tap_ok STATUS DESCRIPTION [LOGFILE]: one check; a failing one shows the
# tail of LOGFILE as diagnostics.
tap_ok() {
	_tap_n=$((_tap_n + 1))
	if [ "$1" = 0 ]; then
		echo "ok $_tap_n - $2"
	else
		echo "not ok $_tap_n - $2"
		_tap_fail=$((_tap_fail + 1))
		if [ -n "${3:-}" ] && [ -f "$3" ]; then
			tail -n 25 "$3" | sed 's/^/# /'
		fi
	fi
}

# tap_check DESCRIPTION LOGFILE CMD...: run CMD (output to LOGFILE), pass
# when it exits 0.
tap_check() {
	local desc=$1 logf=$2
	shift 2
	"$@" >"$logf" 2>&1
	tap_ok $? "$desc" "$logf"
}

tap_diag() { echo "# $*"; }

tap_end() {
	echo "1..$_tap_n"
	[ "$_tap_fail" = 0 ]
}
