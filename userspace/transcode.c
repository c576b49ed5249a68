// SPDX-License-Identifier: GPL-2.0-only
/*
 * cmacodec tool: transcode - decoder CAPTURE buffers exported with
 * VIDIOC_EXPBUF and queued as DMABUF on the encoder's OUTPUT queue.  The
 * decoded frames are never touched by the CPU: the tool hands buffer
 * indices from one queue to the other and counts the bytes it copies in
 * that path (none).  With --copy the encoder's OUTPUT buffers are MMAP
 * instead and every decoded frame is copied into one: the baseline the
 * zero-copy path is compared with (make bench).
 */
#include <errno.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

#include "tool.h"

struct transcode {
	const struct cli_opts *o;
	struct dec_session dec;
	struct enc_session enc;
	struct dec_state ds;
	struct run_stats dst;
	struct run_stats est;
	struct file_coded_sink sink;
	struct coded_sink cs;
	int fds[VQ_MAX_BUFS];
	unsigned int nfds;
	int enc_started;
	int enc_stop_sent;
	int enc_done;
	unsigned int handed;
	uint64_t cpu_ns;	/* user+sys of the whole run */
};

static uint64_t tc_cpu_ns(void)
{
	struct rusage ru;

	if (getrusage(RUSAGE_SELF, &ru))
		return 0;
	return (uint64_t)(ru.ru_utime.tv_sec + ru.ru_stime.tv_sec) *
		       1000000000ULL +
	       (uint64_t)(ru.ru_utime.tv_usec + ru.ru_stime.tv_usec) * 1000ULL;
}

/* exporter name of a dma-buf, from /proc/self/fdinfo */
static void dmabuf_exporter(int fd, char *buf, size_t len)
{
	char path[64], line[128];
	FILE *f;

	snprintf(buf, len, "?");
	snprintf(path, sizeof(path), "/proc/self/fdinfo/%d", fd);
	f = fopen(path, "re");
	if (!f)
		return;
	while (fgets(line, sizeof(line), f))
		if (!strncmp(line, "exp_name:", 9)) {
			snprintf(buf, len, "%s", line + 9 + strspn(line + 9, " \t"));
			buf[strcspn(buf, "\n")] = '\0';
			break;
		}
	fclose(f);
}

static int tc_export(struct transcode *t)
{
	unsigned int i;

	for (i = 0; i < t->dec.cap.count; i++) {
		t->fds[i] = vq_expbuf(&t->dec.cap, i);
		if (t->fds[i] < 0)
			return EXIT_RUNTIME;
		t->nfds++;
	}
	return EXIT_OK;
}

static int tc_start_encoder(struct transcode *t)
{
	struct enc_cfg cfg = { t->dec.vis_w, t->dec.vis_h,
			       t->dec.cap_fmt.pixelformat, t->o->qp,
			       t->o->gop };
	struct run_opts ro = { .io = IO_MMAP, .buffers = t->dec.cap.count };
	unsigned int i;
	int ret;


	ret = enc_configure(&t->enc, &cfg);
	if (ret)
		return ret;
	if (t->enc.out_fmt.bytesperline != t->dec.cap_fmt.bytesperline ||
	    t->enc.out_fmt.height != t->dec.cap_fmt.height ||
	    t->enc.out_fmt.sizeimage > t->dec.cap.bufs[0].length) {
		msg_err("decoder CAPTURE (bpl %u, height %u, %zu bytes) and encoder OUTPUT (bpl %u, height %u, %u bytes) layouts differ: cannot share buffers",
			t->dec.cap_fmt.bytesperline, t->dec.cap_fmt.height,
			t->dec.cap.bufs[0].length, t->enc.out_fmt.bytesperline,
			t->enc.out_fmt.height, t->enc.out_fmt.sizeimage);
		return EXIT_RUNTIME;
	}
	if (t->o->copy) {
		ret = enc_alloc(&t->enc, &ro, 0);
	} else {
		ret = tc_export(t);
		if (!ret)
			ret = vq_import(&t->enc.out, t->nfds, t->fds,
					t->dec.cap.bufs[0].length);
		if (!ret)
			ret = enc_alloc(&t->enc, &ro, 1);
	}
	if (ret)
		return ret;
	for (i = 0; i < t->enc.cap.count; i++)
		if (vq_qbuf(&t->enc.cap, i, 0, 0))
			return EXIT_RUNTIME;
	if (vq_streamon(&t->enc.out) || vq_streamon(&t->enc.cap))
		return EXIT_RUNTIME;
	t->enc_started = 1;
	return EXIT_OK;
}

static int tc_reap(struct transcode *t);

/* --copy: wait for the encoder alone (the decoder waits for us) */
static int tc_poll_enc(struct transcode *t)
{
	struct pollfd p = { .fd = t->enc.dev.fd, .events = POLLIN | POLLOUT };
	int ret;

	do {
		ret = poll(&p, 1, 30000);
	} while (ret < 0 && errno == EINTR);
	if (ret < 0)
		msg_err("poll failed: %s", strerror(errno));
	else if (!ret)
		msg_err("no encoder buffer completed within 30 s: the driver seems stuck (see dmesg)");
	return ret > 0 ? EXIT_OK : EXIT_RUNTIME;
}

/* --copy: a free encoder OUTPUT buffer, reaping the encoder until one is */
static int tc_free_out(struct transcode *t, unsigned int *idx)
{
	unsigned int i;
	int ret;

	for (;;) {
		for (i = 0; i < t->enc.out.count; i++)
			if (!t->enc.out.bufs[i].queued) {
				*idx = i;
				return EXIT_OK;
			}
		ret = tc_poll_enc(t);
		if (!ret)
			ret = tc_reap(t);
		if (ret)
			return ret < 0 ? -ret : ret;
		if (t->enc_done) {
			msg_err("the encoder stopped before the last frame");
			return EXIT_RUNTIME;
		}
	}
}

/* --copy: copy the decoded frame into an encoder OUTPUT buffer, queue it */
static int tc_put_copy(struct transcode *t, const uint8_t *buf,
		       uint32_t bytesused)
{
	unsigned int idx;
	int ret;

	ret = tc_free_out(t, &idx);
	if (ret)
		return -ret;
	if (bytesused > t->enc.out.bufs[idx].length ||
	    stats_queued(&t->est, t->est.frames_in))
		return -EXIT_RUNTIME;
	if (vq_cpu_begin(&t->enc.out, idx, 1))
		msg_warn("dma-buf sync failed: %s", strerror(errno));
	memcpy(t->enc.out.bufs[idx].map, buf, bytesused);
	if (vq_cpu_end(&t->enc.out, idx, 1))
		msg_warn("dma-buf sync failed: %s", strerror(errno));
	t->est.copies.frame_path += bytesused;
	if (vq_qbuf(&t->enc.out, idx, bytesused, t->est.frames_in))
		return -EXIT_RUNTIME;
	t->est.frames_in++;
	t->handed++;
	return 0;	/* the decoder gets its buffer back at once */
}

/* decoded frame in decoder CAPTURE buffer @idx: queue it on the encoder */
static int tc_put(void *priv, const uint8_t *buf, const struct raw_layout *lay,
		  unsigned int idx, uint32_t bytesused)
{
	struct transcode *t = priv;
	int ret;

	(void)lay;
	if (!t->enc_started) {
		ret = tc_start_encoder(t);
		if (ret)
			return -ret;
	}
	if (t->o->copy)
		return tc_put_copy(t, buf, bytesused);
	/* buf is never read: the encoder gets the dma-buf */
	if (idx >= t->enc.out.count || stats_queued(&t->est, t->est.frames_in) ||
	    vq_qbuf(&t->enc.out, idx, bytesused, t->est.frames_in))
		return -EXIT_RUNTIME;
	t->est.frames_in++;
	t->handed++;
	return 1;
}

static int tc_reap(struct transcode *t)
{
	struct v4l2_buffer b;
	int r, ret;

	while ((r = vq_dqbuf(&t->enc.out, &b)) == VQ_DQ_OK) {
		if (b.flags & V4L2_BUF_FLAG_ERROR)
			t->est.errors++;
		if (!t->ds.done && !t->o->copy) {
			ret = dec_return_capture(&t->dec, b.index);
			if (ret)
				return ret;
		}
	}
	if (r == VQ_DQ_ERR)
		return EXIT_RUNTIME;
	while ((r = vq_dqbuf(&t->enc.cap, &b)) == VQ_DQ_OK) {
		if (b.flags & V4L2_BUF_FLAG_ERROR) {
			t->est.errors++;
		} else if (b.bytesused) {
			ret = file_coded_put(&t->sink,
					     t->enc.cap.bufs[b.index].map,
					     b.bytesused);
			if (ret)
				return -ret;
			t->est.frames_out++;
			t->est.bytes_out += b.bytesused;
			stats_done(&t->est, vq_buf_seq(&b));
		}
		if (b.flags & V4L2_BUF_FLAG_LAST) {
			t->enc_done = 1;
			return EXIT_OK;
		}
		if (vq_qbuf(&t->enc.cap, b.index, 0, 0))
			return EXIT_RUNTIME;
	}
	if (r == VQ_DQ_PIPE)
		t->enc_done = 1;
	return r == VQ_DQ_ERR ? EXIT_RUNTIME : EXIT_OK;
}

/*
 * Whether waiting on the decoder can end in progress: not after its last
 * frame (its CAPTURE queue then polls readable for ever), nor while every
 * CAPTURE buffer is lent to the encoder (an empty queue polls as an
 * error).  Waiting on it then would spin, and burn the CPU time the
 * bench measures.
 */
static int tc_dec_waitable(const struct transcode *t)
{
	unsigned int i;

	if (t->ds.done)
		return 0;
	if (!t->dec.cap_ready)
		return 1;
	for (i = 0; i < t->dec.cap.count; i++)
		if (t->dec.cap.bufs[i].queued)
			return 1;
	return 0;
}

static int tc_poll(struct transcode *t)
{
	struct pollfd p[2] = {
		{ .fd = t->dec.dev.fd, .events = POLLIN | POLLOUT | POLLPRI },
		{ .fd = t->enc.dev.fd, .events = POLLIN | POLLOUT },
	};
	struct pollfd *first = p;
	nfds_t n = t->enc_started ? 2 : 1;
	int ret;

	if (t->enc_started && !tc_dec_waitable(t)) {
		first = &p[1];
		n = 1;
	}
	do {
		ret = poll(first, n, 30000);
	} while (ret < 0 && errno == EINTR);
	if (ret < 0)
		msg_err("poll failed: %s", strerror(errno));
	else if (!ret)
		msg_err("no buffer completed within 30 s: the driver seems stuck (see dmesg)");
	return ret > 0 ? EXIT_OK : EXIT_RUNTIME;
}

static int tc_loop(struct transcode *t, const struct coded_source *src,
		   struct progress *pg)
{
	struct raw_sink rs = { tc_put, t };
	int ret;

	ret = dec_feed(&t->dec, src, &t->dst, &t->ds);
	while (!ret && !t->enc_done) {
		if (!t->ds.done)
			ret = dec_check_stalled(&t->dec, &t->dst, &t->ds);
		if (ret)
			break;
		if (t->ds.done && !t->enc_started) {
			msg_err("the decoder produced no frame");
			return t->ds.fail ? t->ds.fail : EXIT_BADINPUT;
		}
		if (t->ds.done && !t->enc_stop_sent) {
			ret = enc_stop(&t->enc);
			t->enc_stop_sent = 1;
			if (ret)
				break;
		}
		ret = tc_poll(t);
		if (!ret && !t->ds.done)
			ret = dec_step(&t->dec, src, &rs, &t->dst, &t->ds);
		if (!ret && t->enc_started)
			ret = tc_reap(t);
		progress_update(pg, t->est.frames_out);
	}
	progress_done(pg);
	if (!ret && (t->dst.errors || t->est.errors)) {
		msg_err("%u decoder and %u encoder buffer(s) flagged ERROR",
			t->dst.errors, t->est.errors);
		ret = t->dst.errors ? EXIT_BADINPUT : EXIT_RUNTIME;
	}
	return ret ? ret : t->ds.fail;
}

static void tc_report(const struct transcode *t)
{
	char exp[64] = "?";
	struct stat st;
	unsigned long ino = 0;

	if (t->nfds) {
		dmabuf_exporter(t->fds[0], exp, sizeof(exp));
		if (!fstat(t->fds[0], &st))
			ino = (unsigned long)st.st_ino;
	}
	if (t->o->copy)
		fprintf(stderr,
			TOOL_NAME ": transcode: %u frames decoded, %u copied into the encoder's MMAP buffers (--copy), %u encoded, %llu bytes out\n",
			t->dst.frames_out, t->handed, t->est.frames_out,
			(unsigned long long)t->est.bytes_out);
	else
		fprintf(stderr,
			TOOL_NAME ": transcode: %u frames decoded, %u passed to the encoder as DMABUF (%u EXPBUF dma-bufs, exporter %s, first inode %lu), %u encoded, %llu bytes out\n",
			t->dst.frames_out, t->handed, t->nfds, exp, ino,
			t->est.frames_out, (unsigned long long)t->est.bytes_out);
	fprintf(stderr,
		TOOL_NAME ": transcode: frame data copied by the CPU: %llu bytes (file I/O: %llu bytes)\n",
		(unsigned long long)(t->dst.copies.frame_path +
				     t->est.copies.frame_path),
		(unsigned long long)(t->dst.copies.file_io +
				     t->est.copies.file_io));
	fprintf(stderr,
		TOOL_NAME ": transcode: CPU time of the tool (user+sys): %.1f ms, %.1f us per frame\n",
		(double)t->cpu_ns / 1e6,
		t->est.frames_out ? (double)t->cpu_ns / 1e3 / t->est.frames_out :
				    0.0);
}

static int tc_run(struct transcode *t)
{
	const struct cli_opts *o = t->o;
	struct run_opts ro = { .io = IO_MMAP, .max_frames = o->frames,
			       .buffers = o->buffers ? o->buffers :
						       DEFAULT_BUFFERS };
	struct coded_source cs;
	struct stream_file sf;
	struct iter_src isrc;
	struct fwht_info first;
	struct progress pg;
	size_t max_frame;
	int ret;

	ret = stream_open_input(o->in, &sf, &isrc, &first, &max_frame);
	if (ret)
		return ret;
	cs.next = iter_next;
	cs.priv = &isrc;
	t->sink.f = open_out(o->out);
	if (!t->sink.f) {
		stream_file_free(&sf);
		return EXIT_RUNTIME;
	}
	progress_init(&pg, "transcode", o->progress);
	t->dec.no_reconfig = 1;
	t->cpu_ns = tc_cpu_ns();
	ret = dec_start(&t->dec, &first, max_frame, &ro);
	if (!ret)
		ret = tc_loop(t, &cs, &pg);
	t->cpu_ns = tc_cpu_ns() - t->cpu_ns;
	if (close_out(t->sink.f, o->out) && !ret)
		ret = EXIT_RUNTIME;
	if (!o->quiet)
		tc_report(t);
	stream_file_free(&sf);
	return ret;
}

int cmd_transcode(const struct cli_opts *o)
{
	struct transcode *t = calloc(1, sizeof(*t));
	struct dev_lookup lk;
	unsigned int i;
	int ret;

	if (!t) {
		msg_err("out of memory");
		return EXIT_RUNTIME;
	}
	ret = input_check(o->in);
	if (ret) {
		free(t);
		return ret;
	}
	t->o = o;
	t->sink.path = o->out;
	t->sink.hdr = o->hdr;
	t->sink.copies = &t->est.copies;
	t->enc.dev.fd = -1;
	lk = opts_lookup(o);
	ret = dec_open(&t->dec, &lk, DRV_CMACODEC);
	if (!ret)
		ret = enc_open(&t->enc, &lk, DRV_CMACODEC);
	if (!ret)
		ret = tc_run(t);
	/* the encoder lets go of the dma-bufs before the exporter frees */
	enc_close(&t->enc);
	for (i = 0; i < t->nfds; i++)
		close(t->fds[i]);
	dec_close(&t->dec);
	stats_free(&t->dst);
	stats_free(&t->est);
	free(t);
	return ret;
}
