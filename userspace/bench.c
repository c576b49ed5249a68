// SPDX-License-Identifier: GPL-2.0-only
/*
 * cmacodec tool: bench - encode generated frames, decode the result; fps,
 * per-frame latency (OUTPUT QBUF to CAPTURE DQBUF) and the tool's own CPU
 * time per frame (getrusage), per driver, io mode and size.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>

#include "tool.h"

#define BENCH_FRAMES 30

struct bench_result {
	int ok;
	unsigned int frames;
	double fps;
	double lat_min_ms;
	double lat_med_ms;
	double lat_p99_ms;
	double cpu_us;
};

/* compressed frames kept in memory between the encode and decode runs */
struct mem_frames {
	uint8_t *data;
	size_t used;
	size_t cap;
	size_t off[1024];
	size_t len[1024];
	unsigned int n;
	unsigned int next;
};

static int mem_put(void *priv, const uint8_t *data, size_t len)
{
	struct mem_frames *m = priv;
	uint8_t *p;

	if (m->n >= 1024)
		return 0;
	if (m->used + len > m->cap) {
		p = realloc(m->data, (m->used + len) * 2);
		if (!p)
			return -EXIT_RUNTIME;
		m->data = p;
		m->cap = (m->used + len) * 2;
	}
	memcpy(m->data + m->used, data, len);
	m->off[m->n] = m->used;
	m->len[m->n++] = len;
	m->used += len;
	return 0;
}

static int mem_next(void *priv, const uint8_t **data, size_t *len)
{
	struct mem_frames *m = priv;

	if (m->next >= m->n)
		return 0;
	*data = m->data + m->off[m->next];
	*len = m->len[m->next++];
	return 1;
}

static int discard_put(void *priv, const uint8_t *buf,
		       const struct raw_layout *lay, unsigned int idx,
		       uint32_t bytesused)
{
	(void)priv, (void)buf, (void)lay, (void)idx, (void)bytesused;
	return 0;
}

static uint64_t cpu_ns(void)
{
	struct rusage ru;

	getrusage(RUSAGE_SELF, &ru);
	return (uint64_t)(ru.ru_utime.tv_sec + ru.ru_stime.tv_sec) *
		       1000000000ULL +
	       (uint64_t)(ru.ru_utime.tv_usec + ru.ru_stime.tv_usec) * 1000ULL;
}

static int cmp_u64(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;

	return x < y ? -1 : x > y;
}

static void result_fill(struct bench_result *r, struct run_stats *st,
			uint64_t cpu)
{
	unsigned int p99;

	r->ok = 1;
	r->frames = st->frames_out;
	r->fps = st->wall_ns ? st->frames_out * 1e9 / (double)st->wall_ns : 0;
	r->cpu_us = st->frames_out ? (double)cpu / 1e3 / st->frames_out : 0;
	if (!st->nlat)
		return;
	qsort(st->lat_ns, st->nlat, sizeof(*st->lat_ns), cmp_u64);
	p99 = (st->nlat * 99 + 99) / 100;
	r->lat_min_ms = (double)st->lat_ns[0] / 1e6;
	r->lat_med_ms = (double)st->lat_ns[st->nlat / 2] / 1e6;
	r->lat_p99_ms = (double)st->lat_ns[(p99 ? p99 : 1) - 1] / 1e6;
}

/* generated frames in raw file layout, as a FILE (fmemopen) */
static FILE *bench_frames(const struct raw_fmt *rf, struct wh sz,
			  unsigned int n, uint8_t **mem)
{
	struct raw_layout lay;
	size_t fb = raw_frame_bytes(rf, sz.w, sz.h);
	unsigned int i;

	raw_layout_init(&lay, rf, sz.w, sz.h, sz.w * rf->luma_step, sz.h);
	*mem = malloc(fb * n);
	if (!*mem)
		return NULL;
	for (i = 0; i < n; i++)
		raw_fill_pattern(&lay, *mem + fb * i, i);
	return fmemopen(*mem, fb * n, "rb");
}

static int bench_enc(enum codec_driver drv, struct wh sz, const struct run_opts *ro,
		     const struct cli_opts *o, struct mem_frames *coded,
		     struct bench_result *r)
{
	struct enc_cfg cfg = { sz.w, sz.h, o->fourcc ? o->fourcc :
			       V4L2_PIX_FMT_YUV420, o->qp, o->gop };
	struct run_stats st;
	struct file_raw_src src = { .path = "generated frames" };
	struct raw_source rs = { file_raw_fill, &src };
	struct coded_sink cs = { mem_put, coded };
	struct dev_lookup lk = opts_lookup(o);
	struct enc_session s;
	uint8_t *mem = NULL;
	uint64_t cpu;
	int ret;

	memset(&st, 0, sizeof(st));
	src.copies = &st.copies;
	ret = enc_open(&s, &lk, drv);
	if (!ret)
		ret = enc_configure(&s, &cfg);
	if (!ret) {
		src.f = bench_frames(s.lay.fmt, sz, ro->max_frames, &mem);
		ret = src.f ? enc_alloc(&s, ro, 0) : EXIT_RUNTIME;
	}
	if (!ret) {
		cpu = cpu_ns();
		ret = enc_run(&s, &rs, &cs, ro, &st);
		result_fill(r, &st, cpu_ns() - cpu);
	}
	if (src.f)
		fclose(src.f);
	free(mem);
	enc_close(&s);
	stats_free(&st);
	return ret;
}

static int bench_dec(enum codec_driver drv, const struct dev_lookup *lk,
		     const struct run_opts *ro, struct mem_frames *coded,
		     struct bench_result *r)
{
	struct coded_source cs = { mem_next, coded };
	struct raw_sink rs = { discard_put, NULL };
	struct fwht_info first;
	struct stream_iter it;
	const uint8_t *p;
	size_t len, max = 0;
	struct run_stats st;
	struct dec_session s;
	unsigned int i;
	uint64_t cpu;
	int ret;

	memset(&st, 0, sizeof(st));
	for (i = 0; i < coded->n; i++)
		max = coded->len[i] > max ? coded->len[i] : max;
	stream_iter_init(&it, coded->data, coded->used);
	if (stream_next(&it, &p, &len, &first) != STREAM_FRAME) {
		msg_err("bench: the encoder produced no valid stream");
		return EXIT_RUNTIME;
	}
	coded->next = 0;
	ret = dec_open(&s, lk, drv);
	if (!ret)
		ret = dec_start(&s, &first, max, ro);
	if (!ret) {
		cpu = cpu_ns();
		ret = dec_run(&s, &cs, &rs, &st);
		result_fill(r, &st, cpu_ns() - cpu);
	}
	dec_close(&s);
	stats_free(&st);
	return ret;
}

static void print_result(enum codec_driver drv, const char *op, struct wh sz,
			 enum io_mode io, const struct bench_result *r)
{
	char size[24];

	snprintf(size, sizeof(size), "%ux%u", sz.w, sz.h);
	printf("%-9s %-3s %-10s %-6s %8.1f %9.2f %9.2f %9.2f %10.1f\n",
	       driver_name(drv), op, size, io_mode_name(io), r->fps,
	       r->lat_min_ms, r->lat_med_ms, r->lat_p99_ms, r->cpu_us);
}

static double ratio(double a, double b)
{
	return b > 0 ? a / b : 0;
}

static void print_ratio(const char *op, struct wh sz, enum io_mode io,
			const struct bench_result *c, const struct bench_result *v)
{
	printf("ratio cmacodec/vicodec %s %ux%u %s: fps x%.2f, median latency x%.2f, cpu/frame x%.2f\n",
	       op, sz.w, sz.h, io_mode_name(io), ratio(c->fps, v->fps),
	       ratio(c->lat_med_ms, v->lat_med_ms), ratio(c->cpu_us, v->cpu_us));
}

/* one driver, size and io mode: encode then decode */
static int bench_one(enum codec_driver drv, struct wh sz, enum io_mode io,
		     const struct cli_opts *o, const struct heap *heap,
		     struct bench_result res[2])
{
	struct run_opts ro = { .io = io, .heap = heap,
			       .max_frames = o->frames ? o->frames :
							 BENCH_FRAMES,
			       .buffers = o->buffers ? o->buffers :
						       DEFAULT_BUFFERS };
	struct dev_lookup lk = opts_lookup(o);
	struct mem_frames coded;
	struct progress pg;
	int ret;

	memset(&coded, 0, sizeof(coded));
	memset(res, 0, 2 * sizeof(*res));
	progress_init(&pg, "bench", o->progress);
	ro.pg = &pg;
	ret = bench_enc(drv, sz, &ro, o, &coded, &res[0]);
	if (!ret) {
		print_result(drv, "enc", sz, io, &res[0]);
		ret = bench_dec(drv, &lk, &ro, &coded, &res[1]);
	}
	if (!ret)
		print_result(drv, "dec", sz, io, &res[1]);
	free(coded.data);
	return ret;
}

int cmd_bench(const struct cli_opts *o)
{
	static const struct wh defaults[] = { { 640, 360 }, { 1280, 720 } };
	const struct wh *sizes = o->nsizes ? o->sizes : defaults;
	unsigned int nsizes = o->nsizes ? o->nsizes : 2, i;
	struct bench_result c[2], v[2];
	struct heap heap = { .fd = -1 };
	int ret = EXIT_OK, io;

	if (o->io_mask & (1U << IO_DMABUF)) {
		ret = heap_open(o->heap, &heap);
		if (ret)
			return ret;
	}
	printf("bench: %u frames per run, %s; latency = OUTPUT QBUF to CAPTURE DQBUF; cpu = this process (user+sys) per frame\n",
	       o->frames ? o->frames : BENCH_FRAMES,
	       o->fourcc ? raw_fmt_find(o->fourcc)->name : "YU12");
	printf("%-9s %-3s %-10s %-6s %8s %9s %9s %9s %10s\n", "driver", "op",
	       "size", "io", "fps", "lat-min", "lat-med", "lat-p99",
	       "cpu-us/fr");
	for (i = 0; !ret && i < nsizes; i++)
		for (io = 0; !ret && io < IO_COUNT; io++) {
			if (!(o->io_mask & (1U << io)))
				continue;
			ret = bench_one(DRV_CMACODEC, sizes[i], (enum io_mode)io,
					o, &heap, c);
			if (!ret && o->vs_vicodec)
				ret = bench_one(DRV_VICODEC, sizes[i],
						(enum io_mode)io, o, &heap, v);
			if (!ret && o->vs_vicodec) {
				print_ratio("enc", sizes[i], (enum io_mode)io,
					    &c[0], &v[0]);
				print_ratio("dec", sizes[i], (enum io_mode)io,
					    &c[1], &v[1]);
			}
		}
	heap_close(&heap);
	return ret;
}
