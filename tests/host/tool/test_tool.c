// SPDX-License-Identifier: GPL-2.0-only
/*
 * Host unit tests of the cmacodec tool's pure parts: argument parsing,
 * FWHT stream framing (plain and v4l2-ctl hdr, truncated, garbage), the
 * raw file layout and the choice of a node from a media topology.  TAP
 * output.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <linux/videodev2.h>

#include "args.h"
#include "media-topo.h"
#include "rawfile.h"
#include "stream.h"

static unsigned int tap_n, tap_fail;

static void ok(int cond, const char *fmt, ...)
{
	va_list ap;

	printf("%sok %u - ", cond ? "" : "not ", ++tap_n);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	putchar('\n');
	if (!cond)
		tap_fail++;
}

/* ---- argument parsing ------------------------------------------------ */

#define ARGV(...) ((char *const[]){ "cmacodec", __VA_ARGS__, NULL })
#define ARGC(...) ((int)(sizeof((char *[]){ "cmacodec", __VA_ARGS__ }) / \
			 sizeof(char *)))
#define PARSE(o, ...) args_parse(ARGC(__VA_ARGS__), ARGV(__VA_ARGS__), (o), \
				 err, sizeof(err))

static void test_args(void)
{
	struct cli_opts o;
	char err[256];
	uint64_t b;
	struct wh sz;
	int r;

	r = PARSE(&o, "enc", "in.yuv", "out.fwht", "--size", "640x480",
		  "--format", "YU12", "--qp=12", "--gop", "5", "--io", "dmabuf",
		  "--hdr");
	ok(!r && o.cmd == CMD_ENC && !strcmp(o.in, "in.yuv") &&
	   !strcmp(o.out, "out.fwht") && o.size.w == 640 && o.size.h == 480 &&
	   o.fourcc == V4L2_PIX_FMT_YUV420 && o.qp == 12 && o.gop == 5 &&
	   o.io == IO_DMABUF && o.hdr, "enc: all options parsed");
	r = PARSE(&o, "enc", "a", "b", "--format", "NV12");
	ok(r && strstr(err, "--size"), "enc without --size: usage error naming --size (%s)", err);
	r = PARSE(&o, "enc", "a", "b", "--size", "0x0", "--format", "NV12");
	ok(r && strstr(err, "0x0"), "enc --size 0x0 rejected, message names it");
	r = PARSE(&o, "enc", "a", "b", "--size", "99999x99999", "--format", "NV12");
	ok(r && strstr(err, "99999x99999"), "enc --size 99999x99999 rejected");
	ok(parse_size("640x", &sz) && parse_size("x480", &sz) &&
	   parse_size("640x480x", &sz) && parse_size("-640x480", &sz) &&
	   parse_size("", &sz) && parse_size("640*480", &sz),
	   "malformed sizes rejected");
	ok(!parse_size("1x1", &sz) && sz.w == 1 && !parse_size("4096X2160", &sz) &&
	   sz.w == 4096 && sz.h == 2160, "valid sizes accepted");
	r = PARSE(&o, "enc", "a", "b", "--size", "64x64", "--format", "YU12",
		  "--qp", "0");
	ok(r && strstr(err, "1..31"), "--qp 0 out of range");
	r = PARSE(&o, "enc", "a", "b", "--size", "64x64", "--format", "YU12",
		  "--gop", "17");
	ok(r && strstr(err, "1..16"), "--gop 17 out of range");
	r = PARSE(&o, "enc", "a", "b", "--size", "64x64", "--format", "XXXX");
	ok(r && strstr(err, "XXXX"), "unknown --format named in message");
	r = PARSE(&o, "enc", "a", "b", "--bogus");
	ok(r && strstr(err, "--bogus"), "unknown option rejected");
	r = PARSE(&o, "enc", "a", "b", "--sizes", "64x64");
	ok(r, "bench-only option rejected for enc");
	r = PARSE(&o, "frobnicate");
	ok(r && strstr(err, "frobnicate"), "unknown command rejected");
	r = PARSE(&o, "dec", "--help");
	ok(!r && o.help && o.cmd == CMD_DEC, "dec --help");
	r = PARSE(&o, "dec", "in", "out", "--format", "i420");
	ok(!r && o.fourcc == V4L2_PIX_FMT_YUV420 && o.io == IO_MMAP,
	   "dec --format alias i420 -> YU12, default io mmap");
	r = PARSE(&o, "dec", "in");
	ok(r && strstr(err, "OUT"), "dec with one file: usage error");
	r = PARSE(&o, "dec", "in", "out", "extra");
	ok(r && strstr(err, "extra"), "extra argument rejected");
	r = PARSE(&o, "dec", "--", "-in", "-out");
	ok(!r && !strcmp(o.in, "-in") && !strcmp(o.out, "-out"),
	   "-- ends options");
	r = PARSE(&o, "dec", "in", "out", "--io", "mmap,dmabuf");
	ok(r, "dec takes one io mode only");
	r = PARSE(&o, "bench", "--sizes", "640x360,1280x720", "--io", "mmap",
		  "--vs", "vicodec", "--frames", "7");
	ok(!r && o.nsizes == 2 && o.sizes[1].w == 1280 &&
	   o.io_mask == 1U << IO_MMAP && o.vs_vicodec && o.frames == 7,
	   "bench options");
	r = PARSE(&o, "bench");
	ok(!r && o.io_mask == ((1U << IO_MMAP) | (1U << IO_DMABUF)),
	   "bench defaults to both io modes");
	r = PARSE(&o, "bench", "--vs", "other");
	ok(r, "bench --vs accepts vicodec only");
	r = PARSE(&o, "cma-test", "--buf-size", "64K,1M", "--scenario",
		  "frag,exhaust", "--count", "3");
	ok(!r && o.nbufsizes == 2 && o.bufsizes[0] == 65536 &&
	   o.bufsizes[1] == 1048576 && o.scenarios == (SCEN_FRAG | SCEN_EXHAUST) &&
	   o.count == 3, "cma-test options");
	r = PARSE(&o, "cma-test");
	ok(!r && o.scenarios == (SCEN_BASIC | SCEN_FRAG),
	   "cma-test default scenarios");
	r = PARSE(&o, "cma-test", "--scenario", "sweep");
	ok(!r && o.scenarios == SCEN_SWEEP, "cma-test --scenario sweep");
	r = PARSE(&o, "cma-test", "--scenario", "all");
	ok(!r && o.scenarios == (SCEN_BASIC | SCEN_FRAG | SCEN_EXHAUST |
				 SCEN_SWEEP), "cma-test --scenario all");
	r = PARSE(&o, "cma-test", "--scenario", "sweeps");
	ok(r, "cma-test --scenario rejects an unknown name");
	ok(!parse_bytes("4096", &b) && b == 4096 && !parse_bytes("2M", &b) &&
	   b == 2U << 20 && !parse_bytes("1g", &b) && b == 1U << 30 &&
	   parse_bytes("0", &b) && parse_bytes("1X", &b) && parse_bytes("", &b),
	   "parse_bytes");
	r = PARSE(&o, "info", "--size", "64x64");
	ok(r, "info rejects --size");
	r = PARSE(&o, "enc", "a", "b", "--size");
	ok(r && strstr(err, "needs a value"), "option without value");
}

static void test_global_args(void)
{
	struct cli_opts o;
	char err[256], longbus[40];
	int r;

	r = PARSE(&o, "enc", "a", "b", "--size", "64x64", "--format", "YU12");
	ok(!r && !o.bus_info && !o.verbose, "no -z: bus_info NULL (default), not verbose");
	r = PARSE(&o, "-z", "platform:cmacodec", "enc", "a", "b", "--size",
		  "64x64", "--format", "YU12");
	ok(!r && o.cmd == CMD_ENC && o.bus_info &&
	   !strcmp(o.bus_info, "platform:cmacodec") && !strcmp(o.in, "a") &&
	   !strcmp(o.out, "b"), "-z BUS before the command");
	r = PARSE(&o, "enc", "a", "-z", "platform:x", "b", "--size", "64x64",
		  "--format", "YU12");
	ok(!r && !strcmp(o.bus_info, "platform:x") && !strcmp(o.in, "a") &&
	   !strcmp(o.out, "b"), "-z BUS after the command, between the files");
	r = PARSE(&o, "info", "-zplatform:vicodec");
	ok(!r && o.cmd == CMD_INFO && !strcmp(o.bus_info, "platform:vicodec"),
	   "-zBUS (value attached)");
	r = PARSE(&o, "--bus-info=platform:a", "bench", "--bus-info", "platform:b");
	ok(!r && o.cmd == CMD_BENCH && !strcmp(o.bus_info, "platform:b"),
	   "--bus-info=BUS before, --bus-info BUS after: the last wins");
	r = PARSE(&o, "transcode", "in", "out", "--bus-info", "cmacodec");
	ok(!r && !strcmp(o.bus_info, "cmacodec"), "transcode --bus-info (a driver name)");
	r = PARSE(&o, "transcode", "in", "out", "--copy");
	ok(!r && o.copy, "transcode --copy");
	r = PARSE(&o, "transcode", "in", "out");
	ok(!r && !o.copy, "transcode without --copy: zero-copy");
	r = PARSE(&o, "enc", "a", "b", "--size", "64x64", "--format", "YU12",
		  "--copy");
	ok(r && strstr(err, "--copy"), "--copy rejected for enc (%s)", err);
	r = PARSE(&o, "cma-test", "-z", "platform:cmacodec");
	ok(!r && o.cmd == CMD_CMATEST, "every command takes -z");
	r = PARSE(&o, "-v", "dec", "in", "out");
	ok(!r && o.verbose && o.cmd == CMD_DEC, "-v before the command");
	r = PARSE(&o, "dec", "in", "out", "--verbose");
	ok(!r && o.verbose, "--verbose after the command");
	r = PARSE(&o, "info", "-z");
	ok(r && strstr(err, "-z needs a value"), "-z without a value (%s)", err);
	r = PARSE(&o, "-z");
	ok(r && strstr(err, "-z needs a value"), "-z alone without a value");
	r = PARSE(&o, "info", "--bus-info");
	ok(r && strstr(err, "needs a value"), "--bus-info without a value");
	r = PARSE(&o, "info", "--bus-info=");
	ok(r && strstr(err, "--bus-info") && strstr(err, "platform:cmacodec"),
	   "--bus-info= (empty) rejected with an example (%s)", err);
	memset(longbus, 'x', 32);
	longbus[32] = '\0';
	r = PARSE(&o, "info", "-z", longbus);
	ok(r && strstr(err, longbus) && strstr(err, "31"),
	   "-z with 32 characters rejected (bus_info holds 31)");
	longbus[31] = '\0';
	r = PARSE(&o, "info", "-z", longbus);
	ok(!r && strlen(o.bus_info) == 31, "-z with 31 characters accepted");
	r = PARSE(&o, "-z", "platform:cmacodec");
	ok(r && strstr(err, "no command"), "global option but no command: usage error (%s)", err);
	r = PARSE(&o, "--size", "64x64", "enc");
	ok(r && strstr(err, "--size") && strstr(err, "before the command"),
	   "a command option before the command is rejected (%s)", err);
	r = PARSE(&o, "-q", "info");
	ok(r && strstr(err, "'-q'"), "unknown short option before the command");
	r = PARSE(&o, "info", "-x");
	ok(r && strstr(err, "'-x'"), "unknown short option after the command");
	r = PARSE(&o, "info", "-vz", "x");
	ok(r, "short options are not bundled (-vz)");
	r = PARSE(&o, "-z", "platform:cmacodec", "-h");
	ok(!r && o.help && o.cmd == CMD_NONE, "-z BUS -h: the overview");
	r = PARSE(&o, "-z", "platform:cmacodec", "enc", "-h");
	ok(!r && o.help && o.cmd == CMD_ENC, "-z BUS enc -h: enc's help");
	r = PARSE(&o, "dec", "--", "-z", "x");
	ok(!r && !o.bus_info && !strcmp(o.in, "-z") && !strcmp(o.out, "x"),
	   "-z after -- is a file name");
	r = PARSE(&o, "enc", "-", "out", "--size", "64x64", "--format", "YU12");
	ok(!r && !strcmp(o.in, "-"), "'-' (stdin) is still a file, not an option");
}

/* ---- media topology ------------------------------------------------------ */

/* a synthetic topology: up to 16 of each */
struct fake_topo {
	struct media_v2_topology t;
	struct media_v2_entity ents[16];
	struct media_v2_interface intfs[16];
	struct media_v2_pad pads[16];
	struct media_v2_link links[16];
	uint32_t next_id;
};

static void ft_init(struct fake_topo *ft)
{
	memset(ft, 0, sizeof(*ft));
	ft->next_id = 1;
	ft->t.ptr_entities = (uintptr_t)ft->ents;
	ft->t.ptr_interfaces = (uintptr_t)ft->intfs;
	ft->t.ptr_pads = (uintptr_t)ft->pads;
	ft->t.ptr_links = (uintptr_t)ft->links;
}

static uint32_t ft_entity(struct fake_topo *ft, const char *name,
			  uint32_t function)
{
	struct media_v2_entity *e = &ft->ents[ft->t.num_entities++];

	e->id = ft->next_id++;
	snprintf(e->name, sizeof(e->name), "%s", name);
	e->function = function;
	return e->id;
}

static uint32_t ft_pad(struct fake_topo *ft, uint32_t entity, uint32_t flags)
{
	struct media_v2_pad *p = &ft->pads[ft->t.num_pads++];

	p->id = ft->next_id++;
	p->entity_id = entity;
	p->flags = flags;
	return p->id;
}

static void ft_link(struct fake_topo *ft, uint32_t source, uint32_t sink,
		    uint32_t type)
{
	struct media_v2_link *l = &ft->links[ft->t.num_links++];

	l->id = ft->next_id++;
	l->source_id = source;
	l->sink_id = sink;
	l->flags = type | MEDIA_LNK_FL_ENABLED | MEDIA_LNK_FL_IMMUTABLE;
}

static uint32_t ft_intf(struct fake_topo *ft, uint32_t type, uint32_t minor)
{
	struct media_v2_interface *in = &ft->intfs[ft->t.num_interfaces++];

	in->id = ft->next_id++;
	in->intf_type = type;
	in->devnode.major = 81;
	in->devnode.minor = minor;
	return in->id;
}

/* what v4l2_m2m_register_media_controller() builds for one video node */
static void ft_m2m(struct fake_topo *ft, const char *node, uint32_t function,
		   uint32_t minor)
{
	char name[64];
	uint32_t src, proc, sink, intf, src_pad, proc_in, proc_out, sink_pad;

	snprintf(name, sizeof(name), "%s-source", node);
	src = ft_entity(ft, name, MEDIA_ENT_F_IO_V4L);
	snprintf(name, sizeof(name), "%s-proc", node);
	proc = ft_entity(ft, name, function);
	snprintf(name, sizeof(name), "%s-sink", node);
	sink = ft_entity(ft, name, MEDIA_ENT_F_IO_V4L);
	src_pad = ft_pad(ft, src, MEDIA_PAD_FL_SOURCE);
	proc_in = ft_pad(ft, proc, MEDIA_PAD_FL_SINK);
	proc_out = ft_pad(ft, proc, MEDIA_PAD_FL_SOURCE);
	sink_pad = ft_pad(ft, sink, MEDIA_PAD_FL_SINK);
	ft_link(ft, src_pad, proc_in, MEDIA_LNK_FL_DATA_LINK);
	ft_link(ft, proc_out, sink_pad, MEDIA_LNK_FL_DATA_LINK);
	intf = ft_intf(ft, MEDIA_INTF_T_V4L_VIDEO, minor);
	ft_link(ft, intf, src, MEDIA_LNK_FL_INTERFACE_LINK);
	ft_link(ft, intf, sink, MEDIA_LNK_FL_INTERFACE_LINK);
}

static void test_topo(void)
{
	struct media_device_info mi;
	struct fake_topo *ft = calloc(1, sizeof(*ft));
	struct topo_match m;
	int r;

	if (!ft) {
		ok(0, "calloc");
		return;
	}
	/* cmacodec: decoder registered first, on minor 3; encoder on 7 */
	ft_init(ft);
	ft_m2m(ft, "cmacodec-dec", MEDIA_ENT_F_PROC_VIDEO_DECODER, 3);
	ft_m2m(ft, "cmacodec-enc", MEDIA_ENT_F_PROC_VIDEO_ENCODER, 7);
	r = topo_find_devnode(&ft->t, MEDIA_ENT_F_PROC_VIDEO_ENCODER,
			      "cmacodec-enc", &m);
	ok(!r && m.major == 81 && m.minor == 7 && m.candidates == 1 &&
	   !strcmp(m.entity, "cmacodec-enc-proc"),
	   "m2m topology: the encoder is the interface whose I/O entities link to the ENCODER entity (81:%u, '%s')",
	   m.minor, m.entity);
	r = topo_find_devnode(&ft->t, MEDIA_ENT_F_PROC_VIDEO_DECODER, NULL, &m);
	ok(!r && m.minor == 3 && !strcmp(m.entity, "cmacodec-dec-proc"),
	   "m2m topology: the decoder, without a name hint");
	r = topo_find_devnode(&ft->t, MEDIA_ENT_F_PROC_VIDEO_ENCODER,
			      "someone-else", &m);
	ok(!r && m.minor == 7, "a hint that matches nothing: the only candidate still wins");
	r = topo_find_devnode(&ft->t, MEDIA_ENT_F_PROC_VIDEO_SCALER, NULL,
			      &m);
	ok(r == -1 && !m.candidates, "no entity with the function: -1");

	/* vicodec: stateless decoder before the stateful one */
	ft_init(ft);
	ft_m2m(ft, "stateful-encoder", MEDIA_ENT_F_PROC_VIDEO_ENCODER, 0);
	ft_m2m(ft, "stateless-decoder", MEDIA_ENT_F_PROC_VIDEO_DECODER, 1);
	ft_m2m(ft, "stateful-decoder", MEDIA_ENT_F_PROC_VIDEO_DECODER, 2);
	r = topo_find_devnode(&ft->t, MEDIA_ENT_F_PROC_VIDEO_DECODER,
			      "stateful-decoder", &m);
	ok(!r && m.minor == 2 && m.candidates == 2 &&
	   !strcmp(m.entity, "stateful-decoder-proc"),
	   "two decoders: the hint picks the stateful one (minor %u of %u candidates)",
	   m.minor, m.candidates);
	r = topo_find_devnode(&ft->t, MEDIA_ENT_F_PROC_VIDEO_DECODER, NULL, &m);
	ok(!r && m.minor == 1 && m.candidates == 2,
	   "two decoders, no hint: the first");
	r = topo_find_devnode(&ft->t, MEDIA_ENT_F_PROC_VIDEO_DECODER,
			      "stateful-dec", &m);
	ok(!r && m.minor == 1,
	   "the hint ends at a '-' of the name ('stateful-dec' is not 'stateful-decoder')");

	/* interface linked straight to the processing entity; others ignored */
	ft_init(ft);
	ft_intf(ft, MEDIA_INTF_T_V4L_SUBDEV, 9);
	ft_link(ft, ft->intfs[0].id,
		ft_entity(ft, "enc-subdev", MEDIA_ENT_F_PROC_VIDEO_ENCODER),
		MEDIA_LNK_FL_INTERFACE_LINK);
	r = topo_find_devnode(&ft->t, MEDIA_ENT_F_PROC_VIDEO_ENCODER, NULL, &m);
	ok(r == -1, "a sub-device interface is not a video node");
	ft_link(ft, ft_intf(ft, MEDIA_INTF_T_V4L_VIDEO, 5), ft->ents[0].id,
		MEDIA_LNK_FL_INTERFACE_LINK);
	r = topo_find_devnode(&ft->t, MEDIA_ENT_F_PROC_VIDEO_ENCODER, NULL, &m);
	ok(!r && m.minor == 5, "video interface linked directly to the encoder entity");

	/* dangling ids and an empty topology do not crash */
	ft_init(ft);
	ft_link(ft, ft_intf(ft, MEDIA_INTF_T_V4L_VIDEO, 1), 999,
		MEDIA_LNK_FL_INTERFACE_LINK);
	ft_link(ft, 998, 997, MEDIA_LNK_FL_DATA_LINK);
	r = topo_find_devnode(&ft->t, MEDIA_ENT_F_PROC_VIDEO_ENCODER, NULL, &m);
	ok(r == -1, "links to unknown ids are skipped");
	memset(&ft->t, 0, sizeof(ft->t));
	r = topo_find_devnode(&ft->t, MEDIA_ENT_F_PROC_VIDEO_ENCODER, NULL, &m);
	ok(r == -1, "empty topology (no arrays): -1");
	free(ft);

	memset(&mi, 0, sizeof(mi));
	snprintf(mi.driver, sizeof(mi.driver), "cmacodec");
	snprintf(mi.model, sizeof(mi.model), "cmacodec-model");
	snprintf(mi.bus_info, sizeof(mi.bus_info), "platform:cmacodec");
	ok(media_info_matches(&mi, "platform:cmacodec") &&
	   media_info_matches(&mi, "cmacodec-model") &&
	   media_info_matches(&mi, "cmacodec"),
	   "media device matched by bus_info, model or driver");
	ok(!media_info_matches(&mi, "platform:cmacode") &&
	   !media_info_matches(&mi, "platform:cmacodec2") &&
	   !media_info_matches(&mi, "platform:vicodec") &&
	   !media_info_matches(&mi, "") && !media_info_matches(&mi, NULL),
	   "no prefix, longer, other or empty matches");
	memset(mi.bus_info, 'x', sizeof(mi.bus_info));
	ok(!media_info_matches(&mi, "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"),
	   "an unterminated 32-byte bus_info matches no 32-character string");
}

/* ---- raw layout ------------------------------------------------------ */

static const struct raw_fmt *F(const char *n)
{
	return raw_fmt_parse(n);
}

static void test_raw(void)
{
	struct raw_layout lay;
	uint8_t *buf, *back;
	size_t got, i;
	FILE *f;
	int r, same;

	ok(raw_frame_bytes(F("YU12"), 320, 240) == 115200 &&
	   raw_frame_bytes(F("NV12"), 320, 240) == 115200 &&
	   raw_frame_bytes(F("YUYV"), 320, 240) == 153600 &&
	   raw_frame_bytes(F("RGB3"), 320, 240) == 230400 &&
	   raw_frame_bytes(F("GREY"), 320, 240) == 76800 &&
	   raw_frame_bytes(F("422P"), 320, 240) == 153600 &&
	   raw_frame_bytes(F("NV24"), 320, 240) == 230400 &&
	   raw_frame_bytes(F("AR24"), 320, 240) == 307200,
	   "frame sizes of the v4l2-ctl raw layout");
	ok(raw_frame_bytes(F("YU12"), 65, 65) == 65 * 65 + 2 * 32 * 32,
	   "odd size: chroma rows/columns rounded down as v4l2-ctl does");
	ok(F("i420") == F("YU12") && F("yuy2") == F("YUYV") && !F("bogus") &&
	   F("YU12")->fourcc == V4L2_PIX_FMT_YUV420,
	   "format names and aliases");
	r = raw_layout_init(&lay, F("YU12"), 100, 100, 112, 112);
	ok(!r && !lay.packed && lay.planes[0].stride == 112 &&
	   lay.planes[1].stride == 56 && lay.planes[2].stride == 56 &&
	   lay.planes[1].buf_offset == 112 * 112 &&
	   lay.planes[2].buf_offset == 112 * 112 + 56 * 56 &&
	   lay.frame_bytes == 15000 && lay.buf_bytes == 112 * 112 + 2 * 56 * 56,
	   "YU12 100x100 in a 112x112 buffer: strides, offsets, sizes");
	r = raw_layout_init(&lay, F("NV12"), 320, 240, 320, 240);
	ok(!r && lay.packed && lay.planes[1].stride == 320 &&
	   lay.planes[1].rows == 120 && lay.frame_bytes == 115200,
	   "NV12 without padding is one contiguous copy");
	r = raw_layout_init(&lay, F("YUYV"), 100, 64, 2 * 104, 64);
	ok(!r && !lay.packed && lay.planes[0].row_bytes == 200 &&
	   lay.planes[0].stride == 208, "YUYV row bytes and stride");
	ok(raw_layout_init(&lay, F("YU12"), 200, 100, 112, 112) &&
	   raw_layout_init(&lay, F("YU12"), 100, 120, 112, 112) &&
	   raw_layout_init(&lay, F("YU12"), 0, 100, 112, 112),
	   "visible area larger than the buffer (or empty) rejected");

	/* write a padded buffer to a file and read it back */
	raw_layout_init(&lay, F("YU12"), 100, 100, 112, 112);
	buf = malloc(lay.buf_bytes);
	back = malloc(lay.buf_bytes);
	for (i = 0; i < lay.buf_bytes; i++)
		buf[i] = (uint8_t)(i * 7);
	memset(back, 0xee, lay.buf_bytes);
	f = tmpfile();
	r = raw_write_frame(f, &lay, buf);
	ok(!r && ftell(f) == 15000, "padded frame written as 15000 bytes");
	rewind(f);
	r = raw_read_frame(f, &lay, back, &got);
	same = 1;
	for (i = 0; i < 100; i++) {
		same &= !memcmp(buf + i * 112, back + i * 112, 100);
		same &= back[i * 112 + 100] == 0xee;
	}
	for (i = 0; i < 50; i++)
		same &= !memcmp(buf + 12544 + i * 56, back + 12544 + i * 56, 50);
	ok(r == 1 && got == 15000 && same,
	   "read back: visible area restored, padding untouched");
	r = raw_read_frame(f, &lay, back, &got);
	ok(r == 0 && got == 0, "clean end of file after the last frame");
	rewind(f);
	ftruncate(fileno(f), 9000);
	r = raw_read_frame(f, &lay, back, &got);
	ok(r == -1 && got == 9000, "partial frame reported with its size");
	fclose(f);
	free(buf);
	free(back);
}

/* ---- FWHT streams ---------------------------------------------------- */

static size_t put_frame(uint8_t *p, uint32_t version, uint32_t w, uint32_t h,
			uint32_t size)
{
	uint32_t words[11] = { 0x4f4f4f4f, 0xffffffff, version, w, h,
			       0x10000 * 2 | 0x80000, 1, 0, 0, 0, size };
	unsigned int i;

	for (i = 0; i < 11; i++) {
		p[4 * i] = (uint8_t)(words[i] >> 24);
		p[4 * i + 1] = (uint8_t)(words[i] >> 16);
		p[4 * i + 2] = (uint8_t)(words[i] >> 8);
		p[4 * i + 3] = (uint8_t)words[i];
	}
	memset(p + 44, 0x5a, size);
	return 44 + size;
}

static int walk(const uint8_t *d, size_t len, unsigned int *frames,
		struct stream_iter *it)
{
	struct fwht_info info;
	const uint8_t *f;
	size_t fl;
	int r;

	stream_iter_init(it, d, len);
	*frames = 0;
	while ((r = stream_next(it, &f, &fl, &info)) == STREAM_FRAME)
		(*frames)++;
	return r;
}

static void test_stream(void)
{
	static uint8_t d[8192], h[8192];
	struct stream_iter it;
	struct fwht_info info;
	const uint8_t *f;
	unsigned int n;
	size_t len = 0, hl = 0, fl, l1;
	uint8_t pre[8];
	int r;

	len += put_frame(d + len, 3, 64, 64, 100);
	l1 = len;
	len += put_frame(d + len, 3, 64, 64, 0);
	len += put_frame(d + len, 2, 64, 64, 300);

	r = walk(d, len, &n, &it);
	ok(r == STREAM_END && n == 3 && it.kind == STREAM_FWHT,
	   "plain stream: 3 frames, then end");
	stream_iter_init(&it, d, len);
	r = stream_next(&it, &f, &fl, &info);
	ok(r == STREAM_FRAME && f == d && fl == 144 && info.width == 64 &&
	   info.version == 3 && info.components == 3,
	   "first frame: size and header fields");
	r = walk(d, len - 10, &n, &it);
	ok(r == STREAM_TRUNCATED && n == 2 && strstr(it.err, "truncated") &&
	   strstr(it.err, "frame 3"), "truncated payload: 2 frames, then '%s'",
	   it.err);
	r = walk(d, l1 + 20, &n, &it);
	ok(r == STREAM_TRUNCATED && n == 1, "truncated inside a header");
	r = walk(d, 5, &n, &it);
	ok(r == STREAM_TRUNCATED && n == 0, "stream of 5 magic bytes: truncated");
	r = walk((const uint8_t *)"hello world, this is not FWHT at all", 36,
		 &n, &it);
	ok(r == STREAM_GARBAGE && n == 0 && strstr(it.err, "not an FWHT stream"),
	   "garbage file: '%s'", it.err);
	memcpy(h, d, len);
	memset(h + l1, 0x11, 8);
	r = walk(h, len, &n, &it);
	ok(r == STREAM_GARBAGE && n == 1 && strstr(it.err, "byte 144"),
	   "garbage between frames, offset reported: '%s'", it.err);
	put_frame(h, 9, 64, 64, 10);
	r = walk(h, 54, &n, &it);
	ok(r == STREAM_GARBAGE && strstr(it.err, "version"), "bad version");
	put_frame(h, 3, 64, 64, 0);
	h[40] = 0x7f;
	r = walk(h, 44, &n, &it);
	ok(r == STREAM_GARBAGE && strstr(it.err, "size"), "absurd size field");
	put_frame(h, 3, 0, 64, 0);
	r = walk(h, 44, &n, &it);
	ok(r == STREAM_GARBAGE, "zero width rejected");
	r = walk(d, 0, &n, &it);
	ok(r == STREAM_END && n == 0, "empty stream: end, no frames");

	/* v4l2-ctl --stream-to-hdr */
	hdr_prefix(pre, 0x01020304);
	ok(!memcmp(pre, "rdhV\x01\x02\x03\x04", 8),
	   "hdr prefix: 'rdhV' and big-endian length");
	hl = 0;
	hdr_prefix(h + hl, 144);
	hl += 8;
	memcpy(h + hl, d, 144);
	hl += 144;
	hdr_prefix(h + hl, (uint32_t)(len - 144));	/* two frames in one */
	hl += 8;
	memcpy(h + hl, d + 144, len - 144);
	hl += len - 144;
	r = walk(h, hl, &n, &it);
	ok(r == STREAM_END && n == 3 && it.kind == STREAM_HDR,
	   "hdr stream: 3 frames (two in one packet)");
	r = walk(h, hl - 1, &n, &it);
	ok(r == STREAM_TRUNCATED && n == 1, "hdr stream truncated: '%s'", it.err);
	r = walk(h, 5, &n, &it);
	ok(r == STREAM_TRUNCATED && n == 0, "hdr packet header cut short");
	hdr_prefix(h, 150);	/* packet longer than its frame + junk */
	memset(h + 8 + 144, 0, 6);
	r = walk(h, 8 + 150, &n, &it);
	ok(r == STREAM_GARBAGE && n == 1, "junk after a frame inside a packet: '%s'",
	   it.err);
	hdr_prefix(h, 100);	/* packet shorter than its frame */
	r = walk(h, 8 + 144, &n, &it);
	ok(r == STREAM_GARBAGE && n == 0 && strstr(it.err, "packet"),
	   "frame crossing its hdr packet: '%s'", it.err);
	hdr_prefix(h, 0);	/* empty packets are skipped */
	hdr_prefix(h + 8, 144);
	memcpy(h + 16, d, 144);
	r = walk(h, 160, &n, &it);
	ok(r == STREAM_END && n == 1, "empty hdr packet skipped");
}

static void test_stream_file(void)
{
	char path[] = "/tmp/cmacodec-tool-test-XXXXXX";
	struct stream_file sf;
	uint8_t d[200];
	int fd = mkstemp(path), r;

	put_frame(d, 3, 64, 64, 100);
	r = fd >= 0 && write(fd, d, 144) == 144;
	close(fd);
	r = r && !stream_file_load(path, &sf);
	ok(r && sf.len == 144 && !memcmp(sf.data, d, 144),
	   "stream_file_load maps a file");
	if (r)
		stream_file_free(&sf);
	unlink(path);
	r = stream_file_load(path, &sf);
	ok(r == -1 && errno == ENOENT, "missing file: ENOENT");
	r = stream_file_load("/tmp", &sf);
	ok(r == -1 && errno == EISDIR, "directory: EISDIR");
}

int main(void)
{
	test_args();
	test_global_args();
	test_topo();
	test_raw();
	test_stream();
	test_stream_file();
	printf("1..%u\n", tap_n);
	if (tap_fail)
		printf("# %u of %u failed\n", tap_fail, tap_n);
	return tap_fail ? 1 : 0;
}
