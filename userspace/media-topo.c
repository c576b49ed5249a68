// SPDX-License-Identifier: GPL-2.0-only
/*
 * cmacodec tool: choosing a codec node from a media controller topology.
 */
#include <stdio.h>
#include <string.h>

#include "media-topo.h"

#define TOPO_ARRAY(t, field, type) \
	((const type *)(uintptr_t)(t)->ptr_##field)

static int field_eq(const char *field, size_t len, const char *want)
{
	return strlen(want) < len && !strncmp(field, want, len);
}

int media_info_matches(const struct media_device_info *mi, const char *want)
{
	if (!want || !*want)
		return 0;
	return field_eq(mi->bus_info, sizeof(mi->bus_info), want) ||
	       field_eq(mi->model, sizeof(mi->model), want) ||
	       field_eq(mi->driver, sizeof(mi->driver), want);
}

static const struct media_v2_entity *
topo_entity(const struct media_v2_topology *t, uint32_t id)
{
	const struct media_v2_entity *e = TOPO_ARRAY(t, entities,
						     struct media_v2_entity);
	uint32_t i;

	for (i = 0; e && i < t->num_entities; i++)
		if (e[i].id == id)
			return &e[i];
	return NULL;
}

static const struct media_v2_pad *topo_pad(const struct media_v2_topology *t,
					   uint32_t id)
{
	const struct media_v2_pad *p = TOPO_ARRAY(t, pads, struct media_v2_pad);
	uint32_t i;

	for (i = 0; p && i < t->num_pads; i++)
		if (p[i].id == id)
			return &p[i];
	return NULL;
}

/* MEDIA_LNK_FL_LINK_TYPE, without its signed-int overflow (0xf << 28) */
#define LINK_TYPE_MASK (0xfU << 28)

static uint32_t link_type(const struct media_v2_link *l)
{
	return l->flags & LINK_TYPE_MASK;
}

/* the entity with @function at the other end of a data link of @ent */
static const struct media_v2_entity *
topo_data_peer(const struct media_v2_topology *t, uint32_t ent,
	       uint32_t function)
{
	const struct media_v2_link *l = TOPO_ARRAY(t, links,
						   struct media_v2_link);
	const struct media_v2_pad *a, *b;
	const struct media_v2_entity *peer;
	uint32_t i;

	for (i = 0; l && i < t->num_links; i++) {
		if (link_type(&l[i]) != MEDIA_LNK_FL_DATA_LINK)
			continue;
		a = topo_pad(t, l[i].source_id);
		b = topo_pad(t, l[i].sink_id);
		if (!a || !b)
			continue;
		if (a->entity_id == ent)
			peer = topo_entity(t, b->entity_id);
		else if (b->entity_id == ent)
			peer = topo_entity(t, a->entity_id);
		else
			continue;
		if (peer && peer->function == function)
			return peer;
	}
	return NULL;
}

/* the entity with @function that interface @intf leads to */
static const struct media_v2_entity *
topo_intf_function(const struct media_v2_topology *t, uint32_t intf,
		   uint32_t function)
{
	const struct media_v2_link *l = TOPO_ARRAY(t, links,
						   struct media_v2_link);
	const struct media_v2_entity *e;
	uint32_t i;

	for (i = 0; l && i < t->num_links; i++) {
		if (link_type(&l[i]) != MEDIA_LNK_FL_INTERFACE_LINK ||
		    l[i].source_id != intf)
			continue;
		e = topo_entity(t, l[i].sink_id);
		if (!e)
			continue;
		if (e->function == function)
			return e;
		e = topo_data_peer(t, e->id, function);
		if (e)
			return e;
	}
	return NULL;
}

static int name_has_prefix(const char *name, size_t len, const char *hint)
{
	size_t n = strlen(hint);

	return n < len && !strncmp(name, hint, n) &&
	       (name[n] == '\0' || name[n] == '-');
}

int topo_find_devnode(const struct media_v2_topology *t, uint32_t function,
		      const char *hint, struct topo_match *m)
{
	const struct media_v2_interface *in = TOPO_ARRAY(t, interfaces,
						 struct media_v2_interface);
	const struct media_v2_entity *e;
	int hinted = 0, h;
	uint32_t i;

	memset(m, 0, sizeof(*m));
	for (i = 0; in && i < t->num_interfaces; i++) {
		if (in[i].intf_type != MEDIA_INTF_T_V4L_VIDEO)
			continue;
		e = topo_intf_function(t, in[i].id, function);
		if (!e)
			continue;
		h = hint && name_has_prefix(e->name, sizeof(e->name), hint);
		if (!m->candidates++ || (h && !hinted)) {
			m->major = in[i].devnode.major;
			m->minor = in[i].devnode.minor;
			snprintf(m->entity, sizeof(m->entity), "%.*s",
				 (int)sizeof(e->name), e->name);
			hinted = h;
		}
	}
	return m->candidates ? 0 : -1;
}
