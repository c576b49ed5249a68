// SPDX-License-Identifier: GPL-2.0
/*
 * cmacodec-stateful - stateful codec checks v4l2-ctl cannot express.
 *
 *   cmacodec-stateful hdr FILE
 *	Walk the FWHT frames of FILE (plain, or v4l2-ctl --stream-to-hdr
 *	with its per-buffer "Vhdr" prefixes) and print one line per frame:
 *	"frame N w=W h=H flags=0xF i=0|1 cs=C xfer=X ycbcr=Y quant=Q size=S"
 *	(S: header and payload bytes).
 *	Exit 0 if the file is a sequence of whole frames, 1 otherwise.
 *
 *   cmacodec-stateful dec DEV IN OUT [STOP_AFTER [FOURCC]]
 *	Decode IN (FWHT, as above) on the stateful decoder DEV, one frame per
 *	OUTPUT buffer, following dev-decoder.rst: initial and mid-stream
 *	SOURCE_CHANGE (CAPTURE restarted at the new format), drain with
 *	DECODER_CMD STOP at the end (LAST buffer, EOS event).  With
 *	STOP_AFTER, the decoder is also drained after that many frames and
 *	resumed with DECODER_CMD START (STOP_AFTER 0: no such drain).  With
 *	FOURCC, CAPTURE is set to that format at each SOURCE_CHANGE, else
 *	the decoder's choice stays.  Each CAPTURE buffer's payload is
 *	appended to OUT.  Prints "ok - ..."/"not ok - ..." lines (tap_from)
 *	and finally "fmt W H FOURCC compose CW CH cs=C xfer=X ycbcr=Y
 *	quant=Q" for G_FMT(CAPTURE) after the stream.
 *
 *   cmacodec-stateful enc DEV FOURCC W H IN OUT [CROP_W CROP_H]
 *	Encode the FOURCC WxH frames of IN (whole buffers, sizeimage bytes
 *	each) on the encoder DEV, optionally cropped to CROP_W x CROP_H by
 *	S_SELECTION(OUTPUT, CROP), drain, and write the stream to OUT.  Exit
 *	1 unless every frame came out with a header of the visible size.
 *
 *   cmacodec-stateful enc-drain DEV W H IN OUT N
 *	Encode YU12 WxH frames from IN on the encoder DEV: N frames, then
 *	ENCODER_CMD STOP (a LAST buffer and an EOS event are expected, DQBUF
 *	then fails with EPIPE), ENCODER_CMD START and the rest of IN.  The
 *	stream goes to OUT.  Prints "ok - ..."/"not ok - ..." lines.
 *
 *   cmacodec-stateful convert FOURCC W H IN OUT
 *	Write the I420 WxH frames of IN to OUT in FOURCC (any raw format of
 *	the driver's catalogue; RGB from BT.601, HSV formats take the RGB
 *	values, alpha a ramp, padding bytes 0).  Prints the frame size and
 *	the offset of the padding byte in 32-bit X formats ("-": none).
 *
 *   cmacodec-stateful rt ENC DEC FOURCC W H FRAME IN SRC OUT
 *	Convert IN as above, encode it on ENC and decode it on DEC (CAPTURE
 *	set to FOURCC); SRC and OUT get the input and the result without any
 *	padding byte, ready for cmacodec-psnr.  Prints an "ok"/"not ok" line
 *	(the frames are FRAME bytes, the result as large as the input) and
 *	"cmp N" with the frame size in SRC and OUT (0: nothing to compare).
 *
 *   cmacodec-stateful strip IN OUT STEP OFF
 *	Copy IN to OUT without byte OFF of every STEP bytes (the padding
 *	byte of 32-bit X formats, whose value V4L2 leaves undefined).
 *
 * Exit: 0 all checks passed, 1 a check failed, 2 usage or setup errors.
 */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <time.h>
#include <unistd.h>
#include <arpa/inet.h>
#include <linux/videodev2.h>

#include "stateful.h"
#include "toolutil.h"

#define HDR_SIZE	44
#define FL_I_FRAME	(1U << 10)
#define MAX_BUFS	8
#define TIMEOUT_MS	20000
#define RUN_TIMEOUT_S	120

static int failed, quiet;

static void ok(int cond, const char *fmt, ...)
{
	va_list ap;

	if (!cond)
		failed = 1;
	if (quiet)
		return;
	printf("%s - ", cond ? "ok" : "not ok");
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	printf("\n");
	fflush(stdout);
}

/* ---- FWHT file walking ---------------------------------------------- */

struct frame {
	size_t off, len;	/* header + payload */
	unsigned int w, h, flags, cs, xfer, ycbcr, quant;
};

static unsigned int be32_at(const unsigned char *p)
{
	unsigned int v;

	memcpy(&v, p, 4);
	return ntohl(v);
}

static const unsigned char magic[8] = {
	0x4f, 0x4f, 0x4f, 0x4f, 0xff, 0xff, 0xff, 0xff
};

/* Returns the number of frames, -1 if FILE is not whole frames. */
static int walk(const unsigned char *d, size_t n, struct frame **out)
{
	struct frame *f = NULL;
	size_t off = 0;
	int cnt = 0;

	while (off < n) {
		struct frame fr;

		/* v4l2-ctl's per-buffer prefix: "Vhdr" (big-endian), length */
		if (n - off >= 8 && be32_at(d + off) == v4l2_fourcc('V', 'h', 'd', 'r')) {
			off += 8;
			continue;
		}
		if (n - off < HDR_SIZE || memcmp(d + off, magic, 8)) {
			fprintf(stderr, "no frame header at byte %zu\n", off);
			free(f);
			return -1;
		}
		fr.off = off;
		fr.w = be32_at(d + off + 12);
		fr.h = be32_at(d + off + 16);
		fr.flags = be32_at(d + off + 20);
		fr.cs = be32_at(d + off + 24);
		fr.xfer = be32_at(d + off + 28);
		fr.ycbcr = be32_at(d + off + 32);
		fr.quant = be32_at(d + off + 36);
		fr.len = HDR_SIZE + (size_t)be32_at(d + off + 40);
		if (fr.len > n - off) {
			fprintf(stderr, "frame %d at byte %zu truncated\n", cnt, off);
			free(f);
			return -1;
		}
		f = realloc(f, (cnt + 1) * sizeof(*f));
		if (!f)
			return -1;
		f[cnt++] = fr;
		off += fr.len;
	}
	*out = f;
	return cnt;
}

unsigned char *slurp(const char *path, size_t *n)
{
	unsigned char *d = NULL;
	size_t cap = 0, len = 0, r;
	FILE *fp = fopen(path, "rb");

	if (!fp) {
		fprintf(stderr, "%s: %s\n", path, strerror(errno));
		return NULL;
	}
	do {
		if (len == cap) {
			cap = cap ? cap * 2 : 1 << 20;
			d = realloc(d, cap);
			if (!d)
				break;
		}
		r = fread(d + len, 1, cap - len, fp);
		len += r;
	} while (r);
	fclose(fp);
	*n = len;
	return d;
}

static int cmd_hdr(const char *path)
{
	struct frame *f;
	unsigned char *d;
	size_t n;
	int i, cnt;

	d = slurp(path, &n);
	if (!d)
		return 2;
	cnt = walk(d, n, &f);
	if (cnt < 0)
		return 1;
	for (i = 0; i < cnt; i++)
		printf("frame %d w=%u h=%u flags=0x%x i=%d cs=%u xfer=%u ycbcr=%u quant=%u size=%zu\n",
		       i, f[i].w, f[i].h, f[i].flags, !!(f[i].flags & FL_I_FRAME),
		       f[i].cs, f[i].xfer, f[i].ycbcr, f[i].quant, f[i].len);
	free(f);
	free(d);
	return 0;
}

/* ---- buffers -------------------------------------------------------- */

struct queue {
	unsigned int type, count;
	void *map[MAX_BUFS];
	size_t len[MAX_BUFS];
	int queued[MAX_BUFS];
};

static void q_free(int fd, struct queue *q)
{
	struct v4l2_requestbuffers rb = { .type = q->type, .memory = V4L2_MEMORY_MMAP };
	unsigned int i;

	for (i = 0; i < q->count; i++)
		munmap(q->map[i], q->len[i]);
	q->count = 0;
	if (xioctl(fd, VIDIOC_REQBUFS, &rb))
		perror("REQBUFS 0");
}

static int q_alloc(int fd, struct queue *q, unsigned int type, unsigned int count)
{
	struct v4l2_requestbuffers rb = {
		.count = count, .type = type, .memory = V4L2_MEMORY_MMAP,
	};
	unsigned int i;

	memset(q, 0, sizeof(*q));
	q->type = type;
	if (xioctl(fd, VIDIOC_REQBUFS, &rb)) {
		perror("REQBUFS");
		return -1;
	}
	if (rb.count > MAX_BUFS)
		rb.count = MAX_BUFS;
	for (i = 0; i < rb.count; i++) {
		struct v4l2_buffer b = { .index = i, .type = type, .memory = V4L2_MEMORY_MMAP };

		if (xioctl(fd, VIDIOC_QUERYBUF, &b)) {
			perror("QUERYBUF");
			return -1;
		}
		q->len[i] = b.length;
		q->map[i] = mmap(NULL, b.length, PROT_READ | PROT_WRITE, MAP_SHARED,
				 fd, b.m.offset);
		if (q->map[i] == MAP_FAILED) {
			perror("mmap");
			return -1;
		}
		q->count = i + 1;
	}
	return 0;
}

static int q_qbuf(int fd, struct queue *q, unsigned int i, unsigned int used)
{
	struct v4l2_buffer b = {
		.index = i, .type = q->type, .memory = V4L2_MEMORY_MMAP,
		.bytesused = used,
	};

	if (xioctl(fd, VIDIOC_QBUF, &b)) {
		fprintf(stderr, "QBUF type %u index %u: %s\n", q->type, i, strerror(errno));
		return -1;
	}
	q->queued[i] = 1;
	return 0;
}

/* 0 and *b filled, or -errno (-EAGAIN: nothing ready) */
static int q_dqbuf(int fd, struct queue *q, struct v4l2_buffer *b)
{
	memset(b, 0, sizeof(*b));
	b->type = q->type;
	b->memory = V4L2_MEMORY_MMAP;
	if (xioctl(fd, VIDIOC_DQBUF, b))
		return -errno;
	q->queued[b->index] = 0;
	return 0;
}

static int q_free_index(const struct queue *q)
{
	unsigned int i;

	for (i = 0; i < q->count; i++)
		if (!q->queued[i])
			return i;
	return -1;
}

/*
 * Wait for the device.  poll() may also return at once (POLLERR while a
 * queue is idle), so a run as a whole is bounded as well.
 */
static int wait_fd(int fd)
{
	struct pollfd p = { .fd = fd, .events = POLLIN | POLLOUT | POLLPRI };
	static time_t deadline;
	int r;

	if (!deadline)
		deadline = time(NULL) + RUN_TIMEOUT_S;
	r = poll(&p, 1, TIMEOUT_MS);
	if (r == 0 || time(NULL) > deadline) {
		fprintf(stderr, "timeout waiting for the device\n");
		return -1;
	}
	return r > 0 ? 0 : -1;
}

static int subscribe(int fd, unsigned int type)
{
	struct v4l2_event_subscription s = { .type = type };

	return xioctl(fd, VIDIOC_SUBSCRIBE_EVENT, &s);
}

/* Dequeue pending events: counts of EOS and SOURCE_CHANGE */
static void events(int fd, int *eos, int *src_change)
{
	struct v4l2_event ev;

	for (;;) {
		memset(&ev, 0, sizeof(ev));
		if (xioctl(fd, VIDIOC_DQEVENT, &ev))
			return;
		if (ev.type == V4L2_EVENT_EOS)
			(*eos)++;
		else if (ev.type == V4L2_EVENT_SOURCE_CHANGE)
			(*src_change)++;
	}
}

static int stream(int fd, unsigned int type, int on)
{
	if (xioctl(fd, on ? VIDIOC_STREAMON : VIDIOC_STREAMOFF, &type)) {
		perror(on ? "STREAMON" : "STREAMOFF");
		return -1;
	}
	return 0;
}

/* ---- decoder -------------------------------------------------------- */

struct dec {
	int fd;
	struct queue out, cap;
	int cap_on;
	unsigned int fourcc;	/* CAPTURE format to ask for, 0: the decoder's */
	FILE *fo;
	int frames, errors, eos, src_change, lasts;
};

static int dec_cap_setup(struct dec *s)
{
	struct v4l2_format f = { .type = V4L2_BUF_TYPE_VIDEO_CAPTURE };
	unsigned int i;

	if (s->cap_on) {
		if (stream(s->fd, s->cap.type, 0))
			return -1;
		q_free(s->fd, &s->cap);
	}
	if (xioctl(s->fd, VIDIOC_G_FMT, &f))
		return -1;
	if (s->fourcc && f.fmt.pix.pixelformat != s->fourcc) {
		f.fmt.pix.pixelformat = s->fourcc;
		if (xioctl(s->fd, VIDIOC_S_FMT, &f) || f.fmt.pix.pixelformat != s->fourcc) {
			fprintf(stderr, "S_FMT(CAPTURE) %.4s refused\n", (char *)&s->fourcc);
			return -1;
		}
	}
	fprintf(stderr, "CAPTURE %ux%u sizeimage %u\n", f.fmt.pix.width,
		f.fmt.pix.height, f.fmt.pix.sizeimage);
	if (q_alloc(s->fd, &s->cap, V4L2_BUF_TYPE_VIDEO_CAPTURE, 4))
		return -1;
	for (i = 0; i < s->cap.count; i++)
		if (q_qbuf(s->fd, &s->cap, i, 0))
			return -1;
	if (stream(s->fd, s->cap.type, 1))
		return -1;
	s->cap_on = 1;
	return 0;
}

/*
 * Feed frames [*next, end) and run until the CAPTURE buffer flagged LAST
 * that ends the drain started by DECODER_CMD STOP.  Handles SOURCE_CHANGE
 * on the way.  Returns 0, or -1 on an ioctl failure or timeout.
 */
static int dec_run(struct dec *s, const unsigned char *d, const struct frame *f,
		   int *next, int end)
{
	struct v4l2_decoder_cmd stop = { .cmd = V4L2_DEC_CMD_STOP };
	int stop_sent = 0, pending_sc = 0, last = 0;
	struct v4l2_buffer b;
	int i, r;

	for (;;) {
		int sc = 0;

		while (*next < end && (i = q_free_index(&s->out)) >= 0) {
			memcpy(s->out.map[i], d + f[*next].off, f[*next].len);
			if (q_qbuf(s->fd, &s->out, i, f[*next].len))
				return -1;
			(*next)++;
		}
		if (*next == end && !stop_sent && s->cap_on) {
			if (xioctl(s->fd, VIDIOC_DECODER_CMD, &stop)) {
				perror("DECODER_CMD STOP");
				return -1;
			}
			stop_sent = 1;
		}
		if (wait_fd(s->fd))
			return -1;
		events(s->fd, &s->eos, &sc);
		if (sc) {
			s->src_change += sc;
			pending_sc = 1;
		}
		while (!q_dqbuf(s->fd, &s->out, &b))
			;
		while (s->cap_on && !last) {
			r = q_dqbuf(s->fd, &s->cap, &b);
			if (r == -EPIPE) {
				last = 1;
				break;
			}
			if (r)
				break;
			if (b.flags & V4L2_BUF_FLAG_ERROR)
				s->errors++;
			else if (b.bytesused) {
				s->frames++;
				if (fwrite(s->cap.map[b.index], 1, b.bytesused, s->fo) !=
				    b.bytesused)
					return -1;
			}
			if (b.flags & V4L2_BUF_FLAG_LAST) {
				s->lasts++;
				last = 1;
			} else if (q_qbuf(s->fd, &s->cap, b.index, 0)) {
				/*
				 * After a resolution change the old buffers
				 * may be too small for the new format: the
				 * client frees them anyway.
				 */
				sc = 0;
				events(s->fd, &s->eos, &sc);
				s->src_change += sc;
				pending_sc |= sc;
				if (!pending_sc)
					return -1;
				fprintf(stderr, "(after a SOURCE_CHANGE)\n");
			}
		}
		if (last) {
			/* the event that goes with a LAST buffer comes first */
			sc = 0;
			events(s->fd, &s->eos, &sc);
			s->src_change += sc;
			pending_sc |= sc;
		}
		if (pending_sc && (!s->cap_on || last)) {
			/* a LAST buffer before a SOURCE_CHANGE ends the sequence */
			if (dec_cap_setup(s))
				return -1;
			pending_sc = 0;
			last = 0;
			/*
			 * STREAMOFF(CAPTURE) aborts a drain (dev-decoder.rst):
			 * a STOP sent before the change is sent again.
			 */
			stop_sent = 0;
			continue;
		}
		if (last && stop_sent)
			return 0;
		if (last) {
			fprintf(stderr, "LAST buffer without STOP or SOURCE_CHANGE\n");
			return -1;
		}
	}
}

static int cmd_dec(const char *dev, const char *in, const char *outp, int stop_after,
		   const char *fcc)
{
	struct v4l2_format f = { .type = V4L2_BUF_TYPE_VIDEO_OUTPUT };
	struct v4l2_decoder_cmd start = { .cmd = V4L2_DEC_CMD_START };
	struct v4l2_selection sel = {
		.type = V4L2_BUF_TYPE_VIDEO_CAPTURE, .target = V4L2_SEL_TGT_COMPOSE,
	};
	struct dec s;
	struct frame *fr;
	unsigned char *d;
	size_t n, max = 0;
	int i, cnt, next = 0, eos;

	d = slurp(in, &n);
	if (!d)
		return 2;
	cnt = walk(d, n, &fr);
	if (cnt <= 0)
		return 2;
	for (i = 0; i < cnt; i++)
		if (fr[i].len > max)
			max = fr[i].len;
	if (stop_after <= 0 || stop_after >= cnt)
		stop_after = cnt;

	memset(&s, 0, sizeof(s));
	if (fcc && strlen(fcc) == 4)
		s.fourcc = v4l2_fourcc(fcc[0], fcc[1], fcc[2], fcc[3]);
	s.fd = open(dev, O_RDWR | O_NONBLOCK);
	s.fo = fopen(outp, "wb");
	if (s.fd < 0 || !s.fo) {
		fprintf(stderr, "%s/%s: %s\n", dev, outp, strerror(errno));
		return 2;
	}
	f.fmt.pix.pixelformat = V4L2_PIX_FMT_FWHT;
	f.fmt.pix.width = fr[0].w;
	f.fmt.pix.height = fr[0].h;
	f.fmt.pix.sizeimage = max;
	if (xioctl(s.fd, VIDIOC_S_FMT, &f) || f.fmt.pix.sizeimage < max) {
		fprintf(stderr, "S_FMT OUTPUT: sizeimage %u < %zu\n",
			f.fmt.pix.sizeimage, max);
		return 2;
	}
	if (subscribe(s.fd, V4L2_EVENT_SOURCE_CHANGE) || subscribe(s.fd, V4L2_EVENT_EOS) ||
	    q_alloc(s.fd, &s.out, V4L2_BUF_TYPE_VIDEO_OUTPUT, 4) ||
	    stream(s.fd, s.out.type, 1))
		return 2;

	if (stop_after < cnt) {
		if (dec_run(&s, d, fr, &next, stop_after)) {
			ok(0, "decoder: %d frames, then DECODER_CMD STOP drains", stop_after);
			return 1;
		}
		ok(s.frames == stop_after && s.lasts == 1,
		   "decoder: %d of %d frames decoded before the LAST buffer after STOP",
		   s.frames, stop_after);
		/* EOS is queued before the LAST buffer is returned */
		eos = s.eos;
		events(s.fd, &eos, &i);
		ok(eos == 1, "decoder: one EOS event after STOP (%d)", eos);
		s.eos = eos;
		if (xioctl(s.fd, VIDIOC_DECODER_CMD, &start)) {
			perror("DECODER_CMD START");
			ok(0, "decoder: DECODER_CMD START");
			return 1;
		}
		for (i = 0; i < (int)s.cap.count; i++)
			if (!s.cap.queued[i] && q_qbuf(s.fd, &s.cap, i, 0))
				return 1;
	}
	if (dec_run(&s, d, fr, &next, cnt)) {
		ok(0, "decoder: the stream decodes and drains at its end");
		return 1;
	}
	eos = s.eos;
	events(s.fd, &eos, &i);
	ok(s.frames == cnt && s.errors == 0,
	   "decoder: all %d frames decoded (%d, %d errors)", cnt, s.frames, s.errors);
	ok(eos == (stop_after < cnt ? 2 : 1),
	   "decoder: an EOS event for each drain (%d)", eos);

	memset(&f, 0, sizeof(f));
	f.type = V4L2_BUF_TYPE_VIDEO_CAPTURE;
	if (xioctl(s.fd, VIDIOC_G_FMT, &f) || xioctl(s.fd, VIDIOC_G_SELECTION, &sel))
		return 2;
	if (!quiet)
		printf("fmt %u %u %.4s compose %u %u cs=%u xfer=%u ycbcr=%u quant=%u changes=%d\n",
		       f.fmt.pix.width, f.fmt.pix.height, (char *)&f.fmt.pix.pixelformat,
		       sel.r.width, sel.r.height, f.fmt.pix.colorspace,
		       f.fmt.pix.xfer_func, f.fmt.pix.ycbcr_enc,
		       f.fmt.pix.quantization, s.src_change);
	if (fclose(s.fo))
		return 2;
	close(s.fd);
	free(fr);
	free(d);
	return failed;
}

/* ---- encoder drain -------------------------------------------------- */

struct enc {
	int fd;
	struct queue out, cap;
	FILE *fi, *fo;
	unsigned int w, h, frame_size;
	int frames, bad, lasts, eos;
};

/*
 * Queue @count raw frames (count < 0: until IN ends), collect the coded
 * frames, and with @stop drain by ENCODER_CMD STOP until the LAST buffer.
 * Returns the number of frames queued, or -1.
 */
static int enc_run(struct enc *s, int count, int stop)
{
	struct v4l2_encoder_cmd cmd = { .cmd = V4L2_ENC_CMD_STOP };
	int queued = 0, done = 0, stop_sent = 0, eof = 0, sc = 0;
	struct v4l2_buffer b;
	int i, r;

	for (;;) {
		while (!eof && queued != count && (i = q_free_index(&s->out)) >= 0) {
			if (fread(s->out.map[i], 1, s->frame_size, s->fi) != s->frame_size) {
				eof = 1;
				break;
			}
			if (q_qbuf(s->fd, &s->out, i, s->frame_size))
				return -1;
			queued++;
		}
		if ((eof || queued == count) && stop && !stop_sent) {
			if (xioctl(s->fd, VIDIOC_ENCODER_CMD, &cmd)) {
				perror("ENCODER_CMD STOP");
				return -1;
			}
			stop_sent = 1;
		}
		if (!stop && done == queued && (eof || queued == count))
			return queued;
		if (wait_fd(s->fd))
			return -1;
		events(s->fd, &s->eos, &sc);
		while (!q_dqbuf(s->fd, &s->out, &b))
			;
		for (;;) {
			r = q_dqbuf(s->fd, &s->cap, &b);
			if (r == -EPIPE)
				return stop_sent ? queued : -1;
			if (r)
				break;
			if (b.bytesused) {
				const unsigned char *p = s->cap.map[b.index];

				done++;
				s->frames++;
				if (b.bytesused < HDR_SIZE || memcmp(p, magic, 8) ||
				    be32_at(p + 12) != s->w || be32_at(p + 16) != s->h ||
				    HDR_SIZE + be32_at(p + 40) != b.bytesused ||
				    (b.flags & V4L2_BUF_FLAG_ERROR))
					s->bad++;
				if (fwrite(p, 1, b.bytesused, s->fo) != b.bytesused)
					return -1;
			}
			if (b.flags & V4L2_BUF_FLAG_LAST) {
				s->lasts++;
				if (!stop_sent)
					fprintf(stderr, "LAST buffer without STOP\n");
				return stop_sent ? queued : -1;
			}
			if (q_qbuf(s->fd, &s->cap, b.index, 0))
				return -1;
		}
	}
}

static int cmd_enc_drain(const char *dev, unsigned int w, unsigned int h,
			 const char *in, const char *outp, int n)
{
	struct v4l2_format f = { .type = V4L2_BUF_TYPE_VIDEO_OUTPUT };
	struct v4l2_encoder_cmd start = { .cmd = V4L2_ENC_CMD_START };
	struct v4l2_buffer b;
	struct enc s;
	int i, r, q1, q2, f1, eos;

	memset(&s, 0, sizeof(s));
	s.w = w;
	s.h = h;
	s.fd = open(dev, O_RDWR | O_NONBLOCK);
	s.fi = fopen(in, "rb");
	s.fo = fopen(outp, "wb");
	if (s.fd < 0 || !s.fi || !s.fo) {
		fprintf(stderr, "%s/%s/%s: %s\n", dev, in, outp, strerror(errno));
		return 2;
	}
	f.fmt.pix.pixelformat = V4L2_PIX_FMT_YUV420;
	f.fmt.pix.width = w;
	f.fmt.pix.height = h;
	if (xioctl(s.fd, VIDIOC_S_FMT, &f) || f.fmt.pix.width != w ||
	    f.fmt.pix.height != h) {
		fprintf(stderr, "S_FMT OUTPUT %ux%u failed\n", w, h);
		return 2;
	}
	s.frame_size = f.fmt.pix.sizeimage;
	if (subscribe(s.fd, V4L2_EVENT_EOS) ||
	    q_alloc(s.fd, &s.out, V4L2_BUF_TYPE_VIDEO_OUTPUT, 2) ||
	    q_alloc(s.fd, &s.cap, V4L2_BUF_TYPE_VIDEO_CAPTURE, 2))
		return 2;
	for (i = 0; i < (int)s.cap.count; i++)
		if (q_qbuf(s.fd, &s.cap, i, 0))
			return 2;
	if (stream(s.fd, s.out.type, 1) || stream(s.fd, s.cap.type, 1))
		return 2;

	q1 = enc_run(&s, n, 1);
	f1 = s.frames;
	ok(q1 == n && s.lasts == 1,
	   "encoder: ENCODER_CMD STOP after %d frames ends in a LAST buffer", n);
	ok(f1 == n && !s.bad, "encoder: all %d frames came out before it (%d, %d bad)",
	   n, f1, s.bad);
	eos = s.eos;
	events(s.fd, &eos, &i);
	ok(eos == 1, "encoder: one EOS event (%d)", eos);
	r = q_dqbuf(s.fd, &s.cap, &b);
	ok(r == -EPIPE, "encoder: DQBUF(CAPTURE) after the LAST buffer fails with EPIPE (%s)",
	   strerror(-r));
	s.eos = eos;

	if (xioctl(s.fd, VIDIOC_ENCODER_CMD, &start)) {
		perror("ENCODER_CMD START");
		ok(0, "encoder: ENCODER_CMD START");
		return 1;
	}
	for (i = 0; i < (int)s.cap.count; i++)
		if (!s.cap.queued[i] && q_qbuf(s.fd, &s.cap, i, 0))
			return 2;
	q2 = enc_run(&s, -1, 1);
	ok(q2 > 0 && s.frames - f1 == q2 && !s.bad && s.lasts == 2,
	   "encoder: after ENCODER_CMD START %d more frames encode and drain (%d, %d bad)",
	   q2, s.frames - f1, s.bad);
	if (fclose(s.fo))
		return 2;
	fclose(s.fi);
	close(s.fd);
	return failed;
}

/* Encode all of IN; with @cw, crop (S_SELECTION) to @cw x @ch first. */
static int cmd_enc(const char *dev, const char *fcc, unsigned int w, unsigned int h,
		   const char *in, const char *outp, unsigned int cw, unsigned int ch)
{
	struct v4l2_format f = { .type = V4L2_BUF_TYPE_VIDEO_OUTPUT };
	struct v4l2_selection sel = {
		.type = V4L2_BUF_TYPE_VIDEO_OUTPUT, .target = V4L2_SEL_TGT_CROP,
	};
	struct enc s;
	int i, n;

	memset(&s, 0, sizeof(s));
	s.fd = open(dev, O_RDWR | O_NONBLOCK);
	s.fi = fopen(in, "rb");
	s.fo = fopen(outp, "wb");
	if (s.fd < 0 || !s.fi || !s.fo || strlen(fcc) != 4) {
		fprintf(stderr, "%s/%s/%s: %s\n", dev, in, outp, strerror(errno));
		return 2;
	}
	f.fmt.pix.pixelformat = v4l2_fourcc(fcc[0], fcc[1], fcc[2], fcc[3]);
	f.fmt.pix.width = w;
	f.fmt.pix.height = h;
	if (xioctl(s.fd, VIDIOC_S_FMT, &f) || f.fmt.pix.width != w ||
	    f.fmt.pix.height != h) {
		fprintf(stderr, "S_FMT OUTPUT %s %ux%u: got %ux%u\n", fcc, w, h,
			f.fmt.pix.width, f.fmt.pix.height);
		return 2;
	}
	s.frame_size = f.fmt.pix.sizeimage;
	s.w = w;
	s.h = h;
	if (cw) {
		sel.r.width = cw;
		sel.r.height = ch;
		if (xioctl(s.fd, VIDIOC_S_SELECTION, &sel)) {
			perror("S_SELECTION");
			return 2;
		}
		fprintf(stderr, "crop %ux%u@%d,%d\n", sel.r.width, sel.r.height,
			sel.r.left, sel.r.top);
		s.w = cw;
		s.h = ch;
	}
	if (subscribe(s.fd, V4L2_EVENT_EOS) ||
	    q_alloc(s.fd, &s.out, V4L2_BUF_TYPE_VIDEO_OUTPUT, 2) ||
	    q_alloc(s.fd, &s.cap, V4L2_BUF_TYPE_VIDEO_CAPTURE, 2))
		return 2;
	for (i = 0; i < (int)s.cap.count; i++)
		if (q_qbuf(s.fd, &s.cap, i, 0))
			return 2;
	if (stream(s.fd, s.out.type, 1) || stream(s.fd, s.cap.type, 1))
		return 2;
	n = enc_run(&s, -1, 1);
	fprintf(stderr, "encoded %d of %d frames, %d bad headers\n", s.frames, n, s.bad);
	if (fclose(s.fo))
		return 2;
	fclose(s.fi);
	close(s.fd);
	return n <= 0 || s.frames != n || s.bad;
}

static int cmd_enc(const char *dev, const char *fcc, unsigned int w, unsigned int h,
		   const char *in, const char *outp, unsigned int cw, unsigned int ch);
static int cmd_dec(const char *dev, const char *in, const char *outp, int stop_after,
		   const char *fcc);

/*
 * One round trip: IN (I420) converted to FOURCC, encoded on ENC, decoded
 * on DEC.  SRC and OUT get the converted input and the decoded frames,
 * both without the padding byte of X formats.  Prints one "ok"/"not ok"
 * line and "cmp FRAME_BYTES" (the frame size in SRC and OUT).
 */
static int cmd_rt(const char *enc, const char *dec, const char *fcc,
		  unsigned int w, unsigned int h, size_t v4l2_frame,
		  const char *in, const char *srcp, const char *outp)
{
	char raw[256], fwht[256], decp[256];
	size_t frame, n = 0, want = 0;
	unsigned char *d;
	int pad, r, frames = 0;
	const char *why = "";

	snprintf(raw, sizeof(raw), "%s.raw", outp);
	snprintf(fwht, sizeof(fwht), "%s.fwht", outp);
	snprintf(decp, sizeof(decp), "%s.dec", outp);
	quiet = 1;
	if (convert(fcc, w, h, in, raw, &frame, &pad)) {
		why = " (no conversion into it)";
	} else if (cmd_enc(enc, fcc, w, h, raw, fwht, 0, 0)) {
		why = " (encoding failed)";
	} else if (cmd_dec(dec, fwht, decp, 0, fcc)) {
		why = " (decoding failed)";
	} else {
		d = slurp(raw, &want);
		free(d);
		d = slurp(decp, &n);
		if (!d)
			return 2;
		frames = frame ? n / frame : 0;
		if (n != want || frame != v4l2_frame)
			why = " (wrong size)";
		free(d);
	}
	quiet = 0;
	ok(!*why, "%s: %d frame(s) of %ux%u encoded and decoded, %zu of %zu bytes (V4L2 frame size %zu)%s",
	   fcc, frames, w, h, *why ? (size_t)0 : n, want, v4l2_frame, why);
	if (*why) {
		printf("cmp 0\n");
		return 1;
	}
	r = pad < 0 ? 0 : 1;
	if (r) {
		if (cmd_strip(raw, srcp, 4, pad) || cmd_strip(decp, outp, 4, pad))
			return 2;
		frame = frame / 4 * 3;
	} else if (rename(raw, srcp) || rename(decp, outp)) {
		return 2;
	}
	printf("cmp %zu%s\n", frame, r ? " (padding byte left out)" : "");
	unlink(raw);
	unlink(decp);
	unlink(fwht);
	return 0;
}

int main(int argc, char **argv)
{
	if (argc == 3 && !strcmp(argv[1], "hdr"))
		return cmd_hdr(argv[2]);
	if (argc >= 5 && argc <= 7 && !strcmp(argv[1], "dec"))
		return cmd_dec(argv[2], argv[3], argv[4], argc >= 6 ? atoi(argv[5]) : 0,
			       argc == 7 ? argv[6] : NULL);
	if (argc == 8 && !strcmp(argv[1], "enc-drain"))
		return cmd_enc_drain(argv[2], strtoul(argv[3], NULL, 0),
				     strtoul(argv[4], NULL, 0), argv[5], argv[6],
				     atoi(argv[7]));
	if ((argc == 8 || argc == 10) && !strcmp(argv[1], "enc"))
		return cmd_enc(argv[2], argv[3], strtoul(argv[4], NULL, 0),
			       strtoul(argv[5], NULL, 0), argv[6], argv[7],
			       argc == 10 ? strtoul(argv[8], NULL, 0) : 0,
			       argc == 10 ? strtoul(argv[9], NULL, 0) : 0);
	if (argc == 11 && !strcmp(argv[1], "rt"))
		return cmd_rt(argv[2], argv[3], argv[4], strtoul(argv[5], NULL, 0),
			      strtoul(argv[6], NULL, 0), strtoul(argv[7], NULL, 0),
			      argv[8], argv[9], argv[10]);
	if (argc == 7 && !strcmp(argv[1], "convert"))
		return cmd_convert(argv[2], strtoul(argv[3], NULL, 0),
				   strtoul(argv[4], NULL, 0), argv[5], argv[6]);
	if (argc == 6 && !strcmp(argv[1], "strip"))
		return cmd_strip(argv[2], argv[3], strtoul(argv[4], NULL, 0),
				 strtoul(argv[5], NULL, 0));
	fprintf(stderr, "usage: cmacodec-stateful hdr FILE | dec DEV IN OUT [STOP_AFTER [FOURCC]] |\n"
		"       enc DEV FOURCC W H IN OUT [CROP_W CROP_H] |\n"
		"       enc-drain DEV W H IN OUT N | strip IN OUT STEP OFF |\n"
		"       convert FOURCC W H IN OUT | rt ENC DEC FOURCC W H FRAME IN SRC OUT\n");
	return 2;
}
