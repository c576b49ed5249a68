// SPDX-License-Identifier: GPL-2.0-only
/*
 * cmacodec tool: dma-heap allocation.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <linux/dma-buf.h>
#include <linux/dma-heap.h>

#include "common.h"
#include "device.h"
#include "heap.h"

#define HEAP_DIR "/dev/dma_heap"

size_t page_align(size_t n)
{
	size_t page = (size_t)sysconf(_SC_PAGESIZE);

	return (n + page - 1) / page * page;
}

/* the CMA heap's name in @buf; 0 or -1 */
static int heap_pick(char *buf, size_t len)
{
	static const char *const preferred[] = { "linux,cma", "reserved",
						 "default_cma_region" };
	char path[128];
	struct dirent *de;
	size_t i;
	DIR *dir;
	int ret = -1;

	for (i = 0; i < sizeof(preferred) / sizeof(preferred[0]); i++) {
		snprintf(path, sizeof(path), HEAP_DIR "/%s", preferred[i]);
		if (!access(path, F_OK)) {
			str_copy(buf, len, preferred[i]);
			return 0;
		}
	}
	dir = opendir(HEAP_DIR);
	if (!dir)
		return -1;
	while ((de = readdir(dir))) {
		if (de->d_name[0] == '.' || !strcmp(de->d_name, "system") ||
		    !strncmp(de->d_name, "system-", 7))
			continue;
		str_copy(buf, len, de->d_name);
		ret = 0;
		break;
	}
	closedir(dir);
	return ret;
}

int heap_open(const char *name, struct heap *h)
{
	char path[128];

	h->fd = -1;
	if (name) {
		str_copy(h->name, sizeof(h->name), name);
	} else if (heap_pick(h->name, sizeof(h->name))) {
		msg_err("no CMA dma-heap in " HEAP_DIR " (needs CONFIG_DMABUF_HEAPS_CMA and a CMA area, e.g. cma=64M on the kernel command line)");
		return EXIT_NODEV;
	}
	snprintf(path, sizeof(path), HEAP_DIR "/%s", h->name);
	h->fd = open(path, O_RDONLY | O_CLOEXEC);
	if (h->fd < 0) {
		msg_err("cannot open dma-heap %s: %s%s", path, strerror(errno),
			errno == ENOENT ? " (see 'ls " HEAP_DIR "')" : "");
		return errno == ENOENT ? EXIT_NODEV : EXIT_RUNTIME;
	}
	return EXIT_OK;
}

void heap_close(struct heap *h)
{
	if (h->fd >= 0)
		close(h->fd);
	h->fd = -1;
}

int heap_alloc(const struct heap *h, size_t size)
{
	struct dma_heap_allocation_data d;

	memset(&d, 0, sizeof(d));
	d.len = page_align(size);
	d.fd_flags = O_RDWR | O_CLOEXEC;
	if (xioctl(h->fd, DMA_HEAP_IOCTL_ALLOC, &d))
		return -1;
	return (int)d.fd;
}

int dmabuf_sync(int fd, int start, int write)
{
	struct dma_buf_sync s;

	/*
	 * The direction must be the one the importing device mapped the
	 * buffer with (the CMA heap syncs its attachments with it; DMA-API
	 * debugging complains otherwise): WRITE for buffers the CPU fills
	 * for the device (DMA_TO_DEVICE), READ for buffers it reads back.
	 */
	s.flags = (start ? DMA_BUF_SYNC_START : DMA_BUF_SYNC_END) |
		  (write ? DMA_BUF_SYNC_WRITE : DMA_BUF_SYNC_READ);
	return xioctl(fd, DMA_BUF_IOCTL_SYNC, &s);
}

long meminfo_kb(const char *key)
{
	char line[128];
	size_t n = strlen(key);
	long v = -1;
	FILE *f;

	f = fopen("/proc/meminfo", "re");
	if (!f)
		return -1;
	while (fgets(line, sizeof(line), f))
		if (!strncmp(line, key, n) && line[n] == ':') {
			v = strtol(line + n + 1, NULL, 10);
			break;
		}
	fclose(f);
	return v;
}

long cma_free_settled_kb(const struct heap *h)
{
	int fd = heap_alloc(h, 1);

	if (fd >= 0)
		close(fd);
	return meminfo_kb("CmaFree");
}
