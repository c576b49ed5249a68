#!/usr/bin/env bash
# Merge TAP files into one report and count them.
#
#   tap-collect.sh LABEL TAPFILE...
#
# Prints one summary line per file, every failing check and every diagnostic
# line of a failing file.  A file whose plan does not match the number of
# checks it ran (the test died or timed out), or whose NAME.rc records a
# non-zero exit, counts as failed.  Totals are appended to $TAP_TOTALS
# ("pass fail skip") when that is set.  Exit 1 if anything failed.
set -uo pipefail

label=${1:?usage: tap-collect.sh LABEL TAPFILE...}
shift
tp=0 tf=0 ts=0
for f in "$@"; do
	name=$(basename "$f" .tap)
	rc=0 secs=
	[ -f "${f%.tap}.rc" ] && read -r rc secs <"${f%.tap}.rc"
	report=$(awk -v who="$label/$name" -v rc="$rc" '
		/^1\.\.[0-9]+/ { planned = substr($1, 4) + 0 }
		/^(not )?ok / {
			n++
			desc = $0
			sub(/^(not )?ok [0-9]* *-? */, "", desc)
			if ($1 == "not") { nf++; print "  not ok - " who ": " desc }
			else if (desc ~ /# *SKIP/) ns++
			else np++
		}
		/^#/ { diag = diag "  " $0 "\n" }
		END {
			if (planned == "") { nf++; print "  not ok - " who ": no TAP plan (the test did not run or crashed)" }
			else if (n != planned) { nf++; print "  not ok - " who ": planned " planned " checks, ran " n }
			if (rc != 0 && nf == 0) { nf++; print "  not ok - " who ": exited " rc " without a failing check" }
			if (nf > 0) printf "%s", diag
			print "COUNTS", np + 0, nf + 0, ns + 0
		}' "$f")
	read -r _ p fl s < <(tail -n1 <<<"$report")
	sed '$d' <<<"$report"
	echo "# $label/$name: $p passed, $fl failed, $s skipped${secs:+ (${secs}s)}"
	tp=$((tp + p)) tf=$((tf + fl)) ts=$((ts + s))
done
[ -n "${TAP_TOTALS:-}" ] && echo "$tp $tf $ts" >>"$TAP_TOTALS"
[ "$tf" = 0 ]
