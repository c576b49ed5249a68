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

#define CMA_DEBUGFS "/sys/kernel/debug/cma"

/*
 * The CMA heap of area NAME is called NAME (6.x: "reserved" for the
 * default area); failing that, a machine with a single CMA area has no
 * choice.  debugfs is root-only: without it h->area stays empty.
 */
static void heap_find_area(struct heap *h)
{
	char path[sizeof(h->area)];
	struct dirent *de;
	unsigned int n = 0;
	DIR *dir;

	h->area[0] = '\0';
	snprintf(path, sizeof(path), CMA_DEBUGFS "/%s/used", h->name);
	if (!access(path, R_OK)) {
		snprintf(h->area, sizeof(h->area), CMA_DEBUGFS "/%s", h->name);
		return;
	}
	dir = opendir(CMA_DEBUGFS);
	if (!dir)
		return;
	while ((de = readdir(dir))) {
		if (de->d_name[0] == '.' || strlen(de->d_name) > 100)
			continue;
		snprintf(path, sizeof(path), CMA_DEBUGFS "/%.100s", de->d_name);
		n++;
	}
	closedir(dir);
	if (n == 1)
		str_copy(h->area, sizeof(h->area), path);
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
	heap_find_area(h);
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

/* a number from a file of the area's debugfs directory, -1 if none */
static long area_value(const struct heap *h, const char *file)
{
	char path[sizeof(h->area) + 16];
	long v = -1;
	FILE *f;

	if (!h->area[0])
		return -1;
	snprintf(path, sizeof(path), "%s/%s", h->area, file);
	f = fopen(path, "re");
	if (!f)
		return -1;
	if (fscanf(f, "%ld", &v) != 1)
		v = -1;
	fclose(f);
	return v;
}

static long pages_kb(long pages)
{
	return pages * (sysconf(_SC_PAGESIZE) / 1024);
}

long cma_free_settled_kb(const struct heap *h)
{
	long count = area_value(h, "count"), used = area_value(h, "used");
	int fd;

	if (count >= 0 && used >= 0)
		return pages_kb(count - used);
	fd = heap_alloc(h, 1);
	if (fd >= 0)
		close(fd);
	return meminfo_kb("CmaFree");
}

const char *cma_meter_name(const struct heap *h)
{
	return area_value(h, "used") >= 0 ? h->area : "CmaFree (/proc/meminfo)";
}

long cma_total_kb(const struct heap *h)
{
	long count = area_value(h, "count");

	return count >= 0 ? pages_kb(count) : meminfo_kb("CmaTotal");
}
