#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Run the host test programs (each prints TAP); exit non-zero if any fails.
# usage: run-tests.sh BUILD_DIR TEST... (a TEST with a script test-TEST.sh
# here, e.g. "uapi", runs that script)
# With TAP_DIR set, each test's TAP also goes to TAP_DIR/TEST.tap and its
# exit status to TAP_DIR/TEST.rc (scripts/tap-collect.sh reads them).
B=$1
shift
here=$(dirname "$0")
status=0
pass=0
fail=0
for t in "$@"; do
	echo "# ---- $t"
	if [ -f "$here/test-$t.sh" ]; then
		out=$(sh "$here/test-$t.sh" "$B" 2>&1)
	else
		out=$("$B/$t" 2>&1)
	fi
	rc=$?
	echo "$out"
	if [ -n "${TAP_DIR:-}" ]; then
		mkdir -p "$TAP_DIR"
		echo "$out" >"$TAP_DIR/$t.tap"
		echo "$rc" >"$TAP_DIR/$t.rc"
	fi
	p=$(echo "$out" | grep -c '^ok ')
	f=$(echo "$out" | grep -c '^not ok ')
	pass=$((pass + p))
	fail=$((fail + f))
	if [ $rc -ne 0 ] || [ "$f" -ne 0 ] || [ "$p" -eq 0 ]; then
		echo "# FAILED: $t (exit $rc)"
		status=1
	fi
done
echo "host tests: $pass passed, $fail failed"
exit $status
