// SPDX-License-Identifier: GPL-2.0-only
/*
 * cmacodec-lifecycle: the user side of the device going away under open
 * file handles.  Each mode sets up, prints "# ready", waits until its
 * standard input is closed (the shell test unbinds the device or runs rmmod
 * meanwhile), then checks what a client sees.  Results are TAP-style
 * "ok"/"not ok" lines without numbers; exit 1 if any check failed.
 *
 *   cmacodec-lifecycle hold ENC DEC
 *	Both nodes open with MMAP buffers, one of them mapped.  After the
 *	unbind: ioctls fail with ENODEV, poll reports POLLERR, a new mmap
 *	fails, the old mapping stays usable, munmap and close succeed.
 *	(3 checks per node)
 *   cmacodec-lifecycle stream ENC
 *	Encodes frames in a loop (poll + DQBUF + QBUF) from before "# ready"
 *	until the device disappears: the loop ends with ENODEV (or POLLERR
 *	followed by ENODEV), not a hang, then STREAMOFF and close.  (2 checks)
 *   cmacodec-lifecycle expbuf ENC
 *	Exports a CAPTURE buffer with EXPBUF, closes the video node and holds
 *	only the DMABUF (mapped).  After stdin closes the mapping still reads
 *	back what was written, then munmap and close.  (2 checks)
 */
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

#define LC_W 320
#define LC_H 240
#define LC_NBUF 2

/** struct lc_node - one open node with its MMAP buffers */
struct lc_node {
	const char *path;
	int fd;
	unsigned int out_size;
	unsigned int cap_size;
	void *out_map[LC_NBUF];
	void *cap_map[LC_NBUF];
};

static int failed;

static void result(int ok, const char *fmt, const char *arg)
{
	printf("%s - ", ok ? "ok" : "not ok");
	printf(fmt, arg);
	printf("\n");
	fflush(stdout);
	if (!ok)
		failed = 1;
}

static void ready(void)
{
	char c;

	printf("# ready\n");
	fflush(stdout);
	while (read(0, &c, 1) > 0)
		;
}

static int lc_reqbufs(struct lc_node *n, unsigned int type, unsigned int count)
{
	struct v4l2_requestbuffers rb = {
		.count = count, .type = type, .memory = V4L2_MEMORY_MMAP,
	};

	if (xioctl(n->fd, VIDIOC_REQBUFS, &rb)) {
		fprintf(stderr, "%s: REQBUFS(%u): %s\n", n->path, count,
			strerror(errno));
		return -1;
	}
	if (count && rb.count < count) {
		fprintf(stderr, "%s: REQBUFS gave %u of %u\n", n->path,
			rb.count, count);
		return -1;
	}
	return 0;
}

/* mmap buffer @index of queue @type; MAP_FAILED (errno set) on failure */
static void *lc_map(struct lc_node *n, unsigned int type, unsigned int index)
{
	struct v4l2_buffer b = { .index = index, .type = type,
				 .memory = V4L2_MEMORY_MMAP };

	if (xioctl(n->fd, VIDIOC_QUERYBUF, &b))
		return MAP_FAILED;
	return mmap(NULL, b.length, PROT_READ | PROT_WRITE, MAP_SHARED, n->fd,
		    b.m.offset);
}

/* open @path, set the raw format of the node's raw side, request buffers */
static int lc_setup(struct lc_node *n, const char *path, int map_all)
{
	struct v4l2_format f = { .type = V4L2_BUF_TYPE_VIDEO_OUTPUT };
	struct v4l2_capability cap;
	unsigned int i;
	int enc;

	memset(n, 0, sizeof(*n));
	n->path = path;
	n->fd = open(path, O_RDWR | O_NONBLOCK);
	if (n->fd < 0) {
		fprintf(stderr, "cannot open %s: %s\n", path, strerror(errno));
		return -1;
	}
	if (xioctl(n->fd, VIDIOC_QUERYCAP, &cap))
		return -1;
	enc = strstr((char *)cap.card, "-enc") != NULL;
	if (!enc)
		f.type = V4L2_BUF_TYPE_VIDEO_CAPTURE;
	if (xioctl(n->fd, VIDIOC_G_FMT, &f))
		return -1;
	f.fmt.pix.width = LC_W;
	f.fmt.pix.height = LC_H;
	f.fmt.pix.pixelformat = V4L2_PIX_FMT_YUV420;
	if (xioctl(n->fd, VIDIOC_S_FMT, &f)) {
		fprintf(stderr, "%s: S_FMT: %s\n", path, strerror(errno));
		return -1;
	}
	if (lc_reqbufs(n, V4L2_BUF_TYPE_VIDEO_OUTPUT, LC_NBUF) ||
	    lc_reqbufs(n, V4L2_BUF_TYPE_VIDEO_CAPTURE, LC_NBUF))
		return -1;
	for (i = 0; i < (map_all ? LC_NBUF : 1); i++) {
		struct v4l2_buffer b = { .index = i, .memory = V4L2_MEMORY_MMAP };

		b.type = V4L2_BUF_TYPE_VIDEO_OUTPUT;
		if (xioctl(n->fd, VIDIOC_QUERYBUF, &b))
			return -1;
		n->out_size = b.length;
		n->out_map[i] = lc_map(n, b.type, i);
		b.type = V4L2_BUF_TYPE_VIDEO_CAPTURE;
		if (xioctl(n->fd, VIDIOC_QUERYBUF, &b))
			return -1;
		n->cap_size = b.length;
		n->cap_map[i] = lc_map(n, b.type, i);
		if (n->out_map[i] == MAP_FAILED || n->cap_map[i] == MAP_FAILED) {
			fprintf(stderr, "%s: mmap: %s\n", path, strerror(errno));
			return -1;
		}
		memset(n->out_map[i], 0x80, n->out_size);
	}
	return 0;
}

static int lc_after_unbind(struct lc_node *n)
{
	struct v4l2_requestbuffers rb = { .count = 1,
					  .type = V4L2_BUF_TYPE_VIDEO_OUTPUT,
					  .memory = V4L2_MEMORY_MMAP };
	struct v4l2_capability cap;
	struct pollfd p = { .fd = n->fd, .events = POLLIN | POLLOUT };
	volatile unsigned char *m = n->out_map[0];
	int e1, e2, ok;
	void *again;

	e1 = xioctl(n->fd, VIDIOC_QUERYCAP, &cap) ? errno : 0;
	e2 = xioctl(n->fd, VIDIOC_REQBUFS, &rb) ? errno : 0;
	fprintf(stderr, "%s after unbind: QUERYCAP %s, REQBUFS %s\n", n->path,
		strerror(e1), strerror(e2));
	result(e1 == ENODEV && e2 == ENODEV,
	       "%s: ioctls after unbind fail with ENODEV", n->path);

	ok = poll(&p, 1, 1000) == 1 && (p.revents & POLLERR);
	again = lc_map(n, V4L2_BUF_TYPE_VIDEO_OUTPUT, 1);
	ok = ok && again == MAP_FAILED;
	if (again != MAP_FAILED)
		munmap(again, n->out_size);
	fprintf(stderr, "%s: poll revents %#x, new mmap %s\n", n->path,
		p.revents, again == MAP_FAILED ? strerror(errno) : "succeeded");
	result(ok, "%s: poll gives POLLERR and a new mmap fails", n->path);

	ok = m[0] == 0x80 && m[n->out_size - 1] == 0x80;
	m[0] = 1;
	ok = ok && munmap(n->out_map[0], n->out_size) == 0 &&
	     munmap(n->cap_map[0], n->cap_size) == 0 && close(n->fd) == 0;
	result(ok, "%s: the old mapping is intact, munmap and close succeed",
	       n->path);
	return 0;
}

static int mode_hold(const char *enc, const char *dec)
{
	struct lc_node n[2];

	if (lc_setup(&n[0], enc, 0) || lc_setup(&n[1], dec, 0)) {
		result(0, "%s", "both nodes set up");
		return 1;
	}
	ready();
	lc_after_unbind(&n[0]);
	lc_after_unbind(&n[1]);
	return failed;
}

static int lc_qbuf(struct lc_node *n, unsigned int type, unsigned int index)
{
	struct v4l2_buffer b = { .index = index, .type = type,
				 .memory = V4L2_MEMORY_MMAP };

	if (type == V4L2_BUF_TYPE_VIDEO_OUTPUT)
		b.bytesused = n->out_size;
	return xioctl(n->fd, VIDIOC_QBUF, &b) ? -errno : 0;
}

/* one DQBUF of @type: the index, or -errno */
static int lc_dqbuf(struct lc_node *n, unsigned int type)
{
	struct v4l2_buffer b = { .type = type, .memory = V4L2_MEMORY_MMAP };

	return xioctl(n->fd, VIDIOC_DQBUF, &b) ? -errno : (int)b.index;
}

/*
 * Stream until an ioctl fails; returns -errno of the failure, or 0 if
 * 60 s passed without one (a hang).
 */
static int lc_stream_loop(struct lc_node *n, unsigned long *frames)
{
	time_t end = time(NULL) + 60;
	int r;

	while (time(NULL) < end) {
		struct pollfd p = { .fd = n->fd, .events = POLLIN };

		r = poll(&p, 1, 5000);
		if (r < 0)
			return -errno;
		if (r == 0)
			return 0;
		if (p.revents & POLLERR)
			fprintf(stderr, "poll: POLLERR after %lu frames\n",
				*frames);
		r = lc_dqbuf(n, V4L2_BUF_TYPE_VIDEO_CAPTURE);
		if (r == -EAGAIN)
			continue;
		if (r < 0)
			return r;
		r = lc_qbuf(n, V4L2_BUF_TYPE_VIDEO_CAPTURE, r);
		if (r < 0)
			return r;
		r = lc_dqbuf(n, V4L2_BUF_TYPE_VIDEO_OUTPUT);
		if (r >= 0)
			r = lc_qbuf(n, V4L2_BUF_TYPE_VIDEO_OUTPUT, r);
		if (r < 0 && r != -EAGAIN)
			return r;
		if (++*frames == 3) {
			printf("# ready\n");
			fflush(stdout);
		}
	}
	return 0;
}

static int mode_stream(const char *enc)
{
	unsigned int type = V4L2_BUF_TYPE_VIDEO_OUTPUT;
	unsigned long frames = 0;
	struct lc_node n;
	unsigned int i;
	int r, ok = 1;

	if (lc_setup(&n, enc, 1)) {
		result(0, "%s", "encoder set up");
		return 1;
	}
	for (i = 0; i < LC_NBUF; i++)
		if (lc_qbuf(&n, V4L2_BUF_TYPE_VIDEO_OUTPUT, i) ||
		    lc_qbuf(&n, V4L2_BUF_TYPE_VIDEO_CAPTURE, i))
			ok = 0;
	if (!ok || xioctl(n.fd, VIDIOC_STREAMON, &type))
		ok = 0;
	type = V4L2_BUF_TYPE_VIDEO_CAPTURE;
	if (!ok || xioctl(n.fd, VIDIOC_STREAMON, &type)) {
		fprintf(stderr, "%s: QBUF/STREAMON: %s\n", enc, strerror(errno));
		result(0, "%s", "streaming started");
		return 1;
	}
	r = lc_stream_loop(&n, &frames);
	fprintf(stderr, "streaming ended after %lu frames: %s\n", frames,
		r ? strerror(-r) : "no error for 60 s");
	result(r == -ENODEV && frames >= 3,
	       "%s: streaming ends with ENODEV when the device goes away", enc);
	r = xioctl(n.fd, VIDIOC_STREAMOFF, &type) ? errno : 0;
	fprintf(stderr, "STREAMOFF after unbind: %s\n", strerror(r));
	ok = r == ENODEV;
	for (i = 0; i < LC_NBUF; i++)
		ok = ok && munmap(n.out_map[i], n.out_size) == 0 &&
		     munmap(n.cap_map[i], n.cap_size) == 0;
	ok = ok && close(n.fd) == 0;
	result(ok, "%s: STREAMOFF fails with ENODEV, munmap and close succeed",
	       enc);
	return failed;
}

static int mode_expbuf(const char *enc)
{
	struct v4l2_exportbuffer eb = { .type = V4L2_BUF_TYPE_VIDEO_CAPTURE,
					.index = 0, .flags = O_RDWR };
	volatile unsigned char *m;
	struct lc_node n;
	size_t len;
	int ok;

	if (lc_setup(&n, enc, 0) || xioctl(n.fd, VIDIOC_EXPBUF, &eb)) {
		fprintf(stderr, "%s: EXPBUF: %s\n", enc, strerror(errno));
		result(0, "%s", "a CAPTURE buffer exported");
		return 1;
	}
	len = n.cap_size;
	munmap(n.out_map[0], n.out_size);
	munmap(n.cap_map[0], n.cap_size);
	close(n.fd);
	m = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_SHARED, eb.fd, 0);
	if (m == MAP_FAILED) {
		fprintf(stderr, "mmap of the DMABUF: %s\n", strerror(errno));
		result(0, "%s", "the exported DMABUF can be mapped");
		return 1;
	}
	m[0] = 0x5a;
	m[len - 1] = 0xa5;
	result(1, "%s", "a CAPTURE buffer exported and mapped, the node closed");
	ready();
	ok = m[0] == 0x5a && m[len - 1] == 0xa5;
	ok = ok && munmap((void *)m, len) == 0 && close(eb.fd) == 0;
	result(ok, "%s", "the held DMABUF reads back, munmap and close succeed");
	return failed;
}

int main(int argc, char **argv)
{
	if (argc == 4 && !strcmp(argv[1], "hold"))
		return mode_hold(argv[2], argv[3]);
	if (argc == 3 && !strcmp(argv[1], "stream"))
		return mode_stream(argv[2]);
	if (argc == 3 && !strcmp(argv[1], "expbuf"))
		return mode_expbuf(argv[2]);
	fprintf(stderr,
		"usage: cmacodec-lifecycle hold ENC DEC | stream ENC | expbuf ENC\n");
	return 2;
}
