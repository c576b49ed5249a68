#!/usr/bin/env bash
# Split the primary kernel's guest suite over N guests (scripts/check.sh).
#
#   guest-shards.sh N [TESTDIR]      (TESTDIR: tests/guest)
#
# Prints N lines, one comma-separated list of test names per guest (empty
# when there are fewer tests than guests).  Every NN-*.sh test except the
# 99-selftest-* ones is on exactly one line.  Balanced by the tests'
# measured cost, a line "# cmvm: cost SECONDS" (60 when a test has none):
# the longest first, each onto the guest with the least work so far.
set -euo pipefail
n=${1:?usage: guest-shards.sh N [TESTDIR]}
dir=${2:-$(cd "$(dirname "$0")/.." && pwd)/tests/guest}
case "$n" in '' | *[!0-9]* | 0) echo "guest-shards.sh: N must be a positive number, not '$n'" >&2; exit 64 ;; esac
[ -d "$dir" ] || { echo "guest-shards.sh: no test directory $dir" >&2; exit 66; }

for f in "$dir"/[0-9][0-9]-*.sh; do
	[ -e "$f" ] || continue
	name=$(basename "$f" .sh)
	case "$name" in 99-selftest-*) continue ;; esac
	cost=$(sed -n 's/^# cmvm: cost \([0-9][0-9]*\)$/\1/p' "$f" | head -n1)
	echo "${cost:-60} $name"
done | sort -k1,1rn -k2,2 | awk -v n="$n" '
	{ best = 0
	  for (i = 1; i < n; i++) if (load[i] < load[best]) best = i
	  load[best] += $1
	  list[best] = list[best] (list[best] == "" ? "" : ",") $2 }
	END { for (i = 0; i < n; i++) print list[i] }'
