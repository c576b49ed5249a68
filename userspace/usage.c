// SPDX-License-Identifier: GPL-2.0-only
/*
 * cmacodec tool: --help texts.
 */
#include "args.h"

static const char usage_overview[] =
"Usage: cmacodec [-z BUS] [-v] COMMAND [OPTIONS] [ARGS]\n"
"\n"
"Encode, decode and transcode FWHT video through the cmacodec V4L2 driver,\n"
"with MMAP or zero-copy DMABUF (CMA dma-heap) buffers; benchmark it and\n"
"exercise the CMA allocator.\n"
"\n"
"Commands:\n"
"  enc IN OUT        encode a raw file into an FWHT stream\n"
"  dec IN OUT        decode an FWHT stream (plain or v4l2-ctl hdr) to raw\n"
"  transcode IN OUT  decode and re-encode, decoded frames passed as DMABUF\n"
"  bench             frames per second, latency, CPU time per frame\n"
"  cma-test          CMA allocator scenarios through the CMA dma-heap\n"
"  info              devices, formats, CMA area and usage\n"
"\n"
"Global options (before or after the command):\n"
"  -z, --bus-info BUS\n"
"                    the media device whose encoder and decoder to use, by\n"
"                    bus_info, model or driver name (like v4l2-ctl -z);\n"
"                    default platform:cmacodec, and without -z the video\n"
"                    nodes named cmacodec-enc/-dec in sysfs when no media\n"
"                    device has that bus_info ('cmacodec info' lists them)\n"
"  -v, --verbose     show how the nodes are found\n"
"  -h, --help        this text\n"
"\n"
"'cmacodec COMMAND --help' describes a command.  Exit status: 0 ok,\n"
"1 runtime failure, 2 usage error, 3 device/driver/heap not found,\n"
"4 bad input data, 5 a self-check failed.  See cmacodec(1).\n";

static const char usage_enc[] =
"Usage: cmacodec enc IN OUT --size WxH --format FOURCC [OPTIONS]\n"
"\n"
"Encode the raw frames of IN (planes back to back, visible area only, as\n"
"v4l2-ctl --stream-from reads them; '-' is stdin) into the FWHT stream OUT.\n"
"\n"
"  --size WxH        visible frame size (64x64 .. 4096x2160 for cmacodec)\n"
"  --format FOURCC   raw format: YU12 (I420), YV12, 422P, NV12, NV21, NV16,\n"
"                    NV61, NV24, NV42, YUYV, YVYU, UYVY, VYUY, RGB3, BGR3,\n"
"                    HSV3, GREY, AR24, XR24, ... (see 'cmacodec info')\n"
"  --qp N            quantisation parameter of I and P frames, 1..31\n"
"  --gop N           GOP size, 1..16 (1: only I frames)\n"
"  --io mmap|dmabuf  buffers: driver MMAP (default) or CMA dma-heap\n"
"                    buffers imported as DMABUF\n"
"  --heap NAME       dma-heap to use (default: the CMA heap)\n"
"  --hdr             write v4l2-ctl --stream-to-hdr packets\n"
"  --frames N        stop after N frames\n"
"  --buffers N       buffers per queue (default 4)\n"
"  --progress        progress line even when stderr is not a terminal\n"
"  --quiet           no summary line\n";

static const char usage_dec[] =
"Usage: cmacodec dec IN OUT [OPTIONS]\n"
"\n"
"Decode the FWHT stream IN (plain, or written by v4l2-ctl --stream-to-hdr;\n"
"detected automatically) into raw frames in OUT (visible area only).\n"
"\n"
"  --format FOURCC   raw output format (default: the driver's choice)\n"
"  --io mmap|dmabuf  driver MMAP buffers or CMA dma-heap DMABUF imports\n"
"  --heap NAME       dma-heap to use (default: the CMA heap)\n"
"  --frames N        stop after N frames\n"
"  --buffers N       buffers per queue (default 4)\n"
"  --progress, --quiet\n";

static const char usage_transcode[] =
"Usage: cmacodec transcode IN OUT [OPTIONS]\n"
"\n"
"Decode IN with the cmacodec decoder and encode the frames again with the\n"
"encoder.  The decoder's CAPTURE buffers are exported (VIDIOC_EXPBUF) and\n"
"queued as DMABUF on the encoder's OUTPUT queue: no frame data is copied\n"
"by the CPU; the tool counts the bytes it copies and reports them, and\n"
"its own CPU time (user+sys) per frame.\n"
"\n"
"  --copy            no zero-copy: the encoder's OUTPUT buffers are MMAP\n"
"                    and every decoded frame is copied into one with\n"
"                    memcpy (the baseline the zero-copy path is measured\n"
"                    against)\n"
"  --qp N, --gop N   encoder parameters\n"
"  --hdr             write v4l2-ctl hdr packets\n"
"  --frames N, --buffers N, --progress, --quiet\n";

static const char usage_bench[] =
"Usage: cmacodec bench [OPTIONS]\n"
"\n"
"Encode generated frames, then decode the result, for each io mode and\n"
"size; print fps, per-frame latency (min/median/p99) and the tool's CPU\n"
"time per frame (getrusage).\n"
"\n"
"  --sizes WxH[,WxH...]  frame sizes (default 640x360,1280x720)\n"
"  --frames N        frames per run (default 30)\n"
"  --io LIST         mmap,dmabuf (default both)\n"
"  --format FOURCC   raw format (default YU12)\n"
"  --vs vicodec      run the same frames through vicodec and print ratios\n"
"  --qp N, --gop N, --buffers N, --heap NAME, --progress, --quiet\n";

static const char usage_cmatest[] =
"Usage: cmacodec cma-test [OPTIONS]\n"
"\n"
"Allocate buffers from the CMA dma-heap, mmap them, write and read back a\n"
"pattern, free them one by one; print CmaFree (/proc/meminfo) after each\n"
"step and check that it moves by the buffer sizes.\n"
"\n"
"  --count N         buffers (default 8)\n"
"  --buf-size S[,S...] buffer sizes, e.g. 1M,64K (default 1M); cycled\n"
"  --scenario LIST   basic, frag, exhaust, sweep or all (default basic,frag)\n"
"  --tolerance KB    allowed CmaFree noise per step (default 64; 0 when\n"
"                    the area's debugfs bitmap is readable)\n"
"  --heap NAME       dma-heap (default: the CMA heap)\n";

static const char usage_info[] =
"Usage: cmacodec info [--heap NAME]\n"
"\n"
"List the cmacodec (and vicodec) nodes with their formats and frame\n"
"sizes, the controls, the media devices (their bus_info for -z), the\n"
"dma-heaps and the CMA area (CmaTotal, CmaFree, /sys/kernel/mm/cma).\n";

void usage_print(FILE *f, enum cmd cmd)
{
	static const char *const texts[CMD_COUNT] = {
		[CMD_NONE] = usage_overview, [CMD_ENC] = usage_enc,
		[CMD_DEC] = usage_dec, [CMD_TRANSCODE] = usage_transcode,
		[CMD_BENCH] = usage_bench, [CMD_CMATEST] = usage_cmatest,
		[CMD_INFO] = usage_info,
	};

	fputs(texts[cmd < CMD_COUNT ? cmd : CMD_NONE], f);
	if (cmd != CMD_NONE && cmd < CMD_COUNT)
		fputs("\nGlobal options: -z, --bus-info BUS; -v, --verbose (see 'cmacodec --help').\n",
		      f);
}
