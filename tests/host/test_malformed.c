// SPDX-License-Identifier: GPL-2.0
/*
 * Decoder robustness: every malformed input gets its error code, nothing
 * is read or written out of bounds (run under ASan/UBSan), and API misuse
 * is rejected.
 */
#include <arpa/inet.h>
#include "testlib.h"

#define W 64
#define H 48
#define FMT CMACODEC_PIX_FMT_YUV420

struct fixture {
	struct test_frame src, dst;
	struct cmacodec_fwht_enc enc;
	struct cmacodec_fwht_dec dec;
	u8 *enc_ref, *dec_ref;
	u32 ref_size;
	u8 istream[20000], pstream[20000];
	int ilen, plen;
};

static struct fixture fx;

static void put_be32(u8 *p, u32 v)
{
	p[0] = v >> 24;
	p[1] = v >> 16;
	p[2] = v >> 8;
	p[3] = v;
}

static int setup(void)
{
	struct cmacodec_fwht_enc_params p = {
		.i_frame_qp = 20, .p_frame_qp = 20, .is_intra = true,
	};
	struct cmacodec_fwht_raw raw;

	fx.ref_size = cmacodec_fwht_ref_size(FMT, W, H);
	fx.enc_ref = malloc(fx.ref_size);
	fx.dec_ref = malloc(fx.ref_size);
	if (test_frame_alloc(&fx.src, FMT, W, H) ||
	    test_frame_alloc(&fx.dst, FMT, W, H) ||
	    cmacodec_fwht_enc_init(&fx.enc, FMT, W, H, fx.enc_ref, fx.ref_size))
		return -1;
	test_fill(&fx.src, PATTERN_SMOOTH, 0, 1);
	test_raw(&fx.src, &raw);
	fx.ilen = cmacodec_fwht_encode(&fx.enc, &raw, &p, fx.istream,
				       sizeof(fx.istream), NULL);
	test_fill(&fx.src, PATTERN_SMOOTH, 1, 1);
	p.is_intra = false;
	fx.plen = cmacodec_fwht_encode(&fx.enc, &raw, &p, fx.pstream,
				       sizeof(fx.pstream), NULL);
	return fx.ilen > 0 && fx.plen > 0 ? 0 : -1;
}

/* Decode @len bytes of @buf with a fresh decoder (optionally primed) */
static int decode(const u8 *buf, u32 len, bool prime)
{
	struct cmacodec_fwht_raw raw;
	u8 *copy = malloc(len ? len : 1);
	int ret;

	/* an exact-size heap copy, so ASan sees any over-read */
	memcpy(copy, buf, len);
	cmacodec_fwht_dec_init(&fx.dec, FMT, W, H, fx.dec_ref, fx.ref_size);
	test_raw(&fx.dst, &raw);
	if (prime)
		cmacodec_fwht_decode(&fx.dec, fx.istream, fx.ilen, &raw, NULL);
	ret = cmacodec_fwht_decode(&fx.dec, copy, len, &raw, NULL);
	free(copy);
	return ret;
}

/* Patch a 32-bit header field of a copy of the I-frame and decode it */
static int decode_patched(unsigned int offset, u32 value)
{
	u8 buf[20000];

	memcpy(buf, fx.istream, fx.ilen);
	put_be32(buf + offset, value);
	return decode(buf, fx.ilen, false);
}

static void expect(int got, int want, const char *what)
{
	tap_ok(got == want, "%s: %s (got %d: %s)", what,
	       cmacodec_fwht_strerror(want), got,
	       cmacodec_fwht_strerror(got));
}

static void test_header_errors(void)
{
	u32 flags;
	u8 buf[20000];
	unsigned int len, bad = 0;

	expect(decode(fx.istream, fx.ilen, false), fx.ilen, "valid I-frame");
	expect(decode(fx.istream, 0, false), -CMACODEC_FWHT_ETRUNC, "empty");
	expect(decode(fx.istream, 43, false), -CMACODEC_FWHT_ETRUNC,
	       "43-byte header");
	for (len = 0; len < (unsigned int)fx.ilen; len++)
		bad += decode(fx.istream, len, false) != -CMACODEC_FWHT_ETRUNC;
	tap_ok(!bad, "every truncation 0..%d bytes: ETRUNC", fx.ilen - 1);

	memcpy(buf, fx.istream, fx.ilen);
	buf[0] ^= 1;
	expect(decode(buf, fx.ilen, false), -CMACODEC_FWHT_EMAGIC,
	       "bad magic1");
	memcpy(buf, fx.istream, fx.ilen);
	buf[7] = 0xfe;
	expect(decode(buf, fx.ilen, false), -CMACODEC_FWHT_EMAGIC,
	       "bad magic2");

	expect(decode_patched(8, 0), -CMACODEC_FWHT_EVERSION, "version 0");
	expect(decode_patched(8, 4), -CMACODEC_FWHT_EVERSION, "version 4");
	expect(decode_patched(8, 2), fx.ilen, "version 2 accepted");
	expect(decode_patched(8, 1), fx.ilen,
	       "version 1 accepted (3 components implied)");
	expect(decode_patched(12, 0), -CMACODEC_FWHT_ESIZE, "width 0");
	expect(decode_patched(16, 0), -CMACODEC_FWHT_ESIZE, "height 0");
	expect(decode_patched(12, CMACODEC_FWHT_MAX_WIDTH + 1),
	       -CMACODEC_FWHT_ESIZE, "width too large");
	expect(decode_patched(16, 0xffffffff), -CMACODEC_FWHT_ESIZE,
	       "height 0xffffffff");
	expect(decode_patched(12, W - 8), -CMACODEC_FWHT_ERESOLUTION,
	       "width differs from the decoder's");

	flags = ntohl(*(u32 *)(fx.istream + 20));
	expect(decode_patched(20, flags & ~CMACODEC_FWHT_FL_PIXENC_MSK),
	       -CMACODEC_FWHT_EFLAGS, "pixel encoding 0");
	expect(decode_patched(20, (flags & ~CMACODEC_FWHT_FL_COMPONENTS_NUM_MSK) |
			      (1 << CMACODEC_FWHT_FL_COMPONENTS_NUM_OFFSET)),
	       -CMACODEC_FWHT_EFLAGS, "2 components");
	expect(decode_patched(20, flags | CMACODEC_FWHT_FL_COMPONENTS_NUM_MSK),
	       -CMACODEC_FWHT_EFLAGS, "8 components");
	expect(decode_patched(20, (flags & ~CMACODEC_FWHT_FL_PIXENC_MSK) |
			      CMACODEC_FWHT_FL_PIXENC_RGB),
	       -CMACODEC_FWHT_EFLAGS, "RGB 4:2:0 is no format");
	expect(decode_patched(20, flags | CMACODEC_FWHT_FL_CHROMA_FULL_WIDTH |
			      CMACODEC_FWHT_FL_CHROMA_FULL_HEIGHT),
	       -CMACODEC_FWHT_EFORMAT, "4:4:4 stream for a 4:2:0 decoder");

	expect(decode_patched(40, fx.ilen - 44 + 1), -CMACODEC_FWHT_ETRUNC,
	       "size field one past the buffer");
	expect(decode_patched(40, 0xffffffff), -CMACODEC_FWHT_ETRUNC,
	       "size field 0xffffffff");
	expect(decode_patched(40, (fx.ilen - 44) / 2), -CMACODEC_FWHT_ECORRUPT,
	       "size field half the payload");
	expect(decode_patched(40, 0), -CMACODEC_FWHT_ECORRUPT,
	       "size field 0");
}

static void test_reference_errors(void)
{
	struct cmacodec_fwht_raw raw;
	u8 buf[20000];

	expect(decode(fx.pstream, fx.plen, false), -CMACODEC_FWHT_ENOREF,
	       "P-frame without a reference");
	expect(decode(fx.pstream, fx.plen, true), fx.plen,
	       "P-frame after the I-frame");

	/* a corrupt frame leaves no valid reference behind */
	memcpy(buf, fx.istream, fx.ilen);
	put_be32(buf + 40, 10);
	test_raw(&fx.dst, &raw);
	cmacodec_fwht_decode(&fx.dec, buf, fx.ilen, &raw, NULL);
	expect(cmacodec_fwht_decode(&fx.dec, fx.pstream, fx.plen, &raw, NULL),
	       -CMACODEC_FWHT_ENOREF, "P-frame after a corrupt frame");
}

static void test_garbage(void)
{
	unsigned int i, api_errors = 0, neg = 0, outcomes[3] = { 0 };
	u32 rng = 99;
	u8 buf[20000];

	/* random bytes: no magic, rejected */
	for (i = 0; i < 2000; i++) {
		u32 len = test_rand(&rng) % 300, j;

		for (j = 0; j < len; j++)
			buf[j] = test_rand(&rng) >> 24;
		neg += decode(buf, len, false) < 0;
	}
	tap_ok(neg == 2000, "2000 random buffers rejected");

	/* a valid header followed by random payload */
	for (i = 0; i < 2000; i++) {
		u32 len = 44 + test_rand(&rng) % 4000, j;
		int ret;

		memcpy(buf, fx.istream, 44);
		put_be32(buf + 40, len - 44);
		for (j = 44; j < len; j++)
			buf[j] = test_rand(&rng) >> 24;
		ret = decode(buf, len, i & 1);
		outcomes[ret > 0 ? 0 : ret == -CMACODEC_FWHT_ECORRUPT ? 1 : 2]++;
	}
	tap_ok(!outcomes[2] && outcomes[0] + outcomes[1] == 2000,
	       "random payloads: %u decoded, %u ECORRUPT, %u other", outcomes[0],
	       outcomes[1], outcomes[2]);

	/* bit flips in a valid P-frame */
	for (i = 0; i < 2000; i++) {
		memcpy(buf, fx.pstream, fx.plen);
		buf[44 + test_rand(&rng) % (fx.plen - 44)] ^=
			1 << (test_rand(&rng) % 8);
		if (decode(buf, fx.plen, true) == -CMACODEC_FWHT_EINVAL)
			api_errors++;
	}
	tap_ok(!api_errors, "2000 bit-flipped P-frames survived");
}

static void test_api_misuse(void)
{
	struct cmacodec_fwht_enc_params p = {
		.i_frame_qp = 20, .p_frame_qp = 20, .is_intra = true,
	};
	struct cmacodec_fwht_raw raw;
	struct cmacodec_fwht_stream_info info;
	u8 out[64];
	int i, unknown = 0;

	expect(cmacodec_fwht_dec_init(&fx.dec, 0x12345678, W, H, fx.dec_ref,
				      fx.ref_size),
	       -CMACODEC_FWHT_EFOURCC, "dec_init unknown fourcc");
	expect(cmacodec_fwht_dec_init(&fx.dec, FMT, 0, H, fx.dec_ref,
				      fx.ref_size),
	       -CMACODEC_FWHT_ESIZE, "dec_init width 0");
	expect(cmacodec_fwht_enc_init(&fx.enc, FMT, W, H, fx.enc_ref,
				      fx.ref_size - 1),
	       -CMACODEC_FWHT_ENOSPC, "enc_init reference too small");
	tap_ok(cmacodec_fwht_ref_size(FMT, 0, 1) == 0 &&
	       cmacodec_fwht_ref_size(0, 8, 8) == 0 &&
	       cmacodec_fwht_ref_size(FMT, 16, 16) == (4 + 2) * 64,
	       "ref_size: 0 for bad arguments, blocks * 64 otherwise");

	cmacodec_fwht_enc_init(&fx.enc, FMT, W, H, fx.enc_ref, fx.ref_size);
	test_raw(&fx.src, &raw);
	p.i_frame_qp = 0;
	expect(cmacodec_fwht_encode(&fx.enc, &raw, &p, fx.istream,
				    sizeof(fx.istream), NULL),
	       -CMACODEC_FWHT_EINVAL, "encode QP 0");
	p.i_frame_qp = 20;
	expect(cmacodec_fwht_encode(&fx.enc, &raw, &p, out, sizeof(out), NULL),
	       -CMACODEC_FWHT_ENOSPC, "encode into 64 bytes");
	raw.size--;
	expect(cmacodec_fwht_encode(&fx.enc, &raw, &p, fx.istream,
				    sizeof(fx.istream), NULL),
	       -CMACODEC_FWHT_ENOSPC, "source buffer one byte short");

	cmacodec_fwht_dec_init(&fx.dec, FMT, W, H, fx.dec_ref, fx.ref_size);
	test_raw(&fx.dst, &raw);
	raw.bytesperline = W - 1;
	expect(cmacodec_fwht_decode(&fx.dec, fx.istream, fx.ilen, &raw, NULL),
	       -CMACODEC_FWHT_ENOSPC, "destination bytesperline too small");
	expect(cmacodec_fwht_decode(&fx.dec, fx.istream, fx.ilen, NULL,
				    &info),
	       fx.ilen, "decode without destination (reference only)");
	tap_ok(info.width == W && info.height == H && info.components == 3 &&
	       info.width_div == 2 && info.pixenc == CMACODEC_PIXENC_YUV &&
	       info.is_intra && info.frame_size == (u32)fx.ilen,
	       "stream info filled in");

	for (i = 0; i < CMACODEC_FWHT_ERR_COUNT; i++)
		unknown += !strcmp(cmacodec_fwht_strerror(-i),
				   "unknown error");
	tap_ok(!unknown && !strcmp(cmacodec_fwht_strerror(-1000),
				   "unknown error"),
	       "strerror covers every code");
}

int main(void)
{
	if (setup()) {
		tap_ok(0, "fixture set-up");
		return tap_done("test_malformed");
	}
	test_header_errors();
	test_reference_errors();
	test_garbage();
	test_api_misuse();
	return tap_done("test_malformed");
}
