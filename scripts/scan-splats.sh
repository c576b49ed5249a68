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
	'Call trace:'                     # arm64's dump_stack() (the arm64 DT guest)
)
# Informational lines that share a pattern with real reports.
#  - "cacheline tracking ENOMEM": dma-debug's own bookkeeping allocation
#    (a GFP_ATOMIC radix-tree insert when a buffer is mapped) failed and
#    dma-debug switched itself off.  Only fault injection gets there:
#    77-cmacodec-failslab fails the Nth allocation of a task in turn, and
#    an N that lands on that insert fails dma-debug, not the driver (seen
#    once, in its bind rounds on 6.12).  It is not a report about
#    cmacodec; the tests after it in that boot run without dma-debug.
benign=(
	'DMA-API: preallocated [0-9]+ debug entries'
	'DMA-API: debugging enabled by kernel config'
	'DMA-API: cacheline tracking ENOMEM, dma-debug disabled'
	'KernelAddressSanitizer initialized'
	'kasan: '
)

# kmemleak objects leaked by the kernel itself, not by cmacodec, on error
# paths that only fault injection reaches.  Each entry: the allocating task
# and a backtrace function, both must match.
#  - v4l2_m2m_register_media_controller() (6.12, 6.1, 7.3): when
#    registering the sink entity fails, its error path releases the sink
#    and the source but not the processing entity, whose kmalloc'ed name
#    ("<node>-proc") leaks.  77-cmacodec-failslab fails every allocation of
#    the probe in turn (cmacodec-failnth) and so hits it.
known_leaks=(
	'cmacodec-failnt v4l2_m2m_register_entity'
)
# kmemleak.txt without the known records (a record starts with
# "unreferenced object" and names its task in the next line)
unknown_leaks() {
	awk -v known="$(printf '%s\n' "${known_leaks[@]}")" '
		function flush() {
			if (rec == "") return
			ok = 0
			for (i = 1; i <= nk; i++) {
				split(k[i], kw, " ")
				if (index(rec, "comm \"" kw[1] "\"") && index(rec, kw[2] "+"))
					ok = 1
			}
			if (!ok) printf "%s", rec
			rec = ""
		}
		BEGIN { nk = split(known, k, "\n"); if (k[nk] == "") nk-- }
		/^unreferenced object/ { flush() }
		{ rec = rec $0 "\n" }
		END { flush() }' "$1"
}
leaks=
known_only=0
if [ -s "$dir/kmemleak.txt" ]; then
	leaks=$(unknown_leaks "$dir/kmemleak.txt")
	if [ -z "$leaks" ]; then
		known_only=1
		echo "kmemleak: only known kernel leaks (not cmacodec's), see known_leaks in $0:"
		grep -A1 "^unreferenced object" "$dir/kmemleak.txt"
		# the log's "N new suspected memory leaks" lines are those
		benign+=('kmemleak: [0-9]+ new suspected memory leaks')
	fi
fi

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
if [ -n "$leaks" ]; then
	hits=1
	echo "=== kmemleak reports leaks:"
	echo "$leaks" | head -n 60
fi
exit $hits
