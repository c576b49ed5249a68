/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * cmacodec tool: stateful encoder and decoder sessions
 * (Documentation/userspace-api/media/v4l/dev-encoder.rst, dev-decoder.rst):
 * format negotiation, buffers (MMAP or CMA DMABUF), the streaming loop and
 * the drain (ENC/DEC_CMD_STOP until a buffer flagged LAST).
 */
#ifndef CMACODEC_TOOL_CODEC_SESSION_H
#define CMACODEC_TOOL_CODEC_SESSION_H

#include <stddef.h>
#include <stdint.h>

#include "args.h"
#include "common.h"
#include "device.h"
#include "heap.h"
#include "rawfile.h"
#include "stream.h"
#include "vqueue.h"

/* Callbacks return 1 (one frame), 0 (end), or -EXIT_* on failure. */
struct raw_source {
	int (*fill)(void *priv, uint8_t *buf, const struct raw_layout *lay);
	void *priv;
};

struct coded_sink {
	int (*put)(void *priv, const uint8_t *data, size_t len);
	void *priv;
};

struct coded_source {
	int (*next)(void *priv, const uint8_t **data, size_t *len);
	void *priv;
};

/*
 * A decoded frame in CAPTURE buffer @idx.  Returns 0 when done with the
 * buffer (it is queued again), 1 when it keeps the buffer (it gives it
 * back with dec_return_capture()), or -EXIT_*.
 */
struct raw_sink {
	int (*put)(void *priv, const uint8_t *buf, const struct raw_layout *lay,
		   unsigned int idx, uint32_t bytesused);
	void *priv;
};

/*
 * struct run_stats - what a run did
 * @frames_in:  frames queued on OUTPUT
 * @frames_out: frames dequeued from CAPTURE with data
 * @errors:     buffers returned with V4L2_BUF_FLAG_ERROR
 * @bytes_out:  CAPTURE payload bytes
 * @lat_ns:     per frame latency, OUTPUT QBUF -> CAPTURE DQBUF
 * @nlat, @lat_cap: entries used / allocated
 * @t_queued:   QBUF time per sequence number (internal)
 * @copies:     CPU copies made by the tool
 * @wall_ns:    duration of the streaming loop
 */
struct run_stats {
	unsigned int frames_in;
	unsigned int frames_out;
	unsigned int errors;
	uint64_t bytes_out;
	uint64_t *lat_ns;
	unsigned int nlat;
	unsigned int lat_cap;
	uint64_t *t_queued;
	unsigned int tq_cap;
	struct copy_stats copies;
	uint64_t wall_ns;
};

void stats_free(struct run_stats *st);
/* remember the QBUF time of frame @seq / record its completion */
int stats_queued(struct run_stats *st, unsigned int seq);
void stats_done(struct run_stats *st, uint64_t seq);

/*
 * struct run_opts - how to run
 * @io:         MMAP or DMABUF
 * @buffers:    buffers per queue
 * @heap:       for IO_DMABUF
 * @max_frames: 0 for all
 * @pg:         progress line
 */
struct run_opts {
	enum io_mode io;
	unsigned int buffers;
	const struct heap *heap;
	unsigned int max_frames;
	struct progress *pg;
};

struct enc_cfg {
	unsigned int width;
	unsigned int height;
	uint32_t fourcc;
	int qp;
	int gop;
};

/*
 * struct enc_session - an encoder
 * @dev:  the node
 * @out:  OUTPUT (raw) queue
 * @cap:  CAPTURE (FWHT) queue
 * @lay:  raw layout of OUTPUT buffers
 * @out_fmt, @cap_fmt: negotiated formats
 */
struct enc_session {
	struct codec_dev dev;
	struct vqueue out;
	struct vqueue cap;
	struct raw_layout lay;
	struct v4l2_pix_format out_fmt;
	struct v4l2_pix_format cap_fmt;
};

int enc_open(struct enc_session *s, const struct dev_lookup *lk,
	     enum codec_driver drv);
int enc_configure(struct enc_session *s, const struct enc_cfg *cfg);
/* allocate CAPTURE buffers, and OUTPUT buffers unless @no_out */
int enc_alloc(struct enc_session *s, const struct run_opts *ro, int no_out);
int enc_run(struct enc_session *s, const struct raw_source *src,
	    const struct coded_sink *sink, const struct run_opts *ro,
	    struct run_stats *st);
/* V4L2_ENC_CMD_STOP: start the drain */
int enc_stop(struct enc_session *s);
void enc_close(struct enc_session *s);

/*
 * struct dec_session - a decoder
 * @want_fourcc: raw format asked for, 0 for the driver's choice
 * @cap_ready:   CAPTURE is set up and streaming
 * @vis_w, @vis_h: visible size (compose rectangle)
 * @ro:          run options (buffers, io)
 */
struct dec_session {
	struct codec_dev dev;
	struct vqueue out;
	struct vqueue cap;
	struct raw_layout lay;
	struct v4l2_pix_format cap_fmt;
	uint32_t want_fourcc;
	int cap_ready;
	unsigned int vis_w;
	unsigned int vis_h;
	const struct run_opts *ro;
	int no_reconfig;
};

/*
 * struct dec_state - the decoder loop's state
 * @eof:      no more frames will be queued
 * @fail:     deferred exit code (bad input seen)
 * @stop_sent, @pending_change, @done: drain and resolution change
 */
struct dec_state {
	int eof;
	int fail;
	int stop_sent;
	int pending_change;
	int done;
};

int dec_open(struct dec_session *s, const struct dev_lookup *lk,
	     enum codec_driver drv);
/* S_FMT(OUTPUT) for frames of @first, up to @max_frame bytes; buffers */
int dec_start(struct dec_session *s, const struct fwht_info *first,
	      size_t max_frame, const struct run_opts *ro);
/* after SOURCE_CHANGE: CAPTURE format, @capture_io buffers, STREAMON */
int dec_setup_capture(struct dec_session *s, enum io_mode capture_io);
/* handle pending events; *source_change set when one was seen */
int dec_events(struct dec_session *s, int *source_change);
/* queue compressed frames into free OUTPUT buffers */
int dec_feed(struct dec_session *s, const struct coded_source *src,
	     struct run_stats *st, struct dec_state *ds);
/* one non-blocking round: events, OUTPUT, feed, drain, CAPTURE */
int dec_step(struct dec_session *s, const struct coded_source *src,
	     const struct raw_sink *sink, struct run_stats *st,
	     struct dec_state *ds);
/* an exit code if the loop cannot make progress any more */
int dec_check_stalled(struct dec_session *s, const struct run_stats *st,
		      const struct dec_state *ds);
int dec_return_capture(struct dec_session *s, unsigned int idx);
int dec_run(struct dec_session *s, const struct coded_source *src,
	    const struct raw_sink *sink, struct run_stats *st);
void dec_close(struct dec_session *s);

/* poll one fd for POLLIN|POLLOUT|POLLPRI; returns revents, 0 on timeout */
int session_poll(int fd, const char *what);

#endif /* CMACODEC_TOOL_CODEC_SESSION_H */
