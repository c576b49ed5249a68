/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * cmacodec tool: the CMA dma-heap (/dev/dma_heap/<name>).
 */
#ifndef CMACODEC_TOOL_HEAP_H
#define CMACODEC_TOOL_HEAP_H

#include <stddef.h>

/*
 * @area: debugfs directory of the heap's CMA area (cma/<name>, with its
 *        page bitmap's "count" and "used"), "" if not readable
 */
struct heap {
	int fd;
	char name[64];
	char area[160];
};

/*
 * heap_open() - open a dma-heap
 * @name: heap name, or NULL for the CMA heap: the first of "linux,cma",
 *        "reserved", "default_cma_region", else any heap but "system"
 * Return: 0 or an exit code (EXIT_NODEV), message printed.
 */
int heap_open(const char *name, struct heap *h);
void heap_close(struct heap *h);

/* allocate @size bytes: a dma-buf fd, or -1 with errno set */
int heap_alloc(const struct heap *h, size_t size);

/* bracket CPU access to a dma-buf: DMA_BUF_IOCTL_SYNC; 0 or -1 */
int dmabuf_sync(int fd, int start, int write);

size_t page_align(size_t n);

/* a /proc/meminfo value in KiB (e.g. "CmaFree"), -1 if absent */
long meminfo_kb(const char *key);

/*
 * cma_free_settled_kb() - KiB of the heap's CMA area not allocated
 *
 * Exact where the area's debugfs bitmap is readable (h->area: count - used
 * pages; only cma_alloc()/cma_release() move it).  Otherwise CmaFree from
 * /proc/meminfo after the per-cpu page lists are drained: freed CMA pages
 * first go to per-cpu lists and count in CmaFree only once they reach the
 * buddy allocator, and a one-page allocation from the CMA heap makes
 * alloc_contig_range() drain them.  CmaFree still moves whenever the page
 * allocator lends free CMA pages to movable allocations, hence the
 * tolerance cma-test allows then.
 */
long cma_free_settled_kb(const struct heap *h);

/* what cma_free_settled_kb() reads, for messages */
const char *cma_meter_name(const struct heap *h);

/* KiB in the heap's CMA area (its bitmap), else CmaTotal; -1 if unknown */
long cma_total_kb(const struct heap *h);

#endif /* CMACODEC_TOOL_HEAP_H */
