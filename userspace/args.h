/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * cmacodec tool: command line parsing (pure, host-tested).
 */
#ifndef CMACODEC_TOOL_ARGS_H
#define CMACODEC_TOOL_ARGS_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

enum cmd {
	CMD_NONE,
	CMD_ENC,
	CMD_DEC,
	CMD_TRANSCODE,
	CMD_BENCH,
	CMD_CMATEST,
	CMD_INFO,
	CMD_COUNT,
};

enum io_mode {
	IO_MMAP,
	IO_DMABUF,
	IO_COUNT,
};

#define MAX_LIST 8

/* cma-test scenarios */
#define SCEN_BASIC	0x1U
#define SCEN_FRAG	0x2U
#define SCEN_EXHAUST	0x4U
#define SCEN_SWEEP	0x8U

struct wh {
	unsigned int w;
	unsigned int h;
};

/*
 * struct cli_opts - everything the command line says
 * Unset numbers are 0 (counts) or -1 (qp, gop).
 */
struct cli_opts {
	enum cmd cmd;
	int help;
	const char *in;
	const char *out;
	struct wh size;
	uint32_t fourcc;
	int qp;
	int gop;
	enum io_mode io;
	unsigned int io_mask;		/* bench: 1 << enum io_mode */
	int hdr;
	int copy;			/* transcode: MMAP plus memcpy */
	int progress;
	int quiet;
	int vs_vicodec;
	unsigned int frames;
	unsigned int buffers;
	const char *heap;
	struct wh sizes[MAX_LIST];
	unsigned int nsizes;
	unsigned int count;
	uint64_t bufsizes[MAX_LIST];
	unsigned int nbufsizes;
	unsigned int scenarios;
	unsigned int tolerance_kb;
	const char *bus_info;		/* -z: NULL for the default */
	int verbose;
};

/*
 * args_parse() - parse argv (argv[0] is the program)
 * @err: receives a message on failure
 *
 * Global options (-z/--bus-info, -v/--verbose, -h/--help) may come before
 * the command as well as after it.
 *
 * Return: 0, or -1 on a usage error.  o->help is set for --help/-h (and
 * for no arguments at all).
 */
int args_parse(int argc, char *const argv[], struct cli_opts *o, char *err,
	       size_t errlen);

/* "640x480" -> 0; -1 if malformed or a dimension is 0 or > 65535 */
int parse_size(const char *s, struct wh *out);
/* decimal in [min, max] -> 0, else -1 */
int parse_uint(const char *s, unsigned int min, unsigned int max,
	       unsigned int *out);
/* "4096", "64K", "1M", "2G" (powers of 1024) -> 0, else -1; 0 is invalid */
int parse_bytes(const char *s, uint64_t *out);

const char *cmd_name(enum cmd cmd);
const char *io_mode_name(enum io_mode io);
/* the usage text of a subcommand (CMD_NONE: the overview) */
void usage_print(FILE *f, enum cmd cmd);

#endif /* CMACODEC_TOOL_ARGS_H */
