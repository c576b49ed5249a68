// SPDX-License-Identifier: GPL-2.0-only
/*
 * cmacodec tool: device discovery (media controller, sysfs as fallback)
 * and V4L2 helpers.
 */
#define _GNU_SOURCE /* versionsort */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <unistd.h>

#include "common.h"
#include "device.h"
#include "media-topo.h"

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

static int module_loaded(enum codec_driver drv)
{
	char p[64];
	struct stat st;

	snprintf(p, sizeof(p), "/sys/module/%s", driver_name(drv));
	return !stat(p, &st);
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

/* the node by name and driver link in /sys/class/video4linux; 0 or -1 */
static int sysfs_find(enum codec_driver drv, enum codec_role role,
		      struct dev_found *f)
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
		if (snprintf(f->path, sizeof(f->path), "/dev/%s",
			     de->d_name) >= (int)sizeof(f->path))
			continue;
		str_copy(f->name, sizeof(f->name), nbuf);
		found = 0;
	}
	closedir(dir);
	return found;
}

/* a message into @buf, cut to fit */
static void why_set(char *buf, size_t len, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static void why_set(char *buf, size_t len, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(buf, len, fmt, ap);
	va_end(ap);
}

/* append ", @item" (or @item) to the list in @buf */
static void list_add(char *buf, size_t len, const char *item)
{
	size_t n = strlen(buf);

	if (n + 1 < len)
		why_set(buf + n, len - n, "%s%s", n ? ", " : "", item);
}

/* a topology with its arrays */
struct media_topo {
	struct media_v2_topology t;
	struct media_v2_entity *ents;
	struct media_v2_interface *intfs;
	struct media_v2_pad *pads;
	struct media_v2_link *links;
};

static void topo_free(struct media_topo *mt)
{
	free(mt->ents);
	free(mt->intfs);
	free(mt->pads);
	free(mt->links);
	mt->ents = NULL;
	mt->intfs = NULL;
	mt->pads = NULL;
	mt->links = NULL;
}

/* MEDIA_IOC_G_TOPOLOGY: the counts, then the arrays; 0 or -1 (errno) */
static int topo_get(int fd, struct media_topo *mt)
{
	int tries;

	memset(mt, 0, sizeof(*mt));
	for (tries = 0; tries < 3; tries++) {
		memset(&mt->t, 0, sizeof(mt->t));
		if (xioctl(fd, MEDIA_IOC_G_TOPOLOGY, &mt->t))
			return -1;
		topo_free(mt);
		/* + 2: room for what appears between the two calls */
		mt->ents = calloc(mt->t.num_entities + 2, sizeof(*mt->ents));
		mt->intfs = calloc(mt->t.num_interfaces + 2,
				   sizeof(*mt->intfs));
		mt->pads = calloc(mt->t.num_pads + 2, sizeof(*mt->pads));
		mt->links = calloc(mt->t.num_links + 2, sizeof(*mt->links));
		if (!mt->ents || !mt->intfs || !mt->pads || !mt->links) {
			topo_free(mt);
			errno = ENOMEM;
			return -1;
		}
		mt->t.num_entities += 2;
		mt->t.num_interfaces += 2;
		mt->t.num_pads += 2;
		mt->t.num_links += 2;
		mt->t.ptr_entities = (uintptr_t)mt->ents;
		mt->t.ptr_interfaces = (uintptr_t)mt->intfs;
		mt->t.ptr_pads = (uintptr_t)mt->pads;
		mt->t.ptr_links = (uintptr_t)mt->links;
		if (!xioctl(fd, MEDIA_IOC_G_TOPOLOGY, &mt->t))
			return 0;
		if (errno != ENOSPC)
			break;
	}
	topo_free(mt);
	return -1;
}

/* /dev/NAME of a character device, from /sys/dev/char/MAJ:MIN/uevent */
static int chardev_path(uint32_t major, uint32_t minor, char *path,
			size_t len, char *name, size_t namelen)
{
	char file[96], line[160];
	FILE *f;
	int ret = -1;

	snprintf(file, sizeof(file), "/sys/dev/char/%u:%u/uevent", major,
		 minor);
	f = fopen(file, "re");
	if (!f)
		return -1;
	while (ret && fgets(line, sizeof(line), f)) {
		line[strcspn(line, "\n")] = '\0';
		if (strncmp(line, "DEVNAME=", 8) || !line[8])
			continue;
		if (snprintf(path, len, "/dev/%s", line + 8) < (int)len)
			ret = 0;
	}
	fclose(f);
	if (ret) {
		errno = ENOENT;
		return -1;
	}
	snprintf(file, sizeof(file), "/sys/dev/char/%u:%u/name", major, minor);
	if (read_line(file, name, namelen))
		name[0] = '\0';
	return 0;
}

static int is_media_node(const struct dirent *de)
{
	return !strncmp(de->d_name, "media", 5) && de->d_name[5] >= '0' &&
	       de->d_name[5] <= '9';
}

/*
 * struct media_search - one search through /dev/media*
 * @bus:      the bus_info (model, driver) asked for
 * @function: MEDIA_ENT_F_PROC_VIDEO_ENCODER or _DECODER
 * @hint:     preferred entity name prefix (topo_find_devnode())
 * @verbose:  print the steps
 * @seen:     bus_info of every media device looked at, for messages
 * @matched:  media devices that answered to @bus
 * @why:      why a matching device did not do
 */
struct media_search {
	const char *bus;
	uint32_t function;
	const char *hint;
	int verbose;
	char seen[192];
	unsigned int matched;
	char why[320];
};

/* choose the node in the topology of a matching media device @fd */
static int media_pick(struct media_search *ms, int fd, const char *dev,
		      const struct media_device_info *mi, struct dev_found *f)
{
	struct media_topo mt;
	struct topo_match m;
	int ret = 1;

	if (topo_get(fd, &mt)) {
		why_set(ms->why, sizeof(ms->why),
			 "%s (bus_info '%s'): MEDIA_IOC_G_TOPOLOGY failed: %s",
			 dev, mi->bus_info, strerror(errno));
		return 1;
	}
	if (topo_find_devnode(&mt.t, ms->function, ms->hint, &m)) {
		why_set(ms->why, sizeof(ms->why),
			 "media device %s (bus_info '%s') has no video %s interface (see 'media-ctl -p -d %s')",
			 dev, mi->bus_info, ms->function ==
			 MEDIA_ENT_F_PROC_VIDEO_ENCODER ? "encoder" : "decoder",
			 dev);
	} else if (chardev_path(m.major, m.minor, f->path, sizeof(f->path),
				f->name, sizeof(f->name))) {
		why_set(ms->why, sizeof(ms->why),
			 "media device %s: no /dev node for entity '%s' (char %u:%u): %s",
			 dev, m.entity, m.major, m.minor, strerror(errno));
	} else {
		str_copy(f->media, sizeof(f->media), dev);
		str_copy(f->entity, sizeof(f->entity), m.entity);
		msg_debug(ms->verbose, "%s (bus_info '%s'): entity '%s' -> %s%s",
			  dev, mi->bus_info, m.entity, f->path,
			  m.candidates > 1 ? " (the preferred of several)" : "");
		ret = 0;
	}
	topo_free(&mt);
	return ret;
}

/* one /dev/mediaN: 0 found (@f filled in), 1 not this one */
static int media_try(struct media_search *ms, const char *dev,
		     struct dev_found *f)
{
	struct media_device_info mi;
	char item[96];
	int fd, ret;

	fd = open(dev, O_RDONLY | O_CLOEXEC);
	if (fd < 0) {
		why_set(item, sizeof(item), "%s: %s", dev, strerror(errno));
		list_add(ms->seen, sizeof(ms->seen), item);
		msg_debug(ms->verbose, "cannot open %s: %s", dev,
			  strerror(errno));
		return 1;
	}
	memset(&mi, 0, sizeof(mi));
	if (xioctl(fd, MEDIA_IOC_DEVICE_INFO, &mi)) {
		msg_debug(ms->verbose, "%s: MEDIA_IOC_DEVICE_INFO failed: %s",
			  dev, strerror(errno));
		close(fd);
		return 1;
	}
	mi.bus_info[sizeof(mi.bus_info) - 1] = '\0';
	mi.driver[sizeof(mi.driver) - 1] = '\0';
	list_add(ms->seen, sizeof(ms->seen), mi.bus_info[0] ? mi.bus_info :
							     mi.driver);
	if (!media_info_matches(&mi, ms->bus)) {
		msg_debug(ms->verbose, "%s: bus_info '%s' driver '%s': not '%s'",
			  dev, mi.bus_info, mi.driver, ms->bus);
		close(fd);
		return 1;
	}
	ms->matched++;
	ret = media_pick(ms, fd, dev, &mi, f);
	close(fd);
	return ret;
}

/* every /dev/media*: 0 found, 1 not found */
static int media_find(struct media_search *ms, struct dev_found *f)
{
	struct dirent **list;
	char dev[64];
	int n, i, ret = 1;

	n = scandir("/dev", &list, is_media_node, versionsort);
	if (n < 0) {
		msg_debug(ms->verbose, "cannot list /dev: %s", strerror(errno));
		return 1;
	}
	for (i = 0; i < n; i++) {
		if (ret && snprintf(dev, sizeof(dev), "/dev/%s",
				    list[i]->d_name) < (int)sizeof(dev))
			ret = media_try(ms, dev, f);
		free(list[i]);
	}
	free(list);
	return ret;
}

static const char *seen_or_none(const struct media_search *ms)
{
	return ms->seen[0] ? ms->seen : "none";
}

int device_find(const struct dev_lookup *lk, enum codec_driver drv,
		enum codec_role role, struct dev_found *f)
{
	struct media_search ms;
	int given = drv == DRV_CMACODEC && lk->bus_info;

	memset(f, 0, sizeof(*f));
	memset(&ms, 0, sizeof(ms));
	ms.bus = given ? lk->bus_info : drv == DRV_VICODEC ? VICODEC_BUS_INFO :
							    CMACODEC_BUS_INFO;
	ms.function = role == ROLE_ENC ? MEDIA_ENT_F_PROC_VIDEO_ENCODER :
					 MEDIA_ENT_F_PROC_VIDEO_DECODER;
	ms.hint = node_names[drv][role];
	ms.verbose = lk->verbose;
	msg_debug(lk->verbose, "looking for the %s %s: media device '%s'",
		  driver_name(drv), role_name(role), ms.bus);
	if (!media_find(&ms, f))
		return EXIT_OK;
	if (ms.matched) {
		why_set(f->why, sizeof(f->why), "no %s %s found: %s",
			 driver_name(drv), role_name(role), ms.why);
		return EXIT_NODEV;
	}
	if (given) {
		why_set(f->why, sizeof(f->why),
			 "no media device with bus_info '%s' (found: %s); is the module loaded? ('cmacodec info' lists the devices)",
			 ms.bus, seen_or_none(&ms));
		return EXIT_NODEV;
	}
	msg_debug(lk->verbose, "no media device with bus_info '%s' (found: %s): falling back to sysfs, video node named '%s'",
		  ms.bus, seen_or_none(&ms), node_names[drv][role]);
	if (!sysfs_find(drv, role, f)) {
		msg_debug(lk->verbose, "sysfs: %s is '%s'", f->path, f->name);
		return EXIT_OK;
	}
	why_set(f->why, sizeof(f->why),
		 "no %s %s found: no media device with bus_info '%s' (found: %s), no video node named '%s' in /sys/class/video4linux (%s%s)",
		 driver_name(drv), role_name(role), ms.bus, seen_or_none(&ms),
		 node_names[drv][role], module_loaded(drv) ?
		 "the module is loaded: see 'dmesg' and 'cmacodec info'" :
		 "is the module loaded? try: modprobe ",
		 module_loaded(drv) ? "" : driver_name(drv));
	return EXIT_NODEV;
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

int device_open(const struct dev_lookup *lk, enum codec_driver drv,
		enum codec_role role, struct codec_dev *d)
{
	struct dev_found f;
	int ret;

	memset(d, 0, sizeof(*d));
	d->fd = -1;
	d->drv = drv;
	d->role = role;
	ret = device_find(lk, drv, role, &f);
	if (ret) {
		msg_err("%s", f.why);
		return ret;
	}
	str_copy(d->path, sizeof(d->path), f.path);
	str_copy(d->name, sizeof(d->name), f.name);
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
