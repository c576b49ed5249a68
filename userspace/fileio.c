// SPDX-License-Identifier: GPL-2.0-only
/*
 * cmacodec tool: the file ends of enc, dec and transcode.
 */
#include <errno.h>
#include <string.h>
#include <unistd.h>

#include "tool.h"

int input_check(const char *path)
{
	if (strcmp(path, "-") && access(path, R_OK)) {
		msg_err("cannot open input %s: %s", path, strerror(errno));
		return EXIT_BADINPUT;
	}
	return EXIT_OK;
}

FILE *open_in(const char *path)
{
	FILE *f = strcmp(path, "-") ? fopen(path, "rbe") : stdin;

	if (!f)
		msg_err("cannot open input %s: %s", path, strerror(errno));
	return f;
}

FILE *open_out(const char *path)
{
	FILE *f = strcmp(path, "-") ? fopen(path, "wbe") : stdout;

	if (!f)
		msg_err("cannot create output %s: %s", path, strerror(errno));
	return f;
}

int close_out(FILE *f, const char *path)
{
	int bad = ferror(f);

	if ((f == stdout ? fflush(f) : fclose(f)) || bad) {
		msg_err("writing %s failed: %s", path, strerror(errno));
		return EXIT_RUNTIME;
	}
	return EXIT_OK;
}

int file_raw_fill(void *priv, uint8_t *buf, const struct raw_layout *lay)
{
	struct file_raw_src *src = priv;
	size_t got;
	int r;

	r = raw_read_frame(src->f, lay, buf, &got);
	if (r == 1) {
		src->frames++;
		src->copies->file_io += lay->frame_bytes;
		return 1;
	}
	if (!r)
		return 0;
	if (r == -1) {
		msg_err("%s ends with a partial frame: %zu of %zu bytes of frame %u (wrong --size or --format?)",
			src->path, got, lay->frame_bytes, src->frames + 1);
		return -EXIT_BADINPUT;
	}
	msg_err("reading %s failed: %s", src->path, strerror(errno));
	return -EXIT_RUNTIME;
}

int file_coded_put(void *priv, const uint8_t *data, size_t len)
{
	struct file_coded_sink *sink = priv;
	uint8_t pre[HDR_PREFIX_SIZE];

	if (sink->hdr) {
		hdr_prefix(pre, (uint32_t)len);
		if (fwrite(pre, 1, sizeof(pre), sink->f) != sizeof(pre))
			goto fail;
	}
	if (fwrite(data, 1, len, sink->f) != len)
		goto fail;
	sink->copies->file_io += len;
	return 0;
fail:
	msg_err("writing %s failed: %s", sink->path, strerror(errno));
	return -EXIT_RUNTIME;
}

int iter_next(void *priv, const uint8_t **data, size_t *len)
{
	struct iter_src *src = priv;
	struct fwht_info info;
	int r;

	r = stream_next(&src->it, data, len, &info);
	if (r == STREAM_FRAME)
		return 1;
	if (r == STREAM_END)
		return 0;
	msg_err("%s: %s", src->path, src->it.err);
	return -EXIT_BADINPUT;
}

int stream_open_input(const char *path, struct stream_file *sf,
		      struct iter_src *src, struct fwht_info *first,
		      size_t *max_frame)
{
	struct stream_iter scan;
	struct fwht_info info;
	const uint8_t *p;
	size_t len;
	int r;

	if (stream_file_load(path, sf)) {
		msg_err("cannot read input %s: %s", path, strerror(errno));
		return EXIT_BADINPUT;
	}
	stream_iter_init(&src->it, sf->data, sf->len);
	src->path = path;
	stream_iter_init(&scan, sf->data, sf->len);
	*max_frame = 0;
	while ((r = stream_next(&scan, &p, &len, &info)) == STREAM_FRAME) {
		if (scan.frames == 1)
			*first = info;
		if (len > *max_frame)
			*max_frame = len;
	}
	if (!scan.frames) {
		if (r == STREAM_END)
			msg_err("%s is empty: no FWHT frame to decode", path);
		else
			msg_err("%s: %s", path, scan.err);
		stream_file_free(sf);
		return EXIT_BADINPUT;
	}
	return EXIT_OK;
}
