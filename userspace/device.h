/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * cmacodec tool: finding the codec nodes (by driver and node name through
 * sysfs, checked with VIDIOC_QUERYCAP) and small V4L2 helpers.
 */
#ifndef CMACODEC_TOOL_DEVICE_H
#define CMACODEC_TOOL_DEVICE_H

#include <stddef.h>
#include <stdint.h>

#include <linux/videodev2.h>

enum codec_role {
	ROLE_ENC,
	ROLE_DEC,
};

enum codec_driver {
	DRV_CMACODEC,
	DRV_VICODEC,
};

/*
 * struct codec_dev - an open codec node
 * @fd:    file descriptor (O_NONBLOCK)
 * @drv:   cmacodec or vicodec
 * @role:  encoder or decoder
 * @path:  /dev/videoN
 * @name:  node name
 * @bus_info: from QUERYCAP
 */
struct codec_dev {
	int fd;
	enum codec_driver drv;
	enum codec_role role;
	char path[64];
	char name[64];
	char bus_info[64];
};

const char *driver_name(enum codec_driver drv);
const char *role_name(enum codec_role role);

/*
 * device_find() - the /dev path of a codec node
 * Return: 0, or -1 if there is none (nothing printed).
 */
int device_find(enum codec_driver drv, enum codec_role role, char *path,
		size_t len, char *name, size_t namelen);

/*
 * device_open() - find and open a codec node
 * Return: 0 or an exit code (EXIT_NODEV, EXIT_RUNTIME), message printed.
 */
int device_open(enum codec_driver drv, enum codec_role role,
		struct codec_dev *d);
void device_close(struct codec_dev *d);

/* ioctl() retried on EINTR */
int xioctl(int fd, unsigned long req, void *arg);

/* set an integer control; 0 or -1 (errno) */
int v4l2_set_ctrl(int fd, uint32_t id, int32_t value);
/* subscribe to an event type; 0 or -1 (errno) */
int v4l2_subscribe(int fd, uint32_t type);

/* readable text of a CID for messages */
const char *ctrl_name(uint32_t id);

#endif /* CMACODEC_TOOL_DEVICE_H */
