// SPDX-License-Identifier: GPL-2.0-only
/*
 * cmacodec tool: V4L2 buffer queues.
 */
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "common.h"
#include "device.h"
#include "vqueue.h"

void vq_init(struct vqueue *q, int fd, uint32_t type, const char *what)
{
	unsigned int i;

	memset(q, 0, sizeof(*q));
	q->fd = fd;
	q->type = type;
	q->memory = V4L2_MEMORY_MMAP;
	q->what = what;
	for (i = 0; i < VQ_MAX_BUFS; i++)
		q->bufs[i].dmabuf = -1;
}

static int vq_reqbufs(struct vqueue *q, uint32_t memory, unsigned int count)
{
	struct v4l2_requestbuffers rb;

	memset(&rb, 0, sizeof(rb));
	rb.count = count;
	rb.type = q->type;
	rb.memory = memory;
	if (xioctl(q->fd, VIDIOC_REQBUFS, &rb)) {
		msg_err("%s: VIDIOC_REQBUFS(%u, %s) failed: %s", q->what,
			count, memory == V4L2_MEMORY_DMABUF ? "DMABUF" : "MMAP",
			strerror(errno));
		return -1;
	}
	if (count && !rb.count) {
		msg_err("%s: the driver gave no buffers", q->what);
		return -1;
	}
	q->memory = memory;
	q->count = rb.count < VQ_MAX_BUFS ? rb.count : VQ_MAX_BUFS;
	return 0;
}

static int vq_map_mmap(struct vqueue *q, unsigned int i)
{
	struct v4l2_buffer b;
	void *p;

	memset(&b, 0, sizeof(b));
	b.type = q->type;
	b.memory = V4L2_MEMORY_MMAP;
	b.index = i;
	if (xioctl(q->fd, VIDIOC_QUERYBUF, &b)) {
		msg_err("%s: VIDIOC_QUERYBUF %u failed: %s", q->what, i,
			strerror(errno));
		return -1;
	}
	p = mmap(NULL, b.length, PROT_READ | PROT_WRITE, MAP_SHARED, q->fd,
		 b.m.offset);
	if (p == MAP_FAILED) {
		msg_err("%s: mmap of buffer %u failed: %s", q->what, i,
			strerror(errno));
		return -1;
	}
	q->bufs[i].map = p;
	q->bufs[i].length = b.length;
	return 0;
}

static int vq_map_heap(struct vqueue *q, unsigned int i, size_t size,
		       const struct heap *heap)
{
	struct vbuf *vb = &q->bufs[i];
	void *p;

	vb->length = page_align(size);
	vb->dmabuf = heap_alloc(heap, vb->length);
	if (vb->dmabuf < 0) {
		msg_err("%s: allocating %zu bytes from dma-heap '%s' failed: %s%s",
			q->what, vb->length, heap->name, strerror(errno),
			errno == ENOMEM ? " (CMA area too small or fragmented? see 'cmacodec info')" : "");
		return -1;
	}
	vb->own_fd = 1;
	p = mmap(NULL, vb->length, PROT_READ | PROT_WRITE, MAP_SHARED,
		 vb->dmabuf, 0);
	if (p == MAP_FAILED) {
		msg_err("%s: mmap of dma-buf %u failed: %s", q->what, i,
			strerror(errno));
		return -1;
	}
	vb->map = p;
	return 0;
}

int vq_alloc(struct vqueue *q, enum io_mode io, unsigned int count,
	     size_t size, const struct heap *heap)
{
	uint32_t memory = io == IO_DMABUF ? V4L2_MEMORY_DMABUF :
					    V4L2_MEMORY_MMAP;
	unsigned int i;
	int ret;

	if (vq_reqbufs(q, memory, count))
		return EXIT_RUNTIME;
	for (i = 0; i < q->count; i++) {
		ret = io == IO_DMABUF ? vq_map_heap(q, i, size, heap) :
					vq_map_mmap(q, i);
		if (ret) {
			vq_free(q);
			return EXIT_RUNTIME;
		}
	}
	return EXIT_OK;
}

int vq_import(struct vqueue *q, unsigned int count, const int *fds,
	      size_t size)
{
	unsigned int i;

	if (vq_reqbufs(q, V4L2_MEMORY_DMABUF, count))
		return EXIT_RUNTIME;
	if (q->count < count) {
		msg_err("%s: %u DMABUF slots for %u buffers", q->what,
			q->count, count);
		vq_free(q);
		return EXIT_RUNTIME;
	}
	for (i = 0; i < q->count; i++) {
		q->bufs[i].dmabuf = fds[i];
		q->bufs[i].length = size;
	}
	return EXIT_OK;
}

void vq_free(struct vqueue *q)
{
	unsigned int i;
	struct v4l2_requestbuffers rb;

	if (q->streaming)
		vq_streamoff(q);
	for (i = 0; i < VQ_MAX_BUFS; i++) {
		struct vbuf *vb = &q->bufs[i];

		if (vb->map)
			munmap(vb->map, vb->length);
		if (vb->own_fd && vb->dmabuf >= 0)
			close(vb->dmabuf);
		memset(vb, 0, sizeof(*vb));
		vb->dmabuf = -1;
	}
	if (q->count) {
		memset(&rb, 0, sizeof(rb));
		rb.type = q->type;
		rb.memory = q->memory;
		xioctl(q->fd, VIDIOC_REQBUFS, &rb);
	}
	q->count = 0;
}

int vq_qbuf(struct vqueue *q, unsigned int idx, size_t bytesused,
	    uint64_t seq)
{
	struct v4l2_buffer b;

	memset(&b, 0, sizeof(b));
	b.type = q->type;
	b.memory = q->memory;
	b.index = idx;
	b.field = V4L2_FIELD_NONE;
	if (q->type == V4L2_BUF_TYPE_VIDEO_OUTPUT) {
		b.bytesused = (uint32_t)bytesused;
		b.timestamp.tv_sec = (time_t)(seq / 1000000);
		b.timestamp.tv_usec = (suseconds_t)(seq % 1000000);
	}
	if (q->memory == V4L2_MEMORY_DMABUF) {
		b.m.fd = q->bufs[idx].dmabuf;
		b.length = (uint32_t)q->bufs[idx].length;
	}
	if (xioctl(q->fd, VIDIOC_QBUF, &b)) {
		msg_err("%s: VIDIOC_QBUF %u failed: %s", q->what, idx,
			strerror(errno));
		return -1;
	}
	q->bufs[idx].queued = 1;
	return 0;
}

int vq_dqbuf(struct vqueue *q, struct v4l2_buffer *b)
{
	memset(b, 0, sizeof(*b));
	b->type = q->type;
	b->memory = q->memory;
	if (xioctl(q->fd, VIDIOC_DQBUF, b)) {
		if (errno == EAGAIN)
			return VQ_DQ_EMPTY;
		if (errno == EPIPE)
			return VQ_DQ_PIPE;
		msg_err("%s: VIDIOC_DQBUF failed: %s", q->what,
			strerror(errno));
		return VQ_DQ_ERR;
	}
	if (b->index < q->count)
		q->bufs[b->index].queued = 0;
	return VQ_DQ_OK;
}

uint64_t vq_buf_seq(const struct v4l2_buffer *b)
{
	return (uint64_t)b->timestamp.tv_sec * 1000000 +
	       (uint64_t)b->timestamp.tv_usec;
}

int vq_streamon(struct vqueue *q)
{
	int type = (int)q->type;

	if (xioctl(q->fd, VIDIOC_STREAMON, &type)) {
		msg_err("%s: VIDIOC_STREAMON failed: %s", q->what,
			strerror(errno));
		return -1;
	}
	q->streaming = 1;
	return 0;
}

int vq_streamoff(struct vqueue *q)
{
	int type = (int)q->type;
	unsigned int i;

	q->streaming = 0;
	for (i = 0; i < q->count; i++)
		q->bufs[i].queued = 0;
	if (xioctl(q->fd, VIDIOC_STREAMOFF, &type)) {
		msg_err("%s: VIDIOC_STREAMOFF failed: %s", q->what,
			strerror(errno));
		return -1;
	}
	return 0;
}

int vq_expbuf(struct vqueue *q, unsigned int idx)
{
	struct v4l2_exportbuffer e;

	memset(&e, 0, sizeof(e));
	e.type = q->type;
	e.index = idx;
	e.flags = O_RDWR | O_CLOEXEC;
	if (xioctl(q->fd, VIDIOC_EXPBUF, &e)) {
		msg_err("%s: VIDIOC_EXPBUF %u failed: %s", q->what, idx,
			strerror(errno));
		return -1;
	}
	return e.fd;
}

int vq_cpu_begin(struct vqueue *q, unsigned int idx, int write)
{
	if (q->memory != V4L2_MEMORY_DMABUF)
		return 0;
	return dmabuf_sync(q->bufs[idx].dmabuf, 1, write);
}

int vq_cpu_end(struct vqueue *q, unsigned int idx, int write)
{
	if (q->memory != V4L2_MEMORY_DMABUF)
		return 0;
	return dmabuf_sync(q->bufs[idx].dmabuf, 0, write);
}
