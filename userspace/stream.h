/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * cmacodec tool: FWHT streams - framing, parsing, v4l2-ctl hdr files.
 *
 * Two file formats are read:
 *  - a plain FWHT stream: frames back to back, each a
 *    struct cmacodec_fwht_header followed by header.size payload bytes;
 *  - v4l2-ctl --stream-to-hdr: every buffer is prefixed by the big-endian
 *    32-bit words HDR_FILE_ID (v4l2_fourcc('V','h','d','r')) and the
 *    number of bytes that follow.  The FWHT frames inside are split by
 *    their headers as well.
 * Both are detected from the first bytes.  Parsing is pure (works on a
 * memory range) so that it can be tested on the host.
 */
#ifndef CMACODEC_TOOL_STREAM_H
#define CMACODEC_TOOL_STREAM_H

#include <stddef.h>
#include <stdint.h>

#define HDR_FILE_ID	0x72646856U	/* v4l2_fourcc('V', 'h', 'd', 'r') */
#define HDR_PREFIX_SIZE	8
/* no sane frame is larger; protects against absurd size fields */
#define FWHT_MAX_DIM	16384U

enum stream_kind {
	STREAM_UNKNOWN,
	STREAM_FWHT,
	STREAM_HDR,
};

enum {
	STREAM_FRAME = 1,	/* a frame was returned */
	STREAM_END = 0,		/* clean end of the stream */
	STREAM_TRUNCATED = -1,	/* the last frame is incomplete */
	STREAM_GARBAGE = -2,	/* not a frame where one should be */
};

/*
 * struct fwht_info - a parsed frame header
 * @version:     header version
 * @width:       visible width
 * @height:      visible height
 * @flags:       header flags
 * @components:  number of components
 * @frame_bytes: header + payload
 */
struct fwht_info {
	uint32_t version;
	uint32_t width;
	uint32_t height;
	uint32_t flags;
	uint32_t components;
	size_t frame_bytes;
};

/*
 * fwht_parse_header() - parse the frame header at @p
 * @len: bytes available at @p
 * @why: receives a static explanation on failure
 *
 * Return: STREAM_FRAME if a whole valid frame is there, STREAM_TRUNCATED
 * if the header or the payload runs past @len, STREAM_GARBAGE if the
 * header is invalid.
 */
int fwht_parse_header(const uint8_t *p, size_t len, struct fwht_info *info,
		      const char **why);

/*
 * struct stream_iter - walks the frames of a stream in memory
 * @data, @len: the stream
 * @pos:     offset of the next frame (or hdr packet)
 * @kind:    detected on the first call
 * @pkt_end: HDR: end of the current packet
 * @frames:  frames returned so far
 * @err:     message after an error
 */
struct stream_iter {
	const uint8_t *data;
	size_t len;
	size_t pos;
	enum stream_kind kind;
	size_t pkt_end;
	unsigned int frames;
	char err[200];
};

void stream_iter_init(struct stream_iter *it, const uint8_t *data,
		      size_t len);
/* next frame: STREAM_FRAME with frame, frame_len and info set, or a status */
int stream_next(struct stream_iter *it, const uint8_t **frame,
		size_t *frame_len, struct fwht_info *info);
const char *stream_kind_name(enum stream_kind kind);

/* the 8-byte v4l2-ctl hdr prefix of a @len byte buffer */
void hdr_prefix(uint8_t out[HDR_PREFIX_SIZE], uint32_t len);

/*
 * struct stream_file - a whole input file in memory (mmap, or read for
 * pipes)
 */
struct stream_file {
	uint8_t *data;
	size_t len;
	int mapped;
};

/* 0, or -1 with errno set */
int stream_file_load(const char *path, struct stream_file *sf);
void stream_file_free(struct stream_file *sf);

#endif /* CMACODEC_TOOL_STREAM_H */
