// SPDX-License-Identifier: GPL-2.0-only
/*
 * cmacodec-edge: bad-input checks on a cmacodec encoder node that v4l2-ctl
 * cannot express.  Prints TAP-style "ok"/"not ok" lines without numbers
 * (the calling shell test numbers them) and exits 1 if any check failed.
 *
 *   cmacodec-edge small-dmabuf /dev/videoN [HEAP]
 *	An imported DMABUF smaller than the OUTPUT format's sizeimage is
 *	refused at QBUF with EINVAL; one of the right size is then accepted.
 *   cmacodec-edge exhaust /dev/videoN
 *	4096x2160 OUTPUT buffers until CMA runs out: REQBUFS gives fewer
 *	than asked for (or ENOMEM), CREATE_BUFS of one more fails with ENOMEM,
 *	REQBUFS(0) frees everything.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>
#include <linux/dma-heap.h>
#include <linux/videodev2.h>

#include "toolutil.h"

struct edge {
	int fd;
	int failed;
	struct v4l2_format fmt;
};

static void result(struct edge *e, int ok, const char *what)
{
	printf("%s - %s\n", ok ? "ok" : "not ok", what);
	if (!ok)
		e->failed = 1;
}

static int set_output_format(struct edge *e, unsigned int w, unsigned int h)
{
	memset(&e->fmt, 0, sizeof(e->fmt));
	e->fmt.type = V4L2_BUF_TYPE_VIDEO_OUTPUT;
	e->fmt.fmt.pix.width = w;
	e->fmt.fmt.pix.height = h;
	e->fmt.fmt.pix.pixelformat = V4L2_PIX_FMT_YUV420;
	if (xioctl(e->fd, VIDIOC_S_FMT, &e->fmt)) {
		fprintf(stderr, "S_FMT(OUTPUT %ux%u) failed: %s\n", w, h,
			strerror(errno));
		return -1;
	}
	fprintf(stderr, "OUTPUT %ux%u sizeimage %u\n", e->fmt.fmt.pix.width,
		e->fmt.fmt.pix.height, e->fmt.fmt.pix.sizeimage);
	return 0;
}

static int reqbufs(int fd, unsigned int memory, unsigned int count)
{
	struct v4l2_requestbuffers rb = {
		.count = count,
		.type = V4L2_BUF_TYPE_VIDEO_OUTPUT,
		.memory = memory,
	};

	if (xioctl(fd, VIDIOC_REQBUFS, &rb))
		return -errno;
	return rb.count;
}

static int small_dmabuf(struct edge *e, const char *heap)
{
	unsigned int need;
	char what[160];
	int small, good, r;

	if (set_output_format(e, 640, 480) || reqbufs(e->fd, V4L2_MEMORY_DMABUF, 1) < 1) {
		result(e, 0, "DMABUF OUTPUT queue set up");
		return 1;
	}
	need = e->fmt.fmt.pix.sizeimage;
	small = heap_alloc(heap, 4096);
	good = heap_alloc(heap, need);
	if (small < 0 || good < 0) {
		result(e, 0, "dma-heap buffers allocated");
		return 1;
	}
	r = qbuf_dmabuf(e->fd, 0, small, need);
	snprintf(what, sizeof(what),
		 "QBUF of a 4096-byte DMABUF for a %u-byte frame fails with EINVAL (got %s)",
		 need, r ? strerror(-r) : "success");
	result(e, r == -EINVAL, what);
	r = qbuf_dmabuf(e->fd, 0, good, need);
	snprintf(what, sizeof(what),
		 "QBUF of a %u-byte DMABUF then succeeds (%s)", need,
		 r ? strerror(-r) : "ok");
	result(e, r == 0, what);
	close(small);
	close(good);
	r = reqbufs(e->fd, V4L2_MEMORY_DMABUF, 0);
	result(e, r == 0, "REQBUFS(0) releases the imported buffers");
	return e->failed;
}

static int exhaust(struct edge *e)
{
	struct v4l2_create_buffers cb;
	char what[160];
	int got, r;

	if (set_output_format(e, 4096, 2160)) {
		result(e, 0, "4096x2160 OUTPUT format");
		return 1;
	}
	got = reqbufs(e->fd, V4L2_MEMORY_MMAP, 32);
	snprintf(what, sizeof(what),
		 "REQBUFS(32 x %u bytes) beyond CMA gives fewer buffers or ENOMEM (got %s%d)",
		 e->fmt.fmt.pix.sizeimage, got < 0 ? "error " : "", got < 0 ? -got : got);
	result(e, (got >= 0 && got < 32) || got == -ENOMEM, what);

	memset(&cb, 0, sizeof(cb));
	cb.count = 1;
	cb.memory = V4L2_MEMORY_MMAP;
	cb.format = e->fmt;
	r = xioctl(e->fd, VIDIOC_CREATE_BUFS, &cb) ? -errno : 0;
	snprintf(what, sizeof(what),
		 "CREATE_BUFS of one more fails with ENOMEM (got %s)",
		 r ? strerror(-r) : "success");
	result(e, r == -ENOMEM, what);
	r = reqbufs(e->fd, V4L2_MEMORY_MMAP, 0);
	result(e, r == 0, "REQBUFS(0) frees them all");
	return e->failed;
}

int main(int argc, char **argv)
{
	struct edge e = { .fd = -1 };
	int ret;

	if (argc < 3) {
		fprintf(stderr, "usage: %s small-dmabuf|exhaust /dev/videoN [HEAP]\n",
			argv[0]);
		return 2;
	}
	e.fd = open(argv[2], O_RDWR | O_CLOEXEC);
	if (e.fd < 0) {
		fprintf(stderr, "cannot open %s: %s\n", argv[2], strerror(errno));
		return 1;
	}
	if (!strcmp(argv[1], "small-dmabuf")) {
		ret = small_dmabuf(&e, argc > 3 ? argv[3] : "/dev/dma_heap/reserved");
	} else if (!strcmp(argv[1], "exhaust")) {
		ret = exhaust(&e);
	} else {
		fprintf(stderr, "unknown check '%s'\n", argv[1]);
		ret = 2;
	}
	close(e.fd);
	return ret;
}
