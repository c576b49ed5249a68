/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * cmacodec tool: one V4L2 buffer queue (single-planar), MMAP buffers of
 * the driver or DMABUF buffers from the CMA heap or another device.
 */
#ifndef CMACODEC_TOOL_VQUEUE_H
#define CMACODEC_TOOL_VQUEUE_H

#include <stddef.h>
#include <stdint.h>

#include <linux/videodev2.h>

#include "args.h"
#include "heap.h"

#define VQ_MAX_BUFS 32

/*
 * struct vbuf - one buffer
 * @map:     CPU mapping, NULL if not mapped
 * @length:  buffer size
 * @dmabuf:  DMABUF fd (memory DMABUF), else -1
 * @own_fd:  @dmabuf was allocated here and is closed on free
 * @queued:  owned by the driver
 */
struct vbuf {
	uint8_t *map;
	size_t length;
	int dmabuf;
	int own_fd;
	int queued;
};

/*
 * struct vqueue - a queue of a codec node
 * @fd:      the node
 * @type:    V4L2_BUF_TYPE_VIDEO_OUTPUT or _CAPTURE
 * @memory:  V4L2_MEMORY_MMAP or _DMABUF
 * @count:   buffers allocated
 * @what:    "encoder OUTPUT" etc., for messages
 */
struct vqueue {
	int fd;
	uint32_t type;
	uint32_t memory;
	unsigned int count;
	int streaming;
	const char *what;
	struct vbuf bufs[VQ_MAX_BUFS];
};

enum {
	VQ_DQ_OK = 0,
	VQ_DQ_EMPTY = 1,	/* nothing to dequeue (EAGAIN) */
	VQ_DQ_PIPE = 2,		/* the LAST buffer was dequeued already */
	VQ_DQ_ERR = -1,
};

void vq_init(struct vqueue *q, int fd, uint32_t type, const char *what);
/*
 * vq_alloc() - REQBUFS and map @count buffers of at least @size bytes:
 * driver MMAP buffers, or dma-heap buffers for IO_DMABUF
 * Return: exit code (message printed)
 */
int vq_alloc(struct vqueue *q, enum io_mode io, unsigned int count,
	     size_t size, const struct heap *heap);
/* REQBUFS DMABUF for foreign dma-bufs @fds (not mapped, not owned) */
int vq_import(struct vqueue *q, unsigned int count, const int *fds,
	      size_t size);
void vq_free(struct vqueue *q);

int vq_qbuf(struct vqueue *q, unsigned int idx, size_t bytesused,
	    uint64_t seq);
int vq_dqbuf(struct vqueue *q, struct v4l2_buffer *b);
int vq_streamon(struct vqueue *q);
int vq_streamoff(struct vqueue *q);
/* VIDIOC_EXPBUF: a dma-buf fd of buffer @idx, -1 on failure */
int vq_expbuf(struct vqueue *q, unsigned int idx);
/* bracket CPU access to a buffer (dma-buf sync for DMABUF); 0 or -1 */
int vq_cpu_begin(struct vqueue *q, unsigned int idx, int write);
int vq_cpu_end(struct vqueue *q, unsigned int idx, int write);
/* timestamp of a dequeued buffer back to the sequence number given */
uint64_t vq_buf_seq(const struct v4l2_buffer *b);

#endif /* CMACODEC_TOOL_VQUEUE_H */
