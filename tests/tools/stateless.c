// SPDX-License-Identifier: GPL-2.0-only
/*
 * cmacodec-stateless: the stateless decoder's request rules and error
 * paths, which v4l2-ctl's streaming does not reach.
 *
 * usage: cmacodec-stateless VIDEO_NODE STREAM.hdr
 *
 * STREAM.hdr is an encoder's output written by v4l2-ctl --stream-to-hdr
 * (per buffer: the fourcc 'Vhdr' and the frame's length as big-endian
 * 32-bit numbers, then the frame); its first frame
 * must be an I-frame and its second a P-frame.  Prints one "ok - ..." or
 * "not ok - ..." line per check (tests/guest/lib.sh tap_from).
 */
#include <dirent.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <arpa/inet.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <linux/media.h>

#include "toolutil.h"

#define HDR_SIZE	44	/* struct cmacodec_fwht_header */
#define MAX_FRAMES	64
#define NCAP		3
/* V4L2_FWHT_FL_PIXENC_MSK uses GENMASK(), which user space lacks */
#define PIXENC_MSK	(3U << V4L2_FWHT_FL_PIXENC_OFFSET)

struct frame {
	const uint8_t *hdr;	/* HDR_SIZE bytes, big-endian fields */
	const uint8_t *payload;
	uint32_t size;		/* payload bytes */
};

struct dec {
	int fd;
	int media;
	uint32_t w, h;
	struct frame f[MAX_FRAMES];
	unsigned int nframes;
	void *out_map;
	uint32_t out_len;
	uint32_t cap_size;
	uint8_t *ref_pic;	/* frame 1 as decoded first */
	unsigned int failed;
};

static void report(struct dec *d, bool ok, const char *what)
{
	printf("%s - %s\n", ok ? "ok" : "not ok", what);
	if (!ok)
		d->failed++;
}

static uint32_t be32(const uint8_t *p)
{
	return (uint32_t)p[0] << 24 | p[1] << 16 | p[2] << 8 | p[3];
}

/* header field @i (0 = magic1, 2 = version, ...) */
static uint32_t hdr_field(const struct frame *f, unsigned int i)
{
	return be32(f->hdr + 4 * i);
}

static int load_stream(struct dec *d, const char *path)
{
	FILE *fp = fopen(path, "rb");
	static uint8_t buf[8 << 20];
	size_t len, pos = 0;

	if (!fp) {
		fprintf(stderr, "%s: %s\n", path, strerror(errno));
		return -1;
	}
	len = fread(buf, 1, sizeof(buf), fp);
	fclose(fp);
	while (pos + 8 + HDR_SIZE <= len && d->nframes < MAX_FRAMES) {
		uint32_t n = be32(buf + pos + 4);
		struct frame *f = &d->f[d->nframes];

		/* v4l2-ctl writes its FILE_HDR_ID fourcc big-endian */
		if (be32(buf + pos) != v4l2_fourcc('V', 'h', 'd', 'r') ||
		    n < HDR_SIZE ||
		    pos + 8 + n > len) {
			fprintf(stderr, "%s: bad per-buffer header at %zu\n",
				path, pos);
			return -1;
		}
		f->hdr = buf + pos + 8;
		f->payload = f->hdr + HDR_SIZE;
		f->size = n - HDR_SIZE;
		d->nframes++;
		pos += 8 + n;
	}
	if (d->nframes < 3) {
		fprintf(stderr, "%s: %u frames, 3 needed\n", path, d->nframes);
		return -1;
	}
	d->w = hdr_field(&d->f[0], 3);
	d->h = hdr_field(&d->f[0], 4);
	return 0;
}

/* the media device of the video node: /sys/dev/char/M:m/device/mediaN */
static int open_media(int vfd)
{
	char dir[64], path[300];
	struct dirent *e;
	struct stat st;
	DIR *dp;
	int fd = -1;

	if (fstat(vfd, &st))
		return -1;
	snprintf(dir, sizeof(dir), "/sys/dev/char/%u:%u/device",
		 major(st.st_rdev), minor(st.st_rdev));
	dp = opendir(dir);
	if (!dp) {
		fprintf(stderr, "%s: %s\n", dir, strerror(errno));
		return -1;
	}
	while ((e = readdir(dp)) && fd < 0) {
		if (strncmp(e->d_name, "media", 5))
			continue;
		snprintf(path, sizeof(path), "/dev/%s", e->d_name);
		fd = open(path, O_RDWR);
		if (fd < 0)
			fprintf(stderr, "%s: %s\n", path, strerror(errno));
	}
	closedir(dp);
	return fd;
}

static int new_request(struct dec *d)
{
	int rfd = -1;

	if (xioctl(d->media, MEDIA_IOC_REQUEST_ALLOC, &rfd)) {
		fprintf(stderr, "MEDIA_IOC_REQUEST_ALLOC: %s\n",
			strerror(errno));
		return -1;
	}
	return rfd;
}

/* the FWHT parameters of frame @i, into request @rfd: 0 or errno */
static int set_params(struct dec *d, int rfd, unsigned int i,
		      uint64_t ref_ts, uint32_t width, uint32_t clear_flags,
		      uint32_t set_flags)
{
	const struct frame *f = &d->f[i];
	struct v4l2_ctrl_fwht_params p = {
		.backward_ref_ts = ref_ts,
		.version = hdr_field(f, 2),
		.width = width ? width : hdr_field(f, 3),
		.height = hdr_field(f, 4),
		.flags = (hdr_field(f, 5) & ~clear_flags) | set_flags,
		.colorspace = hdr_field(f, 6),
		.xfer_func = hdr_field(f, 7),
		.ycbcr_enc = hdr_field(f, 8),
		.quantization = hdr_field(f, 9),
	};
	struct v4l2_ext_control c = {
		.id = V4L2_CID_STATELESS_FWHT_PARAMS,
		.size = sizeof(p),
		.ptr = &p,
	};
	struct v4l2_ext_controls cs = {
		.which = V4L2_CTRL_WHICH_REQUEST_VAL,
		.count = 1,
		.request_fd = rfd,
		.controls = &c,
	};

	return xioctl(d->fd, VIDIOC_S_EXT_CTRLS, &cs) ? errno : 0;
}

/* QBUF OUTPUT buffer 0 with @len bytes of frame @i, in request @rfd */
static int qbuf_out(struct dec *d, int rfd, unsigned int i, uint32_t len,
		    uint64_t ts)
{
	struct v4l2_buffer b = {
		.index = 0,
		.type = V4L2_BUF_TYPE_VIDEO_OUTPUT,
		.memory = V4L2_MEMORY_MMAP,
		.bytesused = len,
		.field = V4L2_FIELD_NONE,
	};

	memcpy(d->out_map, d->f[i].payload, len);
	b.timestamp.tv_sec = ts / 1000000000ULL;
	b.timestamp.tv_usec = ts % 1000000000ULL / 1000;
	if (rfd >= 0) {
		b.flags = V4L2_BUF_FLAG_REQUEST_FD;
		b.request_fd = rfd;
	}
	return xioctl(d->fd, VIDIOC_QBUF, &b) ? errno : 0;
}

static int qbuf_cap(struct dec *d, unsigned int index)
{
	struct v4l2_buffer b = {
		.index = index,
		.type = V4L2_BUF_TYPE_VIDEO_CAPTURE,
		.memory = V4L2_MEMORY_MMAP,
	};

	return xioctl(d->fd, VIDIOC_QBUF, &b) ? errno : 0;
}

/* a nanosecond timestamp vb2 keeps exactly (whole microseconds) */
static uint64_t ts_of(unsigned int n)
{
	return (uint64_t)(n + 1) * 1000000ULL;
}

/*
 * Decode frame @i (@len payload bytes) naming @ref_ts, with timestamp
 * @ts: the CAPTURE buffer's flags in @flags, its index in @index.
 * Returns 0, or -1 (message) if the request or a DQBUF failed.
 */
static int decode(struct dec *d, unsigned int i, uint32_t len,
		  uint64_t ref_ts, uint64_t ts, uint32_t *flags,
		  unsigned int *index)
{
	struct v4l2_buffer out, cap;
	struct pollfd pfd;
	int rfd = new_request(d), err;

	if (rfd < 0)
		return -1;
	err = set_params(d, rfd, i, ref_ts, 0, 0, 0);
	if (!err)
		err = qbuf_out(d, rfd, i, len, ts);
	if (err) {
		fprintf(stderr, "frame %u: %s\n", i, strerror(err));
		close(rfd);
		return -1;
	}
	if (xioctl(rfd, MEDIA_REQUEST_IOC_QUEUE, NULL)) {
		fprintf(stderr, "frame %u: MEDIA_REQUEST_IOC_QUEUE: %s\n", i,
			strerror(errno));
		close(rfd);
		return -1;
	}
	pfd.fd = rfd;
	pfd.events = POLLPRI;
	if (poll(&pfd, 1, 60000) != 1 || !(pfd.revents & POLLPRI)) {
		fprintf(stderr, "frame %u: the request did not complete\n", i);
		close(rfd);
		return -1;
	}
	close(rfd);
	if (wait_dq(d->fd, V4L2_BUF_TYPE_VIDEO_OUTPUT, V4L2_MEMORY_MMAP, &out) ||
	    wait_dq(d->fd, V4L2_BUF_TYPE_VIDEO_CAPTURE, V4L2_MEMORY_MMAP, &cap))
		return -1;
	*flags = cap.flags | (out.flags & V4L2_BUF_FLAG_ERROR ? 1U << 31 : 0);
	*index = cap.index;
	return 0;
}

static int setup(struct dec *d, void **cap_map)
{
	struct v4l2_format fo = { .type = V4L2_BUF_TYPE_VIDEO_OUTPUT };
	struct v4l2_format fc = { .type = V4L2_BUF_TYPE_VIDEO_CAPTURE };
	struct v4l2_requestbuffers ro = {
		.count = 1,
		.type = V4L2_BUF_TYPE_VIDEO_OUTPUT,
		.memory = V4L2_MEMORY_MMAP,
	};
	struct v4l2_requestbuffers rc = {
		.count = NCAP,
		.type = V4L2_BUF_TYPE_VIDEO_CAPTURE,
		.memory = V4L2_MEMORY_MMAP,
	};
	struct v4l2_buffer b;
	unsigned int i;
	void *m;

	fo.fmt.pix.pixelformat = V4L2_PIX_FMT_FWHT_STATELESS;
	fo.fmt.pix.width = d->w;
	fo.fmt.pix.height = d->h;
	fc.fmt.pix.pixelformat = V4L2_PIX_FMT_YUV420;
	fc.fmt.pix.width = d->w;
	fc.fmt.pix.height = d->h;
	if (xioctl(d->fd, VIDIOC_S_FMT, &fo) ||
	    xioctl(d->fd, VIDIOC_S_FMT, &fc) ||
	    xioctl(d->fd, VIDIOC_REQBUFS, &ro) ||
	    xioctl(d->fd, VIDIOC_REQBUFS, &rc)) {
		fprintf(stderr, "setup: %s\n", strerror(errno));
		return -1;
	}
	d->cap_size = fc.fmt.pix.sizeimage;
	for (i = 0; i <= NCAP; i++) {
		memset(&b, 0, sizeof(b));
		b.index = i ? i - 1 : 0;
		b.type = i ? V4L2_BUF_TYPE_VIDEO_CAPTURE :
			     V4L2_BUF_TYPE_VIDEO_OUTPUT;
		b.memory = V4L2_MEMORY_MMAP;
		if (xioctl(d->fd, VIDIOC_QUERYBUF, &b))
			return -1;
		m = mmap(NULL, b.length, PROT_READ | PROT_WRITE,
			       MAP_SHARED, d->fd, b.m.offset);
		if (m == MAP_FAILED)
			return -1;
		if (i) {
			cap_map[i - 1] = m;
		} else {
			d->out_map = m;
			d->out_len = b.length;
		}
	}
	return 0;
}

/* requests that must be refused, before streaming */
static void check_requests(struct dec *d)
{
	int rfd, err;
	char msg[160];

	err = qbuf_out(d, -1, 0, d->f[0].size, ts_of(0));
	snprintf(msg, sizeof(msg),
		 "QBUF on OUTPUT without a request: EBADR (%s)", strerror(err));
	report(d, err == EBADR, msg);

	rfd = new_request(d);
	err = rfd < 0 ? -1 :
	      xioctl(rfd, MEDIA_REQUEST_IOC_QUEUE, NULL) ? errno : 0;
	snprintf(msg, sizeof(msg), "an empty request: ENOENT (%s)",
		 strerror(err));
	report(d, err == ENOENT, msg);
	if (rfd >= 0)
		close(rfd);

	rfd = new_request(d);
	err = rfd < 0 ? -1 : qbuf_out(d, rfd, 0, d->f[0].size, ts_of(0));
	if (!err)
		err = xioctl(rfd, MEDIA_REQUEST_IOC_QUEUE, NULL) ? errno : 0;
	snprintf(msg, sizeof(msg),
		 "a request with a buffer but no FWHT parameters: ENOENT (%s)",
		 strerror(err));
	report(d, err == ENOENT, msg);
	err = rfd < 0 ? -1 : xioctl(rfd, MEDIA_REQUEST_IOC_REINIT, NULL);
	report(d, !err, "MEDIA_REQUEST_IOC_REINIT gives the buffer back");
	if (rfd >= 0)
		close(rfd);

	rfd = new_request(d);
	err = rfd < 0 ? -1 : set_params(d, rfd, 0, 0, d->w + 64, 0, 0);
	snprintf(msg, sizeof(msg),
		 "parameters wider than the CAPTURE format: EINVAL (%s)",
		 strerror(err));
	report(d, err == EINVAL, msg);
	/* 4:4:4 RGB into the 4:2:0 Y'CbCr CAPTURE format */
	err = rfd < 0 ? -1 :
	      set_params(d, rfd, 0, 0, 0, PIXENC_MSK,
			 V4L2_FWHT_FL_PIXENC_RGB |
			 V4L2_FWHT_FL_CHROMA_FULL_WIDTH |
			 V4L2_FWHT_FL_CHROMA_FULL_HEIGHT);
	snprintf(msg, sizeof(msg),
		 "parameters of another raw format than CAPTURE's: EINVAL (%s)",
		 strerror(err));
	report(d, err == EINVAL, msg);
	if (rfd >= 0)
		close(rfd);
}

static void check_decoding(struct dec *d, void **cap_map)
{
	enum v4l2_buf_type t;
	uint32_t fl = 0;
	unsigned int i, idx = 0;
	char msg[160];
	bool ok;

	t = V4L2_BUF_TYPE_VIDEO_OUTPUT;
	ok = !xioctl(d->fd, VIDIOC_STREAMON, &t);
	t = V4L2_BUF_TYPE_VIDEO_CAPTURE;
	ok = ok && !xioctl(d->fd, VIDIOC_STREAMON, &t);
	for (i = 0; ok && i < NCAP; i++)
		ok = !qbuf_cap(d, i);
	report(d, ok, "STREAMON, CAPTURE buffers queued");
	if (!ok)
		return;

	/* frame 0 (I), then frame 1 (P) from it */
	ok = !decode(d, 0, d->f[0].size, 0, ts_of(0), &fl, &idx) &&
	     !(fl & (V4L2_BUF_FLAG_ERROR | 1U << 31)) &&
	     (fl & V4L2_BUF_FLAG_KEYFRAME);
	snprintf(msg, sizeof(msg), "I-frame decoded, KEYFRAME (flags %#x)", fl);
	report(d, ok, msg);
	qbuf_cap(d, idx);
	ok = !decode(d, 1, d->f[1].size, ts_of(0), ts_of(1), &fl, &idx) &&
	     !(fl & (V4L2_BUF_FLAG_ERROR | 1U << 31)) &&
	     (fl & V4L2_BUF_FLAG_PFRAME);
	snprintf(msg, sizeof(msg),
		 "P-frame decoded from the picture its timestamp names, PFRAME (flags %#x)",
		 fl);
	report(d, ok, msg);
	memcpy(d->ref_pic, cap_map[idx], d->cap_size);
	qbuf_cap(d, idx);

	/* a reference that is not there */
	ok = !decode(d, 2, d->f[2].size, ts_of(40), ts_of(2), &fl, &idx) &&
	     (fl & V4L2_BUF_FLAG_ERROR) && (fl & 1U << 31);
	snprintf(msg, sizeof(msg),
		 "P-frame naming a timestamp no CAPTURE buffer has: both buffers ERROR (flags %#x)",
		 fl);
	report(d, ok, msg);
	qbuf_cap(d, idx);

	/* half of an I-frame's payload */
	ok = !decode(d, 0, d->f[0].size / 2, 0, ts_of(3), &fl, &idx) &&
	     (fl & V4L2_BUF_FLAG_ERROR);
	snprintf(msg, sizeof(msg),
		 "an I-frame cut in half: CAPTURE buffer ERROR (flags %#x)", fl);
	report(d, ok, msg);
	qbuf_cap(d, idx);

	/* the decoder holds no state: frame 0 and 1 again give the same */
	ok = !decode(d, 0, d->f[0].size, 0, ts_of(4), &fl, &idx) &&
	     !(fl & V4L2_BUF_FLAG_ERROR);
	qbuf_cap(d, idx);
	ok = ok && !decode(d, 1, d->f[1].size, ts_of(4), ts_of(5), &fl, &idx) &&
	     !(fl & V4L2_BUF_FLAG_ERROR) &&
	     !memcmp(d->ref_pic, cap_map[idx], d->cap_size);
	report(d, ok,
	       "after the errors the same I and P frames decode to the same bytes");
	qbuf_cap(d, idx);
}

/* a request whose job cannot run is completed by STREAMOFF */
static void check_cancel(struct dec *d)
{
	enum v4l2_buf_type t = V4L2_BUF_TYPE_VIDEO_CAPTURE;
	struct pollfd pfd = { .events = POLLPRI };
	int rfd, waiting = -1, done = -1;

	/* no CAPTURE buffers: mem2mem runs no job */
	if (xioctl(d->fd, VIDIOC_STREAMOFF, &t)) {
		report(d, false, "STREAMOFF CAPTURE");
		return;
	}
	rfd = new_request(d);
	if (rfd < 0 || set_params(d, rfd, 0, 0, 0, 0, 0) ||
	    qbuf_out(d, rfd, 0, d->f[0].size, ts_of(9)) ||
	    xioctl(rfd, MEDIA_REQUEST_IOC_QUEUE, NULL)) {
		report(d, false, "a request queued while CAPTURE is off");
		if (rfd >= 0)
			close(rfd);
		return;
	}
	pfd.fd = rfd;
	waiting = poll(&pfd, 1, 500);
	t = V4L2_BUF_TYPE_VIDEO_OUTPUT;
	if (!xioctl(d->fd, VIDIOC_STREAMOFF, &t))
		done = poll(&pfd, 1, 10000);
	report(d, waiting == 0 && done == 1 && (pfd.revents & POLLPRI),
	       "a request whose job cannot run stays pending, OUTPUT STREAMOFF completes it");
	close(rfd);
}

int main(int argc, char **argv)
{
	struct dec d = { .fd = -1, .media = -1 };
	void *cap_map[NCAP];

	if (argc != 3) {
		fprintf(stderr, "usage: %s VIDEO_NODE STREAM.hdr\n", argv[0]);
		return 2;
	}
	if (load_stream(&d, argv[2]))
		return 1;
	d.fd = open(argv[1], O_RDWR);
	if (d.fd < 0) {
		fprintf(stderr, "%s: %s\n", argv[1], strerror(errno));
		return 1;
	}
	d.media = open_media(d.fd);
	report(&d, d.media >= 0, "the node's media device opened");
	if (d.media < 0 || setup(&d, cap_map)) {
		report(&d, false, "formats and buffers set up");
		return 1;
	}
	d.ref_pic = malloc(d.cap_size);
	if (!d.ref_pic)
		return 1;
	check_requests(&d);
	check_decoding(&d, cap_map);
	check_cancel(&d);
	free(d.ref_pic);
	close(d.fd);
	close(d.media);
	return d.failed ? 1 : 0;
}
