// SPDX-License-Identifier: GPL-2.0-only
/*
 * cmacodec-ioctl-fuzz: random ioctl sequences against the cmacodec nodes,
 * to find what a hostile or buggy client can do to the driver.  The
 * driver passes when the kernel stays quiet (no splat, no leak: the shell
 * test scans) and the device still works afterwards; the fuzzer itself
 * only fails when it cannot run at all.
 *
 *   cmacodec-ioctl-fuzz ioctls SEED ITERS THREADS NODE...
 *	THREADS threads, each ITERS random operations (format get/set/try,
 *	REQBUFS, CREATE_BUFS, QUERYBUF, QBUF/DQBUF with random indices,
 *	STREAMON/OFF, EXPBUF, controls, selection, encoder/decoder commands,
 *	events, mmap/munmap, poll, open/dup/close) with bounded random
 *	arguments on a shared table of handles of the given nodes (one to
 *	FZ_MAX_NODES: encoder, decoder, converter); plus, on each node, a
 *	thread that closes a handle while another is blocked in DQBUF on it.
 *   cmacodec-ioctl-fuzz streams SEED COUNT ENC DEC
 *	Encodes a short clip, then decodes COUNT random and mutated copies
 *	of the stream (bit flips, overwritten header fields, truncation,
 *	random bytes), each in a fresh handle.
 *
 * Both print "# IOCTL: ok N, EINVAL N, ..." lines (how often each ioctl
 * returned each errno) and one "ok - ..." line when the run completed.
 * The sequence of operations of each thread follows from SEED alone.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "toolutil.h"
#include "fuzzutil.h"

#define FZ_SLOTS 8
#define FZ_MAPS 16
#define FZ_MAX_THREADS 8
#define FZ_MAX_NODES 4

/** struct fz_shared - the handle table the threads share */
struct fz_shared {
	pthread_mutex_t lock;
	int fds[FZ_SLOTS];
	const char *const *nodes;
	unsigned int n_nodes;
	struct fz_stats *st;
};

/** struct fz_thread - one fuzzing thread */
struct fz_thread {
	struct fz_shared *sh;
	pthread_t tid;
	uint64_t rng;
	unsigned long iters;
	unsigned long progress;
	int done;
	void *map[FZ_MAPS];
	size_t map_len[FZ_MAPS];
};

static const uint32_t fz_pixfmts[] = {
	V4L2_PIX_FMT_YUV420, V4L2_PIX_FMT_NV12, V4L2_PIX_FMT_YUYV,
	V4L2_PIX_FMT_RGB24, V4L2_PIX_FMT_FWHT, V4L2_PIX_FMT_GREY,
	V4L2_PIX_FMT_XRGB32, 0,
};

static const uint32_t fz_cids[] = {
	V4L2_CID_MPEG_VIDEO_GOP_SIZE, V4L2_CID_FWHT_I_FRAME_QP,
	V4L2_CID_FWHT_P_FRAME_QP, V4L2_CID_MIN_BUFFERS_FOR_OUTPUT,
	V4L2_CID_MIN_BUFFERS_FOR_CAPTURE, V4L2_CID_USER_BASE + 0x1f00,
	V4L2_CID_USER_BASE + 0x1f01, V4L2_CID_USER_BASE + 0x1f0f,
	V4L2_CID_BRIGHTNESS, 0,
};

static uint32_t fz_type(uint64_t *r)
{
	switch (fz_below(r, 8)) {
	case 0: return fz_below(r, 16);
	case 1: case 2: case 3: return V4L2_BUF_TYPE_VIDEO_OUTPUT;
	default: return V4L2_BUF_TYPE_VIDEO_CAPTURE;
	}
}

static uint32_t fz_memory(uint64_t *r)
{
	static const uint32_t m[] = { V4L2_MEMORY_MMAP, V4L2_MEMORY_MMAP,
				      V4L2_MEMORY_MMAP, V4L2_MEMORY_DMABUF,
				      V4L2_MEMORY_USERPTR, 0, 7 };

	return m[fz_below(r, sizeof(m) / sizeof(m[0]))];
}

/* a dimension: mostly sensible, sometimes 0, odd or far too large */
static uint32_t fz_dim(uint64_t *r)
{
	static const uint32_t d[] = { 0, 1, 15, 16, 64, 176, 320, 321,
				      1920, 1088, 4096, 4097, 65535,
				      0x7fffffff, 0xffffffff };

	if (fz_below(r, 3))
		return 16 * (1 + fz_below(r, 40));
	return d[fz_below(r, sizeof(d) / sizeof(d[0]))];
}

static int fz_pick_fd(struct fz_thread *t)
{
	int fd;

	pthread_mutex_lock(&t->sh->lock);
	fd = t->sh->fds[fz_below(&t->rng, FZ_SLOTS)];
	pthread_mutex_unlock(&t->sh->lock);
	return fd;
}

/* open, dup or close a slot of the shared table */
static void fz_slot_op(struct fz_thread *t)
{
	struct fz_shared *sh = t->sh;
	unsigned int s = fz_below(&t->rng, FZ_SLOTS);
	unsigned int op = fz_below(&t->rng, 8);
	int old, fd = -1;

	/* mostly a fresh handle, some dups, now and then just a close */
	if (op < 5)
		fd = open(sh->nodes[fz_below(&t->rng, sh->n_nodes)],
			  O_RDWR | (fz_below(&t->rng, 4) ? O_NONBLOCK : 0));
	else if (op < 7)
		fd = dup(fz_pick_fd(t));
	pthread_mutex_lock(&sh->lock);
	old = sh->fds[s];
	sh->fds[s] = fd;
	pthread_mutex_unlock(&sh->lock);
	/*
	 * Another thread may still use the old number: its ioctl then hits
	 * EBADF or whatever reused the number, both harmless here.
	 */
	if (old >= 0)
		close(old);
}

static void fz_fmt(struct fz_thread *t, int fd)
{
	uint64_t *r = &t->rng;
	struct v4l2_format f = { .type = fz_type(r) };
	static const unsigned long req[] = { VIDIOC_G_FMT, VIDIOC_TRY_FMT,
					     VIDIOC_S_FMT };
	unsigned int which = fz_below(r, 3);

	fz_ioctl(t->sh->st, fd, VIDIOC_G_FMT, &f);
	if (which == 0)
		return;
	if (fz_below(r, 2))
		f.fmt.pix.width = fz_dim(r);
	if (fz_below(r, 2))
		f.fmt.pix.height = fz_dim(r);
	if (fz_below(r, 2))
		f.fmt.pix.pixelformat = fz_pixfmts[fz_below(r, 8)];
	if (fz_below(r, 4) == 0)
		f.fmt.pix.sizeimage = fz_rand(r);
	if (fz_below(r, 4) == 0)
		f.fmt.pix.bytesperline = fz_rand(r) & 0xffff;
	if (fz_below(r, 8) == 0)
		f.fmt.pix.field = fz_below(r, 12);
	if (fz_below(r, 8) == 0)
		f.fmt.pix.colorspace = fz_below(r, 16);
	fz_ioctl(t->sh->st, fd, req[which], &f);
}

static void fz_bufs(struct fz_thread *t, int fd)
{
	uint64_t *r = &t->rng;
	struct v4l2_requestbuffers rb = { .type = fz_type(r),
					  .memory = fz_memory(r) };
	struct v4l2_create_buffers cb = { .memory = fz_memory(r) };
	struct v4l2_buffer b = { .type = fz_type(r), .memory = fz_memory(r) };

	switch (fz_below(r, 4)) {
	case 0:
		rb.count = fz_below(r, 8) ? fz_below(r, 6) : fz_rand(r);
		fz_ioctl(t->sh->st, fd, VIDIOC_REQBUFS, &rb);
		break;
	case 1:
		cb.format.type = fz_type(r);
		fz_ioctl(t->sh->st, fd, VIDIOC_G_FMT, &cb.format);
		cb.count = fz_below(r, 4);
		if (fz_below(r, 4) == 0)
			cb.format.fmt.pix.sizeimage = fz_rand(r) >> fz_below(r, 32);
		fz_ioctl(t->sh->st, fd, VIDIOC_CREATE_BUFS, &cb);
		break;
	case 2:
		b.index = fz_below(r, 12);
		fz_ioctl(t->sh->st, fd, VIDIOC_QUERYBUF, &b);
		break;
	default:
		b.index = fz_below(r, 12);
		fz_ioctl(t->sh->st, fd, VIDIOC_PREPARE_BUF, &b);
		break;
	}
}

static void fz_queue(struct fz_thread *t, int fd)
{
	uint64_t *r = &t->rng;
	struct v4l2_buffer b = { .type = fz_type(r),
				 .memory = fz_below(r, 8) ? V4L2_MEMORY_MMAP :
				 fz_memory(r) };
	uint32_t type;

	switch (fz_below(r, 5)) {
	case 0:
	case 1:
		b.index = fz_below(r, 10);
		fz_ioctl(t->sh->st, fd, VIDIOC_QUERYBUF, &b);
		if (fz_below(r, 3) == 0)
			b.bytesused = fz_rand(r) >> fz_below(r, 32);
		if (fz_below(r, 8) == 0)
			b.flags = fz_rand(r);
		if (fz_below(r, 8) == 0)
			b.field = fz_below(r, 12);
		if (b.memory == V4L2_MEMORY_DMABUF)
			b.m.fd = fz_pick_fd(t);
		fz_ioctl(t->sh->st, fd, VIDIOC_QBUF, &b);
		break;
	case 2:
		fz_ioctl(t->sh->st, fd, VIDIOC_DQBUF, &b);
		break;
	case 3:
		type = fz_type(r);
		fz_ioctl(t->sh->st, fd, VIDIOC_STREAMON, &type);
		break;
	default:
		type = fz_type(r);
		fz_ioctl(t->sh->st, fd, VIDIOC_STREAMOFF, &type);
		break;
	}
}

static void fz_expbuf(struct fz_thread *t, int fd)
{
	uint64_t *r = &t->rng;
	struct v4l2_exportbuffer eb = {
		.type = fz_type(r), .index = fz_below(r, 10),
		.plane = fz_below(r, 8) ? 0 : fz_below(r, 4),
		.flags = fz_below(r, 2) ? O_RDWR : fz_rand(r),
	};

	if (fz_ioctl(t->sh->st, fd, VIDIOC_EXPBUF, &eb) == 0) {
		/* sometimes outlive the queue a little: another thread may free it */
		void *m = mmap(NULL, 4096, PROT_READ, MAP_SHARED, eb.fd, 0);

		if (m != MAP_FAILED)
			munmap(m, 4096);
		close(eb.fd);
	}
}

static void fz_ctrls(struct fz_thread *t, int fd)
{
	uint64_t *r = &t->rng;
	struct v4l2_ext_control c[3];
	struct v4l2_ext_controls cs = { .controls = c };
	struct v4l2_control one;
	struct v4l2_query_ext_ctrl q = { 0 };
	static const unsigned long req[] = { VIDIOC_G_EXT_CTRLS,
					     VIDIOC_S_EXT_CTRLS,
					     VIDIOC_TRY_EXT_CTRLS };
	unsigned int i;

	memset(c, 0, sizeof(c));
	for (i = 0; i < 3; i++) {
		c[i].id = fz_below(r, 4) ? fz_cids[fz_below(r, 10)] : fz_rand(r);
		c[i].value = fz_below(r, 2) ? (int32_t)fz_below(r, 40) :
			     (int32_t)fz_rand(r);
	}
	switch (fz_below(r, 4)) {
	case 0:
		one.id = c[0].id;
		one.value = c[0].value;
		fz_ioctl(t->sh->st, fd, fz_below(r, 2) ? VIDIOC_S_CTRL :
			 VIDIOC_G_CTRL, &one);
		break;
	case 1:
		q.id = fz_below(r, 2) ? c[0].id : (c[0].id |
			V4L2_CTRL_FLAG_NEXT_CTRL);
		fz_ioctl(t->sh->st, fd, VIDIOC_QUERY_EXT_CTRL, &q);
		break;
	default:
		cs.count = fz_below(r, 4);
		cs.which = fz_below(r, 8) ? V4L2_CTRL_WHICH_CUR_VAL :
			   (fz_below(r, 2) ? V4L2_CTRL_WHICH_DEF_VAL :
			    fz_rand(r));
		fz_ioctl(t->sh->st, fd, req[fz_below(r, 3)], &cs);
		break;
	}
}

static void fz_sel_cmd(struct fz_thread *t, int fd)
{
	uint64_t *r = &t->rng;
	struct v4l2_selection s = { .type = fz_type(r),
				    .target = fz_below(r, 4) ?
				    fz_below(r, 4) : fz_below(r, 0x400) };
	struct v4l2_encoder_cmd ec = { .cmd = fz_below(r, 6),
				       .flags = fz_below(r, 4) ? 0 : fz_rand(r) };
	struct v4l2_decoder_cmd dc = { .cmd = fz_below(r, 6),
				       .flags = fz_below(r, 4) ? 0 : fz_rand(r) };
	struct v4l2_event_subscription es = {
		.type = fz_below(r, 4) ? fz_below(r, 7) : fz_rand(r),
		.id = fz_below(r, 2) ? fz_cids[fz_below(r, 10)] : 0,
		.flags = fz_below(r, 4),
	};
	struct v4l2_event ev;

	switch (fz_below(r, 6)) {
	case 0:
		fz_ioctl(t->sh->st, fd, VIDIOC_G_SELECTION, &s);
		break;
	case 1:
		s.r.left = fz_below(r, 2) ? 0 : (int32_t)fz_dim(r);
		s.r.top = fz_below(r, 2) ? 0 : (int32_t)fz_dim(r);
		s.r.width = fz_dim(r);
		s.r.height = fz_dim(r);
		s.flags = fz_below(r, 8);
		fz_ioctl(t->sh->st, fd, VIDIOC_S_SELECTION, &s);
		break;
	case 2:
		fz_ioctl(t->sh->st, fd, fz_below(r, 2) ? VIDIOC_ENCODER_CMD :
			 VIDIOC_TRY_ENCODER_CMD, &ec);
		break;
	case 3:
		fz_ioctl(t->sh->st, fd, fz_below(r, 2) ? VIDIOC_DECODER_CMD :
			 VIDIOC_TRY_DECODER_CMD, &dc);
		break;
	case 4:
		fz_ioctl(t->sh->st, fd, fz_below(r, 3) ?
			 VIDIOC_SUBSCRIBE_EVENT : VIDIOC_UNSUBSCRIBE_EVENT, &es);
		break;
	default:
		fz_ioctl(t->sh->st, fd, VIDIOC_DQEVENT, &ev);
		break;
	}
}

static void fz_mem(struct fz_thread *t, int fd)
{
	uint64_t *r = &t->rng;
	unsigned int s = fz_below(r, FZ_MAPS);
	struct v4l2_buffer b = { .type = fz_type(r), .memory = V4L2_MEMORY_MMAP,
				 .index = fz_below(r, 10) };
	struct pollfd p = { .fd = fd, .events = POLLIN | POLLOUT | POLLPRI };
	size_t len;
	off_t off;

	switch (fz_below(r, 3)) {
	case 0:
		if (t->map[s]) {
			munmap(t->map[s], t->map_len[s]);
			t->map[s] = NULL;
			return;
		}
		if (fz_ioctl(t->sh->st, fd, VIDIOC_QUERYBUF, &b) == 0) {
			off = b.m.offset;
			len = b.length;
		} else {
			off = (off_t)fz_below(r, 64) << 12;
			len = 4096;
		}
		if (fz_below(r, 4) == 0)
			len = 4096 * (1 + fz_below(r, 512));
		if (fz_below(r, 8) == 0)
			off += 4096;
		t->map[s] = mmap(NULL, len, fz_below(r, 4) ? PROT_READ |
				 PROT_WRITE : PROT_READ, MAP_SHARED, fd, off);
		if (t->map[s] == MAP_FAILED) {
			t->map[s] = NULL;
			return;
		}
		t->map_len[s] = len;
		break;
	case 1:
		poll(&p, 1, fz_below(r, 10));
		break;
	default:
		fz_ioctl(t->sh->st, fd, VIDIOC_QUERYCAP, &b);
		break;
	}
}

/* set up a sane encode or decode session on @fd: jobs actually run */
static void fz_session(struct fz_thread *t, int fd)
{
	uint64_t *r = &t->rng;
	struct v4l2_requestbuffers rb = { .memory = V4L2_MEMORY_MMAP };
	struct v4l2_format f = { .type = V4L2_BUF_TYPE_VIDEO_OUTPUT };
	unsigned int i, q;
	uint32_t type;

	fz_ioctl(t->sh->st, fd, VIDIOC_G_FMT, &f);
	if (f.fmt.pix.pixelformat != V4L2_PIX_FMT_FWHT) {
		f.fmt.pix.width = 16 * (1 + fz_below(r, 20));
		f.fmt.pix.height = 16 * (1 + fz_below(r, 15));
		fz_ioctl(t->sh->st, fd, VIDIOC_S_FMT, &f);
	}
	for (q = 0; q < 2; q++) {
		rb.type = q ? V4L2_BUF_TYPE_VIDEO_CAPTURE :
			  V4L2_BUF_TYPE_VIDEO_OUTPUT;
		rb.count = 1 + fz_below(r, 3);
		if (fz_ioctl(t->sh->st, fd, VIDIOC_REQBUFS, &rb))
			continue;
		for (i = 0; i < rb.count; i++) {
			struct v4l2_buffer b = { .type = rb.type, .index = i,
						 .memory = V4L2_MEMORY_MMAP };

			fz_ioctl(t->sh->st, fd, VIDIOC_QUERYBUF, &b);
			b.bytesused = q ? 0 : b.length;
			fz_ioctl(t->sh->st, fd, VIDIOC_QBUF, &b);
		}
		type = rb.type;
		fz_ioctl(t->sh->st, fd, VIDIOC_STREAMON, &type);
	}
}

static void *fz_thread_main(void *arg)
{
	struct fz_thread *t = arg;
	unsigned long i;
	unsigned int s;

	for (i = 0; i < t->iters; i++) {
		unsigned int op = fz_below(&t->rng, 100);
		int fd = fz_pick_fd(t);

		__atomic_store_n(&t->progress, i, __ATOMIC_RELAXED);

		if (op < 4)
			fz_slot_op(t);
		else if (op < 16)
			fz_fmt(t, fd);
		else if (op < 30)
			fz_bufs(t, fd);
		else if (op < 55)
			fz_queue(t, fd);
		else if (op < 60)
			fz_expbuf(t, fd);
		else if (op < 70)
			fz_ctrls(t, fd);
		else if (op < 82)
			fz_sel_cmd(t, fd);
		else if (op < 94)
			fz_mem(t, fd);
		else
			fz_session(t, fd);
	}
	for (s = 0; s < FZ_MAPS; s++)
		if (t->map[s])
			munmap(t->map[s], t->map_len[s]);
	__atomic_store_n(&t->done, 1, __ATOMIC_RELEASE);
	return NULL;
}

static void fz_wake(int sig)
{
	(void)sig;
}

/** struct fz_waiter - a thread blocked in DQBUF on a handle being closed */
struct fz_waiter {
	struct fz_stats *st;
	int fd;
	int err;
};

static void *fz_waiter_main(void *arg)
{
	struct fz_waiter *w = arg;
	struct v4l2_buffer b = { .type = V4L2_BUF_TYPE_VIDEO_CAPTURE,
				 .memory = V4L2_MEMORY_MMAP };

	w->err = fz_ioctl(w->st, w->fd, VIDIOC_DQBUF, &b) ? errno : 0;
	return NULL;
}

/*
 * A blocking handle streams CAPTURE with no OUTPUT queued, so DQBUF
 * sleeps; another thread dups the handle, closes the original, then either
 * stops streaming through the dup (DQBUF must return) or, every other
 * round, interrupts the sleeper with a signal.  Returns the rounds whose
 * DQBUF returned.
 */
static int fz_close_while_waiting(struct fz_stats *st, const char *node,
				  unsigned int rounds)
{
	unsigned int i, done = 0;

	for (i = 0; i < rounds; i++) {
		struct v4l2_requestbuffers rb = {
			.count = 2, .type = V4L2_BUF_TYPE_VIDEO_CAPTURE,
			.memory = V4L2_MEMORY_MMAP };
		uint32_t type = V4L2_BUF_TYPE_VIDEO_CAPTURE;
		struct fz_waiter w = { .st = st, .err = -1 };
		struct v4l2_buffer b = { .type = type,
					 .memory = V4L2_MEMORY_MMAP };
		pthread_t tid;
		int dupfd;

		w.fd = open(node, O_RDWR);
		if (w.fd < 0) {
			fprintf(stderr, "open %s: %s\n", node, strerror(errno));
			return -1;
		}
		fz_ioctl(st, w.fd, VIDIOC_REQBUFS, &rb);
		for (b.index = 0; b.index < rb.count; b.index++)
			fz_ioctl(st, w.fd, VIDIOC_QBUF, &b);
		fz_ioctl(st, w.fd, VIDIOC_STREAMON, &type);
		pthread_create(&tid, NULL, fz_waiter_main, &w);
		usleep(100000);
		dupfd = dup(w.fd);
		close(w.fd);
		usleep(50000);
		if (i % 2)
			pthread_kill(tid, SIGUSR1);
		else
			fz_ioctl(st, dupfd, VIDIOC_STREAMOFF, &type);
		pthread_join(tid, NULL);
		fprintf(stderr, "close while waiting, round %u (%s): DQBUF %s\n",
			i, i % 2 ? "signal" : "streamoff", strerror(w.err));
		done += w.err == (i % 2 ? EINTR : EINVAL) ||
			(i % 2 == 0 && w.err == EPIPE);
		close(dupfd);
	}
	return done;
}

static int mode_ioctls(uint64_t seed, unsigned long iters, unsigned int n,
		       const char *const *nodes, unsigned int n_nodes)
{
	struct fz_thread th[FZ_MAX_THREADS];
	struct fz_shared sh = { .nodes = nodes, .n_nodes = n_nodes };
	struct sigaction sa = { .sa_handler = fz_wake };
	unsigned long seen[FZ_MAX_THREADS] = { 0 };
	unsigned int i, busy;
	int woken, r;

	/* no SA_RESTART: a signal ends a sleeping ioctl with EINTR */
	sigaction(SIGUSR1, &sa, NULL);
	sh.st = fz_stats_new();
	pthread_mutex_init(&sh.lock, NULL);
	for (i = 0; i < FZ_SLOTS; i++) {
		sh.fds[i] = open(nodes[i % n_nodes], O_RDWR | O_NONBLOCK);
		if (sh.fds[i] < 0) {
			fprintf(stderr, "open %s: %s\n", nodes[i % n_nodes],
				strerror(errno));
			return 1;
		}
	}
	memset(th, 0, sizeof(th));
	for (i = 0; i < n; i++) {
		th[i].sh = &sh;
		th[i].rng = seed * 0x9e3779b97f4a7c15ull + i + 1;
		th[i].iters = iters;
		r = pthread_create(&th[i].tid, NULL, fz_thread_main, &th[i]);
		if (r) {
			fprintf(stderr, "pthread_create: %s\n", strerror(r));
			return 1;
		}
	}
	woken = 0;
	for (i = 0; i < n_nodes; i++)
		woken += fz_close_while_waiting(sh.st, nodes[i], 4);
	/*
	 * A thread may sleep in a blocking DQBUF no job will ever end (a
	 * handle opened without O_NONBLOCK): kick the threads until all are
	 * done, so the run stays bounded.
	 */
	do {
		busy = 0;
		usleep(500000);
		for (i = 0; i < n; i++) {
			unsigned long p = __atomic_load_n(&th[i].progress,
							  __ATOMIC_RELAXED);

			if (__atomic_load_n(&th[i].done, __ATOMIC_ACQUIRE))
				continue;
			busy++;
			/* no new operation for 500 ms: it sleeps somewhere */
			if (p == seen[i])
				pthread_kill(th[i].tid, SIGUSR1);
			seen[i] = p;
		}
	} while (busy);
	for (i = 0; i < n; i++)
		pthread_join(th[i].tid, NULL);
	for (i = 0; i < FZ_SLOTS; i++)
		if (sh.fds[i] >= 0)
			close(sh.fds[i]);
	fz_stats_print(sh.st);
	printf("%s - %u threads x %lu random operations on %u nodes (seed %llu)\n",
	       "ok", n, iters, n_nodes, (unsigned long long)seed);
	printf("%s - a DQBUF blocked on a closed handle returns (%d of %u: streamoff/signal)\n",
	       woken == (int)(4 * n_nodes) ? "ok" : "not ok", woken,
	       4 * n_nodes);
	return woken != (int)(4 * n_nodes);
}

int main(int argc, char **argv)
{
	if (argc >= 6 && argc <= 5 + FZ_MAX_NODES && !strcmp(argv[1], "ioctls"))
		return mode_ioctls(strtoull(argv[2], NULL, 0),
				   strtoul(argv[3], NULL, 0),
				   fz_clamp(strtoul(argv[4], NULL, 0), 1,
					    FZ_MAX_THREADS),
				   (const char *const *)&argv[5], argc - 5);
	if (argc == 6 && !strcmp(argv[1], "streams"))
		return fz_streams(strtoull(argv[2], NULL, 0),
				  strtoul(argv[3], NULL, 0), argv[4], argv[5]);
	fprintf(stderr,
		"usage: cmacodec-ioctl-fuzz ioctls SEED ITERS THREADS NODE... (1 to 4)\n"
		"       cmacodec-ioctl-fuzz streams SEED COUNT ENC DEC\n");
	return 2;
}
