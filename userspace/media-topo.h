/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * cmacodec tool: choosing a codec node from a media controller topology
 * (MEDIA_IOC_DEVICE_INFO, MEDIA_IOC_G_TOPOLOGY).  Pure: no I/O, host-tested
 * with synthetic topologies; device.c does the ioctls.
 */
#ifndef CMACODEC_TOOL_MEDIA_TOPO_H
#define CMACODEC_TOOL_MEDIA_TOPO_H

#include <stddef.h>
#include <stdint.h>

#include <linux/media.h>

/*
 * struct topo_match - the interface chosen for a function
 * @major, @minor: its character device
 * @entity:        name of the entity with the function (e.g.
 *                 "cmacodec-enc-proc")
 * @candidates:    video interfaces linked to an entity with the function
 */
struct topo_match {
	uint32_t major;
	uint32_t minor;
	char entity[64];
	unsigned int candidates;
};

/*
 * media_info_matches() - does a media device answer to @want?
 * True when @want is its bus_info (e.g. "platform:cmacodec"), its model
 * or its driver name, compared in full.
 */
int media_info_matches(const struct media_device_info *mi, const char *want);

/*
 * topo_find_devnode() - the video interface of an entity with @function
 * @t:        a topology filled in by MEDIA_IOC_G_TOPOLOGY (the ptr_* fields
 *            point at arrays of num_* elements)
 * @function: MEDIA_ENT_F_PROC_VIDEO_ENCODER or _DECODER
 * @hint:     entity name prefix preferred among several candidates (e.g.
 *            "stateful-decoder" against vicodec's stateless decoder), or
 *            NULL
 * @m:        receives the choice
 *
 * A V4L video interface (MEDIA_INTF_T_V4L_VIDEO) qualifies when it is
 * linked to an entity with @function, either directly or, as for mem2mem
 * devices (v4l2_m2m_register_media_controller()), through an I/O entity
 * whose pads have a data link to a pad of the processing entity.  The
 * first candidate whose entity name is @hint or starts with "@hint-" wins,
 * else the first candidate.
 *
 * Return: 0, or -1 when no interface qualifies (@m->candidates is 0).
 */
int topo_find_devnode(const struct media_v2_topology *t, uint32_t function,
		      const char *hint, struct topo_match *m);

#endif /* CMACODEC_TOOL_MEDIA_TOPO_H */
