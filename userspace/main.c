// SPDX-License-Identifier: GPL-2.0-only
/*
 * cmacodec: command line tool for the cmacodec V4L2 FWHT codec driver.
 * Subcommand dispatch; see cmacodec(1).
 */
#include <signal.h>
#include <stdio.h>

#include "tool.h"

static int (*const commands[CMD_COUNT])(const struct cli_opts *) = {
	[CMD_ENC] = cmd_enc,
	[CMD_DEC] = cmd_dec,
	[CMD_TRANSCODE] = cmd_transcode,
	[CMD_BENCH] = cmd_bench,
	[CMD_CMATEST] = cmd_cmatest,
	[CMD_INFO] = cmd_info,
};

int main(int argc, char **argv)
{
	struct cli_opts o;
	char err[256];

	/* a closed pipe on OUT is an error to report, not a signal */
	signal(SIGPIPE, SIG_IGN);
	if (argc < 2) {
		usage_print(stderr, CMD_NONE);
		return EXIT_USAGE;
	}
	if (args_parse(argc, argv, &o, err, sizeof(err))) {
		msg_err("%s", err);
		if (o.cmd != CMD_NONE)
			fprintf(stderr, "Try 'cmacodec %s --help'.\n",
				cmd_name(o.cmd));
		else
			fprintf(stderr, "Try 'cmacodec --help'.\n");
		return EXIT_USAGE;
	}
	if (o.help) {
		usage_print(stdout, o.cmd);
		return EXIT_OK;
	}
	return commands[o.cmd](&o);
}
