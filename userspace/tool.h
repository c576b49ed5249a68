/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * cmacodec tool: the subcommands and the file endpoints they share.
 */
#ifndef CMACODEC_TOOL_TOOL_H
#define CMACODEC_TOOL_TOOL_H

#include <stdio.h>

#include "args.h"
#include "codec-session.h"

int cmd_enc(const struct cli_opts *o);
int cmd_dec(const struct cli_opts *o);
int cmd_transcode(const struct cli_opts *o);
int cmd_bench(const struct cli_opts *o);
int cmd_cmatest(const struct cli_opts *o);
int cmd_info(const struct cli_opts *o);

#define DEFAULT_BUFFERS 4

/* how the command line says to look for the nodes */
static inline struct dev_lookup opts_lookup(const struct cli_opts *o)
{
	return (struct dev_lookup){ .bus_info = o->bus_info,
				    .verbose = o->verbose };
}

/* raw frames from a file (enc) */
struct file_raw_src {
	FILE *f;
	const char *path;
	unsigned int frames;
	struct copy_stats *copies;
};
int file_raw_fill(void *priv, uint8_t *buf, const struct raw_layout *lay);

/* compressed frames to a file, optionally as v4l2-ctl hdr packets */
struct file_coded_sink {
	FILE *f;
	const char *path;
	int hdr;
	struct copy_stats *copies;
};
int file_coded_put(void *priv, const uint8_t *data, size_t len);

/* compressed frames from a stream in memory (dec, transcode) */
struct iter_src {
	struct stream_iter it;
	const char *path;
};
int iter_next(void *priv, const uint8_t **data, size_t *len);

/*
 * stream_open_input() - load IN, check its first frame, find the largest
 * Return: 0 or an exit code (message printed)
 */
int stream_open_input(const char *path, struct stream_file *sf,
		      struct iter_src *src, struct fwht_info *first,
		      size_t *max_frame);

/* a missing input is reported before the device is looked for */
int input_check(const char *path);

/* fopen for reading/writing with '-' as stdin/stdout; message on error */
FILE *open_in(const char *path);
FILE *open_out(const char *path);
/* fclose with an error check; 0 or EXIT_RUNTIME */
int close_out(FILE *f, const char *path);

#endif /* CMACODEC_TOOL_TOOL_H */
