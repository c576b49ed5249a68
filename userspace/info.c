// SPDX-License-Identifier: GPL-2.0-only
/*
 * cmacodec tool: info - nodes, formats, controls, dma-heaps, CMA.
 */
#define _GNU_SOURCE /* versionsort */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <linux/media.h>

#include "tool.h"

static void info_framesizes(int fd, uint32_t fourcc)
{
	struct v4l2_frmsizeenum fs;

	memset(&fs, 0, sizeof(fs));
	fs.pixel_format = fourcc;
	if (xioctl(fd, VIDIOC_ENUM_FRAMESIZES, &fs))
		return;
	if (fs.type == V4L2_FRMSIZE_TYPE_DISCRETE)
		printf("  %ux%u", fs.discrete.width, fs.discrete.height);
	else
		printf("  %ux%u .. %ux%u step %ux%u", fs.stepwise.min_width,
		       fs.stepwise.min_height, fs.stepwise.max_width,
		       fs.stepwise.max_height, fs.stepwise.step_width,
		       fs.stepwise.step_height);
}

static void info_formats(int fd, uint32_t type, const char *qname)
{
	struct v4l2_fmtdesc fd_;
	char cc[5];

	printf("    %s formats:\n", qname);
	memset(&fd_, 0, sizeof(fd_));
	fd_.type = type;
	while (!xioctl(fd, VIDIOC_ENUM_FMT, &fd_)) {
		printf("      %s %-28s", fourcc_str(fd_.pixelformat, cc),
		       (const char *)fd_.description);
		info_framesizes(fd, fd_.pixelformat);
		putchar('\n');
		fd_.index++;
	}
}

static void info_ctrls(int fd)
{
	static const uint32_t ids[] = { V4L2_CID_MPEG_VIDEO_GOP_SIZE,
					V4L2_CID_FWHT_I_FRAME_QP,
					V4L2_CID_FWHT_P_FRAME_QP };
	struct v4l2_queryctrl qc;
	struct v4l2_control c;
	size_t i;

	for (i = 0; i < sizeof(ids) / sizeof(ids[0]); i++) {
		memset(&qc, 0, sizeof(qc));
		qc.id = ids[i];
		if (xioctl(fd, VIDIOC_QUERYCTRL, &qc))
			continue;
		c.id = ids[i];
		c.value = 0;
		xioctl(fd, VIDIOC_G_CTRL, &c);
		printf("    control %-12s %d (%d..%d, default %d)\n",
		       ctrl_name(ids[i]), c.value, qc.minimum, qc.maximum,
		       qc.default_value);
	}
}

/* one node; 0 if it was found, else an exit code (@f->why says why) */
static int info_node(const struct dev_lookup *lk, enum codec_driver drv,
		     enum codec_role role, struct dev_found *f)
{
	struct v4l2_capability cap;
	int fd, ret;

	ret = device_find(lk, drv, role, f);
	if (ret)
		return ret;
	fd = open(f->path, O_RDWR | O_NONBLOCK | O_CLOEXEC);
	if (fd < 0) {
		printf("  %s %s: %s (cannot open: %s)\n", driver_name(drv),
		       role_name(role), f->path, strerror(errno));
		return 0;
	}
	memset(&cap, 0, sizeof(cap));
	xioctl(fd, VIDIOC_QUERYCAP, &cap);
	printf("  %s %s: %s name '%s' driver '%s' card '%s' bus_info '%s'\n",
	       driver_name(drv), role_name(role), f->path, f->name,
	       (const char *)cap.driver, (const char *)cap.card,
	       (const char *)cap.bus_info);
	if (f->media[0])
		printf("    found through %s, entity '%s'\n", f->media,
		       f->entity);
	else
		printf("    found through sysfs (no media device)\n");
	info_formats(fd, V4L2_BUF_TYPE_VIDEO_OUTPUT, "OUTPUT");
	info_formats(fd, V4L2_BUF_TYPE_VIDEO_CAPTURE, "CAPTURE");
	info_ctrls(fd);
	close(fd);
	return 0;
}

static int is_media_node(const struct dirent *de)
{
	return !strncmp(de->d_name, "media", 5) && de->d_name[5] >= '0' &&
	       de->d_name[5] <= '9';
}

/* the media devices, for -z */
static void info_media(void)
{
	struct media_device_info mi;
	struct dirent **list;
	char dev[300];
	int n, i, fd;

	printf("media devices (-z BUS_INFO):");
	n = scandir("/dev", &list, is_media_node, versionsort);
	if (n <= 0)
		printf(" none\n");
	else
		putchar('\n');
	for (i = 0; i < n; i++) {
		snprintf(dev, sizeof(dev), "/dev/%s", list[i]->d_name);
		free(list[i]);
		fd = open(dev, O_RDONLY | O_CLOEXEC);
		memset(&mi, 0, sizeof(mi));
		if (fd < 0 || xioctl(fd, MEDIA_IOC_DEVICE_INFO, &mi))
			printf("  %s: %s\n", dev, strerror(errno));
		else
			printf("  %s: bus_info '%.*s' driver '%.*s' model '%.*s'\n",
			       dev, (int)sizeof(mi.bus_info), mi.bus_info,
			       (int)sizeof(mi.driver), mi.driver,
			       (int)sizeof(mi.model), mi.model);
		if (fd >= 0)
			close(fd);
	}
	if (n > 0)
		free(list);
}

static void info_heaps(void)
{
	struct dirent *de;
	DIR *dir = opendir("/dev/dma_heap");
	struct heap h;

	printf("dma-heaps:");
	if (!dir) {
		printf(" none (/dev/dma_heap: %s)\n", strerror(errno));
		return;
	}
	while ((de = readdir(dir)))
		if (de->d_name[0] != '.')
			printf(" %s", de->d_name);
	closedir(dir);
	putchar('\n');
	if (!heap_open(NULL, &h)) {
		printf("  CMA heap used by --io dmabuf and cma-test: %s\n",
		       h.name);
		heap_close(&h);
	}
}

static void info_cma_sysfs(void)
{
	char path[600], val[64];
	struct dirent *de, *fe;
	DIR *dir, *area;
	FILE *f;

	dir = opendir("/sys/kernel/mm/cma");
	if (!dir)
		return;
	while ((de = readdir(dir))) {
		if (de->d_name[0] == '.')
			continue;
		printf("  area %s:", de->d_name);
		snprintf(path, sizeof(path), "/sys/kernel/mm/cma/%s",
			 de->d_name);
		area = opendir(path);
		while (area && (fe = readdir(area))) {
			if (fe->d_name[0] == '.')
				continue;
			snprintf(path, sizeof(path), "/sys/kernel/mm/cma/%s/%s",
				 de->d_name, fe->d_name);
			f = fopen(path, "re");
			if (f && fgets(val, sizeof(val), f))
				printf(" %s=%.*s", fe->d_name,
				       (int)strcspn(val, "\n"), val);
			if (f)
				fclose(f);
		}
		if (area)
			closedir(area);
		putchar('\n');
	}
	closedir(dir);
}

int cmd_info(const struct cli_opts *o)
{
	long total = meminfo_kb("CmaTotal"), cfree = meminfo_kb("CmaFree");
	struct dev_lookup lk = opts_lookup(o);
	struct dev_found f, missing;
	int found_cma = 0, ret = EXIT_OK, r;

	printf("video nodes:\n");
	r = info_node(&lk, DRV_CMACODEC, ROLE_ENC, &f);
	if (!r)
		found_cma++;
	else
		ret = r, missing = f;
	r = info_node(&lk, DRV_CMACODEC, ROLE_DEC, &f);
	if (!r)
		found_cma++;
	else if (!ret)
		ret = r, missing = f;
	if (!found_cma)
		printf("  cmacodec: no nodes\n");
	info_node(&lk, DRV_VICODEC, ROLE_ENC, &f);
	info_node(&lk, DRV_VICODEC, ROLE_DEC, &f);
	info_media();
	info_heaps();
	if (total >= 0)
		printf("CMA: CmaTotal %ld kB, CmaFree %ld kB, in use %ld kB (%.1f%%)\n",
		       total, cfree, total - cfree,
		       total ? 100.0 * (double)(total - cfree) / (double)total :
			       0.0);
	else
		printf("CMA: no CmaTotal in /proc/meminfo (kernel without CONFIG_CMA?)\n");
	info_cma_sysfs();
	if (!found_cma) {
		msg_err("%s", missing.why);
		return ret;
	}
	return EXIT_OK;
}
