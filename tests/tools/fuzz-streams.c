// SPDX-License-Identifier: GPL-2.0-only
/*
 * cmacodec-ioctl-fuzz streams: random and mutated FWHT streams through the
 * decoder.  A valid stream comes from the encoder; each round mutates a
 * copy and decodes it in a fresh handle, following SOURCE_CHANGE like a
 * real client, for a bounded time.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <time.h>
#include <unistd.h>

#include "toolutil.h"
#include "fuzzutil.h"

#define FS_W 176
#define FS_H 144
#define FS_FRAMES 4
#define FS_NBUF 2

/** struct fs_q - the MMAP buffers of one queue */
struct fs_q {
	uint32_t type;
	unsigned int count;
	void *map[FS_NBUF];
	size_t len[FS_NBUF];
};

/** struct fs_ctx - one session on a node */
struct fs_ctx {
	struct fz_stats *st;
	int fd;
	struct fs_q out, cap;
	/* outcome counters of all rounds */
	unsigned long frames, errors, last, changes, stuck;
};

static void fs_unmap(struct fs_q *q)
{
	unsigned int i;

	for (i = 0; i < q->count; i++)
		if (q->map[i] != MAP_FAILED)
			munmap(q->map[i], q->len[i]);
	q->count = 0;
}

/* REQBUFS + mmap of up to FS_NBUF buffers; 0 or -1 */
static int fs_alloc(struct fs_ctx *c, struct fs_q *q)
{
	struct v4l2_requestbuffers rb = { .count = FS_NBUF, .type = q->type,
					  .memory = V4L2_MEMORY_MMAP };
	unsigned int i;

	fs_unmap(q);
	if (fz_ioctl(c->st, c->fd, VIDIOC_REQBUFS, &rb) || !rb.count)
		return -1;
	q->count = rb.count < FS_NBUF ? rb.count : FS_NBUF;
	for (i = 0; i < q->count; i++) {
		struct v4l2_buffer b = { .type = q->type, .index = i,
					 .memory = V4L2_MEMORY_MMAP };

		q->map[i] = MAP_FAILED;
		if (fz_ioctl(c->st, c->fd, VIDIOC_QUERYBUF, &b))
			return -1;
		q->len[i] = b.length;
		q->map[i] = mmap(NULL, b.length, PROT_READ | PROT_WRITE,
				 MAP_SHARED, c->fd, b.m.offset);
		if (q->map[i] == MAP_FAILED)
			return -1;
	}
	return 0;
}

static int fs_qbuf(struct fs_ctx *c, struct fs_q *q, unsigned int i,
		   unsigned int bytes)
{
	struct v4l2_buffer b = { .type = q->type, .index = i,
				 .memory = V4L2_MEMORY_MMAP,
				 .bytesused = bytes };

	return fz_ioctl(c->st, c->fd, VIDIOC_QBUF, &b);
}

static int fs_dqbuf(struct fs_ctx *c, struct fs_q *q, struct v4l2_buffer *b)
{
	memset(b, 0, sizeof(*b));
	b->type = q->type;
	b->memory = V4L2_MEMORY_MMAP;
	return fz_ioctl(c->st, c->fd, VIDIOC_DQBUF, b);
}

static int fs_stream(struct fs_ctx *c, struct fs_q *q, int on)
{
	return fz_ioctl(c->st, c->fd, on ? VIDIOC_STREAMON : VIDIOC_STREAMOFF,
			&q->type);
}

static int fs_set_fmt(struct fs_ctx *c, uint32_t type, uint32_t fourcc)
{
	struct v4l2_format f = { .type = type };

	if (fz_ioctl(c->st, c->fd, VIDIOC_G_FMT, &f))
		return -1;
	f.fmt.pix.width = FS_W;
	f.fmt.pix.height = FS_H;
	f.fmt.pix.pixelformat = fourcc;
	return fz_ioctl(c->st, c->fd, VIDIOC_S_FMT, &f);
}

static int fs_open(struct fs_ctx *c, const char *node)
{
	c->fd = open(node, O_RDWR | O_NONBLOCK);
	if (c->fd < 0) {
		fprintf(stderr, "open %s: %s\n", node, strerror(errno));
		return -1;
	}
	c->out.type = V4L2_BUF_TYPE_VIDEO_OUTPUT;
	c->cap.type = V4L2_BUF_TYPE_VIDEO_CAPTURE;
	c->out.count = c->cap.count = 0;
	return 0;
}

static void fs_close(struct fs_ctx *c)
{
	fs_unmap(&c->out);
	fs_unmap(&c->cap);
	close(c->fd);
}

/* wait up to @ms for the handle; the poll revents, 0 on timeout */
static int fs_wait(struct fs_ctx *c, int ms)
{
	struct pollfd p = { .fd = c->fd, .events = POLLIN | POLLOUT | POLLPRI };

	return poll(&p, 1, ms) > 0 ? p.revents : 0;
}

/* encode FS_FRAMES frames of a moving pattern; the stream's length or -1 */
static long fs_encode(struct fs_ctx *c, const char *enc, unsigned char *out,
		      size_t cap)
{
	struct v4l2_buffer b;
	unsigned int i, f, sent = 0, got = 0;
	size_t len = 0;
	time_t end = time(NULL) + 60;

	if (fs_open(c, enc) ||
	    fs_set_fmt(c, V4L2_BUF_TYPE_VIDEO_OUTPUT, V4L2_PIX_FMT_YUV420) ||
	    fs_alloc(c, &c->out) || fs_alloc(c, &c->cap))
		goto fail;
	for (i = 0; i < c->cap.count; i++)
		fs_qbuf(c, &c->cap, i, 0);
	for (i = 0; i < c->out.count && sent < FS_FRAMES; i++, sent++) {
		for (f = 0; f < c->out.len[i]; f++)
			((unsigned char *)c->out.map[i])[f] = (f * 7 + sent * 29) >> 2;
		fs_qbuf(c, &c->out, i, c->out.len[i]);
	}
	if (fs_stream(c, &c->out, 1) || fs_stream(c, &c->cap, 1))
		goto fail;
	while (got < FS_FRAMES && time(NULL) < end) {
		fs_wait(c, 1000);
		if (fs_dqbuf(c, &c->cap, &b) == 0) {
			if (len + b.bytesused <= cap) {
				memcpy(out + len, c->cap.map[b.index], b.bytesused);
				len += b.bytesused;
			}
			got++;
			fs_qbuf(c, &c->cap, b.index, 0);
		}
		if (fs_dqbuf(c, &c->out, &b) == 0 && sent < FS_FRAMES) {
			fs_qbuf(c, &c->out, b.index, c->out.len[b.index]);
			sent++;
		}
	}
	fs_close(c);
	fprintf(stderr, "encoded %u frames: %zu bytes\n", got, len);
	return got == FS_FRAMES ? (long)len : -1;
fail:
	fprintf(stderr, "encoding the seed stream failed: %s\n", strerror(errno));
	fs_close(c);
	return -1;
}

/* one of six ways to spoil @s (@len bytes, room for @cap); the new length */
static size_t fs_mutate(uint64_t *r, unsigned char *s, size_t len, size_t cap,
			unsigned int kind)
{
	static const uint32_t edge[] = { 0, 1, 0xffffffff, 0x7fffffff,
					 0x10000, 176, 4097, 0x80000000 };
	size_t i, n, at;
	uint32_t v;

	switch (kind) {
	case 0:	/* bit flips anywhere */
		for (n = 1 + fz_below(r, 20); n; n--) {
			at = fz_below(r, len);
			s[at] ^= 1u << fz_below(r, 8);
		}
		return len;
	case 1:	/* a header word of a frame (after its 8-byte magic) */
		for (i = 0, n = 0; i + 12 <= len; i++)
			if (!memcmp(s + i, "OOOO\xff\xff\xff\xff", 8) &&
			    fz_below(r, 2) == 0) {
				at = i + 8 + 4 * fz_below(r, 10);
				v = fz_below(r, 2) ? edge[fz_below(r, 8)] :
				    fz_rand(r);
				v = __builtin_bswap32(v);
				if (at + 4 <= len)
					memcpy(s + at, &v, 4);
				n++;
			}
		return len;
	case 2:	/* truncated */
		return fz_below(r, len);
	case 3:	/* random bytes, sometimes behind a magic */
		n = 1 + fz_below(r, cap < 16384 ? cap : 16384);
		for (i = 0; i < n; i++)
			s[i] = fz_rand(r);
		if (fz_below(r, 2) && n >= 8)
			memcpy(s, "OOOO\xff\xff\xff\xff", 8);
		return n;
	case 4:	/* a chunk repeated over a later part */
		at = fz_below(r, len);
		n = fz_below(r, len - at);
		i = fz_below(r, len - n + 1);
		memmove(s + i, s + at, n);
		return len;
	default:	/* intact: the decoder must still work between the rest */
		return len;
	}
}

/* follow a SOURCE_CHANGE: restart CAPTURE with the format it announces */
static void fs_restart_capture(struct fs_ctx *c)
{
	struct v4l2_format f = { .type = V4L2_BUF_TYPE_VIDEO_CAPTURE };
	unsigned int i;

	c->changes++;
	fs_stream(c, &c->cap, 0);
	fs_unmap(&c->cap);
	fz_ioctl(c->st, c->fd, VIDIOC_G_FMT, &f);
	if (fs_alloc(c, &c->cap))
		return;
	for (i = 0; i < c->cap.count; i++)
		fs_qbuf(c, &c->cap, i, 0);
	fs_stream(c, &c->cap, 1);
}

static void fs_events(struct fs_ctx *c, unsigned int *restarts)
{
	struct v4l2_event ev;

	while (fz_ioctl(c->st, c->fd, VIDIOC_DQEVENT, &ev) == 0)
		if (ev.type == V4L2_EVENT_SOURCE_CHANGE && (*restarts)++ < 3)
			fs_restart_capture(c);
}

/*
 * Decode @len bytes of @s in chunks of random size, then drain (STOP) and
 * wait for the LAST buffer, or, with @early_close, close right after
 * feeding.  Bounded: ends after 3 quiet periods of 300 ms in a row.
 */
static void fs_decode(struct fs_ctx *c, const char *dec, uint64_t *r,
		      const unsigned char *s, size_t len, int early_close)
{
	struct v4l2_event_subscription es = { .type = V4L2_EVENT_SOURCE_CHANGE };
	unsigned int i, restarts = 0, idle = 0;
	struct v4l2_buffer b;
	size_t pos = 0;
	int stopped = 0, last = 0;

	if (fs_open(c, dec))
		return;
	fz_ioctl(c->st, c->fd, VIDIOC_SUBSCRIBE_EVENT, &es);
	es.type = V4L2_EVENT_EOS;
	fz_ioctl(c->st, c->fd, VIDIOC_SUBSCRIBE_EVENT, &es);
	if (fs_set_fmt(c, V4L2_BUF_TYPE_VIDEO_OUTPUT, V4L2_PIX_FMT_FWHT) ||
	    fs_set_fmt(c, V4L2_BUF_TYPE_VIDEO_CAPTURE, V4L2_PIX_FMT_YUV420) ||
	    fs_alloc(c, &c->out) || fs_alloc(c, &c->cap))
		goto out;
	for (i = 0; i < c->cap.count; i++)
		fs_qbuf(c, &c->cap, i, 0);
	fs_stream(c, &c->out, 1);
	fs_stream(c, &c->cap, 1);
	/* every OUTPUT buffer starts out free: index i, then as dequeued */
	for (i = 0; !last && idle < 3 && i < 200; i++) {
		int free_idx = -1, progress = 0;

		if (i < c->out.count)
			free_idx = i;
		else if (fs_dqbuf(c, &c->out, &b) == 0)
			free_idx = b.index;
		if (free_idx >= 0 && pos < len) {
			size_t n = 1 + fz_below(r, c->out.len[free_idx]);

			n = n < len - pos ? n : len - pos;
			memcpy(c->out.map[free_idx], s + pos, n);
			fs_qbuf(c, &c->out, free_idx, n);
			pos += n;
			progress = 1;
		} else if (pos >= len && !stopped) {
			struct v4l2_decoder_cmd dc = { .cmd = V4L2_DEC_CMD_STOP };

			if (early_close)
				break;
			fz_ioctl(c->st, c->fd, VIDIOC_DECODER_CMD, &dc);
			stopped = 1;
		}
		if (!progress && !fs_wait(c, 300))
			idle++;
		fs_events(c, &restarts);
		while (fs_dqbuf(c, &c->cap, &b) == 0) {
			c->frames += b.bytesused &&
				     !(b.flags & V4L2_BUF_FLAG_ERROR);
			c->errors += !!(b.flags & V4L2_BUF_FLAG_ERROR);
			if (b.flags & V4L2_BUF_FLAG_LAST) {
				c->last++;
				last = stopped;
			} else {
				fs_qbuf(c, &c->cap, b.index, 0);
			}
			idle = 0;
		}
	}
	c->stuck += !last && !early_close;
out:
	/* closed while streaming, with whatever is still queued */
	fs_close(c);
}

int fz_streams(uint64_t seed, unsigned long count, const char *enc,
	       const char *dec)
{
	struct fs_ctx c = { .st = fz_stats_new() };
	size_t cap = 1 << 20;
	unsigned char *valid = malloc(cap), *s = malloc(cap);
	uint64_t r = seed * 0x9e3779b97f4a7c15ull + 101;
	unsigned long k, intact = 0, intact_ok = 0;
	long len;

	if (!valid || !s)
		return 1;
	len = fs_encode(&c, enc, valid, cap);
	if (len <= 0) {
		printf("not ok - an FWHT stream from the encoder to mutate\n");
		return 1;
	}
	for (k = 0; k < count; k++) {
		unsigned long frames = c.frames, errors = c.errors;
		size_t n;

		memcpy(s, valid, len);
		n = fs_mutate(&r, s, len, cap, k % 6);
		fs_decode(&c, dec, &r, s, n,
			  k % 6 != 5 && fz_below(&r, 4) == 0);
		if (k % 6 == 5) {
			intact++;
			intact_ok += c.frames - frames == FS_FRAMES &&
				     c.errors == errors;
		}
	}
	fz_stats_print(c.st);
	printf("# decoded %lu frames, %lu with ERROR, %lu LAST, %lu source changes, %lu drains without LAST\n",
	       c.frames, c.errors, c.last, c.changes, c.stuck);
	printf("ok - %lu random and mutated streams of a %ld-byte seed stream decoded (seed %llu)\n",
	       count, len, (unsigned long long)seed);
	printf("%s - the %lu intact streams among them decode to %d frames without ERROR (%lu did)\n",
	       intact_ok == intact ? "ok" : "not ok", intact, FS_FRAMES,
	       intact_ok);
	free(valid);
	free(s);
	return intact_ok != intact;
}
