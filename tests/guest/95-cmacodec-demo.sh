#!/bin/sh
# cmvm: cost 139
# `make demo` runs tests/guest/demo.sh in a guest of its own; the full
# suite runs the same script so that the main job cannot rot unnoticed.
. "$(dirname "$0")/lib.sh"
plan 2

/bin/sh "$(dirname "$0")/demo.sh" >/tmp/demo.out 2>&1
rc=$?
cat /tmp/demo.out >&2
tap $rc "demo.sh exits 0"
tail -n 1 /tmp/demo.out | grep -qx "demo: OK"
tap $? "demo.sh ends with 'demo: OK'"
done_testing
