// SPDX-License-Identifier: GPL-2.0-only
/*
 * cmacodec-convcheck: the converter node against the codec core's model.
 *
 *   cmacodec-convcheck /dev/videoN [HEAP]
 *
 * Runs conversions through the driver and compares every output byte with
 * what the codec core (drivers/cmacodec/codec/cmacodec-conv.c, compiled
 * unchanged into this program) computes for the same parameters.  The
 * core's maths are checked against a floating-point reference on the host
 * (tests/host/test_conv.c); this checks that the driver programs the core
 * with the parameters the V4L2 formats and controls say: formats, sizes,
 * strides, colorimetry (defaults, SET_CSC), flips, and that it moves
 * timestamps and payloads as mem2mem should.  With HEAP (a dma-heap node)
 * the OUTPUT buffers of some cases are imported DMABUFs.
 *
 * Prints one "ok - ..." or "not ok - ..." line per group of cases (a fixed
 * number of lines, for the TAP plan); details go to stderr.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#include "toolutil.h"
#include "../../drivers/cmacodec/codec/cmacodec-conv.h"

/**
 * struct cvt_side - one side of a case
 * @fourcc: pixel format
 * @w:      width
 * @h:      height
 * @pad:    bytes added to the smallest bytesperline
 * @enc:    ycbcr_enc to set (V4L2 value, may be DEFAULT)
 * @quant:  quantization to set (may be DEFAULT)
 */
struct cvt_side {
	uint32_t fourcc, w, h, pad, enc, quant;
};

/**
 * struct cvt_case - one conversion through the driver
 * @src:        OUTPUT side (@src.enc/@src.quant are OUTPUT's colorimetry)
 * @dst:        CAPTURE side (@dst.enc/@dst.quant asked with SET_CSC if @csc)
 * @colorspace: OUTPUT colorspace
 * @csc:        ask CAPTURE for @dst.enc/@dst.quant with SET_CSC
 * @hflip:      V4L2_CID_HFLIP
 * @vflip:      V4L2_CID_VFLIP
 * @dmabuf:     import the OUTPUT buffer from the heap
 * @want_enc:   core matrices expected for src and dst (resolved defaults)
 * @want_quant: core ranges expected for src and dst
 */
struct cvt_case {
	struct cvt_side src, dst;
	uint32_t colorspace;
	int csc, hflip, vflip, dmabuf;
	uint32_t want_enc[2], want_quant[2];
};

/**
 * struct cvt_run - state of one test run
 * @fd:     the converter node
 * @heap:   dma-heap node for DMABUF cases, NULL to skip them
 * @failed: failures in the current group
 * @cases:  cases run in the current group
 * @scratch: working memory of the core's model
 */
struct cvt_run {
	int fd;
	const char *heap;
	unsigned int failed, cases;
	struct cmacodec_conv_scratch *scratch;
};

static const uint32_t all_fmts[] = {
	V4L2_PIX_FMT_YUV420, V4L2_PIX_FMT_YVU420, V4L2_PIX_FMT_YUV422P,
	V4L2_PIX_FMT_NV12, V4L2_PIX_FMT_NV21, V4L2_PIX_FMT_NV16,
	V4L2_PIX_FMT_NV61, V4L2_PIX_FMT_NV24, V4L2_PIX_FMT_NV42,
	V4L2_PIX_FMT_YUYV, V4L2_PIX_FMT_YVYU, V4L2_PIX_FMT_UYVY,
	V4L2_PIX_FMT_VYUY, V4L2_PIX_FMT_BGR24, V4L2_PIX_FMT_RGB24,
	V4L2_PIX_FMT_BGR32, V4L2_PIX_FMT_XBGR32, V4L2_PIX_FMT_ABGR32,
	V4L2_PIX_FMT_RGB32, V4L2_PIX_FMT_XRGB32, V4L2_PIX_FMT_ARGB32,
	V4L2_PIX_FMT_BGRX32, V4L2_PIX_FMT_BGRA32, V4L2_PIX_FMT_RGBX32,
	V4L2_PIX_FMT_RGBA32, V4L2_PIX_FMT_GREY,
};

#define NFMTS (sizeof(all_fmts) / sizeof(all_fmts[0]))

static const char *fcc(uint32_t f, char buf[5])
{
	memcpy(buf, &f, 4);
	buf[4] = 0;
	return buf;
}

static int is_rgb(uint32_t fourcc)
{
	const struct cmacodec_pixfmt *p = cmacodec_pixfmt_find(fourcc);

	return p && p->pixenc == CMACODEC_PIXENC_RGB && p->components >= 3;
}

/* deterministic picture content: gradients, edges and noise */
static void fill_pattern(uint8_t *buf, size_t len, uint32_t seed)
{
	uint32_t x = seed * 2654435761u + 1;
	size_t i;

	for (i = 0; i < len; i++) {
		x = x * 1103515245u + 12345u;
		buf[i] = (uint8_t)((i * 7 / 5) + ((x >> 16) & 0x1f) +
				   ((i / 97) & 1 ? 80 : 0));
	}
}

/* S_FMT one queue; returns the format the driver chose in @f */
static int set_fmt(struct cvt_run *r, enum v4l2_buf_type type,
		   const struct cvt_side *s, uint32_t colorspace, int csc,
		   struct v4l2_format *f)
{
	const struct cmacodec_pixfmt *p = cmacodec_pixfmt_find(s->fourcc);

	memset(f, 0, sizeof(*f));
	f->type = type;
	f->fmt.pix.width = s->w;
	f->fmt.pix.height = s->h;
	f->fmt.pix.pixelformat = s->fourcc;
	f->fmt.pix.field = V4L2_FIELD_NONE;
	f->fmt.pix.bytesperline = s->w * p->bpp + s->pad;
	/* without it the V4L2 core clears flags, ycbcr_enc and quantization */
	f->fmt.pix.priv = V4L2_PIX_FMT_PRIV_MAGIC;
	f->fmt.pix.colorspace = colorspace;
	f->fmt.pix.ycbcr_enc = s->enc;
	f->fmt.pix.quantization = s->quant;
	if (csc)
		f->fmt.pix.flags = V4L2_PIX_FMT_FLAG_SET_CSC;
	if (xioctl(r->fd, VIDIOC_S_FMT, f)) {
		fprintf(stderr, "S_FMT type %d: %s\n", type, strerror(errno));
		return -1;
	}
	return 0;
}

static int set_ctrl(int fd, uint32_t id, int val)
{
	struct v4l2_control c = { .id = id, .value = val };

	if (xioctl(fd, VIDIOC_S_CTRL, &c)) {
		fprintf(stderr, "S_CTRL %#x: %s\n", id, strerror(errno));
		return -1;
	}
	return 0;
}

static int reqbufs(int fd, enum v4l2_buf_type type, enum v4l2_memory mem,
		   unsigned int count)
{
	struct v4l2_requestbuffers rb = {
		.count = count, .type = type, .memory = mem,
	};

	if (xioctl(fd, VIDIOC_REQBUFS, &rb)) {
		fprintf(stderr, "REQBUFS type %d count %u: %s\n", type, count,
			strerror(errno));
		return -1;
	}
	return 0;
}

/* mmap buffer 0 of @type */
static uint8_t *map_buf(int fd, enum v4l2_buf_type type, size_t *len)
{
	struct v4l2_buffer b = {
		.index = 0, .type = type, .memory = V4L2_MEMORY_MMAP,
	};
	void *p;

	if (xioctl(fd, VIDIOC_QUERYBUF, &b)) {
		fprintf(stderr, "QUERYBUF: %s\n", strerror(errno));
		return NULL;
	}
	p = mmap(NULL, b.length, PROT_READ | PROT_WRITE, MAP_SHARED, fd,
		 b.m.offset);
	if (p == MAP_FAILED) {
		fprintf(stderr, "mmap: %s\n", strerror(errno));
		return NULL;
	}
	*len = b.length;
	return p;
}

/* the core's model of the case, into @want (prefilled with the canary) */
static int model(struct cvt_run *r, const struct cvt_case *c,
		 const struct v4l2_format *of, const struct v4l2_format *cf,
		 uint8_t *src, uint8_t *want, size_t want_len)
{
	struct cmacodec_conv_params p = {
		.src = {
			.fourcc = of->fmt.pix.pixelformat,
			.width = of->fmt.pix.width,
			.height = of->fmt.pix.height,
			.bytesperline = of->fmt.pix.bytesperline,
			.ycbcr_enc = c->want_enc[0],
			.quant = c->want_quant[0],
			.buf = src,
			.size = of->fmt.pix.sizeimage,
		},
		.dst = {
			.fourcc = cf->fmt.pix.pixelformat,
			.width = cf->fmt.pix.width,
			.height = cf->fmt.pix.height,
			.bytesperline = cf->fmt.pix.bytesperline,
			.ycbcr_enc = c->want_enc[1],
			.quant = c->want_quant[1],
			.buf = want,
			.size = (uint32_t)want_len,
		},
		.flags = (c->hflip ? CMACODEC_CONV_HFLIP : 0) |
			 (c->vflip ? CMACODEC_CONV_VFLIP : 0),
	};
	int ret = cmacodec_conv_run(&p, r->scratch);

	if (ret)
		fprintf(stderr, "the core's model refuses the case: %d\n", ret);
	return ret;
}

/* compare; report the first difference */
static int compare(const uint8_t *got, const uint8_t *want, size_t len,
		   uint32_t bpl)
{
	size_t i, diffs = 0, first = 0;

	for (i = 0; i < len; i++) {
		if (got[i] != want[i]) {
			if (!diffs++)
				first = i;
		}
	}
	if (diffs)
		fprintf(stderr,
			"%zu of %zu bytes differ, first at offset %zu (row %zu of plane 0's stride): got %u want %u\n",
			diffs, len, first, first / bpl, got[first], want[first]);
	return diffs ? -1 : 0;
}

/* check the formats the driver returned against what the case asked */
static int check_fmts(const struct cvt_case *c, const struct v4l2_format *of,
		      const struct v4l2_format *cf)
{
	const struct v4l2_pix_format *o = &of->fmt.pix, *k = &cf->fmt.pix;

	if (o->pixelformat != c->src.fourcc || o->width != c->src.w ||
	    o->height != c->src.h ||
	    k->pixelformat != c->dst.fourcc || k->width != c->dst.w ||
	    k->height != c->dst.h) {
		fprintf(stderr, "driver changed the sizes/formats: %ux%u -> %ux%u\n",
			o->width, o->height, k->width, k->height);
		return -1;
	}
	if (o->bytesperline != c->src.w *
	    cmacodec_pixfmt_find(c->src.fourcc)->bpp + c->src.pad ||
	    k->bytesperline != c->dst.w *
	    cmacodec_pixfmt_find(c->dst.fourcc)->bpp + c->dst.pad) {
		fprintf(stderr, "bytesperline not honoured: %u, %u\n",
			o->bytesperline, k->bytesperline);
		return -1;
	}
	if (k->colorspace != c->colorspace) {
		fprintf(stderr, "CAPTURE colorspace %u, OUTPUT's is %u\n",
			k->colorspace, c->colorspace);
		return -1;
	}
	if (c->csc && !(k->flags & V4L2_PIX_FMT_FLAG_SET_CSC)) {
		fprintf(stderr, "SET_CSC not honoured for a Y'CbCr CAPTURE\n");
		return -1;
	}
	if (c->csc && (k->ycbcr_enc != c->dst.enc ||
		       k->quantization != c->dst.quant)) {
		fprintf(stderr, "SET_CSC: got enc %u quant %u\n",
			k->ycbcr_enc, k->quantization);
		return -1;
	}
	if (is_rgb(c->dst.fourcc) &&
	    k->quantization != V4L2_QUANTIZATION_FULL_RANGE) {
		fprintf(stderr, "R'G'B' CAPTURE not full range: %u\n",
			k->quantization);
		return -1;
	}
	return 0;
}

static int queue_out(struct cvt_run *r, const struct cvt_case *c,
		     const struct v4l2_format *of, uint8_t *src, int dbuf)
{
	struct v4l2_buffer b = {
		.index = 0,
		.type = V4L2_BUF_TYPE_VIDEO_OUTPUT,
		.memory = c->dmabuf ? V4L2_MEMORY_DMABUF : V4L2_MEMORY_MMAP,
		.bytesused = of->fmt.pix.sizeimage,
		.field = V4L2_FIELD_NONE,
		.timestamp = { .tv_sec = 1234, .tv_usec = 5678 },
	};

	(void)src;
	if (c->dmabuf)
		b.m.fd = dbuf;
	if (xioctl(r->fd, VIDIOC_QBUF, &b)) {
		fprintf(stderr, "QBUF OUTPUT: %s\n", strerror(errno));
		return -1;
	}
	return 0;
}

/* stream one frame; the CAPTURE buffer's payload and timestamp checked */
static int stream_one(struct cvt_run *r, const struct cvt_case *c,
		      const struct v4l2_format *of,
		      const struct v4l2_format *cf, uint8_t *src, int dbuf)
{
	enum v4l2_buf_type ot = V4L2_BUF_TYPE_VIDEO_OUTPUT;
	enum v4l2_buf_type ct = V4L2_BUF_TYPE_VIDEO_CAPTURE;
	enum v4l2_memory om = c->dmabuf ? V4L2_MEMORY_DMABUF : V4L2_MEMORY_MMAP;
	struct v4l2_buffer b = {
		.index = 0, .type = ct, .memory = V4L2_MEMORY_MMAP,
	};
	int ret = -1;

	if (xioctl(r->fd, VIDIOC_QBUF, &b)) {
		fprintf(stderr, "QBUF CAPTURE: %s\n", strerror(errno));
		return -1;
	}
	if (queue_out(r, c, of, src, dbuf))
		return -1;
	if (xioctl(r->fd, VIDIOC_STREAMON, &ot) ||
	    xioctl(r->fd, VIDIOC_STREAMON, &ct)) {
		fprintf(stderr, "STREAMON: %s\n", strerror(errno));
		goto off;
	}
	if (wait_dq(r->fd, ct, V4L2_MEMORY_MMAP, &b))
		goto off;
	if (b.flags & V4L2_BUF_FLAG_ERROR) {
		fprintf(stderr, "CAPTURE buffer flagged ERROR\n");
		goto off;
	}
	if (b.bytesused != cf->fmt.pix.sizeimage) {
		fprintf(stderr, "bytesused %u, sizeimage %u\n", b.bytesused,
			cf->fmt.pix.sizeimage);
		goto off;
	}
	if (b.timestamp.tv_sec != 1234 || b.timestamp.tv_usec != 5678) {
		fprintf(stderr, "timestamp not copied\n");
		goto off;
	}
	if (wait_dq(r->fd, ot, om, &b))
		goto off;
	ret = 0;
off:
	xioctl(r->fd, VIDIOC_STREAMOFF, &ot);
	xioctl(r->fd, VIDIOC_STREAMOFF, &ct);
	return ret;
}

/* run one case: 0 when the driver's output equals the model's */
static int run_case(struct cvt_run *r, const struct cvt_case *c)
{
	struct v4l2_format of, cf;
	uint8_t *src = NULL, *dst = NULL, *want = NULL, *local = NULL;
	size_t src_len = 0, dst_len = 0;
	enum v4l2_memory om = c->dmabuf ? V4L2_MEMORY_DMABUF : V4L2_MEMORY_MMAP;
	int dbuf = -1, ret = -1;

	if (set_fmt(r, V4L2_BUF_TYPE_VIDEO_OUTPUT, &c->src, c->colorspace, 0,
		    &of) ||
	    set_fmt(r, V4L2_BUF_TYPE_VIDEO_CAPTURE, &c->dst, c->colorspace,
		    c->csc, &cf) ||
	    check_fmts(c, &of, &cf) ||
	    set_ctrl(r->fd, V4L2_CID_HFLIP, c->hflip) ||
	    set_ctrl(r->fd, V4L2_CID_VFLIP, c->vflip))
		return -1;
	if (reqbufs(r->fd, V4L2_BUF_TYPE_VIDEO_OUTPUT, om, 1) ||
	    reqbufs(r->fd, V4L2_BUF_TYPE_VIDEO_CAPTURE, V4L2_MEMORY_MMAP, 1))
		goto out;

	if (c->dmabuf) {
		src_len = of.fmt.pix.sizeimage;
		dbuf = heap_alloc(r->heap, src_len);
		if (dbuf < 0)
			goto out;
		src = mmap(NULL, src_len, PROT_READ | PROT_WRITE, MAP_SHARED,
			   dbuf, 0);
		if (src == MAP_FAILED) {
			fprintf(stderr, "mmap dma-buf: %s\n", strerror(errno));
			src = NULL;
			goto out;
		}
	} else {
		src = map_buf(r->fd, V4L2_BUF_TYPE_VIDEO_OUTPUT, &src_len);
	}
	dst = map_buf(r->fd, V4L2_BUF_TYPE_VIDEO_CAPTURE, &dst_len);
	want = malloc(dst_len);
	local = malloc(src_len);
	if (!src || !dst || !want || !local)
		goto out;
	fill_pattern(src, src_len, c->src.fourcc ^ c->dst.w);
	memcpy(local, src, src_len);
	memset(dst, 0xa5, dst_len);
	memset(want, 0xa5, dst_len);

	if (model(r, c, &of, &cf, local, want, dst_len) ||
	    stream_one(r, c, &of, &cf, src, dbuf))
		goto out;
	ret = compare(dst, want, dst_len, cf.fmt.pix.bytesperline);
out:
	if (src && src_len)
		munmap(src, src_len);
	if (dst)
		munmap(dst, dst_len);
	free(want);
	free(local);
	reqbufs(r->fd, V4L2_BUF_TYPE_VIDEO_OUTPUT, om, 0);
	reqbufs(r->fd, V4L2_BUF_TYPE_VIDEO_CAPTURE, V4L2_MEMORY_MMAP, 0);
	if (dbuf >= 0)
		close(dbuf);
	return ret;
}

/* a case with explicit colorimetry: BT.709 limited both sides */
static struct cvt_case simple_case(uint32_t sf, uint32_t sw, uint32_t sh,
				   uint32_t df, uint32_t dw, uint32_t dh)
{
	struct cvt_case c = {
		.src = { sf, sw, sh, 0, V4L2_YCBCR_ENC_709,
			 is_rgb(sf) ? V4L2_QUANTIZATION_FULL_RANGE :
				      V4L2_QUANTIZATION_LIM_RANGE },
		.dst = { df, dw, dh, 0, V4L2_YCBCR_ENC_709,
			 V4L2_QUANTIZATION_LIM_RANGE },
		.colorspace = V4L2_COLORSPACE_REC709,
		.want_enc = { CMACODEC_CONV_YCBCR_709, CMACODEC_CONV_YCBCR_709 },
	};

	c.want_quant[0] = is_rgb(sf) ? CMACODEC_CONV_QUANT_FULL :
				       CMACODEC_CONV_QUANT_LIMITED;
	c.want_quant[1] = is_rgb(df) ? CMACODEC_CONV_QUANT_FULL :
				       CMACODEC_CONV_QUANT_LIMITED;
	/* without SET_CSC a Y'CbCr CAPTURE keeps a Y'CbCr OUTPUT's range */
	if (!is_rgb(df) && is_rgb(sf))
		c.want_quant[1] = CMACODEC_CONV_QUANT_LIMITED;
	return c;
}

static void one(struct cvt_run *r, const struct cvt_case *c, const char *what)
{
	char a[5], b[5];

	r->cases++;
	if (run_case(r, c)) {
		r->failed++;
		fprintf(stderr, "FAILED: %s %s %ux%u -> %s %ux%u%s%s%s\n",
			what, fcc(c->src.fourcc, a), c->src.w, c->src.h,
			fcc(c->dst.fourcc, b), c->dst.w, c->dst.h,
			c->hflip ? " hflip" : "", c->vflip ? " vflip" : "",
			c->dmabuf ? " dmabuf" : "");
	}
}

static void report(struct cvt_run *r, const char *what)
{
	printf("%s - %s (%u cases, %u failed)\n", r->failed ? "not ok" : "ok",
	       what, r->cases, r->failed);
	fflush(stdout);
	r->failed = 0;
	r->cases = 0;
}

/* every format enumerated on both queues, HSV not; CSC flags on Y'CbCr */
static void check_enum(struct cvt_run *r)
{
	enum v4l2_buf_type types[2] = {
		V4L2_BUF_TYPE_VIDEO_OUTPUT, V4L2_BUF_TYPE_VIDEO_CAPTURE,
	};
	uint32_t csc = V4L2_FMT_FLAG_CSC_YCBCR_ENC |
		       V4L2_FMT_FLAG_CSC_QUANTIZATION;
	unsigned int t, i, n;

	for (t = 0; t < 2; t++) {
		for (n = 0;; n++) {
			struct v4l2_fmtdesc d = { .index = n, .type = types[t] };
			int known = 0;

			if (xioctl(r->fd, VIDIOC_ENUM_FMT, &d))
				break;
			for (i = 0; i < NFMTS; i++)
				known |= d.pixelformat == all_fmts[i];
			r->cases++;
			if (!known ||
			    (d.flags & csc) != (t && !is_rgb(d.pixelformat) ?
						csc : 0)) {
				fprintf(stderr, "ENUM_FMT %u: %#x flags %#x\n",
					n, d.pixelformat, d.flags);
				r->failed++;
			}
		}
		if (n != NFMTS) {
			fprintf(stderr, "type %d: %u formats, want %zu\n",
				types[t], n, NFMTS);
			r->failed++;
		}
	}
	report(r, "ENUM_FMT: the 26 formats on both queues, CSC flags on Y'CbCr CAPTURE formats only");
}

int main(int argc, char **argv)
{
	static const uint32_t dsts[] = {
		V4L2_PIX_FMT_NV12, V4L2_PIX_FMT_XRGB32, V4L2_PIX_FMT_YUYV,
		V4L2_PIX_FMT_GREY,
	};
	struct cvt_run r = { .heap = argc > 2 ? argv[2] : NULL };
	struct cvt_case c;
	unsigned int i, j;

	if (argc < 2) {
		fprintf(stderr, "usage: %s /dev/videoN [DMA-HEAP]\n", argv[0]);
		return 2;
	}
	r.fd = open(argv[1], O_RDWR);
	if (r.fd < 0) {
		fprintf(stderr, "cannot open %s: %s\n", argv[1],
			strerror(errno));
		return 2;
	}
	r.scratch = malloc(sizeof(*r.scratch));
	if (!r.scratch)
		return 2;

	check_enum(&r);

	/* every source format into a few destinations, same size */
	for (i = 0; i < NFMTS; i++)
		for (j = 0; j < sizeof(dsts) / sizeof(dsts[0]); j++) {
			c = simple_case(all_fmts[i], 64, 48, dsts[j], 64, 48);
			one(&r, &c, "format");
		}
	report(&r, "every format in, NV12/XRGB32/YUYV/GREY out, 64x48: driver output equals the core's model");

	/* a few sources into every destination format, odd-ish size */
	for (i = 0; i < NFMTS; i++) {
		c = simple_case(V4L2_PIX_FMT_NV12, 62, 34, all_fmts[i], 62, 34);
		one(&r, &c, "format");
		c = simple_case(V4L2_PIX_FMT_ARGB32, 62, 34, all_fmts[i],
				62, 34);
		one(&r, &c, "format");
	}
	report(&r, "NV12 and ARGB32 in, every format out, 62x34: driver output equals the core's model");

	/* scaling up and down, independent sizes */
	c = simple_case(V4L2_PIX_FMT_NV12, 320, 240, V4L2_PIX_FMT_NV12, 160, 90);
	one(&r, &c, "scale");
	c = simple_case(V4L2_PIX_FMT_YUV420, 176, 144, V4L2_PIX_FMT_XRGB32,
			640, 360);
	one(&r, &c, "scale");
	c = simple_case(V4L2_PIX_FMT_RGB24, 100, 50, V4L2_PIX_FMT_YUYV, 302, 16);
	one(&r, &c, "scale");
	c = simple_case(V4L2_PIX_FMT_YUYV, 640, 480, V4L2_PIX_FMT_GREY, 16, 16);
	one(&r, &c, "scale");
	report(&r, "scaling up and down with independent OUTPUT/CAPTURE sizes");

	/* flips, each alone and both, with scaling */
	for (i = 1; i < 4; i++) {
		c = simple_case(V4L2_PIX_FMT_NV12, 96, 64, V4L2_PIX_FMT_RGB24,
				80, 48);
		c.hflip = i & 1;
		c.vflip = i >> 1;
		one(&r, &c, "flip");
	}
	report(&r, "V4L2_CID_HFLIP / VFLIP reach the core");

	/* colorimetry: defaults by colorspace, SET_CSC on CAPTURE */
	c = simple_case(V4L2_PIX_FMT_NV12, 64, 48, V4L2_PIX_FMT_XRGB32, 64, 48);
	c.colorspace = V4L2_COLORSPACE_SMPTE170M;
	c.src.enc = V4L2_YCBCR_ENC_DEFAULT;
	c.src.quant = V4L2_QUANTIZATION_DEFAULT;
	c.want_enc[0] = CMACODEC_CONV_YCBCR_601;
	one(&r, &c, "default 601 limited");
	c.colorspace = V4L2_COLORSPACE_JPEG;
	c.want_quant[0] = CMACODEC_CONV_QUANT_FULL;
	one(&r, &c, "default JPEG: 601 full");
	c = simple_case(V4L2_PIX_FMT_XRGB32, 64, 48, V4L2_PIX_FMT_NV12, 64, 48);
	c.csc = 1;
	c.dst.enc = V4L2_YCBCR_ENC_601;
	c.dst.quant = V4L2_QUANTIZATION_FULL_RANGE;
	c.want_enc[1] = CMACODEC_CONV_YCBCR_601;
	c.want_quant[1] = CMACODEC_CONV_QUANT_FULL;
	one(&r, &c, "SET_CSC 601 full");
	c = simple_case(V4L2_PIX_FMT_NV12, 64, 48, V4L2_PIX_FMT_NV12, 64, 48);
	c.csc = 1;
	c.dst.enc = V4L2_YCBCR_ENC_601;
	c.dst.quant = V4L2_QUANTIZATION_FULL_RANGE;
	c.want_enc[1] = CMACODEC_CONV_YCBCR_601;
	c.want_quant[1] = CMACODEC_CONV_QUANT_FULL;
	one(&r, &c, "SET_CSC 709 limited -> 601 full");
	report(&r, "colorimetry: defaults from the colorspace, SET_CSC on CAPTURE");

	/* larger strides than needed on both sides */
	c = simple_case(V4L2_PIX_FMT_YUV420, 64, 48, V4L2_PIX_FMT_NV12, 48, 32);
	c.src.pad = 64;
	c.dst.pad = 32;
	one(&r, &c, "stride");
	c = simple_case(V4L2_PIX_FMT_RGB24, 50, 20, V4L2_PIX_FMT_BGR32, 50, 20);
	c.src.pad = 10;
	c.dst.pad = 8;
	one(&r, &c, "stride");
	report(&r, "client bytesperline honoured on both queues, padding bytes left alone");

	if (r.heap) {
		c = simple_case(V4L2_PIX_FMT_NV12, 320, 240, V4L2_PIX_FMT_XRGB32,
				320, 240);
		c.dmabuf = 1;
		one(&r, &c, "dmabuf");
		c = simple_case(V4L2_PIX_FMT_YUYV, 128, 96, V4L2_PIX_FMT_NV21,
				64, 64);
		c.dmabuf = 1;
		one(&r, &c, "dmabuf");
		report(&r, "OUTPUT buffers imported from the CMA heap (DMABUF)");
	} else {
		printf("ok - # SKIP no dma-heap given for the DMABUF cases\n");
	}

	c = simple_case(V4L2_PIX_FMT_NV12, 4096, 2160, V4L2_PIX_FMT_XRGB32,
			1920, 1080);
	one(&r, &c, "4096x2160");
	report(&r, "4096x2160 NV12 to 1920x1080 XRGB32");

	free(r.scratch);
	close(r.fd);
	return 0;
}
