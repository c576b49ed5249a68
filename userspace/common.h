/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * cmacodec tool: exit codes, messages, small shared helpers.
 */
#ifndef CMACODEC_TOOL_COMMON_H
#define CMACODEC_TOOL_COMMON_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

/* Exit codes (documented in cmacodec.1, EXIT STATUS) */
enum {
	EXIT_OK = 0,		/* success */
	EXIT_RUNTIME = 1,	/* an ioctl, allocation or I/O failed */
	EXIT_USAGE = 2,		/* bad command line or unsupported parameters */
	EXIT_NODEV = 3,		/* device, driver or dma-heap not found */
	EXIT_BADINPUT = 4,	/* input file missing, malformed or truncated */
	EXIT_CHECK = 5,		/* a self-check failed (cma-test) */
};

#define TOOL_NAME "cmacodec"

/* "cmacodec: <message>\n" on stderr */
void msg_err(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* "cmacodec: warning: <message>\n" on stderr */
void msg_warn(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* "cmacodec: debug: <message>\n" on stderr when @on (--verbose) */
void msg_debug(int on, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/*
 * Bytes the tool itself copies with the CPU.  frame_path: decoded or raw
 * frame data moved between codec buffers (transcode keeps this at 0);
 * file_io: data moved between files and buffers (raw file layout
 * conversion, compressed frames in and out).
 */
struct copy_stats {
	uint64_t frame_path;
	uint64_t file_io;
};

/* strlcpy: copy at most len - 1 bytes and terminate */
void str_copy(char *dst, size_t len, const char *src);

/* monotonic time in nanoseconds */
uint64_t now_ns(void);

/*
 * Live progress line on stderr: shown only when enabled (stderr is a tty
 * or --progress), after the first second, refreshed 5 times a second.
 */
struct progress {
	int enabled;
	int shown;
	const char *what;
	uint64_t start_ns;
	uint64_t last_ns;
};

void progress_init(struct progress *p, const char *what, int force);
void progress_update(struct progress *p, unsigned int frames);
void progress_done(struct progress *p);

#endif /* CMACODEC_TOOL_COMMON_H */
