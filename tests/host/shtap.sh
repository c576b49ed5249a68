# SPDX-License-Identifier: GPL-2.0
# TAP for the host shell tests (test-NAME.sh), sourced once B is their work
# directory: each check is "ok STATUS DESCRIPTION", where a failing one shows
# the command output the test left in $B/out; "tap_end NAME" closes.
n=0
fails=0

ok() { # STATUS DESCRIPTION
	n=$((n + 1))
	if [ "$1" -eq 0 ]; then
		echo "ok $n - $2"
	else
		echo "not ok $n - $2"
		sed 's/^/# /' "$B/out"
		fails=$((fails + 1))
	fi
}

tap_end() { # NAME: the plan and a summary; non-zero if a check failed
	echo "1..$n"
	echo "test-$1: $((n - fails)) passed, $fails failed"
	[ "$fails" -eq 0 ]
}
