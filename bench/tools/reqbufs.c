// SPDX-License-Identifier: GPL-2.0-only
/*
 * cmacodec-bench-reqbufs: latency of VIDIOC_REQBUFS allocating COUNT MMAP
 * buffers of a raw format on the encoder's OUTPUT queue (CMA allocations
 * through videobuf2-dma-contig), and of freeing them with REQBUFS(0).
 *
 * usage: cmacodec-bench-reqbufs NODE [WxH [FOURCC [COUNT [REPS]]]]
 *        defaults 1920x1080 NV12 8 10
 * Prints one line:
 *   reqbufs COUNT x SIZE bytes: alloc min MIN med MED max MAX us, free med FREE us
 * Exit 1 when the node refuses the format or gives fewer buffers.
 */
#include <stdint.h>
#include <stdlib.h>
#include <time.h>
#include "../../tests/tools/toolutil.h"
#include "benchutil.h"

#define MAX_REPS 100

struct req_bench {
	int fd;
	unsigned int count;
	unsigned int sizeimage;
	uint64_t alloc_ns[MAX_REPS];
	uint64_t free_ns[MAX_REPS];
};

static int set_format(struct req_bench *rb, unsigned int w, unsigned int h,
		      uint32_t fourcc)
{
	struct v4l2_format f;

	memset(&f, 0, sizeof(f));
	f.type = V4L2_BUF_TYPE_VIDEO_OUTPUT;
	f.fmt.pix.width = w;
	f.fmt.pix.height = h;
	f.fmt.pix.pixelformat = fourcc;
	f.fmt.pix.field = V4L2_FIELD_NONE;
	if (xioctl(rb->fd, VIDIOC_S_FMT, &f)) {
		fprintf(stderr, "VIDIOC_S_FMT(OUTPUT %ux%u): %s\n", w, h,
			strerror(errno));
		return -1;
	}
	if (f.fmt.pix.pixelformat != fourcc || f.fmt.pix.width != w ||
	    f.fmt.pix.height < h) {
		fprintf(stderr, "the node changed the format to %.4s %ux%u\n",
			(char *)&f.fmt.pix.pixelformat, f.fmt.pix.width,
			f.fmt.pix.height);
		return -1;
	}
	rb->sizeimage = f.fmt.pix.sizeimage;
	return 0;
}

static int reqbufs(int fd, unsigned int count, unsigned int *got)
{
	struct v4l2_requestbuffers r;

	memset(&r, 0, sizeof(r));
	r.count = count;
	r.type = V4L2_BUF_TYPE_VIDEO_OUTPUT;
	r.memory = V4L2_MEMORY_MMAP;
	if (xioctl(fd, VIDIOC_REQBUFS, &r)) {
		fprintf(stderr, "VIDIOC_REQBUFS(%u): %s\n", count,
			strerror(errno));
		return -1;
	}
	*got = r.count;
	return 0;
}

static int run(struct req_bench *rb, unsigned int reps)
{
	unsigned int i, got;
	uint64_t t;

	for (i = 0; i < reps; i++) {
		t = now_ns();
		if (reqbufs(rb->fd, rb->count, &got))
			return -1;
		rb->alloc_ns[i] = now_ns() - t;
		if (got != rb->count) {
			fprintf(stderr, "REQBUFS(%u) gave %u buffers\n",
				rb->count, got);
			reqbufs(rb->fd, 0, &got);
			return -1;
		}
		t = now_ns();
		if (reqbufs(rb->fd, 0, &got))
			return -1;
		rb->free_ns[i] = now_ns() - t;
	}
	return 0;
}

int main(int argc, char **argv)
{
	struct req_bench rb = { .count = 8 };
	unsigned int w = 1920, h = 1080, reps = 10;
	uint32_t fourcc = V4L2_PIX_FMT_NV12;
	int ret;

	if (argc < 2 || (argc > 2 && sscanf(argv[2], "%ux%u", &w, &h) != 2) ||
	    (argc > 3 && strlen(argv[3]) != 4) ||
	    (argc > 4 && sscanf(argv[4], "%u", &rb.count) != 1) ||
	    (argc > 5 && sscanf(argv[5], "%u", &reps) != 1) ||
	    !rb.count || rb.count > 32 || !reps || reps > MAX_REPS) {
		fprintf(stderr, "usage: %s NODE [WxH [FOURCC [COUNT(1..32) [REPS(1..%d)]]]]\n",
			argv[0], MAX_REPS);
		return 2;
	}
	if (argc > 3)
		fourcc = v4l2_fourcc(argv[3][0], argv[3][1], argv[3][2],
				     argv[3][3]);
	rb.fd = open(argv[1], O_RDWR | O_CLOEXEC);
	if (rb.fd < 0) {
		fprintf(stderr, "cannot open %s: %s\n", argv[1],
			strerror(errno));
		return 1;
	}
	ret = set_format(&rb, w, h, fourcc) || run(&rb, reps);
	close(rb.fd);
	if (ret)
		return 1;
	qsort(rb.alloc_ns, reps, sizeof(uint64_t), cmp_u64);
	qsort(rb.free_ns, reps, sizeof(uint64_t), cmp_u64);
	printf("reqbufs %u x %u bytes: alloc min %.0f med %.0f max %.0f us, free med %.0f us (%u reps)\n",
	       rb.count, rb.sizeimage, rb.alloc_ns[0] / 1e3,
	       rb.alloc_ns[reps / 2] / 1e3, rb.alloc_ns[reps - 1] / 1e3,
	       rb.free_ns[reps / 2] / 1e3, reps);
	return 0;
}
