#!/usr/bin/env bash
# Instructions per frame of the codec core, cmacodec vs vicodec, under
# callgrind (deterministic).  usage: run.sh OUTDIR [WxH ...]
# Writes OUTDIR/core.tsv (size op frame cmacodec_ir vicodec_ir ratio) and
# the bit-exactness checks to OUTDIR/core.tap; fails when a check fails.
set -euo pipefail
out=$1
shift
sizes=("${@:-1280x720 1920x1080}")
top=$(cd "$(dirname "$0")/../.." && pwd)
bin=$top/build/bench/bench-core
mkdir -p "$out/callgrind"
rm -f "$out"/callgrind/cg.* "$out/core.tap"
printf 'size\top\tframe\tcmacodec_ir\tvicodec_ir\tratio\n' >"$out/core.tsv"
for size in ${sizes[*]}; do
	cg=$out/callgrind/cg.$size
	if ! valgrind --tool=callgrind --collect-atstart=no --compress-strings=no \
		--callgrind-out-file="$cg" "$bin" "$size" \
		>>"$out/core.tap" 2>"$out/callgrind/valgrind.$size.log"; then
		echo "bench-core $size failed (bit-exactness or set-up):" >&2
		grep -v '^ok' "$out/core.tap" >&2 || true
		exit 1
	fi
	# one dump per measured operation, named by its client request
	for f in "$cg".[0-9]*; do
		awk '/^desc: Trigger: Client Request:/ { sub(/.*Request: /, ""); l = $0 }
		     /^summary:/ { print l "\t" $2 }' "$f"
	done >"$cg.ir"
	for op in enc dec; do
		for fr in I P; do
			c=$(awk -F'\t' -v k="cmacodec $op $fr $size" '$1 == k { print $2 }' "$cg.ir")
			v=$(awk -F'\t' -v k="vicodec $op $fr $size" '$1 == k { print $2 }' "$cg.ir")
			[ -n "$c" ] && [ -n "$v" ] && [ "$v" -gt 0 ] ||
				{ echo "bench-core $size: no callgrind count for $op $fr" >&2; exit 1; }
			printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$size" "$op" "$fr" "$c" "$v" \
				"$(awk -v c="$c" -v v="$v" 'BEGIN { printf "%.3f", c / v }')" >>"$out/core.tsv"
		done
	done
done
# where cmacodec's instructions go: self cost of the top functions of each
# of its dumps (read from the dump: strings are not compressed; the line
# after a calls= line is the call's inclusive cost, not self cost)
selfcost() {
	awk '/^fn=/ { fn = substr($0, 4); next }
	     /^calls=/ { skip = 1; next }
	     /^([0-9]|\+|-|\*)/ { if (skip) skip = 0; else self[fn] += $2; next }
	     /^summary:/ { total = $2 }
	     END { for (f in self) if (self[f] > 0)
			printf "%14d %5.1f%%  %s\n", self[f], 100 * self[f] / total, f }' "$1" |
		sort -rn | awk 'NR <= 8'
}
for f in "$out"/callgrind/cg.*x*.[0-9]*; do
	t=$(sed -n 's/^desc: Trigger: Client Request: //p' "$f")
	case $t in cmacodec*) echo "== $t"; selfcost "$f" ;; esac
done >"$out/core-profile.txt"
if grep -q '^not ok' "$out/core.tap"; then
	grep '^not ok' "$out/core.tap" >&2
	exit 1
fi
grep -c '^ok' "$out/core.tap" | xargs printf 'bench-core: %s bit-exactness checks passed\n' >&2
