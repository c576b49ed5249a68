#!/usr/bin/env bash
# `make demo`: build what is missing, boot the 6.12 test VM, load cmacodec,
# push a clip through it with v4l2-ctl and GStreamer, print what happened.
set -euo pipefail
. "$(dirname "$0")/lib.sh"
S=$CMACODEC_TOP/scripts
ver=${KVER:-6.12}

"$S/install-deps.sh"
log "kernel $ver (built once, then cached)"
"$S/build-kernel.sh" "$ver" >/dev/null
log "guest rootfs (built once, then cached)"
"$S/build-rootfs.sh" >/dev/null
"$S/build-modules.sh" "$ver"
res=$CMACODEC_TOP/build/results/demo
"$S/vm-run.sh" -k "$ver" -m demo -r "$res" || { cat "$res/console.log" 2>/dev/null | tail -n 40; die "the demo VM failed"; }
cat "$res/demo.log"
grep -q '^demo: OK' "$res/demo.log"
