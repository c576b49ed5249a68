// SPDX-License-Identifier: GPL-2.0-only
/*
 * cmacodec-failnth: make the Nth fault-injectable allocation of one driver
 * operation fail, for N = 1, 2, ... until the operation needs fewer than N
 * (/proc/thread-self/fail-nth, with failslab and fail_page_alloc set up
 * by the calling test to consider sleeping allocations).  After each
 * injected failure the same operation is run once more without injection
 * and must succeed: a failure path that leaves state behind shows there.
 *
 *   cmacodec-failnth open NODE
 *	open() of the node (the driver's context, controls, mem2mem)
 *   cmacodec-failnth reqbufs NODE
 *	S_FMT + REQBUFS(4, MMAP) on the raw queue of the node, then close
 *   cmacodec-failnth bind DRIVER_DIR DEVICE NODE_NAME
 *	the driver's probe, by writing DEVICE to DRIVER_DIR/bind (unbound
 *	before each round); the clean bind must bring NODE_NAME back
 *
 * N runs 1..DENSE, then in steps of STEP (environment
 * CMACODEC_FAILNTH_DENSE, default 40, and CMACODEC_FAILNTH_STEP, default 5)
 * to keep the run short.  Prints one diagnostic line with the
 * outcomes and "ok"/"not ok" lines: every injected round either failed
 * with an errno or succeeded (the allocation had a fallback), and every
 * clean round after it succeeded.
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "toolutil.h"

#define FN_MAX_ROUNDS 2000

/**
 * struct fn_op - one operation under test
 * @what: its name in the output
 * @a: @b: @c: its arguments
 * @nthfd: /proc/thread-self/fail-nth, kept open: opening it allocates
 * @run: returns 0 or an errno; with @nth, fail-nth is set just before the
 *	critical call, and -1 means that call needed fewer allocations
 */
struct fn_op {
	const char *what;
	const char *a, *b, *c;
	int nthfd;
	int (*run)(const struct fn_op *op, int nth);
};

static int fn_set_nth(const struct fn_op *op, int nth)
{
	char buf[16];
	int len = snprintf(buf, sizeof(buf), "%d", nth);

	return pwrite(op->nthfd, buf, len, 0) == len ? 0 : -1;
}

/*
 * Reset fail-nth; 1 if the injection happened (what was left is 0), so
 * a successful call with 0 from here was one that survived it.
 */
static int fn_end_nth(const struct fn_op *op)
{
	char buf[16] = "";
	int left;

	if (pread(op->nthfd, buf, sizeof(buf) - 1, 0) < 0)
		buf[0] = 0;
	left = atoi(buf);
	fn_set_nth(op, 0);
	return left == 0;
}

static int fn_open(const struct fn_op *op, int nth)
{
	int fd, err;

	if (nth)
		fn_set_nth(op, nth);
	fd = open(op->a, O_RDWR);
	err = fd < 0 ? errno : 0;
	if (nth && !fn_end_nth(op) && !err)
		err = -1;	/* not reached: fewer allocations than nth */
	if (fd >= 0)
		close(fd);
	return err;
}

static int fn_reqbufs(const struct fn_op *op, int nth)
{
	struct v4l2_requestbuffers rb = { .count = 4, .memory = V4L2_MEMORY_MMAP };
	struct v4l2_capability cap;
	struct v4l2_format f;
	int fd, err = 0;

	fd = open(op->a, O_RDWR);
	if (fd < 0)
		return errno;
	memset(&f, 0, sizeof(f));
	if (xioctl(fd, VIDIOC_QUERYCAP, &cap))
		goto fail;
	f.type = strstr((char *)cap.card, "-enc") ? V4L2_BUF_TYPE_VIDEO_OUTPUT :
		 V4L2_BUF_TYPE_VIDEO_CAPTURE;
	if (xioctl(fd, VIDIOC_G_FMT, &f))
		goto fail;
	f.fmt.pix.width = 640;
	f.fmt.pix.height = 480;
	f.fmt.pix.pixelformat = V4L2_PIX_FMT_YUV420;
	if (xioctl(fd, VIDIOC_S_FMT, &f))
		goto fail;
	rb.type = f.type;
	if (nth)
		fn_set_nth(op, nth);
	if (xioctl(fd, VIDIOC_REQBUFS, &rb))
		err = errno;
	else if (rb.count < 1)
		err = ENOMEM;
	if (nth && !fn_end_nth(op) && !err)
		err = -1;
	close(fd);
	return err;
fail:
	fprintf(stderr, "setting up %s: %s\n", op->a, strerror(errno));
	close(fd);
	return EIO;
}

static int fn_write(const struct fn_op *op, const char *file, int nth)
{
	char path[512];
	int fd, err = 0;

	snprintf(path, sizeof(path), "%s/%s", op->a, file);
	fd = open(path, O_WRONLY);
	if (fd < 0)
		return errno;
	if (nth)
		fn_set_nth(op, nth);
	if (write(fd, op->b, strlen(op->b)) < 0)
		err = errno;
	if (nth && !fn_end_nth(op) && !err)
		err = -1;
	close(fd);
	return err;
}

static int fn_has_node(const char *name)
{
	DIR *d = opendir("/sys/class/video4linux");
	struct dirent *e;
	int found = 0;

	while (d && (e = readdir(d))) {
		char path[300], buf[64] = "";
		FILE *f;

		snprintf(path, sizeof(path), "/sys/class/video4linux/%s/name",
			 e->d_name);
		f = fopen(path, "r");
		if (!f)
			continue;
		if (fgets(buf, sizeof(buf), f) && !strncmp(buf, name, strlen(name)) &&
		    buf[strlen(name)] == '\n')
			found = 1;
		fclose(f);
	}
	if (d)
		closedir(d);
	return found;
}

static int fn_bind(const struct fn_op *op, int nth)
{
	int err;

	/* unbound before each round; the clean round checks the node */
	fn_write(op, "unbind", 0);
	err = fn_write(op, "bind", nth);
	if (!nth && !err && !fn_has_node(op->c))
		err = ENODEV;
	return err;
}

static int fn_loop(const struct fn_op *op, int dense, int step)
{
	int nth, err, clean, injected = 0, tolerated = 0, bad_clean = 0;
	int errs[140] = { 0 };
	char line[1024];
	size_t len = 0;
	unsigned int e;

	for (nth = 1; nth < FN_MAX_ROUNDS; nth += nth < dense ? 1 : step) {
		err = op->run(op, nth);
		if (err == -1)
			break;		/* the whole operation needed < nth */
		injected++;
		if (err)
			errs[err < 140 ? err : 0]++;
		else
			tolerated++;
		clean = op->run(op, 0);
		if (clean) {
			fprintf(stderr, "%s: clean run after failing allocation %d: %s\n",
				op->what, nth, strerror(clean));
			bad_clean++;
		}
	}
	for (e = 0; e < 140; e++)
		if (errs[e])
			len += snprintf(line + len, sizeof(line) - len, " %s x%d",
					e ? strerrorname_np(e) : "?", errs[e]);
	printf("# %s: %d rounds with one allocation failed (up to #%d):%s; %d succeeded anyway\n",
	       op->what, injected, nth, len ? line : " no errors", tolerated);
	printf("%s - %s: each failed allocation gives an errno or is survived (%d rounds)\n",
	       injected > 0 && nth < FN_MAX_ROUNDS ? "ok" : "not ok", op->what,
	       injected);
	printf("%s - %s: the clean run after each failure succeeds (%d failed)\n",
	       bad_clean ? "not ok" : "ok", op->what, bad_clean);
	return bad_clean || !injected;
}

int main(int argc, char **argv)
{
	struct fn_op op = { 0 };
	const char *s = getenv("CMACODEC_FAILNTH_STEP");
	const char *d = getenv("CMACODEC_FAILNTH_DENSE");
	int step = s ? atoi(s) : 5, dense = d ? atoi(d) : 40;

	if (argc == 3 && !strcmp(argv[1], "open")) {
		op = (struct fn_op){ "open", argv[2], NULL, NULL, -1, fn_open };
	} else if (argc == 3 && !strcmp(argv[1], "reqbufs")) {
		op = (struct fn_op){ "REQBUFS", argv[2], NULL, NULL, -1, fn_reqbufs };
	} else if (argc == 5 && !strcmp(argv[1], "bind")) {
		op = (struct fn_op){ "probe (bind)", argv[2], argv[3], argv[4], -1,
				     fn_bind };
	} else {
		fprintf(stderr, "usage: cmacodec-failnth open NODE | reqbufs NODE | bind DRIVER_DIR DEVICE NODE_NAME\n");
		return 2;
	}
	op.nthfd = open("/proc/thread-self/fail-nth", O_RDWR);
	if (op.nthfd < 0 || fn_set_nth(&op, 0)) {
		fprintf(stderr, "/proc/thread-self/fail-nth: %s\n", strerror(errno));
		printf("not ok - %s: fail-nth available\n", op.what);
		return 1;
	}
	return fn_loop(&op, dense, step < 1 ? 1 : step);
}
