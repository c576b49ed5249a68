// SPDX-License-Identifier: GPL-2.0-only
/*
 * cmacodec-dt-init: /init of the arm64 virt DT guest (scripts/vm-run-arm64.sh).
 * Statically linked, no shell or libraries in the initramfs.
 *
 * The DTB (tests/arm64/virt-dt.sh) declares two reusable shared-dma-pools,
 * pool-a and pool-b, and a "cmacodec,fwht-codec" node whose memory-region
 * is pool-b.  For each coherency mode (module parameters of cmacodec-vb2.c)
 * it loads /cmacodec.ko, then on the encoder:
 *   - REQBUFS MMAP buffers on both queues: cma/pool-b/used grows by exactly
 *     their pages, cma/pool-a and the default area "reserved" do not move;
 *     the driver's debugfs says the device has its own area and every
 *     buffer's DMA range lies inside pool-b; cmacodec/buffers lists the
 *     mode's attributes;
 *   - encodes one frame: bytesused > 0, a FWHT header, and a stream
 *     identical to the first (coherent) mode's;
 *   - REQBUFS 0 and close: pool-b's used is back where it was;
 * and unloads the module.  The machine is non-coherent for the device (no
 * dma-coherent in the DT): that is checked too.  Then pool-b (32 MiB) is
 * exhausted (run_exhaustion): ENOMEM, nothing left behind, no other area
 * used, and the device works afterwards.  The guest boots with cma=32M, so
 * the default area is as small as the pools.
 *
 * TAP goes to the console with the prefix "cmtap: ", the kernel log at the
 * end with "cmlog: " (the runner splits them out), then it powers off.
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/klog.h>
#include <sys/mman.h>
#include <sys/mount.h>
#include <sys/reboot.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>
#include <linux/videodev2.h>

#include "linux/cmacodec.h"

#define CMA_DIR "/sys/kernel/debug/cma/"
#define POOL_USE "pool-b"	/* the node's memory-region */
#define POOL_OTHER "pool-a"
#define DEFAULT_AREA "reserved"
#define MODULE_PATH "/cmacodec.ko"
#define W 640
#define H 480
#define NBUF_OUT 3
#define NBUF_CAP 2

struct mode {
	const char *name;
	const char *params;
	const char *attrs;	/* cmacodec/buffers attributes column */
	int non_coherent;	/* V4L2_MEMORY_FLAG_NON_COHERENT */
};

static const struct mode modes[] = {
	{ "coherent", "", "coherent", 0 },
	{ "write-combine", "write_combine=1", "coherent,wc", 0 },
	{ "write-combine, no kernel mapping",
	  "write_combine=1 no_kernel_mapping=1", "coherent,wc,nomap", 0 },
	{ "non-coherent (cache hints)", "cache_hints=1", "non-coherent", 1 },
};

static int ntests, nfailed, loads;
static long page_size;
static unsigned char *ref_stream;
static size_t ref_len;

static void out(const char *prefix, const char *fmt, va_list ap)
{
	char line[1024];
	int n;

	n = snprintf(line, sizeof(line), "%s", prefix);
	vsnprintf(line + n, sizeof(line) - n, fmt, ap);
	strncat(line, "\n", sizeof(line) - strlen(line) - 1);
	/* one write per line: kernel messages do not split it */
	if (write(1, line, strlen(line)) < 0)
		_exit(1);
}

static void __attribute__((format(printf, 1, 2))) diag(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	out("cmtap: # ", fmt, ap);
	va_end(ap);
}

static int __attribute__((format(printf, 2, 3))) tap(int ok, const char *fmt, ...)
{
	char prefix[32];
	va_list ap;

	ntests++;
	if (!ok)
		nfailed++;
	snprintf(prefix, sizeof(prefix), "cmtap: %sok %d - ", ok ? "" : "not ",
		 ntests);
	va_start(ap, fmt);
	out(prefix, fmt, ap);
	va_end(ap);
	return ok;
}

/* the first line of a file, or "" */
static char *read_line(const char *path, char *buf, size_t len)
{
	FILE *f = fopen(path, "r");

	buf[0] = '\0';
	if (!f)
		return buf;
	if (!fgets(buf, len, f))
		buf[0] = '\0';
	fclose(f);
	buf[strcspn(buf, "\n")] = '\0';
	return buf;
}

/* a number from a debugfs/sysfs file, -1 if unreadable */
static long long read_num(const char *path)
{
	char buf[64], *end;
	long long v;

	read_line(path, buf, sizeof(buf));
	if (!buf[0])
		return -1;
	v = strtoll(buf, &end, 0);
	return end == buf ? -1 : v;
}

static long long cma_val(const char *area, const char *file)
{
	char path[256];

	snprintf(path, sizeof(path), CMA_DIR "%s/%s", area, file);
	return read_num(path);
}

/* whole file into buf (NUL-terminated); length or -1 */
static ssize_t slurp(const char *path, char *buf, size_t len)
{
	int fd = open(path, O_RDONLY);
	ssize_t n, got = 0;

	if (fd < 0)
		return -1;
	while (got < (ssize_t)len - 1 &&
	       (n = read(fd, buf + got, len - 1 - got)) > 0)
		got += n;
	close(fd);
	buf[got] = '\0';
	return got;
}

static int xioctl(int fd, unsigned long req, void *arg)
{
	int r;

	do
		r = ioctl(fd, req, arg);
	while (r < 0 && errno == EINTR);
	return r;
}

/* /dev/videoN whose sysfs name is @name, and how many there are */
static int find_node(const char *name, char *dev, size_t len)
{
	struct dirent *e;
	int found = 0;
	DIR *d = opendir("/sys/class/video4linux");

	if (!d)
		return 0;
	while ((e = readdir(d))) {
		char path[300], buf[64];

		if (strncmp(e->d_name, "video", 5))
			continue;
		snprintf(path, sizeof(path), "/sys/class/video4linux/%s/name",
			 e->d_name);
		if (strcmp(read_line(path, buf, sizeof(buf)), name))
			continue;
		if (!found++)
			snprintf(dev, len, "/dev/%s", e->d_name);
	}
	closedir(d);
	return found;
}

static int load_module(const char *params)
{
	int fd = open(MODULE_PATH, O_RDONLY | O_CLOEXEC);
	int r;

	if (fd < 0)
		return -1;
	r = syscall(SYS_finit_module, fd, params, 0);
	close(fd);
	return r;
}

static int unload_module(void)
{
	return syscall(SYS_delete_module, "cmacodec", O_NONBLOCK);
}

static void sleep_ms(long ms)
{
	struct timespec ts = { ms / 1000, (ms % 1000) * 1000000L };

	nanosleep(&ts, NULL);
}

/* rmmod cmacodec, retrying for up to 5 s while it is busy; one TAP line */
static void rmmod_tap(const char *what)
{
	int n;

	for (n = 0; n < 50 && unload_module(); n++)
		sleep_ms(100);
	tap(n < 50, "%s: rmmod cmacodec", what);
}

/* the cmacodec/area field @key, as a string */
static int area_field(const char *key, char *val, size_t len)
{
	static char buf[4096];
	char *p;
	size_t klen = strlen(key);

	if (slurp("/sys/kernel/debug/cmacodec/area", buf, sizeof(buf)) < 0)
		return -1;
	for (p = buf; p && *p; p = strchr(p, '\n'), p = p ? p + 1 : NULL) {
		if (!strncmp(p, key, klen) && p[klen] == ':') {
			p += klen + 1;
			p += strspn(p, " ");
			snprintf(val, len, "%.*s", (int)strcspn(p, "\n"), p);
			return 0;
		}
	}
	return -1;
}

/* how often the kernel log has @needle */
static int klog_count(const char *needle)
{
	int len = klogctl(10 /* SYSLOG_ACTION_SIZE_BUFFER */, NULL, 0), n = 0;
	char *buf, *p;

	if (len <= 0)
		return -1;
	buf = malloc(len + 1);
	if (!buf)
		return -1;
	len = klogctl(3 /* SYSLOG_ACTION_READ_ALL */, buf, len);
	buf[len > 0 ? len : 0] = '\0';
	for (p = buf; (p = strstr(p, needle)); p += strlen(needle))
		n++;
	free(buf);
	return n;
}

struct queue {
	enum v4l2_buf_type type;
	unsigned int count;
	void *map[8];
	unsigned int len[8];
};

static int reqbufs(int fd, struct queue *q, unsigned int count, int nc)
{
	struct v4l2_requestbuffers rb = {
		.count = count, .type = q->type, .memory = V4L2_MEMORY_MMAP,
		.flags = nc ? V4L2_MEMORY_FLAG_NON_COHERENT : 0,
	};

	if (xioctl(fd, VIDIOC_REQBUFS, &rb))
		return -1;
	q->count = rb.count;
	return 0;
}

static int map_bufs(int fd, struct queue *q, size_t *total)
{
	unsigned int i;

	for (i = 0; i < q->count; i++) {
		struct v4l2_buffer b = { .index = i, .type = q->type,
					 .memory = V4L2_MEMORY_MMAP };

		if (xioctl(fd, VIDIOC_QUERYBUF, &b))
			return -1;
		q->len[i] = b.length;
		*total += (b.length + page_size - 1) / page_size * page_size;
		q->map[i] = mmap(NULL, b.length, PROT_READ | PROT_WRITE,
				 MAP_SHARED, fd, b.m.offset);
		if (q->map[i] == MAP_FAILED)
			return -1;
	}
	return 0;
}

static void unmap_bufs(struct queue *q)
{
	unsigned int i;

	for (i = 0; i < q->count; i++)
		if (q->map[i] && q->map[i] != MAP_FAILED)
			munmap(q->map[i], q->len[i]);
	memset(q->map, 0, sizeof(q->map));
}

/* every non-imported buffer in cmacodec/buffers: attrs and range */
static void check_buffers_file(const struct mode *m, unsigned long long lo,
			       unsigned long long hi, unsigned int want)
{
	static char buf[16384];
	unsigned int n = 0, attrs_ok = 0, in_pool = 0;
	char *line;

	if (slurp("/sys/kernel/debug/cmacodec/buffers", buf, sizeof(buf)) < 0) {
		tap(0, "%s: debugfs cmacodec/buffers readable", m->name);
		return;
	}
	for (line = strtok(buf, "\n"); line; line = strtok(NULL, "\n")) {
		unsigned int inst, bytes;
		char node[32], queue[16], attrs[40];
		unsigned long long start, end;
		int index;

		if (sscanf(line, "%u %31s %15s %d %u %llx %llx %39s", &inst,
			   node, queue, &index, &bytes, &start, &end,
			   attrs) != 8)
			continue;
		n++;
		if (!strcmp(attrs, m->attrs))
			attrs_ok++;
		else
			diag("buffer %s/%d: attributes '%s'", queue, index,
			     attrs);
		if (start >= lo && end <= hi)
			in_pool++;
		else
			diag("buffer %s/%d: DMA 0x%llx-0x%llx outside " POOL_USE
			     " 0x%llx-0x%llx", queue, index, start, end, lo, hi);
	}
	tap(n == want, "%s: cmacodec/buffers lists %u buffers (want %u)",
	    m->name, n, want);
	tap(n && attrs_ok == n, "%s: every buffer's attributes read '%s'",
	    m->name, m->attrs);
	tap(n && in_pool == n,
	    "%s: every buffer's DMA range lies inside " POOL_USE, m->name);
}

static int encode_one(const struct mode *m, int fd, struct queue *qo,
		      struct queue *qc, unsigned int sizeimage)
{
	int type_o = qo->type, type_c = qc->type, ok = 0;
	struct v4l2_buffer b = { .index = 0, .type = qo->type,
				 .memory = V4L2_MEMORY_MMAP,
				 .bytesused = sizeimage };
	struct pollfd p = { .fd = fd, .events = POLLIN };
	unsigned int i;
	unsigned char *src = qo->map[0];

	/* a gradient: compresses, and any corruption changes the stream */
	for (i = 0; i < sizeimage; i++)
		src[i] = (unsigned char)((i % W) + (i / W) * 3);
	if (xioctl(fd, VIDIOC_QBUF, &b))
		return tap(0, "%s: QBUF OUTPUT: %s", m->name, strerror(errno));
	memset(&b, 0, sizeof(b));
	b.type = qc->type;
	b.memory = V4L2_MEMORY_MMAP;
	if (xioctl(fd, VIDIOC_QBUF, &b))
		return tap(0, "%s: QBUF CAPTURE: %s", m->name, strerror(errno));
	if (xioctl(fd, VIDIOC_STREAMON, &type_o) ||
	    xioctl(fd, VIDIOC_STREAMON, &type_c))
		return tap(0, "%s: STREAMON: %s", m->name, strerror(errno));
	if (poll(&p, 1, 20000) != 1)
		return tap(0, "%s: a frame is encoded within 20 s", m->name);
	memset(&b, 0, sizeof(b));
	b.type = qc->type;
	b.memory = V4L2_MEMORY_MMAP;
	if (xioctl(fd, VIDIOC_DQBUF, &b))
		return tap(0, "%s: DQBUF CAPTURE: %s", m->name, strerror(errno));
	ok = tap(b.bytesused > 0 && !(b.flags & V4L2_BUF_FLAG_ERROR),
		 "%s: one frame encoded, bytesused %u, flags 0x%x", m->name,
		 b.bytesused, b.flags);
	if (ok) {
		const unsigned char *s = qc->map[b.index];
		uint32_t m1, m2;

		memcpy(&m1, s, 4);
		memcpy(&m2, s + 4, 4);
		tap(m1 == CMACODEC_FWHT_MAGIC1 && m2 == CMACODEC_FWHT_MAGIC2,
		    "%s: the stream starts with a FWHT header", m->name);
		if (!ref_stream) {
			ref_stream = malloc(b.bytesused);
			if (ref_stream) {
				memcpy(ref_stream, s, b.bytesused);
				ref_len = b.bytesused;
			}
		} else {
			tap(ref_len == b.bytesused &&
			    !memcmp(ref_stream, s, ref_len),
			    "%s: the stream is identical to the coherent mode's (%zu vs %u bytes)",
			    m->name, ref_len, b.bytesused);
		}
	}
	memset(&b, 0, sizeof(b));
	b.type = qo->type;
	b.memory = V4L2_MEMORY_MMAP;
	xioctl(fd, VIDIOC_DQBUF, &b);
	xioctl(fd, VIDIOC_STREAMOFF, &type_o);
	xioctl(fd, VIDIOC_STREAMOFF, &type_c);
	return ok;
}

static void run_mode(const struct mode *m)
{
	long long b0, a0, r0, b1, a1, r1, b2, base, count;
	struct queue qo = { .type = V4L2_BUF_TYPE_VIDEO_OUTPUT };
	struct queue qc = { .type = V4L2_BUF_TYPE_VIDEO_CAPTURE };
	struct v4l2_format f = { .type = V4L2_BUF_TYPE_VIDEO_OUTPUT };
	unsigned long long lo, hi;
	size_t total = 0;
	char dev[300], val[128];
	int fd, n;

	diag("mode %s: cmacodec %s", m->name, m->params);
	if (!tap(load_module(m->params) == 0, "%s: insmod cmacodec.ko %s",
		 m->name, m->params)) {
		diag("finit_module: %s", strerror(errno));
		return;
	}
	/*
	 * 6.12 exports no CMA area names to modules, so cmacodec/area cannot
	 * name the pool; the OF core's probe message does, once per load.
	 */
	loads++;
	n = klog_count("cmacodec cmacodec: assigned reserved memory node "
		       POOL_USE "\n");
	tap(n == loads,
	    "%s: the kernel log says the device got reserved memory node "
	    POOL_USE " (%d times in %d loads)", m->name, n, loads);
	n = find_node("cmacodec-enc", dev, sizeof(dev));
	tap(n == 1, "%s: exactly one cmacodec-enc node (%d): the DT device only",
	    m->name, n);
	if (!n)
		goto unload;
	{
		char p[400];
		struct stat st;

		snprintf(p, sizeof(p), "/sys/class/video4linux/%s/device/of_node",
			 dev + 5);
		tap(stat(p, &st) == 0, "%s: %s's device is the DT node's",
		    m->name, dev);
	}
	tap(area_field("device_area", val, sizeof(val)) == 0 &&
	    strstr(val, "own (memory-region)"),
	    "%s: cmacodec/area says device_area: own (memory-region) ('%s')",
	    m->name, val);

	base = cma_val(POOL_USE, "base_pfn") * page_size;
	count = cma_val(POOL_USE, "count");
	lo = base;
	hi = base + count * page_size - 1;
	b0 = cma_val(POOL_USE, "used");
	a0 = cma_val(POOL_OTHER, "used");
	r0 = cma_val(DEFAULT_AREA, "used");

	fd = open(dev, O_RDWR | O_NONBLOCK);
	if (!tap(fd >= 0, "%s: open %s", m->name, dev))
		goto unload;
	f.fmt.pix.width = W;
	f.fmt.pix.height = H;
	f.fmt.pix.pixelformat = V4L2_PIX_FMT_YUV420;
	if (!tap(xioctl(fd, VIDIOC_S_FMT, &f) == 0 && f.fmt.pix.sizeimage,
		 "%s: S_FMT OUTPUT %ux%u YU12, sizeimage %u", m->name,
		 f.fmt.pix.width, f.fmt.pix.height, f.fmt.pix.sizeimage))
		goto close;
	if (!tap(reqbufs(fd, &qo, NBUF_OUT, m->non_coherent) == 0 &&
		 qo.count == NBUF_OUT &&
		 reqbufs(fd, &qc, NBUF_CAP, m->non_coherent) == 0 &&
		 qc.count == NBUF_CAP,
		 "%s: REQBUFS MMAP %u OUTPUT + %u CAPTURE (got %u + %u)",
		 m->name, NBUF_OUT, NBUF_CAP, qo.count, qc.count))
		goto close;
	if (!tap(map_bufs(fd, &qo, &total) == 0 &&
		 map_bufs(fd, &qc, &total) == 0,
		 "%s: QUERYBUF + mmap every buffer (%zu bytes)", m->name,
		 total))
		goto free;
	b1 = cma_val(POOL_USE, "used");
	a1 = cma_val(POOL_OTHER, "used");
	r1 = cma_val(DEFAULT_AREA, "used");
	tap(b1 - b0 == (long long)(total / page_size),
	    "%s: cma/" POOL_USE "/used grew by exactly the buffers' %zu pages (%lld -> %lld)",
	    m->name, total / page_size, b0, b1);
	tap(a0 >= 0 && a1 == a0, "%s: cma/" POOL_OTHER "/used did not move (%lld -> %lld)",
	    m->name, a0, a1);
	tap(r0 >= 0 && r1 == r0,
	    "%s: the default area cma/" DEFAULT_AREA "/used did not move (%lld -> %lld)",
	    m->name, r0, r1);
	if (area_field("held_dma_span", val, sizeof(val)) == 0) {
		unsigned long long s = 0, e = 0;

		sscanf(val, "%llx %llx", &s, &e);
		tap(s >= lo && e <= hi && s < e,
		    "%s: cmacodec/area's held_dma_span %s lies in " POOL_USE
		    " (0x%llx-0x%llx)", m->name, val, lo, hi);
	} else {
		tap(0, "%s: cmacodec/area has held_dma_span", m->name);
	}
	if (m->non_coherent) {
		struct v4l2_create_buffers cb = { .count = 0,
			.memory = V4L2_MEMORY_MMAP,
			.flags = V4L2_MEMORY_FLAG_NON_COHERENT,
			.format.type = V4L2_BUF_TYPE_VIDEO_OUTPUT };

		tap(xioctl(fd, VIDIOC_CREATE_BUFS, &cb) == 0 &&
		    (cb.capabilities & V4L2_BUF_CAP_SUPPORTS_MMAP_CACHE_HINTS) &&
		    (cb.flags & V4L2_MEMORY_FLAG_NON_COHERENT),
		    "%s: the queue kept NON_COHERENT (caps 0x%x flags 0x%x)",
		    m->name, cb.capabilities, cb.flags);
	}
	check_buffers_file(m, lo, hi, NBUF_OUT + NBUF_CAP);
	encode_one(m, fd, &qo, &qc, f.fmt.pix.sizeimage);
free:
	unmap_bufs(&qo);
	unmap_bufs(&qc);
	tap(reqbufs(fd, &qo, 0, 0) == 0 && reqbufs(fd, &qc, 0, 0) == 0,
	    "%s: REQBUFS 0 on both queues", m->name);
close:
	close(fd);
	b2 = cma_val(POOL_USE, "used");
	tap(b2 == b0, "%s: after REQBUFS 0 and close cma/" POOL_USE
	    "/used is back (%lld -> %lld)", m->name, b0, b2);
unload:
	rmmod_tap(m->name);
}

/*
 * Exhaustion of the device's own 32 MiB area: 4096x2160 YU12 OUTPUT buffers
 * (12.7 MiB each, far above the buddy allocator's largest block, so
 * dma-direct has no fallback) until pool-b is full.  REQBUFS gives fewer
 * buffers than asked, CREATE_BUFS of one more fails with ENOMEM and leaves
 * nothing behind, no other area moves, REQBUFS 0 gives everything back, and
 * the device then encodes a frame identical to the coherent mode's.
 */
static void run_exhaustion(void)
{
	static const struct mode after = { "after exhaustion", "", "coherent", 0 };
	struct queue qo = { .type = V4L2_BUF_TYPE_VIDEO_OUTPUT };
	struct queue qc = { .type = V4L2_BUF_TYPE_VIDEO_CAPTURE };
	struct v4l2_format f = { .type = V4L2_BUF_TYPE_VIDEO_OUTPUT };
	struct v4l2_create_buffers cb = { .count = 1, .memory = V4L2_MEMORY_MMAP };
	long long b0 = -1, a0, r0, b1, b2, pages;
	size_t total = 0;
	char dev[300];
	int fd, r;

	if (!tap(load_module("") == 0, "exhaustion: insmod cmacodec.ko")) {
		diag("finit_module: %s", strerror(errno));
		return;
	}
	loads++;
	if (!tap(find_node("cmacodec-enc", dev, sizeof(dev)) == 1,
		 "exhaustion: the encoder node is there"))
		goto unload;
	fd = open(dev, O_RDWR | O_NONBLOCK);
	if (!tap(fd >= 0, "exhaustion: open %s", dev))
		goto unload;
	f.fmt.pix.width = 4096;
	f.fmt.pix.height = 2160;
	f.fmt.pix.pixelformat = V4L2_PIX_FMT_YUV420;
	if (!tap(xioctl(fd, VIDIOC_S_FMT, &f) == 0 &&
		 f.fmt.pix.sizeimage > 8u << 20,
		 "exhaustion: S_FMT OUTPUT 4096x2160 YU12, sizeimage %u",
		 f.fmt.pix.sizeimage))
		goto close;
	pages = (f.fmt.pix.sizeimage + page_size - 1) / page_size;
	b0 = cma_val(POOL_USE, "used");
	a0 = cma_val(POOL_OTHER, "used");
	r0 = cma_val(DEFAULT_AREA, "used");
	r = reqbufs(fd, &qo, 8, 0);
	tap(r == 0 && qo.count >= 1 && qo.count < 8,
	    "exhaustion: REQBUFS 8 x %u bytes in a 32 MiB pool gives fewer (%s, %u)",
	    f.fmt.pix.sizeimage, r ? strerror(errno) : "ok", r ? 0 : qo.count);
	if (r)
		goto close;
	b1 = cma_val(POOL_USE, "used");
	tap(b1 - b0 == (long long)qo.count * pages,
	    "exhaustion: cma/" POOL_USE "/used grew by exactly %u x %lld pages (%lld -> %lld)",
	    qo.count, pages, b0, b1);
	cb.format = f;
	r = xioctl(fd, VIDIOC_CREATE_BUFS, &cb) ? errno : 0;
	tap(r == ENOMEM, "exhaustion: CREATE_BUFS of one more fails with ENOMEM (%s)",
	    r ? strerror(r) : "succeeded");
	b2 = cma_val(POOL_USE, "used");
	tap(b2 == b1, "exhaustion: the failed CREATE_BUFS left nothing in "
	    POOL_USE " (%lld -> %lld)", b1, b2);
	tap(cma_val(POOL_OTHER, "used") == a0 &&
	    cma_val(DEFAULT_AREA, "used") == r0,
	    "exhaustion: " POOL_OTHER " and " DEFAULT_AREA " did not move (no fallback)");
	tap(reqbufs(fd, &qo, 0, 0) == 0 && cma_val(POOL_USE, "used") == b0,
	    "exhaustion: REQBUFS 0 gives " POOL_USE " back (%lld)",
	    cma_val(POOL_USE, "used"));

	/* the device works afterwards, on the same fd */
	f.fmt.pix.width = W;
	f.fmt.pix.height = H;
	if (!tap(xioctl(fd, VIDIOC_S_FMT, &f) == 0 &&
		 reqbufs(fd, &qo, NBUF_OUT, 0) == 0 &&
		 reqbufs(fd, &qc, NBUF_CAP, 0) == 0 &&
		 map_bufs(fd, &qo, &total) == 0 && map_bufs(fd, &qc, &total) == 0,
		 "%s: %ux%u buffers allocated and mapped", after.name, W, H))
		goto free;
	encode_one(&after, fd, &qo, &qc, f.fmt.pix.sizeimage);
free:
	unmap_bufs(&qo);
	unmap_bufs(&qc);
	reqbufs(fd, &qo, 0, 0);
	reqbufs(fd, &qc, 0, 0);
close:
	close(fd);
	tap(cma_val(POOL_USE, "used") == b0 || b0 < 0,
	    "exhaustion: after close cma/" POOL_USE "/used is back (%lld)",
	    cma_val(POOL_USE, "used"));
unload:
	rmmod_tap("exhaustion");
}

static void dump_kernel_log(void)
{
	int len = klogctl(10 /* SYSLOG_ACTION_SIZE_BUFFER */, NULL, 0);
	char *buf, *line;

	if (len <= 0)
		return;
	buf = malloc(len + 1);
	if (!buf)
		return;
	len = klogctl(3 /* SYSLOG_ACTION_READ_ALL */, buf, len);
	if (len < 0)
		len = 0;
	buf[len] = '\0';
	for (line = strtok(buf, "\n"); line; line = strtok(NULL, "\n")) {
		char l[1100];

		snprintf(l, sizeof(l), "cmlog: %s\n", line);
		if (write(1, l, strlen(l)) < 0)
			break;
	}
	free(buf);
}

int main(void)
{
	unsigned int i;
	struct stat st;
	char buf[64];

	mount("devtmpfs", "/dev", "devtmpfs", 0, NULL);
	mount("proc", "/proc", "proc", 0, NULL);
	mount("sysfs", "/sys", "sysfs", 0, NULL);
	mount("debugfs", "/sys/kernel/debug", "debugfs", 0, NULL);
	page_size = sysconf(_SC_PAGESIZE);
	printf("cmacodec-dt-init: started\n");
	fflush(stdout);

	tap(stat(CMA_DIR POOL_USE, &st) == 0 &&
	    stat(CMA_DIR POOL_OTHER, &st) == 0 &&
	    stat(CMA_DIR DEFAULT_AREA, &st) == 0,
	    "debugfs has CMA areas " POOL_OTHER ", " POOL_USE " and "
	    DEFAULT_AREA);
	tap(cma_val(POOL_USE, "count") * page_size == 32 << 20 &&
	    cma_val(POOL_OTHER, "count") * page_size == 32 << 20,
	    "both DT pools are 32 MiB (" POOL_OTHER " %lld, " POOL_USE
	    " %lld pages)", cma_val(POOL_OTHER, "count"),
	    cma_val(POOL_USE, "count"));
	tap(cma_val(DEFAULT_AREA, "count") * page_size == 32 << 20,
	    "the default area is cma=32M (%lld pages)",
	    cma_val(DEFAULT_AREA, "count"));
	read_line("/sys/firmware/devicetree/base/cmacodec/compatible", buf,
		  sizeof(buf));
	tap(!strcmp(buf, "cmacodec,fwht-codec"),
	    "the DT has the cmacodec node ('%s')", buf);
	tap(stat("/sys/firmware/devicetree/base/cmacodec/dma-coherent", &st),
	    "the cmacodec node is not dma-coherent: the device is non-coherent on arm64");
	for (i = 0; i < sizeof(modes) / sizeof(modes[0]); i++)
		run_mode(&modes[i]);
	run_exhaustion();

	printf("cmtap: 1..%d\n", ntests);
	printf("cmacodec-dt-init: %d tests, %d failed\n", ntests, nfailed);
	fflush(stdout);
	dump_kernel_log();
	printf("cmacodec-dt-init: finished\n");
	fflush(stdout);
	sync();
	reboot(RB_POWER_OFF);
	return 0;
}
