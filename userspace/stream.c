// SPDX-License-Identifier: GPL-2.0-only
/*
 * cmacodec tool: FWHT stream framing (pure parsing + file loading).
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <linux/cmacodec.h>

#include "stream.h"

static uint32_t get_be32(const uint8_t *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 |
	       (uint32_t)p[2] << 8 | p[3];
}

static void put_be32(uint8_t *p, uint32_t v)
{
	p[0] = (uint8_t)(v >> 24);
	p[1] = (uint8_t)(v >> 16);
	p[2] = (uint8_t)(v >> 8);
	p[3] = (uint8_t)v;
}

static int has_fwht_magic(const uint8_t *p, size_t len)
{
	static const uint8_t magic[8] = { 0x4f, 0x4f, 0x4f, 0x4f,
					  0xff, 0xff, 0xff, 0xff };

	return len >= sizeof(magic) && !memcmp(p, magic, sizeof(magic));
}

/* Largest payload a frame of this size can have (raw, 4 components). */
static size_t fwht_max_payload(uint32_t w, uint32_t h)
{
	size_t cw = (w + 15) & ~15U, ch = (h + 15) & ~15U;

	return cw * ch * 4 + 4096;
}

int fwht_parse_header(const uint8_t *p, size_t len, struct fwht_info *info,
		      const char **why)
{
	uint32_t size;

	if (len < 8 && !memcmp(p, "\x4f\x4f\x4f\x4f\xff\xff\xff\xff", len)) {
		*why = "the frame header is cut short";
		return STREAM_TRUNCATED;
	}
	if (!has_fwht_magic(p, len)) {
		*why = "no FWHT magic (4f4f4f4f ffffffff)";
		return STREAM_GARBAGE;
	}
	if (len < CMACODEC_FWHT_HEADER_SIZE) {
		*why = "the frame header is cut short";
		return STREAM_TRUNCATED;
	}
	info->version = get_be32(p + 8);
	info->width = get_be32(p + 12);
	info->height = get_be32(p + 16);
	info->flags = get_be32(p + 20);
	size = get_be32(p + 40);
	if (info->version < 1 || info->version > CMACODEC_FWHT_VERSION) {
		*why = "unsupported FWHT header version";
		return STREAM_GARBAGE;
	}
	if (!info->width || !info->height || info->width > FWHT_MAX_DIM ||
	    info->height > FWHT_MAX_DIM) {
		*why = "impossible frame size in the header";
		return STREAM_GARBAGE;
	}
	if (size > fwht_max_payload(info->width, info->height)) {
		*why = "payload size field too large for the frame size";
		return STREAM_GARBAGE;
	}
	info->components = info->version >= 2 ?
		1 + ((info->flags & CMACODEC_FWHT_FL_COMPONENTS_NUM_MSK) >>
		     CMACODEC_FWHT_FL_COMPONENTS_NUM_OFFSET) : 3;
	info->frame_bytes = CMACODEC_FWHT_HEADER_SIZE + (size_t)size;
	if (info->frame_bytes > len) {
		*why = "the frame payload is cut short";
		return STREAM_TRUNCATED;
	}
	return STREAM_FRAME;
}

void stream_iter_init(struct stream_iter *it, const uint8_t *data,
		      size_t len)
{
	memset(it, 0, sizeof(*it));
	it->data = data;
	it->len = len;
}

const char *stream_kind_name(enum stream_kind kind)
{
	switch (kind) {
	case STREAM_FWHT:
		return "FWHT";
	case STREAM_HDR:
		return "v4l2-ctl hdr";
	default:
		return "unknown";
	}
}

static int stream_detect(struct stream_iter *it)
{
	if (it->len >= 4 && get_be32(it->data) == HDR_FILE_ID) {
		it->kind = STREAM_HDR;
		return 0;
	}
	if (has_fwht_magic(it->data, it->len) ||
	    (it->len < 8 &&
	     !memcmp(it->data, "\x4f\x4f\x4f\x4f\xff\xff\xff\xff", it->len))) {
		it->kind = STREAM_FWHT;
		return 0;
	}
	snprintf(it->err, sizeof(it->err),
		 "not an FWHT stream: it starts neither with the FWHT magic (4f4f4f4f ffffffff) nor with a v4l2-ctl --stream-to-hdr header");
	return STREAM_GARBAGE;
}

/* HDR: step to the next non-empty packet; STREAM_FRAME when there is one */
static int stream_next_packet(struct stream_iter *it)
{
	uint32_t n;

	while (it->pos >= it->pkt_end) {
		it->pos = it->pkt_end;
		if (it->pos == it->len)
			return STREAM_END;
		if (it->len - it->pos < HDR_PREFIX_SIZE) {
			snprintf(it->err, sizeof(it->err),
				 "stream truncated at byte %zu: hdr packet header cut short (%zu of %d bytes)",
				 it->pos, it->len - it->pos, HDR_PREFIX_SIZE);
			return STREAM_TRUNCATED;
		}
		if (get_be32(it->data + it->pos) != HDR_FILE_ID) {
			snprintf(it->err, sizeof(it->err),
				 "garbage at byte %zu: expected a v4l2-ctl hdr packet ('rdhV') after frame %u",
				 it->pos, it->frames);
			return STREAM_GARBAGE;
		}
		n = get_be32(it->data + it->pos + 4);
		it->pos += HDR_PREFIX_SIZE;
		if (n > it->len - it->pos) {
			snprintf(it->err, sizeof(it->err),
				 "stream truncated at byte %zu: hdr packet of frame %u needs %u bytes, only %zu left",
				 it->pos, it->frames + 1, n, it->len - it->pos);
			return STREAM_TRUNCATED;
		}
		it->pkt_end = it->pos + n;
	}
	return STREAM_FRAME;
}

int stream_next(struct stream_iter *it, const uint8_t **frame,
		size_t *frame_len, struct fwht_info *info)
{
	const char *why = "";
	size_t end;
	int ret;

	if (it->kind == STREAM_UNKNOWN) {
		if (!it->len)
			return STREAM_END;
		ret = stream_detect(it);
		if (ret)
			return ret;
		if (it->kind == STREAM_FWHT)
			it->pkt_end = it->len;
	}
	if (it->kind == STREAM_HDR) {
		ret = stream_next_packet(it);
		if (ret != STREAM_FRAME)
			return ret;
	} else if (it->pos == it->len) {
		return STREAM_END;
	}
	end = it->pkt_end;
	ret = fwht_parse_header(it->data + it->pos, end - it->pos, info, &why);
	if (ret == STREAM_TRUNCATED && it->kind == STREAM_HDR &&
	    end != it->len) {
		snprintf(it->err, sizeof(it->err),
			 "bad frame %u at byte %zu: it does not fit its v4l2-ctl hdr packet (%s)",
			 it->frames + 1, it->pos, why);
		return STREAM_GARBAGE;
	}
	if (ret == STREAM_TRUNCATED) {
		snprintf(it->err, sizeof(it->err),
			 "stream truncated at byte %zu: frame %u is incomplete (%s; %zu bytes left)",
			 it->pos, it->frames + 1, why, end - it->pos);
		return ret;
	}
	if (ret != STREAM_FRAME) {
		snprintf(it->err, sizeof(it->err),
			 "bad data at byte %zu where frame %u should start: %s",
			 it->pos, it->frames + 1, why);
		return ret;
	}
	*frame = it->data + it->pos;
	*frame_len = info->frame_bytes;
	it->pos += info->frame_bytes;
	it->frames++;
	return STREAM_FRAME;
}

void hdr_prefix(uint8_t out[HDR_PREFIX_SIZE], uint32_t len)
{
	put_be32(out, HDR_FILE_ID);
	put_be32(out + 4, len);
}

static int stream_file_read_all(int fd, struct stream_file *sf)
{
	size_t cap = 1 << 20;
	ssize_t n;
	uint8_t *p;

	sf->data = malloc(cap);
	if (!sf->data)
		return -1;
	for (;;) {
		if (sf->len == cap) {
			p = realloc(sf->data, cap * 2);
			if (!p)
				return -1;
			sf->data = p;
			cap *= 2;
		}
		n = read(fd, sf->data + sf->len, cap - sf->len);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return -1;
		if (!n)
			return 0;
		sf->len += (size_t)n;
	}
}

int stream_file_load(const char *path, struct stream_file *sf)
{
	struct stat st;
	int fd, ret = 0, err;
	void *p;

	memset(sf, 0, sizeof(*sf));
	fd = strcmp(path, "-") ? open(path, O_RDONLY | O_CLOEXEC) : dup(0);
	if (fd < 0)
		return -1;
	if (fstat(fd, &st) == 0 && S_ISREG(st.st_mode)) {
		sf->len = (size_t)st.st_size;
		if (sf->len) {
			p = mmap(NULL, sf->len, PROT_READ, MAP_PRIVATE, fd, 0);
			if (p == MAP_FAILED) {
				ret = -1;
			} else {
				sf->data = p;
				sf->mapped = 1;
			}
		}
	} else if (fstat(fd, &st) == 0 && S_ISDIR(st.st_mode)) {
		errno = EISDIR;
		ret = -1;
	} else {
		ret = stream_file_read_all(fd, sf);
	}
	err = errno;
	close(fd);
	if (ret) {
		stream_file_free(sf);
		errno = err;
	}
	return ret;
}

void stream_file_free(struct stream_file *sf)
{
	if (sf->mapped)
		munmap(sf->data, sf->len);
	else
		free(sf->data);
	memset(sf, 0, sizeof(*sf));
}
