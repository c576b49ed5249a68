#!/usr/bin/env bash
# Scan a guest run's kernel log and kmemleak report for splats.
#
#   scan-splats.sh RESULTS_DIR
#
# Prints every hit with a little context and exits 1 when there is any.
# Reads RESULTS_DIR/dmesg.txt (written by the guest at the end) and, as the
# guest may have died before writing it, RESULTS_DIR/console.log too.
set -uo pipefail

dir=${1:?usage: scan-splats.sh RESULTS_DIR}
patterns=(
	'BUG:'                            # BUG(), KASAN ("BUG: KASAN: ..."), sleeping in atomic, ...
	'WARNING:'                        # WARN*(), lockdep ("WARNING: possible circular locking ...")
	'Oops'
	'general protection fault'
	'Kernel panic'
	'KASAN'
	'UBSAN'
	'possible circular locking'
	'inconsistent lock state'
	'suspicious RCU usage'
	'possible recursive locking'
	'DMA-API:'
	'hung task'
	'blocked for more than'
	'rcu: INFO'
	'kmemleak: .* new suspected memory leaks'
	'Call Trace:'
)
# Informational lines that share a pattern with real reports.
benign=(
	'DMA-API: preallocated [0-9]+ debug entries'
	'DMA-API: debugging enabled by kernel config'
	'KernelAddressSanitizer initialized'
	'kasan: '
)

regex=$(IFS='|'; echo "${patterns[*]}")
benign_re=$(IFS='|'; echo "${benign[*]}")

hits=0
scan() { # FILE LABEL
	[ -s "$1" ] || return 0
	local found
	found=$(grep -nE -- "$regex" "$1" | grep -vE -- "$benign_re" | head -n 20)
	[ -n "$found" ] || return 0
	hits=1
	echo "=== kernel splat in $2:"
	echo "$found" | while IFS=: read -r line _; do
		sed -n "$((line > 3 ? line - 3 : 1)),$((line + 12))p" "$1"
		echo "---"
	done | head -n 120
}

log=$dir/dmesg.txt
[ -s "$log" ] || log=$dir/console.log
scan "$log" "$(basename "$log")"
if [ -s "$dir/kmemleak.txt" ]; then
	hits=1
	echo "=== kmemleak reports leaks:"
	head -n 60 "$dir/kmemleak.txt"
fi
exit $hits
