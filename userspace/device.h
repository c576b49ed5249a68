/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * cmacodec tool: finding the codec nodes (through the media controller by
 * bus_info, else by driver and node name through sysfs; checked with
 * VIDIOC_QUERYCAP) and small V4L2 helpers.
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

/* the media device bus_info a driver registers ("platform:cmacodec") */
#define CMACODEC_BUS_INFO "platform:cmacodec"
#define VICODEC_BUS_INFO "platform:vicodec"

/*
 * struct dev_lookup - how the nodes are looked for
 * @bus_info: -z BUS: the media device of cmacodec's nodes, by bus_info,
 *            model or driver name; NULL for CMACODEC_BUS_INFO with the
 *            sysfs search as fallback.  vicodec is always looked for as
 *            VICODEC_BUS_INFO.
 * @verbose:  print the steps of the search (--verbose)
 */
struct dev_lookup {
	const char *bus_info;
	int verbose;
};

/*
 * struct dev_found - the result of a search
 * @path:   /dev/videoN
 * @name:   the node's name (sysfs)
 * @media:  the /dev/mediaN it was found through, "" when through sysfs
 * @entity: the media entity with the encoder/decoder function
 * @why:    when not found: what was searched and what to do
 */
struct dev_found {
	char path[64];
	char name[64];
	char media[64];
	char entity[64];
	char why[512];
};

const char *driver_name(enum codec_driver drv);
const char *role_name(enum codec_role role);

/*
 * device_find() - look for a codec node, print nothing (but --verbose
 * steps)
 * Return: 0, or EXIT_NODEV / EXIT_RUNTIME with @f->why filled in.
 */
int device_find(const struct dev_lookup *lk, enum codec_driver drv,
		enum codec_role role, struct dev_found *f);

/*
 * device_open() - find and open a codec node
 * Return: 0 or an exit code (EXIT_NODEV, EXIT_RUNTIME), message printed.
 */
int device_open(const struct dev_lookup *lk, enum codec_driver drv,
		enum codec_role role, struct codec_dev *d);
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
