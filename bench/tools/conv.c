// SPDX-License-Identifier: GPL-2.0-only
/*
 * cmacodec-bench-conv: time per 1920x1080 NV12 -> XRGB32 conversion through
 * the converter node (cmacodec-conv), against a plain memcpy of a frame in
 * the same process (the memory bandwidth limit).
 *
 * usage: cmacodec-bench-conv [NODE|- [FRAMES [WARMUP]]]   defaults (or -):
 *        the video node named cmacodec-conv; 30 frames, 3 warm-up frames
 *
 * OUTPUT is NV12 BT.709 limited range, CAPTURE V4L2_PIX_FMT_XRGB32 ('BX24':
 * bytes X, R, G, B), one MMAP buffer each, one frame in flight.  A frame's
 * time is from its first QBUF to the DQBUF of its CAPTURE buffer.  The
 * memcpy is timed between two page-aligned heap buffers (touched first)
 * for the XRGB32 frame (what the converter must write: the figure of
 * memcpy_us, used for the ratio) and for the NV12 frame (what it reads:
 * memcpy_src_us).  Prints one line of "key value" pairs:
 *   conv_us MED conv_min_us MIN memcpy_us MED memcpy_src_us MED ratio R ...
 * The output is checked at the centre of every 128x128 chroma block (where
 * chroma is constant, so no interpolation is involved) against BT.709 in
 * floating point, +-2, X byte 0xff.  Exit 1 with a message on any failure.
 */
#include <dirent.h>
#include <math.h>
#include <poll.h>
#include <stdint.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <time.h>
#include "../../tests/tools/toolutil.h"
#include "benchutil.h"

#define WIDTH		1920
#define HEIGHT		1080
#define MAX_FRAMES	1000
#define MEMCPY_REPS	15
#define BLOCK		128	/* pixels per chroma block side */
#define TOLERANCE	2
#define POLL_MS		60000	/* TCG with a debug kernel is slow */
#define NODE_NAME	"cmacodec-conv"

/* byte offsets within an XRGB32 ('BX24') pixel */
enum { XRGB_X, XRGB_R, XRGB_G, XRGB_B };

/**
 * struct conv_buf - one MMAP buffer
 * @type: its queue
 * @ptr:  mapping
 * @len:  its length
 */
struct conv_buf {
	enum v4l2_buf_type type;
	uint8_t *ptr;
	size_t len;
};

/**
 * struct conv_bench - one run
 * @fd:      the converter node
 * @of:      OUTPUT format as set
 * @cf:      CAPTURE format as set
 * @out:     the NV12 source buffer
 * @cap:     the XRGB32 destination buffer
 * @conv_ns: time of each timed frame
 */
struct conv_bench {
	int fd;
	struct v4l2_format of, cf;
	struct conv_buf out, cap;
	uint64_t conv_ns[MAX_FRAMES];
};

static uint64_t median(uint64_t *v, unsigned int n)
{
	qsort(v, n, sizeof(*v), cmp_u64);
	return v[n / 2];
}

/* /dev/videoN of the video node whose sysfs name is NODE_NAME */
static int find_node(char *path, size_t size)
{
	DIR *d = opendir("/sys/class/video4linux");
	struct dirent *e;
	char name[64], file[512];
	int found = 0;

	if (!d) {
		fprintf(stderr, "cannot open /sys/class/video4linux: %s\n",
			strerror(errno));
		return -1;
	}
	while (!found && (e = readdir(d))) {
		FILE *f;

		if (strncmp(e->d_name, "video", 5))
			continue;
		snprintf(file, sizeof(file), "/sys/class/video4linux/%s/name",
			 e->d_name);
		f = fopen(file, "r");
		if (!f)
			continue;
		if (fgets(name, sizeof(name), f)) {
			name[strcspn(name, "\n")] = 0;
			if (!strcmp(name, NODE_NAME)) {
				snprintf(path, size, "/dev/%s", e->d_name);
				found = 1;
			}
		}
		fclose(f);
	}
	closedir(d);
	if (!found)
		fprintf(stderr, "no video node named %s (is cmacodec loaded?)\n",
			NODE_NAME);
	return found ? 0 : -1;
}

static int set_fmt(int fd, struct v4l2_format *f, enum v4l2_buf_type type,
		   uint32_t fourcc)
{
	memset(f, 0, sizeof(*f));
	f->type = type;
	f->fmt.pix.width = WIDTH;
	f->fmt.pix.height = HEIGHT;
	f->fmt.pix.pixelformat = fourcc;
	f->fmt.pix.field = V4L2_FIELD_NONE;
	/* without it the V4L2 core clears ycbcr_enc and quantization */
	f->fmt.pix.priv = V4L2_PIX_FMT_PRIV_MAGIC;
	f->fmt.pix.colorspace = V4L2_COLORSPACE_REC709;
	f->fmt.pix.ycbcr_enc = V4L2_YCBCR_ENC_709;
	f->fmt.pix.quantization = V4L2_QUANTIZATION_LIM_RANGE;
	if (xioctl(fd, VIDIOC_S_FMT, f)) {
		fprintf(stderr, "VIDIOC_S_FMT(%s %.4s): %s\n",
			type == V4L2_BUF_TYPE_VIDEO_OUTPUT ? "OUTPUT" : "CAPTURE",
			(char *)&fourcc, strerror(errno));
		return -1;
	}
	if (f->fmt.pix.pixelformat != fourcc || f->fmt.pix.width != WIDTH ||
	    f->fmt.pix.height != HEIGHT) {
		fprintf(stderr, "the node changed the format to %.4s %ux%u\n",
			(char *)&f->fmt.pix.pixelformat, f->fmt.pix.width,
			f->fmt.pix.height);
		return -1;
	}
	return 0;
}

static int set_formats(struct conv_bench *cb)
{
	const struct v4l2_pix_format *o = &cb->of.fmt.pix;

	if (set_fmt(cb->fd, &cb->of, V4L2_BUF_TYPE_VIDEO_OUTPUT,
		    V4L2_PIX_FMT_NV12) ||
	    set_fmt(cb->fd, &cb->cf, V4L2_BUF_TYPE_VIDEO_CAPTURE,
		    V4L2_PIX_FMT_XRGB32))
		return -1;
	if (o->ycbcr_enc != V4L2_YCBCR_ENC_709 ||
	    o->quantization != V4L2_QUANTIZATION_LIM_RANGE) {
		fprintf(stderr, "OUTPUT colorimetry not taken: ycbcr_enc %u quantization %u\n",
			o->ycbcr_enc, o->quantization);
		return -1;
	}
	if (o->bytesperline < WIDTH || cb->cf.fmt.pix.bytesperline < WIDTH * 4) {
		fprintf(stderr, "bytesperline too small: %u, %u\n",
			o->bytesperline, cb->cf.fmt.pix.bytesperline);
		return -1;
	}
	return 0;
}

/* REQBUFS(1) and mmap the buffer */
static int map_buf(int fd, struct conv_buf *b)
{
	struct v4l2_requestbuffers r = {
		.count = 1, .type = b->type, .memory = V4L2_MEMORY_MMAP,
	};
	struct v4l2_buffer q = {
		.index = 0, .type = b->type, .memory = V4L2_MEMORY_MMAP,
	};
	void *p;

	if (xioctl(fd, VIDIOC_REQBUFS, &r)) {
		fprintf(stderr, "VIDIOC_REQBUFS(type %d): %s\n", b->type,
			strerror(errno));
		return -1;
	}
	if (xioctl(fd, VIDIOC_QUERYBUF, &q)) {
		fprintf(stderr, "VIDIOC_QUERYBUF(type %d): %s\n", b->type,
			strerror(errno));
		return -1;
	}
	p = mmap(NULL, q.length, PROT_READ | PROT_WRITE, MAP_SHARED, fd,
		 q.m.offset);
	if (p == MAP_FAILED) {
		fprintf(stderr, "mmap(type %d, %u bytes): %s\n", b->type,
			q.length, strerror(errno));
		return -1;
	}
	b->ptr = p;
	b->len = q.length;
	return 0;
}

/* the source pattern: luma texture, constant chroma per BLOCK square */
static uint8_t pat_y(unsigned int x, unsigned int y)
{
	return 16 + (x * 3 + y * 5 + (((x >> 3) ^ (y >> 3)) & 1) * 40) % 200;
}

static uint8_t pat_cb(unsigned int bx, unsigned int by)
{
	return 64 + (bx * 37 + by * 11) % 128;
}

static uint8_t pat_cr(unsigned int bx, unsigned int by)
{
	return 64 + (bx * 23 + by * 53) % 128;
}

static void fill_nv12(const struct conv_bench *cb)
{
	unsigned int bpl = cb->of.fmt.pix.bytesperline, x, y;
	uint8_t *luma = cb->out.ptr, *uv = luma + (size_t)bpl * HEIGHT;

	for (y = 0; y < HEIGHT; y++)
		for (x = 0; x < WIDTH; x++)
			luma[(size_t)y * bpl + x] = pat_y(x, y);
	for (y = 0; y < HEIGHT / 2; y++) {
		for (x = 0; x < WIDTH / 2; x++) {
			uint8_t *p = uv + (size_t)y * bpl + 2 * x;

			p[0] = pat_cb(2 * x / BLOCK, 2 * y / BLOCK);
			p[1] = pat_cr(2 * x / BLOCK, 2 * y / BLOCK);
		}
	}
}

static uint8_t to_u8(double v)
{
	v = round(v * 255.0);
	return v < 0 ? 0 : v > 255 ? 255 : (uint8_t)v;
}

/* BT.709 limited range Y'CbCr to full range R'G'B' */
static void expect_rgb(uint8_t y, uint8_t cb, uint8_t cr, uint8_t rgb[3])
{
	double l = (y - 16) / 219.0, pb = (cb - 128) / 224.0,
	       pr = (cr - 128) / 224.0;

	rgb[0] = to_u8(l + 1.5748 * pr);
	rgb[1] = to_u8(l - 0.187324 * pb - 0.468124 * pr);
	rgb[2] = to_u8(l + 1.8556 * pb);
}

/* the centre pixel of every chroma block; returns pixels checked, -1 */
static int check_output(const struct conv_bench *cb)
{
	unsigned int bpl = cb->cf.fmt.pix.bytesperline, bx, by, n = 0;

	for (by = 0; by * BLOCK + BLOCK / 2 < HEIGHT; by++) {
		for (bx = 0; bx * BLOCK + BLOCK / 2 < WIDTH; bx++) {
			unsigned int x = bx * BLOCK + BLOCK / 2;
			unsigned int y = by * BLOCK + BLOCK / 2;
			const uint8_t *p = cb->cap.ptr + (size_t)y * bpl + 4 * x;
			uint8_t want[3];

			expect_rgb(pat_y(x, y), pat_cb(bx, by), pat_cr(bx, by),
				   want);
			if (p[XRGB_X] != 0xff ||
			    abs(p[XRGB_R] - want[0]) > TOLERANCE ||
			    abs(p[XRGB_G] - want[1]) > TOLERANCE ||
			    abs(p[XRGB_B] - want[2]) > TOLERANCE) {
				fprintf(stderr,
					"pixel (%u,%u): got X %u R %u G %u B %u, want X 255 R %u G %u B %u (+-%d)\n",
					x, y, p[XRGB_X], p[XRGB_R], p[XRGB_G],
					p[XRGB_B], want[0], want[1], want[2],
					TOLERANCE);
				return -1;
			}
			n++;
		}
	}
	return (int)n;
}

static int stream(int fd, unsigned long req)
{
	enum v4l2_buf_type t[2] = { V4L2_BUF_TYPE_VIDEO_OUTPUT,
				    V4L2_BUF_TYPE_VIDEO_CAPTURE };
	unsigned int i;

	for (i = 0; i < 2; i++) {
		if (xioctl(fd, req, &t[i])) {
			fprintf(stderr, "%s(type %d): %s\n",
				req == VIDIOC_STREAMON ? "VIDIOC_STREAMON" :
							 "VIDIOC_STREAMOFF",
				t[i], strerror(errno));
			return -1;
		}
	}
	return 0;
}

static int qbuf(int fd, enum v4l2_buf_type type, unsigned int bytes)
{
	struct v4l2_buffer b = {
		.index = 0, .type = type, .memory = V4L2_MEMORY_MMAP,
		.bytesused = bytes, .field = V4L2_FIELD_NONE,
	};

	if (xioctl(fd, VIDIOC_QBUF, &b)) {
		fprintf(stderr, "VIDIOC_QBUF(type %d): %s\n", type,
			strerror(errno));
		return -1;
	}
	return 0;
}

static int dqbuf(int fd, enum v4l2_buf_type type, struct v4l2_buffer *b)
{
	struct pollfd pfd = { .fd = fd, .events = POLLIN | POLLOUT };
	int r = poll(&pfd, 1, POLL_MS);

	if (r <= 0) {
		fprintf(stderr, "no buffer within %d s%s%s\n", POLL_MS / 1000,
			r ? ": " : "", r ? strerror(errno) : "");
		return -1;
	}
	memset(b, 0, sizeof(*b));
	b->type = type;
	b->memory = V4L2_MEMORY_MMAP;
	if (xioctl(fd, VIDIOC_DQBUF, b)) {
		fprintf(stderr, "VIDIOC_DQBUF(type %d): %s\n", type,
			strerror(errno));
		return -1;
	}
	if (b->flags & V4L2_BUF_FLAG_ERROR) {
		fprintf(stderr, "buffer of type %d came back with FLAG_ERROR\n",
			type);
		return -1;
	}
	return 0;
}

/* one conversion, its time from the first QBUF to DQBUF of CAPTURE */
static int one_frame(struct conv_bench *cb, uint64_t *ns)
{
	struct v4l2_buffer b;
	uint64_t t = now_ns();

	if (qbuf(cb->fd, V4L2_BUF_TYPE_VIDEO_CAPTURE, 0) ||
	    qbuf(cb->fd, V4L2_BUF_TYPE_VIDEO_OUTPUT, cb->of.fmt.pix.sizeimage) ||
	    dqbuf(cb->fd, V4L2_BUF_TYPE_VIDEO_CAPTURE, &b))
		return -1;
	*ns = now_ns() - t;
	if (b.bytesused != cb->cf.fmt.pix.sizeimage) {
		fprintf(stderr, "CAPTURE bytesused %u, sizeimage %u\n",
			b.bytesused, cb->cf.fmt.pix.sizeimage);
		return -1;
	}
	return dqbuf(cb->fd, V4L2_BUF_TYPE_VIDEO_OUTPUT, &b);
}

/* @n frames into cb->conv_ns, from a cleared destination; then check it */
static int run_frames(struct conv_bench *cb, unsigned int n, int *checked)
{
	unsigned int i;

	memset(cb->cap.ptr, 0, cb->cap.len);
	for (i = 0; i < n; i++)
		if (one_frame(cb, &cb->conv_ns[i]))
			return -1;
	*checked = check_output(cb);
	return *checked < 0 ? -1 : 0;
}

/* median time of a memcpy of @len bytes between two touched buffers */
static int time_memcpy(size_t len, uint64_t *med_ns)
{
	uint64_t ns[MEMCPY_REPS];
	uint8_t *a = NULL, *b = NULL;
	unsigned int i;
	int ret = -1;

	if ((errno = posix_memalign((void **)&a, 4096, len)) ||
	    (errno = posix_memalign((void **)&b, 4096, len))) {
		fprintf(stderr, "allocating 2 x %zu bytes: %s\n", len,
			strerror(errno));
		goto out;
	}
	for (i = 0; i < len; i++)
		a[i] = (uint8_t)(i * 7 + (i >> 12));
	memset(b, 0, len);
	for (i = 0; i < MEMCPY_REPS; i++) {
		uint64_t t = now_ns();

		memcpy(b, a, len);
		ns[i] = now_ns() - t;
	}
	if (memcmp(a, b, len)) {
		fprintf(stderr, "memcpy of %zu bytes did not copy\n", len);
		goto out;
	}
	*med_ns = median(ns, MEMCPY_REPS);
	ret = 0;
out:
	free(a);
	free(b);
	return ret;
}

static void cleanup(struct conv_bench *cb)
{
	if (cb->out.ptr)
		munmap(cb->out.ptr, cb->out.len);
	if (cb->cap.ptr)
		munmap(cb->cap.ptr, cb->cap.len);
	if (cb->fd >= 0)
		close(cb->fd);
}

static int parse_args(int argc, char **argv, char *node, size_t size,
		      unsigned int *frames, unsigned int *warmup)
{
	if ((argc > 2 && sscanf(argv[2], "%u", frames) != 1) ||
	    (argc > 3 && sscanf(argv[3], "%u", warmup) != 1) || argc > 4 ||
	    !*frames || *frames > MAX_FRAMES || *warmup > MAX_FRAMES) {
		fprintf(stderr, "usage: %s [NODE|- [FRAMES(1..%d) [WARMUP]]]\n",
			argv[0], MAX_FRAMES);
		return -1;
	}
	if (argc > 1 && strcmp(argv[1], "-"))
		snprintf(node, size, "%s", argv[1]);
	else
		node[0] = 0;
	return 0;
}

int main(int argc, char **argv)
{
	struct conv_bench cb = { .fd = -1 };
	unsigned int frames = 30, warmup = 3;
	uint64_t conv_med, conv_min, cp_dst, cp_src;
	char node[512];
	int checked = 0, ret;

	if (parse_args(argc, argv, node, sizeof(node), &frames, &warmup))
		return 2;
	if (!node[0] && find_node(node, sizeof(node)))
		return 1;
	cb.fd = open(node, O_RDWR | O_CLOEXEC);
	if (cb.fd < 0) {
		fprintf(stderr, "cannot open %s: %s\n", node, strerror(errno));
		return 1;
	}
	cb.out.type = V4L2_BUF_TYPE_VIDEO_OUTPUT;
	cb.cap.type = V4L2_BUF_TYPE_VIDEO_CAPTURE;
	ret = set_formats(&cb) || map_buf(cb.fd, &cb.out) ||
	      map_buf(cb.fd, &cb.cap);
	if (!ret) {
		fill_nv12(&cb);
		ret = stream(cb.fd, VIDIOC_STREAMON) ||
		      (warmup && run_frames(&cb, warmup, &checked)) ||
		      run_frames(&cb, frames, &checked) ||
		      stream(cb.fd, VIDIOC_STREAMOFF);
	}
	cleanup(&cb);
	if (ret || time_memcpy(WIDTH * HEIGHT * 4, &cp_dst) ||
	    time_memcpy(WIDTH * HEIGHT * 3 / 2, &cp_src))
		return 1;
	conv_med = median(cb.conv_ns, frames);
	conv_min = cb.conv_ns[0];	/* sorted by median() */
	printf("conv_us %.0f conv_min_us %.0f memcpy_us %.0f memcpy_src_us %.0f ratio %.2f ratio_src %.2f frames %u warmup %u dst_bytes %u src_bytes %u checked_px %d node %s\n",
	       conv_med / 1e3, conv_min / 1e3, cp_dst / 1e3, cp_src / 1e3,
	       (double)conv_med / (double)cp_dst,
	       (double)conv_med / (double)cp_src, frames, warmup,
	       WIDTH * HEIGHT * 4, WIDTH * HEIGHT * 3 / 2, checked, node);
	return 0;
}
