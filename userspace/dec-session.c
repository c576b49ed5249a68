// SPDX-License-Identifier: GPL-2.0-only
/*
 * cmacodec tool: stateful decoder session (dev-decoder.rst).
 */
#include <errno.h>
#include <string.h>

#include "codec-session.h"

int dec_open(struct dec_session *s, const struct dev_lookup *lk,
	     enum codec_driver drv)
{
	int ret;

	memset(s, 0, sizeof(*s));
	ret = device_open(lk, drv, ROLE_DEC, &s->dev);
	if (ret)
		return ret;
	vq_init(&s->out, s->dev.fd, V4L2_BUF_TYPE_VIDEO_OUTPUT,
		"decoder OUTPUT");
	vq_init(&s->cap, s->dev.fd, V4L2_BUF_TYPE_VIDEO_CAPTURE,
		"decoder CAPTURE");
	return EXIT_OK;
}

void dec_close(struct dec_session *s)
{
	if (s->dev.fd < 0)
		return;
	vq_free(&s->out);
	vq_free(&s->cap);
	device_close(&s->dev);
}

int dec_start(struct dec_session *s, const struct fwht_info *first,
	      size_t max_frame, const struct run_opts *ro)
{
	struct v4l2_format f;
	int ret;

	s->ro = ro;
	memset(&f, 0, sizeof(f));
	f.type = V4L2_BUF_TYPE_VIDEO_OUTPUT;
	f.fmt.pix.pixelformat = V4L2_PIX_FMT_FWHT;
	f.fmt.pix.width = first->width;
	f.fmt.pix.height = first->height;
	f.fmt.pix.sizeimage = (uint32_t)max_frame;
	f.fmt.pix.field = V4L2_FIELD_NONE;
	if (xioctl(s->dev.fd, VIDIOC_S_FMT, &f)) {
		msg_err("decoder: VIDIOC_S_FMT(OUTPUT FWHT %ux%u) failed: %s",
			first->width, first->height, strerror(errno));
		return EXIT_RUNTIME;
	}
	if (f.fmt.pix.pixelformat != V4L2_PIX_FMT_FWHT) {
		msg_err("decoder: the node does not take FWHT");
		return EXIT_NODEV;
	}
	if (f.fmt.pix.sizeimage < max_frame) {
		msg_err("the stream has %zu-byte frames; the decoder's buffers hold at most %u bytes (frame size %ux%u unsupported?)",
			max_frame, f.fmt.pix.sizeimage, first->width,
			first->height);
		return EXIT_BADINPUT;
	}
	if (v4l2_subscribe(s->dev.fd, V4L2_EVENT_SOURCE_CHANGE) ||
	    v4l2_subscribe(s->dev.fd, V4L2_EVENT_EOS)) {
		msg_err("decoder: VIDIOC_SUBSCRIBE_EVENT failed: %s",
			strerror(errno));
		return EXIT_RUNTIME;
	}
	ret = vq_alloc(&s->out, ro->io, ro->buffers, f.fmt.pix.sizeimage,
		       ro->heap);
	if (ret)
		return ret;
	return vq_streamon(&s->out) ? EXIT_RUNTIME : EXIT_OK;
}

static void dec_list_formats(struct dec_session *s)
{
	struct v4l2_fmtdesc fd;
	char cc[5];

	fprintf(stderr, TOOL_NAME ": this stream decodes to:");
	memset(&fd, 0, sizeof(fd));
	fd.type = V4L2_BUF_TYPE_VIDEO_CAPTURE;
	while (!xioctl(s->dev.fd, VIDIOC_ENUM_FMT, &fd)) {
		fprintf(stderr, " %s", fourcc_str(fd.pixelformat, cc));
		fd.index++;
	}
	fputc('\n', stderr);
}

/* CAPTURE format after SOURCE_CHANGE; 0 or exit code */
static int dec_capture_format(struct dec_session *s)
{
	struct v4l2_selection sel;
	struct v4l2_format f;
	const struct raw_fmt *rf;
	char cc[5];

	memset(&f, 0, sizeof(f));
	f.type = V4L2_BUF_TYPE_VIDEO_CAPTURE;
	if (xioctl(s->dev.fd, VIDIOC_G_FMT, &f)) {
		msg_err("decoder: VIDIOC_G_FMT(CAPTURE) failed: %s",
			strerror(errno));
		return EXIT_RUNTIME;
	}
	if (s->want_fourcc && f.fmt.pix.pixelformat != s->want_fourcc) {
		f.fmt.pix.pixelformat = s->want_fourcc;
		if (xioctl(s->dev.fd, VIDIOC_S_FMT, &f) ||
		    f.fmt.pix.pixelformat != s->want_fourcc) {
			msg_err("this stream cannot be decoded to %s",
				fourcc_str(s->want_fourcc, cc));
			dec_list_formats(s);
			return EXIT_USAGE;
		}
	}
	s->cap_fmt = f.fmt.pix;
	memset(&sel, 0, sizeof(sel));
	sel.type = V4L2_BUF_TYPE_VIDEO_CAPTURE;
	sel.target = V4L2_SEL_TGT_COMPOSE;
	if (xioctl(s->dev.fd, VIDIOC_G_SELECTION, &sel)) {
		sel.r.width = s->cap_fmt.width;
		sel.r.height = s->cap_fmt.height;
	}
	s->vis_w = sel.r.width;
	s->vis_h = sel.r.height;
	rf = raw_fmt_find(s->cap_fmt.pixelformat);
	if (!rf || raw_layout_init(&s->lay, rf, s->vis_w, s->vis_h,
				   s->cap_fmt.bytesperline,
				   s->cap_fmt.height)) {
		msg_err("decoder: unusable CAPTURE format %s %ux%u (bytesperline %u)",
			fourcc_str(s->cap_fmt.pixelformat, cc),
			s->cap_fmt.width, s->cap_fmt.height,
			s->cap_fmt.bytesperline);
		return EXIT_RUNTIME;
	}
	return EXIT_OK;
}

int dec_setup_capture(struct dec_session *s, enum io_mode capture_io)
{
	unsigned int i;
	int ret;

	ret = dec_capture_format(s);
	if (ret)
		return ret;
	ret = vq_alloc(&s->cap, capture_io, s->ro->buffers,
		       s->cap_fmt.sizeimage, s->ro->heap);
	if (ret)
		return ret;
	for (i = 0; i < s->cap.count; i++)
		if (vq_qbuf(&s->cap, i, 0, 0))
			return EXIT_RUNTIME;
	if (vq_streamon(&s->cap))
		return EXIT_RUNTIME;
	s->cap_ready = 1;
	return EXIT_OK;
}

int dec_events(struct dec_session *s, int *source_change)
{
	struct v4l2_event ev;

	for (;;) {
		memset(&ev, 0, sizeof(ev));
		if (xioctl(s->dev.fd, VIDIOC_DQEVENT, &ev)) {
			if (errno == ENOENT || errno == EAGAIN)
				return EXIT_OK;
			msg_err("decoder: VIDIOC_DQEVENT failed: %s",
				strerror(errno));
			return EXIT_RUNTIME;
		}
		if (ev.type == V4L2_EVENT_SOURCE_CHANGE &&
		    ev.u.src_change.changes & V4L2_EVENT_SRC_CH_RESOLUTION)
			*source_change = 1;
		if (!ev.pending)
			return EXIT_OK;
	}
}

static int dec_free_out(const struct dec_session *s)
{
	unsigned int i;

	for (i = 0; i < s->out.count; i++)
		if (!s->out.bufs[i].queued)
			return (int)i;
	return -1;
}

static int dec_out_busy(const struct dec_session *s)
{
	unsigned int i;

	for (i = 0; i < s->out.count; i++)
		if (s->out.bufs[i].queued)
			return 1;
	return 0;
}

int dec_feed(struct dec_session *s, const struct coded_source *src,
	     struct run_stats *st, struct dec_state *ds)
{
	const uint8_t *data;
	size_t len;
	int idx, r;

	while (!ds->eof && (idx = dec_free_out(s)) >= 0) {
		if (s->ro->max_frames && st->frames_in >= s->ro->max_frames) {
			ds->eof = 1;
			break;
		}
		r = src->next(src->priv, &data, &len);
		if (r <= 0) {
			ds->eof = 1;
			if (r == -EXIT_BADINPUT)
				ds->fail = EXIT_BADINPUT;
			else if (r < 0)
				return -r;
			break;
		}
		if (len > s->out.bufs[idx].length) {
			msg_err("frame %u is %zu bytes, more than the decoder's %zu-byte buffers",
				st->frames_in + 1, len, s->out.bufs[idx].length);
			ds->eof = 1;
			ds->fail = EXIT_BADINPUT;
			break;
		}
		vq_cpu_begin(&s->out, (unsigned int)idx, 1);
		memcpy(s->out.bufs[idx].map, data, len);
		vq_cpu_end(&s->out, (unsigned int)idx, 1);
		st->copies.file_io += len;
		if (stats_queued(st, st->frames_in) ||
		    vq_qbuf(&s->out, (unsigned int)idx, len, st->frames_in))
			return EXIT_RUNTIME;
		st->frames_in++;
	}
	return EXIT_OK;
}

/* hand a decoded frame to the sink; 1 if the sink keeps the buffer */
static int dec_deliver(struct dec_session *s, const struct raw_sink *sink,
		       struct run_stats *st, const struct v4l2_buffer *b)
{
	int r;

	vq_cpu_begin(&s->cap, b->index, 0);
	r = sink->put(sink->priv, s->cap.bufs[b->index].map, &s->lay,
		      b->index, b->bytesused);
	vq_cpu_end(&s->cap, b->index, 0);
	if (r < 0)
		return r;
	st->frames_out++;
	st->bytes_out += s->lay.frame_bytes;
	stats_done(st, vq_buf_seq(b));
	return r;
}

int dec_return_capture(struct dec_session *s, unsigned int idx)
{
	if (!s->cap.streaming || idx >= s->cap.count)
		return EXIT_OK;
	return vq_qbuf(&s->cap, idx, 0, 0) ? EXIT_RUNTIME : EXIT_OK;
}

static int dec_reap_capture(struct dec_session *s, const struct raw_sink *sink,
			    struct run_stats *st, struct dec_state *ds)
{
	struct v4l2_buffer b;
	int r = VQ_DQ_EMPTY, kept;

	while (s->cap_ready && (r = vq_dqbuf(&s->cap, &b)) == VQ_DQ_OK) {
		kept = 0;
		if (b.flags & V4L2_BUF_FLAG_ERROR) {
			st->errors++;
		} else if (b.bytesused) {
			r = dec_deliver(s, sink, st, &b);
			if (r < 0)
				return -r;
			kept = r;
		}
		if (b.flags & V4L2_BUF_FLAG_LAST) {
			r = VQ_DQ_PIPE;
			break;
		}
		if (!kept && vq_qbuf(&s->cap, b.index, 0, 0))
			return EXIT_RUNTIME;
	}
	if (!s->cap_ready || r != VQ_DQ_PIPE)
		return r == VQ_DQ_ERR ? EXIT_RUNTIME : EXIT_OK;
	if (!ds->pending_change) {
		ds->done = 1;
		return EXIT_OK;
	}
	if (s->no_reconfig) {
		msg_err("the stream changes resolution mid-stream; transcode does not support that (decode and encode separately)");
		return EXIT_RUNTIME;
	}
	/* resolution change: new CAPTURE buffers (dev-decoder.rst) */
	ds->pending_change = 0;
	vq_free(&s->cap);
	s->cap_ready = 0;
	return dec_setup_capture(s, s->ro->io);
}

int dec_step(struct dec_session *s, const struct coded_source *src,
	     const struct raw_sink *sink, struct run_stats *st,
	     struct dec_state *ds)
{
	struct v4l2_decoder_cmd cmd;
	struct v4l2_buffer b;
	int sc = 0, r;

	if (dec_events(s, &sc))
		return EXIT_RUNTIME;
	if (sc && !s->cap_ready) {
		r = dec_setup_capture(s, s->ro->io);
		if (r)
			return r;
	} else if (sc) {
		ds->pending_change = 1;
	}
	while ((r = vq_dqbuf(&s->out, &b)) == VQ_DQ_OK)
		if (b.flags & V4L2_BUF_FLAG_ERROR)
			st->errors++;
	if (r == VQ_DQ_ERR)
		return EXIT_RUNTIME;
	r = dec_feed(s, src, st, ds);
	if (r)
		return r;
	if (ds->eof && s->cap_ready && !ds->stop_sent) {
		memset(&cmd, 0, sizeof(cmd));
		cmd.cmd = V4L2_DEC_CMD_STOP;
		if (xioctl(s->dev.fd, VIDIOC_DECODER_CMD, &cmd)) {
			msg_err("decoder: V4L2_DEC_CMD_STOP failed: %s",
				strerror(errno));
			return EXIT_RUNTIME;
		}
		ds->stop_sent = 1;
	}
	return dec_reap_capture(s, sink, st, ds);
}

int dec_check_stalled(struct dec_session *s, const struct run_stats *st,
		      const struct dec_state *ds)
{
	if (ds->eof && !st->frames_in) {
		if (!ds->fail)
			msg_err("the input holds no frame to decode");
		return EXIT_BADINPUT;
	}
	if (ds->eof && !s->cap_ready && !dec_out_busy(s)) {
		msg_err("the decoder found no valid frame header in the stream (%u frame(s) rejected)",
			st->errors);
		return EXIT_BADINPUT;
	}
	return EXIT_OK;
}

int dec_run(struct dec_session *s, const struct coded_source *src,
	    const struct raw_sink *sink, struct run_stats *st)
{
	struct dec_state ds = { 0 };
	uint64_t t0 = now_ns();
	int ret;

	ret = dec_feed(s, src, st, &ds);
	if (ret)
		return ret;
	while (!ds.done) {
		ret = dec_check_stalled(s, st, &ds);
		if (ret)
			return ret;
		if (session_poll(s->dev.fd, "decoder") < 0)
			return EXIT_RUNTIME;
		ret = dec_step(s, src, sink, st, &ds);
		if (ret)
			return ret;
		if (s->ro->pg)
			progress_update(s->ro->pg, st->frames_out);
	}
	st->wall_ns = now_ns() - t0;
	if (s->ro->pg)
		progress_done(s->ro->pg);
	if (st->errors) {
		msg_err("%u frame(s) could not be decoded (buffers flagged ERROR): corrupt stream?",
			st->errors);
		return ds.fail ? ds.fail : EXIT_BADINPUT;
	}
	return ds.fail;
}
