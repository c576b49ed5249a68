// SPDX-License-Identifier: GPL-2.0-only
/*
 * cmacodec tool: command line parsing.  Table driven, no global state.
 */
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "args.h"
#include "rawfile.h"

#define C(x) (1U << (x))
#define C_CODEC (C(CMD_ENC) | C(CMD_DEC) | C(CMD_TRANSCODE))
#define C_ALL (C_CODEC | C(CMD_BENCH) | C(CMD_CMATEST) | C(CMD_INFO))
/* global options: before the command, too */
#define C_GLOBAL (C(CMD_NONE) | C_ALL)

enum opt_id {
	OPT_SIZE, OPT_FORMAT, OPT_QP, OPT_GOP, OPT_IO, OPT_HDR, OPT_PROGRESS,
	OPT_QUIET, OPT_FRAMES, OPT_BUFFERS, OPT_HEAP, OPT_SIZES, OPT_VS,
	OPT_COUNT, OPT_BUFSIZE, OPT_SCENARIO, OPT_TOLERANCE, OPT_HELP,
	OPT_BUSINFO, OPT_VERBOSE, OPT_COPY,
};

struct opt_def {
	const char *name;
	int has_arg;
	unsigned int cmds;
	enum opt_id id;
};

static const struct opt_def opt_defs[] = {
	{ "size", 1, C(CMD_ENC), OPT_SIZE },
	{ "format", 1, C(CMD_ENC) | C(CMD_DEC) | C(CMD_BENCH), OPT_FORMAT },
	{ "qp", 1, C(CMD_ENC) | C(CMD_TRANSCODE) | C(CMD_BENCH), OPT_QP },
	{ "gop", 1, C(CMD_ENC) | C(CMD_TRANSCODE) | C(CMD_BENCH), OPT_GOP },
	{ "io", 1, C(CMD_ENC) | C(CMD_DEC) | C(CMD_BENCH), OPT_IO },
	{ "hdr", 0, C(CMD_ENC) | C(CMD_TRANSCODE), OPT_HDR },
	{ "copy", 0, C(CMD_TRANSCODE), OPT_COPY },
	{ "progress", 0, C_CODEC | C(CMD_BENCH), OPT_PROGRESS },
	{ "quiet", 0, C_ALL, OPT_QUIET },
	{ "frames", 1, C_CODEC | C(CMD_BENCH), OPT_FRAMES },
	{ "buffers", 1, C_CODEC | C(CMD_BENCH), OPT_BUFFERS },
	{ "heap", 1, C(CMD_ENC) | C(CMD_DEC) | C(CMD_BENCH) | C(CMD_CMATEST) |
		     C(CMD_INFO), OPT_HEAP },
	{ "sizes", 1, C(CMD_BENCH), OPT_SIZES },
	{ "vs", 1, C(CMD_BENCH), OPT_VS },
	{ "count", 1, C(CMD_CMATEST), OPT_COUNT },
	{ "buf-size", 1, C(CMD_CMATEST), OPT_BUFSIZE },
	{ "scenario", 1, C(CMD_CMATEST), OPT_SCENARIO },
	{ "tolerance", 1, C(CMD_CMATEST), OPT_TOLERANCE },
	{ "help", 0, C_GLOBAL, OPT_HELP },
	{ "bus-info", 1, C_GLOBAL, OPT_BUSINFO },
	{ "verbose", 0, C_GLOBAL, OPT_VERBOSE },
};

static const char *const cmd_names[CMD_COUNT] = {
	[CMD_NONE] = "", [CMD_ENC] = "enc", [CMD_DEC] = "dec",
	[CMD_TRANSCODE] = "transcode", [CMD_BENCH] = "bench",
	[CMD_CMATEST] = "cma-test", [CMD_INFO] = "info",
};

/* positional arguments each subcommand takes */
static const unsigned int cmd_npos[CMD_COUNT] = {
	[CMD_ENC] = 2, [CMD_DEC] = 2, [CMD_TRANSCODE] = 2,
};

const char *cmd_name(enum cmd cmd)
{
	return cmd < CMD_COUNT ? cmd_names[cmd] : "?";
}

const char *io_mode_name(enum io_mode io)
{
	return io == IO_DMABUF ? "dmabuf" : "mmap";
}

int parse_uint(const char *s, unsigned int min, unsigned int max,
	       unsigned int *out)
{
	unsigned long v;
	char *end;

	if (!s || *s < '0' || *s > '9')
		return -1;
	errno = 0;
	v = strtoul(s, &end, 10);
	if (errno || *end || v < min || v > max)
		return -1;
	*out = (unsigned int)v;
	return 0;
}

int parse_size(const char *s, struct wh *out)
{
	unsigned long w, h;
	char *end;

	if (!s || *s < '0' || *s > '9')
		return -1;
	errno = 0;
	w = strtoul(s, &end, 10);
	if (errno || (*end != 'x' && *end != 'X') || end[1] < '0' ||
	    end[1] > '9')
		return -1;
	h = strtoul(end + 1, &end, 10);
	if (errno || *end || !w || !h || w > 65535 || h > 65535)
		return -1;
	out->w = (unsigned int)w;
	out->h = (unsigned int)h;
	return 0;
}

int parse_bytes(const char *s, uint64_t *out)
{
	unsigned long long v;
	unsigned int shift = 0;
	char *end;

	if (!s || *s < '0' || *s > '9')
		return -1;
	errno = 0;
	v = strtoull(s, &end, 10);
	if (errno)
		return -1;
	switch (*end) {
	case 'k': case 'K': shift = 10; end++; break;
	case 'm': case 'M': shift = 20; end++; break;
	case 'g': case 'G': shift = 30; end++; break;
	default: break;
	}
	if (*end || !v || v > (1ULL << 40) >> shift)
		return -1;
	*out = (uint64_t)v << shift;
	return 0;
}

/* split @s at commas into at most MAX_LIST items; calls @fn on each */
static int for_each_item(const char *s, int (*fn)(const char *, void *),
			 void *ctx)
{
	char item[64];
	const char *p = s, *comma;
	size_t n;
	unsigned int count = 0;

	do {
		comma = strchr(p, ',');
		n = comma ? (size_t)(comma - p) : strlen(p);
		if (!n || n >= sizeof(item) || ++count > MAX_LIST)
			return -1;
		memcpy(item, p, n);
		item[n] = '\0';
		if (fn(item, ctx))
			return -1;
		p = comma + 1;
	} while (comma);
	return 0;
}

static int add_size(const char *s, void *ctx)
{
	struct cli_opts *o = ctx;

	return parse_size(s, &o->sizes[o->nsizes++]);
}

static int add_bufsize(const char *s, void *ctx)
{
	struct cli_opts *o = ctx;

	return parse_bytes(s, &o->bufsizes[o->nbufsizes++]);
}

static int add_io(const char *s, void *ctx)
{
	struct cli_opts *o = ctx;

	if (!strcmp(s, "mmap"))
		o->io_mask |= 1U << IO_MMAP;
	else if (!strcmp(s, "dmabuf"))
		o->io_mask |= 1U << IO_DMABUF;
	else
		return -1;
	return 0;
}

static int add_scenario(const char *s, void *ctx)
{
	struct cli_opts *o = ctx;

	if (!strcmp(s, "basic"))
		o->scenarios |= SCEN_BASIC;
	else if (!strcmp(s, "frag"))
		o->scenarios |= SCEN_FRAG;
	else if (!strcmp(s, "exhaust"))
		o->scenarios |= SCEN_EXHAUST;
	else if (!strcmp(s, "sweep"))
		o->scenarios |= SCEN_SWEEP;
	else if (!strcmp(s, "all"))
		o->scenarios |= SCEN_BASIC | SCEN_FRAG | SCEN_EXHAUST |
				SCEN_SWEEP;
	else
		return -1;
	return 0;
}

static int set_io(struct cli_opts *o, const char *v)
{
	o->io_mask = 0;
	if (for_each_item(v, add_io, o))
		return -1;
	if (o->cmd != CMD_BENCH && (o->io_mask & (o->io_mask - 1)))
		return -1;
	o->io = o->io_mask & (1U << IO_DMABUF) ? IO_DMABUF : IO_MMAP;
	return 0;
}

/* apply one option; returns 0 or -1 (message in err) */
static int apply_opt(struct cli_opts *o, const struct opt_def *d,
		     const char *v, char *err, size_t errlen)
{
	const struct raw_fmt *fmt;
	unsigned int u;

	switch (d->id) {
	case OPT_SIZE:
		if (parse_size(v, &o->size)) {
			snprintf(err, errlen,
				 "invalid frame size '%s' for --size: expected WxH with 1..65535 each, e.g. 640x480",
				 v);
			return -1;
		}
		return 0;
	case OPT_FORMAT:
		fmt = raw_fmt_parse(v);
		if (!fmt) {
			snprintf(err, errlen,
				 "unknown raw format '%s' (try e.g. YU12, NV12, YUYV, RGB3, GREY; 'cmacodec info' lists them)",
				 v);
			return -1;
		}
		o->fourcc = fmt->fourcc;
		return 0;
	case OPT_QP:
		if (parse_uint(v, 1, 31, &u))
			goto bad_range;
		o->qp = (int)u;
		return 0;
	case OPT_GOP:
		if (parse_uint(v, 1, 16, &u))
			goto bad_range;
		o->gop = (int)u;
		return 0;
	case OPT_IO:
		if (set_io(o, v))
			goto bad;
		return 0;
	case OPT_HDR: o->hdr = 1; return 0;
	case OPT_COPY: o->copy = 1; return 0;
	case OPT_PROGRESS: o->progress = 1; return 0;
	case OPT_QUIET: o->quiet = 1; return 0;
	case OPT_HELP: o->help = 1; return 0;
	case OPT_VERBOSE: o->verbose = 1; return 0;
	case OPT_BUSINFO:
		/* media_device_info.bus_info and model hold 32 bytes */
		if (!*v || strlen(v) > 31) {
			snprintf(err, errlen,
				 "invalid value '%s' for --bus-info: expected the bus_info, model or driver name of a media device (1..31 characters), e.g. platform:cmacodec",
				 v);
			return -1;
		}
		o->bus_info = v;
		return 0;
	case OPT_FRAMES:
		if (parse_uint(v, 1, 1000000, &o->frames))
			goto bad;
		return 0;
	case OPT_BUFFERS:
		if (parse_uint(v, 1, 32, &o->buffers))
			goto bad_range;
		return 0;
	case OPT_HEAP:
		if (!*v || strchr(v, '/'))
			goto bad;
		o->heap = v;
		return 0;
	case OPT_SIZES:
		o->nsizes = 0;
		if (for_each_item(v, add_size, o))
			goto bad;
		return 0;
	case OPT_VS:
		if (strcmp(v, "vicodec"))
			goto bad;
		o->vs_vicodec = 1;
		return 0;
	case OPT_COUNT:
		if (parse_uint(v, 1, 4096, &o->count))
			goto bad;
		return 0;
	case OPT_BUFSIZE:
		o->nbufsizes = 0;
		if (for_each_item(v, add_bufsize, o))
			goto bad;
		return 0;
	case OPT_SCENARIO:
		o->scenarios = 0;
		if (for_each_item(v, add_scenario, o))
			goto bad;
		return 0;
	case OPT_TOLERANCE:
		if (parse_uint(v, 0, 1U << 20, &o->tolerance_kb))
			goto bad;
		return 0;
	}
bad:
	snprintf(err, errlen, "invalid value '%s' for --%s", v, d->name);
	return -1;
bad_range:
	snprintf(err, errlen, "invalid value '%s' for --%s (range %s)", v,
		 d->name, d->id == OPT_QP ? "1..31" : d->id == OPT_GOP ?
		 "1..16" : "1..32");
	return -1;
}

#define GLOBAL_OPTS "-z/--bus-info BUS, -v/--verbose, -h/--help"

static const struct opt_def *find_opt(const char *name, size_t len)
{
	size_t i;

	for (i = 0; i < sizeof(opt_defs) / sizeof(opt_defs[0]); i++)
		if (strlen(opt_defs[i].name) == len &&
		    !strncmp(opt_defs[i].name, name, len))
			return &opt_defs[i];
	return NULL;
}

static void opts_defaults(struct cli_opts *o)
{
	memset(o, 0, sizeof(*o));
	o->qp = -1;
	o->gop = -1;
	o->io = IO_MMAP;
}

static int parse_cmd(const char *s, struct cli_opts *o)
{
	int c;

	for (c = CMD_ENC; c < CMD_COUNT; c++)
		if (!strcmp(s, cmd_names[c])) {
			o->cmd = (enum cmd)c;
			return 0;
		}
	return -1;
}

/* parse one "--name[=value]" at argv[*i]; advances *i past a value */
static int parse_long_opt(int argc, char *const argv[], int *i,
			  struct cli_opts *o, char *err, size_t errlen)
{
	const char *arg = argv[*i] + 2, *eq = strchr(arg, '='), *v = NULL;
	size_t len = eq ? (size_t)(eq - arg) : strlen(arg);
	const struct opt_def *d = find_opt(arg, len);

	if (!d || !(d->cmds & C(o->cmd))) {
		if (o->cmd == CMD_NONE)
			snprintf(err, errlen, "unknown option '%s' before the command (global options: " GLOBAL_OPTS ")",
				 argv[*i]);
		else
			snprintf(err, errlen, "%s: unknown option '%s' (see 'cmacodec %s --help')",
				 cmd_name(o->cmd), argv[*i], cmd_name(o->cmd));
		return -1;
	}
	if (d->has_arg) {
		if (eq)
			v = eq + 1;
		else if (*i + 1 < argc)
			v = argv[++*i];
		if (!v) {
			snprintf(err, errlen, "option --%s needs a value",
				 d->name);
			return -1;
		}
	} else if (eq) {
		snprintf(err, errlen, "option --%s takes no value", d->name);
		return -1;
	}
	return apply_opt(o, d, v, err, errlen);
}

/* "-h", "-v", "-z BUS" or "-zBUS" at argv[*i]; advances *i past a value */
static int parse_short_opt(int argc, char *const argv[], int *i,
			   struct cli_opts *o, char *err, size_t errlen)
{
	const char *a = argv[*i], *v;

	if (a[1] == 'h' && !a[2]) {
		o->help = 1;
		return 0;
	}
	if (a[1] == 'v' && !a[2]) {
		o->verbose = 1;
		return 0;
	}
	if (a[1] != 'z') {
		snprintf(err, errlen, "unknown option '%s'", a);
		return -1;
	}
	v = a[2] ? a + 2 : *i + 1 < argc ? argv[++*i] : NULL;
	if (!v) {
		snprintf(err, errlen,
			 "option -z needs a value: a media device's bus_info, e.g. -z platform:cmacodec");
		return -1;
	}
	return apply_opt(o, find_opt("bus-info", 8), v, err, errlen);
}

/* the global options before the command; *i: the first other argument */
static int parse_globals(int argc, char *const argv[], int *i,
			 struct cli_opts *o, char *err, size_t errlen)
{
	const char *a;

	for (; *i < argc; ++*i) {
		a = argv[*i];
		if (a[0] != '-' || !a[1])
			return 0;
		if (a[1] == '-' ? parse_long_opt(argc, argv, i, o, err, errlen) :
				  parse_short_opt(argc, argv, i, o, err, errlen))
			return -1;
	}
	return 0;
}

static int check_required(struct cli_opts *o, unsigned int npos, char *err,
			  size_t errlen)
{
	if (npos < cmd_npos[o->cmd]) {
		snprintf(err, errlen, "%s: needs IN and OUT files (see 'cmacodec %s --help')",
			 cmd_name(o->cmd), cmd_name(o->cmd));
		return -1;
	}
	if (o->cmd == CMD_ENC && (!o->size.w || !o->fourcc)) {
		snprintf(err, errlen,
			 "enc: --size WxH and --format FOURCC are required (raw files carry no header)");
		return -1;
	}
	if (o->cmd == CMD_CMATEST && !o->scenarios)
		o->scenarios = SCEN_BASIC | SCEN_FRAG;
	if (o->cmd == CMD_BENCH && !o->io_mask)
		o->io_mask = (1U << IO_MMAP) | (1U << IO_DMABUF);
	return 0;
}

int args_parse(int argc, char *const argv[], struct cli_opts *o, char *err,
	       size_t errlen)
{
	unsigned int npos = 0;
	int i = 1, only_pos = 0;

	opts_defaults(o);
	err[0] = '\0';
	if (parse_globals(argc, argv, &i, o, err, errlen))
		return -1;
	if (i < argc && !strcmp(argv[i], "help")) {
		o->help = 1;
		if (i + 1 < argc)
			parse_cmd(argv[i + 1], o);
		return 0;
	}
	if (i >= argc || o->help) {
		if (i >= argc && !o->help && argc > 1) {
			snprintf(err, errlen, "no command given (commands: enc, dec, transcode, bench, cma-test, info)");
			return -1;
		}
		o->help = 1;
		return 0;
	}
	if (parse_cmd(argv[i], o)) {
		snprintf(err, errlen, "unknown command '%s' (commands: enc, dec, transcode, bench, cma-test, info)",
			 argv[i]);
		return -1;
	}
	for (i++; i < argc; i++) {
		const char *a = argv[i];

		if (!only_pos && !strcmp(a, "--")) {
			only_pos = 1;
		} else if (!only_pos && a[0] == '-' && a[1] == '-') {
			if (parse_long_opt(argc, argv, &i, o, err, errlen))
				return -1;
		} else if (!only_pos && a[0] == '-' && a[1]) {
			if (parse_short_opt(argc, argv, &i, o, err, errlen))
				return -1;
		} else if (npos < cmd_npos[o->cmd]) {
			if (npos++)
				o->out = a;
			else
				o->in = a;
		} else {
			snprintf(err, errlen, "%s: unexpected argument '%s'",
				 cmd_name(o->cmd), a);
			return -1;
		}
	}
	if (o->help)
		return 0;
	return check_required(o, npos, err, errlen);
}
