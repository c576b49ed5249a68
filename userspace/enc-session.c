// SPDX-License-Identifier: GPL-2.0-only
/*
 * cmacodec tool: stateful encoder session (dev-encoder.rst).
 */
#include <errno.h>
#include <string.h>

#include "codec-session.h"

int enc_open(struct enc_session *s, const struct dev_lookup *lk,
	     enum codec_driver drv)
{
	int ret;

	memset(s, 0, sizeof(*s));
	ret = device_open(lk, drv, ROLE_ENC, &s->dev);
	if (ret)
		return ret;
	vq_init(&s->out, s->dev.fd, V4L2_BUF_TYPE_VIDEO_OUTPUT,
		"encoder OUTPUT");
	vq_init(&s->cap, s->dev.fd, V4L2_BUF_TYPE_VIDEO_CAPTURE,
		"encoder CAPTURE");
	return EXIT_OK;
}

void enc_close(struct enc_session *s)
{
	if (s->dev.fd < 0)
		return;
	vq_free(&s->out);
	vq_free(&s->cap);
	device_close(&s->dev);
}

/* the size range of @fourcc; 0 or -1 */
static int enc_size_range(struct enc_session *s, uint32_t fourcc,
			  struct v4l2_frmsizeenum *fs)
{
	memset(fs, 0, sizeof(*fs));
	fs->pixel_format = fourcc;
	if (xioctl(s->dev.fd, VIDIOC_ENUM_FRAMESIZES, fs))
		return -1;
	if (fs->type == V4L2_FRMSIZE_TYPE_DISCRETE) {
		fs->stepwise.min_width = fs->stepwise.max_width =
			fs->discrete.width;
		fs->stepwise.min_height = fs->stepwise.max_height =
			fs->discrete.height;
	}
	return 0;
}

static int enc_check_size(struct enc_session *s, const struct enc_cfg *cfg)
{
	struct v4l2_frmsizeenum fs;
	char cc[5];

	if (enc_size_range(s, cfg->fourcc, &fs)) {
		if (errno == EINVAL) {
			msg_err("the %s encoder does not support raw format %s",
				driver_name(s->dev.drv),
				fourcc_str(cfg->fourcc, cc));
			return EXIT_USAGE;
		}
		return EXIT_OK;	/* no size information; S_FMT will tell */
	}
	if (cfg->width < fs.stepwise.min_width ||
	    cfg->width > fs.stepwise.max_width ||
	    cfg->height < fs.stepwise.min_height ||
	    cfg->height > fs.stepwise.max_height) {
		msg_err("frame size %ux%u is not supported by the %s encoder (%ux%u .. %ux%u for %s); pick a size in that range",
			cfg->width, cfg->height, driver_name(s->dev.drv),
			fs.stepwise.min_width, fs.stepwise.min_height,
			fs.stepwise.max_width, fs.stepwise.max_height,
			fourcc_str(cfg->fourcc, cc));
		return EXIT_USAGE;
	}
	return EXIT_OK;
}

static int enc_set_crop(struct enc_session *s, const struct enc_cfg *cfg)
{
	struct v4l2_selection sel;

	if (cfg->width == s->out_fmt.width && cfg->height == s->out_fmt.height)
		return EXIT_OK;
	memset(&sel, 0, sizeof(sel));
	sel.type = V4L2_BUF_TYPE_VIDEO_OUTPUT;
	sel.target = V4L2_SEL_TGT_CROP;
	sel.r.width = cfg->width;
	sel.r.height = cfg->height;
	if (xioctl(s->dev.fd, VIDIOC_S_SELECTION, &sel)) {
		msg_err("encoder: VIDIOC_S_SELECTION(crop %ux%u) failed: %s",
			cfg->width, cfg->height, strerror(errno));
		return EXIT_RUNTIME;
	}
	if (sel.r.width != cfg->width || sel.r.height != cfg->height) {
		msg_err("frame size %ux%u is not supported by the encoder (it offers %ux%u)",
			cfg->width, cfg->height, sel.r.width, sel.r.height);
		return EXIT_USAGE;
	}
	return EXIT_OK;
}

static int enc_set_ctrls(struct enc_session *s, const struct enc_cfg *cfg)
{
	static const uint32_t qp_ids[] = { V4L2_CID_FWHT_I_FRAME_QP,
					   V4L2_CID_FWHT_P_FRAME_QP };
	unsigned int i;

	for (i = 0; cfg->qp >= 0 && i < 2; i++)
		if (v4l2_set_ctrl(s->dev.fd, qp_ids[i], cfg->qp)) {
			msg_err("encoder: setting %s to %d failed: %s",
				ctrl_name(qp_ids[i]), cfg->qp, strerror(errno));
			return EXIT_RUNTIME;
		}
	if (cfg->gop >= 0 &&
	    v4l2_set_ctrl(s->dev.fd, V4L2_CID_MPEG_VIDEO_GOP_SIZE, cfg->gop)) {
		msg_err("encoder: setting GOP size to %d failed: %s", cfg->gop,
			strerror(errno));
		return EXIT_RUNTIME;
	}
	return EXIT_OK;
}

int enc_configure(struct enc_session *s, const struct enc_cfg *cfg)
{
	const struct raw_fmt *rf = raw_fmt_find(cfg->fourcc);
	struct v4l2_format f;
	char cc[5];
	int ret;

	if (!rf) {
		msg_err("unsupported raw format %s", fourcc_str(cfg->fourcc, cc));
		return EXIT_USAGE;
	}
	ret = enc_check_size(s, cfg);
	if (ret)
		return ret;
	memset(&f, 0, sizeof(f));
	f.type = V4L2_BUF_TYPE_VIDEO_OUTPUT;
	f.fmt.pix.width = cfg->width;
	f.fmt.pix.height = cfg->height;
	f.fmt.pix.pixelformat = cfg->fourcc;
	f.fmt.pix.field = V4L2_FIELD_NONE;
	if (xioctl(s->dev.fd, VIDIOC_S_FMT, &f)) {
		msg_err("encoder: VIDIOC_S_FMT(OUTPUT %s %ux%u) failed: %s",
			rf->name, cfg->width, cfg->height, strerror(errno));
		return EXIT_RUNTIME;
	}
	s->out_fmt = f.fmt.pix;
	if (s->out_fmt.pixelformat != cfg->fourcc) {
		msg_err("the encoder does not support raw format %s", rf->name);
		return EXIT_USAGE;
	}
	if (s->out_fmt.width < cfg->width || s->out_fmt.height < cfg->height) {
		msg_err("frame size %ux%u is not supported by the encoder (largest %ux%u)",
			cfg->width, cfg->height, s->out_fmt.width,
			s->out_fmt.height);
		return EXIT_USAGE;
	}
	ret = enc_set_crop(s, cfg);
	if (ret)
		return ret;
	memset(&f, 0, sizeof(f));
	f.type = V4L2_BUF_TYPE_VIDEO_CAPTURE;
	if (xioctl(s->dev.fd, VIDIOC_G_FMT, &f)) {
		msg_err("encoder: VIDIOC_G_FMT(CAPTURE) failed: %s",
			strerror(errno));
		return EXIT_RUNTIME;
	}
	s->cap_fmt = f.fmt.pix;
	if (raw_layout_init(&s->lay, rf, cfg->width, cfg->height,
			    s->out_fmt.bytesperline, s->out_fmt.height)) {
		msg_err("encoder: unexpected OUTPUT layout (bytesperline %u, height %u)",
			s->out_fmt.bytesperline, s->out_fmt.height);
		return EXIT_RUNTIME;
	}
	return enc_set_ctrls(s, cfg);
}

int enc_alloc(struct enc_session *s, const struct run_opts *ro, int no_out)
{
	int ret = EXIT_OK;

	if (!no_out)
		ret = vq_alloc(&s->out, ro->io, ro->buffers,
			       s->out_fmt.sizeimage, ro->heap);
	if (!ret)
		ret = vq_alloc(&s->cap, ro->io, ro->buffers,
			       s->cap_fmt.sizeimage, ro->heap);
	return ret;
}

static int enc_free_out(const struct enc_session *s)
{
	unsigned int i;

	for (i = 0; i < s->out.count; i++)
		if (!s->out.bufs[i].queued)
			return (int)i;
	return -1;
}

/*
 * Queue raw frames into free OUTPUT buffers.  Returns 0, or an exit code
 * to abort with; *eof and *fail (deferred exit code) are updated.
 */
static int enc_feed(struct enc_session *s, const struct raw_source *src,
		    const struct run_opts *ro, struct run_stats *st, int *eof,
		    int *fail)
{
	int idx, r;

	while (!*eof && (idx = enc_free_out(s)) >= 0) {
		if (ro->max_frames && st->frames_in >= ro->max_frames) {
			*eof = 1;
			break;
		}
		if (vq_cpu_begin(&s->out, (unsigned int)idx, 1))
			msg_warn("dma-buf sync failed: %s", strerror(errno));
		r = src->fill(src->priv, s->out.bufs[idx].map, &s->lay);
		vq_cpu_end(&s->out, (unsigned int)idx, 1);
		if (r == 0 || r == -EXIT_BADINPUT) {
			*eof = 1;
			if (r)
				*fail = EXIT_BADINPUT;
			break;
		}
		if (r < 0)
			return -r;
		if (stats_queued(st, st->frames_in) ||
		    vq_qbuf(&s->out, (unsigned int)idx, s->out_fmt.sizeimage,
			    st->frames_in))
			return EXIT_RUNTIME;
		st->frames_in++;
	}
	return EXIT_OK;
}

int enc_stop(struct enc_session *s)
{
	struct v4l2_encoder_cmd cmd;

	memset(&cmd, 0, sizeof(cmd));
	cmd.cmd = V4L2_ENC_CMD_STOP;
	if (xioctl(s->dev.fd, VIDIOC_ENCODER_CMD, &cmd)) {
		msg_err("encoder: V4L2_ENC_CMD_STOP failed: %s",
			strerror(errno));
		return EXIT_RUNTIME;
	}
	return EXIT_OK;
}

/* Dequeue finished buffers; *done at the LAST buffer.  0 or exit code. */
static int enc_reap(struct enc_session *s, const struct coded_sink *sink,
		    struct run_stats *st, int *done)
{
	struct v4l2_buffer b;
	int r;

	while ((r = vq_dqbuf(&s->out, &b)) == VQ_DQ_OK)
		if (b.flags & V4L2_BUF_FLAG_ERROR)
			st->errors++;
	if (r == VQ_DQ_ERR)
		return EXIT_RUNTIME;
	while ((r = vq_dqbuf(&s->cap, &b)) == VQ_DQ_OK) {
		if (b.flags & V4L2_BUF_FLAG_ERROR) {
			st->errors++;
		} else if (b.bytesused) {
			r = sink->put(sink->priv, s->cap.bufs[b.index].map,
				      b.bytesused);
			if (r < 0)
				return -r;
			st->frames_out++;
			st->bytes_out += b.bytesused;
			stats_done(st, vq_buf_seq(&b));
		}
		if (b.flags & V4L2_BUF_FLAG_LAST) {
			*done = 1;
			return EXIT_OK;
		}
		if (vq_qbuf(&s->cap, b.index, 0, 0))
			return EXIT_RUNTIME;
	}
	if (r == VQ_DQ_PIPE)
		*done = 1;
	return r == VQ_DQ_ERR ? EXIT_RUNTIME : EXIT_OK;
}

int enc_run(struct enc_session *s, const struct raw_source *src,
	    const struct coded_sink *sink, const struct run_opts *ro,
	    struct run_stats *st)
{
	int eof = 0, stop_sent = 0, done = 0, fail = 0, ret, rev;
	uint64_t t0 = now_ns();
	unsigned int i;

	for (i = 0; i < s->cap.count; i++)
		if (vq_qbuf(&s->cap, i, 0, 0))
			return EXIT_RUNTIME;
	if (vq_streamon(&s->out) || vq_streamon(&s->cap))
		return EXIT_RUNTIME;
	while (!done) {
		ret = enc_feed(s, src, ro, st, &eof, &fail);
		if (ret)
			return ret;
		if (eof && !st->frames_in) {
			if (!fail)
				msg_err("the input holds no frame to encode");
			return EXIT_BADINPUT;
		}
		if (eof && !stop_sent) {
			ret = enc_stop(s);
			if (ret)
				return ret;
			stop_sent = 1;
		}
		rev = session_poll(s->dev.fd, "encoder");
		if (rev < 0)
			return EXIT_RUNTIME;
		ret = enc_reap(s, sink, st, &done);
		if (ret)
			return ret;
		if (ro->pg)
			progress_update(ro->pg, st->frames_out);
	}
	st->wall_ns = now_ns() - t0;
	if (ro->pg)
		progress_done(ro->pg);
	if (st->errors) {
		msg_err("the encoder failed %u buffer(s) (flagged ERROR; see dmesg)",
			st->errors);
		return EXIT_RUNTIME;
	}
	return fail;
}
