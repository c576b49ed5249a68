// SPDX-License-Identifier: GPL-2.0-only
/*
 * cmacodec-memcheck: the driver's memory accounting, seen from user space.
 * Prints TAP-style "ok"/"not ok" lines without numbers (the calling shell
 * numbers them) and exits 1 if any check failed, 2 on a usage error.
 *
 *   cmacodec-memcheck buffers /dev/videoN COUNT CMA_DEBUGFS_DIR [ATTRS [nc]]
 *	REQBUFS(COUNT) 640x480 YU12 MMAP OUTPUT buffers (with "nc":
 *	V4L2_MEMORY_FLAG_NON_COHERENT, which the queue must then support and
 *	keep); debugfs
 *	cmacodec/buffers must list exactly them (this process, page-aligned
 *	sizeimage, disjoint DMA ranges of that length below the DMA mask),
 *	the instance total must match, and the CMA area's bitmap
 *	(CMA_DEBUGFS_DIR/used) must have grown by exactly their size.
 *	With ATTRS, every listed buffer's attributes column must read so.
 *	REQBUFS(0) must empty the list and give the CMA pages back.
 *   cmacodec-memcheck mplane /dev/videoN COUNT CMA_DEBUGFS_DIR
 *	With multiplanar=1: COUNT 640x480 YUV420M OUTPUT buffers, one
 *	record per plane (page-aligned plane size, disjoint ranges), the
 *	instance total and the CMA bitmap their sum; REQBUFS(0) empties.
 *   cmacodec-memcheck limits /dev/videoN
 *	Sets mem_limit_inst_kb to three such buffers and mem_limit_dev_kb to
 *	five: REQBUFS(8) gets 3, CREATE_BUFS(1) then fails with ENOMEM, a
 *	second handle gets the 2 the device has left, a third gets ENOMEM;
 *	after REQBUFS(0) on the first, the third gets 3.  The limits are
 *	reset to 0 (none) at the end.
 *   cmacodec-memcheck stale /dev/videoN
 *	MMAP buffers filled with a pattern and freed; buffers allocated again
 *	(most likely the same CMA pages) read back
 *	as zeroes: no stale data crosses from one client to the next.
 *   cmacodec-memcheck noncontig /dev/videoN CMA_HEAP
 *	A DMABUF that is not contiguous - from udmabuf (memfd pages) - is
 *	refused at QBUF with EFAULT (vb2-dma-contig's answer); one from the
 *	CMA heap of the same size is accepted.
 *   cmacodec-memcheck readback /dev/videoCONV COUNT CMA_DEBUGFS_DIR
 *	On the converter node: COUNT OUTPUT and COUNT CAPTURE MMAP buffers,
 *	a pattern written into each OUTPUT buffer from user space, copied by
 *	the hardware model (same GREY format on both queues) and read back
 *	from each CAPTURE buffer; the CMA area's bitmap grows by exactly the
 *	buffers and shrinks back.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <unistd.h>
#include <linux/dma-heap.h>
#include <linux/udmabuf.h>
#include <linux/videodev2.h>

#include "toolutil.h"

#define BUFFERS_FILE "/sys/kernel/debug/cmacodec/buffers"
#define PARAM_DIR "/sys/module/cmacodec/parameters/"
#define MAX_BUFS 64

struct check {
	int failed;
	int non_coherent;	/* ask for V4L2_MEMORY_FLAG_NON_COHERENT */
	const char *attrs;	/* expected attributes column, or NULL */
	unsigned int sizeimage;
	unsigned long page_size;
};

struct listed {
	unsigned int n;
	uint64_t start[MAX_BUFS];
	uint64_t end[MAX_BUFS];
	unsigned long bytes[MAX_BUFS];
	int index[MAX_BUFS];
	int attrs_ok;		/* every buffer's attributes as expected */
	int total_ok;		/* the instance line, as parsed */
	unsigned int total_bufs;
	unsigned long total_bytes;
};

static void result(struct check *c, int ok, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static void result(struct check *c, int ok, const char *fmt, ...)
{
	va_list ap;

	printf("%s - ", ok ? "ok" : "not ok");
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	putchar('\n');
	if (!ok)
		c->failed = 1;
}

static int open_node(const char *path)
{
	int fd = open(path, O_RDWR | O_CLOEXEC);

	if (fd < 0)
		fprintf(stderr, "cannot open %s: %s\n", path, strerror(errno));
	return fd;
}

/* 640x480 YU12 on OUTPUT; the sizeimage in c->sizeimage */
static int set_format(struct check *c, int fd)
{
	struct v4l2_format f = { .type = V4L2_BUF_TYPE_VIDEO_OUTPUT };

	f.fmt.pix.width = 640;
	f.fmt.pix.height = 480;
	f.fmt.pix.pixelformat = V4L2_PIX_FMT_YUV420;
	if (xioctl(fd, VIDIOC_S_FMT, &f)) {
		fprintf(stderr, "S_FMT(OUTPUT 640x480 YU12): %s\n",
			strerror(errno));
		return -1;
	}
	c->sizeimage = f.fmt.pix.sizeimage;
	return 0;
}

static int reqbufs_type(int fd, enum v4l2_buf_type type, unsigned int count,
			unsigned int flags, struct v4l2_requestbuffers *out)
{
	struct v4l2_requestbuffers rb = {
		.count = count,
		.type = type,
		.memory = V4L2_MEMORY_MMAP,
		.flags = (__u8)flags,
	};

	if (xioctl(fd, VIDIOC_REQBUFS, &rb))
		return -errno;
	if (out)
		*out = rb;
	return (int)rb.count;
}

static int reqbufs(int fd, unsigned int count)
{
	return reqbufs_type(fd, V4L2_BUF_TYPE_VIDEO_OUTPUT, count, 0, NULL);
}

static int create_bufs(int fd, unsigned int count)
{
	struct v4l2_create_buffers cb = {
		.count = count,
		.memory = V4L2_MEMORY_MMAP,
	};

	cb.format.type = V4L2_BUF_TYPE_VIDEO_OUTPUT;
	if (xioctl(fd, VIDIOC_G_FMT, &cb.format))
		return -errno;
	if (xioctl(fd, VIDIOC_CREATE_BUFS, &cb))
		return -errno;
	return (int)cb.count;
}

static unsigned long page_align(const struct check *c, unsigned long n)
{
	return (n + c->page_size - 1) / c->page_size * c->page_size;
}

static long read_long(const char *path)
{
	FILE *f = fopen(path, "re");
	long v = -1;

	if (!f) {
		fprintf(stderr, "cannot open %s: %s\n", path, strerror(errno));
		return -1;
	}
	if (fscanf(f, "%ld", &v) != 1)
		v = -1;
	fclose(f);
	return v;
}

static int write_param(const char *name, unsigned long val)
{
	char path[128];
	FILE *f;
	int bad;

	snprintf(path, sizeof(path), PARAM_DIR "%s", name);
	f = fopen(path, "we");
	if (!f) {
		fprintf(stderr, "cannot open %s: %s\n", path, strerror(errno));
		return -1;
	}
	fprintf(f, "%lu\n", val);
	bad = ferror(f);
	if (fclose(f) || bad) {
		fprintf(stderr, "writing %s: %s\n", path, strerror(errno));
		return -1;
	}
	return 0;
}

/*
 * The lines of cmacodec/buffers that belong to this process's OUTPUT
 * buffers, and its instance's total line.  Line formats (cmacodec-mem.c):
 *   INST NODE QUEUE INDEX BYTES DMA_START DMA_END ATTRS COMM[PID]
 *   instance INST NODE opened by COMM[PID]: N buffers, B bytes allocated, ...
 */
static int read_listing(struct listed *l, const char *want_attrs)
{
	FILE *f = fopen(BUFFERS_FILE, "re");
	char line[512], node[64], queue[32], attrs[32], task[64], mine[32];
	unsigned int inst;

	if (!f) {
		fprintf(stderr, "cannot open " BUFFERS_FILE ": %s\n",
			strerror(errno));
		return -1;
	}
	memset(l, 0, sizeof(*l));
	l->attrs_ok = 1;
	snprintf(mine, sizeof(mine), "[%d]", (int)getpid());
	while (fgets(line, sizeof(line), f)) {
		unsigned long bytes;
		uint64_t s, e;
		int idx;

		fputs(line, stderr);
		if (!strstr(line, mine))
			continue;
		if (sscanf(line, "%u %63s %31s %d %lu %" SCNx64 " %" SCNx64 " %31s %63s",
			   &inst, node, queue, &idx, &bytes, &s, &e, attrs,
			   task) == 9) {
			if (strcmp(queue, "output") || l->n >= MAX_BUFS)
				continue;
			l->start[l->n] = s;
			l->end[l->n] = e;
			l->bytes[l->n] = bytes;
			l->index[l->n] = idx;
			l->n++;
			if (want_attrs && strcmp(attrs, want_attrs))
				l->attrs_ok = 0;
		} else if (sscanf(line, "instance %u %63s opened by %63s %u buffers, %lu bytes allocated",
				  &inst, node, task, &l->total_bufs,
				  &l->total_bytes) == 5) {
			l->total_ok = 1;
		}
	}
	fclose(f);
	return 0;
}

static int buffers(struct check *c, const char *dev, unsigned int count,
		   const char *cma_dir)
{
	char used_path[256];
	long used0, used1, used2;
	struct listed l;
	unsigned long want;
	unsigned int i, j;
	int fd, got, disjoint = 1, sized = 1;

	snprintf(used_path, sizeof(used_path), "%s/used", cma_dir);
	fd = open_node(dev);
	if (fd < 0 || set_format(c, fd))
		return 1;
	want = page_align(c, c->sizeimage);
	used0 = read_long(used_path);
	if (c->non_coherent) {
		struct v4l2_requestbuffers rb;

		got = reqbufs_type(fd, V4L2_BUF_TYPE_VIDEO_OUTPUT, count,
				   V4L2_MEMORY_FLAG_NON_COHERENT, &rb);
		result(c, got == (int)count &&
			  (rb.capabilities & V4L2_BUF_CAP_SUPPORTS_MMAP_CACHE_HINTS) &&
			  (rb.flags & V4L2_MEMORY_FLAG_NON_COHERENT),
		       "REQBUFS(%u, NON_COHERENT): cache hints supported, flag kept (got %d, caps %#x, flags %#x)",
		       count, got, rb.capabilities, rb.flags);
	} else {
		got = reqbufs(fd, count);
		result(c, got == (int)count, "REQBUFS(%u x %u bytes) (got %d)",
		       count, c->sizeimage, got);
	}
	used1 = read_long(used_path);
	if (read_listing(&l, c->attrs))
		return 1;
	if (c->attrs)
		result(c, l.n && l.attrs_ok, "every buffer's attributes read '%s'",
		       c->attrs);
	result(c, l.n == count, "debugfs lists %u OUTPUT buffers of this process (lists %u)",
	       count, l.n);
	for (i = 0; i < l.n; i++) {
		if (l.bytes[i] != want || l.end[i] - l.start[i] + 1 != want ||
		    l.end[i] > 0xffffffffULL)
			sized = 0;
		for (j = 0; j < i; j++)
			if (l.start[i] <= l.end[j] && l.start[j] <= l.end[i])
				disjoint = 0;
	}
	result(c, l.n && sized,
	       "each is %lu bytes (page-aligned sizeimage) with a DMA range of that length below 4 GiB",
	       want);
	result(c, l.n && disjoint, "the DMA ranges are disjoint");
	result(c, l.total_ok && l.total_bufs == count &&
		  l.total_bytes == count * want,
	       "instance total: %u buffers, %lu bytes (read %u, %lu)", count,
	       count * want, l.total_bufs, l.total_bytes);
	result(c, used0 >= 0 && (used1 - used0) * (long)c->page_size ==
		  (long)(count * want),
	       "the CMA area's bitmap grew by exactly %lu bytes (%ld pages)",
	       count * want, used0 >= 0 ? used1 - used0 : -1);

	got = reqbufs(fd, 0);
	used2 = read_long(used_path);
	if (read_listing(&l, NULL))
		return 1;
	result(c, got == 0 && l.n == 0 && l.total_ok && l.total_bufs == 0 &&
		  l.total_bytes == 0,
	       "REQBUFS(0): none listed, instance total 0 (listed %u)", l.n);
	result(c, used2 == used0, "REQBUFS(0): CMA pages back (%ld, was %ld)",
	       used2, used0);
	close(fd);
	return c->failed;
}

/*
 * multiplanar=1: COUNT 640x480 YUV420M OUTPUT buffers (three planes, three
 * allocations each): one listed record per plane, each page-aligned, all
 * DMA ranges disjoint, the instance total and the CMA bitmap their sum.
 */
static int mplane(struct check *c, const char *dev, unsigned int count,
		  const char *cma_dir)
{
	struct v4l2_format f = { .type = V4L2_BUF_TYPE_VIDEO_OUTPUT_MPLANE };
	struct v4l2_requestbuffers rb = {
		.count = count,
		.type = V4L2_BUF_TYPE_VIDEO_OUTPUT_MPLANE,
		.memory = V4L2_MEMORY_MMAP,
	};
	unsigned long want[VIDEO_MAX_PLANES], total = 0;
	unsigned int i, j, np, per_index_ok = 1;
	int fd, disjoint = 1, sized = 1;
	long used0, used1;
	char used_path[256];
	struct listed l;

	snprintf(used_path, sizeof(used_path), "%s/used", cma_dir);
	fd = open_node(dev);
	if (fd < 0)
		return 1;
	f.fmt.pix_mp.width = 640;
	f.fmt.pix_mp.height = 480;
	f.fmt.pix_mp.pixelformat = V4L2_PIX_FMT_YUV420M;
	if (xioctl(fd, VIDIOC_S_FMT, &f) ||
	    f.fmt.pix_mp.pixelformat != V4L2_PIX_FMT_YUV420M) {
		result(c, 0, "S_FMT(OUTPUT_MPLANE 640x480 YUV420M): %s",
		       strerror(errno));
		close(fd);
		return c->failed;
	}
	np = f.fmt.pix_mp.num_planes;
	for (i = 0; i < np && i < VIDEO_MAX_PLANES; i++) {
		want[i] = page_align(c, f.fmt.pix_mp.plane_fmt[i].sizeimage);
		total += want[i];
	}
	result(c, np == 3, "YUV420M has 3 memory planes (%u)", np);
	used0 = read_long(used_path);
	result(c, !xioctl(fd, VIDIOC_REQBUFS, &rb) && rb.count == count,
	       "REQBUFS(%u) of 3-plane buffers (got %u)", count, rb.count);
	used1 = read_long(used_path);
	if (read_listing(&l, NULL))
		return 1;
	result(c, l.n == count * np,
	       "debugfs lists one record per plane: %u (lists %u)", count * np,
	       l.n);
	for (i = 0; i < l.n; i++) {
		unsigned int same = 0;

		for (j = 0; j < l.n; j++) {
			if (l.index[j] == l.index[i])
				same++;
			if (j < i && l.start[i] <= l.end[j] &&
			    l.start[j] <= l.end[i])
				disjoint = 0;
		}
		if (same != np)
			per_index_ok = 0;
		if (l.end[i] - l.start[i] + 1 != l.bytes[i])
			sized = 0;
		for (j = 0; j < np && l.bytes[i] != want[j]; j++)
			;
		if (j == np)
			sized = 0;
	}
	result(c, l.n && per_index_ok, "each buffer index is listed %u times",
	       np);
	result(c, l.n && sized,
	       "each record is a page-aligned plane size with a DMA range of that length");
	result(c, l.n && disjoint, "all planes' DMA ranges are disjoint");
	result(c, l.total_ok && l.total_bufs == count * np &&
		  l.total_bytes == count * total,
	       "instance total: %u records, %lu bytes (read %u, %lu)",
	       count * np, count * total, l.total_bufs, l.total_bytes);
	result(c, used0 >= 0 && (used1 - used0) * (long)c->page_size ==
		  (long)(count * total),
	       "the CMA area's bitmap grew by exactly %lu bytes", count * total);
	rb.count = 0;
	xioctl(fd, VIDIOC_REQBUFS, &rb);
	if (read_listing(&l, NULL))
		return 1;
	result(c, l.n == 0 && read_long(used_path) == used0,
	       "REQBUFS(0): no record left, CMA pages back");
	close(fd);
	return c->failed;
}

static int limits(struct check *c, const char *dev)
{
	unsigned long want;
	int fd[3], i, got;

	for (i = 0; i < 3; i++) {
		fd[i] = open_node(dev);
		if (fd[i] < 0 || set_format(c, fd[i]))
			return 1;
	}
	want = page_align(c, c->sizeimage);
	if (write_param("mem_limit_inst_kb", 3 * want / 1024) ||
	    write_param("mem_limit_dev_kb", 5 * want / 1024))
		return 1;

	got = reqbufs(fd[0], 8);
	result(c, got == 3, "instance limit of 3 buffers: REQBUFS(8) gets 3 (got %d)", got);
	got = create_bufs(fd[0], 1);
	result(c, got == -ENOMEM, "instance limit: CREATE_BUFS(1) beyond it fails with ENOMEM (got %s)",
	       got < 0 ? strerror(-got) : "success");
	got = reqbufs(fd[1], 3);
	result(c, got == 2, "device limit of 5 buffers: a second handle's REQBUFS(3) gets 2 (got %d)", got);
	got = reqbufs(fd[2], 1);
	result(c, got == -ENOMEM, "device limit: a third handle's REQBUFS(1) fails with ENOMEM (got %s)",
	       got < 0 ? strerror(-got) : "success");
	got = reqbufs(fd[0], 0);
	result(c, got == 0, "REQBUFS(0) on the first handle");
	got = reqbufs(fd[2], 3);
	result(c, got == 3, "the freed memory is available again: third handle's REQBUFS(3) gets 3 (got %d)",
	       got);
	if (write_param("mem_limit_inst_kb", 0) ||
	    write_param("mem_limit_dev_kb", 0))
		c->failed = 1;
	got = create_bufs(fd[2], 4);
	result(c, got == 4, "limits back to 0 (none): CREATE_BUFS(4) gets 4 (got %d)", got);
	for (i = 0; i < 3; i++)
		close(fd[i]);
	return c->failed;
}

/* mmap buffer @index of the @type queue; MAP_FAILED on error */
static void *map_buffer(int fd, enum v4l2_buf_type type, unsigned int index,
			size_t *len)
{
	struct v4l2_buffer b = {
		.index = index,
		.type = type,
		.memory = V4L2_MEMORY_MMAP,
	};

	if (xioctl(fd, VIDIOC_QUERYBUF, &b)) {
		fprintf(stderr, "QUERYBUF %u: %s\n", index, strerror(errno));
		return MAP_FAILED;
	}
	*len = b.length;
	return mmap(NULL, b.length, PROT_READ | PROT_WRITE, MAP_SHARED, fd,
		    b.m.offset);
}

#define STALE_BUFS 4

static int stale(struct check *c, const char *dev)
{
	unsigned int i, filled = 0, dirty = 0, got_all = 1;
	size_t len, j;
	uint32_t *p;
	int fd = open_node(dev);

	if (fd < 0 || set_format(c, fd))
		return 1;
	if (reqbufs(fd, STALE_BUFS) != STALE_BUFS) {
		result(c, 0, "REQBUFS(%d)", STALE_BUFS);
		return 1;
	}
	for (i = 0; i < STALE_BUFS; i++) {
		p = map_buffer(fd, V4L2_BUF_TYPE_VIDEO_OUTPUT, i, &len);
		if (p == MAP_FAILED)
			continue;
		for (j = 0; j < len / 4; j++)
			p[j] = 0xdeadbeef ^ (uint32_t)j;
		munmap(p, len);
		filled++;
	}
	result(c, filled == STALE_BUFS, "%u MMAP buffers filled with a pattern",
	       filled);
	reqbufs(fd, 0);
	if (reqbufs(fd, STALE_BUFS) != STALE_BUFS) {
		result(c, 0, "REQBUFS(%d) again", STALE_BUFS);
		return 1;
	}
	for (i = 0; i < STALE_BUFS; i++) {
		p = map_buffer(fd, V4L2_BUF_TYPE_VIDEO_OUTPUT, i, &len);
		if (p == MAP_FAILED) {
			got_all = 0;
			continue;
		}
		for (j = 0; j < len / 4; j++)
			dirty += p[j] != 0;
		munmap(p, len);
	}
	result(c, got_all && !dirty,
	       "freed and allocated again: every word reads 0 (%u non-zero)",
	       dirty);
	reqbufs(fd, 0);
	close(fd);
	return c->failed;
}

#define RB_W 640
#define RB_H 120
#define RB_MAX 16
#define RB_CANARY 0xa5

/* the byte pattern of OUTPUT buffer @seed: no two buffers, rows or bytes alike */
static uint8_t rb_pattern(unsigned int seed, size_t i)
{
	uint32_t x = (uint32_t)(seed + 1) * 0x9e3779b1u ^ (uint32_t)i * 2654435761u;

	return (uint8_t)(x >> 24 ^ x >> 9);
}

/* GREY RB_WxRB_H on @type; returns sizeimage or 0 */
static unsigned int rb_format(int fd, enum v4l2_buf_type type)
{
	struct v4l2_format f = { .type = type };

	f.fmt.pix.width = RB_W;
	f.fmt.pix.height = RB_H;
	f.fmt.pix.pixelformat = V4L2_PIX_FMT_GREY;
	f.fmt.pix.bytesperline = RB_W;
	if (xioctl(fd, VIDIOC_S_FMT, &f)) {
		fprintf(stderr, "S_FMT(type %d, %ux%u GREY): %s\n", type, RB_W,
			RB_H, strerror(errno));
		return 0;
	}
	if (f.fmt.pix.width != RB_W || f.fmt.pix.height != RB_H ||
	    f.fmt.pix.bytesperline != RB_W ||
	    f.fmt.pix.pixelformat != V4L2_PIX_FMT_GREY) {
		fprintf(stderr, "S_FMT(type %d) changed the format to %ux%u, %u bytes per line\n",
			type, f.fmt.pix.width, f.fmt.pix.height,
			f.fmt.pix.bytesperline);
		return 0;
	}
	return f.fmt.pix.sizeimage;
}

/* the CAPTURE buffer the next job finished; its source index from the timestamp */
static int rb_dqbuf(int fd, unsigned int *index, unsigned int *src,
		    unsigned int *bytesused)
{
	struct v4l2_buffer b;

	if (wait_dq(fd, V4L2_BUF_TYPE_VIDEO_CAPTURE, V4L2_MEMORY_MMAP, &b))
		return -1;
	if (b.flags & V4L2_BUF_FLAG_ERROR)
		fprintf(stderr, "CAPTURE buffer %u has the ERROR flag\n", b.index);
	*index = b.index;
	*src = (unsigned int)b.timestamp.tv_sec - 1;
	*bytesused = b.flags & V4L2_BUF_FLAG_ERROR ? 0 : b.bytesused;
	return 0;
}

/*
 * readback: COUNT MMAP buffers on each queue of the converter node, GREY
 * of the same size on both, so the core copies (codec/cmacodec-conv.c's
 * copy path): the hardware model reads every byte at the OUTPUT buffer's
 * bus address and writes it at the CAPTURE buffer's.  User space writes a
 * different pattern into each OUTPUT buffer through its mapping and a
 * canary into each CAPTURE buffer; afterwards every CAPTURE buffer, read
 * through its mapping, holds its OUTPUT buffer's pattern.  The area's
 * bitmap grows by exactly the 2 x COUNT page-aligned buffers and shrinks
 * back at REQBUFS(0).
 */
static int readback(struct check *c, const char *dev, unsigned int count,
		    const char *cma_dir)
{
	enum v4l2_buf_type out = V4L2_BUF_TYPE_VIDEO_OUTPUT;
	enum v4l2_buf_type cap = V4L2_BUF_TYPE_VIDEO_CAPTURE;
	uint8_t *omap[RB_MAX] = { 0 }, *cmap[RB_MAX] = { 0 };
	size_t olen[RB_MAX] = { 0 }, clen[RB_MAX] = { 0 };
	unsigned int i, size, done = 0, good = 0, seen = 0;
	char used_path[512];
	long used0, used1, used2;
	int fd, mapped = 1;

	if (count < 1 || count > RB_MAX) {
		fprintf(stderr, "readback: COUNT must be 1..%d\n", RB_MAX);
		return 2;
	}
	snprintf(used_path, sizeof(used_path), "%s/used", cma_dir);
	fd = open_node(dev);
	if (fd < 0)
		return 1;
	size = rb_format(fd, out);
	if (!size || rb_format(fd, cap) != size) {
		result(c, 0, "readback: %ux%u GREY on both queues of %s", RB_W,
		       RB_H, dev);
		goto close;
	}
	used0 = read_long(used_path);
	if (reqbufs_type(fd, out, count, 0, NULL) != (int)count ||
	    reqbufs_type(fd, cap, count, 0, NULL) != (int)count) {
		result(c, 0, "readback: REQBUFS(%u) MMAP on both queues", count);
		goto free;
	}
	used1 = read_long(used_path);
	result(c, used0 >= 0 &&
	       (used1 - used0) * (long)c->page_size ==
	       (long)(2 * count * page_align(c, size)),
	       "readback: %u OUTPUT + %u CAPTURE buffers of %u bytes took exactly their pages of the CMA area (used %ld -> %ld)",
	       count, count, size, used0, used1);
	for (i = 0; i < count; i++) {
		omap[i] = map_buffer(fd, out, i, &olen[i]);
		cmap[i] = map_buffer(fd, cap, i, &clen[i]);
		if (omap[i] == MAP_FAILED || cmap[i] == MAP_FAILED ||
		    olen[i] < size || clen[i] < size) {
			mapped = 0;
			break;
		}
	}
	if (!mapped) {
		result(c, 0, "readback: mmap every buffer: %s", strerror(errno));
		goto unmap;
	}
	for (i = 0; i < count; i++) {
		struct v4l2_buffer b = {
			.index = i, .type = out, .memory = V4L2_MEMORY_MMAP,
			.bytesused = size, .field = V4L2_FIELD_NONE,
			.timestamp = { .tv_sec = i + 1 },
		};
		size_t j;

		for (j = 0; j < size; j++)
			omap[i][j] = rb_pattern(i, j);
		memset(cmap[i], RB_CANARY, size);
		if (xioctl(fd, VIDIOC_QBUF, &b))
			break;
		b.type = cap;
		b.bytesused = 0;
		if (xioctl(fd, VIDIOC_QBUF, &b))
			break;
	}
	if (i < count || xioctl(fd, VIDIOC_STREAMON, &out) ||
	    xioctl(fd, VIDIOC_STREAMON, &cap)) {
		result(c, 0, "readback: QBUF %u + %u and STREAMON: %s", count,
		       count, strerror(errno));
		goto unmap;
	}
	for (i = 0; i < count; i++) {
		unsigned int idx, src, used;
		size_t j, bad = 0;

		if (rb_dqbuf(fd, &idx, &src, &used))
			break;
		done++;
		if (idx >= count || src >= count || used != size ||
		    (seen & 1u << src)) {
			fprintf(stderr, "CAPTURE %u: source %u, bytesused %u of %u\n",
				idx, src, used, size);
			continue;
		}
		seen |= 1u << src;
		for (j = 0; j < size; j++)
			bad += cmap[idx][j] != rb_pattern(src, j);
		if (bad)
			fprintf(stderr, "CAPTURE %u (from OUTPUT %u): %zu of %u bytes differ from the pattern\n",
				idx, src, bad, size);
		else
			good++;
	}
	result(c, done == count && good == count,
	       "readback: every CAPTURE buffer holds its own OUTPUT buffer's pattern, written by the hardware model at bus addresses (%u of %u)",
	       good, count);
	xioctl(fd, VIDIOC_STREAMOFF, &out);
	xioctl(fd, VIDIOC_STREAMOFF, &cap);
unmap:
	for (i = 0; i < count; i++) {
		if (omap[i] && omap[i] != MAP_FAILED)
			munmap(omap[i], olen[i]);
		if (cmap[i] && cmap[i] != MAP_FAILED)
			munmap(cmap[i], clen[i]);
	}
free:
	reqbufs_type(fd, out, 0, 0, NULL);
	reqbufs_type(fd, cap, 0, 0, NULL);
	used2 = read_long(used_path);
	result(c, used0 >= 0 && used2 == used0,
	       "readback: REQBUFS(0) gave the CMA pages back (used %ld)", used2);
close:
	close(fd);
	return c->failed;
}

/* a dma-buf of @len bytes from udmabuf: memfd pages, -1 on error */
static int udmabuf_alloc(size_t len)
{
	struct udmabuf_create cr = { .flags = UDMABUF_FLAGS_CLOEXEC };
	int memfd, dev, buf = -1;

	memfd = memfd_create("cmacodec-memcheck", MFD_ALLOW_SEALING);
	dev = open("/dev/udmabuf", O_RDWR | O_CLOEXEC);
	if (memfd < 0 || dev < 0 || ftruncate(memfd, (off_t)len) ||
	    fcntl(memfd, F_ADD_SEALS, F_SEAL_SHRINK)) {
		fprintf(stderr, "udmabuf setup: %s\n", strerror(errno));
		goto out;
	}
	cr.memfd = (__u32)memfd;
	cr.size = len;
	buf = xioctl(dev, UDMABUF_CREATE, &cr);
	if (buf < 0)
		fprintf(stderr, "UDMABUF_CREATE: %s\n", strerror(errno));
out:
	if (memfd >= 0)
		close(memfd);
	if (dev >= 0)
		close(dev);
	return buf;
}

static void import_one(struct check *c, int fd, unsigned int index, int dbuf,
		       const char *what, int want)
{
	int r = dbuf < 0 ? -ENODEV : qbuf_dmabuf(fd, index, dbuf, c->sizeimage);

	result(c, r == want, "QBUF of a %s DMABUF: %s (want %s)", what,
	       r ? strerror(-r) : "accepted", want ? strerror(-want) : "accepted");
	if (dbuf >= 0)
		close(dbuf);
}

static int noncontig(struct check *c, const char *dev, const char *heap)
{
	struct v4l2_requestbuffers rb = {
		.count = 2,
		.type = V4L2_BUF_TYPE_VIDEO_OUTPUT,
		.memory = V4L2_MEMORY_DMABUF,
	};
	struct v4l2_format f = { .type = V4L2_BUF_TYPE_VIDEO_OUTPUT };
	size_t len;
	int fd = open_node(dev);

	if (fd < 0)
		return 1;
	/* 1920x1080 YU12: a 3 MB frame, 760 pages */
	f.fmt.pix.width = 1920;
	f.fmt.pix.height = 1080;
	f.fmt.pix.pixelformat = V4L2_PIX_FMT_YUV420;
	if (xioctl(fd, VIDIOC_S_FMT, &f) || xioctl(fd, VIDIOC_REQBUFS, &rb)) {
		result(c, 0, "1920x1080 DMABUF OUTPUT queue set up (%s)",
		       strerror(errno));
		return 1;
	}
	c->sizeimage = f.fmt.pix.sizeimage;
	len = page_align(c, c->sizeimage);
	/*
	 * vb2-dma-contig refuses a mapping in more than one piece with
	 * EFAULT.  The system heap is not used: its 1 MiB chunks can come
	 * out adjacent by chance, which would make the check flaky.
	 * The good buffer goes into another index: after a failed map vb2
	 * zeroes the plane length it checks bytesused against, so the
	 * same index refuses any payload with EINVAL until REQBUFS.
	 */
	import_one(c, fd, 0, udmabuf_alloc(len), "udmabuf (memfd pages)",
		   -EFAULT);
	import_one(c, fd, 1, heap_alloc(heap, len),
		   "CMA-heap", 0);
	rb.count = 0;
	result(c, !xioctl(fd, VIDIOC_REQBUFS, &rb),
	       "REQBUFS(0) after the refused imports");
	close(fd);
	return c->failed;
}

int main(int argc, char **argv)
{
	struct check c = { .page_size = (unsigned long)sysconf(_SC_PAGESIZE) };

	if (argc >= 5 && argc <= 7 && !strcmp(argv[1], "buffers")) {
		c.attrs = argc > 5 ? argv[5] : NULL;
		c.non_coherent = argc > 6 && !strcmp(argv[6], "nc");
		return buffers(&c, argv[2], (unsigned int)atoi(argv[3]),
			       argv[4]);
	}
	if (argc == 5 && !strcmp(argv[1], "mplane"))
		return mplane(&c, argv[2], (unsigned int)atoi(argv[3]), argv[4]);
	if (argc == 3 && !strcmp(argv[1], "limits"))
		return limits(&c, argv[2]);
	if (argc == 3 && !strcmp(argv[1], "stale"))
		return stale(&c, argv[2]);
	if (argc == 4 && !strcmp(argv[1], "noncontig"))
		return noncontig(&c, argv[2], argv[3]);
	if (argc == 5 && !strcmp(argv[1], "readback"))
		return readback(&c, argv[2], (unsigned int)atoi(argv[3]),
				argv[4]);
	fprintf(stderr, "usage: %s buffers /dev/videoN COUNT CMA_DEBUGFS_DIR [ATTRS [nc]]\n"
		"       %s mplane /dev/videoN COUNT CMA_DEBUGFS_DIR\n"
		"       %s limits|stale /dev/videoN\n"
		"       %s noncontig /dev/videoN CMA_HEAP\n"
		"       %s readback /dev/videoCONV COUNT CMA_DEBUGFS_DIR\n",
		argv[0], argv[0], argv[0], argv[0], argv[0]);
	return 2;
}
