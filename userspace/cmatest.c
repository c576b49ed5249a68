// SPDX-License-Identifier: GPL-2.0-only
/*
 * cmacodec tool: cma-test - classic CMA allocator scenarios from user space
 * through the CMA dma-heap, with the free memory of the heap's CMA area
 * checked after every step: exactly, from the area's debugfs bitmap, when
 * it is readable, else CmaFree (/proc/meminfo) within a tolerance.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "tool.h"

#define CMA_MAX_BUFS 4096
#define DEFAULT_COUNT 8
#define DEFAULT_SIZE (1U << 20)
#define DEFAULT_TOL_KB 64

struct cma_buf {
	int fd;
	uint32_t *map;
	size_t size;
};

struct cmatest {
	struct heap heap;
	unsigned int tol_kb;
	int exact;		/* the area's bitmap, not CmaFree */
	unsigned int failures;
	struct cma_buf *bufs;
	unsigned int nbufs;
};

/* print one step; a mismatch beyond the tolerance is a failure */
static void step(struct cmatest *t, const char *what, long before,
		 long expect_delta_kb)
{
	long now = cma_free_settled_kb(&t->heap), delta = now - before;
	long off = delta - expect_delta_kb;
	int ok = off <= (long)t->tol_kb && off >= -(long)t->tol_kb;

	printf("  %-34s free %8ld kB  delta %+7ld kB  expected %+7ld kB  %s\n",
	       what, now, delta, expect_delta_kb, ok ? "ok" : "MISMATCH");
	if (!ok)
		t->failures++;
}

static uint32_t pattern(unsigned int seed, size_t i)
{
	return (uint32_t)((seed + 1) * 0x9e3779b1U) ^ (uint32_t)(i * 2654435761U);
}

static int buf_alloc(struct cmatest *t, struct cma_buf *b, size_t size)
{
	void *p;

	b->size = page_align(size);
	b->fd = heap_alloc(&t->heap, b->size);
	if (b->fd < 0)
		return -1;
	p = mmap(NULL, b->size, PROT_READ | PROT_WRITE, MAP_SHARED, b->fd, 0);
	if (p == MAP_FAILED) {
		msg_err("mmap of a %zu-byte dma-buf failed: %s", b->size,
			strerror(errno));
		close(b->fd);
		b->fd = -1;
		return -1;
	}
	b->map = p;
	return 0;
}

static void buf_free(struct cma_buf *b)
{
	if (b->fd < 0)
		return;
	munmap(b->map, b->size);
	close(b->fd);
	b->fd = -1;
}

static void buf_fill(struct cma_buf *b, unsigned int seed)
{
	size_t i, n = b->size / 4;

	dmabuf_sync(b->fd, 1, 1);
	for (i = 0; i < n; i++)
		b->map[i] = pattern(seed, i);
	dmabuf_sync(b->fd, 0, 1);
}

static size_t buf_check(struct cma_buf *b, unsigned int seed)
{
	size_t i, n = b->size / 4, bad = 0;

	dmabuf_sync(b->fd, 1, 0);
	for (i = 0; i < n; i++)
		bad += b->map[i] != pattern(seed, i);
	dmabuf_sync(b->fd, 0, 0);
	return bad;
}

static size_t size_of(const struct cli_opts *o, unsigned int i)
{
	return o->nbufsizes ? o->bufsizes[i % o->nbufsizes] : DEFAULT_SIZE;
}

/* allocate bufs[0..n) with fill; returns how many were allocated */
static unsigned int alloc_n(struct cmatest *t, const struct cli_opts *o,
			    unsigned int n, int print)
{
	char what[64];
	unsigned int i;
	long before;

	for (i = 0; i < n; i++) {
		before = cma_free_settled_kb(&t->heap);
		if (buf_alloc(t, &t->bufs[i], size_of(o, i)))
			break;
		buf_fill(&t->bufs[i], i);
		if (print) {
			snprintf(what, sizeof(what), "alloc #%u (%zu kB)", i,
				 t->bufs[i].size / 1024);
			step(t, what, before, -(long)(t->bufs[i].size / 1024));
		}
	}
	return i;
}

static void verify_all(struct cmatest *t, unsigned int n, unsigned int skip_odd)
{
	size_t bad = 0, bytes = 0;
	unsigned int i, checked = 0;

	for (i = 0; i < n; i++) {
		if ((skip_odd && (i & 1)) || t->bufs[i].fd < 0)
			continue;
		bad += buf_check(&t->bufs[i], i);
		bytes += t->bufs[i].size;
		checked++;
	}
	printf("  pattern read-back: %u buffers, %zu kB: %s (%zu bad words)\n",
	       checked, bytes / 1024, bad ? "CORRUPT" : "ok", bad);
	if (bad)
		t->failures++;
}

static void free_range(struct cmatest *t, unsigned int n, unsigned int odd_only,
		       int print)
{
	char what[64];
	unsigned int i;
	long before;
	size_t kb;

	for (i = 0; i < n; i++) {
		if ((odd_only && !(i & 1)) || t->bufs[i].fd < 0)
			continue;
		before = cma_free_settled_kb(&t->heap);
		kb = t->bufs[i].size / 1024;
		buf_free(&t->bufs[i]);
		if (print) {
			snprintf(what, sizeof(what), "free #%u (%zu kB)", i, kb);
			step(t, what, before, (long)kb);
		}
	}
}

static void scen_basic(struct cmatest *t, const struct cli_opts *o)
{
	unsigned int n = o->count ? o->count : DEFAULT_COUNT, got;
	long base = cma_free_settled_kb(&t->heap);

	printf("scenario basic: %u buffers, allocate, write, read back, free one by one (free %ld kB)\n",
	       n, base);
	got = alloc_n(t, o, n, 1);
	if (got < n) {
		msg_err("allocation #%u from heap '%s' failed: %s", got,
			t->heap.name, strerror(errno));
		t->failures++;
	}
	verify_all(t, got, 0);
	free_range(t, got, 0, 1);
	step(t, "all freed: back to the start", base, 0);
}

static long total_kb(const struct cmatest *t, unsigned int n)
{
	size_t s = 0;
	unsigned int i;

	for (i = 0; i < n; i++)
		s += t->bufs[i].size;
	return (long)(s / 1024);
}

static void scen_frag(struct cmatest *t, const struct cli_opts *o)
{
	unsigned int n = o->count ? o->count : DEFAULT_COUNT, got;
	long base = cma_free_settled_kb(&t->heap), before;
	struct cma_buf big = { .fd = -1 };
	size_t bigsize = 2 * size_of(o, 0);

	printf("scenario frag: %u buffers, free every other one, then one of %zu kB; the rest must be intact\n",
	       n, bigsize / 1024);
	got = alloc_n(t, o, n, 0);
	step(t, "allocated", base, -total_kb(t, got));
	free_range(t, got, 1, 1);
	before = cma_free_settled_kb(&t->heap);
	if (buf_alloc(t, &big, bigsize)) {
		printf("  %zu kB allocation in the fragmented area: failed (%s) - fragmentation\n",
		       bigsize / 1024, strerror(errno));
	} else {
		buf_fill(&big, 999);
		step(t, "big allocation", before, -(long)(big.size / 1024));
	}
	verify_all(t, got, 1);
	if (big.fd >= 0 && buf_check(&big, 999)) {
		printf("  big buffer: CORRUPT\n");
		t->failures++;
	}
	buf_free(&big);
	free_range(t, got, 0, 0);
	step(t, "all freed: back to the start", base, 0);
}

static void scen_exhaust(struct cmatest *t, const struct cli_opts *o)
{
	long base = cma_free_settled_kb(&t->heap), low, total, got_kb, now;
	size_t size = size_of(o, 0);
	unsigned int n = 0, max = CMA_MAX_BUFS;
	int err = 0;

	printf("scenario exhaust: %zu kB buffers until the heap says no (free %ld kB)\n",
	       page_align(size) / 1024, base);
	while (n < max) {
		if (buf_alloc(t, &t->bufs[n], size)) {
			err = errno;
			break;
		}
		n++;
	}
	low = cma_free_settled_kb(&t->heap);
	printf("  %u buffers (%zu kB) allocated, then: %s; free %ld kB\n",
	       n, n * page_align(size) / 1024,
	       n == max ? "limit reached" : strerror(err), low);

	if (n < max && err != ENOMEM) {
		printf("  expected ENOMEM at exhaustion: MISMATCH\n");
		t->failures++;
	}
	total = cma_total_kb(&t->heap);
	got_kb = (long)(n * page_align(size) / 1024);
	if (got_kb > total) {
		printf("  allocated more than the area holds (%ld kB): MISMATCH\n",
		       total);
		t->failures++;
	} else if (got_kb > base) {
		printf("  %ld kB more than was free: movable pages migrated out of the area\n",
		       got_kb - base);
	}
	free_range(t, n, 0, 0);
	now = cma_free_settled_kb(&t->heap);
	printf("  all freed: free %ld kB (start %ld kB): %s\n", now, base,
	       now + (long)t->tol_kb >= base ? "ok" : "MISMATCH");
	if (now + (long)t->tol_kb < base)
		t->failures++;
}

#define SWEEP_MAX_MIB 10
#define SWEEP_DEFAULT_ROUNDS 3

static int cmp_u64(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;

	return x < y ? -1 : x > y;
}

/*
 * sweep: buffers of 1, 2, ... 10 MiB, each allocated, every page written
 * and read back, then freed, for --count rounds (default 3); the area
 * must be back where it was after each free.  The allocation latency
 * (the heap's ioctl, which is where CMA migrates movable pages out of the
 * range) is reported per size: min, median, max.
 */
static void scen_sweep(struct cmatest *t, const struct cli_opts *o)
{
	unsigned int rounds = o->count ? o->count : SWEEP_DEFAULT_ROUNDS;
	uint64_t lat[SWEEP_MAX_MIB][CMA_MAX_BUFS / SWEEP_MAX_MIB];
	uint64_t all[CMA_MAX_BUFS], t0;
	unsigned int r, m, n = 0;
	long base = cma_free_settled_kb(&t->heap), before;
	struct cma_buf b = { .fd = -1 };
	size_t bad = 0;
	char what[64];

	if (rounds > CMA_MAX_BUFS / SWEEP_MAX_MIB)
		rounds = CMA_MAX_BUFS / SWEEP_MAX_MIB;
	printf("scenario sweep: 1..%u MiB, every page written and read back, %u rounds (free %ld kB)\n",
	       SWEEP_MAX_MIB, rounds, base);
	for (r = 0; r < rounds; r++) {
		for (m = 1; m <= SWEEP_MAX_MIB; m++) {
			before = cma_free_settled_kb(&t->heap);
			t0 = now_ns();
			if (buf_alloc(t, &b, (size_t)m << 20)) {
				msg_err("sweep: %u MiB allocation from heap '%s' failed: %s",
					m, t->heap.name, strerror(errno));
				t->failures++;
				continue;
			}
			lat[m - 1][r] = (now_ns() - t0) / 1000;
			all[n++] = lat[m - 1][r];
			buf_fill(&b, r * SWEEP_MAX_MIB + m);
			bad += buf_check(&b, r * SWEEP_MAX_MIB + m);
			buf_free(&b);
			snprintf(what, sizeof(what), "round %u: %u MiB freed", r, m);
			step(t, what, before, 0);
		}
	}
	for (m = 1; m <= SWEEP_MAX_MIB && n == rounds * SWEEP_MAX_MIB; m++) {
		qsort(lat[m - 1], rounds, sizeof(lat[0][0]), cmp_u64);
		printf("  %2u MiB: alloc latency min %llu med %llu max %llu us\n",
		       m, (unsigned long long)lat[m - 1][0],
		       (unsigned long long)lat[m - 1][rounds / 2],
		       (unsigned long long)lat[m - 1][rounds - 1]);
	}
	qsort(all, n, sizeof(all[0]), cmp_u64);
	printf("  sweep: %u allocations, every page checked: %s (%zu bad words); alloc latency med %llu max %llu us\n",
	       n, bad ? "CORRUPT" : "ok", bad,
	       (unsigned long long)(n ? all[n / 2] : 0),
	       (unsigned long long)(n ? all[n - 1] : 0));
	if (bad)
		t->failures++;
	step(t, "sweep done: back to the start", base, 0);
}

int cmd_cmatest(const struct cli_opts *o)
{
	struct cmatest t;
	int ret;

	memset(&t, 0, sizeof(t));
	t.tol_kb = o->tolerance_kb ? o->tolerance_kb : DEFAULT_TOL_KB;
	if (meminfo_kb("CmaFree") < 0) {
		msg_err("no CmaFree in /proc/meminfo: kernel without CONFIG_CMA");
		return EXIT_NODEV;
	}
	ret = heap_open(o->heap, &t.heap);
	if (ret)
		return ret;
	t.bufs = calloc(CMA_MAX_BUFS, sizeof(*t.bufs));
	if (!t.bufs) {
		heap_close(&t.heap);
		return EXIT_RUNTIME;
	}
	for (ret = 0; ret < CMA_MAX_BUFS; ret++)
		t.bufs[ret].fd = -1;
	t.exact = strcmp(cma_meter_name(&t.heap), "CmaFree (/proc/meminfo)") != 0;
	if (t.exact && !o->tolerance_kb)
		t.tol_kb = 0;
	printf("cma-test on dma-heap '%s', %ld kB, free memory from %s, tolerance %u kB per step\n",
	       t.heap.name, cma_total_kb(&t.heap), cma_meter_name(&t.heap),
	       t.tol_kb);
	if (o->scenarios & SCEN_BASIC)
		scen_basic(&t, o);
	if (o->scenarios & SCEN_FRAG)
		scen_frag(&t, o);
	if (o->scenarios & SCEN_EXHAUST)
		scen_exhaust(&t, o);
	if (o->scenarios & SCEN_SWEEP)
		scen_sweep(&t, o);
	printf("cma-test: %s (%u mismatches)\n",
	       t.failures ? "FAILED" : "passed", t.failures);
	free(t.bufs);
	heap_close(&t.heap);
	return t.failures ? EXIT_CHECK : EXIT_OK;
}
