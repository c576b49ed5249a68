#!/usr/bin/env bash
# Write docs/performance.md and its plot from the raw results of
# scripts/bench.sh (build/bench/).  usage: bench-report.sh RESULTS_DIR
# Targets are reported as met / not met, never enforced.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

res=${1:?usage: bench-report.sh RESULTS_DIR}
g=$res/vm/bench
doc=$CMACODEC_TOP/docs/performance.md
png=performance-bench.png
pdir=$res/plot
mkdir -p "$pdir"

core_target=0.5 fps_target=1.5 conv_target=2

met() { # VALUE OP TARGET -> "met" / "not met" (OP: le or ge)
	awk -v v="$1" -v t="$3" -v op="$2" \
		'BEGIN { ok = op == "le" ? v <= t : v >= t; print ok ? "met" : "not met" }'
}

have_vm() { [ -f "$g/fps.txt" ]; }

# --- codec core ---------------------------------------------------------------
core_table() {
	echo "| size | operation | frame | cmacodec instructions | vicodec instructions | cmacodec/vicodec |"
	echo "|---|---|---|---:|---:|---:|"
	awk -F'\t' 'NR > 1 { printf "| %s | %s | %s | %.2f M | %.2f M | %.2fx |\n", $1, $2 == "enc" ? "encode" : "decode", $3, $4 / 1e6, $5 / 1e6, $6 }' \
		"$res/core.tsv"
}
core_worst() { awk -F'\t' 'NR > 1 && $6 > m { m = $6 } END { printf "%.2f", m }' "$res/core.tsv"; }
core_best() { awk -F'\t' 'NR > 1 && (m == "" || $6 < m) { m = $6 } END { printf "%.2f", m }' "$res/core.tsv"; }

# --- fps ---------------------------------------------------------------------
# rows: driver op size io fps lat-min lat-med lat-p99 cpu-us
fps_pairs() { # size op io cma_fps vic_fps ratio cma_cpu vic_cpu
	awk '$1 ~ /^(cmacodec|vicodec)$/ && $5 ~ /^[0-9.]+$/ {
		k = $3 " " $2 " " $4
		if (!(k in seen)) { seen[k] = 1; order[n++] = k }
		fps[$1, k] = $5; cpu[$1, k] = $9
	}
	END {
		for (i = 0; i < n; i++) {
			k = order[i]; c = fps["cmacodec", k]; v = fps["vicodec", k]
			printf "%s %s %s %.3f %s %s\n", k, c, v, (v > 0 ? c / v : 0),
				cpu["cmacodec", k], cpu["vicodec", k]
		}
	}' "$g/fps.txt"
}
fps_table() {
	echo "| size | operation | io | cmacodec fps | vicodec fps | cmacodec/vicodec | tool CPU per frame, cmacodec / vicodec (µs) |"
	echo "|---|---|---|---:|---:|---:|---:|"
	fps_pairs | awk '{ printf "| %s | %s | %s | %s | %s | %.2fx | %.0f / %.0f |\n", $1, $2 == "enc" ? "encode" : "decode", $3 == "mmap" ? "MMAP" : "DMABUF", $4, $5, $6, $7, $8 }'
}
fps_worst() { fps_pairs | awk 'm == "" || $6 < m { m = $6 } END { printf "%.2f", m }'; }
fps_best() { fps_pairs | awk '$6 > m { m = $6 } END { printf "%.2f", m }'; }

# --- transcode, REQBUFS ---------------------------------------------------------
tc_cpu() { sed -n 's/.*CPU time of the tool (user+sys): \([0-9.]*\) ms, \([0-9]*\)[0-9.]* us per frame/\2/p' "$1"; }
tc_copied() { sed -n 's/.*frame data copied by the CPU: \([0-9]*\) bytes.*/\1/p' "$1"; }
tc_frames() { sed -n 's/.*transcode: \([0-9]*\) frames decoded.*/\1/p' "$1"; }
rq() { # FILE FIELD(min|med|max|free)
	local n
	case $2 in min) n=1 ;; med) n=2 ;; max) n=3 ;; free) n=4 ;; esac
	sed -n "s/.*alloc min \([0-9]*\) med \([0-9]*\) max \([0-9]*\) us, free med \([0-9]*\) us.*/\\$n/p" "$1"
}
kv() { awk -v k="$2" '{ for (i = 1; i < NF; i++) if ($i == k) print $(i + 1) }' "$1"; }

# --- converter -------------------------------------------------------------------
# $g/converter.txt: one line of "key value" pairs from cmacodec-bench-conv
# (bench/tools/conv.c): conv_us (median QBUF->DQBUF of a 1080p NV12->XRGB32
# frame), conv_min_us, memcpy_us (memcpy of the XRGB32 frame, the ratio's
# reference), memcpy_src_us (of the NV12 frame), frames, checked_px.
conv_kv() { kv "$g/converter.txt" "$1" 2>/dev/null; }
have_conv() { [ -n "$(conv_kv conv_us)" ] && [ -n "$(conv_kv memcpy_us)" ]; }
conv_ratio() { # REFERENCE_KEY
	awk -v c="$(conv_kv conv_us)" -v m="$(conv_kv "$1")" \
		'BEGIN { printf "%.2f", (m > 0 ? c / m : 0) }'
}
converter_row() {
	local what="converter: 1080p NV12→XRGB32 per frame vs memcpy of the XRGB32 frame"
	if have_conv; then
		local r
		r=$(conv_ratio memcpy_us)
		echo "| $what | within ${conv_target}x | $(conv_kv conv_us) µs vs $(conv_kv memcpy_us) µs: ${r}x | $(met "$r" le "$conv_target") |"
	elif have_vm; then
		echo "| $what | within ${conv_target}x | not measured: $(cat "$g/converter.txt" 2>/dev/null || echo "no result file") | — |"
	else
		echo "| $what | within ${conv_target}x | not measured (bench.sh -n) | — |"
	fi
}
converter_section() {
	local c=$(conv_kv conv_us) m=$(conv_kv memcpy_us) ms=$(conv_kv memcpy_src_us)
	echo "## Converter"
	echo
	echo "\`cmacodec-bench-conv\` (bench/tools/conv.c) on the converter node"
	echo "(\`cmacodec-conv\`): OUTPUT 1920x1080 NV12 (BT.709, limited range), CAPTURE"
	echo "1920x1080 \`V4L2_PIX_FMT_XRGB32\` ('BX24'), one MMAP buffer each, one frame in"
	echo "flight; $(conv_kv frames) frames timed from the first QBUF to the DQBUF of the"
	echo "CAPTURE buffer, after $(conv_kv warmup) warm-up frames.  In the same process: memcpy"
	echo "between two page-aligned heap buffers, median of 15.  The memcpy of the"
	echo "XRGB32 frame ($(conv_kv dst_bytes) bytes, what the converter has to write) is"
	echo "the reference of the target; the NV12 frame ($(conv_kv src_bytes) bytes) is what"
	echo "it reads.  The output is checked ($(conv_kv checked_px) pixels, one at the"
	echo "centre of each chroma block, against BT.709 in floating point, ±2)."
	echo
	echo "| | median (µs) | min (µs) | converter / this |"
	echo "|---|---:|---:|---:|"
	echo "| converter, NV12→XRGB32, QBUF→DQBUF | $c | $(conv_kv conv_min_us) | |"
	echo "| memcpy of the XRGB32 frame | $m | | $(conv_ratio memcpy_us)x |"
	echo "| memcpy of the NV12 frame | $ms | | $(conv_ratio memcpy_src_us)x |"
	echo
	echo "What the ratio reflects: the codec core's converter"
	echo "(drivers/cmacodec/codec/cmacodec-conv.c) is portable scalar C.  For each"
	echo "destination row it makes a pass over the luma row into 16-bit Q8"
	echo "samples, and for each of Cb and Cr a vertical and a horizontal"
	echo "interpolation pass (4:2:0 chroma is interpolated at every luma position),"
	echo "then a matrix pass with five multiplications, three clamps and three"
	echo "byte stores per pixel, and a pass writing the X bytes; a memcpy moves"
	echo "the frame with wide loads and stores.  In the guest the core also runs"
	echo "in a module built for the test kernel (KASAN inline: every load and"
	echo "store is checked), the memcpy in user space without it; TCG translates"
	echo "both."
	echo
}

# --- plot ----------------------------------------------------------------------
plot() {
	awk -F'\t' 'NR > 1 { printf "\"%s %s %s\" %.2f %.2f\n", $2, $3, $1 == "1280x720" ? "720p" : "1080p", $4 / 1e6, $5 / 1e6 }' \
		"$res/core.tsv" >"$pdir/core.dat"
	if have_vm; then
		fps_pairs | awk '{ printf "\"%s %s %s\" %s %s\n", $2, $1 == "1280x720" ? "720p" : "1080p", $3, $4, $5 }' >"$pdir/fps.dat"
	fi
	{
		echo "set terminal pngcairo size 1400,560 font 'Sans,10'"
		echo "set output '$CMACODEC_TOP/docs/$png'"
		echo "set style data histogram; set style histogram clustered gap 1"
		echo "set style fill solid 0.85 border -1; set boxwidth 0.9"
		echo "set xtics rotate by -35 nomirror; set grid ytics; set key top left"
		echo "set multiplot layout 1,$(have_vm && echo 2 || echo 1)"
		echo "set title 'codec core: instructions per frame (callgrind), lower is better'"
		echo "set ylabel 'million instructions'; set yrange [0:*]"
		echo "plot '$pdir/core.dat' using 2:xtic(1) title 'cmacodec' lc rgb '#2a7fb8', '' using 3 title 'vicodec' lc rgb '#c0c0c0'"
		if have_vm; then
			echo "set title 'in the VM (TCG, debug kernel): frames per second, higher is better'"
			echo "set ylabel 'fps'"
			echo "plot '$pdir/fps.dat' using 2:xtic(1) title 'cmacodec' lc rgb '#2a7fb8', '' using 3 title 'vicodec' lc rgb '#c0c0c0'"
		fi
		echo "unset multiplot"
	} >"$pdir/plot.gp"
	gnuplot "$pdir/plot.gp"
}

# --- the document ------------------------------------------------------------------
machine() {
	local cpu mem
	cpu=$(sed -n 's/^model name\s*: //p' /proc/cpuinfo | head -n1)
	mem=$(awk '/^MemTotal:/ { printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo)
	echo "$(hostname), $cpu, $(nproc) cores, $mem, Linux $(uname -r), shared with other jobs (load average $(cut -d' ' -f1-3 /proc/loadavg) at report time)"
}
dur() { awk -v k="$1" '$1 == k { print $2 }' "$res/durations" 2>/dev/null; }

write_doc() {
	local cw fw
	cw=$(core_worst)
	echo "# cmacodec performance"
	echo
	echo "Generated by \`make bench\` (scripts/bench.sh, scripts/bench-report.sh) on"
	echo "$(date -u '+%Y-%m-%d %H:%M UTC'); rerun it to refresh this page, do not edit it by hand."
	echo "Raw results: \`build/bench/\`.  Benchmarks are not tests: a figure that misses"
	echo "its target is reported here, it does not fail the run; bit-exactness and"
	echo "every run's success are checked and do fail it."
	echo
	echo "Machine: $(machine)."
	if have_vm; then
		echo "Guest: kernel $(sed -n 's/^kernel //p' "$g/guest.txt") (the test kernel: KASAN, lockdep,"
		echo "DMA_API_DEBUG, kmemleak), QEMU TCG (no KVM), $(sed -n 's/^cpus //p' "$g/guest.txt") vCPUs,"
		echo "$(awk '/^MemTotal:/ { printf "%.1f GiB", $2 / 1048576 }' "$g/guest.txt"), CMA $(awk '/^CmaTotal:/ { printf "%d MiB", $2 / 1024 }' "$g/guest.txt");"
		echo "cmacodec loaded with \`hw_ns_per_pixel=$(sed -n 's/^hw_ns_per_pixel //p' "$g/guest.txt")\` (no modelled hardware time: the"
		echo "fps measure the software, the codec core on the CPU plus the V4L2 path, as vicodec's do)."
		echo "Timings in the VM depend on the host's load: with other VMs running they"
		echo "vary by several times between runs and even between the rows of one run"
		echo "(see the spread of the fps ratios); the callgrind counts do not."
	fi
	echo
	echo "![cmacodec vs vicodec]($png)"
	echo
	echo "## Targets"
	echo
	echo "| figure | target | measured | |"
	echo "|---|---|---|---|"
	echo "| codec core: instructions per frame, cmacodec/vicodec | at most ${core_target}x | $(core_best)x .. ${cw}x | $(met "$cw" le "$core_target") |"
	if have_vm; then
		fw=$(fps_worst)
		echo "| in-VM fps, cmacodec/vicodec | at least ${fps_target}x | ${fw}x .. $(fps_best)x | $(met "$fw" ge "$fps_target") |"
	else
		echo "| in-VM fps, cmacodec/vicodec | at least ${fps_target}x | not measured (bench.sh -n) | — |"
	fi
	converter_row
	echo
	echo "## Codec core on the host"
	echo
	echo "Instructions per frame counted by \`valgrind --tool=callgrind\` (deterministic:"
	echo "the same on every run of the same build), for one I frame and the P frame"
	echo "after it, YU12 (I420), QP 20, of a synthetic scene (multi-octave value noise,"
	echo "moving hard-edged discs, sensor grain, a camera pan of 3x2 pixels per frame:"
	echo "bench/core/picture.c).  cmacodec's core (drivers/cmacodec/codec/) and"
	echo "vicodec's codec-fwht.c + codec-v4l2-fwht.c from the test kernel's source tree"
	echo "are built with the same gcc flags (-O2, plus the kernel's"
	echo "-fno-strict-overflow -fno-strict-aliasing).  vicodec's decode includes"
	echo "vicodec-core's copy of the decoded frame into its reference, which its"
	echo "driver does for every frame.  In the same run the streams are"
	echo "byte-identical and the decoded pictures identical"
	echo "($(grep -c '^ok' "$res/core.tap") checks passed)."
	echo
	core_table
	echo
	if [ -s "$res/core-profile.txt" ]; then
		echo "Where cmacodec's instructions go at 1080p (self cost of the top functions,"
		echo "read from the callgrind dumps; build/bench/core-profile.txt has all sizes):"
		echo
		echo '```'
		awk '/^== / { on = $0 ~ /1920x1080/ } on' "$res/core-profile.txt"
		echo '```'
		echo
	fi
	if have_vm; then
		echo "## Frames per second in the VM"
		echo
		echo "\`cmacodec bench --vs vicodec\` (userspace/bench.c): the same generated YU12"
		echo "frames through both drivers, $(sed -n 's/^bench: \([0-9]*\) frames per run.*/\1/p' "$g/fps.txt") frames per run, 4 buffers per queue;"
		echo "encode first, then decoding what was encoded.  MMAP: the drivers' own"
		echo "buffers; DMABUF: buffers from the CMA dma-heap imported.  Under TCG with"
		echo "the debug kernel absolute figures are far below native; both drivers run"
		echo "under the same conditions in one boot, so the ratios are what to read."
		echo
		fps_table
		echo
		local cd cc fd fc
		cd=$(tc_cpu "$g/transcode-dmabuf.txt") cc=$(tc_cpu "$g/transcode-copy.txt")
		fd=$(tc_copied "$g/transcode-dmabuf.txt") fc=$(tc_copied "$g/transcode-copy.txt")
		echo "## Zero-copy transcoding"
		echo
		echo "\`cmacodec transcode\` of a $(tc_frames "$g/transcode-dmabuf.txt")-frame 1920x1080 YU12 stream: decoder, then"
		echo "encoder.  CPU time is the tool's own (user+sys, getrusage) per frame;"
		echo "the codec work runs in the cores' threads and is not in it.  Both modes"
		echo "produce the same stream (checked)."
		echo
		echo "| mode | frame data copied by the CPU | tool CPU per frame |"
		echo "|---|---:|---:|"
		echo "| DMABUF: decoder CAPTURE exported, imported by the encoder | $fd bytes | $cd µs |"
		echo "| MMAP plus memcpy (\`--copy\`) | $fc bytes | $cc µs |"
		echo
		echo "DMABUF needs $(awk -v a="$cd" -v b="$cc" 'BEGIN { printf "%.2f", (b > 0 ? a / b : 0) }')x the CPU time of MMAP plus copy."
		echo
		echo "## CMA: REQBUFS latency"
		echo
		echo "VIDIOC_REQBUFS of 8 MMAP buffers of 1920x1080 NV12 on the encoder's"
		echo "OUTPUT queue (CMA through videobuf2-dma-contig), $(sed -n 's/.*(\([0-9]*\) reps).*/\1/p' "$g/reqbufs-idle.txt") repetitions each,"
		echo "then REQBUFS(0) (bench/tools/reqbufs.c).  \"Page cache filled\":"
		echo "$(kv "$g/fill.txt" fill_mb) MiB of files written to a tmpfs first (shmem pages are movable), so that"
		echo "they occupy the CMA area (CmaFree $(kv "$g/fill.txt" cma_free_kb_idle) kB idle, $(kv "$g/fill.txt" cma_free_kb_filled) kB filled, MemFree $(kv "$g/fill.txt" memfree_kb_filled) kB)"
		echo "and cma_alloc() has to migrate them."
		echo
		echo "| state | min (µs) | median (µs) | max (µs) | REQBUFS(0), median (µs) |"
		echo "|---|---:|---:|---:|---:|"
		local s
		for s in idle filled; do
			echo "| $([ $s = idle ] && echo idle || echo "page cache filled") | $(rq "$g/reqbufs-$s.txt" min) | $(rq "$g/reqbufs-$s.txt" med) | $(rq "$g/reqbufs-$s.txt" max) | $(rq "$g/reqbufs-$s.txt" free) |"
		done
		echo
	fi
	if have_conv; then
		converter_section
	fi
	echo "## Run time"
	echo
	echo "This run: $(dur total) s in scripts/bench.sh (codec core under callgrind $(dur core) s, VM boot"
	echo "and guest bench $(dur vm) s), plus building the modules and tools (\`make bench\`"
	echo "runs the vm-modules steps first: seconds when the kernel and rootfs are cached)."
	if have_vm && [ ! -f "$res/vm/finished" ]; then
		echo
		echo "The VM did not finish its run (vm-run.sh timeout, $(cut -d' ' -f2 "$res/vm/vm-seconds" 2>/dev/null) s) after"
		echo "the bench script itself had passed: the figures above are complete, the"
		echo "guest's final kmemleak scans and dmesg are missing (the splat scan read the"
		echo "console log only)."
	fi
	if have_vm && [ -s "$g/steps.txt" ]; then
		echo
		echo "Guest steps (s): $(awk '{ printf "%s%s %s", (NR > 1 ? ", " : ""), $1, $2 }' "$g/steps.txt")."
	fi
}

plot
write_doc >"$doc"
log "wrote $doc and docs/$png"
