#!/bin/sh
# Harness self-test, run only when asked for by name (make check does, in a
# boot of its own): loads a module that WARNs.  The test itself passes; the
# host's splat scan of this boot must then FAIL, which check.sh asserts.
. "$(dirname "$0")/lib.sh"
plan 1
check "load cmacodec_splat (WARNs on purpose)" modprobe cmacodec_splat
done_testing
