// SPDX-License-Identifier: GPL-2.0-only
/*
 * cmacodec tool: device discovery and V4L2 helpers.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <unistd.h>

#include "common.h"
#include "device.h"

static const char *const node_names[2][2] = {
	[DRV_CMACODEC] = { [ROLE_ENC] = "cmacodec-enc",
			   [ROLE_DEC] = "cmacodec-dec" },
	[DRV_VICODEC] = { [ROLE_ENC] = "stateful-encoder",
			  [ROLE_DEC] = "stateful-decoder" },
};

const char *driver_name(enum codec_driver drv)
{
	return drv == DRV_VICODEC ? "vicodec" : "cmacodec";
}

const char *role_name(enum codec_role role)
{
	return role == ROLE_DEC ? "decoder" : "encoder";
}

int xioctl(int fd, unsigned long req, void *arg)
{
	int ret;

	do {
		ret = ioctl(fd, req, arg);
	} while (ret < 0 && errno == EINTR);
	return ret;
}

static int read_line(const char *path, char *buf, size_t len)
{
	FILE *f = fopen(path, "re");
	size_t n;

	if (!f)
		return -1;
	if (!fgets(buf, (int)len, f)) {
		fclose(f);
		return -1;
	}
	fclose(f);
	n = strlen(buf);
	while (n && (buf[n - 1] == '\n' || buf[n - 1] == ' '))
		buf[--n] = '\0';
	return 0;
}

/* basename of the driver the sysfs node's device is bound to */
static int node_driver(const char *node, char *buf, size_t len)
{
	char link[PATH_MAX], target[PATH_MAX];
	const char *base;
	ssize_t n;

	snprintf(link, sizeof(link), "/sys/class/video4linux/%s/device/driver",
		 node);
	n = readlink(link, target, sizeof(target) - 1);
	if (n < 0)
		return -1;
	target[n] = '\0';
	base = strrchr(target, '/');
	str_copy(buf, len, base ? base + 1 : target);
	return 0;
}

int device_find(enum codec_driver drv, enum codec_role role, char *path,
		size_t len, char *name, size_t namelen)
{
	char file[PATH_MAX], nbuf[64], dbuf[64];
	struct dirent *de;
	DIR *dir;
	int found = -1;

	dir = opendir("/sys/class/video4linux");
	if (!dir)
		return -1;
	while (found && (de = readdir(dir))) {
		if (strncmp(de->d_name, "video", 5))
			continue;
		snprintf(file, sizeof(file), "/sys/class/video4linux/%s/name",
			 de->d_name);
		if (read_line(file, nbuf, sizeof(nbuf)) ||
		    strcmp(nbuf, node_names[drv][role]))
			continue;
		/* the driver link, when there is one, must agree */
		if (!node_driver(de->d_name, dbuf, sizeof(dbuf)) &&
		    strcmp(dbuf, driver_name(drv)))
			continue;
		snprintf(path, len, "/dev/%s", de->d_name);
		str_copy(name, namelen, nbuf);
		found = 0;
	}
	closedir(dir);
	return found;
}

static int module_loaded(enum codec_driver drv)
{
	char p[64];
	struct stat st;

	snprintf(p, sizeof(p), "/sys/module/%s", driver_name(drv));
	return !stat(p, &st);
}

static int device_check_caps(struct codec_dev *d)
{
	struct v4l2_capability cap;
	uint32_t caps;

	memset(&cap, 0, sizeof(cap));
	if (xioctl(d->fd, VIDIOC_QUERYCAP, &cap)) {
		msg_err("%s: VIDIOC_QUERYCAP failed: %s", d->path,
			strerror(errno));
		return EXIT_RUNTIME;
	}
	str_copy(d->bus_info, sizeof(d->bus_info), (const char *)cap.bus_info);
	if (strcmp((const char *)cap.driver, driver_name(d->drv))) {
		msg_err("%s: driver is '%s', expected '%s'", d->path,
			(const char *)cap.driver, driver_name(d->drv));
		return EXIT_NODEV;
	}
	caps = cap.capabilities & V4L2_CAP_DEVICE_CAPS ? cap.device_caps :
							  cap.capabilities;
	if (!(caps & V4L2_CAP_VIDEO_M2M) || !(caps & V4L2_CAP_STREAMING)) {
		msg_err("%s: not a single-planar mem2mem device (caps %#x)%s",
			d->path, caps, d->drv == DRV_VICODEC ?
			"; load vicodec with multiplanar=0" : "");
		return EXIT_NODEV;
	}
	return EXIT_OK;
}

int device_open(enum codec_driver drv, enum codec_role role,
		struct codec_dev *d)
{
	int ret;

	memset(d, 0, sizeof(*d));
	d->fd = -1;
	d->drv = drv;
	d->role = role;
	if (device_find(drv, role, d->path, sizeof(d->path), d->name,
			sizeof(d->name))) {
		if (module_loaded(drv))
			msg_err("no %s %s found: module loaded, but no video node named '%s' (see 'dmesg' and 'cmacodec info')",
				driver_name(drv), role_name(role),
				node_names[drv][role]);
		else
			msg_err("no %s %s found (is the module loaded? try: modprobe %s)",
				driver_name(drv), role_name(role),
				driver_name(drv));
		return EXIT_NODEV;
	}
	d->fd = open(d->path, O_RDWR | O_NONBLOCK | O_CLOEXEC);
	if (d->fd < 0) {
		msg_err("cannot open %s %s %s: %s%s", driver_name(drv),
			role_name(role), d->path, strerror(errno),
			errno == EACCES ? " (run as root or join group video)" :
					  "");
		return errno == ENOENT ? EXIT_NODEV : EXIT_RUNTIME;
	}
	ret = device_check_caps(d);
	if (ret)
		device_close(d);
	return ret;
}

void device_close(struct codec_dev *d)
{
	if (d->fd >= 0)
		close(d->fd);
	d->fd = -1;
}

int v4l2_set_ctrl(int fd, uint32_t id, int32_t value)
{
	struct v4l2_control c = { .id = id, .value = value };

	return xioctl(fd, VIDIOC_S_CTRL, &c);
}

int v4l2_subscribe(int fd, uint32_t type)
{
	struct v4l2_event_subscription sub;

	memset(&sub, 0, sizeof(sub));
	sub.type = type;
	return xioctl(fd, VIDIOC_SUBSCRIBE_EVENT, &sub);
}

const char *ctrl_name(uint32_t id)
{
	switch (id) {
	case V4L2_CID_MPEG_VIDEO_GOP_SIZE:
		return "GOP size";
	case V4L2_CID_FWHT_I_FRAME_QP:
		return "I frame QP";
	case V4L2_CID_FWHT_P_FRAME_QP:
		return "P frame QP";
	default:
		return "control";
	}
}
