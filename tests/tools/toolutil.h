/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Small V4L2 and dma-heap helpers shared by the guest test programs in
 * tests/tools/.  Header-only: each program is one C file.
 */
#ifndef CMACODEC_TOOLUTIL_H
#define CMACODEC_TOOLUTIL_H

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>
#include <linux/dma-heap.h>
#include <linux/videodev2.h>

/* ioctl() restarted on EINTR */
static inline int xioctl(int fd, unsigned long req, void *arg)
{
	int r;

	do {
		r = ioctl(fd, req, arg);
	} while (r < 0 && errno == EINTR);
	return r;
}

/* a dma-buf of @len bytes from the dma-heap node @heap; -1 (message) */
static inline int heap_alloc(const char *heap, size_t len)
{
	struct dma_heap_allocation_data d = {
		.len = len,
		.fd_flags = O_RDWR | O_CLOEXEC,
	};
	int hfd = open(heap, O_RDONLY | O_CLOEXEC);

	if (hfd < 0) {
		fprintf(stderr, "cannot open %s: %s\n", heap, strerror(errno));
		return -1;
	}
	if (xioctl(hfd, DMA_HEAP_IOCTL_ALLOC, &d)) {
		fprintf(stderr, "allocating %zu bytes from %s: %s\n", len, heap,
			strerror(errno));
		close(hfd);
		return -1;
	}
	close(hfd);
	return (int)d.fd;
}

/* QBUF dma-buf @dbuf as OUTPUT buffer @index with @bytes: 0 or -errno */
static inline int qbuf_dmabuf(int fd, unsigned int index, int dbuf,
			      unsigned int bytes)
{
	struct v4l2_buffer b = {
		.index = index,
		.type = V4L2_BUF_TYPE_VIDEO_OUTPUT,
		.memory = V4L2_MEMORY_DMABUF,
		.bytesused = bytes,
		.length = 0,	/* vb2 takes the dma-buf's own size */
		.m.fd = dbuf,
	};

	return xioctl(fd, VIDIOC_QBUF, &b) ? -errno : 0;
}

/*
 * wait_dq() - poll up to 60 s for a buffer, then DQBUF one of @type into @b;
 * 0, or -1 with a message
 */
static inline int wait_dq(int fd, enum v4l2_buf_type type,
			  enum v4l2_memory mem, struct v4l2_buffer *b)
{
	struct pollfd pfd = { .fd = fd, .events = POLLIN | POLLOUT };

	if (poll(&pfd, 1, 60000) <= 0) {
		fprintf(stderr, "no buffer within 60 s\n");
		return -1;
	}
	memset(b, 0, sizeof(*b));
	b->type = type;
	b->memory = mem;
	if (xioctl(fd, VIDIOC_DQBUF, b)) {
		fprintf(stderr, "DQBUF type %d: %s\n", type, strerror(errno));
		return -1;
	}
	return 0;
}

#endif /* CMACODEC_TOOLUTIL_H */
