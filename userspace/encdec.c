// SPDX-License-Identifier: GPL-2.0-only
/*
 * cmacodec tool: the enc and dec subcommands.
 */
#include <errno.h>
#include <string.h>
#include <unistd.h>

#include "tool.h"

static void run_opts_init(struct run_opts *ro, const struct cli_opts *o,
			  const struct heap *heap, struct progress *pg)
{
	ro->io = o->io;
	ro->buffers = o->buffers ? o->buffers : DEFAULT_BUFFERS;
	ro->heap = heap;
	ro->max_frames = o->frames;
	ro->pg = pg;
}

static double secs(uint64_t ns)
{
	return ns ? (double)ns / 1e9 : 1e-9;
}

static int enc_session_run(const struct cli_opts *o, struct enc_session *s,
			   const struct heap *heap)
{
	struct enc_cfg cfg = { o->size.w, o->size.h, o->fourcc, o->qp, o->gop };
	struct run_stats st;
	struct file_raw_src src = { .path = o->in };
	struct file_coded_sink sink = { .path = o->out, .hdr = o->hdr };
	struct raw_source rs = { file_raw_fill, &src };
	struct coded_sink cs = { file_coded_put, &sink };
	struct progress pg;
	struct run_opts ro;
	int ret;

	memset(&st, 0, sizeof(st));
	src.copies = &st.copies;
	sink.copies = &st.copies;
	progress_init(&pg, "enc", o->progress);
	run_opts_init(&ro, o, heap, &pg);
	ret = enc_configure(s, &cfg);
	if (ret)
		return ret;
	src.f = open_in(o->in);
	if (!src.f)
		return EXIT_BADINPUT;
	sink.f = open_out(o->out);
	if (!sink.f) {
		fclose(src.f);
		return EXIT_RUNTIME;
	}
	ret = enc_alloc(s, &ro, 0);
	if (!ret)
		ret = enc_run(s, &rs, &cs, &ro, &st);
	if (src.f != stdin)
		fclose(src.f);
	if (close_out(sink.f, o->out) && !ret)
		ret = EXIT_RUNTIME;
	if (!o->quiet && st.frames_out)
		fprintf(stderr,
			TOOL_NAME ": enc: %u frames %ux%u %s -> %llu bytes FWHT%s (%.1f:1), %s io, %.1f fps\n",
			st.frames_out, o->size.w, o->size.h,
			s->lay.fmt->name, (unsigned long long)st.bytes_out,
			o->hdr ? " (hdr)" : "",
			(double)s->lay.frame_bytes * st.frames_out /
				(double)(st.bytes_out ? st.bytes_out : 1),
			io_mode_name(o->io), st.frames_out / secs(st.wall_ns));
	stats_free(&st);
	return ret;
}

/* The input must be readable, and --io dmabuf needs the dma-heap open. */
static int prepare_io(const struct cli_opts *o, struct heap *heap)
{
	int ret = input_check(o->in);

	if (!ret && o->io == IO_DMABUF)
		ret = heap_open(o->heap, heap);
	return ret;
}

int cmd_enc(const struct cli_opts *o)
{
	struct enc_session s;
	struct heap heap = { .fd = -1 };
	struct dev_lookup lk;
	int ret;

	ret = prepare_io(o, &heap);
	if (ret)
		return ret;
	lk = opts_lookup(o);
	ret = enc_open(&s, &lk, DRV_CMACODEC);
	if (!ret)
		ret = enc_session_run(o, &s, &heap);
	enc_close(&s);
	heap_close(&heap);
	return ret;
}

struct file_raw_sink {
	FILE *f;
	const char *path;
	struct copy_stats *copies;
};

static int file_raw_put(void *priv, const uint8_t *buf,
			const struct raw_layout *lay, unsigned int idx,
			uint32_t bytesused)
{
	struct file_raw_sink *sink = priv;

	(void)idx;
	(void)bytesused;
	if (raw_write_frame(sink->f, lay, buf)) {
		msg_err("writing %s failed: %s", sink->path, strerror(errno));
		return -EXIT_RUNTIME;
	}
	sink->copies->file_io += lay->frame_bytes;
	return 0;
}

static int dec_session_run(const struct cli_opts *o, struct dec_session *s,
			   const struct heap *heap)
{
	struct stream_file sf;
	struct iter_src isrc;
	struct fwht_info first;
	struct file_raw_sink sink = { .path = o->out };
	struct coded_source cs = { iter_next, &isrc };
	struct raw_sink rs = { file_raw_put, &sink };
	struct run_stats st;
	struct progress pg;
	struct run_opts ro;
	size_t max_frame;
	int ret;

	memset(&st, 0, sizeof(st));
	sink.copies = &st.copies;
	ret = stream_open_input(o->in, &sf, &isrc, &first, &max_frame);
	if (ret)
		return ret;
	progress_init(&pg, "dec", o->progress);
	run_opts_init(&ro, o, heap, &pg);
	s->want_fourcc = o->fourcc;
	sink.f = open_out(o->out);
	if (!sink.f) {
		stream_file_free(&sf);
		return EXIT_RUNTIME;
	}
	ret = dec_start(s, &first, max_frame, &ro);
	if (!ret)
		ret = dec_run(s, &cs, &rs, &st);
	if (close_out(sink.f, o->out) && !ret)
		ret = EXIT_RUNTIME;
	if (!o->quiet && st.frames_out)
		fprintf(stderr,
			TOOL_NAME ": dec: %u frames %ux%u %s (%s stream), %s io, %.1f fps\n",
			st.frames_out, s->vis_w, s->vis_h, s->lay.fmt->name,
			stream_kind_name(isrc.it.kind), io_mode_name(o->io),
			st.frames_out / secs(st.wall_ns));
	stream_file_free(&sf);
	stats_free(&st);
	return ret;
}

int cmd_dec(const struct cli_opts *o)
{
	struct dec_session s;
	struct heap heap = { .fd = -1 };
	struct dev_lookup lk;
	int ret;

	ret = prepare_io(o, &heap);
	if (ret)
		return ret;
	lk = opts_lookup(o);
	ret = dec_open(&s, &lk, DRV_CMACODEC);
	if (!ret)
		ret = dec_session_run(o, &s, &heap);
	dec_close(&s);
	heap_close(&heap);
	return ret;
}
